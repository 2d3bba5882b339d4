//! Performance measures on an action or a finding, and their dated readings.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, About, Now, Shown};
use super::updates::describe;
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::measures::{self, MeasureRow};
use crate::domain::subject::Subject;
use crate::error::{AppError, AppResult, Found};
use crate::forms::measures::{MeasureForm, ReadingForm};
use crate::record;
use crate::views::measures::{ReadingEntry, measure_form_page, measure_page};

async fn form_page<L>(
    state: &AppState,
    user: &CurrentUser,
    subject: Subject,
    f: &MeasureForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let label = describe(state, subject).await?;
    let back = subject.path();
    Ok(measure_form_page(
        &super::chrome(state, Some(user)),
        &user.csrf_token,
        &format!("{back}/measures"),
        (&back, &label),
        f,
        &shown.errors(),
    ))
}

pub async fn new(
    State(s): State<AppState>,
    u: CurrentUser,
    About(subject): About,
) -> AppResult<Markup> {
    form_page(&s, &u, subject, &MeasureForm::default(), Shown::<()>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    About(subject): About,
    Form(f): Form<MeasureForm>,
) -> AppResult<Response> {
    describe(&s, subject).await?;
    let result = async {
        let input = f.parse(subject, now.today)?;
        record::measures::add(&s.db, &u.actor(), now.at, input).await
    };
    respond::saved(
        result.await,
        |id| format!("/measures/{id}"),
        |shown| form_page(&s, &u, subject, &f, shown),
    )
    .await
}

async fn page<L>(
    state: &AppState,
    user: &CurrentUser,
    m: &MeasureRow,
    f: &ReadingForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let subject = Subject::from_ids(m.action_id, m.finding_id)
        .ok_or_else(|| AppError::internal("a measure without an owner"))?;
    let back = (subject.path(), describe(state, subject).await?);
    let readings = measures::list_readings(&state.db, m.id).await?;
    let errors = shown.errors();
    let withdrawal = crate::db::withdrawals::find(
        &state.db,
        crate::domain::withdrawals::Withdrawable::Measure,
        m.id,
    )
    .await?
    .flatten();
    let entry = user.is_office().then_some(ReadingEntry {
        csrf_token: &user.csrf_token,
        form: f,
        errors: &errors,
    });
    Ok(measure_page(
        &super::chrome(state, Some(user)),
        m,
        back,
        &readings,
        entry,
        withdrawal.as_ref(),
    ))
}

async fn measure(state: &AppState, id: i64) -> AppResult<MeasureRow> {
    measures::find(&state.db, id).await.found()
}

pub async fn show(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let m = measure(&s, id).await?;
    page(&s, &u, &m, &ReadingForm::default(), Shown::<()>::Fresh).await
}

pub async fn add_reading(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<ReadingForm>,
) -> AppResult<Response> {
    let m = measure(&s, id).await?;
    let result = async {
        let input = f.parse(id, m.quantity, now.today)?;
        record::measures::add_reading(&s.db, &u.actor(), now.at, u.id, input).await
    };
    respond::saved(
        result.await,
        |id| format!("/measures/{id}"),
        |shown| page(&s, &u, &m, &f, shown),
    )
    .await
}
