//! Many office users at once against a real server: progress updates all kept exactly once,
//! edits of the same records forming one unbroken chain, every clash answered as a conflict.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;

use crate::support::{self, Browser, LocalServer, Reply, forms};

mod checks;
mod races;
use checks::{
    assert_audit_matches, assert_each_update_stored_once, assert_one_chain, scalar, version,
};

const CLIENTS: usize = 32;

/// A form everyone edits at once: where it is, the text field that carries each edit's
/// marker, where that lands in the database, and the audit event a save makes.
#[derive(Debug, PartialEq, Eq)]
struct Record {
    edit_page: &'static str,
    save_path: &'static str,
    field: &'static str,
    table: &'static str,
    id: i64,
    column: &'static str,
    audit: (&'static str, &'static str),
}

/// The inspection's details and its section 55 response share one version: saving either
/// form makes the other's copy out of date.
const RECORDS: &[Record] = &[
    Record {
        edit_page: "/findings/1/edit",
        save_path: "/findings/1",
        field: "area",
        table: "findings",
        id: 1,
        column: "area",
        audit: ("finding", "update"),
    },
    Record {
        edit_page: "/actions/1/edit",
        save_path: "/actions/1",
        field: "title",
        table: "action_items",
        id: 1,
        column: "title",
        audit: ("action_item", "update"),
    },
    Record {
        edit_page: "/inspections/1/edit",
        save_path: "/inspections/1",
        field: "title",
        table: "inspections",
        id: 1,
        column: "title",
        audit: ("inspection", "update"),
    },
    Record {
        edit_page: "/inspections/1/response",
        save_path: "/inspections/1/response",
        field: "response_url",
        table: "inspections",
        id: 1,
        column: "response_url",
        audit: ("inspection", "record_section_55"),
    },
];

/// An edit the server acknowledged with 303: the version it was based on and what it wrote.
#[derive(Debug, Clone)]
struct Save {
    record: &'static Record,
    base: i64,
    marker: String,
}

