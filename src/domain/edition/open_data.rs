//! Open data for an edition: JSON with Open Contracting-shaped milestones, and CSV with one row
//! per finding and milestone, every cell safe to open in a spreadsheet.

use chrono::NaiveDate;
use serde::Serialize;

use super::{ChainHead, EditionMeta, Milestone, Snapshot};
use crate::domain::vocab::MilestoneState;

pub const LICENCE_NAME: &str = "Open Government Licence v3.0";
pub const LICENCE_URL: &str =
    "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";

/// The Open Contracting milestone status for our state: met late is still met (the dates show
/// the lateness); missed is `notMet`.
pub fn ocds_status(state: MilestoneState) -> &'static str {
    match state {
        MilestoneState::Scheduled => "scheduled",
        MilestoneState::Met | MilestoneState::MetLate => "met",
        MilestoneState::Missed => "notMet",
    }
}

fn date_time(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OcdsMilestone {
    pub id: String,
    pub title: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub due_date: String,
    pub date_met: Option<String>,
    pub status: &'static str,
    pub original_due_date: String,
    pub slip_count: u32,
    pub days_slipped: i64,
    pub state: MilestoneState,
}

pub fn ocds_milestone(m: &Milestone) -> OcdsMilestone {
    OcdsMilestone {
        id: format!("milestone-{}", m.id),
        title: m.title.clone(),
        kind: "delivery",
        due_date: date_time(m.current_due_on),
        date_met: m.met_on.map(date_time),
        status: ocds_status(m.state),
        original_due_date: date_time(m.original_due_on),
        slip_count: m.slip_count,
        days_slipped: m.days_slipped,
        state: m.state,
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Licence {
    name: &'static str,
    url: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    licence: Licence,
    edition: i64,
    published_at: String,
    publisher_role: &'static str,
    sha256: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain_head: Option<&'a ChainHead>,
    note: Option<&'a str>,
    organisation: &'a str,
    as_at: NaiveDate,
    inspections: Vec<serde_json::Value>,
    meetings: &'a [super::Meeting],
}

/// The JSON document for an edition: the snapshot, with milestones shaped like Open
/// Contracting milestones, under the licence, and the audit chain's head when it was
/// published. Rendered once, when the edition is published, and stored: the fingerprint is
/// the SHA-256 of these bytes. (Editions published before that have no chain head and are
/// rendered on request.)
pub fn json(meta: &EditionMeta, chain_head: Option<&ChainHead>, s: &Snapshot) -> String {
    let inspections = s
        .inspections
        .iter()
        .map(|i| {
            let mut value = serde_json::to_value(i).unwrap_or_default();
            if let Some(findings) = value.get_mut("findings").and_then(|f| f.as_array_mut()) {
                for (fv, f) in findings.iter_mut().zip(&i.findings) {
                    if let Some(actions) = fv.get_mut("actions").and_then(|a| a.as_array_mut()) {
                        for (av, a) in actions.iter_mut().zip(&f.actions) {
                            let ms: Vec<_> = a.milestones.iter().map(ocds_milestone).collect();
                            av["milestones"] = serde_json::to_value(ms).unwrap_or_default();
                        }
                    }
                }
            }
            value
        })
        .collect();
    let doc = Document {
        licence: Licence {
            name: LICENCE_NAME,
            url: LICENCE_URL,
        },
        edition: meta.number,
        published_at: meta.published_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        publisher_role: meta.publisher_role.as_str(),
        sha256: &meta.sha256,
        chain_head,
        note: meta.note.as_deref(),
        organisation: &s.organisation,
        as_at: s.as_at,
        inspections,
        meetings: &s.meetings,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

pub const CSV_HEADER: [&str; 20] = [
    "edition",
    "inspection",
    "finding_kind",
    "finding_reference",
    "area",
    "public_summary",
    "timescale",
    "due_date",
    "force_position",
    "pcc_assurance",
    "inspectorate_position",
    "action_reference",
    "action_title",
    "owner_role",
    "milestone_id",
    "milestone_title",
    "original_due_date",
    "current_due_date",
    "date_met",
    "milestone_status",
];

fn row(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| crate::domain::csv::cell(c))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// The CSV for an edition: one row per finding and milestone (a finding with no milestones
/// has one row with the milestone columns empty).
pub fn csv(meta: &EditionMeta, s: &Snapshot) -> String {
    let mut out = row(&CSV_HEADER.map(String::from));
    let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for i in &s.inspections {
        for f in &i.findings {
            let finding = [
                meta.number.to_string(),
                i.title.clone(),
                f.kind.as_str().into(),
                f.reference.clone(),
                f.area.clone(),
                f.summary.clone().unwrap_or_default(),
                f.timescale.as_str().into(),
                opt(f.due_on),
                f.voices.force_rag.map(|r| r.as_str()).unwrap_or("").into(),
                f.voices
                    .assurance
                    .map_or("not_yet_assessed", |a| a.as_str())
                    .into(),
                f.voices.position.map(|p| p.as_str()).unwrap_or("").into(),
            ];
            let mut any = false;
            for a in &f.actions {
                for m in &a.milestones {
                    any = true;
                    let mut cells = finding.to_vec();
                    cells.extend([
                        a.reference.clone(),
                        a.title.clone(),
                        a.owner_role.clone(),
                        m.id.to_string(),
                        m.title.clone(),
                        m.original_due_on.to_string(),
                        m.current_due_on.to_string(),
                        opt(m.met_on),
                        ocds_status(m.state).into(),
                    ]);
                    out.push_str(&row(&cells));
                }
            }
            if !any {
                let mut cells = finding.to_vec();
                cells.extend(std::iter::repeat_n(String::new(), 9));
                out.push_str(&row(&cells));
            }
        }
    }
    out
}
