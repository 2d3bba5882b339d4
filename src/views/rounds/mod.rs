//! Update-request rounds for the office: the list, the form that opens one, and a round's page
//! – what came back, the "no update received" register and the chasers sent.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{date, link, summary_row};
use super::layout::{Chrome, page};
use crate::db::rounds::{ChaserRow, ItemRow, RoundRow};
use crate::domain::dates::{uk_datetime, uk_stored_instant};
use crate::domain::meetings::parse_starts_at;
use crate::domain::rounds::ItemState;
use crate::mail::Readiness;

mod form;
pub use form::new_page;

pub fn index_page(
    chrome: &Chrome,
    rounds: &[RoundRow],
    today: NaiveDate,
    mail: Readiness,
) -> Markup {
    page(
        chrome,
        "Update-request rounds",
        html! {
            h1 class="govuk-heading-l" { "Update-request rounds" }
            p class="govuk-body" {
                "A round asks the owner of each open action for an update by a return-by date. "
                "What has not arrived by then is listed as no update received."
            }
            (mail_warning(chrome, mail, "Mail is not being sent, so requests and chasers wait in the outbox."))
            @if chrome.may_open("/rounds/new") {
                p class="govuk-body" { a class="govuk-button" href="/rounds/new" { "Open a round" } }
            }
            @if rounds.is_empty() {
                p class="govuk-body" { "No round has been opened yet." }
            } @else {
                (round_table(chrome, rounds, today))
            }
        },
    )
}

/// Why mail is not going, for the office; administrators get a link to the outbox.
pub(super) fn mail_warning(chrome: &Chrome, mail: Readiness, consequence: &str) -> Markup {
    if mail == Readiness::Ready {
        return html! {};
    }
    html! {
        div class="govuk-warning-text" {
            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
            strong class="govuk-warning-text__text" {
                span class="govuk-visually-hidden" { "Warning" }
                (consequence)
            }
        }
        div class="govuk-inset-text" {
            (mail.explanation())
            @if chrome.may_open("/admin/mail") {
                " " a class="govuk-link" href="/admin/mail" { "Open the outbox" }
            }
        }
    }
}

fn round_table(chrome: &Chrome, rounds: &[RoundRow], today: NaiveDate) -> Markup {
    let rows = html! {
        @for r in rounds {
            tr class="govuk-table__row" {
                td class="govuk-table__cell app-break" { (link(chrome, &format!("/rounds/{}", r.id), &r.title)) }
                td class="govuk-table__cell" { (meeting(chrome, r)) }
                td class="govuk-table__cell" { (date(r.return_by)) }
                td class="govuk-table__cell" { (received(r)) }
                td class="govuk-table__cell" { (round_state(r, today)) }
            }
        }
    };
    let headers = ["Round", "Meeting", "Return by", "Updates", "State"];
    table("Rounds, latest return-by date first", &headers, rows)
}

/// A GOV.UK table in its scrolling wrapper: a caption, column headers, the rows.
fn table(caption: &str, headers: &[&str], rows: Markup) -> Markup {
    html! {
        div class="app-table-wrapper" { table class="govuk-table" {
            caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
            thead class="govuk-table__head" { tr class="govuk-table__row" {
                @for h in headers { th scope="col" class="govuk-table__header" { (h) } }
            } }
            tbody class="govuk-table__body" { (rows) }
        } }
    }
}

/// "3 of 5 updates received".
fn received(r: &RoundRow) -> String {
    let noun = if r.items == 1 { "update" } else { "updates" };
    format!("{} of {} {noun} received", r.received, r.items)
}

fn round_state(r: &RoundRow, today: NaiveDate) -> Markup {
    let missing = r.items - r.received;
    html! {
        @if today <= r.return_by {
            strong class="govuk-tag govuk-tag--blue" { "Open" }
        } @else {
            strong class="govuk-tag govuk-tag--grey" { "Closed" }
            @if missing > 0 { " " (missing) " not received" }
        }
    }
}

fn meeting(chrome: &Chrome, r: &RoundRow) -> Markup {
    let (Some(id), Some(title)) = (r.meeting_id, &r.meeting_title) else {
        return html! { span class="app-secondary" { "No meeting" } };
    };
    let starts = r.meeting_starts_at.as_deref().unwrap_or_default();
    html! {
        (link(chrome, &format!("/meetings/{id}"), title))
        @if let Some(at) = parse_starts_at(starts) { br; span class="govuk-body-s" { (uk_datetime(at)) } }
    }
}

