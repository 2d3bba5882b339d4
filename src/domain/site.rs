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
    /// Administrators and office staff must use two-step sign-in (they are sent to set it up).
    pub two_step_for_staff: bool,
    /// Made once in the database (migration 0015): what makes this installation's feed ids its own.
    pub installation_id: String,
    /// Days before a milestone's due date that its owner is reminded (largest first).
    pub reminder_offsets: Vec<u32>,
}

impl Site {
    /// Whether someone with `role` must use two-step sign-in.
    pub fn requires_two_step(&self, role: crate::domain::vocab::Role) -> bool {
        use crate::domain::vocab::Role;
        self.two_step_for_staff && matches!(role, Role::Admin | Role::Office)
    }
}

impl Default for Site {
    fn default() -> Self {
        Self {
            organisation_name: "Police and Crime Commissioner".into(),
            example_data: false,
            stale_after_days: domain::dates::DEFAULT_STALE_DAYS,
            brand_colour: "#1d70b8".into(),
            two_step_for_staff: false,
            installation_id: String::new(),
            reminder_offsets: crate::domain::mail::DEFAULT_OFFSETS.to_vec(),
        }
    }
}
