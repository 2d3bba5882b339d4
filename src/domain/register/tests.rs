use super::*;
use crate::domain::regimes::{Applies, RegimeFacts};
use crate::domain::vocab::{ClockStart, Counting};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    d("2026-03-02")
}

fn finding(id: i64, inspection_id: i64, source: Source) -> RegisterFinding {
    RegisterFinding {
        id,
        inspection_id,
        report_title: format!("Report {inspection_id}"),
        published_on: d("2026-01-05"),
        body_id: 1,
        body_name: "Derbyshire Constabulary".into(),
        source,
        body_kind: BodyKind::PoliceForce,
        kind: FindingKind::Recommendation,
        reference: id.to_string(),
        official_wording: Some(format!("Wording {id}")),
        public_summary: None,
        position: None,
        position_as_at: None,
    }
}

fn answer(finding_id: i64, action_id: i64, rag: Option<Rag>) -> Answer {
    Answer {
        finding_id,
        action_id,
        owner_role: "Head of Public Protection".into(),
        owner_name: format!("Owner {action_id}"),
        latest_as_at: rag.map(|_| d("2026-02-01")),
        latest_rag: rag,
    }
}

fn open_ids(rows: &[RegisterRow]) -> Vec<i64> {
    rows.iter()
        .filter(|r| r.open)
        .map(|r| r.finding.id)
        .collect()
}

#[test]
fn a_finding_the_issuing_body_has_closed_is_not_open_and_any_other_position_is() {
    let positions = [
        (None, true),
        (Some(InspectoratePosition::Open), true),
        (Some(InspectoratePosition::PartiallyMet), true),
        (Some(InspectoratePosition::Met), false),
        (Some(InspectoratePosition::Superseded), false),
        (Some(InspectoratePosition::NoLongerRelevant), false),
    ];
    for (position, open) in positions {
        let mut f = finding(1, 1, Source::Iopc);
        f.position = position;
        f.position_as_at = position.map(|_| d("2026-02-10"));
        let rows = rows(vec![f], &[], &[], &HashMap::new(), today());
        assert_eq!(rows[0].open, open, "{position:?}");
    }
}

#[test]
fn a_finding_every_answering_item_reports_complete_is_closed_as_on_the_dashboards() {
    let findings = vec![
        finding(1, 1, Source::Hmicfrs),
        finding(2, 1, Source::Hmicfrs),
        finding(3, 1, Source::Hmicfrs),
    ];
    let answers = [
        answer(1, 10, Some(Rag::Blue)),
        answer(2, 10, Some(Rag::Blue)),
        answer(2, 11, Some(Rag::Red)),
        answer(3, 12, None),
    ];
    let rows = rows(findings, &answers, &[], &HashMap::new(), today());
    assert_eq!(open_ids(&rows), [2, 3]);
}

#[test]
fn a_row_names_each_owner_once_by_role_and_name_and_carries_its_themes_and_clock() {
    let mut shared = answer(1, 10, None);
    shared.owner_name = " ".into();
    let mut twin = answer(1, 11, None);
    twin.owner_role = shared.owner_role.clone();
    twin.owner_name = String::new();
    let mut anonymous = answer(1, 12, None);
    (anonymous.owner_role, anonymous.owner_name) = (String::new(), String::new());
    let answers = [answer(1, 13, None), shared, twin, anonymous];
    let tags = [
        (1, 7, "vetting".to_string()),
        (1, 5, "Missing children".to_string()),
        (2, 7, "vetting".to_string()),
    ];
    let clocks = HashMap::from([(1, ClockState::Overdue)]);
    let rows = rows(
        vec![finding(1, 1, Source::Coroner)],
        &answers,
        &tags,
        &clocks,
        today(),
    );
    let row = &rows[0];
    assert_eq!(
        row.owners,
        [
            "Head of Public Protection",
            "Head of Public Protection – Owner 13"
        ]
    );
    assert_eq!(
        row.themes,
        [
            (5, "Missing children".to_string()),
            (7, "vetting".to_string())
        ]
    );
    assert_eq!(row.clock, Some(ClockState::Overdue));
    assert_eq!(row.source, ReportSource::Coroner);
}

