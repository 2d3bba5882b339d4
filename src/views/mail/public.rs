//! Mail to members of the public who follow the progress site. It carries only what it is
//! given – published text and the office's name – and nothing from the private record.

use maud::html;

use super::{Why, letter, one_line, subject, url};
use crate::domain::dates::uk_date;
use crate::domain::mail::letters::{EditionNotice, Letter, Sender};

/// The double opt-in: nothing is sent to the address until its owner follows this link.
pub fn subscription_confirm(from: &Sender, follows: &str, confirm_path: &str) -> Letter {
    let office = one_line(&from.office);
    let follows = one_line(follows);
    let heading = format!("Confirm you want email when {follows} changes");
    let confirm = url(from, confirm_path);
    let ignore = "If you did not ask for this, ignore this email and you will get no more.";

    let paragraphs = vec![
        heading.clone(),
        format!("Confirm: {confirm}"),
        ignore.to_string(),
    ];
    let body = html! {
        h1 style="font-size: 24px;" { (heading) }
        p { a href=(confirm) { "Confirm you want these emails" } }
        p { (ignore) }
    };
    letter(
        from,
        subject(&format!("Confirm your email updates from {office}")),
        paragraphs,
        body,
        Why::always(format!(
            "You get this because someone gave this address to get email when {follows} changes."
        )),
    )
}

/// A new edition of the progress site changes what the subscriber follows.
pub fn edition_notice(from: &Sender, notice: &EditionNotice) -> Letter {
    let office = one_line(&from.office);
    let follows = one_line(&notice.follows);
    let edition = notice.edition;
    let heading = format!("Edition {edition} of the progress site changes {follows}");
    let published = format!("Published on {}.", uk_date(notice.published_on));
    let page = url(from, &notice.page_path);
    let changes = url(from, &notice.changes_path);

    let mut paragraphs = vec![heading.clone(), published.clone()];
    if !notice.changes.is_empty() {
        let lines: Vec<String> = notice
            .changes
            .iter()
            .map(|line| format!("- {}", one_line(line)))
            .collect();
        paragraphs.push(format!("What changed:\n{}", lines.join("\n")));
    }
    paragraphs.push(format!("See {follows}: {page}"));
    paragraphs.push(format!(
        "See everything that changed in edition {edition}: {changes}"
    ));

    let body = html! {
        h1 style="font-size: 24px;" { (heading) }
        p { (published) }
        @if !notice.changes.is_empty() {
            p { "What changed:" }
            ul { @for line in &notice.changes { li { (line) } } }
        }
        p { a href=(page) { "See " (follows) } }
        p { a href=(changes) { "See everything that changed in edition " (edition) } }
    };
    letter(
        from,
        subject(&format!("{office}: edition {edition} changes {follows}")),
        paragraphs,
        body,
        Why {
            reason: format!("You get this because you asked for email when {follows} changes."),
            link: Some(("Unsubscribe", url(from, &notice.unsubscribe_path))),
        },
    )
}
