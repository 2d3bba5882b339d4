//! The letters' words: both parts, absolute links, UK dates, escaping and the reason line.

use chrono::NaiveDate;

use super::*;
use crate::domain::mail::letters::{
    ChangeLine, EditionNotice, Letter, OwnedItem, ReminderFact, RoundFacts, RoundItemFacts, Sender,
};
use crate::domain::vocab::ReminderKind;

const BASE: &str = "https://progress.example.org";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn from() -> Sender {
    Sender {
        office: "Office of the Police and Crime Commissioner".to_string(),
        base_url: BASE.to_string(),
    }
}

fn round(title: &str) -> RoundFacts {
    RoundFacts {
        id: 3,
        title: title.to_string(),
        return_by: day("2026-03-12"),
        meeting: Some(("Accountability board".to_string(), day("2026-03-19"))),
    }
}

fn item(id: i64, reference: &str, owner: Option<&str>) -> RoundItemFacts {
    RoundItemFacts {
        action_id: id,
        reference: reference.to_string(),
        title: format!("Action {reference}"),
        body_name: "Derbyshire Constabulary".to_string(),
        owner_name: owner.map(str::to_string),
        update_path: format!("/actions/{id}/updates/new"),
    }
}

fn items() -> Vec<RoundItemFacts> {
    vec![item(7, "2.1", Some("Sam Jones")), item(9, "4.3", None)]
}

