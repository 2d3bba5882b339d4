//! Withdrawing a record entered in error, and restoring it. Nothing is deleted: the record
//! keeps its place in the audit chain and comes back whole when restored.

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use std::convert::Infallible;

use super::{Actor, Found, RecordError, RecordResult, Saved, Tx};
use crate::db::withdrawals;
use crate::domain::vocab::AuditAction;
use crate::domain::withdrawals::{Withdrawable, Withdrawal, may_change};

/// Withdraw the record `id`, with the date it took effect and why; refused (conflict) when it
/// is already withdrawn. Answers the page that shows the record.
pub async fn withdraw(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    what: Withdrawable,
    id: i64,
    withdrawal: Withdrawal,
) -> RecordResult<Saved<String, Infallible>> {
    save(pool, actor, now, what, id, Some(withdrawal)).await
}

/// Restore the withdrawn record `id`; refused (conflict) when it is not withdrawn.
pub async fn restore(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    what: Withdrawable,
    id: i64,
) -> RecordResult<Saved<String, Infallible>> {
    save(pool, actor, now, what, id, None).await
}

async fn save(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    what: Withdrawable,
    id: i64,
    withdrawal: Option<Withdrawal>,
) -> RecordResult<Saved<String, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = withdrawals::find(&mut *tx, what, id).await.found()?;
    if !may_change(before.as_ref(), withdrawal.is_some())
        || !withdrawals::set(&mut *tx, what, id, withdrawal.as_ref()).await?
    {
        return Err(RecordError::Conflict);
    }
    let action = match withdrawal {
        Some(_) => AuditAction::Withdraw,
        None => AuditAction::Restore,
    };
    tx.audit(
        what.entity(),
        id,
        action,
        before.as_ref(),
        withdrawal.as_ref(),
    )
    .await?;
    let page = withdrawals::page_of(&mut *tx, what, id).await?;
    tx.commit().await?;
    Ok(Saved::Done(page))
}
