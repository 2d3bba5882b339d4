//! Every page type runs a fixed number of SQL statements whatever the size of the record, and
//! every statement behind a page reaches the large tables through an index (checked with
//! `EXPLAIN QUERY PLAN`). Statements are seen as in [`crate::statements`]; the two sizes are the
//! Derbyshire example data, then the same plus a small synthetic national record.

use axum::http::StatusCode;
use scrutineer::db::synthetic::{self, Plan};
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;
use crate::statements;

const THREAD: &str = "page-queries";

/// Every kind of page, on the seeded ids (inspection 1, finding 1, action 1, meeting 1).
const PAGES: &[&str] = &[
    "/",
    "/progress/inspections/1",
    "/progress/bodies/1",
    "/progress/meetings",
    "/editions",
    "/editions/1",
    "/editions/1/inspections/1",
    "/editions/1/bodies/1",
    "/data/latest.json",
    "/feeds/editions.atom",
    "/inspections",
    "/inspections/1",
    "/inspections/1/findings.csv",
    "/findings/1",
    "/findings/1/edit",
    "/actions",
    "/actions/1",
    "/meetings",
    "/meetings/1",
    "/meetings/1/pack",
    "/actions-arising",
    "/proposals",
    "/search?q=risk",
    "/register",
    "/register?source=hmicfrs_police&clock=overdue",
    "/themes",
    "/themes/1",
    "/publishing",
    "/bodies",
    "/bodies/1/merge",
    "/rules",
    "/rules/new",
    "/rules/5/edit",
    "/inspections/1/clocks/2/extensions/new",
    "/inspections/1/clocks/2/sent/new",
    "/inspections/1/clocks/1/document",
    "/admin/users",
    "/admin/users/1",
    "/admin/audit",
    "/admin/example-data",
    "/dashboard",
    "/dashboard/assurance",
    "/dashboard/charts",
    "/dashboard/findings",
    "/dashboard/milestones",
    "/dashboard/actions",
    "/dashboard/arising",
];

/// The pages a force user may open, for a force user who belongs to one body of several.
const FORCE_PAGES: &[&str] = &[
    "/",
    "/progress/inspections/1",
    "/editions/1",
    "/data/latest.json",
    "/findings/1",
    "/actions",
    "/actions/1",
    "/search?q=risk",
    "/register",
    "/themes",
    "/themes/1",
];

const FORCE_EMAIL: &str = "scoped.force@example.test";

/// The tables that grow with the record: a statement must reach them through an index.
const LARGE: &[&str] = &[
    "progress_updates",
    "milestones",
    "milestone_revisions",
    "findings",
    "action_items",
    "action_findings",
    "audit_events",
    "assessments",
];

/// Statements allowed to read a large table from end to end (matched on a fragment, spaces
/// collapsed), and why.
const WHOLE_TABLE_READS: &[(&str, &str)] = &[
    (
        "p.position, p.as_at as position_as_at from findings s",
        "the register lists every open finding of the viewer's bodies, from every source (issue 21)",
    ),
    (
        "from audit_events where (?1 is null or entity = ?1)",
        "the audit log page walks events newest first by id and stops at the page size",
    ),
    (
        "from action_items a left join progress_updates l on l.id = (",
        "dashboards: the snapshot is the whole record; built once per change, then kept",
    ),
    (
        "select action_id, finding_id from action_findings order by action_id, finding_id",
        "dashboards: the snapshot is the whole record; built once per change, then kept",
    ),
    (
        "from milestones where (milestones.withdrawn_on is null",
        "dashboards: the snapshot is the whole record; built once per change, then kept",
    ),
    (
        "and (a.withdrawn_on is null and not exists (select 1 from inspected_bodies wb",
        "the action plan lists every action of the viewer's bodies; leaving out withdrawn ones reads each row (issue 16)",
    ),
    (
        "from assessments where meeting_id is not null and part_id is null",
        "assurance matrix: every judgement made at a meeting, over the whole history",
    ),
    (
        "else 'Area for improvement ' end || f.reference as subject",
        "publishing: lists every finding's public summary for approval",
    ),
    (
        "select a.id as action_id, null as finding_id,",
        "KNOWN ISSUE: the meeting forms offer every action and finding in one select list",
    ),
    (
        "select a.id, a.reference, a.title from action_items a where (?1 is null or a.body_id in",
        "the meeting pack reads the action plan of the meeting's bodies: every body's for a meeting about none",
    ),
    (
        "select action_id, finding_id, as_at, rag, entered_at from progress_updates order by as_at, id",
        "charts (burn-down over the whole history) and KNOWN ISSUE: the meeting pack",
    ),
];

