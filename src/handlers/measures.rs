//! Performance measures on an action or a finding, and their dated readings.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{self as check, json};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::measures::{self, MeasureRow, NewMeasure, NewReading, Owner};
use crate::db::{self, actions, updates};
use crate::domain::measures::{parse_number, required_number};
use crate::domain::vocab::Better;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::forms::FieldErrors;
use crate::views::measures::{
    MeasureForm, ReadingEntry, ReadingForm, measure_form_page, measure_page,
};

/// Where the owner's page is, and its heading.
async fn describe(state: &AppState, owner: Owner) -> AppResult<(String, String)> {
    match owner {
        Owner::Action(id) => {
            let a = actions::find(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((
                format!("/actions/{id}"),
                format!("Action {} {}", a.reference, a.title),
            ))
        }
        Owner::Finding(id) => {
            let (reference, report) = updates::find_finding_label(&state.db, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok((
                format!("/findings/{id}"),
                format!("Finding {reference} – {report}"),
            ))
        }
    }
}

async fn form(
    state: &AppState,
    user: &CurrentUser,
    owner: Owner,
    f: &MeasureForm,
    e: &FieldErrors,
) -> AppResult<Markup> {
    let (back, label) = describe(state, owner).await?;
    let post = format!("{back}/measures");
    Ok(measure_form_page(
        &super::chrome(state, Some(user)),
        &user.csrf_token,
        &post,
        (&back, &label),
        f,
        e,
    ))
}

pub async fn new_for_action(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    form(
        &s,
        &u,
        Owner::Action(id),
        &MeasureForm::default(),
        &FieldErrors::default(),
    )
    .await
}
pub async fn new_for_finding(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    form(
        &s,
        &u,
        Owner::Finding(id),
        &MeasureForm::default(),
        &FieldErrors::default(),
    )
    .await
}
pub async fn create_for_action(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<MeasureForm>,
) -> AppResult<Response> {
    create(&s, &u, Owner::Action(id), f).await
}
pub async fn create_for_finding(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<MeasureForm>,
) -> AppResult<Response> {
    create(&s, &u, Owner::Finding(id), f).await
}

async fn create(
    state: &AppState,
    user: &CurrentUser,
    owner: Owner,
    f: MeasureForm,
) -> AppResult<Response> {
    describe(state, owner).await?;
    let mut e = FieldErrors::default();
    let name = check::required(&mut e, "name", "a name", &f.name, 200);
    let unit = check::optional(&mut e, "unit", &f.unit, 40).unwrap_or_default();
    let baseline = parse_number(&f.baseline).unwrap_or_else(|err| {
        e.add("baseline", err.to_string());
        None
    });
    let target = parse_number(&f.target).unwrap_or_else(|err| {
        e.add("target", err.to_string());
        None
    });
    let better = check::choice(
        &mut e,
        "better",
        "Select which direction is better",
        Better::parse(&f.better),
    );
    let Some(better) = better.filter(|_| e.is_empty()) else {
        return Ok(check::unprocessable(
            form(state, user, owner, &f, &e).await?,
        ));
    };
    let new = NewMeasure {
        owner,
        name,
        unit,
        baseline,
        target,
        better,
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = measures::insert(&mut *tx, &new, &db::timestamp(now)).await?;
    let after = measures::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        user,
        (Entity::PerformanceMeasure, id, AuditAction::Create),
        None,
        json(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/measures/{id}")).into_response())
}

async fn page(
    state: &AppState,
    user: &CurrentUser,
    m: &MeasureRow,
    f: &ReadingForm,
    e: &FieldErrors,
) -> AppResult<Markup> {
    let owner = match (m.action_id, m.finding_id) {
        (Some(id), _) => Owner::Action(id),
        (None, Some(id)) => Owner::Finding(id),
        _ => return Err(AppError::internal("a measure without an owner")),
    };
    let back = describe(state, owner).await?;
    let readings = measures::list_readings(&state.db, m.id).await?;
    let entry = user.is_office().then_some(ReadingEntry {
        csrf_token: &user.csrf_token,
        form: f,
        errors: e,
    });
    Ok(measure_page(
        &super::chrome(state, Some(user)),
        m,
        back,
        &readings,
        entry,
    ))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let m = measures::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    page(
        &state,
        &user,
        &m,
        &ReadingForm::default(),
        &FieldErrors::default(),
    )
    .await
}

pub async fn add_reading(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(f): Form<ReadingForm>,
) -> AppResult<Response> {
    let m = measures::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut e = FieldErrors::default();
    let taken_on = check::past_date(
        &mut e,
        "taken_on",
        "the date of the reading",
        &f.taken_on(),
        state.clock.today(),
    );
    let value = required_number(&f.value)
        .map_err(|err| e.add("value", err.to_string()))
        .ok();
    let note = check::optional(&mut e, "note", &f.note, 2_000);
    let (Some(taken_on), Some(value), true) = (taken_on, value, e.is_empty()) else {
        return Ok(check::unprocessable(page(&state, &user, &m, &f, &e).await?));
    };
    let new = NewReading {
        measure_id: id,
        taken_on,
        value,
        note,
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let rid = measures::insert_reading(&mut *tx, &new, user.id, &db::timestamp(now)).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::MeasureReading, rid, AuditAction::Create),
        None,
        json(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/measures/{id}")).into_response())
}
