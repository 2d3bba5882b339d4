//! Form fields in the GOV.UK pattern: label, hint, message, the value the person typed.

use maud::{Markup, html};

use crate::forms::{DateParts, FieldErrors};

pub fn csrf(token: &str) -> Markup {
    html! { input type="hidden" name="csrf_token" value=(token); }
}

/// The error summary at the top of a form; links move focus to each field.
pub fn error_summary(errors: &FieldErrors) -> Markup {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        div class="govuk-error-summary" data-module="govuk-error-summary" tabindex="-1" {
            div role="alert" {
                h2 class="govuk-error-summary__title" { "There is a problem" }
                div class="govuk-error-summary__body" {
                    ul class="govuk-list govuk-error-summary__list" {
                        @for (field, message) in &errors.0 {
                            @if *field == crate::forms::PAGE {
                                li { (message) }
                            } @else {
                                li { a href={ "#" (field) } { (message) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn error_message(errors: &FieldErrors, name: &str) -> Markup {
    html! {
        @if let Some(message) = errors.get(name) {
            p class="govuk-error-message" id={ (name) "-error" } {
                span class="govuk-visually-hidden" { "Error: " } (message)
            }
        }
    }
}

fn group_class(errors: &FieldErrors, name: &str) -> &'static str {
    if errors.get(name).is_some() {
        "govuk-form-group govuk-form-group--error"
    } else {
        "govuk-form-group"
    }
}

fn described_by(errors: &FieldErrors, name: &str, hint: Option<&str>) -> Option<String> {
    let mut ids = Vec::new();
    if hint.is_some() {
        ids.push(format!("{name}-hint"));
    }
    if errors.get(name).is_some() {
        ids.push(format!("{name}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A one-line text field. `kind` is the input type (text, email, password, url).
pub struct Field<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub hint: Option<&'a str>,
    pub value: &'a str,
    pub kind: &'static str,
    pub autocomplete: Option<&'static str>,
}

impl<'a> Field<'a> {
    pub fn text(name: &'static str, label: &'a str, value: &'a str) -> Self {
        Self {
            name,
            label,
            hint: None,
            value,
            kind: "text",
            autocomplete: None,
        }
    }
}

pub fn input(field: &Field<'_>, errors: &FieldErrors) -> Markup {
    let name = field.name;
    let has_error = errors.get(name).is_some();
    html! {
        div class=(group_class(errors, name)) {
            label class="govuk-label" for=(name) { (field.label) }
            @if let Some(hint) = field.hint {
                div class="govuk-hint" id={ (name) "-hint" } { (hint) }
            }
            (error_message(errors, name))
            input class={ "govuk-input" @if has_error { " govuk-input--error" } }
                id=(name) name=(name) type=(field.kind) value=(field.value)
                autocomplete=[field.autocomplete]
                aria-describedby=[described_by(errors, name, field.hint)];
        }
    }
}

pub fn textarea(
    name: &'static str,
    label: &str,
    hint: Option<&str>,
    value: &str,
    errors: &FieldErrors,
) -> Markup {
    let has_error = errors.get(name).is_some();
    html! {
        div class=(group_class(errors, name)) {
            label class="govuk-label" for=(name) { (label) }
            @if let Some(hint) = hint {
                div class="govuk-hint" id={ (name) "-hint" } { (hint) }
            }
            (error_message(errors, name))
            textarea class={ "govuk-textarea" @if has_error { " govuk-textarea--error" } }
                id=(name) name=(name) rows="5"
                aria-describedby=[described_by(errors, name, hint)] { (value) }
        }
    }
}

/// A GOV.UK date input: day, month and year fields named `{name}_day` and so on.
pub fn date_input(
    name: &'static str,
    legend: &str,
    hint: Option<&str>,
    value: &DateParts,
    errors: &FieldErrors,
) -> Markup {
    date_input_as(name, name, legend, hint, value, errors)
}

/// [`date_input`] whose elements' ids start `id` rather than `name`: for a page with one such
/// field in each of several forms (the error summary links to the one named `name`). Only
/// one of them may have a hint or `errors`: those keep `name`'s ids.
pub fn date_input_as(
    id: &str,
    name: &'static str,
    legend: &str,
    hint: Option<&str>,
    value: &DateParts,
    errors: &FieldErrors,
) -> Markup {
    let base = id;
    let has_error = errors.get(name).is_some();
    let class = |width: &str| {
        format!(
            "govuk-input govuk-date-input__input govuk-input--width-{width}{}",
            if has_error { " govuk-input--error" } else { "" }
        )
    };
    html! {
        div class=(group_class(errors, name)) {
            fieldset class="govuk-fieldset" role="group"
                aria-describedby=[described_by(errors, name, hint)] {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (legend) }
                @if let Some(hint) = hint {
                    div class="govuk-hint" id={ (name) "-hint" } { (hint) }
                }
                (error_message(errors, name))
                div class="govuk-date-input" {
                    @for (part, label, width, val) in [
                        ("day", "Day", "2", &value.day),
                        ("month", "Month", "2", &value.month),
                        ("year", "Year", "4", &value.year),
                    ] {
                        // The day field's id is the field's name, so the error summary's link
                        // to `#name` lands in it.
                        @let id = if part == "day" { base.to_string() } else { format!("{base}_{part}") };
                        div class="govuk-date-input__item" {
                            div class="govuk-form-group" {
                                label class="govuk-label govuk-date-input__label"
                                    for=(id) { (label) }
                                input class=(class(width)) id=(id)
                                    name={ (name) "_" (part) } type="text" inputmode="numeric"
                                    value=(val);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Radios for a closed vocabulary: `(value, label)` pairs.
pub fn radios(
    name: &'static str,
    legend: &str,
    options: &[(&str, &str)],
    selected: &str,
    errors: &FieldErrors,
) -> Markup {
    html! {
        div class=(group_class(errors, name)) {
            fieldset class="govuk-fieldset" aria-describedby=[described_by(errors, name, None)] {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { (legend) }
                (error_message(errors, name))
                div class="govuk-radios govuk-radios--small" {
                    @for (i, (value, label)) in options.iter().enumerate() {
                        @let id = option_id(name, i);
                        div class="govuk-radios__item" {
                            input class="govuk-radios__input" id=(id) name=(name)
                                type="radio" value=(value) checked[*value == selected];
                            label class="govuk-label govuk-radios__label" for=(id) {
                                (label)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// "Yes, this date is right": the box that confirms a date the form asked about. Shown only
/// while `field` carries that `question` (or the box was ticked), so a plain form stays plain.
pub fn confirm_date(field: &str, question: &str, checked: bool, errors: &FieldErrors) -> Markup {
    if errors.get(field) != Some(question) && !checked {
        return html! {};
    }
    html! {
        div class="govuk-form-group" {
            div class="govuk-checkboxes govuk-checkboxes--small" {
                div class="govuk-checkboxes__item" {
                    input class="govuk-checkboxes__input" type="checkbox" name="confirm_date"
                        id="confirm_date" value="yes" checked[checked];
                    label class="govuk-label govuk-checkboxes__label" for="confirm_date" {
                        "Yes, this date is right"
                    }
                }
            }
        }
    }
}

/// The id of a radio or checkbox: the first has the field's own name, so the error summary's
/// link to `#name` lands on it (as in GOV.UK Frontend), the rest `name-1`, `name-2`…
pub fn option_id(name: &str, index: usize) -> String {
    if index == 0 {
        name.to_string()
    } else {
        format!("{name}-{index}")
    }
}

/// A drop-down list: `(value, label)` pairs, with an optional empty first choice.
pub fn select(
    name: &'static str,
    label: &str,
    options: &[(String, String)],
    selected: &str,
    empty: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    html! {
        div class=(group_class(errors, name)) {
            label class="govuk-label" for=(name) { (label) }
            (error_message(errors, name))
            select class="govuk-select" id=(name) name=(name)
                aria-describedby=[described_by(errors, name, None)] {
                @if let Some(empty) = empty {
                    option value="" selected[selected.is_empty()] { (empty) }
                }
                @for (value, text) in options {
                    option value=(value) selected[*value == selected] { (text) }
                }
            }
        }
    }
}

/// A drop-down list of `(group, value, label)` choices, each run of one group under an
/// `<optgroup>` of its name (the body a finding or action belongs to); with one group only,
/// a plain list, as there is nothing to tell apart.
pub fn grouped_select(
    name: &'static str,
    label: &str,
    options: &[(String, String, String)],
    selected: &str,
    empty: Option<&str>,
    errors: &FieldErrors,
) -> Markup {
    let mut groups: Vec<(&str, Vec<(&str, &str)>)> = Vec::new();
    for (group, value, text) in options {
        match groups.last_mut() {
            Some((g, items)) if *g == group.as_str() => items.push((value, text)),
            _ => groups.push((group, vec![(value, text)])),
        }
    }
    if groups.len() < 2 {
        let plain: Vec<(String, String)> = options
            .iter()
            .map(|(_, v, t)| (v.clone(), t.clone()))
            .collect();
        return select(name, label, &plain, selected, empty, errors);
    }
    html! {
        div class=(group_class(errors, name)) {
            label class="govuk-label" for=(name) { (label) }
            (error_message(errors, name))
            select class="govuk-select" id=(name) name=(name)
                aria-describedby=[described_by(errors, name, None)] {
                @if let Some(empty) = empty {
                    option value="" selected[selected.is_empty()] { (empty) }
                }
                @for (group, items) in &groups {
                    optgroup label=(group) {
                        @for (value, text) in items {
                            option value=(value) selected[*value == selected] { (text) }
                        }
                    }
                }
            }
        }
    }
}

pub fn submit(label: &str) -> Markup {
    html! { button type="submit" class="govuk-button" data-module="govuk-button" { (label) } }
}

/// One field of a record that someone else changed while this person was editing it.
pub struct Clash<'a> {
    pub label: &'a str,
    pub saved: String,
    pub typed: String,
}

/// Shown above a form re-rendered after a clash (status 409): both versions side by side;
/// the form below keeps what this person typed and now carries the saved record's version,
/// so saving again is a deliberate choice.
pub fn conflict_summary(clashes: &[Clash<'_>]) -> Markup {
    html! {
        div class="govuk-error-summary app-conflict" tabindex="-1" {
            div role="alert" {
                h2 class="govuk-error-summary__title" { "Someone else changed this record" }
                div class="govuk-error-summary__body" {
                    p class="govuk-body" {
                        "It was saved by someone else after you opened it. Nothing you typed has been "
                        "lost: it is still in the form below. Compare the two versions, then save "
                        "again to keep yours."
                    }
                    div class="app-table-wrapper" {
                        table class="govuk-table" {
                            caption class="govuk-table__caption govuk-table__caption--s" { "What differs" }
                            thead class="govuk-table__head" {
                                tr class="govuk-table__row" {
                                    th scope="col" class="govuk-table__header" { "Field" }
                                    th scope="col" class="govuk-table__header" { "Saved by someone else" }
                                    th scope="col" class="govuk-table__header" { "What you typed" }
                                }
                            }
                            tbody class="govuk-table__body" {
                                @for clash in clashes.iter().filter(|c| c.saved != c.typed) {
                                    tr class="govuk-table__row" {
                                        th scope="row" class="govuk-table__header" { (clash.label) }
                                        td class="govuk-table__cell" { (clash.saved) }
                                        td class="govuk-table__cell" { (clash.typed) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
