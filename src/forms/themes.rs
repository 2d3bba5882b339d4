//! The themes of a finding as typed: names separated by commas, each trimmed (runs of space
//! made one), blanks dropped, a repeat (in any case) counted once.

use serde::Deserialize;

use super::FieldErrors;
use crate::domain::inputs::{TextError, optional_text};

/// The longest theme name, as the schema allows.
pub const MAX_THEME_CHARS: usize = 100;
/// The most themes one finding carries.
pub const MAX_THEMES: usize = 20;

/// What was typed into the themes field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct ThemesForm {
    pub themes: String,
}

impl ThemesForm {
    /// The field prefilled with a finding's themes.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            themes: names.into_iter().collect::<Vec<_>>().join(", "),
        }
    }

    /// The theme names, in the order typed (the first spelling of a repeat kept), or what
    /// to fix. None at all is allowed: it clears the finding's themes.
    pub fn parse(&self) -> Result<Vec<String>, FieldErrors> {
        let mut names: Vec<String> = Vec::new();
        let mut too_long = Vec::new();
        for typed in self.themes.split(',') {
            let spaced = typed.split_whitespace().collect::<Vec<_>>().join(" ");
            match optional_text(&spaced, MAX_THEME_CHARS) {
                Ok(None) => {}
                Ok(Some(name)) => {
                    let folded = name.to_lowercase();
                    if !names.iter().any(|n| n.to_lowercase() == folded) {
                        names.push(name);
                    }
                }
                Err(TextError::TooLong { .. } | TextError::Missing) => too_long.push(spaced),
            }
        }
        let mut e = FieldErrors::default();
        if let Some(first) = too_long.first() {
            let start: String = first.chars().take(30).collect();
            e.add(
                "themes",
                format!(
                    "Each theme must be {MAX_THEME_CHARS} characters or fewer – “{start}…” is longer"
                ),
            );
        } else if names.len() > MAX_THEMES {
            e.add("themes", format!("Enter {MAX_THEMES} themes or fewer"));
        }
        match e.is_empty() {
            true => Ok(names),
            false => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(typed: &str) -> Result<Vec<String>, FieldErrors> {
        ThemesForm {
            themes: typed.into(),
        }
        .parse()
    }

    #[test]
    fn names_are_trimmed_blanks_dropped_and_repeats_in_any_case_counted_once() {
        assert_eq!(
            parsed(" missing children ,, Vetting,MISSING CHILDREN , ,vetting").unwrap(),
            ["missing children", "Vetting"]
        );
        assert_eq!(
            parsed("missing \t  children").unwrap(),
            ["missing children"]
        );
    }

    #[test]
    fn nothing_typed_clears_the_themes() {
        assert_eq!(parsed("").unwrap(), Vec::<String>::new());
        assert_eq!(parsed(" , ,").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn control_characters_are_dropped_and_a_name_of_only_them_is_blank() {
        assert_eq!(parsed("vet\u{0}ting, \u{1}").unwrap(), ["vetting"]);
    }

    #[test]
    fn a_name_may_have_one_to_a_hundred_characters() {
        let hundred = "a".repeat(100);
        assert_eq!(parsed(&format!("x, {hundred}")).unwrap(), ["x", &hundred]);
        let errors = parsed(&format!("vetting, {}b", hundred)).unwrap_err();
        let message = errors.get("themes").expect("message");
        assert!(
            message.starts_with("Each theme must be 100 characters or fewer"),
            "{message}"
        );
        assert!(message.contains(&"a".repeat(30)), "{message}");
    }

    #[test]
    fn a_finding_carries_at_most_twenty_themes() {
        let twenty: Vec<String> = (1..=20).map(|n| format!("theme {n}")).collect();
        assert_eq!(parsed(&twenty.join(",")).unwrap().len(), 20);
        let errors = parsed(&format!("{}, one more", twenty.join(","))).unwrap_err();
        assert_eq!(errors.get("themes"), Some("Enter 20 themes or fewer"));
        // Repeats do not count towards the limit.
        assert!(parsed(&format!("{}, THEME 1", twenty.join(","))).is_ok());
    }

    #[test]
    fn the_field_is_prefilled_with_the_current_themes() {
        let form = ThemesForm::from_names(["missing children", "vetting"]);
        assert_eq!(form.themes, "missing children, vetting");
        assert_eq!(form.parse().unwrap(), ["missing children", "vetting"]);
    }
}
