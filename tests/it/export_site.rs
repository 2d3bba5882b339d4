//! The static public site: `export-site` writes every public address as a file, and nginx –
//! configured exactly as the README says – answers each with the application's bytes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode, header};
use scrutineer::auth::Access;
use scrutineer::domain::vocab::Role;
use scrutineer::routes;
use scrutineer::startup::export::{self, MANIFEST, NOT_EXPORTED, NOT_FOUND_FILE};

use crate::helpers::TestApp;

/// The example data with two more editions, so there are changes between consecutive and
/// between distant editions.
async fn three_editions() -> TestApp {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Office).await;
    app.approve_update_summary(22).await;
    // The Commissioner's section 55 response to the example report, released to the public.
    let s55: i64 = sqlx::query_scalar("select id from response_rules where key = 'section_55'")
        .fetch_one(&app.state.db)
        .await
        .expect("the section 55 rule");
    app.post_form(
        &format!("/inspections/1/clocks/{s55}/document/release"),
        &[],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // The signed response letter as a file, released with the report.
    let letter = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
    app.post_files(
        "/inspections/1/evidence",
        &[],
        &[("response letter.pdf", letter)],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let file = app.count("select max(id) from evidence_files").await;
    app.post_form(&format!("/evidence/{file}/release"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    for (note, n) in [("Second edition", 2), ("Third edition", 3)] {
        app.post_form("/publishing/editions", &[("note", note)])
            .await
            .assert_redirect_to(&format!("/editions/{n}"));
    }
    app.forget_session();
    app
}

/// The README's nginx server block, word for word.
fn readme_server_block() -> String {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("### Publish as a static site")
        .nth(1)
        .expect("the README's static site section");
    let block = section.split("```nginx\n").nth(1).expect("an nginx block");
    block.split("```").next().expect("its end").to_string()
}

/// nginx serving `site` with the README's server block, killed when dropped.
struct Nginx {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Nginx {
    fn start(binary: &Path, site: &Path) -> Nginx {
        let dir = tempfile::tempdir().expect("nginx dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let block = readme_server_block();
        assert!(block.contains("listen 80;") && block.contains("root /srv/scrutineer/site;"));
        let block = block
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("/srv/scrutineer/site", &site.display().to_string());
        let d = dir.path().display();
        let conf = format!(
            "daemon off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\nevents {{}}\nhttp {{\n\
             access_log off;\nclient_body_temp_path {d}/tmp;\nproxy_temp_path {d}/tmp;\n\
             fastcgi_temp_path {d}/tmp;\nuwsgi_temp_path {d}/tmp;\nscgi_temp_path {d}/tmp;\n\
             {block}}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).expect("write nginx.conf");
        let mut child = Command::new(binary)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(dir.path().join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nginx");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(dir.path().join("error.log"));
                panic!("nginx stopped ({status}): {}", log.unwrap_or_default());
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "nginx did not start"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx {
            child,
            port,
            _dir: dir,
        }
    }
}

/// nginx, installed by .ci/run, where this test must run; elsewhere it says so and stops.
fn nginx_binary() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but nginx is not installed"
        );
        eprintln!("nginx not installed: the static site was not served");
    }
    found
}

/// Whether a route pattern (`/editions/{n}`) stands for an address.
fn matches(pattern: &str, url: &str) -> bool {
    let (p, u): (Vec<_>, Vec<_>) = (pattern.split('/').collect(), url.split('/').collect());
    p.len() == u.len() && p.iter().zip(&u).all(|(p, u)| p.starts_with('{') || p == u)
}

#[tokio::test]
async fn nginx_serves_every_public_address_of_the_export_with_the_applications_bytes() {
    let mut app = three_editions().await;
    let out = tempfile::tempdir().expect("dir");
    let site = out.path().join("site");
    let started = Instant::now();
    let done = export::site(app.state.clone(), &site)
        .await
        .expect("export");
    let size: u64 = done.bytes();
    eprintln!(
        "exported {} addresses, {size} bytes, in {:?}",
        done.entries.len(),
        started.elapsed()
    );
    assert!(done.skipped.is_empty(), "{:?}", done.skipped);
    let entries = export::manifest(&site).expect("a manifest");
    assert_eq!(entries, done.entries);
    let urls: BTreeSet<&str> = entries.iter().map(|e| e.url.as_str()).collect();

    // Every public page of the route table is there, in every edition, and nothing internal.
    for route in routes::table() {
        if route.method != Method::GET || route.access != Access::Public {
            continue;
        }
        let left_out = NOT_EXPORTED
            .iter()
            .any(|p| route.path == *p || route.path.starts_with(&format!("{p}/")));
        let found = urls.iter().any(|u| matches(route.path, u));
        assert_eq!(found, !left_out, "{} in the export", route.path);
    }
    for url in [
        "/",
        "/editions/1",
        "/editions/3",
        "/editions/1/changes/2",
        "/editions/2/changes/3",
        "/editions/1/changes/3",
        "/editions/1/inspections/1",
        "/data/editions/2.csv",
        "/data/latest.json",
        "/feeds/editions.atom",
        "/feeds/public.ics",
    ] {
        assert!(urls.contains(url), "{url} not exported");
    }
    let rules = routes::rules();
    for url in &urls {
        assert!(
            export::exported(&rules, url),
            "{url} should not be exported"
        );
        assert!(rules.may_open(None, url), "{url} is not public");
    }

    // Each file is its address's, and every same-site link on a page is in the export (or
    // is one the application keeps: signing in, the compare form).
    let mut files = BTreeSet::new();
    for entry in &entries {
        let file = export::file_for(&entry.url).expect("a file");
        let bytes = std::fs::read(site.join(&file)).expect("exported file");
        assert_eq!(bytes.len() as u64, entry.bytes, "{}", entry.url);
        let page = file.ends_with("index.html");
        files.insert(file);
        if !page {
            continue;
        }
        for link in export::links(&String::from_utf8_lossy(&bytes)) {
            let kept = urls.contains(link.as_str()) || !export::exported(&rules, &link);
            assert!(kept, "{} links to {link}, not exported", entry.url);
        }
    }
    let written = walk(&site);
    let expected: BTreeSet<PathBuf> = files
        .into_iter()
        .chain([MANIFEST, NOT_FOUND_FILE].map(PathBuf::from))
        .collect();
    assert_eq!(written, expected, "files besides the manifest's");

    let Some(binary) = nginx_binary() else {
        return;
    };
    let nginx = Nginx::start(&binary, &site);
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let base = format!("http://127.0.0.1:{}", nginx.port);
    for entry in &entries {
        let url = &entry.url;
        let live = app.get(url).await;
        assert_eq!(live.status, StatusCode::OK, "{url}");
        let served = client.get(format!("{base}{url}")).send().await.expect(url);
        assert_eq!(served.status().as_u16(), 200, "nginx: {url}");
        let served_type = content_type(served.headers());
        let bytes = served.bytes().await.expect("body");
        assert!(
            bytes == live.body.as_bytes(),
            "nginx's bytes differ at {url}"
        );
        assert_eq!(
            scrutineer::domain::edition::content_hash_bytes(&bytes),
            entry.sha256
        );
        let live_type = content_type(&live.headers);
        let both_json = live_type.ends_with("json") && served_type == "application/json";
        assert!(
            served_type == live_type || both_json,
            "{url}: nginx says {served_type}, the application {live_type}"
        );
    }
    for (url, expected) in [
        ("/", "text/html; charset=utf-8"),
        ("/editions/1/changes/3", "text/html; charset=utf-8"),
        ("/data/latest.json", "application/json"),
        ("/data/editions/1.csv", "text/csv; charset=utf-8"),
        (
            "/feeds/editions.atom",
            "application/atom+xml; charset=utf-8",
        ),
        ("/feeds/public.ics", "text/calendar; charset=utf-8"),
    ] {
        let served = client.get(format!("{base}{url}")).send().await.expect(url);
        assert_eq!(content_type(served.headers()), expected, "{url}");
    }

    // The compare form redirects as the application does; a missing page is its 404 page.
    let compare = "/editions/compare?from=1&to=3";
    let live = app.get(compare).await;
    let served = client
        .get(format!("{base}{compare}"))
        .send()
        .await
        .expect("compare");
    assert_eq!(served.status().as_u16(), live.status.as_u16());
    let location = |h: &reqwest::header::HeaderMap| h.get("location").cloned();
    assert_eq!(
        location(served.headers()).expect("a redirect").as_bytes(),
        live.location().as_bytes()
    );
    let missing = "/editions/9/inspections/1";
    let live = app.get(missing).await;
    assert_eq!(live.status, StatusCode::NOT_FOUND);
    let served = client
        .get(format!("{base}{missing}"))
        .send()
        .await
        .expect("404");
    assert_eq!(served.status().as_u16(), 404);
    assert!(served.bytes().await.expect("body") == live.body.as_bytes());
}

fn content_type(headers: &reqwest::header::HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE.as_str())
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Every file under `root`, relative to it.
fn walk(root: &Path) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.insert(path.strip_prefix(root).expect("inside").to_path_buf());
            }
        }
    }
    files
}

