//! Reading other offices' published open data for the cross-force view (`scrutineer compare`
//! and `/compare`): every source at once, each within a time and a size limit, and a source
//! not read named with the reason in plain words, never dropped. The rows are
//! `domain::compare`'s.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::domain::compare::{
    self, Comparison, Edition, Location, MAX_BYTES, Read, Source, Unread,
};

/// The longest one source may take, connecting and sending its whole answer.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How long the page shows what it read before reading again.
pub const KEEP_FOR: Duration = Duration::from_secs(60);

/// Read every source at once and compare them.
pub async fn read_all(sources: &[String]) -> Comparison {
    let client = client();
    let reads =
        futures_util::future::join_all(sources.iter().map(|s| read_one(client.as_ref(), s))).await;
    let (mut read, mut unread) = (Vec::new(), Vec::new());
    for r in reads {
        match r {
            Ok(r) => read.push(r),
            Err(u) => unread.push(u),
        }
    }
    compare::compare(&read, unread)
}

type Client = hyper_util::client::legacy::Client<
    hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
    http_body_util::Empty<axum::body::Bytes>,
>;

/// A client for one round of reading: made afresh each time, so no connection outlives the
/// runtime that opened it. HTTPS checked against the system's certificates.
fn client() -> Result<Client, String> {
    // The `ring` provider (Cargo.toml says why); a second install is refused, harmlessly.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_native_roots()
        .map_err(|e| format!("could not be read: no trusted certificates on this machine ({e})"))?
        .https_or_http()
        .enable_http1()
        .build();
    Ok(
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .build(https),
    )
}

async fn read_one(client: Result<&Client, &String>, given: &str) -> Result<Read, Unread> {
    let unread = |reason: String| Unread {
        source: given.trim().to_string(),
        reason,
    };
    let source = Source::parse(given).map_err(unread)?;
    let bytes = match &source.location {
        Location::Address(url) => {
            let client = client.map_err(|e| unread(e.clone()))?;
            match tokio::time::timeout(TIMEOUT, fetch(client, url)).await {
                Ok(answer) => answer,
                Err(_) => Err(format!(
                    "did not answer within {} seconds",
                    TIMEOUT.as_secs()
                )),
            }
        }
        Location::File(path) => read_file(path).await,
    }
    .map_err(unread)?;
    let edition = Edition::read(&bytes).map_err(unread)?;
    Ok(Read { source, edition })
}

fn too_big() -> String {
    format!("is larger than {} MB", MAX_BYTES / (1024 * 1024))
}

/// The most redirects followed.
const MOST_REDIRECTS: usize = 5;

async fn fetch(client: &Client, url: &str) -> Result<Vec<u8>, String> {
    use axum::http::{Request, StatusCode, Uri, header};
    use http_body_util::BodyExt;
    let mut uri: Uri = url
        .parse()
        .map_err(|_| "is not a web address that can be read".to_string())?;
    for _ in 0..=MOST_REDIRECTS {
        let request = Request::get(uri.clone())
            .header(header::ACCEPT, "application/json")
            .header(
                header::USER_AGENT,
                concat!("scrutineer/", env!("CARGO_PKG_VERSION"), " (compare)"),
            )
            .body(http_body_util::Empty::new())
            .map_err(|_| "is not a web address that can be read".to_string())?;
        let response = client.request(request).await.map_err(|e| why(&e))?;
        let status = response.status();
        if status.is_redirection() {
            let next = response
                .headers()
                .get(header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .ok_or_else(|| format!("answered {status} without saying where to"))?;
            uri = redirected(&uri, next)?;
            continue;
        }
        if status != StatusCode::OK {
            return Err(format!("answered {status} instead of the open data"));
        }
        let body = http_body_util::Limited::new(response.into_body(), MAX_BYTES)
            .collect()
            .await
            .map_err(
                |e| match e.downcast_ref::<http_body_util::LengthLimitError>() {
                    Some(_) => too_big(),
                    None => format!("could not be read ({})", innermost(e.as_ref())),
                },
            )?;
        return Ok(body.to_bytes().to_vec());
    }
    Err("was redirected too many times".into())
}

/// Where a redirect from `from` to `location` (absolute, or a path on the same site) leads.
fn redirected(from: &axum::http::Uri, location: &str) -> Result<axum::http::Uri, String> {
    let bad = || "was redirected to an address that cannot be read".to_string();
    let to: axum::http::Uri = location.parse().map_err(|_| bad())?;
    if to.scheme().is_some() {
        return Ok(to);
    }
    let mut parts = from.clone().into_parts();
    parts.path_and_query = to.path_and_query().cloned();
    axum::http::Uri::from_parts(parts).map_err(|_| bad())
}

async fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    let cannot = |e: std::io::Error| format!("cannot be read as a file ({e})");
    let meta = tokio::fs::metadata(path).await.map_err(cannot)?;
    if meta.len() > MAX_BYTES as u64 {
        return Err(too_big());
    }
    tokio::fs::read(path).await.map_err(cannot)
}

