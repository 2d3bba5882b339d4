//! The meeting pack: facts assembled from the record for one meeting, laid out to print
//! (each section starts a new page; a running header names the meeting and its date).

use maud::{Markup, PreEscaped, html};

use super::components;
use super::forms;
use super::layout::{Chrome, page};
use super::meetings::starts;
use crate::db::meetings::MeetingRow;
use crate::db::packs::PackRow;
use crate::domain::dates;
use crate::domain::packs::{PackFacts, number};
use crate::domain::vocab::assurance_label;

fn section(id: &str, title: &str, empty: bool, body: Markup) -> Markup {
    html! {
        section class="app-pack-section" aria-labelledby=(id) {
            h2 class="govuk-heading-m" id=(id) { (title) }
            @if empty { p class="govuk-body" { "None." } } @else { (body) }
        }
    }
}

fn table(caption: &str, headers: &[&str], rows: Vec<Vec<Markup>>) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-visually-hidden" { (caption) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    @for h in headers { th scope="col" class="govuk-table__header" { (h) } }
                } }
                tbody class="govuk-table__body" {
                    @for row in rows { tr class="govuk-table__row" {
                        @for cell in row { td class="govuk-table__cell" { (cell) } }
                    } }
                }
            }
        }
    }
}

fn action_link(id: i64, reference: &str) -> Markup {
    html! { a class="govuk-link" href={ "/actions/" (id) } { (reference) } }
}

/// The pack itself: the part that is saved as the pack of record.
pub fn pack_body(meeting: &MeetingRow, f: &PackFacts) -> Markup {
    let when = starts(&meeting.starts_at);
    html! {
        article class="app-pack" {
            div class="app-pack-running-header" aria-hidden="true" { (meeting.title) " – " (when) }
            span class="govuk-caption-l" { "Meeting pack" }
            h1 class="govuk-heading-l" { (meeting.title) }
            p class="govuk-body" {
                (when) ". Overdue items are counted to " (components::date(f.as_at)) "; "
                "the look-ahead runs to " (components::date(f.lookahead_to)) "; "
                @if let Some(p) = f.previous_meeting { "changes are since the previous meeting on " (components::date(p)) "." }
                @else { "there was no previous meeting." }
            }
            (section("overdue", "Overdue milestones and actions arising", f.overdue_milestones.is_empty() && f.overdue_arising.is_empty(), html! {
                (table("Overdue milestones", &["Action", "Milestone", "Due", "Days overdue"], f.overdue_milestones.iter().map(|o| vec![
                    action_link(o.item.action_id, &o.item.action_reference), html! { (o.item.title) },
                    components::date(o.item.current_due_on), html! { (o.days_overdue) },
                ]).collect()))
                (table("Overdue actions arising", &["Action arising", "Owner", "Due", "Days overdue"], f.overdue_arising.iter().map(|o| vec![
                    html! { a class="govuk-link" href={ "/actions-arising#arising-" (o.item.id) } { (o.item.description) } },
                    html! { (o.item.owner) }, components::date(o.item.due_on), html! { (o.days_overdue) },
                ]).collect()))
            }))
            (section("due-soon", "Milestones due before the next meeting", f.due_soon.is_empty(),
                table("Milestones due", &["Action", "Milestone", "Due"], f.due_soon.iter().map(|m| vec![
                    action_link(m.action_id, &m.action_reference), html! { (m.title) }, components::date(m.current_due_on),
                ]).collect())))
            (section("revised", "Milestones revised since the previous meeting", f.revised.is_empty(),
                table("Revised milestones", &["Action", "Milestone", "Moved from", "Moved to", "Reason"], f.revised.iter().map(|r| vec![
                    action_link(r.milestone.action_id, &r.milestone.action_reference), html! { (r.milestone.title) },
                    components::date(r.revision.previous_due_on), components::date(r.revision.new_due_on),
                    html! { strong { (r.revision.reason_category.label()) } ": " (r.revision.reason) },
                ]).collect())))
            (section("stale", "Stale items (no recent update)", f.stale.is_empty(),
                table("Stale items", &["Action", "Title", "Last update"], f.stale.iter().map(|s| vec![
                    action_link(s.action.id, &s.action.reference), html! { (s.action.title) },
                    html! { @if let Some(d) = s.last_update { (components::date(d)) } @else { "Never updated" } },
                ]).collect())))
            (section("no-update", "No update received", f.no_update.is_empty(), html! {
                p class="govuk-body" { "The force was asked to update these items by the deadline and did not. This says nothing about progress." }
                ul class="govuk-list govuk-list--bullet" { @for r in &f.no_update { li { (r.label) } } }
            }))
            (section("assurance", "Assurance changes since the previous meeting", f.assurance_changes.is_empty(),
                table("Assurance changes", &["Finding", "Previous level", "New level", "Date"], f.assurance_changes.iter().map(|c| vec![
                    html! { a class="govuk-link" href={ "/findings/" (c.finding_id) } { (c.finding_reference) } @if c.part_id.is_some() { " (part)" } },
                    html! { (assurance_label(c.from)) }, html! { (c.to.label()) }, components::date(c.on),
                ]).collect())))
            (section("measures", "Measures moving the wrong way", f.wrong_way.is_empty(),
                table("Measures", &["Measure", "Previous reading", "Latest reading", "Better"], f.wrong_way.iter().map(|w| vec![
                    html! { (w.name) }, html! { (number(w.previous.1)) " " (w.unit) " (" (dates::uk_date(w.previous.0)) ")" },
                    html! { (number(w.latest.1)) " " (w.unit) " (" (dates::uk_date(w.latest.0)) ")" }, html! { (w.better.label()) },
                ]).collect())))
            (section("s55", "Section 55 position of reports published since the previous meeting", f.reports.is_empty(),
                table("Section 55", &["Report", "Published", "Response"], f.reports.iter().map(|r| vec![
                    html! { (r.report.title) }, components::date(r.report.published_on),
                    components::section_55(r.report.published_on, r.report.response_published_on, f.as_at),
                ]).collect())))
            (section("questions", "Suggested questions", f.questions.is_empty(), html! {
                ol class="govuk-list govuk-list--number" { @for q in &f.questions { li { (q) } } }
            }))
        }
    }
}

