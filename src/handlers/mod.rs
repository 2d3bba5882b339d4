//! Request handlers, one module per area: extract, check, call db/domain, render or redirect.

pub mod action_blocks;
pub mod actions;
pub mod form_checks;
pub mod measures;
pub mod milestones;
pub mod proposals;
pub mod public;
pub mod sessions;
pub mod updates;

use crate::AppState;
use crate::auth::CurrentUser;
use crate::views::Chrome;

/// The page frame for this request.
pub fn chrome(state: &AppState, user: Option<&CurrentUser>) -> Chrome {
    Chrome::new(state.site(), user)
}
