//! Integration tests: the real router over a fresh SQLite file per test.

mod access_matrix;
mod admin_users;
mod audit_log;
mod auth;
mod foundation;
mod helpers;
mod maintenance;
mod sessions;
mod voices;
