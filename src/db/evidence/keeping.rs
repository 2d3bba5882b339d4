//! Keeping evidence files: the register's lists, holds, retention, release to the public site,
//! disposal, and the checks that every stored file still matches its SHA-256.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::{FileRow, SELECT};
use crate::domain::vocab::{EvidenceKind, RetentionClass};

/// Files in keeping due for review by `today` or on hold: due first, by review date.
pub async fn list_due_or_held(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT}
         where e.disposed_at is null and (e.review_on <= ? or e.hold_reason is not null)
         order by e.review_on is null, e.review_on, e.id"
    ))
    .bind(today)
    .fetch_all(db)
    .await
}

/// The `limit` files attached most recently, newest first.
pub async fn list_newest(
    db: impl SqliteExecutor<'_>,
    limit: i64,
) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} order by e.id desc limit ?"))
        .bind(limit)
        .fetch_all(db)
        .await
}

pub async fn set_hold(
    db: impl SqliteExecutor<'_>,
    id: i64,
    reason: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update evidence_files set hold_reason = ? where id = ?")
        .bind(reason)
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn set_retention(
    db: impl SqliteExecutor<'_>,
    id: i64,
    class: RetentionClass,
    review_on: Option<NaiveDate>,
) -> Result<(), sqlx::Error> {
    sqlx::query("update evidence_files set retention_class = ?, review_on = ? where id = ?")
        .bind(class)
        .bind(review_on)
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

pub async fn set_public(
    db: impl SqliteExecutor<'_>,
    id: i64,
    public: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("update evidence_files set public = ? where id = ?")
        .bind(public)
        .bind(id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Dispose of the file `id`: it keeps its name, size and hash; its bytes go once no file in
/// keeping has the same ones.
pub async fn dispose(
    tx: &mut SqliteConnection,
    id: i64,
    user_id: Option<i64>,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update evidence_files set disposed_at = ?, disposed_by = ?, disposal_reason = ?,
             public = 0
         where id = ?",
    )
    .bind(crate::db::timestamp(now))
    .bind(user_id)
    .bind(reason)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "delete from evidence_contents
         where sha256 = (select sha256 from evidence_files where id = ?1)
           and not exists (
               select 1 from evidence_files
               where sha256 = evidence_contents.sha256 and disposed_at is null)",
    )
    .bind(id)
    .execute(&mut *tx)
    .await
    .map(|_| ())
}

/// Every stored content's key and bytes, a page at a time after `after` (for checking that
/// each still hashes to its key).
pub async fn list_contents_after(
    db: impl SqliteExecutor<'_>,
    after: &str,
    limit: i64,
) -> Result<Vec<(String, Vec<u8>)>, sqlx::Error> {
    sqlx::query_as(
        "select sha256, content from evidence_contents where sha256 > ?
         order by sha256 limit ?",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Files in keeping whose bytes are not stored: none, unless something went wrong.
pub async fn count_missing_contents(db: impl SqliteExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select count(*) from evidence_files e
         where e.disposed_at is null
           and not exists (select 1 from evidence_contents c where c.sha256 = e.sha256)",
    )
    .fetch_one(db)
    .await
}

/// The files in keeping released to the public site, by inspection, oldest first.
pub async fn released(
    conn: &mut SqliteConnection,
) -> Result<std::collections::HashMap<i64, Vec<crate::domain::edition::ReleasedFile>>, sqlx::Error>
{
    let rows: Vec<(i64, String, EvidenceKind, i64, String, Option<String>)> = sqlx::query_as(
        "select inspection_id, name, kind, size, sha256, description from evidence_files
         where public = 1 and disposed_at is null and inspection_id is not null
         order by inspection_id, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut files: std::collections::HashMap<i64, Vec<_>> = std::collections::HashMap::new();
    for (inspection, name, kind, size, sha256, description) in rows {
        files
            .entry(inspection)
            .or_default()
            .push(crate::domain::edition::ReleasedFile {
                name,
                kind,
                size,
                sha256,
                description,
            });
    }
    Ok(files)
}

/// The stored bytes with this SHA-256, if still held.
pub async fn content_by_hash(
    db: impl SqliteExecutor<'_>,
    sha256: &str,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar("select content from evidence_contents where sha256 = ?")
        .bind(sha256)
        .fetch_optional(db)
        .await
}
