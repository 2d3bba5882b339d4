//! Hostile input: random and malicious values in every form field, query parameter and path id
//! of every route, as a role allowed to use it. Nothing may answer 5xx or drop the connection,
//! the database stays whole, and what was stored comes back escaped in every page and
//! neutralised in every CSV export.

mod attack;
mod discover;
mod plant;
mod values;

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};

use reqwest::StatusCode;
use scrutineer::db;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;

use crate::support::{self, Browser, LocalServer, Reply};

/// Signed-in browsers by role, made (again) on demand: a hostile form may sign one out.
pub struct Sessions {
    base: String,
    pool: sqlx::SqlitePool,
    browsers: Vec<(Option<Role>, Browser)>,
    made: usize,
}

impl Sessions {
    fn new(server: &LocalServer) -> Self {
        Self {
            base: server.base.clone(),
            pool: server.state.db.clone(),
            browsers: Vec::new(),
            made: 0,
        }
    }

    pub async fn browser(&mut self, role: Option<Role>) -> &mut Browser {
        if !self.browsers.iter().any(|(r, _)| *r == role) {
            let browser = self.make(role).await;
            self.browsers.push((role, browser));
        }
        let at = self
            .browsers
            .iter()
            .position(|(r, _)| *r == role)
            .expect("made");
        &mut self.browsers[at].1
    }

    /// Forget this role's browser; the next request signs in a fresh account.
    pub fn renew(&mut self, role: Option<Role>) {
        self.browsers.retain(|(r, _)| *r != role);
    }

    async fn make(&mut self, role: Option<Role>) -> Browser {
        let Some(role) = role else {
            // Failed sign-ins are throttled per address: keep the anonymous attacker's apart.
            return Browser::new(&self.base, Some(IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2))));
        };
        self.made += 1;
        let email = format!("hostile-{}-{}@example.test", role.as_str(), self.made);
        let hash = scrutineer::auth::password::hash(support::PASSWORD.into())
            .await
            .expect("hash");
        let id = db::users::insert(
            &self.pool,
            &db::users::NewUser {
                email: &email,
                display_name: "Hostile tester",
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
            .execute(&self.pool)
            .await
            .expect("force user's bodies");
        }
        // Wrong current passwords on the password form are throttled per address too: each
        // account signs in from an address of its own.
        let made = u8::try_from(self.made % 200).expect("small");
        let source = IpAddr::V4(Ipv4Addr::new(127, 0, 1, 10 + made));
        let mut browser = Browser::new(&self.base, Some(source));
        browser.sign_in(&email).await.expect("sign in");
        browser
    }
}

/// Everything that went wrong, and what was seen.
#[derive(Default)]
pub struct Report {
    pub requests: usize,
    pub statuses: BTreeMap<u16, usize>,
    pub failures: Vec<String>,
    /// Pages that showed a stored script tag, escaped.
    pub escaped_pages: usize,
}

impl Report {
    /// Check one reply: no 5xx, no dropped connection, no raw markup from the attack.
    pub fn check(&mut self, what: &str, reply: &reqwest::Result<Reply>) {
        self.requests += 1;
        let reply = match reply {
            Ok(r) => r,
            // Refusing a body over the limit, the server may close the connection before the
            // client has sent it all: that is a refusal (nothing is accepted), not a failure.
            Err(e) if what.ends_with("[over the limit]") && !e.is_timeout() => return,
            Err(e) => return self.fail(format!("{what}: no response ({e})")),
        };
        *self.statuses.entry(reply.status.as_u16()).or_default() += 1;
        if reply.status.is_server_error() {
            let at = reply.body.find("<h1").unwrap_or(0);
            let text: String = reply.body.chars().skip(at).take(160).collect();
            self.fail(format!("{what}: {} {text}", reply.status));
        }
        let markup = reply.is_html() || reply.content_type.contains("xml");
        if markup {
            for raw in values::RAW_MARKERS {
                if reply.body.contains(raw) {
                    self.fail(format!("{what}: {raw:?} came back unescaped"));
                }
            }
            if reply.body.contains("&lt;script&gt;alert(") {
                self.escaped_pages += 1;
            }
        }
    }

