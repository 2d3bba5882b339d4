//! Approving a public summary for the next edition, withdrawing the approval, and publishing
//! an edition.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, Saved, Tx};
use crate::db::editions::{self, Publication};
use crate::db::publishing::{self, Summaries, SummaryKind};
use crate::domain::dates::Now;
use crate::domain::inputs::same_wording;
use crate::domain::publishing::Filter;
use crate::domain::vocab::{AuditAction, Entity};

/// What the office decided about a summary: approve the wording it was shown, or withdraw.
#[derive(Debug, Clone, Copy)]
pub enum Decision<'a> {
    Approve { seen: &'a str },
    Withdraw,
}

/// The summary's wording changed between the page the approver read and the approval.
#[derive(Debug, Clone, PartialEq)]
pub struct Reworded {
    pub seen: String,
    pub now: String,
}

/// Approve (as the user `approver_id`) or withdraw the public summary of the `kind` record
/// `id`. An approval binds the wording the approver saw: if the summary now says something
/// else it is refused (stale, with both). Approving an approved summary keeps its first
/// approval; withdrawing an unapproved one changes nothing. Neither is written or audited.
/// The audit event records the approved wording.
pub async fn set_approval(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    approver_id: i64,
    summary: (SummaryKind, i64),
    decision: Decision<'_>,
) -> RecordResult<Saved<(), Reworded>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let decided = decide(&mut tx, approver_id, summary, decision).await?;
    if let Saved::Done(true) = decided {
        tx.commit().await?;
    }
    // Otherwise dropping the transaction rolls it back: there was nothing to write.
    Ok(match decided {
        Saved::Done(_) => Saved::Done(()),
        Saved::Stale(reworded) => Saved::Stale(reworded),
    })
}

/// One decision on one summary, audited, within `tx`; whether anything changed.
async fn decide(
    tx: &mut Tx,
    approver_id: i64,
    (kind, id): (SummaryKind, i64),
    decision: Decision<'_>,
) -> RecordResult<Saved<bool, Reworded>> {
    let before = publishing::find_approval(tx, kind, id).await.found()?;
    if let Decision::Approve { seen } = decision
        && !same_wording(seen, &before.summary)
    {
        return Ok(Saved::Stale(Reworded {
            seen: seen.to_string(),
            now: before.summary,
        }));
    }
    let approve = matches!(decision, Decision::Approve { .. });
    if before.approved_at.is_some() == approve {
        return Ok(Saved::Done(false));
    }
    let approval = approve.then_some((tx.now(), approver_id));
    publishing::set_approval(tx, kind, id, approval).await?;
    let after = publishing::find_approval(tx, kind, id).await?;
    let action = match approve {
        true => AuditAction::ApproveSummary,
        false => AuditAction::WithdrawSummary,
    };
    let entity = publishing::entity(kind);
    tx.audit(entity, id, action, Some(&before), after.as_ref())
        .await?;
    Ok(Saved::Done(true))
}

/// The list "approve all shown" was offered changed before it was sent: nothing was approved.
#[derive(Debug, Clone, PartialEq)]
pub struct ListChanged;

/// Approve every summary awaiting approval that the publishing page showed under `filter`,
/// as the user `approver_id`, provided the list is still the one shown: `shown` is the
/// [`Summaries::fingerprint`] of what the page offered. If any was added, removed or reworded since,
/// nothing is approved (stale). Each approval is audited as if approved one by one; how
/// many were approved.
pub async fn approve_shown(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    approver_id: i64,
    filter: Filter,
    shown: &str,
) -> RecordResult<Saved<usize, ListChanged>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let summaries = Summaries::load(&mut tx, filter).await?;
    if summaries.fingerprint() != shown.trim() {
        return Ok(Saved::Stale(ListChanged));
    }
    let awaiting = summaries.awaiting();
    if awaiting.is_empty() {
        return Ok(Saved::Done(0));
    }
    for (kind, row) in &awaiting {
        let seen = &row.summary;
        let decided = decide(
            &mut tx,
            approver_id,
            (*kind, row.id),
            Decision::Approve { seen },
        );
        if let Saved::Stale(_) = decided.await? {
            // Read in this transaction, the wording cannot have changed; refuse all the same.
            return Ok(Saved::Stale(ListChanged));
        }
    }
    tx.commit().await?;
    Ok(Saved::Done(awaiting.len()))
}

/// Freeze the record as it stands on `today` into the next numbered edition, published by the
/// user `publisher_id` with an optional note; the new edition's number.
pub async fn publish_edition(
    pool: &SqlitePool,
    actor: &Actor,
    Now { at: now, today }: Now,
    publisher_id: i64,
    note: Option<String>,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let publication = Publication {
        now,
        today,
        publisher_id,
        actor,
        note: note.as_deref(),
    };
    let (number, after) = editions::insert(&mut tx, &publication).await?;
    tx.audit(
        Entity::Edition,
        number,
        AuditAction::Publish,
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(number))
}
