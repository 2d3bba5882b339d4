//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod components;
pub mod forms;
pub mod layout;
pub mod public;
pub mod sessions;

pub use layout::{Chrome, NavUser};
