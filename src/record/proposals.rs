//! Proposing a new milestone date (the force or the office) and the office's decision on it:
//! accepting writes the revision through the one revision path, with the same audit event as
//! a direct revision; rejecting gives a reason. A proposal is decided once, and never by the
//! person who sent it. A met milestone takes no proposals.

use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

use super::milestones::{find as find_milestone, refuse_if_met, write_revision};
use super::{Actor, Found, RecordError, RecordResult, Saved, Tx};
use crate::db::proposals::{self, ProposalRow};
use crate::domain::milestones::{DateMove, NewProposal};
use crate::domain::vocab::{AuditAction, Entity, ProposalStatus};

/// Where a refused decision's message goes: the proposals page's error summary.
pub const PROPOSAL_FIELD: &str = "proposal";

/// Send `new` as the user `proposed_by`; the proposal's id.
pub async fn propose(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    proposed_by: i64,
    new: NewProposal,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    refuse_if_met(&find_milestone(&mut tx, new.milestone_id).await?, "date")?;
    let id = proposals::insert(&mut *tx, &new, proposed_by, now).await?;
    tx.created(Entity::RevisionProposal, id, &new).await
}

/// Accept the proposal `id` as the user `decided_by` on `decided_on`, moving its milestone's
/// date; a conflict if it has already been decided. Refused (a message) if `decided_by` sent
/// the proposal: nobody both asks for a new date and grants it.
pub async fn accept(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    (decided_by, decided_on): (i64, NaiveDate),
    id: i64,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = find(&mut tx, id).await?;
    if before.proposed_by == decided_by {
        return Err(RecordError::field(
            PROPOSAL_FIELD,
            "You sent this proposal, so someone else in the office must accept it",
        ));
    }
    let milestone = find_milestone(&mut tx, before.milestone_id).await?;
    refuse_if_met(&milestone, PROPOSAL_FIELD)?;
    let decision = (decided_by, decided_on);
    decide(&mut tx, id, ProposalStatus::Accepted, decision, None).await?;
    let change = DateMove {
        new_due_on: before.proposed_due_on,
        reason_category: before.reason_category,
        reason: before.reason.clone(),
        requested_by: before.requested_by.clone(),
    };
    write_revision(&mut tx, &milestone, change, decision, Some(id)).await?;
    audit_decision(&mut tx, &before, AuditAction::Accept).await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}

/// Reject the proposal `id` as the user `decided_by` on `decided_on`, for `reason`; a
/// conflict if it has already been decided.
pub async fn reject(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    (decided_by, decided_on): (i64, NaiveDate),
    id: i64,
    reason: String,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = find(&mut tx, id).await?;
    let decision = (decided_by, decided_on);
    decide(
        &mut tx,
        id,
        ProposalStatus::Rejected,
        decision,
        Some(&reason),
    )
    .await?;
    audit_decision(&mut tx, &before, AuditAction::Reject).await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}

async fn find(tx: &mut Tx, id: i64) -> RecordResult<ProposalRow> {
    proposals::find(&mut **tx, id).await.found()
}

/// Decide a pending proposal; a conflict if someone decided it first.
async fn decide(
    tx: &mut Tx,
    id: i64,
    status: ProposalStatus,
    (decided_by, decided_on): (i64, NaiveDate),
    reason: Option<&str>,
) -> RecordResult<()> {
    let when = (decided_on, tx.now());
    match proposals::decide(&mut **tx, id, status, decided_by, reason, when).await? {
        true => Ok(()),
        false => Err(RecordError::Conflict),
    }
}

/// Record the decision: the proposal before and as it is now.
async fn audit_decision(
    tx: &mut Tx,
    before: &ProposalRow,
    action: AuditAction,
) -> RecordResult<()> {
    let after = proposals::find(&mut **tx, before.id).await?;
    tx.audit(
        Entity::RevisionProposal,
        before.id,
        action,
        Some(before),
        after.as_ref(),
    )
    .await
}
