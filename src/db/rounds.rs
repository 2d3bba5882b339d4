//! Update-request rounds: the actions each asks about, whom it asked, what came back, and the
//! chasers it sent.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::timestamp;
use crate::domain::rounds::{NewRound, Pick};
use crate::domain::vocab::ChaseStep;

/// The open actions `pick` selects, with their owners' accounts: not withdrawn, their body
/// not withdrawn, and not reported complete (blue) by their latest update.
pub async fn list_picked(
    db: impl SqliteExecutor<'_>,
    pick: Pick,
) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "select a.id, a.owner_user_id
         from action_items a
         join inspected_bodies b on b.id = a.body_id
         where a.withdrawn_on is null and b.withdrawn_on is null
           and (?1 is null or a.body_id = ?1)
           and (?3 is null or a.owner_user_id = ?3)
           and (?2 is null or exists (
                 select 1 from action_findings af join findings f on f.id = af.finding_id
                 where af.action_id = a.id and f.inspection_id = ?2))
           and coalesce((select u.rag from progress_updates u where u.action_id = a.id
                         order by u.as_at desc, u.id desc limit 1), '') <> 'blue'
         order by a.body_id, a.reference",
    )
    .bind(pick.body_id)
    .bind(pick.inspection_id)
    .bind(pick.owner_id)
    .fetch_all(db)
    .await
}

pub async fn insert(
    db: &mut SqliteConnection,
    round: &NewRound,
    opened_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into update_rounds (title, meeting_id, return_by, remind_on, opened_by, opened_at)
         values (?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(&round.title)
    .bind(round.meeting_id)
    .bind(round.return_by)
    .bind(round.remind_on)
    .bind(opened_by)
    .bind(timestamp(now))
    .fetch_one(db)
    .await
}

pub async fn insert_item(
    db: &mut SqliteConnection,
    round_id: i64,
    action_id: i64,
    owner_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into round_items (round_id, action_id, owner_id) values (?, ?, ?)")
        .bind(round_id)
        .bind(action_id)
        .bind(owner_id)
        .execute(db)
        .await
        .map(|_| ())
}

/// Record a chaser; false when that step already went to that person (so it never goes twice).
pub async fn insert_chaser(
    db: &mut SqliteConnection,
    round_id: i64,
    step: ChaseStep,
    user_id: i64,
    mail_id: i64,
    items: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "insert into round_chasers (round_id, step, user_id, mail_id, items, at)
         values (?, ?, ?, ?, ?, ?)
         on conflict (round_id, step, user_id) do nothing",
    )
    .bind(round_id)
    .bind(step)
    .bind(user_id)
    .bind(mail_id)
    .bind(items)
    .bind(timestamp(now))
    .execute(db)
    .await
    .map(|r| r.rows_affected() == 1)
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RoundRow {
    pub id: i64,
    pub title: String,
    pub meeting_id: Option<i64>,
    pub meeting_title: Option<String>,
    pub meeting_starts_at: Option<String>,
    pub return_by: NaiveDate,
    pub remind_on: NaiveDate,
    pub opened_by_name: String,
    pub opened_at: String,
    pub items: i64,
    pub received: i64,
}

const ROUND: &str = "select r.id, r.title, r.meeting_id, m.title as meeting_title,
           m.starts_at as meeting_starts_at, r.return_by, r.remind_on,
           o.display_name as opened_by_name, r.opened_at,
           (select count(*) from round_items i where i.round_id = r.id) as items,
           (select count(*) from round_items i where i.round_id = r.id
              and exists (select 1 from progress_updates u
                          where u.action_id = i.action_id and u.entered_at >= r.opened_at)) as received
    from update_rounds r
    join users o on o.id = r.opened_by
    left join meetings m on m.id = r.meeting_id";

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<RoundRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROUND} where r.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every round, newest return-by date first.
pub async fn list(db: impl SqliteExecutor<'_>) -> Result<Vec<RoundRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROUND} order by r.return_by desc, r.id desc"))
        .fetch_all(db)
        .await
}

/// Rounds for a meeting (its pack lists what they did not receive).
pub async fn list_for_meeting(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> Result<Vec<RoundRow>, sqlx::Error> {
    sqlx::query_as(&format!("{ROUND} where r.meeting_id = ? order by r.id"))
        .bind(meeting_id)
        .fetch_all(db)
        .await
}

/// Rounds still being chased on `today`: open, or past return-by within the last fortnight
/// (when the escalation goes).
pub async fn list_live(
    db: impl SqliteExecutor<'_>,
    today: NaiveDate,
) -> Result<Vec<RoundRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{ROUND} where r.return_by >= date(?, '-14 days') order by r.id"
    ))
    .bind(today)
    .fetch_all(db)
    .await
}