pub fn show_page(
    chrome: &Chrome,
    round: &RoundRow,
    items: &[(ItemRow, ItemState)],
    chasers: &[ChaserRow],
    today: NaiveDate,
) -> Markup {
    page(
        chrome,
        &round.title,
        html! {
            span class="govuk-caption-l" { "Update-request round" }
            h1 class="govuk-heading-l app-break" { (round.title) }
            dl class="govuk-summary-list" {
                (summary_row("Meeting", meeting(chrome, round)))
                (summary_row("Return by", date(round.return_by)))
                (summary_row("Owners reminded on", date(round.remind_on)))
                (summary_row("Opened by", html! { (round.opened_by_name) ", " (uk_stored_instant(&round.opened_at)) }))
                (summary_row("Updates", html! { (received(round)) }))
            }
            @if today > round.return_by { (not_received(chrome, items)) }
            (item_table(chrome, items))
            (chaser_table(chrome, chasers))
        },
    )
}

fn action(chrome: &Chrome, item: &ItemRow) -> Markup {
    let text = html! { (item.reference) " – " (item.title) };
    link(chrome, &format!("/actions/{}", item.action_id), text)
}

/// The register of what did not come back by the return-by date.
fn not_received(chrome: &Chrome, items: &[(ItemRow, ItemState)]) -> Markup {
    let missing: Vec<&ItemRow> = items
        .iter()
        .filter(|(_, s)| *s == ItemState::NoUpdateReceived)
        .map(|(i, _)| i)
        .collect();
    html! {
        h2 class="govuk-heading-m" { "No update received" }
        p class="govuk-body" {
            "Items with no update by the return-by date. This is not a RAG rating: it says only "
            "that nothing came back in time."
        }
        @if missing.is_empty() {
            p class="govuk-body" { "Every item was updated." }
        } @else {
            (table("Items with no update received", &["Action", "Body", "Owner"], html! {
                @for i in missing {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell app-break" { (action(chrome, i)) }
                        td class="govuk-table__cell" { (i.body_name) }
                        td class="govuk-table__cell" { (i.owner_name.as_deref().unwrap_or("No owner account")) }
                    }
                }
            }))
        }
    }
}

fn item_tag(state: ItemState) -> Markup {
    let colour = match state {
        ItemState::Received { late: false, .. } => "green",
        ItemState::Received { late: true, .. } => "yellow",
        ItemState::Awaiting => "grey",
        ItemState::NoUpdateReceived => "red",
    };
    html! {
        strong class={ "govuk-tag govuk-tag--" (colour) } { (state.label()) }
        @if let ItemState::Received { on, .. } = state { " on " (date(on)) }
    }
}

fn item_table(chrome: &Chrome, items: &[(ItemRow, ItemState)]) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Items" }
        (table("Every action the round asks about", &["Action", "Body", "Owner", "Update"], html! {
            @for (i, state) in items {
                tr class="govuk-table__row" {
                    td class="govuk-table__cell app-break" { (action(chrome, i)) }
                    td class="govuk-table__cell" {
                        (i.body_name)
                        @if i.lead_id.is_none() { br; span class="govuk-body-s app-secondary" { "No chief officer lead recorded" } }
                    }
                    td class="govuk-table__cell" { (i.owner_name.as_deref().unwrap_or("No owner account – ask by hand")) }
                    td class="govuk-table__cell" { (item_tag(*state)) }
                }
            }
        }))
        p class="govuk-body-s" {
            "After the return-by date, each body's chief officer lead is sent the items with no "
            "update received. A body with no chief officer lead recorded gets no escalation."
        }
    }
}

fn chaser_table(chrome: &Chrome, chasers: &[ChaserRow]) -> Markup {
    // The message column only for those who may read the outbox (administrators).
    let message = |c: &ChaserRow| {
        let path = format!("/admin/mail/{}", c.mail_id?);
        chrome.may_open(&path).then_some(path)
    };
    let readable = chasers.iter().any(|c| message(c).is_some());
    let mut headers = vec!["Step", "To", "Items", "When"];
    if readable {
        headers.push("Message");
    }
    let rows = html! {
        @for c in chasers {
            tr class="govuk-table__row" {
                td class="govuk-table__cell" { (c.step.label()) }
                td class="govuk-table__cell" { (c.user_name) }
                td class="govuk-table__cell" { (c.items) }
                td class="govuk-table__cell" { (uk_stored_instant(&c.at)) }
                @if readable { td class="govuk-table__cell" {
                    @if let Some(href) = message(c) { a class="govuk-link" href=(href) { "Read the message" } }
                } }
            }
        }
    };
    html! {
        h2 class="govuk-heading-m" { "Chasers sent" }
        @if chasers.is_empty() {
            p class="govuk-body" { "None yet." }
        } @else {
            (table("Requests, reminders and escalations, in the order sent", &headers, rows))
        }
    }
}

#[cfg(test)]
mod tests;
