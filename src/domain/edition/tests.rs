//! Unit tests of editions: canonical content, hashing, counts and the diff.

use super::*;
use crate::domain::vocab::{Assurance, BodyKind, FindingKind, MilestoneState, Rag, Timescale};

pub(crate) fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn milestone(id: i64, due: &str, state: MilestoneState) -> Milestone {
    Milestone {
        id,
        title: format!("Milestone {id}"),
        original_due_on: d("2022-01-31"),
        current_due_on: d(due),
        slip_count: 0,
        days_slipped: 0,
        state,
        met_on: None,
        modified_on: None,
    }
}

pub(crate) fn finding(id: i64, rag: Option<Rag>, milestones: Vec<Milestone>) -> Finding {
    Finding {
        id,
        reference: id.to_string(),
        kind: FindingKind::Recommendation,
        area: "Area".into(),
        summary: None,
        report_url: None,
        timescale: Timescale::Within3Months,
        due_on: Some(d("2022-02-16")),
        voices: Voices {
            force_rag: rag,
            force_as_at: None,
            assurance: None,
            assessed_on: None,
            position: None,
            position_as_at: None,
            superseded_by: None,
            inspectorate_words: None,
        },
        actions: vec![Action {
            id: 1,
            reference: "CP-01".into(),
            title: "Action".into(),
            owner_role: "Head of things".into(),
            blocked_by: None,
            milestones,
        }],
        timeline: vec![],
        national_id: None,
    }
}

pub(crate) fn snapshot(findings: Vec<Finding>) -> Snapshot {
    Snapshot {
        organisation: "PCC".into(),
        as_at: d("2026-03-02"),
        inspections: vec![Inspection {
            id: 1,
            title: "Inspection".into(),
            kind: InspectionKind::ChildProtection,
            body_name: "Force".into(),
            body_id: Some(1),
            body_kind: Some(BodyKind::PoliceForce),
            // As editions published before sources were carried.
            source: None,
            published_on: d("2021-11-16"),
            report_url: None,
            section_55: Some(Section55 {
                last_day: d("2022-01-10"),
                response_published_on: None,
                response_url: None,
                on_time: None,
                days_late: None,
            }),
            plan_review: None,
            findings,
            responses: vec![],
            national_id: None,
            package_version: None,
            files: Vec::new(),
        }],
        meetings: vec![],
        planned_meetings: vec![],
    }
}

#[test]
fn the_same_snapshot_always_gives_the_same_bytes_and_hash() {
    let a = snapshot(vec![finding(1, Some(Rag::Green), vec![])]);
    let b = a.clone();
    assert_eq!(a.canonical_json(), b.canonical_json());
    assert_eq!(content_hash(&a.canonical_json()).len(), 64);
    let parsed: Snapshot = serde_json::from_str(&a.canonical_json()).unwrap();
    assert_eq!(parsed, a);
    let changed = snapshot(vec![finding(1, Some(Rag::Red), vec![])]);
    assert_ne!(
        content_hash(&a.canonical_json()),
        content_hash(&changed.canonical_json())
    );
}

#[test]
fn counts_tally_each_voice_and_milestones_met_once_each() {
    let shared = milestone(7, "2022-01-31", MilestoneState::Met);
    let s = snapshot(vec![
        finding(1, Some(Rag::Green), vec![shared.clone()]),
        finding(
            2,
            None,
            vec![
                shared,
                milestone(8, "2030-01-01", MilestoneState::Scheduled),
            ],
        ),
    ]);
    let c = s.inspections[0].counts();
    assert_eq!(c.findings, 2);
    assert_eq!((c.milestones, c.milestones_met), (2, 1));
    assert_eq!(c.force, vec![(Some(Rag::Green), 1), (None, 1)]);
    assert_eq!(c.assurance, vec![(None::<Assurance>, 2)]);
}

#[test]
fn nothing_changes_between_identical_snapshots() {
    let s = snapshot(vec![finding(1, Some(Rag::Green), vec![])]);
    assert!(diff(&s, &s).is_empty());
}

