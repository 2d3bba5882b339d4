//! Progress updates on an action or a finding, and corrections. Append-only: there is no route
//! that edits or deletes an update.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{self as check, json};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::updates::{self, NewUpdate, Subject, UpdateRow};
use crate::db::{self, actions};
use crate::domain::vocab::{AuditAction, Entity, Rag};
use crate::error::{AppError, AppResult};
use crate::views::forms::FieldErrors;
use crate::views::updates::{UpdateForm, UpdateFormTarget, update_form_page};

/// The heading and the page to return to for what an update is about.
async fn describe(state: &AppState, subject: Subject) -> AppResult<(String, String)> {
    match subject {
        Subject::Action(id) => {
            let a = actions::find(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((
                format!("Action {} {}", a.reference, a.title),
                format!("/actions/{id}"),
            ))
        }
        Subject::Finding(id) => {
            let (reference, report) = updates::find_finding_label(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((
                format!("Finding {reference} – {report}"),
                format!("/findings/{id}"),
            ))
        }
    }
}

fn subject_of(u: &UpdateRow) -> AppResult<Subject> {
    match (u.action_id, u.finding_id) {
        (Some(id), _) => Ok(Subject::Action(id)),
        (None, Some(id)) => Ok(Subject::Finding(id)),
        _ => Err(AppError::internal("an update without a subject")),
    }
}

async fn form(
    state: &AppState,
    user: &CurrentUser,
    subject: Subject,
    corrects: Option<&UpdateRow>,
    form: &UpdateForm,
    errors: &FieldErrors,
) -> AppResult<Markup> {
    let (label, back) = describe(state, subject).await?;
    let post = match (corrects, subject) {
        (Some(u), _) => format!("/updates/{}/correct", u.id),
        (None, Subject::Action(id)) => format!("/actions/{id}/updates"),
        (None, Subject::Finding(id)) => format!("/findings/{id}/updates"),
    };
    let target = UpdateFormTarget {
        action: &post,
        subject: label,
        back,
        corrects,
    };
    Ok(update_form_page(
        &super::chrome(state, Some(user)),
        &user.csrf_token,
        &target,
        form,
        errors,
    ))
}

pub async fn new_for_action(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    form(
        &s,
        &u,
        Subject::Action(id),
        None,
        &UpdateForm::default(),
        &FieldErrors::default(),
    )
    .await
}
pub async fn new_for_finding(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    form(
        &s,
        &u,
        Subject::Finding(id),
        None,
        &UpdateForm::default(),
        &FieldErrors::default(),
    )
    .await
}
pub async fn correct_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let original = updates::find(&s.db, id).await?.ok_or(AppError::NotFound)?;
    form(
        &s,
        &u,
        subject_of(&original)?,
        Some(&original),
        &UpdateForm::from_row(&original),
        &FieldErrors::default(),
    )
    .await
}

pub async fn create_for_action(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> AppResult<Response> {
    save(&s, &u, Subject::Action(id), None, f).await
}
pub async fn create_for_finding(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> AppResult<Response> {
    save(&s, &u, Subject::Finding(id), None, f).await
}
pub async fn correct(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> AppResult<Response> {
    let original = updates::find(&s.db, id).await?.ok_or(AppError::NotFound)?;
    save(&s, &u, subject_of(&original)?, Some(&original), f).await
}

async fn save(
    state: &AppState,
    user: &CurrentUser,
    subject: Subject,
    corrects: Option<&UpdateRow>,
    f: UpdateForm,
) -> AppResult<Response> {
    let (_, back) = describe(state, subject).await?;
    let mut e = FieldErrors::default();
    let as_at = check::past_date(
        &mut e,
        "as_at",
        "the as-at date",
        &f.as_at(),
        state.clock.today(),
    );
    let rag = check::choice(&mut e, "rag", "Select a RAG status", Rag::parse(&f.rag));
    let narrative = check::required(&mut e, "narrative", "the narrative", &f.narrative, 20_000);
    let evidence = check::optional(&mut e, "evidence", &f.evidence, 5_000);
    let public_summary = check::optional(&mut e, "public_summary", &f.public_summary, 2_000);
    let (Some(as_at), Some(rag), true) = (as_at, rag, e.is_empty()) else {
        return Ok(check::unprocessable(
            form(state, user, subject, corrects, &f, &e).await?,
        ));
    };
    let new = NewUpdate {
        subject,
        as_at,
        rag,
        narrative,
        evidence,
        public_summary,
        corrects_id: corrects.map(|u| u.id),
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = updates::insert(&mut *tx, &new, user.id, &db::timestamp(now)).await?;
    let after = updates::find(&mut *tx, id).await?;
    let verb = if corrects.is_some() {
        AuditAction::Correct
    } else {
        AuditAction::Create
    };
    check::audit(
        &mut tx,
        now,
        user,
        (Entity::ProgressUpdate, id, verb),
        corrects.and_then(json),
        json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("{back}#update-{id}")).into_response())
}
