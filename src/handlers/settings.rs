//! Site settings for administrators: the organisation's name, its brand colour and when
//! progress goes stale. Saved values are cached in `AppState` for every page.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde::Deserialize;

use super::respond::{self, Now, Shown};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::forms::settings::SettingsForm;
use crate::record;
use crate::views::settings::settings_page;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: String,
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SavedQuery>,
) -> Response {
    let form = SettingsForm::from_site(&state.site());
    let chrome = super::chrome(&state, Some(&user));
    let saved = !query.saved.is_empty();
    settings_page(&chrome, &user.csrf_token, &form, saved, &Default::default()).into_response()
}

async fn form_page<L>(
    s: &AppState,
    u: &CurrentUser,
    f: &SettingsForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let chrome = super::chrome(s, Some(u));
    Ok(settings_page(
        &chrome,
        &u.csrf_token,
        f,
        false,
        &shown.errors(),
    ))
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    let before = s.site();
    let result = async {
        let site = f.parse(&before)?;
        record::settings::update(&s.db, &u.actor(), now.at, &before, site).await
    };
    respond::saved(
        result.await,
        |site| {
            s.set_site(site);
            // Cached public pages show the old name and colour: render them again.
            s.pages.clear();
            "/admin/settings?saved=1".into()
        },
        |shown| form_page(&s, &u, &f, shown),
    )
    .await
}
