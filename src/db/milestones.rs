//! Milestones and their revisions, and THE one place that loads them for roll-ups.
//!
//! To show slips and states for any set of actions or findings, call
//! [`schedules_for_actions`], [`rollups_by_action`] or [`rollups_by_finding`]: each runs a
//! fixed number of queries (two or three) whatever the number of actions or milestones.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::milestones::NewMilestone;
use crate::domain::schedule::{MilestoneDates, Rollup};
use crate::domain::vocab::ReasonCategory;

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct MilestoneRow {
    pub id: i64,
    pub action_id: i64,
    pub title: String,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
    pub created_at: String,
    pub version: i64,
    /// Set when the milestone was withdrawn as entered in error (with the reason).
    #[sqlx(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<NaiveDate>,
    #[sqlx(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawal_reason: Option<String>,
}

/// An accepted move of a milestone's date, with who accepted it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RevisionRow {
    pub id: i64,
    pub milestone_id: i64,
    pub previous_due_on: NaiveDate,
    pub new_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub requested_by: String,
    pub accepted_by: i64,
    pub accepted_by_name: String,
    pub accepted_at: String,
    pub proposal_id: Option<i64>,
    /// The day the move took effect (may be long before `accepted_at`, when it was typed).
    pub decided_on: NaiveDate,
}

/// A milestone with its revisions, oldest first.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub milestone: MilestoneRow,
    pub revisions: Vec<RevisionRow>,
}

impl Schedule {
    /// The dates the domain roll-up needs.
    pub fn dates(&self) -> MilestoneDates {
        MilestoneDates {
            original_due_on: self.milestone.original_due_on,
            current_due_on: self.milestone.current_due_on,
            met_on: self.milestone.met_on,
            revisions: self
                .revisions
                .iter()
                .map(|r| (r.previous_due_on, r.new_due_on))
                .collect(),
        }
    }
}

/// A revision to insert (the database trigger then moves the milestone's current date).
#[derive(Debug, Clone, Serialize)]
pub struct NewRevision {
    pub milestone_id: i64,
    pub previous_due_on: NaiveDate,
    pub new_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub requested_by: String,
    pub accepted_by: i64,
    #[serde(serialize_with = "stamp")]
    pub accepted_at: DateTime<Utc>,
    pub proposal_id: Option<i64>,
    /// The day the move took effect; `accepted_at` is when it was typed.
    pub decided_on: NaiveDate,
}

/// An instant in the audit payload as it is stored.
fn stamp<S: serde::Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::timestamp(*at))
}

fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// Every milestone of the given actions with its revisions: two queries in all.
pub async fn schedules_for_actions(
    conn: &mut SqliteConnection,
    action_ids: &[i64],
) -> Result<Vec<Schedule>, sqlx::Error> {
    let ids = json_ids(action_ids);
    let milestones: Vec<MilestoneRow> = sqlx::query_as(
        "select * from milestones
         where action_id in (select value from json_each(?))
         order by action_id, original_due_on, id",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    let revisions: Vec<RevisionRow> = sqlx::query_as(
        "select r.*, u.display_name as accepted_by_name
         from milestone_revisions r
         join milestones m on m.id = r.milestone_id
         join users u on u.id = r.accepted_by
         where m.action_id in (select value from json_each(?))
         order by r.id",
    )
    .bind(&ids)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_milestone: HashMap<i64, Vec<RevisionRow>> = HashMap::new();
    for r in revisions {
        by_milestone.entry(r.milestone_id).or_default().push(r);
    }
    Ok(milestones
        .into_iter()
        .map(|m| Schedule {
            revisions: by_milestone.remove(&m.id).unwrap_or_default(),
            milestone: m,
        })
        .collect())
}

/// The roll-up of each action's milestones as at `today` (actions without any are absent).
pub async fn rollups_by_action(
    conn: &mut SqliteConnection,
    action_ids: &[i64],
    today: NaiveDate,
) -> Result<HashMap<i64, Rollup>, sqlx::Error> {
    let mut rollups: HashMap<i64, Rollup> = HashMap::new();
    for s in schedules_for_actions(conn, action_ids).await? {
        rollups
            .entry(s.milestone.action_id)
            .or_default()
            .add(&s.dates(), today);
    }
    Ok(rollups)
}

/// The roll-up per finding: every milestone of every action addressing it (a milestone of
/// an action serving two findings counts for both). Three queries in all.
pub async fn rollups_by_finding(
    conn: &mut SqliteConnection,
    finding_ids: &[i64],
    today: NaiveDate,
) -> Result<HashMap<i64, Rollup>, sqlx::Error> {
    let links: Vec<(i64, i64)> = sqlx::query_as(
        "select finding_id, action_id from action_findings
         where finding_id in (select value from json_each(?))",
    )
    .bind(json_ids(finding_ids))
    .fetch_all(&mut *conn)
    .await?;
    let mut action_ids: Vec<i64> = links.iter().map(|(_, a)| *a).collect();
    action_ids.sort_unstable();
    action_ids.dedup();
    let by_action = rollups_by_action(conn, &action_ids, today).await?;
    let mut rollups: HashMap<i64, Rollup> = HashMap::new();
    for (finding_id, action_id) in links {
        let entry = rollups.entry(finding_id).or_default();
        if let Some(r) = by_action.get(&action_id) {
            entry.absorb(r);
        }
    }
    Ok(rollups)
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<MilestoneRow>, sqlx::Error> {
    sqlx::query_as("select * from milestones where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: impl SqliteExecutor<'_>,
    new: &NewMilestone,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into milestones (action_id, title, original_due_on, current_due_on, created_at)
         values (?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.action_id)
    .bind(&new.title)
    .bind(new.due_on)
    .bind(new.due_on)
    .bind(super::timestamp(now))
    .fetch_one(db)
    .await
}

/// Insert a revision; the `milestone_revisions_move_milestone` trigger moves the date.
pub async fn insert_revision(
    db: impl SqliteExecutor<'_>,
    new: &NewRevision,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into milestone_revisions (milestone_id, previous_due_on, new_due_on,
             reason_category, reason, requested_by, accepted_by, accepted_at, proposal_id,
             decided_on)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.milestone_id)
    .bind(new.previous_due_on)
    .bind(new.new_due_on)
    .bind(new.reason_category)
    .bind(&new.reason)
    .bind(&new.requested_by)
    .bind(new.accepted_by)
    .bind(super::timestamp(new.accepted_at))
    .bind(new.proposal_id)
    .bind(new.decided_on)
    .fetch_one(db)
    .await
}

/// Undo a wrong "met": the milestone is open again; `false` if it was not marked met.
pub async fn clear_met(db: impl SqliteExecutor<'_>, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update milestones set met_on = null, version = version + 1
         where id = ? and met_on is not null",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Record the date a milestone was met; `false` if it had already been marked met.
pub async fn update_met(
    db: impl SqliteExecutor<'_>,
    id: i64,
    met_on: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update milestones set met_on = ?, version = version + 1
         where id = ? and met_on is null",
    )
    .bind(met_on)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
