//! Browser tests: the real server driven through headless Chromium. They check journeys people
//! make, accessibility (axe-core), valid HTML (the Nu Html Checker) and phone widths, and take
//! screenshots. Without Chromium they are skipped locally and fail under CI.

mod checks;
mod evidence;
mod harness;
mod journeys;
mod pages;
mod pdf;
mod rounds;
mod server;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use harness::{Browser, Checkers, Tools};
use pages::{Case, PAGES, Visit, Who};
use scrutineer::domain::vocab::Role;
use server::Server;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_site_works_in_a_real_browser() {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    let Some(tools) = Tools::find() else {
        assert!(!in_ci, "Chromium or chromedriver not found, and CI is set");
        println!("skipped: Chromium not found");
        return;
    };
    let Some(checkers) = Checkers::find() else {
        assert!(
            !in_ci,
            "axe-core, vnu-jar or Java not found, and CI is set: run npm ci --prefix tests/browser"
        );
        println!("skipped: axe-core, vnu-jar or Java not found (npm ci --prefix tests/browser)");
        return;
    };
    let started = Instant::now();
    let server = Server::start().await;
    let admin = server.create_user(Role::Admin).await;
    let office = server.create_user(Role::Office).await;
    let force = server.create_user(Role::Force).await;
    let browser = Browser::start(&tools, &server.base).await;

    // The journeys first: the edition they publish is one of the pages walked below.
    journeys::update_to_publication(&browser, &office, &force).await;
    journeys::mistakes_are_explained(&browser, &office).await;
    journeys::keyboard_only(&browser, &office).await;
    journeys::pack_of_record(&browser, &office).await;
    rounds::round_journey(&browser, &office, &force).await;
    let mut problems = evidence::upload_journey(&browser, &checkers.axe_source, &office).await;
    println!("journeys done in {:.0?}", started.elapsed());

    let (walked, sources) = walk(&browser, &checkers, &admin).await;
    problems.extend(walked);
    println!("walked {} pages in {:.0?}", PAGES.len(), started.elapsed());
    browser.goto("/meetings/3/pack").await;
    problems.extend(checks::printed(&browser, "meeting-pack").await);
    problems.extend(
        checks::pack_printed(
            &browser,
            "Public accountability meeting – protecting children",
        )
        .await,
    );
    problems.extend(phone_widths(&browser, &checkers, &admin).await);
    // Last, as it changes the header every page shows.
    journeys::brand_settings(&browser, &admin).await;
    browser.close().await;
    let vnu_started = Instant::now();
    problems.extend(checks::vnu(&checkers.vnu_jar, &sources));
    println!("checked HTML in {:.0?}", vnu_started.elapsed());
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Sign in as whoever the page is for, unless already.
async fn sign_in_for(browser: &Browser, who: Who, current: &mut Option<Who>, admin: &str) {
    if *current == Some(who) {
        return;
    }
    match who {
        Who::Anyone => browser.sign_out().await,
        Who::Admin => browser.sign_in(admin).await,
    }
    *current = Some(who);
}

/// Visit every page type at desktop width: status, axe-core, error summary focus, the raw
/// HTML for the Nu Html Checker, screenshots.
async fn walk(
    browser: &Browser,
    checkers: &Checkers,
    admin: &str,
) -> (Vec<String>, Vec<(String, String)>) {
    let mut problems = Vec::new();
    let mut sources = Vec::new();
    let mut current = None;
    for case in PAGES {
        sign_in_for(browser, case.who, &mut current, admin).await;
        browser.goto(case.path).await;
        let (status, html) = match case.visit {
            Visit::Show => checks::raw_source(browser).await,
            Visit::Errors => checks::post_emptied(browser, pages::FORM, case.bad).await,
        };
        let expected = match (case.visit, case.name) {
            (Visit::Errors, _) => 422,
            (_, "not-found") => 404,
            _ => 200,
        };
        if status != expected {
            let title = html
                .split_once("<title>")
                .and_then(|(_, t)| t.split_once("</title>"))
                .map_or("", |(t, _)| t);
            problems.push(format!(
                "{}: {} answered {status} ({title}), expected {expected}",
                case.name, case.path
            ));
            continue;
        }
        if case.visit == Visit::Errors {
            problems.extend(errors_shown(browser, case).await);
        }
        sources.push((case.name.to_string(), html));
        problems.extend(checks::axe(browser, &checkers.axe_source, case.name).await);
        if case.shot {
            checks::screenshot(browser, &format!("{}-desktop", case.name), 1280).await;
        }
    }
    (problems, sources)
}

/// Submit the emptied form like a person: the error summary shows and has the focus.
async fn errors_shown(browser: &Browser, case: &Case) -> Option<String> {
    checks::submit(browser, pages::FORM).await;
    error_summary_works(browser, case.name).await
}

/// The error summary shows (within a few seconds), has the focus, and each of its links leads
/// to a field.
pub async fn error_summary_works(browser: &Browser, name: &str) -> Option<String> {
    let summary = browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".govuk-error-summary"))
        .await;
    if summary.is_err() {
        return Some(format!("{name}: no error summary after submitting"));
    }
    // govuk-frontend moves focus to the summary once its module has started.
    for _ in 0..40 {
        let focused = browser
            .js("return document.activeElement.classList.contains('govuk-error-summary');")
            .await;
        if focused == serde_json::Value::Bool(true) {
            return broken_error_links(browser, name).await;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Some(format!("{name}: the error summary does not have focus"))
}

/// Every link in the error summary leads to a field (or something that can take the focus).
async fn broken_error_links(browser: &Browser, name: &str) -> Option<String> {
    let broken = browser
        .js(
            "return [...document.querySelectorAll('.govuk-error-summary__list a')]
               .filter(a => {
                 const el = document.getElementById(decodeURIComponent(a.hash.slice(1)));
                 return !el || !el.matches('input, select, textarea, [tabindex]');
               })
               .map(a => a.getAttribute('href') + ' (' + a.innerText + ')');",
        )
        .await;
    let broken = broken.as_array().filter(|b| !b.is_empty())?;
    Some(format!(
        "{name}: error summary links lead to no field: {broken:?}"
    ))
}

/// At phone width no page scrolls sideways; screenshots of the key pages.
async fn phone_widths(browser: &Browser, checkers: &Checkers, admin: &str) -> Vec<String> {
    browser.resize(375, 800).await;
    let width = browser.js("return window.innerWidth;").await;
    let mut problems = Vec::new();
    if width.as_u64() != Some(375) {
        problems.push(format!("phone width: the window is {width} wide, not 375"));
    }
    let mut current = None;
    for case in PAGES.iter().filter(|c| c.visit == Visit::Show) {
        sign_in_for(browser, case.who, &mut current, admin).await;
        browser.goto(case.path).await;
        if let Some(why) = checks::scrolls_sideways(browser).await {
            problems.push(format!("{} at 375 px scrolls sideways: {why}", case.name));
        }
        let name = format!("{} at 375 px", case.name);
        problems.extend(checks::axe(browser, &checkers.axe_source, &name).await);
        if case.shot {
            checks::screenshot(browser, &format!("{}-phone", case.name), 375).await;
        }
    }
    browser.resize(1280, 900).await;
    problems
}
