//! The Backups page: where and how often copies are taken, and each recent run – when, the
//! file, its size, and whether it verified or what went wrong.

use maud::{Markup, html};

use super::layout::{Chrome, page};
use crate::db::backups::BackupRunRow;
use crate::domain::backups::Plan;
use crate::domain::dates::uk_stored_instant as when;

pub struct BackupsPage<'a> {
    pub plan: Option<&'a Plan>,
    pub runs: &'a [BackupRunRow],
}

pub fn backups_page(chrome: &Chrome, view: &BackupsPage<'_>) -> Markup {
    page(
        chrome,
        "Backups",
        html! {
            h1 class="govuk-heading-l" { "Backups" }
            @match view.plan {
                Some(plan) => p class="govuk-body app-backup-plan" {
                    "A backup is taken " (every(plan)) " into " code { (plan.dir.display()) }
                    ", checked (SQLite's integrity check and the audit chain) and the newest "
                    (plan.keep) " are kept."
                },
                None => div class="govuk-inset-text" {
                    "Backups are not scheduled. Start the server with "
                    code { "--backup-dir DIR" } " to take a checked backup every day."
                },
            }
            (runs_table(view.runs))
        },
    )
}

fn every(plan: &Plan) -> String {
    let secs = plan.every.as_secs();
    match secs {
        86_400 => "every day".to_string(),
        s if s >= 3600 && s % 3600 == 0 => format!("every {} hours", s / 3600),
        s if s >= 1 => format!("every {s} seconds"),
        _ => format!("every {} milliseconds", plan.every.as_millis()),
    }
}

fn runs_table(runs: &[BackupRunRow]) -> Markup {
    html! {
        @if runs.is_empty() {
            p class="govuk-body" { "No backup has been taken by the schedule yet." }
        } @else {
            div class="app-table-wrapper" {
                table class="govuk-table app-backup-runs" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Recent backups, newest first" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            @for heading in ["When", "File", "Size", "Checked"] {
                                th scope="col" class="govuk-table__header" { (heading) }
                            }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for run in runs {
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" { (when(&run.started_at)) }
                                td class="govuk-table__cell" {
                                    code { (run.file) }
                                    @if let Some(removed) = &run.removed_at {
                                        br; span class="app-secondary" { "Removed " (when(removed)) " (older than the newest kept)" }
                                    }
                                }
                                td class="govuk-table__cell" { (run.bytes.map(size).unwrap_or_default()) }
                                td class="govuk-table__cell" { (outcome(run)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn outcome(run: &BackupRunRow) -> Markup {
    html! {
        @if run.verified() {
            strong class="govuk-tag govuk-tag--green" { "Verified" }
            @if let Some(events) = run.audit_events { " " (events) " audit events" }
        } @else {
            strong class="govuk-tag govuk-tag--red" { "Failed" }
            " " (run.problem.as_deref().unwrap_or_default())
        }
    }
}

/// A size in bytes as people read it: "512 bytes", "3.4 MB".
fn size(bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64;
    let mut unit = "";
    for u in UNITS {
        value /= 1000.0;
        unit = u;
        if value < 1000.0 {
            break;
        }
    }
    format!("{value:.1} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shown_in_the_largest_unit_that_fits() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(3_400_000), "3.4 MB");
        assert_eq!(size(1_250_000_000), "1.2 GB");
    }
}