#[test]
fn the_diff_lists_added_and_removed_findings_and_changed_voices() {
    let old = snapshot(vec![
        finding(1, Some(Rag::Green), vec![]),
        finding(2, None, vec![]),
    ]);
    let new = snapshot(vec![
        finding(1, Some(Rag::Red), vec![]),
        finding(3, None, vec![]),
    ]);
    let c = diff(&old, &new);
    assert_eq!(c.added_findings.len(), 1);
    assert_eq!(c.added_findings[0].reference, "3");
    assert_eq!(c.removed_findings[0].reference, "2");
    assert_eq!(c.voice_changes.len(), 1);
    assert_eq!(c.voice_changes[0].voice, "The force position");
    assert_eq!(c.voice_changes[0].from, "Green – on track");
    assert_eq!(c.voice_changes[0].to, "Red – off track");
}

#[test]
fn the_diff_lists_moved_milestones_new_updates_and_published_summaries() {
    let old = snapshot(vec![finding(
        1,
        None,
        vec![milestone(5, "2026-04-01", MilestoneState::Scheduled)],
    )]);
    let mut f = finding(
        1,
        None,
        vec![milestone(5, "2026-06-01", MilestoneState::Scheduled)],
    );
    f.summary = Some("Now public".into());
    f.timeline.push(TimelineEntry {
        update_id: 9,
        as_at: d("2026-03-01"),
        rag: Rag::Amber,
        action_reference: Some("CP-01".into()),
        summary: "Late".into(),
    });
    let new = snapshot(vec![f]);
    let c = diff(&old, &new);
    assert_eq!(c.milestone_dates.len(), 1);
    assert_eq!(c.milestone_dates[0].to_due, d("2026-06-01"));
    assert!(c.milestone_states.is_empty());
    assert_eq!(c.new_updates.len(), 1);
    assert_eq!(c.summaries_published.len(), 1);
}

#[test]
fn met_late_is_met_and_missed_is_not_met_in_open_contracting_terms() {
    use open_data::ocds_status;
    assert_eq!(ocds_status(MilestoneState::Scheduled), "scheduled");
    assert_eq!(ocds_status(MilestoneState::Met), "met");
    assert_eq!(ocds_status(MilestoneState::MetLate), "met");
    assert_eq!(ocds_status(MilestoneState::Missed), "notMet");
}

#[test]
fn csv_cells_that_start_like_formulas_are_neutralised_and_quoted_when_needed() {
    use crate::domain::csv::cell as csv_cell;
    assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(csv_cell("+1"), "'+1");
    assert_eq!(csv_cell("-1"), "'-1");
    assert_eq!(csv_cell("@x"), "'@x");
    assert_eq!(csv_cell("plain"), "plain");
    assert_eq!(csv_cell("a, \"b\""), "\"a, \"\"b\"\"\"");
}

fn entry(update_id: i64, as_at: &str, rag: Rag, action: Option<&str>) -> TimelineEntry {
    TimelineEntry {
        update_id,
        as_at: d(as_at),
        rag,
        action_reference: action.map(String::from),
        summary: "s".into(),
    }
}

#[test]
fn the_public_force_position_is_the_worst_latest_published_update_dated_by_the_newest() {
    assert_eq!(force_position(&[]), (None, None));
    let timeline = [
        entry(5, "2022-06-10", Rag::Green, Some("A1")),
        entry(4, "2022-05-01", Rag::Amber, Some("A2")),
        entry(3, "2022-04-01", Rag::Red, Some("A1")),
    ];
    // A1's latest is green (its earlier red no longer counts); A2 is amber; dated 10 June.
    assert_eq!(
        force_position(&timeline),
        (Some(Rag::Amber), Some(d("2022-06-10")))
    );
}

#[test]
fn an_edition_without_planned_meetings_keeps_the_bytes_it_had() {
    let s = snapshot(vec![]);
    assert!(!s.canonical_json().contains("planned_meetings"));
    let back: Snapshot = serde_json::from_str(&s.canonical_json()).expect("reads back");
    assert_eq!(back, s);
}

#[test]
fn a_milestone_was_last_modified_when_set_moved_met_or_missed() {
    let set = d("2026-01-05");
    assert_eq!(
        milestone_modified_on(set, None, MilestoneState::Scheduled, d("2026-04-01")),
        set
    );
    assert_eq!(
        milestone_modified_on(
            set,
            Some(d("2026-03-30")),
            MilestoneState::Met,
            d("2026-04-01")
        ),
        d("2026-03-30")
    );
    assert_eq!(
        milestone_modified_on(set, None, MilestoneState::Missed, d("2026-02-01")),
        d("2026-02-02")
    );
}

