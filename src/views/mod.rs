//! HTML views: functions of plain, already-loaded data that return markup. No SQL here.

pub mod account;
pub mod action_form;
pub mod actions;
pub mod agenda;
pub mod arising;
pub mod assurance;
pub mod audit;
pub mod calendar;
pub mod charts;
pub mod components;
pub mod dashboard;
pub mod dashboard_csv;
pub mod dashboard_frame;
pub mod dashboard_history;
pub mod dashboard_lists;
pub mod feeds;
pub mod findings;
pub mod forms;
pub mod imports;
pub mod inspections;
pub mod layout;
pub mod measures;
pub mod meeting_forms;
pub mod meetings;
pub mod milestones;
pub mod packs;
pub mod proposals;
pub mod publishing;
pub mod search;
pub mod section_55;
pub mod sessions;
pub mod settings;
pub mod site;
pub mod updates;
pub mod users;

pub use layout::{Chrome, NavUser};
