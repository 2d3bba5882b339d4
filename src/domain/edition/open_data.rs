//! Open data for an edition: JSON with Open Contracting-shaped milestones, and CSV with one row
//! per finding and milestone, every cell safe to open in a spreadsheet.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::{ChainHead, EditionMeta, Finding, Inspection, Milestone, Snapshot};
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{
    BodyKind, FindingKind, InspectionKind, InspectoratePosition, MeetingKind, MilestoneState, Rag,
    Timescale,
};

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

/// A London wall-clock time (how meetings are kept) with its offset, e.g.
/// `2026-06-23T14:00:00+01:00`; a time the clocks skip is read an hour later.
pub fn london_time(at: NaiveDateTime) -> String {
    use chrono::TimeZone;
    let zoned = chrono_tz::Europe::London
        .from_local_datetime(&at)
        .earliest()
        .or_else(|| {
            chrono_tz::Europe::London
                .from_local_datetime(&(at + chrono::Duration::hours(1)))
                .earliest()
        });
    match zoned {
        Some(t) => t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        None => format!("{}Z", at.format("%Y-%m-%dT%H:%M:%S")),
    }
}

/// Where a row belongs, repeated on every row so each stands alone (in a spreadsheet, a
/// filtered list or a database table).
#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
pub struct Context<'a> {
    pub body: &'a str,
    /// `None` in an edition published before bodies' kinds were carried.
    pub body_kind: Option<BodyKind>,
    pub inspection_id: i64,
    pub inspection_title: &'a str,
    pub inspection_report_date: NaiveDate,
    /// Who issued the report ([`ReportSource`]'s token and label); `None` in an edition
    /// published before sources were carried.
    pub source: Option<ReportSource>,
    pub source_label: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding_reference: Option<&'a str>,
}

/// A milestone shaped like an Open Contracting milestone (`id`, `title`, `type`, `dueDate`,
/// `dateMet`, `dateModified`, `status`), with our own `state` beside its OCDS `status`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OcdsMilestone<'a> {
    /// The milestone's number, as text (OCDS ids are strings): the CSV's `milestone_id`.
    pub id: String,
    #[serde(flatten)]
    pub context: Context<'a>,
    pub action_id: i64,
    pub title: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub due_date: String,
    pub date_met: Option<String>,
    pub date_modified: Option<String>,
    pub status: &'static str,
    pub state: MilestoneState,
    pub original_due_date: String,
    pub slip_count: u32,
    pub days_slipped: i64,
}

pub fn ocds_milestone<'a>(
    context: Context<'a>,
    action_id: i64,
    m: &'a Milestone,
) -> OcdsMilestone<'a> {
    OcdsMilestone {
        id: m.id.to_string(),
        context,
        action_id,
        title: &m.title,
        kind: "delivery",
        due_date: date_time(m.current_due_on),
        date_met: m.met_on.map(date_time),
        date_modified: m.modified_on.map(date_time),
        status: ocds_status(m.state),
        state: m.state,
        original_due_date: date_time(m.original_due_on),
        slip_count: m.slip_count,
        days_slipped: m.days_slipped,
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
    /// Where the JSON Schema of this document is, relative to the site.
    schema: &'static str,
    edition: i64,
    published_at: String,
    /// When this edition's content last changed: its publication.
    date_modified: String,
    publisher_role: &'static str,
    sha256: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    chain_head: Option<&'a ChainHead>,
    note: Option<&'a str>,
    organisation: &'a str,
    as_at: NaiveDate,
    inspections: Vec<JsonInspection<'a>>,
    meetings: Vec<JsonMeeting<'a>>,
    planned_meetings: Vec<JsonPlannedMeeting<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonInspection<'a> {
    id: i64,
    title: &'a str,
    kind: InspectionKind,
    body: &'a str,
    body_kind: Option<BodyKind>,
    /// Who issued the report: [`ReportSource`]'s token (`hmicfrs_police`, `iopc`…) and label.
    source: Option<ReportSource>,
    source_label: Option<&'static str>,
    report_date: NaiveDate,
    report_url: Option<&'a str>,
    /// `None` where section 55 does not apply (not an HMICFRS report on a police force).
    section_55: Option<JsonSection55<'a>>,
    /// A fire and rescue service's cause of concern; `None` for every other report.
    plan_review: Option<JsonPlanReview<'a>>,
    /// The report's national identifier and its package's version, when it was loaded from
    /// a report package.
    national_id: Option<&'a str>,
    package_version: Option<u32>,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonPlanReview<'a> {
    due_on: NaiveDate,
    received_on: Option<NaiveDate>,
    on_time: Option<bool>,
    days_late: Option<i64>,
    revisit_on: Option<NaiveDate>,
    revisit_letter_on: Option<NaiveDate>,
    revisit_letter_url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonSection55<'a> {
    last_day: NaiveDate,
    response_published_on: Option<NaiveDate>,
    response_url: Option<&'a str>,
    on_time: Option<bool>,
    days_late: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonFinding<'a> {
    id: i64,
    #[serde(flatten)]
    context: Context<'a>,
    reference: &'a str,
    /// The package item's national identifier: the same in every office that loaded it.
    national_id: Option<&'a str>,
    kind: FindingKind,
    area: &'a str,
    summary: Option<&'a str>,
    report_url: Option<&'a str>,
    timescale: Timescale,
    due_on: Option<NaiveDate>,
    voices: JsonVoices<'a>,
    actions: Vec<JsonAction<'a>>,
    timeline: Vec<JsonUpdate<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonVoices<'a> {
    force_position: Option<Rag>,
    force_as_at: Option<NaiveDate>,
    /// The assurance level, or `not_yet_assessed` (as in the CSV).
    pcc_assurance: &'static str,
    assessed_on: Option<NaiveDate>,
    inspectorate_position: Option<InspectoratePosition>,
    position_as_at: Option<NaiveDate>,
    superseded_by: Option<&'a str>,
    /// The inspectorate's judgement in its report's own words.
    inspectorate_words: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonAction<'a> {
    id: i64,
    #[serde(flatten)]
    context: Context<'a>,
    reference: &'a str,
    title: &'a str,
    owner_role: &'a str,
    blocked_by: Option<&'a str>,
    milestones: Vec<OcdsMilestone<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonUpdate<'a> {
    update_id: i64,
    #[serde(flatten)]
    context: Context<'a>,
    as_at: NaiveDate,
    rag: Rag,
    action_reference: Option<&'a str>,
    summary: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonMeeting<'a> {
    id: i64,
    kind: MeetingKind,
    starts_at: String,
    title: &'a str,
    summary: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonPlannedMeeting<'a> {
    id: i64,
    kind: MeetingKind,
    starts_at: String,
    title: &'a str,
    location: &'a str,
}