pub fn pack_page(
    chrome: &Chrome,
    meeting: &MeetingRow,
    body: &Markup,
    can_save: bool,
    csrf: &str,
) -> Markup {
    page(
        chrome,
        &format!("Meeting pack: {}", meeting.title),
        html! {
            p class="govuk-body app-no-print" { a class="govuk-link" href={ "/meetings/" (meeting.id) } { "Back to the meeting" } }
            (body)
            @if can_save {
                form class="app-no-print" method="post" action={ "/meetings/" (meeting.id) "/pack" } {
                    (forms::csrf(csrf))
                    p class="govuk-body" { "Saving keeps this pack exactly as it is now, with its SHA-256, as the pack of record. It can never be changed." }
                    (forms::submit("Save as pack of record"))
                }
            }
        },
    )
}

/// A saved pack of record, exactly as it was saved.
pub fn saved_pack_page(chrome: &Chrome, meeting: &MeetingRow, pack: &PackRow) -> Markup {
    page(
        chrome,
        &format!("Pack of record: {}", meeting.title),
        html! {
            div class="govuk-inset-text app-no-print" {
                "Pack of record saved " (dates::uk_instant(pack.saved_at)) ". SHA-256 " code { (pack.sha256) } ". "
                a class="govuk-link" href={ "/meetings/" (meeting.id) } { "Back to the meeting" }
            }
            // Our own markup, rendered and escaped by maud when the pack was saved.
            (PreEscaped(&pack.content))
        },
    )
}
