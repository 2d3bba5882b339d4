//! A person's own mail that they may turn off: reminders before and after due dates, and the
//! weekly digest of what they own and what changed.

use chrono::NaiveDate;
use maud::html;

use super::{Why, greeting, letter, one_line, subject, url};
use crate::domain::dates::uk_date;
use crate::domain::mail::letters::{ChangeLine, Letter, OwnedItem, ReminderFact, Sender};
use crate::domain::vocab::ReminderKind;

/// A person's reminders, grouped by what they are about.
pub fn reminders(from: &Sender, name: &str, facts: &[ReminderFact]) -> Letter {
    let office = one_line(&from.office);
    let intro = if facts.is_empty() {
        "You have no reminders.".to_string()
    } else {
        "These need your attention:".to_string()
    };
    let groups: Vec<(ReminderKind, Vec<&ReminderFact>)> = ReminderKind::ALL
        .iter()
        .map(|&kind| (kind, facts.iter().filter(|f| f.kind == kind).collect()))
        .filter(|(_, facts): &(_, Vec<_>)| !facts.is_empty())
        .collect();

    let mut paragraphs = vec![greeting(name), intro.clone()];
    for (kind, facts) in &groups {
        let mut block = heading(*kind).to_string();
        for fact in facts {
            block.push_str(&format!(
                "\n\n{}, {}\n{}",
                one_line(&fact.about),
                when(fact),
                url(from, &fact.path)
            ));
        }
        paragraphs.push(block);
    }

    let body = html! {
        p { (greeting(name)) }
        p { (intro) }
        @for (kind, facts) in &groups {
            h2 style="font-size: 19px;" { (heading(*kind)) }
            ul {
                @for fact in facts {
                    li { a href=(url(from, &fact.path)) { (fact.about) } ", " (when(fact)) }
                }
            }
        }
    };
    letter(
        from,
        subject(&format!("Reminders from {office}")),
        paragraphs,
        body,
        Why::optional(
            from,
            format!("You get this because you own actions in {office}’s action plan."),
        ),
    )
}

/// The weekly digest: what changed in the week beginning `week`, then what the person owns.
pub fn digest(
    from: &Sender,
    name: &str,
    week: NaiveDate,
    owned: &[OwnedItem],
    changes: &[ChangeLine],
) -> Letter {
    let office = one_line(&from.office);
    let title = format!("Your week: {}", uk_date(week));
    let intro = format!(
        "Here is the week beginning {} in {office}’s action plan.",
        uk_date(week)
    );
    let nothing = "Nothing changed this week.";
    let none_owned = "You do not own any actions at the moment.";

    let mut paragraphs = vec![title.clone(), greeting(name), intro.clone()];
    let mut changed = String::from("What changed");
    if changes.is_empty() {
        changed.push_str(&format!("\n\n{nothing}"));
    }
    for change in changes {
        changed.push_str(&format!(
            "\n\n{}: {}\n{}",
            uk_date(change.on),
            one_line(&change.what),
            url(from, &change.path)
        ));
    }
    paragraphs.push(changed);
    let mut yours = String::from("Your actions");
    if owned.is_empty() {
        yours.push_str(&format!("\n\n{none_owned}"));
    }
    for item in owned {
        yours.push_str(&format!(
            "\n\n{} {} ({})\nNext milestone: {}\nLast update: {}\n{}",
            one_line(&item.reference),
            one_line(&item.title),
            one_line(&item.body_name),
            next_due(item),
            last_update(item),
            url(from, &item.path)
        ));
    }
    paragraphs.push(yours);

    let cell = "text-align: left; padding: 4px 8px; vertical-align: top;";
    let body = html! {
        h1 style="font-size: 24px;" { (title) }
        p { (greeting(name)) }
        p { (intro) }
        h2 style="font-size: 19px;" { "What changed" }
        @if changes.is_empty() {
            p { (nothing) }
        } @else {
            ul {
                @for change in changes {
                    li { (uk_date(change.on)) ": " a href=(url(from, &change.path)) { (change.what) } }
                }
            }
        }
        h2 style="font-size: 19px;" { "Your actions" }
        @if owned.is_empty() {
            p { (none_owned) }
        } @else {
            table style="border-collapse: collapse;" {
                thead {
                    tr {
                        th scope="col" style=(cell) { "Reference" }
                        th scope="col" style=(cell) { "Action" }
                        th scope="col" style=(cell) { "Inspected body" }
                        th scope="col" style=(cell) { "Next milestone" }
                        th scope="col" style=(cell) { "Last update" }
                    }
                }
                tbody {
                    @for item in owned {
                        tr {
                            td style=(cell) { a href=(url(from, &item.path)) { (item.reference) } }
                            td style=(cell) { (item.title) }
                            td style=(cell) { (item.body_name) }
                            td style=(cell) { (next_due(item)) }
                            td style=(cell) { (last_update(item)) }
                        }
                    }
                }
            }
        }
    };
    // Someone who owns nothing still gets the digest for what changed; say so truthfully.
    let reason = if owned.is_empty() {
        format!("You get this because you have an account with {office}.")
    } else {
        format!("You get this because you own actions in {office}’s action plan.")
    };
    letter(
        from,
        subject(&format!("Your week in {office}: {}", uk_date(week))),
        paragraphs,
        body,
        Why::optional(from, reason),
    )
}

fn heading(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::DueSoon => "Milestones due soon",
        ReminderKind::Overdue => "Milestones overdue",
        ReminderKind::ArisingOverdue => "Actions arising overdue",
        ReminderKind::Stale => "No update for a while",
    }
}

/// "due on 20 March 2026", "was due on …", "last updated on …".
fn when(fact: &ReminderFact) -> String {
    let on = uk_date(fact.date);
    match fact.kind {
        ReminderKind::DueSoon => format!("due on {on}"),
        ReminderKind::Overdue | ReminderKind::ArisingOverdue => format!("was due on {on}"),
        ReminderKind::Stale => format!("last updated on {on}"),
    }
}

fn next_due(item: &OwnedItem) -> String {
    match &item.next_due {
        Some((milestone, on)) => format!("{}, due on {}", one_line(milestone), uk_date(*on)),
        None => "None due".to_string(),
    }
}

fn last_update(item: &OwnedItem) -> String {
    item.last_update
        .map(uk_date)
        .unwrap_or_else(|| "No update yet".to_string())
}
