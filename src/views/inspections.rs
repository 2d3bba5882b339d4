//! Inspection pages: the list with each report's section 55 clock, the page of one report
//! (its findings with the three voices side by side and the section 55 panel), and its form.

use std::collections::HashMap;

use crate::domain::withdrawals::Withdrawable;
use chrono::NaiveDate;
use maud::{Markup, html};

use super::components;
use super::forms::{self, Clash, Field, conflict_summary};
use super::layout::{Chrome, page};
use super::{fire_review, section_55};
use crate::db::bodies::BodyRow;
use crate::db::findings::FindingRow;
use crate::db::inspections::{InspectionRow, InspectionSummaryRow, Readiness};
use crate::db::voices::VoicesRow;
use crate::domain::dates;
use crate::domain::inputs::parse_date_parts;
use crate::domain::numbers;
use crate::domain::regimes::Regime;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{InspectionKind, Source};
use crate::forms::inspections::{APPLIES, FAR_AHEAD, InspectionForm};
use crate::forms::{DateParts, FieldErrors};

pub fn index_page(
    chrome: &Chrome,
    inspections: &[InspectionSummaryRow],
    can_edit: bool,
    today: NaiveDate,
) -> Markup {
    page(
        chrome,
        "Inspections",
        html! {
            h1 class="govuk-heading-l" { "Inspections" }
            @if can_edit {
                div class="govuk-button-group" {
                    a class="govuk-button" href="/inspections/new" { "Add an inspection" }
                    @if chrome.may_open("/packages") {
                        a class="govuk-button govuk-button--secondary" href="/packages" { "Load a report package" }
                    }
                    @if chrome.may_open("/bodies") {
                        a class="govuk-link" href="/bodies" { "Manage inspected bodies" }
                    }
                }
            }
            @if inspections.is_empty() {
                p class="govuk-body" { "No inspections have been recorded yet." }
            } @else {
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-table__caption--m" { "Every report, newest first" }
                        thead class="govuk-table__head" { tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Report" }
                            th scope="col" class="govuk-table__header" { "Kind" }
                            th scope="col" class="govuk-table__header" { "Published" }
                            th scope="col" class="govuk-table__header" { "Statutory response" }
                        } }
                        tbody class="govuk-table__body" {
                            @for i in inspections {
                                tr class="govuk-table__row" {
                                    th scope="row" class="govuk-table__header" {
                                        a class="govuk-link" href={ "/inspections/" (i.id) } { (i.title) }
                                        br; span class="govuk-body-s app-secondary" { (i.body_name) }
                                    }
                                    td class="govuk-table__cell" { (i.kind.label()) }
                                    td class="govuk-table__cell" { (components::date(i.published_on)) }
                                    td class="govuk-table__cell" {
                                        (components::statutory_clock(i.facts.regime(), i.published_on, i.response_published_on, (i.plan_review_extended_to, i.plan_review_received_on), today))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Everything the page of one inspection shows.
pub struct InspectionPage<'a> {
    pub inspection: &'a InspectionRow,
    pub readiness: &'a Readiness,
    pub findings: &'a [FindingRow],
    pub voices: &'a [VoicesRow],
    pub can_edit: bool,
    pub today: NaiveDate,
    /// The inspections that follow this one up: (id, title).
    pub followed_up_by: &'a [(i64, String)],
    /// Set when the inspection was withdrawn as entered in error.
    pub withdrawal: Option<&'a crate::domain::withdrawals::Withdrawal>,
    /// The report's response clocks, one for each rule that applies to it.
    pub clocks: &'a [crate::domain::clocks::ReportClock],
    /// Its evidence files: the report, the section 55 response letter.
    pub files: &'a [crate::db::evidence::FileRow],
}

pub fn show_page(chrome: &Chrome, p: &InspectionPage<'_>) -> Markup {
    let i = p.inspection;
    let voices: HashMap<i64, &VoicesRow> = p.voices.iter().map(|v| (v.finding_id, v)).collect();
    let regime = i.regime();
    page(
        chrome,
        &i.title,
        html! {
            (components::office_and_body(&chrome.site.organisation_name, &i.body_name))
            h1 class="govuk-heading-l" { (i.title) }
            (super::withdrawals::notice(chrome, Withdrawable::Inspection, i.id, p.withdrawal))
            @if p.can_edit {
                p class="govuk-body" {
                    a class="govuk-link" href={ "/inspections/" (i.id) "/edit" } { "Edit the inspection" } " · "
                    @if regime.is_section_55() {
                        a class="govuk-link" href={ "/inspections/" (i.id) "/response" } { "Record the section 55 response" } " · "
                    }
                    a class="govuk-link" href={ "/inspections/" (i.id) "/findings/new" } { "Add a finding" } " · "
                    a class="govuk-link" href={ "/inspections/" (i.id) "/findings/import" } { "Import findings" }
                }
            }
            (details(i, p.followed_up_by))
            (publication(i.id, p.readiness, p.can_edit, chrome))
            @match regime {
                Regime::Section55 => (section_55::panel(i, p.today)),
                Regime::FireCauseOfConcern => (fire_review::panel(i, p.today, p.can_edit)),
                Regime::None => {},
            }
            (super::clocks::section(chrome, i.id, p.clocks))
            h2 class="govuk-heading-m" id="findings" { "Findings" }
            p class="govuk-body" {
                a class="govuk-link" href={ "/inspections/" (i.id) "/findings.csv" } { "Download the findings as CSV" }
                " · "
                a class="govuk-link" href={ "/inspections/" (i.id) "/package.json" } { "Download as a report package" }
                " (for other offices to load: "
                (super::components::link(chrome, "/packages", "report packages"))
                ")"
            }
            @if p.findings.is_empty() {
                p class="govuk-body" { "No findings recorded yet." }
            } @else {
                (findings_table(p.findings, &voices, ReportSource::of(i.source, i.body_kind)))
            }
            (super::evidence::evidence_section(chrome, crate::domain::evidence::Attached { to: crate::domain::vocab::AttachedTo::Inspection, id: i.id }, p.files))
        },
    )
}

/// Whether the inspection may reach an edition, and the button that changes it.
fn publication(id: i64, r: &Readiness, can_edit: bool, chrome: &Chrome) -> Markup {
    let csrf = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.as_str())
        .unwrap_or_default();
    html! {
        h2 class="govuk-heading-m" id="publication" { "Publication" }
        @if let Some(at) = &r.ready_for_publication_at {
            p class="govuk-body" {
                strong class="govuk-tag govuk-tag--green" { "Ready for publication" } " "
                "Marked ready on " (dates::uk_stored_instant(at))
                @if let Some(name) = &r.marked_by_name { " by " (name) }
                ". Each edition published from now on includes it, with the public summaries approved for it."
            }
            @if can_edit {
                form method="post" action={ "/inspections/" (id) "/not-ready" } {
                    (forms::csrf(csrf))
                    button type="submit" class="govuk-button govuk-button--secondary" { "Mark not ready for publication" }
                }
            }
        } @else {
            p class="govuk-body" {
                strong class="govuk-tag govuk-tag--grey" { "Not ready for publication" } " "
                "No edition includes this inspection or anything under it (findings, action-plan "
                "items, milestones, updates, summaries) until the office marks it ready."
            }
            @if can_edit {
                form method="post" action={ "/inspections/" (id) "/ready" } {
                    (forms::csrf(csrf))
                    button type="submit" class="govuk-button" { "Mark ready for publication" }
                }
            }
        }
    }
}

fn details(i: &InspectionRow, followed_up_by: &[(i64, String)]) -> Markup {
    let applies = |yes: bool| if yes { "Applies" } else { "Does not apply" };
    let police = Regime::of(i.source, i.body_kind, i.has_cause_of_concern).is_section_55();
    let obligations = i.obligations();
    let row = |key: &str, value: Markup| {
        html! {
            div class="govuk-summary-list__row" {
                dt class="govuk-summary-list__key" { (key) }
                dd class="govuk-summary-list__value" { (value) }
            }
        }
    };
    html! {
        dl class="govuk-summary-list" {
            (row("Kind", html! { (i.kind.label()) }))
            (row("Source", html! { (ReportSource::of(i.source, i.body_kind).label()) }))
            (row("Fieldwork", components::fieldwork(i.fieldwork_start, i.fieldwork_end)))
            (row("Published", components::date(i.published_on)))
            (row("Report", html! {
                @if let Some(url) = &i.report_url { a class="govuk-link" href=(url) { "Read the published report" } }
                @else { span class="app-secondary" { "No link recorded" } }
            }))
            @if let (Some(national), Some(version)) = (&i.national_id, i.package_version) {
                (row("Report package", html! {
                    "Loaded from version " (version) " of " span class="app-break" { (national) }
                }))
            }
            @if let (Some(id), Some(title)) = (i.follows_up_id, &i.follows_up_title) {
                (row("Follows up", html! { a class="govuk-link" href={ "/inspections/" (id) } { (title) } }))
            }
            @if !followed_up_by.is_empty() {
                (row("Followed up by", html! {
                    @for (n, (id, title)) in followed_up_by.iter().enumerate() {
                        @if n > 0 { br; }
                        a class="govuk-link" href={ "/inspections/" (id) } { (title) }
                    }
                }))
            }
            @if police {
                (row("Section 55 response", html! { (applies(obligations.section_55)) }))
                (row("Six-week force action plan", html! { (applies(obligations.action_plan)) }))
            }
        }
    }
}

/// `source`: the report's, whose issuing body's voice the last column is.
fn findings_table(
    findings: &[FindingRow],
    voices: &HashMap<i64, &VoicesRow>,
    source: ReportSource,
) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" {
                    (numbers::count(findings.len(), "finding", "findings")) ", with the three voices side by side"
                }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Finding" }
                    th scope="col" class="govuk-table__header" { "Due" }
                    th scope="col" class="govuk-table__header" { "Force position" }
                    th scope="col" class="govuk-table__header" { "PCC assurance" }
                    th scope="col" class="govuk-table__header" { (source.position_heading()) }
                } }
                tbody class="govuk-table__body" {
                    @for f in findings {
                        @let v = voices.get(&f.id);
                        tr class="govuk-table__row" {
                            th scope="row" class="govuk-table__header" {
                                a class="govuk-link" href={ "/findings/" (f.id) } { (f.kind.label()) " " (f.reference) }
                                @if let Some(summary) = &f.public_summary {
                                    br; span class="govuk-body-s" { (summary) }
                                }
                            }
                            td class="govuk-table__cell" {
                                (f.timescale.label())
                                @if let Some(due) = dates::timescale_due(f.timescale, f.timescale_date, f.published_on) {
                                    br; (components::date(due))
                                }
                            }
                            td class="govuk-table__cell" { (components::rag_tag(v.and_then(|v| v.force_rag))) }
                            td class="govuk-table__cell" { (components::assurance_tag(v.and_then(|v| v.assurance))) }
                            td class="govuk-table__cell" { (components::position_tag(v.and_then(|v| v.position))) }
                        }
                    }
                }
            }
        }
    }
}

