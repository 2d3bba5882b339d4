//! Numbers in public addresses. Each public page has one address: `/editions/2`, never
//! `/editions/0002` or `/editions/+2`, so a cache keyed by address holds each page once and a
//! visitor cannot fill it with copies of the same page under different names.

/// What a path segment that should be a number turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// Written the one way: decimal digits, no leading zero (unless it is "0"), no sign.
    Canonical(i64),
    /// A number written another way (leading zeros, a `+` sign): send the visitor on to the
    /// canonical address.
    Other(i64),
    /// Not a number at all (letters, spaces, a minus sign, too large): not found.
    Invalid,
}

/// Read `text` as a number of an address, as text first: only plain ASCII digits, perhaps
/// after one `+`, are numbers.
pub fn segment(text: &str) -> Segment {
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Segment::Invalid;
    }
    let Ok(n) = digits.parse::<i64>() else {
        return Segment::Invalid;
    };
    if n.to_string() == text {
        Segment::Canonical(n)
    } else {
        Segment::Other(n)
    }
}

/// The numbers of several segments: `Ok` when every one is canonical, `Err(Some(numbers))`
/// when all are numbers but some are written another way, `Err(None)` when any is not one.
pub fn segments<const N: usize>(texts: [&str; N]) -> Result<[i64; N], Option<[i64; N]>> {
    let mut numbers = [0; N];
    let mut canonical = true;
    for (number, text) in numbers.iter_mut().zip(texts) {
        match segment(text) {
            Segment::Canonical(n) => *number = n,
            Segment::Other(n) => {
                *number = n;
                canonical = false;
            }
            Segment::Invalid => return Err(None),
        }
    }
    if canonical {
        Ok(numbers)
    } else {
        Err(Some(numbers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimal_is_canonical() {
        assert_eq!(segment("2"), Segment::Canonical(2));
        assert_eq!(segment("0"), Segment::Canonical(0));
        assert_eq!(segment("1234567"), Segment::Canonical(1234567));
    }

    #[test]
    fn leading_zeros_and_a_plus_sign_are_the_same_number_written_another_way() {
        assert_eq!(segment("0002"), Segment::Other(2));
        assert_eq!(segment("+2"), Segment::Other(2));
        assert_eq!(segment("+0002"), Segment::Other(2));
        assert_eq!(segment("00"), Segment::Other(0));
    }

    #[test]
    fn anything_else_is_not_a_number() {
        for text in [
            "",
            "+",
            "-2",
            " 2",
            "2 ",
            "2a",
            "0x2",
            "2.0",
            "++2",
            "١",
            "99999999999999999999",
        ] {
            assert_eq!(segment(text), Segment::Invalid, "{text:?}");
        }
    }

    #[test]
    fn several_segments_are_canonical_only_together() {
        assert_eq!(segments(["1", "2"]), Ok([1, 2]));
        assert_eq!(segments(["01", "2"]), Err(Some([1, 2])));
        assert_eq!(segments(["1", "x"]), Err(None));
        assert_eq!(segments(["01", "x"]), Err(None));
    }
}
