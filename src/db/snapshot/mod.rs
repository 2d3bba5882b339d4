//! Loading the snapshot an edition would publish: only inspections marked ready for
//! publication (what hangs from any other never reaches a snapshot: `assemble` attaches
//! findings to inspections, actions and updates to findings, milestones to actions), only
//! approved public summaries, labels and dates – never narrative, minutes, evidence, rationale
//! or names – save what the office released as public: a response document, frozen as it
//! stands. Ten queries in all, fifteen once any response document is released.

use chrono::{NaiveDate, NaiveDateTime};
use sqlx::SqliteConnection;

mod assemble;

use assemble::{Rows, assemble};

use super::voices::{self, Scope};
use super::withdrawals::{action_live, finding_live, inspection_live, milestone_live};
use crate::domain::edition::Snapshot;
use crate::domain::regimes::{Applies, FireReview};
use crate::domain::vocab::{
    BodyKind, FindingKind, InspectionKind, MeetingKind, Rag, Source, Timescale,
};

#[derive(sqlx::FromRow)]
struct InspectionRow {
    id: i64,
    title: String,
    kind: InspectionKind,
    body_name: String,
    body_id: i64,
    body_kind: BodyKind,
    published_on: NaiveDate,
    report_url: Option<String>,
    response_published_on: Option<NaiveDate>,
    response_url: Option<String>,
    source: Source,
    has_cause_of_concern: bool,
    #[sqlx(flatten)]
    applies: Applies,
    #[sqlx(flatten)]
    fire: FireReview,
    plan_review_extended_to: Option<NaiveDate>,
    national_id: Option<String>,
    package_version: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct EditionFindingRow {
    id: i64,
    inspection_id: i64,
    reference: String,
    kind: FindingKind,
    area: String,
    summary: Option<String>,
    timescale: Timescale,
    timescale_date: Option<NaiveDate>,
    national_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EditionActionRow {
    finding_id: i64,
    id: i64,
    reference: String,
    title: String,
    owner_role: String,
    blocked_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EditionMilestoneRow {
    id: i64,
    action_id: i64,
    title: String,
    original_due_on: NaiveDate,
    current_due_on: NaiveDate,
    met_on: Option<NaiveDate>,
    /// The day it was set or last moved.
    changed_on: NaiveDate,
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

#[derive(sqlx::FromRow)]
struct PlannedMeetingRow {
    id: i64,
    kind: MeetingKind,
    starts_at: NaiveDateTime,
    title: String,
    location: String,
}

/// The snapshot of the record as it stands, as at `today`.
pub async fn load(
    conn: &mut SqliteConnection,
    organisation: &str,
    today: NaiveDate,
) -> Result<Snapshot, sqlx::Error> {
    // Withdrawn records, and what hangs under them, are not published.
    let inspections: Vec<InspectionRow> = sqlx::query_as(&format!(
        "select i.id, i.title, i.kind, b.name as body_name, b.id as body_id, i.published_on,
                i.report_url, i.response_published_on, i.response_url, i.source,
                b.kind as body_kind,
                exists (select 1 from findings c
                        where c.inspection_id = i.id and c.kind = 'cause_of_concern'
                          and c.withdrawn_on is null)
                    as has_cause_of_concern,
                i.follows_up_id is not null as follows_up, i.section_55_applies,
                i.action_plan_applies,
                i.plan_review_received_on, i.revisit_on, i.revisit_letter_on,
                i.revisit_letter_url, i.national_id, i.package_version, {}
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         where i.ready_for_publication_at is not null
           and {}
         order by i.published_on desc, i.id desc",
        super::clocks::plan_review_extended_to(None),
        inspection_live("i")
    ))
    .fetch_all(&mut *conn)
    .await?;
    let findings: Vec<EditionFindingRow> = sqlx::query_as(&format!(
        "select f.id, f.inspection_id, f.reference, f.kind, f.area,
                case when f.summary_approved_at is not null then f.public_summary end as summary,
                case when f.timescale_not_stated = 1 then 'not_stated' else f.timescale end
                    as timescale,
                f.timescale_date, f.national_id
         from findings f
         join inspections i on i.id = f.inspection_id
         where i.ready_for_publication_at is not null
           and {}
         order by f.inspection_id, length(f.reference), f.reference, f.id",
        finding_live("f")
    ))
    .fetch_all(&mut *conn)
    .await?;
    let voices = voices::list(&mut *conn, Scope::All, today).await?;
    let actions: Vec<EditionActionRow> = sqlx::query_as(&format!(
        "select af.finding_id, a.id, a.reference, a.title, a.owner_role, a.blocked_by
         from action_findings af
         join action_items a on a.id = af.action_id
         where {}
         order by af.finding_id, length(a.reference), a.reference, a.id",
        action_live("a")
    ))
    .fetch_all(&mut *conn)
    .await?;
    let milestones: Vec<EditionMilestoneRow> = sqlx::query_as(&format!(
        "select m.id, m.action_id, m.title, m.original_due_on, m.current_due_on, m.met_on,
                max(date(m.created_at),
                    coalesce((select max(date(r.accepted_at)) from milestone_revisions r
                              where r.milestone_id = m.id), '')) as changed_on
         from milestones m
         where {}
         order by m.action_id, m.original_due_on, m.id",
        milestone_live("m")
    ))
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
    let updates: Vec<UpdateRow> = sqlx::query_as(&format!(
        "select u.id, coalesce(u.finding_id, af.finding_id) as finding_id,
                a.reference as action_reference, u.as_at, u.rag, u.public_summary as summary
         from progress_updates u
         join update_approvals ap on ap.update_id = u.id
         left join action_items a on a.id = u.action_id
         left join action_findings af on af.action_id = u.action_id
         where u.public_summary is not null
           and trim(u.public_summary) <> ''
           and not exists (select 1 from progress_updates c where c.corrects_id = u.id)
           and (u.action_id is null or {})
         order by finding_id, u.as_at desc, u.id desc",
        action_live("a")
    ))
    .fetch_all(&mut *conn)
    .await?;
    let meetings: Vec<MeetingRow> = sqlx::query_as(
        "select id, kind, starts_at, title, public_summary as summary
         from meetings
         where withdrawn_on is null
           and summary_approved_at is not null
           and public_summary is not null
           and trim(public_summary) <> ''
         order by starts_at desc, id desc",
    )
    .fetch_all(&mut *conn)
    .await?;
    // Only the kinds held in public are announced (`MeetingKind::held_in_public`).
    let planned_meetings: Vec<PlannedMeetingRow> = sqlx::query_as(
        "select id, kind, starts_at, title, location
         from meetings
         where status = 'planned'
           and withdrawn_on is null
           and kind in ('public_accountability_meeting', 'police_and_crime_panel')
         order by starts_at, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let responses = super::response_documents::released(&mut *conn, organisation, today).await?;
    let files = super::evidence::released(&mut *conn).await?;
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
            planned_meetings,
            responses,
            files,
        },
    ))
}
