//! Proposals to move a milestone's date, usually from the force, awaiting the office's decision.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::SqliteExecutor;

use crate::domain::milestones::NewProposal;
use crate::domain::vocab::{ProposalStatus, ReasonCategory};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ProposalRow {
    pub id: i64,
    pub milestone_id: i64,
    pub milestone_title: String,
    pub action_id: i64,
    pub action_reference: String,
    pub action_title: String,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub proposed_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub requested_by: String,
    pub proposed_by: i64,
    pub proposed_by_name: String,
    pub proposed_at: String,
    pub status: ProposalStatus,
    pub decided_at: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub decision_reason: Option<String>,
}

const SELECT: &str = "select p.id, p.milestone_id, m.title as milestone_title, m.action_id,
        a.reference as action_reference, a.title as action_title, m.original_due_on,
        m.current_due_on, p.proposed_due_on, p.reason_category, p.reason, p.requested_by,
        p.proposed_by, u.display_name as proposed_by_name, p.proposed_at, p.status,
        p.decided_at, p.decided_on, p.decision_reason
     from revision_proposals p
     join milestones m on m.id = p.milestone_id
     join action_items a on a.id = m.action_id
     join users u on u.id = p.proposed_by";

/// Every pending proposal, oldest first.
pub async fn list_pending(db: impl SqliteExecutor<'_>) -> Result<Vec<ProposalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where p.status = 'pending' order by p.proposed_at, p.id"
    ))
    .fetch_all(db)
    .await
}

/// Every proposal about an action's milestones, newest first.
pub async fn list_for_action(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
) -> Result<Vec<ProposalRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where m.action_id = ? order by p.id desc"
    ))
    .bind(action_id)
    .fetch_all(db)
    .await
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<ProposalRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where p.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    new: &NewProposal,
    proposed_by: i64,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into revision_proposals (milestone_id, proposed_due_on, reason_category, reason,
             requested_by, proposed_by, proposed_at)
         values (?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.milestone_id)
    .bind(new.proposed_due_on)
    .bind(new.reason_category)
    .bind(&new.reason)
    .bind(&new.requested_by)
    .bind(proposed_by)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

/// Record the decision on a pending proposal; `false` if it was already decided.
pub async fn decide(
    db: impl SqliteExecutor<'_>,
    id: i64,
    status: ProposalStatus,
    decided_by: i64,
    reason: Option<&str>,
    (decided_on, now): (NaiveDate, DateTime<Utc>),
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update revision_proposals
         set status = ?, decided_by = ?, decided_at = ?, decided_on = ?,
             decision_reason = ?, version = version + 1
         where id = ? and status = 'pending'",
    )
    .bind(status)
    .bind(decided_by)
    .bind(super::timestamp(now))
    .bind(decided_on)
    .bind(reason)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
