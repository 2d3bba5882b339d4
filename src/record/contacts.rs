//! Choosing whom to email: an action's owner's account, a body's chief officer lead. Only an
//! account that may see the body can be chosen.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, Saved, Tx};
use crate::db;
use crate::domain::vocab::{AuditAction, Entity};

/// Which account a change sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    /// The owner of an action (by the action's id).
    Owner(i64),
    /// The chief officer lead of a body (by the body's id).
    Lead(i64),
}

/// Set (or, with `None`, clear) the account for `contact`.
pub async fn set(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    contact: Contact,
    user_id: Option<i64>,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = match contact {
        Contact::Owner(id) => db::contacts::find_action_owner(&mut *tx, id).await?,
        Contact::Lead(id) => db::contacts::find_body_lead(&mut *tx, id).await?,
    }
    .ok_or(RecordError::NotFound)?;
    if let Some(user) = user_id {
        let people = db::contacts::list_people_for_body(&mut *tx, before.body_id).await?;
        if !people.iter().any(|(id, _)| *id == user) {
            return Err(RecordError::field(
                "user_id",
                "Choose an account from the list: one that may see this body's records",
            ));
        }
    }
    let (entity, id) = match contact {
        Contact::Owner(id) => {
            db::contacts::set_action_owner(&mut *tx, id, user_id).await?;
            (Entity::ActionItem, id)
        }
        Contact::Lead(id) => {
            db::contacts::set_body_lead(&mut *tx, id, user_id).await?;
            (Entity::InspectedBody, id)
        }
    };
    let (was, now_is) = (
        json!({ "account": before.user_id }),
        json!({ "account": user_id }),
    );
    tx.finish(entity, id, AuditAction::Assign, Some(&was), Some(&now_is))
        .await
}
