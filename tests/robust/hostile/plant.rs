//! Storing hostile text where every page and export shows it (a finding, an action, an update,
//! a milestone, an action arising, a published edition), then checking each CSV export.

use reqwest::StatusCode;
use scrutineer::domain::vocab::Role;

use super::values::XSS;
use super::{Report, Sessions};
use crate::support::{Browser, Reply, forms};

/// Fill the form on `page` that posts to `action`, change some fields, and send it.
async fn submit(browser: &mut Browser, page: &str, action: &str, changes: &[(&str, &str)]) {
    let got = browser.get(page).await.expect("form page");
    let mut form = forms(&got.body)
        .into_iter()
        .find(|f| f.action.split('?').next() == Some(action))
        .unwrap_or_else(|| panic!("no form posting to {action} on {page}"));
    for (name, value) in changes {
        form.set(name, value);
    }
    let reply = browser.post(action, &form.fields).await.expect("reply");
    assert_saved(action, &reply);
}

#[track_caller]
fn assert_saved(action: &str, reply: &Reply) {
    assert_eq!(
        reply.status,
        StatusCode::SEE_OTHER,
        "planting through {action}: {}",
        reply
            .body
            .split("govuk-error-summary")
            .nth(1)
            .unwrap_or(&reply.body)
            .chars()
            .take(600)
            .collect::<String>()
    );
}

/// Save text that starts like a spreadsheet formula and carries a script tag in every kind of
/// record that a page or an export shows, then publish it. Returns the path of a calendar
/// feed made on the way (its token is shown only once, so no link leads to it).
pub async fn hostile_records(office: &mut Browser) -> String {
    let tagged = |prefix: &str| format!("{prefix} {XSS}");
    let area = tagged("=1+2");
    let wording = "=HYPERLINK(\"https://evil.example\",\"click\")";
    let summary = tagged("@SUM(A1)");
    submit(
        office,
        "/findings/1/edit",
        "/findings/1",
        &[
            ("area", &area),
            ("official_wording", wording),
            ("public_summary", &summary),
        ],
    )
    .await;
    // A report's title reaches the section 55 export.
    let report = tagged("=report");
    submit(
        office,
        "/inspections/1/edit",
        "/inspections/1",
        &[("title", &report)],
    )
    .await;
    let title = tagged("-2+3");
    let description = tagged("+cmd");
    submit(
        office,
        "/actions/1/edit",
        "/actions/1",
        &[
            ("title", &title),
            ("description", &description),
            ("owner_name", "=owner"),
        ],
    )
    .await;
    let narrative = tagged("+narrative");
    let public = tagged("=public");
    let date = [
        ("as_at_day", "1"),
        ("as_at_month", "3"),
        ("as_at_year", "2026"),
    ];
    let mut update = vec![("rag", "amber"), ("narrative", narrative.as_str())];
    update.extend(date);
    update.push(("public_summary", &public));
    submit(
        office,
        "/actions/1/updates/new",
        "/actions/1/updates",
        &update,
    )
    .await;
    let milestone = tagged("=milestone");
    submit(
        office,
        "/actions/1/milestones/new",
        "/actions/1/milestones",
        &[
            ("title", &milestone),
            ("date_day", "1"),
            ("date_month", "6"),
            ("date_year", "2026"),
        ],
    )
    .await;
    let arising = tagged("@arising");
    submit(
        office,
        "/meetings/1/actions-arising/new",
        "/meetings/1/actions-arising",
        &[
            ("description", &arising),
            ("owner", "-owner"),
            ("due_day", "1"),
            ("due_month", "6"),
            ("due_year", "2026"),
        ],
    )
    .await;
    publish(office).await;
    // A new calendar feed is shown once, on the page itself.
    let reply = office
        .post("/calendar", &[("x", "")])
        .await
        .expect("calendar");
    assert_eq!(reply.status, StatusCode::OK, "a calendar feed was made");
    let feed = reply
        .body
        .split("/calendar/")
        .skip(1)
        .find_map(|rest| rest.split_once(".ics").map(|(token, _)| token))
        .map(|token| format!("/calendar/{token}.ics"))
        .expect("the new feed's address");
    let reply = office
        .post("/meetings/1/pack", &[("x", "")])
        .await
        .expect("pack");
    assert_saved("/meetings/1/pack", &reply);
    feed
}

