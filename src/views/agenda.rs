//! Agenda items: the table on the meeting page and the add/edit form with an optional
//! assurance judgement.

use maud::{Markup, html};

use super::components;
use super::forms;
use super::layout::{Chrome, page};
use super::meeting_forms::{FormContext, clashes, subject_options};
use crate::db::agenda::AgendaItemRow;
use crate::db::meetings::LinkOption;
use crate::domain::vocab::Assurance;
use crate::forms::FieldErrors;
use crate::forms::agenda::AgendaForm;

fn link(item: &AgendaItemRow) -> Markup {
    html! {
        @if let (Some(id), Some(r)) = (item.finding_id, &item.finding_reference) {
            a class="govuk-link" href={ "/findings/" (id) } { "Finding " (r) } br;
        }
        @if let (Some(id), Some(r)) = (item.action_id, &item.action_reference) {
            a class="govuk-link" href={ "/actions/" (id) } { "Action " (r) }
        }
        @if let Some(body) = &item.body_name { br; span class="govuk-body-s" { (body) } }
    }
}

pub fn agenda_table(meeting_id: i64, items: &[AgendaItemRow], can_edit: bool) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Agenda" }
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { "Questions put to the Chief Constable" }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Item" }
                    th scope="col" class="govuk-table__header" { "About" }
                    th scope="col" class="govuk-table__header" { "Question" }
                    th scope="col" class="govuk-table__header" { "Answer" }
                    th scope="col" class="govuk-table__header" { "Assurance" }
                } }
                tbody class="govuk-table__body" {
                    @for item in items { tr class="govuk-table__row" {
                        td class="govuk-table__cell" {
                            (item.position)
                            @if can_edit {
                                " " a class="govuk-link" href={ "/meetings/" (meeting_id) "/agenda-items/" (item.id) "/edit" } {
                                    "Edit" span class="govuk-visually-hidden" { " item " (item.position) }
                                }
                            }
                        }
                        td class="govuk-table__cell" { (link(item)) }
                        td class="govuk-table__cell" { (item.question) }
                        td class="govuk-table__cell" { (item.answer) }
                        td class="govuk-table__cell" {
                            @if item.assessment_id.is_some() { (components::assurance_tag(item.level)) }
                        }
                    } }
                    @if items.is_empty() { tr class="govuk-table__row" {
                        td class="govuk-table__cell" colspan="5" { "No agenda items yet." }
                    } }
                }
            }
        }
        @if can_edit {
            p class="govuk-body" {
                a class="govuk-link" href={ "/meetings/" (meeting_id) "/agenda-items/new" } { "Add an agenda item" }
            }
        }
    }
}

pub fn agenda_form_page(
    chrome: &Chrome,
    ctx: &FormContext<'_>,
    findings: &[LinkOption],
    actions: &[LinkOption],
    f: &AgendaForm,
    errors: &FieldErrors,
) -> Markup {
    let levels: Vec<(&str, &str)> = std::iter::once(("", "No judgement at this item"))
        .chain(Assurance::ALL.iter().map(|a| (a.as_str(), a.label())))
        .collect();
    let opts = subject_options;
    page(
        chrome,
        ctx.heading,
        html! {
            h1 class="govuk-heading-l" { (ctx.heading) }
            @if let Some(conflict) = &ctx.conflict { (conflict) }
            (forms::error_summary(errors))
            form method="post" action=(ctx.action) novalidate {
                (forms::csrf(ctx.csrf_token))
                input type="hidden" name="version" value=(f.version);
                (forms::grouped_select("finding", "Finding", &opts(findings), &f.finding, Some("None"), errors))
                (forms::grouped_select("action", "Action-plan item", &opts(actions), &f.action, Some("None"), errors))
                (forms::textarea("question", "Question put to the Chief Constable", None, &f.question, errors))
                (forms::textarea("answer", "Answer given", None, &f.answer, errors))
                h2 class="govuk-heading-m" { "Assurance judgement (optional)" }
                p class="govuk-body" {
                    "Saved as a dated assessment of the finding, dated the day of the meeting. "
                    "Assessments are never changed: a new judgement adds to the finding's history."
                }
                (forms::radios("level", "Assurance level", &levels, &f.level, errors))
                (forms::textarea("rationale", "Rationale", None, &f.rationale, errors))
                (forms::textarea("evidence_seen", "Evidence seen", None, &f.evidence_seen, errors))
                (forms::submit("Save agenda item"))
            }
        },
    )
}

/// Both versions of an agenda item, after someone else saved it first.
pub fn agenda_clash(saved: &AgendaForm, typed: &AgendaForm) -> Markup {
    forms::conflict_summary(&clashes(&[
        ("Finding", &saved.finding, &typed.finding),
        ("Action-plan item", &saved.action, &typed.action),
        ("Question", &saved.question, &typed.question),
        ("Answer", &saved.answer, &typed.answer),
        ("Assurance level", &saved.level, &typed.level),
        ("Rationale", &saved.rationale, &typed.rationale),
        ("Evidence seen", &saved.evidence_seen, &typed.evidence_seen),
    ]))
}