#[test]
fn an_hmicfrs_row_is_a_police_or_fire_inspection_by_its_body() {
    let mut fire = finding(1, 1, Source::Hmicfrs);
    fire.body_kind = BodyKind::FireAndRescueService;
    let rows = rows(
        vec![fire, finding(2, 2, Source::Hmicfrs)],
        &[],
        &[],
        &HashMap::new(),
        today(),
    );
    assert_eq!(rows[0].source, ReportSource::HmicfrsFire);
    assert_eq!(rows[1].source, ReportSource::HmicfrsPolice);
    assert_eq!(rows[1].clock, None);
}

#[test]
fn the_wording_is_the_official_one_else_the_summary_cut_short_at_a_word() {
    let mut f = finding(1, 1, Source::Other);
    f.official_wording = Some("  ".into());
    f.public_summary = Some("The force should review its vetting.".into());
    let row = &rows(vec![f.clone()], &[], &[], &HashMap::new(), today())[0];
    assert_eq!(
        row.wording().as_deref(),
        Some("The force should review its vetting.")
    );
    f.public_summary = None;
    let row = &rows(vec![f], &[], &[], &HashMap::new(), today())[0];
    assert_eq!(row.wording(), None);
    assert_eq!(shortened("one two three", 9), "one two…");
    assert_eq!(shortened("one two three", 13), "one two three");
    assert_eq!(shortened("abcdefghij", 4), "abcd…");
    assert_eq!(shortened("héllo wörld", 7), "héllo…");
    // A space only at the very start is no place to cut: the text is cut at `max` instead.
    assert_eq!(shortened(" abcdef", 4), " abc…");
}

fn rule(id: i64, key: &str, source: Source, starts_on: ClockStart, days: i64) -> Rule {
    Rule {
        id,
        key: Some(key.into()),
        source,
        body_kind: (source == Source::Hmicfrs).then_some(BodyKind::PoliceForce),
        needs_cause_of_concern: false,
        name: key.into(),
        owed_by: "The Chief Constable".into(),
        owed_to: "Someone".into(),
        starts_on,
        length_days: days,
        counting: Counting::After,
        publish: String::new(),
        editable: false,
        version: 1,
    }
}

fn report(id: i64, source: Source, published: &str, sent_on: Option<&str>) -> ReportFacts {
    ReportFacts {
        id,
        body_id: 1,
        published_on: d(published),
        sent_on: sent_on.map(d),
        facts: RegimeFacts {
            source,
            body_kind: BodyKind::PoliceForce,
            has_cause_of_concern: false,
            applies: Applies::default(),
        },
        response_published_on: None,
        action_plan_received_on: None,
        plan_review_received_on: None,
    }
}

#[test]
fn a_report_carries_the_worst_of_its_clocks_and_none_where_no_rule_applies() {
    let rules = [
        rule(
            1,
            "section_55",
            Source::Hmicfrs,
            ClockStart::Publication,
            56,
        ),
        rule(
            2,
            "action_plan",
            Source::Hmicfrs,
            ClockStart::Publication,
            42,
        ),
        rule(3, "coroner_pfd", Source::Coroner, ClockStart::Sent, 56),
    ];
    let mut s55_met = report(1, Source::Hmicfrs, "2026-01-05", None);
    s55_met.response_published_on = Some(d("2026-02-20"));
    let reports = [
        s55_met,
        report(2, Source::Coroner, "2026-02-20", None),
        report(3, Source::Coroner, "2026-01-01", Some("2026-01-02")),
        report(4, Source::Other, "2026-01-01", None),
    ];
    let sent = [Sent {
        id: 1,
        inspection_id: 3,
        rule_id: 3,
        sent_on: d("2026-02-01"),
        sent_to: "The coroner".into(),
        note: None,
    }];
    let clocks = report_clocks(&reports, &rules, &[], &sent, today());
    // Section 55 met on time, but the force action plan (42 days) was never received.
    assert_eq!(clocks.get(&1), Some(&ClockState::Overdue));
    assert_eq!(clocks.get(&2), Some(&ClockState::Running));
    assert_eq!(clocks.get(&3), Some(&ClockState::Met));
    assert_eq!(clocks.get(&4), None);
    let extended = Extension {
        id: 1,
        inspection_id: 1,
        rule_id: 2,
        new_last_day: d("2026-03-10"),
        requested_on: None,
        granted_on: d("2026-02-10"),
        granted_by: "HMICFRS".into(),
        reason: "Awaiting data".into(),
    };
    let clocks = report_clocks(&reports, &rules, &[extended], &sent, today());
    assert_eq!(clocks.get(&1), Some(&ClockState::DueSoon));
}

