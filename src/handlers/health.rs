//! The health check that monitoring polls.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::AppState;

/// 200 when the database answers.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match crate::db::maintenance::ping(&state.db).await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
