//! Where one office's open data is read from: an open-data address, a site's address (its
//! `/data/latest.json`), or a downloaded file with the site's address after `=`.

use std::path::PathBuf;

use crate::domain::inputs::parse_url;

/// One source of `scrutineer compare` or `--compare-source`, as given and as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// As given, to name it in what is shown.
    pub given: String,
    pub location: Location,
    /// The office's site address without a trailing slash: the base of every link to its
    /// pages. `None` for a file given without one (its figures are then not links).
    pub site: Option<String>,
    /// The edition the address names (`…/data/editions/N.json`): links then go to that
    /// edition's pages, which show the same figures, rather than the latest.
    pub edition: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An http(s) address of an edition's JSON.
    Address(String),
    /// A file on this computer.
    File(PathBuf),
}

impl Source {
    /// Understand a source: `https://site/data/latest.json` (or `/data/editions/N.json`),
    /// `https://site` (meaning its `/data/latest.json`), `PATH` or `PATH=https://site`.
    pub fn parse(given: &str) -> Result<Self, String> {
        let text = given.trim();
        if text.is_empty() {
            return Err("an empty source: give an address or a file".into());
        }
        let given = text.to_string();
        if is_http(text) {
            return address(given);
        }
        let (path, site) = match text.to_ascii_lowercase().find("=http") {
            Some(at) if is_http(&text[at + 1..]) => {
                (&text[..at], Some(site_address(&text[at + 1..])?))
            }
            _ => (text, None),
        };
        if path.is_empty() {
            return Err(format!("{given}: name the file before the `=`"));
        }
        Ok(Self {
            location: Location::File(PathBuf::from(path)),
            given,
            site,
            edition: None,
        })
    }

    /// The office's public page of a finding, where its figures are shown: the latest
    /// edition's (`/progress/…`), or the edition's that the address names.
    pub fn finding_page(&self, inspection_id: i64, finding_id: i64) -> Option<String> {
        let site = self.site.as_deref()?;
        Some(match self.edition {
            Some(n) => {
                format!("{site}/editions/{n}/inspections/{inspection_id}#finding-{finding_id}")
            }
            None => format!("{site}/progress/inspections/{inspection_id}#finding-{finding_id}"),
        })
    }
}

fn is_http(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

fn address(given: String) -> Result<Source, String> {
    let url = valid(&given)?;
    let (scheme, rest) = url.split_at(url.find("://").map_or(0, |i| i + 3));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let path = rest[authority_end..]
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let origin = format!("{scheme}{}", &rest[..authority_end]);
    let (site, data, edition) = if path.to_ascii_lowercase().ends_with(".json") {
        // `…/data/latest.json` or `…/data/editions/N.json`: the site is what precedes `/data/`.
        let site = match path.rfind("/data/") {
            Some(at) => format!("{origin}{}", &path[..at]),
            None => origin,
        };
        let edition = path
            .rsplit_once("/data/editions/")
            .and_then(|(_, file)| file.strip_suffix(".json"))
            .and_then(|n| n.parse::<i64>().ok());
        (site, url.clone(), edition)
    } else {
        let site = format!("{origin}{}", path.trim_end_matches('/'));
        let data = format!("{site}/data/latest.json");
        (site, data, None)
    };
    Ok(Source {
        given,
        location: Location::Address(data),
        site: Some(site),
        edition,
    })
}

/// A site's address, checked, without a trailing slash.
fn site_address(text: &str) -> Result<String, String> {
    Ok(valid(text)?.trim_end_matches('/').to_string())
}

fn valid(text: &str) -> Result<String, String> {
    match parse_url(text) {
        Ok(Some(url)) => Ok(url),
        _ => Err(format!("{text} is not a web address this can read")),
    }
}
