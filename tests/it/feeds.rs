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
        assert!(text("id").starts_with("urn:uuid:"), "{}", text("id"));
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
        milestones + 3,
        "every milestone, the two published meetings and the planned public one"
    );
    for event in events {
        assert!(event.contains("\r\nDTSTAMP:") || event.starts_with("DTSTAMP:"));
        assert!(event.starts_with("UID:"), "{event}");
        assert!(event.contains("\r\nDTSTART"));
        assert!(event.contains("END:VEVENT"));
    }
    assert!(unfolded.contains("SUMMARY:Accountability board – child protection action plan\r\n"));
    assert!(!unfolded.contains("Accountability board: Accountability board"));
}

fn public_app_security() -> scrutineer::Security {
    scrutineer::Security {
        public_url: Some("https://progress.example.org".into()),
        ..Default::default()
    }
}

async fn seeded_at_public_address() -> TestApp {
    let clock = scrutineer::domain::dates::Clock::fixed_date(crate::helpers::test_today());
    let app = TestApp::with_settings(clock, public_app_security()).await;
    app.load_example_data().await;
    app
}

/// Each event of an unfolded calendar, as its lines.
fn events(body: &str) -> Vec<Vec<String>> {
    body.replace("\r\n ", "")
        .split("BEGIN:VEVENT\r\n")
        .skip(1)
        .map(|e| e.split("\r\n").map(String::from).collect())
        .collect()
}

fn property<'a>(event: &'a [String], name: &str) -> Option<&'a str> {
    event
        .iter()
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
}

fn uids(body: &str) -> Vec<String> {
    events(body)
        .iter()
        .filter_map(|e| property(e, "UID").map(String::from))
        .collect()
}

#[tokio::test]
async fn the_public_calendar_holds_the_planned_public_meeting_with_absolute_links_and_uk_dates() {
    let mut app = seeded_at_public_address().await;
    let body = app.get("/feeds/public.ics").await.body;
    let all = events(&body);
    let meeting = all
        .iter()
        .find(|e| {
            property(e, "SUMMARY") == Some("Public accountability meeting – protecting children")
        })
        .expect("the planned public accountability meeting");
    assert_eq!(
        property(meeting, "UID"),
        Some("meeting-3.public@progress.example.org")
    );
    assert_eq!(
        property(meeting, "DTSTART;TZID=Europe/London"),
        Some("20260323T140000")
    );
    assert_eq!(
        property(meeting, "LOCATION"),
        Some("Online and at the Commissioner's office\\, Ripley (demonstration)")
    );
    assert_eq!(
        property(meeting, "URL"),
        Some("https://progress.example.org/progress/meetings")
    );
    let description = property(meeting, "DESCRIPTION").expect("description");
    assert!(description.contains("23 March 2026"), "{description}");
    assert!(description.contains("https://progress.example.org/progress/meetings"));
    for event in &all {
        let description = property(event, "DESCRIPTION").unwrap_or_default();
        // No ISO dates and no relative paths in text a person reads.
        assert!(
            !description
                .split(|c: char| !c.is_ascii_digit() && c != '-')
                .any(|w| {
                    w.len() == 10 && chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d").is_ok()
                }),
            "ISO date in {description}"
        );
        assert!(
            !description.contains(" /"),
            "relative path in {description}"
        );
        let url = property(event, "URL").expect("every event links to its page");
        assert!(url.starts_with("https://progress.example.org/"), "{url}");
        let summary = property(event, "SUMMARY").unwrap_or_default();
        let words: Vec<&str> = summary.split_whitespace().collect();
        let half = words.len() / 2;
        assert!(
            half < 2 || words[..2] != words[half..half + 2] || !summary.contains(':'),
            "doubled words: {summary}"
        );
    }
}

#[tokio::test]
async fn two_installations_mint_different_uids_and_atom_ids_and_the_public_feed_shares_none_with_the_private()
 {
    let mut one = TestApp::seeded().await;
    let mut two = TestApp::seeded().await;
    assert_ne!(
        one.state.site().installation_id,
        two.state.site().installation_id
    );
    let a = uids(&one.get("/feeds/public.ics").await.body);
    let b = uids(&two.get("/feeds/public.ics").await.body);
    assert!(!a.is_empty());
    assert!(a.iter().all(|uid| !b.contains(uid)), "{a:?} {b:?}");
    let ids = |body: &str| -> Vec<String> {
        let doc = roxmltree::Document::parse(body).expect("xml");
        doc.descendants()
            .filter(|n| n.has_tag_name((ATOM, "id")))
            .filter_map(|n| n.text().map(String::from))
            .collect()
    };
    let x = ids(&one.get("/feeds/editions.atom").await.body);
    let y = ids(&two.get("/feeds/editions.atom").await.body);
    assert!(x.iter().all(|id| !y.contains(id)), "{x:?} {y:?}");
    // The same installation's ids are stable.
    one.state.pages.clear();
    assert_eq!(ids(&one.get("/feeds/editions.atom").await.body), x);

    // A private feed names the same meeting with a UID of its own.
    one.sign_in_as(Role::Panel).await;
    let page = one.post_form("/calendar", &[]).await.body;
    let start = page.find("/calendar/").expect("address");
    let rest = &page[start..];
    let path = &rest[..rest.find(".ics").expect("ics") + 4];
    let private = uids(&one.get(path).await.body);
    assert!(private.iter().any(|u| u.starts_with("meeting-3.")));
    assert!(
        private.iter().all(|uid| !a.contains(uid)),
        "{private:?} {a:?}"
    );
}

