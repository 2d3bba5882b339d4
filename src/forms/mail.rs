//! The forms of mail: opening an update-request round, a person's mail preferences, and a
//! member of the public asking for email updates.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors};
use crate::db::mail::Preferences;
use crate::domain::accounts::parse_email;
use crate::domain::inputs::required_text;
use crate::domain::mail::default_remind_on;
use crate::domain::rounds::{NewRound, Pick};
use crate::domain::vocab::SubscriptionScope;

/// What was typed into the form that opens a round.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RoundForm {
    pub title: String,
    pub meeting_id: String,
    pub body_id: String,
    pub inspection_id: String,
    pub owner_id: String,
    pub return_day: String,
    pub return_month: String,
    pub return_year: String,
    pub remind_day: String,
    pub remind_month: String,
    pub remind_year: String,
}

/// An optional choice from a select: empty is none; anything but a positive id is refused.
fn chosen(errors: &mut FieldErrors, field: &'static str, what: &str, value: &str) -> Option<i64> {
    match value.trim() {
        "" => None,
        v => match v.parse::<i64>() {
            Ok(id) if id > 0 => Some(id),
            _ => {
                errors.add(field, format!("Choose {what} from the list"));
                None
            }
        },
    }
}

impl RoundForm {
    pub fn return_by(&self) -> DateParts {
        DateParts {
            day: self.return_day.clone(),
            month: self.return_month.clone(),
            year: self.return_year.clone(),
        }
    }

    pub fn remind_on(&self) -> DateParts {
        DateParts {
            day: self.remind_day.clone(),
            month: self.remind_month.clone(),
            year: self.remind_year.clone(),
        }
    }

    /// The round, opened `today`, or what to fix. The return-by date is today or later; the
    /// reminder (three days before it when left empty) falls from today to the return-by date.
    pub fn parse(&self, today: NaiveDate) -> Result<NewRound, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = required_text(&self.title, 300)
            .map_err(|err| e.add("title", format!("Title: {err}")))
            .ok();
        let meeting_id = chosen(&mut e, "meeting_id", "the meeting", &self.meeting_id);
        let pick = Pick {
            body_id: chosen(&mut e, "body_id", "the body", &self.body_id),
            inspection_id: chosen(
                &mut e,
                "inspection_id",
                "the inspection",
                &self.inspection_id,
            ),
            owner_id: chosen(&mut e, "owner_id", "the owner", &self.owner_id),
        };
        let return_by = super::date(&mut e, "return", "the return-by date", &self.return_by());
        if return_by.is_some_and(|d| d < today) {
            e.add("return", "The return-by date must be today or later");
        }
        let r = self.remind_on();
        let remind_on = match crate::domain::inputs::parse_date_parts(&r.day, &r.month, &r.year) {
            Ok(d) => d,
            Err(err) => {
                e.add("remind", format!("Reminder date: {err}"));
                None
            }
        };
        if let (Some(remind), Some(by)) = (remind_on, return_by)
            && (remind < today || remind > by)
        {
            e.add(
                "remind",
                "The reminder date must be from today to the return-by date",
            );
        }
        match (title, return_by) {
            (Some(title), Some(return_by)) if e.is_empty() => Ok(NewRound {
                title,
                meeting_id,
                return_by,
                remind_on: remind_on.unwrap_or_else(|| default_remind_on(today, return_by)),
                pick,
            }),
            _ => Err(e),
        }
    }
}

/// What was ticked on the mail preferences form (a box left unticked is not sent at all).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PreferencesForm {
    pub due_soon: Option<String>,
    pub overdue: Option<String>,
    pub stale: Option<String>,
    pub digest: Option<String>,
}

impl PreferencesForm {
    pub fn parse(&self) -> Preferences {
        Preferences {
            due_soon: self.due_soon.is_some(),
            overdue: self.overdue.is_some(),
            stale: self.stale.is_some(),
            digest: self.digest.is_some(),
        }
    }
}

/// What a member of the public typed to ask for email updates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SubscribeForm {
    pub email: String,
    pub scope: String,
    pub id: String,
}

