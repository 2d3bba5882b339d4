//! Small reusable pieces of pages: dates, status tags, countdowns.

use chrono::NaiveDate;
use maud::{Markup, Render, html};

use super::layout::Chrome;

use crate::domain::dates::{self, Countdown};
use crate::domain::regimes;
use crate::domain::vocab::{Assurance, InspectoratePosition, MilestoneState, Rag};

/// A date the UK way, in a `<time>` element machines can read too.
/// A link the viewer may follow, or the same words without one: a page never offers a link
/// its viewer would be refused.
/// The GOV.UK success banner after a change: `heading` says what was done, `more` any next
/// step (empty for none). One per page.
pub fn success_banner(heading: &str, more: Markup) -> Markup {
    html! {
        div class="govuk-notification-banner govuk-notification-banner--success" role="alert"
            aria-labelledby="success-title" data-module="govuk-notification-banner" {
            div class="govuk-notification-banner__header" {
                h2 class="govuk-notification-banner__title" id="success-title" { "Success" }
            }
            div class="govuk-notification-banner__content" {
                p class="govuk-notification-banner__heading" { (heading) }
                (more)
            }
        }
    }
}

pub fn link(chrome: &Chrome, href: &str, text: impl Render) -> Markup {
    html! {
        @if chrome.may_open(href) {
            a class="govuk-link" href=(href) { (text) }
        } @else {
            (text)
        }
    }
}

pub fn date(d: NaiveDate) -> Markup {
    html! { time datetime=(d.format("%Y-%m-%d").to_string()) { (dates::uk_date(d)) } }
}

pub fn optional_date(d: Option<NaiveDate>) -> Markup {
    match d {
        Some(d) => date(d),
        None => html! { span class="app-secondary" { "Not recorded" } },
    }
}

/// Fieldwork dates: both, one of them, or plainly none ("Fieldwork dates not recorded"
/// rather than "Not recorded to Not recorded").
pub fn fieldwork(start: Option<NaiveDate>, end: Option<NaiveDate>) -> Markup {
    match (start, end) {
        (Some(s), Some(e)) => html! { (date(s)) " to " (date(e)) },
        (Some(s), None) => html! { "From " (date(s)) " (end not recorded)" },
        (None, Some(e)) => html! { "Ended " (date(e)) " (start not recorded)" },
        (None, None) => html! { span class="app-secondary" { "Fieldwork dates not recorded" } },
    }
}

fn tag(colour: &str, text: &str) -> Markup {
    html! { strong class={ "govuk-tag govuk-tag--" (colour) } { (text) } }
}

pub fn rag_tag(rag: Option<Rag>) -> Markup {
    match rag {
        Some(Rag::Green) => tag("green", "Green – on track"),
        Some(Rag::Amber) => tag("yellow", "Amber – at risk"),
        Some(Rag::Red) => tag("red", "Red – off track"),
        Some(Rag::Blue) => tag("blue", "Blue – complete"),
        None => tag("grey", "No update yet"),
    }
}

pub fn assurance_tag(level: Option<Assurance>) -> Markup {
    match level {
        Some(Assurance::Substantial) => tag("green", "Substantial"),
        Some(Assurance::Reasonable) => tag("turquoise", "Reasonable"),
        Some(Assurance::Limited) => tag("orange", "Limited"),
        Some(Assurance::NoAssurance) => tag("red", "No assurance"),
        None => tag("grey", "Not yet assessed"),
    }
}

pub fn position_tag(position: Option<InspectoratePosition>) -> Markup {
    match position {
        Some(p @ InspectoratePosition::Met) => tag("green", p.label()),
        Some(p @ InspectoratePosition::PartiallyMet) => tag("yellow", p.label()),
        Some(p @ InspectoratePosition::Open) => tag("orange", p.label()),
        Some(p) => tag("grey", p.label()),
        None => tag("grey", "No position recorded"),
    }
}

pub fn milestone_tag(state: MilestoneState) -> Markup {
    match state {
        MilestoneState::Scheduled => tag("blue", state.label()),
        MilestoneState::Met => tag("green", state.label()),
        MilestoneState::MetLate => tag("yellow", state.label()),
        MilestoneState::Missed => tag("red", state.label()),
    }
}

