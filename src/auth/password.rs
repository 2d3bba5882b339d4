//! Password hashing with argon2id, run off the async threads.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use password_hash::rand_core::OsRng;

use crate::error::AppError;

/// Hash a password (argon2id, default parameters) on a blocking thread.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(AppError::internal)
    })
    .await
    .map_err(AppError::internal)?
}

/// Whether `password` matches `stored`; a malformed stored hash (like a demonstration
/// account's "!") never matches.
pub async fn verify(password: String, stored: String) -> Result<bool, AppError> {
    verify_account(password, Some(stored)).await
}

/// Whether `password` matches the account's `stored` hash. Without one (no such account, or
/// one that cannot sign in) or with a malformed one, the password is checked against a dummy
/// hash and never matches: the answer takes as long as for a real account, so the time taken
/// does not tell whether an address has an account.
pub async fn verify_account(password: String, stored: Option<String>) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let real = stored.as_deref().and_then(|s| PasswordHash::new(s).ok());
        let (hash, real) = match real {
            Some(hash) => (hash, true),
            None => match PasswordHash::new(dummy_hash()) {
                Ok(hash) => (hash, false),
                Err(_) => return false,
            },
        };
        let matched = Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok();
        matched && real
    })
    .await
    .map_err(AppError::internal)
}

/// A hash of a random password with the same parameters as real ones, made once.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(generate().as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

/// A readable random password for first-run and reset accounts (about 100 bits).
pub fn generate() -> String {
    use password_hash::rand_core::RngCore;
    const WORDS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| WORDS[*b as usize % WORDS.len()] as char)
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_right_password_matches_and_a_wrong_one_does_not() {
        let stored = hash("violet harbour kettle".into()).await.expect("hash");
        assert!(
            verify_account("violet harbour kettle".into(), Some(stored.clone()))
                .await
                .expect("verify")
        );
        assert!(
            !verify("violet harbour kettles".into(), stored)
                .await
                .expect("verify")
        );
    }

    #[tokio::test]
    async fn no_account_or_a_malformed_hash_never_matches() {
        assert!(!verify_account(String::new(), None).await.expect("verify"));
        assert!(
            !verify_account("x".into(), Some("!".into()))
                .await
                .expect("verify")
        );
        // The dummy is a real argon2 hash, so checking against it costs as much as a real one.
        assert!(PasswordHash::new(dummy_hash()).is_ok());
    }
}
