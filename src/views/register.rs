//! The register of open recommendations from every source, with its filter form, and the
//! table of findings it shares with the theme pages.

use maud::{Markup, html};

use super::components::{self, link};
use super::forms::select;
use super::layout::{Chrome, page};
use crate::domain::clocks::ClockState;
use crate::domain::numbers;
use crate::domain::register::{ClockFilter, Filters, Options, PER_PAGE, Page, RegisterRow};
use crate::domain::sources::ReportSource;
use crate::forms::FieldErrors;

/// What the register page shows: the rows the filters let through (`matching` of them, of
/// which this page's `rows`), out of `total` open.
pub struct RegisterView<'a> {
    pub rows: &'a [&'a RegisterRow],
    pub matching: usize,
    pub page: Page,
    pub total: usize,
    pub filters: &'a Filters,
    pub options: &'a Options,
}

pub fn register_page(chrome: &Chrome, v: &RegisterView<'_>) -> Markup {
    let count = numbers::count(v.matching, "open recommendation", "open recommendations");
    page(
        chrome,
        "Register of open recommendations",
        html! {
            h1 class="govuk-heading-l" { "Register of open recommendations" }
            p class="govuk-body" {
                "Every open recommendation, cause of concern and area for improvement from every "
                "source – HMICFRS, the IOPC, coroners, internal audit and others – with who owns "
                "the action answering it and where its report's response clock stands. One leaves "
                "the register when the issuing body's latest position is met, superseded or no "
                "longer relevant, or when every action-plan item answering it is reported complete."
            }
            p class="govuk-body" { (link(chrome, "/themes", "See the themes across sources")) }
            @if chrome.may_open("/compare") {
                p class="govuk-body" {
                    a class="govuk-link" href="/compare" { "Compare forces on national recommendations" }
                }
            }
            (filter_form(v.filters, v.options))
            @if !v.filters.ignored.is_empty() {
                div class="govuk-inset-text" id="filters-ignored" {
                    "These filters were not recognised and are not applied: "
                    (v.filters.ignored.join(", ")) "."
                }
            }
            p class="govuk-body govuk-!-font-weight-bold" id="register-count" {
                (count)
                @if v.filters.any() { " – filtered from " (v.total) }
                @if v.page.pages > 1 {
                    @let first = (v.page.number - 1) * PER_PAGE + 1;
                    ", showing " (first) " to " (first + v.rows.len() - 1)
                }
            }
            @if v.rows.is_empty() {
                @if v.filters.any() {
                    p class="govuk-body" {
                        "No open recommendations match these filters. "
                        a class="govuk-link" href="/register" { "Clear filters" }
                    }
                } @else {
                    p class="govuk-body" { "There are no open recommendations." }
                }
            } @else {
                (findings_table(chrome, "Open recommendations", v.rows, Columns::REGISTER))
                (pagination(v.filters, v.page))
            }
        },
    )
}

/// Links to the pages before and after this one, and to each page, keeping the filters.
fn pagination(f: &Filters, page: Page) -> Markup {
    let href = |n: usize| format!("/register{}", f.query(n));
    html! {
        @if page.pages > 1 {
            nav class="govuk-pagination" aria-label="Pages of the register" {
                @if page.number > 1 {
                    div class="govuk-pagination__prev" {
                        a class="govuk-link govuk-pagination__link" href=(href(page.number - 1)) rel="prev" {
                            span class="govuk-pagination__link-title" { "Previous" span class="govuk-visually-hidden" { " page" } }
                        }
                    }
                }
                ul class="govuk-pagination__list" {
                    @for n in page.numbers() {
                        @match n {
                            Some(n) => li class={ "govuk-pagination__item" @if n == page.number { " govuk-pagination__item--current" } } {
                                a class="govuk-link govuk-pagination__link" href=(href(n))
                                    aria-label={ "Page " (n) } aria-current=[(n == page.number).then_some("page")] { (n) }
                            },
                            None => li class="govuk-pagination__item govuk-pagination__item--ellipses" { "⋯" },
                        }
                    }
                }
                @if page.number < page.pages {
                    div class="govuk-pagination__next" {
                        a class="govuk-link govuk-pagination__link" href=(href(page.number + 1)) rel="next" {
                            span class="govuk-pagination__link-title" { "Next" span class="govuk-visually-hidden" { " page" } }
                        }
                    }
                }
            }
        }
    }
}

