//! The administrator's settings form: what was typed, and the site settings it makes.

use serde::Deserialize;

use super::FieldErrors;
use crate::domain::contrast::parse_brand_colour;
use crate::domain::inputs::required_text;
use crate::domain::site::Site;

/// What was typed into the settings form (every field text, so nothing is ever rejected unread).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    pub organisation_name: String,
    pub brand_colour: String,
    pub stale_after_days: String,
    /// Days before a due date that owners are reminded, e.g. "14, 3" (left out: unchanged).
    pub reminder_offsets: Option<String>,
    /// "yes" or "no"; left out, the setting stays as it is.
    pub two_step_for_staff: String,
}

impl SettingsForm {
    /// The form prefilled from the settings in force.
    pub fn from_site(site: &Site) -> Self {
        Self {
            organisation_name: site.organisation_name.clone(),
            brand_colour: site.brand_colour.clone(),
            stale_after_days: site.stale_after_days.to_string(),
            reminder_offsets: Some(crate::domain::mail::offsets_text(&site.reminder_offsets)),
            two_step_for_staff: if site.two_step_for_staff { "yes" } else { "no" }.into(),
        }
    }

    /// The `current` settings with this form's changes, or a message for each wrong field.
    pub fn parse(&self, current: &Site) -> Result<Site, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&self.organisation_name, 200)
            .map_err(|e| errors.add("organisation_name", format!("Office name: {e}")))
            .ok();
        let colour = parse_brand_colour(&self.brand_colour)
            .map_err(|e| errors.add("brand_colour", e.to_string()))
            .ok();
        let days = match self.stale_after_days.trim().parse::<i64>() {
            Ok(days) if (1..=730).contains(&days) => Some(days),
            _ => {
                errors.add(
                    "stale_after_days",
                    "Enter the number of days as a whole number from 1 to 730",
                );
                None
            }
        };
        let offsets = match &self.reminder_offsets {
            None => Some(current.reminder_offsets.clone()),
            Some(typed) => crate::domain::mail::parse_offsets(typed)
                .map_err(|e| {
                    errors.add(
                        "reminder_offsets",
                        format!("Reminder days: {e}; separate several with commas, e.g. 14, 3"),
                    )
                })
                .ok(),
        };
        let two_step = match self.two_step_for_staff.trim() {
            "" => Some(current.two_step_for_staff),
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.add(
                    "two_step_for_staff",
                    "Select whether administrators and office staff must use two-step sign-in",
                );
                None
            }
        };
        match (name, colour, days, two_step, offsets) {
            (
                Some(organisation_name),
                Some(brand_colour),
                Some(stale_after_days),
                Some(two_step_for_staff),
                Some(reminder_offsets),
            ) => Ok(Site {
                organisation_name,
                brand_colour,
                stale_after_days,
                two_step_for_staff,
                reminder_offsets,
                ..current.clone()
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(name: &str, colour: &str, days: &str) -> SettingsForm {
        SettingsForm {
            organisation_name: name.into(),
            brand_colour: colour.into(),
            stale_after_days: days.into(),
            ..Default::default()
        }
    }

    #[test]
    fn two_step_for_staff_is_yes_or_no_and_stays_as_it_is_when_left_out() {
        let on = SettingsForm {
            two_step_for_staff: "yes".into(),
            ..typed("PCC", "#1d70b8", "30")
        };
        assert!(
            on.parse(&Site::default())
                .expect("valid")
                .two_step_for_staff
        );
        let current = Site {
            two_step_for_staff: true,
            ..Site::default()
        };
        let left_out = typed("PCC", "#1d70b8", "30")
            .parse(&current)
            .expect("valid");
        assert!(left_out.two_step_for_staff);
        let odd = SettingsForm {
            two_step_for_staff: "maybe".into(),
            ..typed("PCC", "#1d70b8", "30")
        };
        let errors = odd.parse(&current).expect_err("invalid");
        assert!(errors.get("two_step_for_staff").is_some());
    }

    #[test]
    fn a_complete_form_changes_the_three_settings_and_keeps_the_rest() {
        let current = Site {
            example_data: true,
            ..Site::default()
        };
        let site = typed("  PCC for Derbyshire ", "#1d70b8", " 45 ")
            .parse(&current)
            .expect("valid");
        assert_eq!(site.organisation_name, "PCC for Derbyshire");
        assert_eq!(site.brand_colour, "#1d70b8");
        assert_eq!(site.stale_after_days, 45);
        assert!(site.example_data);
    }

    #[test]
    fn days_outside_one_to_730_are_refused() {
        for days in ["0", "731", "ten", ""] {
            let errors = typed("PCC", "#1d70b8", days)
                .parse(&Site::default())
                .expect_err(days);
            assert_eq!(
                errors.get("stale_after_days"),
                Some("Enter the number of days as a whole number from 1 to 730")
            );
        }
    }

    #[test]
    fn a_blank_name_and_a_bad_colour_each_get_a_message() {
        let errors = typed(" ", "blue", "30")
            .parse(&Site::default())
            .expect_err("invalid");
        assert!(
            errors
                .get("organisation_name")
                .is_some_and(|m| m.starts_with("Office name: ")),
            "{errors:?}"
        );
        assert!(errors.get("brand_colour").is_some(), "{errors:?}");
        assert_eq!(errors.get("stale_after_days"), None);
    }
}

/// The confirmation on the page that removes the example data.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExampleRemovalForm {
    /// "yes" when the administrator ticked the confirmation.
    pub confirm: String,
}

impl ExampleRemovalForm {
    /// Whether the removal was confirmed; the message to show when not.
    pub fn parse(&self) -> Result<(), FieldErrors> {
        if self.confirm == "yes" {
            return Ok(());
        }
        let mut errors = FieldErrors::default();
        errors.add(
            "confirm",
            "Confirm that you want to remove the example data",
        );
        Err(errors)
    }
}

#[cfg(test)]
mod example_removal_tests {
    use super::ExampleRemovalForm;

    #[test]
    fn removal_needs_the_confirmation_ticked() {
        let confirmed = ExampleRemovalForm {
            confirm: "yes".into(),
        };
        assert!(confirmed.parse().is_ok());
        let errors = ExampleRemovalForm::default().parse().unwrap_err();
        assert_eq!(
            errors.get("confirm"),
            Some("Confirm that you want to remove the example data")
        );
        assert!(
            ExampleRemovalForm {
                confirm: "no".into()
            }
            .parse()
            .is_err()
        );
    }
}
