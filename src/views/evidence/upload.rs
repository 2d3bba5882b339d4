//! The upload page: a record's files and the form that attaches more.

use maud::{Markup, html};

use super::{file_table, record_words, token};
use crate::db::evidence::{FileRow, RecordLabel};
use crate::domain::evidence::{Attached, Limits, MOST_FILES, size_label};
use crate::forms::FieldErrors;
use crate::forms::evidence::UploadForm;
use crate::views::components::success_banner;
use crate::views::forms::{csrf, error_summary, submit, textarea};
use crate::views::layout::{Chrome, page};

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
