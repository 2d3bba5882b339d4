//! Choosing whom to email (the office): an action's owner's account, asked for updates by
//! rounds and sent its reminders, and a body's chief officer lead, escalated to.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::error::{AppResult, Found};
use crate::forms::mail::ContactForm;
use crate::record::contacts::Contact;
use crate::views::contacts as view;
use crate::{AppState, db, record};

async fn page<L>(
    s: &AppState,
    u: &CurrentUser,
    contact: Contact,
    typed: Option<&ContactForm>,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let chosen = match contact {
        Contact::Owner(id) => db::contacts::find_action_owner(&s.db, id).await,
        Contact::Lead(id) => db::contacts::find_body_lead(&s.db, id).await,
    }
    .found()?;
    if !u.scope.admits(chosen.body_id) {
        return Err(crate::error::AppError::NotFound);
    }
    let people = db::contacts::list_people_for_body(&s.db, chosen.body_id).await?;
    let form = typed.cloned().unwrap_or_else(|| ContactForm {
        user_id: chosen.user_id.map(|id| id.to_string()).unwrap_or_default(),
    });
    let chrome = super::chrome(s, Some(u));
    Ok(view::choice_page(
        &chrome,
        contact,
        &chosen,
        &people,
        &form,
        &shown.errors(),
    ))
}

pub async fn owner_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    page(
        &s,
        &u,
        Contact::Owner(id),
        None,
        Shown::<std::convert::Infallible>::Fresh,
    )
    .await
}

pub async fn lead_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    page(
        &s,
        &u,
        Contact::Lead(id),
        None,
        Shown::<std::convert::Infallible>::Fresh,
    )
    .await
}

async fn save(
    s: &AppState,
    u: &CurrentUser,
    now: Now,
    contact: Contact,
    f: &ContactForm,
) -> AppResult<Response> {
    let result = async {
        let user = f.parse()?;
        record::contacts::set(&s.db, &u.actor(), now.at, contact, user).await
    };
    respond::saved(
        result.await,
        |id| match contact {
            Contact::Owner(_) => format!("/actions/{id}"),
            Contact::Lead(_) => "/bodies".to_string(),
        },
        |shown| page(s, u, contact, Some(f), shown),
    )
    .await
}

pub async fn set_owner(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ContactForm>,
) -> AppResult<Response> {
    save(&s, &u, now, Contact::Owner(id), &f).await
}

pub async fn set_lead(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ContactForm>,
) -> AppResult<Response> {
    save(&s, &u, now, Contact::Lead(id), &f).await
}
