//! Adding a milestone, revising its date (the office) and marking it met. A revision is
//! written in one place, [`write_revision`], whether the office revises the date directly or
//! accepts a proposal, so both record the same audit event. A met milestone's dates are
//! history: they are never moved ([`refuse_if_met`]).

use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::milestones::{self, MilestoneRow, NewRevision};
use crate::domain::dates::uk_date;
use crate::domain::milestones::{DateMove, NewMilestone};
use crate::domain::vocab::{AuditAction, Entity};

/// Add `new` to its action; the new milestone's id.
pub async fn add(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewMilestone,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = milestones::insert(&mut *tx, &new, now)
        .await
        .missing_on_constraint()?;
    let after = milestones::find(&mut *tx, id).await?;
    tx.created(Entity::Milestone, id, &after).await
}

/// Move the milestone `id` to a new date, accepted by the user `accepted_by` as decided on
/// `decided_on` (today, or earlier when history is backfilled); the revision's id.
pub async fn revise(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    accepted_by: i64,
    id: i64,
    (change, decided_on): (DateMove, NaiveDate),
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = find(&mut tx, id).await?;
    let decision = (accepted_by, decided_on);
    let rid = write_revision(&mut tx, &before, change, decision, None).await?;
    tx.commit().await?;
    Ok(Saved::Done(rid))
}

/// Record that the milestone `id` was met on `met_on`; a conflict if it already was.
pub async fn met(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    met_on: NaiveDate,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = find(&mut tx, id).await?;
    if !milestones::update_met(&mut *tx, id, met_on).await? {
        return Err(RecordError::Conflict);
    }
    let after = milestones::find(&mut *tx, id).await?;
    tx.audit(
        Entity::Milestone,
        id,
        AuditAction::Met,
        Some(&before),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}

/// Undo a wrong "met" with a reason: the milestone goes back to scheduled or missed as its
/// dates say. The audit event keeps the milestone as it was (with its met date) and the reason.
pub async fn undo_met(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    reason: String,
) -> RecordResult<Saved<(), Infallible>> {
    #[derive(serde::Serialize)]
    struct Undone {
        #[serde(flatten)]
        milestone: Option<MilestoneRow>,
        reason: String,
    }
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = find(&mut tx, id).await?;
    if !milestones::clear_met(&mut *tx, id).await? {
        return Err(RecordError::Conflict);
    }
    let after = Undone {
        milestone: milestones::find(&mut *tx, id).await?,
        reason,
    };
    let action = AuditAction::Correct;
    tx.audit(Entity::Milestone, id, action, Some(&before), Some(&after))
        .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}

/// THE one way a milestone's date moves: insert the revision (the database trigger moves the
/// current date) and record it – the milestone before, the revision and the milestone after.
/// `decision` is who accepted it and the day it took effect; `proposal_id` names the
/// proposal being accepted, if any. The revision's id.
pub(super) async fn write_revision(
    tx: &mut Tx,
    before: &MilestoneRow,
    change: DateMove,
    (accepted_by, decided_on): (i64, NaiveDate),
    proposal_id: Option<i64>,
) -> RecordResult<i64> {
    refuse_if_met(before, "date")?;
    let new = NewRevision {
        milestone_id: before.id,
        previous_due_on: before.current_due_on,
        new_due_on: change.new_due_on,
        reason_category: change.reason_category,
        reason: change.reason,
        requested_by: change.requested_by,
        accepted_by,
        accepted_at: tx.now(),
        proposal_id,
        decided_on,
    };
    let rid = milestones::insert_revision(&mut **tx, &new).await?;
    let after = milestones::find(&mut **tx, before.id).await?;
    tx.audit(
        Entity::MilestoneRevision,
        rid,
        AuditAction::Create,
        Some(before),
        Some(&(&new, after)),
    )
    .await?;
    Ok(rid)
}

/// A milestone already met cannot be moved: its dates are what happened. A message on
/// `field` (the form's date field, or wherever the page shows it).
pub(super) fn refuse_if_met(m: &MilestoneRow, field: &'static str) -> RecordResult<()> {
    match m.met_on {
        Some(met) => Err(RecordError::field(
            field,
            format!(
                "This milestone was met on {}, so its date cannot be moved",
                uk_date(met)
            ),
        )),
        None => Ok(()),
    }
}

/// The milestone `id` as it is inside the write (not found if there is none).
pub(super) async fn find(tx: &mut Tx, id: i64) -> RecordResult<MilestoneRow> {
    milestones::find(&mut **tx, id).await.found()
}
