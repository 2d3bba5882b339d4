//! Forms that record the PCC office's assessment and the issuing body's position on a finding
//! (in the words of its report's source: HMICFRS's, the coroner's…).

use maud::{Markup, html};

use super::forms::{self, Field};
use super::inspections::parts;
use super::layout::{Chrome, page};
use crate::db::evidence::FileRow;
use crate::db::findings::FindingRow;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{Assurance, InspectoratePosition};
use crate::forms::FieldErrors;
use crate::forms::assurance::{AssessmentForm, PositionForm};

fn frame(
    chrome: &Chrome,
    f: &FindingRow,
    heading: &str,
    errors: &FieldErrors,
    action: &str,
    fields: Markup,
) -> Markup {
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    page(
        chrome,
        heading,
        html! {
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (f.kind.label()) " " (f.reference) " – " (f.inspection_title) }
            h1 class="govuk-heading-l" { (heading) }
            form method="post" action={ "/findings/" (f.id) "/" (action) } novalidate {
                (forms::csrf(&token))
                (fields)
            }
            p class="govuk-body" { a class="govuk-link" href={ "/findings/" (f.id) } { "Back to the finding" } }
        },
    )
}

/// `parts`: the finding's parts as (id, text) choices.
pub fn assessment_page(
    chrome: &Chrome,
    finding: &FindingRow,
    parts_list: &[(String, String)],
    files: &[FileRow],
    f: &AssessmentForm,
    errors: &FieldErrors,
) -> Markup {
    let levels: Vec<(&str, &str)> = Assurance::ALL
        .iter()
        .map(|a| (a.as_str(), a.label()))
        .collect();
    frame(
        chrome,
        finding,
        "Record an assessment",
        errors,
        "assessments",
        html! {
            (forms::radios("level", "Level of assurance", &levels, &f.level, errors))
            @if !parts_list.is_empty() {
                (forms::select("part_id", "Part assessed", parts_list, &f.part_id, Some("The whole finding"), errors))
            }
            (forms::textarea("rationale", "Rationale", Some("Why the PCC office reached this judgement"), &f.rationale, errors))
            div class="govuk-form-group" {
                div class="govuk-checkboxes govuk-checkboxes--small" {
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" type="checkbox" name="rationale_shared"
                            id="rationale_shared" value="yes" checked[f.rationale_shared == "yes"];
                        label class="govuk-label govuk-checkboxes__label" for="rationale_shared" {
                            "Share the rationale with the force. The force always sees the level and the date, never the evidence seen."
                        }
                    }
                }
            }
            (forms::textarea("evidence_seen", "Evidence seen", Some("Sensitive evidence: describe it and the date it was seen, not its content"), &f.evidence_seen, errors))
            (seen_files(files, &f.seen_files, errors))
            (forms::date_input("assessed_on", "Date of the judgement", Some("For example, 27 3 2026"),
                &parts(&f.assessed_on_day, &f.assessed_on_month, &f.assessed_on_year), errors))
            (forms::submit("Record the assessment"))
        },
    )
}

/// The finding's evidence files to tick as seen (none offered when there are none).
fn seen_files(files: &[FileRow], ticked: &[String], errors: &FieldErrors) -> Markup {
    let message = errors.get("seen_files");
    html! {
        @if !files.is_empty() || message.is_some() {
            div class=(if message.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }) {
                fieldset class="govuk-fieldset" aria-describedby="seen_files-hint" {
                    legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Files seen" }
                    div class="govuk-hint" id="seen_files-hint" { "The files behind this finding that this judgement rests on" }
                    @if let Some(m) = message {
                        p class="govuk-error-message" id="seen_files-error" { span class="govuk-visually-hidden" { "Error: " } (m) }
                    }
                    div class="govuk-checkboxes govuk-checkboxes--small" id="seen_files" {
                        @for file in files {
                            @let id = format!("seen_files-{}", file.id);
                            div class="govuk-checkboxes__item" {
                                input class="govuk-checkboxes__input" type="checkbox" name="seen_files" id=(id)
                                    value=(file.id) checked[ticked.iter().any(|t| t.trim() == file.id.to_string())];
                                label class="govuk-label govuk-checkboxes__label app-break" for=(id) {
                                    (file.name) " (" (file.kind.label()) ", " (crate::domain::evidence::size_label(file.size)) ")"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn position_page(
    chrome: &Chrome,
    finding: &FindingRow,
    findings: &[(String, String, String)],
    inspections: &[(String, String)],
    f: &PositionForm,
    errors: &FieldErrors,
) -> Markup {
    let positions: Vec<(&str, &str)> = InspectoratePosition::ALL
        .iter()
        .map(|a| (a.as_str(), a.label()))
        .collect();
    let source = ReportSource::of(finding.facts.source, finding.facts.body_kind);
    let heading = format!("Record {}", source.position_in_sentence());
    let source_hint = format!(
        "For example, a later report or a letter from {}",
        source.issuer_in_sentence()
    );
    frame(
        chrome,
        finding,
        &heading,
        errors,
        "positions",
        html! {
            (forms::radios("position", "Position", &positions, &f.position, errors))
            (forms::grouped_select("superseded_by_id", "Superseded by", findings, &f.superseded_by_id, Some("Only when superseded"), errors))
            (forms::date_input("as_at", "Date of the position", None, &parts(&f.as_at_day, &f.as_at_month, &f.as_at_year), errors))
            (forms::input(&Field { hint: Some(&source_hint),
                ..Field::text("source", "Source", &f.source) }, errors))
            (forms::select("source_inspection_id", "Source inspection", inspections, &f.source_inspection_id, Some("None"), errors))
            (report_words_input(&f.report_words, errors))
            (forms::textarea("note", "Note", None, &f.note, errors))
            (forms::submit("Record the position"))
        },
    )
}

/// The judgement in the report's own words: free text, with HMICFRS's common phrases offered.
fn report_words_input(value: &str, errors: &FieldErrors) -> Markup {
    use crate::forms::assurance::{REPORT_PHRASES, REPORT_WORDS_MAX};
    let error = errors.get("report_words");
    let described = if error.is_some() {
        "report_words-hint report_words-error"
    } else {
        "report_words-hint"
    };
    html! {
        div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
            label class="govuk-label" for="report_words" { "The report's own words (optional)" }
            div class="govuk-hint" id="report_words-hint" {
                "The judgement as the report words it, beside the position above, for example "
                "“substantial progress”, “progress”, “insufficient progress”, “met” or “not met”"
            }
            @if let Some(message) = error {
                p class="govuk-error-message" id="report_words-error" {
                    span class="govuk-visually-hidden" { "Error: " } (message)
                }
            }
            input class={ "govuk-input" @if error.is_some() { " govuk-input--error" } }
                id="report_words" name="report_words" type="text" list="report-phrases"
                maxlength=(REPORT_WORDS_MAX) value=(value) aria-describedby=(described);
            datalist id="report-phrases" {
                @for phrase in REPORT_PHRASES { option value=(phrase) {} }
            }
        }
    }
}
