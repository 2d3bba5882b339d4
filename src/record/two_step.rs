//! Turning two-step sign-in on and off, and spending recovery codes – each recorded in the
//! audit log as a change to the account (whether it is on, how many codes are left), never
//! with the secret or a code. The browser and the command line call the same functions.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqlitePool};

use super::{Actor, Tx};
use crate::auth::two_step::{new_recovery_codes, recovery_code_hash};
use crate::db::two_step;
use crate::domain::vocab::{AuditAction, Entity};
use crate::record::accounts::AccountError;

/// An account's two-step sign-in as the audit log shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Audited {
    pub two_step: bool,
    pub recovery_codes_left: i64,
}

async fn audited(tx: &mut SqliteConnection, user_id: i64) -> Result<Audited, sqlx::Error> {
    Ok(Audited {
        two_step: two_step::find(&mut *tx, user_id).await?.is_some(),
        recovery_codes_left: two_step::codes_left(&mut *tx, user_id).await?,
    })
}

async fn finish(mut tx: Tx, user_id: i64, before: &Audited) -> Result<(), AccountError> {
    let after = audited(&mut tx, user_id).await?;
    tx.audit(
        Entity::User,
        user_id,
        AuditAction::Update,
        Some(before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Turn two-step sign-in on for `user_id` with the authenticator `secret` (already checked
/// against a code of `step`, which may not be used again); returns the new recovery codes,
/// shown once. Any earlier secret and codes are replaced.
pub async fn enable(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: i64,
    secret: &str,
    step: i64,
) -> Result<Vec<String>, AccountError> {
    let codes = new_recovery_codes();
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = audited(&mut tx, user_id).await?;
    two_step::delete(&mut tx, user_id).await?;
    two_step::insert(&mut *tx, user_id, secret, now, step).await?;
    for code in &codes {
        two_step::insert_code(&mut *tx, user_id, &recovery_code_hash(code)).await?;
    }
    finish(tx, user_id, &before).await?;
    Ok(codes)
}

/// Turn two-step sign-in off for `user_id` (they then sign in with their password alone);
/// false when it was not on.
pub async fn turn_off(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: i64,
) -> Result<bool, AccountError> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = audited(&mut tx, user_id).await?;
    if !two_step::delete(&mut tx, user_id).await? {
        return Ok(false);
    }
    finish(tx, user_id, &before).await?;
    Ok(true)
}

/// Spend one of `user_id`'s recovery codes; false when `typed` is none of their unused ones.
pub async fn use_recovery_code(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    actor: &Actor,
    user_id: i64,
    typed: &str,
) -> Result<bool, AccountError> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = audited(&mut tx, user_id).await?;
    if !before.two_step
        || !two_step::use_code(&mut *tx, user_id, &recovery_code_hash(typed), now).await?
    {
        return Ok(false);
    }
    finish(tx, user_id, &before).await?;
    Ok(true)
}