fn meeting(id: i64) -> Meeting {
    Meeting {
        id,
        kind: crate::domain::vocab::MeetingKind::AccountabilityBoard,
        starts_at: d("2026-02-10").and_hms_opt(14, 0, 0).unwrap(),
        title: format!("Board {id}"),
        summary: "Progress was reviewed.".into(),
    }
}

#[test]
fn an_edition_that_only_adds_a_meeting_lists_it_as_new_and_is_not_empty() {
    let mut old = snapshot(vec![finding(1, None, vec![])]);
    old.meetings.push(meeting(1));
    let mut new = old.clone();
    new.meetings.push(meeting(2));
    let c = diff(&old, &new);
    let ids: Vec<i64> = c.new_meetings.iter().map(|m| m.id).collect();
    assert_eq!(
        ids,
        vec![2],
        "only the meeting not in the earlier edition is new"
    );
    assert!(!c.is_empty(), "a new meeting is a change");
}

#[test]
fn a_summary_is_newly_published_only_when_it_appears_or_its_words_change() {
    let with = |summary: Option<&str>| {
        let mut f = finding(1, None, vec![]);
        f.summary = summary.map(Into::into);
        snapshot(vec![f])
    };
    let same = diff(&with(Some("Public words")), &with(Some("Public words")));
    assert!(same.summaries_published.is_empty(), "unchanged: not new");
    let withdrawn = diff(&with(Some("Public words")), &with(None));
    assert!(
        withdrawn.summaries_published.is_empty(),
        "withdrawn: not published"
    );
    let changed = diff(&with(Some("Old words")), &with(Some("New words")));
    assert_eq!(changed.summaries_published.len(), 1);
    let first = diff(&with(None), &with(Some("Public words")));
    assert_eq!(first.summaries_published.len(), 1);
}

#[test]
fn an_edition_without_the_fire_dates_keeps_its_bytes_and_reads_as_before() {
    let a = snapshot(vec![]);
    let json = a.canonical_json();
    assert!(!json.contains("plan_review"), "{json}");
    let parsed: Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.inspections[0].plan_review, None);
    assert!(parsed.inspections[0].section_55.is_some());
    let mut fire = a.clone();
    fire.inspections[0].section_55 = None;
    let json = fire.canonical_json();
    assert!(!json.contains("section_55"), "{json}");
    let parsed: Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(parsed.inspections[0].section_55, None);
}

#[test]
fn a_plan_review_is_due_28_days_on_and_on_time_up_to_its_last_day() {
    let mut steps = crate::domain::regimes::FireReview {
        plan_review_received_on: Some(d("2022-02-07")),
        revisit_on: Some(d("2022-03-01")),
        revisit_letter_on: Some(d("2022-03-20")),
        revisit_letter_url: Some("https://example.org/l".into()),
    };
    let r = PlanReview::of(d("2022-01-10"), &steps, None);
    assert_eq!(r.due_on, d("2022-02-07"));
    assert_eq!(r.original_due_on, None, "not extended");
    assert_eq!(r.on_time, Some(true));
    assert_eq!(r.days_late, Some(0));
    assert_eq!(r.revisit_on, Some(d("2022-03-01")));
    assert_eq!(r.revisit_letter_on, Some(d("2022-03-20")));
    assert_eq!(
        r.revisit_letter_url.as_deref(),
        Some("https://example.org/l")
    );
    steps.plan_review_received_on = Some(d("2022-02-09"));
    let late = PlanReview::of(d("2022-01-10"), &steps, None);
    assert_eq!((late.on_time, late.days_late), (Some(false), Some(2)));
    assert_eq!(late.received_on, Some(d("2022-02-09")));
    steps.plan_review_received_on = Some(d("2022-02-01"));
    let early = PlanReview::of(d("2022-01-10"), &steps, None);
    assert_eq!((early.on_time, early.days_late), (Some(true), Some(0)));
    steps.plan_review_received_on = None;
    let none = PlanReview::of(d("2022-01-10"), &steps, None);
    assert_eq!((none.on_time, none.days_late), (None, None));
}

