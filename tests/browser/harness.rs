//! chromedriver as a child process, one browser session, and what a person does with it.

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::server::PASSWORD;

/// Where the browser and its driver are, if this machine has them.
pub struct Tools {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(env) {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let paths = std::env::var_os("PATH").unwrap_or_default();
    names.iter().find_map(|name| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

impl Tools {
    pub fn find() -> Option<Self> {
        Some(Self {
            chromium: find_program(
                "CHROMIUM",
                &["chromium", "chromium-browser", "google-chrome"],
            )?,
            chromedriver: find_program("CHROMEDRIVER", &["chromedriver"])?,
        })
    }
}

/// The checkers installed by `npm ci --prefix tests/browser`, and Java to run vnu.jar.
pub struct Checkers {
    pub axe_source: String,
    pub vnu_jar: PathBuf,
}

impl Checkers {
    pub fn find() -> Option<Self> {
        let modules = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules");
        let axe_source = std::fs::read_to_string(modules.join("axe-core/axe.min.js")).ok()?;
        let vnu_jar = modules.join("vnu-jar/build/dist/vnu.jar");
        vnu_jar.is_file().then_some(Self {
            axe_source,
            vnu_jar,
        })
    }
}

/// chromedriver and the browser session it runs; killed when dropped.
pub struct Browser {
    pub client: Client,
    pub base: String,
    /// chromedriver's address, for the Chrome DevTools commands WebDriver lacks.
    pub driver_url: String,
    driver: Child,
    _profile: TempDir,
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port()
}

impl Browser {
    pub async fn start(tools: &Tools, base: &str) -> Self {
        let port = free_port();
        let driver = Command::new(&tools.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = tempfile::tempdir().expect("profile dir");
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1280,900",
        ]
        .iter()
        .map(|a| a.to_string())
        .chain([format!("--user-data-dir={}", profile.path().display())])
        .collect::<Vec<_>>();
        let caps = json!({
            "goog:chromeOptions": { "binary": tools.chromium, "args": args },
        });
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.as_object().expect("object").clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("start a browser session");
        Self {
            client,
            base: base.to_string(),
            driver_url: format!("http://127.0.0.1:{port}"),
            driver,
            _profile: profile,
        }
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    pub async fn js_async(&self, script: &str) -> Value {
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// The visible text of the page.
    pub async fn text(&self) -> String {
        self.js("return document.body.innerText;")
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    #[track_caller]
    pub fn assert_text(text: &str, expected: &str) {
        assert!(
            text.contains(expected),
            "expected {expected:?} on the page:\n{text}"
        );
    }

    pub async fn fill(&self, css: &str, value: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    /// Choose files in the file input `css` as a person does: WebDriver "element send keys"
    /// with their absolute paths (one a line), which the browser reads from disk itself.
    pub async fn choose_files(&self, css: &str, files: &[&Path]) {
        let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let input = self.client.find(Locator::Css(css)).await;
        let input = input.unwrap_or_else(|e| panic!("find {css}: {e}"));
        input
            .send_keys(&paths.join("\n"))
            .await
            .expect("choose files");
    }

    pub async fn click(&self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("find {css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Wait (a few seconds at most) for the browser to leave `before`.
    pub async fn wait_to_leave(&self, before: &str) {
        for _ in 0..100 {
            if self
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .ok()
                .as_deref()
                != Some(before)
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Click, then wait for the page the click leads to.
    pub async fn click_through(&self, css: &str) {
        let before = self.client.current_url().await.expect("url").to_string();
        self.click(css).await;
        self.wait_to_leave(&before).await;
    }

    /// Click the button whose text is `label` and wait for the page it leads to.
    pub async fn press(&self, label: &str) {
        let before = self.client.current_url().await.expect("url").to_string();
        self.press_only(label).await;
        self.wait_to_leave(&before).await;
    }

    /// Click the button whose text is `label`.
    pub async fn press_only(&self, label: &str) {
        let xpath = format!(
            "//main//button[normalize-space(.)='{label}'] | //main//input[@type='submit' and @value='{label}']"
        );
        self.client
            .find(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|e| panic!("find button {label:?}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {label:?}: {e}"));
    }

    pub async fn sign_in(&self, email: &str) {
        self.client.delete_all_cookies().await.expect("cookies");
        self.goto("/sign-in").await;
        self.fill("#email", email).await;
        self.fill("#password", PASSWORD).await;
        self.press_only("Sign in").await;
        for _ in 0..100 {
            if !self.path().await.starts_with("/sign-in") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("signing in as {email} failed:\n{}", self.text().await);
    }

    pub async fn sign_out(&self) {
        self.client.delete_all_cookies().await.expect("cookies");
    }

    /// Run a Chrome DevTools Protocol command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) {
        let session = self
            .client
            .session_id()
            .await
            .expect("session id")
            .expect("a session");
        let answer = reqwest::Client::new()
            .post(format!(
                "{}/session/{session}/goog/cdp/execute",
                self.driver_url
            ))
            .header("content-type", "application/json")
            .body(json!({ "cmd": cmd, "params": params }).to_string())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"));
        assert!(answer.status().is_success(), "{cmd}: {}", answer.status());
    }

    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize");
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
