//! A finding's page (details, the three voices with dates, assessment and position history,
//! the actions addressing it, its direct updates) and the add/edit form.

use crate::views::components::summary_row;
use std::collections::HashMap;

use crate::domain::regimes::Regime;
use maud::{Markup, html};

use super::forms::{self, Clash, Field};
use super::inspections::parts;
use super::layout::{Chrome, page};
use super::{actions, arising, components, evidence, measures, milestones, updates};
use crate::db::actions::ActionListRow;
use crate::db::arising::ArisingRow;
use crate::db::assurance::{AssessmentRow, PositionRow};
use crate::db::evidence::FileRow;
use crate::db::findings::{FindingRow, PartRow};
use crate::db::measures::MeasureSummaryRow;
use crate::db::updates::UpdateRow;
use crate::db::voices::VoicesRow;
use crate::domain::dates;
use crate::domain::schedule::Rollup;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{AttachedTo, FindingKind, Timescale};
use crate::forms::FieldErrors;
use crate::forms::findings::FindingForm;

/// Everything a finding's page shows, and what this person may do there.
pub struct FindingPage<'a> {
    /// Set when it was withdrawn as entered in error.
    pub withdrawal: Option<&'a crate::domain::withdrawals::Withdrawal>,
    pub finding: &'a FindingRow,
    pub parts: &'a [PartRow],
    pub voices: Option<&'a VoicesRow>,
    pub assessments: &'a [AssessmentRow],
    pub positions: &'a [PositionRow],
    pub actions: &'a [ActionListRow],
    /// Milestone roll-ups of each action (`db::milestones::rollups_by_action`).
    pub action_rollups: &'a HashMap<i64, Rollup>,
    /// The finding's own roll-up over every milestone of its actions.
    pub rollup: Rollup,
    /// Updates posted directly on the finding (updates on its actions are on their pages).
    pub updates: &'a [UpdateRow],
    /// Every evidence file behind the finding the viewer may see: on its updates and its
    /// actions' updates, its assessments and positions.
    pub files: &'a [FileRow],
    /// Which files each assessment ticked as seen: `(assessment, file)`.
    pub seen: &'a [(i64, i64)],
    pub arising: &'a [ArisingRow],
    pub measures: &'a [MeasureSummaryRow],
    pub can_edit: bool,
    pub can_post_update: bool,
    /// The viewer as a possible corrector of updates, if they post updates.
    pub corrector: Option<crate::domain::updates::Corrector>,
    pub can_see_inspection: bool,
    /// Whether the assessments carry every reason (`db::assurance::Reasons::Shown`).
    pub assurance_reasons: bool,
    /// Its themes, and the form tagging it (for the office).
    pub themes: super::themes::FindingThemes<'a>,
    pub today: chrono::NaiveDate,
}

