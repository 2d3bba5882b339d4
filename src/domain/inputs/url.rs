//! Web links (to reports and published responses): plain http(s) with a real host.

/// The longest link accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// Why a link was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("Enter a link starting with https://")]
    Invalid,
    #[error("Link must be 2000 characters or fewer")]
    TooLong,
}

/// An optional web link: `http://` or `https://` with a host name, no spaces.
pub fn parse_url(value: &str) -> Result<Option<String>, UrlError> {
    // Only NULs go: any other control character makes the link invalid, not shorter.
    let value = value.replace('\0', "").trim().to_string();
    if value.is_empty() {
        return Ok(None);
    }
    if value.chars().count() > MAX_URL_CHARS {
        return Err(UrlError::TooLong);
    }
    let lower = value.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(UrlError::Invalid)?;
    // Browsers treat a backslash like a slash; spaces and control characters are never valid.
    if value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '<' | '>' | '"'))
    {
        return Err(UrlError::Invalid);
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if valid_host(authority) {
        Ok(Some(value))
    } else {
        Err(UrlError::Invalid)
    }
}

/// A host name or IP address with an optional port. No user name: `https://gov.uk@evil.example`
/// would mislead the reader about where the link goes.
fn valid_host(authority: &str) -> bool {
    let port_ok = |port: &str| !port.is_empty() && port.chars().all(|c| c.is_ascii_digit());
    if let Some(bracketed) = authority.strip_prefix('[') {
        let Some((ipv6, after)) = bracketed.split_once(']') else {
            return false;
        };
        let port_fine = after.is_empty() || after.strip_prefix(':').is_some_and(port_ok);
        return port_fine
            && !ipv6.is_empty()
            && ipv6
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    }
    let host = match authority.split_once(':') {
        Some((host, port)) if port_ok(port) => host,
        Some(_) => return false,
        None => authority,
    };
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// `path` if it is a path on this site, else `/`: the only places a redirect may send someone.
/// A path on this site starts with one `/` (`//host…` is another site) and is made only of
/// printable ASCII without a backslash (browsers read `/\host…` as `//host…`). So it holds no
/// space or control character: browsers drop tabs and newlines from addresses, so
/// `/%09/evil.example` would become `//evil.example`, and a newline cannot go in a `Location`
/// header at all. Addresses the site makes are percent-encoded, so they are never refused.
pub fn local_path(path: &str) -> &str {
    let on_this_site = path.starts_with('/')
        && !path[1..].starts_with('/')
        && path.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    if on_this_site { path } else { "/" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_on_this_site_are_local() {
        assert_eq!(local_path("/inspections?x=1"), "/inspections?x=1");
        assert_eq!(local_path("/"), "/");
        assert_eq!(local_path("/findings/7#updates"), "/findings/7#updates");
        assert_eq!(local_path("//evil.example/x"), "/");
        assert_eq!(local_path("/\\evil.example"), "/");
        assert_eq!(local_path("https://evil.example"), "/");
        assert_eq!(local_path("evil.example"), "/");
        assert_eq!(local_path(""), "/");
    }

    #[test]
    fn a_path_with_a_control_character_or_backslash_anywhere_is_not_local() {
        for path in [
            "/\t/evil.example",
            "/\t\t//evil.example",
            "/inspections\nSet-Cookie: x=1",
            "/inspections\r\nLocation: //evil.example",
            "/a\u{0}b",
            "/a\u{1f}b",
            "/a\u{7f}b",
            "/a\u{85}b",
            "/a\\b",
            "/a b",
            "/caf\u{e9}",
        ] {
            assert_eq!(local_path(path), "/", "{path:?}");
        }
    }

    #[test]
    fn web_links_with_a_host_are_accepted() {
        for url in [
            "https://www.justiceinspectorates.gov.uk/hmicfrs/report.pdf",
            "http://example.org",
            "HTTPS://Example.ORG/a?b=c#d",
            "https://localhost:8080/x",
            "https://[::1]:8080/",
        ] {
            assert_eq!(parse_url(url), Ok(Some(url.to_string())), "{url}");
        }
        assert_eq!(
            parse_url("  https://gov.uk  "),
            Ok(Some("https://gov.uk".to_string()))
        );
    }

    #[test]
    fn a_blank_link_is_none() {
        assert_eq!(parse_url("   "), Ok(None));
    }

    #[test]
    fn links_that_are_not_plain_web_links_are_refused() {
        for url in [
            "javascript:alert(1)",
            "ftp://example.org",
            "www.example.org",
            "https://",
            "https:///path",
            "https://exa mple.org",
            "https://example.org/a b",
            "https://gov.uk@evil.example",
            "https://example.org:",
            "https://example.org:http",
            "https://ex..ample.org",
            "https:\\\\example.org",
            "https://[::1/",
        ] {
            assert_eq!(parse_url(url), Err(UrlError::Invalid), "{url}");
        }
        assert_eq!(
            UrlError::Invalid.to_string(),
            "Enter a link starting with https://"
        );
    }

    #[test]
    fn a_link_longer_than_2000_characters_is_refused() {
        let long = format!("https://example.org/{}", "a".repeat(2000));
        assert_eq!(parse_url(&long), Err(UrlError::TooLong));
        let ok = format!("https://example.org/{}", "a".repeat(2000 - 20));
        assert_eq!(ok.len(), 2000);
        assert!(parse_url(&ok).is_ok());
    }

    #[test]
    fn a_link_with_a_space_or_a_control_character_inside_is_refused() {
        for url in [
            "https://gov.uk/a report.pdf",
            "https://gov.uk/a\u{7}b",
            "https://gov.uk/a\u{a0}b",
        ] {
            assert_eq!(parse_url(url), Err(UrlError::Invalid), "{url:?}");
        }
    }

    #[test]
    fn a_bracketed_ipv6_host_needs_an_address_and_at_most_a_numeric_port() {
        for url in ["https://[::1]/", "https://[2001:db8::1]:8443/report"] {
            assert_eq!(parse_url(url), Ok(Some(url.to_string())), "{url}");
        }
        for url in [
            "https://[]/",
            "https://[::1]x/",
            "https://[::1]:/",
            "https://[::1]:84a3/",
            "https://[::g1]/",
            "https://[::1/",
        ] {
            assert_eq!(parse_url(url), Err(UrlError::Invalid), "{url}");
        }
    }
}
