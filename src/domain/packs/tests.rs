use super::*;
use crate::domain::vocab::{ArisingStatus, ReasonCategory};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn milestone(id: i64, due: &str, met: Option<&str>) -> MilestoneIn {
    MilestoneIn {
        id,
        action_id: 5,
        action_reference: "CP-05".into(),
        title: format!("Milestone {id}"),
        original_due_on: d(due),
        current_due_on: d(due),
        met_on: met.map(d),
    }
}

fn update(action_id: i64, as_at: &str, rag: Rag, entered: &str) -> UpdateIn {
    UpdateIn {
        action_id: Some(action_id),
        finding_id: None,
        as_at: d(as_at),
        rag,
        entered_at: entered.parse().unwrap(),
    }
}

fn base() -> PackInput {
    PackInput {
        meeting_date: d("2026-03-23"),
        today: d("2026-03-02"),
        previous_meeting: Some(d("2026-01-21")),
        stale_after_days: 42,
        ..PackInput::default()
    }
}

#[test]
fn overdue_milestones_count_days_to_today_before_the_meeting_and_skip_met_ones() {
    let mut input = base();
    input.milestones = vec![
        milestone(1, "2026-01-26", None),
        milestone(2, "2026-01-01", Some("2026-01-20")),
        milestone(3, "2026-03-10", None),
    ];
    let facts = compute(&input);
    assert_eq!(facts.overdue_milestones.len(), 1);
    assert_eq!(facts.overdue_milestones[0].item.id, 1);
    assert_eq!(facts.overdue_milestones[0].days_overdue, 35);
    assert_eq!(
        facts.questions[0],
        "Milestone 'Milestone 1' on CP-05 is 35 days overdue: when will it be delivered, and what is stopping it?"
    );
    // Due between today and the look-ahead end: before the next meeting.
    assert_eq!(
        facts.due_soon.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![3]
    );
}

#[test]
fn the_look_ahead_runs_to_the_next_meeting_or_ninety_days() {
    let mut input = base();
    input.milestones = vec![
        milestone(1, "2026-06-21", None),
        milestone(2, "2026-06-22", None),
    ];
    assert_eq!(compute(&input).lookahead_to, d("2026-06-21"));
    assert_eq!(compute(&input).due_soon.len(), 1);
    input.next_meeting = Some(d("2026-05-01"));
    assert!(compute(&input).due_soon.is_empty());
}

#[test]
fn a_held_meeting_counts_overdue_to_its_own_date() {
    let mut input = base();
    input.today = d("2026-06-01");
    input.milestones = vec![milestone(1, "2026-03-13", None)];
    let facts = compute(&input);
    assert_eq!(facts.as_at, d("2026-03-23"));
    assert_eq!(facts.overdue_milestones[0].days_overdue, 10);
}

#[test]
fn only_revisions_accepted_since_the_previous_meeting_are_listed() {
    let mut input = base();
    input.milestones = vec![milestone(1, "2026-05-01", None)];
    let revision = |at: &str| RevisionIn {
        milestone_id: 1,
        previous_due_on: d("2026-02-01"),
        new_due_on: d("2026-05-01"),
        reason_category: ReasonCategory::Resourcing,
        reason: "Vacancies".into(),
        accepted_at: at.parse().unwrap(),
    };
    input.revisions = vec![
        revision("2026-01-21T12:00:00Z"),
        revision("2026-02-10T12:00:00Z"),
    ];
    let facts = compute(&input);
    assert_eq!(facts.revised.len(), 1);
    assert_eq!(
        facts.revised[0].revision.accepted_at,
        "2026-02-10T12:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert!(
        facts
            .questions
            .iter()
            .any(|q| q.contains("moved from 1 February 2026 to 1 May 2026 (resourcing)"))
    );
}

