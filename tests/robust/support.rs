//! Shared pieces: a real server (in-process on a TCP port, or the real binary), an HTTP client
//! that behaves like a browser, a little HTML form reading, and the database checks.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};
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
        db::users::insert(
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
            axum::serve(
                listener,
                app.into_make_service_with_connect_info::<SocketAddr>(),
            )
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

/// What came back from the server.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub location: String,
    pub body: String,
}

impl Reply {
    pub fn is_html(&self) -> bool {
        self.content_type.starts_with("text/html")
    }
}

/// One person's browser: its own cookie jar, no automatic redirects, the page's CSRF token.
pub struct Browser {
    http: reqwest::Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
    base: String,
    pub csrf: String,
}

impl Browser {
    /// `source`: the loopback address to connect from (sign-in throttling is per address).
    pub fn new(base: &str, source: Option<IpAddr>) -> Self {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let http = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .local_address(source)
            .build()
            .expect("client");
        Self {
            http,
            jar,
            base: base.to_string(),
            csrf: String::new(),
        }
    }

    /// The `Cookie` header this browser sends (to hand-craft a request with its session).
    pub fn cookie_header(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("base url");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_string))
            .unwrap_or_default()
    }

    pub async fn sign_in(&mut self, email: &str) -> Result<(), String> {
        let reply = self
            .post("/sign-in", &[("email", email), ("password", PASSWORD)])
            .await
            .map_err(|e| e.to_string())?;
        if reply.status != StatusCode::SEE_OTHER {
            return Err(format!("sign-in answered {}", reply.status));
        }
        self.get("/account/password")
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    pub async fn get(&mut self, path: &str) -> reqwest::Result<Reply> {
        let response = self.http.get(format!("{}{path}", self.base)).send().await?;
        self.read(response).await
    }

    /// Submit a form as a browser on this site would, adding the session's CSRF token.
    pub async fn post<K: AsRef<str>, V: AsRef<str>>(
        &mut self,
        path: &str,
        fields: &[(K, V)],
    ) -> reqwest::Result<Reply> {
        let body = {
            let mut body = form_urlencoded::Serializer::new(String::new());
            for (k, v) in fields {
                body.append_pair(k.as_ref(), v.as_ref());
            }
            if !fields.iter().any(|(k, _)| k.as_ref() == "csrf_token") {
                body.append_pair("csrf_token", &self.csrf);
            }
            body.finish().into_bytes()
        };
        self.post_raw(path, "application/x-www-form-urlencoded", body)
            .await
    }

    /// POST any bytes with any content type, as the same site.
    pub async fn post_raw(
        &mut self,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Result<Reply> {
        let response = self
            .http
            .post(format!("{}{path}", self.base))
            .header(CONTENT_TYPE, content_type)
            .header("sec-fetch-site", "same-origin")
            .body(body)
            .send()
            .await?;
        self.read(response).await
    }

    async fn read(&mut self, response: reqwest::Response) -> reqwest::Result<Reply> {
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let content_type = header(CONTENT_TYPE);
        let location = header(LOCATION);
        let bytes = response.bytes().await?;
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = attribute_after(&body, "name=\"csrf_token\" value=\"") {
            self.csrf = token;
        }
        Ok(Reply {
            status,
            content_type,
            location,
            body,
        })
    }
}

fn attribute_after(html: &str, marker: &str) -> Option<String> {
    let start = html.find(marker)? + marker.len();
    let end = html[start..].find('"')? + start;
    Some(unescape(&html[start..end]))
}

/// Undo maud's escaping of attribute values and text.
pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// One `<form>` of a page: where it goes, how, and its fields with what they hold now (the
/// checked radio or selected option, a textarea's text).
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub action: String,
    pub method: String,
    /// What a browser would send as the form stands.
    pub fields: Vec<(String, String)>,
    /// Every field name in the form, sent or not (unticked boxes, file inputs, buttons).
    pub names: Vec<String>,
    /// Sent as `multipart/form-data` (a file upload).
    pub multipart: bool,
}

