//! Update-request rounds (the office): the list, the form that opens one, and a round's page
//! with what came back, the "no update received" register and the chasers sent.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::domain::rounds::ItemState;
use crate::error::{AppResult, Found};
use crate::forms::mail::RoundForm;
use crate::mail::Readiness;
use crate::views::rounds as view;
use crate::{AppState, db, record};

fn readiness(s: &AppState) -> Readiness {
    Readiness::of(&s.security.mail, s.security.public_url.as_deref())
}

pub async fn index(State(s): State<AppState>, u: CurrentUser, now: Now) -> AppResult<Markup> {
    let rounds = db::rounds::list(&s.db).await?;
    let chrome = super::chrome(&s, Some(&u));
    Ok(view::index_page(&chrome, &rounds, now.today, readiness(&s)))
}

pub async fn new(State(s): State<AppState>, u: CurrentUser, now: Now) -> AppResult<Markup> {
    let form = RoundForm::default();
    form_page(&s, &u, now, &form, Shown::<std::convert::Infallible>::Fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<RoundForm>,
) -> AppResult<Response> {
    let from = crate::mail::sender(&s);
    let result = async {
        let input = f.parse(now.today)?;
        let compose = crate::views::mail::round_request;
        record::rounds::open(&s.db, &u.actor(), now.at, u.id, &input, &from, compose).await
    };
    let result = result.await;
    if result.is_ok() {
        s.mail_wake.now();
    }
    respond::saved(
        result,
        |id| format!("/rounds/{id}"),
        |shown| form_page(&s, &u, now, &f, shown),
    )
    .await
}

async fn form_page<L>(
    s: &AppState,
    u: &CurrentUser,
    now: Now,
    form: &RoundForm,
    shown: Shown<L>,
) -> AppResult<Markup> {
    let mut conn = s.db.acquire().await?;
    let options = db::rounds::options(&mut conn, now.today).await?;
    let chrome = super::chrome(s, Some(u));
    Ok(view::new_page(
        &chrome,
        form,
        &shown.errors(),
        &options,
        readiness(s),
    ))
}

pub async fn show(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let round = db::rounds::find(&s.db, id).await.found()?;
    let items = db::rounds::list_items(&s.db, &[id]).await?;
    let chasers = db::rounds::list_chasers(&s.db, id).await?;
    let items: Vec<_> = items
        .into_iter()
        .map(|i| {
            let state = ItemState::of(record::rounds::entered_on(&i), round.return_by, now.today);
            (i, state)
        })
        .collect();
    let chrome = super::chrome(&s, Some(&u));
    Ok(view::show_page(
        &chrome, &round, &items, &chasers, now.today,
    ))
}
