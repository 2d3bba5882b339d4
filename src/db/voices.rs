//! The three voices on every finding – force position, PCC assurance, inspectorate position –
//! loaded side by side (never merged) in one query, as the record stood on any date.
//!
//! Force position: for each action-plan item addressing the finding, its latest update (by
//! as-at date, ignoring updates that have been corrected), and the latest update made directly
//! on the finding; the finding shows the most severe of these (red, then amber, then green;
//! blue – complete – only when every one is blue). Assurance and inspectorate position are the
//! latest whole-finding judgement (part-level judgements are shown with the parts).
//!
//! Each "latest" is one index search per action or finding (a correlated `limit 1`), so the
//! whole record's voices cost tens of thousands of lookups, not a sort of every update.

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
    /// The position's judgement in the report's own words.
    pub position_words: Option<String>,
}

/// The common table expressions `inputs` and `force` (`finding_id`, `severity`, `as_at`): the
/// force position, as at `?1`, of each finding of a `scoped` table (with an `id` column)
/// defined before them. Shared with the API's lists, so both say the same.
pub const FORCE_POSITION: &str = "inputs as (
             select af.finding_id,
                    (select u.id
                     from progress_updates u
                     where u.action_id = af.action_id
                       and u.as_at <= ?1
                       and not exists (select 1 from progress_updates c
                                       where c.corrects_id = u.id)
                     order by u.as_at desc, u.id desc
                     limit 1) as update_id
             from action_findings af
             where af.finding_id in (select id from scoped)
             union all
             select s.id,
                    (select u.id
                     from progress_updates u
                     where u.finding_id = s.id
                       and u.as_at <= ?1
                       and not exists (select 1 from progress_updates c
                                       where c.corrects_id = u.id)
                     order by u.as_at desc, u.id desc
                     limit 1)
             from scoped s
         ),
         force as (
             select i.finding_id,
                    max(case u.rag when 'red' then 4 when 'amber' then 3 when 'green' then 2 else 1 end)
                        as severity,
                    max(u.as_at) as as_at
             from inputs i
             join progress_updates u on u.id = i.update_id
             group by i.finding_id
         )";

/// The force position's token from `force.severity` (null with no update).
pub const FORCE_RAG: &str = "case force.severity when 4 then 'red' when 3 then 'amber' when 2 then 'green' when 1 then 'blue' end";

/// Joins of finding `s` to its latest whole-finding assessment `a` and inspectorate position
/// `p` as at `?1`.
pub const LATEST_JUDGEMENTS: &str = "left join assessments a on a.id = (
             select x.id from assessments x
             where x.finding_id = s.id and x.part_id is null
               and x.assessed_on <= ?1
             order by x.assessed_on desc, x.id desc
             limit 1)
         left join inspectorate_positions p on p.id = (
             select x.id from inspectorate_positions x
             where x.finding_id = s.id and x.part_id is null
               and x.as_at <= ?1
             order by x.as_at desc, x.id desc
             limit 1)";

/// Which findings to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Inspection(i64),
    Finding(i64),
}

/// The three voices for every finding in `scope`, as the record stood at the end of `as_at`
/// (by the dates things took effect, whenever they were typed; a corrected update gives way
/// to its correction), in report order.
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
    // One of three fixed conditions, so that one finding is a lookup by id, not a scan.
    let condition = match scope {
        Scope::All => "true",
        Scope::Inspection(_) => "inspection_id = ?3",
        Scope::Finding(_) => "id = ?4",
    };
    select(db, condition, None, inspection, finding, as_at).await
}

/// The three voices for every finding of the bodies `bodies`, as [`list`] gives them.
pub async fn list_for_bodies(
    db: impl SqliteExecutor<'_>,
    bodies: &[i64],
    as_at: NaiveDate,
) -> Result<Vec<VoicesRow>, sqlx::Error> {
    let condition = "inspection_id in (select id from inspections
                                       where body_id in (select value from json_each(?2)))";
    let bodies = serde_json::to_string(bodies).unwrap_or_else(|_| "[]".into());
    select(db, condition, Some(bodies), None, None, as_at).await
}

async fn select(
    db: impl SqliteExecutor<'_>,
    condition: &str,
    bodies: Option<String>,
    inspection: Option<i64>,
    finding: Option<i64>,
    as_at: NaiveDate,
) -> Result<Vec<VoicesRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "with scoped as (
             select id, inspection_id
             from findings
             where {condition}
         ),
         {FORCE_POSITION}
         select s.id as finding_id,
                s.inspection_id,
                {FORCE_RAG} as force_rag,
                force.as_at as force_as_at,
                a.level as assurance,
                a.assessed_on,
                p.position,
                p.as_at as position_as_at,
                p.superseded_by_id,
                p.report_words as position_words
         from scoped s
         left join force on force.finding_id = s.id
         {LATEST_JUDGEMENTS}
         order by s.inspection_id, s.id"
    ))
    .bind(as_at)
    .bind(bodies)
    .bind(inspection)
    .bind(finding)
    .fetch_all(db)
    .await
}
