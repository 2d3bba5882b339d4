//! "What changed" between two editions, in plain English; shared with the office's preview.

use maud::{Markup, html};

use super::site_nav;
use crate::domain::dates::{days_between, uk_date};
use crate::domain::edition::{Changes, FindingRef};
use crate::views::components;
use crate::views::layout::{Chrome, page};

pub fn changes_page(chrome: &Chrome, from: i64, to: i64, changes: &Changes) -> Markup {
    let title = format!("What changed between edition {from} and edition {to}");
    page(
        chrome,
        &title,
        html! {
            h1 class="govuk-heading-xl" { (title) }
            (site_nav())
            p class="govuk-body" {
                a class="govuk-link" href={ "/editions/" (from) } { "Edition " (from) }
                " · "
                a class="govuk-link" href={ "/editions/" (to) } { "Edition " (to) }
            }
            (changes_list(changes))
        },
    )
}

fn finding(r: &FindingRef) -> String {
    format!(
        "{} {} ({})",
        r.kind.label(),
        r.reference,
        r.inspection_title
    )
}

/// Every change as a sentence, grouped under headings; a plain statement when nothing changed.
pub fn changes_list(c: &Changes) -> Markup {
    html! {
        @if c.is_empty() {
            p class="govuk-body" { "Nothing has changed." }
        }
        (section("Findings added", c.added_findings.iter().map(|r| html! { (finding(r)) " was added." })))
        (section("Findings removed", c.removed_findings.iter().map(|r| html! { (finding(r)) " is no longer listed." })))
        (section("Public summaries published or changed", c.summaries_published.iter().map(|r| html! {
            "A new public summary of " (finding(r)) " was published."
        })))
        (section("Changes in the three voices", c.voice_changes.iter().map(|v| html! {
            (v.voice) " on " (finding(&v.finding)) " changed from “" (v.from) "” to “" (v.to) "”."
        })))
        (section("Milestone dates moved", c.milestone_dates.iter().map(|m| {
            let days = days_between(m.from_due, m.to_due);
            html! {
                "“" (m.title) "” moved from " (uk_date(m.from_due)) " to " (uk_date(m.to_due))
                @if days > 0 { " – " (days) " days later." } @else { " – " (-days) " days earlier." }
            }
        })))
        (section("Milestones that changed state", c.milestone_states.iter().map(|m| html! {
            "“" (m.title) "” went from " (m.from_state.label().to_lowercase()) " to " (m.to_state.label().to_lowercase()) "."
        })))
        (section("New milestones", c.new_milestones.iter().map(|t| html! { "“" (t) "” was added." })))
        (section("New published updates", c.new_updates.iter().map(|u| html! {
            (components::date(u.as_at)) ", " (u.rag.label())
            @if let Some(r) = &u.action_reference { " (" (r) ")" }
            ": " (u.summary)
        })))
        (section("New meeting summaries", c.new_meetings.iter().map(|m| html! {
            (m.kind.label()) " on " (uk_date(m.starts_at.date())) ": " (m.title) ". " (m.summary)
        })))
        (section("Responses published or revised", c.responses_published.iter().map(|(report, title)| html! {
            "“" (title) "” on " (report) " was published."
        })))
    }
}

fn section(heading: &str, items: impl Iterator<Item = Markup>) -> Markup {
    let items: Vec<Markup> = items.collect();
    html! {
        @if !items.is_empty() {
            h2 class="govuk-heading-m" { (heading) " (" (items.len()) ")" }
            ul class="govuk-list govuk-list--bullet" {
                @for item in items { li { (item) } }
            }
        }
    }
}
