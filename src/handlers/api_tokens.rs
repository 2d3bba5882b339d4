//! Personal API tokens in the browser: the list, making one (its secret shown once) and
//! revoking one.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::respond::Now;
use crate::auth::tokens::new_secret;
use crate::auth::{CurrentUser, sha256_hex};
use crate::db::api_tokens::NewToken;
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::forms::api_tokens::{TokenForm, offered};
use crate::record::{self, RecordError, Saved};
use crate::views::api_tokens::{TokensPage, tokens_page};
use crate::{AppState, db};

const PAGE: &str = "/account/api-tokens";

/// The page with `form` as typed, its `errors`, and the secret just made, if one was.
async fn show(
    state: &AppState,
    user: &CurrentUser,
    now: Now,
    form: &TokenForm,
    errors: &FieldErrors,
    new_secret: Option<&str>,
) -> AppResult<maud::Markup> {
    let tokens = db::api_tokens::list_for_user(&state.db, user.id).await?;
    // From the settings, never the request's Host header, which the client chooses.
    let base = state.security.site_address().base_url();
    let page = TokensPage {
        tokens: &tokens,
        now: now.at,
        form,
        errors,
        offered: offered(user.role),
        new_secret: new_secret.map(|s| (s, base.as_str())),
        csrf: &user.csrf_token,
    };
    Ok(tokens_page(&super::chrome(state, Some(user)), &page))
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
) -> AppResult<Response> {
    let errors = FieldErrors::default();
    let page = show(&state, &user, now, &TokenForm::default(), &errors, None).await?;
    Ok(page.into_response())
}

/// Make a token and show its secret once. This POST answers with the page rather than a
/// redirect so that the secret never travels in a URL or needs keeping for the next request.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
    Form(form): Form<TokenForm>,
) -> AppResult<Response> {
    let secret = new_secret();
    let made = match form.parse(now.at) {
        Ok(request) => {
            let hash = sha256_hex(&secret);
            let new = NewToken {
                user_id: user.id,
                name: &request.name,
                token_hash: &hash,
                access: request.access,
                expires_at: request.expires_at,
            };
            record::api_tokens::create(&state.db, &user.actor(), now.at, new).await
        }
        Err(errors) => Err(RecordError::Invalid(errors)),
    };
    match made {
        Ok(Saved::Done(_)) => {}
        Err(RecordError::Invalid(errors)) => {
            let page = show(&state, &user, now, &form, &errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(other) => return Err(other.into()),
    }
    let errors = FieldErrors::default();
    let fresh = TokenForm::default();
    let page = show(&state, &user, now, &fresh, &errors, Some(&secret)).await?;
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}

pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let Saved::Done(()) =
        record::api_tokens::revoke(&state.db, &user.actor(), now.at, user.id, id).await?;
    Ok(Redirect::to(PAGE).into_response())
}
