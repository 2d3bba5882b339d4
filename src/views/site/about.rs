//! The about page (every status in plain English, the open data and its licence) and the
//! accessibility statement.

use maud::{Markup, html};

use super::site_nav;
use crate::domain::edition::open_data::{LICENCE_NAME, LICENCE_URL};
use crate::domain::sources::{ISSUING_BODY_POSITION, ReportSource};
use crate::views::layout::{Chrome, page};

fn terms(items: &[(&str, &str)]) -> Markup {
    html! {
        dl class="govuk-summary-list" {
            @for (term, meaning) in items {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (term) }
                    dd class="govuk-summary-list__value" { (meaning) }
                }
            }
        }
    }
}

/// What a source is, for the about page.
fn source_meaning(s: ReportSource) -> &'static str {
    match s {
        ReportSource::HmicfrsPolice => {
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) inspecting a police force."
        }
        ReportSource::HmicfrsFire => "HMICFRS inspecting a fire and rescue service.",
        ReportSource::HmicfrsOther => "HMICFRS inspecting another body, such as a regional unit.",
        ReportSource::Iopc => {
            "The Independent Office for Police Conduct's recommendations for learning, made after its investigations."
        }
        ReportSource::Coroner => {
            "A coroner's report, after an inquest, on action that could prevent future deaths."
        }
        ReportSource::InternalAudit => "The findings of internal auditors.",
        ReportSource::Inquiry => "A public inquiry or an independent review.",
        ReportSource::SuperComplaint => {
            "The recommendations of an investigation into a super-complaint about policing."
        }
        ReportSource::PeerReview => "A review by peers from other organisations.",
        ReportSource::Other => "Another body whose recommendations the Commissioner follows up.",
    }
}

