//! Agenda items on a meeting, with an optional assurance judgement saved as an assessment.

use std::convert::Infallible;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::meetings::{Latest, form_state, saved_beside_typed};
use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::agenda::AgendaItemRow;
use crate::db::meetings::{LinkOption, MeetingRow};
use crate::domain::subject::Subject;
use crate::error::{AppResult, Found};
use crate::forms::{self, agenda::AgendaForm};
use crate::views::agenda::{agenda_clash, agenda_form_page};
use crate::views::meeting_forms::FormContext;
use crate::{AppState, db, record};

saved_beside_typed!(AgendaItemRow, AgendaForm, agenda_clash);

async fn meeting(state: &AppState, id: i64) -> AppResult<MeetingRow> {
    db::meetings::find(&state.db, id).await.found()
}

async fn item(state: &AppState, (id, item_id): (i64, i64)) -> AppResult<AgendaItemRow> {
    db::agenda::find(&state.db, id, item_id).await.found()
}

pub async fn new(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    meeting(&state, id).await?;
    let form = AgendaForm::default();
    render(&state, &user, (id, None), &form, Shown::<Infallible>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = meeting(&s, id).await?;
    let result = async {
        let (item, judgement) = f.parse(&meeting, u.id)?;
        record::agenda::add(&s.db, &u.actor(), now.at, id, &item, judgement.as_ref()).await
    };
    respond::saved(
        result.await,
        |_| format!("/meetings/{id}"),
        |shown| render(&s, &u, (id, None), &f, shown),
    )
    .await
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(ids): Path<(i64, i64)>,
) -> AppResult<Markup> {
    let form = AgendaForm::from_row(&item(&state, ids).await?);
    let target = (ids.0, Some(ids.1));
    render(&state, &user, target, &form, Shown::<Infallible>::Fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(ids): Path<(i64, i64)>,
    Form(f): Form<AgendaForm>,
) -> AppResult<Response> {
    let meeting = meeting(&s, ids.0).await?;
    item(&s, ids).await?;
    let result = async {
        let (item, judgement) = f.parse(&meeting, u.id)?;
        let version = forms::version(&f.version);
        let j = judgement.as_ref();
        record::agenda::revise(&s.db, &u.actor(), now.at, ids, version, &item, j).await
    };
    respond::saved(
        result.await,
        |_| format!("/meetings/{}", ids.0),
        |shown| render(&s, &u, (ids.0, Some(ids.1)), &f, shown),
    )
    .await
}

async fn render<L: Latest<AgendaForm>>(
    state: &AppState,
    user: &CurrentUser,
    (meeting_id, item_id): (i64, Option<i64>),
    typed: &AgendaForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let (findings, actions): (Vec<LinkOption>, Vec<LinkOption>) =
        db::meetings::link_options(&state.db, &user.scope)
            .await?
            .into_iter()
            .partition(|o| matches!(o.subject, Subject::Finding(_)));
    let (form, errors, conflict) = form_state(shown, typed);
    let ctx = FormContext {
        heading: match item_id {
            Some(_) => "Edit agenda item",
            None => "Add an agenda item",
        },
        action: match item_id {
            Some(item) => format!("/meetings/{meeting_id}/agenda-items/{item}"),
            None => format!("/meetings/{meeting_id}/agenda-items"),
        },
        csrf_token: &user.csrf_token,
        conflict,
    };
    let chrome = super::chrome(state, Some(user));
    Ok(agenda_form_page(
        &chrome, &ctx, &findings, &actions, &form, &errors,
    ))
}
