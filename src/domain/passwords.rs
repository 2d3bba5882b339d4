//! The password policy (NCSC guidance): long enough, not too long, not a common password and
//! not the account's own email address. No composition rules.

use std::collections::HashSet;
use std::sync::LazyLock;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 256;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Why a new password was refused; the message is shown beside the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Enter a new password")]
    Missing,
    #[error("Password must be 12 characters or more")]
    TooShort,
    #[error("Password must be 256 characters or fewer")]
    TooLong,
    #[error("Choose a password that is harder to guess: this one is on a list of common passwords")]
    Common,
    #[error("Password must not be your email address")]
    IsEmail,
}

/// Check a new password for the account with this email address. Characters are counted,
/// not bytes. The password is kept exactly as typed, but every rule judges it without the
/// spaces around it, the same string for each: twelve spaces and a letter are not twelve
/// characters, and " password1234 " is still a common password. The upper bound is on what
/// was typed, as that is what gets hashed.
pub fn check_new_password(password: &str, email: &str) -> Result<(), PasswordError> {
    if password.chars().count() > MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    let judged = password.trim();
    let chars = judged.chars().count();
    if chars == 0 {
        return Err(PasswordError::Missing);
    }
    if chars < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    let lower = judged.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return Err(PasswordError::Common);
    }
    if lower == email.trim().to_lowercase() {
        return Err(PasswordError::IsEmail);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "policy.officer@example.org";

    #[test]
    fn a_long_uncommon_password_is_accepted() {
        assert_eq!(check_new_password("velvet lantern orbit", EMAIL), Ok(()));
        assert_eq!(check_new_password("zq8-xk2-pl0-mw", EMAIL), Ok(()));
    }

    #[test]
    fn twelve_characters_is_enough_and_eleven_is_not() {
        assert_eq!(
            check_new_password("abcdefghijk", EMAIL),
            Err(PasswordError::TooShort)
        );
        assert_eq!(check_new_password("gbxkwmtrplqz", EMAIL), Ok(()));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // Eleven two-byte characters are 22 bytes but still too short.
        assert_eq!(
            check_new_password("ééééééééééé", EMAIL),
            Err(PasswordError::TooShort)
        );
        assert_eq!(check_new_password("éééééééééééé", EMAIL), Ok(()));
        assert_eq!(check_new_password(&"é".repeat(256), EMAIL), Ok(()));
        assert_eq!(
            check_new_password(&"é".repeat(257), EMAIL),
            Err(PasswordError::TooLong)
        );
    }

    #[test]
    fn length_and_commonness_judge_the_same_string_without_surrounding_spaces() {
        // Twelve characters only thanks to the spaces: too short, as the common check would
        // see it.
        assert_eq!(
            check_new_password("    abcdefgh", EMAIL),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_new_password("  gbxkwmtrpl  ", EMAIL),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_new_password(" password1234 ", EMAIL),
            Err(PasswordError::Common)
        );
        assert_eq!(
            check_new_password("            ", EMAIL),
            Err(PasswordError::Missing)
        );
        // Spaces inside count: they are part of the password.
        assert_eq!(check_new_password("velvet lantern", EMAIL), Ok(()));
    }

    #[test]
    fn an_empty_password_asks_for_one() {
        assert_eq!(check_new_password("", EMAIL), Err(PasswordError::Missing));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in [
            "password1234",
            "123456789012",
            "qwertyuiopas",
            "iloveyou1234",
        ] {
            assert_eq!(
                check_new_password(common, EMAIL),
                Err(PasswordError::Common)
            );
        }
        assert_eq!(
            check_new_password("PasswordPassword", EMAIL),
            Err(PasswordError::Common)
        );
    }

    #[test]
    fn the_list_of_common_passwords_is_loaded_and_all_long_enough_to_matter() {
        assert!(COMMON.len() > 300, "{}", COMMON.len());
        assert!(COMMON.iter().all(|p| p.chars().count() >= MIN_CHARS));
        assert!(COMMON.iter().all(|p| *p == p.to_lowercase()));
    }

    #[test]
    fn the_accounts_own_email_address_is_refused() {
        assert_eq!(
            check_new_password("Policy.Officer@example.org", EMAIL),
            Err(PasswordError::IsEmail)
        );
    }

    #[test]
    fn messages_read_as_gov_uk_error_messages() {
        assert_eq!(
            PasswordError::TooShort.to_string(),
            "Password must be 12 characters or more"
        );
    }
}
