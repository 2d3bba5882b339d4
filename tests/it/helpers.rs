//! `TestApp`: drives the real router in-process like a person with a browser would.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use scrutineer::db::audit::Actor;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::{Role, TokenAccess};
use scrutineer::{AppState, Security, db, startup};
use tempfile::TempDir;
use tower::ServiceExt;

/// The fixed "today" of every test, so relative example data is the same each run.
pub fn test_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestApp {
    pub state: AppState,
    router: Router,
    cookie: Option<String>,
    csrf_token: Option<String>,
    // Kept so the database file lives as long as the test.
    _dir: TempDir,
}

/// A session set aside by [`TestApp::swap_session`].
#[derive(Debug, Default, Clone)]
pub struct BrowserSession {
    cookie: Option<String>,
    csrf_token: Option<String>,
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for what is not text (an .odt).
    pub bytes: Vec<u8>,
}

impl TestResponse {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The body as JSON (panics if it is not).
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.body))
    }

    #[track_caller]
    pub fn assert_status(&self, status: StatusCode) -> &Self {
        assert_eq!(
            self.status, status,
            "unexpected status; body:\n{}",
            self.body
        );
        self
    }

    #[track_caller]
    pub fn assert_redirect_to(&self, target: &str) -> &Self {
        assert_eq!(
            self.status,
            StatusCode::SEE_OTHER,
            "expected a redirect; body:\n{}",
            self.body
        );
        assert_eq!(self.location(), target);
        self
    }

    #[track_caller]
    pub fn assert_contains(&self, text: &str) -> &Self {
        assert!(
            self.body.contains(text),
            "expected {text:?} in:\n{}",
            self.body
        );
        self
    }

    #[track_caller]
    pub fn assert_not_contains(&self, text: &str) -> &Self {
        assert!(
            !self.body.contains(text),
            "did not expect {text:?} in:\n{}",
            self.body
        );
        self
    }
}

impl TestApp {
    /// A fresh, migrated, empty database.
    pub async fn new() -> Self {
        Self::with_clock(Clock::fixed_date(test_today())).await
    }

    pub async fn with_clock(clock: Clock) -> Self {
        Self::with_settings(clock, Security::default()).await
    }

