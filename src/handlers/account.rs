//! Your own account: every signed-in person changes their own password here, including the
//! first-run administrator who must replace a one-time password.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use crate::auth::throttle::{self, ClientAddress};
use crate::auth::{CurrentUser, password, session, sha256_hex};
use crate::domain::passwords::check_new_password;
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::record::accounts;
use crate::views::account::password_page;
use crate::{AppState, db};

#[derive(Debug, Default, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    pub current_password: String,
    #[serde(default)]
    pub new_password: String,
    #[serde(default)]
    pub confirm_password: String,
}

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
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let (errors, status) = check(&state, &user, &address, &form).await?;
    if !errors.is_empty() {
        let chrome = super::chrome(&state, Some(&user));
        return Ok((status, password_page(&chrome, &user, false, &errors)).into_response());
    }
    let keep = jar
        .get(session::COOKIE)
        .map(|c| sha256_hex(c.value()))
        .unwrap_or_default();
    let actor = user.actor();
    accounts::change_own_password(&state.db, now, &actor, user.id, form.new_password, &keep)
        .await?;
    tracing::info!(user_id = user.id, "password changed");
    Ok(Redirect::to("/account/password?changed=1").into_response())
}

/// Check the current password (throttled like sign-in, so a stolen session cannot be used to
/// guess it) and the new one against the policy.
async fn check(
    state: &AppState,
    user: &CurrentUser,
    address: &str,
    form: &PasswordForm,
) -> AppResult<(FieldErrors, StatusCode)> {
    let mut errors = FieldErrors::default();
    let now = state.clock.now();
    if throttle::is_locked(&state.db, &user.email, address, now).await? {
        let message = "There have been too many failed attempts. Wait 15 minutes, then try again";
        errors.add("current_password", message);
        return Ok((errors, StatusCode::TOO_MANY_REQUESTS));
    }
    let stored = db::users::find(&state.db, user.id)
        .await?
        .ok_or(AppError::NotFound)?
        .password_hash;
    if form.current_password.is_empty() {
        errors.add("current_password", "Enter your current password");
    } else if !password::verify(form.current_password.clone(), stored).await? {
        throttle::record(&state.db, &user.email, address, false, now).await?;
        errors.add("current_password", "Your current password is not correct");
    }
    if let Err(e) = check_new_password(&form.new_password, &user.email) {
        errors.add("new_password", e.to_string());
    } else if form.new_password == form.current_password {
        errors.add(
            "new_password",
            "Choose a password different from your current one",
        );
    } else if form.confirm_password != form.new_password {
        errors.add("confirm_password", "Enter the same new password twice");
    }
    Ok((errors, StatusCode::UNPROCESSABLE_ENTITY))
}
