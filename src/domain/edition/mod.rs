//! A published edition: the frozen, canonical snapshot of everything approved for the public,
//! its SHA-256, the plain-English changes between two editions, and its open-data shapes.

mod bodies;
mod diff;
pub mod open_data;

pub use bodies::PublicBody;

pub use diff::{Changes, FindingRef, MilestoneMove, VoiceChange, diff};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::regimes::{self, FireReview};
use crate::domain::response_document::ResponseDocument;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{
    Assurance, BodyKind, FindingKind, InspectionKind, InspectoratePosition, MeetingKind,
    MilestoneState, Rag, Role, Source, Timescale,
};

/// What the public sees in an edition. Serialised with serde_json: structs keep their field
/// order and every collection is a `Vec` in a fixed order, so the same record always gives the
/// same bytes and so the same hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub organisation: String,
    /// The date the snapshot describes: milestone states and voices are as at this day.
    pub as_at: NaiveDate,
    #[serde(deserialize_with = "shrunk")]
    pub inspections: Vec<Inspection>,
    pub meetings: Vec<Meeting>,
    /// Public meetings planned from `as_at` on (accountability meetings held in public and
    /// Police and Crime Panel meetings): their date, title and place are published so the
    /// public calendar and the meetings page can announce them. Absent from editions
    /// published before they were carried, so those keep their bytes and hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planned_meetings: Vec<PlannedMeeting>,
}

/// A list read from an edition without the room it grew into: JSON does not say how long a
/// list is, so a `Vec` read from it doubles as it grows and ends with up to half its capacity
/// unused. Given back as each list is finished, that room is used again by the rest of the
/// reading: the national edition's lists hold 34 MB at their peak, most of them short (three
/// milestones an action, three actions a finding).
fn shrunk<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

/// A public meeting that is planned but not yet held: when and where, nothing of its business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedMeeting {
    pub id: i64,
    pub kind: MeetingKind,
    pub starts_at: NaiveDateTime,
    pub title: String,
    pub location: String,
}

impl MeetingKind {
    /// Whether meetings of this kind are held in public (so announced before they happen).
    pub fn held_in_public(self) -> bool {
        matches!(
            self,
            MeetingKind::PublicAccountabilityMeeting | MeetingKind::PoliceAndCrimePanel
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    pub id: i64,
    pub title: String,
    pub kind: InspectionKind,
    pub body_name: String,
    /// The inspected body's id and kind. Absent from editions published before they were
    /// carried (those keep their bytes and hash, and are shown as one list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_kind: Option<BodyKind>,
    /// Who issued the report (HMICFRS, the IOPC, a coroner…). Absent from editions published
    /// before sources were carried, so those keep their bytes and hash (and show none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
    /// The Commissioner's response, where section 55 applies (an HMICFRS report on a police
    /// force). Every edition published before the regimes were told apart carries one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_55: Option<Section55>,
    /// A fire and rescue service's cause of concern: its action plan review, the revisit and
    /// the revisit letter. Absent from older editions, so those keep their bytes and hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_review: Option<PlanReview>,
    #[serde(deserialize_with = "shrunk")]
    pub findings: Vec<Finding>,
    /// The response documents the office released to the public site, as they stood when the
    /// edition was published. Absent from older editions, so those keep their bytes and hash.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<PublishedResponse>,
    /// The report's national identifier and the version of its package, when it was loaded
    /// from a report package. Absent otherwise (and from older editions, which keep their
    /// bytes and hash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_version: Option<u32>,
    /// The files the office released to the public site (the report, the section 55 response
    /// letter), served by their SHA-256. Absent from older editions, which keep their bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<ReleasedFile>,
}

/// An evidence file released to the public site: what it is and its fingerprint. The
/// edition's address for it is made of the fingerprint, so its bytes are checkable by anyone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleasedFile {
    pub name: String,
    pub kind: crate::domain::vocab::EvidenceKind,
    pub size: i64,
    pub sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl ReleasedFile {
    /// Its address in edition `edition`: the SHA-256 and the kind's usual extension.
    pub fn path(&self, edition: i64) -> String {
        let extension = self.kind.extensions().first().copied().unwrap_or("bin");
        format!("/editions/{edition}/files/{}.{extension}", self.sha256)
    }

    /// The file an address's last part (`<sha256>.<extension>`) names, among `files`.
    pub fn named<'a>(
        files: impl IntoIterator<Item = &'a ReleasedFile>,
        last: &str,
    ) -> Option<&'a ReleasedFile> {
        let (sha256, extension) = last.split_once('.')?;
        files
            .into_iter()
            .find(|f| f.sha256 == sha256 && f.kind.extensions().first() == Some(&extension))
    }
}