pub fn show_page(chrome: &Chrome, p: &FindingPage<'_>) -> Markup {
    let f = p.finding;
    let source = ReportSource::of(f.facts.source, f.facts.body_kind);
    let title = format!("{} {}", f.kind.label(), f.reference);
    page(
        chrome,
        &title,
        html! {
            (super::themes::themes_errors(&p.themes))
            span class="govuk-caption-l" {
                @if p.can_see_inspection { a class="govuk-link" href={ "/inspections/" (f.inspection_id) } { (f.inspection_title) } }
                @else { (f.inspection_title) }
            }
            h1 class="govuk-heading-l" { (title) }
            (super::withdrawals::notice(chrome, crate::domain::withdrawals::Withdrawable::Finding, f.id, p.withdrawal))
            @match f.facts.regime() {
                Regime::Section55 => p class="govuk-body-s" {
                    "Section 55 response to the report: "
                    (components::section_55(f.published_on, f.response_published_on, p.today))
                },
                Regime::FireCauseOfConcern => p class="govuk-body-s" {
                    "The service's action plan review: "
                    (components::plan_review(f.published_on, f.plan_review_extended_to, f.plan_review_received_on, p.today))
                },
                Regime::None => {},
            }
            @if p.can_edit || p.can_post_update {
                p class="govuk-body" {
                    @if p.can_edit {
                        a class="govuk-link" href={ "/findings/" (f.id) "/edit" } { "Edit the finding" } " · "
                        a class="govuk-link" href={ "/findings/" (f.id) "/assessments/new" } { "Record an assessment" } " · "
                        a class="govuk-link" href={ "/findings/" (f.id) "/positions/new" } { "Record " (source.position_in_sentence()) } " · "
                    }
                    @if p.can_post_update { a class="govuk-link" href={ "/findings/" (f.id) "/updates/new" } { "Post an update" } }
                    @if p.can_edit { " · " a class="govuk-link" href={ "/findings/" (f.id) "/measures/new" } { "Add a measure" } }
                }
            }
            (details(p))
            (super::themes::finding_panel(chrome, &p.themes))
            (voices(p.voices, source))
            (assessment_history(chrome, p, p.assurance_reasons))
            (position_history(chrome, p, source))
            h2 class="govuk-heading-m" id="actions" { "Action-plan items addressing this finding" }
            (milestones::rollup_summary(&p.rollup))
            @if p.actions.is_empty() {
                p class="govuk-body" { "No action-plan item addresses this finding yet." }
            } @else {
                (actions::action_table("Action-plan items addressing this finding", true, p.actions, p.action_rollups))
            }
            h2 class="govuk-heading-m" id="arising" { "Actions arising from meetings" }
            @if p.arising.is_empty() {
                p class="govuk-body" { "No actions arising about this finding." }
            } @else {
                (arising::arising_table(chrome, "Actions arising", p.arising, p.today, false))
            }
            h2 class="govuk-heading-m" id="measures" { "Performance measures" }
            (measures::measure_list(p.measures))
            h2 class="govuk-heading-m" id="updates" { "Updates on this finding" }
            @if p.updates.is_empty() {
                p class="govuk-body" { "No updates posted directly on this finding." }
            } @else {
                (updates::timeline(chrome, p.updates, p.files, p.today, p.corrector))
            }
            h2 class="govuk-heading-m" id="evidence" { "Evidence files" }
            @if p.files.is_empty() {
                p class="govuk-body" { "No files are attached to this finding's updates, assessments or positions." }
            } @else {
                (evidence::file_table(chrome, "Every file behind this finding", p.files))
            }
        },
    )
}

fn details(p: &FindingPage<'_>) -> Markup {
    let f = p.finding;
    html! {
        dl class="govuk-summary-list" {
            (summary_row("Area", html! { (f.area) }))
            @if let (Some(id), Some(r)) = (f.parent_id, &f.parent_reference) {
                (summary_row("Under cause of concern", html! { a class="govuk-link" href={ "/findings/" (id) } { (r) } }))
            }
            (summary_row("Official wording", html! {
                @if let Some(w) = &f.official_wording { p class="govuk-body app-pre" { (w) } }
                @else {
                    // Blank means nobody recorded it, whatever the record is.
                    span class="app-secondary" { "Not recorded" }
                    @if let Some(url) = &f.report_url {
                        " – see " a class="govuk-link" href=(url) { "the published report" }
                    }
                }
            }))
            (summary_row("Public summary", html! { (f.public_summary.as_deref().unwrap_or("")) }))
            (summary_row("Timescale", html! { (f.timescale.label()) }))
            (summary_row("Due", components::optional_date(dates::timescale_due(f.timescale, f.timescale_date, f.published_on))))
            @if let Some(pos) = f.response_position {
                (summary_row("Section 55 response", html! { (pos.label()) @if let Some(e) = &f.response_explanation { br; (e) } }))
            }
            @if !p.parts.is_empty() {
                (summary_row("Parts", html! { ol class="govuk-list govuk-list--number" { @for part in p.parts { li { (part.text) } } } }))
            }
        }
    }
}

