//! The words of every email the app sends: pure functions from the plain facts in
//! `domain::mail::letters` to a [`Letter`] with a subject, a plain-text part and an HTML part
//! that say the same things.

mod public;
mod reminders;
mod rounds;
#[cfg(test)]
mod tests;

pub use public::{edition_notice, subscription_confirm};
pub use reminders::{digest, reminders};
pub use rounds::{round_escalation, round_reminder, round_request};

use maud::{DOCTYPE, Markup, html};

use crate::domain::mail::letters::{Letter, Sender};

/// Mail clients and relays cope badly with very long subjects; past this we cut.
const SUBJECT_MAX: usize = 200;

/// Text as one line: control characters (newlines included) and runs of white space become a
/// single space, so interpolated text can neither break a header nor forge a line of a list.
pub fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A subject: one line, at most [`SUBJECT_MAX`] characters (cut short with an ellipsis).
fn subject(s: &str) -> String {
    let line = one_line(s);
    if line.chars().count() <= SUBJECT_MAX {
        return line;
    }
    let mut cut: String = line.chars().take(SUBJECT_MAX - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// An absolute link: mail is read away from the site, so a relative path leads nowhere.
fn url(from: &Sender, path: &str) -> String {
    format!("{}{}", from.base_url, path)
}

/// Settings-free sign-off line used by every letter.
pub fn sign_off(from: &Sender) -> String {
    format!("— {}", one_line(&from.office))
}

/// "Dear Sam Jones,".
fn greeting(name: &str) -> String {
    format!("Dear {},", one_line(name))
}

/// "1 action", "3 actions".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Why someone got a letter, and the one thing they can do about it, if any (choose their
/// emails, unsubscribe).
struct Why {
    reason: String,
    link: Option<(&'static str, String)>,
}

impl Why {
    /// Mail a signed-in person may turn off on their account's mail page.
    fn optional(from: &Sender, reason: String) -> Self {
        Why {
            reason,
            link: Some(("Choose which emails you get", url(from, "/account/mail"))),
        }
    }

    fn always(reason: String) -> Self {
        Why { reason, link: None }
    }
}

/// The finished letter: the text part's paragraphs and the HTML body, each followed by the
/// sign-off and the reason they were sent.
fn letter(
    from: &Sender,
    subject: String,
    paragraphs: Vec<String>,
    body: Markup,
    why: Why,
) -> Letter {
    let mut text = paragraphs.join("\n\n");
    text.push_str("\n\n");
    text.push_str(&sign_off(from));
    text.push_str("\n\n");
    text.push_str(&why.reason);
    // The address ends its line, without a full stop a mail client might take into the link.
    if let Some((label, href)) = &why.link {
        text.push_str(&format!(" {label}: {href}"));
    }
    text.push('\n');

    let html = html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (subject) }
            }
            body style="font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5; color: #0b0c0c;" {
                (body)
                p { (sign_off(from)) }
                hr;
                p style="font-size: 14px;" {
                    (why.reason)
                    @if let Some((label, href)) = &why.link {
                        " " (label) ": " a href=(href) { (href) }
                    }
                }
            }
        }
    }
    .into_string();

    Letter {
        subject,
        text,
        html,
    }
}