/// A response document released to the public site: the rule it answers and its content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedResponse {
    pub rule_id: i64,
    pub document: ResponseDocument,
}

/// A fire and rescue service's cause of concern: HMICFRS asks the service to review its
/// action plan within 28 days of the report, then revisits and writes a revisit letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanReview {
    /// The last day as it stands: extended, if it was.
    pub due_on: NaiveDate,
    /// The last day before any extension; absent when not extended (and from editions
    /// published before extensions were carried, so those keep their bytes and hash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_due_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    /// `None` while no review is received.
    pub on_time: Option<bool>,
    pub days_late: Option<i64>,
    pub revisit_on: Option<NaiveDate>,
    pub revisit_letter_on: Option<NaiveDate>,
    pub revisit_letter_url: Option<String>,
}

impl PlanReview {
    /// What is published of the steps `r` of a report published on `published`, whose
    /// review's last day was extended to `extended_to` (if it was).
    pub fn of(published: NaiveDate, r: &FireReview, extended_to: Option<NaiveDate>) -> Self {
        let original = regimes::plan_review_due(published);
        let due_on = regimes::plan_review_due_on(published, extended_to);
        let days_late = r
            .plan_review_received_on
            .map(|d| crate::domain::dates::days_between(due_on, d));
        Self {
            due_on,
            original_due_on: (due_on != original).then_some(original),
            received_on: r.plan_review_received_on,
            on_time: days_late.map(|d| d <= 0),
            days_late: days_late.map(|d| d.max(0)),
            revisit_on: r.revisit_on,
            revisit_letter_on: r.revisit_letter_on,
            revisit_letter_url: r.revisit_letter_url.clone(),
        }
    }
}

/// The Commissioner's statutory response (Police Act 1996, s55).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section55 {
    pub last_day: NaiveDate,
    pub response_published_on: Option<NaiveDate>,
    pub response_url: Option<String>,
    /// `None` while no response is published.
    pub on_time: Option<bool>,
    pub days_late: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: i64,
    pub reference: String,
    pub kind: FindingKind,
    pub area: String,
    /// The approved public summary; `None` until the office approves one.
    pub summary: Option<String>,
    /// Where the official wording is: the inspectorate's report.
    pub report_url: Option<String>,
    pub timescale: Timescale,
    pub due_on: Option<NaiveDate>,
    pub voices: Voices,
    #[serde(deserialize_with = "shrunk")]
    pub actions: Vec<Action>,
    #[serde(deserialize_with = "shrunk")]
    pub timeline: Vec<TimelineEntry>,
    /// The package item's national identifier, when loaded from a report package. Absent
    /// otherwise (and from older editions, which keep their bytes and hash).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id: Option<String>,
}

/// The three voices, side by side, never merged: labels and dates only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Voices {
    pub force_rag: Option<Rag>,
    pub force_as_at: Option<NaiveDate>,
    pub assurance: Option<Assurance>,
    pub assessed_on: Option<NaiveDate>,
    pub position: Option<InspectoratePosition>,
    pub position_as_at: Option<NaiveDate>,
    /// The reference of the finding that superseded this one.
    pub superseded_by: Option<String>,
    /// The inspectorate's judgement in its report's own words ("substantial progress"),
    /// beside the normalised position. Editions published before it was recorded have none:
    /// absent from their content, read as `None`, and never written when `None`, so their
    /// content (and its hash) reads back unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspectorate_words: Option<String>,
}

