//! Keeping the database file safe: schema version and integrity checks, backup and restore.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, SqliteConnection, SqliteExecutor};

/// The newest migration this build knows.
pub fn newest_known_migration() -> i64 {
    super::MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The newest migration applied to the database, if it has ever been migrated.
pub async fn newest_applied_migration(
    conn: &mut SqliteConnection,
) -> Result<Option<i64>, sqlx::Error> {
    let has_table: bool = sqlx::query_scalar(
        "select count(*) > 0 from sqlite_master where type = 'table' and name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !has_table {
        return Ok(None);
    }
    sqlx::query_scalar("select max(version) from _sqlx_migrations where success")
        .fetch_one(&mut *conn)
        .await
}

/// SQLite's quick check: "ok", or the first problem found.
/// Whether the database answers at all (the health check).
pub async fn ping(db: impl SqliteExecutor<'_>) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(db)
        .await?;
    Ok(())
}

pub async fn quick_check(db: impl SqliteExecutor<'_>) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("pragma quick_check").fetch_one(db).await
}

/// Whether SQLite refused the file as damaged or not a database at all (SQLITE_CORRUPT,
/// SQLITE_NOTADB), rather than failing for some other reason such as permissions.
pub fn is_damage(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => matches!(e.code().as_deref(), Some("11" | "26")),
        _ => false,
    }
}

/// SQLite's full integrity check: "ok", or the first problem found.
pub async fn integrity_check(db: impl SqliteExecutor<'_>) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("pragma integrity_check")
        .fetch_one(db)
        .await
}

/// Write a consistent copy of the live database to `dest` (a new file). Readers and the
/// writer carry on meanwhile: VACUUM INTO reads one snapshot of a WAL database.
pub async fn backup_into(db: impl SqliteExecutor<'_>, dest: &Path) -> Result<(), sqlx::Error> {
    sqlx::query("vacuum into ?")
        .bind(dest.to_string_lossy().into_owned())
        .execute(db)
        .await?;
    Ok(())
}

/// Open a file read-only to check it, without creating or changing it.
pub async fn open_read_only(path: &Path) -> Result<SqliteConnection, sqlx::Error> {
    SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .connect()
        .await
}

/// Check a file is a whole Scrutineer database this build can use: returns its newest
/// migration, or what is wrong with it in words.
pub async fn check_backup(path: &Path) -> Result<i64, String> {
    let mut conn = open_read_only(path)
        .await
        .map_err(|_| "it cannot be opened as an SQLite database".to_string())?;
    let integrity = integrity_check(&mut conn)
        .await
        .map_err(|_| "it is not an SQLite database".to_string())?;
    if integrity != "ok" {
        return Err(format!("it is damaged ({integrity})"));
    }
    let applied = newest_applied_migration(&mut conn)
        .await
        .map_err(|_| "it cannot be read".to_string())?;
    let _ = conn.close().await;
    match applied {
        None => Err("it is not a Scrutineer database".to_string()),
        Some(v) if v > newest_known_migration() => Err(format!(
            "it was written by a newer Scrutineer (schema {v}; this build knows up to {})",
            newest_known_migration()
        )),
        Some(v) => Ok(v),
    }
}