    /// A fresh, migrated, empty database served with these start-up settings.
    pub async fn with_settings(clock: Clock, security: Security) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let pool = startup::open(&dir.path().join("test.db"))
            .await
            .expect("open database");
        let state = startup::state(pool, clock, security).await.expect("state");
        Self {
            router: scrutineer::app(state.clone()),
            state,
            cookie: None,
            csrf_token: None,
            _dir: dir,
        }
    }

    /// A fresh database with the Derbyshire example data loaded.
    pub async fn seeded() -> Self {
        let app = Self::new().await;
        db::seed::load_example(
            &app.state.db,
            app.state.clock.now(),
            app.state.clock.today(),
            &Actor::system("test"),
        )
        .await
        .expect("load example data");
        let site = db::settings::load_site(&app.state.db)
            .await
            .expect("settings");
        app.state.set_site(site);
        app
    }

    /// An account that can sign in with [`PASSWORD`]; a force account belongs to every body
    /// there is so far.
    pub async fn create_user(&self, email: &str, role: Role) -> i64 {
        let hash = scrutineer::auth::password::hash(PASSWORD.into())
            .await
            .expect("hash");
        let id = db::users::insert(
            &self.state.db,
            &db::users::NewUser {
                email,
                display_name: email.split('@').next().unwrap_or(email),
                role,
                password_hash: &hash,
                must_change_password: false,
                created_at: "2026-01-01T09:00:00Z",
            },
        )
        .await
        .expect("insert user");
        if role == Role::Force {
            // A force user sees only their bodies: here, every body there is so far.
            sqlx::query(
                "insert into user_bodies (user_id, body_id) select ?, id from inspected_bodies",
            )
            .bind(id)
            .execute(&self.state.db)
            .await
            .expect("force user's bodies");
        }
        id
    }

    /// Create an account with `role` and sign in as it.
    pub async fn sign_in_as(&mut self, role: Role) -> i64 {
        let email = format!("{}@example.test", role.as_str());
        let id = self.create_user(&email, role).await;
        self.sign_in(&email, PASSWORD)
            .await
            .assert_status(StatusCode::SEE_OTHER);
        id
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> TestResponse {
        let response = self
            .post_form("/sign-in", &[("email", email), ("password", password)])
            .await;
        if response.status == StatusCode::SEE_OTHER {
            // Pick up the new session's CSRF token as a browser would, from the next page.
            self.get("/").await;
        }
        response
    }

    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = Request::get(path).body(Body::empty()).expect("request");
        self.send(request).await
    }

    /// Submit a form as the browser would: same origin, with the page's CSRF token.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let token = self.csrf_token.clone().unwrap_or_default();
        if !fields.iter().any(|(k, _)| *k == "csrf_token") {
            all.push(("csrf_token", &token));
        }
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(all)
            .finish();
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Send any request, carrying this browser's session cookie.
    pub async fn send(&mut self, mut request: Request<Body>) -> TestResponse {
        if let Some(cookie) = &self.cookie {
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().expect("cookie header"));
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        for set_cookie in headers.get_all(header::SET_COOKIE) {
            let text = set_cookie.to_str().unwrap_or_default();
            let pair = text.split(';').next().unwrap_or_default();
            if let Some(value) = pair.strip_prefix("scrutineer_session=") {
                self.cookie = (!value.is_empty()).then(|| pair.to_string());
            }
        }
        let bytes = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = find_csrf_token(&body) {
            self.csrf_token = Some(token);
        }
        TestResponse {
            status,
            headers,
            body,
            bytes: bytes.to_vec(),
        }
    }

    /// A live API token for the user `user_id` with `access`, made through the record layer
    /// as the tokens page makes it; its secret.
    pub async fn make_token(&self, user_id: i64, access: TokenAccess) -> String {
        let secret = scrutineer::auth::tokens::new_secret();
        let hash = scrutineer::auth::sha256_hex(&secret);
        let now = self.state.clock.now();
        let new = db::api_tokens::NewToken {
            user_id,
            name: "Force tracker",
            token_hash: &hash,
            access,
            expires_at: now + chrono::Duration::days(30),
        };
        scrutineer::record::api_tokens::create(&self.state.db, &Actor::system("test"), now, new)
            .await
            .expect("make token");
        secret
    }

    /// Call the API as a force system would: with `token` (if any) as a bearer token, and a
    /// JSON body with an `Idempotency-Key` for a POST. No session cookie is sent.
    pub async fn api(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        key: Option<&str>,
        body: Option<&serde_json::Value>,
    ) -> TestResponse {
        let mut request = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let body = match body {
            Some(json) => {
                request = request.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let cookie = self.cookie.take();
        let response = self.send(request.body(body).expect("request")).await;
        self.cookie = cookie;
        response
    }

    /// Forget the session cookie and token, like a new browser.
    /// Sign in again as an account made earlier (e.g. by [`sign_in_as`]).
    pub async fn sign_in_as_existing(&mut self, email: &str) {
        self.sign_in(email, PASSWORD)
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }

    /// Forget the session cookie, as a different, anonymous browser would be.
    pub fn forget_session(&mut self) {
        self.cookie = None;
        self.csrf_token = None;
    }

    /// Put this browser's session aside and use `other` instead (for two browsers at once).
    pub fn swap_session(&mut self, other: &mut BrowserSession) {
        std::mem::swap(&mut self.cookie, &mut other.cookie);
        std::mem::swap(&mut self.csrf_token, &mut other.csrf_token);
    }

    /// Sign in as if from another computer: the request carries the peer address that
    /// `into_make_service_with_connect_info` gives a real server.
    pub async fn sign_in_from(&mut self, ip: &str, email: &str, password: &str) -> TestResponse {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs([("email", email), ("password", password)])
            .finish();
        let mut request = Request::post("/sign-in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request");
        let address: std::net::SocketAddr = format!("{ip}:50000").parse().expect("address");
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(address));
        self.send(request).await
    }

    /// How many audit events record `action` on `entity`.
    /// Approve progress update `id`'s public summary as it stands (signed in as the office),
    /// as the publishing page does.
    pub async fn approve_update_summary(&mut self, id: i64) {
        let summary: String =
            sqlx::query_scalar("select public_summary from progress_updates where id = ?")
                .bind(id)
                .fetch_one(&self.state.db)
                .await
                .expect("summary");
        self.post_form(
            "/publishing/approve",
            &[
                ("kind", "update"),
                ("id", &id.to_string()),
                ("summary", &summary),
            ],
        )
        .await
        .assert_redirect_to("/publishing");
    }

    pub async fn audit_count(&self, entity: &str, action: &str) -> i64 {
        sqlx::query_scalar("select count(*) from audit_events where entity = ? and action = ?")
            .bind(entity)
            .bind(action)
            .fetch_one(&self.state.db)
            .await
            .expect("count audit events")
    }
    /// The CSRF token of the signed-in session (as a page would carry it).
    pub fn csrf(&self) -> String {
        self.csrf_token.clone().unwrap_or_default()
    }

    /// Submit a multipart form (a file upload) with the CSRF token as its first part, as the
    /// import form does. `fields` are (name, file name if a file, content).
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, Option<&str>, &str)],
    ) -> TestResponse {
        let boundary = "----scrutineer-test-boundary";
        let mut body = String::new();
        let token = self.csrf();
        let token_part = [("csrf_token", None, token.as_str())];
        for (name, filename, content) in token_part.iter().chain(fields) {
            body.push_str(&format!("--{boundary}\r\n"));
            match filename {
                Some(f) => body.push_str(&format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n"
                )),
                None => body.push_str(&format!(
                    "Content-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                )),
            }
            body.push_str(content);
            body.push_str("\r\n");
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let request = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }
}

impl TestApp {
    /// Send files as a browser's upload form does: the CSRF token first, then `fields`, then
    /// each `(file name, bytes)` as a part named `files`.
    pub async fn post_files(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &[u8])],
    ) -> TestResponse {
        let request = self.upload_request(path, fields, files);
        self.send(request).await
    }

    /// The request [`TestApp::post_files`] sends, for sending it another way.
    pub fn upload_request(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &[u8])],
    ) -> Request<Body> {
        let boundary = "----scrutineer-upload-7f3a";
        let mut body: Vec<u8> = Vec::new();
        let token = self.csrf();
        let mut text = vec![("csrf_token", token.as_str())];
        text.extend_from_slice(fields);
        for (name, value) in text {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        for (file_name, bytes) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .expect("request")
    }

    /// One number from the database, for asserting on stored state.
    pub async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql)
            .fetch_one(&self.state.db)
            .await
            .expect("count query")
    }

    /// Run a statement against the test database (fixtures).
    pub async fn exec(&self, sql: &str) {
        sqlx::raw_sql(sql)
            .execute(&self.state.db)
            .await
            .expect("fixture statement");
    }

    /// A fresh, migrated, empty database on ONE connection whose worker thread is named
    /// `{thread_prefix}-N`. SQLite statements run (and are logged by sqlx as `sqlx::query`
    /// events) on that thread, so a process-wide tracing layer can count this app's statements
    /// apart from those of tests running in parallel.
    pub async fn with_named_connection(thread_prefix: &'static str) -> Self {
        use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
        let dir = tempfile::tempdir().expect("temp dir");
        let options = SqliteConnectOptions::new()
            .filename(dir.path().join("test.db"))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .thread_name(move |id| format!("{thread_prefix}-{id}"));
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .connect_with(options)
            .await
            .expect("open database");
        db::migrate(&pool).await.expect("migrate");
        let state = startup::state(pool, Clock::fixed_date(test_today()), Security::default())
            .await
            .expect("state");
        Self {
            router: scrutineer::app(state.clone()),
            state,
            cookie: None,
            csrf_token: None,
            _dir: dir,
        }
    }

    /// Load the Derbyshire example data into this app's database.
    pub async fn load_example_data(&self) {
        db::seed::load_example(
            &self.state.db,
            self.state.clock.now(),
            self.state.clock.today(),
            &Actor::system("test"),
        )
        .await
        .expect("load example data");
    }

    /// GET with extra request headers (e.g. `If-None-Match`).
    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> TestResponse {
        let mut request = Request::get(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }
}

