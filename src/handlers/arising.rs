//! Actions arising: the list, adding one on a meeting, and tracking it to closure.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::meetings::{Latest, form_state, saved_beside_typed};
use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::arising::ArisingRow;
use crate::error::{AppResult, Found};
use crate::forms::{self, arising::ArisingForm};
use crate::views::arising::{arising_clash, arising_form_page, index_page};
use crate::views::meeting_forms::FormContext;
use crate::{AppState, db, record};

saved_beside_typed!(ArisingRow, ArisingForm, arising_clash);

/// Which form: adding one on a meeting, or the progress of one.
#[derive(Clone, Copy)]
enum Target {
    Meeting(i64),
    Arising(i64),
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
) -> AppResult<Markup> {
    let rows = db::arising::list(&state.db, &user.scope).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(index_page(&chrome, &rows, now.today, user.is_office()))
}

async fn meeting_exists(state: &AppState, id: i64) -> AppResult<()> {
    db::meetings::find(&state.db, id).await.found().map(|_| ())
}

async fn arising(state: &AppState, id: i64) -> AppResult<ArisingRow> {
    db::arising::find(&state.db, id).await.found()
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    meeting_exists(&state, id).await?;
    let (form, target) = (ArisingForm::default(), Target::Meeting(id));
    render(&state, &user, target, &form, Shown::<Infallible>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ArisingForm>,
) -> AppResult<Response> {
    meeting_exists(&s, id).await?;
    let result = async {
        let new = f.parse_new()?;
        record::arising::add(&s.db, &u.actor(), now.at, id, &new).await
    };
    respond::saved(
        result.await,
        |_| format!("/meetings/{id}"),
        |shown| render(&s, &u, Target::Meeting(id), &f, shown),
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let form = ArisingForm::from_row(&arising(&state, id).await?);
    let target = Target::Arising(id);
    render(&state, &user, target, &form, Shown::<Infallible>::Fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ArisingForm>,
) -> AppResult<Response> {
    arising(&s, id).await?;
    let result = async {
        let progress = f.parse_progress()?;
        let version = forms::version(&f.version);
        record::arising::progress(&s.db, &u.actor(), now.at, id, version, &progress).await
    };
    respond::saved(
        result.await,
        |_| "/actions-arising".to_string(),
        |shown| render(&s, &u, Target::Arising(id), &f, shown),
    )
    .await
}

async fn render<L: Latest<ArisingForm>>(
    state: &AppState,
    user: &CurrentUser,
    target: Target,
    typed: &ArisingForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let (form, errors, conflict) = form_state(shown, typed);
    let (heading, action, links) = match target {
        Target::Meeting(id) => (
            "Add an action arising",
            format!("/meetings/{id}/actions-arising"),
            Some(db::meetings::link_options(&state.db, &user.scope).await?),
        ),
        Target::Arising(id) => (
            "Update an action arising",
            format!("/actions-arising/{id}"),
            None,
        ),
    };
    let ctx = FormContext {
        heading,
        action,
        csrf_token: &user.csrf_token,
        conflict,
    };
    let chrome = super::chrome(state, Some(user));
    Ok(arising_form_page(
        &chrome,
        &ctx,
        links.as_deref(),
        &form,
        &errors,
    ))
}