#[test]
fn an_extended_plan_review_is_due_on_its_new_day_and_keeps_the_original() {
    let steps = crate::domain::regimes::FireReview {
        plan_review_received_on: Some(d("2022-02-09")),
        ..Default::default()
    };
    let r = PlanReview::of(d("2022-01-10"), &steps, Some(d("2022-02-21")));
    assert_eq!(r.due_on, d("2022-02-21"));
    assert_eq!(r.original_due_on, Some(d("2022-02-07")));
    assert_eq!(
        (r.on_time, r.days_late),
        (Some(true), Some(0)),
        "received after the original day but within the extension"
    );
    let json = serde_json::to_string(&PlanReview::of(d("2022-01-10"), &steps, None)).unwrap();
    assert!(
        !json.contains("original_due_on"),
        "older editions keep their bytes"
    );
}

#[test]
fn voices_without_the_reports_words_read_and_write_as_editions_did_before_them() {
    let old = r#"{"force_rag":null,"force_as_at":null,"assurance":null,"assessed_on":null,
        "position":"partially_met","position_as_at":"2022-10-21","superseded_by":null}"#;
    let voices: Voices = serde_json::from_str(old).unwrap();
    assert_eq!(voices.inspectorate_words, None);
    let written = serde_json::to_string(&voices).unwrap();
    assert!(!written.contains("inspectorate_words"), "{written}");
    let worded = Voices {
        inspectorate_words: Some("substantial progress".into()),
        ..voices
    };
    let written = serde_json::to_string(&worded).unwrap();
    assert!(
        written.contains(r#""inspectorate_words":"substantial progress""#),
        "{written}"
    );
    assert_eq!(serde_json::from_str::<Voices>(&written).unwrap(), worded);
}

#[test]
fn an_edition_without_sources_keeps_its_bytes_and_speaks_of_the_issuing_body() {
    let old = snapshot(vec![]);
    let json = old.canonical_json();
    assert!(!json.contains("\"source\""), "{json}");
    let back: Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back, old);
    let i = &back.inspections[0];
    assert_eq!(i.report_source(), None);
    assert_eq!(i.position_heading(), "The issuing body's position");
    assert_eq!(i.issuer(), "The issuing body");
}

