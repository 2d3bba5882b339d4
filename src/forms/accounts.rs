//! The account forms: signing in, changing your own password, and an administrator's account
//! form (a new account, or a change of name and role).

use serde::Deserialize;

use super::FieldErrors;
use crate::db::users::UserRow;
use crate::domain::accounts::{
    AccountDetails, MAX_NAME_CHARS, NewAccount, bodies_for_role, display_name_or_default,
    parse_email,
};
use crate::domain::inputs::{local_path, required_text};
use crate::domain::passwords::check_new_password;
use crate::domain::vocab::Role;

/// What was typed into the sign-in form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

impl SignInForm {
    /// The address as it is looked up and throttled: without the spaces people type around it.
    pub fn email(&self) -> &str {
        self.email.trim()
    }

    /// Where to go once signed in: a path on this site, never another.
    pub fn next(&self) -> &str {
        local_path(&self.next)
    }
}

/// What was typed into the change-password form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub current_password: String,
    pub new_password: String,
    pub confirm_password: String,
}

impl PasswordForm {
    /// The new password for the account with this `email`, or a message for each wrong field.
    /// `current_is_correct` says whether the current password typed matched (checking it needs
    /// the stored hash, so it is done before).
    pub fn parse(&self, email: &str, current_is_correct: bool) -> Result<String, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.current_password.is_empty() {
            errors.add("current_password", "Enter your current password");
        } else if !current_is_correct {
            errors.add("current_password", "Your current password is not correct");
        }
        if let Err(e) = check_new_password(&self.new_password, email) {
            errors.add("new_password", e.to_string());
        } else if self.new_password == self.current_password {
            errors.add(
                "new_password",
                "Choose a password different from your current one",
            );
        } else if self.confirm_password != self.new_password {
            errors.add("confirm_password", "Enter the same new password twice");
        }
        if errors.is_empty() {
            Ok(self.new_password.clone())
        } else {
            Err(errors)
        }
    }
}

/// What is in (or was typed into) an administrator's account form. The bodies checkboxes
/// repeat one name, so the full form is read from the raw pairs ([`UserForm::from_pairs`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UserForm {
    pub email: String,
    pub display_name: String,
    pub role: String,
    #[serde(skip)]
    pub bodies: Vec<String>,
    pub version: String,
}

