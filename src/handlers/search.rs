//! Search over inspections, findings, action-plan items and updates, within the viewer's bodies.

use axum::extract::{Query, State};
use maud::Markup;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::search::{Found, HitRow};
use crate::domain::scope::Scope;
use crate::domain::search::{
    MOST_RANKED, PER_PAGE, RANKED_KEPT, fts_query, page_number, page_range,
};
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
            hits: hits.as_ref().map(|found| &*found.items),
            narrowed_to: hits
                .as_ref()
                .is_some_and(|found| found.narrowed)
                .then_some(MOST_RANKED),
            page,
            many_bodies,
        },
    ))
}

/// Page `page` of the hits, and one more to tell whether there is a next page. A viewer of
/// every body is shown the page kept for the record's version, if there is one.
async fn hits(state: &AppState, q: &str, scope: &Scope, page: usize) -> AppResult<Found<HitRow>> {
    let range = page_range(page);
    if let Scope::Bodies(_) = scope {
        let (limit, offset) = ((PER_PAGE + 1) as i64, range.start as i64);
        let hits = db::search::in_bodies(&state.db, q, scope, limit, offset).await?;
        return Ok(Found {
            items: hits.into(),
            narrowed: false,
        });
    }
    let version = super::record_version(state).await?;
    if let Some(hits) = state.searches.page(version, q, page) {
        return Ok(hits);
    }
    let ranked = ranked(state, version, q, range.end).await?;
    let all = &ranked.items;
    let shown = &all[range.start.min(all.len())..range.end.min(all.len())];
    let hits = Found {
        items: db::search::hits(&state.db, q, shown).await?.into(),
        narrowed: ranked.narrowed,
    };
    state.searches.keep_page(version, q, page, hits.clone());
    Ok(hits)
}

/// The best `needed` matches (or all, if fewer): the first pages' ranking is kept for the
/// record's version, so next pages do not score every match again.
async fn ranked(state: &AppState, version: i64, q: &str, needed: usize) -> AppResult<Found<i64>> {
    let most = MOST_RANKED as i64;
    if needed > RANKED_KEPT {
        return Ok(db::search::ranked(&state.db, q, needed as i64, most).await?);
    }
    if let Some(ranked) = state.searches.ranked(version, q) {
        return Ok(ranked);
    }
    let ranked = db::search::ranked(&state.db, q, RANKED_KEPT as i64, most).await?;
    state.searches.keep_ranked(version, q, ranked.clone());
    Ok(ranked)
}
