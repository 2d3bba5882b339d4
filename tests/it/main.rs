//! Integration tests: the real router over a fresh SQLite file per test.

mod foundation;
mod helpers;
mod maintenance;
mod sessions;
mod voices;
