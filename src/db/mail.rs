//! The outbox (every message, queued, sent or failed) and each person's mail preferences.

use chrono::{DateTime, Utc};
use sqlx::SqliteExecutor;

use super::timestamp;
use crate::domain::vocab::{MailKind, MailStatus};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail<'a> {
    pub kind: MailKind,
    pub to: &'a str,
    pub user_id: Option<i64>,
    pub subscription_id: Option<i64>,
    pub letter: &'a crate::domain::mail::letters::Letter,
    pub unsubscribe_url: Option<&'a str>,
    /// The right-hand side of the Message-ID (the site's host).
    pub domain: &'a str,
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    mail: &NewMail<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into mail_outbox (kind, to_address, user_id, subscription_id, subject, text_body,
                                  html_body, unsubscribe_url, message_id, next_attempt_at, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))) || '@' || ?, ?, ?)
         returning id",
    )
    .bind(mail.kind)
    .bind(mail.to)
    .bind(mail.user_id)
    .bind(mail.subscription_id)
    .bind(&mail.letter.subject)
    .bind(&mail.letter.text)
    .bind(&mail.letter.html)
    .bind(mail.unsubscribe_url)
    .bind(mail.domain)
    .bind(timestamp(now))
    .bind(timestamp(now))
    .fetch_one(db)
    .await
}

/// A message as the worker sends it and the admin reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailRow {
    pub id: i64,
    pub kind: MailKind,
    pub to_address: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub unsubscribe_url: Option<String>,
    pub message_id: String,
    pub status: MailStatus,
    pub attempts: i64,
    pub next_attempt_at: String,
    pub last_reply: Option<String>,
    pub created_at: String,
    pub sent_at: Option<String>,
}

const COLUMNS: &str = "id, kind, to_address, subject, text_body, html_body, unsubscribe_url,
    message_id, status, attempts, next_attempt_at, last_reply, created_at, sent_at";

/// Queued messages whose next try is due, oldest first.
pub async fn list_due(
    db: impl SqliteExecutor<'_>,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<MailRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from mail_outbox
         where status = 'queued' and next_attempt_at <= ?
         order by next_attempt_at, id
         limit ?"
    ))
    .bind(timestamp(now))
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<MailRow>, sqlx::Error> {
    sqlx::query_as(&format!("select {COLUMNS} from mail_outbox where id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The newest messages, optionally of one status, for the admin's outbox page.
pub async fn list_recent(
    db: impl SqliteExecutor<'_>,
    status: Option<MailStatus>,
    limit: i64,
) -> Result<Vec<MailRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from mail_outbox
         where ?1 is null or status = ?1
         order by id desc
         limit ?2"
    ))
    .bind(status)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// How many messages are queued, sent and failed.
pub async fn count_by_status(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<(MailStatus, i64)>, sqlx::Error> {
    sqlx::query_as("select status, count(*) from mail_outbox group by status order by status")
        .fetch_all(db)
        .await
}

/// Count a try before it is made, so a try cut short by a crash is still counted (and made
/// again: the message stays queued and due).
pub async fn count_attempt(db: impl SqliteExecutor<'_>, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update mail_outbox set attempts = attempts + 1 where id = ? and status = 'queued'")
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// The SMTP server accepted the message: never send it again.
pub async fn mark_sent(
    db: impl SqliteExecutor<'_>,
    id: i64,
    reply: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update mail_outbox set status = 'sent', sent_at = ?, last_reply = ?
         where id = ? and status = 'queued'",
    )
    .bind(timestamp(now))
    .bind(reply)
    .bind(id)
    .execute(db)
    .await
    .map(|_| ())
}

/// The try failed: try again at `retry_at`, or give up (`None`).
pub async fn mark_failed_try(
    db: impl SqliteExecutor<'_>,
    id: i64,
    reply: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update mail_outbox
         set last_reply = ?,
             status = case when ? is null then 'failed' else 'queued' end,
             next_attempt_at = coalesce(?, next_attempt_at)
         where id = ? and status = 'queued'",
    )
    .bind(reply)
    .bind(retry_at.map(timestamp))
    .bind(retry_at.map(timestamp))
    .bind(id)
    .execute(db)
    .await
    .map(|_| ())
}

/// Queue a failed message again, now. Whether it was failed.
pub async fn requeue(
    db: impl SqliteExecutor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "update mail_outbox set status = 'queued', attempts = 0, next_attempt_at = ?
         where id = ? and status = 'failed'",
    )
    .bind(timestamp(now))
    .bind(id)
    .execute(db)
    .await
    .map(|r| r.rows_affected() == 1)
}

/// Which emails a person gets (round requests always go).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct Preferences {
    pub due_soon: bool,
    pub overdue: bool,
    pub stale: bool,
    pub digest: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            due_soon: true,
            overdue: true,
            stale: true,
            digest: true,
        }
    }
}

pub async fn find_preferences(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Preferences, sqlx::Error> {
    let found: Option<Preferences> = sqlx::query_as(
        "select due_soon, overdue, stale, digest from mail_preferences where user_id = ?",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await?;
    Ok(found.unwrap_or_default())
}

pub async fn save_preferences(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    p: Preferences,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into mail_preferences (user_id, due_soon, overdue, stale, digest)
         values (?, ?, ?, ?, ?)
         on conflict (user_id) do update
         set due_soon = excluded.due_soon, overdue = excluded.overdue,
             stale = excluded.stale, digest = excluded.digest",
    )
    .bind(user_id)
    .bind(p.due_soon)
    .bind(p.overdue)
    .bind(p.stale)
    .bind(p.digest)
    .execute(db)
    .await
    .map(|_| ())
}
