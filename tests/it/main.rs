//! Integration tests: the real router over a fresh SQLite file per test.

mod feeds;
mod foundation;
mod helpers;
mod open_data;
mod public_leaks;
mod public_site;
mod publishing;
mod sessions;
mod voices;
