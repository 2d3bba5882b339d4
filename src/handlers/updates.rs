//! Progress updates on an action or a finding, and corrections. Append-only: there is no route
//! that edits or deletes an update.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, About, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::updates::{self, UpdateRow};
use crate::domain::subject::Subject;
use crate::domain::updates::Corrector;
use crate::error::{AppError, AppResult, Found};
use crate::forms::updates::UpdateForm;
use crate::record;
use crate::views::updates::{UpdateFormTarget, update_form_page};
use crate::{AppState, db};

/// The heading for what an update or a measure is about (404 if there is no such thing).
pub(super) async fn describe(state: &AppState, subject: Subject) -> AppResult<String> {
    match subject {
        Subject::Action(id) => {
            let a = crate::db::actions::find(&state.db, id).await.found()?;
            Ok(format!("Action {} {}", a.reference, a.title))
        }
        Subject::Finding(id) => {
            let (reference, report) = updates::find_finding_label(&state.db, id).await.found()?;
            Ok(format!("Finding {reference} – {report}"))
        }
    }
}

/// The signed-in user as someone who might correct an update.
pub(super) fn corrector(u: &CurrentUser) -> Corrector {
    Corrector {
        user_id: u.id,
        role: u.role,
    }
}

async fn original(state: &AppState, id: i64) -> AppResult<(UpdateRow, Subject)> {
    let u = updates::find(&state.db, id).await.found()?;
    let subject = Subject::from_ids(u.action_id, u.finding_id)
        .ok_or_else(|| AppError::internal("an update without a subject"))?;
    Ok((u, subject))
}

async fn form_page<L>(
    state: &AppState,
    user: &CurrentUser,
    subject: Subject,
    corrects: Option<&UpdateRow>,
    form: &UpdateForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let post = match corrects {
        Some(u) => format!("/updates/{}/correct", u.id),
        None => format!("{}/updates", subject.path()),
    };
    let target = UpdateFormTarget {
        action: &post,
        subject: describe(state, subject).await?,
        back: subject.path(),
        corrects,
    };
    let chrome = super::chrome(state, Some(user));
    Ok(update_form_page(
        &chrome,
        &user.csrf_token,
        &target,
        form,
        &shown.errors(),
    ))
}

/// The update form, as at today unless the person enters an earlier day.
pub async fn new(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    About(subject): About,
) -> AppResult<Markup> {
    form_page(
        &s,
        &u,
        subject,
        None,
        &UpdateForm::dated_today(now.today),
        Shown::<()>::Fresh,
    )
    .await
}

/// The correction form, for the update's author or the office only (403 for anyone else;
/// the record refuses their correction too).
pub async fn correct_form(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let (original, subject) = original(&s, id).await?;
    if !corrector(&u).may_correct(original.author_id) {
        return Err(AppError::Forbidden);
    }
    let form = UpdateForm::from_row(&original);
    form_page(&s, &u, subject, Some(&original), &form, Shown::<()>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    About(subject): About,
    Form(f): Form<UpdateForm>,
) -> AppResult<Response> {
    describe(&s, subject).await?;
    save(&s, &u, now, subject, None, f).await
}

pub async fn correct(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<UpdateForm>,
) -> AppResult<Response> {
    let (original, subject) = original(&s, id).await?;
    if !corrector(&u).may_correct(original.author_id) {
        return Err(AppError::Forbidden);
    }
    save(&s, &u, now, subject, Some(&original), f).await
}

async fn save(
    s: &AppState,
    u: &CurrentUser,
    now: Now,
    subject: Subject,
    corrects: Option<&UpdateRow>,
    f: UpdateForm,
) -> AppResult<Response> {
    let result = async {
        let published = db::inspections::published_on_for(&s.db, subject).await?;
        let input = f.parse(subject, corrects.map(|c| c.id), now.today, published)?;
        record::updates::post(&s.db, &u.actor(), now.at, u.id, input).await
    };
    respond::saved(
        result.await,
        |id| format!("{}#update-{id}", subject.path()),
        |shown| form_page(s, u, subject, corrects, &f, shown),
    )
    .await
}