pub fn about_page(chrome: &Chrome) -> Markup {
    page(
        chrome,
        "About this information",
        html! {
            h1 class="govuk-heading-xl" { "About this information" }
            (site_nav())
            p class="govuk-body" {
                "The inspectorate (HMICFRS) inspects the force and publishes reports with causes of "
                "concern, recommendations and areas for improvement; the IOPC, coroners, auditors and "
                "others make recommendations too. This site shows what the force is doing about each "
                "one and how the Commissioner holds the Chief Constable to account."
            }
            h2 class="govuk-heading-l" id="sources" { "Where recommendations come from" }
            p class="govuk-body" { "Each report says who issued it, in these words:" }
            (terms(&ReportSource::ALL.iter().map(|s| (s.label(), source_meaning(*s))).collect::<Vec<_>>()))
            h2 class="govuk-heading-l" { "Editions" }
            p class="govuk-body" {
                "Nothing here is live. The Commissioner's office approves public summaries and then "
                "publishes an edition: a numbered, dated snapshot that never changes afterwards. "
                "Mistakes are put right by a later edition, and you can see what changed between any "
                "two editions. Each edition has a SHA-256 fingerprint of its JSON file, which "
                "anyone can check (see below)."
            }
            h2 class="govuk-heading-l" { "The three voices" }
            p class="govuk-body" {
                "For every finding we show three separate views side by side. They are never combined "
                "into one score, because they can disagree."
            }
            (terms(&[
                ("Force position", "What the force itself reports, from its latest progress updates (red, amber, green or blue)."),
                ("PCC assurance", "The Commissioner's office's own, independent and dated judgement of how far it is assured that the finding is being dealt with."),
                (ISSUING_BODY_POSITION, "What the body that issued the report (HMICFRS, the IOPC, a coroner…) has said about the finding since, for example at a re-inspection."),
            ]))
            h3 class="govuk-heading-m" { "Force position (RAG)" }
            (terms(&[
                ("Green – on track", "The force reports that the work is going to plan."),
                ("Amber – at risk", "The force reports a risk that the work will not be delivered as planned."),
                ("Red – off track", "The force reports that the work is not going to plan."),
                ("Blue – complete", "The force reports that the work is finished."),
                ("No update yet", "The force has not reported on this finding yet."),
            ]))
            h3 class="govuk-heading-m" { "PCC assurance" }
            (terms(&[
                ("Substantial", "The evidence seen shows the finding is being dealt with well."),
                ("Reasonable", "Mostly assured, with some gaps."),
                ("Limited", "Significant gaps remain in what has been done or shown."),
                ("No assurance", "The evidence does not show that the finding is being dealt with."),
                ("Not yet assessed", "The Commissioner's office has not yet made a judgement."),
            ]))
            h3 class="govuk-heading-m" { (ISSUING_BODY_POSITION) }
            p class="govuk-body" {
                "Each report names its issuing body's voice: “HMICFRS's position”, “The coroner's "
                "position” and so on. "
                strong { "Scrutineer's definitions, not the issuing body's." }
                " We sort what the issuing body said into these positions so findings can be "
                "compared; HMICFRS, the IOPC and the others do not use them. Where we have recorded "
                "the judgement in the report's own words (for example “substantial progress” or "
                "“insufficient progress”), we show those words beside the position, and they are "
                "what the issuing body said."
            }
            (terms(&[
                ("Open", "The issuing body still expects action."),
                ("Met", "The issuing body considers the finding dealt with and closed."),
                ("Partially met", "The issuing body found some, but not all, of what it asked for."),
                ("Superseded", "Replaced by a later finding, which is named."),
                ("No longer relevant", "The issuing body no longer expects action on it."),
                ("No position recorded", "The issuing body has not yet given a view since the report."),
            ]))
            h2 class="govuk-heading-l" { "Milestones and slips" }
            p class="govuk-body" {
                "Each action the force commits to has dated milestones. The original date never "
                "changes. If a milestone is moved, we show the current date as well, how many times it "
                "has moved later (its slips) and how many days later than the original it now is."
            }
            (terms(&[
                ("Scheduled", "Not yet delivered and not yet due (a milestone due today is still scheduled)."),
                ("Met", "Delivered on or before its current date."),
                ("Met late", "Delivered, but after its current date."),
                ("Missed", "Past its current date and not delivered."),
            ]))
            h2 class="govuk-heading-l" { "Overdue is not the same as stale" }
            p class="govuk-body" {
                "Overdue means a date has passed without delivery. Stale means the force has not sent "
                "an update for a while: it tells you nobody has reported, not that nothing has happened."
            }
            h2 class="govuk-heading-l" { "The Commissioner's response (section 55)" }
            p class="govuk-body" {
                "Under section 55 of the Police Act 1996 the Commissioner must publish comments on an "
                "HMICFRS report about the force, including the Chief Constable's comments, within 56 "
                "days beginning with the day the report was published – so the last day is the "
                "publication date plus 55 days. We show the last day, when the response was published "
                "and whether it was on time or how many days late."
            }
            h2 class="govuk-heading-l" { "A fire and rescue service's cause of concern" }
            p class="govuk-body" {
                "Section 55 applies only to HMICFRS reports on a police force. When HMICFRS finds a "
                "cause of concern in a fire and rescue service, it asks the service to review its "
                "action plan within 28 days – we count them from the day the report was published – "
                "then revisits the service and publishes a revisit letter. We show when the review was "
                "due, when it was received and whether it was on time, the revisit and the letter."
            }
            h2 class="govuk-heading-l" id="open-data" { "Open data" }
            p class="govuk-body" {
                "Every edition is available as open data at addresses that never change: "
                code { "/data/editions/N.json" } " and " code { "/data/editions/N.csv" }
                " for edition N, and " code { "/data/latest.json" } " and " code { "/data/latest.csv" }
                " for the latest edition. The "
                a class="govuk-link" href="/data/dictionary" { "data dictionary" }
                " describes every file, column and field, with a JSON Schema for the JSON."
            }
            h3 class="govuk-heading-m" id="check-an-edition" { "Checking an edition" }
            p class="govuk-body" {
                "The fingerprint on the editions page is the SHA-256 of the exact bytes of "
                code { "/data/editions/N.json" } ", which never change once published. To check "
                "edition 2, run this one line and compare what it prints with the fingerprint shown:"
            }
            p class="govuk-body" { code { "curl -s https://this-site/data/editions/2.json | sha256sum" } }
            p class="govuk-body" {
                "(put this site's address in place of " code { "https://this-site" } "; on a Mac use "
                code { "shasum -a 256" } "). Keep the file: its " code { "chainHead" } " field is "
                "the newest entry in the office's tamper-evident audit log when the edition was "
                "published. If that history is later shortened or rewritten, "
                code { "scrutineer audit verify --against-edition FILE" } " run on the file you hold "
                "reports it. The file's " code { "sha256" } " field is the hash of the internal "
                "snapshot the pages are built from."
            }
            p class="govuk-body" {
                "It is published under the "
                a class="govuk-link" href=(LICENCE_URL) { (LICENCE_NAME) }
                ". The JSON gives the licence in its " code { "licence" } " field."
            }
            p class="govuk-body" {
                "In the JSON, milestones follow the Open Contracting milestone shape: "
                code { "id" } ", " code { "title" } ", " code { "type" } " (always " code { "delivery" } "), "
                code { "dueDate" } " (the current date), " code { "dateMet" } " and " code { "status" }
                ", with our own " code { "originalDueDate" } ", " code { "slipCount" } ", "
                code { "daysSlipped" } " and " code { "state" } ". The status is mapped like this:"
            }
            (terms(&[
                ("scheduled", "Scheduled."),
                ("met", "Met, and also met late (compare dateMet with dueDate to see the lateness)."),
                ("notMet", "Missed."),
            ]))
            p class="govuk-body" {
                "The CSV has one row for each finding and milestone (a milestone serving several "
                "findings appears once under each; a finding with no milestones has one row with the "
                "milestone columns empty). Cells beginning with =, +, - or @ are prefixed with an "
                "apostrophe so that spreadsheets show them as text."
            }
            h2 class="govuk-heading-l" { "Feeds" }
            p class="govuk-body" {
                a class="govuk-link" href="/feeds/editions.atom" { "The Atom feed" }
                " announces each edition and each published update. "
                a class="govuk-link" href="/feeds/public.ics" { "The calendar" }
                " lists published meetings and milestone dates."
            }
        },
    )
}