fn filter_form(f: &Filters, o: &Options) -> Markup {
    let none = FieldErrors::default();
    let sources: Vec<(String, String)> = ReportSource::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.label().to_string()))
        .collect();
    let ids = |list: &[(i64, String)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(id, name)| (id.to_string(), name.clone()))
            .collect()
    };
    let owners: Vec<(String, String)> = o.owners.iter().map(|x| (x.clone(), x.clone())).collect();
    let clocks: Vec<(String, String)> = ClockFilter::all()
        .into_iter()
        .map(|c| (c.token().to_string(), c.label().to_string()))
        .collect();
    html! {
        form method="get" action="/register" class="app-filters" {
            (select("source", "Source", &sources, &f.value("source"), Some("Any source"), &none))
            @if o.bodies.len() > 1 {
                (select("body", "Body", &ids(&o.bodies), &f.value("body"), Some("Any body"), &none))
            }
            @if !o.themes.is_empty() {
                (select("theme", "Theme", &ids(&o.themes), &f.value("theme"), Some("Any theme"), &none))
            }
            @if !o.owners.is_empty() {
                (select("owner", "Owner", &owners, &f.value("owner"), Some("Any owner"), &none))
            }
            (select("clock", "Response clock", &clocks, &f.value("clock"), Some("Any"), &none))
            button type="submit" class="govuk-button" { "Apply filters" }
            " "
            a class="govuk-link" href="/register" { "Clear filters" }
        }
    }
}

/// Which of the optional columns a findings table shows.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub owners: bool,
    pub themes: bool,
    /// Open or closed (a theme's page shows both).
    pub status: bool,
}

impl Columns {
    pub const REGISTER: Self = Self {
        owners: true,
        themes: true,
        status: false,
    };
    pub const THEME: Self = Self {
        owners: false,
        themes: false,
        status: true,
    };
}

/// Findings of many sources and bodies, one row each: source, body, report (a link for
/// those who may open it), the finding (a link to its page), and the columns asked for.
pub fn findings_table(chrome: &Chrome, caption: &str, rows: &[&RegisterRow], c: Columns) -> Markup {
    html! {
        div class="app-table-wrapper" {
            table class="govuk-table app-register" {
                caption class="govuk-visually-hidden" { (caption) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    th scope="col" class="govuk-table__header" { "Source" }
                    th scope="col" class="govuk-table__header" { "Body" }
                    th scope="col" class="govuk-table__header" { "Report" }
                    th scope="col" class="govuk-table__header" { "Recommendation" }
                    @if c.owners { th scope="col" class="govuk-table__header" { "Owners" } }
                    th scope="col" class="govuk-table__header" { "Response clock" }
                    @if c.themes { th scope="col" class="govuk-table__header" { "Themes" } }
                    @if c.status { th scope="col" class="govuk-table__header" { "Status" } }
                } }
                tbody class="govuk-table__body" {
                    @for r in rows { (row(chrome, r, c)) }
                }
            }
        }
    }
}

fn row(chrome: &Chrome, r: &RegisterRow, c: Columns) -> Markup {
    let f = &r.finding;
    let report = format!("/inspections/{}", f.inspection_id);
    html! {
        tr class="govuk-table__row" id={ "finding-" (f.id) } {
            td class="govuk-table__cell" { (r.source.label()) }
            td class="govuk-table__cell" { (f.body_name) }
            td class="govuk-table__cell" {
                (link(chrome, &report, f.report_title.as_str()))
                br; span class="govuk-body-s" { (components::date(f.published_on)) }
            }
            td class="govuk-table__cell" {
                a class="govuk-link" href={ "/findings/" (f.id) } { (f.kind.label()) " " (f.reference) }
                @match r.wording() {
                    Some(w) => { br; span class="govuk-body-s" { (w) } },
                    None => { br; span class="govuk-body-s app-secondary" { "Wording not recorded" } },
                }
            }
            @if c.owners {
                td class="govuk-table__cell" {
                    @if r.owners.is_empty() { span class="app-secondary" { "No action yet" } }
                    @for (i, o) in r.owners.iter().enumerate() { @if i > 0 { br; } (o) }
                }
            }
            td class="govuk-table__cell" { (clock_tag(r.clock)) }
            @if c.themes {
                td class="govuk-table__cell" { (theme_links(chrome, &r.themes)) }
            }
            @if c.status {
                td class="govuk-table__cell" {
                    @if r.open { "Open" } @else { span class="app-secondary" { "Closed" } }
                }
            }
        }
    }
}

/// Themes as links to their pages, separated by commas.
pub fn theme_links(chrome: &Chrome, themes: &[(i64, String)]) -> Markup {
    html! {
        @for (i, (id, name)) in themes.iter().enumerate() {
            @if i > 0 { ", " }
            (link(chrome, &format!("/themes/{id}"), name.as_str()))
        }
    }
}

/// A report's worst clock as a tag; "No clock" where no rule applies.
pub fn clock_tag(clock: Option<ClockState>) -> Markup {
    let colour = match clock {
        Some(ClockState::Overdue) => "red",
        Some(ClockState::DueSoon) => "orange",
        Some(ClockState::Running) => "blue",
        Some(ClockState::MetLate) => "yellow",
        Some(ClockState::Met) => "green",
        None => "grey",
    };
    let label = clock.map_or(ClockFilter::NoClock.label(), ClockState::label);
    html! { strong class={ "govuk-tag govuk-tag--" (colour) } { (label) } }
}
