//! Loading the record a meeting pack is computed from (a fixed number of queries), and
//! saved packs of record (immutable).

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqliteExecutor, SqlitePool};

use crate::domain::packs::PackInput;

/// Everything `domain::packs::compute` needs, except the dates the caller fills in.
pub async fn load_record(db: &SqlitePool, meeting_id: i64) -> Result<PackInput, sqlx::Error> {
    Ok(PackInput {
        milestones: sqlx::query_as(
            "select m.id, m.action_id, a.reference as action_reference, m.title,
                    m.original_due_on, m.current_due_on, m.met_on
             from milestones m
             join action_items a on a.id = m.action_id
             order by m.current_due_on, m.id",
        )
        .fetch_all(db)
        .await?,
        revisions: sqlx::query_as(
            "select milestone_id, previous_due_on, new_due_on, reason_category, reason, accepted_at
             from milestone_revisions
             order by accepted_at, id",
        )
        .fetch_all(db)
        .await?,
        actions: sqlx::query_as(
            "select id, reference, title
             from action_items
             order by length(reference), reference",
        )
        .fetch_all(db)
        .await?,
        updates: sqlx::query_as(
            "select action_id, finding_id, as_at, rag, entered_at
             from progress_updates
             order by as_at, id",
        )
        .fetch_all(db)
        .await?,
        arising: sqlx::query_as(
            "select id, description, owner, due_on, status
             from actions_arising
             where status <> 'closed'
             order by due_on, id",
        )
        .fetch_all(db)
        .await?,
        requests: sqlx::query_as(
            "select r.id, r.action_id, r.finding_id,
                    coalesce(a.reference, 'finding ' || f.reference, '') as label, r.requested_at
             from update_requests r
             left join action_items a on a.id = r.action_id
             left join findings f on f.id = r.finding_id
             where r.meeting_id = ?
             order by r.id",
        )
        .bind(meeting_id)
        .fetch_all(db)
        .await?,
        assessments: sqlx::query_as(
            "select s.id, s.finding_id,
                    case when f.kind = 'recommendation' and f.reference glob '[0-9]*'
                         then 'Recommendation ' else '' end || f.reference as finding_reference,
                    s.part_id, s.level,
                    s.assessed_on
             from assessments s
             join findings f on f.id = s.finding_id
             order by s.finding_id, s.assessed_on, s.id",
        )
        .fetch_all(db)
        .await?,
        readings: sqlx::query_as(
            "select r.measure_id, m.name, m.unit, m.better, r.taken_on, r.value
             from measure_readings r
             join performance_measures m on m.id = r.measure_id
             order by r.measure_id, r.taken_on, r.id",
        )
        .fetch_all(db)
        .await?,
        reports: sqlx::query_as(
            // Section 55 applies only to HMICFRS reports on a police force
            // (domain::regimes::Regime): a fire or other report has no section 55 line.
            "select i.id, i.title, i.published_on, i.response_published_on
             from inspections i
             join inspected_bodies b on b.id = i.body_id
             where i.source = 'hmicfrs'
               and b.kind = 'police_force'
             order by i.published_on, i.id",
        )
        .fetch_all(db)
        .await?,
        ..PackInput::default()
    })
}

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct PackSummaryRow {
    pub id: i64,
    pub sha256: String,
    pub saved_by_name: String,
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackRow {
    pub id: i64,
    pub meeting_id: i64,
    pub content: String,
    pub sha256: String,
    pub saved_at: chrono::DateTime<chrono::Utc>,
}

pub async fn insert(
    db: &mut SqliteConnection,
    meeting_id: i64,
    content: &str,
    sha256: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into meeting_packs (meeting_id, content, sha256, saved_by, saved_at)
         values (?, ?, ?, ?, ?)
         returning id",
    )
    .bind(meeting_id)
    .bind(content)
    .bind(sha256)
    .bind(user_id)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

pub async fn list_for_meeting(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> Result<Vec<PackSummaryRow>, sqlx::Error> {
    sqlx::query_as(
        "select p.id, p.sha256, u.display_name as saved_by_name, p.saved_at
         from meeting_packs p
         join users u on u.id = p.saved_by
         where p.meeting_id = ?
         order by p.id desc",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
    id: i64,
) -> Result<Option<PackRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, meeting_id, content, sha256, saved_at
         from meeting_packs
         where meeting_id = ?
           and id = ?",
    )
    .bind(meeting_id)
    .bind(id)
    .fetch_optional(db)
    .await
}
