//! What the reminders and digests are made of: milestones due soon or overdue, actions
//! arising overdue, items gone stale, each person's items and week – and what was already sent,
//! so each reminder goes once whatever restarts in between.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::timestamp;
use crate::domain::vocab::ReminderKind;

/// Someone to remind of something, not yet reminded of it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Candidate {
    pub kind: ReminderKind,
    pub item_id: i64,
    /// The date the reminder turns on (due date, or last update for a stale item).
    pub due_on: NaiveDate,
    pub about: String,
    pub path: String,
    pub user_id: i64,
    pub user_name: String,
    pub email: String,
}

/// People who have not turned this kind of mail off, and whose account is in use.
const WANTS: &str = "join users us on us.disabled_at is null
    left join mail_preferences p on p.user_id = us.id";

/// Milestones not met, of actions not withdrawn with an owner's account who wants `kind`,
/// whose current due date meets `due` (in terms of ?1 and ?2).
fn milestones_sql(kind: &str, due: &str, wants: &str) -> String {
    format!(
        "select '{kind}' as kind, m.id as item_id, m.current_due_on as due_on,
                m.title || ' (' || a.reference || ' ' || a.title || ')' as about,
                '/actions/' || a.id as path,
                us.id as user_id, us.display_name as user_name, us.email
         from milestones m
         join action_items a on a.id = m.action_id
         {WANTS}
         where m.met_on is null and m.withdrawn_on is null and a.withdrawn_on is null
           and {due}
           and us.id = a.owner_user_id and coalesce(p.{wants}, 1) = 1
         order by m.current_due_on, m.id"
    )
}

/// Milestones due from `today` to `until`, to their actions' owners.
pub async fn list_due_soon(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let due = "m.current_due_on between ?1 and ?2";
    sqlx::query_as(&milestones_sql("due_soon", due, "due_soon"))
        .bind(today)
        .bind(until)
        .fetch_all(db)
        .await
}

/// Milestones whose due date passed in the last 30 days, to their actions' owners.
pub async fn list_overdue(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
) -> Result<Vec<Candidate>, sqlx::Error> {
    let due = "m.current_due_on >= date(?1, '-30 days') and m.current_due_on < ?1";
    sqlx::query_as(&milestones_sql("overdue", due, "overdue"))
        .bind(today)
        .fetch_all(db)
        .await
}

/// Actions arising still open whose due date passed in the last 30 days, to the office (who
/// run the meetings that set them).
pub async fn list_arising_overdue(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
) -> Result<Vec<Candidate>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select 'arising_overdue' as kind, x.id as item_id, x.due_on,
                x.description || ' (' || x.owner || ')' as about,
                '/meetings/' || x.meeting_id as path,
                us.id as user_id, us.display_name as user_name, us.email
         from actions_arising x
         {WANTS}
         where x.status <> 'closed'
           and x.due_on >= date(?1, '-30 days') and x.due_on < ?1
           and us.role in ('admin', 'office') and coalesce(p.overdue, 1) = 1
         order by x.due_on, x.id"
    ))
    .bind(today)
    .fetch_all(db)
    .await
}

/// Owned open actions with no update for `stale_days` (counted from the last update, or the
/// action's creation), to their owners; `due_on` is that last activity.
pub async fn list_stale(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
    stale_days: i64,
) -> Result<Vec<Candidate>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select 'stale' as kind, s.id as item_id, s.last as due_on,
                s.reference || ' ' || s.title as about, '/actions/' || s.id as path,
                us.id as user_id, us.display_name as user_name, us.email
         from (select a.id, a.reference, a.title, a.owner_user_id,
                      coalesce((select max(u.as_at) from progress_updates u where u.action_id = a.id),
                               date(a.created_at)) as last,
                      (select u.rag from progress_updates u where u.action_id = a.id
                       order by u.as_at desc, u.id desc limit 1) as rag
               from action_items a
               where a.owner_user_id is not null and a.withdrawn_on is null) s
         {WANTS}
         where us.id = s.owner_user_id and coalesce(s.rag, '') <> 'blue'
           and s.last <= date(?1, '-' || ?2 || ' days') and coalesce(p.stale, 1) = 1
         order by s.last, s.id"
    ))
    .bind(today)
    .bind(stale_days)
    .fetch_all(db)
    .await
}

