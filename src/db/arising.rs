//! Actions arising from meetings, tracked to closure. `list_for_finding` and
//! `list_for_action` serve the finding and action pages.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::timestamp;
use crate::domain::meetings::{ArisingProgress, NewArising};
use crate::domain::scope::Scope;
use crate::domain::vocab::ArisingStatus;

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct ArisingRow {
    pub id: i64,
    pub meeting_id: i64,
    pub meeting_title: String,
    pub finding_id: Option<i64>,
    pub finding_reference: Option<String>,
    pub action_id: Option<i64>,
    pub action_reference: Option<String>,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ArisingStatus,
    pub response: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub version: i64,
    /// The body of the finding or action it is about, if any.
    pub body_id: Option<i64>,
    /// Whether the viewer may open the meeting it came from (a scoped panel member may not
    /// open a meeting about other bodies too): only the finding's and action's pages ask.
    #[sqlx(default)]
    pub meeting_seen: bool,
}

const SELECT: &str = "select x.id, x.meeting_id, m.title as meeting_title, x.finding_id,
        f.reference as finding_reference, x.action_id, a.reference as action_reference,
        x.description, x.owner, x.due_on, x.status, x.response, x.closed_on, x.version,
        coalesce(a.body_id, fi.body_id) as body_id, true as meeting_seen
    from actions_arising x
    join meetings m on m.id = x.meeting_id
    left join findings f on f.id = x.finding_id
    left join action_items a on a.id = x.action_id
    left join inspections fi on fi.id = f.inspection_id";

const ORDER: &str = "order by x.status = 'closed', x.due_on, x.id";

/// The actions arising `scope` sees: those about a finding or action of its bodies, and those
/// about neither (as the route check rules for one action arising).
pub async fn list(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<ArisingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT}
         where coalesce(a.body_id, fi.body_id) is null or {}
         {ORDER}",
        super::scope::body_in_scope("coalesce(a.body_id, fi.body_id)", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

pub async fn list_for_meeting(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> Result<Vec<ArisingRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where x.meeting_id = ? {ORDER}"))
        .bind(meeting_id)
        .fetch_all(db)
        .await
}

/// Actions arising about a finding, for the finding's page (show with
/// `views::arising::arising_table`).
pub async fn list_for_finding(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
    scope: &Scope,
) -> Result<Vec<ArisingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{} where x.finding_id = ?1 {ORDER}",
        SELECT.replace(
            "true as meeting_seen",
            &format!(
                "{} as meeting_seen",
                super::scope::meeting_in_scope("x.meeting_id", 2)
            ),
        )
    ))
    .bind(finding_id)
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

/// Actions arising about an action-plan item, for the action's page.
pub async fn list_for_action(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
    scope: &Scope,
) -> Result<Vec<ArisingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{} where x.action_id = ?1 {ORDER}",
        SELECT.replace(
            "true as meeting_seen",
            &format!(
                "{} as meeting_seen",
                super::scope::meeting_in_scope("x.meeting_id", 2)
            ),
        )
    ))
    .bind(action_id)
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<ArisingRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where x.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: &mut SqliteConnection,
    meeting_id: i64,
    x: &NewArising,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into actions_arising (meeting_id, finding_id, action_id, description, owner,
             due_on, created_at)
         values (?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(meeting_id)
    .bind(x.subject.and_then(|s| s.finding_id()))
    .bind(x.subject.and_then(|s| s.action_id()))
    .bind(&x.description)
    .bind(&x.owner)
    .bind(x.due_on)
    .bind(timestamp(now))
    .fetch_one(db)
    .await
}

pub async fn update(
    db: &mut SqliteConnection,
    id: i64,
    version: i64,
    p: &ArisingProgress,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update actions_arising
         set description = ?, owner = ?, due_on = ?, status = ?, response = ?, closed_on = ?,
             version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(&p.description)
    .bind(&p.owner)
    .bind(p.due_on)
    .bind(p.status)
    .bind(&p.response)
    .bind(p.closed_on)
    .bind(id)
    .bind(version)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
