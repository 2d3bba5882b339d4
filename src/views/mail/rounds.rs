//! An update-request round's letters: the request to each owner, the reminder for what has
//! not arrived, and the escalation to the chief officer lead once the return-by date passes.

use maud::{Markup, html};

use super::{Why, count, greeting, letter, one_line, subject, url};
use crate::domain::dates::uk_date;
use crate::domain::mail::letters::{Letter, RoundFacts, RoundItemFacts, Sender};

/// What a round's letter says around its items: the opening after the greeting, whether each
/// item names its owner, and a closing line.
struct Chaser<'a> {
    name: &'a str,
    opening: String,
    owners: bool,
    closing: Option<String>,
}

/// A round's letter: the greeting, the opening, the meeting, the items (with links to their
/// update forms) and the closing, in both parts.
fn chaser(
    from: &Sender,
    round: &RoundFacts,
    items: &[RoundItemFacts],
    c: Chaser<'_>,
) -> (Vec<String>, Markup) {
    let mut paragraphs = vec![greeting(c.name), c.opening.clone()];
    paragraphs.extend(meeting_line(round));
    paragraphs.push(items_text(from, items, c.owners));
    paragraphs.extend(c.closing.clone());
    let body = html! {
        p { (greeting(c.name)) }
        p { (c.opening) }
        @if let Some(line) = meeting_line(round) { p { (line) } }
        (items_table(from, items, c.owners))
        @if let Some(closing) = &c.closing { p { (closing) } }
    };
    (paragraphs, body)
}

/// Asks an owner for updates on their actions by the round's return-by date.
pub fn round_request(
    from: &Sender,
    round: &RoundFacts,
    owner_name: &str,
    items: &[RoundItemFacts],
) -> Letter {
    let by = uk_date(round.return_by);
    let opening = format!(
        "{} asks you for an update on {} for “{}” by {by}.",
        one_line(&from.office),
        count(items.len(), "action", "actions"),
        one_line(&round.title),
    );
    let closing = format!("Anything not received by {by} is shown as “no update received”.");
    let (paragraphs, body) = chaser(
        from,
        round,
        items,
        Chaser {
            name: owner_name,
            opening,
            owners: false,
            closing: Some(closing),
        },
    );
    let subject = subject(&format!("Update requested by {by}: {}", round.title));
    letter(from, subject, paragraphs, body, chase_why(from))
}

/// Reminds an owner of the round's actions still without an update.
pub fn round_reminder(
    from: &Sender,
    round: &RoundFacts,
    owner_name: &str,
    items: &[RoundItemFacts],
) -> Letter {
    let by = uk_date(round.return_by);
    let opening = format!(
        "Your updates for “{}” are due by {by}. We have not yet received an update on {}.",
        one_line(&round.title),
        count(items.len(), "action", "actions"),
    );
    let (paragraphs, body) = chaser(
        from,
        round,
        items,
        Chaser {
            name: owner_name,
            opening,
            owners: false,
            closing: None,
        },
    );
    let subject = subject(&format!("Reminder: updates due by {by}"));
    letter(from, subject, paragraphs, body, chase_why(from))
}

/// Tells the chief officer lead which actions had no update by the return-by date, and whose
/// they are.
pub fn round_escalation(
    from: &Sender,
    round: &RoundFacts,
    lead_name: &str,
    items: &[RoundItemFacts],
) -> Letter {
    let opening = format!(
        "Updates for “{}” were due by {}. No update was received on {}.",
        one_line(&round.title),
        uk_date(round.return_by),
        count(items.len(), "action", "actions"),
    );
    let closing = "Please ask each owner for an update, or arrange one yourself.".to_string();
    let (paragraphs, body) = chaser(
        from,
        round,
        items,
        Chaser {
            name: lead_name,
            opening,
            owners: true,
            closing: Some(closing),
        },
    );
    let why = Why::always(format!(
        "You get this because you are the chief officer lead for these actions in {}’s \
         action plan. Update requests and their escalations are always sent.",
        one_line(&from.office)
    ));
    let subject = subject(&format!("No update received: {}", round.title));
    letter(from, subject, paragraphs, body, why)
}

fn chase_why(from: &Sender) -> Why {
    Why::always(format!(
        "You get this because you own actions in {}’s action plan. Update requests are always \
         sent.",
        one_line(&from.office)
    ))
}

/// "The updates are for Accountability board on 19 March 2026."
fn meeting_line(round: &RoundFacts) -> Option<String> {
    round.meeting.as_ref().map(|(title, on)| {
        format!(
            "The updates are for {} on {}.",
            one_line(title),
            uk_date(*on)
        )
    })
}

fn owner(item: &RoundItemFacts) -> String {
    item.owner_name
        .as_deref()
        .map(one_line)
        .unwrap_or_else(|| "no owner account".to_string())
}

/// One block per action: what it is, (whose it is,) and where to give the update.
fn items_text(from: &Sender, items: &[RoundItemFacts], with_owner: bool) -> String {
    items
        .iter()
        .map(|item| {
            let mut block = format!(
                "{} {} ({})",
                one_line(&item.reference),
                one_line(&item.title),
                one_line(&item.body_name)
            );
            if with_owner {
                block.push_str(&format!("\nOwner: {}", owner(item)));
            }
            block.push_str(&format!(
                "\nGive an update: {}",
                url(from, &item.update_path)
            ));
            block
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn items_table(from: &Sender, items: &[RoundItemFacts], with_owner: bool) -> Markup {
    html! {
        table style="border-collapse: collapse;" {
            thead {
                tr {
                    th scope="col" style="text-align: left; padding: 4px 8px;" { "Reference" }
                    th scope="col" style="text-align: left; padding: 4px 8px;" { "Action" }
                    th scope="col" style="text-align: left; padding: 4px 8px;" { "Inspected body" }
                    @if with_owner {
                        th scope="col" style="text-align: left; padding: 4px 8px;" { "Owner" }
                    }
                    th scope="col" style="text-align: left; padding: 4px 8px;" { "Update" }
                }
            }
            tbody {
                @for item in items {
                    tr {
                        td style="padding: 4px 8px;" { (item.reference) }
                        td style="padding: 4px 8px;" { (item.title) }
                        td style="padding: 4px 8px;" { (item.body_name) }
                        @if with_owner { td style="padding: 4px 8px;" { (owner(item)) } }
                        td style="padding: 4px 8px;" {
                            a href=(url(from, &item.update_path)) {
                                "Give an update on " (item.reference)
                            }
                        }
                    }
                }
            }
        }
    }
}
