//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod components;
pub mod feeds;
pub mod forms;
pub mod layout;
pub mod publishing;
pub mod sessions;
pub mod site;

pub use layout::{Chrome, NavUser};
