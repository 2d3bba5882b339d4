//! The Atom 1.0 feed of editions and published updates (maud escapes every value as XML).

use chrono::{DateTime, Utc};
use maud::{Markup, PreEscaped, html};

use crate::domain::edition::{EditionMeta, Snapshot};

/// The authority of our `tag:` URIs (RFC 4151).
pub const TAG: &str = "tag:scrutineer,2021:";

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The feed: one entry per edition and one per update published in the latest edition.
/// `updated` is the latest edition's publication time (or `now` before the first).
/// `base` is the site's public address (empty: links are relative to the feed).
pub fn atom(
    base: &str,
    organisation: &str,
    editions: &[EditionMeta],
    latest: Option<&Snapshot>,
    now: DateTime<Utc>,
) -> Markup {
    let updated = editions.first().map_or(now, |e| e.published_at);
    let updates = latest.map(|s| s.updates()).unwrap_or_default();
    html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        feed xmlns="http://www.w3.org/2005/Atom" {
            id { (TAG) "editions" }
            title { "Progress on inspection recommendations – " (organisation) }
            subtitle { "Published editions and progress updates" }
            updated { (stamp(updated)) }
            author { name { (organisation) } }
            link rel="self" type="application/atom+xml" href={ (base) "/feeds/editions.atom" } {}
            link rel="alternate" type="text/html" href={ (base) "/" } {}
            rights { "Open Government Licence v3.0" }
            @for e in editions {
                entry {
                    id { (TAG) "edition/" (e.number) }
                    title { "Edition " (e.number) " published" }
                    updated { (stamp(e.published_at)) }
                    link rel="alternate" type="text/html" href={ (base) "/editions/" (e.number) } {}
                    summary type="text" {
                        "Edition " (e.number) " of the progress record was published on "
                        (crate::domain::dates::uk_date(e.published_at.date_naive())) "."
                        @if let Some(note) = &e.note { " " (note) }
                    }
                }
            }
            @for (u, findings) in &updates {
                entry {
                    id { (TAG) "update/" (u.update_id) }
                    title {
                        "Progress update"
                        @if let Some(r) = &u.action_reference { " on " (r) }
                        ": " (u.rag.label())
                    }
                    updated { (u.as_at.format("%Y-%m-%dT00:00:00Z").to_string()) }
                    @if let Some((i, f)) = findings.first() {
                        link rel="alternate" type="text/html"
                            href={ (base) "/progress/inspections/" (i.id) "#finding-" (f.id) } {}
                    }
                    summary type="text" {
                        (u.summary)
                        @for (_, f) in findings { " [" (f.kind.label()) " " (f.reference) "]" }
                    }
                }
            }
        }
    }
}
