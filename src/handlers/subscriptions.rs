//! Email updates for the public: the sign-up form, the confirmation link (double opt-in) and
//! unsubscribing – from the page or in one click from the mail itself (RFC 8058). No account;
//! what is followed must be on the published site.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::cached;
use super::respond::Now;
use crate::auth::SessionUser;
use crate::auth::throttle::ClientAddress;
use crate::domain::edition::Snapshot;
use crate::domain::vocab::SubscriptionScope;
use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::forms::mail::SubscribeForm;
use crate::record::subscriptions::Target;
use crate::views::subscriptions as view;
use crate::{AppState, db, record};

/// What `scope`/`id` names on the published site, in words, or None when it is not there.
fn follows(snapshot: &Snapshot, scope: SubscriptionScope, id: Option<i64>) -> Option<String> {
    match scope {
        SubscriptionScope::Site => Some("the whole progress site".into()),
        SubscriptionScope::Body => snapshot.body(id?).map(|b| b.name.to_string()),
        SubscriptionScope::Inspection => snapshot
            .inspections
            .iter()
            .find(|i| Some(i.id) == id)
            .map(|i| format!("{} ({})", i.title, i.body_name)),
    }
}

/// What the form names, from the latest edition; 404 when nothing is published or it is not.
async fn published(s: &AppState, scope: SubscriptionScope, id: Option<i64>) -> AppResult<String> {
    let n = cached::latest(s).await?;
    let edition = cached::edition(s, n).await?;
    follows(&edition.1, scope, id).ok_or(AppError::NotFound)
}

fn target(scope: SubscriptionScope, id: Option<i64>) -> Target {
    Target {
        scope,
        body_id: id.filter(|_| scope == SubscriptionScope::Body),
        inspection_id: id.filter(|_| scope == SubscriptionScope::Inspection),
    }
}

pub async fn form(
    State(s): State<AppState>,
    user: SessionUser,
    Query(f): Query<SubscribeForm>,
) -> AppResult<Markup> {
    let scope = SubscriptionScope::parse(f.scope.trim()).unwrap_or(SubscriptionScope::Site);
    let id = f.id.trim().parse().ok();
    let what = published(&s, scope, id).await?;
    let chrome = super::chrome(&s, user.0.as_ref());
    Ok(view::subscribe_page(
        &chrome,
        &f,
        &FieldErrors::default(),
        &what,
    ))
}

pub async fn create(
    State(s): State<AppState>,
    user: SessionUser,
    address: ClientAddress,
    now: Now,
    Form(f): Form<SubscribeForm>,
) -> AppResult<Response> {
    let chrome = super::chrome(&s, user.0.as_ref());
    let scope = SubscriptionScope::parse(f.scope.trim()).unwrap_or(SubscriptionScope::Site);
    let what = published(&s, scope, f.id.trim().parse().ok()).await?;
    let again = |status: StatusCode, errors: FieldErrors| {
        (status, view::subscribe_page(&chrome, &f, &errors, &what)).into_response()
    };
    let (email, scope, id) = match f.parse() {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(again(StatusCode::UNPROCESSABLE_ENTITY, errors)),
    };
    if !s.sign_ups.allow(&address.0, &email) {
        let mut errors = FieldErrors::default();
        errors.add(
            "email",
            "Too many sign-ups have been asked for from here or for this address: try again tomorrow",
        );
        return Ok(again(StatusCode::TOO_MANY_REQUESTS, errors));
    }
    let from = crate::mail::sender(&s);
    let confirm = |token: &str| {
        let path = format!("/subscriptions/{token}/confirm");
        crate::views::mail::subscription_confirm(&from, &what, &path)
    };
    let token = crate::auth::random_token();
    record::subscriptions::subscribe(
        &s.db,
        now.at,
        &email,
        target(scope, id),
        &token,
        &from,
        confirm,
    )
    .await?;
    s.mail_wake.now();
    Ok(Redirect::to("/subscribe/check-email").into_response())
}

pub async fn check_email(State(s): State<AppState>, user: SessionUser) -> Markup {
    view::check_email_page(&super::chrome(&s, user.0.as_ref()))
}

/// A token as the links carry it: 64 hexadecimal digits, or 404.
fn token(value: &str) -> AppResult<&str> {
    let ok = value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then_some(value).ok_or(AppError::NotFound)
}

/// What the subscription holding `token` follows, and whether it is confirmed; 404 when none.
async fn holding(s: &AppState, token: &str) -> AppResult<(String, bool)> {
    let found = db::subscriptions::find_by_token(&s.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let id = found.body_id.or(found.inspection_id);
    let what = match published(s, found.scope, id).await {
        Ok(what) => what,
        Err(AppError::NotFound) => "a part of the progress site no longer published".into(),
        Err(e) => return Err(e),
    };
    Ok((what, found.confirmed_at.is_some()))
}

pub async fn confirm_form(
    State(s): State<AppState>,
    user: SessionUser,
    Path(t): Path<String>,
) -> AppResult<Markup> {
    let t = token(&t)?;
    let (what, confirmed) = holding(&s, t).await?;
    let chrome = super::chrome(&s, user.0.as_ref());
    Ok(view::confirm_page(&chrome, t, &what, confirmed))
}

pub async fn confirm(
    State(s): State<AppState>,
    now: Now,
    Path(t): Path<String>,
) -> AppResult<Response> {
    let t = token(&t)?;
    holding(&s, t).await?;
    record::subscriptions::confirm(&s.db, now.at, t).await?;
    Ok(Redirect::to(&format!("/subscriptions/{t}/confirm")).into_response())
}

pub async fn unsubscribe_form(
    State(s): State<AppState>,
    user: SessionUser,
    Path(t): Path<String>,
) -> AppResult<Markup> {
    let t = token(&t)?;
    let chrome = super::chrome(&s, user.0.as_ref());
    let what = holding(&s, t).await.ok().map(|(what, _)| what);
    Ok(view::unsubscribe_page(&chrome, t, what.as_deref()))
}

/// Unsubscribe: from the page's button, or the mail client's one-click POST (RFC 8058, which
/// forbids answering with a redirect – so the page is the answer, for a token already gone too).
pub async fn unsubscribe(
    State(s): State<AppState>,
    user: SessionUser,
    now: Now,
    Path(t): Path<String>,
) -> AppResult<Markup> {
    let t = token(&t)?;
    record::subscriptions::unsubscribe(&s.db, now.at, t).await?;
    Ok(view::unsubscribed_page(&super::chrome(&s, user.0.as_ref())))
}
