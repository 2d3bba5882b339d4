//! Search over inspections, findings, action-plan items and updates, within the viewer's bodies.

use std::sync::Arc;

use axum::extract::{Query, State};
use maud::Markup;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::search::HitRow;
use crate::domain::scope::Scope;
use crate::domain::search::{PER_PAGE, RANKED_KEPT, fts_query, page_number, page_range};
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
    let hits = match fts_query(&typed) {
        Some(q) => Some(hits(&state, &q, &user.scope, page).await?),
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

/// Page `page` of the hits, and one more to tell whether there is a next page. A viewer of
/// every body is shown the page kept for the record's version, if there is one.
async fn hits(state: &AppState, q: &str, scope: &Scope, page: usize) -> AppResult<Arc<[HitRow]>> {
    let range = page_range(page);
    if let Scope::Bodies(_) = scope {
        let (limit, offset) = ((PER_PAGE + 1) as i64, range.start as i64);
        return Ok(db::search::in_bodies(&state.db, q, scope, limit, offset)
            .await?
            .into());
    }
    let version = super::record_version(state).await?;
    if let Some(hits) = state.searches.page(version, q, page) {
        return Ok(hits);
    }
    let ranked = ranked(state, version, q, range.end).await?;
    let shown = &ranked[range.start.min(ranked.len())..range.end.min(ranked.len())];
    let hits: Arc<[HitRow]> = db::search::hits(&state.db, q, shown).await?.into();
    state.searches.keep_page(version, q, page, hits.clone());
    Ok(hits)
}

/// The best `needed` matches (or all, if fewer): the first pages' ranking is kept for the
/// record's version, so next pages do not score every match again.
async fn ranked(state: &AppState, version: i64, q: &str, needed: usize) -> AppResult<Arc<[i64]>> {
    if needed > RANKED_KEPT {
        return Ok(db::search::ranked(&state.db, q, needed as i64)
            .await?
            .into());
    }
    if let Some(ranked) = state.searches.ranked(version, q) {
        return Ok(ranked);
    }
    let ranked: Arc<[i64]> = db::search::ranked(&state.db, q, RANKED_KEPT as i64)
        .await?
        .into();
    state.searches.keep_ranked(version, q, ranked.clone());
    Ok(ranked)
}
