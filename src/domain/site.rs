//! The site-wide settings every page reads: the organisation, the example-data flag, when an
//! item counts as stale, and the brand colour.

use crate::domain;

/// Site-wide settings kept in the `settings` table and cached here (read on every page).
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub organisation_name: String,
    pub example_data: bool,
    pub stale_after_days: i64,
    /// A `#rrggbb` colour for the header; white text must stay readable on it.
    pub brand_colour: String,
}

impl Default for Site {
    fn default() -> Self {
        Self {
            organisation_name: "Police and Crime Commissioner".into(),
            example_data: false,
            stale_after_days: domain::dates::DEFAULT_STALE_DAYS,
            brand_colour: "#1d70b8".into(),
        }
    }
}
