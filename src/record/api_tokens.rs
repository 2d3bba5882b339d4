//! Making a personal API token and revoking one – or all of a user's, when their account is
//! disabled or an administrator resets its password (a token acts with its user's current
//! role and bodies, so a new role needs no new token). Only the token's SHA-256 is stored.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, Saved, Tx};
use crate::db::api_tokens::{self, NewToken};
use crate::db::users;
use crate::domain::vocab::{AuditAction, Entity, Role, TokenAccess};

/// Make the token `new` for its user; its id. Refused (forbidden) while the user still has a
/// one-time password or is disabled, and for a read-write token of a read-only role.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: NewToken<'_>,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let owner = users::find(&mut *tx, new.user_id).await.found()?;
    let read_only_role = owner.role == Role::Panel;
    if owner.must_change_password
        || owner.disabled_at.is_some()
        || (read_only_role && new.access == TokenAccess::ReadWrite)
    {
        return Err(RecordError::Forbidden);
    }
    let id = api_tokens::insert(&mut *tx, &new, now).await.map_err(|e| {
        match crate::db::is_constraint_violation(&e) {
            true => RecordError::field("name", "Enter a name of at most 100 characters"),
            false => RecordError::Database(e),
        }
    })?;
    let after = api_tokens::find_for_user(&mut *tx, new.user_id, id).await?;
    tx.created(Entity::ApiToken, id, &after).await
}

/// Revoke the user's token `id` (not found if it is someone else's). Revoking a revoked
/// token changes nothing and records nothing.
pub async fn revoke(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    user_id: i64,
    id: i64,
) -> RecordResult<Saved<(), Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = api_tokens::find_for_user(&mut *tx, user_id, id)
        .await
        .found()?;
    if !api_tokens::revoke(&mut *tx, id, now).await? {
        return Ok(Saved::Done(()));
    }
    audit_revoked(&mut tx, before).await?;
    tx.commit().await?;
    Ok(Saved::Done(()))
}

/// Revoke every live token of the user `user_id` inside the caller's change to their
/// account, one audit event per token.
pub(super) async fn revoke_all(tx: &mut Tx, user_id: i64) -> RecordResult<()> {
    let now = tx.now();
    let tokens = api_tokens::list_for_user(&mut **tx, user_id).await?;
    for before in tokens.into_iter().filter(|t| t.revoked_at.is_none()) {
        api_tokens::revoke(&mut **tx, before.id, now).await?;
        audit_revoked(tx, before).await?;
    }
    Ok(())
}

async fn audit_revoked(tx: &mut Tx, before: api_tokens::TokenRow) -> RecordResult<()> {
    let after = api_tokens::find_for_user(&mut **tx, before.user_id, before.id).await?;
    tx.audit(
        Entity::ApiToken,
        before.id,
        AuditAction::Revoke,
        Some(&before),
        after.as_ref(),
    )
    .await
}