fn row(id: i64, source: Source, body: (i64, &str), clock: Option<ClockState>) -> RegisterRow {
    let mut f = finding(id, id, source);
    (f.body_id, f.body_name) = (body.0, body.1.into());
    RegisterRow {
        source: ReportSource::of(source, f.body_kind),
        finding: f,
        owners: vec![format!("Owner {id}")],
        clock,
        themes: vec![(id % 2, format!("Theme {}", id % 2))],
        open: true,
    }
}

fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn register() -> Vec<RegisterRow> {
    vec![
        row(
            1,
            Source::Hmicfrs,
            (1, "Derbyshire"),
            Some(ClockState::Overdue),
        ),
        row(
            2,
            Source::Coroner,
            (1, "Derbyshire"),
            Some(ClockState::Running),
        ),
        row(3, Source::Iopc, (2, "Arden"), None),
    ]
}

fn shown(rows: &[RegisterRow], f: &Filters) -> Vec<i64> {
    rows.iter()
        .filter(|r| f.admits(r))
        .map(|r| r.finding.id)
        .collect()
}

#[test]
fn the_options_are_what_the_rows_carry_each_once_by_name() {
    let rows = register();
    let options = Options::of(&rows);
    assert_eq!(
        options.bodies,
        [(2, "Arden".to_string()), (1, "Derbyshire".to_string())]
    );
    assert_eq!(
        options.themes,
        [(0, "Theme 0".to_string()), (1, "Theme 1".to_string())]
    );
    assert_eq!(options.owners, ["Owner 1", "Owner 2", "Owner 3"]);
}

#[test]
fn each_filter_narrows_the_rows_and_keeps_its_value_for_the_form() {
    let rows = register();
    let options = Options::of(&rows);
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [i64]);
    let cases: &[Case] = &[
        (&[], &[1, 2, 3]),
        (&[("source", "coroner")], &[2]),
        (&[("source", "hmicfrs_police")], &[1]),
        (&[("source", "hmicfrs_fire")], &[]),
        (&[("body", "2")], &[3]),
        (&[("theme", "1")], &[1, 3]),
        (&[("owner", "Owner 2")], &[2]),
        (&[("clock", "overdue")], &[1]),
        (&[("clock", "none")], &[3]),
        (&[("theme", "1"), ("body", "1")], &[1]),
        (&[("source", "iopc"), ("source", "coroner")], &[2]),
        (&[("source", " "), ("clock", "")], &[1, 2, 3]),
    ];
    for (pairs, expected) in cases {
        let f = Filters::from_query(&q(pairs), &options);
        assert_eq!(shown(&rows, &f), *expected, "{pairs:?}");
        assert!(f.ignored.is_empty(), "{pairs:?}");
        let asked = pairs.iter().any(|(_, v)| !v.trim().is_empty());
        assert_eq!(f.any(), asked, "{pairs:?}");
    }
    let f = Filters::from_query(
        &q(&[("source", "coroner"), ("theme", "0"), ("clock", "running")]),
        &options,
    );
    assert_eq!(f.value("source"), "coroner");
    assert_eq!(f.value("theme"), "0");
    assert_eq!(f.value("clock"), "running");
    assert_eq!(f.value("body"), "");
}

