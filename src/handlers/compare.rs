//! The cross-force view at `/compare`, for the office and the panel: other offices' open data
//! (`--compare-source`) read on request and kept for a minute, never their own records.

use axum::extract::State;
use maud::Markup;

use crate::AppState;
use crate::auth::CurrentUser;
use crate::views::compare::{CompareView, compare_page};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> Markup {
    let chrome = super::chrome(&state, Some(&user));
    let sources = &state.security.compare_sources;
    if sources.is_empty() {
        return compare_page(&chrome, &CompareView::NotConfigured);
    }
    let (comparison, read_at) = state.compare.get(sources, state.clock.now()).await;
    compare_page(
        &chrome,
        &CompareView::Read {
            comparison: &comparison,
            read_at,
        },
    )
}
