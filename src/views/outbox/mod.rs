//! Mail in the browser: the administrator's outbox (each message readable, the server's reply
//! included, failed ones sent again) and each person's choice of the emails they get.

use maud::{Markup, html};

use super::components::{link, success_banner, summary_row};
use super::forms;
use super::layout::{Chrome, page};
use crate::db::mail::{MailRow, Preferences};
use crate::domain::dates::uk_stored_instant;
use crate::domain::vocab::{MailStatus, SubscriptionScope};
use crate::mail::Readiness;

/// How much of the server's last reply the list shows; the message's page has all of it.
const REPLY_SHOWN: usize = 120;

fn token(chrome: &Chrome) -> &str {
    chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or_default()
}

pub fn index_page(
    chrome: &Chrome,
    mail: Readiness,
    counts: &[(MailStatus, i64)],
    messages: &[MailRow],
    filter: Option<MailStatus>,
    subscriptions: &[(SubscriptionScope, i64)],
) -> Markup {
    page(
        chrome,
        "Mail",
        html! {
            h1 class="govuk-heading-l" { "Mail" }
            (readiness(mail))
            (status_filter(counts, filter))
            @if messages.is_empty() {
                p class="govuk-body" { "No messages." }
            } @else {
                (message_table(chrome, messages, filter))
            }
            (subscription_counts(subscriptions))
        },
    )
}

/// Whether mail leaves, in words; a warning when it does not.
fn readiness(mail: Readiness) -> Markup {
    html! {
        @if mail == Readiness::Ready {
            div class="govuk-inset-text" { (mail.explanation()) }
        } @else {
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" {
                    span class="govuk-visually-hidden" { "Warning" }
                    (mail.explanation())
                }
            }
        }
    }
}

fn status_filter(counts: &[(MailStatus, i64)], filter: Option<MailStatus>) -> Markup {
    let count = |s: MailStatus| counts.iter().find(|(c, _)| *c == s).map_or(0, |(_, n)| *n);
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    html! {
        nav aria-label="Messages by status" {
            ul class="govuk-list app-inline-list" {
                li {
                    a class="govuk-link" href="/admin/mail" aria-current=[filter.is_none().then_some("page")] {
                        "All (" (total) ")"
                    }
                }
                @for s in MailStatus::ALL {
                    li {
                        a class="govuk-link" href={ "/admin/mail?status=" (s.as_str()) }
                            aria-current=[(filter == Some(*s)).then_some("page")] {
                            (s.label()) " (" (count(*s)) ")"
                        }
                    }
                }
            }
        }
    }
}

fn status_tag(status: MailStatus) -> Markup {
    let colour = match status {
        MailStatus::Queued => "blue",
        MailStatus::Sent => "green",
        MailStatus::Failed => "red",
    };
    html! { strong class={ "govuk-tag govuk-tag--" (colour) } { (status.label()) } }
}

/// The first [`REPLY_SHOWN`] characters, with an ellipsis when there were more.
fn shortened(reply: &str) -> String {
    if reply.chars().count() <= REPLY_SHOWN {
        return reply.to_string();
    }
    let cut: String = reply.chars().take(REPLY_SHOWN).collect();
    format!("{}…", cut.trim_end())
}

fn message_table(chrome: &Chrome, messages: &[MailRow], filter: Option<MailStatus>) -> Markup {
    let caption = match filter {
        Some(s) => format!("Latest messages: {}", s.label().to_lowercase()),
        None => "Latest messages".to_string(),
    };
    let headers = [
        "Created",
        "Kind",
        "To",
        "Subject",
        "Status",
        "Attempts",
        "Server's last reply",
    ];
    html! {
        div class="app-table-wrapper" { table class="govuk-table" {
            caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
            thead class="govuk-table__head" { tr class="govuk-table__row" {
                @for h in headers { th scope="col" class="govuk-table__header" { (h) } }
            } }
            tbody class="govuk-table__body" {
                @for m in messages {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (uk_stored_instant(&m.created_at)) }
                        td class="govuk-table__cell" { (m.kind.label()) }
                        td class="govuk-table__cell app-break" { (m.to_address) }
                        td class="govuk-table__cell app-break" { (link(chrome, &format!("/admin/mail/{}", m.id), &m.subject)) }
                        td class="govuk-table__cell" { (status_tag(m.status)) }
                        td class="govuk-table__cell" { (m.attempts) }
                        td class="govuk-table__cell app-break" { (shortened(m.last_reply.as_deref().unwrap_or_default())) }
                    }
                }
            }
        } }
    }
}

