//! Integration tests: the real router over a fresh SQLite file per test.

mod assurance;
mod findings;
mod foundation;
mod helpers;
mod import;
mod inspections;
mod search;
mod sessions;
mod voices;
