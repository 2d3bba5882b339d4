//! The meeting pack: facts assembled from the record for one meeting, laid out as a document
//! to print: a cover (organisation, meeting, date, time, location, attendees, agenda), then
//! sections that flow one after another, an empty one taking one line. The running header and
//! page numbers are CSS paged-media margin boxes (`app.css`, and [`pack_stylesheet`] for the
//! words that name this meeting).

use maud::{Markup, PreEscaped, html};

use super::components;
use super::forms;
use super::layout::{Chrome, page_with_stylesheet};
use super::meetings::starts;
use crate::db::agenda::AgendaItemRow;
use crate::db::evidence::{FileRow, SeenFile};
use crate::db::meetings::MeetingRow;
use crate::db::packs::PackRow;
use crate::domain::dates;
use crate::domain::evidence::size_label;
use crate::domain::meetings::parse_starts_at;
use crate::domain::packs::{PackFacts, Since, number};
use crate::domain::vocab::assurance_label;

/// What the cover shows besides the meeting itself.
pub struct Cover<'a> {
    pub organisation: &'a str,
    pub agenda: &'a [AgendaItemRow],
    /// The meeting's papers and minutes as files.
    pub papers: &'a [FileRow],
    /// The files the assessments behind the pack's assurance changes were made on.
    pub seen: &'a [SeenFile],
    /// Items of the meeting's update-request rounds with no update by the return-by date.
    pub missed: &'a [crate::domain::rounds::Missed],
}

/// The sections of a pack, in order: (id, heading, what an empty one says).
const SECTIONS: [(&str, &str, &str); 10] = [
    (
        "overdue",
        "Overdue milestones and actions arising",
        "No milestones or actions arising were overdue.",
    ),
    (
        "due-soon",
        "Milestones due before the next meeting",
        "No milestones are due before the next meeting.",
    ),
    (
        "revised",
        "Milestones revised since the previous meeting",
        "No milestones were revised.",
    ),
    (
        "stale",
        "Stale items (no recent update)",
        "Every open action has a recent update.",
    ),
    (
        "no-update",
        "No update received",
        "No requested update is missing.",
    ),
    (
        "assurance",
        "Assurance changes since the previous meeting",
        "No assurance level changed.",
    ),
    (
        "evidence",
        "Evidence behind the assurance changes",
        "No files were ticked as seen for these judgements.",
    ),
    (
        "measures",
        "Measures moving the wrong way",
        "No measure moved the wrong way.",
    ),
    (
        "s55",
        "Section 55 position of reports published since the previous meeting",
        "No reports were published in this period.",
    ),
    (
        "questions",
        "Suggested questions",
        "No questions are suggested.",
    ),
];

/// One section; an empty one is its heading and one line saying so.
fn section(id: &str, empty: bool, body: Markup) -> Markup {
    let (_, title, none) = SECTIONS
        .iter()
        .find(|(s, _, _)| *s == id)
        .copied()
        .unwrap_or((id, id, "None."));
    html! {
        @if empty {
            section class="app-pack-section app-pack-section--empty" aria-labelledby=(id) {
                h2 class="govuk-heading-s" id=(id) { (title) }
                p class="govuk-body" { (none) }
            }
        } @else {
            section class="app-pack-section" aria-labelledby=(id) {
                h2 class="govuk-heading-m" id=(id) { (title) }
                (body)
            }
        }
    }
}

