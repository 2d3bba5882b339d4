//! Approving a public summary for the next edition, and withdrawing the approval.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, Saved, Tx};
use crate::db::publishing::{self, SummaryKind};
use crate::domain::vocab::AuditAction;

/// Approve (as the user `approver_id`) or withdraw the public summary of the `kind` record
/// `id`. Approving an approved summary keeps its first approval; withdrawing an unapproved
/// one changes nothing. Neither is written or audited.
pub async fn set_approval(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    approver_id: i64,
    (kind, id): (SummaryKind, i64),
    approve: bool,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = publishing::find_approval(&mut tx, kind, id)
        .await?
        .ok_or(RecordError::NotFound)?;
    if before.approved_at.is_some() == approve {
        // Dropping the transaction rolls it back: there was nothing to write.
        return Ok(Saved::Done(()));
    }
    let approval = approve.then_some((now, approver_id));
    publishing::set_approval(&mut tx, kind, id, approval).await?;
    let after = publishing::find_approval(&mut tx, kind, id).await?;
    let action = match approve {
        true => AuditAction::ApproveSummary,
        false => AuditAction::WithdrawSummary,
    };
    let entity = publishing::entity(kind);
    tx.audit(entity, id, action, Some(&before), after.as_ref())
        .await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}