/// Both parts are there, the HTML is a whole document titled with the subject, and the text
/// part has no markup in it.
fn assert_complete(letter: &Letter) {
    assert!(!letter.subject.is_empty());
    assert!(!letter.subject.contains('\n'));
    assert!(letter.subject.chars().count() <= 200);
    assert!(
        letter.html.starts_with("<!DOCTYPE html>"),
        "{}",
        letter.html
    );
    assert!(letter.html.contains(r#"<html lang="en-GB">"#));
    assert!(letter.html.contains(r#"<meta charset="utf-8">"#));
    // Plain text keeps people's words as typed ("<" included) but carries none of our markup.
    for tag in ["<p>", "<a ", "<li>", "<td", "&lt;", "&amp;"] {
        assert!(!letter.text.contains(tag), "{tag} in {}", letter.text);
    }
    assert!(
        letter
            .text
            .contains("— Office of the Police and Crime Commissioner")
    );
    assert!(
        letter
            .html
            .contains("— Office of the Police and Crime Commissioner")
    );
}

/// Every link in the HTML part is absolute.
fn assert_links_absolute(letter: &Letter) {
    for (i, _) in letter.html.match_indices("href=\"") {
        let rest = &letter.html[i + 6..];
        assert!(
            rest.starts_with(BASE),
            "relative link in {}",
            &rest[..40.min(rest.len())]
        );
    }
}

#[test]
fn a_round_request_lists_each_item_with_its_absolute_update_link_in_both_parts() {
    let letter = round_request(&from(), &round("Spring round"), "Sam Jones", &items());
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(
        letter.subject,
        "Update requested by 12 March 2026: Spring round"
    );
    for (reference, id) in [("2.1", 7), ("4.3", 9)] {
        let link = format!("{BASE}/actions/{id}/updates/new");
        assert!(letter.text.contains(reference));
        assert!(letter.text.contains(&link));
        assert!(letter.html.contains(reference));
        assert!(letter.html.contains(&format!(r#"href="{link}""#)));
    }
    assert!(letter.text.contains("Dear Sam Jones,"));
    assert!(letter.text.contains("by 12 March 2026"));
    assert!(
        letter
            .text
            .contains("Accountability board on 19 March 2026")
    );
    assert!(letter.html.contains(r#"<th scope="col""#));
    assert!(letter.text.contains("Update requests are always sent."));
    assert!(letter.html.contains("Update requests are always sent."));
}

#[test]
fn a_title_with_a_newline_and_a_script_cannot_break_the_subject_or_the_html() {
    let title = "Spring\r\nBcc: someone@example.org <script>alert(1)</script>";
    let letter = round_request(&from(), &round(title), "Sam <b>Jones</b>", &items());
    assert_complete(&letter);
    assert!(!letter.subject.contains('\r'));
    assert!(letter.subject.contains("Spring Bcc:"));
    assert!(letter.html.contains("&lt;script&gt;"));
    assert!(!letter.html.contains("<script>"));
    assert!(!letter.html.contains("<b>Jones"));
}

#[test]
fn a_long_subject_is_cut_to_two_hundred_characters() {
    let letter = round_escalation(&from(), &round(&"x".repeat(500)), "Lead", &items());
    assert_eq!(letter.subject.chars().count(), 200);
    assert!(letter.subject.ends_with('…'));
}

#[test]
fn a_round_reminder_names_the_return_by_date_and_each_item() {
    let letter = round_reminder(&from(), &round("Spring round"), "Sam Jones", &items()[..1]);
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(letter.subject, "Reminder: updates due by 12 March 2026");
    assert!(letter.text.contains("update on 1 action."));
    assert!(
        letter
            .text
            .contains(&format!("{BASE}/actions/7/updates/new"))
    );
    assert!(!letter.text.contains("4.3"));
}

#[test]
fn an_escalation_names_each_owner_or_says_there_is_no_owner_account() {
    let letter = round_escalation(
        &from(),
        &round("Spring round"),
        "Chief Superintendent Lee",
        &items(),
    );
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(letter.subject, "No update received: Spring round");
    assert!(letter.text.contains("Dear Chief Superintendent Lee,"));
    assert!(
        letter
            .text
            .contains("2.1 Action 2.1 (Derbyshire Constabulary)\nOwner: Sam Jones")
    );
    assert!(letter.text.contains("Owner: no owner account"));
    assert!(
        letter
            .html
            .contains("<td style=\"padding: 4px 8px;\">Sam Jones</td>")
    );
    assert!(letter.html.contains("no owner account"));
    assert!(letter.text.contains("were due by 12 March 2026"));
}

fn fact(kind: ReminderKind, about: &str, date: &str, path: &str) -> ReminderFact {
    ReminderFact {
        kind,
        about: about.to_string(),
        date: day(date),
        path: path.to_string(),
    }
}

#[test]
fn reminders_are_grouped_by_kind_with_the_words_for_each_date() {
    let facts = [
        fact(
            ReminderKind::Stale,
            "2.1 Vulnerability training",
            "2026-01-05",
            "/actions/7",
        ),
        fact(
            ReminderKind::DueSoon,
            "Milestone: Training delivered",
            "2026-03-20",
            "/actions/7",
        ),
        fact(
            ReminderKind::Overdue,
            "Milestone: Policy agreed",
            "2026-02-01",
            "/actions/9",
        ),
        fact(
            ReminderKind::ArisingOverdue,
            "Report back to the board",
            "2026-02-10",
            "/arising/4",
        ),
    ];
    let letter = reminders(&from(), "Sam Jones", &facts);
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(
        letter.subject,
        "Reminders from Office of the Police and Crime Commissioner"
    );
    for words in [
        "Milestone: Training delivered, due on 20 March 2026",
        "Milestone: Policy agreed, was due on 1 February 2026",
        "Report back to the board, was due on 10 February 2026",
        "2.1 Vulnerability training, last updated on 5 January 2026",
    ] {
        assert!(letter.text.contains(words), "{words} in {}", letter.text);
    }
    let soon = letter.text.find("Milestones due soon").unwrap();
    let stale = letter.text.find("No update for a while").unwrap();
    assert!(soon < stale, "groups follow the kinds' order");
    assert!(letter.html.contains(&format!(r#"href="{BASE}/arising/4""#)));
    assert!(
        letter
            .text
            .contains(&format!("Choose which emails you get: {BASE}/account/mail"))
    );
    assert!(
        letter
            .html
            .contains(&format!(r#"href="{BASE}/account/mail""#))
    );
}

fn owned() -> Vec<OwnedItem> {
    vec![OwnedItem {
        reference: "2.1".to_string(),
        title: "Vulnerability training".to_string(),
        body_name: "Derbyshire Constabulary".to_string(),
        next_due: Some(("Training delivered".to_string(), day("2026-12-20"))),
        last_update: None,
        path: "/actions/7".to_string(),
    }]
}

#[test]
fn a_digest_lists_what_changed_and_what_the_person_owns() {
    let changes = [ChangeLine {
        on: day("2026-12-08"),
        what: "Progress update on 2.1 Vulnerability training: amber".to_string(),
        path: "/actions/7/updates/12".to_string(),
    }];
    let letter = digest(&from(), "Sam Jones", day("2026-12-07"), &owned(), &changes);
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(
        letter.subject,
        "Your week in Office of the Police and Crime Commissioner: 7 December 2026"
    );
    assert!(letter.text.starts_with("Your week: 7 December 2026"));
    assert!(letter.html.contains("Your week: 7 December 2026"));
    assert!(
        letter
            .text
            .contains("8 December 2026: Progress update on 2.1")
    );
    assert!(
        letter
            .text
            .contains(&format!("{BASE}/actions/7/updates/12"))
    );
    assert!(
        letter
            .text
            .contains("Next milestone: Training delivered, due on 20 December 2026")
    );
    assert!(letter.text.contains("Last update: No update yet"));
    assert!(letter.html.contains(&format!(r#"href="{BASE}/actions/7""#)));
    assert!(!letter.text.contains("Nothing changed"));
}

#[test]
fn a_digest_with_nothing_changed_says_so_plainly() {
    let letter = digest(&from(), "Sam Jones", day("2026-12-07"), &owned(), &[]);
    assert_complete(&letter);
    assert!(letter.text.contains("Nothing changed this week."));
    assert!(letter.html.contains("Nothing changed this week."));
}

#[test]
fn a_subscription_confirmation_links_to_confirm_and_says_to_ignore_it_otherwise() {
    let letter = subscription_confirm(
        &from(),
        "Derbyshire Constabulary",
        "/subscriptions/confirm/abc",
    );
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(
        letter.subject,
        "Confirm your email updates from Office of the Police and Crime Commissioner"
    );
    let link = format!("{BASE}/subscriptions/confirm/abc");
    assert!(letter.text.contains(&link));
    assert!(letter.html.contains(&format!(r#"href="{link}""#)));
    assert!(
        letter
            .text
            .contains("Confirm you want email when Derbyshire Constabulary changes")
    );
    assert!(
        letter
            .text
            .contains("If you did not ask for this, ignore this email")
    );
    assert!(
        letter
            .html
            .contains("If you did not ask for this, ignore this email")
    );
}

fn notice() -> EditionNotice {
    EditionNotice {
        follows: "Derbyshire Constabulary".to_string(),
        edition: 7,
        published_on: day("2026-04-02"),
        changes: vec![
            "2.1 Vulnerability training: now complete".to_string(),
            "Response to PEEL 2025 <published>".to_string(),
        ],
        page_path: "/bodies/derbyshire".to_string(),
        changes_path: "/editions/7/changes".to_string(),
        unsubscribe_path: "/subscriptions/unsubscribe/xyz".to_string(),
    }
}

#[test]
fn an_edition_notice_lists_the_changes_and_links_to_the_pages() {
    let letter = edition_notice(&from(), &notice());
    assert_complete(&letter);
    assert_links_absolute(&letter);
    assert_eq!(
        letter.subject,
        "Office of the Police and Crime Commissioner: edition 7 changes Derbyshire Constabulary"
    );
    assert!(
        letter
            .text
            .contains("Edition 7 of the progress site changes Derbyshire Constabulary")
    );
    assert!(letter.text.contains("Published on 2 April 2026."));
    assert!(
        letter
            .text
            .contains("- 2.1 Vulnerability training: now complete")
    );
    assert!(
        letter
            .html
            .contains("Response to PEEL 2025 &lt;published&gt;")
    );
    for path in ["/bodies/derbyshire", "/editions/7/changes"] {
        assert!(letter.text.contains(&format!("{BASE}{path}")));
        assert!(letter.html.contains(&format!(r#"href="{BASE}{path}""#)));
    }
}

#[test]
fn an_edition_notice_carries_the_unsubscribe_link_in_both_parts() {
    let letter = edition_notice(&from(), &notice());
    let link = format!("{BASE}/subscriptions/unsubscribe/xyz");
    assert!(letter.text.contains(&format!("Unsubscribe: {link}")));
    assert!(letter.html.contains(&format!(r#"href="{link}""#)));
    assert!(
        letter
            .text
            .contains("you asked for email when Derbyshire Constabulary changes")
    );
}

#[test]
fn one_line_turns_control_characters_and_runs_of_space_into_one_space() {
    assert_eq!(one_line(" a\r\n\tb  c\u{0}d "), "a b c d");
}
