//! The records retention schedule for evidence: retention classes, what a file is attached
//! to, review dates (six years from the end of the financial year), holds and disposal.

use chrono::{Datelike, NaiveDate};

pub use crate::domain::vocab::{AttachedTo, RetentionClass as Class};

impl AttachedTo {
    /// Meeting papers and inspection files (the report, the section 55 response) are part of
    /// the permanent record; evidence behind updates and judgements is supporting.
    pub fn default_class(self) -> Class {
        match self {
            AttachedTo::Meeting | AttachedTo::Inspection => Class::Permanent,
            AttachedTo::Update | AttachedTo::Assessment | AttachedTo::Position => Class::Supporting,
        }
    }
}

/// The date a file of `class` attached on `on` is due for review. Supporting: six years from
/// the end of the financial year (1 April to 31 March) that `on` falls in. Permanent: never.
pub fn review_on(class: Class, on: NaiveDate) -> Option<NaiveDate> {
    match class {
        Class::Permanent => None,
        Class::Supporting => {
            let year_end = if on.month() <= 3 {
                on.year()
            } else {
                on.year() + 1
            };
            NaiveDate::from_ymd_opt(year_end + 6, 3, 31)
        }
    }
}

/// Whether a file may be disposed of, or why not. Disposal before the review date is allowed:
/// a file attached by mistake should not wait six years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Disposal<'a> {
    /// The reason for a hold (a freedom of information request, litigation), if one is on.
    pub hold: Option<&'a str>,
    pub class: Class,
    pub disposed: bool,
}

impl Disposal<'_> {
    /// `None` when the file may be disposed of, else a sentence saying why not.
    pub fn refusal(&self) -> Option<String> {
        if self.disposed {
            return Some("It has already been disposed of.".to_string());
        }
        if let Some(reason) = self.hold {
            let reason = reason.trim().trim_end_matches('.').trim_end();
            return Some(if reason.is_empty() {
                "It is on hold. Release the hold first.".to_string()
            } else {
                format!("It is on hold: {reason}. Release the hold first.")
            });
        }
        match self.class {
            Class::Permanent => {
                Some("It is kept permanently: change its retention class first.".to_string())
            }
            Class::Supporting => None,
        }
    }
}

/// Whether a file is due for review on `today`: its review date has come and it is still held.
pub fn due(review_on: Option<NaiveDate>, disposed: bool, today: NaiveDate) -> bool {
    !disposed && review_on.is_some_and(|date| date <= today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_supporting_file_is_reviewed_six_years_after_its_financial_year_ends() {
        let cases = [
            (date(2022, 5, 10), date(2029, 3, 31)),
            (date(2023, 3, 31), date(2029, 3, 31)),
            (date(2023, 4, 1), date(2030, 3, 31)),
            (date(2023, 1, 1), date(2029, 3, 31)),
            (date(2023, 12, 31), date(2030, 3, 31)),
            (date(2024, 2, 29), date(2030, 3, 31)),
        ];
        for (on, expected) in cases {
            assert_eq!(review_on(Class::Supporting, on), Some(expected), "{on}");
        }
    }

    #[test]
    fn a_permanent_file_has_no_review_date() {
        assert_eq!(review_on(Class::Permanent, date(2024, 2, 29)), None);
    }

    #[test]
    fn meetings_and_inspections_are_kept_permanently_by_default() {
        let permanent: Vec<_> = AttachedTo::ALL
            .iter()
            .filter(|a| a.default_class() == Class::Permanent)
            .map(|a| a.as_str())
            .collect();
        assert_eq!(permanent, ["meeting", "inspection"]);
        assert_eq!(AttachedTo::Update.default_class(), Class::Supporting);
    }

    #[test]
    fn tokens_round_trip_and_unknown_ones_are_refused() {
        for class in Class::ALL {
            assert_eq!(Class::parse(class.as_str()), Some(*class));
        }
        for to in AttachedTo::ALL {
            assert_eq!(AttachedTo::parse(to.as_str()), Some(*to));
        }
        assert_eq!(Class::parse("Permanent"), None);
        assert_eq!(AttachedTo::parse("finding"), None);
        assert_eq!(AttachedTo::Position.label(), "Inspectorate position");
    }

    #[test]
    fn a_held_file_cannot_be_disposed_of_and_the_reason_is_given() {
        let held = Disposal {
            hold: Some("FOI request 2024/17 is open."),
            class: Class::Supporting,
            disposed: false,
        };
        assert_eq!(
            held.refusal().as_deref(),
            Some("It is on hold: FOI request 2024/17 is open. Release the hold first.")
        );
        let blank = Disposal {
            hold: Some("  "),
            ..held
        };
        assert_eq!(
            blank.refusal().as_deref(),
            Some("It is on hold. Release the hold first.")
        );
    }

    #[test]
    fn a_permanent_file_cannot_be_disposed_of_until_its_class_changes() {
        let permanent = Disposal {
            hold: None,
            class: Class::Permanent,
            disposed: false,
        };
        assert_eq!(
            permanent.refusal().as_deref(),
            Some("It is kept permanently: change its retention class first.")
        );
        let supporting = Disposal {
            class: Class::Supporting,
            ..permanent
        };
        assert_eq!(supporting.refusal(), None);
    }

    #[test]
    fn a_disposed_file_cannot_be_disposed_of_again() {
        let disposed = Disposal {
            hold: Some("litigation"),
            class: Class::Permanent,
            disposed: true,
        };
        assert_eq!(
            disposed.refusal().as_deref(),
            Some("It has already been disposed of.")
        );
    }

    #[test]
    fn a_file_is_due_from_its_review_date_until_it_is_disposed_of() {
        let review = Some(date(2029, 3, 31));
        assert!(!due(review, false, date(2029, 3, 30)));
        assert!(due(review, false, date(2029, 3, 31)));
        assert!(due(review, false, date(2031, 1, 1)));
        assert!(!due(review, true, date(2031, 1, 1)));
        assert!(!due(None, false, date(2031, 1, 1)));
    }
}
