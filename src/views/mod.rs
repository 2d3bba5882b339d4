//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod charts;
pub mod components;
pub mod dashboard;
pub mod dashboard_csv;
pub mod dashboard_frame;
pub mod dashboard_history;
pub mod dashboard_lists;
pub mod forms;
pub mod layout;
pub mod public;
pub mod sessions;

pub use layout::{Chrome, NavUser};
