//! The performance measure form and the reading form: what was typed, and the measure or
//! reading it makes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, choice, optional, past_date, required};
use crate::domain::measures::{NewMeasure, NewReading, parse_number, required_number};
use crate::domain::subject::Subject;
use crate::domain::vocab::Better;

/// What was typed into the new-measure form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeasureForm {
    pub name: String,
    pub unit: String,
    pub baseline: String,
    pub target: String,
    pub better: String,
}

/// An optional number, or a message on `field`.
fn number(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<f64> {
    parse_number(value).unwrap_or_else(|e| {
        errors.add(field, e.to_string());
        None
    })
}

impl MeasureForm {
    /// The measure this form puts on `subject`, or what to fix.
    pub fn parse(&self, subject: Subject) -> Result<NewMeasure, FieldErrors> {
        let mut e = FieldErrors::default();
        let name = required(&mut e, "name", "a name", &self.name, 200);
        let unit = optional(&mut e, "unit", &self.unit, 40).unwrap_or_default();
        let baseline = number(&mut e, "baseline", &self.baseline);
        let target = number(&mut e, "target", &self.target);
        let better = choice(
            &mut e,
            "better",
            "Select which direction is better",
            Better::parse(&self.better),
        );
        match better {
            Some(better) if e.is_empty() => Ok(NewMeasure {
                subject,
                name,
                unit,
                baseline,
                target,
                better,
            }),
            _ => Err(e),
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

    /// The reading of measure `measure_id` this form makes, taken no later than `today`.
    pub fn parse(&self, measure_id: i64, today: NaiveDate) -> Result<NewReading, FieldErrors> {
        let mut e = FieldErrors::default();
        let taken_on = past_date(
            &mut e,
            "taken_on",
            "the date of the reading",
            &self.taken_on(),
            today,
        );
        let value = required_number(&self.value)
            .map_err(|err| e.add("value", err.to_string()))
            .ok();
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
            target: target.into(),
            better: better.into(),
        }
    }

    #[test]
    fn a_complete_measure_form_makes_a_measure_on_its_subject() {
        let new = measure("1,200", "50.5", "higher")
            .parse(Subject::Finding(4))
            .expect("valid");
        assert_eq!(new.subject, Subject::Finding(4));
        assert_eq!(new.name, "Home visits");
        assert_eq!(new.unit, "visits");
        assert_eq!(new.baseline, Some(1200.0));
        assert_eq!(new.target, Some(50.5));
        assert_eq!(new.better, Better::Higher);
    }

    #[test]
    fn blank_baseline_and_target_are_left_unset() {
        let new = measure(" ", "", "lower")
            .parse(Subject::Action(2))
            .expect("valid");
        assert_eq!((new.baseline, new.target), (None, None));
        assert_eq!(new.better, Better::Lower);
    }

    #[test]
    fn a_measure_without_a_name_numbers_or_direction_gets_a_message_for_each() {
        let mut form = measure("lots", "12x", "sideways");
        form.name = " ".into();
        let errors = form.parse(Subject::Action(2)).expect_err("invalid");
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
        let new = reading("30", "185").parse(7, today()).expect("valid");
        assert_eq!(new.measure_id, 7);
        assert_eq!(new.taken_on, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(new.value, 185.0);
        assert_eq!(new.note.as_deref(), Some("from the force"));
    }

    #[test]
    fn a_reading_needs_a_value_and_a_date_not_in_the_future() {
        let mut form = reading("2", " ");
        form.taken_on_month = "12".into();
        let errors = form.parse(7, today()).expect_err("invalid");
        assert_eq!(errors.get("value"), Some("Enter a number"));
        assert_eq!(
            errors.get("taken_on"),
            Some("Date must be today or in the past")
        );
    }
}