/// An action-plan item addressing a finding: its title and owner's role, never a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub owner_role: String,
    pub blocked_by: Option<String>,
    #[serde(deserialize_with = "shrunk")]
    pub milestones: Vec<Milestone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: i64,
    pub title: String,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub slip_count: u32,
    pub days_slipped: i64,
    pub state: MilestoneState,
    pub met_on: Option<NaiveDate>,
    /// The day it last changed: set, moved, met, or missed (the day after its date passed
    /// unmet). Absent from editions published before it was carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified_on: Option<NaiveDate>,
}

/// The day a milestone last changed (Open Contracting's `dateModified`): the latest of the day
/// it was set or last moved (`changed_on`), the day it was met, and – for a missed one – the
/// day its date passed.
pub fn milestone_modified_on(
    changed_on: NaiveDate,
    met_on: Option<NaiveDate>,
    state: MilestoneState,
    current_due_on: NaiveDate,
) -> NaiveDate {
    let missed = (state == MilestoneState::Missed)
        .then(|| current_due_on.succ_opt())
        .flatten();
    [Some(changed_on), met_on, missed]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(changed_on)
}

/// An approved progress update's public summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub update_id: i64,
    pub as_at: NaiveDate,
    pub rag: Rag,
    /// The action it reports on, if not the finding itself.
    pub action_reference: Option<String>,
    pub summary: String,
}

/// A meeting whose public summary was approved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: i64,
    pub kind: MeetingKind,
    pub starts_at: NaiveDateTime,
    pub title: String,
    pub summary: String,
}

/// A published edition's facts, apart from its content.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionMeta {
    pub number: i64,
    pub published_at: chrono::DateTime<chrono::Utc>,
    pub publisher_role: Role,
    /// The SHA-256 of the stored snapshot (see [`content_hash`]).
    pub sha256: String,
    pub note: Option<String>,
    /// The SHA-256 of the exact bytes of the published file `/data/editions/{n}.json`, which
    /// anyone can reproduce; `None` for an edition published before fingerprints were kept.
    pub fingerprint: Option<String>,
}

/// The audit chain's newest event when an edition was published: anyone holding the edition
/// can later ask whether the history it saw is still there, unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChainHead {
    /// 0 before the first event.
    pub event_id: i64,
    pub hash: String,
}

/// What a published edition file says about itself: its number and the chain head it saw
/// (absent from files published before chain heads were carried).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedFile {
    pub edition: i64,
    pub chain_head: Option<ChainHead>,
}

impl PublishedFile {
    /// Read an edition file's own account of itself.
    pub fn parse(bytes: &[u8]) -> Option<Self> {
        serde_json::from_slice(bytes).ok()
    }
}

/// How many findings stand at each value of a voice, in display order (absent = none yet).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    pub findings: usize,
    pub milestones: usize,
    pub milestones_met: usize,
    pub force: Vec<(Option<Rag>, usize)>,
    pub assurance: Vec<(Option<Assurance>, usize)>,
    pub position: Vec<(Option<InspectoratePosition>, usize)>,
}

fn tally<T: Copy + PartialEq>(
    all: &[T],
    values: impl Iterator<Item = Option<T>>,
) -> Vec<(Option<T>, usize)> {
    let values: Vec<Option<T>> = values.collect();
    let mut out: Vec<(Option<T>, usize)> = all
        .iter()
        .map(|v| (Some(*v), values.iter().filter(|x| **x == Some(*v)).count()))
        .collect();
    out.push((None, values.iter().filter(|x| x.is_none()).count()));
    out.retain(|(_, n)| *n > 0);
    out
}

impl Inspection {
    /// The report's source in the public's words; `None` in an edition published before
    /// sources were carried.
    pub fn report_source(&self) -> Option<ReportSource> {
        // Bodies' kinds were carried before sources, so a source always comes with one.
        self.source
            .map(|s| ReportSource::of(s, self.body_kind.unwrap_or(BodyKind::Other)))
    }

