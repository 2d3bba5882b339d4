//! Full-text search over inspections, findings, action-plan items and progress updates (FTS5),
//! each hit with the body and inspection it belongs to.

use super::withdrawals;
use sqlx::SqliteExecutor;

use crate::domain::scope::Scope;

/// Marks around matched words in a snippet (private-use characters, never typed by people),
/// so the view can highlight them while escaping everything.
pub const MATCH_START: char = '\u{e000}';
pub const MATCH_END: char = '\u{e001}';

/// One hit. `kind` is 0 inspection, 1 finding, 2 action-plan item, 3 update (the rowid
/// encoding). `inspection_id` is the report a finding (or the update on one) comes from, or
/// the first report whose findings an action addresses.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HitRow {
    pub kind: i64,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub body_name: String,
    pub inspection_id: Option<i64>,
    pub inspection_title: Option<String>,
}

/// The best `limit` matches after the first `offset` of an FTS5 query (already made safe by domain::search) among the
/// records of the bodies in `scope`: others are left out before the limit, so they are not
/// even counted. A snippet costs far more than a rank and a common word matches thousands of
/// records, so for every body FTS5 picks the best matches in its own rank order and makes
/// snippets for those alone; a limited scope makes them for its own bodies' matches.
pub async fn search(
    db: impl SqliteExecutor<'_>,
    fts_query: &str,
    scope: &Scope,
    limit: i64,
    offset: i64,
) -> Result<Vec<HitRow>, sqlx::Error> {
    let (best, in_scope, rest) = match scope {
        Scope::All => ("order by s.rank limit ?3 offset ?4", "?2 is null", ""),
        Scope::Bodies(_) => ("", "b.id in (select value from json_each(?2))", "offset ?4"),
    };
    sqlx::query_as(&format!(
        "select h.rowid % 4 as kind, h.rowid / 4 as id, h.title, h.snippet,
                u.action_id, u.finding_id,
                b.name as body_name, i.id as inspection_id, i.title as inspection_title
         from (select s.rowid, s.title, s.rank,
                      snippet(search_index, -1, char(57344), char(57345), '…', 16) as snippet
               from search_index s
               where search_index match ?1
               {best}) h
         left join progress_updates u on h.rowid % 4 = 3 and u.id = h.rowid / 4
         left join findings f on f.id = (case h.rowid % 4
             when 1 then h.rowid / 4 when 3 then u.finding_id end)
         left join action_items a on a.id = (case h.rowid % 4
             when 2 then h.rowid / 4 when 3 then u.action_id end)
         left join inspections i on i.id = (case
             when h.rowid % 4 = 0 then h.rowid / 4
             when f.id is not null then f.inspection_id
             else (select min(af_f.inspection_id) from action_findings af
                   join findings af_f on af_f.id = af.finding_id
                   where af.action_id = a.id) end)
         join inspected_bodies b on b.id = coalesce(a.body_id, i.body_id)
         where {in_scope}
           and (f.id is null or {finding})
           and (a.id is null or {action})
           and (h.rowid % 4 <> 0 or {inspection})
         order by h.rank
         limit ?3 {rest}",
        finding = withdrawals::finding_live("f"),
        action = withdrawals::action_live("a"),
        inspection = withdrawals::inspection_live("i"),
    ))
    .bind(fts_query)
    .bind(scope.as_json())
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}
