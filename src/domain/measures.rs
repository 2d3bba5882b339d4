//! Performance measures: reading numbers typed into forms, judging the latest reading against
//! baseline and target, and the geometry of the small chart drawn on the measure page.

use chrono::NaiveDate;

use serde::Serialize;

use super::subject::Subject;
use super::vocab::{Better, Quantity};

/// A new performance measure on an action or a finding, as the record takes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewMeasure {
    pub subject: Subject,
    pub name: String,
    pub unit: String,
    pub quantity: Quantity,
    pub baseline: Option<f64>,
    /// When the baseline was taken: given whenever a baseline is.
    pub baseline_on: Option<NaiveDate>,
    pub target: Option<f64>,
    pub better: Better,
}

/// A dated reading of a measure (readings are append-only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewReading {
    pub measure_id: i64,
    pub taken_on: NaiveDate,
    pub value: f64,
    pub note: Option<String>,
}

/// Why a number was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("Enter a number")]
    Missing,
    #[error("Enter a number, like 185 or 62.5")]
    NotANumber,
}

/// An optional number: blank is `None`; commas as thousands separators are allowed.
pub fn parse_number(value: &str) -> Result<Option<f64>, NumberError> {
    let cleaned: String = value.trim().chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let ok = cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-'));
    match cleaned.parse::<f64>() {
        Ok(n) if ok && n.is_finite() && n.abs() < 1e15 => Ok(Some(n)),
        _ => Err(NumberError::NotANumber),
    }
}

/// Why a number is not one the measure can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum QuantityError {
    #[error("A count cannot be below zero")]
    NegativeCount,
    #[error("A count is a whole number, like 185")]
    FractionalCount,
    #[error("A percentage is between 0 and 100")]
    PercentageOutOfRange,
}

/// Whether `value` is a number a measure of `quantity` can hold.
pub fn fits(quantity: Quantity, value: f64) -> Result<(), QuantityError> {
    match quantity {
        Quantity::Count if value < 0.0 => Err(QuantityError::NegativeCount),
        Quantity::Count if value.fract() != 0.0 => Err(QuantityError::FractionalCount),
        Quantity::Percentage if !(0.0..=100.0).contains(&value) => {
            Err(QuantityError::PercentageOutOfRange)
        }
        _ => Ok(()),
    }
}

/// A number that must be given.
pub fn required_number(value: &str) -> Result<f64, NumberError> {
    parse_number(value)?.ok_or(NumberError::Missing)
}

/// Where the latest reading stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    NoReadings,
    /// The target is reached (or passed in the better direction).
    TargetMet,
    /// Better than the baseline, target not yet reached.
    Improving,
    /// Worse than the baseline.
    Worsening,
    /// Neither better nor worse than the baseline, or there is nothing to compare with.
    NoChange,
}

impl Standing {
    pub fn label(self) -> &'static str {
        match self {
            Self::NoReadings => "No readings yet",
            Self::TargetMet => "Target met",
            Self::Improving => "Better than baseline",
            Self::Worsening => "Worse than baseline",
            Self::NoChange => "No change from baseline",
        }
    }
}

fn better_than(better: Better, a: f64, b: f64) -> bool {
    match better {
        Better::Higher => a > b,
        Better::Lower => a < b,
    }
}

/// How the latest reading compares with the target and the baseline.
pub fn standing(
    better: Better,
    baseline: Option<f64>,
    target: Option<f64>,
    latest: Option<f64>,
) -> Standing {
    let Some(latest) = latest else {
        return Standing::NoReadings;
    };
    if target.is_some_and(|t| latest == t || better_than(better, latest, t)) {
        return Standing::TargetMet;
    }
    match baseline {
        Some(b) if better_than(better, latest, b) => Standing::Improving,
        Some(b) if better_than(better, b, latest) => Standing::Worsening,
        _ => Standing::NoChange,
    }
}

/// Points of a line chart in a `width` × `height` box: readings by date across, values up
/// (with room for the target line), plus the target's height if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartGeometry {
    pub points: Vec<(f64, f64)>,
    pub target_y: Option<f64>,
}

