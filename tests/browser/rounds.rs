//! Chasing updates in the browser: the office chooses the owner's account for an action, opens
//! an update-request round with the form, and finds the round's page, the request waiting in
//! the outbox (no SMTP server is set here) and the owner's item awaiting an update.

use chrono::Datelike;

use crate::harness::Browser;

/// Round 1 and outbox message 1 (walked with the other pages) are made here.
pub async fn round_journey(browser: &Browser, office: &str, force: &str) {
    browser.sign_in(office).await;
    browser.goto("/actions/2/owner").await;
    let chosen = browser
        .js(&format!(
            "const s = document.querySelector('#user_id');
             const o = [...s.options].find(o => o.text.includes('{force}'));
             s.value = o ? o.value : ''; return s.value;"
        ))
        .await;
    assert!(
        chosen.as_str().is_some_and(|v| !v.is_empty()),
        "the force user is offered"
    );
    browser.press("Save").await;
    Browser::assert_text(&browser.text().await, force);

    browser.goto("/rounds/new").await;
    browser.fill("#title", "For the accountability board").await;
    let by = chrono::Local::now().date_naive() + chrono::Duration::days(10);
    browser.fill("#return", &by.day().to_string()).await;
    browser.fill("#return_month", &by.month().to_string()).await;
    browser.fill("#return_year", &by.year().to_string()).await;
    browser.press("Open the round and send the requests").await;
    assert_eq!(browser.path().await, "/rounds/1");
    let page = browser.text().await;
    Browser::assert_text(&page, "For the accountability board");
    Browser::assert_text(&page, "Awaiting update");
    Browser::assert_text(&page, "CP-02");
}
