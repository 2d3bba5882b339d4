//! Marking an action-plan item as blocked by a named external body, and back.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::actions::{self, ActionRow};
use crate::error::{AppError, AppResult, Found};
use crate::forms::blocks::{BlockForm, VersionForm};
use crate::forms::version;
use crate::record;
use crate::views::action_form::{block_clashes, block_page};

async fn action(state: &AppState, id: i64) -> AppResult<ActionRow> {
    actions::find(&state.db, id).await.found()
}

/// The blocked-by form for `a`; after a clash, for the action as it is now, with both versions.
fn form_page(
    state: &AppState,
    user: &CurrentUser,
    now: Now,
    a: &ActionRow,
    form: &BlockForm,
    shown: Shown<ActionRow>,
) -> Markup {
    let chrome = super::chrome(state, Some(user));
    let errors = shown.errors();
    let Shown::Stale(latest) = shown else {
        return block_page(&chrome, &user.csrf_token, a, form, &errors, None);
    };
    let clashes = form
        .parse(now.today)
        .map(|typed| block_clashes(&latest, &typed));
    let form = BlockForm {
        version: latest.version.to_string(),
        ..form.clone()
    };
    let clashes = clashes.as_deref().ok();
    block_page(&chrome, &user.csrf_token, &latest, &form, &errors, clashes)
}

pub async fn new(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let a = action(&s, id).await?;
    let form = BlockForm {
        version: a.version.to_string(),
        ..BlockForm::default()
    };
    Ok(form_page(&s, &u, now, &a, &form, Shown::Fresh))
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<BlockForm>,
) -> AppResult<Response> {
    let a = action(&s, id).await?;
    let result = async {
        let blocked = f.parse(now.today)?;
        let seen = version(&f.version);
        record::action_blocks::block(&s.db, &u.actor(), now.at, id, seen, blocked).await
    };
    respond::saved(
        result.await,
        |()| format!("/actions/{id}"),
        |shown| async { Ok(form_page(&s, &u, now, &a, &f, shown)) },
    )
    .await
}

pub async fn delete(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    action(&s, id).await?;
    let seen = version(&f.version);
    let result = record::action_blocks::unblock(&s.db, &u.actor(), now.at, id, seen).await;
    // The unblock button has no form to show again: a clash is a bare 409.
    respond::saved(
        result,
        |()| format!("/actions/{id}"),
        |_| async { Err(AppError::Conflict) },
    )
    .await
}
