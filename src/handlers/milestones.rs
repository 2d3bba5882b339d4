//! Milestones: add to an action, revise the date and mark met (the office). Proposals from
//! the force are in `proposals`.

use axum::Form;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::actions;
use crate::db::milestones::{self, MilestoneRow};
use crate::domain::subject::Subject;
use crate::error::{AppError, AppResult, Found};
use crate::forms::milestones::MilestoneForm;
use crate::record::{self, RecordResult, Saved};
use crate::views::milestones::{MilestoneFormKind as Kind, milestone_form_page};
use crate::{AppState, db};

/// The milestone (if any) and its action's id and heading.
async fn load(
    state: &AppState,
    kind: Kind,
    id: i64,
) -> AppResult<(Option<MilestoneRow>, (i64, String))> {
    let milestone = match kind {
        Kind::Add => None,
        _ => Some(milestones::find(&state.db, id).await.found()?),
    };
    let action_id = milestone.as_ref().map_or(id, |m| m.action_id);
    let a = actions::find(&state.db, action_id).await.found()?;
    Ok((milestone, (a.id, format!("{} {}", a.reference, a.title))))
}

/// The milestone `id` being changed (404 if there is none).
pub(super) async fn milestone(state: &AppState, id: i64) -> AppResult<MilestoneRow> {
    let (m, _) = load(state, Kind::Revise, id).await?;
    m.ok_or(AppError::NotFound)
}

/// A milestone form of `kind` for the milestone (or, to add one, the action) `id`.
async fn form_page<L>(
    state: &AppState,
    user: &CurrentUser,
    kind: Kind,
    id: i64,
    form: &MilestoneForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let (milestone, action) = load(state, kind, id).await?;
    let chrome = super::chrome(state, Some(user));
    Ok(milestone_form_page(
        &chrome,
        &user.csrf_token,
        kind,
        (action.0, &action.1),
        milestone.as_ref(),
        form,
        &shown.errors(),
    ))
}

/// Answer a change made on the `kind` form to the milestone `m`: back to it on its action's
/// page, or the form again.
pub(super) async fn changed<T, L>(
    state: &AppState,
    user: &CurrentUser,
    kind: Kind,
    m: &MilestoneRow,
    form: &MilestoneForm,
    result: RecordResult<Saved<T, L>>,
) -> AppResult<Response> {
    respond::saved(
        result,
        |_| format!("/actions/{}#milestone-{}", m.action_id, m.id),
        |shown| form_page(state, user, kind, m.id, form, shown),
    )
    .await
}

/// Which milestone form a route shows, read from its path: `/actions/{id}/milestones/new`
/// adds to the action `id`; `/milestones/{id}/revise`, `…/met` and `…/propose` change the
/// milestone `id`. One handler serves the four.
pub struct FormFor(Kind, i64);

impl<S: Send + Sync> FromRequestParts<S> for FormFor {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let (template, id) = respond::route_and_id(parts, state).await?;
        let kind = match template.rsplit('/').next() {
            Some("new") => Kind::Add,
            Some("revise") => Kind::Revise,
            Some("met") => Kind::Met,
            Some("unmet") => Kind::UndoMet,
            Some("propose") => Kind::Propose,
            _ => {
                return Err(AppError::internal(
                    "FormFor used on a route of no milestone form",
                ));
            }
        };
        Ok(FormFor(kind, id))
    }
}

/// A milestone form, empty but for the day it was met or decided: today.
pub async fn form(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    FormFor(kind, id): FormFor,
) -> AppResult<Markup> {
    let form = match kind {
        Kind::Met | Kind::Revise => MilestoneForm::dated_today(kind == Kind::Met, now.today),
        Kind::Add | Kind::Propose | Kind::UndoMet => MilestoneForm::default(),
    };
    form_page(&s, &u, kind, id, &form, Shown::<()>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    load(&s, Kind::Add, id).await?;
    let result = async {
        let new = f.parse_new(id)?;
        record::milestones::add(&s.db, &u.actor(), now.at, new).await
    };
    respond::saved(
        result.await,
        |mid| format!("/actions/{id}#milestone-{mid}"),
        |shown| form_page(&s, &u, Kind::Add, id, &f, shown),
    )
    .await
}

pub async fn revise(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    let m = milestone(&s, id).await?;
    let result = async {
        let revision = f.parse_revision(m.current_due_on, now.today)?;
        record::milestones::revise(&s.db, &u.actor(), now.at, u.id, id, revision).await
    };
    changed(&s, &u, Kind::Revise, &m, &f, result.await).await
}

/// Undo a wrong "met", with the reason.
pub async fn undo_met(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    let m = milestone(&s, id).await?;
    let result = async {
        let reason = f.parse_undo_met()?;
        record::milestones::undo_met(&s.db, &u.actor(), now.at, id, reason).await
    };
    changed(&s, &u, Kind::UndoMet, &m, &f, result.await).await
}

pub async fn met(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    let m = milestone(&s, id).await?;
    let result = async {
        let report = Subject::Action(m.action_id);
        let published = db::inspections::published_on_for(&s.db, report).await?;
        let met_on = f.parse_met(now.today, published)?;
        record::milestones::met(&s.db, &u.actor(), now.at, id, met_on).await
    };
    changed(&s, &u, Kind::Met, &m, &f, result.await).await
}
