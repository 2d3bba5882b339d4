//! The action-plan item form (add, edit, conflict) with findings grouped by report, and the
//! form to mark an item as blocked by an external body.

use maud::{Markup, html};

use super::forms::{self, Clash, Field};
use super::layout::{Chrome, page};
use crate::db::actions::{ActionRow, FindingChoiceRow};
use crate::domain::blocks::Blocked;
use crate::domain::dates;
use crate::forms::FieldErrors;
use crate::forms::actions::ActionForm;
use crate::forms::blocks::BlockForm;

/// The fields of a saved record against what was typed, for the conflict summary.
pub fn clashes<'a>(
    saved: &ActionForm,
    typed: &ActionForm,
    choices: &[FindingChoiceRow],
) -> Vec<Clash<'a>> {
    let refs = |ids: &[String]| {
        let mut refs: Vec<String> = choices
            .iter()
            .filter(|c| ids.contains(&c.id.to_string()))
            .map(|c| format!("{} {}", c.inspection_title, c.reference))
            .collect();
        refs.sort();
        refs.join("; ")
    };
    vec![
        Clash {
            label: "Reference",
            saved: saved.reference.clone(),
            typed: typed.reference.trim().into(),
        },
        Clash {
            label: "Title",
            saved: saved.title.clone(),
            typed: typed.title.trim().into(),
        },
        Clash {
            label: "Description",
            saved: saved.description.clone(),
            typed: typed.description.trim().into(),
        },
        Clash {
            label: "Owner role",
            saved: saved.owner_role.clone(),
            typed: typed.owner_role.trim().into(),
        },
        Clash {
            label: "Owner name",
            saved: saved.owner_name.clone(),
            typed: typed.owner_name.trim().into(),
        },
        Clash {
            label: "Findings addressed",
            saved: refs(&saved.findings),
            typed: refs(&typed.findings),
        },
    ]
}

fn finding_checkboxes(
    choices: &[FindingChoiceRow],
    chosen: &[String],
    errors: &FieldErrors,
) -> Markup {
    let has_error = errors.get("findings").is_some();
    let mut groups: Vec<(i64, String, Vec<&FindingChoiceRow>)> = Vec::new();
    // Each report is headed by its body too when the findings come from more than one.
    let many_bodies = choices.iter().any(|c| c.body_id != choices[0].body_id);
    for c in choices {
        match groups.last_mut() {
            Some((id, _, items)) if *id == c.inspection_id => items.push(c),
            _ => {
                let title = match many_bodies {
                    true => format!("{}: {}", c.body_name, c.inspection_title),
                    false => c.inspection_title.clone(),
                };
                groups.push((c.inspection_id, title, vec![c]));
            }
        }
    }
    html! {
        div class={ "govuk-form-group" @if has_error { " govuk-form-group--error" } } {
            h2 class="govuk-heading-m" { "Findings it addresses" }
            @if let Some(message) = errors.get("findings") {
                p class="govuk-error-message" id="findings-error" { span class="govuk-visually-hidden" { "Error: " } (message) }
            }
            @for (g, (inspection_id, title, items)) in groups.iter().enumerate() {
                fieldset class="govuk-fieldset" {
                    legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (title) }
                    div class="govuk-checkboxes govuk-checkboxes--small" {
                        @for (i, c) in items.iter().enumerate() {
                            // The first box is `#findings`, where the error summary links.
                            @let id = if g == 0 && i == 0 { "findings".to_string() } else { format!("finding-{}-{}", inspection_id, c.id) };
                            div class="govuk-checkboxes__item" {
                                input class="govuk-checkboxes__input" type="checkbox" name="findings" id=(id)
                                    value=(c.id) checked[chosen.contains(&c.id.to_string())];
                                label class="govuk-label govuk-checkboxes__label" for=(id) {
                                    (c.kind.label()) " " (c.reference)
                                    @if let Some(s) = &c.public_summary { ": " (s) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Add (`id` None) or edit an action. `conflict` holds the clashes after a 409.
pub fn action_form_page(
    chrome: &Chrome,
    csrf_token: &str,
    id: Option<i64>,
    form: &ActionForm,
    choices: &[FindingChoiceRow],
    errors: &FieldErrors,
    conflict: Option<&[Clash<'_>]>,
) -> Markup {
    let title = if id.is_some() {
        "Edit an action"
    } else {
        "Add an action"
    };
    let post = id.map_or("/actions".to_string(), |id| format!("/actions/{id}"));
    page(
        chrome,
        title,
        html! {
            @if let Some(clashes) = conflict { (forms::conflict_summary(clashes)) }
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" { (title) }
            form method="post" action=(post) novalidate {
                (forms::csrf(csrf_token))
                @if id.is_some() { input type="hidden" name="version" value=(form.version); }
                (forms::input(&Field { hint: Some("As numbered in the action plan, for example CP-12"), ..Field::text("reference", "Reference", &form.reference) }, errors))
                (forms::input(&Field::text("title", "Title", &form.title), errors))
                (forms::textarea("description", "Description", None, &form.description, errors))
                (forms::input(&Field { hint: Some("For example Head of Public Protection"), ..Field::text("owner_role", "Owner's role", &form.owner_role) }, errors))
                (forms::input(&Field::text("owner_name", "Owner's name", &form.owner_name), errors))
                (finding_checkboxes(choices, &form.findings, errors))
                (forms::submit("Save action"))
            }
            p class="govuk-body" {
                a class="govuk-link" href=(id.map_or("/actions".to_string(), |id| format!("/actions/{id}"))) { "Cancel" }
            }
        },
    )
}

/// What the person typed beside what someone else saved first, after a 409.
pub fn block_clashes(saved: &ActionRow, typed: &Blocked) -> Vec<Clash<'static>> {
    vec![
        Clash {
            label: "Blocked by",
            saved: saved
                .blocked_by
                .clone()
                .unwrap_or_else(|| "Not blocked".into()),
            typed: typed.by.clone(),
        },
        Clash {
            label: "Blocked since",
            saved: saved.blocked_since.map(dates::uk_date).unwrap_or_default(),
            typed: dates::uk_date(typed.since),
        },
    ]
}

/// The blocked-by form; `conflict` holds the clashes after a 409.
pub fn block_page(
    chrome: &Chrome,
    csrf_token: &str,
    a: &ActionRow,
    form: &BlockForm,
    errors: &FieldErrors,
    conflict: Option<&[Clash<'_>]>,
) -> Markup {
    page(
        chrome,
        "Mark an action as blocked",
        html! {
            @if let Some(clashes) = conflict { (forms::conflict_summary(clashes)) }
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (a.reference) " " (a.title) }
            h1 class="govuk-heading-l" { "Mark an action as blocked" }
            p class="govuk-body" { "Use this when the action waits on an external body, such as a national programme. It is shown as blocked, not as the force's failure." }
            form method="post" action={ "/actions/" (a.id) "/block" } novalidate {
                (forms::csrf(csrf_token))
                input type="hidden" name="version" value=(form.version);
                (forms::input(&Field { hint: Some("For example Home Office – national digital forensics capability"), ..Field::text("blocked_by", "Blocked by", &form.blocked_by) }, errors))
                (forms::date_input("since", "Blocked since", Some("For example, 1 9 2025"), &form.since(), errors))
                (forms::submit("Mark as blocked"))
            }
            p class="govuk-body" { a class="govuk-link" href={ "/actions/" (a.id) } { "Cancel" } }
        },
    )
}
