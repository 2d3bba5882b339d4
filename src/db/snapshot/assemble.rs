//! Building the snapshot from its rows: grouping in Rust, slips and milestone states from the
//! domain rules, only approved summaries.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    EditionActionRow, EditionFindingRow, EditionMilestoneRow, InspectionRow, MeetingRow,
    PlannedMeetingRow, UpdateRow,
};
use crate::db::voices::VoicesRow;
use crate::domain::dates;
use crate::domain::edition::{
    Action, Finding, Inspection, Meeting, Milestone, PlanReview, PlannedMeeting, PublishedResponse,
    Section55, Snapshot, TimelineEntry, Voices, force_position, milestone_modified_on,
};
use crate::domain::regimes::Regime;

pub(super) struct Rows {
    pub inspections: Vec<InspectionRow>,
    pub findings: Vec<EditionFindingRow>,
    pub voices: Vec<VoicesRow>,
    pub actions: Vec<EditionActionRow>,
    pub milestones: Vec<EditionMilestoneRow>,
    pub revisions: Vec<(i64, NaiveDate, NaiveDate)>,
    pub updates: Vec<UpdateRow>,
    pub meetings: Vec<MeetingRow>,
    pub planned_meetings: Vec<PlannedMeetingRow>,
    pub responses: HashMap<i64, Vec<PublishedResponse>>,
    /// The files released to the public site, by inspection.
    pub files: HashMap<i64, Vec<crate::domain::edition::ReleasedFile>>,
}

fn group<K: std::hash::Hash + Eq, T>(rows: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, Vec<T>> {
    let mut map: HashMap<K, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

pub(super) fn assemble(organisation: &str, today: NaiveDate, rows: Rows) -> Snapshot {
    let references: HashMap<i64, String> = rows
        .findings
        .iter()
        .map(|f| (f.id, f.reference.clone()))
        .collect();
    let voices: HashMap<i64, VoicesRow> =
        rows.voices.into_iter().map(|v| (v.finding_id, v)).collect();
    let revisions = group(rows.revisions, |r| r.0);
    let milestones: HashMap<i64, Vec<Milestone>> = group(rows.milestones, |m| m.action_id)
        .into_iter()
        .map(|(action, ms)| {
            let ms = ms
                .into_iter()
                .map(|m| {
                    let moves: Vec<(NaiveDate, NaiveDate)> = revisions
                        .get(&m.id)
                        .map(|r| r.iter().map(|(_, a, b)| (*a, *b)).collect())
                        .unwrap_or_default();
                    let slips = dates::slips(m.original_due_on, &moves);
                    let state = dates::milestone_state(m.current_due_on, m.met_on, today);
                    Milestone {
                        id: m.id,
                        title: m.title,
                        original_due_on: m.original_due_on,
                        current_due_on: m.current_due_on,
                        slip_count: slips.count,
                        days_slipped: slips.days,
                        state,
                        met_on: m.met_on,
                        modified_on: Some(milestone_modified_on(
                            m.changed_on,
                            m.met_on,
                            state,
                            m.current_due_on,
                        )),
                    }
                })
                .collect();
            (action, ms)
        })
        .collect();
    let mut actions = group(rows.actions, |a| a.finding_id);
    let mut updates = group(rows.updates, |u| u.finding_id);
    let mut findings = group(rows.findings, |f| f.inspection_id);
    let mut responses = rows.responses;
    let mut files = rows.files;
    let inspections = rows
        .inspections
        .into_iter()
        .map(|i| {
            let regime =
                Regime::of(i.source, i.body_kind, i.has_cause_of_concern).applying(&i.applies);
            let findings = findings
                .remove(&i.id)
                .unwrap_or_default()
                .into_iter()
                .map(|f| {
                    let v = voices.get(&f.id);
                    let timeline: Vec<TimelineEntry> = updates
                        .remove(&f.id)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|u| TimelineEntry {
                            update_id: u.id,
                            as_at: u.as_at,
                            rag: u.rag,
                            action_reference: u.action_reference,
                            summary: u.summary,
                        })
                        .collect();
                    // The public sees the force's position as its published updates give it,
                    // dated by the latest of them – never by an update it cannot read.
                    let (force_rag, force_as_at) = force_position(&timeline);
                    Finding {
                        voices: Voices {
                            force_rag,
                            force_as_at,
                            assurance: v.and_then(|v| v.assurance),
                            assessed_on: v.and_then(|v| v.assessed_on),
                            position: v.and_then(|v| v.position),
                            position_as_at: v.and_then(|v| v.position_as_at),
                            superseded_by: v
                                .and_then(|v| v.superseded_by_id)
                                .and_then(|id| references.get(&id).cloned()),
                            inspectorate_words: v.and_then(|v| v.position_words.clone()),
                        },
                        actions: actions
                            .remove(&f.id)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|a| Action {
                                milestones: milestones.get(&a.id).cloned().unwrap_or_default(),
                                id: a.id,
                                reference: a.reference,
                                title: a.title,
                                owner_role: a.owner_role,
                                blocked_by: a.blocked_by,
                            })
                            .collect(),
                        timeline,
                        due_on: dates::timescale_due(f.timescale, f.timescale_date, i.published_on),
                        report_url: i.report_url.clone(),
                        id: f.id,
                        reference: f.reference,
                        kind: f.kind,
                        area: f.area,
                        summary: f.summary.filter(|s| !s.trim().is_empty()),
                        timescale: f.timescale,
                        national_id: f.national_id,
                    }
                })
                .collect();
            Inspection {
                section_55: regime.is_section_55().then(|| {
                    let last_day = dates::section_55_last_day(i.published_on);
                    let days_late = i
                        .response_published_on
                        .map(|r| dates::days_between(last_day, r));
                    Section55 {
                        last_day,
                        response_published_on: i.response_published_on,
                        response_url: i.response_url.clone(),
                        on_time: days_late.map(|d| d <= 0),
                        days_late: days_late.map(|d| d.max(0)),
                    }
                }),
                plan_review: regime
                    .is_fire()
                    .then(|| PlanReview::of(i.published_on, &i.fire, i.plan_review_extended_to)),
                id: i.id,
                title: i.title,
                kind: i.kind,
                body_name: i.body_name,
                body_id: Some(i.body_id),
                body_kind: Some(i.body_kind),
                source: Some(i.source),
                published_on: i.published_on,
                report_url: i.report_url,
                findings,
                responses: responses.remove(&i.id).unwrap_or_default(),
                national_id: i.national_id,
                package_version: i.package_version,
                files: files.remove(&i.id).unwrap_or_default(),
            }
        })
        .collect();
    let meetings = rows
        .meetings
        .into_iter()
        .map(|m| Meeting {
            id: m.id,
            kind: m.kind,
            starts_at: m.starts_at,
            title: m.title,
            summary: m.summary,
        })
        .collect();
    let planned_meetings = rows
        .planned_meetings
        .into_iter()
        .filter(|m| m.kind.held_in_public() && m.starts_at.date() >= today)
        .map(|m| PlannedMeeting {
            id: m.id,
            kind: m.kind,
            starts_at: m.starts_at,
            title: m.title,
            location: m.location,
        })
        .collect();
    Snapshot {
        organisation: organisation.to_string(),
        as_at: today,
        inspections,
        meetings,
        planned_meetings,
    }
}
