//! Turning what people typed into forms into checked values, collecting a message per field
//! as it goes (GOV.UK dates, text, drop-down ids, record versions), and how a form is shown
//! again: with problems (422) or after someone else saved first (409).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::Markup;

use crate::forms::FieldErrors;
pub use crate::forms::{
    choice, date, optional, past_date, read_date, read_id, required, version as read_version,
};

/// A form shown again because something typed was not accepted.
pub fn unprocessable(page: Markup) -> Response {
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

/// A form shown again because someone else saved first.
pub fn conflict(page: Markup) -> Response {
    (StatusCode::CONFLICT, page).into_response()
}

/// Serialise a row for the audit log.
pub fn json<T: serde::Serialize>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Record one change to `(entity, id, action)` in the audit log, inside the write's transaction.
pub async fn audit(
    tx: &mut sqlx::SqliteConnection,
    now: chrono::DateTime<chrono::Utc>,
    user: &crate::auth::CurrentUser,
    (entity, id, action): (
        crate::domain::vocab::Entity,
        i64,
        crate::domain::vocab::AuditAction,
    ),
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), sqlx::Error> {
    let change = crate::db::audit::Change {
        entity,
        entity_id: Some(id),
        action,
        before,
        after,
    };
    crate::db::audit::record(tx, now, &user.actor(), change).await
}

/// How a form is shown: fresh (200), with problems to put right (422), or after someone else
/// saved first (409, with both versions above the form).
pub enum Shown {
    Fresh,
    Invalid(FieldErrors),
    Conflict(maud::Markup),
}

impl Shown {
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Shown::Fresh => StatusCode::OK,
            Shown::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Shown::Conflict(_) => StatusCode::CONFLICT,
        }
    }

    /// The messages and the conflict summary to show.
    pub fn parts(self) -> (FieldErrors, Option<maud::Markup>) {
        match self {
            Shown::Fresh => (FieldErrors::default(), None),
            Shown::Invalid(errors) => (errors, None),
            Shown::Conflict(summary) => (FieldErrors::default(), Some(summary)),
        }
    }
}

/// One message on one field.
pub fn problem(field: &'static str, message: impl Into<String>) -> Shown {
    let mut errors = FieldErrors::default();
    errors.add(field, message);
    Shown::Invalid(errors)
}