#[test]
fn stale_is_judged_at_the_meeting_date_and_completed_actions_are_not_stale() {
    let mut input = base();
    let action = |id: i64, r: &str| ActionIn {
        id,
        reference: r.into(),
        title: format!("Action {id}"),
    };
    input.actions = vec![
        action(1, "CP-01"),
        action(2, "CP-02"),
        action(3, "CP-03"),
        action(4, "CP-04"),
    ];
    input.updates = vec![
        update(1, "2026-02-09", Rag::Green, "2026-02-09T10:00:00Z"), // 42 days: not stale
        update(2, "2026-02-08", Rag::Green, "2026-02-08T10:00:00Z"), // 43 days: stale
        update(3, "2025-01-01", Rag::Blue, "2025-01-01T10:00:00Z"),  // complete
    ];
    let facts = compute(&input);
    let stale: Vec<_> = facts
        .stale
        .iter()
        .map(|s| (s.action.id, s.last_update))
        .collect();
    assert_eq!(stale, vec![(2, Some(d("2026-02-08"))), (4, None)]);
    assert!(
        facts
            .questions
            .iter()
            .any(|q| q == "CP-04 'Action 4' has never been updated: what progress has been made?")
    );
}

#[test]
fn a_request_without_an_update_by_the_deadline_is_listed_as_no_update_received() {
    let mut input = base();
    input.today = d("2026-03-12");
    input.update_deadline = Some(d("2026-03-11"));
    let request = |id: i64, action: i64| RequestIn {
        id,
        action_id: Some(action),
        finding_id: None,
        label: format!("CP-0{action}"),
        requested_at: "2026-02-20T10:00:00Z".parse().unwrap(),
    };
    input.requests = vec![request(1, 5), request(2, 6)];
    input.updates = vec![
        update(5, "2026-02-01", Rag::Red, "2026-02-02T10:00:00Z"),
        update(6, "2026-03-05", Rag::Red, "2026-03-05T10:00:00Z"),
    ];
    let facts = compute(&input);
    assert_eq!(
        facts.no_update.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![1]
    );
    assert_eq!(
        request_outcome(&input.requests[1], &input),
        UpdateOutcome::Received
    );
    input.today = d("2026-03-11");
    assert!(compute(&input).no_update.is_empty());
}

#[test]
fn assurance_changes_since_the_previous_meeting_show_the_level_before() {
    let mut input = base();
    let a = |id: i64, finding: i64, level: Assurance, on: &str| AssessmentIn {
        id,
        finding_id: finding,
        finding_reference: format!("R{finding}"),
        part_id: None,
        level,
        assessed_on: d(on),
    };
    input.assessments = vec![
        a(1, 7, Assurance::Reasonable, "2025-06-01"),
        a(2, 7, Assurance::Limited, "2026-02-01"),
        a(3, 8, Assurance::Limited, "2026-03-23"),
        a(4, 9, Assurance::Limited, "2025-06-01"),
        a(5, 9, Assurance::Limited, "2026-02-01"),
        a(6, 10, Assurance::Limited, "2026-04-01"),
    ];
    let facts = compute(&input);
    let changes: Vec<_> = facts
        .assurance_changes
        .iter()
        .map(|c| (c.finding_id, c.from, c.to))
        .collect();
    assert_eq!(
        changes,
        vec![
            (7, Some(Assurance::Reasonable), Assurance::Limited),
            (8, None, Assurance::Limited)
        ]
    );
    assert!(
        facts
            .questions
            .iter()
            .any(|q| q.starts_with("Assurance on R7 fell from reasonable to limited"))
    );
}

#[test]
fn a_measure_moves_the_wrong_way_when_its_latest_reading_is_worse_than_the_one_before() {
    let mut input = base();
    let r = |id: i64, better: Better, on: &str, value: f64| ReadingIn {
        measure_id: id,
        name: format!("Measure {id}"),
        unit: "visits".into(),
        better,
        taken_on: d(on),
        value,
    };
    input.readings = vec![
        r(1, Better::Lower, "2025-01-01", 217.0),
        r(1, Better::Lower, "2026-01-01", 185.0),
        r(1, Better::Lower, "2026-02-01", 200.0),
        r(2, Better::Higher, "2025-01-01", 80.0),
        r(2, Better::Higher, "2026-01-01", 90.0),
        r(3, Better::Higher, "2026-01-01", 90.0),
    ];
    let facts = compute(&input);
    assert_eq!(facts.wrong_way.len(), 1);
    assert_eq!(facts.wrong_way[0].previous.1, 185.0);
    assert!(
        facts
            .questions
            .iter()
            .any(|q| q.contains("from 185 to 200 visits"))
    );
}

