//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod agenda;
pub mod arising;
pub mod calendar;
pub mod components;
pub mod forms;
pub mod layout;
pub mod meeting_forms;
pub mod meetings;
pub mod packs;
pub mod public;
pub mod sessions;

pub use layout::{Chrome, NavUser};
