//! Proposed milestone revisions: the force (or office) proposes a new date; the office sees
//! every pending one in a list and accepts it or rejects it with a reason.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::milestones::{changed, milestone};
use super::respond::{self, Now, Shown};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::proposals::{self, ProposalRow};
use crate::domain::milestones::NewProposal;
use crate::error::{AppResult, Found};
use crate::forms::FieldErrors;
use crate::forms::milestones::{MilestoneForm, RejectForm};
use crate::record;
use crate::views::milestones::MilestoneFormKind as Kind;
use crate::views::proposals::{proposals_page, reject_page};

/// The pending proposals, each with a decision date (`typed` for the one just refused, if
/// any; otherwise today), with why the last decision was refused, if it was.
async fn list_page(
    state: &AppState,
    user: &CurrentUser,
    today: chrono::NaiveDate,
    typed: Option<(i64, &RejectForm)>,
    errors: &FieldErrors,
) -> AppResult<Markup> {
    let pending = proposals::list_pending(&state.db).await?;
    let fresh = RejectForm::dated_today(today);
    Ok(proposals_page(
        &super::chrome(state, Some(user)),
        &user.csrf_token,
        &pending,
        user.id,
        |id| match typed {
            Some((t, form)) if t == id => form.decided_on(),
            _ => fresh.decided_on(),
        },
        errors,
    ))
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
) -> AppResult<Markup> {
    list_page(&state, &user, now.today, None, &FieldErrors::default()).await
}

/// Accept a proposal as decided on the day given; refused (422, the list with the reason) for
/// its own sender, for a milestone met since or for a date in the future.
pub async fn accept(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<RejectForm>,
) -> AppResult<Response> {
    let result = async {
        let decided_on = f.parse_accept(now.today)?;
        record::proposals::accept(&s.db, &u.actor(), now.at, (u.id, decided_on), id).await
    };
    let (s, u, f) = (&s, &u, &f);
    respond::saved(
        result.await,
        |()| "/proposals".into(),
        |shown: Shown<Infallible>| async move {
            list_page(s, u, now.today, Some((id, f)), &shown.errors()).await
        },
    )
    .await
}

async fn proposal(state: &AppState, id: i64) -> AppResult<ProposalRow> {
    proposals::find(&state.db, id).await.found()
}

fn reject_form_page<L>(
    state: &AppState,
    user: &CurrentUser,
    p: &ProposalRow,
    form: &RejectForm,
    shown: Shown<L>,
) -> Markup {
    let chrome = super::chrome(state, Some(user));
    reject_page(&chrome, &user.csrf_token, p, form, &shown.errors())
}

pub async fn reject_form(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let p = proposal(&s, id).await?;
    let form = RejectForm::dated_today(now.today);
    Ok(reject_form_page(&s, &u, &p, &form, Shown::<()>::Fresh))
}

pub async fn reject(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<RejectForm>,
) -> AppResult<Response> {
    let p = proposal(&s, id).await?;
    let result = async {
        let (reason, decided_on) = f.parse(now.today)?;
        let decision = (u.id, decided_on);
        record::proposals::reject(&s.db, &u.actor(), now.at, decision, id, reason).await
    };
    respond::saved(
        result.await,
        |()| "/proposals".into(),
        |shown| async { Ok(reject_form_page(&s, &u, &p, &f, shown)) },
    )
    .await
}

pub async fn propose(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<MilestoneForm>,
) -> AppResult<Response> {
    let m = milestone(&s, id).await?;
    let result = async {
        let new = NewProposal::of(id, f.parse_move(m.current_due_on)?);
        record::proposals::propose(&s.db, &u.actor(), now.at, u.id, new).await
    };
    changed(&s, &u, Kind::Propose, &m, &f, result.await).await
}
