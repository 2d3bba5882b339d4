//! A fire and rescue service's cause of concern: the office records when the service's
//! action plan review arrived, when HMICFRS revisited and when it published its letter.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::inspections::InspectionRow;
use crate::error::{AppError, AppResult};
use crate::forms::fire_review::FireReviewForm;
use crate::views::fire_review as view;
use crate::{AppState, record};

pub async fn edit(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let inspection = load(&s, id).await?;
    let form = FireReviewForm::from_row(&inspection);
    form_page(&s, &u, &inspection, &form, Shown::Fresh)
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<FireReviewForm>,
) -> AppResult<Response> {
    let inspection = load(&s, id).await?;
    let result = async {
        let new = f.parse(inspection.published_on)?;
        let (actor, version) = (u.actor(), f.version());
        record::inspections::record_fire_review(&s.db, &actor, now.at, id, version, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/inspections/{id}#fire-review"),
        |shown| async { form_page(&s, &u, &inspection, &f, shown) },
    )
    .await
}

/// The inspection; 404 unless it is an HMICFRS report with a cause of concern about a fire
/// and rescue service.
async fn load(state: &AppState, id: i64) -> AppResult<InspectionRow> {
    let inspection = super::inspections::get(state, id).await?;
    if !inspection.regime().is_fire() {
        return Err(AppError::NotFound);
    }
    Ok(inspection)
}

/// The form; after a clash it shows both versions and what was typed, carrying the version
/// now saved.
fn form_page(
    state: &AppState,
    user: &CurrentUser,
    inspection: &InspectionRow,
    form: &FireReviewForm,
    shown: Shown<InspectionRow>,
) -> AppResult<Markup> {
    let chrome = super::chrome(state, Some(user));
    let errors = shown.errors();
    Ok(match &shown {
        Shown::Stale(latest) => {
            let form = FireReviewForm {
                version: latest.version.to_string(),
                ..form.clone()
            };
            let conflict = Some(view::clash(latest, &form));
            view::form_page(&chrome, latest, &form, &errors, conflict)
        }
        _ => view::form_page(&chrome, inspection, form, &errors, None),
    })
}