/// The PCC assurance of a finding not yet assessed, in the JSON and the CSV.
pub const NOT_YET_ASSESSED: &str = "not_yet_assessed";

/// Where the JSON Schema of an edition's JSON is served, and the schema itself.
pub const SCHEMA_PATH: &str = "/data/schema/edition.json";
pub const SCHEMA: &str = include_str!("edition.schema.json");

fn context<'a>(i: &'a Inspection, f: Option<&'a Finding>) -> Context<'a> {
    Context {
        body: &i.body_name,
        body_kind: i.body_kind,
        inspection_id: i.id,
        inspection_title: &i.title,
        inspection_report_date: i.published_on,
        source: i.report_source(),
        source_label: i.report_source().map(ReportSource::label),
        finding_id: f.map(|f| f.id),
        finding_reference: f.map(|f| f.reference.as_str()),
    }
}

fn json_finding<'a>(i: &'a Inspection, f: &'a Finding) -> JsonFinding<'a> {
    let here = || context(i, Some(f));
    JsonFinding {
        id: f.id,
        context: context(i, None),
        reference: &f.reference,
        national_id: f.national_id.as_deref(),
        kind: f.kind,
        area: &f.area,
        summary: f.summary.as_deref(),
        report_url: f.report_url.as_deref(),
        timescale: f.timescale,
        due_on: f.due_on,
        voices: JsonVoices {
            force_position: f.voices.force_rag,
            force_as_at: f.voices.force_as_at,
            pcc_assurance: f.voices.assurance.map_or(NOT_YET_ASSESSED, |a| a.as_str()),
            assessed_on: f.voices.assessed_on,
            inspectorate_position: f.voices.position,
            position_as_at: f.voices.position_as_at,
            superseded_by: f.voices.superseded_by.as_deref(),
            inspectorate_words: f.voices.inspectorate_words.as_deref(),
        },
        actions: f
            .actions
            .iter()
            .map(|a| JsonAction {
                id: a.id,
                context: here(),
                reference: &a.reference,
                title: &a.title,
                owner_role: &a.owner_role,
                blocked_by: a.blocked_by.as_deref(),
                milestones: a
                    .milestones
                    .iter()
                    .map(|m| ocds_milestone(here(), a.id, m))
                    .collect(),
            })
            .collect(),
        timeline: f
            .timeline
            .iter()
            .map(|u| JsonUpdate {
                update_id: u.update_id,
                context: here(),
                as_at: u.as_at,
                rag: u.rag,
                action_reference: u.action_reference.as_deref(),
                summary: &u.summary,
            })
            .collect(),
    }
}

