//! Journeys people make, end to end in the browser: from a progress update to the public page,
//! a form with mistakes, and signing in and posting an update with the keyboard alone.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;

use crate::harness::Browser;
use crate::server::PASSWORD;

const SUMMARY: &str = "Browser journey: investigator vacancies filled and supervision audit done.";

/// Office posts an update, the force proposes a new milestone date, office accepts it, records
/// an assurance judgement, approves the summary and publishes; the public then sees it.
pub async fn update_to_publication(browser: &Browser, office: &str, force: &str) {
    browser.sign_in(office).await;
    browser.goto("/actions/5/updates/new").await;
    fill_date(browser, "as_at", "1", "3", "2026").await;
    browser.click("input[name=rag][value=green]").await;
    browser
        .fill("#narrative", "Browser journey: all vacancies filled.")
        .await;
    browser.fill("#public_summary", SUMMARY).await;
    browser.press("Post update").await;
    let text = browser.text().await;
    Browser::assert_text(&text, "Browser journey: all vacancies filled.");

    browser.sign_in(force).await;
    browser.goto("/milestones/5/propose").await;
    fill_date(browser, "date", "30", "9", "2026").await;
    browser
        .click("input[name=reason_category][value=resourcing]")
        .await;
    browser
        .fill("#reason", "Browser journey: the analyst started late.")
        .await;
    browser
        .fill("#requested_by", "Head of public protection")
        .await;
    browser.press("Send proposal").await;

    browser.sign_in(office).await;
    browser.goto("/proposals").await;
    let proposal = browser
        .js(
            "const s = [...document.querySelectorAll('section.app-proposal')]
               .find(s => s.innerText.includes('Browser journey: the analyst started late.'));
             return s ? s.id : null;",
        )
        .await;
    let proposal = proposal.as_str().expect("the force's proposal is listed");
    browser
        .click_through(&format!("#{proposal} form[action$='/accept'] button"))
        .await;
    // Milestone 5 belongs to action CP-02.
    browser.goto("/actions/2").await;
    Browser::assert_text(&browser.text().await, "30 September 2026");

    browser.goto("/findings/7/assessments/new").await;
    browser.click("input[name=level][value=reasonable]").await;
    browser
        .fill("#rationale", "Browser journey: supervision audit seen.")
        .await;
    browser
        .fill("#evidence_seen", "Audit report of February 2026")
        .await;
    fill_date(browser, "assessed_on", "2", "3", "2026").await;
    browser.press("Record the assessment").await;
    Browser::assert_text(&browser.text().await, "Reasonable");

    browser.goto("/publishing").await;
    let row = browser
        .js(&format!(
            "const r = [...document.querySelectorAll('main tr')].find(r => r.innerText.includes({SUMMARY:?}));
             if (!r) return null; r.querySelector('button').click(); return true;"
        ))
        .await;
    assert_eq!(
        row,
        serde_json::Value::Bool(true),
        "the summary is on /publishing"
    );
    wait_for_text(browser, "Withdraw").await;
    // The Commissioner's section 55 response (rule 1) goes public with the edition.
    browser.goto("/inspections/1/clocks/1/document").await;
    browser.press("Release to the public site").await;
    wait_for_text(browser, "Released to the public site").await;
    browser.goto("/publishing/preview").await;
    browser.fill("#note", "Browser journey edition.").await;
    browser.press("Publish edition 2").await;

    browser.sign_out().await;
    browser.goto("/progress/inspections/1").await;
    let public = browser.text().await;
    Browser::assert_text(&public, SUMMARY);
    assert!(
        !public.contains("Browser journey: all vacancies filled."),
        "the internal narrative must never be public"
    );
    browser.goto("/editions/1/changes/2").await;
    let changes = browser.text().await;
    Browser::assert_text(&changes, "Reasonable");
    Browser::assert_text(&changes, "Responses published or revised");
}

/// A form with mistakes: the error summary shows, has the focus, and what was typed is kept.
pub async fn mistakes_are_explained(browser: &Browser, office: &str) {
    browser.sign_in(office).await;
    browser.goto("/actions/5/updates/new").await;
    fill_date(browser, "as_at", "31", "2", "2026").await;
    browser.fill("#narrative", "Typed before the mistake").await;
    browser.press_only("Post update").await;
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".govuk-error-summary"))
        .await
        .expect("an error summary");
    let mut focused = serde_json::Value::Null;
    for _ in 0..40 {
        focused = browser.js("return document.activeElement.className;").await;
        if focused
            .as_str()
            .is_some_and(|c| c.contains("govuk-error-summary"))
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        focused
            .as_str()
            .is_some_and(|c| c.contains("govuk-error-summary")),
        "the error summary has focus, not {focused}"
    );
    let text = browser.text().await;
    Browser::assert_text(&text, "There is a problem");
    let kept = browser
        .js("return [document.querySelector('#narrative').value, document.querySelector('#as_at').value,
                     document.querySelector('#as_at_month').value, document.querySelector('#as_at_year').value];")
        .await;
    assert_eq!(
        kept,
        serde_json::json!(["Typed before the mistake", "31", "2", "2026"])
    );
}

