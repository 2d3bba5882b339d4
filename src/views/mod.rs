//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod account;
pub mod audit;
pub mod components;
pub mod forms;
pub mod layout;
pub mod public;
pub mod sessions;
pub mod users;

pub use layout::{Chrome, NavUser};
