//! The two forms of one report's response clock: recording an extension granted (a new last
//! day, who granted it, when and why) and recording the response as sent (when, to whom).

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, optional, past_date, read_date, required};
use crate::domain::clocks::{NewExtension, NewSent};

/// The report and rule a clock's form is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockOf {
    pub inspection_id: i64,
    pub rule_id: i64,
}

/// What was typed into "Record an extension".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ExtensionForm {
    pub new_last_day_day: String,
    pub new_last_day_month: String,
    pub new_last_day_year: String,
    pub requested_on_day: String,
    pub requested_on_month: String,
    pub requested_on_year: String,
    pub granted_on_day: String,
    pub granted_on_month: String,
    pub granted_on_year: String,
    pub granted_by: String,
    pub reason: String,
}

fn parts(day: &str, month: &str, year: &str) -> DateParts {
    DateParts {
        day: day.into(),
        month: month.into(),
        year: year.into(),
    }
}

impl ExtensionForm {
    pub fn new_last_day(&self) -> DateParts {
        parts(
            &self.new_last_day_day,
            &self.new_last_day_month,
            &self.new_last_day_year,
        )
    }

    pub fn requested_on(&self) -> DateParts {
        parts(
            &self.requested_on_day,
            &self.requested_on_month,
            &self.requested_on_year,
        )
    }

    pub fn granted_on(&self) -> DateParts {
        parts(
            &self.granted_on_day,
            &self.granted_on_month,
            &self.granted_on_year,
        )
    }

    /// The extension, or what to fix. Whether the rule allows one and the new last day is
    /// later than the current one is the record's to say (it knows the clock as it stands).
    pub fn parse(&self, clock: ClockOf, today: NaiveDate) -> Result<NewExtension, FieldErrors> {
        let mut errors = FieldErrors::default();
        let new_last_day = super::date(
            &mut errors,
            "new_last_day",
            "the new last day",
            &self.new_last_day(),
        );
        let r = self.requested_on();
        let requested_on = read_date(&mut errors, "requested_on", &r.day, &r.month, &r.year);
        if requested_on.is_some_and(|d| d > today) {
            errors.add(
                "requested_on",
                "The request date must be today or in the past",
            );
        }
        let granted_on = past_date(
            &mut errors,
            "granted_on",
            "the date the extension was granted",
            &self.granted_on(),
            today,
        );
        let granted_by = required(
            &mut errors,
            "granted_by",
            "who granted the extension",
            &self.granted_by,
            200,
        );
        let reason = required(
            &mut errors,
            "reason",
            "the reason for the extension",
            &self.reason,
            2000,
        );
        match (new_last_day, granted_on) {
            (Some(new_last_day), Some(granted_on)) if errors.is_empty() => Ok(NewExtension {
                inspection_id: clock.inspection_id,
                rule_id: clock.rule_id,
                new_last_day,
                requested_on,
                granted_on,
                granted_by,
                reason,
            }),
            _ => Err(errors),
        }
    }
}

/// What was typed into "Record the response as sent".
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SentForm {
    pub sent_on_day: String,
    pub sent_on_month: String,
    pub sent_on_year: String,
    pub sent_to: String,
    pub note: String,
}

impl SentForm {
    /// A blank form, addressed to whom the rule says the response is owed.
    pub fn to(owed_to: &str) -> Self {
        Self {
            sent_to: owed_to.into(),
            ..Self::default()
        }
    }

    pub fn sent_on(&self) -> DateParts {
        parts(&self.sent_on_day, &self.sent_on_month, &self.sent_on_year)
    }

    /// The sending, or what to fix.
    pub fn parse(&self, clock: ClockOf, today: NaiveDate) -> Result<NewSent, FieldErrors> {
        let mut errors = FieldErrors::default();
        let sent_on = past_date(
            &mut errors,
            "sent_on",
            "the date the response was sent",
            &self.sent_on(),
            today,
        );
        let sent_to = required(
            &mut errors,
            "sent_to",
            "who the response was sent to",
            &self.sent_to,
            300,
        );
        let note = optional(&mut errors, "note", &self.note, 2000);
        match sent_on {
            Some(sent_on) if errors.is_empty() => Ok(NewSent {
                inspection_id: clock.inspection_id,
                rule_id: clock.rule_id,
                sent_on,
                sent_to,
                note,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOCK: ClockOf = ClockOf {
        inspection_id: 7,
        rule_id: 4,
    };

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn extension() -> ExtensionForm {
        ExtensionForm {
            new_last_day_day: "30".into(),
            new_last_day_month: "4".into(),
            new_last_day_year: "2024".into(),
            granted_on_day: "20".into(),
            granted_on_month: "3".into(),
            granted_on_year: "2024".into(),
            granted_by: " HM Senior Coroner ".into(),
            reason: "The force asked for time to consult the county council".into(),
            ..ExtensionForm::default()
        }
    }

    #[test]
    fn an_extension_with_its_dates_and_reasons_is_read_and_the_request_date_may_be_blank() {
        let new = extension().parse(CLOCK, d("2024-03-25")).expect("valid");
        assert_eq!(new.inspection_id, 7);
        assert_eq!(new.rule_id, 4);
        assert_eq!(new.new_last_day, d("2024-04-30"));
        assert_eq!(new.granted_on, d("2024-03-20"));
        assert_eq!(new.requested_on, None);
        assert_eq!(new.granted_by, "HM Senior Coroner");
    }

    #[test]
    fn an_extension_without_a_new_day_grantor_or_reason_is_refused_field_by_field() {
        let errors = ExtensionForm::default()
            .parse(CLOCK, d("2024-03-25"))
            .expect_err("invalid");
        for field in ["new_last_day", "granted_on", "granted_by", "reason"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        assert_eq!(errors.get("requested_on"), None);
    }

    #[test]
    fn an_extension_granted_or_requested_in_the_future_or_on_31_february_is_refused() {
        let mut form = extension();
        form.requested_on_day = "26".into();
        form.requested_on_month = "3".into();
        form.requested_on_year = "2024".into();
        let errors = form.parse(CLOCK, d("2024-03-19")).expect_err("invalid");
        assert!(errors.get("granted_on").is_some(), "{errors:?}");
        assert!(errors.get("requested_on").is_some(), "{errors:?}");
        let mut form = extension();
        form.new_last_day_day = "31".into();
        form.new_last_day_month = "2".into();
        let errors = form.parse(CLOCK, d("2024-03-25")).expect_err("invalid");
        assert!(errors.get("new_last_day").is_some(), "{errors:?}");
    }

    #[test]
    fn a_response_sent_is_read_with_an_optional_note() {
        let form = SentForm {
            sent_on_day: "27".into(),
            sent_on_month: "3".into(),
            sent_on_year: "2024".into(),
            note: "  ".into(),
            ..SentForm::to("The coroner")
        };
        let new = form.parse(CLOCK, d("2024-04-01")).expect("valid");
        assert_eq!(new.sent_on, d("2024-03-27"));
        assert_eq!(new.sent_to, "The coroner");
        assert_eq!(new.note, None);
    }

    #[test]
    fn a_response_sent_tomorrow_or_to_no_one_is_refused() {
        let form = SentForm {
            sent_on_day: "2".into(),
            sent_on_month: "4".into(),
            sent_on_year: "2024".into(),
            ..SentForm::default()
        };
        let errors = form.parse(CLOCK, d("2024-04-01")).expect_err("invalid");
        assert!(errors.get("sent_on").is_some(), "{errors:?}");
        assert!(errors.get("sent_to").is_some(), "{errors:?}");
    }
}
