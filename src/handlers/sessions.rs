//! Signing in and out.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

use axum::http::StatusCode;

use super::respond::Now;
use crate::auth::throttle::{self, ClientAddress};
use crate::auth::{SessionUser, password, session};
use crate::domain::inputs::local_path;
use crate::domain::sign_in::wait_message;
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::forms::accounts::SignInForm;
use crate::views::sessions::sign_in_page;
use crate::{AppState, db};

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    pub next: String,
}

pub async fn new(
    State(state): State<AppState>,
    SessionUser(user): SessionUser,
    Query(query): Query<NextQuery>,
) -> AppResult<Response> {
    let next = local_path(&query.next);
    if user.is_some() {
        return Ok(Redirect::to(next).into_response());
    }
    let chrome = super::chrome(&state, None);
    Ok(sign_in_page(&chrome, "", next, &FieldErrors::default()).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Now { at: now, .. }: Now,
    jar: CookieJar,
    Form(form): Form<SignInForm>,
) -> AppResult<Response> {
    let email = form.email();
    if let Some(seconds) = throttle::seconds_to_wait(&state.db, email, &address, now).await? {
        tracing::warn!(
            email,
            address,
            seconds,
            "sign-in refused: too many failed attempts"
        );
        let message = format!(
            "There have been too many failed attempts to sign in from here. {}, then try again",
            wait_message(seconds)
        );
        return Ok(refuse(
            &state,
            email,
            &form.next,
            &message,
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    let user = db::users::find_by_email(&state.db, email).await?;
    // An unknown or disabled account is checked against a dummy hash: the same time taken.
    let stored = user
        .as_ref()
        .filter(|u| u.disabled_at.is_none())
        .map(|u| u.password_hash.clone());
    let verified = password::verify_account(form.password.clone(), stored).await?;
    throttle::record(&state.db, email, &address, verified, now).await?;
    let Some(user) = user.filter(|_| verified) else {
        tracing::info!(email, address, "sign-in failed");
        let message = "Enter a correct email address and password";
        return Ok(refuse(
            &state,
            email,
            &form.next,
            message,
            StatusCode::UNPROCESSABLE_ENTITY,
        ));
    };
    tracing::info!(user_id = user.id, address, "sign-in succeeded");
    if db::two_step::find(&state.db, user.id).await?.is_some() {
        return super::two_step::challenge(&state, user.id, form.next(), now).await;
    }
    let jar = session::start(&state, jar, user.id, now).await?;
    let target = if user.must_change_password {
        "/account/password"
    } else {
        form.next()
    };
    Ok((jar, Redirect::to(target)).into_response())
}

/// The sign-in form again, with one message and the email kept.
fn refuse(
    state: &AppState,
    email: &str,
    next: &str,
    message: &str,
    status: StatusCode,
) -> Response {
    let mut errors = FieldErrors::default();
    errors.add("email", message);
    let chrome = super::chrome(state, None);
    (status, sign_in_page(&chrome, email, next, &errors)).into_response()
}

pub async fn delete(State(state): State<AppState>, jar: CookieJar) -> AppResult<Response> {
    let jar = session::end(&state, jar).await?;
    Ok((jar, Redirect::to("/")).into_response())
}
