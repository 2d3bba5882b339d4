//! Private calendar subscriptions (only a SHA-256 of each secret is kept) and the dated
//! things a feed carries: meetings, open milestones and open actions arising.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqliteExecutor;

use crate::domain::scope::Scope;
use crate::domain::vocab::Role;

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct FeedRow {
    pub id: i64,
    pub user_id: i64,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into calendar_feeds (user_id, token_hash, created_at)
         values (?, ?, ?)
         returning id",
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

pub async fn list_for_user(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Vec<FeedRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, user_id, created_at, revoked_at
         from calendar_feeds
         where user_id = ?
         order by id desc",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

pub async fn find_for_user(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    id: i64,
) -> Result<Option<FeedRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, user_id, created_at, revoked_at
         from calendar_feeds
         where id = ?
           and user_id = ?",
    )
    .bind(id)
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// Revoke a feed; false if it was already revoked.
pub async fn revoke(
    db: impl SqliteExecutor<'_>,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update calendar_feeds
         set revoked_at = ?
         where id = ?
           and revoked_at is null",
    )
    .bind(super::timestamp(now))
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The id and role of the owner of the live feed with this token hash, if the owner can still
/// sign in and has set their own password: the feed shows what that role may open, of the
/// owner's bodies as they are now.
pub async fn find_live_owner(
    db: impl SqliteExecutor<'_>,
    token_hash: &str,
) -> Result<Option<(i64, Role)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.role
         from calendar_feeds c
         join users u on u.id = c.user_id
         where c.token_hash = ?
           and c.revoked_at is null
           and u.disabled_at is null
           and u.must_change_password = 0",
    )
    .bind(token_hash)
    .fetch_optional(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CalendarMeeting {
    pub id: i64,
    pub title: String,
    pub starts_at: String,
    pub location: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CalendarDue {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub reference: String,
    pub title: String,
    pub due_on: NaiveDate,
}

/// The meetings `scope` sees (as `db::meetings::list` rules).
pub async fn meetings(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<CalendarMeeting>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select id, title, starts_at, location from meetings
         where withdrawn_on is null and {}
         order by starts_at",
        super::scope::meeting_in_scope("meetings.id", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

/// Milestones not yet met of actions of the bodies in `scope`, by their current due date.
pub async fn open_milestones(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<CalendarDue>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select m.id, m.action_id as parent_id, a.reference, m.title, m.current_due_on as due_on
         from milestones m
         join action_items a on a.id = m.action_id
         where m.met_on is null and {} and {}
         order by m.current_due_on, m.id",
        super::scope::body_in_scope("a.body_id", 1),
        super::withdrawals::milestone_live("m")
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

/// Actions arising not yet closed that `scope` sees (as `db::arising::list` rules).
pub async fn open_arising(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<CalendarDue>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select x.id, x.meeting_id as parent_id, x.owner as reference, x.description as title,
                x.due_on
         from actions_arising x
         left join action_items a on a.id = x.action_id
         left join findings f on f.id = x.finding_id
         left join inspections i on i.id = f.inspection_id
         where x.status <> 'closed'
           and (coalesce(a.body_id, i.body_id) is null or {})
           and (x.finding_id is null or {})
           and (x.action_id is null or {})
           and not exists (select 1 from meetings wm
                           where wm.id = x.meeting_id and wm.withdrawn_on is not null)
         order by x.due_on, x.id",
        super::scope::body_in_scope("coalesce(a.body_id, i.body_id)", 1),
        super::withdrawals::finding_live("f"),
        super::withdrawals::action_live("a")
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}
