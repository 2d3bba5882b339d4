//! Request handlers, one module per area: extract, check, call db/domain, render or redirect.

pub mod account;
pub mod action_blocks;
pub mod actions;
pub mod agenda;
pub mod api;
pub mod api_tokens;
pub mod arising;
pub mod assets;
pub mod assurance;
pub mod audit;
pub mod backups;
pub mod bodies;
pub mod cached;
pub mod calendar;
pub mod clocks;
pub mod compare;
pub mod contacts;
pub mod dashboard;
pub mod evidence;
pub mod feeds;
pub mod findings;
pub mod findings_csv;
pub mod fire_review;
pub mod health;
pub mod inspections;
pub mod mail;
pub mod measures;
pub mod meetings;
pub mod milestones;
pub mod multipart;
pub mod packs;
pub mod proposals;
pub mod publishing;
pub mod register;
pub mod report_packages;
pub mod respond;
pub mod response_document;
pub mod rounds;
pub mod rules;
pub mod search;
pub mod section_55;
pub mod sessions;
pub mod settings;
pub mod site;
pub mod subscriptions;
pub mod themes;
pub mod two_step;
pub mod updates;
pub mod users;
pub mod withdrawals;

use crate::AppState;
use crate::auth::CurrentUser;
use crate::views::Chrome;
use crate::views::layout::NavUser;

/// The record's version: the newest audit event's id, read again only when this process has
/// committed since or a second has passed (see [`crate::cache::RecordVersion::seen`]).
pub async fn record_version(state: &AppState) -> crate::error::AppResult<i64> {
    let (commits, now) = (crate::db::commits(&state.db), std::time::Instant::now());
    if let Some(version) = state.record_version.seen(commits, now) {
        return Ok(version);
    }
    let version = crate::db::audit::latest_id(&state.db).await?;
    state.record_version.saw(commits, version, now);
    Ok(version)
}

/// The page frame for this request.
pub fn chrome(state: &AppState, user: Option<&CurrentUser>) -> Chrome {
    Chrome {
        site: state.site(),
        user: user.map(|u| NavUser {
            display_name: u.display_name.clone(),
            role: u.role,
            csrf_token: u.csrf_token.clone(),
        }),
        rules: state.rules.clone(),
        backup_failure: user
            .filter(|u| u.role == crate::domain::vocab::Role::Admin)
            .and_then(|_| state.backups.failure()),
    }
}