fn agenda_about(item: &AgendaItemRow) -> String {
    let parts: Vec<String> = [
        item.finding_reference
            .as_ref()
            .map(|r| format!("Finding {r}")),
        item.action_reference
            .as_ref()
            .map(|r| format!("Action {r}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    match &item.body_name {
        Some(body) if !parts.is_empty() => format!("{} ({body})", parts.join(", ")),
        _ => parts.join(", "),
    }
}

/// The cover: who, what, when, where, who attends, the agenda and what the pack counts.
fn cover(meeting: &MeetingRow, f: &PackFacts, c: &Cover) -> Markup {
    let starts = parse_starts_at(&meeting.starts_at);
    let attendees: Vec<&str> = meeting
        .attendees
        .split([';', '\n'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .collect();
    html! {
        header class="app-pack-cover" {
            p class="govuk-caption-l" { (c.organisation) }
            h1 class="govuk-heading-l" { span class="govuk-caption-m" { "Meeting pack" } (meeting.title) }
            dl class="govuk-summary-list app-pack-facts" {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Meeting" }
                    dd class="govuk-summary-list__value" { (meeting.kind.label()) " (" (meeting.status.label().to_lowercase()) ")" }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Date" }
                    dd class="govuk-summary-list__value" {
                        @if let Some(at) = starts { (components::date(at.date())) } @else { (meeting.starts_at) }
                    }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Time" }
                    dd class="govuk-summary-list__value" {
                        @if let Some(at) = starts { (at.format("%-I:%M%P").to_string()) } @else { "Not recorded" }
                    }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Location" }
                    dd class="govuk-summary-list__value" {
                        @if meeting.location.trim().is_empty() { "Not recorded" } @else { (meeting.location) }
                    }
                }
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { "Attendees" }
                    dd class="govuk-summary-list__value" {
                        @if attendees.is_empty() { "Not recorded" }
                        @else { ul class="govuk-list app-pack-attendees" { @for a in &attendees { li { (a) } } } }
                    }
                }
            }
            h2 class="govuk-heading-m" id="agenda" { "Agenda" }
            @if c.agenda.is_empty() {
                p class="govuk-body" { "No agenda items have been added." }
            } @else {
                ol class="govuk-list govuk-list--number app-pack-agenda" {
                    @for item in c.agenda {
                        li {
                            @let about = agenda_about(item);
                            @if !about.is_empty() { strong { (about) } ": " }
                            (item.question)
                        }
                    }
                }
            }
            @if !c.papers.is_empty() {
                h2 class="govuk-heading-m" id="papers" { "Papers" }
                ul class="govuk-list" {
                    @for f in c.papers {
                        li class="app-break" {
                            a class="govuk-link" href={ "/evidence/" (f.id) } { (f.name) }
                            " (" (f.kind.label()) ", " (size_label(f.size)) ")"
                            @if let Some(d) = &f.description { " – " (d) }
                        }
                    }
                }
            }
            h2 class="govuk-heading-s" id="in-this-pack" { "In this pack" }
            p class="govuk-body" {
                "Overdue items are counted to " (components::date(f.as_at)) "; "
                "the look-ahead runs to " (components::date(f.lookahead_to)) "; "
                @match f.since {
                    Since::PreviousMeeting(p) => { "changes are those since the previous meeting on " (components::date(p)) "." }
                    Since::ThreeMonthsBefore(p) => { "there was no previous meeting, so changes are those of the three months since " (components::date(p)) "." }
                }
            }
            ul class="govuk-list app-pack-contents" {
                @for (id, title, _) in SECTIONS { li { a class="govuk-link" href={ "#" (id) } { (title) } } }
            }
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
pub fn pack_body(meeting: &MeetingRow, f: &PackFacts, c: &Cover) -> Markup {
    html! {
        article class="app-pack" {
            (cover(meeting, f, c))
            (section("overdue", f.overdue_milestones.is_empty() && f.overdue_arising.is_empty(), html! {
                @if !f.overdue_milestones.is_empty() {
                    (table("Overdue milestones", &["Action", "Milestone", "Due", "Days overdue"], f.overdue_milestones.iter().map(|o| vec![
                        action_link(o.item.action_id, &o.item.action_reference), html! { (o.item.title) },
                        components::date(o.item.current_due_on), html! { (o.days_overdue) },
                    ]).collect()))
                }
                @if !f.overdue_arising.is_empty() {
                    (table("Overdue actions arising", &["Action arising", "Owner", "Due", "Days overdue"], f.overdue_arising.iter().map(|o| vec![
                        html! { a class="govuk-link" href={ "/actions-arising#arising-" (o.item.id) } { (o.item.description) } },
                        html! { (o.item.owner) }, components::date(o.item.due_on), html! { (o.days_overdue) },
                    ]).collect()))
                }
            }))
            (section("due-soon", f.due_soon.is_empty(),
                table("Milestones due", &["Action", "Milestone", "Due"], f.due_soon.iter().map(|m| vec![
                    action_link(m.action_id, &m.action_reference), html! { (m.title) }, components::date(m.current_due_on),
                ]).collect())))
            (section("revised", f.revised.is_empty(),
                table("Revised milestones", &["Action", "Milestone", "Moved from", "Moved to", "Reason"], f.revised.iter().map(|r| vec![
                    action_link(r.milestone.action_id, &r.milestone.action_reference), html! { (r.milestone.title) },
                    components::date(r.revision.previous_due_on), components::date(r.revision.new_due_on),
                    html! { strong { (r.revision.reason_category.label()) } ": " (r.revision.reason) },
                ]).collect())))
            (section("stale", f.stale.is_empty(),
                table("Stale items", &["Action", "Title", "Last update"], f.stale.iter().map(|s| vec![
                    action_link(s.action.id, &s.action.reference), html! { (s.action.title) },
                    html! { @if let Some(d) = s.last_update { (components::date(d)) } @else { "Never updated" } },
                ]).collect())))
            (section("no-update", f.no_update.is_empty() && c.missed.is_empty(), html! {
                p class="govuk-body" { "The force was asked to update these items by the deadline and did not. This says nothing about progress." }
                ul class="govuk-list govuk-list--bullet" {
                    @for r in &f.no_update { li { (r.label) } }
                    @for m in c.missed {
                        li {
                            (m.action) " – asked in “" (m.round) "” by " (dates::uk_date(m.return_by))
                            @if let Some(owner) = &m.owner { " (" (owner) ")" }
                        }
                    }
                }
            }))
            (section("assurance", f.assurance_changes.is_empty(),
                table("Assurance changes", &["Finding", "Previous level", "New level", "Date"], f.assurance_changes.iter().map(|c| vec![
                    html! { a class="govuk-link" href={ "/findings/" (c.finding_id) } { (c.finding_reference) } @if c.part_id.is_some() { " (part)" } },
                    html! { (assurance_label(c.from)) }, html! { (c.to.label()) }, components::date(c.on),
                ]).collect())))
            (evidence_section(f, c.seen))
            (section("measures", f.wrong_way.is_empty(),
                table("Measures", &["Measure", "Previous reading", "Latest reading", "Better"], f.wrong_way.iter().map(|w| vec![
                    html! { (w.name) }, html! { (number(w.previous.1)) " " (w.unit) " (" (dates::uk_date(w.previous.0)) ")" },
                    html! { (number(w.latest.1)) " " (w.unit) " (" (dates::uk_date(w.latest.0)) ")" }, html! { (w.better.label()) },
                ]).collect())))
            (section("s55", f.reports.is_empty(),
                table("Section 55", &["Report", "Published", "Response"], f.reports.iter().map(|r| vec![
                    html! { (r.report.title) }, components::date(r.report.published_on),
                    components::section_55(r.report.published_on, r.report.response_published_on, f.as_at),
                ]).collect())))
            (section("questions", f.questions.is_empty(), html! {
                ol class="govuk-list govuk-list--number" { @for q in &f.questions { li { (q) } } }
            }))
        }
    }
}

/// For each assurance change, the files its assessment was made on, with their SHA-256.
fn evidence_section(f: &PackFacts, seen: &[SeenFile]) -> Markup {
    let behind: Vec<(&str, &SeenFile)> = f
        .assurance_changes
        .iter()
        .flat_map(|c| {
            seen.iter()
                .filter(move |s| s.finding_id == c.finding_id && s.assessed_on == c.on)
                .map(move |s| (c.finding_reference.as_str(), s))
        })
        .collect();
    section("evidence", behind.is_empty(),
        table("Files seen", &["Finding", "Assessed", "File", "SHA-256"], behind.iter().map(|(reference, s)| vec![
            html! { a class="govuk-link" href={ "/findings/" (s.finding_id) } { (reference) } },
            components::date(s.assessed_on),
            html! { a class="govuk-link app-break" href={ "/evidence/" (s.file.id) } { (s.file.name) } " (" (size_label(s.file.size)) ")" },
            html! { code class="app-break" { (s.file.sha256) } },
        ]).collect()))
}

/// A CSS string literal: quotes and backslashes escaped, line breaks as `\A`, so any
/// title is shown as written and cannot end the string.
pub(super) fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The words of one meeting's running header, for the print margin boxes `app.css` lays out
/// (a stylesheet because the security policy allows no inline styles).
pub fn pack_stylesheet(organisation: &str, meeting: &MeetingRow) -> String {
    format!(
        "@page {{\n  @top-left {{ content: {}; }}\n  @bottom-left {{ content: {}; }}\n}}\n",
        css_string(&format!(
            "{} – {}",
            meeting.title,
            starts(&meeting.starts_at)
        )),
        css_string(&format!("{organisation} – meeting pack")),
    )
}

pub fn pack_page(
    chrome: &Chrome,
    meeting: &MeetingRow,
    body: &Markup,
    can_save: bool,
    csrf: &str,
) -> Markup {
    page_with_stylesheet(
        chrome,
        &format!("Meeting pack: {}", meeting.title),
        Some(&format!("/meetings/{}/pack.css", meeting.id)),
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
    page_with_stylesheet(
        chrome,
        &format!("Pack of record: {}", meeting.title),
        Some(&format!("/meetings/{}/pack.css", meeting.id)),
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

#[cfg(test)]
mod tests {
    use super::css_string;

    #[test]
    fn header_words_are_a_css_string_that_cannot_be_ended_early() {
        assert_eq!(css_string("Board – 1 May"), "\"Board – 1 May\"");
        assert_eq!(
            css_string("a\"; } body { x: \\\nb"),
            "\"a\\\"; } body { x: \\\\\\A b\""
        );
    }
}
