//! Full-text search over inspections, findings, action-plan items and progress updates (FTS5),
//! each hit with the body and inspection it belongs to.

use std::sync::Arc;

use super::withdrawals;
use sqlx::SqliteExecutor;

use crate::domain::scope::Scope;

/// Marks around matched words in a snippet (private-use characters, never typed by people),
/// so the view can highlight them while escaping everything.
pub const MATCH_START: char = '\u{e000}';
pub const MATCH_END: char = '\u{e001}';

/// One hit. `kind` is 0 inspection, 1 finding, 2 action-plan item, 3 update (a rowid is
/// `(3 - kind) * 2^40 + id`, migration 0037). `inspection_id` is the report a finding (or the
/// update on one) comes from, or the first report whose findings an action addresses.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HitRow {
    pub rowid: i64,
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

/// What a search found, best first: rowids of [`ranked`] or hits of [`hits`], and whether
/// more records matched than were ranked (see [`ranked`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Found<T> {
    pub items: Arc<[T]>,
    pub narrowed: bool,
}

/// The rowids of the best `limit` matches of an FTS5 query (already made safe by
/// domain::search) over every record, best first, equal ranks in rowid order. Ranking scores
/// every match (bm25), and the commonest words match hundreds of thousands of records: when
/// more than `most` match, only the first `most` in the index's order from the top –
/// inspections, findings, action-plan items, each newest first, then the newest updates (the
/// rowids of migration 0037) – are ranked, and the answer says it was narrowed. Finding those
/// is a walk down the index, not a score for each. The handler keeps rankings for the record's
/// version; [`hits`] turns a page of one into results.
pub async fn ranked(
    db: impl SqliteExecutor<'_>,
    fts_query: &str,
    limit: i64,
    most: i64,
) -> Result<Found<i64>, sqlx::Error> {
    let rows: Vec<(i64, bool)> = sqlx::query_as(
        "with edge as materialized (
             select rowid from search_index where search_index match ?1
             order by rowid desc limit 2 offset ?3 - 1)
         select rowid, (select count(*) from edge) = 2 from search_index
         where search_index match ?1 and rowid >= coalesce((select max(rowid) from edge), 0)
         order by rank, rowid limit ?2",
    )
    .bind(fts_query)
    .bind(limit)
    .bind(most)
    .fetch_all(db)
    .await?;
    Ok(Found {
        narrowed: rows.first().is_some_and(|&(_, narrowed)| narrowed),
        items: rows.into_iter().map(|(rowid, _)| rowid).collect(),
    })
}

/// The hits for these rowids of [`ranked`], in their order, each with its snippet, body and
/// inspection; withdrawn records are left out.
pub async fn hits(
    db: impl SqliteExecutor<'_>,
    fts_query: &str,
    rowids: &[i64],
) -> Result<Vec<HitRow>, sqlx::Error> {
    let ids = serde_json::to_string(rowids).unwrap_or_else(|_| "[]".into());
    let mut hits: Vec<HitRow> = sqlx::query_as(&hits_sql(
        "s.rowid in (select value from json_each(?2))",
        "1",
        "",
    ))
    .bind(fts_query)
    .bind(ids)
    .fetch_all(db)
    .await?;
    hits.sort_by_key(|h| rowids.iter().position(|&r| r == h.rowid));
    Ok(hits)
}

/// The best `limit` matches after the first `offset` of an FTS5 query among the records of
/// the bodies in `scope` (a list of bodies: a viewer of every body uses [`ranked`]): others
/// are left out before the limit, so they are not even counted, and a limited scope's matches
/// are few enough to make a snippet for each.
pub async fn in_bodies(
    db: impl SqliteExecutor<'_>,
    fts_query: &str,
    scope: &Scope,
    limit: i64,
    offset: i64,
) -> Result<Vec<HitRow>, sqlx::Error> {
    sqlx::query_as(&hits_sql(
        "1",
        "b.id in (select value from json_each(?2))",
        "order by h.rank, h.rowid limit ?3 offset ?4",
    ))
    .bind(fts_query)
    .bind(scope.as_json())
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// Matches of `?1` that meet `which`, with their snippets, joined to their records and
/// bodies; withdrawn records are left out, and so are bodies not meeting `in_scope`.
fn hits_sql(which: &str, in_scope: &str, tail: &str) -> String {
    format!(
        "select h.rowid, {kind} as kind, {id} as id, h.title, h.snippet,
                u.action_id, u.finding_id,
                b.name as body_name, i.id as inspection_id, i.title as inspection_title
         from (select s.rowid, s.title, s.rank,
                      snippet(search_index, -1, char(57344), char(57345), '…', 16) as snippet
               from search_index s
               where search_index match ?1 and {which}) h
         left join progress_updates u on {kind} = 3 and u.id = {id}
         left join findings f on f.id = (case {kind}
             when 1 then {id} when 3 then u.finding_id end)
         left join action_items a on a.id = (case {kind}
             when 2 then {id} when 3 then u.action_id end)
         left join inspections i on i.id = (case
             when {kind} = 0 then {id}
             when f.id is not null then f.inspection_id
             else (select min(af_f.inspection_id) from action_findings af
                   join findings af_f on af_f.id = af.finding_id
                   where af.action_id = a.id) end)
         join inspected_bodies b on b.id = coalesce(a.body_id, i.body_id)
         where {in_scope}
           and (f.id is null or {finding})
           and (a.id is null or {action})
           and ({kind} <> 0 or {inspection})
         {tail}",
        kind = "(3 - (h.rowid >> 40))",
        id = "(h.rowid & 1099511627775)",
        finding = withdrawals::finding_live("f"),
        action = withdrawals::action_live("a"),
        inspection = withdrawals::inspection_live("i"),
    )
}
