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
use crate::forms::settings::{ExampleRemovalForm, SettingsForm};
use crate::record;
use crate::views::settings::{ExampleState, example_data_page, settings_page};

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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemovedQuery {
    pub removed: String,
}

/// What the example-data page shows now: nothing to remove, refused (and why), or the form.
async fn example_state(s: &AppState) -> AppResult<Result<(), String>> {
    let mut conn = s.db.acquire().await?;
    if !crate::db::example::present(&mut conn).await? {
        return Ok(Err(String::new()));
    }
    let dependents = crate::db::example::dependents(&mut conn).await?;
    Ok(if dependents.is_empty() {
        Ok(())
    } else {
        Err(record::example::refusal_message(&dependents))
    })
}

/// The page that removes the example data, with a confirmation.
pub async fn example_data(
    State(s): State<AppState>,
    u: CurrentUser,
    Query(query): Query<RemovedQuery>,
) -> AppResult<Response> {
    let chrome = super::chrome(&s, Some(&u));
    let none = Default::default();
    let refusal;
    let state = if !query.removed.is_empty() {
        ExampleState::Removed
    } else {
        refusal = example_state(&s).await?;
        match &refusal {
            Ok(()) => ExampleState::Removable,
            Err(m) if m.is_empty() => ExampleState::Absent,
            Err(m) => ExampleState::Refused(m),
        }
    };
    Ok(example_data_page(&chrome, &u.csrf_token, state, &none).into_response())
}

/// Remove the example data: 303 to the page saying so, 422 without the confirmation, 409
/// (naming what depends on it) when refused.
pub async fn remove_example_data(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<ExampleRemovalForm>,
) -> AppResult<Response> {
    use axum::http::StatusCode;
    use record::example::{Removal, refusal_message};
    if let Err(errors) = f.parse() {
        let chrome = super::chrome(&s, Some(&u));
        let state = match example_state(&s).await? {
            Ok(()) => ExampleState::Removable,
            Err(_) => ExampleState::Absent,
        };
        let page = example_data_page(&chrome, &u.csrf_token, state, &errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let removal = record::example::remove(&s.db, &u.actor(), now.at)
        .await
        .map_err(|e| crate::error::AppError::internal(e.to_string()))?;
    let chrome = super::chrome(&s, Some(&u));
    let none = Default::default();
    match removal {
        Removal::Removed(_) => {
            let site = crate::db::settings::load_site(&s.db).await?;
            s.set_site(site);
            // Cached public pages show the example data and its banner: render them again.
            s.pages.clear();
            Ok(axum::response::Redirect::to("/admin/example-data?removed=1").into_response())
        }
        Removal::NothingToRemove => {
            let page = example_data_page(&chrome, &u.csrf_token, ExampleState::Absent, &none);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Removal::Refused(dependents) => {
            let message = refusal_message(&dependents);
            let page = example_data_page(
                &chrome,
                &u.csrf_token,
                ExampleState::Refused(&message),
                &none,
            );
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}
