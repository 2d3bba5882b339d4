//! Reading the record through the API: lists a page at a time (cursor and limit, in id
//! order, filtered as the dashboards filter) and single records, as the token's user may see
//! them. The route layer has already checked the role and, for one record, its body; lists
//! are scoped here, in their SQL. Withdrawn records appear nowhere. The answers reads share
//! (304, 400, 401, 404, 422, 429 and their headers) are added to the document by `docs`.

mod actions;
mod findings;
mod meetings;
mod params;

pub use actions::{action, actions, measure, updates};
pub use findings::{finding, findings, inspection, inspections};
pub use meetings::{meeting, meetings};

use super::{Problem, record_id};
use crate::AppState;
use crate::db::api as reads;
use crate::domain::scope::Record;
use crate::error::AppError;

/// 404 unless the record stands (the route layer has checked it is the caller's to see).
async fn standing(state: &AppState, record: Record, id: i64) -> Result<(), Problem> {
    match reads::stands(&state.db, record, id).await? {
        true => Ok(()),
        false => Err(AppError::NotFound.into()),
    }
}

/// The reads, for the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    findings::inspections,
    findings::inspection,
    findings::findings,
    findings::finding,
    actions::actions,
    actions::action,
    actions::updates,
    actions::measure,
    meetings::meetings,
    meetings::meeting
))]
pub struct ReadApi;
