//! Integration tests: the real router over a fresh SQLite file per test.

mod dashboard;
mod dashboard_fixture;
mod dashboard_queries;
mod foundation;
mod helpers;
mod sessions;
mod voices;