pub fn chart(
    readings: &[(NaiveDate, f64)],
    target: Option<f64>,
    width: f64,
    height: f64,
) -> ChartGeometry {
    let values = readings.iter().map(|(_, v)| *v).chain(target);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if lo.is_finite() {
        (lo.min(0.0), hi)
    } else {
        (0.0, 1.0)
    };
    let span = if hi > lo { hi - lo } else { 1.0 };
    let y = |v: f64| height - (v - lo) / span * height;
    let first = readings.first().map(|(d, _)| *d);
    let days = match (first, readings.last()) {
        (Some(a), Some((b, _))) => (*b - a).num_days().max(1) as f64,
        _ => 1.0,
    };
    let points = readings
        .iter()
        .map(|(d, v)| {
            let x = first.map_or(0.0, |f| (*d - f).num_days() as f64 / days * width);
            (round(x), round(y(*v)))
        })
        .collect();
    ChartGeometry {
        points,
        target_y: target.map(|t| round(y(t))),
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_is_whole_and_never_below_zero() {
        assert_eq!(fits(Quantity::Count, 0.0), Ok(()));
        assert_eq!(fits(Quantity::Count, 185.0), Ok(()));
        assert_eq!(
            fits(Quantity::Count, -1.0),
            Err(QuantityError::NegativeCount)
        );
        assert_eq!(
            fits(Quantity::Count, 12.5),
            Err(QuantityError::FractionalCount)
        );
        assert_eq!(
            fits(Quantity::Count, -0.5),
            Err(QuantityError::NegativeCount)
        );
    }

    #[test]
    fn a_percentage_is_from_0_to_100_inclusive() {
        for ok in [0.0, 62.5, 100.0] {
            assert_eq!(fits(Quantity::Percentage, ok), Ok(()), "{ok}");
        }
        for bad in [-0.1, 100.1, 250.0] {
            assert_eq!(
                fits(Quantity::Percentage, bad),
                Err(QuantityError::PercentageOutOfRange),
                "{bad}"
            );
        }
    }

    #[test]
    fn another_number_may_be_anything_negative_or_fractional() {
        for any in [-40.0, 0.25, 1e9] {
            assert_eq!(fits(Quantity::Other, any), Ok(()), "{any}");
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_may_be_blank_or_have_thousands_commas() {
        assert_eq!(parse_number(" "), Ok(None));
        assert_eq!(parse_number("1,250"), Ok(Some(1250.0)));
        assert_eq!(parse_number("-2.5"), Ok(Some(-2.5)));
        assert_eq!(parse_number("12 visits"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("inf"), Err(NumberError::NotANumber));
        assert_eq!(parse_number("NaN"), Err(NumberError::NotANumber));
        assert_eq!(required_number(""), Err(NumberError::Missing));
    }

    #[test]
    fn lower_is_better_overdue_visits_217_then_185_with_target_50_is_improving() {
        let s = standing(Better::Lower, Some(217.0), Some(50.0), Some(185.0));
        assert_eq!(s, Standing::Improving);
        assert_eq!(
            standing(Better::Lower, Some(217.0), Some(50.0), Some(273.0)),
            Standing::Worsening
        );
        assert_eq!(
            standing(Better::Lower, Some(217.0), Some(50.0), Some(50.0)),
            Standing::TargetMet
        );
    }

    #[test]
    fn higher_is_better_passes_the_target_from_below() {
        assert_eq!(
            standing(Better::Higher, Some(62.0), Some(95.0), Some(96.0)),
            Standing::TargetMet
        );
        assert_eq!(
            standing(Better::Higher, Some(62.0), Some(95.0), Some(90.0)),
            Standing::Improving
        );
        assert_eq!(
            standing(Better::Higher, None, None, Some(90.0)),
            Standing::NoChange
        );
        assert_eq!(
            standing(Better::Higher, None, None, None),
            Standing::NoReadings
        );
    }

    #[test]
    fn the_chart_spans_the_box_from_the_first_to_the_last_reading() {
        let g = chart(
            &[(d("2022-01-01"), 200.0), (d("2022-01-11"), 100.0)],
            Some(0.0),
            100.0,
            50.0,
        );
        assert_eq!(g.points, vec![(0.0, 0.0), (100.0, 25.0)]);
        assert_eq!(g.target_y, Some(50.0));
    }

    #[test]
    fn a_chart_of_one_or_no_readings_does_not_divide_by_zero() {
        let g = chart(&[(d("2022-01-01"), 5.0)], None, 100.0, 50.0);
        assert_eq!(g.points, vec![(0.0, 0.0)]);
        assert_eq!(chart(&[], None, 100.0, 50.0).points, vec![]);
    }
}