#[test]
fn a_value_not_offered_is_not_applied_and_is_named() {
    let rows = register();
    let options = Options::of(&rows);
    let f = Filters::from_query(
        &q(&[
            ("source", "HMICFRS"),
            ("body", "99999999999999999999999"),
            ("theme", "7"),
            ("owner", "Someone else"),
            ("clock", "late"),
            ("unknown", "x"),
        ]),
        &options,
    );
    assert_eq!(f.ignored, ["Source", "Body", "Theme", "Owner", "Clock"]);
    assert!(!f.any());
    assert_eq!(shown(&rows, &f), [1, 2, 3]);
    assert_eq!(f.value("body"), "");
    // A body that exists but is not on the register (another force's) is not offered.
    let f = Filters::from_query(&q(&[("body", "-1"), ("clock", "met")]), &options);
    assert_eq!(f.ignored, ["Body"]);
    assert_eq!(f.clock, Some(ClockFilter::State(ClockState::Met)));
    assert_eq!(shown(&rows, &f), Vec::<i64>::new());
}

#[test]
fn clock_filters_read_back_their_tokens() {
    for c in ClockFilter::all() {
        assert_eq!(ClockFilter::parse(c.token()), Some(c));
    }
    assert_eq!(ClockFilter::all().len(), ClockState::ALL.len() + 1);
    assert_eq!(ClockFilter::NoClock.label(), "No clock");
    assert!(ClockFilter::NoClock.matches(None));
    assert!(!ClockFilter::State(ClockState::Met).matches(None));
    assert_eq!(ClockFilter::parse("Overdue"), None);
}

#[test]
fn the_rows_are_shown_a_hundred_to_a_page_and_any_other_page_asked_for_is_the_nearest() {
    let page = |rows: usize, asked: &str| Page::of(rows, &q(&[("page", asked)]));
    assert_eq!(
        Page::of(0, &[]),
        Page {
            number: 1,
            pages: 1
        }
    );
    assert_eq!(page(0, "1").range(0), 0..0);
    assert_eq!(
        page(100, "2"),
        Page {
            number: 1,
            pages: 1
        },
        "100 rows fill one page"
    );
    assert_eq!(
        page(101, "2"),
        Page {
            number: 2,
            pages: 2
        }
    );
    assert_eq!(page(101, "2").range(101), 100..101);
    assert_eq!(page(101, "1").range(101), 0..100);
    assert_eq!(page(250, "3").range(250), 200..250);
    for odd in ["0", "-1", "two", "", "99999999999999999999999"] {
        assert_eq!(page(250, odd).number, 1, "{odd:?} is the first page");
    }
    assert_eq!(page(250, "9").number, 3, "beyond the last is the last");
    assert_eq!(page(250, " 2 ").number, 2);
    let last = Page::of(250, &q(&[("page", "1"), ("page", "2")]));
    assert_eq!(last.number, 2, "a repeated page counts by its last value");
    assert_eq!(PER_PAGE, 100);
}

#[test]
fn the_links_between_pages_keep_the_filters_applied() {
    let rows = register();
    let options = Options::of(&rows);
    let f = Filters::from_query(&q(&[("source", "coroner"), ("owner", "nobody")]), &options);
    assert_eq!(
        f.query(1),
        "?source=coroner",
        "an ignored filter is not carried"
    );
    assert_eq!(f.query(3), "?source=coroner&page=3");
    assert_eq!(Filters::default().query(1), "");
    assert_eq!(Filters::default().query(2), "?page=2");
}

#[test]
fn the_page_links_are_the_first_the_last_and_two_either_side_with_gaps_marked() {
    let at = |number, pages| Page { number, pages }.numbers();
    assert_eq!(at(1, 1), vec![Some(1)]);
    assert_eq!(at(2, 3), vec![Some(1), Some(2), Some(3)]);
    assert_eq!(at(1, 9), vec![Some(1), Some(2), Some(3), None, Some(9)]);
    assert_eq!(
        at(5, 9),
        (1..=9).map(Some).collect::<Vec<_>>(),
        "a gap of one page shows that page"
    );
    assert_eq!(
        at(6, 12),
        vec![
            Some(1),
            None,
            Some(4),
            Some(5),
            Some(6),
            Some(7),
            Some(8),
            None,
            Some(12)
        ]
    );
    assert_eq!(
        at(12, 12),
        vec![Some(1), None, Some(10), Some(11), Some(12)]
    );
}