/// How many follow each part of the public site: numbers only, never an address.
fn subscription_counts(subscriptions: &[(SubscriptionScope, i64)]) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Public subscriptions" }
        p class="govuk-body" {
            "Confirmed sign-ups for email about new editions of the progress site. Addresses are "
            "kept only to send these emails and are deleted when someone unsubscribes."
        }
        @if subscriptions.iter().all(|(_, n)| *n == 0) {
            p class="govuk-body" { "No one has confirmed a subscription yet." }
        } @else {
            dl class="govuk-summary-list" {
                @for (scope, n) in subscriptions {
                    (summary_row(scope.label(), html! { (n) }))
                }
            }
        }
    }
}

pub fn show_page(chrome: &Chrome, m: &MailRow) -> Markup {
    let retry = format!("/admin/mail/{}/retry", m.id);
    page(
        chrome,
        &m.subject,
        html! {
            p class="govuk-body" { (link(chrome, "/admin/mail", "Back to the outbox")) }
            span class="govuk-caption-l" { "Message" }
            h1 class="govuk-heading-l app-break" { (m.subject) }
            (message_facts(m))
            @if m.status == MailStatus::Failed && chrome.may_post(&retry) {
                form method="post" action=(retry) novalidate {
                    (forms::csrf(token(chrome)))
                    (forms::submit("Send again"))
                }
            }
            h2 class="govuk-heading-m" { "Plain-text part" }
            pre class="app-code" { (m.text_body) }
            // Shown as its source, escaped: a message's HTML is never rendered in our pages.
            details class="govuk-details" {
                summary class="govuk-details__summary" {
                    span class="govuk-details__summary-text" { "HTML part (source)" }
                }
                div class="govuk-details__text" { pre class="app-code" { code { (m.html_body) } } }
            }
        },
    )
}

fn message_facts(m: &MailRow) -> Markup {
    let none = |text: &'static str| html! { span class="app-secondary" { (text) } };
    html! {
        dl class="govuk-summary-list" {
            (summary_row("To", html! { span class="app-break" { (m.to_address) } }))
            (summary_row("Kind", html! { (m.kind.label()) }))
            (summary_row("Status", status_tag(m.status)))
            (summary_row("Attempts", html! { (m.attempts) }))
            (summary_row("Created", html! { (uk_stored_instant(&m.created_at)) }))
            (summary_row("Sent", match &m.sent_at {
                Some(at) => html! { (uk_stored_instant(at)) },
                None => none("Not yet"),
            }))
            @if m.status == MailStatus::Queued {
                (summary_row("Next try", html! { (uk_stored_instant(&m.next_attempt_at)) }))
            }
            (summary_row("Message-ID", html! { code class="app-break" { (m.message_id) } }))
            (summary_row("Server's reply", match &m.last_reply {
                Some(reply) => html! { span class="app-break" { (reply) } },
                None => none("None yet"),
            }))
            @if let Some(url) = &m.unsubscribe_url {
                (summary_row("List-Unsubscribe", html! { code class="app-break" { (url) } }))
            }
        }
    }
}

pub fn preferences_page(chrome: &Chrome, p: Preferences, email: &str, saved: bool) -> Markup {
    let choices = [
        (
            "due_soon",
            p.due_soon,
            "Milestones due soon – before each due date, as the office has set",
        ),
        (
            "overdue",
            p.overdue,
            "Milestones and actions arising overdue",
        ),
        (
            "stale",
            p.stale,
            "Items of yours with no update for a while",
        ),
        (
            "digest",
            p.digest,
            "A weekly digest of what you own and what changed",
        ),
    ];
    page(
        chrome,
        "Email",
        html! {
            div class="govuk-grid-row" { div class="govuk-grid-column-two-thirds" {
                @if saved { (success_banner("Email choices saved", html! {})) }
                h1 class="govuk-heading-l" { "Email" }
                p class="govuk-body" { "Emails go to " strong class="app-break" { (email) } "." }
                form method="post" action="/account/mail" novalidate {
                    (forms::csrf(token(chrome)))
                    div class="govuk-form-group" {
                        fieldset class="govuk-fieldset" aria-describedby="mail-hint" {
                            legend class="govuk-fieldset__legend govuk-fieldset__legend--m" { "Which emails do you want?" }
                            div class="govuk-hint" id="mail-hint" {
                                "Requests for updates from the office always go."
                            }
                            div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                                @for (name, checked, label) in choices { (checkbox(name, checked, label)) }
                            }
                        }
                    }
                    (forms::submit("Save"))
                }
            } }
        },
    )
}

fn checkbox(name: &str, checked: bool, label: &str) -> Markup {
    html! {
        div class="govuk-checkboxes__item" {
            input class="govuk-checkboxes__input" id=(name) name=(name) type="checkbox"
                value="on" checked[checked];
            label class="govuk-label govuk-checkboxes__label" for=(name) { (label) }
        }
    }
}

#[cfg(test)]
mod tests;
