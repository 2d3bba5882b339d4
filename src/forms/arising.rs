//! The action arising forms: adding one on a meeting, and tracking it to closure.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors};
use crate::db::arising::ArisingRow;
use crate::domain::inputs::{optional_text, parse_date_parts, required_text};
use crate::domain::meetings::{ArisingProgress, NewArising};
use crate::domain::subject::Subject;
use crate::domain::vocab::ArisingStatus;

/// What was typed into the action arising forms (add and progress).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ArisingForm {
    pub description: String,
    pub owner: String,
    pub due_day: String,
    pub due_month: String,
    pub due_year: String,
    pub link: String,
    pub status: String,
    pub response: String,
    pub closed_day: String,
    pub closed_month: String,
    pub closed_year: String,
    pub version: String,
}

type Common = (String, String, NaiveDate);

impl ArisingForm {
    pub fn due(&self) -> DateParts {
        DateParts {
            day: self.due_day.clone(),
            month: self.due_month.clone(),
            year: self.due_year.clone(),
        }
    }

    pub fn closed(&self) -> DateParts {
        DateParts {
            day: self.closed_day.clone(),
            month: self.closed_month.clone(),
            year: self.closed_year.clone(),
        }
    }

    /// The progress form prefilled from a saved action arising.
    pub fn from_row(x: &ArisingRow) -> Self {
        let due = DateParts::from_date(Some(x.due_on));
        let closed = DateParts::from_date(x.closed_on);
        Self {
            description: x.description.clone(),
            owner: x.owner.clone(),
            due_day: due.day,
            due_month: due.month,
            due_year: due.year,
            link: String::new(),
            status: x.status.as_str().into(),
            response: x.response.clone().unwrap_or_default(),
            closed_day: closed.day,
            closed_month: closed.month,
            closed_year: closed.year,
            version: x.version.to_string(),
        }
    }

    /// What was asked, of whom, by when: the part both forms share.
    fn common(&self, e: &mut FieldErrors) -> Option<Common> {
        let description = required_text(&self.description, 2000)
            .map_err(|err| e.add("description", format!("What was asked: {err}")))
            .ok();
        let owner = required_text(&self.owner, 200)
            .map_err(|err| e.add("owner", format!("Owner: {err}")))
            .ok();
        let due = match parse_date_parts(&self.due_day, &self.due_month, &self.due_year) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                e.add("due", "Enter the due date");
                None
            }
            Err(err) => {
                e.add("due", format!("Due date: {err}"));
                None
            }
        };
        Some((description?, owner?, due?))
    }

    /// A new action arising, about the finding or action chosen (if any), or what to fix.
    pub fn parse_new(&self) -> Result<NewArising, FieldErrors> {
        let mut e = FieldErrors::default();
        let common = self.common(&mut e);
        let subject = match self.link.trim() {
            "" => Some(None),
            link => link.parse::<Subject>().ok().map(Some),
        };
        if subject.is_none() {
            e.add("link", "Choose a finding or action from the list");
        }
        match (common, subject) {
            (Some((description, owner, due_on)), Some(subject)) if e.is_empty() => Ok(NewArising {
                subject,
                description,
                owner,
                due_on,
            }),
            _ => Err(e),
        }
    }

    /// Where the action arising has got to, or what to fix. A closed one needs a closure date
    /// (and only a closed one may have one); a response received needs the response.
    pub fn parse_progress(&self) -> Result<ArisingProgress, FieldErrors> {
        let mut e = FieldErrors::default();
        let common = self.common(&mut e);
        let status = ArisingStatus::parse(&self.status);
        if status.is_none() {
            e.add("status", "Choose a status");
        }
        let response = optional_text(&self.response, 20_000)
            .map_err(|err| e.add("response", format!("Response: {err}")))
            .ok();
        let c = self.closed();
        let closed = parse_date_parts(&c.day, &c.month, &c.year)
            .map_err(|err| e.add("closed", format!("Closure date: {err}")))
            .ok();
        match (status, closed) {
            (Some(ArisingStatus::Closed), Some(None)) => e.add(
                "closed",
                "Enter the closure date of a closed action arising",
            ),
            (Some(s), Some(Some(_))) if s != ArisingStatus::Closed => e.add(
                "closed",
                "Leave the closure date blank unless the action arising is closed",
            ),
            (Some(ArisingStatus::ResponseReceived | ArisingStatus::Closed), _)
                if matches!(response, Some(None)) =>
            {
                e.add("response", "Enter the response received")
            }
            _ => {}
        }
        match (common, status, response, closed) {
            (Some((description, owner, due_on)), Some(status), Some(response), Some(closed_on))
                if e.is_empty() =>
            {
                Ok(ArisingProgress {
                    description,
                    owner,
                    due_on,
                    status,
                    response,
                    closed_on,
                })
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(link: &str) -> ArisingForm {
        ArisingForm {
            description: " Share the workforce plan ".into(),
            owner: "Chief Constable".into(),
            due_day: "1".into(),
            due_month: "5".into(),
            due_year: "2026".into(),
            link: link.into(),
            ..ArisingForm::default()
        }
    }

    fn progress(status: &str, response: &str, closed_day: &str) -> ArisingForm {
        ArisingForm {
            status: status.into(),
            response: response.into(),
            closed_day: closed_day.into(),
            closed_month: if closed_day.is_empty() { "" } else { "3" }.into(),
            closed_year: if closed_day.is_empty() { "" } else { "2026" }.into(),
            ..typed("")
        }
    }

    #[test]
    fn a_new_action_arising_is_about_the_subject_chosen() {
        let new = typed("action:5").parse_new().expect("valid");
        assert_eq!(new.subject, Some(Subject::Action(5)));
        assert_eq!(new.description, "Share the workforce plan");
        assert_eq!(new.due_on, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
        assert_eq!(typed("").parse_new().expect("valid").subject, None);
    }

    #[test]
    fn a_link_that_is_not_a_subject_and_a_missing_due_date_are_refused() {
        let form = ArisingForm {
            due_day: String::new(),
            due_month: String::new(),
            due_year: String::new(),
            ..typed("meeting:3")
        };
        let e = form.parse_new().expect_err("invalid");
        assert_eq!(
            e.get("link"),
            Some("Choose a finding or action from the list")
        );
        assert_eq!(e.get("due"), Some("Enter the due date"));
    }

    #[test]
    fn a_closed_action_arising_needs_its_closure_date_and_response() {
        let e = progress("closed", "", "")
            .parse_progress()
            .expect_err("no date");
        assert_eq!(
            e.get("closed"),
            Some("Enter the closure date of a closed action arising")
        );
        let e = progress("closed", "", "2")
            .parse_progress()
            .expect_err("no response");
        assert_eq!(e.get("response"), Some("Enter the response received"));
        let p = progress("closed", "Plan shared", "2")
            .parse_progress()
            .expect("valid");
        assert_eq!(p.status, ArisingStatus::Closed);
        assert_eq!(p.closed_on, NaiveDate::from_ymd_opt(2026, 3, 2));
        assert_eq!(p.response.as_deref(), Some("Plan shared"));
    }

    #[test]
    fn only_a_closed_action_arising_may_have_a_closure_date() {
        let e = progress("open", "", "2")
            .parse_progress()
            .expect_err("open with date");
        assert_eq!(
            e.get("closed"),
            Some("Leave the closure date blank unless the action arising is closed")
        );
    }
}
