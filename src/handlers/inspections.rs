//! Inspections: list, add, show (findings with their three voices and the section 55 panel)
//! and edit, version-checked.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use maud::Markup;

use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::db::inspections::{self, InspectionRow, NewInspection};
use crate::db::voices::{self, Scope};
use crate::domain::inputs::{self, parse_date_parts};
use crate::domain::vocab::{InspectionKind, Source};
use crate::error::{AppError, AppResult};
use crate::views::forms::{Clash, FormErrors, conflict_summary};
use crate::views::inspections::{self as view, InspectionForm, InspectionFormPage, date_text};
use crate::{AppState, db};

/// A date from a GOV.UK date input; a problem is added to `errors` under `name`.
pub(crate) fn read_date(
    errors: &mut FormErrors,
    name: &'static str,
    d: &str,
    m: &str,
    y: &str,
) -> Option<NaiveDate> {
    parse_date_parts(d, m, y).unwrap_or_else(|e| {
        errors.add(name, e.to_string());
        None
    })
}

/// An optional id chosen from a drop-down.
pub(crate) fn read_id(errors: &mut FormErrors, name: &'static str, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    v.parse()
        .map_err(|_| errors.add(name, "Choose from the list"))
        .ok()
}

pub(crate) fn read_version(value: &str) -> i64 {
    value.trim().parse().unwrap_or(0)
}

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let list = inspections::list(&state.db).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(view::index_page(
        &chrome,
        &list,
        user.is_office(),
        state.clock.today(),
    ))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let inspection = inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let findings = db::findings::list_for_inspection(&state.db, id).await?;
    let today = state.clock.today();
    let voices = voices::list(&state.db, Scope::Inspection(id), today).await?;
    let page = view::InspectionPage {
        inspection: &inspection,
        findings: &findings,
        voices: &voices,
        can_edit: user.is_office(),
        today,
    };
    Ok(view::show_page(&super::chrome(&state, Some(&user)), &page))
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Response> {
    let form = InspectionForm {
        source: Source::Hmicfrs.as_str().into(),
        ..Default::default()
    };
    render_form(
        &state,
        &user,
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
    Form(form): Form<InspectionForm>,
) -> AppResult<Response> {
    let (new, new_body) = match check(&form) {
        Ok(checked) => checked,
        Err(errors) => {
            return render_form(
                &state,
                &user,
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
    let new = with_body(&mut tx, &state, &user, new, new_body).await?;
    let id = inspections::insert(&mut tx, &new, &now).await?;
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: "inspection",
            entity_id: Some(id),
            action: "create",
            before: None,
            after: Some(serde_json::json!(new)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inspections/{id}")).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let saved = inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render_form(
        &state,
        &user,
        Some(id),
        &form_from(&saved),
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
    Form(mut form): Form<InspectionForm>,
) -> AppResult<Response> {
    let before = inspections::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (new, new_body) = match check(&form) {
        Ok(checked) => checked,
        Err(errors) => {
            return render_form(
                &state,
                &user,
                Some(id),
                &form,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    let new = with_body(&mut tx, &state, &user, new, new_body).await?;
    let now = db::timestamp(state.clock.now());
    if inspections::update(&mut tx, id, read_version(&form.version), &new, &now).await? == 0 {
        tx.rollback().await?;
        let saved = inspections::get(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let conflict = clash(&saved, &form);
        form.version = saved.version.to_string();
        return render_form(
            &state,
            &user,
            Some(id),
            &form,
            &FormErrors::default(),
            Some(conflict),
            StatusCode::CONFLICT,
        )
        .await;
    }
    audit::record(
        &mut tx,
        state.clock.now(),
        &user.actor(),
        Change {
            entity: "inspection",
            entity_id: Some(id),
            action: "update",
            before: Some(serde_json::json!(before)),
            after: Some(serde_json::json!(new)),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/inspections/{id}")).into_response())
}

/// Use the typed body name: the existing body of that name, or a new one.
async fn with_body(
    tx: &mut sqlx::SqliteConnection,
    state: &AppState,
    user: &CurrentUser,
    mut new: NewInspection,
    name: Option<String>,
) -> AppResult<NewInspection> {
    let Some(name) = name else { return Ok(new) };
    new.body_id = match db::bodies::find_by_name(&mut *tx, &name).await? {
        Some(body) => body.id,
        None => {
            let id = db::bodies::insert(&mut *tx, &name, &db::timestamp(state.clock.now())).await?;
            audit::record(
                tx,
                state.clock.now(),
                &user.actor(),
                Change {
                    entity: "inspected_body",
                    entity_id: Some(id),
                    action: "create",
                    before: None,
                    after: Some(serde_json::json!({ "name": name })),
                },
            )
            .await?;
            id
        }
    };
    Ok(new)
}

fn clash(saved: &InspectionRow, typed: &InspectionForm) -> Markup {
    let typed_date =
        |d: &str, m: &str, y: &str| date_text(parse_date_parts(d, m, y).ok().flatten());
    conflict_summary(&[
        Clash {
            label: "Title",
            saved: saved.title.clone(),
            typed: typed.title.trim().into(),
        },
        Clash {
            label: "Kind",
            saved: saved.kind.as_str().into(),
            typed: typed.kind.clone(),
        },
        Clash {
            label: "Publication date",
            saved: date_text(Some(saved.published_on)),
            typed: typed_date(
                &typed.published_on_day,
                &typed.published_on_month,
                &typed.published_on_year,
            ),
        },
        Clash {
            label: "Link to the report",
            saved: saved.report_url.clone().unwrap_or_default(),
            typed: typed.report_url.trim().into(),
        },
    ])
}

fn form_from(i: &InspectionRow) -> InspectionForm {
    let p = |d: Option<NaiveDate>| crate::views::forms::DateParts::from_date(d);
    let (fs, fe, pb) = (
        p(i.fieldwork_start),
        p(i.fieldwork_end),
        p(Some(i.published_on)),
    );
    InspectionForm {
        body_id: i.body_id.to_string(),
        new_body: String::new(),
        title: i.title.clone(),
        kind: i.kind.as_str().into(),
        source: i.source.as_str().into(),
        fieldwork_start_day: fs.day,
        fieldwork_start_month: fs.month,
        fieldwork_start_year: fs.year,
        fieldwork_end_day: fe.day,
        fieldwork_end_month: fe.month,
        fieldwork_end_year: fe.year,
        published_on_day: pb.day,
        published_on_month: pb.month,
        published_on_year: pb.year,
        report_url: i.report_url.clone().unwrap_or_default(),
        follows_up_id: i.follows_up_id.map(|v| v.to_string()).unwrap_or_default(),
        version: i.version.to_string(),
    }
}

/// Check the form; a new body name (if typed) is returned to be found or created.
fn check(f: &InspectionForm) -> Result<(NewInspection, Option<String>), FormErrors> {
    let mut errors = FormErrors::default();
    let new_body = inputs::optional_text(&f.new_body, 200)
        .map_err(|e| errors.add("new_body", e.to_string()))
        .ok()
        .flatten();
    let body_id = read_id(&mut errors, "body_id", &f.body_id);
    if body_id.is_none() && new_body.is_none() && errors.get("new_body").is_none() {
        errors.add(
            "body_id",
            "Choose the inspected body, or type the name of a new one",
        );
    }
    let title = inputs::required_text(&f.title, 300)
        .map_err(|e| errors.add("title", format!("Title: {e}")))
        .ok();
    let kind = InspectionKind::parse(&f.kind);
    if kind.is_none() {
        errors.add("kind", "Choose the kind of inspection");
    }
    let source = Source::parse(&f.source);
    if source.is_none() {
        errors.add("source", "Choose the source");
    }
    let start = read_date(
        &mut errors,
        "fieldwork_start",
        &f.fieldwork_start_day,
        &f.fieldwork_start_month,
        &f.fieldwork_start_year,
    );
    let end = read_date(
        &mut errors,
        "fieldwork_end",
        &f.fieldwork_end_day,
        &f.fieldwork_end_month,
        &f.fieldwork_end_year,
    );
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        errors.add(
            "fieldwork_end",
            "Fieldwork must end on or after the day it started",
        );
    }
    let published = read_date(
        &mut errors,
        "published_on",
        &f.published_on_day,
        &f.published_on_month,
        &f.published_on_year,
    );
    if published.is_none() && errors.get("published_on").is_none() {
        errors.add("published_on", "Enter the publication date");
    }
    let report_url = inputs::parse_url(&f.report_url)
        .map_err(|e| errors.add("report_url", e.to_string()))
        .ok()
        .flatten();
    let follows_up_id = read_id(&mut errors, "follows_up_id", &f.follows_up_id);
    match (title, kind, source, published) {
        (Some(title), Some(kind), Some(source), Some(published_on)) if errors.is_empty() => Ok((
            NewInspection {
                body_id: body_id.unwrap_or(0),
                title,
                kind,
                source,
                fieldwork_start: start,
                fieldwork_end: end,
                published_on,
                report_url,
                follows_up_id,
            },
            new_body,
        )),
        _ => Err(errors),
    }
}

async fn render_form(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    form: &InspectionForm,
    errors: &FormErrors,
    conflict: Option<Markup>,
    status: StatusCode,
) -> AppResult<Response> {
    let bodies = db::bodies::list(&state.db).await?;
    let others: Vec<_> = inspections::list(&state.db)
        .await?
        .into_iter()
        .filter(|i| Some(i.id) != id)
        .collect();
    let p = InspectionFormPage {
        heading: if id.is_some() {
            "Edit the inspection"
        } else {
            "Add an inspection"
        },
        action: id.map_or("/inspections".into(), |id| format!("/inspections/{id}")),
        bodies: &bodies,
        others: &others,
        conflict,
    };
    Ok((
        status,
        view::form_page(&super::chrome(state, Some(user)), &p, form, errors),
    )
        .into_response())
}
