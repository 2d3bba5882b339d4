//! Mail in the browser: the administrator's outbox (queued, sent and failed messages with the
//! server's reply, each readable) and each person's choice of the emails they get.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;
use serde::Deserialize;

use super::respond::{self, Now};
use crate::auth::CurrentUser;
use crate::domain::vocab::MailStatus;
use crate::error::{AppResult, Found};
use crate::forms::mail::PreferencesForm;
use crate::mail::Readiness;
use crate::views::outbox as view;
use crate::{AppState, db, record};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OutboxQuery {
    pub status: String,
}

pub async fn outbox(
    State(s): State<AppState>,
    u: CurrentUser,
    Query(q): Query<OutboxQuery>,
) -> AppResult<Markup> {
    let status = MailStatus::parse(q.status.trim());
    let counts = db::mail::count_by_status(&s.db).await?;
    let messages = db::mail::list_recent(&s.db, status, 100).await?;
    let subscriptions = db::subscriptions::count_confirmed(&s.db).await?;
    let readiness = Readiness::of(&s.security.mail, s.security.public_url.as_deref());
    let chrome = super::chrome(&s, Some(&u));
    Ok(view::index_page(
        &chrome,
        readiness,
        &counts,
        &messages,
        status,
        &subscriptions,
    ))
}

pub async fn message(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let message = db::mail::find(&s.db, id).await.found()?;
    let chrome = super::chrome(&s, Some(&u));
    Ok(view::show_page(&chrome, &message))
}

pub async fn retry(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let result = record::mail::retry(&s.db, &u.actor(), now.at, id).await;
    if result.is_ok() {
        s.mail_wake.now();
    }
    respond::saved(
        result,
        |id| format!("/admin/mail/{id}"),
        |_| async {
            let message = db::mail::find(&s.db, id).await.found()?;
            Ok(view::show_page(&super::chrome(&s, Some(&u)), &message))
        },
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

pub async fn preferences(
    State(s): State<AppState>,
    u: CurrentUser,
    Query(q): Query<SavedQuery>,
) -> AppResult<Markup> {
    let preferences = db::mail::find_preferences(&s.db, u.id).await?;
    let chrome = super::chrome(&s, Some(&u));
    Ok(view::preferences_page(
        &chrome,
        preferences,
        &u.email,
        q.saved.is_some(),
    ))
}

pub async fn save_preferences(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<PreferencesForm>,
) -> AppResult<Response> {
    record::mail::save_preferences(&s.db, &u.actor(), now.at, u.id, f.parse()).await?;
    Ok(Redirect::to("/account/mail?saved=1").into_response())
}