fn voices(v: Option<&VoicesRow>, source: ReportSource) -> Markup {
    let dated = |tag: Markup, d: Option<chrono::NaiveDate>| {
        html! {
            (tag) @if let Some(d) = d { br; span class="govuk-body-s" { "as at " (components::date(d)) } }
        }
    };
    html! {
        h2 class="govuk-heading-m" { "Three voices" }
        div class="app-table-wrapper" {
            table class="govuk-table" {
                caption class="govuk-visually-hidden" { "Force position, PCC assurance and " (source.position_in_sentence()) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Force position" }
                    th scope="col" class="govuk-table__header" { "PCC assurance" }
                    th scope="col" class="govuk-table__header" { (source.position_heading()) }
                } }
                tbody class="govuk-table__body" { tr class="govuk-table__row" {
                    td class="govuk-table__cell" { (dated(components::rag_tag(v.and_then(|v| v.force_rag)), v.and_then(|v| v.force_as_at))) }
                    td class="govuk-table__cell" { (dated(components::assurance_tag(v.and_then(|v| v.assurance)), v.and_then(|v| v.assessed_on))) }
                    td class="govuk-table__cell" {
                        (dated(components::position_tag(v.and_then(|v| v.position)), v.and_then(|v| v.position_as_at)))
                        @if let Some(words) = v.and_then(|v| v.position_words.as_deref()) {
                            " – " (source.issuer()) ": “" (words) "”"
                        }
                    }
                } }
            }
        }
    }
}

/// `reasons_shown`: the viewer reads every reason (not the force, which sees only the
/// rationales the office shared, and never the evidence).
fn assessment_history(chrome: &Chrome, p: &FindingPage<'_>, reasons_shown: bool) -> Markup {
    let rows = p.assessments;
    let seen = |id: i64| -> Vec<&FileRow> {
        let ids: Vec<i64> = p
            .seen
            .iter()
            .filter(|(a, _)| *a == id)
            .map(|(_, f)| *f)
            .collect();
        p.files.iter().filter(|f| ids.contains(&f.id)).collect()
    };
    html! {
        h2 class="govuk-heading-m" id="assessments" { "PCC assurance history" }
        @if rows.is_empty() { p class="govuk-body" { "Not yet assessed." } }
        @else if !reasons_shown {
            p class="govuk-body-s app-secondary" { "The PCC office's ratings and their dates, with the reasons it chose to share. The evidence behind them stays with the office." }
        }
        @for a in rows {
            div class="app-history-item" id={ "assessment-" (a.id) } {
                h3 class="govuk-heading-s" {
                    (components::assurance_tag(Some(a.level))) " " (components::date(a.assessed_on))
                    @if let Some(part) = &a.part_text { " – part: " (part) }
                }
                @if let Some(r) = &a.rationale { p class="govuk-body" { (r) } }
                @if a.rationale_shared && reasons_shown { p class="govuk-body-s app-secondary" { "Rationale shared with the force." } }
                @if let Some(e) = &a.evidence_seen { p class="govuk-body-s" { "Evidence seen: " (e) } }
                (evidence::file_links(chrome, "Files seen", &seen(a.id)))
                (evidence::file_links(chrome, "Files", &evidence::files_of(p.files, AttachedTo::Assessment, a.id)))
                @if let Some(who) = &a.assessor { p class="govuk-body-s app-secondary" { "Assessed by " (who) } }
                (attach_link(chrome, &format!("/assessments/{}/evidence", a.id)))
            }
        }
    }
}

fn position_history(chrome: &Chrome, page: &FindingPage<'_>, source: ReportSource) -> Markup {
    let rows = page.positions;
    html! {
        h2 class="govuk-heading-m" id="positions" { "History of " (source.position_in_sentence()) }
        @if rows.is_empty() { p class="govuk-body" { "No position recorded." } }
        @for p in rows {
            div class="app-history-item" id={ "position-" (p.id) } {
                h3 class="govuk-heading-s" {
                    (components::position_tag(Some(p.position)))
                    @if let Some(words) = &p.report_words { " – " (source.issuer()) ": “" (words) "”" }
                    " " (components::date(p.as_at))
                    @if let Some(part) = &p.part_text { " – part: " (part) }
                }
                @if let (Some(id), Some(r)) = (p.superseded_by_id, &p.superseded_by_reference) {
                    p class="govuk-body" { "Superseded by " a class="govuk-link" href={ "/findings/" (id) } { (r) }
                        @if let Some(body) = &p.superseded_by_body { " (" (body) ")" } }
                }
                p class="govuk-body-s" { "Source: " (p.source)
                    @if let Some(t) = &p.source_inspection_title { " (" (t) ")" } }
                @if let Some(n) = &p.note { p class="govuk-body" { (n) } }
                (evidence::file_links(chrome, "Files", &evidence::files_of(page.files, AttachedTo::Position, p.id)))
                p class="govuk-body-s app-secondary" { "Recorded by " (p.recorded_by) }
                (attach_link(chrome, &format!("/positions/{}/evidence", p.id)))
            }
        }
    }
}

