//! Two-step sign-in's codes: time-based one-time passwords (RFC 6238: SHA-1, six digits,
//! thirty-second steps, one step either side allowed for clock drift) from a secret shared
//! with the person's authenticator app, and one-time recovery codes for when it is lost.

use password_hash::rand_core::{OsRng, RngCore};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// How many recovery codes a person is given when they turn two-step sign-in on.
pub const RECOVERY_CODES: usize = 10;

/// The name authenticator apps show beside the code.
pub const ISSUER: &str = "Scrutineer";

/// A new random secret (160 bits, as RFC 4226 recommends), in Base32.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes).to_base32()
}

fn totp(secret: &str, account: &str) -> Option<Totp> {
    let bytes = Secret::try_from_base32(secret.trim()).ok()?;
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_step_duration(30)
        .with_skew(1)
        .with_secret(bytes)
        .with_account_name(account.replace(':', ""))
        .with_issuer(Some(ISSUER))
        .build()
        .ok()
}

/// The `otpauth://` address an authenticator app reads (typed in, or pasted).
pub fn otpauth_url(secret: &str, account: &str) -> Option<String> {
    totp(secret, account)?.to_url().ok()
}

/// The step a six-digit `code` belongs to at `unix_seconds`, if it is right for `secret`.
/// Spaces in what was typed are ignored.
pub fn check(secret: &str, code: &str, unix_seconds: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let time = u64::try_from(unix_seconds).ok()?;
    let step = totp(secret, "")?.check(&code, time)?;
    i64::try_from(step).ok()
}

/// Whether what was typed looks like a six-digit authenticator code (else it may be a
/// recovery code).
pub fn looks_like_code(typed: &str) -> bool {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Fresh recovery codes, `xxxxx-xxxxx` in lower-case hex (40 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 5];
            OsRng.fill_bytes(&mut bytes);
            let hex = hex::encode(bytes);
            format!("{}-{}", &hex[..5], &hex[5..])
        })
        .collect()
}

/// What is stored for a recovery code: the hash of its letters and digits, lower case, so
/// it may be typed with or without the dash, in either case, with spaces.
pub fn recovery_code_hash(typed: &str) -> String {
    let plain: String = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    super::sha256_hex(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 6238 appendix B's SHA-1 secret ("12345678901234567890") in Base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn the_rfc_6238_test_vectors_check_at_their_times() {
        // The RFC's eight-digit codes end in these six digits.
        for (time, code) in [
            (59, "287082"),
            (1111111109, "081804"),
            (1234567890, "005924"),
        ] {
            assert_eq!(check(RFC_SECRET, code, time), Some(time / 30), "{time}");
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let code = "287082"; // step 1 (t = 30..59)
        assert!(check(RFC_SECRET, code, 89).is_some());
        assert!(check(RFC_SECRET, code, 120).is_none());
        assert!(check(RFC_SECRET, "287 082", 59).is_some());
        for wrong in ["287083", "28708", "2870822", "abcdef", ""] {
            assert!(check(RFC_SECRET, wrong, 59).is_none(), "{wrong}");
        }
        assert!(check("not base32!", code, 59).is_none());
    }

    #[test]
    fn a_new_secret_gives_an_otpauth_address_for_the_account() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32);
        let url = otpauth_url(&secret, "office@example.test").expect("url");
        assert!(
            url.starts_with("otpauth://totp/Scrutineer:office%40example.test?"),
            "{url}"
        );
        assert!(url.contains(&format!("secret={secret}")), "{url}");
    }

    #[test]
    fn recovery_codes_are_distinct_and_hash_the_same_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let distinct: std::collections::BTreeSet<_> = codes.iter().collect();
        assert_eq!(distinct.len(), RECOVERY_CODES);
        assert_eq!(
            recovery_code_hash("ab12c-de34f"),
            recovery_code_hash(" AB12C DE34F ")
        );
        assert_ne!(
            recovery_code_hash("ab12c-de34f"),
            recovery_code_hash("ab12c-de34e")
        );
        assert!(looks_like_code("123 456"));
        assert!(!looks_like_code("ab12c-de34f"));
    }
}
