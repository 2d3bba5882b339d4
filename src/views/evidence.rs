//! Evidence files: the list of a record's files, the upload page, a file's page with the
//! office's retention, hold, release and disposal forms, and the office's register.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{date, link, success_banner, summary_row};
use super::forms::{csrf, date_input, error_summary, radios, submit, textarea};
use super::layout::{Chrome, page};
use crate::db::evidence::{FileRow, RecordLabel};
use crate::domain::dates::uk_stored_instant;
use crate::domain::evidence::{Attached, Limits, MOST_FILES, due, size_label};
use crate::domain::vocab::{AttachedTo, RetentionClass};
use crate::forms::FieldErrors;
use crate::forms::evidence::{RetentionForm, UploadForm};

fn token(chrome: &Chrome) -> String {
    chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default()
}

/// What a record is, in a few words: "Progress update of 3 May 2023 – Action A1 …".
pub fn record_words(to: AttachedTo, label: &RecordLabel) -> String {
    match label.on_date {
        Some(on) => format!(
            "{} of {} – {}",
            to.label(),
            crate::domain::dates::uk_date(on),
            label.about
        ),
        None => format!("{} – {}", to.label(), label.about),
    }
}

/// The short form of a SHA-256 shown in lists; the whole of it is on the file's page.
fn short_hash(sha256: &str) -> &str {
    sha256.get(..12).unwrap_or(sha256)
}

/// A table of files: name (to its page), type, size, fingerprint, who attached it and when.
/// `caption` says whose files they are.
pub fn file_table(chrome: &Chrome, caption: &str, files: &[FileRow]) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table app-evidence" {
                caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "File" }
                    th scope="col" class="govuk-table__header" { "Type" }
                    th scope="col" class="govuk-table__header" { "Size" }
                    th scope="col" class="govuk-table__header" { "SHA-256" }
                    th scope="col" class="govuk-table__header" { "Attached" }
                } }
                tbody class="govuk-table__body" {
                    @for f in files {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell app-break" {
                                (link(chrome, &format!("/evidence/{}", f.id), &f.name))
                                @if let Some(d) = &f.description { br; span class="govuk-body-s" { (d) } }
                                @if f.disposed_at.is_some() { br; strong class="govuk-tag govuk-tag--grey" { "Disposed of" } }
                                @if f.public { br; strong class="govuk-tag govuk-tag--green" { "Public" } }
                            }
                            td class="govuk-table__cell" { (f.kind.label()) }
                            td class="govuk-table__cell" { (size_label(f.size)) }
                            td class="govuk-table__cell" { code title=(f.sha256) { (short_hash(&f.sha256)) "…" } }
                            td class="govuk-table__cell" {
                                (uk_stored_instant(&f.uploaded_at))
                                @if let Some(by) = &f.uploader { br; span class="govuk-body-s" { (by) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A record's evidence on its own page: the files, and a link to attach more for those who may.
pub fn evidence_section(chrome: &Chrome, at: Attached, files: &[FileRow]) -> Markup {
    let upload = at.upload_path();
    html! {
        section aria-labelledby="evidence" {
            h2 class="govuk-heading-m" id="evidence" { "Evidence files" }
            @if files.is_empty() {
                p class="govuk-body" { "No files are attached." }
            } @else {
                (file_table(chrome, "Files attached", files))
            }
            @if chrome.may_post(&upload) {
                p class="govuk-body" { a class="govuk-link" href=(upload) { "Attach files" } }
            }
        }
    }
}

/// The upload page's subject: the record, its files and the limits.
pub struct Upload<'a> {
    pub at: Attached,
    pub label: &'a RecordLabel,
    pub files: &'a [FileRow],
    pub limits: &'a Limits,
    /// Files were just attached: say so.
    pub attached: bool,
}

pub fn upload_page(
    chrome: &Chrome,
    p: &Upload<'_>,
    form: &UploadForm,
    errors: &FieldErrors,
) -> Markup {
    let problem = errors.get("files");
    let hint = format!(
        "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV, text or email (.eml) files: up to {} each, {} in all, at most {MOST_FILES} at once. Web pages, drawings (SVG), scripts and programs cannot be attached.",
        size_label(p.limits.file_bytes as i64),
        size_label(p.limits.request_bytes as i64),
    );
    let words = record_words(p.at.to, p.label);
    page(
        chrome,
        "Attach evidence files",
        html! {
            @if p.attached { (success_banner("Files attached", html! {})) }
            (error_summary(errors))
            a class="govuk-back-link" href=(p.label.page) { "Back" }
            h1 class="govuk-heading-l" {
                span class="govuk-caption-m" { (words) }
                "Evidence files"
            }
            @if p.files.is_empty() {
                p class="govuk-body" { "No files are attached yet." }
            } @else {
                (file_table(chrome, "Files attached", p.files))
            }
            h2 class="govuk-heading-m" { "Attach files" }
            form method="post" action=(p.at.upload_path()) enctype="multipart/form-data" novalidate {
                (csrf(&token(chrome)))
                div class=(if problem.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }) {
                    label class="govuk-label govuk-label--s" for="files" { "Files" }
                    div class="govuk-hint" id="files-hint" { (hint) }
                    @for (field, message) in &errors.0 {
                        @if *field == "files" {
                            p class="govuk-error-message" id="files-error" {
                                span class="govuk-visually-hidden" { "Error: " } (message)
                            }
                        }
                    }
                    input class={ "govuk-file-upload" @if problem.is_some() { " govuk-file-upload--error" } }
                        id="files" name="files" type="file" multiple
                        aria-describedby={ "files-hint" @if problem.is_some() { " files-error" } };
                    @if problem.is_some() {
                        p class="govuk-body-s" { "Choose the files again: a browser cannot keep them after a problem." }
                    }
                }
                (textarea("description", "Description (optional)", Some("What the files are, for everyone who opens them: \"Audit of 50 cases, March 2023\""), &form.description, errors))
                (submit("Attach files"))
            }
        },
    )
}

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

/// The files of `files` attached to the record `to` `id`.
pub fn files_of(files: &[FileRow], to: AttachedTo, id: i64) -> Vec<&FileRow> {
    files
        .iter()
        .filter(|f| f.attached_to == to && f.record_id == id)
        .collect()
}

/// A record's files in a line: each name to its page, with its type and size.
pub fn file_links(chrome: &Chrome, label: &str, files: &[&FileRow]) -> Markup {
    html! {
        @if !files.is_empty() {
            p class="govuk-body-s app-break" {
                (label) ": "
                @for (i, f) in files.iter().enumerate() {
                    @if i > 0 { ", " }
                    (link(chrome, &format!("/evidence/{}", f.id), &f.name))
                    " (" (f.kind.label()) ", " (size_label(f.size))
                    @if f.disposed_at.is_some() { ", disposed of" }
                    ")"
                }
            }
        }
    }
}
