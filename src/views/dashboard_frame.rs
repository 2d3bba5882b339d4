//! What every dashboard page shares: the heading, the "As at" date, the dashboard navigation
//! and the filter form (a GET form, so the filters stay in the address to bookmark or share).

use chrono::NaiveDate;
use maud::{Markup, html};

use super::forms::{date_input, select};
use crate::domain::dashboard::filters::{NO_UPDATE, NOT_ASSESSED, NOT_RECORDED};
use crate::domain::dashboard::{BodyFacts, Filters, ReportFacts};
use crate::domain::dates::uk_date;
use crate::domain::sources::ISSUING_BODY_POSITION;
use crate::domain::vocab::{Assurance, InspectoratePosition, MilestoneState, Rag};
use crate::forms::{DateParts, FieldErrors};

/// The date, filters and reports every dashboard page shows around its content.
pub struct Frame<'a> {
    pub filters: &'a Filters,
    pub as_at: NaiveDate,
    pub today: NaiveDate,
    /// The reports about the bodies in view.
    pub reports: Vec<&'a ReportFacts>,
    /// The bodies the viewer may see (and choose between).
    pub bodies: Vec<&'a BodyFacts>,
}

impl Frame<'_> {
    /// Whether the lists carry a Body column: the viewer may see more than one body.
    pub fn shows_body(&self) -> bool {
        self.bodies.len() > 1
    }

    /// The name of body `id`.
    pub fn body_name(&self, id: Option<i64>) -> &str {
        id.and_then(|id| self.bodies.iter().find(|b| b.id == id))
            .map_or("", |b| b.name.as_str())
    }
}

pub fn frame(fr: &Frame<'_>, title: &str, path: &str, content: Markup) -> Markup {
    let common = fr.filters.common();
    html! {
        span class="govuk-caption-l" { "Scrutiny dashboards" }
        h1 class="govuk-heading-l" { (title) }
        p class="govuk-inset-text app-as-at" id="as-at" {
            strong { "As at " (uk_date(fr.as_at)) }
            @if fr.as_at == fr.today { " (today)" } @else {
                " – the record as it stood at the end of that day. "
                a class="govuk-link" href=(Filters { as_at: None, ..fr.filters.clone() }.href(path)) { "Show today" }
            }
        }
        nav aria-label="Dashboards" class="app-subnav" {
            ul class="app-nav__list" {
                @for (href, label) in [
                    ("/dashboard", "Overview"),
                    ("/dashboard/assurance", "Assurance matrix"),
                    ("/dashboard/charts", "Charts"),
                    ("/dashboard/findings", "Findings"),
                    ("/dashboard/milestones", "Milestones"),
                    ("/dashboard/actions", "Action-plan items"),
                    ("/dashboard/arising", "Actions arising"),
                ] {
                    li {
                        a class="govuk-link" href=(common.href(href))
                            aria-current=[(href == path).then_some("page")] { (label) }
                    }
                }
            }
        }
        (filter_form(fr, path))
        (content)
    }
}

fn options<T: Copy>(
    all: &[T],
    token: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    none: (&str, &str),
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (token(*v).to_string(), label(*v).to_string()))
        .chain(std::iter::once((none.0.to_string(), none.1.to_string())))
        .collect()
}

fn filter_form(fr: &Frame<'_>, path: &str) -> Markup {
    let f = fr.filters;
    let no_errors = FieldErrors::default();
    let inspections: Vec<(String, String)> = fr
        .reports
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone()))
        .collect();
    let pairs = f.pairs();
    let value = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let states: Vec<(String, String)> = MilestoneState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    html! {
        details class="govuk-details app-filters" open[f.pairs().iter().any(|(k, _)| *k != "as_at")] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Filter and choose a date" } }
            form method="get" action=(path) class="govuk-details__text" {
                @if fr.shows_body() { (body_checkboxes(fr)) }
                (select("inspection", "Inspection", &inspections, &value("inspection"), Some("All inspections"), &no_errors))
                div class="govuk-form-group" {
                    label class="govuk-label" for="area" { "Area (contains)" }
                    input class="govuk-input" id="area" name="area" type="text" value=(value("area"));
                }
                div class="govuk-form-group" {
                    label class="govuk-label" for="owner" { "Owner – role or name (contains)" }
                    input class="govuk-input" id="owner" name="owner" type="text" value=(value("owner"));
                }
                (select("rag", "Force RAG", &options(Rag::ALL, |r| r.as_str(), |r| r.label(), (NO_UPDATE, "No update yet")), &value("rag"), Some("Any"), &no_errors))
                (select("assurance", "PCC assurance", &options(Assurance::ALL, |a| a.as_str(), |a| a.label(), (NOT_ASSESSED, "Not yet assessed")), &value("assurance"), Some("Any"), &no_errors))
                (select("position", ISSUING_BODY_POSITION, &options(InspectoratePosition::ALL, |p| p.as_str(), |p| p.label(), (NOT_RECORDED, "No position recorded")), &value("position"), Some("Any"), &no_errors))
                (select("status", "Milestone status", &states, &value("status"), Some("Any"), &no_errors))
                (date_input("as_at", "As at", Some("The record as it stood at the end of this day. For example, 15 9 2026"), &DateParts::from_date(f.as_at), &no_errors))
                @for key in ["due", "show"] {
                    @let v = value(key);
                    @if !v.is_empty() { input type="hidden" name=(key) value=(v); }
                }
                button type="submit" class="govuk-button" { "Apply filters" }
                " "
                a class="govuk-link" href=(path) { "Clear filters" }
            }
        }
    }
}

/// The body filter: a box per body the viewer may see; none ticked means all of them.
fn body_checkboxes(fr: &Frame<'_>) -> Markup {
    html! {
        div class="govuk-form-group" {
            fieldset class="govuk-fieldset" aria-describedby="body-hint" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Body" }
                div class="govuk-hint" id="body-hint" { "Leave all unticked for every body you can see." }
                div class="govuk-checkboxes govuk-checkboxes--small" {
                    @for b in &fr.bodies {
                        @let id = format!("body-{}", b.id);
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" id=(id) name="body" type="checkbox"
                                value=(b.id) checked[fr.filters.bodies.contains(&b.id)];
                            label class="govuk-label govuk-checkboxes__label" for=(id) {
                                (b.name) " (" (b.kind.label()) ")"
                            }
                        }
                    }
                }
            }
        }
    }
}
