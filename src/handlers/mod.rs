//! Request handlers, one module per area: extract, check, call db/domain, render or redirect.

pub mod cached;
pub mod feeds;
pub mod public;
pub mod publishing;
pub mod sessions;
pub mod site;

use crate::AppState;
use crate::auth::CurrentUser;
use crate::views::Chrome;

/// The page frame for this request.
pub fn chrome(state: &AppState, user: Option<&CurrentUser>) -> Chrome {
    Chrome::new(state.site(), user)
}
