//! Response rules and each report's clock: adding and editing a rule (the office's own, or an
//! editable seeded one), granting an extension, recording a response sent, and releasing a
//! response document to the public site.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{SqliteConnection, SqlitePool};

use super::{Actor, Found, RecordError, RecordResult, Saved, Tx};
use crate::db::clocks;
use crate::domain::clocks::{NewExtension, NewRule, NewSent, ReportClock, Rule};
use crate::domain::dates::today_in_london;
use crate::domain::vocab::{AuditAction, Entity};

/// Add a rule of the office's own; its id.
pub async fn add_rule(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewRule,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = clocks::insert_rule(&mut tx, &new, now).await?;
    let after = clocks::rule(&mut *tx, id).await?;
    tx.created(Entity::ResponseRule, id, &after).await
}

/// Save the rule `id` over version `version`: stale (with the rule as it is now) if someone
/// saved first; forbidden for a statutory rule, which the law fixes.
pub async fn update_rule(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: NewRule,
) -> RecordResult<Saved<i64, Rule>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = clocks::rule(&mut *tx, id).await.found()?;
    if !before.editable {
        return Err(RecordError::Forbidden);
    }
    if !clocks::update_rule(&mut tx, id, version, &new, now).await? {
        return Ok(Saved::Stale(before));
    }
    let after = clocks::rule(&mut *tx, id).await?;
    tx.updated(Entity::ResponseRule, id, &before, &after).await
}

/// The clock of report `inspection_id` under rule `rule_id`, as it stands in `tx`: not found
/// if there is no such report or rule, or the rule does not apply to the report.
pub async fn clock_of(
    conn: &mut SqliteConnection,
    inspection_id: i64,
    rule_id: i64,
    now: DateTime<Utc>,
) -> RecordResult<ReportClock> {
    let report = clocks::report(&mut *conn, inspection_id).await.found()?;
    let rule = clocks::rule(&mut *conn, rule_id).await.found()?;
    let extensions = clocks::extensions(&mut *conn, inspection_id).await?;
    let sent = clocks::sent(&mut *conn, inspection_id).await?;
    report
        .clocks(&[rule], &extensions, &sent, today_in_london(now))
        .pop()
        .ok_or(RecordError::NotFound)
}

/// Grant an extension of one report's clock; its id. Refused on the form when the rule has
/// no extensions (section 55) or the new last day is not later than the current one.
pub async fn extend(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewExtension,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let clock = clock_of(&mut tx, new.inspection_id, new.rule_id, now).await?;
    let problems = crate::domain::clocks::extension_problems(
        &clock.rule,
        clock.last_day,
        clock.starts,
        new.new_last_day,
        new.requested_on,
        new.granted_on,
    );
    if !problems.is_empty() {
        let mut errors = crate::forms::FieldErrors::default();
        for (field, message) in problems {
            errors.add(field, message);
        }
        return Err(RecordError::Invalid(errors));
    }
    let id = clocks::insert_extension(&mut tx, &new, actor.id, now).await?;
    let after = json!({
        "extension": new,
        "rule": clock.rule.name,
        "original_last_day": clock.original_last_day,
        "previous_last_day": clock.last_day,
    });
    tx.created(Entity::ClockExtension, id, &after).await
}

/// Record a response sent under one report's clock; its id. The first one sent meets it.
pub async fn record_sent(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewSent,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let clock = clock_of(&mut tx, new.inspection_id, new.rule_id, now).await?;
    if new.sent_on < clock.starts {
        return Err(RecordError::field(
            "sent_on",
            "A response cannot be sent before the clock started",
        ));
    }
    if new.sent_on > today_in_london(now) {
        return Err(RecordError::field(
            "sent_on",
            "The date a response was sent cannot be in the future",
        ));
    }
    let id = clocks::insert_sent(&mut tx, &new, actor.id, now).await?;
    let after = json!({ "sent": new, "rule": clock.rule.name, "last_day": clock.last_day });
    tx.created(Entity::ClockResponse, id, &after).await
}

/// Release the response document of one report's clock to the public site (the next edition
/// carries it), or take it back; a conflict if it already is (or is not) released.
pub async fn set_released(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    inspection_id: i64,
    rule_id: i64,
    released: bool,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let clock = clock_of(&mut tx, inspection_id, rule_id, now).await?;
    if !clocks::set_released(&mut tx, inspection_id, rule_id, actor.id, released, now).await? {
        return Err(RecordError::Conflict);
    }
    let action = match released {
        true => AuditAction::Release,
        false => AuditAction::Unrelease,
    };
    let state = json!({ "rule_id": rule_id, "rule": clock.rule.name, "released": released });
    tx.audit(
        Entity::Inspection,
        inspection_id,
        action,
        None::<&()>,
        Some(&state),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}

/// Make `names` the themes of the finding `finding_id` (creating any theme not yet known,
/// matched without regard to case); the audit keeps the names before and after.
pub async fn tag(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    finding_id: i64,
    names: Vec<String>,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    crate::db::findings::find(&mut *tx, finding_id)
        .await
        .found()?;
    let before: Vec<String> = clocks::themes_of_finding(&mut *tx, finding_id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    let mut ids = Vec::new();
    for name in &names {
        let id = match clocks::theme_named(&mut *tx, name).await? {
            Some((id, _)) => id,
            None => {
                let id = clocks::insert_theme(&mut tx, name, now).await?;
                tx.audit(
                    Entity::Theme,
                    id,
                    AuditAction::Create,
                    None::<&()>,
                    Some(&json!({ "name": name })),
                )
                .await?;
                id
            }
        };
        ids.push(id);
    }
    clocks::set_finding_themes(&mut tx, finding_id, &ids).await?;
    let after: Vec<String> = clocks::themes_of_finding(&mut *tx, finding_id)
        .await?
        .into_iter()
        .map(|(_, name)| name)
        .collect();
    tx.audit(
        Entity::Finding,
        finding_id,
        AuditAction::Tag,
        Some(&json!({ "themes": before })),
        Some(&json!({ "themes": after })),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}