pub fn parts(day: &str, month: &str, year: &str) -> DateParts {
    DateParts {
        day: day.into(),
        month: month.into(),
        year: year.into(),
    }
}

pub fn date_text(d: Option<NaiveDate>) -> String {
    d.map(dates::uk_date).unwrap_or_default()
}

/// What differs between the inspection as someone else saved it and what was typed.
pub fn clash(saved: &InspectionRow, typed: &InspectionForm) -> Markup {
    let typed_date =
        |d: &str, m: &str, y: &str| date_text(parse_date_parts(d, m, y).ok().flatten());
    conflict_summary(&[
        Clash {
            label: "Title",
            saved: saved.title.clone(),
            typed: typed.title.trim().into(),
        },
        Clash {
            label: "Kind",
            saved: saved.kind.as_str().into(),
            typed: typed.kind.clone(),
        },
        Clash {
            label: "Publication date",
            saved: date_text(Some(saved.published_on)),
            typed: typed_date(
                &typed.published_on_day,
                &typed.published_on_month,
                &typed.published_on_year,
            ),
        },
        Clash {
            label: "Link to the report",
            saved: saved.report_url.clone().unwrap_or_default(),
            typed: typed.report_url.trim().into(),
        },
    ])
}

/// Everything the inspection form needs besides what was typed.
pub struct InspectionFormPage<'a> {
    pub heading: &'a str,
    pub action: String,
    pub bodies: &'a [BodyRow],
    pub others: &'a [InspectionSummaryRow],
    pub conflict: Option<Markup>,
}