/// The JSON document for an edition: the snapshot, every key in camelCase, every row naming
/// its body, inspection and finding, milestones shaped like Open Contracting milestones,
/// under the licence, and the audit chain's head when it was published. Rendered once, when
/// the edition is published, and stored: the fingerprint is the SHA-256 of these bytes.
/// (Editions published before that have no chain head and are rendered on request; editions
/// stored in an earlier shape are served as they were stored.)
pub fn json(meta: &EditionMeta, chain_head: Option<&ChainHead>, s: &Snapshot) -> String {
    let published_at = meta.published_at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let doc = Document {
        licence: Licence {
            name: LICENCE_NAME,
            url: LICENCE_URL,
        },
        schema: SCHEMA_PATH,
        edition: meta.number,
        date_modified: published_at.clone(),
        published_at,
        publisher_role: meta.publisher_role.as_str(),
        sha256: &meta.sha256,
        chain_head,
        note: meta.note.as_deref(),
        organisation: &s.organisation,
        as_at: s.as_at,
        inspections: s
            .inspections
            .iter()
            .map(|i| JsonInspection {
                id: i.id,
                title: &i.title,
                kind: i.kind,
                body: &i.body_name,
                body_kind: i.body_kind,
                source: i.report_source(),
                source_label: i.report_source().map(ReportSource::label),
                report_date: i.published_on,
                report_url: i.report_url.as_deref(),
                section_55: i.section_55.as_ref().map(|s| JsonSection55 {
                    last_day: s.last_day,
                    response_published_on: s.response_published_on,
                    response_url: s.response_url.as_deref(),
                    on_time: s.on_time,
                    days_late: s.days_late,
                }),
                plan_review: i.plan_review.as_ref().map(|r| JsonPlanReview {
                    due_on: r.due_on,
                    received_on: r.received_on,
                    on_time: r.on_time,
                    days_late: r.days_late,
                    revisit_on: r.revisit_on,
                    revisit_letter_on: r.revisit_letter_on,
                    revisit_letter_url: r.revisit_letter_url.as_deref(),
                }),
                national_id: i.national_id.as_deref(),
                package_version: i.package_version,
                findings: i.findings.iter().map(|f| json_finding(i, f)).collect(),
            })
            .collect(),
        meetings: s
            .meetings
            .iter()
            .map(|m| JsonMeeting {
                id: m.id,
                kind: m.kind,
                starts_at: london_time(m.starts_at),
                title: &m.title,
                summary: &m.summary,
            })
            .collect(),
        planned_meetings: s
            .planned_meetings
            .iter()
            .map(|m| JsonPlannedMeeting {
                id: m.id,
                kind: m.kind,
                starts_at: london_time(m.starts_at),
                title: &m.title,
                location: &m.location,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

pub const CSV_HEADER: [&str; 34] = [
    "edition",
    "body",
    "body_kind",
    "inspection_id",
    "inspection_title",
    "inspection_report_date",
    "source",
    "source_label",
    "finding_id",
    "finding_kind",
    "finding_reference",
    "area",
    "public_summary",
    "timescale",
    "due_date",
    "force_position",
    "force_as_at",
    "pcc_assurance",
    "inspectorate_position",
    "inspectorate_words",
    "action_id",
    "action_reference",
    "action_title",
    "owner_role",
    "milestone_id",
    "milestone_title",
    "original_due_date",
    "current_due_date",
    "date_met",
    "date_modified",
    "milestone_state",
    "milestone_status",
    "national_report_id",
    "national_id",
];

/// What each CSV column holds, in the header's order (the data dictionary shows them).
pub const CSV_DESCRIPTIONS: [&str; 34] = [
    "The edition's number.",
    "The organisation inspected.",
    "What kind of body it is: police_force, fire_and_rescue_service or other (empty in editions published before kinds were carried).",
    "The inspection's id (the JSON's inspections[].id).",
    "The inspection report's title.",
    "The day the report was published (YYYY-MM-DD).",
    "Who issued the report: hmicfrs_police, hmicfrs_fire, hmicfrs_other, iopc, coroner, internal_audit, inquiry, super_complaint, peer_review or other (empty in editions published before sources were carried).",
    "The source in words, e.g. IOPC learning recommendation or Prevention of future deaths report.",
    "The finding's id (the JSON's findings[].id).",
    "recommendation, cause_of_concern or area_for_improvement.",
    "Its reference in the report, e.g. R1 or AFI3.",
    "The area of work it concerns.",
    "The approved public summary (empty until one is approved).",
    "The timescale the report gave.",
    "When it is due, from that timescale (YYYY-MM-DD).",
    "The force's rating from its latest published updates: green, amber, red or blue.",
    "The date of the latest published update that rating comes from.",
    "The Commissioner's assurance: substantial, reasonable, limited, none or not_yet_assessed.",
    "The inspectorate's position on the finding.",
    "The inspectorate's judgement in its report's own words, e.g. substantial progress (empty when not recorded).",
    "The action-plan item's id (empty when the finding has no milestones).",
    "The action-plan item's reference.",
    "What the force will do.",
    "The role that owns the action (never a person's name).",
    "The milestone's id (the JSON's milestones[].id).",
    "What is to be delivered.",
    "The date first agreed (YYYY-MM-DD).",
    "The date it is now due (YYYY-MM-DD).",
    "The date it was met, if it was.",
    "The date it last changed: set, moved, met, or missed (the day after its date passed).",
    "Our state: scheduled, met, met_late or missed.",
    "The Open Contracting status: scheduled, met (on time or late) or notMet.",
    "The report's national identifier, when it was loaded from a report package (the same in every office that loaded it).",
    "The finding's national identifier: the package item it was loaded from, the same in every office (empty when entered by hand).",
];

/// The UTF-8 byte-order mark that opens every CSV: without it Excel and LibreOffice's default
/// import read the file as Windows-1252 and turn "–" into "â€“".
pub const BOM: &str = "\u{feff}";

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
/// has one row with the action and milestone columns empty). Every row names its body,
/// inspection and finding; ids are the JSON's.
pub fn csv(meta: &EditionMeta, s: &Snapshot) -> String {
    let mut out = String::from(BOM);
    out.push_str(&row(&CSV_HEADER.map(String::from)));
    let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for i in &s.inspections {
        let source = i.report_source();
        for f in &i.findings {
            let finding = [
                meta.number.to_string(),
                i.body_name.clone(),
                i.body_kind
                    .map(|k| k.as_str().to_string())
                    .unwrap_or_default(),
                i.id.to_string(),
                i.title.clone(),
                i.published_on.to_string(),
                source.map_or("", ReportSource::as_str).into(),
                source.map_or("", ReportSource::label).into(),
                f.id.to_string(),
                f.kind.as_str().into(),
                f.reference.clone(),
                f.area.clone(),
                f.summary.clone().unwrap_or_default(),
                f.timescale.as_str().into(),
                opt(f.due_on),
                f.voices.force_rag.map(|r| r.as_str()).unwrap_or("").into(),
                opt(f.voices.force_as_at),
                f.voices
                    .assurance
                    .map_or(NOT_YET_ASSESSED, |a| a.as_str())
                    .into(),
                f.voices.position.map(|p| p.as_str()).unwrap_or("").into(),
                f.voices.inspectorate_words.clone().unwrap_or_default(),
            ];
            let national = [
                i.national_id.clone().unwrap_or_default(),
                f.national_id.clone().unwrap_or_default(),
            ];
            let mut any = false;
            for a in &f.actions {
                for m in &a.milestones {
                    any = true;
                    let mut cells = finding.to_vec();
                    cells.extend([
                        a.id.to_string(),
                        a.reference.clone(),
                        a.title.clone(),
                        a.owner_role.clone(),
                        m.id.to_string(),
                        m.title.clone(),
                        m.original_due_on.to_string(),
                        m.current_due_on.to_string(),
                        opt(m.met_on),
                        opt(m.modified_on),
                        m.state.as_str().into(),
                        ocds_status(m.state).into(),
                    ]);
                    cells.extend(national.clone());
                    out.push_str(&row(&cells));
                }
            }
            if !any {
                let mut cells = finding.to_vec();
                cells.resize(CSV_HEADER.len() - national.len(), String::new());
                cells.extend(national);
                out.push_str(&row(&cells));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meeting_times_carry_london_offsets_summer_and_winter() {
        let at = |s: &str| s.parse::<NaiveDateTime>().unwrap();
        assert_eq!(
            london_time(at("2026-06-23T14:00:00")),
            "2026-06-23T14:00:00+01:00"
        );
        assert_eq!(
            london_time(at("2026-01-13T10:00:00")),
            "2026-01-13T10:00:00+00:00"
        );
        // 01:30 on the day the clocks go forward does not exist: an hour later.
        assert_eq!(
            london_time(at("2026-03-29T01:30:00")),
            "2026-03-29T02:30:00+01:00"
        );
    }

    #[test]
    fn the_csv_starts_with_a_byte_order_mark_and_every_row_has_every_column() {
        let header = row(&CSV_HEADER.map(String::from));
        assert_eq!(header.matches(',').count() + 1, CSV_HEADER.len());
        assert!(BOM.as_bytes() == [0xef, 0xbb, 0xbf]);
    }
}
