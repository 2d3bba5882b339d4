//! Meetings: list, show, add and edit (version-checked), and naming items for update.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::meetings::{MeetingRow, UpdateRequestRow};
use crate::domain::meetings::{UpdateOutcome, update_outcome};
use crate::domain::packs::UpdateIn;
use crate::domain::vocab::AttachedTo;
use crate::domain::withdrawals::Withdrawable;
use crate::error::{AppError, AppResult, Found};
use crate::forms;
use crate::forms::FieldErrors;
use crate::forms::meetings::{MeetingForm, RequestForm};
use crate::views::meeting_forms::{FormContext, meeting_clash, meeting_form_page};
use crate::views::meetings::{MeetingView, index_page, show_page};
use crate::{AppState, db, record};

/// A record as it is now, after someone else saved it first: the typed form `F` carrying its
/// version, and both versions side by side. `Infallible` for a change that cannot be stale.
pub(super) trait Latest<F> {
    fn clash(self, typed: &F) -> (F, Markup);
}

/// `Latest` for a saved row whose form has `from_row` and a `version` field: what was typed,
/// carrying the saved version, and `clash` showing the two side by side.
macro_rules! saved_beside_typed {
    ($row:ty, $form:ident, $clash:path) => {
        impl super::meetings::Latest<$form> for $row {
            fn clash(self, typed: &$form) -> ($form, maud::Markup) {
                let saved = $form::from_row(&self);
                let conflict = $clash(&saved, typed);
                let version = saved.version;
                let form = $form {
                    version,
                    ..typed.clone()
                };
                (form, conflict)
            }
        }
    };
}
pub(super) use saved_beside_typed;

impl<F> Latest<F> for Infallible {
    fn clash(self, _: &F) -> (F, Markup) {
        match self {}
    }
}

saved_beside_typed!(MeetingRow, MeetingForm, meeting_clash);

/// What a form shows: what was typed and its problems, or – after a clash – what was typed
/// carrying the saved version, with both versions above it.
pub(super) fn form_state<F: Clone, L: Latest<F>>(
    shown: Shown<L>,
    typed: &F,
) -> (F, FieldErrors, Option<Markup>) {
    match shown {
        Shown::Fresh => (typed.clone(), FieldErrors::default(), None),
        Shown::Invalid(errors) => (typed.clone(), errors, None),
        Shown::Stale(latest) => {
            let (form, conflict) = latest.clash(typed);
            (form, FieldErrors::default(), Some(conflict))
        }
    }
}

/// For a change made without a form: it is never invalid or stale, so there is nothing to show.
pub(super) async fn no_form<L>(_: Shown<L>) -> AppResult<Markup> {
    Err(AppError::internal(
        "a change without a form came back to show",
    ))
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
) -> AppResult<Markup> {
    let meetings = db::meetings::list(&state.db, &user.scope).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(index_page(&chrome, &meetings, now.today, user.is_office()))
}

/// The actions arising a viewer sees: those about their bodies' records or about none (a
/// meeting's bodies are those of its agenda and update requests, so one it may show can still
/// have an action arising about another body).
fn in_scope(
    mut rows: Vec<db::arising::ArisingRow>,
    user: &CurrentUser,
) -> Vec<db::arising::ArisingRow> {
    rows.retain(|r| r.body_id.is_none_or(|b| user.scope.admits(b)));
    rows
}