/// "Attach files" to a judgement, for those who may.
fn attach_link(chrome: &Chrome, path: &str) -> Markup {
    html! {
        @if chrome.may_post(path) {
            p class="govuk-body-s" { a class="govuk-link" href=(path) { "Attach files" span class="govuk-visually-hidden" { " to this judgement" } } }
        }
    }
}

/// What differs between the finding as someone else saved it and what was typed.
pub fn clash(saved: &FindingRow, typed: &FindingForm) -> Markup {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    forms::conflict_summary(&[
        Clash {
            label: "Reference",
            saved: saved.reference.clone(),
            typed: typed.reference.trim().into(),
        },
        Clash {
            label: "Area",
            saved: saved.area.clone(),
            typed: typed.area.trim().into(),
        },
        Clash {
            label: "Official wording",
            saved: opt(&saved.official_wording),
            typed: typed.official_wording.trim().into(),
        },
        Clash {
            label: "Public summary",
            saved: opt(&saved.public_summary),
            typed: typed.public_summary.trim().into(),
        },
        Clash {
            label: "Timescale",
            saved: saved.timescale.label().into(),
            typed: Timescale::parse(&typed.timescale)
                .map(|t| t.label())
                .unwrap_or("")
                .into(),
        },
    ])
}

pub struct FindingFormPage<'a> {
    pub heading: String,
    pub inspection_title: &'a str,
    pub action: String,
    /// The inspection's causes of concern: (id, reference).
    pub parents: Vec<(String, String)>,
    pub conflict: Option<Markup>,
}

pub fn form_page(
    chrome: &Chrome,
    p: &FindingFormPage<'_>,
    f: &FindingForm,
    errors: &FieldErrors,
) -> Markup {
    let kinds: Vec<(&str, &str)> = FindingKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let scales: Vec<(&str, &str)> = Timescale::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let token = chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default();
    page(
        chrome,
        &p.heading,
        html! {
            @if let Some(c) = &p.conflict { (c) }
            (forms::error_summary(errors))
            span class="govuk-caption-l" { (p.inspection_title) }
            h1 class="govuk-heading-l" { (p.heading) }
            form method="post" action=(p.action) novalidate {
                (forms::csrf(&token))
                input type="hidden" name="version" value=(f.version);
                (forms::radios("kind", "Kind", &kinds, &f.kind, errors))
                (forms::select("parent_id", "Under cause of concern", &p.parents, &f.parent_id, Some("None"), errors))
                (forms::input(&Field { hint: Some("As numbered in the report, for example 3 or AFI 2"),
                    ..Field::text("reference", "Reference", &f.reference) }, errors))
                (forms::input(&Field::text("area", "Report area or theme", &f.area), errors))
                (forms::textarea("official_wording", "Official wording", Some("Leave blank if the report's wording is not available"), &f.official_wording, errors))
                (forms::textarea("public_summary", "Public summary", Some("Plain English, for the public site"), &f.public_summary, errors))
                (forms::radios("timescale", "Timescale", &scales, &f.timescale, errors))
                (forms::date_input("timescale_date", "Stated date", Some("Only when the timescale is by a stated date"),
                    &parts(&f.timescale_date_day, &f.timescale_date_month, &f.timescale_date_year), errors))
                (forms::textarea("parts", "Parts judged separately", Some("One part on each line; leave blank if the finding is judged as a whole"), &f.parts, errors))
                (forms::submit("Save the finding"))
            }
        },
    )
}
