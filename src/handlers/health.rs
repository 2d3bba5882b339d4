//! The health check that monitoring polls.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::AppState;
use crate::db::maintenance;

/// 200 when the database answers and can take saves; 503 saying which when it cannot answer
/// or its disk is full (pages can still be read then, but saves are refused).
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let path = state.db.connect_options().get_filename().to_path_buf();
    let checked = async {
        let mut conn = state.db.acquire().await?;
        maintenance::ping(&mut *conn).await?;
        maintenance::storage_full(&mut conn, &path).await
    };
    match checked.await {
        Ok(false) => (StatusCode::OK, "ok"),
        Ok(true) => {
            tracing::error!("health check: the disk is full; saves are refused");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "storage full: saves are refused until space is freed; pages can still be read",
            )
        }
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
