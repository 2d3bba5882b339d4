//! The response document of one report's clock, built from the record as plain data that the
//! printable page and the OpenDocument file both render: the report, the obligation, for
//! section 55 the Chief Constable's comments, and the response to every finding that stands.
//! Also which reports have their findings answered one by one, and under which rule.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

fn fact(label: &'static str, value: impl Into<String>) -> Fact {
    Fact {
        label: label.to_string(),
        value: value.into(),
    }
}

/// The response to one finding, as the document prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseLine {
    pub reference: String,
    pub kind: String,
    /// "Under C1", for a recommendation under a cause of concern.
    pub under: Option<String>,
    pub wording: String,
    pub position: String,
    pub explanation_label: String,
    pub explanation: String,
}

/// The Chief Constable's comments under section 55, as far as the record keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comments {
    pub facts: Vec<Fact>,
    pub note: String,
}

/// What the record keeps of the Chief Constable's comments: the dates, not their words.
pub const COMMENTS_NOTE: &str = "The record keeps the dates of the Chief Constable's comments, \
    not their text. The response to each recommendation below sets out the action taken or \
    proposed, or why none.";

/// The whole document, ready to render. Released to the public site, it is frozen into the
/// edition as it stood when published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        note: COMMENTS_NOTE.to_string(),
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
        kind: f.kind.label().to_string(),
        under: f.parent_reference.as_ref().map(|p| format!("Under {p}")),
        wording,
        position: f
            .response_position
            .map(|p| p.label())
            .unwrap_or("No response recorded")
            .to_string(),
        explanation_label: explanation_label.to_string(),
        explanation: f
            .response_explanation
            .clone()
            .filter(|e| !e.trim().is_empty())
            .unwrap_or_else(|| "None recorded".into()),
    }
}

#[cfg(test)]
mod tests;
