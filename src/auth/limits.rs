//! How often the public may ask for email updates: a few sign-ups an hour from one address,
//! and a few confirmation messages a day to one mailbox, so the form cannot be used to flood
//! someone's inbox.

use std::num::NonZeroU32;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Sign-ups an hour from one client address.
pub const PER_ADDRESS_PER_HOUR: u32 = 5;
/// Confirmation messages a day to one mailbox.
pub const PER_MAILBOX_PER_DAY: u32 = 3;

pub struct SignUps {
    by_address: DefaultKeyedRateLimiter<String>,
    by_mailbox: DefaultKeyedRateLimiter<String>,
}

impl Default for SignUps {
    fn default() -> Self {
        let quota = |n: u32, period_secs: u64| {
            let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
            Quota::with_period(std::time::Duration::from_secs(period_secs) / n.get())
                .map_or_else(|| Quota::per_hour(n), |q| q.allow_burst(n))
        };
        Self {
            by_address: RateLimiter::keyed(quota(PER_ADDRESS_PER_HOUR, 3600)),
            by_mailbox: RateLimiter::keyed(quota(PER_MAILBOX_PER_DAY, 86_400)),
        }
    }
}

impl SignUps {
    /// Take one sign-up from `address`'s allowance and one from `mailbox`'s; false when
    /// either is spent.
    pub fn allow(&self, address: &str, mailbox: &str) -> bool {
        self.by_address.check_key(&address.to_string()).is_ok()
            && self.by_mailbox.check_key(&mailbox.to_lowercase()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_may_sign_up_five_times_an_hour() {
        let limits = SignUps::default();
        for n in 0..5 {
            assert!(limits.allow("192.0.2.1", &format!("person{n}@example.org")));
        }
        assert!(!limits.allow("192.0.2.1", "another@example.org"));
        assert!(limits.allow("192.0.2.2", "another@example.org"));
    }

    #[test]
    fn one_mailbox_is_sent_three_confirmations_a_day_whatever_the_address_or_case() {
        let limits = SignUps::default();
        assert!(limits.allow("192.0.2.1", "Someone@example.org"));
        assert!(limits.allow("192.0.2.2", "someone@example.org"));
        assert!(limits.allow("192.0.2.3", "SOMEONE@example.org"));
        assert!(!limits.allow("192.0.2.4", "someone@example.org"));
    }
}
