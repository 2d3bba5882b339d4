//! Turning what a person typed into a safe SQLite FTS5 query.

/// The most terms a search uses; the rest are ignored.
pub const MAX_TERMS: usize = 12;

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
