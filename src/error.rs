//! The one error type of request handling, and how each kind is shown to the person.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::views;

pub type AppResult<T> = Result<T, AppError>;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    /// Not signed in: pages redirect to sign-in and come back to `next` afterwards.
    #[error("sign-in required")]
    Unauthenticated { next: String },
    #[error("forbidden")]
    Forbidden,
    /// A cross-site or token-less state change.
    #[error("request refused: {0}")]
    Refused(&'static str),
    /// The record changed since the form was opened.
    #[error("conflict")]
    Conflict,
    #[error("too many requests")]
    TooManyRequests,
    /// Something that was here and is no longer (a disposed-of file's content): why.
    #[error("gone: {0}")]
    Gone(&'static str),
    /// A published edition whose stored content no longer matches its recorded SHA-256:
    /// refused, never served.
    #[error("{0}")]
    Tampered(String),
    /// The disk (or the database's page limit) is full: the save was refused whole, nothing
    /// changed, and reads carry on.
    #[error("storage full: {0}")]
    StorageFull(sqlx::Error),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

/// The one place a database error is sorted: a full disk is told apart from a broken service.
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        if crate::db::is_storage_full(&error) {
            AppError::StorageFull(error)
        } else {
            AppError::Database(error)
        }
    }
}

/// A lookup that found nothing is the page not found: `db::x::find(…).await.found()?`.
pub trait Found<T> {
    fn found(self) -> AppResult<T>;
}

impl<T, E: Into<AppError>> Found<T> for Result<Option<T>, E> {
    fn found(self) -> AppResult<T> {
        self.map_err(Into::into)?.ok_or(AppError::NotFound)
    }
}

impl From<crate::db::editions::Unservable> for AppError {
    fn from(error: crate::db::editions::Unservable) -> Self {
        match error {
            crate::db::editions::Unservable::Tampered(_) => AppError::Tampered(error.to_string()),
            crate::db::editions::Unservable::Unreadable(..) => AppError::internal(error),
        }
    }
}

impl AppError {
    pub fn internal(message: impl std::fmt::Display) -> Self {
        Self::Internal(anyhow::anyhow!("{message}"))
    }
}

impl AppError {
    /// The status, title and message shown for this error (logging what must be logged);
    /// `None` for a sign-in redirect. Pages show them as HTML; the open data as JSON or CSV.
    pub fn explain(&self) -> Option<(StatusCode, &'static str, &str)> {
        Some(match self {
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "Page not found",
                "If you typed the web address, check it is correct.",
            ),
            AppError::Unauthenticated { .. } => return None,
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "You cannot use this page",
                "Your account does not give access to this page. Ask an administrator if you need it.",
            ),
            AppError::Refused(why) => (StatusCode::FORBIDDEN, "Request refused", *why),
            AppError::Conflict => (
                StatusCode::CONFLICT,
                "Someone else changed this record",
                "The record changed after you opened it. Open it again to see the latest version.",
            ),
            AppError::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many attempts",
                "Wait a few minutes and try again.",
            ),
            AppError::Gone(why) => (StatusCode::GONE, "No longer held", *why),
            AppError::Tampered(what) => {
                tracing::error!(error = %what, "refused to serve a tampered edition");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "This edition cannot be shown",
                    "Its stored copy no longer matches the fingerprint recorded when it was \
                     published, so it has been withheld rather than shown altered. The \
                     Commissioner's office has been alerted; earlier copies you hold are unaffected.",
                )
            }
            AppError::StorageFull(_) => {
                tracing::error!(error = %self, "a save was refused: the disk is full");
                (
                    StatusCode::INSUFFICIENT_STORAGE,
                    NOT_SAVED_TITLE,
                    NOT_SAVED_MESSAGE,
                )
            }
            AppError::Database(_) | AppError::Internal(_) => {
                // Logged once, here, inside the request span; the cause never reaches the page.
                tracing::error!(error = %self, "request failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Sorry, there is a problem with the service",
                    "Try again later. Nothing you typed has been saved.",
                )
            }
        })
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let Some((status, title, message)) = self.explain() else {
            let next = match &self {
                AppError::Unauthenticated { next } => next.as_str(),
                _ => "/",
            };
            let target = format!("/sign-in?next={}", encode_path(next));
            return Redirect::to(&target).into_response();
        };
        (status, views::layout::error_page(status, title, message)).into_response()
    }
}

/// What a person is told when the disk is full and their save was refused.
pub const NOT_SAVED_TITLE: &str = "Your change could not be saved";
pub const NOT_SAVED_MESSAGE: &str = "The server has run out of storage space, so the record could \
     not be saved and nothing was changed. What you typed has not been saved: go back with your \
     browser's back button to find it still in the form, and try again later. Pages can still be \
     read. Tell the system administrator that the server's disk is full.";

/// Keep only a local path for the `next` parameter, percent-encoding what needs it.
fn encode_path(path: &str) -> String {
    crate::domain::inputs::local_path(path)
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
