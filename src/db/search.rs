//! Full-text search over findings, action-plan items and progress updates (FTS5).

use sqlx::SqliteExecutor;

/// Marks around matched words in a snippet (private-use characters, never typed by people),
/// so the view can highlight them while escaping everything.
pub const MATCH_START: char = '\u{e000}';
pub const MATCH_END: char = '\u{e001}';

/// One hit. `kind` is 1 finding, 2 action-plan item, 3 update (the rowid encoding).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HitRow {
    pub kind: i64,
    pub id: i64,
    pub title: String,
    pub snippet: String,
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
}

/// The best `limit` matches of an FTS5 query (already made safe by domain::search).
pub async fn search(
    db: impl SqliteExecutor<'_>,
    fts_query: &str,
    limit: i64,
) -> Result<Vec<HitRow>, sqlx::Error> {
    sqlx::query_as(
        "select s.rowid % 4 as kind, s.rowid / 4 as id, s.title,
                snippet(search_index, -1, char(57344), char(57345), '…', 16) as snippet,
                u.action_id, u.finding_id
         from search_index s
         left join progress_updates u on s.rowid % 4 = 3 and u.id = s.rowid / 4
         where search_index match ?
         order by s.rank
         limit ?",
    )
    .bind(fts_query)
    .bind(limit)
    .fetch_all(db)
    .await
}
