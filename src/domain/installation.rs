//! The ids this installation's feeds mint – Atom ids and calendar UIDs – unique to it: built
//! from `--public-url` when it is set (a name nobody else holds), else from the installation
//! id made once in the database (migration 0015). Pure.

use sha2::{Digest, Sha256};

/// Which feed a calendar event is in. The public and the private feeds describe the same
/// meeting differently, so they give it different UIDs (a UID names one event's content).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    Public,
    Private,
}

impl Feed {
    fn as_str(self) -> &'static str {
        match self {
            Feed::Public => "public",
            Feed::Private => "private",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    /// The public address's host (without port) and path, e.g. `pcc.example.org` and `progress`.
    host: Option<(String, String)>,
    id: String,
}

impl Installation {
    pub fn new(public_url: Option<&str>, installation_id: &str) -> Self {
        let host = public_url.and_then(|url| {
            let rest = url.split_once("://").map_or(url, |(_, r)| r);
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            let host = authority.rsplit('@').next().unwrap_or(authority);
            let host = host.split(':').next().unwrap_or(host).to_ascii_lowercase();
            let path = path.trim_matches('/').to_string();
            (!host.is_empty()).then_some((host, path))
        });
        Self {
            host,
            id: installation_id.to_string(),
        }
    }

    /// An Atom id for `key` (e.g. `edition/3`): a `tag:` URI (RFC 4151) under the public
    /// address, else a name-based `urn:uuid:` from the installation id.
    pub fn atom_id(&self, key: &str) -> String {
        match &self.host {
            Some((host, path)) if path.is_empty() => format!("tag:{host},2021:{key}"),
            Some((host, path)) => format!("tag:{host},2021:{path}/{key}"),
            None => format!("urn:uuid:{}", uuid_from(&format!("{}/{key}", self.id))),
        }
    }

    /// A name-based `urn:uuid:` for `key` (e.g. `finding/12`), the same in this installation
    /// whatever its public address: identifiers that outlive a move of the site.
    pub fn urn(&self, key: &str) -> String {
        format!("urn:uuid:{}", uuid_from(&format!("{}/{key}", self.id)))
    }

    /// A calendar UID for `key` (e.g. `meeting-3`) in `feed`.
    pub fn uid(&self, feed: Feed, key: &str) -> String {
        let domain = match &self.host {
            Some((host, path)) if path.is_empty() => host.clone(),
            Some((host, path)) => format!("{}.{host}", path.replace('/', ".")),
            None => format!("{}.scrutineer", self.id),
        };
        format!("{key}.{}@{domain}", feed.as_str())
    }
}

/// A version-5-shaped UUID (RFC 9562 layout, SHA-256 in place of SHA-1) naming `name`.
fn uuid_from(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_address_gives_tag_uris_and_uids_under_its_host() {
        let i = Installation::new(Some("https://Progress.Example.org:8443"), "abc");
        assert_eq!(
            i.atom_id("edition/3"),
            "tag:progress.example.org,2021:edition/3"
        );
        assert_eq!(
            i.uid(Feed::Public, "meeting-3"),
            "meeting-3.public@progress.example.org"
        );
        let with_path = Installation::new(Some("https://example.org/pcc/progress"), "abc");
        assert_eq!(
            with_path.atom_id("feed"),
            "tag:example.org,2021:pcc/progress/feed"
        );
        assert_eq!(
            with_path.uid(Feed::Private, "milestone-1"),
            "milestone-1.private@pcc.progress.example.org"
        );
    }

    #[test]
    fn without_one_two_installations_mint_different_stable_ids() {
        let a = Installation::new(None, "0123456789abcdef");
        let b = Installation::new(None, "fedcba9876543210");
        assert_ne!(a.atom_id("edition/1"), b.atom_id("edition/1"));
        assert_ne!(
            a.uid(Feed::Public, "meeting-1"),
            b.uid(Feed::Public, "meeting-1")
        );
        assert_eq!(a.atom_id("edition/1"), a.atom_id("edition/1"));
        assert_ne!(a.atom_id("edition/1"), a.atom_id("edition/2"));
        let id = a.atom_id("edition/1");
        let uuid = id.strip_prefix("urn:uuid:").expect("a urn:uuid");
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "5");
    }

    #[test]
    fn a_record_urn_is_a_stable_uuid_of_the_installation_whatever_its_address() {
        let here = Installation::new(None, "0123456789abcdef");
        let moved = Installation::new(Some("https://example.org/pcc"), "0123456789abcdef");
        let elsewhere = Installation::new(None, "fedcba9876543210");
        let urn = here.urn("finding/12");
        let uuid = urn.strip_prefix("urn:uuid:").expect("a urn:uuid");
        assert_eq!(uuid.len(), 36);
        assert_eq!(
            moved.urn("finding/12"),
            urn,
            "a new public address keeps the ids"
        );
        assert_ne!(here.urn("finding/13"), urn);
        assert_ne!(elsewhere.urn("finding/12"), urn);
        assert_eq!(here.urn("edition/1"), here.atom_id("edition/1"));
    }

    #[test]
    fn the_public_and_private_feeds_never_share_a_uid() {
        let i = Installation::new(None, "x");
        assert_ne!(
            i.uid(Feed::Public, "meeting-1"),
            i.uid(Feed::Private, "meeting-1")
        );
    }
}
