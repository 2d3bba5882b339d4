//! Progress updates: the timeline (newest first, corrections marked both ways) that action and
//! finding pages share, and the form to post an update or a correction.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{date, rag_tag};
use super::layout::{Chrome, page};
use super::{evidence, forms};
use crate::db::evidence::FileRow;
use crate::db::updates::UpdateRow;
use crate::domain::dates;
use crate::domain::updates::Corrector;
use crate::domain::vocab::{AttachedTo, Rag};
use crate::forms::FieldErrors;
use crate::forms::updates::{BEFORE_REPORT, UpdateForm};

fn update_label(u: &UpdateRow) -> Markup {
    html! {
        a class="govuk-link" href={ "#update-" (u.id) } {
            "update as at " (dates::uk_date(u.as_at)) " entered " (dates::uk_stored_instant(&u.entered_at))
        }
    }
}

/// The updates as a timeline, newest first. `updates` must hold every update of one action or
/// finding (corrections are found among them); `corrector` (the viewer, if they post updates)
/// sees a "Correct" link on the updates they may correct: their own, or any for the office.
/// `files`: the evidence files attached to these updates. Whoever may correct an update may
/// attach files to it too.
pub fn timeline(
    chrome: &Chrome,
    updates: &[UpdateRow],
    files: &[FileRow],
    today: NaiveDate,
    corrector: Option<Corrector>,
) -> Markup {
    if updates.is_empty() {
        return html! { p class="govuk-body" { "No progress updates yet." } };
    }
    html! {
        ol class="app-timeline govuk-list" {
            @for u in updates {
                @let corrected_by: Vec<&UpdateRow> =
                    updates.iter().filter(|c| c.corrects_id == Some(u.id)).collect();
                li id={ "update-" (u.id) }
                    class={ "app-timeline__item" @if !corrected_by.is_empty() { " app-corrected" } } {
                    h3 class="govuk-heading-s" {
                        "As at " (date(u.as_at)) " "
                        span class="app-secondary" { "(" (dates::days_between(u.as_at, today)) " days ago)" }
                        " " (rag_tag(Some(u.rag)))
                    }
                    @for c in &corrected_by {
                        p class="govuk-inset-text app-correction-note" {
                            strong { "Corrected by " } (update_label(c)) "."
                        }
                    }
                    @if let Some(original) = u.corrects_id.and_then(|id| updates.iter().find(|o| o.id == id)) {
                        p class="govuk-body app-correction-note" {
                            strong { "Corrects " } (update_label(original)) "."
                        }
                    }
                    p class="govuk-body app-pre" { (u.narrative) }
                    dl class="govuk-summary-list govuk-summary-list--no-border" {
                        @if let Some(evidence) = &u.evidence {
                            div class="govuk-summary-list__row" {
                                dt class="govuk-summary-list__key" { "Evidence" }
                                dd class="govuk-summary-list__value" { (evidence) }
                            }
                        }
                        @if let Some(summary) = &u.public_summary {
                            div class="govuk-summary-list__row" {
                                dt class="govuk-summary-list__key" { "Public summary" }
                                dd class="govuk-summary-list__value" { (summary) }
                            }
                        }
                    }
                    (evidence::file_links(chrome, "Files", &evidence::files_of(files, AttachedTo::Update, u.id)))
                    p class="govuk-body-s app-secondary" {
                        "Posted by " (u.author_name) " on " (dates::uk_stored_instant(&u.entered_at))
                        @if corrector.is_some_and(|c| c.may_correct(u.author_id)) {
                            " · " a class="govuk-link" href={ "/updates/" (u.id) "/correct" } {
                                "Correct this update"
                                span class="govuk-visually-hidden" { " as at " (dates::uk_date(u.as_at)) }
                            }
                            " · " a class="govuk-link" href={ "/updates/" (u.id) "/evidence" } {
                                "Attach files"
                                span class="govuk-visually-hidden" { " to the update as at " (dates::uk_date(u.as_at)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where the form posts, what it is about, and what it corrects (if anything).
pub struct UpdateFormTarget<'a> {
    pub action: &'a str,
    pub subject: String,
    pub back: String,
    pub corrects: Option<&'a UpdateRow>,
}

pub fn update_form_page(
    chrome: &Chrome,
    csrf_token: &str,
    target: &UpdateFormTarget<'_>,
    form: &UpdateForm,
    errors: &FieldErrors,
) -> Markup {
    let title = if target.corrects.is_some() {
        "Correct a progress update"
    } else {
        "Post a progress update"
    };
    let rags: Vec<(&str, &str)> = Rag::ALL.iter().map(|r| (r.as_str(), r.label())).collect();
    page(
        chrome,
        title,
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (target.subject) }
            h1 class="govuk-heading-l" { (title) }
            @if let Some(original) = target.corrects {
                div class="govuk-inset-text" {
                    "This posts a new update that corrects the update as at " (date(original.as_at))
                    " by " (original.author_name) ". The original stays on the record, marked as corrected."
                }
            }
            form method="post" action=(target.action) novalidate {
                (forms::csrf(csrf_token))
                (forms::date_input("as_at", "As at", Some("When the reported position held, for example 27 3 2022. It cannot be in the future."), &form.as_at(), errors))
                (forms::confirm_date("as_at", BEFORE_REPORT, form.confirm_date == "yes", errors))
                (forms::radios("rag", "RAG status", &rags, &form.rag, errors))
                (forms::textarea("narrative", "Narrative", Some("Internal: what has happened. Never published."), &form.narrative, errors))
                (forms::textarea("evidence", "Evidence references (optional)", None, &form.evidence, errors))
                (forms::textarea("public_summary", "Public summary (optional)", Some("Plain English for the public site, if the office approves it."), &form.public_summary, errors))
                (forms::submit(if target.corrects.is_some() { "Post correction" } else { "Post update" }))
            }
            p class="govuk-body" { a class="govuk-link" href=(target.back) { "Cancel" } }
        },
    )
}
