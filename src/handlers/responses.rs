//! The section 55 response of an inspection: every step's date and the response to every
//! finding, saved together in one transaction.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{read_date, read_version};
use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::findings::FindingRow;
use crate::db::inspections::{self, InspectionRow, Section55};
use crate::domain::inputs;
use crate::domain::vocab::ResponsePosition;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::forms::{Clash, FieldErrors, conflict_summary};
use crate::views::inspections::date_text;
use crate::views::section_55::{self as view, ResponseValues, STEPS};
use crate::{AppState, db};

type Responses = Vec<(i64, Option<ResponsePosition>, Option<String>)>;

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let inspection = inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let findings = db::findings::list_for_inspection(&state.db, id).await?;
    let values = view::values_from(&inspection, &findings);
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::form_page(
        &chrome,
        &inspection,
        &findings,
        &values,
        &FieldErrors::default(),
        None,
    ))
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let inspection = inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let findings = db::findings::list_for_inspection(&state.db, id).await?;
    let mut values: ResponseValues = pairs.into_iter().collect();
    let chrome = super::chrome(&state, Some(&user));
    let (steps, responses) = match check(&values, &findings) {
        Ok(checked) => checked,
        Err(errors) => {
            let page = view::form_page(&chrome, &inspection, &findings, &values, &errors, None);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let version = read_version(values.get("version").map(String::as_str).unwrap_or(""));
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    if inspections::update_response(&mut tx, id, version, &steps, &now).await? == 0 {
        tx.rollback().await?;
        // Someone saved after `inspection` was read: compare with (and offer) their version.
        let latest = inspections::get(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = clash(&latest, &steps);
        values.insert("version".into(), latest.version.to_string());
        let page = view::form_page(
            &chrome,
            &latest,
            &findings,
            &values,
            &FieldErrors::default(),
            Some(conflict),
        );
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: Entity::Inspection,
            entity_id: Some(id),
            action: AuditAction::RecordSection55,
            before: Some(serde_json::json!(inspection.response)),
            after: Some(serde_json::json!(steps)),
        },
    )
    .await?;
    for (finding, (fid, position, explanation)) in findings.iter().zip(&responses) {
        if finding.response_position == *position && finding.response_explanation == *explanation {
            continue;
        }
        db::findings::update_response(&mut tx, *fid, *position, explanation.as_deref(), &now)
            .await?;
        audit::record(&mut tx, state.clock.now(), &user.actor(), Change {
            entity: Entity::Finding, entity_id: Some(*fid), action: AuditAction::RecordResponse,
            before: Some(serde_json::json!({ "response_position": finding.response_position, "response_explanation": finding.response_explanation })),
            after: Some(serde_json::json!({ "response_position": position, "response_explanation": explanation })),
        }).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inspections/{id}#section-55")).into_response())
}

fn check(
    v: &ResponseValues,
    findings: &[FindingRow],
) -> Result<(Section55, Responses), FieldErrors> {
    let get = |k: String| v.get(&k).map(String::as_str).unwrap_or("").to_string();
    let mut errors = FieldErrors::default();
    let mut dates = Vec::new();
    for (name, _) in STEPS {
        let (d, m, y) = (
            get(format!("{name}_day")),
            get(format!("{name}_month")),
            get(format!("{name}_year")),
        );
        dates.push(read_date(&mut errors, name, &d, &m, &y));
    }
    let response_url = inputs::parse_url(&get("response_url".into()))
        .map_err(|e| errors.add("response_url", e.to_string()))
        .ok()
        .flatten();
    let mut responses = Vec::new();
    for f in findings {
        let position = ResponsePosition::parse(&get(format!("position_{}", f.id)));
        let explanation = inputs::optional_text(&get(format!("explanation_{}", f.id)), 20_000)
            .map_err(|e| {
                errors.add(
                    "responses",
                    format!("{} {}: {e}", f.kind.label(), f.reference),
                )
            })
            .ok()
            .flatten();
        responses.push((f.id, position, explanation));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let steps = Section55 {
        comments_requested_on: dates[0],
        comments_deadline: dates[1],
        comments_received_on: dates[2],
        response_published_on: dates[3],
        response_url,
        copy_to_hmicfrs_on: dates[4],
        copy_to_home_secretary_on: dates[5],
        action_plan_received_on: dates[6],
    };
    Ok((steps, responses))
}

fn clash(saved: &InspectionRow, typed: &Section55) -> Markup {
    let s = &saved.response;
    conflict_summary(&[
        Clash {
            label: STEPS[2].1,
            saved: date_text(s.comments_received_on),
            typed: date_text(typed.comments_received_on),
        },
        Clash {
            label: STEPS[3].1,
            saved: date_text(s.response_published_on),
            typed: date_text(typed.response_published_on),
        },
        Clash {
            label: STEPS[6].1,
            saved: date_text(s.action_plan_received_on),
            typed: date_text(typed.action_plan_received_on),
        },
    ])
}
