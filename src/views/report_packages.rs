//! Report packages: the list of what was loaded with the form to load one, the preview of
//! what loading would do for each body, one package version's page.

use maud::{Markup, html};

use super::components::{date, success_banner};
use super::forms::{error_summary, option_id};
use super::layout::{Chrome, page};
use crate::db::report_packages::{CopyRow, PackageRow};
use crate::domain::dates::uk_stored_instant;
use crate::domain::numbers;
use crate::domain::report_package::{Change, ItemPlan, Package, Plan};
use crate::domain::vocab::BodyKind;
use crate::forms::FieldErrors;

/// A body the office may load the package into, with what loading would do there.
pub struct BodyPlan<'a> {
    pub id: i64,
    pub name: &'a str,
    pub kind: BodyKind,
    pub plan: Plan<'a>,
    pub chosen: bool,
}

fn token(chrome: &Chrome) -> String {
    chrome
        .user
        .as_ref()
        .map(|u| u.csrf_token.clone())
        .unwrap_or_default()
}

/// The error summary: every message linking to the field `field` (the package box, or the
/// first body's checkbox).
fn summary(messages: &[String], field: &'static str) -> Markup {
    let mut errors = FieldErrors::default();
    for m in messages {
        errors.add(field, m.clone());
    }
    error_summary(&errors)
}