#[test]
fn an_edition_carries_the_record_source_and_shows_it_by_the_kind_of_body() {
    use crate::domain::sources::ReportSource;
    let mut s = snapshot(vec![]);
    s.inspections[0].source = Some(Source::Coroner);
    let json = s.canonical_json();
    assert!(json.contains(r#""source":"coroner""#), "{json}");
    assert_eq!(serde_json::from_str::<Snapshot>(&json).unwrap(), s);
    assert_eq!(
        s.inspections[0].report_source(),
        Some(ReportSource::Coroner)
    );
    assert_eq!(
        s.inspections[0].position_heading(),
        "The coroner's position"
    );
    s.inspections[0].source = Some(Source::Hmicfrs);
    s.inspections[0].body_kind = Some(BodyKind::FireAndRescueService);
    assert_eq!(
        s.inspections[0].report_source(),
        Some(ReportSource::HmicfrsFire)
    );
    assert_eq!(s.inspections[0].issuer(), "HMICFRS");
}

#[test]
fn a_changed_position_is_named_as_its_reports_issuing_body_has_it() {
    let with = |position: Option<InspectoratePosition>| {
        let mut f = finding(1, None, vec![]);
        f.voices.position = position;
        let mut s = snapshot(vec![f]);
        s.inspections[0].source = Some(Source::Iopc);
        s
    };
    let c = diff(&with(None), &with(Some(InspectoratePosition::Met)));
    assert_eq!(c.voice_changes.len(), 1);
    assert_eq!(c.voice_changes[0].voice, "The IOPC's position");
    assert_eq!(c.voice_changes[0].to, InspectoratePosition::Met.label());
}

#[test]
fn the_open_data_names_each_reports_source_in_json_and_csv() {
    let mut s = snapshot(vec![finding(7, Some(Rag::Amber), vec![])]);
    s.inspections[0].source = Some(Source::Iopc);
    let meta = EditionMeta {
        number: 3,
        published_at: "2026-03-02T10:00:00Z".parse().unwrap(),
        publisher_role: Role::Office,
        sha256: "abc".into(),
        note: None,
        fingerprint: None,
    };
    let json: serde_json::Value =
        serde_json::from_str(&open_data::json(&meta, None, &s)).expect("JSON");
    let inspection = &json["inspections"][0];
    assert_eq!(inspection["source"], "iopc", "{json}");
    assert_eq!(inspection["sourceLabel"], "IOPC learning recommendation");
    let csv = open_data::csv(&meta, &s);
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let row: Vec<&str> = lines
        .next()
        .expect("a row for the finding")
        .split(',')
        .collect();
    let at = |name: &str| header.iter().position(|h| *h == name).expect(name);
    assert_eq!(row[at("source")], "iopc");
    assert_eq!(row[at("source_label")], "IOPC learning recommendation");
}

fn released(rule_id: i64, title: &str, explanation: &str) -> PublishedResponse {
    use crate::domain::response_document::{ResponseDocument, ResponseLine};
    PublishedResponse {
        rule_id,
        document: ResponseDocument {
            organisation: "PCC".into(),
            title: title.into(),
            report_title: "Report".into(),
            report_url: None,
            report: vec![],
            obligation: vec![],
            comments: None,
            responses: vec![ResponseLine {
                reference: "R1".into(),
                kind: "Recommendation".into(),
                under: None,
                wording: "Review the checks.".into(),
                position: "Accepted".into(),
                explanation_label: "Action taken".into(),
                explanation: explanation.into(),
            }],
        },
    }
}

#[test]
fn a_response_released_or_revised_since_is_listed_and_one_unchanged_is_not() {
    let mut old = snapshot(vec![finding(1, None, vec![])]);
    old.inspections[0]
        .responses
        .push(released(1, "Section 55 comments", "Done."));
    let mut new = old.clone();
    assert!(
        diff(&old, &new).is_empty(),
        "the same document is no change"
    );
    new.inspections[0]
        .responses
        .push(released(2, "Action plan", "Planned."));
    let title = new.inspections[0].title.clone();
    assert_eq!(
        diff(&old, &new).responses_published,
        vec![(title.clone(), "Action plan".to_string())],
        "only the newly released one"
    );
    new.inspections[0].responses[0] = released(1, "Section 55 comments", "Done in May.");
    assert_eq!(
        diff(&old, &new).responses_published.len(),
        2,
        "a revised document is listed again"
    );
    assert!(
        diff(&new, &old)
            .responses_published
            .iter()
            .all(|(_, t)| t != "Action plan"),
        "one taken back is not listed as published"
    );
}

#[test]
fn an_edition_without_released_responses_keeps_its_bytes() {
    let s = snapshot(vec![finding(1, None, vec![])]);
    assert!(!s.canonical_json().contains("responses"));
    let mut with = s.clone();
    with.inspections[0]
        .responses
        .push(released(1, "Section 55 comments", "Done."));
    let back: Snapshot = serde_json::from_str(&with.canonical_json()).unwrap();
    assert_eq!(
        back, with,
        "a released document reads back as it was frozen"
    );
}

#[test]
fn a_released_response_is_found_by_its_report_and_rule_and_no_other() {
    let mut s = snapshot(vec![finding(1, None, vec![])]);
    let id = s.inspections[0].id;
    s.inspections[0]
        .responses
        .push(released(4, "Section 55 comments", "Done."));
    let (report, doc) = s.response(id, 4).expect("the released document");
    assert_eq!(report.id, id);
    assert_eq!(doc.title, "Section 55 comments");
    assert!(s.response(id, 5).is_none(), "another rule");
    assert!(s.response(id + 1, 4).is_none(), "another report");
}

#[test]
fn national_identifiers_are_absent_from_an_edition_without_them_and_read_back_with_them() {
    let s = snapshot(vec![finding(1, None, vec![])]);
    assert!(!s.canonical_json().contains("national_id"));
    assert!(!s.canonical_json().contains("package_version"));
    let mut with = s.clone();
    with.inspections[0].national_id = Some("urn:x".into());
    with.inspections[0].package_version = Some(2);
    with.inspections[0].findings[0].national_id = Some("urn:x:r1".into());
    let back: Snapshot = serde_json::from_str(&with.canonical_json()).unwrap();
    assert_eq!(back, with);
    let meta = EditionMeta {
        number: 3,
        published_at: "2026-03-02T10:00:00Z".parse().unwrap(),
        publisher_role: Role::Office,
        sha256: "abc".into(),
        note: None,
        fingerprint: None,
    };
    let json: serde_json::Value =
        serde_json::from_str(&open_data::json(&meta, None, &with)).unwrap();
    assert_eq!(json["inspections"][0]["nationalId"], "urn:x");
    assert_eq!(json["inspections"][0]["packageVersion"], 2);
    assert_eq!(
        json["inspections"][0]["findings"][0]["nationalId"],
        "urn:x:r1"
    );
    let plain: serde_json::Value = serde_json::from_str(&open_data::json(&meta, None, &s)).unwrap();
    assert!(plain["inspections"][0]["findings"][0]["nationalId"].is_null());
    let csv = open_data::csv(&meta, &with);
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].ends_with(",national_report_id,national_id"),
        "{}",
        rows[0]
    );
    assert!(rows[1].ends_with(",urn:x,urn:x:r1"), "{}", rows[1]);
    // A finding with no milestones still has one cell a column, the identifiers last.
    let cells: Vec<&str> = rows[1].split(',').collect();
    assert_eq!(cells.len(), open_data::CSV_HEADER.len(), "{}", rows[1]);
    let csv = open_data::csv(&meta, &s);
    assert!(csv.lines().nth(1).unwrap().ends_with(",,"));
}

