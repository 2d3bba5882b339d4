//! The response rule form: who owes a response to whom, the event that starts the clock, its
//! length and counting, and what must be published where – an office's own rule, or an
//! editable seeded one.

use serde::Deserialize;

use super::{FieldErrors, choice, required};
use crate::domain::clocks::{NewRule, Rule};
use crate::domain::vocab::{BodyKind, ClockStart, Counting, Source};

/// The body kind choice that names none: the rule applies to reports about any body.
pub const ANY_BODY: &str = "any";

/// The longest clock the office may set, in days (about ten years).
pub const MAX_DAYS: i64 = 3650;

/// What was typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    pub source: String,
    pub body_kind: String,
    /// "yes" when ticked.
    pub needs_cause_of_concern: String,
    pub name: String,
    pub owed_by: String,
    pub owed_to: String,
    pub starts_on: String,
    pub length_days: String,
    pub counting: String,
    pub publish: String,
    pub version: String,
}

impl RuleForm {
    /// A blank form for a new rule: any body, counted from the day after the report is sent
    /// (as most non-statutory clocks are).
    pub fn blank() -> Self {
        Self {
            body_kind: ANY_BODY.into(),
            starts_on: ClockStart::Sent.as_str().into(),
            counting: Counting::After.as_str().into(),
            ..Self::default()
        }
    }

    /// The form prefilled from a saved rule, for editing.
    pub fn from_rule(r: &Rule) -> Self {
        Self {
            source: r.source.as_str().into(),
            body_kind: r.body_kind.map_or(ANY_BODY, |k| k.as_str()).into(),
            needs_cause_of_concern: if r.needs_cause_of_concern { "yes" } else { "" }.into(),
            name: r.name.clone(),
            owed_by: r.owed_by.clone(),
            owed_to: r.owed_to.clone(),
            starts_on: r.starts_on.as_str().into(),
            length_days: r.length_days.to_string(),
            counting: r.counting.as_str().into(),
            publish: r.publish.clone(),
            version: r.version.to_string(),
        }
    }

    pub fn version(&self) -> i64 {
        super::version(&self.version)
    }

