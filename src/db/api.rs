//! The API's lists: a page at a time in id order (`id > after`, one more row than the page
//! asks, so the caller knows whether there is another), scoped to the caller's bodies with
//! withdrawn records left out, one query a page whatever its size. Single records are read
//! through the pages' own queries; [`stands`] says whether one is withdrawn.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;
use sqlx::types::Json;

use super::scope::{body_in_scope, meeting_in_scope};
use super::voices::{FORCE_POSITION, FORCE_RAG, LATEST_JUDGEMENTS};
use super::withdrawals::{action_live, finding_live, inspection_live};
use crate::domain::dashboard::filters::{NO_UPDATE, NOT_ASSESSED, NOT_RECORDED};
use crate::domain::scope::{Record, Scope};
use crate::domain::vocab::{
    Assurance, FindingKind, InspectionKind, InspectoratePosition, MeetingKind, MeetingStatus, Rag,
    Source, Timescale,
};

/// Which rows of a list: those after the id `after`, at most `fetch` of them (`None`: all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    pub after: i64,
    pub fetch: Option<i64>,
}

impl Rows {
    /// Every row, for a list inside one record (an inspection's findings).
    pub const ALL: Rows = Rows {
        after: 0,
        fetch: None,
    };

    /// SQLite reads a negative limit as none.
    fn limit(&self) -> i64 {
        self.fetch.unwrap_or(-1)
    }
}

/// A JSON array of ids for `json_each`, or null for "no filter" when `ids` is empty.
fn ids_or_null(ids: &[i64]) -> Option<String> {
    (!ids.is_empty()).then(|| serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()))
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InspectionListRow {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub title: String,
    pub kind: InspectionKind,
    pub source: Source,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
}

/// The inspections of the bodies in `scope` (and of `bodies`, when any are named).
pub async fn list_inspections(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    bodies: &[i64],
    rows: Rows,
) -> Result<Vec<InspectionListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select i.id, i.body_id, b.name as body_name, i.title, i.kind, i.source, i.published_on,
                i.report_url
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         where i.id > ?2
           and {}
           and {}
           and {}
         order by i.id
         limit ?3",
        body_in_scope("i.body_id", 1),
        body_in_scope("i.body_id", 4),
        inspection_live("i"),
    ))
    .bind(scope.as_json())
    .bind(rows.after)
    .bind(rows.limit())
    .bind(ids_or_null(bodies))
    .fetch_all(db)
    .await
}

/// What a list of findings is narrowed to, as the dashboards' findings list narrows it. A
/// voice given as `Some(None)` asks for findings without that voice yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingFilter {
    pub bodies: Vec<i64>,
    pub inspection: Option<i64>,
    pub kind: Option<FindingKind>,
    /// Part of the area's name, in any case.
    pub area: Option<String>,
    pub rag: Option<Option<Rag>>,
    pub assurance: Option<Option<Assurance>>,
    pub position: Option<Option<InspectoratePosition>>,
}

impl FindingFilter {
    fn narrows_voices(&self) -> bool {
        self.rag.is_some() || self.assurance.is_some() || self.position.is_some()
    }
}

/// The token a voice filter compares with: the voice's own, or the dashboards' "none yet".
fn voice<T>(
    filter: Option<Option<T>>,
    token: fn(&T) -> &'static str,
    none: &'static str,
) -> Option<&'static str> {
    filter.map(|v| v.as_ref().map_or(none, token))
}

/// One finding with its three voices as at a date.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FindingListRow {
    pub id: i64,
    pub inspection_id: i64,
    pub body_id: i64,
    pub parent_id: Option<i64>,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
    pub force_rag: Option<Rag>,
    pub force_as_at: Option<NaiveDate>,
    pub assurance: Option<Assurance>,
    pub assessed_on: Option<NaiveDate>,
    pub position: Option<InspectoratePosition>,
    pub position_as_at: Option<NaiveDate>,
    pub position_words: Option<String>,
}

