//! Inspections: list, add, show (findings with their three voices and the section 55 panel)
//! and edit, version-checked.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::inspections::{self, InspectionRow};
use crate::db::voices::{self, Scope};
use crate::domain::vocab::AttachedTo;
use crate::domain::withdrawals::Withdrawable;
use crate::error::{AppError, AppResult, Found};
use crate::forms::{self, inspections::InspectionForm};
use crate::views::inspections::{self as view, InspectionFormPage};
use crate::{AppState, db, record};

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
) -> AppResult<Markup> {
    let list = inspections::list(&state.db, &user.scope).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::index_page(&chrome, &list, user.is_office(), today))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let inspection = get(&state, id).await?;
    let findings = db::findings::list_for_inspection(&state.db, id).await?;
    let voices = voices::list(&state.db, Scope::Inspection(id), today).await?;
    let followed_up_by = inspections::list_follow_ups(&state.db, id).await?;
    let readiness = inspections::find_readiness(&state.db, id).await.found()?;
    let withdrawal = db::withdrawals::find(&state.db, Withdrawable::Inspection, id)
        .await?
        .flatten();
    let clocks = super::clocks::of_report(&state, id, today).await?;
    let files = db::evidence::list_for(&state.db, AttachedTo::Inspection, &[id]).await?;
    let page = view::InspectionPage {
        files: &files,
        withdrawal: withdrawal.as_ref(),
        inspection: &inspection,
        readiness: &readiness,
        findings: &findings,
        voices: &voices,
        can_edit: user.is_office(),
        today,
        followed_up_by: &followed_up_by,
        clocks: &clocks,
    };
    Ok(view::show_page(&super::chrome(&state, Some(&user)), &page))
}

pub async fn new(State(s): State<AppState>, u: CurrentUser) -> AppResult<Markup> {
    let form = InspectionForm::blank();
    form_page(&s, &u, None, &form, Shown::<InspectionRow>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<InspectionForm>,
) -> AppResult<Response> {
    let result = async {
        let new = f.parse(now.today)?;
        record::inspections::create(&s.db, &u.actor(), now.at, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/inspections/{id}"),
        |shown| form_page(&s, &u, None, &f, shown.map(|n| match n {})),
    )
    .await
}

pub async fn edit(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let form = InspectionForm::from_row(&get(&s, id).await?);
    form_page(&s, &u, Some(id), &form, Shown::<InspectionRow>::Fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<InspectionForm>,
) -> AppResult<Response> {
    get(&s, id).await?;
    let result = async {
        let new = f.parse(now.today)?;
        let version = forms::version(&f.version);
        record::inspections::update(&s.db, &u.actor(), now.at, id, version, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/inspections/{id}"),
        |shown| form_page(&s, &u, Some(id), &f, shown),
    )
    .await
}

/// Mark the inspection ready for publication (the button on its page).
pub async fn mark_ready(
    s: State<AppState>,
    u: CurrentUser,
    now: Now,
    id: Path<i64>,
) -> AppResult<Response> {
    set_ready(s, u, now, id, true).await
}

/// Mark the inspection not ready for publication: left out of editions from the next on.
pub async fn unmark_ready(
    s: State<AppState>,
    u: CurrentUser,
    now: Now,
    id: Path<i64>,
) -> AppResult<Response> {
    set_ready(s, u, now, id, false).await
}

async fn set_ready(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    ready: bool,
) -> AppResult<Response> {
    let result = record::inspections::set_ready(&s.db, &u.actor(), now.at, u.id, id, ready).await;
    // A button has no form to show again.
    respond::saved(
        result,
        |id| format!("/inspections/{id}#publication"),
        |_| async { Err(AppError::internal("marking readiness has no form to show")) },
    )
    .await
}

/// The inspection `id` (404 if there is none); for every page about one.
pub(super) async fn get(state: &AppState, id: i64) -> AppResult<InspectionRow> {
    inspections::find(&state.db, id).await.found()
}

/// The form for a new inspection (`id` none) or an existing one; after a clash, the form
/// keeps what was typed but carries the version now saved, with both versions above it.
async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    form: &InspectionForm,
    shown: Shown<InspectionRow>,
) -> AppResult<Markup> {
    let bodies = db::bodies::list(&state.db).await?;
    let others: Vec<_> = inspections::list(&state.db, &user.scope)
        .await?
        .into_iter()
        .filter(|i| Some(i.id) != id)
        .collect();
    let (conflict, form) = match &shown {
        Shown::Stale(latest) => (
            Some(view::clash(latest, form)),
            &InspectionForm {
                version: latest.version.to_string(),
                ..form.clone()
            },
        ),
        _ => (None, form),
    };
    let p = InspectionFormPage {
        heading: match id {
            Some(_) => "Edit the inspection",
            None => "Add an inspection",
        },
        action: id.map_or("/inspections".into(), |id| format!("/inspections/{id}")),
        bodies: &bodies,
        others: &others,
        conflict,
    };
    let chrome = super::chrome(state, Some(user));
    Ok(view::form_page(&chrome, &p, form, &shown.errors()))
}