pub fn accessibility_page(chrome: &Chrome) -> Markup {
    page(
        chrome,
        "Accessibility statement",
        html! {
            h1 class="govuk-heading-xl" { "Accessibility statement" }
            (site_nav())
            p class="govuk-body" {
                "We want as many people as possible to be able to use this website. It aims to meet "
                "the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA."
            }
            ul class="govuk-list govuk-list--bullet" {
                li { "every page works without JavaScript, and can be used with a keyboard alone" }
                li { "colour is never the only way information is given: every status tag has words" }
                li { "progress bars also give the count in words" }
                li { "tables have captions and headers, and dates are written in full" }
                li { "all the information is also available as open data (JSON and CSV)" }
            }
            h2 class="govuk-heading-m" { "Known limitations" }
            p class="govuk-body" {
                "Links to inspection reports and responses go to other websites, which have their own "
                "accessibility statements."
            }
            h2 class="govuk-heading-m" { "Feedback and contact" }
            p class="govuk-body" {
                "If you find a problem or need information in a different format, contact the Office "
                "of the Police and Crime Commissioner. If you are not happy with our response, contact "
                "the Equality Advisory and Support Service (EASS)."
            }
        },
    )
}

/// Every open-data file, every CSV column and every JSON field (read from the JSON Schema
/// served beside it, so the two cannot disagree).
pub fn data_dictionary_page(chrome: &Chrome) -> Markup {
    use crate::domain::edition::open_data::{CSV_DESCRIPTIONS, CSV_HEADER, SCHEMA, SCHEMA_PATH};
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap_or_default();
    let mut fields = Vec::new();
    schema_fields("", &schema, &mut fields);
    let files: &[(&str, &str)] = &[
        ("/data/latest.json", "The latest edition as JSON (UTF-8)."),
        (
            "/data/latest.csv",
            "The latest edition as CSV: one row per finding and milestone, UTF-8 with a byte-order mark so spreadsheets read it correctly.",
        ),
        (
            "/data/editions/N.json",
            "Edition N as JSON, exactly as published: its SHA-256 is the fingerprint on the editions page.",
        ),
        ("/data/editions/N.csv", "Edition N as CSV."),
        (
            SCHEMA_PATH,
            "The JSON Schema (draft 2020-12) of the JSON files.",
        ),
        (
            "/feeds/editions.atom",
            "An Atom feed of editions and published progress updates.",
        ),
        (
            "/feeds/public.ics",
            "An iCalendar feed of meetings held in public, published meetings and milestone dates.",
        ),
    ];
    page(
        chrome,
        "Data dictionary",
        html! {
            h1 class="govuk-heading-xl" { "Data dictionary" }
            (site_nav())
            p class="govuk-body" {
                "What each open-data file holds, under the " a class="govuk-link" href=(LICENCE_URL) rel="license" { (LICENCE_NAME) } ". "
                "Dates are YYYY-MM-DD; times are ISO 8601 with their offset from UTC. "
                "Ids are the same in the CSV and the JSON. An error is answered in the format asked for."
            }
            h2 class="govuk-heading-l" id="files" { "Files" }
            (terms(files))
            h2 class="govuk-heading-l" id="csv" { "CSV columns" }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "CSV columns" }
                    thead { tr { th scope="col" { "Column" } th scope="col" { "Meaning" } } }
                    tbody {
                        @for (name, meaning) in CSV_HEADER.iter().zip(CSV_DESCRIPTIONS) {
                            tr { td { code { (name) } } td { (meaning) } }
                        }
                    }
                }
            }
            h2 class="govuk-heading-l" id="json" { "JSON fields" }
            p class="govuk-body" {
                "Each field by its path; " code { "[]" } " marks a list. The "
                a class="govuk-link" href=(SCHEMA_PATH) { "JSON Schema" } " gives the same, for programs."
            }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-visually-hidden" { "JSON fields" }
                    thead { tr { th scope="col" { "Field" } th scope="col" { "Meaning" } } }
                    tbody {
                        @for (path, meaning) in &fields {
                            tr { td { code class="app-break" { (path) } } td { (meaning) } }
                        }
                    }
                }
            }
        },
    )
}

/// Every property of a schema object, depth first, by its dotted path.
fn schema_fields(prefix: &str, node: &serde_json::Value, out: &mut Vec<(String, String)>) {
    let Some(props) = node.get("properties").and_then(|p| p.as_object()) else {
        return;
    };
    for (name, child) in props {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let description = child["description"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        out.push((path.clone(), description));
        if let Some(items) = child.get("items") {
            schema_fields(&format!("{path}[]"), items, out);
        } else {
            schema_fields(&path, child, out);
        }
    }
}
