//! Withdrawing a record entered in error and restoring it, for every kind of record that can
//! be withdrawn: one set of handlers, told the kind by a marker type in the route table.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::AppState;
use crate::auth::CurrentUser;
use crate::db::withdrawals;
use crate::domain::withdrawals::Withdrawable;
use crate::error::{AppError, AppResult, Found};
use crate::forms::withdrawals::WithdrawForm;
use crate::record;
use crate::views::withdrawals::withdraw_page;

/// The kind of record a route withdraws.
pub trait Kind {
    const WHAT: Withdrawable;
}

macro_rules! kinds {
    ($($name:ident),*) => {$(
        pub struct $name;
        impl Kind for $name {
            const WHAT: Withdrawable = Withdrawable::$name;
        }
    )*};
}

kinds!(
    Body, Inspection, Finding, Action, Milestone, Measure, Meeting
);

async fn page(
    s: &AppState,
    u: &CurrentUser,
    what: Withdrawable,
    id: i64,
    form: &WithdrawForm,
    shown: Shown<std::convert::Infallible>,
) -> AppResult<Markup> {
    let title = withdrawals::title(&s.db, what, id).await.found()?;
    // A withdrawn record's form offers to restore it instead.
    let withdrawn = withdrawals::find(&s.db, what, id).await?.flatten();
    let chrome = super::chrome(s, Some(u));
    let errors = shown.errors();
    Ok(withdraw_page(
        &chrome,
        &u.csrf_token,
        (what, id),
        &title,
        form,
        &errors,
        withdrawn.as_ref(),
    ))
}

pub async fn form<K: Kind>(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let form = WithdrawForm::starting(now.today);
    page(&s, &u, K::WHAT, id, &form, Shown::Fresh).await
}

pub async fn withdraw<K: Kind>(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<WithdrawForm>,
) -> AppResult<Response> {
    let result = async {
        let withdrawal = f.parse(now.today)?;
        record::withdrawals::withdraw(&s.db, &u.actor(), now.at, K::WHAT, id, withdrawal).await
    };
    respond::saved(
        result.await,
        |page| page,
        |shown| page(&s, &u, K::WHAT, id, &f, shown),
    )
    .await
}

pub async fn restore<K: Kind>(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let result = record::withdrawals::restore(&s.db, &u.actor(), now.at, K::WHAT, id).await;
    // The restore button has no form to show again: a clash is a bare 409.
    respond::saved(result, |page| page, |_| async { Err(AppError::Conflict) }).await
}