    /// The rule, or what to fix.
    pub fn parse(&self) -> Result<NewRule, FieldErrors> {
        let mut errors = FieldErrors::default();
        let source = choice(
            &mut errors,
            "source",
            "Choose the source",
            Source::parse(self.source.trim()),
        );
        let body_kind = match self.body_kind.trim() {
            "" | ANY_BODY => Some(None),
            kind => choice(
                &mut errors,
                "body_kind",
                "Choose the kind of body, or any",
                BodyKind::parse(kind).map(Some),
            ),
        };
        let needs_cause_of_concern = match self.needs_cause_of_concern.trim() {
            "" => false,
            "yes" => true,
            _ => {
                errors.add("needs_cause_of_concern", "Tick the box or leave it clear");
                false
            }
        };
        let name = required(&mut errors, "name", "the rule's name", &self.name, 200);
        let owed_by = required(
            &mut errors,
            "owed_by",
            "who owes the response",
            &self.owed_by,
            200,
        );
        let owed_to = required(
            &mut errors,
            "owed_to",
            "who the response is owed to",
            &self.owed_to,
            300,
        );
        let starts_on = choice(
            &mut errors,
            "starts_on",
            "Choose the event that starts the clock",
            ClockStart::parse(self.starts_on.trim()),
        );
        let length_days = match self.length_days.trim().parse::<i64>() {
            Ok(days) if (1..=MAX_DAYS).contains(&days) => Some(days),
            _ => {
                errors.add(
                    "length_days",
                    format!("Enter the length as a whole number of days from 1 to {MAX_DAYS}"),
                );
                None
            }
        };
        let counting = choice(
            &mut errors,
            "counting",
            "Choose how the days are counted",
            Counting::parse(self.counting.trim()),
        );
        let publish = super::optional(&mut errors, "publish", &self.publish, 1000);
        match (source, body_kind, starts_on, length_days, counting) {
            (Some(source), Some(body_kind), Some(starts_on), Some(length_days), Some(counting))
                if errors.is_empty() =>
            {
                Ok(NewRule {
                    source,
                    body_kind,
                    needs_cause_of_concern,
                    name,
                    owed_by,
                    owed_to,
                    starts_on,
                    length_days,
                    counting,
                    publish: publish.unwrap_or_default(),
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panel_rule() -> RuleForm {
        RuleForm {
            source: "other".into(),
            name: "Police and crime panel recommendation".into(),
            owed_by: "The Commissioner".into(),
            owed_to: "The police and crime panel".into(),
            length_days: " 30 ".into(),
            publish: "The Commissioner's response, on the panel's agenda".into(),
            ..RuleForm::blank()
        }
    }

    #[test]
    fn an_office_rule_for_any_body_is_read_with_its_length_and_counting() {
        let new = panel_rule().parse().expect("valid");
        assert_eq!(new.source, Source::Other);
        assert_eq!(new.body_kind, None);
        assert!(!new.needs_cause_of_concern);
        assert_eq!(new.length_days, 30);
        assert_eq!(new.starts_on, ClockStart::Sent);
        assert_eq!(new.counting, Counting::After);
        assert_eq!(new.name, "Police and crime panel recommendation");
    }

    #[test]
    fn a_rule_may_name_a_kind_of_body_and_ask_for_a_cause_of_concern() {
        let form = RuleForm {
            source: "hmicfrs".into(),
            body_kind: "fire_and_rescue_service".into(),
            needs_cause_of_concern: "yes".into(),
            publish: String::new(),
            ..panel_rule()
        };
        let new = form.parse().expect("valid");
        assert_eq!(new.body_kind, Some(BodyKind::FireAndRescueService));
        assert!(new.needs_cause_of_concern);
        assert_eq!(new.publish, "", "what is published may be left blank");
    }

    #[test]
    fn a_length_outside_1_to_3650_days_or_not_a_number_is_refused() {
        for typed in ["0", "3651", "four weeks", "", "28.5"] {
            let form = RuleForm {
                length_days: typed.into(),
                ..panel_rule()
            };
            let errors = form.parse().expect_err(typed);
            assert!(errors.get("length_days").is_some(), "{typed}: {errors:?}");
        }
        for typed in ["1", "3650"] {
            let form = RuleForm {
                length_days: typed.into(),
                ..panel_rule()
            };
            assert!(form.parse().is_ok(), "{typed}");
        }
    }

    #[test]
    fn an_empty_form_names_every_field_to_fix() {
        let errors = RuleForm::default().parse().expect_err("invalid");
        for field in [
            "source",
            "name",
            "owed_by",
            "owed_to",
            "starts_on",
            "length_days",
            "counting",
        ] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
        assert_eq!(errors.get("body_kind"), None, "blank means any body");
    }

    #[test]
    fn an_unknown_source_kind_or_counting_is_refused() {
        let form = RuleForm {
            source: "tabloid".into(),
            body_kind: "army".into(),
            counting: "fortnights".into(),
            ..panel_rule()
        };
        let errors = form.parse().expect_err("invalid");
        for field in ["source", "body_kind", "counting"] {
            assert!(errors.get(field).is_some(), "{field}: {errors:?}");
        }
    }

    #[test]
    fn a_saved_rule_fills_the_form_and_reads_back_the_same() {
        let rule = Rule {
            id: 5,
            key: Some("iopc_learning".into()),
            source: Source::Iopc,
            body_kind: Some(BodyKind::PoliceForce),
            needs_cause_of_concern: false,
            name: "Response to an IOPC learning recommendation".into(),
            owed_by: "The Chief Constable".into(),
            owed_to: "The IOPC".into(),
            starts_on: ClockStart::Sent,
            length_days: 56,
            counting: Counting::After,
            publish: "Published by the IOPC".into(),
            editable: true,
            version: 3,
        };
        let form = RuleForm::from_rule(&rule);
        assert_eq!(form.version(), 3);
        let new = form.parse().expect("valid");
        assert_eq!(new.body_kind, Some(BodyKind::PoliceForce));
        assert_eq!(new.length_days, 56);
        assert_eq!(new.publish, rule.publish);
    }
}
