//! Actions arising: the list, adding one on a meeting, and tracking it to closure.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use crate::auth::CurrentUser;
use crate::db::arising::{ArisingProgress, ArisingRow, NewArising};
use crate::db::audit::{self, Change};
use crate::domain::inputs::{optional_text, parse_date_parts, required_text};
use crate::domain::meetings::parse_link;
use crate::domain::vocab::ArisingStatus;
use crate::error::{AppError, AppResult};
use crate::views::arising::{ArisingForm, arising_form_page, index_page};
use crate::views::forms::{Clash, DateParts, FormErrors, conflict_summary};
use crate::views::meeting_forms::FormContext;
use crate::{AppState, db};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let rows = db::arising::list(&state.db).await?;
    Ok(index_page(
        &super::chrome(&state, Some(&user)),
        &rows,
        state.clock.today(),
        user.is_office(),
    ))
}

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
        Target::Meeting(id),
        &ArisingForm::default(),
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
    Form(form): Form<ArisingForm>,
) -> AppResult<Response> {
    db::meetings::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (common, link) = (validate_common(&form), parse_link(&form.link));
    let new = match (common, link) {
        (Ok((description, owner, due_on)), Some(link)) => NewArising {
            finding_id: link.finding_id,
            action_id: link.action_id,
            description,
            owner,
            due_on,
        },
        (common, link) => {
            let mut errors = common.err().unwrap_or_default();
            if link.is_none() {
                errors.add("link", "Choose a finding or action from the list");
            }
            return render(
                &state,
                &user,
                Target::Meeting(id),
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
    let arising_id = db::arising::insert(&mut tx, id, &new, &now)
        .await
        .map_err(|e| {
            if db::is_constraint_violation(&e) {
                AppError::NotFound
            } else {
                e.into()
            }
        })?;
    let after = db::arising::find(&mut *tx, arising_id).await?;
    record(
        &mut tx,
        &state,
        &user,
        arising_id,
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
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let row = db::arising::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(
        &state,
        &user,
        Target::Arising(id),
        &form_of(&row),
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
    Form(form): Form<ArisingForm>,
) -> AppResult<Response> {
    let before = db::arising::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let progress = match validate_progress(&form) {
        Ok(p) => p,
        Err(errors) => {
            return render(
                &state,
                &user,
                Target::Arising(id),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let version: i64 = form.version.trim().parse().unwrap_or(0);
    let mut tx = db::begin_write(&state.db).await?;
    if !db::arising::update(&mut tx, id, version, &progress).await? {
        drop(tx);
        let saved = db::arising::find(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = conflict_summary(&clashes(&form_of(&saved), &form));
        let form = ArisingForm {
            version: saved.version.to_string(),
            ..form
        };
        return render(
            &state,
            &user,
            Target::Arising(id),
            &form,
            &FormErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    let after = db::arising::find(&mut *tx, id).await?;
    record(
        &mut tx,
        &state,
        &user,
        id,
        "update",
        Some(&before),
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/actions-arising").into_response())
}

enum Target {
    Meeting(i64),
    Arising(i64),
}

async fn render(
    state: &AppState,
    user: &CurrentUser,
    target: Target,
    form: &ArisingForm,
    errors: &FormErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let chrome = super::chrome(state, Some(user));
    let page = match target {
        Target::Meeting(id) => {
            let links = db::meetings::link_options(&state.db).await?;
            let ctx = FormContext {
                heading: "Add an action arising",
                action: format!("/meetings/{id}/actions-arising"),
                csrf_token: &user.csrf_token,
                conflict,
            };
            arising_form_page(&chrome, &ctx, Some(&links), form, errors)
        }
        Target::Arising(id) => {
            let ctx = FormContext {
                heading: "Update an action arising",
                action: format!("/actions-arising/{id}"),
                csrf_token: &user.csrf_token,
                conflict,
            };
            arising_form_page(&chrome, &ctx, None, form, errors)
        }
    };
    Ok((status, page).into_response())
}

async fn record(
    tx: &mut sqlx::SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    action: &str,
    before: Option<&ArisingRow>,
    after: Option<&ArisingRow>,
) -> AppResult<()> {
    let json = |m: Option<&ArisingRow>| m.and_then(|m| serde_json::to_value(m).ok());
    let change = Change {
        entity: "action_arising",
        entity_id: Some(id),
        action,
        before: json(before),
        after: json(after),
    };
    audit::record(tx, state.clock.now(), &user.actor(), change).await?;
    Ok(())
}

fn form_of(x: &ArisingRow) -> ArisingForm {
    let due = DateParts::from_date(Some(x.due_on));
    let closed = DateParts::from_date(x.closed_on);
    ArisingForm {
        description: x.description.clone(),
        owner: x.owner.clone(),
        due_day: due.day,
        due_month: due.month,
        due_year: due.year,
        link: String::new(),
        status: x.status.as_str().into(),
        response: x.response.clone().unwrap_or_default(),
        closed_day: closed.day,
        closed_month: closed.month,
        closed_year: closed.year,
        version: x.version.to_string(),
    }
}

fn clashes<'a>(saved: &ArisingForm, typed: &ArisingForm) -> Vec<Clash<'a>> {
    let date = |d: &str, m: &str, y: &str| format!("{d}/{m}/{y}");
    vec![
        Clash {
            label: "What was asked",
            saved: saved.description.clone(),
            typed: typed.description.clone(),
        },
        Clash {
            label: "Owner",
            saved: saved.owner.clone(),
            typed: typed.owner.clone(),
        },
        Clash {
            label: "Due date",
            saved: date(&saved.due_day, &saved.due_month, &saved.due_year),
            typed: date(&typed.due_day, &typed.due_month, &typed.due_year),
        },
        Clash {
            label: "Status",
            saved: saved.status.clone(),
            typed: typed.status.clone(),
        },
        Clash {
            label: "Response",
            saved: saved.response.clone(),
            typed: typed.response.clone(),
        },
        Clash {
            label: "Closure date",
            saved: date(&saved.closed_day, &saved.closed_month, &saved.closed_year),
            typed: date(&typed.closed_day, &typed.closed_month, &typed.closed_year),
        },
    ]
}

type Common = (String, String, chrono::NaiveDate);

fn validate_common(f: &ArisingForm) -> Result<Common, FormErrors> {
    let mut errors = FormErrors::default();
    let description = required_text(&f.description, 2000)
        .map_err(|e| errors.add("description", format!("What was asked: {e}")))
        .ok();
    let owner = required_text(&f.owner, 200)
        .map_err(|e| errors.add("owner", format!("Owner: {e}")))
        .ok();
    let due = match parse_date_parts(&f.due_day, &f.due_month, &f.due_year) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add("due", "Enter the due date");
            None
        }
        Err(e) => {
            errors.add("due", format!("Due date: {e}"));
            None
        }
    };
    match (description, owner, due) {
        (Some(d), Some(o), Some(due)) => Ok((d, o, due)),
        _ => Err(errors),
    }
}

fn validate_progress(f: &ArisingForm) -> Result<ArisingProgress, FormErrors> {
    let common = validate_common(f);
    let mut errors = common.as_ref().err().cloned().unwrap_or_default();
    let status = ArisingStatus::parse(&f.status);
    if status.is_none() {
        errors.add("status", "Choose a status");
    }
    let response = optional_text(&f.response, 20_000)
        .map_err(|e| errors.add("response", format!("Response: {e}")))
        .ok();
    let closed = parse_date_parts(&f.closed_day, &f.closed_month, &f.closed_year)
        .map_err(|e| errors.add("closed", format!("Closure date: {e}")))
        .ok();
    match (status, closed) {
        (Some(ArisingStatus::Closed), Some(None)) => errors.add(
            "closed",
            "Enter the closure date of a closed action arising",
        ),
        (Some(s), Some(Some(_))) if s != ArisingStatus::Closed => errors.add(
            "closed",
            "Leave the closure date blank unless the action arising is closed",
        ),
        (Some(ArisingStatus::ResponseReceived | ArisingStatus::Closed), _)
            if matches!(response, Some(None)) =>
        {
            errors.add("response", "Enter the response received")
        }
        _ => {}
    }
    match (common, status, response, closed) {
        (Ok((description, owner, due_on)), Some(status), Some(response), Some(closed_on))
            if errors.is_empty() =>
        {
            Ok(ArisingProgress {
                description,
                owner,
                due_on,
                status,
                response,
                closed_on,
            })
        }
        _ => Err(errors),
    }
}
