//! Integration tests: the real router over a fresh SQLite file per test.

mod access_matrix;
mod admin_users;
mod assurance;
mod audit_log;
mod auth;
mod findings;
mod foundation;
mod helpers;
mod import;
mod inspections;
mod maintenance;
mod search;
mod sessions;
mod voices;
