//! A file's page – what it is, where it belongs, what became of it – with the office's
//! retention, release, hold and disposal forms; and the office's register of files.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::{file_table, record_words, token};
use crate::db::evidence::{FileRow, RecordLabel};
use crate::domain::dates::uk_stored_instant;
use crate::domain::evidence::{due, size_label};
use crate::domain::vocab::{AttachedTo, RetentionClass};
use crate::forms::FieldErrors;
use crate::forms::evidence::RetentionForm;
use crate::views::components::{date, link, summary_row};
use crate::views::forms::{csrf, date_input, error_summary, radios};
use crate::views::layout::{Chrome, page};

/// A file's page: what it is and where it belongs, what became of it, and (for the office)
/// the forms that change its keeping.
pub struct FilePage<'a> {
    pub file: &'a FileRow,
    pub label: &'a RecordLabel,
    /// Other files with the same bytes (shown to those who see every body).
    pub same: &'a [FileRow],
    pub today: NaiveDate,
}

pub fn file_page(
    chrome: &Chrome,
    p: &FilePage<'_>,
    retention: &RetentionForm,
    errors: &FieldErrors,
) -> Markup {
    let f = p.file;
    page(
        chrome,
        &f.name,
        html! {
            (error_summary(errors))
            h1 class="govuk-heading-l app-break" { span class="govuk-caption-m" { "Evidence file" } (f.name) }
            @if let Some(at) = &f.disposed_at {
                div class="govuk-inset-text" {
                    "Disposed of " (uk_stored_instant(at))
                    @if let Some(by) = &f.disposer { " by " (by) }
                    @if let Some(why) = &f.disposal_reason { ": " (why) }
                    ". Its name, size and fingerprint are kept; its content is not."
                }
            } @else {
                p class="govuk-body" {
                    a class="govuk-button govuk-!-margin-bottom-0" href={ "/evidence/" (f.id) "/download" } download { "Download " (f.name) }
                }
            }
            dl class="govuk-summary-list" {
                (summary_row("Attached to", link(chrome, &p.label.page, record_words(f.attached_to, p.label))))
                (summary_row("Type", html! { (f.kind.label()) }))
                (summary_row("Size", html! { (size_label(f.size)) " (" (f.size) " bytes)" }))
                (summary_row("SHA-256", html! { code class="app-break" { (f.sha256) } }))
                @if let Some(d) = &f.description { (summary_row("Description", html! { (d) })) }
                (summary_row("Attached", html! { (uk_stored_instant(&f.uploaded_at)) @if let Some(by) = &f.uploader { " by " (by) } }))
                (summary_row("Kept", html! { (f.retention_class.label()) }))
                (summary_row("Review", review(f, p.today)))
                @if let Some(why) = &f.hold_reason { (summary_row("On hold", html! { (why) })) }
                @if f.attached_to == AttachedTo::Inspection {
                    (summary_row("Public site", html! { @if f.public { "Released: the next edition lists it" } @else { "Not released" } }))
                }
            }
            @if !p.same.is_empty() {
                h2 class="govuk-heading-s" { "The same file is also attached to" }
                (file_table(chrome, "Files with the same SHA-256", p.same))
            }
            @if f.disposed_at.is_none() && chrome.may_post(&format!("/evidence/{}/dispose", f.id)) {
                (keeping_forms(chrome, f, retention, errors))
            }
        },
    )
}

fn review(f: &FileRow, today: NaiveDate) -> Markup {
    html! {
        @match f.review_on {
            Some(on) => {
                (date(on))
                @if due(f.review_on, f.disposed_at.is_some(), today) { " " strong class="govuk-tag govuk-tag--orange" { "Due for review" } }
            }
            None => "None: kept permanently",
        }
    }
}

