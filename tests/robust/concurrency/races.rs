//! One-shot decisions raced by many office users at the same instant: exactly one wins, every
//! other is told it was already decided (409), and the record and audit log show one decision.

use std::sync::Arc;

use reqwest::StatusCode;
use scrutineer::domain::dates::Clock;
use scrutineer::domain::vocab::Role;
use tokio::sync::Barrier;

use super::checks::scalar;
use crate::support::{self, Browser, LocalServer};

const RACERS: usize = 16;

/// Sign in `RACERS` office users, then release every one of `send` at once; the statuses.
async fn race(server: &LocalServer, requests: Vec<(String, Vec<(String, String)>)>) -> Vec<u16> {
    let emails = support::add_accounts(&server.state.db, Role::Office, RACERS).await;
    let barrier = Arc::new(Barrier::new(RACERS));
    let mut tasks = Vec::new();
    for (email, (path, fields)) in emails.iter().zip(requests) {
        let mut browser: Browser = server.client();
        browser.sign_in(email).await.expect("sign in");
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            let reply = browser.post(&path, &fields).await.expect("reply");
            reply.status.as_u16()
        }));
    }
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.expect("racer"));
    }
    statuses.sort();
    statuses
}

fn won_once(statuses: &[u16]) {
    let wins = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER.as_u16())
        .count();
    let clashes = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT.as_u16())
        .count();
    assert_eq!((wins, clashes), (1, RACERS - 1), "statuses: {statuses:?}");
}

fn server_today() -> Clock {
    Clock::fixed_date(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_people_deciding_the_same_proposal_at_once_make_exactly_one_decision() {
    let server = LocalServer::start_seeded(server_today()).await;
    let pool = server.state.db.clone();
    // Decided today, as the forms send it unless someone types an earlier day.
    let today = || {
        [
            ("decided_on_day", "2"),
            ("decided_on_month", "3"),
            ("decided_on_year", "2026"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    };
    let requests = (0..RACERS)
        .map(|i| {
            if i % 2 == 0 {
                ("/proposals/1/accept".to_string(), today().to_vec())
            } else {
                let reason = ("decision_reason".to_string(), format!("racer {i} says no"));
                let mut fields = today().to_vec();
                fields.push(reason);
                ("/proposals/1/reject".to_string(), fields)
            }
        })
        .collect();
    won_once(&race(&server, requests).await);
    let accepted = scalar(
        &pool,
        "select count(*) from revision_proposals where id = 1 and status = 'accepted'",
    )
    .await;
    let revisions = scalar(
        &pool,
        "select count(*) from milestone_revisions where proposal_id = 1",
    )
    .await;
    assert_eq!(revisions, accepted, "a revision exactly when accepted");
    let decisions = scalar(
        &pool,
        "select count(*) from audit_events where entity = 'revision_proposal' and entity_id = 1",
    )
    .await;
    assert_eq!(decisions, 1, "one decision in the audit log");
    support::assert_intact(scrutineer::db::audit::verify(&pool).await.expect("verify"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_people_marking_the_same_milestone_met_at_once_record_it_once() {
    let server = LocalServer::start_seeded(server_today()).await;
    let pool = server.state.db.clone();
    let open: i64 = scalar(&pool, "select min(id) from milestones where met_on is null").await;
    let requests = (0..RACERS)
        .map(|i| {
            let day = (1 + i % 28).to_string();
            let fields = [
                ("date_day", day.as_str()),
                ("date_month", "2"),
                ("date_year", "2026"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .to_vec();
            (format!("/milestones/{open}/met"), fields)
        })
        .collect();
    won_once(&race(&server, requests).await);
    let events = scalar(
        &pool,
        &format!(
            "select count(*) from audit_events where entity = 'milestone' and entity_id = {open}"
        ),
    )
    .await;
    assert_eq!(events, 1, "one 'met' in the audit log");
    support::assert_intact(scrutineer::db::audit::verify(&pool).await.expect("verify"));
}
