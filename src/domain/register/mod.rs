//! The register: every finding that stands, from every source, one row each – its report,
//! body, owners, the report's clock and its themes – and which of them are open, by the rule
//! the dashboards' burn-down uses ([`is_closed`]). Its filters live in [`filters`].

pub mod filters;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::clocks::{ClockState, Extension, ReportFacts, Rule, Sent, worst};
use crate::domain::dashboard::history::{BurnFinding, History, is_closed};
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{BodyKind, FindingKind, InspectoratePosition, Rag, Source};

pub use filters::{ClockFilter, Filters, Options, PER_PAGE, Page};

/// The most characters of a finding's wording a list shows before cutting it short.
pub const WORDING_CHARS: usize = 240;

/// A finding that stands, with its report and body, and the issuing body's latest
/// whole-finding position on the day the register is drawn up.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RegisterFinding {
    pub id: i64,
    pub inspection_id: i64,
    pub report_title: String,
    pub published_on: NaiveDate,
    pub body_id: i64,
    pub body_name: String,
    pub source: Source,
    pub body_kind: BodyKind,
    pub kind: FindingKind,
    pub reference: String,
    pub official_wording: Option<String>,
    pub public_summary: Option<String>,
    pub position: Option<InspectoratePosition>,
    pub position_as_at: Option<NaiveDate>,
}

/// An action-plan item that stands, answering a finding: its owner, and its latest update
/// (not corrected since) on the day the register is drawn up.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Answer {
    pub finding_id: i64,
    pub action_id: i64,
    pub owner_role: String,
    pub owner_name: String,
    pub latest_as_at: Option<NaiveDate>,
    pub latest_rag: Option<Rag>,
}

impl Answer {
    /// "Role – Name", or whichever is recorded (`None`: neither), as the dashboards show it.
    pub fn owner(&self) -> Option<String> {
        let (role, name) = (self.owner_role.trim(), self.owner_name.trim());
        match (role.is_empty(), name.is_empty()) {
            (false, false) => Some(format!("{role} – {name}")),
            (false, true) => Some(role.to_string()),
            (true, false) => Some(name.to_string()),
            (true, true) => None,
        }
    }
}

/// One row of the register (or of a theme's page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub finding: RegisterFinding,
    pub source: ReportSource,
    /// The owners of the action-plan items answering it, by name, each once.
    pub owners: Vec<String>,
    /// The state most in need of attention among its report's clocks; `None`: no clock.
    pub clock: Option<ClockState>,
    /// Its themes, by name: (id, name).
    pub themes: Vec<(i64, String)>,
    /// Not closed (see [`is_closed`]): on the register.
    pub open: bool,
}

impl RegisterRow {
    /// What the finding says, cut short for a list: its official wording, else its public
    /// summary; `None` if neither is recorded.
    pub fn wording(&self) -> Option<String> {
        let f = &self.finding;
        [&f.official_wording, &f.public_summary]
            .into_iter()
            .flatten()
            .map(|w| w.trim())
            .find(|w| !w.is_empty())
            .map(|w| shortened(w, WORDING_CHARS))
    }
}

/// `text` whole if it has at most `max` characters, else cut at the last space before `max`
/// (or at `max` if there is none) with an ellipsis.
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", kept.trim_end())
}

/// The state most in need of attention among each report's clocks today, by report; a report
/// no rule applies to has no entry.
pub fn report_clocks(
    reports: &[ReportFacts],
    rules: &[Rule],
    extensions: &[Extension],
    sent: &[Sent],
    today: NaiveDate,
) -> HashMap<i64, ClockState> {
    let mut extensions_of: HashMap<i64, Vec<Extension>> = HashMap::new();
    for e in extensions {
        extensions_of
            .entry(e.inspection_id)
            .or_default()
            .push(e.clone());
    }
    let mut sent_of: HashMap<i64, Vec<Sent>> = HashMap::new();
    for s in sent {
        sent_of.entry(s.inspection_id).or_default().push(s.clone());
    }
    reports
        .iter()
        .filter_map(|r| {
            let extensions = extensions_of.get(&r.id).map_or(&[][..], Vec::as_slice);
            let sent = sent_of.get(&r.id).map_or(&[][..], Vec::as_slice);
            let clocks = r.clocks(rules, extensions, sent, today);
            worst(clocks.iter().map(|c| c.state())).map(|state| (r.id, state))
        })
        .collect()
}

/// The rows for `findings` (in their order), with the items answering them, their tags
/// (finding, theme, theme's name) and their reports' clocks, open or not as on `today`.
pub fn rows(
    findings: Vec<RegisterFinding>,
    answers: &[Answer],
    tags: &[(i64, i64, String)],
    clocks: &HashMap<i64, ClockState>,
    today: NaiveDate,
) -> Vec<RegisterRow> {
    let mut history = History::default();
    let mut answering: HashMap<i64, Vec<&Answer>> = HashMap::new();
    for a in answers {
        answering.entry(a.finding_id).or_default().push(a);
        if let (Some(at), Some(rag)) = (a.latest_as_at, a.latest_rag) {
            history.updates.insert(a.action_id, vec![(at, rag)]);
        }
    }
    let mut themes: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (finding, id, name) in tags {
        themes
            .entry(*finding)
            .or_default()
            .push((*id, name.clone()));
    }
    for f in &findings {
        if let (Some(at), Some(p)) = (f.position_as_at, f.position) {
            history.positions.insert(f.id, vec![(at, p)]);
        }
    }
    findings
        .into_iter()
        .map(|f| {
            let mine = answering.get(&f.id).map_or(&[][..], Vec::as_slice);
            let burn = BurnFinding {
                id: f.id,
                inspection_id: f.inspection_id,
                published_on: f.published_on,
                action_ids: mine.iter().map(|a| a.action_id).collect(),
            };
            let mut owners: Vec<String> = mine.iter().filter_map(|a| a.owner()).collect();
            owners.sort_by_key(|o| o.to_lowercase());
            owners.dedup();
            let mut tagged = themes.remove(&f.id).unwrap_or_default();
            tagged.sort_by_key(|(_, name)| name.to_lowercase());
            tagged.dedup();
            RegisterRow {
                source: ReportSource::of(f.source, f.body_kind),
                clock: clocks.get(&f.inspection_id).copied(),
                open: !is_closed(&burn, &history, today),
                owners,
                themes: tagged,
                finding: f,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