#[test]
fn reports_published_since_the_previous_meeting_show_their_section_55_position() {
    let mut input = base();
    let report = |id: i64, on: &str| ReportIn {
        id,
        title: format!("Report {id}"),
        published_on: d(on),
        response_published_on: None,
    };
    input.reports = vec![report(1, "2021-11-16"), report(2, "2026-02-20")];
    let facts = compute(&input);
    assert_eq!(facts.reports.len(), 1);
    assert_eq!(facts.reports[0].countdown, Countdown::DaysLeft(45));
    assert!(
        facts
            .questions
            .iter()
            .any(|q| q.contains("must be published by 16 April 2026"))
    );
}

#[test]
fn overdue_actions_arising_exclude_closed_ones() {
    let mut input = base();
    let arising = |id: i64, due: &str, status: ArisingStatus| ArisingIn {
        id,
        description: format!("Arising {id}"),
        owner: "Chief Constable".into(),
        due_on: d(due),
        status,
    };
    input.arising = vec![
        arising(1, "2026-02-01", ArisingStatus::Closed),
        arising(2, "2026-02-18", ArisingStatus::Open),
        arising(3, "2026-03-12", ArisingStatus::Open),
    ];
    let facts = compute(&input);
    assert_eq!(facts.overdue_arising.len(), 1);
    assert_eq!(facts.overdue_arising[0].days_overdue, 12);
}

#[test]
fn whole_numbers_print_without_decimals() {
    assert_eq!(number(185.0), "185");
    assert_eq!(number(90.5), "90.5");
}

#[test]
fn with_a_previous_meeting_changes_count_after_its_date() {
    let since = Since::rule(Some(d("2026-01-21")), d("2026-03-23"));
    assert_eq!(since, Since::PreviousMeeting(d("2026-01-21")));
    assert!(
        !since.includes(d("2026-01-21"), d("2026-03-23")),
        "seen at it"
    );
    assert!(since.includes(d("2026-01-22"), d("2026-03-23")));
    assert!(since.includes(d("2026-03-23"), d("2026-03-23")));
    assert!(!since.includes(d("2026-03-24"), d("2026-03-23")), "after");
}

#[test]
fn with_no_previous_meeting_changes_count_from_three_months_before() {
    let since = Since::rule(None, d("2026-03-23"));
    assert_eq!(since, Since::ThreeMonthsBefore(d("2025-12-23")));
    assert!(!since.includes(d("2025-12-23"), d("2026-03-23")));
    assert!(since.includes(d("2025-12-24"), d("2026-03-23")));
    assert!(
        !since.includes(d("2022-06-10"), d("2026-03-23")),
        "not back to 2022"
    );
    // A day the earlier month lacks: the last day of that month.
    assert_eq!(Since::rule(None, d("2026-05-31")).after(), d("2026-02-28"));
    assert_eq!(Since::rule(None, d("2028-05-31")).after(), d("2028-02-29"));
}

#[test]
fn a_first_meeting_lists_only_reports_and_revisions_of_the_three_months_before() {
    let mut input = base();
    input.previous_meeting = None;
    input.reports = vec![
        ReportIn {
            id: 1,
            title: "Old report".into(),
            published_on: d("2022-06-10"),
            response_published_on: None,
        },
        ReportIn {
            id: 2,
            title: "New report".into(),
            published_on: d("2026-02-20"),
            response_published_on: None,
        },
    ];
    let facts = compute(&input);
    assert_eq!(facts.since, Since::ThreeMonthsBefore(d("2025-12-23")));
    assert_eq!(
        facts
            .reports
            .iter()
            .map(|r| r.report.id)
            .collect::<Vec<_>>(),
        vec![2]
    );
}

#[test]
fn the_look_ahead_ends_at_the_next_meeting_by_date_or_ninety_days_after() {
    assert_eq!(
        lookahead_to(Some(d("2026-04-10")), d("2026-03-23")),
        d("2026-04-10")
    );
    assert_eq!(lookahead_to(None, d("2026-03-23")), d("2026-06-21"));
}
