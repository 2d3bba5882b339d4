//! Recording the PCC office's assessment and the inspectorate's position on a finding.
//! Both are append-only: there is no route that edits or deletes them.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::findings::FindingRow;
use crate::error::{AppResult, Found};
use crate::forms::assurance::{AssessmentForm, PositionForm};
use crate::views::assurance as view;
use crate::{AppState, db, record};

async fn finding(state: &AppState, id: i64) -> AppResult<FindingRow> {
    db::findings::find(&state.db, id).await.found()
}

/// The assessment form, assessed today unless the person enters an earlier day.
pub async fn new_assessment(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let f = finding(&s, id).await?;
    let form = AssessmentForm::dated_today(now.today);
    render_assessment(&s, &u, &f, &form, Shown::<()>::Fresh).await
}

pub async fn create_assessment(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = AssessmentForm::from_pairs(&pairs);
    let f = finding(&s, id).await?;
    let parts: Vec<i64> = db::findings::list_parts(&s.db, id)
        .await?
        .iter()
        .map(|p| p.id)
        .collect();
    let result = async {
        let input = form.parse(id, &parts, u.id, now.today)?;
        record::assurance::assess(&s.db, &u.actor(), now.at, input).await
    };
    respond::saved(
        result.await,
        |_| format!("/findings/{id}#assessments"),
        |shown| render_assessment(&s, &u, &f, &form, shown),
    )
    .await
}

/// The position form, dated today unless the person enters the report's day.
pub async fn new_position(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let f = finding(&s, id).await?;
    let form = PositionForm::dated_today(now.today);
    render_position(&s, &u, &f, &form, Shown::<()>::Fresh).await
}

pub async fn create_position(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(form): Form<PositionForm>,
) -> AppResult<Response> {
    let f = finding(&s, id).await?;
    let result = async {
        let input = form.parse(id, u.id, now.today)?;
        record::assurance::record_position(&s.db, &u.actor(), now.at, input).await
    };
    respond::saved(
        result.await,
        |_| format!("/findings/{id}#positions"),
        |shown| render_position(&s, &u, &f, &form, shown),
    )
    .await
}

async fn render_assessment<L>(
    state: &AppState,
    user: &CurrentUser,
    f: &FindingRow,
    form: &AssessmentForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let parts: Vec<(String, String)> = db::findings::list_parts(&state.db, f.id)
        .await?
        .into_iter()
        .map(|p| (p.id.to_string(), p.text))
        .collect();
    let files: Vec<db::evidence::FileRow> = db::evidence::list_for_finding(&state.db, f.id)
        .await?
        .into_iter()
        .filter(|file| file.disposed_at.is_none())
        .collect();
    let chrome = super::chrome(state, Some(user));
    Ok(view::assessment_page(
        &chrome,
        f,
        &parts,
        &files,
        form,
        &shown.errors(),
    ))
}

async fn render_position<L>(
    state: &AppState,
    user: &CurrentUser,
    f: &FindingRow,
    form: &PositionForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let findings: Vec<(String, String, String)> =
        db::actions::finding_choices(&state.db, &user.scope)
            .await?
            .into_iter()
            .filter(|c| c.id != f.id)
            .map(|c| {
                let label = format!("{} – {}", c.inspection_title, c.reference);
                (c.body_name, c.id.to_string(), label)
            })
            .collect();
    let inspections: Vec<(String, String)> = db::inspections::list(&state.db, &user.scope)
        .await?
        .into_iter()
        .map(|i| (i.id.to_string(), i.title))
        .collect();
    Ok(view::position_page(
        &super::chrome(state, Some(user)),
        f,
        &findings,
        &inspections,
        form,
        &shown.errors(),
    ))
}
