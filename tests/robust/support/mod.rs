//! Shared pieces: a real server (in-process on a TCP port, or the real binary), an HTTP client
//! that behaves like a browser, a little HTML form reading, and the database checks.

mod binary;
mod browser;
mod html;

pub use binary::{Binary, binary_command, database_in, free_port};
pub use browser::{Browser, Reply};
pub use html::{Form, forms, unescape};

use std::path::Path;

use scrutineer::db::audit::{Actor, Verification};
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;
use scrutineer::{AppState, Security, db, startup};
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse battery staple";

/// Whether the long variants were asked for (`SCRUTINEER_LONG_TESTS=1`).
pub fn long() -> bool {
    std::env::var("SCRUTINEER_LONG_TESTS").is_ok_and(|v| v == "1")
}

/// A fresh database file with the example data and the given accounts (all with
/// [`PASSWORD`], hashed once), ready for a server. Returns the account emails.
pub async fn prepare_database(path: &Path, role: Role, accounts: usize) -> Vec<String> {
    let pool = startup::open(path).await.expect("open database");
    let clock = Clock::system();
    db::seed::load_example(&pool, clock.now(), clock.today(), &Actor::system("test"))
        .await
        .expect("load example data");
    let emails = add_accounts(&pool, role, accounts).await;
    pool.close().await;
    emails
}

/// Accounts `{role}-N@example.test` that can sign in with [`PASSWORD`].
pub async fn add_accounts(pool: &sqlx::SqlitePool, role: Role, n: usize) -> Vec<String> {
    let hash = scrutineer::auth::password::hash(PASSWORD.into())
        .await
        .expect("hash");
    let mut emails = Vec::new();
    for i in 0..n {
        let email = format!("{}-{i}@example.test", role.as_str());
        let id = db::users::insert(
            pool,
            &db::users::NewUser {
                email: &email,
                display_name: &email,
                role,
                password_hash: &hash,
                must_change_password: false,
                created_at: "2026-01-01T09:00:00Z",
            },
        )
        .await
        .expect("insert user");
        if role == Role::Force {
            // A force user sees only their bodies: here, every body there is.
            sqlx::query(
                "insert into user_bodies (user_id, body_id) select ?, id from inspected_bodies",
            )
            .bind(id)
            .execute(pool)
            .await
            .expect("force user's bodies");
        }
        emails.push(email);
    }
    emails
}

/// The application served in-process on a real TCP port, over the example data.
pub struct LocalServer {
    pub state: AppState,
    pub base: String,
    task: tokio::task::JoinHandle<()>,
    _dir: TempDir,
}

impl LocalServer {
    pub async fn start_seeded(clock: Clock) -> Self {
        Self::start_seeded_with(clock, scrutineer::server::Limits::default()).await
    }

    /// The server with these limits on slow clients and connections.
    pub async fn start_seeded_with(clock: Clock, limits: scrutineer::server::Limits) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = startup::open(&dir.path().join("robust.db"))
            .await
            .expect("open database");
        db::seed::load_example(&pool, clock.now(), clock.today(), &Actor::system("test"))
            .await
            .expect("load example data");
        let state = startup::state(pool, clock, Security::default())
            .await
            .expect("state");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("address");
        let app = scrutineer::app(state.clone());
        let task = tokio::spawn(async move {
            scrutineer::server::serve(listener, app, limits, std::future::pending())
                .await
                .expect("serve");
        });
        Self {
            state,
            base: format!("http://{address}"),
            task,
            _dir: dir,
        }
    }

    pub fn client(&self) -> Browser {
        Browser::new(&self.base, None)
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// `PRAGMA integrity_check` of a database file: "ok" when whole.
pub async fn integrity(pool: &sqlx::SqlitePool) -> String {
    sqlx::query_scalar("pragma integrity_check")
        .fetch_one(pool)
        .await
        .expect("integrity check")
}

/// The audit chain checked from start to end; returns the number of events.
#[track_caller]
pub fn assert_intact(verification: Verification) -> i64 {
    match verification {
        Verification::Intact { events } => events,
        broken => panic!("the audit chain is broken: {broken:?}"),
    }
}