impl Form {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, name: &str, value: &str) {
        match self.fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = value.to_string(),
            None => self.fields.push((name.to_string(), value.to_string())),
        }
    }
}

/// Every form on a page. Good enough for the markup maud writes (double-quoted attributes).
pub fn forms(html: &str) -> Vec<Form> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<form") {
        let after = &rest[start..];
        let end = after.find("</form>").unwrap_or(after.len());
        let inner = &after[..end];
        let open_end = inner.find('>').unwrap_or(inner.len());
        let open = &inner[..open_end];
        out.push(Form {
            action: attr(open, "action").unwrap_or_default(),
            method: attr(open, "method")
                .unwrap_or_else(|| "get".into())
                .to_lowercase(),
            fields: fields(inner),
            names: names(inner),
            multipart: open.contains("multipart/form-data"),
        });
        rest = &after[end.min(after.len())..];
        if end == after.len() {
            break;
        }
        rest = &rest["</form>".len()..];
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    attribute_after(tag, &marker)
}

fn fields(form: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut rest = form;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        let name_of = |t: &str| attr(&format!(" {t}"), "name");
        if tag.starts_with("input") {
            let Some(name) = name_of(tag) else { continue };
            let kind = attr(&format!(" {tag}"), "type").unwrap_or_default();
            let value = attr(&format!(" {tag}"), "value").unwrap_or_default();
            let chosen = tag.contains(" checked");
            match kind.as_str() {
                "radio" | "checkbox" if !chosen => {}
                "submit" | "file" => {}
                _ => out.push((name, value)),
            }
        } else if tag.starts_with("textarea") {
            let Some(name) = name_of(tag) else { continue };
            let body = &rest[tag_end.min(rest.len())..];
            let text = body
                .strip_prefix('>')
                .and_then(|b| b.find("</textarea>").map(|e| &b[..e]))
                .unwrap_or("");
            out.push((name, unescape(text)));
        } else if tag.starts_with("select") {
            let Some(name) = name_of(tag) else { continue };
            let body = &rest[tag_end.min(rest.len())..];
            let options = &body[..body.find("</select>").unwrap_or(body.len())];
            let selected = options
                .split("<option")
                .skip(1)
                .find(|o| o.split('>').next().is_some_and(|t| t.contains(" selected")))
                .and_then(|o| attr(o.split('>').next().unwrap_or(""), "value"))
                .unwrap_or_default();
            out.push((name, selected));
        }
    }
    out
}

fn names(form: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in form.split(" name=\"").skip(1) {
        let name = unescape(piece.split('"').next().unwrap_or(""));
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
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

/// A loopback port free at the moment of asking.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

/// The real `scrutineer` binary serving `database` on `port`.
pub struct Binary {
    pub child: Child,
    pub base: String,
}

impl Binary {
    /// Start it and wait until `/healthz` answers.
    pub async fn start(database: &Path, port: u16) -> Self {
        let child = binary_command(database)
            .args(["serve", "--no-example-data", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the scrutineer binary");
        let mut binary = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        binary.wait_until_healthy().await;
        binary
    }

    async fn wait_until_healthy(&mut self) {
        let started = Instant::now();
        let http = reqwest::Client::new();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited at start: {status}");
            }
            let health = http
                .get(format!("{}/healthz", self.base))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not become healthy within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid")
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `scrutineer --database FILE`, with no settings leaking in from the environment.
pub fn binary_command(database: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scrutineer"));
    for var in [
        "DATABASE_URL",
        "BIND_ADDR",
        "SECURE_COOKIES",
        "NO_EXAMPLE_DATA",
        "IDLE_TIMEOUT_MINUTES",
        "SESSION_LIFETIME_HOURS",
    ] {
        command.env_remove(var);
    }
    command.env("RUST_LOG", "warn");
    command.arg("--database").arg(database);
    command
}

/// A path for a database in `dir`.
pub fn database_in(dir: &TempDir) -> PathBuf {
    dir.path().join("scrutineer.db")
}
