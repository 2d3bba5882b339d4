//! `scrutineer export-site DIR`: the public site as files at the same addresses, for any static
//! web server or CDN. Each page is asked of the application itself – in-process, anonymous,
//! as a visitor would ask – so every file holds exactly the bytes the server would send.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use anyhow::Context;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;

use crate::auth::Access;
use crate::domain::edition::content_hash_bytes;
use crate::{AppState, db, routes};

/// The file that marks a folder as an export: one line per address, with the SHA-256 and size
/// of the bytes written for it.
pub const MANIFEST: &str = ".scrutineer-export";
const HEADING: &str = "# scrutineer export-site: address, SHA-256 and bytes of each file\n";

/// Public addresses that are not part of the static site: signing in, email sign-ups (served
/// by the application: a static host passes them on), a person's private calendar, the health
/// check, the token API, and the compare form's redirect (a query string).
pub const NOT_EXPORTED: [&str; 7] = [
    "/sign-in",
    "/subscribe",
    "/subscriptions",
    "/calendar",
    "/healthz",
    "/api/v1",
    "/editions/compare",
];

/// The not-found page, asked for at an address nothing has, is written here (not an address
/// of the site: the web server answers it with status 404).
pub const NOT_FOUND_FILE: &str = "404.html";
const NOT_FOUND_PROBE: &str = "/not-found";

/// One exported address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub url: String,
    pub sha256: String,
    pub bytes: u64,
}

/// What an export wrote, and the addresses it was linked to that answered nothing to keep.
#[derive(Debug, Default)]
pub struct Export {
    pub entries: Vec<Entry>,
    pub skipped: BTreeMap<String, StatusCode>,
}

impl Export {
    pub fn bytes(&self) -> u64 {
        self.entries.iter().map(|e| e.bytes).sum()
    }
}

/// Export the public site into `dir`: written into a folder beside it, then put in its place,
/// so a half-written export never replaces a good one. Refuses a `dir` that exists and is
/// neither empty nor an earlier export.
pub async fn site(state: AppState, dir: &Path) -> anyhow::Result<Export> {
    check_target(dir)?;
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .context("name the folder to export into, e.g. scrutineer export-site site")?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
    let parent = parent.unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = parent.join(format!(".{name}.exporting-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let export = match crawl(state, &staging).await {
        Ok(export) => export,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    if dir.exists() {
        let old = parent.join(format!(".{name}.replaced-{}", std::process::id()));
        std::fs::rename(dir, &old).with_context(|| format!("cannot move {}", dir.display()))?;
        std::fs::rename(&staging, dir)?;
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(&staging, dir)?;
    }
    Ok(export)
}

fn check_target(dir: &Path) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    let empty = dir.is_dir() && std::fs::read_dir(dir)?.next().is_none();
    if empty || manifest(dir).is_some() {
        return Ok(());
    }
    anyhow::bail!(
        "{} exists and is not an earlier export (it has no {MANIFEST}); choose a new folder, \
         or remove it first",
        dir.display()
    )
}

/// The addresses an export in `dir` holds, from its manifest; `None` when `dir` is not one.
pub fn manifest(dir: &Path) -> Option<Vec<Entry>> {
    let text = std::fs::read_to_string(dir.join(MANIFEST)).ok()?;
    let body = text.strip_prefix(HEADING)?;
    body.lines()
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let (url, sha256, bytes) = (parts.next()?, parts.next()?, parts.next()?);
            Some(Entry {
                url: url.to_string(),
                sha256: sha256.to_string(),
                bytes: bytes.parse().ok()?,
            })
        })
        .collect()
}

/// Every address to start from: each public page without a placeholder, and each edition's
/// pages, data files and the changes from every earlier edition (the compare form offers any
/// pair). Inspections and bodies are found by following links.
async fn starting_points(state: &AppState) -> anyhow::Result<Vec<String>> {
    let mut urls: Vec<String> = routes::table()
        .into_iter()
        .filter(|r| r.method == Method::GET && r.access == Access::Public)
        .filter(|r| !r.path.contains('{'))
        .map(|r| r.path.to_string())
        .collect();
    let numbers: Vec<i64> = db::editions::list(&state.db)
        .await?
        .iter()
        .map(|e| e.number)
        .collect();
    for &n in &numbers {
        urls.push(format!("/editions/{n}"));
        urls.push(format!("/data/editions/{n}.json"));
        urls.push(format!("/data/editions/{n}.csv"));
        for a in numbers.iter().filter(|&&a| a < n) {
            urls.push(format!("/editions/{a}/changes/{n}"));
        }
    }
    Ok(urls)
}

