//! Meeting pages: the list (upcoming and past) and one meeting with its agenda, update
//! requests, actions arising and saved packs.

use crate::views::components::summary_row;
use chrono::NaiveDate;
use maud::{Markup, html};

use super::arising::arising_table;
use super::components;
use super::forms;
use super::layout::{Chrome, page};
use super::meeting_forms::subject_options;
use crate::db::agenda::AgendaItemRow;
use crate::db::arising::ArisingRow;
use crate::db::meetings::{LinkOption, MeetingRow};
use crate::db::packs::PackSummaryRow;
use crate::domain::dates;
use crate::domain::meetings::{UpdateOutcome, is_upcoming, parse_starts_at};
use crate::domain::vocab::MeetingStatus;

/// "23 March 2026, 2:00pm", or the stored text if it cannot be read.
pub fn starts(text: &str) -> String {
    parse_starts_at(text).map_or_else(|| text.to_string(), dates::uk_datetime)
}

fn meetings_table(caption: &str, meetings: &[&MeetingRow]) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--m" { (caption) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Date and time" }
                    th scope="col" class="govuk-table__header" { "Meeting" }
                    th scope="col" class="govuk-table__header" { "Kind" }
                    th scope="col" class="govuk-table__header" { "Status" }
                } }
                tbody class="govuk-table__body" {
                    @for m in meetings { tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (starts(&m.starts_at)) }
                        td class="govuk-table__cell" {
                            a class="govuk-link" href={ "/meetings/" (m.id) } { (m.title) }
                        }
                        td class="govuk-table__cell" { (m.kind.label()) }
                        td class="govuk-table__cell" { (m.status.label()) }
                    } }
                    @if meetings.is_empty() { tr class="govuk-table__row" {
                        td class="govuk-table__cell" colspan="4" { "None." }
                    } }
                }
            }
        }
    }
}

pub fn index_page(
    chrome: &Chrome,
    meetings: &[MeetingRow],
    today: NaiveDate,
    can_edit: bool,
) -> Markup {
    let (mut upcoming, past): (Vec<&MeetingRow>, Vec<&MeetingRow>) = meetings
        .iter()
        .partition(|m| is_upcoming(&m.starts_at, today));
    upcoming.reverse();
    page(
        chrome,
        "Meetings",
        html! {
            h1 class="govuk-heading-l" { "Meetings" }
            @if can_edit {
                p class="govuk-body" { a class="govuk-button" href="/meetings/new" { "Add a meeting" } }
            }
            p class="govuk-body" {
                a class="govuk-link" href="/actions-arising" { "Actions arising from meetings" }
            }
            (meetings_table("Upcoming", &upcoming))
            (meetings_table("Past", &past))
        },
    )
}

/// Everything the meeting page shows, already loaded.
pub struct MeetingView<'a> {
    /// Set when it was withdrawn as entered in error.
    pub withdrawal: Option<&'a crate::domain::withdrawals::Withdrawal>,
    pub meeting: &'a MeetingRow,
    pub agenda: &'a [AgendaItemRow],
    pub requests: &'a [(String, UpdateOutcome)],
    pub arising: &'a [ArisingRow],
    pub packs: &'a [PackSummaryRow],
    pub link_options: &'a [LinkOption],
    pub today: NaiveDate,
    pub can_edit: bool,
    pub csrf_token: &'a str,
    /// Its papers and minutes as files.
    pub files: &'a [crate::db::evidence::FileRow],
}

fn details(m: &MeetingRow) -> Markup {
    html! {
        dl class="govuk-summary-list" {
            (summary_row("Kind", html! { (m.kind.label()) }))
            (summary_row("Date and time", html! { (starts(&m.starts_at)) }))
            (summary_row("Location", html! { (m.location) }))
            (summary_row("Attendees", html! { (m.attendees) }))
            (summary_row("Status", html! { (m.status.label()) }))
            (summary_row("Update deadline", components::optional_date(m.update_deadline)))
            (summary_row("Minutes (internal)", html! { (m.minutes.as_deref().unwrap_or("None yet")) }))
            (summary_row("Public summary", html! { (m.public_summary.as_deref().unwrap_or("None yet")) }))
        }
    }
}

