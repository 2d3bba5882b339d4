//! The API's pure rules: token secrets and lifetimes, pages of a list (an opaque cursor and a
//! limit), and the fingerprint that ties an `Idempotency-Key` to one request.

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// Every token starts so, for secret scanners and for people reading a config file.
pub const TOKEN_PREFIX: &str = "scr_";

/// The lifetimes offered when a token is made, in days; every token expires.
pub const LIFETIMES: [i64; 4] = [7, 30, 90, 365];
pub const DEFAULT_LIFETIME: i64 = 90;

/// A token's secret from an `Authorization` header: `Bearer scr_…` (the scheme in any case).
pub fn bearer(header: &str) -> Option<&str> {
    let (scheme, token) = header.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && token.starts_with(TOKEN_PREFIX)).then_some(token)
}

/// Whether a token may still be used at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenState {
    Live,
    Expired,
    Revoked,
}

impl TokenState {
    pub fn of(
        expires_at: DateTime<Utc>,
        revoked_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Self {
        match revoked_at {
            Some(_) => TokenState::Revoked,
            None if now >= expires_at => TokenState::Expired,
            None => TokenState::Live,
        }
    }
}

/// When a token made at `now` to last `days` expires; `None` for a lifetime not offered.
pub fn expiry(now: DateTime<Utc>, days: i64) -> Option<DateTime<Utc>> {
    LIFETIMES
        .contains(&days)
        .then(|| now + Duration::days(days))
}

pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 500;

/// One page of a list: the items after the cursor (in id order), at most `limit` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub after: i64,
    pub limit: i64,
}

/// A query parameter that is not what the API takes: which one, and what to send instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadParameter {
    pub name: &'static str,
    pub message: String,
}

impl PageRequest {
    /// From the `cursor` and `limit` parameters (both optional).
    pub fn parse(cursor: Option<&str>, limit: Option<&str>) -> Result<Self, BadParameter> {
        let after = match cursor.filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => c
                .parse::<i64>()
                .ok()
                .filter(|n| *n >= 0)
                .ok_or_else(|| BadParameter {
                    name: "cursor",
                    message: "Send back the cursor a previous page gave as next_cursor".into(),
                })?,
        };
        let limit = match limit.filter(|l| !l.is_empty()) {
            None => DEFAULT_LIMIT,
            Some(l) => l
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| BadParameter {
                    name: "limit",
                    message: format!("The limit must be a whole number from 1 to {MAX_LIMIT}"),
                })?,
        };
        Ok(Self { after, limit })
    }

    /// How many rows to fetch: one more than the page, to know whether there is another.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }

    /// Keep this page of `rows` (fetched with [`Self::fetch`]) and the cursor of the next
    /// page, if there is one: the id of the page's last item.
    pub fn split<T>(&self, mut rows: Vec<T>, id: impl Fn(&T) -> i64) -> (Vec<T>, Option<String>) {
        let more = rows.len() as i64 > self.limit;
        rows.truncate(self.limit as usize);
        let next = more
            .then(|| rows.last().map(|r| id(r).to_string()))
            .flatten();
        (rows, next)
    }
}

/// What one write request was: its method, path and body. The same `Idempotency-Key` sent
/// with a different request is refused rather than answered with the first one's result.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(method.as_bytes());
    hash.update(b"\n");
    hash.update(path.as_bytes());
    hash.update(b"\n");
    hash.update(body);
    hex::encode(hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 3, h, 0, 0).unwrap()
    }

    #[test]
    fn a_bearer_token_is_read_whatever_the_scheme_is_spelt() {
        assert_eq!(bearer("Bearer scr_abc"), Some("scr_abc"));
        assert_eq!(bearer("bearer  scr_abc "), Some("scr_abc"));
        assert_eq!(bearer("Basic scr_abc"), None);
        assert_eq!(bearer("Bearer abc"), None);
        assert_eq!(bearer("scr_abc"), None);
    }

    #[test]
    fn a_token_is_live_until_the_instant_it_expires_or_is_revoked() {
        assert_eq!(TokenState::of(at(10), None, at(9)), TokenState::Live);
        assert_eq!(TokenState::of(at(10), None, at(10)), TokenState::Expired);
        assert_eq!(
            TokenState::of(at(10), Some(at(8)), at(9)),
            TokenState::Revoked
        );
    }

    #[test]
    fn only_the_offered_lifetimes_are_accepted() {
        assert_eq!(expiry(at(0), 30), Some(at(0) + Duration::days(30)));
        assert_eq!(expiry(at(0), 31), None);
        assert_eq!(expiry(at(0), 0), None);
    }

    #[test]
    fn a_page_defaults_to_the_first_hundred_and_refuses_what_it_cannot_read() {
        let first = PageRequest::parse(None, None).unwrap();
        assert_eq!((first.after, first.limit), (0, DEFAULT_LIMIT));
        let next = PageRequest::parse(Some("42"), Some("500")).unwrap();
        assert_eq!((next.after, next.limit), (42, 500));
        assert_eq!(
            PageRequest::parse(Some("x"), None).unwrap_err().name,
            "cursor"
        );
        assert_eq!(
            PageRequest::parse(Some("-1"), None).unwrap_err().name,
            "cursor"
        );
        assert_eq!(
            PageRequest::parse(None, Some("0")).unwrap_err().name,
            "limit"
        );
        assert_eq!(
            PageRequest::parse(None, Some("501")).unwrap_err().name,
            "limit"
        );
    }

    #[test]
    fn a_page_names_the_next_cursor_only_when_there_are_more_rows() {
        let page = PageRequest { after: 0, limit: 2 };
        assert_eq!(page.fetch(), 3);
        let (rows, next) = page.split(vec![1, 2, 3], |r| *r);
        assert_eq!((rows, next), (vec![1, 2], Some("2".to_string())));
        let (rows, next) = page.split(vec![1, 2], |r| *r);
        assert_eq!((rows, next), (vec![1, 2], None));
    }

    #[test]
    fn the_fingerprint_differs_with_any_part_of_the_request() {
        let one = fingerprint("POST", "/api/v1/actions/1/updates", b"{}");
        assert_eq!(one, fingerprint("POST", "/api/v1/actions/1/updates", b"{}"));
        assert_ne!(one, fingerprint("POST", "/api/v1/actions/2/updates", b"{}"));
        assert_ne!(
            one,
            fingerprint("POST", "/api/v1/actions/1/updates", b"{ }")
        );
    }
}
