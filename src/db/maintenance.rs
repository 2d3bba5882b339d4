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

/// Whether the database answers at all (the health check).
pub async fn ping(db: impl SqliteExecutor<'_>) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("select 1")
        .fetch_one(db)
        .await?;
    Ok(())
}

/// Whether the database can take another save: full when SQLite has no page left to grow into
/// (at its page limit with no free page) or the filesystem holding it has almost no space.
pub async fn storage_full(conn: &mut SqliteConnection, path: &Path) -> Result<bool, sqlx::Error> {
    let pages: i64 = sqlx::query_scalar("pragma page_count")
        .fetch_one(&mut *conn)
        .await?;
    let limit: i64 = sqlx::query_scalar("pragma max_page_count")
        .fetch_one(&mut *conn)
        .await?;
    let free: i64 = sqlx::query_scalar("pragma freelist_count")
        .fetch_one(&mut *conn)
        .await?;
    Ok((pages >= limit && free == 0) || filesystem_nearly_full(path))
}

/// Below this much free space a save may fail: the write-ahead log grows by a few megabytes
/// between checkpoints.
const LOW_SPACE_BYTES: u64 = 16 * 1024 * 1024;

#[cfg(unix)]
fn filesystem_nearly_full(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let Ok(dir) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `dir` is a NUL-terminated path and `stats` is written by statvfs before it is read.
    if unsafe { libc::statvfs(dir.as_ptr(), stats.as_mut_ptr()) } != 0 {
        return false;
    }
    // SAFETY: statvfs returned 0, so it filled `stats`.
    let stats = unsafe { stats.assume_init() };
    // The field types differ between platforms; on 64-bit Linux both are already u64.
    #[allow(clippy::unnecessary_cast)]
    let (blocks, block_size) = (stats.f_bavail as u64, stats.f_frsize as u64);
    blocks.saturating_mul(block_size) < LOW_SPACE_BYTES
}

#[cfg(not(unix))]
fn filesystem_nearly_full(_: &Path) -> bool {
    false
}

/// SQLite's quick check: "ok", or the first problem found.
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

/// The tables whose rows never change once written.
const APPEND_ONLY: [&str; 8] = [
    "progress_updates",
    "milestone_revisions",
    "audit_events",
    "assessments",
    "inspectorate_positions",
    "measure_readings",
    "editions",
    "meeting_packs",
];

/// The triggers that make the record tamper-resistant, with the migration that creates them:
/// no update, no delete (0001) and no replace (0011) on every append-only table, and the
/// rules that a milestone's dates move only through a revision.
pub fn protective_triggers() -> Vec<(i64, String)> {
    let mut all = Vec::new();
    for table in APPEND_ONLY {
        all.push((1, format!("{table}_no_update")));
        all.push((1, format!("{table}_no_delete")));
        all.push((11, format!("{table}_no_replace")));
    }
    all.push((1, "milestones_original_due_fixed".to_string()));
    all.push((1, "milestones_current_due_by_revision".to_string()));
    all.push((1, "milestone_revisions_move_milestone".to_string()));
    // Evidence files: fixed once attached, disposed of and never deleted; what an assessment
    // saw is append-only.
    for name in [
        "evidence_files_fixed",
        "evidence_files_no_delete",
        "assessment_evidence_no_update",
        "assessment_evidence_no_delete",
    ] {
        all.push((34, name.to_string()));
    }
    all
}

/// The protective triggers a database migrated up to `applied` should have and does not.
pub async fn missing_protections(
    conn: &mut SqliteConnection,
    applied: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let present: Vec<String> =
        sqlx::query_scalar("select name from sqlite_master where type = 'trigger'")
            .fetch_all(&mut *conn)
            .await?;
    Ok(protective_triggers()
        .into_iter()
        .filter(|(since, name)| *since <= applied && !present.contains(name))
        .map(|(_, name)| name)
        .collect())
}

/// What is wrong with a database that lacks the protective triggers `missing`, in words.
pub fn unprotected(missing: &[String]) -> String {
    format!(
        "its protective triggers are missing ({}), so its append-only record could have been \
         rewritten; restore a backup that has them, then run `scrutineer audit verify`",
        missing.join(", ")
    )
}

/// Check a file is a whole Scrutineer database this build can use, with every protective
/// trigger in place: returns its newest migration, or what is wrong with it in words.
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
    let missing = match applied {
        Some(v) => missing_protections(&mut conn, v)
            .await
            .map_err(|_| "it cannot be read".to_string())?,
        None => Vec::new(),
    };
    let _ = conn.close().await;
    if !missing.is_empty() {
        return Err(unprotected(&missing));
    }
    match applied {
        None => Err("it is not a Scrutineer database".to_string()),
        Some(v) if v > newest_known_migration() => Err(format!(
            "it was written by a newer Scrutineer (schema {v}; this build knows up to {})",
            newest_known_migration()
        )),
        Some(v) => Ok(v),
    }
}
