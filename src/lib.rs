//! Scrutineer: holds a Chief Constable to account for acting on inspection recommendations.
//! This module indexes the crate; `app` builds the router that tests and the server drive.

pub mod auth;
pub mod backups;
pub mod cache;
pub mod compare;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod forms;
pub mod handlers;
pub mod mail;
pub mod middleware;
pub mod record;
pub mod routes;
pub mod server;
pub mod startup;
pub mod state;
pub mod views;

pub use domain::site::Site;
pub use routes::app;
pub use state::{AppState, Security};
