//! Two-step sign-in: the second step after a correct password, and each person turning it on
//! and off for their own account. The one-time codes are checked against the request's
//! instant (`Now`); an accepted code's step is remembered so it cannot be used twice.
//!
//! The second step carries its challenge (a random token; only its hash is stored) in the
//! form rather than a cookie: no session exists until the code is right.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::respond::Now;
use crate::auth::two_step::{check, looks_like_code, new_secret, otpauth_url};
use crate::auth::{CurrentUser, random_token, session, sha256_hex};
use crate::db::audit::Actor;
use crate::domain::inputs::local_path;
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::record;
use crate::views::sessions::sign_in_page;
use crate::views::two_step::{codes_page, second_step_page, setup_page, status_page};
use crate::{AppState, db};

/// How long after the password the code may be entered.
const CHALLENGE_MINUTES: i64 = 5;
/// Wrong codes allowed for one correct password.
const MAX_FAILURES: i64 = 5;
/// Wrong codes allowed for one account in [`CHALLENGE_MINUTES`], however many times the
/// password is given: guessing stays bounded even for someone who knows the password.
const MAX_ACCOUNT_FAILURES: i64 = 10;

const WRONG_CODE: &str =
    "Enter the code your authenticator app shows now, or an unused recovery code";

/// The password of `user_id` was right and two-step sign-in is on for them: ask for the code.
pub async fn challenge(
    state: &AppState,
    user_id: i64,
    next: &str,
    now: DateTime<Utc>,
) -> AppResult<Response> {
    let stale = now - chrono::Duration::minutes(CHALLENGE_MINUTES);
    db::two_step::delete_stale_challenges(&state.db, stale).await?;
    let token = random_token();
    db::two_step::insert_challenge(&state.db, &sha256_hex(&token), user_id, next, now).await?;
    let chrome = super::chrome(state, None);
    Ok(second_step_page(&chrome, &token, &FieldErrors::default()).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SecondStepForm {
    pub challenge: String,
    pub code: String,
}

/// The second step: a right code starts the session, as a right password alone would.
pub async fn verify(
    State(state): State<AppState>,
    Now { at: now, .. }: Now,
    jar: CookieJar,
    Form(form): Form<SecondStepForm>,
) -> AppResult<Response> {
    let hash = sha256_hex(&form.challenge);
    let Some(challenge) = db::two_step::find_challenge(&state.db, &hash).await? else {
        return Ok(start_again(&state));
    };
    let made = DateTime::parse_from_rfc3339(&challenge.created_at)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let user = db::users::find(&state.db, challenge.user_id)
        .await?
        .filter(|u| u.disabled_at.is_none());
    let two_step = db::two_step::find(&state.db, challenge.user_id).await?;
    let (Some(user), Some(two_step)) = (user, two_step) else {
        db::two_step::delete_challenge(&state.db, &hash).await?;
        return Ok(start_again(&state));
    };
    if now - made > chrono::Duration::minutes(CHALLENGE_MINUTES) {
        db::two_step::delete_challenge(&state.db, &hash).await?;
        return Ok(start_again(&state));
    }
    // A challenge with too many wrong codes is kept until it is stale, so that the
    // account's count of recent wrong codes survives signing in again.
    if challenge.failures >= MAX_FAILURES
        || db::two_step::recent_failures(&state.db, user.id).await? >= MAX_ACCOUNT_FAILURES
    {
        tracing::warn!(
            user_id = user.id,
            "two-step sign-in refused: too many wrong codes"
        );
        return Ok(start_again(&state));
    }
    let right = if looks_like_code(&form.code) {
        match check(&two_step.secret, &form.code, now.timestamp()) {
            Some(step) => db::two_step::advance_step(&state.db, user.id, step).await?,
            None => false,
        }
    } else {
        let actor = Actor::user(user.id, &user.email);
        record::two_step::use_recovery_code(&state.db, now, &actor, user.id, &form.code).await?
    };
    if !right {
        db::two_step::fail_challenge(&state.db, &hash).await?;
        tracing::info!(user_id = user.id, "two-step sign-in: wrong code");
        let mut errors = FieldErrors::default();
        errors.add("code", WRONG_CODE);
        let chrome = super::chrome(&state, None);
        let page = second_step_page(&chrome, &form.challenge, &errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    db::two_step::delete_challenge(&state.db, &hash).await?;
    tracing::info!(user_id = user.id, "two-step sign-in succeeded");
    let jar = session::start(&state, jar, user.id, now).await?;
    let target = if user.must_change_password {
        "/account/password"
    } else {
        local_path(&challenge.next)
    };
    Ok((jar, Redirect::to(target)).into_response())
}

/// The challenge has gone (too old, too many wrong codes, or never was): sign in again.
/// Too many wrong codes for the account leave every new challenge refused until the old ones
/// are stale.
fn start_again(state: &AppState) -> Response {
    let mut errors = FieldErrors::default();
    errors.add(
        "email",
        "Your sign-in was not finished in time. Sign in again",
    );
    let chrome = super::chrome(state, None);
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        sign_in_page(&chrome, "", "", &errors),
    )
        .into_response()
}

/// Your two-step sign-in: how to turn it on, or that it is on.
pub async fn edit(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    account_page(&state, &user, None, &FieldErrors::default(), StatusCode::OK).await
}

async fn account_page(
    state: &AppState,
    user: &CurrentUser,
    secret: Option<&str>,
    errors: &FieldErrors,
    status: StatusCode,
) -> AppResult<Response> {
    let chrome = super::chrome(state, Some(user));
    let page = if db::two_step::find(&state.db, user.id).await?.is_some() {
        let left = db::two_step::codes_left(&state.db, user.id).await?;
        let may_turn_off = !state.site().requires_two_step(user.role);
        status_page(&chrome, user, left, may_turn_off, errors)
    } else {
        let secret = secret.map_or_else(new_secret, str::to_string);
        let url = otpauth_url(&secret, &user.email).unwrap_or_default();
        setup_page(&chrome, user, &secret, &url, errors)
    };
    Ok((status, page).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EnableForm {
    pub secret: String,
    pub code: String,
}

/// Turn it on: the code proves the app holds the secret shown.
pub async fn enable(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Form(form): Form<EnableForm>,
) -> AppResult<Response> {
    if db::two_step::find(&state.db, user.id).await?.is_some() {
        return Ok(Redirect::to("/account/two-step").into_response());
    }
    let Some(step) = check(&form.secret, &form.code, now.timestamp()) else {
        let mut errors = FieldErrors::default();
        errors.add(
            "code",
            "Enter the six-digit code your authenticator app shows now",
        );
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        let secret = Some(form.secret.as_str()).filter(|s| otpauth_url(s, &user.email).is_some());
        return account_page(&state, &user, secret, &errors, status).await;
    };
    let codes =
        record::two_step::enable(&state.db, now, &user.actor(), user.id, &form.secret, step)
            .await?;
    let user = CurrentUser {
        needs_two_step: false,
        ..user
    };
    let chrome = super::chrome(&state, Some(&user));
    Ok(codes_page(&chrome, &codes).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TurnOffForm {
    pub code: String,
}

/// Turn it off, with a current code; not when it is required for the person's role.
pub async fn turn_off(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Form(form): Form<TurnOffForm>,
) -> AppResult<Response> {
    let Some(two_step) = db::two_step::find(&state.db, user.id).await? else {
        return Ok(Redirect::to("/account/two-step").into_response());
    };
    let mut errors = FieldErrors::default();
    if state.site().requires_two_step(user.role) {
        errors.add("code", "Two-step sign-in is required for your account");
    } else if check(&two_step.secret, &form.code, now.timestamp()).is_none() {
        errors.add(
            "code",
            "Enter the six-digit code your authenticator app shows now",
        );
    }
    if !errors.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return account_page(&state, &user, None, &errors, status).await;
    }
    record::two_step::turn_off(&state.db, now, &user.actor(), user.id).await?;
    Ok(Redirect::to("/account/two-step").into_response())
}
