//! What is checked on every page: axe-core in the browser, the Nu Html Checker over the raw
//! HTML in one batch, no sideways scrolling at phone width, and screenshots.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::Browser;

/// WCAG 2.0, 2.1 and 2.2, levels A and AA.
const AXE_TAGS: &str = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']";

/// Run axe-core on the page now in the browser; returns one line per violation.
pub async fn axe(browser: &Browser, axe_source: &str, page: &str) -> Vec<String> {
    let loaded = browser
        .js("return typeof window.axe !== 'undefined';")
        .await;
    if loaded != Value::Bool(true) {
        browser
            .client
            .execute(axe_source, vec![])
            .await
            .expect("inject axe-core");
    }
    let script = format!(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {{ runOnly: {{ type: 'tag', values: {AXE_TAGS} }}, resultTypes: ['violations'] }})
           .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + '\\n      '
               + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' – ' + (n.failureSummary || '').replace(/\\n/g, ' ')).join('\\n      '))))
           .catch(e => done(['axe failed: ' + e]));"
    );
    let result = browser.js_async(&script).await;
    result
        .as_array()
        .map(|list| {
            list.iter()
                .map(|v| format!("{page}: {}", v.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("{page}: axe gave no answer: {result}")])
}

/// The page's HTML as the server sent it (not the browser's tidied DOM), by fetching it again
/// from inside the page with the same session. Returns (status, body).
pub async fn raw_source(browser: &Browser) -> (u16, String) {
    let result = browser
        .js_async(
            "const done = arguments[arguments.length - 1];
             fetch(location.href, { credentials: 'same-origin' })
               .then(async r => done({ status: r.status, body: await r.text() }))
               .catch(e => done({ status: 0, body: String(e) }));",
        )
        .await;
    answer(&result)
}

/// Empty every field a person fills in on the form `form_css`, then post it from inside the
/// page (as the browser would) and return what the server answered. The page is unchanged.
pub async fn post_emptied(
    browser: &Browser,
    form_css: &str,
    bad: &[(&str, &str)],
) -> (u16, String) {
    let bad = serde_json::to_string(bad).expect("json");
    let script = format!(
        "const done = arguments[arguments.length - 1];
         const form = document.querySelector({form_css:?});
         if (!form) {{ done({{ status: 0, body: 'no form {form_css}' }}); return; }}
         form.querySelectorAll('input, textarea, select').forEach(el => {{
           if (el.type === 'hidden' || el.type === 'submit') return;
           if (el.type === 'radio' || el.type === 'checkbox') el.checked = false;
           else if (el.tagName === 'SELECT') el.selectedIndex = 0;
           else el.value = '';
         }});
         for (const [name, value] of {bad}) form.elements[name].value = value;
         const data = new FormData(form);
         const body = form.enctype === 'multipart/form-data' ? data : new URLSearchParams(data);
         fetch(form.getAttribute('action') || location.href, {{ method: 'POST', body, credentials: 'same-origin' }})
           .then(async r => done({{ status: r.status, body: await r.text() }}))
           .catch(e => done({{ status: 0, body: String(e) }}));"
    );
    let result = browser.js_async(&script).await;
    answer(&result)
}

fn answer(result: &Value) -> (u16, String) {
    (
        result["status"].as_u64().unwrap_or_default() as u16,
        result["body"].as_str().unwrap_or_default().to_string(),
    )
}

/// Submit the (already emptied) form `form_css` with its own submit button, like a person.
pub async fn submit(browser: &Browser, form_css: &str) {
    let button = format!("{form_css} button[type=submit], {form_css} button:not([type])");
    browser.click(&button).await;
}

/// At the current window width, does the page scroll sideways?
pub async fn scrolls_sideways(browser: &Browser) -> Option<String> {
    let v = browser
        .js("const d = document.documentElement;
             if (d.scrollWidth <= window.innerWidth) return null;
             const wide = [...document.querySelectorAll('body *')]
               .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
               .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
             return d.scrollWidth + ' > ' + window.innerWidth + ' (' + wide.join(', ') + ')';")
        .await;
    v.as_str().map(str::to_string)
}

pub fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// A screenshot of the page (its first 2400 pixels) at the window's width.
pub async fn screenshot(browser: &Browser, name: &str, width: u32) {
    let height = browser
        .js("return Math.min(document.documentElement.scrollHeight, 2400);")
        .await
        .as_u64()
        .unwrap_or(900) as u32;
    browser.resize(width, height.max(600)).await;
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(screenshots_dir().join(format!("{name}.png")), png).expect("write png");
    browser.resize(width, 900).await;
}

/// Check every page's HTML with the Nu Html Checker in one run; returns one line per error.
pub fn vnu(jar: &Path, pages: &[(String, String)]) -> Vec<String> {
    if pages.is_empty() {
        return Vec::new();
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files = Vec::new();
    for (i, (name, html)) in pages.iter().enumerate() {
        let slug: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let file = dir.path().join(format!("{i:03}-{slug}.html"));
        std::fs::write(&file, html).expect("write page");
        files.push(file);
    }
    let output = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--format", "json", "--errors-only"])
        .args(&files)
        .output()
        .expect("run java -jar vnu.jar (is Java installed?)");
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    report["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or_default();
            let file = url.rsplit('/').next().unwrap_or(url);
            format!(
                "{file}:{}: {} [{}]",
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default().trim()
            )
        })
        .collect()
}

/// The page as printed: the print stylesheet hides the header, navigation, footer and forms;
/// Chromium's print (the WebDriver print endpoint) makes a PDF of it.
pub async fn printed(browser: &Browser, name: &str) -> Vec<String> {
    let hidden = browser
        .js("const rules = [];
             for (const sheet of document.styleSheets) {
               for (const rule of sheet.cssRules) {
                 if (rule.media && [...rule.media].includes('print')) {
                   for (const inner of rule.cssRules) {
                     if (inner.style && inner.style.display === 'none') rules.push(inner.selectorText);
                   }
                 }
               }
             }
             const shown = [];
             for (const css of ['.app-header', '.govuk-service-navigation', '.govuk-footer', '.govuk-skip-link', 'main form']) {
               for (const el of document.querySelectorAll(css)) {
                 if (!rules.some(sel => el.matches(sel) || el.closest(sel))) shown.push(css);
               }
             }
             return shown;")
        .await;
    let mut problems: Vec<String> = hidden
        .as_array()
        .into_iter()
        .flatten()
        .map(|css| format!("{name}: {css} would be printed"))
        .collect();
    let pdf = browser
        .client
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("print to PDF");
    if !pdf.starts_with(b"%PDF") {
        problems.push(format!("{name}: printing gave no PDF"));
    }
    std::fs::write(screenshots_dir().join(format!("{name}.pdf")), pdf).expect("write pdf");
    problems
}

/// The most pages the example meeting's pack needs on A4: a cover with its agenda, then the
/// sections (two of overdue items, six due, five stale, nine questions, five empty lines).
pub const PACK_PAGES: usize = 4;

/// The meeting pack printed to A4 as a PDF: it fits in the pages its content needs; every page
/// carries the running header (the meeting) and "Page n of N" at its top; one typeface, no
/// serif fallback; no link printed as its path. Keeps the PDF and a picture of the printed
/// cover in target/screenshots/ (copies of one run are kept in docs/).
pub async fn pack_printed(browser: &Browser, meeting_title: &str) -> Vec<String> {
    let name = "meeting-pack";
    let mut problems = Vec::new();
    let pdf = browser
        .client
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("print to PDF");
    let kept = screenshots_dir();
    std::fs::write(kept.join("pack-print.pdf"), &pdf).expect("write pdf");
    let printed = crate::pdf::read(&pdf);
    let squeeze = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let squeezed = squeeze(&printed.text());
    println!(
        "{name}: {} pages, fonts {:?}; first text:\n{}",
        printed.pages,
        printed.fonts,
        printed
            .text()
            .lines()
            .take(12)
            .collect::<Vec<_>>()
            .join("\n")
    );
    if printed.pages == 0 || printed.pages > PACK_PAGES {
        problems.push(format!(
            "{name}: printed on {} pages, expected 1 to {PACK_PAGES}",
            printed.pages
        ));
    }
    if printed.page_texts.len() != printed.pages {
        problems.push(format!(
            "{name}: {} pages but {} pages of text",
            printed.pages,
            printed.page_texts.len()
        ));
    }
    // Every page has the running header (the meeting's name and date) and "Page n of N".
    let header = squeeze(&format!("{meeting_title} – 23 March 2026, 2:00pm"));
    for page in 1..=printed.pages {
        let number = format!("Page{page}of{}", printed.pages);
        match printed
            .page_texts
            .iter()
            .find(|t| squeeze(t).contains(&number))
        {
            None => problems.push(format!(
                "{name}: no \"Page {page} of {}\" printed",
                printed.pages
            )),
            Some(text) if !squeeze(text).contains(&header) => {
                problems.push(format!("{name}: page {page} has no running header"))
            }
            Some(_) => {}
        }
    }
    if squeezed.contains("(/") {
        problems.push(format!("{name}: a link is printed as its path"));
    }
    for font in &printed.fonts {
        if font.contains("Times") || font.contains("Serif") {
            problems.push(format!("{name}: printed in a serif font {font}"));
        }
    }
    // A picture of the printed cover: the print styles at A4 width (210 mm at 96 px/inch).
    browser
        .cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": "print" }),
        )
        .await;
    browser.resize(794, 1123).await;
    let png = browser.client.screenshot().await.expect("screenshot");
    std::fs::write(kept.join("pack-print.png"), png).expect("write png");
    browser
        .cdp(
            "Emulation.setEmulatedMedia",
            serde_json::json!({ "media": "" }),
        )
        .await;
    browser.resize(1280, 900).await;
    problems
}