/// Approve every public summary on offer and publish an edition. The attack may have
/// withdrawn the planted records or marked their inspections not ready for publication: they
/// are restored and marked ready first (a refusal means they already were).
async fn publish(office: &mut Browser) {
    for path in [
        "/bodies/1/restore",
        "/inspections/1/restore",
        "/inspections/2/restore",
        "/findings/1/restore",
        "/actions/1/restore",
        "/milestones/1/restore",
        "/meetings/1/restore",
        "/inspections/1/ready",
        "/inspections/2/ready",
    ] {
        office.post::<&str, &str>(path, &[]).await.expect(path);
    }
    let page = office.get("/publishing").await.expect("publishing");
    for form in forms(&page.body) {
        if form.action == "/publishing/approve" {
            let reply = office
                .post(&form.action, &form.fields)
                .await
                .expect("approve");
            assert_saved("/publishing/approve", &reply);
        }
    }
    let note = format!("=note {XSS}");
    let reply = office
        .post("/publishing/editions", &[("note", note.as_str())])
        .await
        .expect("publish");
    assert_saved("/publishing/editions", &reply);
}

/// The header row of the findings export, for building import files.
pub async fn export_header(office: &mut Browser) -> String {
    let csv = office
        .get("/inspections/1/findings.csv")
        .await
        .expect("export");
    csv.body.lines().next().unwrap_or("").to_string()
}

fn formula_start(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Every CSV export: no cell may start like a formula, and each must show that it met one
/// (a cell neutralised with a leading `'`).
pub async fn check_every_csv(
    sessions: &mut Sessions,
    targets: &[super::discover::Target],
    pool: &sqlx::SqlitePool,
    report: &mut Report,
) {
    // (who, where, whether it shows the records planted above)
    let mut urls: Vec<(Option<Role>, String, bool)> = targets
        .iter()
        .filter(|t| t.method == "GET" && t.path.ends_with(".csv"))
        .map(|t| (t.role, t.path.clone(), true))
        .collect();
    urls.push((None, "/data/latest.csv".into(), true));
    urls.push((
        Some(Role::Office),
        "/inspections/1/findings.csv".into(),
        true,
    ));
    urls.push((
        Some(Role::Office),
        "/inspections/2/findings.csv".into(),
        false,
    ));
    let editions: Vec<i64> = sqlx::query_scalar("select number from editions order by number")
        .fetch_all(pool)
        .await
        .expect("editions");
    let latest = editions.last().copied();
    for n in editions {
        urls.push((None, format!("/data/editions/{n}.csv"), Some(n) == latest));
    }
    urls.sort();
    urls.dedup_by(|a, b| a.1 == b.1);
    for (role, url, must_show) in urls {
        let reply = sessions.browser(role).await.get(&url).await;
        report.check(&format!("GET {url}"), &reply);
        let Ok(reply) = reply else { continue };
        if reply.status != StatusCode::OK {
            report.failures.push(format!("GET {url}: {}", reply.status));
            continue;
        }
        let mut neutralised = 0;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(reply.body.as_bytes());
        for record in reader.records() {
            let Ok(record) = record else {
                report.failures.push(format!("{url}: not valid CSV"));
                break;
            };
            for cell in record.iter() {
                if formula_start(cell) {
                    report
                        .failures
                        .push(format!("{url}: a cell starts a formula: {cell:?}"));
                }
                if cell.strip_prefix('\'').is_some_and(formula_start) {
                    neutralised += 1;
                }
            }
        }
        if must_show && neutralised == 0 {
            report.failures.push(format!(
                "{url}: no neutralised cell, so the check proved nothing"
            ));
        }
    }
}
