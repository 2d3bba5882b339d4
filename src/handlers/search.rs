//! Search over inspections, findings, action-plan items and updates, within the viewer's bodies.

use axum::extract::{Query, State};
use maud::Markup;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::domain::search::fts_query;
use crate::error::AppResult;
use crate::views::search::search_page;
use crate::{AppState, db};

/// The most results shown.
const LIMIT: i64 = 100;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> AppResult<Markup> {
    let typed: String = query.q.chars().take(200).collect();
    let hits = match fts_query(&typed) {
        Some(q) => Some(db::search::search(&state.db, &q, &user.scope, LIMIT).await?),
        None => None,
    };
    let many_bodies = db::bodies::count(&state.db).await? > 1;
    Ok(search_page(
        &super::chrome(&state, Some(&user)),
        &typed,
        hits.as_deref(),
        many_bodies,
    ))
}
