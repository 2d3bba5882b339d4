//! Full-text search over inspections, findings, action-plan items and progress updates (FTS5),
//! each hit with the body and inspection it belongs to.

use sqlx::SqliteConnection;

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

/// The best `limit` matches of an FTS5 query (already made safe by domain::search) among the
/// records of the bodies in `scope`: others are left out before the limit, so they are not
/// even counted. Two statements: the best matches' rowids first (FTS5's own rank order, and
/// for a limited scope each match's body), then snippets, bodies and reports for those alone –
/// a snippet costs far more than a rank, and a common word matches thousands of records.
pub async fn search(
    db: &mut SqliteConnection,
    fts_query: &str,
    scope: &Scope,
    limit: i64,
) -> Result<Vec<HitRow>, sqlx::Error> {
    let best: Vec<i64> = match scope.as_json() {
        None => {
            sqlx::query_scalar(
                "select rowid from search_index where search_index match ?1
                 order by rank limit ?2",
            )
            .bind(fts_query)
            .bind(limit)
            .fetch_all(&mut *db)
            .await?
        }
        Some(bodies) => {
            sqlx::query_scalar(&format!(
                "select s.rowid {FROM_HITS}
                 where search_index match ?1
                   and coalesce(a.body_id, i.body_id) in (select value from json_each(?2))
                 order by s.rank limit ?3"
            ))
            .bind(fts_query)
            .bind(bodies)
            .bind(limit)
            .fetch_all(&mut *db)
            .await?
        }
    };
    let rowids = serde_json::to_string(&best).unwrap_or_else(|_| "[]".into());
    sqlx::query_as(&format!(
        "select s.rowid % 4 as kind, s.rowid / 4 as id, s.title,
                snippet(search_index, -1, char(57344), char(57345), '…', 16) as snippet,
                u.action_id, u.finding_id,
                b.name as body_name, i.id as inspection_id, i.title as inspection_title
         {FROM_HITS}
         join inspected_bodies b on b.id = coalesce(a.body_id, i.body_id)
         where search_index match ?1
           and s.rowid in (select value from json_each(?2))
         order by s.rank"
    ))
    .bind(fts_query)
    .bind(rowids)
    .fetch_all(&mut *db)
    .await
}

/// Each match with the update it may be, the finding and action it is about, and its report
/// (a finding's, or the first whose findings an action addresses).
const FROM_HITS: &str = "from search_index s
    left join progress_updates u on s.rowid % 4 = 3 and u.id = s.rowid / 4
    left join findings f on f.id = (case s.rowid % 4
        when 1 then s.rowid / 4 when 3 then u.finding_id end)
    left join action_items a on a.id = (case s.rowid % 4
        when 2 then s.rowid / 4 when 3 then u.action_id end)
    left join inspections i on i.id = (case
        when s.rowid % 4 = 0 then s.rowid / 4
        when f.id is not null then f.inspection_id
        else (select min(af_f.inspection_id) from action_findings af
              join findings af_f on af_f.id = af.finding_id
              where af.action_id = a.id) end)";