/// Sign in and post an update with Tab, Shift+Tab, typing, Enter and Space only, seeing where
/// the focus is at every step.
pub async fn keyboard_only(browser: &Browser, office: &str) {
    browser.sign_out().await;
    browser.goto("/sign-in").await;
    tab_to(browser, "#email").await;
    keys(browser, office).await;
    tab_to(browser, "#password").await;
    keys(browser, PASSWORD).await;
    press(browser, Key::Enter).await;
    wait_for_text(browser, "Sign out").await;

    browser.goto("/actions/5/updates/new").await;
    tab_to(browser, "#as_at").await;
    keys(browser, "2").await;
    press(browser, Key::Tab).await;
    keys(browser, "3").await;
    shift_tab(browser).await;
    assert_focus(browser, "#as_at").await;
    tab_to(browser, "#as_at_year").await;
    keys(browser, "2026").await;
    tab_to(browser, "input[name=rag]").await;
    press(browser, Key::Space).await;
    tab_to(browser, "#narrative").await;
    keys(browser, "Typed with the keyboard alone.").await;
    tab_to(browser, "main form button[type=submit]").await;
    press(browser, Key::Enter).await;
    wait_for_text(browser, "Typed with the keyboard alone.").await;
    let path = browser.path().await;
    assert_eq!(
        path, "/actions/5",
        "posting the update returns to the action"
    );
}

async fn fill_date(browser: &Browser, name: &str, day: &str, month: &str, year: &str) {
    // The day field carries the date's own id, where the error summary links.
    browser.fill(&format!("#{name}"), day).await;
    browser.fill(&format!("#{name}_month"), month).await;
    browser.fill(&format!("#{name}_year"), year).await;
}

async fn wait_for_text(browser: &Browser, text: &str) {
    for _ in 0..100 {
        if browser.text().await.contains(text) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{text:?} never appeared on {}", browser.path().await);
}

async fn perform(browser: &Browser, actions: KeyActions) {
    browser
        .client
        .perform_actions(actions)
        .await
        .expect("key actions");
}

async fn press(browser: &Browser, key: Key) {
    let k: char = key.into();
    perform(
        browser,
        KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: k })
            .then(KeyAction::Up { value: k }),
    )
    .await;
}

async fn shift_tab(browser: &Browser) {
    let (shift, tab): (char, char) = (Key::Shift.into(), Key::Tab.into());
    perform(
        browser,
        KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: shift })
            .then(KeyAction::Down { value: tab })
            .then(KeyAction::Up { value: tab })
            .then(KeyAction::Up { value: shift }),
    )
    .await;
}

/// Type `text` into whatever has the focus.
async fn keys(browser: &Browser, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    perform(browser, actions).await;
}

/// Press Tab until `css` has the focus, checking every focused element shows that it has.
async fn tab_to(browser: &Browser, css: &str) {
    for _ in 0..60 {
        press(browser, Key::Tab).await;
        let check = browser
            .js(&format!(
                "const el = document.activeElement;
                 if (!el || el === document.body) return {{ at: false, visible: true, what: 'body' }};
                 const s = getComputedStyle(el);
                 const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                   && s.outlineColor !== 'rgba(0, 0, 0, 0)';
                 const shadow = s.boxShadow && s.boxShadow !== 'none';
                 return {{ at: el.matches({css:?}), visible: outline || shadow,
                          what: el.tagName + '#' + el.id + ' ' + (el.innerText || el.name || '').slice(0, 40) }};"
            ))
            .await;
        assert_eq!(
            check["visible"],
            serde_json::Value::Bool(true),
            "focus is not visible on {}",
            check["what"]
        );
        if check["at"] == serde_json::Value::Bool(true) {
            return;
        }
    }
    panic!("Tab never reached {css} on {}", browser.path().await);
}

async fn assert_focus(browser: &Browser, css: &str) {
    let at = browser
        .js(&format!("return document.activeElement.matches({css:?});"))
        .await;
    assert_eq!(
        at,
        serde_json::Value::Bool(true),
        "focus should be on {css}"
    );
}

/// The office saves the meeting pack of record (walked later as a page of its own).
pub async fn pack_of_record(browser: &Browser, office: &str) {
    browser.sign_in(office).await;
    browser.goto("/meetings/3/pack").await;
    browser.press("Save as pack of record").await;
    assert_eq!(browser.path().await, "/meetings/3/packs/1");
}

/// An administrator cannot choose a brand colour white text can't be read on; a dark one
/// colours the header at once.
pub async fn brand_settings(browser: &Browser, admin: &str) {
    browser.sign_in(admin).await;
    browser.goto("/admin/settings").await;
    browser.fill("#brand_colour", "#ffdd00").await;
    browser.press("Save settings").await;
    let text = browser.text().await;
    Browser::assert_text(&text, "White text on this colour has a contrast of only");
    browser.fill("#brand_colour", "#4c2c92").await;
    browser
        .fill(
            "#organisation_name",
            "Police, Fire and Crime Commissioner for Testshire",
        )
        .await;
    browser.press("Save settings").await;
    Browser::assert_text(&browser.text().await, "Settings saved");
    let header = browser
        .js("return getComputedStyle(document.querySelector('.app-brand')).backgroundColor;")
        .await;
    assert_eq!(header, serde_json::json!("rgb(76, 44, 146)"));
    browser.sign_out().await;
    browser.goto("/").await;
    Browser::assert_text(
        &browser.text().await,
        "Police, Fire and Crime Commissioner for Testshire",
    );
}