/// Mark a reminder sent; false when it already was (so it is not sent twice).
pub async fn mark_sent(
    db: &mut SqliteConnection,
    c: &Candidate,
    offset_days: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "insert into reminders_sent (kind, item_id, due_on, offset_days, user_id, sent_at)
         values (?, ?, ?, ?, ?, ?)
         on conflict do nothing",
    )
    .bind(c.kind)
    .bind(c.item_id)
    .bind(c.due_on)
    .bind(offset_days)
    .bind(c.user_id)
    .bind(timestamp(now))
    .execute(db)
    .await
    .map(|r| r.rows_affected() == 1)
}

/// Whether this reminder was sent already.
pub async fn was_sent(
    db: impl SqliteExecutor<'_>,
    c: &Candidate,
    offset_days: i64,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "select exists (select 1 from reminders_sent
                        where kind = ? and item_id = ? and due_on = ? and offset_days = ? and user_id = ?)",
    )
    .bind(c.kind)
    .bind(c.item_id)
    .bind(c.due_on)
    .bind(offset_days)
    .bind(c.user_id)
    .fetch_one(db)
    .await
}

/// Someone due a digest this week.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Reader {
    pub id: i64,
    pub display_name: String,
    pub email: String,
}

/// People in use who want the digest and have not had this week's.
pub async fn list_digest_readers(
    db: impl SqliteExecutor<'_>,
    week: NaiveDate,
) -> Result<Vec<Reader>, sqlx::Error> {
    sqlx::query_as(
        "select us.id, us.display_name, us.email
         from users us left join mail_preferences p on p.user_id = us.id
         where us.disabled_at is null and coalesce(p.digest, 1) = 1
           and not exists (select 1 from digests_sent d where d.user_id = us.id and d.week = ?)
         order by us.id",
    )
    .bind(week)
    .fetch_all(db)
    .await
}

/// One open action someone owns, with its next milestone and latest update.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct OwnedRow {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub body_name: String,
    pub next_title: Option<String>,
    pub next_due: Option<NaiveDate>,
    pub last_update: Option<NaiveDate>,
}

pub async fn list_owned(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Vec<OwnedRow>, sqlx::Error> {
    sqlx::query_as(
        "select a.id, a.reference, a.title, b.name as body_name,
                (select m.title from milestones m where m.action_id = a.id and m.met_on is null
                   and m.withdrawn_on is null order by m.current_due_on limit 1) as next_title,
                (select min(m.current_due_on) from milestones m where m.action_id = a.id
                   and m.met_on is null and m.withdrawn_on is null) as next_due,
                (select max(u.as_at) from progress_updates u where u.action_id = a.id) as last_update
         from action_items a join inspected_bodies b on b.id = a.body_id
         where a.owner_user_id = ? and a.withdrawn_on is null and b.withdrawn_on is null
         order by b.name, a.reference",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// One update entered in the week, on an action the reader may see.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ChangeRow {
    pub action_id: i64,
    pub reference: String,
    pub title: String,
    pub body_name: String,
    pub rag: crate::domain::vocab::Rag,
    pub as_at: NaiveDate,
}

/// Updates entered since `since` on actions `user_id` may see, newest first, at most `limit`.
pub async fn list_changes(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
    since: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<ChangeRow>, sqlx::Error> {
    sqlx::query_as(
        "select a.id as action_id, a.reference, a.title, b.name as body_name, u.rag, u.as_at
         from progress_updates u
         join action_items a on a.id = u.action_id
         join inspected_bodies b on b.id = a.body_id
         join users us on us.id = ?1
         where u.entered_at >= ?2 and a.withdrawn_on is null
           and (us.role in ('admin', 'office')
                or (us.role = 'panel' and not exists (select 1 from user_bodies x where x.user_id = us.id))
                or a.body_id in (select x.body_id from user_bodies x where x.user_id = us.id))
         order by u.entered_at desc, u.id desc
         limit ?3",
    )
    .bind(user_id)
    .bind(timestamp(since))
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn mark_digest_sent(
    db: &mut SqliteConnection,
    user_id: i64,
    week: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "insert into digests_sent (user_id, week, sent_at) values (?, ?, ?) on conflict do nothing",
    )
    .bind(user_id)
    .bind(week)
    .bind(timestamp(now))
    .execute(db)
    .await
    .map(|r| r.rows_affected() == 1)
}
