//! The Backups page for administrators: the schedule and what its recent runs came to.

use axum::extract::State;
use maud::Markup;

use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::views::backups::{BackupsPage, backups_page};
use crate::{AppState, db};

/// How many recent runs the page lists.
const SHOWN: i64 = 30;

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let runs = db::backups::list_recent(&state.db, SHOWN).await?;
    let chrome = super::chrome(&state, Some(&user));
    let view = BackupsPage {
        plan: state.security.backups.as_ref(),
        runs: &runs,
    };
    Ok(backups_page(&chrome, &view))
}