    fn fail(&mut self, message: String) {
        let mut message = message;
        if message.len() > 400 {
            message.truncate(message.char_indices().nth(400).map_or(400, |(i, _)| i));
        }
        self.failures.push(message);
    }
}

/// A form the administrator's walk did not meet (the sign-in form, another person's
/// calendar feeds): look on the page at the same path, and the one above it, as the role that
/// will attack it.
async fn find_missing_forms(sessions: &mut Sessions, targets: &mut [discover::Target]) {
    for t in targets
        .iter_mut()
        .filter(|t| t.method == "POST" && t.form.names.is_empty())
    {
        let parent = t.path.rsplit_once('/').map_or("/", |(p, _)| p).to_string();
        for page in [t.path.clone(), parent] {
            let Ok(reply) = sessions.browser(t.role).await.get(&page).await else {
                continue;
            };
            let path = t.path.clone();
            if let Some(form) = support::forms(&reply.body)
                .into_iter()
                .find(|f| f.action.split('?').next() == Some(path.as_str()))
            {
                t.form = form;
                break;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_values_in_every_field_of_every_route_never_break_the_service() {
    let rounds = if support::long() { 12 } else { 2 };
    let server = LocalServer::start_seeded(Clock::fixed_date(
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
    ))
    .await;
    let mut sessions = Sessions::new(&server);
    let feed = plant::hostile_records(sessions.browser(Some(Role::Office)).await).await;
    let mut targets = discover::targets(sessions.browser(Some(Role::Admin)).await, 400).await;
    for t in targets
        .iter_mut()
        .filter(|t| t.pattern == "/calendar/{token}")
    {
        t.path = feed.clone();
    }
    let header = plant::export_header(sessions.browser(Some(Role::Office)).await).await;

    find_missing_forms(&mut sessions, &mut targets).await;
    let formless: Vec<&str> = targets
        .iter()
        .filter(|t| t.method == "POST" && t.form.names.is_empty())
        .map(|t| t.pattern)
        .collect();
    eprintln!("POST routes with no form found (invented fields only): {formless:?}");
    let started = std::time::Instant::now();
    let mut report = Report::default();
    for (n, target) in targets.iter().enumerate() {
        let mut rng = fastrand::Rng::with_seed(n as u64);
        attack::target(
            &mut sessions,
            target,
            &mut rng,
            rounds,
            &header,
            &mut report,
        )
        .await;
    }
    eprintln!(
        "hostile input: {} requests to {} routes in {:.0} s; statuses {:?}",
        report.requests,
        targets.len(),
        started.elapsed().as_secs_f64(),
        report.statuses
    );

    let pool = &server.state.db;
    assert_eq!(support::integrity(pool).await, "ok");
    support::assert_intact(db::audit::verify(pool).await.expect("verify"));
    let findings: i64 = sqlx::query_scalar("select count(*) from findings")
        .fetch_one(pool)
        .await
        .expect("the findings table is still there");
    assert!(findings >= 18, "no SQL fragment removed a record");
    // The attack saved over some of what was planted: plant it again, then look everywhere.
    plant::hostile_records(sessions.browser(Some(Role::Office)).await).await;
    let before = report.requests;
    report.escaped_pages = 0;
    attack::walk_every_page(&mut sessions, &targets, &mut report).await;
    eprintln!(
        "walked {} pages as every role; {} showed a stored script tag, escaped",
        report.requests - before,
        report.escaped_pages
    );
    plant::check_every_csv(&mut sessions, &targets, pool, &mut report).await;
    assert!(
        report.failures.is_empty(),
        "{} failures:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
    assert!(
        report.escaped_pages > 0,
        "stored script tags were shown (escaped)"
    );
    assert!(
        report
            .statuses
            .contains_key(&StatusCode::SEE_OTHER.as_u16()),
        "some hostile values were saved"
    );
}