pub fn show_page(chrome: &Chrome, v: &MeetingView<'_>) -> Markup {
    let m = v.meeting;
    page(
        chrome,
        &m.title,
        html! {
            span class="govuk-caption-l" { (m.kind.label()) }
            h1 class="govuk-heading-l" { (m.title) }
            (super::withdrawals::notice(chrome, crate::domain::withdrawals::Withdrawable::Meeting, m.id, v.withdrawal))
            @if v.can_edit {
                p class="govuk-body" { a class="govuk-link" href={ "/meetings/" (m.id) "/edit" } { "Edit meeting details" } }
            }
            (details(m))
            p class="govuk-body" {
                a class="govuk-button" href={ "/meetings/" (m.id) "/pack" } { "Meeting pack" }
            }
            (super::agenda::agenda_table(m.id, v.agenda, v.can_edit))
            (requests_section(v))
            h2 class="govuk-heading-m" { "Actions arising" }
            (arising_table(chrome, "Actions arising from this meeting", v.arising, v.today, v.can_edit))
            @if v.can_edit {
                p class="govuk-body" {
                    a class="govuk-link" href={ "/meetings/" (m.id) "/actions-arising/new" } { "Add an action arising" }
                }
            }
            (packs_list(m.id, v.packs))
            (super::evidence::evidence_section(chrome, crate::domain::evidence::Attached { to: crate::domain::vocab::AttachedTo::Meeting, id: m.id }, v.files))
        },
    )
}

fn requests_section(v: &MeetingView<'_>) -> Markup {
    let m = v.meeting;
    html! {
        h2 class="govuk-heading-m" { "Update requests" }
        p class="govuk-body" {
            @if let Some(d) = m.update_deadline {
                "The force must update these items by " (components::date(d)) "."
            } @else { "No update deadline has been set." }
        }
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Items the force must update" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Item" }
                    th scope="col" class="govuk-table__header" { "Update" }
                } }
                tbody class="govuk-table__body" {
                    @for (label, outcome) in v.requests { tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (label) }
                        td class="govuk-table__cell" { (outcome_tag(*outcome)) }
                    } }
                    @if v.requests.is_empty() { tr class="govuk-table__row" {
                        td class="govuk-table__cell" colspan="2" { "No items named." }
                    } }
                }
            }
        }
        @if v.can_edit && m.status == MeetingStatus::Planned {
            form method="post" action={ "/meetings/" (m.id) "/update-requests" } {
                (forms::csrf(v.csrf_token))
                (forms::grouped_select("item", "Name an item the force must update", &subject_options(v.link_options), "", Some("Choose an action or finding"), &crate::forms::FieldErrors::default()))
                (forms::submit("Add to update requests"))
            }
        }
    }
}

/// "Update received", "Awaiting update" or "No update received" (not the same as no progress).
pub fn outcome_tag(outcome: UpdateOutcome) -> Markup {
    let colour = match outcome {
        UpdateOutcome::Received => "green",
        UpdateOutcome::Awaiting | UpdateOutcome::NoDeadline => "grey",
        UpdateOutcome::NotReceived => "orange",
    };
    html! { strong class={ "govuk-tag govuk-tag--" (colour) } { (outcome.label()) } }
}

fn packs_list(meeting_id: i64, packs: &[PackSummaryRow]) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Packs of record" }
        @if packs.is_empty() {
            p class="govuk-body" { "No pack has been saved for this meeting." }
        } @else {
            ul class="govuk-list" {
                @for p in packs { li {
                    a class="govuk-link" href={ "/meetings/" (meeting_id) "/packs/" (p.id) } {
                        "Pack saved " (dates::uk_instant(p.saved_at))
                    }
                    " by " (p.saved_by_name) " – SHA-256 " code { (p.sha256) }
                } }
            }
        }
    }
}
