//! The database: connection pool, migrations, and one module per aggregate holding all SQL.

pub mod actions;
pub mod agenda;
pub mod api;
pub mod api_tokens;
pub mod arising;
pub mod assurance;
pub mod audit;
pub mod backups;
pub mod bodies;
pub mod calendar;
pub mod changes;
pub mod clocks;
pub mod contacts;
pub mod dashboard;
pub mod dashboard_history;
pub mod editions;
pub mod evidence;
pub mod example;
pub mod findings;
pub mod inspections;
pub mod integrity;
pub mod mail;
pub mod maintenance;
pub mod measures;
pub mod meetings;
pub mod milestones;
pub mod packs;
pub mod proposals;
pub mod publishing;
pub mod register;
pub mod reminders;
pub mod report_packages;
pub mod response_documents;
pub mod rounds;
pub mod scope;
pub mod search;
pub mod seed;
pub mod sessions;
pub mod settings;
pub mod sign_in_attempts;
pub mod snapshot;
pub mod subscriptions;
pub mod synthetic;
pub mod two_step;
pub mod updates;
pub mod users;
pub mod voices;
pub mod withdrawals;

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqliteConnection, SqlitePool, Transaction};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Open (creating if missing) the database file.
pub async fn connect(path: &Path) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str("sqlite:")?
        .filename(path)
        .create_if_missing(true)
        // WAL lets readers go on while one writer commits: pages never wait for a save.
        .journal_mode(SqliteJournalMode::Wal)
        // FULL: in WAL mode NORMAL may roll back an acknowledged commit on power loss.
        .synchronous(SqliteSynchronous::Full)
        // Writers queue for the lock instead of failing with "database is locked".
        .busy_timeout(BUSY_TIMEOUT)
        // SQLite leaves foreign keys off unless asked, per connection.
        .foreign_keys(true);
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
}

pub async fn migrate(pool: &SqlitePool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await?;
    editions::copy_missing(pool)
        .await
        .map_err(sqlx::migrate::MigrateError::Execute)
}

/// Begin a transaction that writes. IMMEDIATE takes the write lock up front, so a
/// read-then-write transaction cannot fail to upgrade when another writer commits first.
///
/// Writers of this process first queue, in order, for their turn at the database: SQLite lets
/// one writer in at a time anyway, and a writer refused the lock sleeps in SQLite's busy handler
/// for up to 100 ms a try, which under load makes some saves wait far longer than their turn.
pub async fn begin_write(pool: &SqlitePool) -> Result<WriteTx, sqlx::Error> {
    let writers = writers(pool);
    let turn = tokio::time::timeout(BUSY_TIMEOUT, writers.turn.clone().lock_owned())
        .await
        .map_err(|_| sqlx::Error::PoolTimedOut)?;
    // Begun in a task of its own, which always runs to the end: a save given up part way
    // through beginning (a browser closed, a timeout) would otherwise leave its connection in
    // the pool inside a transaction that nothing rolls back, holding the write lock for ever
    // (sqlx 0.8 names the transaction only once `begin_with` returns). Finished, an abandoned
    // transaction is dropped there and rolled back.
    let begin = tokio::spawn({
        let pool = pool.clone();
        async move { pool.begin_with("begin immediate").await }
    });
    let tx = begin.await.map_err(|_| sqlx::Error::WorkerCrashed)??;
    Ok(WriteTx {
        tx,
        _turn: turn,
        commits: writers.commits,
    })
}

/// How many write transactions this process has committed to `pool`'s file. Whoever reads
/// the same count before and after a read knows no writer of this process changed anything
/// in between (writers of other processes are not counted).
pub fn commits(pool: &SqlitePool) -> u64 {
    writers(pool).commits.load(Ordering::Acquire)
}

/// How long a writer waits for the database before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// This process's writers to one database file: their queue, and the count of their commits.
#[derive(Clone, Default)]
struct Writers {
    turn: Arc<tokio::sync::Mutex<()>>,
    commits: Arc<AtomicU64>,
}

fn writers(pool: &SqlitePool) -> Writers {
    static FILES: OnceLock<Mutex<HashMap<PathBuf, Writers>>> = OnceLock::new();
    let options = pool.connect_options();
    let file = options.get_filename();
    let mut files = FILES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(writers) = files.get(file) {
        return writers.clone();
    }
    files.entry(file.to_path_buf()).or_default().clone()
}

/// A write transaction that holds its writer's turn until it commits or rolls back. It
/// dereferences to the connection, like a `Transaction`.
pub struct WriteTx {
    tx: Transaction<'static, Sqlite>,
    _turn: tokio::sync::OwnedMutexGuard<()>,
    commits: Arc<AtomicU64>,
}

impl WriteTx {
    /// Commit, then count the commit (after it: a reader seeing the new count sees the write).
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await?;
        self.commits.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    pub async fn rollback(self) -> Result<(), sqlx::Error> {
        self.tx.rollback().await
    }
}

impl Deref for WriteTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.tx
    }
}

impl DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }
}

/// The one text form of an instant stored in the database (UTC, seconds).
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Whether SQLite refused a write because the disk (or the database's page limit) is full:
/// SQLITE_FULL, code 13, or any extended code built on it. The one test of it; `AppError`
/// turns such an error into "not saved, nothing changed".
pub fn is_storage_full(error: &sqlx::Error) -> bool {
    const SQLITE_FULL: i32 = 13;
    match error {
        sqlx::Error::Database(e) => e
            .code()
            .and_then(|code| code.parse::<i32>().ok())
            .is_some_and(|code| code & 0xff == SQLITE_FULL),
        _ => false,
    }
}

/// Whether a database error is a constraint failure (unique, check, foreign key), which
/// means bad input rather than a broken service. SQLite does not name the constraint.
pub fn is_constraint_violation(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(e) => matches!(
            e.kind(),
            sqlx::error::ErrorKind::UniqueViolation
                | sqlx::error::ErrorKind::ForeignKeyViolation
                | sqlx::error::ErrorKind::CheckViolation
                | sqlx::error::ErrorKind::NotNullViolation
        ),
        _ => false,
    }
}
