//! Loading the snapshot an edition would publish: only approved public summaries, labels and
//! dates – never narrative, minutes, evidence, rationale or names. Eight queries in all.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::SqliteConnection;

use super::voices::{self, Scope, VoicesRow};
use crate::domain::dates;
use crate::domain::edition::{
    Action, Finding, Inspection, Meeting, Milestone, Section55, Snapshot, TimelineEntry, Voices,
};
use crate::domain::vocab::{FindingKind, InspectionKind, MeetingKind, Rag, Timescale};

#[derive(sqlx::FromRow)]
struct InspectionRow {
    id: i64,
    title: String,
    kind: InspectionKind,
    body_name: String,
    published_on: NaiveDate,
    report_url: Option<String>,
    response_published_on: Option<NaiveDate>,
    response_url: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FindingRow {
    id: i64,
    inspection_id: i64,
    reference: String,
    kind: FindingKind,
    area: String,
    summary: Option<String>,
    timescale: Timescale,
    timescale_date: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct ActionRow {
    finding_id: i64,
    id: i64,
    reference: String,
    title: String,
    owner_role: String,
    blocked_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct MilestoneRow {
    id: i64,
    action_id: i64,
    title: String,
    original_due_on: NaiveDate,
    current_due_on: NaiveDate,
    met_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct UpdateRow {
    id: i64,
    finding_id: i64,
    action_reference: Option<String>,
    as_at: NaiveDate,
    rag: Rag,
    summary: String,
}

#[derive(sqlx::FromRow)]
struct MeetingRow {
    id: i64,
    kind: MeetingKind,
    starts_at: NaiveDateTime,
    title: String,
    summary: String,
}

/// The snapshot of the record as it stands, as at `today`.
pub async fn load(
    conn: &mut SqliteConnection,
    organisation: &str,
    today: NaiveDate,
) -> Result<Snapshot, sqlx::Error> {
    let inspections: Vec<InspectionRow> = sqlx::query_as(
        "select i.id, i.title, i.kind, b.name as body_name, i.published_on, i.report_url,
                i.response_published_on, i.response_url
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         order by i.published_on desc, i.id desc",
    )
    .fetch_all(&mut *conn)
    .await?;
    let findings: Vec<FindingRow> = sqlx::query_as(
        "select id, inspection_id, reference, kind, area,
                case when summary_approved_at is not null then public_summary end as summary,
                timescale, timescale_date
         from findings
         order by inspection_id, length(reference), reference, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let voices = voices::list(&mut *conn, Scope::All, today).await?;
    let actions: Vec<ActionRow> = sqlx::query_as(
        "select af.finding_id, a.id, a.reference, a.title, a.owner_role, a.blocked_by
         from action_findings af
         join action_items a on a.id = af.action_id
         order by af.finding_id, length(a.reference), a.reference, a.id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let milestones: Vec<MilestoneRow> = sqlx::query_as(
        "select id, action_id, title, original_due_on, current_due_on, met_on
         from milestones
         order by action_id, original_due_on, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let revisions: Vec<(i64, NaiveDate, NaiveDate)> = sqlx::query_as(
        "select milestone_id, previous_due_on, new_due_on
         from milestone_revisions
         order by milestone_id, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    // An approved update that a later update corrects is no longer the record.
    let updates: Vec<UpdateRow> = sqlx::query_as(
        "select u.id, coalesce(u.finding_id, af.finding_id) as finding_id,
                a.reference as action_reference, u.as_at, u.rag, u.public_summary as summary
         from progress_updates u
         join update_approvals ap on ap.update_id = u.id
         left join action_items a on a.id = u.action_id
         left join action_findings af on af.action_id = u.action_id
         where u.public_summary is not null
           and trim(u.public_summary) <> ''
           and not exists (select 1 from progress_updates c where c.corrects_id = u.id)
         order by finding_id, u.as_at desc, u.id desc",
    )
    .fetch_all(&mut *conn)
    .await?;
    let meetings: Vec<MeetingRow> = sqlx::query_as(
        "select id, kind, starts_at, title, public_summary as summary
         from meetings
         where summary_approved_at is not null
           and public_summary is not null
           and trim(public_summary) <> ''
         order by starts_at desc, id desc",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(assemble(
        organisation,
        today,
        Rows {
            inspections,
            findings,
            voices,
            actions,
            milestones,
            revisions,
            updates,
            meetings,
        },
    ))
}

struct Rows {
    inspections: Vec<InspectionRow>,
    findings: Vec<FindingRow>,
    voices: Vec<VoicesRow>,
    actions: Vec<ActionRow>,
    milestones: Vec<MilestoneRow>,
    revisions: Vec<(i64, NaiveDate, NaiveDate)>,
    updates: Vec<UpdateRow>,
    meetings: Vec<MeetingRow>,
}

fn group<K: std::hash::Hash + Eq, T>(rows: Vec<T>, key: impl Fn(&T) -> K) -> HashMap<K, Vec<T>> {
    let mut map: HashMap<K, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

fn assemble(organisation: &str, today: NaiveDate, rows: Rows) -> Snapshot {
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
                    Milestone {
                        id: m.id,
                        title: m.title,
                        original_due_on: m.original_due_on,
                        current_due_on: m.current_due_on,
                        slip_count: slips.count,
                        days_slipped: slips.days,
                        state: dates::milestone_state(m.current_due_on, m.met_on, today),
                        met_on: m.met_on,
                    }
                })
                .collect();
            (action, ms)
        })
        .collect();
    let mut actions = group(rows.actions, |a| a.finding_id);
    let mut updates = group(rows.updates, |u| u.finding_id);
    let mut findings = group(rows.findings, |f| f.inspection_id);
    let inspections = rows
        .inspections
        .into_iter()
        .map(|i| {
            let last_day = dates::section_55_last_day(i.published_on);
            let days_late = i
                .response_published_on
                .map(|r| dates::days_between(last_day, r));
            let findings = findings
                .remove(&i.id)
                .unwrap_or_default()
                .into_iter()
                .map(|f| {
                    let v = voices.get(&f.id);
                    Finding {
                        voices: Voices {
                            force_rag: v.and_then(|v| v.force_rag),
                            force_as_at: v.and_then(|v| v.force_as_at),
                            assurance: v.and_then(|v| v.assurance),
                            assessed_on: v.and_then(|v| v.assessed_on),
                            position: v.and_then(|v| v.position),
                            position_as_at: v.and_then(|v| v.position_as_at),
                            superseded_by: v
                                .and_then(|v| v.superseded_by_id)
                                .and_then(|id| references.get(&id).cloned()),
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
                        timeline: updates
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
                            .collect(),
                        due_on: dates::timescale_due(f.timescale, f.timescale_date, i.published_on),
                        report_url: i.report_url.clone(),
                        id: f.id,
                        reference: f.reference,
                        kind: f.kind,
                        area: f.area,
                        summary: f.summary.filter(|s| !s.trim().is_empty()),
                        timescale: f.timescale,
                    }
                })
                .collect();
            Inspection {
                section_55: Section55 {
                    last_day,
                    response_published_on: i.response_published_on,
                    response_url: i.response_url,
                    on_time: days_late.map(|d| d <= 0),
                    days_late: days_late.map(|d| d.max(0)),
                },
                id: i.id,
                title: i.title,
                kind: i.kind,
                body_name: i.body_name,
                published_on: i.published_on,
                report_url: i.report_url,
                findings,
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
    Snapshot {
        organisation: organisation.to_string(),
        as_at: today,
        inspections,
        meetings,
    }
}
