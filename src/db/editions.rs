//! Published editions: numbered, frozen snapshots (the database refuses to change them), and
//! publishing a new one with its audit event.

use std::io::{Read, Write};

use chrono::{DateTime, NaiveDate, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use sha2::{Digest, Sha256};
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
    /// The content compressed (see [`compress`]); read instead of `content` when present.
    gzip: Option<Vec<u8>>,
    /// The content as published, read only for an edition without a compressed copy.
    content: Option<String>,
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

    /// The frozen snapshot, parsed as it is read (a national edition is tens of megabytes:
    /// never held whole as text) and checked against its SHA-256 to the last byte: a row
    /// altered behind the schema's back is refused, never served. CPU-bound for a large
    /// edition (hundreds of milliseconds): call it off the async threads.
    pub fn snapshot(&self) -> Result<Snapshot, Unservable> {
        let text: Box<dyn Read + '_> = match (&self.gzip, &self.content) {
            (Some(gzip), _) => Box::new(GzDecoder::new(&gzip[..])),
            (None, Some(content)) => Box::new(content.as_bytes()),
            (None, None) => return Err(Unservable::Tampered(self.number)),
        };
        let mut reader = Hashing::new(text);
        let parsed = serde_json::from_reader(std::io::BufReader::new(&mut reader));
        // Whatever the parser left unread (after an error) counts towards the hash too.
        let whole = std::io::copy(&mut reader, &mut std::io::sink()).is_ok() && reader.ok;
        if !whole || reader.hex() != self.sha256 {
            return Err(Unservable::Tampered(self.number));
        }
        parsed.map_err(|e| Unservable::Unreadable(self.number, e))
    }
}

/// A reader that hashes what passes through it (SHA-256), and remembers a failed read (a
/// damaged compressed copy) so that the hash of a partial read is never taken as whole.
struct Hashing<R> {
    inner: R,
    hasher: Sha256,
    ok: bool,
}

impl<R: Read> Hashing<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            hasher: Sha256::new(),
            ok: true,
        }
    }

    fn hex(&self) -> String {
        hex::encode(self.hasher.clone().finalize())
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let read = self.inner.read(buf).inspect_err(|_| self.ok = false)?;
        self.hasher.update(&buf[..read]);
        Ok(read)
    }
}

/// An edition's content compressed for serving: gzip at its fastest level, about an eighth of
/// the JSON (a national edition: 33 MB to 4 MB in under a fifth of a second).
pub fn compress(content: &str) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = encoder.write_all(content.as_bytes());
    encoder.finish().unwrap_or_default()
}

/// Whether a compressed copy holds exactly the content with SHA-256 `sha256`.
pub fn copy_matches(gzip: &[u8], sha256: &str) -> bool {
    let mut reader = Hashing::new(GzDecoder::new(gzip));
    std::io::copy(&mut reader, &mut std::io::sink()).is_ok() && reader.hex() == sha256
}

/// Give every edition published before compressed copies were kept its copy (run after the
/// migrations; one edition at a time, since a national edition is tens of megabytes).
pub async fn copy_missing(pool: &SqlitePool) -> Result<(), sqlx::Error> {
    let missing: Vec<i64> = sqlx::query_scalar(
        "select number from editions
         where number not in (select number from edition_copies) order by number",
    )
    .fetch_all(pool)
    .await?;
    for number in missing {
        let content: String = sqlx::query_scalar("select content from editions where number = ?")
            .bind(number)
            .fetch_one(pool)
            .await?;
        let gzip = compress(&content);
        drop(content);
        sqlx::query("insert or ignore into edition_copies (number, gzip) values (?, ?)")
            .bind(number)
            .bind(gzip)
            .execute(pool)
            .await?;
    }
    Ok(())
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
                             e.fingerprint, c.gzip,
                             case when c.gzip is null then e.content end as content
                      from editions e
                      join users u on u.id = e.published_by
                      left join edition_copies c on c.number = e.number";

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
    sqlx::query("insert into edition_copies (number, gzip) values (?, ?)")
        .bind(number)
        .bind(compress(&content))
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
