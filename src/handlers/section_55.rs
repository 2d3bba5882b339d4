//! The section 55 response of an inspection: every step's date and the response to every
//! finding, saved together in one transaction.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::findings::{self, FindingRow};
use crate::db::inspections::InspectionRow;
use crate::error::{AppError, AppResult};
use crate::forms::section_55::Section55Form;
use crate::views::section_55 as view;
use crate::{AppState, record};

pub async fn edit(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let (inspection, findings) = load(&s, id).await?;
    let form = Section55Form::from_row(&inspection, &findings);
    let fresh = Shown::<InspectionRow>::Fresh;
    form_page(&s, &u, &inspection, &findings, &form, fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<Section55Form>,
) -> AppResult<Response> {
    let (inspection, findings) = load(&s, id).await?;
    let result = async {
        let new = f.parse(inspection.published_on, &findings)?;
        let (actor, version) = (u.actor(), f.version());
        record::inspections::record_section_55(&s.db, &actor, now.at, id, version, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/inspections/{id}#section-55"),
        |shown| form_page(&s, &u, &inspection, &findings, &f, shown),
    )
    .await
}

/// The inspection and its findings; 404 unless section 55 applies to it (an HMICFRS report on
/// a police force), so no fire or other report is given a section 55 response.
async fn load(state: &AppState, id: i64) -> AppResult<(InspectionRow, Vec<FindingRow>)> {
    let inspection = super::inspections::get(state, id).await?;
    if !inspection.regime().is_section_55() {
        return Err(AppError::NotFound);
    }
    let findings = findings::list_for_inspection(&state.db, id).await?;
    Ok((inspection, findings))
}

/// The form; after a clash it shows the inspection as now saved, both versions of the
/// steps, and what was typed carrying the version now saved.
async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    inspection: &InspectionRow,
    findings: &[FindingRow],
    form: &Section55Form,
    shown: Shown<InspectionRow>,
) -> AppResult<Markup> {
    let chrome = super::chrome(state, Some(user));
    let errors = shown.errors();
    Ok(match &shown {
        Shown::Stale(latest) => {
            let form = form.with_version(latest.version);
            let conflict = Some(view::clash(latest, &form));
            view::form_page(&chrome, latest, findings, &form, &errors, conflict)
        }
        _ => view::form_page(&chrome, inspection, findings, form, &errors, None),
    })
}
