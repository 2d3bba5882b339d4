//! Where people reach this site, from start-up settings only: `--public-url`, or else the
//! address it listens on. Never a request's `Host` header, which whoever sends the request
//! chooses (a DNS rebinding page sends its own name). It gives the base of absolute links and
//! the origins a form may be sent from.

use std::net::{IpAddr, SocketAddr};

/// The configured address: `public_url` (no trailing slash) wins over `bind`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteAddress {
    pub public_url: Option<String>,
    pub bind: Option<SocketAddr>,
    /// Served over HTTPS (behind a proxy): the scheme of links made from `bind`.
    pub https: bool,
}

impl SiteAddress {
    /// The base of absolute links, without a trailing slash.
    pub fn base_url(&self) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        let scheme = if self.https { "https" } else { "http" };
        match self.bind {
            // Listening on every interface says nothing of the name people use.
            Some(bind) if bind.ip().is_unspecified() => {
                format!("{scheme}://localhost:{}", bind.port())
            }
            Some(bind) => format!("{scheme}://{bind}"),
            None => format!("{scheme}://localhost"),
        }
    }

    /// Whether an `Origin` header names this site. With `--public-url`, only its origin; else
    /// the listening address (on a loopback address, also `localhost` and the other loopback
    /// names; on every interface, any name at that port); with neither known (in-process
    /// tests), this machine only.
    pub fn is_own_origin(&self, origin: &str) -> bool {
        let Some((scheme, host, port)) = split_origin(origin) else {
            return false;
        };
        if let Some(url) = &self.public_url {
            return split_origin(url) == Some((scheme, host, port));
        }
        match self.bind {
            Some(bind) if port != bind.port() => false,
            Some(bind) if bind.ip().is_unspecified() => true,
            Some(bind) if bind.ip().is_loopback() => is_loopback(&host),
            Some(bind) => host_ip(&host) == Some(bind.ip()),
            None => is_loopback(&host),
        }
    }
}

/// `scheme://host[:port]` as (scheme, host, port), lowercased, the port filled in from the
/// scheme; `None` for anything else (`null`, a path, a user name).
fn split_origin(origin: &str) -> Option<(String, String, u16)> {
    let lower = origin.trim_end_matches('/').to_ascii_lowercase();
    let (scheme, authority) = lower.split_once("://")?;
    let default_port = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    if authority.is_empty() || authority.contains(['/', '@', '?', '#']) {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(':') && !port.contains(']') => {
            (host, port.parse().ok()?)
        }
        _ => (authority, default_port),
    };
    Some((scheme.to_string(), host.to_string(), port))
}

fn host_ip(host: &str) -> Option<IpAddr> {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .ok()
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host_ip(host).is_some_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(url: &str) -> SiteAddress {
        SiteAddress {
            public_url: Some(url.into()),
            ..SiteAddress::default()
        }
    }

    fn bound(bind: &str) -> SiteAddress {
        SiteAddress {
            bind: Some(bind.parse().expect("address")),
            ..SiteAddress::default()
        }
    }

    #[test]
    fn links_start_from_the_public_address_or_else_the_listening_one() {
        assert_eq!(
            public("https://progress.example.org").base_url(),
            "https://progress.example.org"
        );
        assert_eq!(bound("127.0.0.1:3000").base_url(), "http://127.0.0.1:3000");
        assert_eq!(bound("[::1]:3000").base_url(), "http://[::1]:3000");
        assert_eq!(bound("0.0.0.0:8080").base_url(), "http://localhost:8080");
        assert_eq!(SiteAddress::default().base_url(), "http://localhost");
    }

    #[test]
    fn with_a_public_address_only_its_origin_may_send_forms() {
        let site = public("https://progress.example.org");
        assert!(site.is_own_origin("https://progress.example.org"));
        assert!(site.is_own_origin("https://Progress.Example.org:443"));
        for other in [
            "http://progress.example.org",
            "https://progress.example.org:8443",
            "https://evil.example",
            "https://progress.example.org.evil.example",
            "null",
            "",
        ] {
            assert!(!site.is_own_origin(other), "{other}");
        }
    }

    #[test]
    fn without_one_the_listening_address_decides() {
        let site = bound("127.0.0.1:3000");
        assert!(site.is_own_origin("http://127.0.0.1:3000"));
        assert!(site.is_own_origin("http://localhost:3000"));
        assert!(site.is_own_origin("http://[::1]:3000"));
        // A DNS rebinding page keeps its own name in Origin.
        assert!(!site.is_own_origin("http://evil.example:3000"));
        assert!(!site.is_own_origin("http://127.0.0.1:3001"));
        let site = bound("192.0.2.10:80");
        assert!(site.is_own_origin("http://192.0.2.10"));
        assert!(!site.is_own_origin("http://localhost"));
        let everywhere = bound("0.0.0.0:8080");
        assert!(everywhere.is_own_origin("http://scrutineer.internal:8080"));
        assert!(!everywhere.is_own_origin("http://scrutineer.internal:9090"));
    }

    #[test]
    fn with_nothing_configured_only_this_machine_may_send_forms() {
        let site = SiteAddress::default();
        assert!(site.is_own_origin("http://127.0.0.1:41234"));
        assert!(site.is_own_origin("http://localhost:3000"));
        assert!(!site.is_own_origin("https://evil.example"));
    }
}
