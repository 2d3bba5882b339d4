//! The office manages inspected bodies: the list with what each holds, adding one, renaming it
//! or changing its kind, and merging a duplicate into another body.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::bodies::{BodyRow, BodySummaryRow};
use crate::error::{AppError, AppResult, Found};
use crate::forms::bodies::{BodyForm, MergeForm};
use crate::views::bodies as view;
use crate::{AppState, db, record};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let rows = db::bodies::list_with_counts(&state.db).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::bodies_page(&chrome, &rows))
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> Markup {
    let shown = Shown::<Infallible>::Fresh;
    render(&state, &user, None, &BodyForm::default(), shown)
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<BodyForm>,
) -> AppResult<Response> {
    let result = async {
        let new = f.parse()?;
        record::bodies::create(&s.db, &u.actor(), now.at, &new).await
    };
    respond::saved(
        result.await,
        |_| "/bodies".to_string(),
        |shown| async { Ok(render(&s, &u, None, &f, shown)) },
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let body = find(&state, id).await?;
    let shown = Shown::<Infallible>::Fresh;
    Ok(render(
        &state,
        &user,
        Some(&body),
        &BodyForm::from_row(&body),
        shown,
    ))
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<BodyForm>,
) -> AppResult<Response> {
    let body = find(&s, id).await?;
    let result = async {
        let new = f.parse()?;
        record::bodies::update(&s.db, &u.actor(), now.at, id, &new).await
    };
    respond::saved(
        result.await,
        |_| "/bodies".to_string(),
        |shown| async { Ok(render(&s, &u, Some(&body), &f, shown)) },
    )
    .await
}

pub async fn merge_form(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let shown = Shown::<Infallible>::Fresh;
    merge_page(&state, &user, id, &MergeForm::default(), shown).await
}

pub async fn merge(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MergeForm>,
) -> AppResult<Response> {
    find(&s, id).await?;
    let result = async {
        let target = f.parse()?;
        record::bodies::merge(&s.db, &u.actor(), now.at, id, target).await
    };
    respond::saved(
        result.await,
        |_| "/bodies".to_string(),
        |shown| merge_page(&s, &u, id, &f, shown),
    )
    .await
}

async fn find(state: &AppState, id: i64) -> AppResult<BodyRow> {
    db::bodies::find(&state.db, id).await.found()
}

fn render(
    state: &AppState,
    user: &CurrentUser,
    body: Option<&BodyRow>,
    form: &BodyForm,
    shown: Shown<Infallible>,
) -> Markup {
    let chrome = super::chrome(state, Some(user));
    view::body_form_page(&chrome, &user.csrf_token, body, form, &shown.errors())
}

/// The merge form of the body `id`: it and every other body, with their counts (one query).
async fn merge_page(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    form: &MergeForm,
    shown: Shown<Infallible>,
) -> AppResult<Markup> {
    let rows = db::bodies::list_with_counts(&state.db).await?;
    let (this, others): (Vec<BodySummaryRow>, Vec<BodySummaryRow>) =
        rows.into_iter().partition(|b| b.id == id);
    let this = this.into_iter().next().ok_or(AppError::NotFound)?;
    let chrome = super::chrome(state, Some(user));
    let page = view::MergePage {
        csrf_token: &user.csrf_token,
        body: &this,
        others: &others,
    };
    Ok(view::merge_page(&chrome, &page, form, &shown.errors()))
}
