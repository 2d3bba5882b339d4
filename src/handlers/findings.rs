//! Findings: add to an inspection, show (with its voices and histories) and edit,
//! version-checked, with its parts.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::inspections::{read_date, read_id, read_version};
use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::findings::{self, FindingRow, NewFinding};
use crate::db::voices::{self, Scope};
use crate::domain::inputs;
use crate::domain::vocab::{FindingKind, Role, Timescale};
use crate::error::{AppError, AppResult};
use crate::views::findings::{self as view, FindingForm, FindingFormPage, FindingPage};
use crate::views::forms::{Clash, DateParts, FormErrors, conflict_summary};
use crate::{AppState, db};

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let finding = findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parts = findings::list_parts(&state.db, id).await?;
    let voices = voices::list(&state.db, Scope::Finding(id), state.clock.today()).await?;
    let assessments = db::assurance::list_assessments(&state.db, id).await?;
    let positions = db::assurance::list_positions(&state.db, id).await?;
    let actions = db::finding_links::list_actions(&state.db, id).await?;
    let updates = db::finding_links::list_updates(&state.db, id).await?;
    let page = FindingPage {
        finding: &finding,
        parts: &parts,
        voices: voices.first(),
        assessments: &assessments,
        positions: &positions,
        actions: &actions,
        updates: &updates,
        can_edit: user.is_office(),
        can_post_update: user.role.can_submit_updates(),
        can_see_inspection: user.role != Role::Force,
    };
    Ok(view::show_page(&super::chrome(&state, Some(&user)), &page))
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(inspection_id): Path<i64>,
) -> AppResult<Response> {
    let form = FindingForm {
        kind: FindingKind::Recommendation.as_str().into(),
        ..Default::default()
    };
    render(
        &state,
        &user,
        inspection_id,
        None,
        &form,
        &FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(inspection_id): Path<i64>,
    Form(form): Form<FindingForm>,
) -> AppResult<Response> {
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let (new, lines) = match check(&form, &siblings, None) {
        Ok(checked) => checked,
        Err(errors) => {
            return render(
                &state,
                &user,
                inspection_id,
                None,
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let id = findings::insert(
        &mut tx,
        inspection_id,
        &new,
        &db::timestamp(state.clock.now()),
    )
    .await?;
    findings::replace_parts(&mut tx, id, &lines).await?;
    audit::record(&mut tx, state.clock.now(), &user.actor(), Change {
        entity: "finding", entity_id: Some(id), action: "create", before: None,
        after: Some(serde_json::json!({ "inspection_id": inspection_id, "finding": new, "parts": lines })),
    }).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let f = findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let parts = findings::list_parts(&state.db, id).await?;
    let form = form_from(
        &f,
        &parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
    render(
        &state,
        &user,
        f.inspection_id,
        Some(&f),
        &form,
        &FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(mut form): Form<FindingForm>,
) -> AppResult<Response> {
    let before = findings::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let siblings = findings::list_for_inspection(&state.db, before.inspection_id).await?;
    let checked = check(&form, &siblings, Some(id));
    let existing = findings::list_parts(&state.db, id).await?;
    let referenced = findings::list_referenced_parts(&state.db, id).await?;
    let (new, lines) = match checked {
        Ok((new, lines)) => {
            let blocked: Vec<&str> = findings::removed_parts(&existing, &lines)
                .into_iter()
                .filter(|p| referenced.contains(&p.id))
                .map(|p| p.text.as_str())
                .collect();
            if blocked.is_empty() {
                (new, lines)
            } else {
                let mut errors = FormErrors::default();
                errors.add(
                    "parts",
                    format!(
                        "These parts have been judged and cannot be removed: {}",
                        blocked.join("; ")
                    ),
                );
                return render(
                    &state,
                    &user,
                    before.inspection_id,
                    Some(&before),
                    &form,
                    &errors,
                    None,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
        Err(errors) => {
            return render(
                &state,
                &user,
                before.inspection_id,
                Some(&before),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    if findings::update(
        &mut tx,
        id,
        read_version(&form.version),
        &new,
        &db::timestamp(state.clock.now()),
    )
    .await?
        == 0
    {
        tx.rollback().await?;
        let conflict = clash(&before, &form);
        form.version = before.version.to_string();
        return render(
            &state,
            &user,
            before.inspection_id,
            Some(&before),
            &form,
            &FormErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    findings::replace_parts(&mut tx, id, &lines).await?;
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: "finding",
            entity_id: Some(id),
            action: "update",
            before: Some(serde_json::json!({ "finding": before, "parts": existing })),
            after: Some(serde_json::json!({ "finding": new, "parts": lines })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/findings/{id}")).into_response())
}

fn clash(saved: &FindingRow, typed: &FindingForm) -> Markup {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    conflict_summary(&[
        Clash {
            label: "Reference",
            saved: saved.reference.clone(),
            typed: typed.reference.trim().into(),
        },
        Clash {
            label: "Area",
            saved: saved.area.clone(),
            typed: typed.area.trim().into(),
        },
        Clash {
            label: "Official wording",
            saved: opt(&saved.official_wording),
            typed: typed.official_wording.trim().into(),
        },
        Clash {
            label: "Public summary",
            saved: opt(&saved.public_summary),
            typed: typed.public_summary.trim().into(),
        },
        Clash {
            label: "Timescale",
            saved: saved.timescale.label().into(),
            typed: Timescale::parse(&typed.timescale)
                .map(|t| t.label())
                .unwrap_or("")
                .into(),
        },
    ])
}

fn form_from(f: &FindingRow, parts: &str) -> FindingForm {
    let d = DateParts::from_date(f.timescale_date);
    FindingForm {
        kind: f.kind.as_str().into(),
        parent_id: f.parent_id.map(|v| v.to_string()).unwrap_or_default(),
        reference: f.reference.clone(),
        area: f.area.clone(),
        official_wording: f.official_wording.clone().unwrap_or_default(),
        public_summary: f.public_summary.clone().unwrap_or_default(),
        timescale: f.timescale.as_str().into(),
        timescale_date_day: d.day,
        timescale_date_month: d.month,
        timescale_date_year: d.year,
        parts: parts.into(),
        version: f.version.to_string(),
    }
}

/// Check the form against the other findings of the inspection (unique reference, parent).
fn check(
    f: &FindingForm,
    siblings: &[FindingRow],
    id: Option<i64>,
) -> Result<(NewFinding, Vec<String>), FormErrors> {
    let mut errors = FormErrors::default();
    let kind = FindingKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", "Choose the kind of finding");
    }
    let parent_id = read_id(&mut errors, "parent_id", &f.parent_id);
    if let Some(pid) = parent_id
        && !siblings
            .iter()
            .any(|s| s.id == pid && s.kind == FindingKind::CauseOfConcern && Some(s.id) != id)
    {
        errors.add("parent_id", "Choose a cause of concern of this inspection");
    }
    let reference = inputs::required_text(&f.reference, 40)
        .map_err(|e| errors.add("reference", format!("Reference: {e}")))
        .ok();
    if let Some(r) = &reference
        && siblings
            .iter()
            .any(|s| s.reference.eq_ignore_ascii_case(r) && Some(s.id) != id)
    {
        errors.add(
            "reference",
            format!("Reference {r} is already used in this inspection"),
        );
    }
    let area = inputs::optional_text(&f.area, 200)
        .map_err(|e| errors.add("area", format!("Area: {e}")))
        .ok()
        .flatten();
    let wording = inputs::optional_text(&f.official_wording, 20_000)
        .map_err(|e| errors.add("official_wording", format!("Official wording: {e}")))
        .ok()
        .flatten();
    let summary = inputs::optional_text(&f.public_summary, 20_000)
        .map_err(|e| errors.add("public_summary", format!("Public summary: {e}")))
        .ok()
        .flatten();
    let timescale = Timescale::parse(&f.timescale);
    if timescale.is_none() {
        errors.add("timescale", "Choose the timescale");
    }
    let date = read_date(
        &mut errors,
        "timescale_date",
        &f.timescale_date_day,
        &f.timescale_date_month,
        &f.timescale_date_year,
    );
    match (timescale, date) {
        (Some(Timescale::ByDate), None) if errors.get("timescale_date").is_none() => {
            errors.add("timescale_date", "Enter the stated date")
        }
        (Some(t), Some(_)) if t != Timescale::ByDate => errors.add(
            "timescale_date",
            "Leave the stated date blank unless the timescale is by a stated date",
        ),
        _ => {}
    }
    let lines: Vec<String> = f
        .parts
        .lines()
        .map(|l| l.replace('\0', "").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > 50 || lines.iter().any(|l| l.chars().count() > 2000) {
        errors.add(
            "parts",
            "Give at most 50 parts of 2000 characters or fewer each",
        );
    }
    match (kind, reference, timescale) {
        (Some(kind), Some(reference), Some(timescale)) if errors.is_empty() => Ok((
            NewFinding {
                parent_id,
                kind,
                reference,
                area: area.unwrap_or_default(),
                official_wording: wording,
                public_summary: summary,
                timescale,
                timescale_date: date,
            },
            lines,
        )),
        _ => Err(errors),
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    user: &CurrentUser,
    inspection_id: i64,
    finding: Option<&FindingRow>,
    form: &FindingForm,
    errors: &FormErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let inspection = db::inspections::get(&state.db, inspection_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let parents = siblings
        .iter()
        .filter(|s| s.kind == FindingKind::CauseOfConcern && Some(s.id) != finding.map(|f| f.id))
        .map(|s| (s.id.to_string(), s.reference.clone()))
        .collect();
    let p = FindingFormPage {
        heading: finding.map_or("Add a finding".into(), |f| {
            format!("Edit {} {}", f.kind.label(), f.reference)
        }),
        inspection_title: &inspection.title,
        action: finding.map_or(format!("/inspections/{inspection_id}/findings"), |f| {
            format!("/findings/{}", f.id)
        }),
        parents,
        conflict,
    };
    Ok((
        status,
        view::form_page(&super::chrome(state, Some(user)), &p, form, errors),
    )
        .into_response())
}
