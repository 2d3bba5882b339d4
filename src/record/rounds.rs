//! Update-request rounds: opening one (its items, one request per owner, in one transaction)
//! and each chaser up the ladder after it.

use std::collections::BTreeMap;
use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, Saved, Tx};
use crate::db;
use crate::db::rounds::{ItemRow, RoundRow};
use crate::domain::dates::today_in_london;
use crate::domain::mail::letters::{Letter, RoundFacts, RoundItemFacts, Sender};
use crate::domain::rounds::{Chaser, NewRound};
use crate::domain::vocab::{AuditAction, ChaseStep, Entity, MailKind};

/// Writes a round's message to one person about their items.
pub type Compose = fn(&Sender, &RoundFacts, &str, &[RoundItemFacts]) -> Letter;

/// Open a round: record the actions `input` picks with their owners, and queue one request to
/// each owner listing their items (round requests always go). Refused when nothing is picked.
pub async fn open(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    opened_by: i64,
    input: &NewRound,
    from: &Sender,
    compose: Compose,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let picked = db::rounds::list_picked(&mut *tx, input.pick).await?;
    if picked.is_empty() {
        return Err(RecordError::field(
            "pick",
            "No open action matches this choice: choose another body, inspection or owner",
        ));
    }
    let id = db::rounds::insert(&mut tx, input, opened_by, now).await?;
    for (action_id, owner_id) in &picked {
        db::rounds::insert_item(&mut tx, id, *action_id, *owner_id).await?;
    }
    let round = db::rounds::find(&mut *tx, id)
        .await?
        .ok_or(RecordError::NotFound)?;
    let items = db::rounds::list_items(&mut *tx, &[id]).await?;
    let mut asked = 0;
    for (owner_id, (name, email, mine)) in by_owner(&items) {
        let letter = compose(from, &facts(&round), &name, &mine);
        let mail_id = queue(
            &mut tx,
            from,
            MailKind::RoundRequest,
            &email,
            owner_id,
            &letter,
        )
        .await?;
        let count = i64::try_from(mine.len()).unwrap_or(i64::MAX);
        db::rounds::insert_chaser(
            &mut tx,
            id,
            ChaseStep::Request,
            owner_id,
            mail_id,
            count,
            now,
        )
        .await?;
        asked += 1;
    }
    let after = json!({
        "title": input.title, "meeting_id": input.meeting_id, "return_by": input.return_by,
        "remind_on": input.remind_on, "pick": input.pick, "items": picked.len(),
        "owners_asked": asked,
        "without_owner": picked.iter().filter(|(_, o)| o.is_none()).count(),
    });
    tx.finish(
        Entity::UpdateRound,
        id,
        AuditAction::Open,
        None::<&()>,
        Some(&after),
    )
    .await
}

/// Send one chaser: queue its message and record the step, once. `Ok(false)` when that step
/// already went to that person.
pub async fn chase(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    round_id: i64,
    chaser: &Chaser,
    to: &str,
    from: &Sender,
    letter: &Letter,
) -> RecordResult<bool> {
    let actor = Actor::system("mail worker");
    let mut tx = Tx::begin(pool, &actor, now).await?;
    let kind = match chaser.step {
        ChaseStep::Request => MailKind::RoundRequest,
        ChaseStep::Reminder => MailKind::RoundReminder,
        ChaseStep::Escalation => MailKind::RoundEscalation,
    };
    let mail_id = queue(&mut tx, from, kind, to, chaser.user_id, letter).await?;
    let count = i64::try_from(chaser.action_ids.len()).unwrap_or(i64::MAX);
    let new = db::rounds::insert_chaser(
        &mut tx,
        round_id,
        chaser.step,
        chaser.user_id,
        mail_id,
        count,
        now,
    )
    .await?;
    if !new {
        return Ok(false);
    }
    let after =
        json!({ "step": chaser.step, "user_id": chaser.user_id, "actions": chaser.action_ids });
    tx.audit(
        Entity::UpdateRound,
        round_id,
        AuditAction::Chase,
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A round as its messages describe it.
pub fn facts(round: &RoundRow) -> RoundFacts {
    let meeting = round.meeting_title.clone().zip(
        round
            .meeting_starts_at
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()),
    );
    RoundFacts {
        id: round.id,
        title: round.title.clone(),
        return_by: round.return_by,
        meeting,
    }
}

/// One item as a message lists it.
pub fn item_facts(item: &ItemRow) -> RoundItemFacts {
    RoundItemFacts {
        action_id: item.action_id,
        reference: item.reference.clone(),
        title: item.title.clone(),
        body_name: item.body_name.clone(),
        owner_name: item.owner_name.clone(),
        update_path: format!("/actions/{}/updates/new", item.action_id),
    }
}

/// The date, in London, of a stored instant.
fn london_date(stored: &str) -> Option<NaiveDate> {
    let at = DateTime::parse_from_rfc3339(stored)
        .ok()?
        .with_timezone(&Utc);
    Some(today_in_london(at))
}

/// The date an update was entered on, in London.
pub fn entered_on(item: &ItemRow) -> Option<NaiveDate> {
    london_date(item.update_entered_at.as_deref()?)
}

/// The date a round was opened on, in London.
pub fn opened_on(round: &RoundRow) -> Option<NaiveDate> {
    london_date(&round.opened_at)
}

/// Each owner with an account in use, with their items.
fn by_owner(items: &[ItemRow]) -> BTreeMap<i64, (String, String, Vec<RoundItemFacts>)> {
    let mut owners: BTreeMap<i64, (String, String, Vec<RoundItemFacts>)> = BTreeMap::new();
    for item in items {
        if let (Some(id), Some(name), Some(email)) =
            (item.owner_id, &item.owner_name, &item.owner_email)
        {
            owners
                .entry(id)
                .or_insert_with(|| (name.clone(), email.clone(), Vec::new()))
                .2
                .push(item_facts(item));
        }
    }
    owners
}

async fn queue(
    tx: &mut Tx,
    from: &Sender,
    kind: MailKind,
    to: &str,
    user_id: i64,
    letter: &Letter,
) -> RecordResult<i64> {
    let mail = db::mail::NewMail {
        kind,
        to,
        user_id: Some(user_id),
        subscription_id: None,
        letter,
        unsubscribe_url: None,
        domain: from.domain(),
    };
    let now = tx.now();
    Ok(db::mail::insert(&mut **tx, &mail, now).await?)
}
