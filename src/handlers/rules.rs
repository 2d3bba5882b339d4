//! The response rules: the list (the office and the panel read it), and the office's forms to
//! add a rule of its own and edit an editable one, version-checked. Statutory rules are fixed.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::domain::clocks::Rule;
use crate::error::{AppError, AppResult, Found};
use crate::forms::rules::RuleForm;
use crate::views::rules::{self as view, RuleFormPage};
use crate::{AppState, db, record};

pub async fn index(State(s): State<AppState>, u: CurrentUser) -> AppResult<Markup> {
    let rules = db::clocks::rules(&s.db).await?;
    Ok(view::index_page(&super::chrome(&s, Some(&u)), &rules))
}

pub async fn new(State(s): State<AppState>, u: CurrentUser) -> AppResult<Markup> {
    Ok(form_page(&s, &u, None, &RuleForm::blank(), Shown::Fresh))
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<RuleForm>,
) -> AppResult<Response> {
    let result = async {
        let new = f.parse()?;
        record::clocks::add_rule(&s.db, &u.actor(), now.at, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/rules#rule-{id}"),
        |shown| async { Ok(form_page(&s, &u, None, &f, shown.map(|n| match n {}))) },
    )
    .await
}

/// The edit form of an editable rule. A statutory rule has none (404, as for a page that is
/// not there): the law fixes it.
pub async fn edit(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let rule = db::clocks::rule(&s.db, id).await.found()?;
    if !rule.editable {
        return Err(AppError::NotFound);
    }
    let form = RuleForm::from_rule(&rule);
    Ok(form_page(&s, &u, Some(id), &form, Shown::Fresh))
}

/// Save an editable rule; a statutory one is refused (403) by the record.
pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<RuleForm>,
) -> AppResult<Response> {
    db::clocks::rule(&s.db, id).await.found()?;
    let result = async {
        let new = f.parse()?;
        record::clocks::update_rule(&s.db, &u.actor(), now.at, id, f.version(), new).await
    };
    respond::saved(
        result.await,
        |id| format!("/rules#rule-{id}"),
        |shown| async { Ok(form_page(&s, &u, Some(id), &f, shown)) },
    )
    .await
}

/// The form for a new rule (`id` none) or an existing one; after a clash it shows both
/// versions and keeps what was typed, carrying the version now saved.
fn form_page(
    state: &AppState,
    user: &CurrentUser,
    id: Option<i64>,
    form: &RuleForm,
    shown: Shown<Rule>,
) -> Markup {
    let (conflict, form) = match &shown {
        Shown::Stale(latest) => (
            Some(view::clash(latest, form)),
            &RuleForm {
                version: latest.version.to_string(),
                ..form.clone()
            },
        ),
        _ => (None, form),
    };
    let p = RuleFormPage {
        heading: match id {
            Some(_) => "Edit a response rule",
            None => "Add a response rule",
        },
        action: id.map_or("/rules".into(), |id| format!("/rules/{id}")),
        conflict,
    };
    view::form_page(&super::chrome(state, Some(user)), &p, form, &shown.errors())
}
