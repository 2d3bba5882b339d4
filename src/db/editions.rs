//! Published editions: numbered, frozen snapshots (the database refuses to change them), and
//! publishing a new one with its audit event.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor, SqlitePool};

use super::audit::{self, Actor, Change};
use crate::domain::edition::{EditionMeta, Snapshot, content_hash, open_data};
use crate::domain::vocab::Role;
use crate::domain::vocab::{AuditAction, Entity};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EditionRow {
    pub number: i64,
    pub published_at: DateTime<Utc>,
    pub publisher_role: Role,
    pub sha256: String,
    pub note: Option<String>,
    pub fingerprint: Option<String>,
    pub content: String,
}

/// Why a stored edition is not served.
#[derive(Debug, thiserror::Error)]
pub enum Unservable {
    /// Its content no longer has the SHA-256 recorded when it was published.
    #[error("edition {0} no longer matches its recorded SHA-256")]
    Tampered(i64),
    #[error("edition {0} cannot be read: {1}")]
    Unreadable(i64, serde_json::Error),
}

impl EditionRow {
    pub fn meta(&self) -> EditionMeta {
        EditionMeta {
            number: self.number,
            published_at: self.published_at,
            publisher_role: self.publisher_role,
            sha256: self.sha256.clone(),
            note: self.note.clone(),
            fingerprint: self.fingerprint.clone(),
        }
    }

    /// Whether the stored content still has the SHA-256 recorded when it was published.
    pub fn intact(&self) -> bool {
        content_hash(&self.content) == self.sha256
    }

    /// The frozen snapshot, after checking the content against its SHA-256: a row altered
    /// behind the schema's back is refused, never served.
    pub fn snapshot(&self) -> Result<Snapshot, Unservable> {
        if !self.intact() {
            return Err(Unservable::Tampered(self.number));
        }
        serde_json::from_str(&self.content).map_err(|e| Unservable::Unreadable(self.number, e))
    }
}

/// The stored bytes of an edition's published file and their fingerprint.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredFile {
    pub document: String,
    pub fingerprint: String,
}

impl StoredFile {
    /// Whether the bytes still have the fingerprint published beside them.
    pub fn intact(&self) -> bool {
        content_hash(&self.document) == self.fingerprint
    }
}

/// The published file of edition `number` as stored when it was published; `None` when there
/// is no such edition or it was published before files were stored.
pub async fn stored_file(
    db: impl SqliteExecutor<'_>,
    number: i64,
) -> Result<Option<StoredFile>, sqlx::Error> {
    sqlx::query_as(
        "select document, fingerprint from editions
         where number = ? and document is not null and fingerprint is not null",
    )
    .bind(number)
    .fetch_optional(db)
    .await
}

const SELECT: &str = "select e.number, e.published_at, u.role as publisher_role, e.sha256, e.note,
                             e.fingerprint, e.content
                      from editions e
                      join users u on u.id = e.published_by";

/// The newest edition's number, if any has been published.
pub async fn latest_number(db: impl SqliteExecutor<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select max(number) from editions")
        .fetch_one(db)
        .await
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    number: i64,
) -> Result<Option<EditionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where e.number = ?"))
        .bind(number)
        .fetch_optional(db)
        .await
}

pub async fn find_latest(db: impl SqliteExecutor<'_>) -> Result<Option<EditionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} order by e.number desc limit 1"))
        .fetch_optional(db)
        .await
}

#[derive(sqlx::FromRow)]
struct MetaRow {
    number: i64,
    published_at: DateTime<Utc>,
    publisher_role: Role,
    sha256: String,
    note: Option<String>,
    fingerprint: Option<String>,
}

/// Every edition's facts, newest first, without content.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<EditionMeta>, sqlx::Error> {
    let rows: Vec<MetaRow> = sqlx::query_as(
        "select e.number, e.published_at, u.role as publisher_role, e.sha256, e.note,
                e.fingerprint
         from editions e
         join users u on u.id = e.published_by
         order by e.number desc",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| EditionMeta {
            number: r.number,
            published_at: r.published_at,
            publisher_role: r.publisher_role,
            sha256: r.sha256,
            note: r.note,
            fingerprint: r.fingerprint,
        })
        .collect())
}

/// Who publishes, when, and why.
pub struct Publication<'a> {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub publisher_id: i64,
    pub actor: &'a Actor,
    pub note: Option<&'a str>,
}

/// Freeze the record as it stands into the next numbered edition, audit-logged, inside the
/// caller's write transaction (for the bulk loaders in `db`; the office publishes through
/// `record::publishing::publish_edition`). Returns the new edition's number.
pub async fn publish(tx: &mut SqliteConnection, p: Publication<'_>) -> Result<i64, sqlx::Error> {
    let (number, after) = insert(&mut *tx, &p).await?;
    let change = Change {
        entity: Entity::Edition,
        entity_id: Some(number),
        action: AuditAction::Publish,
        before: None,
        after: Some(after),
    };
    audit::record(tx, p.now, p.actor, change).await?;
    Ok(number)
}

/// What the next edition would hold if published now (as at `today`), beside the latest
/// edition, read together so the comparison is of one moment.
pub async fn next_beside_latest(
    pool: &SqlitePool,
    organisation: &str,
    today: NaiveDate,
) -> Result<(Snapshot, Option<EditionRow>), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let next = super::snapshot::load(&mut tx, organisation, today).await?;
    let latest = find_latest(&mut *tx).await?;
    tx.commit().await?;
    Ok((next, latest))
}

/// Insert the next edition: its number, and what its audit event records. The edition's
/// published file is rendered now, carrying the audit chain's head (the newest event before
/// this publication), and stored with its fingerprint, so the bytes served never change.
pub async fn insert(
    tx: &mut SqliteConnection,
    p: &Publication<'_>,
) -> Result<(i64, serde_json::Value), sqlx::Error> {
    let site = super::settings::load_site(&mut *tx).await?;
    let snapshot = super::snapshot::load(&mut *tx, &site.organisation_name, p.today).await?;
    let content = snapshot.canonical_json();
    let sha256 = content_hash(&content);
    let number: i64 = sqlx::query_scalar("select coalesce(max(number), 0) + 1 from editions")
        .fetch_one(&mut *tx)
        .await?;
    let publisher_role: Role = sqlx::query_scalar("select role from users where id = ?")
        .bind(p.publisher_id)
        .fetch_one(&mut *tx)
        .await?;
    let head = audit::head(&mut *tx).await?;
    let meta = EditionMeta {
        number,
        published_at: p.now,
        publisher_role,
        sha256: sha256.clone(),
        note: p.note.map(str::to_string),
        fingerprint: None,
    };
    let document = open_data::json(&meta, Some(&head), &snapshot);
    let fingerprint = content_hash(&document);
    sqlx::query(
        "insert into editions
             (number, published_at, published_by, content, sha256, note, document, fingerprint)
         values (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(number)
    .bind(super::timestamp(p.now))
    .bind(p.publisher_id)
    .bind(&content)
    .bind(&sha256)
    .bind(p.note)
    .bind(&document)
    .bind(&fingerprint)
    .execute(&mut *tx)
    .await?;
    let after = serde_json::json!({
        "number": number,
        "published_by": p.publisher_id,
        "sha256": sha256,
        "note": p.note,
        "fingerprint": fingerprint,
        "chain_head": head,
    });
    Ok((number, after))
}
