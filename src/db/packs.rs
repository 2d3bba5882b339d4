//! Loading the record a meeting pack is computed from (a fixed number of queries), and
//! saved packs of record (immutable).

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqliteExecutor, SqlitePool};

use super::scope::body_in_scope;
use crate::domain::packs::PackInput;
use crate::domain::scope::Scope;

/// Everything `domain::packs::compute` needs about the bodies in `scope`, except the dates
/// the caller fills in.
pub async fn load_record(
    db: &SqlitePool,
    meeting_id: i64,
    scope: &Scope,
) -> Result<PackInput, sqlx::Error> {
    let scope = scope.as_json();
    let action_in = body_in_scope("a.body_id", 1);
    // An update, arising or measure is about an action or a finding: its body is theirs.
    let subject_in = body_in_scope("coalesce(a.body_id, i.body_id)", 1);
    let subject = "left join action_items a on a.id = x.action_id
         left join findings f on f.id = x.finding_id
         left join inspections i on i.id = f.inspection_id";
    Ok(PackInput {
        milestones: sqlx::query_as(&format!(
            "select m.id, m.action_id, a.reference as action_reference, m.title,
                    m.original_due_on, m.current_due_on, m.met_on
             from milestones m
             join action_items a on a.id = m.action_id
             where {action_in}
             order by m.current_due_on, m.id"
        ))
        .bind(&scope)
        .fetch_all(db)
        .await?,
        revisions: sqlx::query_as(&format!(
            "select r.milestone_id, r.previous_due_on, r.new_due_on, r.reason_category, r.reason,
                    r.accepted_at
             from milestone_revisions r
             join milestones m on m.id = r.milestone_id
             join action_items a on a.id = m.action_id
             where {action_in}
             order by r.accepted_at, r.id"
        ))
        .bind(&scope)
        .fetch_all(db)
        .await?,
        actions: sqlx::query_as(&format!(
            "select a.id, a.reference, a.title
             from action_items a
             where {action_in}
             order by length(a.reference), a.reference"
        ))
        .bind(&scope)
        .fetch_all(db)
        .await?,
        updates: sqlx::query_as(&format!(
            "select x.action_id, x.finding_id, x.as_at, x.rag, x.entered_at
             from progress_updates x
             {subject}
             where {subject_in}
             order by x.as_at, x.id"
        ))
        .bind(&scope)
        .fetch_all(db)
        .await?,
        arising: sqlx::query_as(&format!(
            "select x.id, x.description, x.owner, x.due_on, x.status
             from actions_arising x
             {subject}
             where x.status <> 'closed'
               and (coalesce(a.body_id, i.body_id) is null or {subject_in})
             order by x.due_on, x.id"
        ))
        .bind(&scope)
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
        assessments: sqlx::query_as(&format!(
            "select s.id, s.finding_id,
                    case when f.kind = 'recommendation' and f.reference glob '[0-9]*'
                         then 'Recommendation ' else '' end || f.reference as finding_reference,
                    s.part_id, s.level,
                    s.assessed_on
             from assessments s
             join findings f on f.id = s.finding_id
             join inspections i on i.id = f.inspection_id
             where {}
             order by s.finding_id, s.assessed_on, s.id",
            body_in_scope("i.body_id", 1)
        ))
        .bind(&scope)
        .fetch_all(db)
        .await?,
        readings: sqlx::query_as(&format!(
            "select r.measure_id, x.name, x.unit, x.better, r.taken_on, r.value
             from measure_readings r
             join performance_measures x on x.id = r.measure_id
             {subject}
             where {subject_in}
             order by r.measure_id, r.taken_on, r.id"
        ))
        .bind(&scope)
        .fetch_all(db)
        .await?,
        reports: sqlx::query_as(&format!(
            // Section 55 applies only to HMICFRS reports on a police force
            // (domain::regimes::Regime): a fire or other report has no section 55 line.
            "select i.id, i.title, i.published_on, i.response_published_on
             from inspections i
             join inspected_bodies b on b.id = i.body_id
             where i.source = 'hmicfrs'
               and b.kind = 'police_force'
               and {}
             order by i.published_on, i.id",
            body_in_scope("i.body_id", 1)
        ))
        .bind(&scope)
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
    /// The bodies it covers (a JSON array), or none for every body.
    pub bodies: Option<String>,
}

/// The bodies a saved pack covers, from its stored JSON array: `None` for every body.
pub fn covered(bodies: Option<&str>) -> Option<Vec<i64>> {
    bodies.map(|json| serde_json::from_str(json).unwrap_or_default())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PackRow {
    pub id: i64,
    pub meeting_id: i64,
    pub content: String,
    pub sha256: String,
    pub saved_at: chrono::DateTime<chrono::Utc>,
    /// The bodies it covers (a JSON array), or none for every body.
    pub bodies: Option<String>,
}

pub async fn insert(
    db: &mut SqliteConnection,
    meeting_id: i64,
    content: &str,
    sha256: &str,
    bodies: Option<&str>,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into meeting_packs (meeting_id, content, sha256, bodies, saved_by, saved_at)
         values (?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(meeting_id)
    .bind(content)
    .bind(sha256)
    .bind(bodies)
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
        "select p.id, p.sha256, u.display_name as saved_by_name, p.saved_at, p.bodies
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
        "select id, meeting_id, content, sha256, saved_at, bodies
         from meeting_packs
         where meeting_id = ?
           and id = ?",
    )
    .bind(meeting_id)
    .bind(id)
    .fetch_optional(db)
    .await
}