/// Whether `url` belongs in the static site: a public page, not one of [`NOT_EXPORTED`].
pub fn exported(rules: &crate::domain::access::Rules, url: &str) -> bool {
    let excluded = NOT_EXPORTED.iter().any(|p| {
        url.strip_prefix(p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    !excluded && file_for(url).is_some() && rules.may_open(None, url)
}

/// Ask for every public address, following the links on each page, and write each one that
/// answers 200 into `root`, with the manifest last.
async fn crawl(state: AppState, root: &Path) -> anyhow::Result<Export> {
    let rules = routes::rules();
    let mut queue: VecDeque<String> = starting_points(&state).await?.into();
    let router = crate::app(state);
    let mut seen = BTreeSet::new();
    let mut export = Export::default();
    std::fs::create_dir_all(root).with_context(|| format!("cannot create {}", root.display()))?;
    while let Some(url) = queue.pop_front() {
        if !exported(&rules, &url) || !seen.insert(url.clone()) {
            continue;
        }
        let request = Request::get(url.as_str()).body(Body::empty())?;
        let response = router.clone().oneshot(request).await?;
        let status = response.status();
        if status.is_server_error() {
            anyhow::bail!("{url} answered {status}; nothing was exported");
        }
        if status != StatusCode::OK {
            export.skipped.insert(url, status);
            continue;
        }
        let html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        if html {
            queue.extend(links(&String::from_utf8_lossy(&bytes)));
        }
        let file = root.join(file_for(&url).context("checked by `exported`")?);
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(&file, &bytes)
            .with_context(|| format!("cannot write {}", file.display()))?;
        export.entries.push(Entry {
            sha256: content_hash_bytes(&bytes),
            bytes: bytes.len() as u64,
            url,
        });
    }
    // The page for an address that is not there, for the web server's 404 answers.
    let request = Request::get(NOT_FOUND_PROBE).body(Body::empty())?;
    let response = router.oneshot(request).await?;
    if response.status() == StatusCode::NOT_FOUND {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
        std::fs::write(root.join(NOT_FOUND_FILE), &bytes)?;
    }
    export.entries.sort_by(|a, b| a.url.cmp(&b.url));
    let mut text = HEADING.to_string();
    for e in &export.entries {
        text.push_str(&format!("{} {} {}\n", e.url, e.sha256, e.bytes));
    }
    std::fs::write(root.join(MANIFEST), text)?;
    Ok(export)
}

/// The file, relative to the export's folder, that serves `url`: an address whose last
/// segment has an extension is that file (`/data/latest.json`); any other is a folder's
/// `index.html` (`/editions/3` → `editions/3/index.html`). `None` for an address no file can
/// stand for: a query string, a fragment, a trailing slash, or an unusual segment.
pub fn file_for(url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix('/')?;
    if path.is_empty() {
        return Some(PathBuf::from("index.html"));
    }
    let segments: Vec<&str> = path.split('/').collect();
    let plain = |s: &&str| {
        !s.is_empty()
            && !s.starts_with('.')
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
    };
    if !segments.iter().all(plain) {
        return None;
    }
    let mut file: PathBuf = segments.iter().collect();
    if !segments.last()?.contains('.') {
        file.push("index.html");
    }
    Some(file)
}

/// The same-site addresses a page links to (`href` and `src`), without fragments.
pub fn links(html: &str) -> Vec<String> {
    [" href=\"", " src=\""]
        .iter()
        .flat_map(|attribute| html.split(attribute).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .filter(|t| t.starts_with('/') && !t.starts_with("//"))
        .map(|t| t.split('#').next().unwrap_or(t).replace("&amp;", "&"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_with_an_extension_is_that_file_and_any_other_a_folder_index() {
        let file = |url| file_for(url).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(file("/").as_deref(), Some("index.html"));
        assert_eq!(
            file("/editions/3").as_deref(),
            Some("editions/3/index.html")
        );
        assert_eq!(
            file("/editions/1/changes/2").as_deref(),
            Some("editions/1/changes/2/index.html")
        );
        assert_eq!(
            file("/data/latest.json").as_deref(),
            Some("data/latest.json")
        );
        assert_eq!(file("/robots.txt").as_deref(), Some("robots.txt"));
        assert_eq!(file("/static/app.css").as_deref(), Some("static/app.css"));
    }

    #[test]
    fn no_file_stands_for_a_query_a_trailing_slash_or_a_way_out_of_the_folder() {
        for url in [
            "/editions/compare?from=1&to=2",
            "/editions/",
            "//example.org/x",
            "/static/../secret",
            "/./x",
            "/.scrutineer-export",
            "/a b",
            "/about#x",
            "about",
            "",
        ] {
            assert_eq!(file_for(url), None, "{url}");
        }
    }

    #[test]
    fn links_are_the_same_site_targets_of_href_and_src_without_fragments() {
        let html = r#"<a href="/about#check">x</a> <a href="https://example.org/">y</a>
            <link rel="icon" href="/static/favicon.svg"><script src="/static/app.js"></script>
            <a href="//cdn.example/z">z</a> <a href="/editions/compare?from=1&amp;to=2">c</a>"#;
        assert_eq!(
            links(html),
            [
                "/about",
                "/static/favicon.svg",
                "/editions/compare?from=1&to=2",
                "/static/app.js"
            ]
        );
    }

    #[test]
    fn the_compare_form_and_signing_in_are_left_to_the_application() {
        let rules = routes::rules();
        assert!(exported(&rules, "/editions/2"));
        assert!(exported(&rules, "/data/latest.csv"));
        assert!(exported(&rules, "/api"));
        for url in [
            "/sign-in",
            "/calendar/abc",
            "/healthz",
            "/api/v1/findings",
            "/editions/compare",
            "/editions/compare?from=1&to=2",
            "/dashboard",
            "/findings/1",
            "/admin/users",
        ] {
            assert!(!exported(&rules, url), "{url}");
        }
    }
}
