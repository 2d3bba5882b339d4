//! Administrators manage accounts: list, create with a one-time password, change name and
//! role, disable, re-enable and reset a password. The account logic is in crate::record::accounts.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::domain::accounts::{display_name_or_default, parse_email};
use crate::domain::vocab::Role;
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::record::accounts::{self, AccountError, NewAccount};
use crate::views::users::{self as view, UserValues};
use crate::{AppState, db};

#[derive(Debug, Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub version: String,
}

impl UserForm {
    fn values(&self) -> UserValues {
        UserValues {
            email: self.email.clone(),
            display_name: self.display_name.clone(),
            role: self.role.clone(),
            version: self.version.clone(),
        }
    }

    /// The version the editor saw; an unreadable one can only clash.
    fn version(&self) -> Option<i64> {
        Some(self.version.trim().parse().unwrap_or(-1))
    }
}

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let users = db::users::list(&state.db).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::users_page(&chrome, &users).into_response())
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> Response {
    let chrome = super::chrome(&state, Some(&user));
    let values = UserValues::default();
    view::new_user_page(&chrome, &user.csrf_token, &values, &FieldErrors::default()).into_response()
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let chrome = super::chrome(&state, Some(&user));
    if let Some(account) = parse_new(&form, &mut errors) {
        let actor = user.actor();
        match accounts::create(&state.db, state.clock.now(), &actor, &account).await {
            Ok((id, secret)) => {
                let page = view::one_time_password_page(&chrome, id, &account.email, &secret, true);
                return Ok(one_time(page));
            }
            Err(e @ AccountError::EmailTaken) => errors.add("email", e.to_string()),
            Err(e) => return Err(e.into()),
        }
    }
    let page = view::new_user_page(&chrome, &user.csrf_token, &form.values(), &errors);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn parse_new(form: &UserForm, errors: &mut FieldErrors) -> Option<NewAccount> {
    let email = parse_email(&form.email).map_err(|e| errors.add("email", e.to_string()));
    let name = display_name_or_default(&form.display_name, form.email.trim())
        .map_err(|e| errors.add("display_name", e.to_string()));
    let role = Role::parse(&form.role).ok_or_else(|| errors.add("role", "Select a role"));
    Some(NewAccount {
        email: email.ok()?,
        display_name: name.ok()?,
        role: role.ok()?,
    })
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let account = db::users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let values = UserValues::of(&account);
    let chrome = super::chrome(&state, Some(&user));
    let page = view::user_page(
        &chrome,
        &user,
        &account,
        &values,
        None,
        &FieldErrors::default(),
    );
    Ok(page.into_response())
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let name = crate::domain::inputs::required_text(&form.display_name, 200)
        .map_err(|e| errors.add("display_name", e.to_string()));
    let role = Role::parse(&form.role).ok_or_else(|| errors.add("role", "Select a role"));
    let result = match (name, role) {
        (Ok(name), Ok(role)) => {
            let now = state.clock.now();
            accounts::update_details(
                &state.db,
                now,
                &user.actor(),
                id,
                form.version(),
                &name,
                role,
            )
            .await
        }
        _ => Ok(()),
    };
    after_change(&state, &user, id, Some(form.values()), result, errors).await
}

pub async fn disable(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let result = accounts::disable(&state.db, now, &user.actor(), id, form.version()).await;
    after_change(&state, &user, id, None, result, FieldErrors::default()).await
}

pub async fn enable(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<UserForm>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let result = accounts::enable(&state.db, now, &user.actor(), id, form.version()).await;
    after_change(&state, &user, id, None, result, FieldErrors::default()).await
}

pub async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let account = db::users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let secret = accounts::reset_password(&state.db, state.clock.now(), &user.actor(), id).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(one_time(view::one_time_password_page(
        &chrome,
        id,
        &account.email,
        &secret,
        false,
    )))
}

/// Back to the account after a change; or its page again with the problem (422), or with
/// the saved version beside what was typed (409).
async fn after_change(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    typed: Option<UserValues>,
    result: Result<(), AccountError>,
    mut errors: FieldErrors,
) -> AppResult<Response> {
    let (status, saved) = match result {
        Ok(()) if errors.is_empty() => {
            return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response());
        }
        Ok(()) => (StatusCode::UNPROCESSABLE_ENTITY, None),
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
        None => db::users::find(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?,
    };
    let mut values = typed.unwrap_or_else(|| UserValues::of(&account));
    values.version = account.version.to_string();
    let conflict = (status == StatusCode::CONFLICT).then_some(&account);
    let chrome = super::chrome(state, Some(user));
    let page = view::user_page(&chrome, user, &account, &values, conflict, &errors);
    Ok((status, page).into_response())
}

/// A page showing a one-time password: never stored by the browser or a proxy.
fn one_time(page: maud::Markup) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], page).into_response()
}
