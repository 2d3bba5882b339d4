//! The GOV.UK date input: three boxes (day, month, year) checked into one date.

use chrono::NaiveDate;

/// Why a day/month/year date input was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("Date must include a day")]
    MissingDay,
    #[error("Date must include a month")]
    MissingMonth,
    #[error("Date must include a year")]
    MissingYear,
    #[error("Date must be a real date")]
    NotANumber,
    #[error("Year must include 4 numbers")]
    YearNotFourDigits,
    #[error("Date must be a real date")]
    Impossible,
}

/// A date from the three boxes of a GOV.UK date input. All three blank means no date.
pub fn parse_date_parts(
    day: &str,
    month: &str,
    year: &str,
) -> Result<Option<NaiveDate>, DateError> {
    let (day, month, year) = (day.trim(), month.trim(), year.trim());
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return Ok(None);
    }
    if day.is_empty() {
        return Err(DateError::MissingDay);
    }
    if month.is_empty() {
        return Err(DateError::MissingMonth);
    }
    if year.is_empty() {
        return Err(DateError::MissingYear);
    }
    // Digits only: this rejects signs, decimals and spaces before any arithmetic.
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !(all_digits(day) && all_digits(month) && all_digits(year)) {
        return Err(DateError::NotANumber);
    }
    if year.len() != 4 {
        return Err(DateError::YearNotFourDigits);
    }
    // Too many digits to fit is as impossible as day 32.
    let number = |s: &str| s.parse::<u32>().map_err(|_| DateError::Impossible);
    let (d, m, y) = (number(day)?, number(month)?, number(year)?);
    if y < 1000 {
        return Err(DateError::Impossible);
    }
    let y = i32::try_from(y).map_err(|_| DateError::Impossible)?;
    NaiveDate::from_ymd_opt(y, m, d)
        .map(Some)
        .ok_or(DateError::Impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn a_real_date_is_accepted_with_or_without_leading_zeros_and_spaces() {
        assert_eq!(parse_date_parts("16", "11", "2021"), Ok(date(2021, 11, 16)));
        assert_eq!(
            parse_date_parts(" 01 ", "02", " 2024"),
            Ok(date(2024, 2, 1))
        );
        assert_eq!(parse_date_parts("29", "2", "2024"), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn three_blank_boxes_mean_no_date() {
        assert_eq!(parse_date_parts("", " ", "\t"), Ok(None));
    }

    #[test]
    fn a_missing_part_is_named() {
        assert_eq!(
            parse_date_parts("", "11", "2021"),
            Err(DateError::MissingDay)
        );
        assert_eq!(
            parse_date_parts("16", "", "2021"),
            Err(DateError::MissingMonth)
        );
        assert_eq!(
            parse_date_parts("16", "11", ""),
            Err(DateError::MissingYear)
        );
        assert_eq!(DateError::MissingDay.to_string(), "Date must include a day");
    }

    #[test]
    fn letters_signs_and_decimals_are_not_a_real_date() {
        for (d, m, y) in [
            ("1st", "11", "2021"),
            ("-1", "11", "2021"),
            ("16", "Nov", "2021"),
        ] {
            assert_eq!(
                parse_date_parts(d, m, y),
                Err(DateError::NotANumber),
                "{d}/{m}/{y}"
            );
        }
        assert_eq!(
            parse_date_parts("1.5", "11", "2021"),
            Err(DateError::NotANumber)
        );
        assert_eq!(
            parse_date_parts("+1", "11", "2021"),
            Err(DateError::NotANumber)
        );
        assert_eq!(
            parse_date_parts("١", "11", "2021"),
            Err(DateError::NotANumber)
        );
        assert_eq!(
            DateError::NotANumber.to_string(),
            "Date must be a real date"
        );
    }

    #[test]
    fn a_year_must_have_four_digits() {
        assert_eq!(
            parse_date_parts("16", "11", "21"),
            Err(DateError::YearNotFourDigits)
        );
        assert_eq!(
            parse_date_parts("16", "11", "20211"),
            Err(DateError::YearNotFourDigits)
        );
        assert_eq!(
            DateError::YearNotFourDigits.to_string(),
            "Year must include 4 numbers"
        );
    }

    #[test]
    fn dates_that_do_not_exist_are_impossible() {
        assert_eq!(
            parse_date_parts("31", "02", "2022"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("29", "02", "2023"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("1", "13", "2022"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("0", "1", "2022"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("1", "0", "2022"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("1", "1", "0999"),
            Err(DateError::Impossible)
        );
    }

    #[test]
    fn huge_numbers_are_impossible_without_panicking() {
        let huge = "99999999999999999999";
        assert_eq!(
            parse_date_parts(huge, "1", "2022"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("1", huge, "2022"),
            Err(DateError::Impossible)
        );
        assert_eq!(
            parse_date_parts("1", "1", huge),
            Err(DateError::YearNotFourDigits)
        );
    }
}
