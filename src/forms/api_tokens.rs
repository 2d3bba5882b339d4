//! The form making a personal API token: a name to know it by, read-only or read-and-write
//! (a read-only role is offered only the first), and how many days it lasts.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{FieldErrors, choice, required};
use crate::domain::api::{DEFAULT_LIFETIME, LIFETIMES, expiry};
use crate::domain::vocab::{Role, TokenAccess};

/// The longest name a token may have (the schema's check says the same).
pub const MAX_NAME: usize = 100;

/// What was typed into the new-token form.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub access: String,
    #[serde(default)]
    pub lifetime: String,
}

impl Default for TokenForm {
    /// A fresh form: read only, for the default lifetime.
    fn default() -> Self {
        Self {
            name: String::new(),
            access: TokenAccess::Read.as_str().into(),
            lifetime: DEFAULT_LIFETIME.to_string(),
        }
    }
}

/// A token to make, as the form asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRequest {
    pub name: String,
    pub access: TokenAccess,
    pub expires_at: DateTime<Utc>,
}

/// The kinds of token offered to `role`: a panel member only reads, so only read-only.
pub fn offered(role: Role) -> &'static [TokenAccess] {
    match role {
        Role::Panel => &[TokenAccess::Read],
        _ => TokenAccess::ALL,
    }
}

impl TokenForm {
    /// A name, a kind of access and an offered lifetime, counted from `now`. Whether the
    /// user may have that access is the record's rule, not the form's.
    pub fn parse(&self, now: DateTime<Utc>) -> Result<TokenRequest, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = required(&mut e, "name", "a name for the token", &self.name, MAX_NAME);
        let access = choice(
            &mut e,
            "access",
            "Choose what the token may do",
            TokenAccess::parse(&self.access),
        );
        let days = self.lifetime.trim().parse::<i64>().ok();
        let expires_at = choice(
            &mut e,
            "lifetime",
            "Choose how long the token lasts",
            days.and_then(|d| expiry(now, d)),
        );
        match (access, expires_at) {
            (Some(access), Some(expires_at)) if e.is_empty() => Ok(TokenRequest {
                name,
                access,
                expires_at,
            }),
            _ => Err(e),
        }
    }
}

/// The lifetimes as `(value, label)` choices.
pub fn lifetime_choices() -> Vec<(String, String)> {
    LIFETIMES
        .iter()
        .map(|d| {
            let label = match d {
                365 => "1 year".to_string(),
                d => format!("{d} days"),
            };
            (d.to_string(), label)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 12, 0, 0).unwrap()
    }

    #[test]
    fn a_name_an_access_and_an_offered_lifetime_make_a_token() {
        let form = TokenForm {
            name: " Force tracker ".into(),
            access: "read_write".into(),
            lifetime: "30".into(),
        };
        assert_eq!(
            form.parse(now()),
            Ok(TokenRequest {
                name: "Force tracker".into(),
                access: TokenAccess::ReadWrite,
                expires_at: now() + Duration::days(30),
            })
        );
    }

    #[test]
    fn a_blank_or_long_name_an_unknown_access_and_an_unoffered_lifetime_are_refused() {
        let errors = TokenForm {
            name: "   ".into(),
            access: "admin".into(),
            lifetime: "12".into(),
        }
        .parse(now())
        .expect_err("invalid");
        assert_eq!(errors.get("name"), Some("Enter a name for the token"));
        assert_eq!(errors.get("access"), Some("Choose what the token may do"));
        assert_eq!(
            errors.get("lifetime"),
            Some("Choose how long the token lasts")
        );
        let long = TokenForm {
            name: "x".repeat(MAX_NAME + 1),
            ..TokenForm::default()
        };
        let errors = long.parse(now()).expect_err("too long");
        assert_eq!(errors.get("name"), Some("Must be 100 characters or fewer"));
        let just = TokenForm {
            name: "x".repeat(MAX_NAME),
            ..TokenForm::default()
        };
        assert!(just.parse(now()).is_ok());
    }

    #[test]
    fn a_fresh_form_is_read_only_for_ninety_days_and_a_panel_member_is_offered_only_reading() {
        let fresh = TokenForm::default();
        assert_eq!(
            (fresh.access.as_str(), fresh.lifetime.as_str()),
            ("read", "90")
        );
        assert_eq!(offered(Role::Panel), &[TokenAccess::Read]);
        assert!(offered(Role::Force).contains(&TokenAccess::ReadWrite));
        assert_eq!(lifetime_choices().len(), LIFETIMES.len());
    }
}