/// The findings of the bodies in `scope` that `filter` admits, with their voices as at the
/// end of `as_at` (worked out as `db::voices` works them out for the dashboards).
pub async fn list_findings(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    filter: &FindingFilter,
    as_at: NaiveDate,
    rows: Rows,
) -> Result<Vec<FindingListRow>, sqlx::Error> {
    // Without a voice to filter by, only the page's findings need their voices worked out;
    // with one, every candidate does before the page can be cut.
    let candidates = match filter.narrows_voices() {
        true => -1,
        false => rows.limit(),
    };
    sqlx::query_as(&format!(
        "with scoped as (
             select f.id
             from findings f
             join inspections i on i.id = f.inspection_id
             where f.id > ?2
               and {scope}
               and {bodies}
               and {live}
               and (?6 is null or f.inspection_id = ?6)
               and (?7 is null or f.kind = ?7)
               and (?8 is null or instr(lower(f.area), lower(?8)) > 0)
             order by f.id
             limit ?3
         ),
         {FORCE_POSITION}
         select f.id, f.inspection_id, i.body_id, f.parent_id, f.kind, f.reference, f.area,
                case when f.timescale_not_stated = 1 then 'not_stated' else f.timescale end
                    as timescale,
                f.timescale_date,
                {FORCE_RAG} as force_rag,
                force.as_at as force_as_at,
                a.level as assurance,
                a.assessed_on,
                p.position,
                p.as_at as position_as_at,
                p.report_words as position_words
         from scoped s
         join findings f on f.id = s.id
         join inspections i on i.id = f.inspection_id
         left join force on force.finding_id = s.id
         {LATEST_JUDGEMENTS}
         where (?9 is null or coalesce({FORCE_RAG}, '{NO_UPDATE}') = ?9)
           and (?10 is null or coalesce(a.level, '{NOT_ASSESSED}') = ?10)
           and (?11 is null or coalesce(p.position, '{NOT_RECORDED}') = ?11)
         order by f.id
         limit ?4",
        scope = body_in_scope("i.body_id", 5),
        bodies = body_in_scope("i.body_id", 12),
        live = finding_live("f"),
    ))
    .bind(as_at)
    .bind(rows.after)
    .bind(candidates)
    .bind(rows.limit())
    .bind(scope.as_json())
    .bind(filter.inspection)
    .bind(filter.kind)
    .bind(filter.area.as_deref())
    .bind(voice(filter.rag, Rag::as_str, NO_UPDATE))
    .bind(voice(filter.assurance, Assurance::as_str, NOT_ASSESSED))
    .bind(voice(
        filter.position,
        InspectoratePosition::as_str,
        NOT_RECORDED,
    ))
    .bind(ids_or_null(&filter.bodies))
    .fetch_all(db)
    .await
}

/// One action-plan item with its latest update and the findings it addresses.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ActionListRow {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub reference: String,
    pub title: String,
    pub owner_role: String,
    pub owner_name: String,
    pub blocked_by: Option<String>,
    pub blocked_since: Option<NaiveDate>,
    pub latest_rag: Option<Rag>,
    pub latest_as_at: Option<NaiveDate>,
    /// The findings it addresses that stand, by id.
    pub finding_ids: Json<Vec<i64>>,
}

/// The action-plan items of the bodies in `scope` (and of `bodies`, when any are named),
/// those addressing `finding` when it is given.
pub async fn list_actions(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    bodies: &[i64],
    finding: Option<i64>,
    rows: Rows,
) -> Result<Vec<ActionListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select a.id, a.body_id, b.name as body_name, a.reference, a.title, a.owner_role,
                a.owner_name, a.blocked_by, a.blocked_since,
                lu.rag as latest_rag, lu.as_at as latest_as_at,
                (select json_group_array(finding_id) from (
                     select af.finding_id
                     from action_findings af
                     join findings f on f.id = af.finding_id
                     where af.action_id = a.id
                       and {finding_live}
                     order by af.finding_id)) as finding_ids
         from action_items a
         join inspected_bodies b on b.id = a.body_id
         left join progress_updates lu on lu.id = (
             select u.id from progress_updates u
             where u.action_id = a.id
               and not exists (select 1 from progress_updates c where c.corrects_id = u.id)
             order by u.as_at desc, u.id desc
             limit 1)
         where a.id > ?2
           and {scope}
           and {bodies}
           and {action_live}
           and (?5 is null or exists (select 1 from action_findings x
                                      where x.action_id = a.id and x.finding_id = ?5))
         order by a.id
         limit ?3",
        finding_live = finding_live("f"),
        scope = body_in_scope("a.body_id", 1),
        bodies = body_in_scope("a.body_id", 4),
        action_live = action_live("a"),
    ))
    .bind(scope.as_json())
    .bind(rows.after)
    .bind(rows.limit())
    .bind(ids_or_null(bodies))
    .bind(finding)
    .fetch_all(db)
    .await
}