fn released_file(name: &str, kind: crate::domain::vocab::EvidenceKind, sha: char) -> ReleasedFile {
    ReleasedFile {
        name: name.into(),
        kind,
        size: 10,
        sha256: sha.to_string().repeat(64),
        description: None,
    }
}

#[test]
fn a_released_file_has_an_address_made_of_its_edition_hash_and_usual_extension() {
    use crate::domain::vocab::EvidenceKind::{Jpeg, Pdf};
    let letter = released_file("Letter.PDF", Pdf, 'a');
    assert_eq!(
        letter.path(3),
        format!("/editions/3/files/{}.pdf", "a".repeat(64))
    );
    let photo = released_file("photo.jpeg", Jpeg, 'b');
    assert_eq!(
        photo.path(12),
        format!("/editions/12/files/{}.jpg", "b".repeat(64))
    );
}

#[test]
fn a_released_file_is_found_by_its_hash_and_extension_together() {
    use crate::domain::vocab::EvidenceKind::{Pdf, Png};
    let files = [
        released_file("a.pdf", Pdf, 'a'),
        released_file("b.png", Png, 'b'),
    ];
    let (a, b) = ("a".repeat(64), "b".repeat(64));
    let found = ReleasedFile::named(&files, &format!("{b}.png"));
    assert_eq!(found.map(|f| f.name.as_str()), Some("b.png"));
    assert_eq!(
        ReleasedFile::named(&files, &format!("{a}.pdf")).map(|f| f.name.as_str()),
        Some("a.pdf")
    );
    // The right hash with another kind's extension, or the right extension on another hash.
    assert!(ReleasedFile::named(&files, &format!("{a}.png")).is_none());
    assert!(ReleasedFile::named(&files, &format!("{}.pdf", "c".repeat(64))).is_none());
    assert!(ReleasedFile::named(&files, &a).is_none(), "no extension");
}

#[test]
fn an_editions_lists_are_read_without_spare_room() {
    // Five findings, the first with three milestones: a list read from JSON grows to four or
    // eight places, and keeps only what it holds.
    let three = (1..=3)
        .map(|id| milestone(id, "2022-03-31", MilestoneState::Scheduled))
        .collect();
    let mut findings = vec![finding(1, None, three)];
    findings.extend((2..=5).map(|id| finding(id, None, vec![])));
    let read: Snapshot = serde_json::from_str(&snapshot(findings).canonical_json()).unwrap();
    let inspection = &read.inspections[0];
    let milestones = &inspection.findings[0].actions[0].milestones;
    assert_eq!((milestones.len(), milestones.capacity()), (3, 3));
    assert_eq!(
        (inspection.findings.len(), inspection.findings.capacity()),
        (5, 5)
    );
    assert_eq!(read.inspections.capacity(), 1);
}
