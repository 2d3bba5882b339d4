//! The performance measure form and the reading form: what was typed, and the measure or
//! reading it makes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, choice, optional, past_date, required};
use crate::domain::measures::{NewMeasure, NewReading, fits, parse_number, required_number};
use crate::domain::subject::Subject;
use crate::domain::vocab::{Better, Quantity};

/// What was typed into the new-measure form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeasureForm {
    pub name: String,
    pub unit: String,
    pub quantity: String,
    pub baseline: String,
    pub baseline_on_day: String,
    pub baseline_on_month: String,
    pub baseline_on_year: String,
    pub target: String,
    pub better: String,
}

/// An optional number that a measure of `quantity` can hold, or a message on `field`.
fn number(
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    quantity: Option<Quantity>,
) -> Option<f64> {
    let n = parse_number(value).unwrap_or_else(|e| {
        errors.add(field, e.to_string());
        None
    })?;
    match quantity.map(|q| fits(q, n)) {
        Some(Err(e)) => {
            errors.add(field, e.to_string());
            None
        }
        _ => Some(n),
    }
}

impl MeasureForm {
    pub fn baseline_on(&self) -> DateParts {
        DateParts {
            day: self.baseline_on_day.clone(),
            month: self.baseline_on_month.clone(),
            year: self.baseline_on_year.clone(),
        }
    }

    /// The measure this form puts on `subject`, or what to fix. Left blank, what it counts
    /// is "another number"; a baseline needs the date it was taken, not after `today`.
    pub fn parse(&self, subject: Subject, today: NaiveDate) -> Result<NewMeasure, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = required(&mut e, "name", "a name", &self.name, 200);
        let unit = optional(&mut e, "unit", &self.unit, 40).unwrap_or_default();
        let quantity = match self.quantity.trim() {
            "" => Some(Quantity::Other),
            typed => choice(
                &mut e,
                "quantity",
                "Select what the measure counts",
                Quantity::parse(typed),
            ),
        };
        let baseline = number(&mut e, "baseline", &self.baseline, quantity);
        let baseline_on = self.baseline_date(&mut e, baseline.is_some(), today);
        let target = number(&mut e, "target", &self.target, quantity);
        let better = choice(
            &mut e,
            "better",
            "Select which direction is better",
            Better::parse(&self.better),
        );
        match (quantity, better) {
            (Some(quantity), Some(better)) if e.is_empty() => Ok(NewMeasure {
                subject,
                name,
                unit,
                quantity,
                baseline,
                baseline_on,
                target,
                better,
            }),
            _ => Err(e),
        }
    }

    /// The baseline's date: needed with a baseline, refused without one.
    fn baseline_date(
        &self,
        e: &mut FieldErrors,
        has_baseline: bool,
        today: NaiveDate,
    ) -> Option<NaiveDate> {
        let parts = self.baseline_on();
        let blank = [&parts.day, &parts.month, &parts.year]
            .iter()
            .all(|p| p.trim().is_empty());
        match (has_baseline, blank) {
            (_, false) if self.baseline.trim().is_empty() => {
                e.add("baseline_on", "Enter the baseline, or leave its date blank");
                None
            }
            (true, _) => past_date(
                e,
                "baseline_on",
                "the date the baseline was taken",
                &parts,
                today,
            ),
            _ => None,
        }
    }
}

/// What was typed into the reading form on a measure's page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReadingForm {
    pub taken_on_day: String,
    pub taken_on_month: String,
    pub taken_on_year: String,
    pub value: String,
    pub note: String,
}

impl ReadingForm {
    pub fn taken_on(&self) -> DateParts {
        DateParts {
            day: self.taken_on_day.clone(),
            month: self.taken_on_month.clone(),
            year: self.taken_on_year.clone(),
        }
    }

