//! Feeds: the Atom feed of editions and updates, and the public iCalendar feed.

use axum::http::{StatusCode, header};
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

const ATOM: &str = "http://www.w3.org/2005/Atom";

#[tokio::test]
async fn the_atom_feed_is_well_formed_atom_with_an_entry_per_edition_and_update() {
    let mut app = TestApp::seeded().await;
    sqlx::query(
        "insert into progress_updates (id, action_id, as_at, rag, narrative, public_summary, author_id, entered_at)
         values (100, 1, '2026-03-01', 'green', 'internal', 'Less <than> & \"more\"', 3, '2026-03-01T10:00:00Z')",
    )
    .execute(&app.state.db)
    .await
    .expect("update");
    app.sign_in_as(Role::Office).await;
    app.post_form(
        "/publishing/approve",
        &[
            ("kind", "update"),
            ("id", "100"),
            ("summary", "Less <than> & \"more\""),
        ],
    )
    .await
    .assert_redirect_to("/publishing");
    app.post_form("/publishing/editions", &[("note", "Second <edition>")])
        .await;
    app.forget_session();
    let response = app.get("/feeds/editions.atom").await;
    response.assert_status(StatusCode::OK);
    assert_eq!(
        response.headers[header::CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    let doc = roxmltree::Document::parse(&response.body).expect("well-formed XML");
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    let child = |name: &str| feed.children().find(|n| n.has_tag_name((ATOM, name)));
    for name in ["id", "title", "updated", "author"] {
        assert!(child(name).is_some(), "feed has no {name}");
    }
    assert!(
        feed.children()
            .any(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect();
    let approved: i64 = sqlx::query_scalar(
        "select count(*) from update_approvals ap join progress_updates u on u.id = ap.update_id
         where u.public_summary is not null",
    )
    .fetch_one(&app.state.db)
    .await
    .expect("count");
    assert_eq!(entries.len() as i64, 2 + approved);
    for entry in &entries {
        let text = |name: &str| {
            entry
                .children()
                .find(|n| n.has_tag_name((ATOM, name)))
                .and_then(|n| n.text())
                .unwrap_or_default()
                .to_string()
        };
        assert!(text("id").starts_with("tag:"), "{}", text("id"));
        assert!(!text("title").is_empty());
        assert!(chrono::DateTime::parse_from_rfc3339(&text("updated")).is_ok());
        assert!(!text("summary").is_empty());
    }
    let summaries: Vec<String> = entries
        .iter()
        .filter_map(|e| e.children().find(|n| n.has_tag_name((ATOM, "summary"))))
        .filter_map(|n| n.text().map(String::from))
        .collect();
    assert!(
        summaries
            .iter()
            .any(|s| s.contains("Less <than> & \"more\""))
    );
    assert!(summaries.iter().any(|s| s.contains("Second <edition>")));
}

#[tokio::test]
async fn the_calendar_is_crlf_folded_at_75_octets_with_uid_and_dtstamp_per_event() {
    let mut app = TestApp::seeded().await;
    let response = app.get("/feeds/public.ics").await;
    response.assert_status(StatusCode::OK);
    assert_eq!(
        response.headers[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    let body = &response.body;
    assert!(body.ends_with("\r\n"));
    assert!(
        !body.replace("\r\n", "").contains(['\n', '\r']),
        "bare line breaks"
    );
    let lines: Vec<&str> = body.split_terminator("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0"));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    // Unfold, then check every event.
    let unfolded = body.replace("\r\n ", "");
    let events: Vec<&str> = unfolded.split("BEGIN:VEVENT\r\n").skip(1).collect();
    let milestones: i64 = sqlx::query_scalar("select count(*) from milestones")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(
        events.len() as i64,
        milestones + 2,
        "every milestone and the two published meetings"
    );
    for event in events {
        assert!(event.contains("\r\nDTSTAMP:") || event.starts_with("DTSTAMP:"));
        assert!(event.starts_with("UID:"), "{event}");
        assert!(event.contains("\r\nDTSTART"));
        assert!(event.contains("END:VEVENT"));
    }
    assert!(unfolded.contains(
        "SUMMARY:Accountability board: Accountability board – child protection action plan\r\n"
    ));
    assert!(
        !unfolded.contains("Public accountability meeting – protecting children"),
        "unpublished meeting"
    );
}
