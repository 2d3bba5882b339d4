//! Validated account details: email addresses and display names as typed into a form or on
//! the command line.

use super::vocab::Role;

/// Why an email address was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address")]
    Missing,
    #[error("Enter an email address in the correct format, like name@example.org")]
    Format,
}

/// A new account's details, already validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

/// An account's name, role and bodies as an administrator changes them, already validated
/// (the bodies as [`bodies_for_role`] gives them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountDetails {
    pub display_name: String,
    pub role: Role,
    pub bodies: Vec<i64>,
}

/// Why the bodies chosen for an account were not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BodiesError {
    #[error("Choose at least one body: a force liaison user sees only the bodies they belong to")]
    ForceWithoutBody,
}

/// The bodies an account of `role` belongs to, from those chosen: a force user needs at least
/// one (with none they would see nothing); a panel member may have none (they then see every
/// body); the office and administrators always see every body, so theirs are cleared.
/// Sorted, each once.
pub fn bodies_for_role(role: Role, chosen: &[i64]) -> Result<Vec<i64>, BodiesError> {
    let mut bodies = match role {
        Role::Admin | Role::Office => Vec::new(),
        Role::Force | Role::Panel => chosen.to_vec(),
    };
    bodies.sort_unstable();
    bodies.dedup();
    if role == Role::Force && bodies.is_empty() {
        return Err(BodiesError::ForceWithoutBody);
    }
    Ok(bodies)
}

pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_NAME_CHARS: usize = 200;

/// An email address: trimmed, one `@` with text either side, no spaces, at most 254
/// characters. Case is kept as typed; the database compares without case.
pub fn parse_email(value: &str) -> Result<String, EmailError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(EmailError::Missing);
    }
    let well_formed = value.chars().count() <= MAX_EMAIL_CHARS
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(value.split_once('@'), Some((local, domain))
            if !local.is_empty() && !domain.is_empty() && !domain.contains('@'));
    if well_formed {
        Ok(value.to_string())
    } else {
        Err(EmailError::Format)
    }
}

/// The name shown for an account: the typed name, or the email's local part when left blank.
pub fn display_name_or_default(
    name: &str,
    email: &str,
) -> Result<String, super::inputs::TextError> {
    match super::inputs::optional_text(name, MAX_NAME_CHARS)? {
        Some(name) => Ok(name),
        None => Ok(email.split('@').next().unwrap_or(email).to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_force_user_needs_a_body_and_keeps_each_chosen_once_in_order() {
        assert_eq!(
            bodies_for_role(Role::Force, &[]),
            Err(BodiesError::ForceWithoutBody)
        );
        assert_eq!(bodies_for_role(Role::Force, &[3, 1, 3]), Ok(vec![1, 3]));
    }

    #[test]
    fn a_panel_member_may_have_bodies_or_none() {
        assert_eq!(bodies_for_role(Role::Panel, &[]), Ok(vec![]));
        assert_eq!(bodies_for_role(Role::Panel, &[2]), Ok(vec![2]));
    }

    #[test]
    fn the_office_and_administrators_belong_to_no_body_whatever_was_chosen() {
        assert_eq!(bodies_for_role(Role::Office, &[1, 2]), Ok(vec![]));
        assert_eq!(bodies_for_role(Role::Admin, &[1]), Ok(vec![]));
    }

    #[test]
    fn an_ordinary_address_is_accepted_and_trimmed() {
        assert_eq!(
            parse_email("  a.b@example.org "),
            Ok("a.b@example.org".into())
        );
        assert_eq!(parse_email("admin@localhost"), Ok("admin@localhost".into()));
    }

    #[test]
    fn malformed_addresses_are_refused() {
        assert_eq!(parse_email(""), Err(EmailError::Missing));
        for bad in [
            "no-at-sign",
            "@example.org",
            "a@",
            "a@b@c",
            "a b@example.org",
        ] {
            assert_eq!(parse_email(bad), Err(EmailError::Format), "{bad}");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(parse_email(&long), Err(EmailError::Format));
    }

    #[test]
    fn a_blank_name_defaults_to_the_start_of_the_email() {
        assert_eq!(
            display_name_or_default(" ", "jo.bloggs@example.org"),
            Ok("jo.bloggs".into())
        );
        assert_eq!(
            display_name_or_default(" Jo Bloggs ", "jo@example.org"),
            Ok("Jo Bloggs".into())
        );
    }
}
