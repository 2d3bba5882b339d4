//! Integration tests: the real router over a fresh SQLite file per test.

mod calendar;
mod foundation;
mod helpers;
mod meetings;
mod packs;
mod sessions;
