//! The inspected body forms: a body's name and kind (new or edited), and merging a duplicate
//! into another body.

use serde::Deserialize;

use super::{FieldErrors, choice, required};
use crate::db::bodies::BodyRow;
use crate::domain::bodies::{MAX_NAME_CHARS, NewBody};
use crate::domain::vocab::BodyKind;

/// What was typed into the body form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BodyForm {
    pub name: String,
    pub kind: String,
}

impl BodyForm {
    /// The form prefilled from a saved body.
    pub fn from_row(row: &BodyRow) -> Self {
        Self {
            name: row.name.clone(),
            kind: row.kind.as_str().to_string(),
        }
    }

    /// The body this form makes, or what to fix.
    pub fn parse(&self) -> Result<NewBody, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required(
            &mut errors,
            "name",
            "the name of the body",
            &self.name,
            MAX_NAME_CHARS,
        );
        let kind = choice(
            &mut errors,
            "kind",
            "Choose what kind of body it is",
            BodyKind::parse(&self.kind),
        );
        match kind {
            Some(kind) if errors.is_empty() => Ok(NewBody { name, kind }),
            _ => Err(errors),
        }
    }
}

/// What was chosen on the merge form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MergeForm {
    pub target_id: String,
    pub confirm: String,
}

impl MergeForm {
    /// The id of the body to merge into, once chosen and confirmed; or what to fix.
    pub fn parse(&self) -> Result<i64, FieldErrors> {
        let mut errors = FieldErrors::default();
        let target = self.target_id.trim().parse::<i64>().ok();
        if target.is_none() {
            errors.add("target_id", "Choose the body to merge this one into");
        }
        if self.confirm != "yes" {
            errors.add(
                "confirm",
                "Confirm that this body's inspections, actions and users move and it is removed",
            );
        }
        match target {
            Some(id) if errors.is_empty() => Ok(id),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_body_of_a_known_kind_is_made_with_the_name_trimmed() {
        let form = BodyForm {
            name: "  Derbyshire Fire and Rescue Service ".into(),
            kind: "fire_and_rescue_service".into(),
        };
        assert_eq!(
            form.parse().expect("valid"),
            NewBody {
                name: "Derbyshire Fire and Rescue Service".into(),
                kind: BodyKind::FireAndRescueService,
            }
        );
    }

    #[test]
    fn no_name_and_no_kind_each_get_a_message() {
        let errors = BodyForm::default().parse().expect_err("invalid");
        assert_eq!(errors.get("name"), Some("Enter the name of the body"));
        assert_eq!(errors.get("kind"), Some("Choose what kind of body it is"));
        let errors = BodyForm {
            name: "Kent Police".into(),
            kind: "ambulance".into(),
        }
        .parse()
        .expect_err("unknown kind");
        assert_eq!(errors.get("name"), None);
        assert!(errors.get("kind").is_some());
    }

    #[test]
    fn a_name_too_long_is_refused() {
        let form = BodyForm {
            name: "x".repeat(MAX_NAME_CHARS + 1),
            kind: "other".into(),
        };
        assert!(form.parse().expect_err("long").get("name").is_some());
    }

    #[test]
    fn a_merge_needs_a_target_and_a_confirmation() {
        let ok = MergeForm {
            target_id: " 4 ".into(),
            confirm: "yes".into(),
        };
        assert_eq!(ok.parse(), Ok(4));
        let errors = MergeForm::default().parse().expect_err("nothing chosen");
        assert!(errors.get("target_id").is_some());
        assert!(errors.get("confirm").is_some());
        let unconfirmed = MergeForm {
            target_id: "4".into(),
            confirm: String::new(),
        };
        let errors = unconfirmed.parse().expect_err("unconfirmed");
        assert_eq!(errors.get("target_id"), None);
        assert!(errors.get("confirm").is_some());
    }
}