/// The findings an action addresses that stand and that `scope` sees, by id.
pub async fn list_action_finding_ids(
    db: impl SqliteExecutor<'_>,
    action_id: i64,
    scope: &Scope,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(&format!(
        "select af.finding_id
         from action_findings af
         join findings f on f.id = af.finding_id
         join inspections i on i.id = f.inspection_id
         where af.action_id = ?2
           and {}
           and {}
         order by af.finding_id",
        body_in_scope("i.body_id", 1),
        finding_live("f"),
    ))
    .bind(scope.as_json())
    .bind(action_id)
    .fetch_all(db)
    .await
}

/// What a list of updates is narrowed to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateFilter {
    pub action: Option<i64>,
    /// Updates posted on the finding itself (not on the actions addressing it).
    pub finding: Option<i64>,
    /// Updates describing the position on this day or later.
    pub since: Option<NaiveDate>,
}

/// The progress updates on the actions and findings of the bodies in `scope` that stand.
pub async fn list_updates(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    filter: UpdateFilter,
    rows: Rows,
) -> Result<Vec<super::updates::UpdateRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select u.*, au.display_name as author_name
         from progress_updates u
         join users au on au.id = u.author_id
         left join action_items a on a.id = u.action_id
         left join findings f on f.id = u.finding_id
         left join inspections i on i.id = f.inspection_id
         where u.id > ?2
           and {scope}
           and ((u.action_id is not null and {action_live})
                or (u.finding_id is not null and {finding_live}))
           and (?4 is null or u.action_id = ?4)
           and (?5 is null or u.finding_id = ?5)
           and (?6 is null or u.as_at >= ?6)
         order by u.id
         limit ?3",
        scope = body_in_scope("coalesce(a.body_id, i.body_id)", 1),
        action_live = action_live("a"),
        finding_live = finding_live("f"),
    ))
    .bind(scope.as_json())
    .bind(rows.after)
    .bind(rows.limit())
    .bind(filter.action)
    .bind(filter.finding)
    .bind(filter.since)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MeetingListRow {
    pub id: i64,
    pub kind: MeetingKind,
    pub title: String,
    pub starts_at: String,
    pub location: String,
    pub status: MeetingStatus,
    pub update_deadline: Option<NaiveDate>,
}

/// The meetings `scope` sees (all of whose bodies it admits) that stand.
pub async fn list_meetings(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    rows: Rows,
) -> Result<Vec<MeetingListRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select id, kind, title, starts_at, location, status, update_deadline
         from meetings
         where id > ?2
           and withdrawn_on is null
           and {}
         order by id
         limit ?3",
        meeting_in_scope("meetings.id", 1)
    ))
    .bind(scope.as_json())
    .bind(rows.after)
    .bind(rows.limit())
    .fetch_all(db)
    .await
}

/// Whether record `id` stands: it exists and neither it nor anything it hangs under is
/// withdrawn. The API shows withdrawn records nowhere, single ones included.
pub async fn stands(
    db: impl SqliteExecutor<'_>,
    record: Record,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let condition = match record {
        Record::Inspection => format!(
            "exists (select 1 from inspections i where i.id = ?1 and {})",
            inspection_live("i")
        ),
        Record::Finding => format!(
            "exists (select 1 from findings f where f.id = ?1 and {})",
            finding_live("f")
        ),
        Record::Action => format!(
            "exists (select 1 from action_items a where a.id = ?1 and {})",
            action_live("a")
        ),
        Record::Measure => format!(
            "exists (select 1 from performance_measures m
                     left join action_items a on a.id = m.action_id
                     left join findings f on f.id = m.finding_id
                     where m.id = ?1 and m.withdrawn_on is null
                       and ((m.action_id is not null and {})
                            or (m.finding_id is not null and {})))",
            action_live("a"),
            finding_live("f")
        ),
        Record::Meeting => {
            "exists (select 1 from meetings where id = ?1 and withdrawn_on is null)".to_string()
        }
        // The API reads no other record on its own.
        _ => "false".to_string(),
    };
    sqlx::query_scalar(&format!("select {condition}"))
        .bind(id)
        .fetch_one(db)
        .await
}