#[tokio::test]
async fn a_private_feed_links_absolutely_with_a_public_address_and_dates_in_words() {
    let mut app = seeded_at_public_address().await;
    app.sign_in_as(Role::Panel).await;
    let page = app.post_form("/calendar", &[]).await.body;
    let start = page
        .find("https://progress.example.org/calendar/")
        .expect("address");
    let rest = &page[start + "https://progress.example.org".len()..];
    let path = rest[..rest.find(".ics").expect("ics") + 4].to_string();
    let body = app.get(&path).await.body;
    let all = events(&body);
    let meeting = all
        .iter()
        .find(|e| property(e, "UID") == Some("meeting-3.private@progress.example.org"))
        .expect("meeting 3");
    assert_eq!(
        property(meeting, "URL"),
        Some("https://progress.example.org/meetings/3")
    );
    assert!(
        property(meeting, "DESCRIPTION")
            .unwrap_or_default()
            .contains("https://progress.example.org/meetings/3 on 23 March 2026")
    );
    for event in &all {
        let description = property(event, "DESCRIPTION").unwrap_or_default();
        assert!(
            !description.contains(": /"),
            "relative path in {description}"
        );
    }
}

#[tokio::test]
async fn the_atom_feed_keeps_the_validators_rules() {
    let mut app = seeded_at_public_address().await;
    // Two updates reported on the same day, both published.
    for id in [100, 101] {
        app.exec(&format!(
            "insert into progress_updates (id, action_id, as_at, rag, narrative, public_summary, author_id, entered_at)
             values ({id}, 1, '2026-03-01', 'green', 'internal', 'Same day {id}', 3, '2026-03-01T10:00:00Z')"
        ))
        .await;
    }
    app.sign_in_as(Role::Office).await;
    for id in ["100", "101"] {
        let summary = format!("Same day {id}");
        app.post_form(
            "/publishing/approve",
            &[("kind", "update"), ("id", id), ("summary", &summary)],
        )
        .await
        .assert_redirect_to("/publishing");
    }
    app.post_form("/publishing/editions", &[("note", "")]).await;
    app.forget_session();
    let body = app.get("/feeds/editions.atom").await.body;
    let doc = roxmltree::Document::parse(&body).expect("well-formed");
    let feed = doc.root_element();
    let text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .and_then(|n| n.text())
            .map(String::from)
    };
    let time = |s: Option<String>| {
        chrono::DateTime::parse_from_rfc3339(&s.expect("a time")).expect("RFC 3339")
    };
    let feed_updated = time(text(feed, "updated"));
    assert_eq!(
        text(feed, "id").as_deref(),
        Some("tag:progress.example.org,2021:editions")
    );
    let author = feed
        .children()
        .find(|n| n.has_tag_name((ATOM, "author")))
        .expect("author");
    assert!(text(author, "name").is_some_and(|n| !n.is_empty()));
    let self_link = feed
        .children()
        .find(|n| n.has_tag_name((ATOM, "link")) && n.attribute("rel") == Some("self"))
        .expect("self link");
    assert_eq!(
        self_link.attribute("href"),
        Some("https://progress.example.org/feeds/editions.atom")
    );
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect();
    let mut ids = std::collections::BTreeSet::new();
    let mut updated = std::collections::BTreeSet::new();
    for entry in &entries {
        let id = text(*entry, "id").expect("id");
        assert!(id.starts_with("tag:progress.example.org,2021:"), "{id}");
        assert!(ids.insert(id.clone()), "duplicate id {id}");
        let at = time(text(*entry, "updated"));
        assert!(at <= feed_updated, "an entry newer than its feed");
        assert!(updated.insert(at), "two entries share updated {at}");
        assert!(text(*entry, "title").is_some_and(|t| !t.is_empty()));
        assert!(
            entry.children().any(|n| n.has_tag_name((ATOM, "link"))
                && n.attribute("rel") == Some("alternate")
                && n.attribute("href")
                    .is_some_and(|h| h.starts_with("https://"))),
            "{id} has no alternate link"
        );
    }
    assert!(entries.len() > 3);
}