#[tokio::test]
async fn a_new_export_replaces_an_earlier_one_whole_and_leaves_nothing_beside_it() {
    let app = TestApp::seeded().await;
    let out = tempfile::tempdir().expect("dir");
    let site = out.path().join("site");
    export::site(app.state.clone(), &site).await.expect("first");
    std::fs::write(site.join("stale.html"), "left over").expect("write");
    let again = export::site(app.state.clone(), &site)
        .await
        .expect("second");
    assert!(!site.join("stale.html").exists());
    assert_eq!(export::manifest(&site), Some(again.entries));
    let beside: Vec<_> = std::fs::read_dir(out.path())
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(beside, ["site"]);
}

#[tokio::test]
async fn exporting_into_a_folder_that_is_not_an_export_is_refused_and_changes_nothing() {
    let app = TestApp::seeded().await;
    let out = tempfile::tempdir().expect("dir");
    std::fs::write(out.path().join("notes.txt"), "mine").expect("write");
    let error = export::site(app.state.clone(), out.path())
        .await
        .expect_err("refused");
    assert!(
        error.to_string().contains("is not an earlier export"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("notes.txt")).expect("still there"),
        "mine"
    );
    assert!(!out.path().join(MANIFEST).exists());
}

#[test]
fn the_command_exports_the_example_data_and_refuses_a_folder_that_is_not_an_export() {
    let dir = tempfile::tempdir().expect("dir");
    let database = dir.path().join("scrutineer.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_scrutineer"))
            .arg("--database")
            .arg(&database)
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("run scrutineer")
    };
    assert!(run(&["seed"]).status.success());
    let done = run(&["export-site", "site"]);
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(done.status.success(), "{said}");
    assert!(said.contains("public addresses"), "{said}");
    assert!(export::manifest(&dir.path().join("site")).is_some());
    std::fs::create_dir(dir.path().join("mine")).expect("dir");
    std::fs::write(dir.path().join("mine/notes.txt"), "mine").expect("write");
    let refused = run(&["export-site", "mine"]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("is not an earlier export"), "{said}");
}
