//! Search over inspections, findings, action-plan items and updates, within the viewer's bodies.

use axum::extract::{Query, State};
use maud::Markup;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::domain::search::{PER_PAGE, fts_query, page_number};
use crate::error::AppResult;
use crate::views::search::{Results, search_page};
use crate::{AppState, db};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub page: String,
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> AppResult<Markup> {
    let typed: String = query.q.chars().take(200).collect();
    let page = page_number(&query.page);
    // One more than a page, to know whether there is a next one.
    let (limit, offset) = (PER_PAGE as i64 + 1, ((page - 1) * PER_PAGE) as i64);
    let hits = match fts_query(&typed) {
        Some(q) => Some(db::search::search(&state.db, &q, &user.scope, limit, offset).await?),
        None => None,
    };
    let many_bodies = db::bodies::count(&state.db).await? > 1;
    Ok(search_page(
        &super::chrome(&state, Some(&user)),
        &Results {
            typed: &typed,
            hits: hits.as_deref(),
            page,
            many_bodies,
        },
    ))
}
