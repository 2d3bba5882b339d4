//! Changes people make to mail – their own preferences, an administrator sending a failed
//! message again – and what the mail worker queues by the calendar.

use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, Saved, Tx};
use crate::db;
use crate::db::mail::{NewMail, Preferences};
use crate::db::reminders::Candidate;
use crate::domain::vocab::{AuditAction, Entity};

/// Save which emails `user_id` gets.
pub async fn save_preferences(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    user_id: i64,
    preferences: Preferences,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::mail::find_preferences(&mut *tx, user_id).await?;
    db::mail::save_preferences(&mut *tx, user_id, preferences).await?;
    let (before, after) = (
        serde_json::json!({ "mail": before }),
        serde_json::json!({ "mail": preferences }),
    );
    tx.updated(Entity::User, user_id, &before, &after).await
}

/// Queue the failed message `id` again, now.
pub async fn retry(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::mail::find(&mut *tx, id)
        .await?
        .ok_or(RecordError::NotFound)?;
    if !db::mail::requeue(&mut *tx, id, now).await? {
        return Err(RecordError::field(
            "retry",
            "Only a failed message can be sent again",
        ));
    }
    let (before, after) = (
        serde_json::json!({ "status": before.status, "attempts": before.attempts }),
        serde_json::json!({ "status": "queued", "attempts": 0 }),
    );
    tx.finish(
        Entity::Mail,
        id,
        AuditAction::Retry,
        Some(&before),
        Some(&after),
    )
    .await
}

// What the mail worker queues by the calendar. Not changes to the record (no audit event):
// each message is written with the mark that it was sent, in one transaction, so it goes once.

/// Queue one person's reminders with the mark of each sent; nothing when every one of them
/// was sent already.
pub async fn queue_reminders(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    reminders: &[(Candidate, i64)],
    mail: &NewMail<'_>,
) -> RecordResult<()> {
    let mut tx = db::begin_write(pool).await?;
    let mut fresh = false;
    for (reminder, offset) in reminders {
        fresh |= db::reminders::mark_sent(&mut tx, reminder, *offset, now).await?;
    }
    if fresh {
        db::mail::insert(&mut *tx, mail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Mark `user_id`'s digest of the week of `week` sent, queueing `mail` (none: nothing to say)
/// unless it was sent already.
pub async fn queue_digest(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    user_id: i64,
    week: NaiveDate,
    mail: Option<&NewMail<'_>>,
) -> RecordResult<()> {
    let mut tx = db::begin_write(pool).await?;
    if db::reminders::mark_digest_sent(&mut tx, user_id, week, now).await?
        && let Some(mail) = mail
    {
        db::mail::insert(&mut *tx, mail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Queue the notices of edition `edition` and mark it told (under the settings key `told`).
pub async fn queue_notices(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    told: &str,
    edition: i64,
    notices: &[NewMail<'_>],
) -> RecordResult<()> {
    let mut tx = db::begin_write(pool).await?;
    for mail in notices {
        db::mail::insert(&mut *tx, mail, now).await?;
    }
    db::settings::put(&mut *tx, told, &edition.to_string()).await?;
    tx.commit().await?;
    Ok(())
}