/// A statement with its runs of white space made single spaces.
fn collapsed(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The statements each page ran on its second request (the first warms caches), by page.
async fn statements_per_page(app: &mut TestApp, pages: &[&str]) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    for page in pages {
        statements::take(THREAD);
        app.get(page).await.assert_status(StatusCode::OK);
        let first = statements::take(THREAD);
        app.get(page).await.assert_status(StatusCode::OK);
        let mut second = statements::take(THREAD);
        // Keep the first request's statements too, for the query plans (a cached page runs
        // its queries only then).
        second.extend(first.into_iter().map(|s| format!("FIRST {s}")));
        all.push(second);
    }
    all
}

fn counted(statements: &[Vec<String>]) -> Vec<usize> {
    statements
        .iter()
        .map(|s| s.iter().filter(|s| !s.starts_with("FIRST ")).count())
        .collect()
}

async fn publish(app: &mut TestApp) {
    app.post_form("/publishing/editions", &[("note", "for the query test")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

/// The aliases a statement gives `table` (`from progress_updates u`, `... as u`) and its name.
fn names_of(sql: &str, table: &str) -> Vec<String> {
    const NOT_ALIASES: &[&str] = &[
        "where",
        "join",
        "left",
        "inner",
        "on",
        "order",
        "group",
        "limit",
        "set",
        "values",
        "using",
        "union",
        "select",
        "having",
        "window",
        "returning",
        "default",
        "indexed",
        "not",
        "cross",
        "natural",
        "outer",
        "and",
        "or",
    ];
    let words: Vec<String> = sql
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut names = vec![table.to_string()];
    for (i, w) in words.iter().enumerate() {
        if w != table {
            continue;
        }
        let next = match words.get(i + 1).map(String::as_str) {
            Some("as") => words.get(i + 2),
            _ => words.get(i + 1),
        };
        if let Some(alias) = next
            && !NOT_ALIASES.contains(&alias.as_str())
        {
            names.push(alias.clone());
        }
    }
    names
}

/// The plan lines that read a large table from end to end without an index.
async fn full_scans(app: &TestApp, sql: &str) -> Vec<String> {
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!("explain query plan {sql}"))
        .fetch_all(&app.state.db)
        .await
        .unwrap_or_else(|e| panic!("cannot explain {sql}: {e}"));
    let mut bad = Vec::new();
    for (_, _, _, line) in plan {
        let Some(scanned) = line.strip_prefix("SCAN ") else {
            continue;
        };
        let what = scanned.split_whitespace().next().unwrap_or_default();
        let indexed = line.contains("USING INDEX")
            || line.contains("USING COVERING INDEX")
            || line.contains("USING INTEGER PRIMARY KEY");
        let large = LARGE
            .iter()
            .any(|t| names_of(sql, t).iter().any(|n| n == what));
        if large && !indexed {
            bad.push(line);
        }
    }
    bad
}

#[tokio::test]
async fn every_page_runs_a_fixed_number_of_statements_each_through_an_index() {
    statements::watch(THREAD);
    let mut app = TestApp::with_named_connection(THREAD).await;
    app.load_example_data().await;
    // A theme tagging two of Derbyshire's findings, for the theme pages.
    app.exec(
        "insert into themes (id, name, created_at) values (1, 'Missing children', '2026-01-01T09:00:00Z');
         insert into finding_themes (finding_id, theme_id) values (1, 1), (3, 1);",
    )
    .await;
    // A force user of Derbyshire alone: the synthetic forces added later are not theirs.
    app.create_user(FORCE_EMAIL, Role::Force).await;
    app.sign_in_as(Role::Admin).await;
    publish(&mut app).await;
    let seeded = statements_per_page(&mut app, PAGES).await;
    app.forget_session();
    app.sign_in_as_existing(FORCE_EMAIL).await;
    let seeded_force = statements_per_page(&mut app, FORCE_PAGES).await;

    let (today, now) = (app.state.clock.today(), app.state.clock.now());
    synthetic::generate(&app.state.db, Plan::small(), today, now)
        .await
        .expect("generate");
    app.forget_session();
    app.sign_in_as_existing("admin@example.test").await;
    publish(&mut app).await;
    let larger = statements_per_page(&mut app, PAGES).await;
    app.forget_session();
    app.sign_in_as_existing(FORCE_EMAIL).await;
    let larger_force = statements_per_page(&mut app, FORCE_PAGES).await;
    let bodies = app
        .count(&format!(
            "select count(*) from user_bodies b join users u on u.id = b.user_id
             where u.email = '{FORCE_EMAIL}'"
        ))
        .await;
    assert_eq!(bodies, 1, "the force user belongs to one body of several");
    let findings = app.count("select count(*) from findings").await;
    assert_eq!(
        findings,
        18 + 12,
        "the record grew by the small plan's findings"
    );

    let pages_counts: Vec<_> = PAGES
        .iter()
        .zip(counted(&seeded).into_iter().zip(counted(&larger)))
        .filter(|(_, (a, b))| a != b)
        .collect();
    assert!(
        pages_counts.is_empty(),
        "statements per page differ with the size of the record: {pages_counts:?}"
    );
    let force_counts: Vec<_> = FORCE_PAGES
        .iter()
        .zip(
            counted(&seeded_force)
                .into_iter()
                .zip(counted(&larger_force)),
        )
        .filter(|(_, (a, b))| a != b)
        .collect();
    assert!(
        force_counts.is_empty(),
        "statements per page for a scoped force user differ with the size of the record: \
         {force_counts:?}"
    );

    let mut unique: Vec<String> = seeded
        .into_iter()
        .chain(larger)
        .chain(seeded_force)
        .chain(larger_force)
        .flatten()
        .map(|s| s.trim_start_matches("FIRST ").to_string())
        .collect();
    unique.sort();
    unique.dedup();
    let mut problems = Vec::new();
    for sql in &unique {
        let lower = sql.trim_start().to_lowercase();
        let plannable = ["select", "with", "insert", "update", "delete"]
            .iter()
            .any(|k| lower.starts_with(k));
        let excepted = WHOLE_TABLE_READS
            .iter()
            .any(|(fragment, _)| collapsed(sql).contains(fragment));
        if !plannable || excepted {
            continue;
        }
        for line in full_scans(&app, sql).await {
            problems.push(format!("{line}\n    in: {sql}"));
        }
    }
    statements::take(THREAD);
    assert!(
        problems.is_empty(),
        "{} of {} statements read a large table without an index:\n{}",
        problems.len(),
        unique.len(),
        problems.join("\n\n")
    );
}

#[tokio::test]
async fn a_cached_public_page_is_served_without_touching_the_database() {
    const OWN: &str = "page-cache-hit";
    statements::watch(OWN);
    let mut app = TestApp::with_named_connection(OWN).await;
    app.load_example_data().await;
    app.sign_in_as(Role::Office).await;
    publish(&mut app).await;
    app.forget_session();
    for page in ["/", "/progress/inspections/1", "/progress/meetings"] {
        app.get(page).await.assert_status(StatusCode::OK);
        statements::take(OWN);
        app.get(page)
            .await
            .assert_status(StatusCode::OK)
            .assert_contains("Edition 2");
        assert_eq!(statements::take(OWN), Vec::<String>::new(), "{page}");
    }
}
