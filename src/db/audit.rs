//! The append-only, hash-chained audit log: every change by anyone, in the same transaction.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::edition::ChainHead;
use crate::domain::vocab::{AuditAction, Entity};

/// The hash a chain starts from.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who made a change: a signed-in user, a user through an API token, or a command run on
/// the server.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<i64>,
    pub label: String,
    /// The `Idempotency-Key` of the API request making the change, if it carried one.
    pub request: Option<RequestKey>,
}

/// An API write's `Idempotency-Key` and the fingerprint of the request it came with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestKey {
    pub key: String,
    pub fingerprint: String,
}

impl Actor {
    pub fn user(id: i64, email: &str) -> Self {
        Self {
            id: Some(id),
            label: email.to_string(),
            request: None,
        }
    }

    /// The user acting through their API token `token_id`, named in the log beside them.
    pub fn token(id: i64, email: &str, token_id: i64, name: &str) -> Self {
        Self {
            id: Some(id),
            label: format!("{email} (API token {token_id} \u{201c}{name}\u{201d})"),
            request: None,
        }
    }

    pub fn system(label: &str) -> Self {
        Self {
            id: None,
            label: label.to_string(),
            request: None,
        }
    }

    /// The same actor making the change an API request with this key asked for.
    pub fn with_request(mut self, request: Option<RequestKey>) -> Self {
        self.request = request;
        self
    }
}

