//! A report's response clocks: the section on its page (each rule's period, original and
//! current last day, extensions like milestone revisions, where it stands, the responses
//! sent) and the office's two forms – record an extension, record the response as sent.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{self, date, summary_row};
use super::forms::{self, Field};
use super::layout::{Chrome, page};
use crate::domain::clocks::{ClockState, Extension, ReportClock};
use crate::domain::dates::Countdown;
use crate::domain::numbers;
use crate::forms::FieldErrors;
use crate::forms::clocks::{ExtensionForm, SentForm};

/// Where one report's clock lives on the site.
pub fn clock_path(inspection_id: i64, rule_id: i64) -> String {
    format!("/inspections/{inspection_id}/clocks/{rule_id}")
}

/// The "Response clocks" section of an inspection's page.
pub fn section(chrome: &Chrome, inspection_id: i64, clocks: &[ReportClock]) -> Markup {
    html! {
        section class="app-section" aria-labelledby="response-clocks" {
            h2 class="govuk-heading-m" id="response-clocks" { "Response clocks" }
            p class="govuk-body" {
                "Each response owed under a rule that applies to this report: who owes it to whom, "
                "by when, and whether it was sent in time. "
                (components::link(chrome, "/rules", "See every response rule"))
            }
            @if clocks.is_empty() {
                p class="govuk-body" { "No response rule applies to this report." }
            }
            @for clock in clocks { (one(chrome, inspection_id, clock)) }
        }
    }
}

/// One clock: the rule's words, its dates, where it stands, its history and the office's links.
fn one(chrome: &Chrome, inspection_id: i64, c: &ReportClock) -> Markup {
    let rule = &c.rule;
    let base = clock_path(inspection_id, rule.id);
    let extend = format!("{base}/extensions/new");
    let sent = format!("{base}/sent/new");
    html! {
        div class="app-milestone app-clock" id={ "clock-" (rule.id) } {
            h3 class="govuk-heading-s" { (rule.name) " " (state_tag(c.state())) }
            dl class="govuk-summary-list" {
                (summary_row("Owed by", html! { (rule.owed_by) }))
                (summary_row("Owed to", html! { (rule.owed_to) }))
                (summary_row("Period", html! { (rule.period()) }))
                (summary_row("Clock started", date(c.starts)))
                (summary_row("Original last day", date(c.original_last_day)))
                @if !c.extensions.is_empty() {
                    (summary_row("Current last day", date(c.last_day)))
                    (summary_row("Extensions", html! {
                        "Extended " (numbers::count(c.slips.count, "time", "times")) ", "
                        (numbers::count(c.slips.days, "day", "days")) " in all"
                    }))
                }
                (summary_row("Where it stands", countdown(c)))
                @if !rule.publish.is_empty() {
                    (summary_row("What must be published, and where", html! { (rule.publish) }))
                }
            }
            @if !c.extensions.is_empty() { (extension_table(c.original_last_day, &c.extensions)) }
            @if !c.sent.is_empty() { (sent_table(c)) }
            @let document = format!("{base}/document");
            @if chrome.may_open(&document) {
                p class="govuk-body" {
                    a class="govuk-link" href=(document) { "The response document" span class="govuk-visually-hidden" { ": " (rule.name) } }
                    " (to print, or as an OpenDocument text file)"
                }
            }
            @if chrome.may_open(&sent) {
                p class="govuk-body" {
                    @if rule.extendable() {
                        a class="govuk-link" href=(extend) { "Record an extension" span class="govuk-visually-hidden" { " of " (rule.name) } }
                    } @else {
                        span class="app-secondary" { "This period cannot be extended" }
                    }
                    " · "
                    a class="govuk-link" href=(sent) { "Record the response as sent" span class="govuk-visually-hidden" { ": " (rule.name) } }
                }
            }
        }
    }
}

/// A clock's state as a tag.
pub fn state_tag(state: ClockState) -> Markup {
    let colour = match state {
        ClockState::Overdue => "red",
        ClockState::DueSoon => "orange",
        ClockState::Running => "blue",
        ClockState::MetLate => "yellow",
        ClockState::Met => "green",
    };
    html! { strong class={ "govuk-tag govuk-tag--" (colour) } { (state.label()) } }
}

/// Where a clock stands, in the words of the section 55 countdown: days left, overdue by so
/// many days, or met (on time or late) on a date.
pub fn countdown(c: &ReportClock) -> Markup {
    let last = date(c.last_day);
    match c.countdown {
        Countdown::DaysLeft(0) => html! { strong { "Due today" } " – the last day is " (last) },
        Countdown::DaysLeft(n) => {
            html! { strong { (components::days(n)) " left" } " – the last day is " (last) }
        }
        Countdown::Overdue(n) => html! {
            strong { "Overdue by " (components::days(n)) } " – the last day was " (last)
        },
        Countdown::MetOnTime { published } => html! {
            strong { "Met on time" } " on " (date(published)) " (last day " (last) ")"
        },
        Countdown::MetLate {
            published,
            days_late,
        } => html! {
            strong { "Met " (components::days(days_late)) " late" } " on " (date(published))
            " (last day " (last) ")"
        },
    }
}

