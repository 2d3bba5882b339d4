//! Publishing: approving public summaries, previewing the next edition and publishing it.

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::publishing::Summaries;
use crate::domain::edition::{self, Snapshot};
use chrono::NaiveDate;

use crate::error::{AppError, AppResult};
use crate::forms::FieldErrors;
use crate::forms::publishing::{ApprovalForm, ApproveShownForm, FilterQuery, PublishForm};
use crate::record::publishing::Decision;
use crate::record::{self, Saved};
use crate::views::publishing::{
    Candidates, Preview, index_page, list_changed_page, preview_page, reworded_page,
};
use crate::{AppState, db};

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
    Query(query): Query<FilterQuery>,
) -> AppResult<Response> {
    let filter = query.filter();
    let next = prepare(&state, today).await?;
    let mut conn = state.db.acquire().await?;
    let candidates = Candidates {
        next,
        not_ready: db::inspections::list_not_ready(&mut *conn, &user.scope).await?,
        summaries: Summaries::load(&mut conn, filter).await?,
        filter,
        bodies: db::bodies::list(&mut *conn).await?,
        inspections: db::inspections::list(&mut *conn, &user.scope).await?,
        approved: query.approved(),
    };
    let chrome = super::chrome(&state, Some(&user));
    Ok(index_page(&chrome, &user.csrf_token, &candidates).into_response())
}

/// "Approve all shown": every summary the filtered list offered, or none if it changed.
pub async fn approve_shown(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<ApproveShownForm>,
) -> AppResult<Response> {
    let filter = f.filter();
    let result =
        record::publishing::approve_shown(&s.db, &u.actor(), now.at, u.id, filter, &f.shown).await;
    respond::saved(
        result,
        |n| {
            let query = filter.query(&[("approved", n.to_string())]);
            format!("/publishing{query}#summaries")
        },
        |shown| async move {
            let chrome = super::chrome(&s, Some(&u));
            match shown {
                Shown::Stale(_) => Ok(list_changed_page(&chrome, filter)),
                _ => Err(AppError::internal(
                    "approving all shown has no form to show",
                )),
            }
        },
    )
    .await
}

pub async fn approve(
    state: State<AppState>,
    user: CurrentUser,
    now: Now,
    form: Form<ApprovalForm>,
) -> AppResult<Response> {
    set(state, user, now, form, true).await
}

pub async fn withdraw(
    state: State<AppState>,
    user: CurrentUser,
    now: Now,
    form: Form<ApprovalForm>,
) -> AppResult<Response> {
    set(state, user, now, form, false).await
}

async fn set(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<ApprovalForm>,
    approve: bool,
) -> AppResult<Response> {
    let summary = f.parse().ok_or(AppError::NotFound)?;
    let decision = match approve {
        true => Decision::Approve { seen: f.seen() },
        false => Decision::Withdraw,
    };
    let result =
        record::publishing::set_approval(&s.db, &u.actor(), now.at, u.id, summary, decision).await;
    respond::saved(
        result,
        |()| format!("/publishing{}", f.filter().query(&[])),
        |shown| async {
            let chrome = super::chrome(&s, Some(&u));
            match shown {
                Shown::Stale(reworded) => {
                    let both = (reworded.seen.as_str(), reworded.now.as_str());
                    Ok(reworded_page(&chrome, &u.csrf_token, summary, both))
                }
                _ => Err(AppError::internal("an approval has no form to show")),
            }
        },
    )
    .await
}

/// What would be published now, and what changed since the latest edition.
async fn prepare(state: &AppState, today: NaiveDate) -> AppResult<Preview> {
    let organisation = state.site().organisation_name;
    let (next, latest) = db::editions::next_beside_latest(&state.db, &organisation, today).await?;
    let previous = match &latest {
        Some(row) => row.snapshot().map_err(AppError::from)?,
        None => Snapshot {
            organisation,
            as_at: next.as_at,
            inspections: vec![],
            meetings: vec![],
            planned_meetings: vec![],
        },
    };
    Ok(Preview {
        changes: edition::diff(&previous, &next),
        latest_number: latest.map(|r| r.number),
        snapshot: next,
    })
}

pub async fn preview(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
) -> AppResult<Response> {
    let preview = prepare(&state, today).await?;
    let chrome = super::chrome(&state, Some(&user));
    Ok(preview_page(
        &chrome,
        &user.csrf_token,
        &preview,
        "",
        &FieldErrors::default(),
    )
    .into_response())
}

pub async fn publish(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Form(f): Form<PublishForm>,
) -> AppResult<Response> {
    let result = async {
        let note = f.parse()?;
        record::publishing::publish_edition(&s.db, &u.actor(), now, u.id, note).await
    };
    let result = result.await;
    if let Ok(Saved::Done(number)) = &result {
        // The public pages now show the new edition, without asking the database each time.
        s.pages.set_latest(*number);
    }
    let (s, u, note) = (&s, &u, &f.note);
    respond::saved(
        result,
        |number| format!("/editions/{number}"),
        |shown| async move {
            let preview = prepare(s, now.today).await?;
            let chrome = super::chrome(s, Some(u));
            Ok(preview_page(
                &chrome,
                &u.csrf_token,
                &preview,
                note,
                &shown.errors(),
            ))
        },
    )
    .await
}
