//! What hangs off a finding besides judgements: the action-plan items addressing it (with
//! their latest RAG), updates posted directly on it, and every finding for pickers.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use crate::domain::vocab::Rag;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedActionRow {
    pub id: i64,
    pub reference: String,
    pub title: String,
    pub blocked_by: Option<String>,
    pub latest_rag: Option<Rag>,
    pub latest_as_at: Option<NaiveDate>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FindingUpdateRow {
    pub id: i64,
    pub as_at: NaiveDate,
    pub rag: Rag,
    pub narrative: String,
    pub evidence: Option<String>,
    pub corrects_id: Option<i64>,
    pub corrected: bool,
    pub author: String,
}

/// A finding for a drop-down: id and "inspection title – reference".
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FindingChoiceRow {
    pub id: i64,
    pub label: String,
}

/// The action-plan items addressing a finding, each with its latest uncorrected update.
pub async fn list_actions(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<LinkedActionRow>, sqlx::Error> {
    sqlx::query_as(
        "with latest as (
             select u.action_id, u.rag, u.as_at,
                    row_number() over (partition by u.action_id order by u.as_at desc, u.id desc) as n
             from progress_updates u
             where u.action_id in (select action_id from action_findings where finding_id = ?1)
               and not exists (select 1 from progress_updates c where c.corrects_id = u.id)
         )
         select a.id, a.reference, a.title, a.blocked_by, l.rag as latest_rag,
                l.as_at as latest_as_at
         from action_findings af
         join action_items a on a.id = af.action_id
         left join latest l on l.action_id = a.id and l.n = 1
         where af.finding_id = ?1
         order by a.reference",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// Updates posted directly on a finding, newest first.
pub async fn list_updates(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<FindingUpdateRow>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.as_at, u.rag, u.narrative, u.evidence, u.corrects_id,
                exists (select 1 from progress_updates c where c.corrects_id = u.id) as corrected,
                us.display_name as author
         from progress_updates u
         join users us on us.id = u.author_id
         where u.finding_id = ?
         order by u.as_at desc, u.id desc",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// Every finding, labelled for a drop-down, in report order.
pub async fn list_choices(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<FindingChoiceRow>, sqlx::Error> {
    sqlx::query_as(
        "select f.id, i.title || ' – ' || f.reference as label
         from findings f
         join inspections i on i.id = f.inspection_id
         order by i.published_on, f.inspection_id, length(f.reference), f.reference",
    )
    .fetch_all(db)
    .await
}