#[derive(Debug, Default)]
struct Tally {
    updates: Vec<String>,
    saves: Vec<Save>,
    conflicts: usize,
    server_errors: Vec<String>,
    unexpected: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_two_clients_writing_at_once_lose_nothing_and_clash_only_as_conflicts() {
    let seconds = if support::long() { 30 } else { 5 };
    let server = LocalServer::start_seeded(Clock::fixed_date(support_today())).await;
    let pool = server.state.db.clone();
    let emails = support::add_accounts(&pool, Role::Office, CLIENTS).await;
    let mut browsers = Vec::new();
    for email in &emails {
        let mut browser = server.client();
        browser.sign_in(email).await.expect("sign in");
        browsers.push(browser);
    }
    let baseline: i64 = scalar(&pool, "select coalesce(max(id), 0) from audit_events").await;
    let mut start_versions = Vec::new();
    for r in RECORDS {
        start_versions.push(version(&pool, r.table, r.id).await);
    }

    let tally = Arc::new(Mutex::new(Tally::default()));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for (n, browser) in browsers.into_iter().enumerate() {
        let tally = tally.clone();
        tasks.push(tokio::spawn(client(n, browser, deadline, tally)));
    }
    for task in tasks {
        task.await.expect("client task");
    }
    let tally = Arc::try_unwrap(tally)
        .expect("one owner")
        .into_inner()
        .expect("tally");
    eprintln!(
        "{CLIENTS} clients for {seconds} s: {} updates, {} saves, {} conflicts",
        tally.updates.len(),
        tally.saves.len(),
        tally.conflicts
    );

    assert!(
        tally.server_errors.is_empty(),
        "5xx: {:?}",
        tally.server_errors
    );
    assert!(
        tally.unexpected.is_empty(),
        "unexpected: {:?}",
        tally.unexpected
    );
    assert!(
        !tally.updates.is_empty() && !tally.saves.is_empty(),
        "the load ran"
    );
    assert!(
        tally.conflicts > 0,
        "clients clashed (else the test proves little)"
    );
    assert_each_update_stored_once(&pool, &tally.updates).await;
    for (record, start) in RECORDS.iter().zip(start_versions) {
        assert_one_chain(&pool, &tally.saves, record, start).await;
    }
    assert_audit_matches(&pool, baseline, &tally).await;
}

fn support_today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

async fn client(n: usize, mut browser: Browser, deadline: Instant, tally: Arc<Mutex<Tally>>) {
    let mut rng = fastrand::Rng::with_seed(n as u64);
    let mut i = 0;
    while Instant::now() < deadline {
        i += 1;
        let marker = format!("robust marker c{n} n{i}");
        if rng.bool() {
            post_update(&mut browser, &mut rng, marker, &tally).await;
        } else {
            let record = &RECORDS[rng.usize(..RECORDS.len())];
            edit(&mut browser, record, marker, &tally).await;
        }
    }
}

async fn post_update(
    browser: &mut Browser,
    rng: &mut fastrand::Rng,
    marker: String,
    tally: &Mutex<Tally>,
) {
    let path = if rng.bool() {
        format!("/actions/{}/updates", rng.i64(1..=3))
    } else {
        format!("/findings/{}/updates", rng.i64(1..=3))
    };
    let fields = [
        ("as_at_day", "1"),
        ("as_at_month", "3"),
        ("as_at_year", "2026"),
        ("rag", "amber"),
        ("narrative", marker.as_str()),
    ];
    let reply = browser.post(&path, &fields).await;
    let mut t = tally.lock().expect("tally");
    match reply {
        Ok(r) if r.status == StatusCode::SEE_OTHER => t.updates.push(marker),
        other => note_failure(&mut t, &path, other),
    }
}

async fn edit(
    browser: &mut Browser,
    record: &'static Record,
    marker: String,
    tally: &Mutex<Tally>,
) {
    let marker = if record.field.ends_with("url") {
        format!("https://example.test/{}", marker.replace(' ', "-"))
    } else {
        marker
    };
    let page = match browser.get(record.edit_page).await {
        Ok(r) if r.status == StatusCode::OK => r,
        other => return note_failure(&mut tally.lock().expect("tally"), "edit page", other),
    };
    let save_path = record.save_path;
    let mut form = forms(&page.body)
        .into_iter()
        .find(|f| f.action == save_path)
        .expect("the edit form");
    let base: i64 = form
        .value("version")
        .and_then(|v| v.parse().ok())
        .expect("a version on the form");
    form.set(record.field, &marker);
    let reply = browser.post(save_path, &form.fields).await;
    let mut t = tally.lock().expect("tally");
    match reply {
        Ok(r) if r.status == StatusCode::SEE_OTHER => t.saves.push(Save {
            record,
            base,
            marker,
        }),
        Ok(r) if r.status == StatusCode::CONFLICT => {
            assert!(r.body.contains(&marker), "a conflict keeps what was typed");
            let now_saved = forms(&r.body)
                .into_iter()
                .find(|f| f.action == save_path)
                .and_then(|f| f.value("version").and_then(|v| v.parse::<i64>().ok()));
            if now_saved.is_none_or(|v| v <= base) {
                t.unexpected.push(format!(
                    "{save_path}: the conflict page offers version {now_saved:?}, not newer than {base}"
                ));
            }
            t.conflicts += 1;
        }
        other => note_failure(&mut t, save_path, other),
    }
}

fn note_failure(t: &mut Tally, what: &str, reply: reqwest::Result<Reply>) {
    match reply {
        Ok(r) if r.status.is_server_error() => {
            t.server_errors.push(format!("{what}: {}", r.status))
        }
        Ok(r) => t
            .unexpected
            .push(format!("{what}: {} {}", r.status, snippet(&r.body))),
        Err(e) => t.unexpected.push(format!("{what}: {e}")),
    }
}

fn snippet(body: &str) -> String {
    let at = body.find("govuk-error-summary").unwrap_or(0);
    body.chars().skip(at).take(400).collect()
}
