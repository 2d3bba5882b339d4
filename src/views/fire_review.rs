//! A fire and rescue service's cause of concern: the panel on an inspection's page (the
//! 28-day action plan review, the revisit and its letter) and the form that records them.

use chrono::NaiveDate;
use maud::{Markup, html};

use super::components::{self, summary_row};
use super::forms::{self, Clash, Field, conflict_summary};
use super::inspections::date_text;
use super::layout::{Chrome, page};
use crate::db::inspections::InspectionRow;
use crate::domain::inputs::parse_date_parts;
use crate::domain::regimes;
use crate::forms::FieldErrors;
use crate::forms::fire_review::{FireReviewForm, STEPS};

fn when(d: Option<NaiveDate>) -> Markup {
    match d {
        Some(d) => components::date(d),
        None => html! { span class="app-secondary" { "Not yet" } },
    }
}

/// The panel shown on an inspection's page.
pub fn panel(i: &InspectionRow, today: NaiveDate, can_edit: bool) -> Markup {
    let r = &i.fire;
    html! {
        section class="app-section" aria-labelledby="fire-review" {
            h2 class="govuk-heading-m" id="fire-review" { "Cause of concern: action plan review" }
            p class="govuk-body" {
                "HMICFRS asks the service to review its action plan within 28 days of the report, then revisits and writes a revisit letter."
            }
            @if can_edit {
                p class="govuk-body" {
                    a class="govuk-link" href={ "/inspections/" (i.id) "/review" } { "Record the review, revisit and letter" }
                }
            }
            dl class="govuk-summary-list" {
                (summary_row("Review clock", components::plan_review(i.published_on, i.plan_review_extended_to, r.plan_review_received_on, today)))
                (summary_row("Review due", components::date(regimes::plan_review_due_on(i.published_on, i.plan_review_extended_to))))
                (summary_row(STEPS[0].1, when(r.plan_review_received_on)))
                (summary_row(STEPS[1].1, when(r.revisit_on)))
                (summary_row(STEPS[2].1, html! {
                    (when(r.revisit_letter_on))
                    @if let Some(url) = &r.revisit_letter_url { " – " a class="govuk-link" href=(url) { "read the revisit letter" } }
                }))
            }
        }
    }
}

/// What differs between the steps as someone else saved them and what was typed.
pub fn clash(saved: &InspectionRow, typed: &FireReviewForm) -> Markup {
    let s = &saved.fire;
    let typed_date = |name: &str| {
        let d = typed.date(name);
        date_text(parse_date_parts(&d.day, &d.month, &d.year).ok().flatten())
    };
    let saved_dates = [s.plan_review_received_on, s.revisit_on, s.revisit_letter_on];
    let clashes: Vec<Clash> = STEPS
        .iter()
        .zip(saved_dates)
        .map(|((name, label), saved)| Clash {
            label,
            saved: date_text(saved),
            typed: typed_date(name),
        })
        .collect();
    conflict_summary(&clashes)
}

pub fn form_page(
    chrome: &Chrome,
    i: &InspectionRow,
    values: &FireReviewForm,
    errors: &FieldErrors,
    conflict: Option<Markup>,
) -> Markup {
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    let heading = "Action plan review, revisit and letter";
    page(
        chrome,
        heading,
        html! {
            @if let Some(conflict) = conflict { (conflict) }
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (i.body_name) " – " (i.title) }
            h1 class="govuk-heading-l" { (heading) }
            p class="govuk-body" {
                "The report was published on " (components::date(i.published_on))
                ". The service's action plan review is due by "
                (components::date(regimes::plan_review_due_on(i.published_on, i.plan_review_extended_to)))
                @if i.plan_review_extended_to.is_some() { " (as extended)" }
                "."
            }
            form method="post" action={ "/inspections/" (i.id) "/review" } novalidate {
                (forms::csrf(&token))
                input type="hidden" name="version" value=(values.version);
                @for (name, label) in STEPS {
                    (forms::date_input(name, label, Some("For example, 7 2 2022. Leave blank if it has not happened yet"), &values.date(name), errors))
                }
                (forms::input(&Field { kind: "url", ..Field::text("revisit_letter_url", "Link to the revisit letter", &values.revisit_letter_url) }, errors))
                (forms::submit("Save the dates"))
            }
        },
    )
}
