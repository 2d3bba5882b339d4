//! The calendar subscriptions page: create (the address is shown once), list and revoke.

use maud::{Markup, html};

use super::forms;
use super::layout::{Chrome, page};
use crate::db::calendar::FeedRow;
use crate::domain::dates;

fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    dates::uk_instant(at)
}

pub fn index_page(chrome: &Chrome, feeds: &[FeedRow], new_url: Option<&str>, csrf: &str) -> Markup {
    page(
        chrome,
        "Calendar subscriptions",
        html! {
            h1 class="govuk-heading-l" { "Calendar subscriptions" }
            p class="govuk-body" {
                "A private address your calendar (Outlook, Google Calendar, Apple Calendar) can subscribe to: "
                "it carries meetings, milestone due dates and actions arising. Anyone with the address can read "
                "it, so keep it private, and revoke it if it is shared by mistake."
            }
            @if let Some(url) = new_url {
                div class="govuk-panel app-new-secret" role="status" {
                    h2 class="govuk-heading-m" { "Your new subscription address" }
                    p class="govuk-body" { "Copy it now: it will not be shown again." }
                    p class="govuk-body" { code id="feed-url" { (url) } }
                }
            }
            form method="post" action="/calendar" {
                (forms::csrf(csrf))
                (forms::submit("Create a subscription address"))
            }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Your subscription addresses" }
                    thead class="govuk-table__head" { tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Created" }
                        th scope="col" class="govuk-table__header" { "Status" }
                        th scope="col" class="govuk-table__header" { span class="govuk-visually-hidden" { "Action" } }
                    } }
                    tbody class="govuk-table__body" {
                        @for f in feeds { tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (when(f.created_at)) }
                            td class="govuk-table__cell" {
                                @if let Some(r) = f.revoked_at { "Revoked " (when(r)) } @else { "Active" }
                            }
                            td class="govuk-table__cell" {
                                @if f.revoked_at.is_none() {
                                    form method="post" action={ "/calendar/" (f.id) "/revoke" } class="app-inline-form" {
                                        (forms::csrf(csrf))
                                        button type="submit" class="app-link-button" { "Revoke" span class="govuk-visually-hidden" { " address " (f.id) } }
                                    }
                                }
                            }
                        } }
                        @if feeds.is_empty() { tr class="govuk-table__row" {
                            td class="govuk-table__cell" colspan="3" { "You have no subscription addresses." }
                        } }
                    }
                }
            }
        },
    )
}
