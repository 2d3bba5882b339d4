//! Integration tests: the real router over a fresh SQLite file per test.

mod action_access;
mod actions;
mod foundation;
mod helpers;
mod measures;
mod milestones;
mod proposals;
mod rollups;
mod sessions;
mod updates;