/// Why a request failed, in plain words: the kind of failure and its first cause.
fn why(e: &hyper_util::client::legacy::Error) -> String {
    if e.is_connect() {
        return format!("could not connect ({})", innermost(e));
    }
    format!("could not be read ({})", innermost(e))
}

/// The deepest cause, which names what went wrong ("Connection refused", a certificate
/// problem), rather than the client's outer "client error (Connect)".
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        match io.kind() {
            std::io::ErrorKind::ConnectionRefused => return "connection refused".into(),
            std::io::ErrorKind::ConnectionReset => return "connection reset".into(),
            _ => {}
        }
    }
    cause.to_string()
}

/// A comparison, when it was read (for its age) and at what time (to show).
type Kept = (Instant, chrono::DateTime<chrono::Utc>, Arc<Comparison>);

/// What the page read last, kept for [`KEEP_FOR`] so that every visit does not read every
/// office's open data again; one visit reads while the others wait for its answer.
#[derive(Default)]
pub struct Cache {
    last: tokio::sync::Mutex<Option<Kept>>,
}

impl Cache {
    /// The comparison of `sources`, and when it was read.
    pub async fn get(
        &self,
        sources: &[String],
        now: chrono::DateTime<chrono::Utc>,
    ) -> (Arc<Comparison>, chrono::DateTime<chrono::Utc>) {
        let mut last = self.last.lock().await;
        if let Some((at, read_at, c)) = last.as_ref()
            && at.elapsed() < KEEP_FOR
        {
            return (c.clone(), *read_at);
        }
        let c = Arc::new(read_all(sources).await);
        *last = Some((Instant::now(), now, c.clone()));
        (c, now)
    }
}

/// `scrutineer compare SOURCE... [--csv]`: the tables (or the CSV) on standard output, the
/// sources not read on standard error too when writing a CSV, so the CSV stays whole. Fails
/// when no source could be read.
pub async fn command(sources: &[String], csv: bool) -> anyhow::Result<()> {
    let c = read_all(sources).await;
    if csv {
        for u in &c.unread {
            eprintln!("Not read: {} – {}", u.source, u.reason);
        }
        print!("{}", compare::csv(&c));
    } else {
        print!("{}", compare::text(&c));
    }
    anyhow::ensure!(!c.offices.is_empty(), "none of the sources could be read");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_file_source_of_up_to_50_mb_is_read_and_a_larger_one_is_not() {
        let dir = tempfile::tempdir().expect("a directory");
        let file = |name: &str, len: u64| {
            let path = dir.path().join(name);
            std::fs::File::create(&path)
                .and_then(|f| f.set_len(len))
                .expect("a file of that length");
            path
        };
        let fifty = 50 * 1024 * 1024;
        let read = read_file(&file("fifty.json", fifty)).await;
        assert_eq!(read.map(|b| b.len() as u64), Ok(fifty));
        let more = read_file(&file("more.json", fifty + 1)).await;
        assert_eq!(more, Err("is larger than 50 MB".to_string()));
    }
}
