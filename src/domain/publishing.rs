//! The publishing page's filter, and what "approve all shown" binds: the office approves the
//! summaries it was shown, in the words it was shown, or nothing.

use sha2::{Digest, Sha256};

/// Which summaries the publishing page lists: those about one body, one inspection, or both
/// (every summary when neither is set).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub body: Option<i64>,
    pub inspection: Option<i64>,
}

impl Filter {
    /// The filter from the page's query. Anything not a positive whole number (blank, or
    /// tampered with) sets nothing rather than failing: the page then shows more, never less.
    pub fn parse(body: &str, inspection: &str) -> Self {
        let id = |s: &str| s.trim().parse::<i64>().ok().filter(|id| *id > 0);
        Self {
            body: id(body),
            inspection: id(inspection),
        }
    }

    pub fn is_set(&self) -> bool {
        self.body.is_some() || self.inspection.is_some()
    }

    /// Whether a summary about the body `body` and the inspections `inspections` is shown.
    /// A summary about no body (a meeting's) is shown only when nothing is filtered.
    pub fn shows(&self, body: Option<i64>, inspections: &[i64]) -> bool {
        let body_ok = self.body.is_none_or(|want| body == Some(want));
        let inspection_ok = self
            .inspection
            .is_none_or(|want| inspections.contains(&want));
        body_ok && inspection_ok
    }

    /// The page's query string for this filter (empty, or starting with `?`), with `extra`
    /// pairs after the filter's own.
    pub fn query(&self, extra: &[(&str, String)]) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(b) = self.body {
            pairs.push(("body", b.to_string()));
        }
        if let Some(i) = self.inspection {
            pairs.push(("inspection", i.to_string()));
        }
        pairs.extend(extra.iter().cloned());
        let joined: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        match joined.is_empty() {
            true => String::new(),
            false => format!("?{}", joined.join("&")),
        }
    }
}

/// One summary "approve all shown" would approve: its kind ("finding", "update",
/// "meeting"), id and wording as shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown<'a> {
    pub kind: &'a str,
    pub id: i64,
    pub summary: &'a str,
}

/// A fingerprint of the summaries a page offered to approve, in the order shown: it changes
/// when any is added, removed, reordered or reworded, so an approval of "all shown" cannot
/// approve something the approver did not read. Each part is length-prefixed, so no two
/// different lists share one.
pub fn fingerprint<'a>(shown: impl IntoIterator<Item = Shown<'a>>) -> String {
    let mut hash = Sha256::new();
    for s in shown {
        for part in [s.kind, &s.id.to_string(), s.summary] {
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part.as_bytes());
        }
    }
    hex::encode(hash.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(kind: &'static str, id: i64, summary: &'static str) -> Shown<'static> {
        Shown { kind, id, summary }
    }

    #[test]
    fn a_filter_is_read_from_whole_positive_numbers_and_ignores_anything_else() {
        assert_eq!(
            Filter::parse(" 3 ", "12"),
            Filter {
                body: Some(3),
                inspection: Some(12)
            }
        );
        for junk in ["", "abc", "-1", "0", "1.5", "9999999999999999999999"] {
            assert_eq!(Filter::parse(junk, junk), Filter::default(), "{junk:?}");
        }
        assert!(!Filter::default().is_set());
        assert!(Filter::parse("", "4").is_set());
    }

    #[test]
    fn a_body_filter_shows_that_body_only_and_no_meetings() {
        let f = Filter::parse("2", "");
        assert!(f.shows(Some(2), &[7]));
        assert!(!f.shows(Some(3), &[7]));
        assert!(!f.shows(None, &[]));
    }

    #[test]
    fn an_inspection_filter_shows_what_is_about_that_inspection_among_others() {
        let f = Filter::parse("", "7");
        assert!(f.shows(Some(2), &[7]));
        assert!(f.shows(Some(2), &[5, 7]));
        assert!(!f.shows(Some(2), &[5]));
        assert!(!f.shows(None, &[]));
        let both = Filter::parse("2", "7");
        assert!(both.shows(Some(2), &[7]));
        assert!(!both.shows(Some(3), &[7]));
    }

    #[test]
    fn no_filter_shows_everything_meetings_included() {
        let f = Filter::default();
        assert!(f.shows(Some(2), &[7]));
        assert!(f.shows(None, &[]));
    }

    #[test]
    fn a_filter_writes_its_own_query_string() {
        assert_eq!(Filter::default().query(&[]), "");
        assert_eq!(Filter::parse("2", "").query(&[]), "?body=2");
        assert_eq!(
            Filter::parse("2", "7").query(&[("approved", "3".into())]),
            "?body=2&inspection=7&approved=3"
        );
        assert_eq!(
            Filter::default().query(&[("approved", "1".into())]),
            "?approved=1"
        );
    }

    #[test]
    fn the_fingerprint_changes_with_any_summary_added_removed_reordered_or_reworded() {
        let list = [shown("finding", 1, "A"), shown("update", 2, "B")];
        let base = fingerprint(list);
        assert_eq!(
            base,
            fingerprint(list),
            "the same list, the same fingerprint"
        );
        assert_eq!(base.len(), 64);
        let variants = [
            vec![shown("finding", 1, "A")],
            vec![
                shown("finding", 1, "A"),
                shown("update", 2, "B"),
                shown("meeting", 3, "C"),
            ],
            vec![shown("update", 2, "B"), shown("finding", 1, "A")],
            vec![shown("finding", 1, "A"), shown("update", 2, "B.")],
            vec![shown("finding", 1, "A"), shown("update", 3, "B")],
            vec![shown("finding", 1, "A"), shown("meeting", 2, "B")],
        ];
        for v in variants {
            assert_ne!(base, fingerprint(v.iter().copied()), "{v:?}");
        }
    }

    #[test]
    fn the_fingerprint_cannot_be_matched_by_moving_text_between_parts() {
        let a = fingerprint([shown("update", 1, "2B")]);
        let b = fingerprint([shown("update", 12, "B")]);
        assert_ne!(a, b);
        assert_ne!(fingerprint([]), fingerprint([shown("update", 1, "")]));
    }
}
