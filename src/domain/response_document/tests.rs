//! Unit tests of the response document's content and of which reports answer each finding.

use super::*;
use crate::domain::clocks::{Extension, Sent};
use crate::domain::vocab::{ClockStart, Counting};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn rule(key: Option<&str>, name: &str) -> Rule {
    Rule {
        id: 1,
        key: key.map(Into::into),
        source: Source::Coroner,
        body_kind: None,
        needs_cause_of_concern: false,
        name: name.into(),
        owed_by: "The addressee of the report".into(),
        owed_to: "The coroner".into(),
        starts_on: ClockStart::Sent,
        length_days: 56,
        counting: Counting::After,
        publish: "A written response".into(),
        editable: false,
        version: 1,
    }
}

fn clock(rule: Rule, extensions: Vec<Extension>, sent: Vec<Sent>) -> ReportClock {
    ReportClock::new(
        rule,
        d("2022-11-30"),
        extensions,
        sent,
        None,
        d("2023-01-01"),
    )
}

fn report(source: ReportSource) -> Report {
    Report {
        title: "Regulation 28: Report to prevent future deaths – J. Smith".into(),
        body_name: "Derbyshire Constabulary".into(),
        source,
        published_on: d("2022-11-28"),
        sent_on: Some(d("2022-11-30")),
        report_url: Some("https://www.judiciary.uk/prevention-of-future-death-reports/x".into()),
    }
}

fn finding(
    reference: &str,
    position: Option<ResponsePosition>,
    text: Option<&str>,
) -> AnsweredFinding {
    AnsweredFinding {
        id: 1,
        kind: FindingKind::Recommendation,
        reference: reference.into(),
        parent_reference: None,
        official_wording: Some("The force should review its custody checks.".into()),
        public_summary: None,
        response_position: position,
        response_explanation: text.map(Into::into),
    }
}

#[test]
fn only_the_action_plans_are_answered_by_something_other_than_a_response_to_each_finding() {
    assert!(answers_each_finding(&rule(
        Some(SECTION_55),
        "Section 55 comments"
    )));
    assert!(answers_each_finding(&rule(Some("coroner_pfd"), "PFD")));
    assert!(answers_each_finding(&rule(None, "The office's own rule")));
    assert!(!answers_each_finding(&rule(
        Some(ACTION_PLAN),
        "Force action plan"
    )));
    assert!(!answers_each_finding(&rule(
        Some(FIRE_PLAN_REVIEW),
        "Review"
    )));
}

#[test]
fn an_hmicfrs_report_records_responses_only_under_a_rule_that_asks_for_them() {
    let plan = clock(rule(Some(ACTION_PLAN), "Force action plan"), vec![], vec![]);
    let pfd = clock(
        rule(
            Some("coroner_pfd"),
            "Response to a prevention of future deaths report",
        ),
        vec![],
        vec![],
    );
    assert!(!responses_recorded(Source::Hmicfrs, &[]));
    assert!(!responses_recorded(
        Source::Hmicfrs,
        std::slice::from_ref(&plan)
    ));
    assert!(responses_recorded(
        Source::Coroner,
        std::slice::from_ref(&pfd)
    ));
    assert!(
        responses_recorded(Source::Inquiry, &[]),
        "no rule kept, still answered"
    );
    assert_eq!(
        responses_heading(&[plan.clone(), pfd]),
        "Response to a prevention of future deaths report"
    );
    assert_eq!(responses_heading(&[plan]), "Response to each finding");
    let s55 = clock(
        rule(Some(SECTION_55), "Section 55 comments"),
        vec![],
        vec![],
    );
    assert_eq!(responses_heading(&[s55]), "Section 55 response");
}

