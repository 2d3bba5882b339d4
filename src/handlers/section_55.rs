//! The response to a report's findings: for section 55 every step's date and the response to
//! every finding, saved together in one transaction; for a report of another source answered
//! finding by finding (a coroner's concerns, an IOPC recommendation), the responses alone.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::findings::{self, FindingRow};
use crate::db::inspections::InspectionRow;
use crate::domain::clocks::ReportClock;
use crate::domain::inspections::NewSection55;
use crate::domain::response_document::{answering_rule, responses_heading, responses_recorded};
use crate::error::{AppError, AppResult};
use crate::forms::section_55::Section55Form;
use crate::views::section_55::{self as view, Responding};
use crate::{AppState, record};

pub async fn edit(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let loaded = load(&s, id, &now).await?;
    let form = Section55Form::from_row(&loaded.inspection, &loaded.findings);
    form_page(&s, &u, &loaded, &form, Shown::Fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<Section55Form>,
) -> AppResult<Response> {
    let loaded = load(&s, id, &now).await?;
    let (inspection, findings) = (&loaded.inspection, &loaded.findings);
    let section_55 = inspection.regime().is_section_55();
    let result = async {
        let new = match section_55 {
            true => f.parse(inspection.published_on, findings)?,
            // Outside section 55 the steps are kept as they are: only the responses change,
            // and only they are recorded.
            false => NewSection55 {
                steps: inspection.response.clone(),
                responses: f.parse_responses(findings)?,
            },
        };
        let (actor, version) = (u.actor(), f.version());
        record::inspections::record_section_55(&s.db, &actor, now.at, id, version, new).await
    };
    let anchor = if section_55 { "section-55" } else { "findings" };
    respond::saved(
        result.await,
        |id| format!("/inspections/{id}#{anchor}"),
        |shown| form_page(&s, &u, &loaded, &f, shown),
    )
    .await
}

/// What the response page is about.
struct Loaded {
    inspection: InspectionRow,
    findings: Vec<FindingRow>,
    clocks: Vec<ReportClock>,
}

/// The inspection, its findings and clocks; 404 unless its findings are answered one by one:
/// section 55 (an HMICFRS report on a police force) or another source's report – so no fire
/// report or follow-up, answered by an action plan, is given a response here.
async fn load(state: &AppState, id: i64, now: &Now) -> AppResult<Loaded> {
    let inspection = super::inspections::get(state, id).await?;
    let clocks = super::clocks::of_report(state, id, now.today).await?;
    if !inspection.regime().is_section_55() && !responses_recorded(inspection.source, &clocks) {
        return Err(AppError::NotFound);
    }
    let findings = findings::list_for_inspection(&state.db, id).await?;
    Ok(Loaded {
        inspection,
        findings,
        clocks,
    })
}

/// The form; after a clash it shows the inspection as now saved, both versions (of the steps
/// for section 55, of the responses otherwise), and what was typed carrying the version now
/// saved.
async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    loaded: &Loaded,
    form: &Section55Form,
    shown: Shown<InspectionRow>,
) -> AppResult<Markup> {
    let chrome = super::chrome(state, Some(user));
    let errors = shown.errors();
    let (i, findings) = (&loaded.inspection, &loaded.findings);
    let section_55 = i.regime().is_section_55();
    let heading = responses_heading(&loaded.clocks);
    let clock = answering_rule(&loaded.clocks)
        .and_then(|rule| loaded.clocks.iter().find(|c| c.rule.id == rule.id));
    let documents: Vec<(i64, String)> = loaded
        .clocks
        .iter()
        .map(|c| (c.rule.id, c.rule.name.clone()))
        .collect();
    let responding = Responding {
        heading: &heading,
        section_55,
        clock: clock.filter(|_| !section_55),
        documents: &documents,
    };
    Ok(match &shown {
        Shown::Stale(latest) => {
            let form = form.with_version(latest.version);
            let conflict = match section_55 {
                true => view::clash(latest, &form),
                false => view::responses_clash(findings, &form),
            };
            view::form_page(
                &chrome,
                latest,
                findings,
                &form,
                &errors,
                Some(conflict),
                &responding,
            )
        }
        _ => view::form_page(&chrome, i, findings, form, &errors, None, &responding),
    })
}
