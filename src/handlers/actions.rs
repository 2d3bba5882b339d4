//! Action-plan items: list, show, add, edit (version-checked) and blocked/unblocked.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::actions::{self, FindingChoiceRow};
use crate::db::measures;
use crate::db::{self as db, milestones, proposals, updates};
use crate::domain::subject::Subject;
use crate::domain::vocab::AttachedTo;
use crate::domain::withdrawals::Withdrawable;
use crate::error::{AppResult, Found};
use crate::forms::{self, actions::ActionForm};
use crate::record::{self, actions::Addressing};
use crate::views::action_form::{action_form_page, clashes};
use crate::views::actions::{ActionPage, list_page, show_page};

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
) -> AppResult<Markup> {
    let list = actions::list(&state.db, &user.scope).await?;
    let ids: Vec<i64> = list.iter().map(|a| a.id).collect();
    let mut conn = state.db.acquire().await?;
    let rollups = milestones::rollups_by_action(&mut conn, &ids, today).await?;
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
    Now { today, .. }: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let action = actions::find(&state.db, id).await.found()?;
    let mut findings = actions::list_findings(&state.db, id).await?;
    findings.retain(|f| user.scope.admits(f.body_id));
    let mut conn = state.db.acquire().await?;
    let schedules = milestones::schedules_for_actions(&mut conn, &[id]).await?;
    let proposals = proposals::list_for_action(&mut *conn, id).await?;
    let updates = updates::list_for_action(&mut *conn, id).await?;
    let update_ids: Vec<i64> = updates.iter().map(|u| u.id).collect();
    let update_files = db::evidence::list_for(&mut *conn, AttachedTo::Update, &update_ids).await?;
    let measures = measures::list_for(&mut *conn, Subject::Action(id)).await?;
    let arising = crate::db::arising::list_for_action(&mut *conn, id, &user.scope).await?;
    let withdrawal = crate::db::withdrawals::find(&mut *conn, Withdrawable::Action, id)
        .await?
        .flatten();
    let page = ActionPage {
        withdrawal: withdrawal.as_ref(),
        action: &action,
        findings: &findings,
        schedules: &schedules,
        proposals: &proposals,
        updates: &updates,
        update_files: &update_files,
        measures: &measures,
        arising: &arising,
        today,
        role: user.role,
        corrector: (user.role.can_submit_updates()).then(|| super::updates::corrector(&user)),
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
            choices: actions::finding_choices(&state.db, &user.scope).await?,
        })
    }

    /// The form as typed; after a clash, with both versions and the latest version to save over.
    fn render(&self, form: &ActionForm, shown: Shown<Addressing>) -> Markup {
        let errors = shown.errors();
        let (form, clashes) = match shown {
            Shown::Stale((latest, findings)) => {
                let saved = ActionForm::from_row(&latest, &findings);
                let clashes = clashes(&saved, form, &self.choices);
                let typed = ActionForm {
                    version: latest.version.to_string(),
                    ..form.clone()
                };
                (typed, Some(clashes))
            }
            _ => (form.clone(), None),
        };
        action_form_page(
            &self.chrome,
            &self.csrf_token,
            self.id,
            &form,
            &self.choices,
            &errors,
            clashes.as_deref(),
        )
    }
}

/// A new action cannot clash with another save.
fn never_stale(shown: Shown<Infallible>) -> Shown<Addressing> {
    match shown {
        Shown::Fresh => Shown::Fresh,
        Shown::Invalid(errors) => Shown::Invalid(errors),
        Shown::Stale(never) => match never {},
    }
}

pub async fn new(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let page = FormPage::load(&state, &user, None).await?;
    Ok(page.render(&ActionForm::default(), Shown::Fresh))
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = ActionForm::from_pairs(&pairs);
    let page = FormPage::load(&s, &u, None).await?;
    let result = async {
        let input = form.parse(&page.choices)?;
        record::actions::create(&s.db, &u.actor(), now.at, input).await
    };
    respond::saved(
        result.await,
        |id| format!("/actions/{id}"),
        |shown| async { Ok(page.render(&form, never_stale(shown))) },
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let (action, linked) = record::actions::load(&mut *state.db.acquire().await?, id).await?;
    let page = FormPage::load(&state, &user, Some(id)).await?;
    Ok(page.render(&ActionForm::from_row(&action, &linked), Shown::Fresh))
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let form = ActionForm::from_pairs(&pairs);
    actions::find(&s.db, id).await.found()?;
    let page = FormPage::load(&s, &u, Some(id)).await?;
    let result = async {
        let input = form.parse(&page.choices)?;
        let version = forms::version(&form.version);
        record::actions::update(&s.db, &u.actor(), now.at, id, version, input).await
    };
    respond::saved(
        result.await,
        |id| format!("/actions/{id}"),
        |shown| async { Ok(page.render(&form, shown)) },
    )
    .await
}
