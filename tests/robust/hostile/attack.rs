//! Sending the hostile values: field by field, all at once, in the query string, in the path,
//! as bodies that are too big, nearly too big or not UTF-8 at all; then walking every page.

use std::collections::{BTreeSet, VecDeque};

use fastrand::Rng;
use reqwest::StatusCode;
use scrutineer::auth::session::MAX_FORM_BYTES;
use scrutineer::domain::vocab::Role;
use scrutineer::handlers::api;

use super::discover::Target;
use super::values::{self, IMPOSSIBLE_DATES, INVENTED_NAMES, PATH_IDS, QUERY_NAMES};
use super::{Report, Sessions};
use crate::support::Reply;

fn encode(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

/// What to send: a form (the session's CSRF token is filled in when sent, after any raw bytes
/// are appended), or any bytes with any content type.
enum Body {
    None,
    Form(Vec<(String, String)>, Vec<u8>),
    Raw(String, Vec<u8>),
}

/// The session's CSRF token in place of the first `{csrf}` in a raw body (an upload's token
/// part).
const CSRF: &str = "{csrf}";

fn with_token(mut bytes: Vec<u8>, token: &str) -> Vec<u8> {
    let at = bytes.windows(CSRF.len()).position(|w| w == CSRF.as_bytes());
    if let Some(at) = at {
        bytes.splice(at..at + CSRF.len(), token.bytes());
    }
    bytes
}

/// Send one request to a target as its role, check the reply, and sign in again if the
/// request signed the browser out.
async fn send(
    sessions: &mut Sessions,
    t: &Target,
    path: &str,
    body: Body,
    what: &str,
    report: &mut Report,
) -> Option<StatusCode> {
    let browser = sessions.browser(t.role).await;
    let reply: reqwest::Result<Reply> = match body {
        Body::None => browser.get(path).await,
        Body::Form(mut fields, suffix) => {
            fields.retain(|(k, _)| k != "csrf_token");
            fields.push(("csrf_token".into(), browser.csrf.clone()));
            let mut bytes = encode(&fields).into_bytes();
            bytes.extend_from_slice(&suffix);
            browser.post_raw(path, FORM, bytes).await
        }
        Body::Raw(content_type, bytes) => {
            let bytes = with_token(bytes, &browser.csrf);
            browser.post_raw(path, &content_type, bytes).await
        }
    };
    report.check(&format!("{} {path} [{what}]", t.method), &reply);
    let signed_out = reply
        .as_ref()
        .is_ok_and(|r| r.location.starts_with("/sign-in"));
    if t.role.is_some() && (signed_out || t.pattern == "/sign-out") {
        sessions.renew(t.role);
    }
    reply.ok().map(|r| r.status)
}

/// Every path of the target with one parameter replaced by something that is not an id.
fn hostile_paths(t: &Target) -> Vec<String> {
    let pattern: Vec<&str> = t.pattern.split('/').collect();
    let real: Vec<&str> = t.path.split('/').collect();
    let mut out = Vec::new();
    for (i, segment) in pattern.iter().enumerate() {
        if segment.starts_with('{') && real.len() == pattern.len() {
            for id in PATH_IDS {
                let mut p = real.clone();
                p[i] = id;
                out.push(p.join("/"));
            }
        }
    }
    out
}

pub async fn target(
    sessions: &mut Sessions,
    t: &Target,
    rng: &mut Rng,
    rounds: usize,
    csv_header: &str,
    report: &mut Report,
) {
    if t.method == "GET" {
        get_target(sessions, t, rng, rounds, report).await;
    } else {
        post_target(sessions, t, rng, rounds, csv_header, report).await;
    }
}

async fn get_target(
    sessions: &mut Sessions,
    t: &Target,
    rng: &mut Rng,
    rounds: usize,
    report: &mut Report,
) {
    let names = t.names(QUERY_NAMES);
    for name in &names {
        let mut tries: Vec<String> = values::canonical().into_iter().take(4).collect();
        tries.extend((0..rounds).map(|_| values::value(rng)));
        for v in tries {
            let path = format!("{}?{}", t.path, encode(&[(name.clone(), v)]));
            send(sessions, t, &path, Body::None, name, report).await;
        }
    }
    let first = names.first().cloned().unwrap_or_else(|| "q".into());
    for raw in [
        format!("{first}=%FF%FE%00"),
        "%ZZ=%ZZ&%=%".to_string(),
        format!("{first}={}", "a".repeat(16_000)),
        format!("{first}=1&{first}=2&{first}[]=3"),
    ] {
        let path = format!("{}?{raw}", t.path);
        send(sessions, t, &path, Body::None, "raw query", report).await;
    }
    for path in hostile_paths(t) {
        send(sessions, t, &path, Body::None, "path id", report).await;
    }
    headers(sessions, t, report).await;
}

/// Headers a browser would never send: a forged session cookie, a hostile validator, a
/// hostile Host (the calendar page builds its feed address from it).
async fn headers(sessions: &mut Sessions, t: &Target, report: &mut Report) {
    let cookie = format!(
        "scrutineer_session=%00{}; x={}",
        values::XSS,
        "a".repeat(4000)
    );
    let odd: [(&str, &str); 4] = [
        ("cookie", &cookie),
        ("if-none-match", "\"<script>\", W/\"*\""),
        ("if-modified-since", "31 Feb 99999 25:61:61 GMT"),
        ("host", "evil.example\"><script>alert(1)</script>"),
    ];
    for (name, value) in odd {
        let browser = sessions.browser(t.role).await;
        let reply = browser.get_with(&t.path, &[(name, value)]).await;
        report.check(&format!("GET {} [{name} header]", t.path), &reply);
    }
}

const FORM: &str = "application/x-www-form-urlencoded";

/// The target's form with some fields changed.
type WithChanges<'a> = &'a dyn Fn(&[(String, String)]) -> Body;

async fn post_target(
    sessions: &mut Sessions,
    t: &Target,
    rng: &mut Rng,
    rounds: usize,
    csv_header: &str,
    report: &mut Report,
) {
    // A save moves the record on a version: keep the form's copy current so later hostile
    // values are saved too, rather than all refused as conflicts.
    let base = std::cell::RefCell::new(t.form.fields.clone());
    let with = |changes: &[(String, String)]| {
        let mut fields = base.borrow().clone();
        for (k, v) in changes {
            match fields.iter_mut().find(|(n, _)| n == k) {
                Some(f) => f.1 = v.clone(),
                None => fields.push((k.clone(), v.clone())),
            }
        }
        Body::Form(fields, Vec::new())
    };
    let saved = || {
        if let Some(v) = base.borrow_mut().iter_mut().find(|(k, _)| k == "version") {
            v.1 = (v.1.parse::<i64>().unwrap_or(0) + 1).to_string();
        }
    };
    let names = t.names(INVENTED_NAMES);
    // One field at a time, the rest as the form offers them: reaches the save.
    for name in &names {
        let mut tries = values::canonical();
        tries.extend((0..rounds).map(|_| values::value(rng)));
        for v in tries {
            let body = with(&[(name.clone(), v)]);
            if send(sessions, t, &t.path, body, name, report).await == Some(StatusCode::SEE_OTHER) {
                saved();
            }
        }
    }
    // Dates that do not exist.
    for day in names.iter().filter(|n| n.ends_with("_day")) {
        let stem = day.trim_end_matches("_day");
        for _ in 0..rounds.max(3) {
            let (d, m, y) = IMPOSSIBLE_DATES[rng.usize(..IMPOSSIBLE_DATES.len())];
            let date = [(format!("{stem}_day"), d), (format!("{stem}_month"), m)];
            let mut changes: Vec<(String, String)> =
                date.into_iter().map(|(k, v)| (k, v.to_string())).collect();
            changes.push((format!("{stem}_year"), y.to_string()));
            send(sessions, t, &t.path, with(&changes), "date", report).await;
        }
    }
    // Everything hostile at once.
    for _ in 0..rounds {
        let changes: Vec<(String, String)> = names
            .iter()
            .map(|n| (n.clone(), values::value(rng)))
            .collect();
        send(sessions, t, &t.path, with(&changes), "all", report).await;
    }
    if names.iter().any(|n| n == "csv") {
        for confirm in ["", "1"] {
            let file = values::csv(rng, csv_header);
            let changes = [("csv".into(), file), ("confirm".into(), confirm.into())];
            send(sessions, t, &t.path, with(&changes), "csv", report).await;
        }
    }
    if t.form.multipart {
        multipart(sessions, t, rng, csv_header, report).await;
    }
    sizes_and_encodings(sessions, t, &names, &with, report).await;
    for path in hostile_paths(t) {
        send(sessions, t, &path, with(&[]), "path id", report).await;
    }
}

/// Bodies just under and over the size limit, and bodies that are not UTF-8.
async fn sizes_and_encodings(
    sessions: &mut Sessions,
    t: &Target,
    names: &[String],
    with: WithChanges<'_>,
    report: &mut Report,
) {
    let field = names.first().cloned().unwrap_or_else(|| "text".into());
    // The API has a smaller limit than the pages: each route is tried against its own.
    let limit = if t.path.starts_with(api::PREFIX) {
        api::MAX_BODY_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let form_size = encode(&t.form.fields).len() + 4096;
    let room = limit.saturating_sub(form_size);
    let body = with(&[(field.clone(), "a".repeat(room))]);
    send(sessions, t, &t.path, body, "just under the limit", report).await;
    let body = with(&[(field.clone(), "a".repeat(limit + 1))]);
    let status = send(sessions, t, &t.path, body, "over the limit", report).await;
    if status.is_some_and(|s| s.is_success() || s.is_redirection()) {
        report.failures.push(format!(
            "POST {}: a body over the limit was accepted",
            t.path
        ));
    }
    let suffixed = |suffix: Vec<u8>| match with(&[]) {
        Body::Form(fields, _) => Body::Form(fields, suffix),
        other => other,
    };
    let escaped = format!("&{field}=%FF%FE%C0%80%ED%A0%80").into_bytes();
    send(
        sessions,
        t,
        &t.path,
        suffixed(escaped),
        "invalid UTF-8 escaped",
        report,
    )
    .await;
    let mut raw = format!("&{field}=").into_bytes();
    raw.extend_from_slice(&[0xff, 0xfe, 0x00, 0xc3, 0x28, b'<', 0x80]);
    send(sessions, t, &t.path, suffixed(raw), "raw bytes", report).await;
    let body = with(&[(field.clone(), "\0".repeat(64))]);
    send(sessions, t, &t.path, body, "NUL", report).await;
    let garbage = Body::Raw(FORM.into(), b"\xff\xfe=\x00&&&==&%%%".to_vec());
    send(sessions, t, &t.path, garbage, "garbage", report).await;
}

/// A file upload form: hostile CSV files, and a file that is not text.
async fn multipart(
    sessions: &mut Sessions,
    t: &Target,
    rng: &mut Rng,
    csv_header: &str,
    report: &mut Report,
) {
    let boundary = "hostile-boundary-7d3";
    let files: Vec<Vec<u8>> = vec![
        values::csv(rng, csv_header).into_bytes(),
        vec![0xff, 0xfe, 0x00, 0x01, 0x80],
        b"\"unterminated,quote\r\n".to_vec(),
    ];
    for file in files {
        for confirm in ["", "1"] {
            let mut body = Vec::new();
            for (name, content, filename) in [
                ("csrf_token", CSRF.as_bytes().to_vec(), None),
                ("file", file.clone(), Some("hostile.csv")),
                ("confirm", confirm.as_bytes().to_vec(), None),
            ] {
                body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                let disposition = match filename {
                    Some(f) => format!("form-data; name=\"{name}\"; filename=\"{f}\""),
                    None => format!("form-data; name=\"{name}\""),
                };
                body.extend_from_slice(
                    format!("Content-Disposition: {disposition}\r\n\r\n").as_bytes(),
                );
                body.extend_from_slice(&content);
                body.extend_from_slice(b"\r\n");
            }
            body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
            let kind = format!("multipart/form-data; boundary={boundary}");
            send(
                sessions,
                t,
                &t.path,
                Body::Raw(kind, body),
                "upload",
                report,
            )
            .await;
        }
    }
}

/// Every page, as every kind of visitor, after the attack: none fails, none shows raw markup.
pub async fn walk_every_page(sessions: &mut Sessions, targets: &[Target], report: &mut Report) {
    let roles = [
        None,
        Some(Role::Panel),
        Some(Role::Force),
        Some(Role::Office),
        Some(Role::Admin),
    ];
    for role in roles {
        let limit = if role == Some(Role::Admin) { 400 } else { 150 };
        let mut queue: VecDeque<String> = targets
            .iter()
            .filter(|t| t.method == "GET")
            .map(|t| t.path.clone())
            .collect();
        queue.push_front("/".into());
        let mut seen = BTreeSet::new();
        while let Some(path) = queue.pop_front() {
            if seen.len() >= limit || !seen.insert(path.clone()) {
                continue;
            }
            let reply = sessions.browser(role).await.get(&path).await;
            report.check(&format!("GET {path} as {role:?}"), &reply);
            if let Ok(r) = reply
                && r.is_html()
            {
                for link in links(&r.body) {
                    queue.push_back(link);
                }
            }
        }
    }
}

fn links(html: &str) -> Vec<String> {
    html.split(" href=\"")
        .skip(1)
        .filter_map(|p| p.split('"').next())
        .map(crate::support::unescape)
        .filter(|l| l.starts_with('/') && !l.starts_with("//") && !l.contains("sign-out"))
        .collect()
}