    /// The heading of the issuing body's voice on this report's findings (the generic one
    /// where the edition does not say who issued it).
    pub fn position_heading(&self) -> &'static str {
        self.report_source()
            .unwrap_or(ReportSource::Other)
            .position_heading()
    }

    /// Who issued the report, starting a sentence (the generic "The issuing body" where the
    /// edition does not say).
    pub fn issuer(&self) -> &'static str {
        self.report_source().unwrap_or(ReportSource::Other).issuer()
    }

    /// The overall progress of an inspection: its findings by each voice, and its milestones.
    pub fn counts(&self) -> Counts {
        let f = &self.findings;
        let milestones = self.milestones();
        Counts {
            findings: f.len(),
            milestones: milestones.len(),
            milestones_met: milestones
                .iter()
                .filter(|m| matches!(m.state, MilestoneState::Met | MilestoneState::MetLate))
                .count(),
            force: tally(Rag::ALL, f.iter().map(|x| x.voices.force_rag)),
            assurance: tally(Assurance::ALL, f.iter().map(|x| x.voices.assurance)),
            position: tally(
                InspectoratePosition::ALL,
                f.iter().map(|x| x.voices.position),
            ),
        }
    }

    /// Every distinct milestone of the actions addressing this inspection's findings.
    pub fn milestones(&self) -> Vec<&Milestone> {
        let mut seen = std::collections::BTreeMap::new();
        for m in self
            .findings
            .iter()
            .flat_map(|f| &f.actions)
            .flat_map(|a| &a.milestones)
        {
            seen.entry(m.id).or_insert(m);
        }
        seen.into_values().collect()
    }
}

impl Snapshot {
    /// The canonical text of the snapshot: what is stored, hashed and served.
    pub fn canonical_json(&self) -> String {
        // Serialising plain structs, Vecs, strings, numbers and dates cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn inspection(&self, id: i64) -> Option<&Inspection> {
        self.inspections.iter().find(|i| i.id == id)
    }

    /// The released response document of report `id` under rule `rule_id`, with its report.
    pub fn response(&self, id: i64, rule_id: i64) -> Option<(&Inspection, &ResponseDocument)> {
        let i = self.inspection(id)?;
        let r = i.responses.iter().find(|r| r.rule_id == rule_id)?;
        Some((i, &r.document))
    }

    /// Every published update once, newest first, with the findings it is shown under.
    pub fn updates(&self) -> Vec<(&TimelineEntry, Vec<(&Inspection, &Finding)>)> {
        type Shown<'a> = (&'a TimelineEntry, Vec<(&'a Inspection, &'a Finding)>);
        let mut by_id: std::collections::BTreeMap<i64, Shown<'_>> = Default::default();
        for i in &self.inspections {
            for f in &i.findings {
                for entry in &f.timeline {
                    by_id
                        .entry(entry.update_id)
                        .or_insert((entry, Vec::new()))
                        .1
                        .push((i, f));
                }
            }
        }
        let mut all: Vec<_> = by_id.into_values().collect();
        all.sort_by_key(|(u, _)| std::cmp::Reverse((u.as_at, u.update_id)));
        all
    }
}

/// The force's position on a finding as the public may know it, from the published updates
/// alone (newest first, as a finding's timeline is kept): the latest published update of each
/// action (and of the finding itself) counts, the worst of them is the position, and it is
/// "as at" the newest of them. `(None, None)` while nothing is published.
pub fn force_position(timeline: &[TimelineEntry]) -> (Option<Rag>, Option<NaiveDate>) {
    fn severity(rag: Rag) -> u8 {
        match rag {
            Rag::Red => 4,
            Rag::Amber => 3,
            Rag::Green => 2,
            Rag::Blue => 1,
        }
    }
    let mut latest: std::collections::BTreeMap<Option<&str>, &TimelineEntry> = Default::default();
    for entry in timeline {
        latest
            .entry(entry.action_reference.as_deref())
            .and_modify(|e| {
                if (entry.as_at, entry.update_id) > (e.as_at, e.update_id) {
                    *e = entry;
                }
            })
            .or_insert(entry);
    }
    let rag = latest.values().map(|e| e.rag).max_by_key(|r| severity(*r));
    let as_at = latest.values().map(|e| e.as_at).max();
    (rag, as_at)
}

/// The SHA-256 of an edition's stored content, in lowercase hex.
pub fn content_hash(content: &str) -> String {
    content_hash_bytes(content.as_bytes())
}

pub fn content_hash_bytes(content: &[u8]) -> String {
    hex::encode(Sha256::digest(content))
}

#[cfg(test)]
pub(crate) mod tests;
