//! Numbers as people read them: thousands separators ("1,000") and counts with the noun
//! agreeing ("1 finding", "2 findings").

/// A whole number with commas between thousands: 1000 → "1,000", -12345 → "-12,345".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A measure's value: whole numbers with thousands separators, fractions as typed, also
/// separated (1234.5 → "1,234.5"), never a needless ".0".
pub fn decimal(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return thousands(x as i64);
    }
    // Display for f64 never uses an exponent, so the text is digits, a dot and digits.
    let text = x.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    match whole.parse::<i64>() {
        Ok(whole) => {
            let sign = if x < 0.0 { "-" } else { "" };
            let dot = if fraction.is_empty() { "" } else { "." };
            format!("{sign}{}{dot}{fraction}", thousands(whole))
        }
        Err(_) => x.to_string(),
    }
}

/// The noun that agrees with `n`: `one` for exactly one, `many` otherwise (0 findings).
pub fn noun(n: i64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// A count and its noun: `count(1, "finding", "findings")` → "1 finding", 1000 → "1,000
/// findings".
pub fn count(n: impl TryInto<i64>, one: &'static str, many: &'static str) -> String {
    let n = n.try_into().unwrap_or(i64::MAX);
    format!("{} {}", thousands(n), noun(n, one, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(12345), "12,345");
        assert_eq!(thousands(123456), "123,456");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(-1000), "-1,000");
        assert_eq!(thousands(-999), "-999");
        assert_eq!(thousands(i64::MIN), "-9,223,372,036,854,775,808");
    }

    #[test]
    fn decimals_keep_their_fraction_and_separate_thousands() {
        assert_eq!(decimal(1000.0), "1,000");
        assert_eq!(decimal(1234.5), "1,234.5");
        assert_eq!(decimal(0.25), "0.25");
        assert_eq!(decimal(12.345), "12.345");
        assert_eq!(decimal(1e20), "100000000000000000000");
        assert_eq!(decimal(-1500.75), "-1,500.75");
        assert_eq!(decimal(-0.5), "-0.5");
        assert_eq!(decimal(217.0), "217");
    }

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(count(1, "finding", "findings"), "1 finding");
        assert_eq!(count(0, "finding", "findings"), "0 findings");
        assert_eq!(count(2usize, "row", "rows"), "2 rows");
        assert_eq!(count(1000, "finding", "findings"), "1,000 findings");
        assert_eq!(count(-1, "day", "days"), "-1 days");
        assert_eq!(noun(1, "edition", "editions"), "edition");
        assert_eq!(noun(11, "edition", "editions"), "editions");
    }
}
