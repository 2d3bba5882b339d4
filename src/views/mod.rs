//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod action_form;
pub mod actions;
pub mod components;
pub mod forms;
pub mod layout;
pub mod measures;
pub mod milestones;
pub mod proposals;
pub mod public;
pub mod sessions;
pub mod updates;

pub use layout::{Chrome, NavUser};