impl UserForm {
    /// The form as posted, every checked body included.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            let v = value.clone();
            match key.as_str() {
                "email" => form.email = v,
                "display_name" => form.display_name = v,
                "role" => form.role = v,
                "bodies" => form.bodies.push(v),
                "version" => form.version = v,
                _ => {}
            }
        }
        form
    }

    /// The form prefilled from the account as saved and the bodies it belongs to.
    pub fn from_row(row: &UserRow, bodies: &[i64]) -> Self {
        Self {
            email: row.email.clone(),
            display_name: row.display_name.clone(),
            role: row.role.as_str().to_string(),
            bodies: bodies.iter().map(i64::to_string).collect(),
            version: row.version.to_string(),
        }
    }

    /// The version the editor saw; a missing or garbled one can only clash.
    pub fn version(&self) -> i64 {
        super::version(&self.version)
    }

    /// A new account and the bodies it belongs to, or a message for each wrong field.
    pub fn parse_new(&self) -> Result<(NewAccount, Vec<i64>), FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = parse_email(&self.email).map_err(|e| errors.add("email", e.to_string()));
        let name = display_name_or_default(&self.display_name, self.email.trim())
            .map_err(|e| errors.add("display_name", e.to_string()));
        let role = self.role(&mut errors);
        let bodies = role.and_then(|role| self.bodies(role, &mut errors));
        match (email, name, role, bodies) {
            (Ok(email), Ok(display_name), Some(role), Some(bodies)) => Ok((
                NewAccount {
                    email,
                    display_name,
                    role,
                },
                bodies,
            )),
            _ => Err(errors),
        }
    }

    /// A change of name, role and bodies, or a message for each wrong field.
    pub fn parse_details(&self) -> Result<AccountDetails, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = required_text(&self.display_name, MAX_NAME_CHARS)
            .map_err(|e| errors.add("display_name", e.to_string()));
        let role = self.role(&mut errors);
        let bodies = role.and_then(|role| self.bodies(role, &mut errors));
        match (name, role, bodies) {
            (Ok(display_name), Some(role), Some(bodies)) => Ok(AccountDetails {
                display_name,
                role,
                bodies,
            }),
            _ => Err(errors),
        }
    }

    fn role(&self, errors: &mut FieldErrors) -> Option<Role> {
        super::choice(errors, "role", "Select a role", Role::parse(&self.role))
    }

    /// The bodies ticked, as the `role` takes them (see `bodies_for_role`).
    fn bodies(&self, role: Role, errors: &mut FieldErrors) -> Option<Vec<i64>> {
        let ids: Option<Vec<i64>> = self.bodies.iter().map(|b| b.trim().parse().ok()).collect();
        let Some(ids) = ids else {
            errors.add("bodies", "Choose the bodies from the list");
            return None;
        };
        bodies_for_role(role, &ids)
            .map_err(|e| errors.add("bodies", e.to_string()))
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: &str, name: &str, role: &str) -> UserForm {
        UserForm {
            email: email.into(),
            display_name: name.into(),
            role: role.into(),
            bodies: Vec::new(),
            version: String::new(),
        }
    }

    #[test]
    fn the_bodies_ticked_are_read_from_the_repeated_pairs() {
        let pairs: Vec<(String, String)> = [("role", "force"), ("bodies", "2"), ("bodies", "1")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let form = UserForm::from_pairs(&pairs);
        assert_eq!(form.bodies, vec!["2", "1"]);
        let details = UserForm {
            display_name: "Sam".into(),
            ..form
        }
        .parse_details()
        .expect("valid");
        assert_eq!(details.bodies, vec![1, 2]);
    }

    #[test]
    fn a_force_user_without_a_body_is_refused_and_an_office_user_keeps_none() {
        let errors = user("f@pcc.example", "", "force")
            .parse_new()
            .expect_err("no body");
        assert!(
            errors
                .get("bodies")
                .unwrap()
                .starts_with("Choose at least one body"),
            "{errors:?}"
        );
        let office = UserForm {
            bodies: vec!["1".into()],
            ..user("o@pcc.example", "", "office")
        };
        assert_eq!(office.parse_new().expect("valid").1, Vec::<i64>::new());
        let garbled = UserForm {
            bodies: vec!["one".into()],
            ..user("p@pcc.example", "", "panel")
        };
        let errors = garbled.parse_new().expect_err("garbled");
        assert_eq!(
            errors.get("bodies"),
            Some("Choose the bodies from the list")
        );
    }

    #[test]
    fn a_new_account_without_a_name_is_named_after_its_address() {
        let (account, _) = user(" clerk@pcc.example ", " ", "office")
            .parse_new()
            .expect("valid");
        assert_eq!(account.email, "clerk@pcc.example");
        assert_eq!(account.display_name, "clerk");
        assert_eq!(account.role, Role::Office);
    }

    #[test]
    fn a_new_account_with_a_bad_address_and_no_role_gets_two_messages() {
        let errors = user("not an address", "", "").parse_new().expect_err("bad");
        assert!(errors.get("email").is_some(), "{errors:?}");
        assert_eq!(errors.get("role"), Some("Select a role"));
    }

    #[test]
    fn a_change_of_details_needs_a_name_and_a_known_role() {
        let details = user("", " Sam ", "admin").parse_details().expect("valid");
        assert_eq!(
            details,
            AccountDetails {
                display_name: "Sam".into(),
                role: Role::Admin,
                bodies: vec![],
            }
        );
        let errors = user("", " ", "chief").parse_details().expect_err("bad");
        assert!(errors.get("display_name").is_some(), "{errors:?}");
        assert_eq!(errors.get("role"), Some("Select a role"));
    }

    #[test]
    fn a_garbled_version_never_matches_a_saved_one() {
        let mut form = user("", "", "");
        form.version = "seven".into();
        assert_eq!(form.version(), 0);
        form.version = " 3 ".into();
        assert_eq!(form.version(), 3);
    }

    fn password(current: &str, new: &str, confirm: &str) -> PasswordForm {
        PasswordForm {
            current_password: current.into(),
            new_password: new.into(),
            confirm_password: confirm.into(),
        }
    }

    const GOOD: &str = "lantern orchard velvet quarry";

    #[test]
    fn a_new_password_typed_twice_is_accepted_when_the_current_one_was_right() {
        let new = password("old secret words", GOOD, GOOD)
            .parse("a@pcc.example", true)
            .expect("valid");
        assert_eq!(new, GOOD);
    }

    #[test]
    fn the_current_password_must_be_given_and_right() {
        let errors = password("", GOOD, GOOD)
            .parse("a@pcc.example", false)
            .expect_err("missing");
        assert_eq!(
            errors.get("current_password"),
            Some("Enter your current password")
        );
        let errors = password("guess", GOOD, GOOD)
            .parse("a@pcc.example", false)
            .expect_err("wrong");
        assert_eq!(
            errors.get("current_password"),
            Some("Your current password is not correct")
        );
    }

    #[test]
    fn the_new_password_must_differ_and_be_confirmed() {
        let errors = password(GOOD, GOOD, GOOD)
            .parse("a@pcc.example", true)
            .expect_err("same");
        assert_eq!(
            errors.get("new_password"),
            Some("Choose a password different from your current one")
        );
        let errors = password("old secret words", GOOD, "something else")
            .parse("a@pcc.example", true)
            .expect_err("unconfirmed");
        assert_eq!(
            errors.get("confirm_password"),
            Some("Enter the same new password twice")
        );
    }

    #[test]
    fn sign_in_trims_the_address_and_keeps_the_return_path_on_this_site() {
        let form = SignInForm {
            email: " a@pcc.example ".into(),
            password: "x".into(),
            next: "//evil.example/".into(),
        };
        assert_eq!(form.email(), "a@pcc.example");
        assert_eq!(form.next(), "/");
    }
}