/// One action a round asks about, with its owner, its body's chief officer lead and the first
/// update entered since the round opened.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ItemRow {
    pub round_id: i64,
    pub action_id: i64,
    pub reference: String,
    pub title: String,
    pub body_id: i64,
    pub body_name: String,
    pub owner_id: Option<i64>,
    pub owner_name: Option<String>,
    pub owner_email: Option<String>,
    pub lead_id: Option<i64>,
    pub lead_name: Option<String>,
    pub lead_email: Option<String>,
    /// The first update since the round opened: when it was entered, and its as-at date.
    pub update_entered_at: Option<String>,
    pub update_as_at: Option<NaiveDate>,
}

const ITEMS: &str = "select i.round_id, a.id as action_id, a.reference, a.title, b.id as body_id,
           b.name as body_name, i.owner_id, o.display_name as owner_name, o.email as owner_email,
           b.chief_officer_id as lead_id, l.display_name as lead_name, l.email as lead_email,
           (select min(u.entered_at) from progress_updates u
            where u.action_id = i.action_id and u.entered_at >= r.opened_at) as update_entered_at,
           (select u.as_at from progress_updates u
            where u.action_id = i.action_id and u.entered_at >= r.opened_at
            order by u.entered_at, u.id limit 1) as update_as_at
    from round_items i
    join update_rounds r on r.id = i.round_id
    join action_items a on a.id = i.action_id
    join inspected_bodies b on b.id = a.body_id
    left join users o on o.id = i.owner_id and o.disabled_at is null
    left join users l on l.id = b.chief_officer_id and l.disabled_at is null";

/// The items of the rounds `ids` (one query for them all), by round, body and reference.
pub async fn list_items(
    db: impl SqliteExecutor<'_>,
    round_ids: &[i64],
) -> Result<Vec<ItemRow>, sqlx::Error> {
    let ids = serde_json::to_string(round_ids).unwrap_or_else(|_| "[]".into());
    sqlx::query_as(&format!(
        "{ITEMS} where i.round_id in (select value from json_each(?))
         order by i.round_id, b.name, a.reference"
    ))
    .bind(ids)
    .fetch_all(db)
    .await
}

/// One chaser a round sent.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ChaserRow {
    pub step: ChaseStep,
    pub user_name: String,
    pub items: i64,
    pub at: String,
    pub mail_id: Option<i64>,
}

pub async fn list_chasers(
    db: impl SqliteExecutor<'_>,
    round_id: i64,
) -> Result<Vec<ChaserRow>, sqlx::Error> {
    sqlx::query_as(
        "select c.step, u.display_name as user_name, c.items, c.at, c.mail_id
         from round_chasers c join users u on u.id = c.user_id
         where c.round_id = ?
         order by c.id",
    )
    .bind(round_id)
    .fetch_all(db)
    .await
}

/// Which steps already went to whom, for the rounds `ids`.
pub async fn list_sent_steps(
    db: impl SqliteExecutor<'_>,
    round_ids: &[i64],
) -> Result<Vec<(i64, ChaseStep, i64)>, sqlx::Error> {
    let ids = serde_json::to_string(round_ids).unwrap_or_else(|_| "[]".into());
    sqlx::query_as(
        "select round_id, step, user_id from round_chasers
         where round_id in (select value from json_each(?))",
    )
    .bind(ids)
    .fetch_all(db)
    .await
}

/// What the round form offers to choose from: meetings still to come, bodies, inspections and
/// the accounts that own actions – each (id, label).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    pub meetings: Vec<(i64, String)>,
    pub bodies: Vec<(i64, String)>,
    pub inspections: Vec<(i64, String)>,
    pub owners: Vec<(i64, String)>,
}

pub async fn options(db: &mut SqliteConnection, today: NaiveDate) -> Result<Options, sqlx::Error> {
    let meetings = sqlx::query_as(
        "select id, title || ' – ' || strftime('%d/%m/%Y', starts_at) from meetings
         where withdrawn_on is null and date(starts_at) >= ?
         order by starts_at",
    )
    .bind(today)
    .fetch_all(&mut *db)
    .await?;
    let bodies = sqlx::query_as(
        "select id, name from inspected_bodies where withdrawn_on is null order by name",
    )
    .fetch_all(&mut *db)
    .await?;
    let inspections = sqlx::query_as(
        "select i.id, i.title || ' (' || b.name || ')' from inspections i
         join inspected_bodies b on b.id = i.body_id
         where i.withdrawn_on is null and b.withdrawn_on is null
         order by b.name, i.published_on desc",
    )
    .fetch_all(&mut *db)
    .await?;
    let owners = sqlx::query_as(
        "select u.id, u.display_name || ' (' || u.email || ')' from users u
         where u.disabled_at is null
           and exists (select 1 from action_items a where a.owner_user_id = u.id)
         order by u.display_name",
    )
    .fetch_all(&mut *db)
    .await?;
    Ok(Options {
        meetings,
        bodies,
        inspections,
        owners,
    })
}