/// Each named item's label and whether the force updated it in time.
fn outcomes(
    meeting: &MeetingRow,
    requests: Vec<UpdateRequestRow>,
    updates: &[UpdateIn],
    today: chrono::NaiveDate,
) -> Vec<(String, UpdateOutcome)> {
    let about = |r: &UpdateRequestRow, u: &UpdateIn| {
        (r.action_id.is_some() && u.action_id == r.action_id)
            || (r.finding_id.is_some() && u.finding_id == r.finding_id)
    };
    requests
        .into_iter()
        .map(|r| {
            let entered: Vec<_> = updates
                .iter()
                .filter(|u| about(&r, u))
                .map(|u| u.entered_at)
                .collect();
            let outcome = update_outcome(r.requested_at, meeting.update_deadline, today, &entered);
            (r.label, outcome)
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let meeting = db::meetings::find(&state.db, id).await.found()?;
    let requests = db::meetings::list_requests(&state.db, id).await?;
    let updates = db::meetings::updates_for_requests(&state.db, id).await?;
    let withdrawal = db::withdrawals::find(&state.db, Withdrawable::Meeting, id)
        .await?
        .flatten();
    let view = MeetingView {
        withdrawal: withdrawal.as_ref(),
        meeting: &meeting,
        agenda: &db::agenda::list_for_meeting(&state.db, id).await?,
        requests: &outcomes(&meeting, requests, &updates, now.today),
        arising: &in_scope(db::arising::list_for_meeting(&state.db, id).await?, &user),
        packs: &packs_seen(db::packs::list_for_meeting(&state.db, id).await?, &user),
        link_options: &db::meetings::link_options(&state.db, &user.scope).await?,
        today: now.today,
        can_edit: user.is_office(),
        csrf_token: &user.csrf_token,
        files: &db::evidence::list_for(&state.db, AttachedTo::Meeting, &[id]).await?,
    };
    Ok(show_page(&super::chrome(&state, Some(&user)), &view))
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let form = MeetingForm::fresh();
    render(&state, &user, None, &form, Shown::<Infallible>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<MeetingForm>,
) -> AppResult<Response> {
    let result = async {
        let new = f.parse()?;
        record::meetings::create(&s.db, &u.actor(), now.at, &new).await
    };
    respond::saved(
        result.await,
        |id| format!("/meetings/{id}"),
        |shown| render(&s, &u, None, &f, shown),
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let meeting = db::meetings::find(&state.db, id).await.found()?;
    let form = MeetingForm::from_row(&meeting);
    render(&state, &user, Some(id), &form, Shown::<Infallible>::Fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MeetingForm>,
) -> AppResult<Response> {
    db::meetings::find(&s.db, id).await.found()?;
    let result = async {
        let new = f.parse()?;
        let version = forms::version(&f.version);
        record::meetings::update(&s.db, &u.actor(), now.at, id, version, &new).await
    };
    respond::saved(
        result.await,
        |_| format!("/meetings/{id}"),
        |shown| render(&s, &u, Some(id), &f, shown),
    )
    .await
}

/// Name an item the force must update before this meeting (nothing chosen: nothing named).
pub async fn add_request(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<RequestForm>,
) -> AppResult<Response> {
    db::meetings::find(&s.db, id).await.found()?;
    let back = format!("/meetings/{id}");
    let Some(subject) = f.parse() else {
        return Ok(Redirect::to(&back).into_response());
    };
    let result =
        record::meetings::request_update(&s.db, &u.actor(), now.at, id, subject, u.id).await;
    respond::saved(result, |_| back, no_form).await
}

async fn render<L: Latest<MeetingForm>>(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    typed: &MeetingForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let (form, errors, conflict) = form_state(shown, typed);
    let ctx = FormContext {
        heading: match id {
            Some(_) => "Edit meeting",
            None => "Add a meeting",
        },
        action: id.map_or_else(|| "/meetings".to_string(), |id| format!("/meetings/{id}")),
        csrf_token: &user.csrf_token,
        conflict,
    };
    let chrome = super::chrome(state, Some(user));
    Ok(meeting_form_page(&chrome, &ctx, &form, &errors))
}

/// The saved packs the viewer may open: none made for bodies beyond theirs.
fn packs_seen(
    packs: Vec<db::packs::PackSummaryRow>,
    user: &CurrentUser,
) -> Vec<db::packs::PackSummaryRow> {
    packs
        .into_iter()
        .filter(|p| {
            let covered = db::packs::covered(p.bodies.as_deref());
            user.scope.sees_made_for(covered.as_deref())
        })
        .collect()
}
