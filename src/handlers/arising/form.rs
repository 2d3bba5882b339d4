//! Reading, checking and re-showing the action arising forms.

use crate::db::arising::{ArisingProgress, ArisingRow};
use crate::domain::inputs::{optional_text, parse_date_parts, required_text};
use crate::domain::vocab::ArisingStatus;
use crate::views::arising::ArisingForm;
use crate::views::forms::{Clash, DateParts, FieldErrors};

pub(super) fn form_of(x: &ArisingRow) -> ArisingForm {
    let due = DateParts::from_date(Some(x.due_on));
    let closed = DateParts::from_date(x.closed_on);
    ArisingForm {
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

pub(super) fn clashes<'a>(saved: &ArisingForm, typed: &ArisingForm) -> Vec<Clash<'a>> {
    let date = |d: &str, m: &str, y: &str| format!("{d}/{m}/{y}");
    vec![
        Clash {
            label: "What was asked",
            saved: saved.description.clone(),
            typed: typed.description.clone(),
        },
        Clash {
            label: "Owner",
            saved: saved.owner.clone(),
            typed: typed.owner.clone(),
        },
        Clash {
            label: "Due date",
            saved: date(&saved.due_day, &saved.due_month, &saved.due_year),
            typed: date(&typed.due_day, &typed.due_month, &typed.due_year),
        },
        Clash {
            label: "Status",
            saved: saved.status.clone(),
            typed: typed.status.clone(),
        },
        Clash {
            label: "Response",
            saved: saved.response.clone(),
            typed: typed.response.clone(),
        },
        Clash {
            label: "Closure date",
            saved: date(&saved.closed_day, &saved.closed_month, &saved.closed_year),
            typed: date(&typed.closed_day, &typed.closed_month, &typed.closed_year),
        },
    ]
}

pub(super) type Common = (String, String, chrono::NaiveDate);

pub(super) fn validate_common(f: &ArisingForm) -> Result<Common, FieldErrors> {
    let mut errors = FieldErrors::default();
    let description = required_text(&f.description, 2000)
        .map_err(|e| errors.add("description", format!("What was asked: {e}")))
        .ok();
    let owner = required_text(&f.owner, 200)
        .map_err(|e| errors.add("owner", format!("Owner: {e}")))
        .ok();
    let due = match parse_date_parts(&f.due_day, &f.due_month, &f.due_year) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.add("due", "Enter the due date");
            None
        }
        Err(e) => {
            errors.add("due", format!("Due date: {e}"));
            None
        }
    };
    match (description, owner, due) {
        (Some(d), Some(o), Some(due)) => Ok((d, o, due)),
        _ => Err(errors),
    }
}

pub(super) fn validate_progress(f: &ArisingForm) -> Result<ArisingProgress, FieldErrors> {
    let common = validate_common(f);
    let mut errors = common.as_ref().err().cloned().unwrap_or_default();
    let status = ArisingStatus::parse(&f.status);
    if status.is_none() {
        errors.add("status", "Choose a status");
    }
    let response = optional_text(&f.response, 20_000)
        .map_err(|e| errors.add("response", format!("Response: {e}")))
        .ok();
    let closed = parse_date_parts(&f.closed_day, &f.closed_month, &f.closed_year)
        .map_err(|e| errors.add("closed", format!("Closure date: {e}")))
        .ok();
    match (status, closed) {
        (Some(ArisingStatus::Closed), Some(None)) => errors.add(
            "closed",
            "Enter the closure date of a closed action arising",
        ),
        (Some(s), Some(Some(_))) if s != ArisingStatus::Closed => errors.add(
            "closed",
            "Leave the closure date blank unless the action arising is closed",
        ),
        (Some(ArisingStatus::ResponseReceived | ArisingStatus::Closed), _)
            if matches!(response, Some(None)) =>
        {
            errors.add("response", "Enter the response received")
        }
        _ => {}
    }
    match (common, status, response, closed) {
        (Ok((description, owner, due_on)), Some(status), Some(response), Some(closed_on))
            if errors.is_empty() =>
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
        _ => Err(errors),
    }
}
