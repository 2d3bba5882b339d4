//! Integration tests: the real router over a fresh SQLite file per test.

mod access_matrix;
mod action_access;
mod actions;
mod admin_users;
mod assurance;
mod audit_log;
mod auth;
mod calendar;
mod findings;
mod foundation;
mod helpers;
mod import;
mod inspections;
mod maintenance;
mod measures;
mod meetings;
mod milestones;
mod packs;
mod proposals;
mod rollups;
mod search;
mod sessions;
mod updates;
mod voices;
