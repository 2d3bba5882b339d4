//! Adding a finding to an inspection, editing one (its parts kept where judged), and
//! importing a file of findings all at once.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::findings::{self, FindingRow, PartRow, removed_parts};
use crate::domain::findings::{NewFinding, reference_taken};
use crate::domain::vocab::{AuditAction, Entity};

/// Add `new` to the inspection `inspection_id`; the finding's id.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    inspection_id: i64,
    new: NewFinding,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    // Someone else may have added the same reference since the form was checked.
    let id = findings::insert(&mut tx, inspection_id, &new, now)
        .await
        .on_constraint("reference", &reference_taken(&new.reference))?;
    findings::replace_parts(&mut tx, id, &new.parts).await?;
    let after = json!({ "inspection_id": inspection_id, "finding": new, "parts": new.parts });
    tx.created(Entity::Finding, id, &after).await
}

/// Save the finding `id` over `version`, the one the person saw. Parts that an assessment or
/// position refers to cannot be removed.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: NewFinding,
) -> RecordResult<Saved<i64, FindingRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = findings::find(&mut *tx, id).await.found()?;
    let existing = findings::list_parts(&mut *tx, id).await?;
    let matched = findings::update(&mut tx, id, version, &new, now)
        .await
        .on_constraint("reference", &reference_taken(&new.reference))?;
    if !matched {
        return Ok(Saved::Stale(before));
    }
    // Checked under the write lock, so an assessment added since the form was read cannot
    // make the delete in `replace_parts` fail.
    let referenced = findings::list_referenced_parts(&mut *tx, id).await?;
    keeps_judged_parts(&existing, &new.parts, &referenced)?;
    findings::replace_parts(&mut tx, id, &new.parts).await?;
    let before = json!({ "finding": before, "parts": existing });
    let after = json!({ "finding": new, "parts": new.parts });
    tx.updated(Entity::Finding, id, &before, &after).await
}

/// Add every finding of an imported file to the inspection, or none of them. A reference
/// added meanwhile is refused on the field `csv`.
pub async fn import(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    inspection_id: i64,
    new: Vec<NewFinding>,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    for f in &new {
        let message = format!(
            "Reference {} was added to this inspection meanwhile. Nothing has been saved: check the file again.",
            f.reference
        );
        let id = findings::insert(&mut tx, inspection_id, f, now)
            .await
            .on_constraint("csv", &message)?;
        let after = json!({ "inspection_id": inspection_id, "finding": f });
        tx.audit(
            Entity::Finding,
            id,
            AuditAction::Import,
            None::<&()>,
            Some(&after),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Saved::Done(inspection_id))
}

/// Refuse a change that drops a part an assessment or position refers to.
fn keeps_judged_parts(
    existing: &[PartRow],
    lines: &[String],
    referenced: &[i64],
) -> RecordResult<()> {
    let blocked: Vec<&str> = removed_parts(existing, lines)
        .into_iter()
        .filter(|p| referenced.contains(&p.id))
        .map(|p| p.text.as_str())
        .collect();
    if blocked.is_empty() {
        return Ok(());
    }
    Err(RecordError::field(
        "parts",
        format!(
            "These parts have been judged and cannot be removed: {}",
            blocked.join("; ")
        ),
    ))
}
