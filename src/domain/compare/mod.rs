//! The cross-force view (issue 23): several offices' published open data side by side, one
//! row per national recommendation, each force's three voices, its deadline and its slips,
//! every figure linking to the office's own public page. Pure: what was read goes in.

mod source;
mod table;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use serde::Deserialize;

pub use source::{Location, Source};
pub use table::{CSV_HEADER, csv, text};

use crate::domain::vocab::{Assurance, InspectoratePosition, Rag};

/// The most of one source that is read: an edition's JSON for every force in England and
/// Wales is a few megabytes.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// How the deadline column is decided, in the words the page and README use.
pub const DEADLINE_RULE: &str = "Met: on or before the deadline, the force reported the \
    recommendation complete (blue) or the issuing body recorded it met. Met late: that happened \
    only after the deadline. Missed: the deadline passed before the edition's as-at day and \
    neither has happened. Not yet due: the deadline is on or after the as-at day. Closed: the \
    issuing body recorded it superseded or no longer relevant. No deadline: the report set none.";

/// How the slips column is counted.
pub const SLIPS_RULE: &str = "Slips: how many of the milestones of the actions answering the \
    recommendation have moved from the date first agreed, of how many there are.";

/// One office's edition, as its open data has it: only the members compared are read, and
/// any others are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Edition {
    pub edition: i64,
    pub organisation: String,
    pub as_at: NaiveDate,
    pub inspections: Vec<Inspection>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    pub id: i64,
    pub title: String,
    pub body: String,
    /// The report package's identifier; absent from editions before packages were carried.
    #[serde(default)]
    pub national_id: Option<String>,
    #[serde(default)]
    pub package_version: Option<i64>,
    #[serde(default)]
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: i64,
    pub reference: String,
    /// The package item's identifier: the national recommendation this finding is.
    #[serde(default)]
    pub national_id: Option<String>,
    #[serde(default)]
    pub due_on: Option<NaiveDate>,
    #[serde(default)]
    pub voices: Voices,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// The three voices as tokens: one this version does not know is shown as it is.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Voices {
    #[serde(default)]
    pub force_position: Option<String>,
    #[serde(default)]
    pub force_as_at: Option<NaiveDate>,
    #[serde(default)]
    pub pcc_assurance: Option<String>,
    #[serde(default)]
    pub inspectorate_position: Option<String>,
    #[serde(default)]
    pub position_as_at: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    #[serde(default)]
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Milestone {
    #[serde(default)]
    pub slip_count: u32,
    #[serde(default)]
    pub original_due_date: Option<String>,
    #[serde(default)]
    pub due_date: Option<String>,
}

impl Milestone {
    fn moved(&self) -> bool {
        self.slip_count > 0
            || matches!((&self.original_due_date, &self.due_date), (Some(o), Some(d)) if o != d)
    }
}

impl Edition {
    /// Read an edition's open data, or say in plain words why these bytes are not one.
    pub fn read(bytes: &[u8]) -> Result<Self, String> {
        serde_json::from_slice(bytes).map_err(|e| match e.classify() {
            serde_json::error::Category::Data => {
                format!("is not an edition's open data ({e})")
            }
            _ => format!("is not JSON ({e})"),
        })
    }
}

/// A source read: where from, and its edition.
#[derive(Debug, Clone)]
pub struct Read {
    pub source: Source,
    pub edition: Edition,
}

/// A source that could not be read, and why, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    pub source: String,
    pub reason: String,
}

/// Everything the view shows: the sources read, those not read, and the reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub offices: Vec<Office>,
    pub unread: Vec<Unread>,
    pub reports: Vec<Report>,
}

/// One source read, for the list of what the view is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    pub source: String,
    pub organisation: String,
    pub edition: i64,
    pub as_at: NaiveDate,
    /// How many of its findings carry a national identifier.
    pub national: usize,
    /// Its address, when known (a file given without one has none).
    pub site: Option<String>,
}

/// A national report: its identifier, its title (as the first source read has it) and its
/// recommendations, by reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub national_id: String,
    pub title: String,
    pub recommendations: Vec<Recommendation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub national_id: String,
    pub reference: String,
    /// Every force that holds it, in the order the sources were given.
    pub forces: Vec<Standing>,
}

/// Where one force stands on one national recommendation, as its office published it.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// The source it was read from, as given.
    pub source: String,
    pub body: String,
    pub organisation: String,
    pub force_position: String,
    pub assurance: String,
    pub inspectorate: String,
    pub due_on: Option<NaiveDate>,
    pub deadline: Deadline,
    pub slips: Slips,
    pub edition: i64,
    pub as_at: NaiveDate,
    pub package_version: Option<i64>,
    /// The office's public page for the finding.
    pub link: Option<String>,
}

/// How many milestones moved from the date first agreed, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slips {
    pub moved: usize,
    pub milestones: usize,
}

impl Slips {
    pub fn of(actions: &[Action]) -> Self {
        let all = actions.iter().flat_map(|a| &a.milestones);
        Self {
            moved: all.clone().filter(|m| m.moved()).count(),
            milestones: all.count(),
        }
    }

    pub fn label(self) -> String {
        match self.milestones {
            0 => "No milestones".into(),
            n => format!("{} of {n} moved", self.moved),
        }
    }
}