fn find_csrf_token(body: &str) -> Option<String> {
    let marker = "name=\"csrf_token\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_string())
}

/// Check who may reach `method path` on the seeded data: anonymous is sent to sign in, each
/// role outside `allowed` gets 403, each role inside gets neither (for a POST with an empty
/// form that is usually 422, never a save).
pub async fn assert_only_these_roles(method: &str, path: &str, allowed: &[Role]) {
    let mut app = TestApp::seeded().await;
    let anonymous = match method {
        "GET" => app.get(path).await,
        _ => app.post_form(path, &[]).await,
    };
    assert_eq!(
        anonymous.status,
        StatusCode::SEE_OTHER,
        "anonymous {method} {path}"
    );
    assert!(
        anonymous.location().starts_with("/sign-in?next="),
        "anonymous {method} {path} went to {}",
        anonymous.location()
    );
    for role in Role::ALL {
        app.sign_in_as(*role).await;
        let response = match method {
            "GET" => app.get(path).await,
            _ => app.post_form(path, &[]).await,
        };
        if allowed.contains(role) {
            assert!(
                response.status != StatusCode::FORBIDDEN
                    && response.status != StatusCode::SEE_OTHER,
                "{role:?} should reach {method} {path}, got {}",
                response.status
            );
        } else {
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{role:?} {method} {path}"
            );
        }
    }
}
