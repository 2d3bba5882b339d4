//! Scrutiny meetings, the items the force is asked to update before them, and saved packs.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::timestamp;
use crate::domain::meetings::{NewMeeting, starts_at_text};
use crate::domain::scope::Scope;
use crate::domain::subject::Subject;
use crate::domain::vocab::{MeetingKind, MeetingStatus};

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: String,
    pub location: String,
    pub attendees: String,
    pub status: MeetingStatus,
    pub minutes: Option<String>,
    pub public_summary: Option<String>,
    pub update_deadline: Option<NaiveDate>,
    pub version: i64,
}

const COLUMNS: &str = "id, kind, title, starts_at, location, attendees, status, minutes,
    public_summary, update_deadline, version";

/// The meetings `scope` sees (all of whose bodies it admits), newest first.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {COLUMNS} from meetings
         where withdrawn_on is null and {}
         order by starts_at desc, id desc",
        super::scope::meeting_in_scope("meetings.id", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<MeetingRow>, sqlx::Error> {
    sqlx::query_as(&format!("select {COLUMNS} from meetings where id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: &mut SqliteConnection,
    m: &NewMeeting,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into meetings (kind, title, starts_at, location, attendees, status, minutes,
             public_summary, update_deadline, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(m.kind)
    .bind(&m.title)
    .bind(starts_at_text(m.starts_at))
    .bind(&m.location)
    .bind(&m.attendees)
    .bind(m.status)
    .bind(&m.minutes)
    .bind(&m.public_summary)
    .bind(m.update_deadline)
    .bind(timestamp(now))
    .bind(timestamp(now))
    .fetch_one(db)
    .await
}

/// Save over `version`; false if someone else saved first. A changed public summary loses
/// its approval, so only words the office approved are ever published.
pub async fn update(
    db: &mut SqliteConnection,
    id: i64,
    version: i64,
    m: &NewMeeting,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update meetings
         set kind = ?1, title = ?2, starts_at = ?3, location = ?4, attendees = ?5, status = ?6,
             minutes = ?7, update_deadline = ?9, updated_at = ?10,
             summary_approved_at = iif(public_summary is ?8, summary_approved_at, null),
             summary_approved_by = iif(public_summary is ?8, summary_approved_by, null),
             public_summary = ?8,
             version = version + 1
         where id = ?11
           and version = ?12",
    )
    .bind(m.kind)
    .bind(&m.title)
    .bind(starts_at_text(m.starts_at))
    .bind(&m.location)
    .bind(&m.attendees)
    .bind(m.status)
    .bind(&m.minutes)
    .bind(&m.public_summary)
    .bind(m.update_deadline)
    .bind(timestamp(now))
    .bind(id)
    .bind(version)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The start of the meeting before this one and of the one after it, by date, whatever their
/// status: a past meeting's pack looks ahead to the meeting actually held next.
pub async fn neighbours(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<(Option<String>, Option<String>), sqlx::Error> {
    sqlx::query_as(
        "select
             (select max(p.starts_at) from meetings p
              where p.starts_at < m.starts_at and p.id <> m.id),
             (select min(n.starts_at) from meetings n
              where n.starts_at > m.starts_at and n.id <> m.id)
         from meetings m
         where m.id = ?",
    )
    .bind(id)
    .fetch_one(db)
    .await
}

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct UpdateRequestRow {
    pub id: i64,
    pub meeting_id: i64,
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub label: String,
    pub requested_at: chrono::DateTime<chrono::Utc>,
}

/// Named items of a meeting, each labelled by its reference (and its body, when the
/// installation has more than one).
pub async fn list_requests(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> Result<Vec<UpdateRequestRow>, sqlx::Error> {
    sqlx::query_as(
        "select r.id, r.meeting_id, r.action_id, r.finding_id,
                coalesce(a.reference || ' ' || a.title, f.reference || ' (' || i.title || ')', '')
                || coalesce(case when (select count(*) from inspected_bodies) > 1
                                 then ' – ' || b.name end, '') as label,
                r.requested_at
         from update_requests r
         left join action_items a on a.id = r.action_id
         left join findings f on f.id = r.finding_id
         left join inspections i on i.id = f.inspection_id
         left join inspected_bodies b on b.id = coalesce(a.body_id, i.body_id)
         where r.meeting_id = ?
         order by r.id",
    )
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

pub async fn insert_request(
    db: &mut SqliteConnection,
    meeting_id: i64,
    subject: Subject,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into update_requests (meeting_id, action_id, finding_id, requested_by, requested_at)
         values (?, ?, ?, ?, ?)
         returning id",
    )
    .bind(meeting_id)
    .bind(subject.action_id())
    .bind(subject.finding_id())
    .bind(user_id)
    .bind(timestamp(now))
    .fetch_one(db)
    .await
}

/// Every progress update on any item named for this meeting (one query for the whole list).
pub async fn updates_for_requests(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> Result<Vec<crate::domain::packs::UpdateIn>, sqlx::Error> {
    sqlx::query_as(
        "select u.action_id, u.finding_id, u.as_at, u.rag, u.entered_at
         from progress_updates u
         where u.action_id in (select action_id from update_requests where meeting_id = ?)
            or u.finding_id in (select finding_id from update_requests where meeting_id = ?)",
    )
    .bind(meeting_id)
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

/// A finding or action the office can link to or name, with its body (pickers group by it).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkOption {
    pub subject: Subject,
    pub label: String,
    pub body_name: String,
}

/// Every finding and action of the bodies in `scope`, for select lists: by body, then actions
/// by reference, then findings by inspection and reference.
pub async fn link_options(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<LinkOption>, sqlx::Error> {
    let rows: Vec<(Option<i64>, Option<i64>, String, String)> = sqlx::query_as(&format!(
        "select action_id, finding_id, label, body_name from (
             select a.id as action_id, null as finding_id,
                    'Action ' || a.reference || ' – ' || a.title as label,
                    b.name as body_name, 0 as grp, a.reference as sort1, '' as sort2
             from action_items a
             join inspected_bodies b on b.id = a.body_id
             where {}
             union all
             select null, f.id, 'Finding ' || f.reference || ' – ' || i.title, b.name,
                    1, i.published_on, printf('%05d', length(f.reference)) || f.reference
             from findings f
             join inspections i on i.id = f.inspection_id
             join inspected_bodies b on b.id = i.body_id
             where {}
         )
         order by body_name, grp, sort1, sort2",
        super::scope::body_in_scope("a.body_id", 1),
        super::scope::body_in_scope("i.body_id", 1),
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(action_id, finding_id, label, body_name)| {
            Subject::from_ids(action_id, finding_id).map(|subject| LinkOption {
                subject,
                label,
                body_name,
            })
        })
        .collect())
}
