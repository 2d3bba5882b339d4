//! The Atom 1.0 feed of editions and published updates (maud escapes every value as XML).

use chrono::{DateTime, Utc};
use maud::{Markup, PreEscaped, html};

use crate::domain::edition::{EditionMeta, Snapshot, TimelineEntry};
use crate::domain::installation::Installation;

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Make entries' `updated` times distinct (the feed validator's rule): taken in order of
/// time and then of `tie` (editions by number, then updates by id), an entry that would share
/// or precede the previous one's time gets the second after it. So updates reported on the same
/// day are a second apart, in the order they were made, and an entry's time stays put as
/// later ones come.
pub fn distinct_times(times: &[(DateTime<Utc>, (u8, i64))]) -> Vec<DateTime<Utc>> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by_key(|&i| times[i]);
    let mut out: Vec<DateTime<Utc>> = times.iter().map(|(t, _)| *t).collect();
    let mut last: Option<DateTime<Utc>> = None;
    for i in order {
        let mut t = times[i].0;
        if let Some(previous) = last
            && t <= previous
        {
            t = previous + chrono::Duration::seconds(1);
        }
        out[i] = t;
        last = Some(t);
    }
    out
}

/// The feed: one entry per edition and one per update in the latest edition, every id this
/// installation's own. `updated` is the newest entry's (or `now` before the first edition).
/// `base` is the site's public address (empty: links are relative to the feed).
pub fn atom(
    base: &str,
    ids: &Installation,
    organisation: &str,
    editions: &[EditionMeta],
    latest: Option<&Snapshot>,
    now: DateTime<Utc>,
) -> Markup {
    let updates = latest.map(|s| s.updates()).unwrap_or_default();
    let midnight = |u: &TimelineEntry| u.as_at.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let all: Vec<(DateTime<Utc>, (u8, i64))> = editions
        .iter()
        .map(|e| (e.published_at, (0, e.number)))
        .chain(updates.iter().map(|(u, _)| (midnight(u), (1, u.update_id))))
        .collect();
    let all = distinct_times(&all);
    let (edition_times, times) = all.split_at(editions.len());
    let updated = all.iter().copied().max().unwrap_or(now);
    html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        feed xmlns="http://www.w3.org/2005/Atom" {
            id { (ids.atom_id("editions")) }
            title { "Progress on inspection recommendations – " (organisation) }
            subtitle { "Published editions and progress updates" }
            updated { (stamp(updated)) }
            author { name { (organisation) } }
            link rel="self" type="application/atom+xml" href={ (base) "/feeds/editions.atom" } {}
            link rel="alternate" type="text/html" href={ (base) "/" } {}
            rights { "Open Government Licence v3.0" }
            @for (e, at) in editions.iter().zip(edition_times) {
                entry {
                    id { (ids.atom_id(&format!("edition/{}", e.number))) }
                    title { "Edition " (e.number) " published" }
                    updated { (stamp(*at)) }
                    link rel="alternate" type="text/html" href={ (base) "/editions/" (e.number) } {}
                    summary type="text" {
                        "Edition " (e.number) " of the progress record was published on "
                        (crate::domain::dates::uk_date(e.published_at.date_naive())) "."
                        @if let Some(note) = &e.note { " " (note) }
                    }
                }
            }
            @for ((u, findings), at) in updates.iter().zip(times) {
                entry {
                    id { (ids.atom_id(&format!("update/{}", u.update_id))) }
                    title {
                        "Progress update"
                        @if let Some(r) = &u.action_reference { " on " (r) }
                        ": " (u.rag.label())
                    }
                    updated { (stamp(*at)) }
                    // An entry without content needs an alternate link (RFC 4287 §4.1.2).
                    @if let Some((i, f)) = findings.first() {
                        link rel="alternate" type="text/html"
                            href={ (base) "/progress/inspections/" (i.id) "#finding-" (f.id) } {}
                    } @else {
                        link rel="alternate" type="text/html" href={ (base) "/" } {}
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn entries_of_one_instant_get_distinct_stable_times() {
        let times = [
            (at("2026-03-02T12:00:00Z"), (0, 2)),
            (at("2026-03-02T12:00:00Z"), (0, 1)),
            (at("2026-03-01T00:00:00Z"), (1, 7)),
            (at("2026-03-01T00:00:00Z"), (1, 3)),
            (at("2026-02-01T00:00:00Z"), (1, 5)),
        ];
        let out: Vec<String> = distinct_times(&times).into_iter().map(stamp).collect();
        assert_eq!(
            out,
            [
                "2026-03-02T12:00:01Z",
                "2026-03-02T12:00:00Z",
                "2026-03-01T00:00:01Z",
                "2026-03-01T00:00:00Z",
                "2026-02-01T00:00:00Z"
            ]
        );
    }
}