fn keeping_forms(
    chrome: &Chrome,
    f: &FileRow,
    retention: &RetentionForm,
    errors: &FieldErrors,
) -> Markup {
    let token = token(chrome);
    let classes: Vec<(&str, &str)> = RetentionClass::ALL
        .iter()
        .map(|c| (c.as_str(), c.label()))
        .collect();
    let review = crate::forms::DateParts {
        day: retention.review_on_day.clone(),
        month: retention.review_on_month.clone(),
        year: retention.review_on_year.clone(),
    };
    html! {
        h2 class="govuk-heading-m" { "Retention" }
        form method="post" action={ "/evidence/" (f.id) "/retention" } novalidate {
            (csrf(&token))
            (radios("class", "How long it is kept", &classes, &retention.class, errors))
            (date_input("review_on", "Review date", Some("For a supporting document: when the office reviews whether to keep it"), &review, errors))
            button type="submit" class="govuk-button govuk-button--secondary" { "Save retention" }
        }
        @if f.attached_to == AttachedTo::Inspection {
            h2 class="govuk-heading-m" { "Public site" }
            form method="post" action={ "/evidence/" (f.id) @if f.public { "/unrelease" } @else { "/release" } } {
                (csrf(&token))
                @if f.public {
                    p class="govuk-body" { "The next edition lists this file and serves it by its SHA-256." }
                    button type="submit" class="govuk-button govuk-button--secondary" { "Take off the public site" }
                } @else {
                    p class="govuk-body" { "Only a file meant for the public – the published report, the section 55 response letter – should be released." }
                    button type="submit" class="govuk-button govuk-button--secondary" { "Release to the public site" }
                }
            }
        }
        h2 class="govuk-heading-m" { "Hold" }
        @if f.hold_reason.is_some() {
            form method="post" action={ "/evidence/" (f.id) "/lift-hold" } {
                (csrf(&token))
                button type="submit" class="govuk-button govuk-button--secondary" { "Lift the hold" }
            }
        } @else {
            form method="post" action={ "/evidence/" (f.id) "/hold" } novalidate {
                (csrf(&token))
                (reason_field("hold_reason", "Why it must be kept", "A freedom of information request or litigation, with its reference", errors))
                button type="submit" class="govuk-button govuk-button--secondary" { "Put on hold" }
            }
        }
        h2 class="govuk-heading-m" { "Dispose of this file" }
        form method="post" action={ "/evidence/" (f.id) "/dispose" } novalidate {
            (csrf(&token))
            (reason_field("reason", "Reason for disposal", "Its content is deleted; its name, size and fingerprint are kept with your reason", errors))
            button type="submit" class="govuk-button govuk-button--warning" { "Dispose of the file" }
        }
    }
}

/// A reason box whose id is `id` and whose name is `reason` (two forms on one page have one).
fn reason_field(id: &'static str, label: &str, hint: &str, errors: &FieldErrors) -> Markup {
    let message = errors.get(id);
    html! {
        div class=(if message.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }) {
            label class="govuk-label" for=(id) { (label) }
            div class="govuk-hint" id={ (id) "-hint" } { (hint) }
            @if let Some(m) = message {
                p class="govuk-error-message" id={ (id) "-error" } { span class="govuk-visually-hidden" { "Error: " } (m) }
            }
            textarea class="govuk-textarea" id=(id) name="reason" rows="2"
                aria-describedby={ (id) "-hint" @if message.is_some() { " " (id) "-error" } } {}
        }
    }
}

/// The office's register of files: `kept` (in keeping and due for review, or on hold) and
/// the `newest` attached.
pub fn register_page(
    chrome: &Chrome,
    kept: &[FileRow],
    newest: &[FileRow],
    today: NaiveDate,
) -> Markup {
    let is_due = |f: &&FileRow| due(f.review_on, f.disposed_at.is_some(), today);
    let due_now: Vec<FileRow> = kept.iter().filter(is_due).cloned().collect();
    let held: Vec<FileRow> = kept
        .iter()
        .filter(|f| f.hold_reason.is_some())
        .cloned()
        .collect();
    page(
        chrome,
        "Evidence files",
        html! {
            h1 class="govuk-heading-l" { "Evidence files" }
            p class="govuk-body" {
                "Files attached to updates, assessments, inspectorate positions, meetings and inspections. "
                "Supporting documents are reviewed six years from the end of the financial year they were attached in; "
                "minutes, decisions and statutory responses are kept permanently. A file on hold cannot be disposed of."
            }
            h2 class="govuk-heading-m" { "Due for review" }
            @if due_now.is_empty() { p class="govuk-body" { "No file is due for review." } }
            @else { (file_table(chrome, "Files due for review", &due_now)) }
            h2 class="govuk-heading-m" { "On hold" }
            @if held.is_empty() { p class="govuk-body" { "No file is on hold." } }
            @else { (file_table(chrome, "Files on hold", &held)) }
            h2 class="govuk-heading-m" { "Newest attached" }
            @if newest.is_empty() { p class="govuk-body" { "No file has been attached yet." } }
            @else { (file_table(chrome, "The newest files attached", newest)) }
        },
    )
}
