//! Themes across sources: the list with counts, one theme's findings, and the themes panel
//! of a finding's page (its themes as links, and for the office the form that tags it).

use maud::{Markup, html};

use super::components::link;
use super::forms::{csrf, error_summary};
use super::layout::{Chrome, page};
use super::register::{Columns, findings_table};
use crate::db::clocks::Theme;
use crate::domain::numbers;
use crate::domain::register::RegisterRow;
use crate::forms::FieldErrors;
use crate::forms::themes::ThemesForm;

/// How many themes in use the tagging form names in its hint (the list offers them all).
const NAMED_IN_HINT: usize = 30;

pub fn themes_page(chrome: &Chrome, themes: &[Theme]) -> Markup {
    page(
        chrome,
        "Themes",
        html! {
            h1 class="govuk-heading-l" { "Themes" }
            p class="govuk-body" {
                "Themes tag findings across sources and bodies – an HMICFRS recommendation, a "
                "coroner's concern and an IOPC learning recommendation about the same thing. "
                "The office tags a finding on its page."
            }
            p class="govuk-body" { (link(chrome, "/register", "See the register of open recommendations")) }
            @if themes.is_empty() {
                p class="govuk-body" { "No findings are tagged with a theme yet." }
            } @else {
                ul class="govuk-list app-themes" {
                    @for t in themes {
                        li {
                            a class="govuk-link" href={ "/themes/" (t.id) } { (t.name) }
                            " – " (numbers::count(t.findings, "finding", "findings"))
                        }
                    }
                }
            }
        },
    )
}

/// One theme's findings, open and closed, of every source and body the viewer may see.
pub fn theme_page(chrome: &Chrome, name: &str, rows: &[&RegisterRow]) -> Markup {
    let open = rows.iter().filter(|r| r.open).count();
    page(
        chrome,
        &format!("Theme: {name}"),
        html! {
            span class="govuk-caption-l" { (link(chrome, "/themes", "Themes")) }
            h1 class="govuk-heading-l" { (name) }
            p class="govuk-body govuk-!-font-weight-bold" id="theme-count" {
                (numbers::count(rows.len(), "finding", "findings")) ", " (open) " open"
            }
            @if rows.is_empty() {
                p class="govuk-body" { "No finding is tagged with this theme." }
            } @else {
                (findings_table(chrome, &format!("Findings tagged {name}"), rows, Columns::THEME))
            }
        },
    )
}

/// The themes panel of a finding's page, with what was typed into its form and what to fix.
pub struct FindingThemes<'a> {
    pub finding_id: i64,
    /// Its themes, by name: (id, name).
    pub themes: &'a [(i64, String)],
    /// Every theme in use, by name, offered when tagging.
    pub known: &'a [String],
    pub form: ThemesForm,
    pub errors: FieldErrors,
}

/// The error summary for the page's top (empty unless the themes typed were refused).
pub fn themes_errors(t: &FindingThemes<'_>) -> Markup {
    error_summary(&t.errors)
}

pub fn finding_panel(chrome: &Chrome, t: &FindingThemes<'_>) -> Markup {
    let action = format!("/findings/{}/themes", t.finding_id);
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or_default();
    let error = t.errors.get("themes");
    html! {
        h2 class="govuk-heading-m" id="finding-themes" { "Themes" }
        @if t.themes.is_empty() {
            p class="govuk-body" { "Not tagged with any theme." }
        } @else {
            p class="govuk-body" { (super::register::theme_links(chrome, t.themes)) }
        }
        @if chrome.may_post(&action) {
            form method="post" action=(action) novalidate {
                (csrf(token))
                div class={ "govuk-form-group" @if error.is_some() { " govuk-form-group--error" } } {
                    label class="govuk-label" for="themes" { "Themes" }
                    div class="govuk-hint" id="themes-hint" {
                        "Separate themes with commas, for example: missing children, vetting."
                        @if !t.known.is_empty() {
                            " In use: " (t.known.iter().take(NAMED_IN_HINT).cloned().collect::<Vec<_>>().join(", "))
                            @if t.known.len() > NAMED_IN_HINT { " and " (t.known.len() - NAMED_IN_HINT) " more" }
                            "."
                        }
                    }
                    @if let Some(message) = error {
                        p class="govuk-error-message" id="themes-error" {
                            span class="govuk-visually-hidden" { "Error: " } (message)
                        }
                    }
                    input class={ "govuk-input" @if error.is_some() { " govuk-input--error" } }
                        id="themes" name="themes" type="text" value=(t.form.themes)
                        list="themes-in-use" autocomplete="off"
                        aria-describedby={ "themes-hint" @if error.is_some() { " themes-error" } };
                    datalist id="themes-in-use" {
                        @for name in t.known { option value=(name) {} }
                    }
                }
                button type="submit" class="govuk-button govuk-button--secondary" { "Save themes" }
            }
        }
    }
}
