//! Themes across sources: the list, one theme's findings, and the office tagging a finding.
//! A scoped viewer sees only themes tagging their bodies' findings; another theme answers 404,
//! as a record of another body does.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now};
use crate::auth::CurrentUser;
use crate::db::register::Which;
use crate::domain::register::RegisterRow;
use crate::error::{AppError, AppResult, Found};
use crate::forms::themes::ThemesForm;
use crate::views::themes::{theme_page, themes_page};
use crate::{AppState, db, record};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let mut themes = db::clocks::themes(&state.db, &user.scope).await?;
    if user.scope.limited_to().is_some() {
        themes.retain(|t| t.findings > 0);
    }
    Ok(themes_page(&super::chrome(&state, Some(&user)), &themes))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let mut conn = state.db.acquire().await?;
    let (_, name) = db::clocks::theme(&mut *conn, id).await.found()?;
    let rows = super::register::load(&mut conn, &user.scope, Which::Theme(id), today).await?;
    if rows.is_empty() && user.scope.limited_to().is_some() {
        return Err(AppError::NotFound);
    }
    let rows: Vec<&RegisterRow> = rows.iter().collect();
    Ok(theme_page(
        &super::chrome(&state, Some(&user)),
        &name,
        &rows,
    ))
}

/// Make the themes typed the finding's themes; refused, its page again with what to fix.
pub async fn tag(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(form): Form<ThemesForm>,
) -> AppResult<Response> {
    let result = async {
        let names = form.parse()?;
        record::clocks::tag(&state.db, &user.actor(), now.at, id, names).await
    };
    respond::saved(
        result.await,
        |()| format!("/findings/{id}#finding-themes"),
        |shown| {
            let typed = (form.clone(), shown.errors());
            super::findings::page(&state, &user, now.today, id, Some(typed))
        },
    )
    .await
}
