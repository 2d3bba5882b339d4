//! Attaching evidence files in the browser: real files chosen in the plain file input, their
//! fingerprints on the page, a web page in disguise refused with an error summary, and axe on
//! every evidence page on the way.

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::checks;
use crate::harness::Browser;

/// The smallest PDF a reader opens: one blank page.
const PDF: &[u8] = b"%PDF-1.4
1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj
trailer <</Root 1 0 R>>
%%EOF
";
const CSV: &[u8] = b"case,outcome\n1,supervised\n2,supervised\n";
/// A web page named as a PDF.
const FAKE: &[u8] = b"<html><body>x</body></html>";
const PDF_NAME: &str = "supervision-audit.pdf";
const CSV_NAME: &str = "audit-cases.csv";
const DESCRIPTION: &str = "Browser journey: the supervision audit and its cases";
/// The example data's first progress update (CP-01, 15 February 2022).
const UPLOAD: &str = "/updates/1/evidence";

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
    path
}

/// The office attaches a PDF and a CSV to a progress update with the file input, sees each
/// listed with its fingerprint, opens the PDF's page and the register, and has a web page
/// named `fake.pdf` refused. Returns axe's and the error summary's problems.
pub async fn upload_journey(browser: &Browser, axe: &str, office: &str) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let pdf = write(dir.path(), PDF_NAME, PDF);
    let csv = write(dir.path(), CSV_NAME, CSV);
    let fake = write(dir.path(), "fake.pdf", FAKE);
    let mut problems = Vec::new();

    browser.sign_in(office).await;
    browser.goto(UPLOAD).await;
    problems.extend(checks::axe(browser, axe, "journey evidence-upload").await);
    browser.choose_files("#files", &[&pdf, &csv]).await;
    browser.fill("#description", DESCRIPTION).await;
    browser.press("Attach files").await;
    assert_eq!(browser.path().await, format!("{UPLOAD}?attached=1"));
    let pdf_hash = sha256(PDF);
    for (name, bytes) in [(PDF_NAME, PDF), (CSV_NAME, CSV)] {
        let row = row_of(browser, name).await;
        Browser::assert_text(&row, &sha256(bytes)[..12]);
        Browser::assert_text(&row, DESCRIPTION);
    }
    problems.extend(checks::axe(browser, axe, "journey evidence-upload with files").await);

    open_link(browser, PDF_NAME).await;
    let text = browser.text().await;
    Browser::assert_text(&text, &pdf_hash);
    Browser::assert_text(&text, &format!("{} bytes", PDF.len()));
    Browser::assert_text(&text, "Progress update of 15 February 2022");
    problems.extend(downloads_as_attachment(browser).await);
    problems.extend(checks::axe(browser, axe, "journey evidence-file").await);

    browser.goto("/evidence").await;
    Browser::assert_text(&browser.text().await, PDF_NAME);
    problems.extend(checks::axe(browser, axe, "journey evidence-register").await);

    problems.extend(refused(browser, axe, &fake).await);
    problems
}

/// A web page called `fake.pdf` is refused: the error summary says why, has the focus and
/// links to the file input, and nothing is attached.
async fn refused(browser: &Browser, axe: &str, fake: &Path) -> Vec<String> {
    let name = "journey evidence-upload refused";
    browser.goto(UPLOAD).await;
    browser.choose_files("#files", &[fake]).await;
    // The page answered is at the same address, so wait for the summary, not a new URL.
    browser.press_only("Attach files").await;
    let mut problems: Vec<String> = crate::error_summary_works(browser, name)
        .await
        .into_iter()
        .collect();
    let summary = browser
        .js("const s = document.querySelector('.govuk-error-summary'); return s ? s.innerText : '';")
        .await;
    let summary = summary.as_str().unwrap_or_default();
    Browser::assert_text(summary, "“fake.pdf” is a web page or drawing");
    let linked = browser
        .js("return [...document.querySelectorAll('.govuk-error-summary__list a')].map(a => a.hash);")
        .await;
    assert_eq!(
        linked,
        serde_json::json!(["#files"]),
        "the summary links to the file input"
    );
    let listed = browser
        .js("return [...document.querySelectorAll('main table a')].map(a => a.innerText).sort();")
        .await;
    assert_eq!(
        listed,
        serde_json::json!([CSV_NAME, PDF_NAME]),
        "only the two files attached before are listed"
    );
    // Following the summary's link puts the focus on the file input.
    browser.click(".govuk-error-summary__list a").await;
    let mut focused = Value::Null;
    for _ in 0..40 {
        focused = browser.js("return document.activeElement.id;").await;
        if focused == "files" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    if focused != "files" {
        problems.push(format!(
            "{name}: the summary's link focuses {focused}, not #files"
        ));
    }
    problems.extend(checks::axe(browser, axe, name).await);
    problems
}

/// The text of the table row that names `file`.
async fn row_of(browser: &Browser, file: &str) -> String {
    let row = browser
        .js(&format!(
            "const r = [...document.querySelectorAll('main tr')]
               .find(r => [...r.querySelectorAll('a')].some(a => a.innerText === {file:?}));
             return r ? r.innerText : null;"
        ))
        .await;
    match row.as_str() {
        Some(text) => text.to_string(),
        None => panic!("{file} is not listed on {}", browser.path().await),
    }
}

/// Follow the link whose text is `text`, and wait for the page it leads to.
async fn open_link(browser: &Browser, text: &str) {
    let before = browser.client.current_url().await.expect("url").to_string();
    browser
        .client
        .find(Locator::LinkText(text))
        .await
        .unwrap_or_else(|e| panic!("find the link {text:?}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("follow {text:?}: {e}"));
    browser.wait_to_leave(&before).await;
}

/// The file page's download answers the bytes as an attachment, never shown in the page.
async fn downloads_as_attachment(browser: &Browser) -> Option<String> {
    let answer = browser
        .js_async(
            "const done = arguments[arguments.length - 1];
             const a = document.querySelector('main a[href$=\"/download\"]');
             fetch(a.href, { credentials: 'same-origin' })
               .then(async r => done({ status: r.status, disposition: r.headers.get('content-disposition'),
                                       size: (await r.arrayBuffer()).byteLength }))
               .catch(e => done({ status: 0, disposition: String(e) }));",
        )
        .await;
    let attachment = answer["disposition"]
        .as_str()
        .is_some_and(|d| d.starts_with("attachment"));
    let whole = answer["size"].as_u64() == Some(PDF.len() as u64);
    (answer["status"] != 200 || !attachment || !whole)
        .then(|| format!("evidence download: {answer}"))
}
