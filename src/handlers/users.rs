//! Administrators manage accounts: list, create with a one-time password, change name and
//! role, disable, re-enable and reset a password. The account logic is in crate::record::accounts.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::respond::Now;
use crate::auth::CurrentUser;
use crate::error::{AppResult, Found};
use crate::forms::FieldErrors;
use crate::forms::accounts::UserForm;
use crate::record::accounts::{self, AccountError};
use crate::views::users as view;
use crate::{AppState, db};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let users = db::users::list(&state.db).await?;
    let mut bodies: HashMap<i64, Vec<String>> = HashMap::new();
    for (id, name) in db::users::list_body_names(&state.db).await? {
        bodies.entry(id).or_default().push(name);
    }
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::users_page(&chrome, &users, &bodies).into_response())
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let chrome = super::chrome(&state, Some(&user));
    let bodies = db::bodies::list(&state.db).await?;
    let form = UserForm::default();
    let errors = FieldErrors::default();
    let page = view::new_user_page(&chrome, &user.csrf_token, &bodies, &form, &errors);
    Ok(page.into_response())
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = UserForm::from_pairs(&pairs);
    let chrome = super::chrome(&state, Some(&user));
    let errors = match form.parse_new() {
        Ok((account, bodies)) => {
            let actor = user.actor();
            match accounts::create_with_bodies(&state.db, now, &actor, &account, &bodies).await {
                Ok((id, secret)) => {
                    let email = &account.email;
                    let page = view::one_time_password_page(&chrome, id, email, &secret, true);
                    return Ok(one_time(page));
                }
                Err(e @ AccountError::EmailTaken) => {
                    let mut errors = FieldErrors::default();
                    errors.add("email", e.to_string());
                    errors
                }
                Err(AccountError::Invalid(errors)) => errors,
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    let bodies = db::bodies::list(&state.db).await?;
    let page = view::new_user_page(&chrome, &user.csrf_token, &bodies, &form, &errors);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let account = find(&state, id).await?;
    let member_of = db::scope::bodies_of_user(&state.db, id).await?;
    let form = UserForm::from_row(&account, &member_of);
    let chrome = super::chrome(&state, Some(&user));
    let bodies = db::bodies::list(&state.db).await?;
    let page = view::user_page(
        &chrome,
        &user,
        &account,
        &bodies,
        &form,
        None,
        &FieldErrors::default(),
    );
    Ok(page.into_response())
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = UserForm::from_pairs(&pairs);
    let result = match form.parse_details() {
        Ok(details) => {
            let version = Some(form.version());
            accounts::update_details(&state.db, now, &user.actor(), id, version, &details).await
        }
        Err(errors) => Err(AccountError::Invalid(errors)),
    };
    after_change(&state, &user, id, Some(form), result).await
}

pub async fn disable(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let version = Some(form.version());
    let result = accounts::disable(&state.db, now, &user.actor(), id, version).await;
    after_change(&state, &user, id, None, result).await
}

pub async fn enable(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let version = Some(form.version());
    let result = accounts::enable(&state.db, now, &user.actor(), id, version).await;
    after_change(&state, &user, id, None, result).await
}

pub async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { at: now, .. }: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let account = find(&state, id).await?;
    let secret = accounts::reset_password(&state.db, now, &user.actor(), id).await?;
    let chrome = super::chrome(&state, Some(&user));
    let page = view::one_time_password_page(&chrome, id, &account.email, &secret, false);
    Ok(one_time(page))
}

async fn find(state: &AppState, id: i64) -> AppResult<db::users::UserRow> {
    db::users::find(&state.db, id).await.found()
}

/// Back to the account after a change; or its page again with the problem (422), or with
/// the saved version beside what was typed (409).
async fn after_change(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    typed: Option<UserForm>,
    result: Result<(), AccountError>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let (status, saved) = match result {
        Ok(()) => return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response()),
        Err(AccountError::Invalid(invalid)) => {
            errors = invalid;
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(AccountError::Conflict(saved)) => (StatusCode::CONFLICT, Some(saved)),
        Err(e @ AccountError::CannotChangeOwnRole) => {
            errors.add("role", e.to_string());
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(e @ (AccountError::CannotDisableSelf | AccountError::LastAdmin)) => {
            errors.add("status", e.to_string());
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        Err(e) => return Err(e.into()),
    };
    let account = match saved {
        Some(saved) => *saved,
        None => find(state, id).await?,
    };
    let mut form = match typed {
        Some(typed) => typed,
        None => UserForm::from_row(&account, &db::scope::bodies_of_user(&state.db, id).await?),
    };
    form.version = account.version.to_string();
    let conflict = (status == StatusCode::CONFLICT).then_some(&account);
    let chrome = super::chrome(state, Some(user));
    let bodies = db::bodies::list(&state.db).await?;
    let page = view::user_page(&chrome, user, &account, &bodies, &form, conflict, &errors);
    Ok((status, page).into_response())
}

/// A page showing a one-time password: never stored by the browser or a proxy.
fn one_time(page: maud::Markup) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], page).into_response()
}
