//! The response rules: the list of every rule (who owes a response to whom, the period, what
//! is published where; statutory or the office's own) and the form to add or edit one.

use maud::{Markup, html};

use super::forms::{self, Clash, Field, conflict_summary};
use super::layout::{Chrome, page};
use crate::domain::clocks::Rule;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{BodyKind, ClockStart, Counting, Source};
use crate::forms::FieldErrors;
use crate::forms::rules::{ANY_BODY, MAX_DAYS, RuleForm};

/// The source as the rule names it: an HMICFRS rule about one kind of body is a police or a
/// fire and rescue inspection.
fn source_label(r: &Rule) -> &'static str {
    match r.body_kind {
        Some(kind) => ReportSource::of(r.source, kind).label(),
        None => r.source.label(),
    }
}

fn body_label(kind: Option<BodyKind>) -> &'static str {
    kind.map_or("Any kind of body", |k| k.label())
}

pub fn index_page(chrome: &Chrome, rules: &[Rule]) -> Markup {
    let title = "Response rules";
    page(
        chrome,
        title,
        html! {
            h1 class="govuk-heading-l" { (title) }
            p class="govuk-body" {
                "Each rule starts a response clock on every report of its source: who owes a response "
                "to whom, from which event, for how long, and what must be published where. "
                "Statutory rules are fixed by law; the office's own working rules can be changed."
            }
            @if chrome.may_open("/rules/new") {
                p class="govuk-body" { a class="govuk-button" href="/rules/new" { "Add a rule" } }
            }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Every rule" }
                    thead class="govuk-table__head" { tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Rule" }
                        th scope="col" class="govuk-table__header" { "Source" }
                        th scope="col" class="govuk-table__header" { "Owed by, to" }
                        th scope="col" class="govuk-table__header" { "Period" }
                        th scope="col" class="govuk-table__header" { "What is published, where" }
                    } }
                    tbody class="govuk-table__body" {
                        @for r in rules { (row(chrome, r)) }
                    }
                }
            }
        },
    )
}

fn row(chrome: &Chrome, r: &Rule) -> Markup {
    let edit = format!("/rules/{}/edit", r.id);
    html! {
        tr class="govuk-table__row" id={ "rule-" (r.id) } {
            th scope="row" class="govuk-table__header" {
                (r.name) br;
                @if r.editable {
                    strong class="govuk-tag govuk-tag--blue" { "The office's own" }
                    @if chrome.may_open(&edit) {
                        " " a class="govuk-link" href=(edit) { "Edit" span class="govuk-visually-hidden" { " " (r.name) } }
                    }
                } @else {
                    strong class="govuk-tag govuk-tag--grey" { "Statutory" }
                }
            }
            td class="govuk-table__cell" {
                (source_label(r)) br;
                span class="govuk-body-s app-secondary" { (body_label(r.body_kind)) }
                @if r.needs_cause_of_concern {
                    br; span class="govuk-body-s app-secondary" { "With a cause of concern" }
                }
            }
            td class="govuk-table__cell" { (r.owed_by) br; "to " (r.owed_to) }
            td class="govuk-table__cell" { (r.period()) }
            td class="govuk-table__cell" { (r.publish) }
        }
    }
}

/// What differs between the rule as someone else saved it and what was typed.
pub fn clash(saved: &Rule, typed: &RuleForm) -> Markup {
    conflict_summary(&[
        Clash {
            label: "Name",
            saved: saved.name.clone(),
            typed: typed.name.trim().into(),
        },
        Clash {
            label: "Owed by",
            saved: saved.owed_by.clone(),
            typed: typed.owed_by.trim().into(),
        },
        Clash {
            label: "Owed to",
            saved: saved.owed_to.clone(),
            typed: typed.owed_to.trim().into(),
        },
        Clash {
            label: "Length in days",
            saved: saved.length_days.to_string(),
            typed: typed.length_days.trim().into(),
        },
        Clash {
            label: "What must be published, and where",
            saved: saved.publish.clone(),
            typed: typed.publish.trim().into(),
        },
    ])
}

/// The form's heading, where it posts, and a clash to show above it.
pub struct RuleFormPage<'a> {
    pub heading: &'a str,
    pub action: String,
    pub conflict: Option<Markup>,
}

pub fn form_page(
    chrome: &Chrome,
    p: &RuleFormPage<'_>,
    f: &RuleForm,
    errors: &FieldErrors,
) -> Markup {
    let sources: Vec<(&str, &str)> = Source::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    let kinds: Vec<(&str, &str)> = std::iter::once((ANY_BODY, "Any kind of body"))
        .chain(BodyKind::ALL.iter().map(|k| (k.as_str(), k.label())))
        .collect();
    let starts: Vec<(&str, &str)> = ClockStart::ALL
        .iter()
        .map(|s| (s.as_str(), s.label()))
        .collect();
    let counting: Vec<(&str, &str)> = Counting::ALL
        .iter()
        .map(|c| (c.as_str(), c.label()))
        .collect();
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    let length_hint = format!("A whole number from 1 to {MAX_DAYS}");
    page(
        chrome,
        p.heading,
        html! {
            @if let Some(conflict) = &p.conflict { (conflict) }
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" { (p.heading) }
            form method="post" action=(p.action) novalidate {
                (forms::csrf(&token))
                input type="hidden" name="version" value=(f.version);
                (forms::radios("source", "Source", &sources, &f.source, errors))
                (forms::radios("body_kind", "Kind of body", &kinds, &f.body_kind, errors))
                (checkbox("needs_cause_of_concern", "Only for a report with a cause of concern", f.needs_cause_of_concern == "yes", errors))
                (forms::input(&Field::text("name", "Name", &f.name), errors))
                (forms::input(&Field { hint: Some("For example, The Chief Constable"), ..Field::text("owed_by", "Who owes the response", &f.owed_by) }, errors))
                (forms::input(&Field { hint: Some("For example, The police and crime panel"), ..Field::text("owed_to", "Who it is owed to", &f.owed_to) }, errors))
                (forms::radios("starts_on", "The clock starts on", &starts, &f.starts_on, errors))
                (forms::input(&Field { hint: Some(&length_hint), ..Field::text("length_days", "Length in days", &f.length_days) }, errors))
                (forms::radios("counting", "How the days are counted", &counting, &f.counting, errors))
                (forms::textarea("publish", "What must be published, and where", Some("Optional"), &f.publish, errors))
                (forms::submit("Save the rule"))
            }
            p class="govuk-body" { a class="govuk-link" href="/rules" { "Back to the response rules" } }
        },
    )
}

/// One checkbox sent as "yes" when ticked.
fn checkbox(name: &'static str, label: &str, checked: bool, errors: &FieldErrors) -> Markup {
    let group = match errors.get(name) {
        Some(_) => "govuk-form-group govuk-form-group--error",
        None => "govuk-form-group",
    };
    html! {
        div class=(group) {
            @if let Some(message) = errors.get(name) {
                p class="govuk-error-message" id={ (name) "-error" } {
                    span class="govuk-visually-hidden" { "Error: " } (message)
                }
            }
            div class="govuk-checkboxes govuk-checkboxes--small" {
                div class="govuk-checkboxes__item" {
                    input class="govuk-checkboxes__input" type="checkbox" name=(name) id=(name)
                        value="yes" checked[checked];
                    label class="govuk-label govuk-checkboxes__label" for=(name) { (label) }
                }
            }
        }
    }
}