    /// The reading of measure `measure_id` (of `quantity`) this form makes, taken no later
    /// than `today`.
    pub fn parse(
        &self,
        measure_id: i64,
        quantity: Quantity,
        today: NaiveDate,
    ) -> Result<NewReading, FieldErrors> {
        let mut e = FieldErrors::default();
        let taken_on = past_date(
            &mut e,
            "taken_on",
            "the date of the reading",
            &self.taken_on(),
            today,
        );
        let value = match required_number(&self.value).map(|v| (v, fits(quantity, v))) {
            Ok((v, Ok(()))) => Some(v),
            Ok((_, Err(err))) => {
                e.add("value", err.to_string());
                None
            }
            Err(err) => {
                e.add("value", err.to_string());
                None
            }
        };
        let note = optional(&mut e, "note", &self.note, 2_000);
        match (taken_on, value) {
            (Some(taken_on), Some(value)) if e.is_empty() => Ok(NewReading {
                measure_id,
                taken_on,
                value,
                note,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn measure(baseline: &str, target: &str, better: &str) -> MeasureForm {
        MeasureForm {
            name: "  Home visits  ".into(),
            unit: "visits".into(),
            baseline: baseline.into(),
            baseline_on_day: "1".into(),
            baseline_on_month: "4".into(),
            baseline_on_year: "2022".into(),
            target: target.into(),
            better: better.into(),
            ..MeasureForm::default()
        }
    }

    #[test]
    fn a_complete_measure_form_makes_a_measure_on_its_subject() {
        let new = measure("1,200", "50.5", "higher")
            .parse(Subject::Finding(4), today())
            .expect("valid");
        assert_eq!(new.subject, Subject::Finding(4));
        assert_eq!(new.name, "Home visits");
        assert_eq!(new.unit, "visits");
        assert_eq!(new.baseline, Some(1200.0));
        assert_eq!(new.target, Some(50.5));
        assert_eq!(new.better, Better::Higher);
        assert_eq!(new.quantity, Quantity::Other, "left blank: another number");
        assert_eq!(new.baseline_on, NaiveDate::from_ymd_opt(2022, 4, 1));
    }

    #[test]
    fn a_count_refuses_a_negative_or_fractional_baseline_and_target() {
        let mut form = measure("-3", "2.5", "lower");
        form.quantity = "count".into();
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(errors.get("baseline"), Some("A count cannot be below zero"));
        assert_eq!(
            errors.get("target"),
            Some("A count is a whole number, like 185")
        );
        form.quantity = "percentage".into();
        form.baseline = "120".into();
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(
            errors.get("baseline"),
            Some("A percentage is between 0 and 100")
        );
        form.quantity = "other".into();
        assert_eq!(
            form.parse(Subject::Action(2), today()).map(|m| m.quantity),
            Ok(Quantity::Other)
        );
        form.quantity = "litres".into();
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(
            errors.get("quantity"),
            Some("Select what the measure counts")
        );
    }

    #[test]
    fn a_baseline_needs_its_date_and_a_date_needs_its_baseline() {
        let mut form = measure("217", "50", "lower");
        form.baseline_on_year = String::new();
        form.baseline_on_day = String::new();
        form.baseline_on_month = String::new();
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(
            errors.get("baseline_on"),
            Some("Enter the date the baseline was taken")
        );
        let mut form = measure(" ", "50", "lower");
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(
            errors.get("baseline_on"),
            Some("Enter the baseline, or leave its date blank")
        );
        form.baseline = "217".into();
        form.baseline_on_year = "2027".into();
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(
            errors.get("baseline_on"),
            Some("Date must be today or in the past")
        );
    }

    #[test]
    fn blank_baseline_and_target_are_left_unset() {
        let mut form = measure(" ", "", "lower");
        form.baseline_on_day = String::new();
        form.baseline_on_month = String::new();
        form.baseline_on_year = String::new();
        let new = form.parse(Subject::Action(2), today()).expect("valid");
        assert_eq!((new.baseline, new.target), (None, None));
        assert_eq!(new.better, Better::Lower);
    }

    #[test]
    fn a_measure_without_a_name_numbers_or_direction_gets_a_message_for_each() {
        let mut form = measure("lots", "12x", "sideways");
        form.name = " ".into();
        let errors = form
            .parse(Subject::Action(2), today())
            .expect_err("invalid");
        assert_eq!(errors.get("name"), Some("Enter a name"));
        assert_eq!(
            errors.get("baseline"),
            Some("Enter a number, like 185 or 62.5")
        );
        assert_eq!(
            errors.get("target"),
            Some("Enter a number, like 185 or 62.5")
        );
        assert_eq!(
            errors.get("better"),
            Some("Select which direction is better")
        );
    }

    fn reading(day: &str, value: &str) -> ReadingForm {
        ReadingForm {
            taken_on_day: day.into(),
            taken_on_month: "11".into(),
            taken_on_year: "2026".into(),
            value: value.into(),
            note: "  from the force  ".into(),
        }
    }

    #[test]
    fn a_complete_reading_form_makes_a_reading_of_the_measure() {
        let new = reading("30", "185")
            .parse(7, Quantity::Count, today())
            .expect("valid");
        assert_eq!(new.measure_id, 7);
        assert_eq!(new.taken_on, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(new.value, 185.0);
        assert_eq!(new.note.as_deref(), Some("from the force"));
    }

    #[test]
    fn a_reading_needs_a_value_and_a_date_not_in_the_future() {
        let mut form = reading("2", " ");
        form.taken_on_month = "12".into();
        let errors = form
            .parse(7, Quantity::Other, today())
            .expect_err("invalid");
        assert_eq!(errors.get("value"), Some("Enter a number"));
        assert_eq!(
            errors.get("taken_on"),
            Some("Date must be today or in the past")
        );
    }

    #[test]
    fn a_reading_of_a_count_is_whole_and_not_below_zero() {
        let errors = reading("30", "-4")
            .parse(7, Quantity::Count, today())
            .expect_err("invalid");
        assert_eq!(errors.get("value"), Some("A count cannot be below zero"));
        let errors = reading("30", "101")
            .parse(7, Quantity::Percentage, today())
            .expect_err("invalid");
        assert_eq!(
            errors.get("value"),
            Some("A percentage is between 0 and 100")
        );
        assert!(
            reading("30", "-4")
                .parse(7, Quantity::Other, today())
                .is_ok()
        );
    }
}