/// The section 55 clock for a report: days left, overdue, or met (on time or late).
pub fn section_55(published: NaiveDate, response: Option<NaiveDate>, today: NaiveDate) -> Markup {
    let last_day = dates::section_55_last_day(published);
    match dates::section_55_countdown(published, response, today) {
        Countdown::DaysLeft(0) => html! {
            strong class="govuk-tag govuk-tag--orange" { "Response due today" }
        },
        Countdown::DaysLeft(n) => html! {
            strong class="govuk-tag govuk-tag--blue" { (days(n)) " left" }
            " – last day " (date(last_day))
        },
        Countdown::Overdue(n) => html! {
            strong class="govuk-tag govuk-tag--red" { "Overdue by " (days(n)) }
            " – last day was " (date(last_day))
        },
        Countdown::MetOnTime { published } => html! {
            strong class="govuk-tag govuk-tag--green" { "Published on time" }
            " on " (date(published)) " (last day " (date(last_day)) ")"
        },
        Countdown::MetLate {
            published,
            days_late,
        } => html! {
            strong class="govuk-tag govuk-tag--red" { "Published " (days(days_late)) " late" }
            " on " (date(published)) " (last day " (date(last_day)) ")"
        },
    }
}

/// The fire cause-of-concern clock: the service's action plan review, due 28 days after the
/// report or on the day it was extended to – days left, overdue, or received (on time or late).
pub fn plan_review(
    published: NaiveDate,
    extended_to: Option<NaiveDate>,
    received: Option<NaiveDate>,
    today: NaiveDate,
) -> Markup {
    let due = regimes::plan_review_due_on(published, extended_to);
    let countdown = regimes::plan_review_countdown(published, extended_to, received, today);
    let original = regimes::plan_review_due(published);
    html! {
        (review_countdown(countdown, due))
        @if due != original { " (extended from " (date(original)) ")" }
    }
}

fn review_countdown(countdown: Countdown, due: NaiveDate) -> Markup {
    match countdown {
        Countdown::DaysLeft(0) => html! {
            strong class="govuk-tag govuk-tag--orange" { "Review due today" }
        },
        Countdown::DaysLeft(n) => html! {
            strong class="govuk-tag govuk-tag--blue" { (days(n)) " left" }
            " – review due " (date(due))
        },
        Countdown::Overdue(n) => html! {
            strong class="govuk-tag govuk-tag--red" { "Review overdue by " (days(n)) }
            " – due " (date(due))
        },
        Countdown::MetOnTime { published } => html! {
            strong class="govuk-tag govuk-tag--green" { "Review received on time" }
            " on " (date(published)) " (due " (date(due)) ")"
        },
        Countdown::MetLate {
            published,
            days_late,
        } => html! {
            strong class="govuk-tag govuk-tag--red" { "Review received " (days(days_late)) " late" }
            " on " (date(published)) " (due " (date(due)) ")"
        },
    }
}

/// The clock a report's regime carries: section 55, the fire action plan review, or none
/// ("No statutory deadline"). `review` is the fire review's (extended last day, received on).
pub fn statutory_clock(
    regime: regimes::Regime,
    published: NaiveDate,
    response: Option<NaiveDate>,
    review: (Option<NaiveDate>, Option<NaiveDate>),
    today: NaiveDate,
) -> Markup {
    match regime {
        regimes::Regime::Section55 => section_55(published, response, today),
        regimes::Regime::FireCauseOfConcern => plan_review(published, review.0, review.1, today),
        regimes::Regime::None => html! { span class="app-secondary" { "No statutory deadline" } },
    }
}

/// The office's own name above the inspected body's, in a page's heading area: whose record
/// this is (a PCC or a police, fire and crime commissioner) and which body it is about.
pub fn office_and_body(office: &str, body: &str) -> Markup {
    html! {
        p class="govuk-caption-l app-office-body" {
            span class="app-office" { (office) }
            br;
            strong class="app-body" { (body) }
        }
    }
}

/// "1 day", "2 days".
pub fn days(n: i64) -> String {
    if n == 1 || n == -1 {
        format!("{n} day")
    } else {
        format!("{n} days")
    }
}

/// One row of a GOV.UK summary list.
pub fn summary_row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}
