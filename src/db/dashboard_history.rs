//! The dated history behind the dashboards' charts and the assurance matrix: positions and
//! updates for the burn-down, judgements made at meetings, and performance measure readings.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::SqliteConnection;

use super::withdrawals::{action_live, finding_live};
use crate::domain::dashboard::end_of_day;
use crate::domain::dashboard::history::{
    BurnFinding, History, MeasureRow, MeetingColumn, MeetingJudgement,
};
use crate::domain::vocab::{Assurance, InspectoratePosition, Rag};

/// The findings (of reports published by `as_at`) and their dated history, for the burn-down.
pub async fn burn_down_inputs(
    db: &mut SqliteConnection,
    as_at: NaiveDate,
) -> Result<(Vec<BurnFinding>, History), sqlx::Error> {
    // Withdrawn findings (and those of withdrawn inspections) are left out.
    let findings: Vec<(i64, i64, NaiveDate)> = sqlx::query_as(&format!(
        "select f.id, f.inspection_id, i.published_on
         from findings f
         join inspections i on i.id = f.inspection_id
         where i.published_on <= ?1
           and {}
         order by f.inspection_id, f.id",
        finding_live("f")
    ))
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    let links = super::dashboard::list_action_findings(&mut *db).await?;
    let positions: Vec<(i64, NaiveDate, InspectoratePosition)> = sqlx::query_as(
        "select finding_id, as_at, position
         from inspectorate_positions
         where part_id is null
           and as_at <= ?1
         order by finding_id, as_at, id",
    )
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    let updates: Vec<(i64, NaiveDate, Rag)> = sqlx::query_as(
        "select u.action_id, u.as_at, u.rag
         from progress_updates u
         where u.action_id is not null
           and u.as_at <= ?1
           and not exists (select 1 from progress_updates c
                           where c.corrects_id = u.id)
         order by u.action_id, u.as_at, u.id",
    )
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    let mut actions_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (action, finding) in links {
        actions_of.entry(finding).or_default().push(action);
    }
    let findings = findings
        .into_iter()
        .map(|(id, inspection_id, published_on)| BurnFinding {
            action_ids: actions_of.remove(&id).unwrap_or_default(),
            id,
            inspection_id,
            published_on,
        })
        .collect();
    let mut history = History::default();
    for (finding, at, position) in positions {
        history
            .positions
            .entry(finding)
            .or_default()
            .push((at, position));
    }
    for (action, at, rag) in updates {
        history.updates.entry(action).or_default().push((at, rag));
    }
    Ok((findings, history))
}

/// Meetings held by `as_at`, in date order, and the whole-finding judgements made at them.
pub async fn matrix_inputs(
    db: &mut SqliteConnection,
    as_at: NaiveDate,
) -> Result<(Vec<MeetingColumn>, Vec<MeetingJudgement>), sqlx::Error> {
    let meetings = sqlx::query_as(
        "select id, title, date(starts_at) as held_on
         from meetings
         where status = 'held'
           and withdrawn_on is null
           and date(starts_at) <= ?1
         order by starts_at, id",
    )
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    let judgements: Vec<(i64, i64, Assurance)> = sqlx::query_as(
        "select finding_id, meeting_id, level
         from assessments
         where meeting_id is not null
           and part_id is null
           and assessed_on <= ?1
         order by assessed_on, id",
    )
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    let judgements = judgements
        .into_iter()
        .map(|(finding_id, meeting_id, level)| MeetingJudgement {
            finding_id,
            meeting_id,
            level,
        })
        .collect();
    Ok((meetings, judgements))
}

/// Performance measures and their readings taken by `as_at` (whenever they were typed): a
/// measure counts from its creation, its baseline's date or its first reading, whichever is
/// earliest.
pub async fn measures(
    db: &mut SqliteConnection,
    as_at: NaiveDate,
) -> Result<(Vec<MeasureRow>, Vec<(i64, NaiveDate, f64)>), sqlx::Error> {
    let end = end_of_day(as_at);
    let measures = sqlx::query_as(&format!(
        "select m.id, m.finding_id, m.action_id, m.name, m.unit, m.baseline, m.target, m.better
         from performance_measures m
         left join findings f on f.id = m.finding_id
         left join action_items a on a.id = m.action_id
         where (m.created_at <= ?1
                or m.baseline_on <= ?2
                or exists (select 1 from measure_readings r
                           where r.measure_id = m.id and r.taken_on <= ?2))
           and m.withdrawn_on is null
           and (m.finding_id is null or {})
           and (m.action_id is null or {})
         order by m.id",
        finding_live("f"),
        action_live("a")
    ))
    .bind(&end)
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    let readings = sqlx::query_as(
        "select measure_id, taken_on, value
         from measure_readings
         where taken_on <= ?1
         order by measure_id, taken_on, id",
    )
    .bind(as_at)
    .fetch_all(&mut *db)
    .await?;
    Ok((measures, readings))
}
