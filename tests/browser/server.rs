//! The application served on a real TCP port over a fresh copy of the example data.

use scrutineer::db::audit::Actor;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;
use scrutineer::{AppState, Security, db, startup};
use tempfile::TempDir;

pub const PASSWORD: &str = "correct horse battery staple";

/// The fixed "today" of the example data, as in the in-process tests.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

/// The application served on 127.0.0.1 over the seeded example data.
pub struct Server {
    pub state: AppState,
    pub base: String,
    _dir: TempDir,
}

impl Server {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = startup::open(&dir.path().join("browser.db"))
            .await
            .expect("open database");
        let state = startup::state(pool, Clock::fixed_date(today()), Security::default())
            .await
            .expect("state");
        db::seed::load_example(
            &state.db,
            state.clock.now(),
            state.clock.today(),
            &Actor::system("browser test"),
        )
        .await
        .expect("load example data");
        state.set_site(db::settings::load_site(&state.db).await.expect("settings"));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let app = scrutineer::app(state.clone())
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
        Self {
            state,
            base,
            _dir: dir,
        }
    }

    /// An account that can sign in with [`PASSWORD`]; returns its email address.
    pub async fn create_user(&self, role: Role) -> String {
        let email = format!("{}@browser.test", role.as_str());
        let hash = scrutineer::auth::password::hash(PASSWORD.into())
            .await
            .expect("hash");
        let id = db::users::insert(
            &self.state.db,
            &db::users::NewUser {
                email: &email,
                display_name: &format!("Browser {}", role.label()),
                role,
                password_hash: &hash,
                must_change_password: false,
                created_at: "2026-01-01T09:00:00Z",
            },
        )
        .await
        .expect("insert user");
        if role == Role::Force {
            // A force user sees only their bodies: here, every body of the example.
            sqlx::query(
                "insert into user_bodies (user_id, body_id) select ?, id from inspected_bodies",
            )
            .bind(id)
            .execute(&self.state.db)
            .await
            .expect("force user's bodies");
        }
        email
    }
}
