//! Validated form inputs shared by every form: GOV.UK-style dates, required and optional
//! text, and web links. Error messages are written for the person filling in the form.

mod date;
mod url;

pub use date::{DateError, parse_date_parts};
pub use url::{MAX_URL_CHARS, UrlError, local_path, parse_url};

/// Why a text input was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("Enter some text")]
    Missing,
    #[error("Must be {max} characters or fewer")]
    TooLong { max: usize },
}

/// Input without control characters other than tab and line breaks – NUL, which SQLite and
/// some browsers mishandle, and the rest, which XML (the Atom feed, the `.ics` and the open
/// data's readers) cannot carry – and trimmed.
fn clean(value: &str) -> String {
    let kept = |c: &char| !c.is_ascii_control() || matches!(c, '\t' | '\n' | '\r') || *c == '\x7f';
    value
        .chars()
        .filter(kept)
        .collect::<String>()
        .trim()
        .to_string()
}

/// Whether two texts say the same words: line endings (a browser sends CR LF), NULs and
/// surrounding space aside. An approval binds the wording the approver was shown.
pub fn same_wording(a: &str, b: &str) -> bool {
    clean(&a.replace("\r\n", "\n")) == clean(&b.replace("\r\n", "\n"))
}

/// Text that must be given, trimmed, at most `max_chars` characters.
pub fn required_text(value: &str, max_chars: usize) -> Result<String, TextError> {
    optional_text(value, max_chars)?.ok_or(TextError::Missing)
}

/// Text that may be left blank (`None`), trimmed, at most `max_chars` characters.
pub fn optional_text(value: &str, max_chars: usize) -> Result<Option<String>, TextError> {
    let value = clean(value);
    if value.is_empty() {
        Ok(None)
    } else if value.chars().count() > max_chars {
        Err(TextError::TooLong { max: max_chars })
    } else {
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_wording_ignores_line_endings_and_surrounding_space_only() {
        assert!(same_wording("One.\r\nTwo. ", " One.\nTwo."));
        assert!(!same_wording("One. Two.", "One.  Two."));
        assert!(!same_wording("Met.", "Not met."));
    }

    #[test]
    fn control_characters_but_tabs_and_line_breaks_are_dropped() {
        assert_eq!(
            required_text("A\0B\u{1}C\u{b}D\tE\r\nF", 20),
            Ok("ABCD\tE\r\nF".to_string())
        );
        assert_eq!(optional_text("\u{0}\u{1f}", 5), Ok(None));
    }

    #[test]
    fn required_text_is_trimmed_and_must_not_be_blank() {
        assert_eq!(required_text("  Hello \n", 10), Ok("Hello".to_string()));
        assert_eq!(required_text("   ", 10), Err(TextError::Missing));
        assert_eq!(required_text("\0\0", 10), Err(TextError::Missing));
    }

    #[test]
    fn text_longer_than_the_limit_is_refused_counting_characters_not_bytes() {
        assert_eq!(required_text("ééé", 3), Ok("ééé".to_string()));
        assert_eq!(required_text("abcd", 3), Err(TextError::TooLong { max: 3 }));
        assert_eq!(
            TextError::TooLong { max: 300 }.to_string(),
            "Must be 300 characters or fewer"
        );
    }

    #[test]
    fn nul_characters_are_stripped_before_checking() {
        assert_eq!(required_text("a\0b\0c", 3), Ok("abc".to_string()));
        assert_eq!(optional_text(" \0 ", 3), Ok(None));
    }

    #[test]
    fn optional_text_left_blank_is_none() {
        assert_eq!(optional_text("", 10), Ok(None));
        assert_eq!(optional_text(" x ", 10), Ok(Some("x".to_string())));
        assert_eq!(optional_text("abcd", 3), Err(TextError::TooLong { max: 3 }));
    }
}