/// One change to record.
#[derive(Debug, Clone)]
pub struct Change {
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub action: AuditAction,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an event: SHA-256 over an unambiguous JSON array of every stored field and
/// the previous event's hash, so that changing, removing or reordering any event shows.
pub fn event_hash(row: &AuditRow) -> String {
    let canonical = serde_json::json!([
        row.prev_hash,
        row.at,
        row.actor_id,
        row.actor,
        row.entity,
        row.entity_id,
        row.action,
        row.before,
        row.after,
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// Append an event. Call inside the write transaction of the change it records (the
/// transaction's write lock keeps the chain in order).
pub async fn record(
    tx: &mut SqliteConnection,
    at: DateTime<Utc>,
    actor: &Actor,
    change: Change,
) -> Result<(), sqlx::Error> {
    let prev_hash = last_hash(&mut *tx).await?;
    append(tx, &prev_hash, at, actor, change).await?;
    Ok(())
}

/// The hash of the newest event (the one the next event links to).
pub async fn last_hash(db: impl SqliteExecutor<'_>) -> Result<String, sqlx::Error> {
    let hash: Option<String> =
        sqlx::query_scalar("select hash from audit_events order by id desc limit 1")
            .fetch_optional(db)
            .await?;
    Ok(hash.unwrap_or_else(|| GENESIS.to_string()))
}

/// The chain's head: the newest event's id and hash (id 0 and the genesis hash before the
/// first event).
pub async fn head(db: impl SqliteExecutor<'_>) -> Result<ChainHead, sqlx::Error> {
    let head: Option<(i64, String)> =
        sqlx::query_as("select id, hash from audit_events order by id desc limit 1")
            .fetch_optional(db)
            .await?;
    Ok(match head {
        Some((event_id, hash)) => ChainHead { event_id, hash },
        None => ChainHead {
            event_id: 0,
            hash: GENESIS.to_string(),
        },
    })
}

/// One event by id.
pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<AuditRow>, sqlx::Error> {
    sqlx::query_as("select * from audit_events where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// How many events the log holds.
pub async fn count(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from audit_events")
        .fetch_one(db)
        .await
}

/// The newest event's id (0 before the first): it changes whenever the record changes, so
/// it serves as the version of everything derived from the record.
pub async fn latest_id(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select coalesce(max(id), 0) from audit_events")
        .fetch_one(db)
        .await
}

/// Whether `actor` has changed the record since the event `after`.
pub async fn wrote_since(
    db: impl SqliteExecutor<'_>,
    actor: i64,
    after: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists(select 1 from audit_events where id > ?1 and actor_id = ?2)")
        .bind(after)
        .bind(actor)
        .fetch_one(db)
        .await
}

/// Append an event after the one whose hash is `prev_hash`, returning the new event's hash.
/// For bulk writers that keep the chain's end in hand; everyone else calls [`record`].
pub async fn append(
    tx: &mut SqliteConnection,
    prev_hash: &str,
    at: DateTime<Utc>,
    actor: &Actor,
    change: Change,
) -> Result<String, sqlx::Error> {
    let mut row = AuditRow {
        id: 0,
        at: super::timestamp(at),
        actor_id: actor.id,
        actor: actor.label.clone(),
        entity: change.entity.as_str().to_string(),
        entity_id: change.entity_id,
        action: change.action.as_str().to_string(),
        before: change.before.map(|v| v.to_string()),
        after: change.after.map(|v| v.to_string()),
        prev_hash: prev_hash.to_string(),
        hash: String::new(),
    };
    row.hash = event_hash(&row);
    sqlx::query(
        "insert into audit_events
             (at, actor_id, actor, entity, entity_id, action, before, after, prev_hash, hash)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&row.at)
    .bind(row.actor_id)
    .bind(&row.actor)
    .bind(&row.entity)
    .bind(row.entity_id)
    .bind(&row.action)
    .bind(&row.before)
    .bind(&row.after)
    .bind(&row.prev_hash)
    .bind(&row.hash)
    .execute(&mut *tx)
    .await?;
    Ok(row.hash)
}

/// The outcome of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact { events: i64 },
    Broken { event_id: i64, reason: &'static str },
}

/// Walk the chain from the start, recomputing every hash.
pub async fn verify(db: impl SqliteExecutor<'_>) -> Result<Verification, sqlx::Error> {
    verify_up_to(db, i64::MAX).await
}

/// Walk the chain from the start up to and including event `last`, recomputing every hash.
pub async fn verify_up_to(
    db: impl SqliteExecutor<'_>,
    last: i64,
) -> Result<Verification, sqlx::Error> {
    use futures_util::TryStreamExt;
    let mut rows =
        sqlx::query_as::<_, AuditRow>("select * from audit_events where id <= ? order by id")
            .bind(last)
            .fetch(db);
    let mut expected_prev = GENESIS.to_string();
    let mut count = 0;
    while let Some(row) = rows.try_next().await? {
        if row.prev_hash != expected_prev {
            return Ok(Verification::Broken {
                event_id: row.id,
                reason: "it does not follow the event before it",
            });
        }
        if event_hash(&row) != row.hash {
            return Ok(Verification::Broken {
                event_id: row.id,
                reason: "its content does not match its hash",
            });
        }
        expected_prev = row.hash;
        count += 1;
    }
    Ok(Verification::Intact { events: count })
}

/// Whether the event a published edition saw as the chain's head is still in the log with
/// the same hash: `None` when it is, or what happened to it in words. (Whether the chain up
/// to it still links is [`verify_up_to`].)
pub async fn check_head(
    db: impl SqliteExecutor<'_>,
    head: &ChainHead,
) -> Result<Option<String>, sqlx::Error> {
    if head.event_id == 0 {
        return Ok((head.hash != GENESIS).then(|| "its chain head is not a real event".into()));
    }
    Ok(match find(db, head.event_id).await? {
        None => Some(format!(
            "event {} it saw is no longer in the log: the history was shortened",
            head.event_id
        )),
        Some(row) if row.hash != head.hash => Some(format!(
            "event {} it saw has been rewritten: its hash was {} and is now {}",
            head.event_id, head.hash, row.hash
        )),
        Some(_) => None,
    })
}

/// Which events the audit page lists: every part optional; `before_id` pages back in time.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    /// Part of the actor's label (an email address or a command), any case.
    pub actor: Option<String>,
    /// Instants as stored (see `db::timestamp`): from inclusive, to exclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// Events matching the filter, newest first, in one query.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    filter: &AuditFilter,
) -> Result<Vec<AuditRow>, sqlx::Error> {
    sqlx::query_as(
        "select *
         from audit_events
         where (?1 is null or entity = ?1)
           and (?2 is null or instr(lower(actor), lower(?2)) > 0)
           and (?3 is null or at >= ?3)
           and (?4 is null or at < ?4)
           and (?5 is null or id < ?5)
         order by id desc
         limit ?6",
    )
    .bind(&filter.entity)
    .bind(&filter.actor)
    .bind(&filter.from)
    .bind(&filter.to)
    .bind(filter.before_id)
    .bind(filter.limit)
    .fetch_all(db)
    .await
}
