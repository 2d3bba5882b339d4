//! The three voices on every finding – force position, PCC assurance, inspectorate position –
//! loaded side by side (never merged) in one query, as the record stood on any date.
//!
//! Force position: for each action-plan item addressing the finding, its latest update (by
//! as-at date, ignoring updates that have been corrected), and the latest update made directly
//! on the finding; the finding shows the most severe of these (red, then amber, then green;
//! blue – complete – only when every one is blue). Assurance and inspectorate position are the
//! latest whole-finding judgement (part-level judgements are shown with the parts).

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use crate::domain::vocab::{Assurance, InspectoratePosition, Rag};

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct VoicesRow {
    pub finding_id: i64,
    pub inspection_id: i64,
    pub force_rag: Option<Rag>,
    pub force_as_at: Option<NaiveDate>,
    pub assurance: Option<Assurance>,
    pub assessed_on: Option<NaiveDate>,
    pub position: Option<InspectoratePosition>,
    pub position_as_at: Option<NaiveDate>,
    pub superseded_by_id: Option<i64>,
}

/// Which findings to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Inspection(i64),
    Finding(i64),
}

/// The three voices for every finding in `scope`, as the record stood at the end of `as_at`
/// (only what was dated and entered by then counts), in report order.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    scope: Scope,
    as_at: NaiveDate,
) -> Result<Vec<VoicesRow>, sqlx::Error> {
    let (inspection, finding) = match scope {
        Scope::All => (None, None),
        Scope::Inspection(id) => (Some(id), None),
        Scope::Finding(id) => (None, Some(id)),
    };
    // Entered before the start of the next day (UTC text compares in order).
    let entered_before = format!("{}T23:59:60Z", as_at.format("%Y-%m-%d"));
    sqlx::query_as(
        "with scoped as (
             select id, inspection_id
             from findings
             where (?3 is null or inspection_id = ?3)
               and (?4 is null or id = ?4)
         ),
         live as (
             select u.id, u.action_id, u.finding_id, u.rag, u.as_at
             from progress_updates u
             where u.as_at <= ?1
               and u.entered_at <= ?2
               and (u.finding_id in (select id from scoped)
                    or u.action_id in (select af.action_id
                                       from action_findings af
                                       where af.finding_id in (select id from scoped)))
               and not exists (select 1
                               from progress_updates c
                               where c.corrects_id = u.id
                                 and c.entered_at <= ?2)
         ),
         latest as (
             select action_id, finding_id, rag, as_at,
                    row_number() over (partition by action_id, finding_id
                                       order by as_at desc, id desc) as n
             from live
         ),
         force_inputs as (
             select af.finding_id, l.rag, l.as_at
             from latest l
             join action_findings af on af.action_id = l.action_id
             where l.n = 1
             union all
             select finding_id, rag, as_at
             from latest
             where n = 1
               and finding_id is not null
         ),
         force as (
             select finding_id,
                    max(case rag when 'red' then 4 when 'amber' then 3 when 'green' then 2 else 1 end)
                        as severity,
                    max(as_at) as as_at
             from force_inputs
             group by finding_id
         ),
         assurance as (
             select finding_id, level, assessed_on,
                    row_number() over (partition by finding_id order by assessed_on desc, id desc) as n
             from assessments
             where part_id is null
               and assessed_on <= ?1
               and created_at <= ?2
               and finding_id in (select id from scoped)
         ),
         position as (
             select finding_id, position, as_at, superseded_by_id,
                    row_number() over (partition by finding_id order by as_at desc, id desc) as n
             from inspectorate_positions
             where part_id is null
               and as_at <= ?1
               and created_at <= ?2
               and finding_id in (select id from scoped)
         )
         select s.id as finding_id,
                s.inspection_id,
                case force.severity
                    when 4 then 'red' when 3 then 'amber' when 2 then 'green' when 1 then 'blue'
                end as force_rag,
                force.as_at as force_as_at,
                a.level as assurance,
                a.assessed_on,
                p.position,
                p.as_at as position_as_at,
                p.superseded_by_id
         from scoped s
         left join force on force.finding_id = s.id
         left join assurance a on a.finding_id = s.id and a.n = 1
         left join position p on p.finding_id = s.id and p.n = 1
         order by s.inspection_id, s.id",
    )
    .bind(as_at)
    .bind(entered_before)
    .bind(inspection)
    .bind(finding)
    .fetch_all(db)
    .await
}