/// The list of packages loaded and the form to load one; `problems` of a file not loaded.
pub fn index_page(
    chrome: &Chrome,
    packages: &[PackageRow],
    copies: &[CopyRow],
    text: &str,
    problems: &[String],
) -> Markup {
    page(
        chrome,
        "Report packages",
        html! {
            @if !problems.is_empty() { (summary(problems, "package")) }
            h1 class="govuk-heading-l" { "Report packages" }
            p class="govuk-body" {
                "A report package is one file describing a national or thematic report: its identifier, "
                "publisher, date, addressees and every recommendation's official wording and deadline. "
                "Load it into the bodies it applies to and each gets its own copy, linked to the national "
                "identifiers, with the response clocks of its source. A newer version of the same package "
                "changes wording and deadlines only: actions, updates and judgements stay as they are. "
                "Any inspection can be downloaded as a package from its page, so the first office to type a "
                "report saves every other office the work. The format is described by "
                a class="govuk-link" href="/data/schema/report-package.json" { "its JSON Schema" } "."
            }
            form method="post" action="/packages" enctype="multipart/form-data" novalidate {
                input type="hidden" name="csrf_token" value=(token(chrome));
                div class=(if problems.is_empty() { "govuk-form-group" } else { "govuk-form-group govuk-form-group--error" }) {
                    label class="govuk-label govuk-label--m" for="package" { "Paste a report package" }
                    @if !problems.is_empty() {
                        p class="govuk-error-message" id="package-error" {
                            span class="govuk-visually-hidden" { "Error: " } "The package cannot be loaded: see the problems above"
                        }
                    }
                    textarea class="govuk-textarea" id="package" name="package" rows="8"
                        aria-describedby=[(!problems.is_empty()).then_some("package-error")] { (text) }
                }
                div class="govuk-form-group" {
                    label class="govuk-label" for="file" { "Or upload the package file" }
                    input class="govuk-file-upload" id="file" name="file" type="file" accept=".json,application/json";
                }
                button type="submit" class="govuk-button govuk-button--secondary" { "Check the package" }
            }
            h2 class="govuk-heading-m" { "Loaded" }
            @if packages.is_empty() {
                p class="govuk-body" { "No package has been loaded yet." }
            } @else {
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-visually-hidden" { "Package versions loaded, newest first" }
                        thead class="govuk-table__head" { tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Report" }
                            th scope="col" class="govuk-table__header" { "Version" }
                            th scope="col" class="govuk-table__header" { "Loaded" }
                            th scope="col" class="govuk-table__header" { "Copies" }
                        } }
                        tbody class="govuk-table__body" {
                            @for p in packages {
                                @let held = copies.iter().filter(|c| c.national_id == p.national_id).count();
                                tr class="govuk-table__row" {
                                    td class="govuk-table__cell" {
                                        a class="govuk-link" href={ "/packages/" (p.id) } { (p.title) }
                                        br; span class="govuk-body-s app-break" { (p.national_id) }
                                    }
                                    td class="govuk-table__cell" { (p.version) }
                                    td class="govuk-table__cell" { (uk_stored_instant(&p.loaded_at)) }
                                    td class="govuk-table__cell" { (numbers::count(held, "body", "bodies")) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// What loading the package would do for each body, with the bodies to tick.
pub fn preview_page(
    chrome: &Chrome,
    package: &Package,
    text: &str,
    bodies: &[BodyPlan<'_>],
    problem: Option<&str>,
) -> Markup {
    let loadable: Vec<&BodyPlan> = bodies.iter().filter(|b| b.plan.writes()).collect();
    let settled: Vec<&BodyPlan> = bodies.iter().filter(|b| !b.plan.writes()).collect();
    page(
        chrome,
        "Load a report package",
        html! {
            @if let Some(p) = problem { (summary(&[p.to_string()], "bodies")) }
            span class="govuk-caption-l" { "Report package, version " (package.version) }
            h1 class="govuk-heading-l" { (package.title) }
            dl class="govuk-summary-list" {
                (row("Identifier", html! { span class="app-break" { (package.id) } }))
                (row("Publisher", html! { (package.publisher) }))
                (row("Published", date(package.published_on)))
                (row("Addressed to", html! { (package.addressees.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")) }))
                (row("Items", html! { (numbers::count(package.items.len(), "item", "items")) }))
            }
            form method="post" action="/packages" novalidate {
                input type="hidden" name="csrf_token" value=(token(chrome));
                input type="hidden" name="package" value=(text);
                input type="hidden" name="confirm" value="1";
                @if loadable.is_empty() {
                    p class="govuk-body" { "Every body already has this version, or a newer one, or is not addressed by it: loading would change nothing." }
                } @else {
                    div class=(if problem.is_some() { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }) {
                        fieldset class="govuk-fieldset" aria-describedby="bodies-hint" {
                            legend class="govuk-fieldset__legend govuk-fieldset__legend--m" {
                                h2 class="govuk-fieldset__heading" { "Load into" }
                            }
                            div class="govuk-hint" id="bodies-hint" { "Each body gets its own copy. Under each is what loading would do." }
                            @if let Some(p) = problem {
                                p class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (p) }
                            }
                            div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                                @for (i, b) in loadable.iter().enumerate() {
                                    @let id = option_id("bodies", i);
                                    div class="govuk-checkboxes__item" {
                                        input class="govuk-checkboxes__input" type="checkbox" name="bodies" id=(id)
                                            value=(b.id) checked[b.chosen] aria-describedby={ (id) "-hint" };
                                        label class="govuk-label govuk-checkboxes__label" for=(id) { (b.name) }
                                        div class="govuk-hint govuk-checkboxes__hint" id={ (id) "-hint" } { (plan_words(&b.plan)) }
                                    }
                                }
                            }
                        }
                    }
                    @for b in &loadable { (plan_detail(b)) }
                    button type="submit" class="govuk-button" { "Load into the bodies ticked" }
                }
            }
            @if !settled.is_empty() {
                h2 class="govuk-heading-m" { "Nothing to load" }
                ul class="govuk-list govuk-list--bullet" {
                    @for b in &settled { li { (b.name) ": " (plan_words(&b.plan)) } }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/packages" { "Check another package" } }
        },
    )
}

fn row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}

/// What loading does for one body, in a line.
fn plan_words(plan: &Plan<'_>) -> String {
    match plan {
        Plan::Add(items) => format!(
            "Not loaded yet: a new copy with {}",
            numbers::count(items.len(), "finding", "findings")
        ),
        Plan::NotAddressed => "None of its items is addressed to a body of this kind".into(),
        Plan::UpToDate { .. } => "Has this version already".into(),
        Plan::Newer { loaded, .. } => format!("Has version {loaded}, newer than this one"),
        Plan::Update {
            from,
            items,
            report,
            ..
        } => {
            let added = items
                .iter()
                .filter(|i| matches!(i, ItemPlan::Add(_)))
                .count();
            let changed = items.len() - added;
            if items.is_empty() && report.is_empty() {
                format!(
                    "Has version {from}: no wording or deadline changes, only the version moves on"
                )
            } else {
                format!(
                    "Has version {from}: {} added, {} changed{}",
                    numbers::count(added, "finding", "findings"),
                    numbers::count(changed, "finding", "findings"),
                    if report.is_empty() {
                        ""
                    } else {
                        ", and the report's details"
                    }
                )
            }
        }
    }
}

/// The changes a newer version makes to a body's copy.
fn plan_detail(b: &BodyPlan<'_>) -> Markup {
    let Plan::Update {
        report,
        items,
        dropped,
        ..
    } = &b.plan
    else {
        return html! {};
    };
    if report.is_empty() && items.is_empty() && dropped.is_empty() {
        return html! {};
    }
    html! {
        h3 class="govuk-heading-s" { "Changes for " (b.name) }
        @if !report.is_empty() { (changes_table("The report", report)) }
        @for i in items {
            @match i {
                ItemPlan::Add(item) => p class="govuk-body" { "Added: " strong { (item.reference) } " – " (item.official_wording) },
                ItemPlan::Change { item, changes, .. } => (changes_table(&item.reference, changes)),
            }
        }
        @if !dropped.is_empty() {
            p class="govuk-body" {
                "No longer in this version, kept as they are (withdraw them if they no longer apply): "
                (dropped.join(", "))
            }
        }
    }
}

fn changes_table(caption: &str, changes: &[Change]) -> Markup {
    html! {
        table class="govuk-table" {
            caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
            thead class="govuk-table__head" { tr class="govuk-table__row" {
                th scope="col" class="govuk-table__header" { "What" }
                th scope="col" class="govuk-table__header" { "Now" }
                th scope="col" class="govuk-table__header" { "In this version" }
            } }
            tbody class="govuk-table__body" {
                @for c in changes {
                    tr class="govuk-table__row" {
                        th scope="row" class="govuk-table__header" { (c.what) }
                        td class="govuk-table__cell" { (c.before) }
                        td class="govuk-table__cell" { (c.after) }
                    }
                }
            }
        }
    }
}

/// One package version: its report, its items and the bodies holding a copy.
pub fn show_page(
    chrome: &Chrome,
    row: &PackageRow,
    package: Option<&Package>,
    copies: &[&CopyRow],
    loaded_now: bool,
) -> Markup {
    page(
        chrome,
        &row.title,
        html! {
            @if loaded_now { (success_banner("The package is loaded", html! {})) }
            span class="govuk-caption-l" { "Report package, version " (row.version) }
            h1 class="govuk-heading-l" { (row.title) }
            dl class="govuk-summary-list" {
                (summary_rows(row, package))
            }
            h2 class="govuk-heading-m" { "Copies" }
            @if copies.is_empty() {
                p class="govuk-body" { "No body holds a copy of this report." }
            } @else {
                ul class="govuk-list govuk-list--bullet" {
                    @for c in copies {
                        li {
                            a class="govuk-link" href={ "/inspections/" (c.inspection_id) } { (c.body_name) }
                            " – version " (c.package_version)
                        }
                    }
                }
            }
            @if let Some(p) = package {
                h2 class="govuk-heading-m" { "Items" }
                div class="app-table-wrapper" {
                    table class="govuk-table" {
                        caption class="govuk-table__caption govuk-visually-hidden" { "The package's items" }
                        thead class="govuk-table__head" { tr class="govuk-table__row" {
                            th scope="col" class="govuk-table__header" { "Reference" }
                            th scope="col" class="govuk-table__header" { "Kind" }
                            th scope="col" class="govuk-table__header" { "Official wording" }
                            th scope="col" class="govuk-table__header" { "Timescale" }
                        } }
                        tbody class="govuk-table__body" {
                            @for i in &p.items {
                                tr class="govuk-table__row" {
                                    td class="govuk-table__cell" { (i.reference) }
                                    td class="govuk-table__cell" { (i.kind.label()) }
                                    td class="govuk-table__cell" { (i.official_wording) }
                                    td class="govuk-table__cell" {
                                        @match i.deadline {
                                            Some(by) => { "By " (date(by)) },
                                            None => (i.timescale.label()),
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            p class="govuk-body" { a class="govuk-link" href="/packages" { "All report packages" } }
        },
    )
}

fn summary_rows(row: &PackageRow, package: Option<&Package>) -> Markup {
    html! {
        (self::row("Identifier", html! { span class="app-break" { (row.national_id) } }))
        @if let Some(p) = package {
            (self::row("Publisher", html! { (p.publisher) }))
            (self::row("Published", date(p.published_on)))
        }
        (self::row("Loaded", html! { (uk_stored_instant(&row.loaded_at)) }))
        (self::row("SHA-256 of the file", html! { code class="app-break" { (row.sha256) } }))
    }
}
