//! Your own account: every signed-in person changes their own password here, including the
//! first-run administrator who must replace a one-time password.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::respond::Now;
use crate::auth::throttle::{self, ClientAddress};
use crate::auth::{CurrentUser, password, session, sha256_hex};
use crate::domain::sign_in::wait_message;
use crate::error::{AppResult, Found};
use crate::forms::FieldErrors;
use crate::forms::accounts::PasswordForm;
use crate::record::accounts;
use crate::views::account::password_page;
use crate::{AppState, db};

#[derive(Debug, Default, Deserialize)]
pub struct ChangedQuery {
    #[serde(default)]
    pub changed: String,
}

pub async fn edit_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ChangedQuery>,
) -> Response {
    let chrome = super::chrome(&state, Some(&user));
    let changed = !query.changed.is_empty() && !user.must_change_password;
    password_page(&chrome, &user, changed, &FieldErrors::default()).into_response()
}

pub async fn update_password(
    State(state): State<AppState>,
    user: CurrentUser,
    ClientAddress(address): ClientAddress,
    Now { at: now, .. }: Now,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let (parsed, status) = match current_is_correct(&state, &user, &address, &form, now).await? {
        Ok(correct) => (
            form.parse(&user.email, correct),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(seconds) => {
            let mut errors = FieldErrors::default();
            let message = format!(
                "There have been too many failed attempts. {}, then try again",
                wait_message(seconds)
            );
            errors.add("current_password", message);
            (Err(errors), StatusCode::TOO_MANY_REQUESTS)
        }
    };
    let new_password = match parsed {
        Ok(new_password) => new_password,
        Err(errors) => {
            let chrome = super::chrome(&state, Some(&user));
            return Ok((status, password_page(&chrome, &user, false, &errors)).into_response());
        }
    };
    let keep = jar
        .get(session::COOKIE)
        .map(|c| sha256_hex(c.value()))
        .unwrap_or_default();
    accounts::change_own_password(&state.db, now, &user.actor(), user.id, new_password, &keep)
        .await?;
    tracing::info!(user_id = user.id, "password changed");
    Ok(Redirect::to("/account/password?changed=1").into_response())
}

/// Whether the current password typed is right, throttled like sign-in so a stolen session
/// cannot be used to guess it: `Err(seconds)` to wait after too many failures.
async fn current_is_correct(
    state: &AppState,
    user: &CurrentUser,
    address: &str,
    form: &PasswordForm,
    now: DateTime<Utc>,
) -> AppResult<Result<bool, i64>> {
    if let Some(seconds) = throttle::seconds_to_wait(&state.db, &user.email, address, now).await? {
        return Ok(Err(seconds));
    }
    if form.current_password.is_empty() {
        return Ok(Ok(false));
    }
    let stored = db::users::find(&state.db, user.id)
        .await
        .found()?
        .password_hash;
    let correct = password::verify(form.current_password.clone(), stored).await?;
    if !correct {
        throttle::record(&state.db, &user.email, address, false, now).await?;
    }
    Ok(Ok(correct))
}
