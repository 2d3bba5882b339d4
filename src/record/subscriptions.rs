//! Public subscriptions: signing up (with the confirmation message, in one transaction),
//! confirming and unsubscribing. The audit log records what was followed, never the address.

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, RecordResult, Tx};
use crate::db;
use crate::domain::mail::letters::{Letter, Sender};
use crate::domain::vocab::{AuditAction, Entity, MailKind, SubscriptionScope};

/// What someone asked to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub scope: SubscriptionScope,
    pub body_id: Option<i64>,
    pub inspection_id: Option<i64>,
}

/// Sign `email` up to `target` and queue the confirmation written by `confirm(token)`. An
/// address already following it is sent the confirmation again while unconfirmed, and nothing
/// once confirmed – the page answers the same either way, so it tells nobody who follows what.
pub async fn subscribe(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    email: &str,
    target: Target,
    new_token: &str,
    from: &Sender,
    confirm: impl Fn(&str) -> Letter,
) -> RecordResult<()> {
    let actor = Actor::system("public sign-up");
    let mut tx = Tx::begin(pool, &actor, now).await?;
    let (id, token) = match db::subscriptions::find_same(
        &mut *tx,
        email,
        target.scope,
        target.body_id,
        target.inspection_id,
    )
    .await?
    {
        Some(found) if found.confirmed_at.is_some() => return Ok(()),
        Some(found) => (found.id, found.token),
        None => {
            let Some(id) = db::subscriptions::insert(
                &mut tx,
                email,
                target.scope,
                target.body_id,
                target.inspection_id,
                new_token,
                now,
            )
            .await?
            else {
                return Ok(());
            };
            (id, new_token.to_string())
        }
    };
    let letter = confirm(&token);
    let mail = db::mail::NewMail {
        kind: MailKind::SubscriptionConfirm,
        to: email,
        user_id: None,
        subscription_id: Some(id),
        letter: &letter,
        unsubscribe_url: None,
        domain: from.domain(),
    };
    db::mail::insert(&mut *tx, &mail, now).await?;
    let after = json!({
        "scope": target.scope, "body_id": target.body_id, "inspection_id": target.inspection_id,
    });
    tx.audit(
        Entity::Subscription,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Confirm the sign-up holding `token`; false when there is none (or it was confirmed already).
pub async fn confirm(pool: &SqlitePool, now: DateTime<Utc>, token: &str) -> RecordResult<bool> {
    let actor = Actor::system("public sign-up");
    let mut tx = Tx::begin(pool, &actor, now).await?;
    let Some(found) = db::subscriptions::find_by_token(&mut *tx, token).await? else {
        return Ok(false);
    };
    if !db::subscriptions::confirm(&mut tx, found.id, now).await? {
        return Ok(false);
    }
    let after = json!({ "scope": found.scope });
    tx.audit(
        Entity::Subscription,
        found.id,
        AuditAction::Confirm,
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Delete the subscription holding `token`, its address and its mail; false when there is none.
pub async fn unsubscribe(pool: &SqlitePool, now: DateTime<Utc>, token: &str) -> RecordResult<bool> {
    let actor = Actor::system("public unsubscribe");
    let mut tx = Tx::begin(pool, &actor, now).await?;
    let Some(found) = db::subscriptions::find_by_token(&mut *tx, token).await? else {
        return Ok(false);
    };
    db::subscriptions::delete(&mut tx, found.id).await?;
    let before = json!({ "scope": found.scope });
    tx.audit(
        Entity::Subscription,
        found.id,
        AuditAction::Unsubscribe,
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
