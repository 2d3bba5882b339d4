//! One report's response clock, worked by the office: record an extension granted, record the
//! response as sent. Each is its own page; the report's page shows the clocks.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::inspections::InspectionRow;
use crate::domain::clocks::ReportClock;
use crate::error::AppResult;
use crate::forms::FieldErrors;
use crate::forms::clocks::{ClockOf, ExtensionForm, SentForm};
use crate::views::clocks::{self as view, ClockFormPage};
use crate::{AppState, db, record};

/// Every clock of the report `id` as it stands on `today`: four queries whatever the record.
pub async fn of_report(
    state: &AppState,
    id: i64,
    today: chrono::NaiveDate,
) -> AppResult<Vec<ReportClock>> {
    let Some(report) = db::clocks::report(&state.db, id).await? else {
        return Ok(Vec::new());
    };
    let rules = db::clocks::rules(&state.db).await?;
    let extensions = db::clocks::extensions(&state.db, id).await?;
    let sent = db::clocks::sent(&state.db, id).await?;
    Ok(report.clocks(&rules, &extensions, &sent, today))
}

pub async fn new_extension(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
) -> AppResult<Markup> {
    let (inspection, clock) = load(&s, id, rule_id, now).await?;
    let form = ExtensionForm::default();
    let errors = FieldErrors::default();
    Ok(extension_page(&s, &u, &inspection, &clock, &form, &errors))
}

pub async fn create_extension(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
    Form(f): Form<ExtensionForm>,
) -> AppResult<Response> {
    let (inspection, clock) = load(&s, id, rule_id, now).await?;
    let of = ClockOf {
        inspection_id: id,
        rule_id,
    };
    let result = async {
        let new = f.parse(of, now.today)?;
        record::clocks::extend(&s.db, &u.actor(), now.at, new).await
    };
    respond::saved(
        result.await,
        |_| format!("/inspections/{id}#clock-{rule_id}"),
        |shown: Shown<_>| async move {
            let errors = shown.errors();
            Ok(extension_page(&s, &u, &inspection, &clock, &f, &errors))
        },
    )
    .await
}

pub async fn new_sent(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
) -> AppResult<Markup> {
    let (inspection, clock) = load(&s, id, rule_id, now).await?;
    let form = SentForm::to(&clock.rule.owed_to);
    let errors = FieldErrors::default();
    Ok(sent_page(&s, &u, &inspection, &clock, &form, &errors))
}

pub async fn create_sent(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path((id, rule_id)): Path<(i64, i64)>,
    Form(f): Form<SentForm>,
) -> AppResult<Response> {
    let (inspection, clock) = load(&s, id, rule_id, now).await?;
    let of = ClockOf {
        inspection_id: id,
        rule_id,
    };
    let result = async {
        let new = f.parse(of, now.today)?;
        record::clocks::record_sent(&s.db, &u.actor(), now.at, new).await
    };
    respond::saved(
        result.await,
        |_| format!("/inspections/{id}#clock-{rule_id}"),
        |shown: Shown<_>| async move {
            let errors = shown.errors();
            Ok(sent_page(&s, &u, &inspection, &clock, &f, &errors))
        },
    )
    .await
}

/// The report and its clock under the rule: 404 unless both exist and the rule applies.
async fn load(
    state: &AppState,
    id: i64,
    rule_id: i64,
    now: Now,
) -> AppResult<(InspectionRow, ReportClock)> {
    let inspection = super::inspections::get(state, id).await?;
    let mut conn = state.db.acquire().await?;
    let clock = record::clocks::clock_of(&mut conn, id, rule_id, now.at).await?;
    Ok((inspection, clock))
}

fn extension_page(
    state: &AppState,
    user: &CurrentUser,
    i: &InspectionRow,
    clock: &ReportClock,
    form: &ExtensionForm,
    errors: &FieldErrors,
) -> Markup {
    let p = form_page(i, clock);
    view::extension_page(&super::chrome(state, Some(user)), &p, form, errors)
}

fn sent_page(
    state: &AppState,
    user: &CurrentUser,
    i: &InspectionRow,
    clock: &ReportClock,
    form: &SentForm,
    errors: &FieldErrors,
) -> Markup {
    let p = form_page(i, clock);
    view::sent_page(&super::chrome(state, Some(user)), &p, form, errors)
}

fn form_page<'a>(i: &'a InspectionRow, clock: &'a ReportClock) -> ClockFormPage<'a> {
    ClockFormPage {
        inspection_id: i.id,
        title: &i.title,
        body_name: &i.body_name,
        clock,
    }
}