#[test]
fn the_document_names_the_report_its_source_and_the_obligation_with_any_extension() {
    let extension = Extension {
        id: 1,
        inspection_id: 1,
        rule_id: 1,
        new_last_day: d("2023-02-28"),
        requested_on: Some(d("2023-01-10")),
        granted_on: d("2023-01-12"),
        granted_by: "HM Senior Coroner".into(),
        reason: "More time to consult".into(),
    };
    let sent = Sent {
        id: 1,
        inspection_id: 1,
        rule_id: 1,
        sent_on: d("2023-02-20"),
        sent_to: "HM Senior Coroner for Derby".into(),
        note: None,
    };
    let c = clock(
        rule(
            Some("coroner_pfd"),
            "Response to a prevention of future deaths report",
        ),
        vec![extension],
        vec![sent],
    );
    let doc = ResponseDocument::build(
        "Derbyshire PCC",
        &report(ReportSource::Coroner),
        &c,
        Some(&Section55::default()),
        &[],
    );
    assert_eq!(
        doc.title,
        "Response to a prevention of future deaths report"
    );
    let value = |facts: &[Fact], label: &str| {
        facts
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        value(&doc.report, "Source"),
        "Prevention of future deaths report"
    );
    assert_eq!(value(&doc.report, "Issued by"), "The coroner");
    assert_eq!(value(&doc.report, "Dated"), "28 November 2022");
    assert_eq!(value(&doc.report, "Sent"), "30 November 2022");
    assert_eq!(value(&doc.obligation, "Owed to"), "The coroner");
    assert_eq!(
        value(&doc.obligation, "Period"),
        "56 days of the report being sent"
    );
    assert_eq!(
        value(&doc.obligation, "Last day"),
        "28 February 2023 (extended from 25 January 2023)"
    );
    assert!(value(&doc.obligation, "Extension").contains("granted on 12 January 2023 by HM Senior Coroner, asked for on 10 January 2023: More time to consult"));
    assert_eq!(
        value(&doc.obligation, "Response sent"),
        "On 20 February 2023 to HM Senior Coroner for Derby"
    );
    assert_eq!(doc.comments, None, "comments are section 55's alone");
}

#[test]
fn section_55_carries_the_chief_constables_comments_as_the_record_keeps_them() {
    let c = clock(
        rule(Some(SECTION_55), "Section 55 comments"),
        vec![],
        vec![],
    );
    let steps = Section55 {
        comments_requested_on: Some(d("2021-11-17")),
        comments_received_on: Some(d("2021-12-15")),
        ..Section55::default()
    };
    let doc = ResponseDocument::build(
        "Derbyshire PCC",
        &report(ReportSource::HmicfrsPolice),
        &c,
        Some(&steps),
        &[],
    );
    let comments = doc.comments.expect("section 55 has comments");
    assert_eq!(comments.facts[0].value, "17 November 2021");
    assert_eq!(comments.facts[1].value, "Not recorded");
    assert_eq!(comments.facts[2].value, "15 December 2021");
    assert!(comments.note.contains("not their text"));
    assert!(doc.report.iter().any(|f| f.label == "Published"));
}

#[test]
fn each_finding_gets_its_position_and_explanation_and_risk_accepted_its_rationale() {
    let c = clock(rule(Some("coroner_pfd"), "PFD"), vec![], vec![]);
    let mut under = finding("1.2", None, None);
    under.parent_reference = Some("C1".into());
    under.official_wording = Some("  ".into());
    under.public_summary = Some("Review custody checks".into());
    let findings = [
        finding("1", Some(ResponsePosition::Accepted), Some("Done in May.")),
        finding(
            "2",
            Some(ResponsePosition::RiskAccepted),
            Some("The cost outweighs it."),
        ),
        under,
    ];
    let doc = ResponseDocument::build("PCC", &report(ReportSource::Coroner), &c, None, &findings);
    let [a, b, u] = &doc.responses[..] else {
        panic!("three responses")
    };
    assert_eq!(
        (a.position.as_str(), a.explanation_label.as_str()),
        ("Accepted", EXPLANATION)
    );
    assert_eq!(a.explanation, "Done in May.");
    assert_eq!(b.position, "Not implemented – risk accepted");
    assert_eq!(b.explanation_label, RATIONALE);
    assert_eq!(u.under.as_deref(), Some("Under C1"));
    assert_eq!(
        u.wording, "Review custody checks",
        "the summary where the wording is blank"
    );
    assert_eq!(
        (u.position.as_str(), u.explanation.as_str()),
        ("No response recorded", "None recorded")
    );
}

#[test]
fn the_file_name_is_lowercase_letters_digits_and_hyphens() {
    let c = clock(
        rule(Some(SECTION_55), "Section 55 comments"),
        vec![],
        vec![],
    );
    let mut r = report(ReportSource::HmicfrsPolice);
    r.title = "Derbyshire – National child protection inspection \"2021\"/../x".into();
    let doc = ResponseDocument::build("PCC", &r, &c, None, &[]);
    assert_eq!(
        doc.file_name("odt"),
        "derbyshire-national-child-protection-inspection-2021-x-section-55-comments.odt"
    );
    r.title = "–––".into();
    let mut doc = ResponseDocument::build("PCC", &r, &c, None, &[]);
    doc.title = "ü".into();
    assert_eq!(doc.file_name("odt"), "response-document.odt");
    r.title = "a".repeat(300);
    let doc = ResponseDocument::build("PCC", &r, &c, None, &[]);
    assert!(doc.file_name("odt").len() <= 104);
}
