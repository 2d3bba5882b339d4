//! Agenda items on a meeting, with an optional assurance judgement saved as an assessment.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::auth::CurrentUser;
use crate::db::agenda::{AgendaItemRow, NewAgendaItem, NewAssessment};
use crate::db::audit::{self, Change};
use crate::db::meetings::{LinkOption, MeetingRow};
use crate::domain::inputs::{optional_text, required_text};
use crate::domain::meetings::{link_value, parse_link, parse_starts_at};
use crate::domain::vocab::Assurance;
use crate::error::{AppError, AppResult};
use crate::views::agenda::{AgendaForm, agenda_form_page};
use crate::views::forms::{Clash, FormErrors, conflict_summary};
use crate::views::meeting_forms::FormContext;
use crate::{AppState, db};

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &user,
        id,
        None,
        &AgendaForm::default(),
        &FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(form): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (item, judgement) = match validate(&form, &meeting, user.id) {
        Ok(v) => v,
        Err(errors) => {
            return render(
                &state,
                &user,
                id,
                None,
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    let assessment_id = save_assessment(&mut tx, &state, &user, judgement.as_ref(), &now).await?;
    let item_id = db::agenda::insert(&mut tx, id, &item, assessment_id)
        .await
        .map_err(bad_link)?;
    let after = db::agenda::find(&mut *tx, id, item_id).await?;
    record(
        &mut tx,
        &state,
        &user,
        item_id,
        "create",
        None,
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
) -> AppResult<Response> {
    let item = db::agenda::find(&state.db, id, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &user,
        id,
        Some(item_id),
        &form_of(&item),
        &FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, item_id)): Path<(i64, i64)>,
    Form(form): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = db::agenda::find(&state.db, id, item_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (item, judgement) = match validate(&form, &meeting, user.id) {
        Ok(v) => v,
        Err(errors) => {
            return render(
                &state,
                &user,
                id,
                Some(item_id),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    // An unchanged judgement keeps its assessment; a changed one is a new assessment.
    // Clearing the level unlinks the judgement from the item; the assessment stays in history.
    let unchanged = judgement.as_ref().is_some_and(|j| {
        before.finding_id == Some(j.finding_id)
            && before.level == Some(j.level)
            && before.rationale.as_deref() == Some(j.rationale.as_str())
            && before.evidence_seen == j.evidence_seen
    });
    let version: i64 = form.version.trim().parse().unwrap_or(0);
    let now = db::timestamp(state.clock.now());
    let mut tx = db::begin_write(&state.db).await?;
    let assessment_id = if unchanged {
        before.assessment_id
    } else {
        save_assessment(&mut tx, &state, &user, judgement.as_ref(), &now).await?
    };
    if !db::agenda::update(&mut tx, item_id, version, &item, assessment_id)
        .await
        .map_err(bad_link)?
    {
        drop(tx);
        let saved = db::agenda::find(&state.db, id, item_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = conflict_summary(&clashes(&form_of(&saved), &form));
        let form = AgendaForm {
            version: saved.version.to_string(),
            ..form
        };
        return render(
            &state,
            &user,
            id,
            Some(item_id),
            &form,
            &FormErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let after = db::agenda::find(&mut *tx, id, item_id).await?;
    record(
        &mut tx,
        &state,
        &user,
        item_id,
        "update",
        Some(&before),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/meetings/{id}")).into_response())
}

fn bad_link(e: sqlx::Error) -> AppError {
    if db::is_constraint_violation(&e) {
        AppError::NotFound
    } else {
        e.into()
    }
}

async fn save_assessment(
    tx: &mut sqlx::SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    judgement: Option<&NewAssessment>,
    now: &str,
) -> AppResult<Option<i64>> {
    let Some(j) = judgement else { return Ok(None) };
    let id = db::agenda::insert_assessment(tx, j, now)
        .await
        .map_err(bad_link)?;
    let change = Change {
        entity: "assessment",
        entity_id: Some(id),
        action: "create",
        before: None,
        after: serde_json::to_value(j).ok(),
    };
    audit::record(tx, state.clock.now(), &user.actor(), change).await?;
    Ok(Some(id))
}

async fn record(
    tx: &mut sqlx::SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    action: &str,
    before: Option<&AgendaItemRow>,
    after: Option<&AgendaItemRow>,
) -> AppResult<()> {
    let json = |m: Option<&AgendaItemRow>| m.and_then(|m| serde_json::to_value(m).ok());
    let change = Change {
        entity: "agenda_item",
        entity_id: Some(id),
        action,
        before: json(before),
        after: json(after),
    };
    audit::record(tx, state.clock.now(), &user.actor(), change).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    user: &CurrentUser,
    meeting_id: i64,
    item_id: Option<i64>,
    form: &AgendaForm,
    errors: &FormErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let (findings, actions): (Vec<LinkOption>, Vec<LinkOption>) =
        db::meetings::link_options(&state.db)
            .await?
            .into_iter()
            .partition(|o| o.value.starts_with("finding:"));
    let ctx = FormContext {
        heading: if item_id.is_some() {
            "Edit agenda item"
        } else {
            "Add an agenda item"
        },
        action: match item_id {
            Some(item) => format!("/meetings/{meeting_id}/agenda-items/{item}"),
            None => format!("/meetings/{meeting_id}/agenda-items"),
        },
        csrf_token: &user.csrf_token,
        conflict,
    };
    let page = agenda_form_page(
        &super::chrome(state, Some(user)),
        &ctx,
        &findings,
        &actions,
        form,
        errors,
    );
    Ok((status, page).into_response())
}

fn form_of(item: &AgendaItemRow) -> AgendaForm {
    AgendaForm {
        finding: link_value(item.finding_id, None),
        action: link_value(None, item.action_id),
        question: item.question.clone(),
        answer: item.answer.clone(),
        level: item
            .level
            .map(|l| l.as_str().to_string())
            .unwrap_or_default(),
        rationale: item.rationale.clone().unwrap_or_default(),
        evidence_seen: item.evidence_seen.clone().unwrap_or_default(),
        version: item.version.to_string(),
    }
}

fn clashes<'a>(saved: &AgendaForm, typed: &AgendaForm) -> Vec<Clash<'a>> {
    [
        ("Finding", &saved.finding, &typed.finding),
        ("Action-plan item", &saved.action, &typed.action),
        ("Question", &saved.question, &typed.question),
        ("Answer", &saved.answer, &typed.answer),
        ("Assurance level", &saved.level, &typed.level),
        ("Rationale", &saved.rationale, &typed.rationale),
        ("Evidence seen", &saved.evidence_seen, &typed.evidence_seen),
    ]
    .iter()
    .map(|(l, s, t)| Clash {
        label: l,
        saved: s.to_string(),
        typed: t.to_string(),
    })
    .collect()
}

fn validate(
    f: &AgendaForm,
    meeting: &MeetingRow,
    assessor_id: i64,
) -> Result<(NewAgendaItem, Option<NewAssessment>), FormErrors> {
    let mut errors = FormErrors::default();
    let finding = parse_link(&f.finding).filter(|l| l.action_id.is_none());
    if finding.is_none() {
        errors.add("finding", "Choose a finding from the list");
    }
    let action = parse_link(&f.action).filter(|l| l.finding_id.is_none());
    if action.is_none() {
        errors.add("action", "Choose an action-plan item from the list");
    }
    let finding_id = finding.and_then(|l| l.finding_id);
    let action_id = action.and_then(|l| l.action_id);
    if finding.is_some() && action.is_some() && finding_id.is_none() && action_id.is_none() {
        errors.add(
            "finding",
            "Choose the finding or action-plan item this item is about",
        );
    }
    let question = required_text(&f.question, 5000)
        .map_err(|e| errors.add("question", format!("Question: {e}")))
        .ok();
    let answer = optional_text(&f.answer, 20_000)
        .map_err(|e| errors.add("answer", format!("Answer: {e}")))
        .ok();
    let level = if f.level.is_empty() {
        None
    } else {
        let l = Assurance::parse(&f.level);
        if l.is_none() {
            errors.add("level", "Choose an assurance level");
        }
        l
    };
    let rationale = optional_text(&f.rationale, 20_000)
        .map_err(|e| errors.add("rationale", format!("Rationale: {e}")))
        .ok()
        .flatten();
    let evidence_seen = optional_text(&f.evidence_seen, 20_000)
        .map_err(|e| errors.add("evidence_seen", format!("Evidence seen: {e}")))
        .ok()
        .flatten();
    let judgement = match level {
        Some(level) => {
            if finding_id.is_none() {
                errors.add(
                    "finding",
                    "Choose the finding the assurance judgement is about",
                );
            }
            if rationale.is_none() {
                errors.add(
                    "rationale",
                    "Give the rationale for the assurance judgement",
                );
            }
            let assessed_on = parse_starts_at(&meeting.starts_at).map(|a| a.date());
            match (finding_id, rationale, assessed_on) {
                (Some(finding_id), Some(rationale), Some(assessed_on)) => Some(NewAssessment {
                    finding_id,
                    level,
                    assessed_on,
                    rationale,
                    evidence_seen,
                    meeting_id: meeting.id,
                    assessor_id,
                }),
                _ => None,
            }
        }
        None => {
            if rationale.is_some() {
                errors.add("level", "Choose an assurance level for the rationale given");
            }
            None
        }
    };
    match (question, answer) {
        (Some(question), Some(answer)) if errors.is_empty() => Ok((
            NewAgendaItem {
                finding_id,
                action_id,
                question,
                answer: answer.unwrap_or_default(),
            },
            judgement,
        )),
        _ => Err(errors),
    }
}
