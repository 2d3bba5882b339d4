//! Turning what a person typed into a safe SQLite FTS5 query.

/// The most terms a search uses; the rest are ignored.
pub const MAX_TERMS: usize = 12;

/// Results on a page of search results.
pub const PER_PAGE: usize = 25;

/// The furthest page of results offered (the best 2,500 matches).
pub const LAST_PAGE: usize = 100;

/// How many of a search's best matches are kept for the record's version: the first ten
/// pages, and one more to tell whether there is an eleventh.
pub const RANKED_KEPT: usize = 10 * PER_PAGE + 1;

/// The most matches a search over every record ranks: when more match, the first this many in
/// the index's order are ranked (see `db::search::ranked`), which bounds what the commonest
/// words cost (a second and more, for hundreds of thousands of matches) to a few milliseconds.
/// Twice the furthest page offered.
pub const MOST_RANKED: usize = 2 * LAST_PAGE * PER_PAGE;

/// Which of a search's matches, best first, page `page` shows: `PER_PAGE` of them, and one
/// more to tell whether there is a next page.
pub fn page_range(page: usize) -> std::ops::Range<usize> {
    let first = page.saturating_sub(1) * PER_PAGE;
    first..first + PER_PAGE + 1
}

/// The page asked for in `?page=`: a whole number from 1 to `LAST_PAGE`, or else the first.
pub fn page_number(typed: &str) -> usize {
    typed
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=LAST_PAGE).contains(n))
        .unwrap_or(1)
}

/// Each word becomes a quoted FTS5 string (quotes inside doubled), so no input is read as
/// FTS5 syntax and a malformed query cannot fail. All terms must match. `None` when nothing
/// searchable was typed.
pub fn fts_query(typed: &str) -> Option<String> {
    let terms: Vec<String> = typed
        .split_whitespace()
        .map(|w| w.replace('\0', ""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_whole_number_up_to_the_last_page_or_else_the_first() {
        assert_eq!(page_number("2"), 2);
        assert_eq!(page_number(" 100 "), 100);
        for typed in ["", "0", "-1", "101", "2.5", "two", "99999999999999999999"] {
            assert_eq!(page_number(typed), 1, "{typed:?}");
        }
    }

    #[test]
    fn a_page_shows_its_own_matches_and_looks_one_past_them() {
        assert_eq!(page_range(1), 0..26);
        assert_eq!(page_range(2), 25..51);
        assert_eq!(
            page_range(10).end,
            RANKED_KEPT,
            "the tenth page is the last kept"
        );
    }

    #[test]
    fn a_search_ranks_up_to_5000_matches_twice_the_furthest_page_offered() {
        assert_eq!(MOST_RANKED, 5_000, "the page says so in these words");
        assert!(
            page_range(LAST_PAGE).end <= MOST_RANKED,
            "every page offered is ranked"
        );
    }

    #[test]
    fn each_word_is_quoted() {
        assert_eq!(
            fts_query("digital forensic").as_deref(),
            Some("\"digital\" \"forensic\"")
        );
        assert_eq!(fts_query("a\"b OR").as_deref(), Some("\"a\"\"b\" \"OR\""));
    }

    #[test]
    fn punctuation_alone_is_not_a_search() {
        assert_eq!(fts_query("  \" * ( ) "), None);
        assert_eq!(fts_query(""), None);
    }
}
