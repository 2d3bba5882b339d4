//! The response document of one report's clock, built from the record as plain data that the
//! printable page and the OpenDocument file both render: the report, the obligation, for
//! section 55 the Chief Constable's comments, and the response to every finding that stands.
//! Also which reports have their findings answered one by one, and under which rule.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::clocks::{ACTION_PLAN, FIRE_PLAN_REVIEW, ReportClock, Rule, SECTION_55};
use crate::domain::dates::uk_date;
use crate::domain::inspections::Section55;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{FindingKind, ResponsePosition, Source};

/// The label of a finding's explanation, and of it when the risk of not acting is accepted.
pub const EXPLANATION: &str = "Action taken or proposed, or why none";
pub const RATIONALE: &str = "Rationale for accepting the risk";

/// Whether a rule is answered by a response to each finding; the action plans (the force's
/// six weeks, a fire service's 28-day review) are answered by a plan instead.
pub fn answers_each_finding(rule: &Rule) -> bool {
    !matches!(rule.key.as_deref(), Some(ACTION_PLAN | FIRE_PLAN_REVIEW))
}

/// The rule under which a report's findings are answered one by one: the first of its clocks
/// that is, if any.
pub fn answering_rule(clocks: &[ReportClock]) -> Option<&Rule> {
    clocks
        .iter()
        .map(|c| &c.rule)
        .find(|r| answers_each_finding(r))
}

/// Whether the response to each of a report's findings is recorded: under a rule that asks for
/// it, or for any report not from HMICFRS (an inquiry's recommendations are answered even where
/// the office keeps no rule for them). An HMICFRS report outside section 55 – a fire service's,
/// a follow-up – is answered by its action plan, not finding by finding.
pub fn responses_recorded(source: Source, clocks: &[ReportClock]) -> bool {
    source != Source::Hmicfrs || answering_rule(clocks).is_some()
}

/// The heading of the page recording the responses to a report's findings.
pub fn responses_heading(clocks: &[ReportClock]) -> String {
    match answering_rule(clocks) {
        Some(rule) if rule.key.as_deref() == Some(SECTION_55) => "Section 55 response".into(),
        Some(rule) => rule.name.clone(),
        None => "Response to each finding".into(),
    }
}

/// The report a document is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub title: String,
    pub body_name: String,
    pub source: ReportSource,
    pub published_on: NaiveDate,
    pub sent_on: Option<NaiveDate>,
    pub report_url: Option<String>,
}

/// A finding of the report that stands, with its response, as loaded.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct AnsweredFinding {
    pub id: i64,
    pub kind: FindingKind,
    pub reference: String,
    pub parent_reference: Option<String>,
    pub official_wording: Option<String>,
    pub public_summary: Option<String>,
    pub response_position: Option<ResponsePosition>,
    pub response_explanation: Option<String>,
}

/// One line of facts: "Owed by: The Chief Constable".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

fn fact(label: &'static str, value: impl Into<String>) -> Fact {
    Fact {
        label,
        value: value.into(),
    }
}

/// The response to one finding, as the document prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseLine {
    pub reference: String,
    pub kind: &'static str,
    /// "Under C1", for a recommendation under a cause of concern.
    pub under: Option<String>,
    pub wording: String,
    pub position: &'static str,
    pub explanation_label: &'static str,
    pub explanation: String,
}

/// The Chief Constable's comments under section 55, as far as the record keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comments {
    pub facts: Vec<Fact>,
    pub note: &'static str,
}

/// What the record keeps of the Chief Constable's comments: the dates, not their words.
pub const COMMENTS_NOTE: &str = "The record keeps the dates of the Chief Constable's comments, \
    not their text. The response to each recommendation below sets out the action taken or \
    proposed, or why none.";

/// The whole document, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseDocument {
    pub organisation: String,
    /// The obligation's name: "Section 55 comments".
    pub title: String,
    pub report_title: String,
    pub report_url: Option<String>,
    pub report: Vec<Fact>,
    pub obligation: Vec<Fact>,
    pub comments: Option<Comments>,
    pub responses: Vec<ResponseLine>,
}

fn date_or(d: Option<NaiveDate>, none: &str) -> String {
    d.map(uk_date).unwrap_or_else(|| none.to_string())
}

impl ResponseDocument {
    /// The document of `clock` for `report`, by `organisation`, answering `findings` (those
    /// that stand, in report order); `steps` are the section 55 steps, used for that rule only.
    pub fn build(
        organisation: &str,
        report: &Report,
        clock: &ReportClock,
        steps: Option<&Section55>,
        findings: &[AnsweredFinding],
    ) -> Self {
        let section_55 = clock.rule.key.as_deref() == Some(SECTION_55);
        Self {
            organisation: organisation.to_string(),
            title: clock.rule.name.clone(),
            report_title: report.title.clone(),
            report_url: report.report_url.clone(),
            report: report_facts(report),
            obligation: obligation_facts(clock),
            comments: steps.filter(|_| section_55).map(comments),
            responses: findings.iter().map(response_line).collect(),
        }
    }