/// The extensions, oldest first, like a milestone's revision history.
fn extension_table(original: NaiveDate, extensions: &[Extension]) -> Markup {
    let froms = std::iter::once(original).chain(extensions.iter().map(|e| e.new_last_day));
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Extensions granted" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "From" }
                    th scope="col" class="govuk-table__header" { "New last day" }
                    th scope="col" class="govuk-table__header" { "Reason" }
                    th scope="col" class="govuk-table__header" { "Granted by" }
                    th scope="col" class="govuk-table__header" { "Granted on" }
                    th scope="col" class="govuk-table__header" { "Requested on" }
                } }
                tbody class="govuk-table__body" {
                    @for (e, from) in extensions.iter().zip(froms) {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (date(from)) }
                            td class="govuk-table__cell" { (date(e.new_last_day)) }
                            td class="govuk-table__cell" { (e.reason) }
                            td class="govuk-table__cell" { (e.granted_by) }
                            td class="govuk-table__cell" { (date(e.granted_on)) }
                            td class="govuk-table__cell" { (components::optional_date(e.requested_on)) }
                        }
                    }
                }
            }
        }
    }
}

/// The responses sent, oldest first.
fn sent_table(c: &ReportClock) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Responses sent" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Sent on" }
                    th scope="col" class="govuk-table__header" { "Sent to" }
                    th scope="col" class="govuk-table__header" { "Note" }
                } }
                tbody class="govuk-table__body" {
                    @for s in &c.sent {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (date(s.sent_on)) }
                            td class="govuk-table__cell" { (s.sent_to) }
                            td class="govuk-table__cell" { (s.note.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    }
}

/// What a clock form shows besides what was typed.
pub struct ClockFormPage<'a> {
    pub inspection_id: i64,
    pub title: &'a str,
    pub body_name: &'a str,
    pub clock: &'a ReportClock,
}

/// The lines above a clock form: the report, the rule and its dates as they stand.
fn about(p: &ClockFormPage<'_>, heading: &str, errors: &FieldErrors) -> Markup {
    let c = p.clock;
    html! {
        (forms::error_summary(errors))
        span class="govuk-caption-l" { (p.body_name) " – " (p.title) }
        h1 class="govuk-heading-l" { (heading) }
        dl class="govuk-summary-list" {
            (summary_row("Rule", html! { (c.rule.name) }))
            (summary_row("Period", html! { (c.rule.period()) }))
            (summary_row("Original last day", date(c.original_last_day)))
            @if c.last_day != c.original_last_day {
                (summary_row("Current last day", date(c.last_day)))
            }
            (summary_row("Where it stands", countdown(c)))
        }
    }
}

fn csrf(chrome: &Chrome) -> Markup {
    let token = chrome.user.as_ref().map(|u| u.csrf_token.as_str());
    forms::csrf(token.unwrap_or_default())
}

fn back(p: &ClockFormPage<'_>) -> Markup {
    html! {
        p class="govuk-body" {
            a class="govuk-link" href={ "/inspections/" (p.inspection_id) "#clock-" (p.clock.rule.id) } {
                "Back to the report"
            }
        }
    }
}

/// "Record an extension": a new last day, granted on a day by someone, for a reason.
pub fn extension_page(
    chrome: &Chrome,
    p: &ClockFormPage<'_>,
    f: &ExtensionForm,
    errors: &FieldErrors,
) -> Markup {
    let heading = "Record an extension";
    let action = format!(
        "{}/extensions",
        clock_path(p.inspection_id, p.clock.rule.id)
    );
    page(
        chrome,
        heading,
        html! {
            (about(p, heading, errors))
            @if !p.clock.rule.extendable() {
                div class="govuk-warning-text" {
                    span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                    strong class="govuk-warning-text__text" {
                        span class="govuk-visually-hidden" { "Warning" }
                        (p.clock.rule.name) " cannot be extended: the law sets the period."
                    }
                }
            }
            p class="govuk-body" {
                "The original last day is kept; the extension is counted as a slip, like a milestone revision."
            }
            form method="post" action=(action) novalidate {
                (csrf(chrome))
                (forms::date_input("new_last_day", "New last day", Some("Later than the current last day. For example, 27 3 2024"), &f.new_last_day(), errors))
                (forms::date_input("requested_on", "Requested on", Some("Optional: the day the extension was asked for"), &f.requested_on(), errors))
                (forms::date_input("granted_on", "Granted on", None, &f.granted_on(), errors))
                (forms::input(&Field { hint: Some("For example, HM Senior Coroner for Derby and Derbyshire"), ..Field::text("granted_by", "Granted by", &f.granted_by) }, errors))
                (forms::textarea("reason", "Reason", None, &f.reason, errors))
                (forms::submit("Save the extension"))
            }
            (back(p))
        },
    )
}

/// "Record the response as sent": when, to whom, and a note.
pub fn sent_page(
    chrome: &Chrome,
    p: &ClockFormPage<'_>,
    f: &SentForm,
    errors: &FieldErrors,
) -> Markup {
    let heading = "Record the response as sent";
    let action = format!("{}/sent", clock_path(p.inspection_id, p.clock.rule.id));
    page(
        chrome,
        heading,
        html! {
            (about(p, heading, errors))
            p class="govuk-body" { "The first response sent meets the clock: on time if on or before the current last day." }
            form method="post" action=(action) novalidate {
                (csrf(chrome))
                (forms::date_input("sent_on", "Sent on", Some("For example, 27 3 2024"), &f.sent_on(), errors))
                (forms::input(&Field::text("sent_to", "Sent to", &f.sent_to), errors))
                (forms::textarea("note", "Note", Some("Optional: how it was sent, or what it covered"), &f.note, errors))
                (forms::submit("Save the response sent"))
            }
            (back(p))
        },
    )
}