impl SubscribeForm {
    /// The address and what it follows, or what to fix.
    pub fn parse(&self) -> Result<(String, SubscriptionScope, Option<i64>), FieldErrors> {
        let mut e = FieldErrors::default();
        let email = parse_email(&self.email)
            .map_err(|_| e.add("email", "Enter your email address, like name@example.com"))
            .ok();
        let scope = SubscriptionScope::parse(self.scope.trim()).unwrap_or(SubscriptionScope::Site);
        let id = match scope {
            SubscriptionScope::Site => None,
            _ => chosen(&mut e, "id", "what to follow", &self.id),
        };
        if scope != SubscriptionScope::Site && id.is_none() && e.get("id").is_none() {
            e.add("id", "Choose what to follow");
        }
        match email {
            Some(email) if e.is_empty() => Ok((email, scope, id)),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn round(day: &str, remind: &str) -> RoundForm {
        let (rd, rm, ry) = match remind {
            "" => (String::new(), String::new(), String::new()),
            r => {
                let p: Vec<&str> = r.split('-').collect();
                (p[2].into(), p[1].into(), p[0].into())
            }
        };
        RoundForm {
            title: "For the accountability board on 12 March".into(),
            body_id: "2".into(),
            return_day: day.into(),
            return_month: "3".into(),
            return_year: "2026".into(),
            remind_day: rd,
            remind_month: rm,
            remind_year: ry,
            ..RoundForm::default()
        }
    }

    #[test]
    fn a_round_reminds_three_days_before_its_return_date_unless_told_otherwise() {
        let today = d("2026-03-01");
        let r = round("12", "").parse(today).unwrap();
        assert_eq!(r.return_by, d("2026-03-12"));
        assert_eq!(r.remind_on, d("2026-03-09"));
        assert_eq!(r.pick.body_id, Some(2));
        assert_eq!(r.pick.owner_id, None);
        let r = round("12", "2026-03-05").parse(today).unwrap();
        assert_eq!(r.remind_on, d("2026-03-05"));
    }

    #[test]
    fn a_round_cannot_be_due_in_the_past_or_remind_after_it_is_due() {
        let today = d("2026-03-13");
        let e = round("12", "").parse(today).unwrap_err();
        assert!(e.get("return").is_some());
        let e = round("12", "2026-03-14")
            .parse(d("2026-03-01"))
            .unwrap_err();
        assert!(e.get("remind").is_some());
        let e = round("12", "2026-02-27")
            .parse(d("2026-03-01"))
            .unwrap_err();
        assert!(e.get("remind").is_some());
        let e = RoundForm {
            body_id: "x".into(),
            ..round("12", "")
        }
        .parse(d("2026-03-01"));
        assert!(e.unwrap_err().get("body_id").is_some());
        let e = RoundForm {
            title: " ".into(),
            ..round("12", "")
        }
        .parse(d("2026-03-01"));
        assert!(e.unwrap_err().get("title").is_some());
    }

    #[test]
    fn unticked_preferences_are_off() {
        let p = PreferencesForm {
            digest: Some("on".into()),
            ..PreferencesForm::default()
        }
        .parse();
        assert_eq!(
            p,
            Preferences {
                due_soon: false,
                overdue: false,
                stale: false,
                digest: true
            }
        );
    }

    #[test]
    fn a_subscription_needs_an_address_and_what_it_follows() {
        let f = |email: &str, scope: &str, id: &str| SubscribeForm {
            email: email.into(),
            scope: scope.into(),
            id: id.into(),
        };
        assert_eq!(
            f(" a@example.org ", "body", "3").parse().unwrap(),
            ("a@example.org".into(), SubscriptionScope::Body, Some(3))
        );
        assert_eq!(
            f("a@example.org", "", "").parse().unwrap(),
            ("a@example.org".into(), SubscriptionScope::Site, None)
        );
        assert!(
            f("not an address", "site", "")
                .parse()
                .unwrap_err()
                .get("email")
                .is_some()
        );
        assert!(
            f("a@example.org", "inspection", "")
                .parse()
                .unwrap_err()
                .get("id")
                .is_some()
        );
        assert!(
            f("a@example.org", "inspection", "-1")
                .parse()
                .unwrap_err()
                .get("id")
                .is_some()
        );
    }
}

/// The account chosen to email about an action or a body ("" for none).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ContactForm {
    pub user_id: String,
}

impl ContactForm {
    pub fn parse(&self) -> Result<Option<i64>, FieldErrors> {
        let mut e = FieldErrors::default();
        let chosen = chosen(&mut e, "user_id", "an account", &self.user_id);
        match e.is_empty() {
            true => Ok(chosen),
            false => Err(e),
        }
    }
}