    /// A file name for the document that is safe anywhere: lowercase letters, digits and
    /// hyphens, from the report's title and the obligation, with `extension`.
    pub fn file_name(&self, extension: &str) -> String {
        let words = format!("{} {}", self.report_title, self.title);
        let mut slug = String::new();
        for c in words.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= 100 {
                break;
            }
        }
        let slug = slug.trim_end_matches('-');
        let slug = if slug.is_empty() {
            "response-document"
        } else {
            slug
        };
        format!("{slug}.{extension}")
    }
}

fn report_facts(r: &Report) -> Vec<Fact> {
    let dated = match r.source {
        ReportSource::HmicfrsPolice | ReportSource::HmicfrsFire | ReportSource::HmicfrsOther => {
            "Published"
        }
        _ => "Dated",
    };
    let mut facts = vec![
        fact("Report", &r.title),
        fact("Source", r.source.label()),
        fact("Issued by", r.source.issuer()),
        fact("About", &r.body_name),
        fact(dated, uk_date(r.published_on)),
    ];
    if let Some(sent) = r.sent_on {
        facts.push(fact("Sent", uk_date(sent)));
    }
    if let Some(url) = &r.report_url {
        facts.push(fact("Link to the report", url));
    }
    facts
}

fn obligation_facts(c: &ReportClock) -> Vec<Fact> {
    let rule = &c.rule;
    let last_day = match c.slips.count {
        0 => uk_date(c.last_day),
        _ => format!(
            "{} (extended from {})",
            uk_date(c.last_day),
            uk_date(c.original_last_day)
        ),
    };
    let mut facts = vec![
        fact("Obligation", &rule.name),
        fact("Owed by", &rule.owed_by),
        fact("Owed to", &rule.owed_to),
        fact("Period", rule.period()),
        fact("Clock started", uk_date(c.starts)),
        fact("Last day", last_day),
    ];
    for e in &c.extensions {
        let requested = e
            .requested_on
            .map(|d| format!(", asked for on {}", uk_date(d)))
            .unwrap_or_default();
        facts.push(fact(
            "Extension",
            format!(
                "To {}, granted on {} by {}{requested}: {}",
                uk_date(e.new_last_day),
                uk_date(e.granted_on),
                e.granted_by,
                e.reason
            ),
        ));
    }
    if !rule.publish.is_empty() {
        facts.push(fact("What is published", &rule.publish));
    }
    for s in &c.sent {
        facts.push(fact(
            "Response sent",
            format!("On {} to {}", uk_date(s.sent_on), s.sent_to),
        ));
    }
    facts
}

fn comments(s: &Section55) -> Comments {
    let not_yet = "Not recorded";
    let mut facts = vec![
        fact(
            "Comments requested from the Chief Constable",
            date_or(s.comments_requested_on, not_yet),
        ),
        fact(
            "Deadline set for the comments",
            date_or(s.comments_deadline, not_yet),
        ),
        fact(
            "Comments received",
            date_or(s.comments_received_on, not_yet),
        ),
        fact(
            "Commissioner's response published",
            date_or(s.response_published_on, "Not yet published"),
        ),
    ];
    if let Some(url) = &s.response_url {
        facts.push(fact("Link to the published response", url));
    }
    facts.extend([
        fact(
            "Copy sent to HMICFRS",
            date_or(s.copy_to_hmicfrs_on, not_yet),
        ),
        fact(
            "Copy sent to the Home Secretary",
            date_or(s.copy_to_home_secretary_on, not_yet),
        ),
    ]);
    Comments {
        facts,
        note: COMMENTS_NOTE,
    }
}

fn response_line(f: &AnsweredFinding) -> ResponseLine {
    let given = |w: &Option<String>| {
        w.as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_string)
    };
    let wording = given(&f.official_wording)
        .or_else(|| given(&f.public_summary))
        .unwrap_or_else(|| "No wording recorded".into());
    let explanation_label = match f.response_position {
        Some(ResponsePosition::RiskAccepted) => RATIONALE,
        _ => EXPLANATION,
    };
    ResponseLine {
        reference: f.reference.clone(),
        kind: f.kind.label(),
        under: f.parent_reference.as_ref().map(|p| format!("Under {p}")),
        wording,
        position: f
            .response_position
            .map(|p| p.label())
            .unwrap_or("No response recorded"),
        explanation_label,
        explanation: f
            .response_explanation
            .clone()
            .filter(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "None recorded".into()),
    }
}

#[cfg(test)]
mod tests {
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
            report_url: Some(
                "https://www.judiciary.uk/prevention-of-future-death-reports/x".into(),
            ),
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
        let doc =
            ResponseDocument::build("PCC", &report(ReportSource::Coroner), &c, None, &findings);
        let [a, b, u] = &doc.responses[..] else {
            panic!("three responses")
        };
        assert_eq!((a.position, a.explanation_label), ("Accepted", EXPLANATION));
        assert_eq!(a.explanation, "Done in May.");
        assert_eq!(b.position, "Not implemented – risk accepted");
        assert_eq!(b.explanation_label, RATIONALE);
        assert_eq!(u.under.as_deref(), Some("Under C1"));
        assert_eq!(
            u.wording, "Review custody checks",
            "the summary where the wording is blank"
        );
        assert_eq!(
            (u.position, u.explanation.as_str()),
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
}
