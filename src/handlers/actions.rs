//! Action-plan items: list, show, add, edit (version-checked) and blocked/unblocked.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::form_checks::{self as check, json};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::actions::{self, FindingChoiceRow, NewAction};
use crate::db::measures;
use crate::db::{self, milestones, proposals, updates};
use crate::domain::subject::Subject;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::{AppError, AppResult};
use crate::views::action_form::{ActionForm, action_form_page, clashes};
use crate::views::actions::{ActionPage, list_page, show_page};
use crate::views::forms::{Clash, FieldErrors};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let list = actions::list(&state.db).await?;
    let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
    let mut conn = state.db.acquire().await?;
    let rollups = milestones::rollups_by_action(&mut conn, &ids, state.clock.today()).await?;
    Ok(list_page(
        &super::chrome(&state, Some(&user)),
        user.role,
        &list,
        &rollups,
    ))
}

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let action = actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let findings = actions::list_findings(&state.db, id).await?;
    let mut conn = state.db.acquire().await?;
    let schedules = milestones::schedules_for_actions(&mut conn, &[id]).await?;
    let proposals = proposals::list_for_action(&mut *conn, id).await?;
    let updates = updates::list_for_action(&mut *conn, id).await?;
    let measures = measures::list_for(&mut *conn, Subject::Action(id)).await?;
    let arising = crate::db::arising::list_for_action(&mut *conn, id).await?;
    let page = ActionPage {
        action: &action,
        findings: &findings,
        schedules: &schedules,
        proposals: &proposals,
        updates: &updates,
        measures: &measures,
        arising: &arising,
        today: state.clock.today(),
        role: user.role,
        csrf_token: &user.csrf_token,
    };
    Ok(show_page(&super::chrome(&state, Some(&user)), &page))
}

/// The action form for one request: who is asking, and the findings to choose from.
struct FormPage {
    chrome: crate::views::Chrome,
    csrf_token: String,
    id: Option<i64>,
    choices: Vec<FindingChoiceRow>,
}

impl FormPage {
    async fn load(state: &AppState, user: &CurrentUser, id: Option<i64>) -> AppResult<Self> {
        Ok(Self {
            chrome: super::chrome(state, Some(user)),
            csrf_token: user.csrf_token.clone(),
            id,
            choices: actions::finding_choices(&state.db).await?,
        })
    }

    fn render(
        &self,
        form: &ActionForm,
        errors: &FieldErrors,
        conflict: Option<&[Clash<'_>]>,
    ) -> Markup {
        action_form_page(
            &self.chrome,
            &self.csrf_token,
            self.id,
            form,
            &self.choices,
            errors,
            conflict,
        )
    }
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let page = FormPage::load(&state, &user, None).await?;
    Ok(page.render(&ActionForm::default(), &FieldErrors::default(), None))
}

/// The checked action and the inspected body of its findings, or a message per field.
fn validate(
    form: &ActionForm,
    choices: &[FindingChoiceRow],
) -> Result<(NewAction, i64), FieldErrors> {
    let mut e = FieldErrors::default();
    let reference = check::required(&mut e, "reference", "a reference", &form.reference, 40);
    let title = check::required(&mut e, "title", "a title", &form.title, 300);
    let description =
        check::optional(&mut e, "description", &form.description, 20_000).unwrap_or_default();
    let owner_role =
        check::optional(&mut e, "owner_role", &form.owner_role, 200).unwrap_or_default();
    let owner_name =
        check::optional(&mut e, "owner_name", &form.owner_name, 200).unwrap_or_default();
    let chosen: Vec<&FindingChoiceRow> = choices
        .iter()
        .filter(|c| form.findings.contains(&c.id.to_string()))
        .collect();
    let mut bodies: Vec<i64> = chosen.iter().map(|c| c.body_id).collect();
    bodies.sort_unstable();
    bodies.dedup();
    match bodies.as_slice() {
        [] => e.add(
            "findings",
            "Select at least one finding the action addresses",
        ),
        [_] => {}
        _ => e.add("findings", "Select findings about one inspected body only"),
    }
    if !e.is_empty() {
        return Err(e);
    }
    let finding_ids = chosen.iter().map(|c| c.id).collect();
    let action = NewAction {
        reference,
        title,
        description,
        owner_role,
        owner_name,
        finding_ids,
    };
    Ok((action, bodies[0]))
}

fn duplicate_reference() -> FieldErrors {
    let mut e = FieldErrors::default();
    e.add(
        "reference",
        "An action with this reference already exists for this body",
    );
    e
}

pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = ActionForm::from_pairs(&pairs);
    let page = FormPage::load(&state, &user, None).await?;
    let (action, body_id) = match validate(&form, &page.choices) {
        Ok(v) => v,
        Err(errors) => return Ok(check::unprocessable(page.render(&form, &errors, None))),
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let id = match actions::insert(&mut tx, body_id, &action, &db::timestamp(now)).await {
        Err(e) if db::is_constraint_violation(&e) => {
            return Ok(check::unprocessable(page.render(
                &form,
                &duplicate_reference(),
                None,
            )));
        }
        other => other?,
    };
    let after = actions::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::ActionItem, id, AuditAction::Create),
        None,
        json(&(after, &action.finding_ids)),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}

async fn finding_ids(db: &mut sqlx::SqliteConnection, id: i64) -> AppResult<Vec<i64>> {
    Ok(actions::list_findings(db, id)
        .await?
        .iter()
        .map(|f| f.id)
        .collect())
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let action = actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let linked = finding_ids(&mut *state.db.acquire().await?, id).await?;
    let page = FormPage::load(&state, &user, Some(id)).await?;
    Ok(page.render(
        &ActionForm::from_row(&action, &linked),
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
    let mut form = ActionForm::from_pairs(&pairs);
    actions::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = FormPage::load(&state, &user, Some(id)).await?;
    let (action, body_id) = match validate(&form, &page.choices) {
        Ok(v) => v,
        Err(errors) => return Ok(check::unprocessable(page.render(&form, &errors, None))),
    };
    let now = state.clock.now();
    let mut tx = db::begin_write(&state.db).await?;
    let before = actions::find(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let before_findings = finding_ids(&mut tx, id).await?;
    let version = form.version.trim().parse().unwrap_or(-1);
    match actions::update(&mut tx, id, version, body_id, &action, &db::timestamp(now)).await {
        Err(e) if db::is_constraint_violation(&e) => {
            return Ok(check::unprocessable(page.render(
                &form,
                &duplicate_reference(),
                None,
            )));
        }
        Ok(false) => {
            let clashes = clashes(
                &ActionForm::from_row(&before, &before_findings),
                &form,
                &page.choices,
            );
            form.version = before.version.to_string();
            return Ok(check::conflict(page.render(
                &form,
                &FieldErrors::default(),
                Some(&clashes),
            )));
        }
        other => other?,
    };
    let after = actions::find(&mut *tx, id).await?;
    check::audit(
        &mut tx,
        now,
        &user,
        (Entity::ActionItem, id, AuditAction::Update),
        json(&(&before, &before_findings)),
        json(&(after, &action.finding_ids)),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/actions/{id}")).into_response())
}