pub fn form_page(
    chrome: &Chrome,
    p: &InspectionFormPage<'_>,
    f: &InspectionForm,
    errors: &FieldErrors,
) -> Markup {
    let bodies: Vec<(String, String)> = p
        .bodies
        .iter()
        .map(|b| (b.id.to_string(), b.name.clone()))
        .collect();
    let others: Vec<(String, String)> = p
        .others
        .iter()
        .map(|i| (i.id.to_string(), i.title.clone()))
        .collect();
    let kinds: Vec<(&str, &str)> = InspectionKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let sources: Vec<(&str, &str)> = Source::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    page(
        chrome,
        p.heading,
        html! {
            @if let Some(conflict) = &p.conflict { (conflict) }
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" { (p.heading) }
            form method="post" action=(p.action) novalidate {
                (forms::csrf(&chrome.user.as_ref().map(|u| u.csrf_token.clone()).unwrap_or_default()))
                input type="hidden" name="version" value=(f.version);
                (forms::select("body_id", "Inspected body", &bodies, &f.body_id, Some("Choose a body"), errors))
                (forms::input(&Field { hint: Some("Only for a body not in the list: leave the list on “Choose a body” and type its name. It is added as a police force; the bodies page changes its kind."),
                    ..Field::text("new_body", "New inspected body", &f.new_body) }, errors))
                (forms::input(&Field::text("title", "Title", &f.title), errors))
                (forms::radios("kind", "Kind of inspection", &kinds, &f.kind, errors))
                (forms::radios("source", "Source", &sources, &f.source, errors))
                (forms::date_input("fieldwork_start", "Fieldwork started", Some("For example, 1 5 2021"),
                    &parts(&f.fieldwork_start_day, &f.fieldwork_start_month, &f.fieldwork_start_year), errors))
                (forms::date_input("fieldwork_end", "Fieldwork ended", None,
                    &parts(&f.fieldwork_end_day, &f.fieldwork_end_month, &f.fieldwork_end_year), errors))
                (forms::date_input("published_on", "Publication date", None,
                    &parts(&f.published_on_day, &f.published_on_month, &f.published_on_year), errors))
                (forms::confirm_date("published_on", FAR_AHEAD, f.confirm_date == "yes", errors))
                (forms::date_input("sent_on", "Sent on", Some("Only if the report was sent on a later day than it is dated – a coroner's report or an IOPC recommendation, whose response clock starts when it is sent. Leave blank otherwise."),
                    &parts(&f.sent_on_day, &f.sent_on_month, &f.sent_on_year), errors))
                (forms::input(&Field { kind: "url", ..Field::text("report_url", "Link to the report", &f.report_url) }, errors))
                (forms::select("follows_up_id", "Follows up an earlier inspection", &others, &f.follows_up_id, Some("None"), errors))
                p class="govuk-hint" {
                    "As usual, section 55 and the six-week force action plan apply to an HMICFRS report on a police force, "
                    "and a report that follows up an earlier one (a post-inspection review, a revisit letter) starts no new clock. "
                    "Choose otherwise for a full re-inspection, or a report that does not need them."
                }
                (forms::radios("section_55_applies", "Section 55 response", &APPLIES, applies_or_usual(&f.section_55_applies), errors))
                (forms::radios("action_plan_applies", "Six-week force action plan", &APPLIES, applies_or_usual(&f.action_plan_applies), errors))
                (forms::submit("Save the inspection"))
            }
        },
    )
}

/// A blank choice shows as "as usual".
fn applies_or_usual(chosen: &str) -> &str {
    if chosen.is_empty() { "usual" } else { chosen }
}
