//! Action-plan items: what the force commits to do, the findings each addresses, and whether
//! an item is blocked by an external body.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqliteExecutor};

use super::scope::body_in_scope;
use crate::domain::actions::NewAction;
use crate::domain::blocks::Blocked;
use crate::domain::scope::Scope;
use crate::domain::vocab::{FindingKind, Rag};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ActionRow {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub owner_role: String,
    pub owner_name: String,
    pub blocked_by: Option<String>,
    pub blocked_since: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
    /// The account asked for updates and sent reminders (see `record::contacts`).
    pub owner_user_id: Option<i64>,
    #[serde(skip)]
    pub owner_account: Option<String>,
}

/// One line of the action-plan list, with its latest RAG (corrected updates left out).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionListRow {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub owner_role: String,
    pub owner_name: String,
    pub blocked_by: Option<String>,
    pub finding_refs: String,
    pub latest_rag: Option<Rag>,
    pub latest_as_at: Option<NaiveDate>,
    /// The item's body, only when the installation has more than one.
    pub body_name: Option<String>,
}

/// A finding that an action may address, with its report, for the checkboxes.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FindingChoiceRow {
    pub id: i64,
    pub inspection_id: i64,
    pub inspection_title: String,
    pub body_id: i64,
    pub body_name: String,
    pub kind: FindingKind,
    pub reference: String,
    pub public_summary: Option<String>,
}

const LATEST_UPDATE: &str = "select u.id from progress_updates u
     where u.action_id = a.id
       and not exists (select 1 from progress_updates c where c.corrects_id = u.id)
     order by u.as_at desc, u.id desc
     limit 1";

fn list_sql(filter: &str) -> String {
    format!(
        "select a.id, a.reference, a.title, a.owner_role, a.owner_name, a.blocked_by,
                coalesce((select group_concat(f.reference, ', ')
                          from action_findings af join findings f on f.id = af.finding_id
                          where af.action_id = a.id), '') as finding_refs,
                lu.rag as latest_rag, lu.as_at as latest_as_at,
                case when (select count(*) from inspected_bodies) > 1
                     then (select name from inspected_bodies where id = a.body_id) end as body_name
         from action_items a
         left join progress_updates lu on lu.id = ({LATEST_UPDATE})
         {filter}
         order by length(a.reference), a.reference"
    )
}

/// Every action-plan item of the bodies in `scope` with its latest RAG (one query).
pub async fn list(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<ActionListRow>, sqlx::Error> {
    let filter = format!(
        "where {} and {}",
        body_in_scope("a.body_id", 1),
        super::withdrawals::action_live("a")
    );
    sqlx::query_as(&list_sql(&filter))
        .bind(scope.as_json())
        .fetch_all(db)
        .await
}

/// The action-plan items in `scope` addressing a finding, with their latest RAG (one query).
/// For the finding page: pair with `db::milestones::rollups_by_action` and
/// `views::actions::action_table`.
pub async fn list_for_finding(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
    scope: &Scope,
) -> Result<Vec<ActionListRow>, sqlx::Error> {
    let filter = format!(
        "where a.id in (select action_id from action_findings where finding_id = ?2)
           and a.withdrawn_on is null
           and {}",
        body_in_scope("a.body_id", 1)
    );
    sqlx::query_as(&list_sql(&filter))
        .bind(scope.as_json())
        .bind(finding_id)
        .fetch_all(db)
        .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<ActionRow>, sqlx::Error> {
    sqlx::query_as(
        "select a.*, b.name as body_name,
                (select u.display_name || ' (' || u.email || ')' from users u
                 where u.id = a.owner_user_id) as owner_account
         from action_items a
         join inspected_bodies b on b.id = a.body_id
         where a.id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Every finding of every inspection of the bodies in `scope`, grouped by body and report,
/// for choosing what an action addresses.
pub async fn finding_choices(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<FindingChoiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select f.id, f.inspection_id, i.title as inspection_title, i.body_id,
                b.name as body_name, f.kind, f.reference, f.public_summary
         from findings f
         join inspections i on i.id = f.inspection_id
         join inspected_bodies b on b.id = i.body_id
         where {}
         order by b.name, i.published_on, i.id, length(f.reference), f.reference",
        body_in_scope("i.body_id", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

/// The findings an action addresses.
pub async fn list_findings(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
) -> Result<Vec<FindingChoiceRow>, sqlx::Error> {
    sqlx::query_as(
        "select f.id, f.inspection_id, i.title as inspection_title, i.body_id,
                b.name as body_name, f.kind, f.reference, f.public_summary
         from action_findings af
         join findings f on f.id = af.finding_id
         join inspections i on i.id = f.inspection_id
         join inspected_bodies b on b.id = i.body_id
         where af.action_id = ?
         order by i.published_on, i.id, length(f.reference), f.reference",
    )
    .bind(action_id)
    .fetch_all(db)
    .await
}

pub async fn insert(
    tx: &mut SqliteConnection,
    action: &NewAction,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let now = super::timestamp(now);
    let id = sqlx::query_scalar(
        "insert into action_items
             (body_id, reference, title, description, owner_role, owner_name, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(action.body_id)
    .bind(&action.reference)
    .bind(&action.title)
    .bind(&action.description)
    .bind(&action.owner_role)
    .bind(&action.owner_name)
    .bind(&now)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    set_findings(tx, id, &action.finding_ids).await?;
    Ok(id)
}

/// Save over version `version`; `false` if someone else saved first.
pub async fn update(
    tx: &mut SqliteConnection,
    id: i64,
    version: i64,
    action: &NewAction,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update action_items
         set body_id = ?, reference = ?, title = ?, description = ?, owner_role = ?,
             owner_name = ?, updated_at = ?, version = version + 1
         where id = ? and version = ?",
    )
    .bind(action.body_id)
    .bind(&action.reference)
    .bind(&action.title)
    .bind(&action.description)
    .bind(&action.owner_role)
    .bind(&action.owner_name)
    .bind(super::timestamp(now))
    .bind(id)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    set_findings(tx, id, &action.finding_ids).await?;
    Ok(true)
}

async fn set_findings(
    tx: &mut SqliteConnection,
    action_id: i64,
    finding_ids: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from action_findings where action_id = ?")
        .bind(action_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "insert into action_findings (action_id, finding_id)
         select ?, value from json_each(?)",
    )
    .bind(action_id)
    .bind(serde_json::to_string(finding_ids).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Mark as blocked (or unblock with `None`) over `version`; `false` if the version did not match.
pub async fn update_blocked(
    db: impl SqliteExecutor<'_>,
    id: i64,
    version: i64,
    blocked: Option<&Blocked>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update action_items
         set blocked_by = ?, blocked_since = ?, updated_at = ?, version = version + 1
         where id = ? and version = ?",
    )
    .bind(blocked.map(|b| b.by.as_str()))
    .bind(blocked.map(|b| b.since))
    .bind(super::timestamp(now))
    .bind(id)
    .bind(version)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The references of those of `finding_ids` that come from another body's inspections than
/// `body_id` (an action and the findings it addresses stay in one body).
pub async fn list_findings_of_other_bodies(
    db: impl SqliteExecutor<'_>,
    body_id: i64,
    finding_ids: &[i64],
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select f.reference
         from findings f
         join inspections i on i.id = f.inspection_id
         where f.id in (select value from json_each(?1)) and i.body_id <> ?2
         order by length(f.reference), f.reference",
    )
    .bind(serde_json::to_string(finding_ids).unwrap_or_else(|_| "[]".into()))
    .bind(body_id)
    .fetch_all(db)
    .await
}
