//! Evidence files: the tables and lines that list a record's files, on its own page and on
//! others'; the upload page (`upload`); a file's page with the office's forms and the
//! register (`file`).

mod file;
mod upload;

pub use file::*;
pub use upload::*;

use maud::{Markup, html};

use super::components::link;
use super::layout::Chrome;
use crate::db::evidence::{FileRow, RecordLabel};
use crate::domain::dates::uk_stored_instant;
use crate::domain::evidence::{Attached, size_label};
use crate::domain::vocab::AttachedTo;

pub(super) fn token(chrome: &Chrome) -> String {
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
pub(super) fn short_hash(sha256: &str) -> &str {
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