/// Whether the deadline was met, as at the edition's day ([`DEADLINE_RULE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Met,
    MetLate,
    Missed,
    NotYetDue,
    Closed,
    NoDeadline,
}

impl Deadline {
    pub fn of(due_on: Option<NaiveDate>, as_at: NaiveDate, v: &Voices) -> Self {
        let position = v.inspectorate_position.as_deref();
        let reported_complete = match v.force_position.as_deref() {
            Some("blue") => v.force_as_at,
            _ => None,
        };
        let recorded_met = match position {
            Some("met") => v.position_as_at,
            _ => None,
        };
        let done = reported_complete.into_iter().chain(recorded_met).min();
        match (due_on, done) {
            (Some(due), Some(done)) if done <= due => Self::Met,
            _ if matches!(position, Some("superseded" | "no_longer_relevant")) => Self::Closed,
            (None, _) => Self::NoDeadline,
            (Some(_), Some(_)) => Self::MetLate,
            (Some(due), None) if as_at > due => Self::Missed,
            (Some(_), None) => Self::NotYetDue,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "Met",
            Self::MetLate => "Met late",
            Self::Missed => "Missed",
            Self::NotYetDue => "Not yet due",
            Self::Closed => "Closed",
            Self::NoDeadline => "No deadline",
        }
    }

    /// For the CSV.
    pub fn token(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::MetLate => "met_late",
            Self::Missed => "missed",
            Self::NotYetDue => "not_yet_due",
            Self::Closed => "closed",
            Self::NoDeadline => "no_deadline",
        }
    }
}

fn label_of(
    token: Option<&str>,
    known: impl Fn(&str) -> Option<&'static str>,
    none: &str,
) -> String {
    match token {
        None | Some("") => none.to_string(),
        Some(t) => known(t).map_or_else(|| t.to_string(), str::to_string),
    }
}

fn standing(read: &Read, i: &Inspection, f: &Finding) -> Standing {
    let e = &read.edition;
    let v = &f.voices;
    Standing {
        source: read.source.given.clone(),
        body: i.body.clone(),
        organisation: e.organisation.clone(),
        force_position: label_of(
            v.force_position.as_deref(),
            |t| Rag::parse(t).map(|r| r.label()),
            "No update yet",
        ),
        assurance: label_of(
            v.pcc_assurance.as_deref(),
            |t| match t {
                "not_yet_assessed" => Some("Not yet assessed"),
                t => Assurance::parse(t).map(|a| a.label()),
            },
            "Not yet assessed",
        ),
        inspectorate: label_of(
            v.inspectorate_position.as_deref(),
            |t| InspectoratePosition::parse(t).map(|p| p.label()),
            "No position recorded",
        ),
        due_on: f.due_on,
        deadline: Deadline::of(f.due_on, e.as_at, v),
        slips: Slips::of(&f.actions),
        edition: e.edition,
        as_at: e.as_at,
        package_version: i.package_version,
        link: read.source.finding_page(i.id, f.id),
    }
}

/// The rows: for each national report (by identifier), each of its recommendations (by
/// reference, R2 before R10), every force that holds it, in the order the sources were given.
/// A finding with a national identifier in an inspection without one is listed under the
/// report `""` ("other national recommendations"); findings without one are not compared.
pub fn compare(read: &[Read], unread: Vec<Unread>) -> Comparison {
    let mut reports: Vec<Report> = Vec::new();
    let mut offices = Vec::new();
    for r in read {
        let mut national = 0;
        for i in &r.edition.inspections {
            let report_id = i.national_id.clone().unwrap_or_default();
            for f in &i.findings {
                let Some(item) = f.national_id.as_deref().filter(|n| !n.is_empty()) else {
                    continue;
                };
                national += 1;
                let report = match reports.iter().position(|x| x.national_id == report_id) {
                    Some(at) => &mut reports[at],
                    None => {
                        reports.push(Report {
                            national_id: report_id.clone(),
                            title: match report_id.as_str() {
                                "" => "Other national recommendations".into(),
                                _ => i.title.clone(),
                            },
                            recommendations: Vec::new(),
                        });
                        reports.last_mut().expect("just pushed")
                    }
                };
                let rec = match report
                    .recommendations
                    .iter()
                    .position(|x| x.national_id == item)
                {
                    Some(at) => &mut report.recommendations[at],
                    None => {
                        report.recommendations.push(Recommendation {
                            national_id: item.to_string(),
                            reference: f.reference.clone(),
                            forces: Vec::new(),
                        });
                        report.recommendations.last_mut().expect("just pushed")
                    }
                };
                rec.forces.push(standing(r, i, f));
            }
        }
        offices.push(Office {
            source: r.source.given.clone(),
            organisation: r.edition.organisation.clone(),
            edition: r.edition.edition,
            as_at: r.edition.as_at,
            national,
            site: r.source.site.clone(),
        });
    }
    reports.sort_by(|a, b| {
        (a.national_id.is_empty(), &a.national_id).cmp(&(b.national_id.is_empty(), &b.national_id))
    });
    for report in &mut reports {
        report.recommendations.sort_by(|a, b| {
            (a.reference.len(), &a.reference, &a.national_id).cmp(&(
                b.reference.len(),
                &b.reference,
                &b.national_id,
            ))
        });
    }
    Comparison {
        offices,
        unread,
        reports,
    }
}
