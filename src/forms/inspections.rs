//! The inspection form: what was typed, filled from a saved inspection, and the inspection it
//! makes (a body chosen from the list, or a new one typed by name).

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, read_date, read_id};
use crate::db::inspections::InspectionRow;
use crate::domain::inputs;
use crate::domain::inspections::NewInspection;
use crate::domain::plausible;
use crate::domain::vocab::{InspectionKind, Source};

/// What the inspection form holds: exactly what was typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InspectionForm {
    pub body_id: String,
    pub new_body: String,
    pub title: String,
    pub kind: String,
    pub source: String,
    pub fieldwork_start_day: String,
    pub fieldwork_start_month: String,
    pub fieldwork_start_year: String,
    pub fieldwork_end_day: String,
    pub fieldwork_end_month: String,
    pub fieldwork_end_year: String,
    pub published_on_day: String,
    pub published_on_month: String,
    pub published_on_year: String,
    pub sent_on_day: String,
    pub sent_on_month: String,
    pub sent_on_year: String,
    pub report_url: String,
    pub follows_up_id: String,
    /// "usual", "yes" or "no".
    pub section_55_applies: String,
    /// "usual", "yes" or "no".
    pub action_plan_applies: String,
    /// "yes" once the office has confirmed a publication date far ahead.
    pub confirm_date: String,
    pub version: String,
}

/// The choices for an obligation: as usual, applies, does not apply.
pub const APPLIES: [(&str, &str); 3] = [
    ("usual", "As usual"),
    ("yes", "Applies"),
    ("no", "Does not apply"),
];

fn applies_text(chosen: Option<bool>) -> String {
    match chosen {
        None => "usual",
        Some(true) => "yes",
        Some(false) => "no",
    }
    .into()
}

fn read_applies(errors: &mut FieldErrors, field: &'static str, value: &str) -> Option<bool> {
    match value.trim() {
        "" | "usual" => None,
        "yes" => Some(true),
        "no" => Some(false),
        _ => {
            errors.add(field, "Choose as usual, applies or does not apply");
            None
        }
    }
}

/// The warning on a publication date more than a year ahead, until confirmed.
pub const FAR_AHEAD: &str = "The publication date is more than a year from today: check it, \
     and tick \"Yes, this date is right\" to save it";

impl InspectionForm {
    /// A blank form for a new inspection (HMICFRS, the usual source, chosen).
    pub fn blank() -> Self {
        Self {
            source: Source::Hmicfrs.as_str().into(),
            ..Self::default()
        }
    }

    /// The form prefilled from a saved inspection, for editing.
    pub fn from_row(i: &InspectionRow) -> Self {
        let p = |d| DateParts::from_date(d);
        let (fs, fe, pb, sent) = (
            p(i.fieldwork_start),
            p(i.fieldwork_end),
            p(Some(i.published_on)),
            p(i.sent_on),
        );
        Self {
            body_id: i.body_id.to_string(),
            new_body: String::new(),
            title: i.title.clone(),
            kind: i.kind.as_str().into(),
            source: i.source.as_str().into(),
            fieldwork_start_day: fs.day,
            fieldwork_start_month: fs.month,
            fieldwork_start_year: fs.year,
            fieldwork_end_day: fe.day,
            fieldwork_end_month: fe.month,
            fieldwork_end_year: fe.year,
            published_on_day: pb.day,
            published_on_month: pb.month,
            published_on_year: pb.year,
            sent_on_day: sent.day,
            sent_on_month: sent.month,
            sent_on_year: sent.year,
            report_url: i.report_url.clone().unwrap_or_default(),
            follows_up_id: i.follows_up_id.map(|v| v.to_string()).unwrap_or_default(),
            section_55_applies: applies_text(i.section_55_applies),
            action_plan_applies: applies_text(i.action_plan_applies),
            confirm_date: String::new(),
            version: i.version.to_string(),
        }
    }

    /// The inspection this form makes, or what to fix. A body typed by name is carried in
    /// `new_body`, to be found or created when the inspection is saved. A publication date
    /// more than a year after `today` is saved only once confirmed.
    pub fn parse(&self, today: NaiveDate) -> Result<NewInspection, FieldErrors> {
        let mut errors = FieldErrors::default();
        let new_body = inputs::optional_text(&self.new_body, 200)
            .map_err(|e| errors.add("new_body", e.to_string()))
            .ok()
            .flatten();
        let body_id = read_id(&mut errors, "body_id", &self.body_id);
        if body_id.is_none() && new_body.is_none() && errors.get("new_body").is_none() {
            errors.add(
                "body_id",
                "Choose the inspected body, or type the name of a new one",
            );
        }
        // Both at once is a slip (a name typed, then a body chosen, or the other way round):
        // which was meant is not ours to guess.
        if body_id.is_some() && new_body.is_some() {
            errors.add(
                "new_body",
                "Either choose the inspected body from the list or type the name of a new one, \
                 not both: clear the list or the new name",
            );
        }
        let title = inputs::required_text(&self.title, 300)
            .map_err(|e| errors.add("title", format!("Title: {e}")))
            .ok();
        let kind = InspectionKind::parse(&self.kind);
        if kind.is_none() {
            errors.add("kind", "Choose the kind of inspection");
        }
        let source = Source::parse(&self.source);
        if source.is_none() {
            errors.add("source", "Choose the source");
        }
        let start = read_date(
            &mut errors,
            "fieldwork_start",
            &self.fieldwork_start_day,
            &self.fieldwork_start_month,
            &self.fieldwork_start_year,
        );
        let end = read_date(
            &mut errors,
            "fieldwork_end",
            &self.fieldwork_end_day,
            &self.fieldwork_end_month,
            &self.fieldwork_end_year,
        );
        let published = read_date(
            &mut errors,
            "published_on",
            &self.published_on_day,
            &self.published_on_month,
            &self.published_on_year,
        );
        if published.is_none() && errors.get("published_on").is_none() {
            errors.add("published_on", "Enter the publication date");
        }
        let sent_on = read_date(
            &mut errors,
            "sent_on",
            &self.sent_on_day,
            &self.sent_on_month,
            &self.sent_on_year,
        );
        if let (Some(sent), Some(published)) = (sent_on, published)
            && sent < published
        {
            errors.add(
                "sent_on",
                "The report cannot be sent before the date it is dated (published)",
            );
        }
        for (field, message) in plausible::fieldwork(start, end, published) {
            errors.add(field, message);
        }
        if published.is_some_and(|p| plausible::publication_far_ahead(p, today))
            && self.confirm_date != "yes"
        {
            errors.add("published_on", FAR_AHEAD);
        }
        let report_url = inputs::parse_url(&self.report_url)
            .map_err(|e| errors.add("report_url", e.to_string()))
            .ok()
            .flatten();
        let follows_up_id = read_id(&mut errors, "follows_up_id", &self.follows_up_id);
        let section_55_applies =
            read_applies(&mut errors, "section_55_applies", &self.section_55_applies);
        let action_plan_applies = read_applies(
            &mut errors,
            "action_plan_applies",
            &self.action_plan_applies,
        );
        match (title, kind, source, published) {
            (Some(title), Some(kind), Some(source), Some(published_on)) if errors.is_empty() => {
                Ok(NewInspection {
                    body_id: body_id.unwrap_or(0),
                    new_body,
                    title,
                    kind,
                    source,
                    fieldwork_start: start,
                    fieldwork_end: end,
                    published_on,
                    sent_on,
                    report_url,
                    follows_up_id,
                    section_55_applies,
                    action_plan_applies,
                })
            }
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    fn typed() -> InspectionForm {
        InspectionForm {
            body_id: "2".into(),
            title: "  PEEL 2023  ".into(),
            kind: "peel".into(),
            source: "hmicfrs".into(),
            published_on_day: "15".into(),
            published_on_month: "2".into(),
            published_on_year: "2022".into(),
            ..InspectionForm::default()
        }
    }

    #[test]
    fn a_complete_form_makes_an_inspection_of_the_chosen_body() {
        let new = typed().parse(today()).expect("valid");
        assert_eq!(new.body_id, 2);
        assert_eq!(new.new_body, None);
        assert_eq!(new.title, "PEEL 2023");
        assert_eq!(new.kind, InspectionKind::Peel);
        assert_eq!(new.source, Source::Hmicfrs);
        assert_eq!(
            new.published_on,
            NaiveDate::from_ymd_opt(2022, 2, 15).unwrap()
        );
        assert_eq!(new.follows_up_id, None);
    }

    #[test]
    fn a_body_typed_by_name_is_carried_to_be_found_or_created() {
        let form = InspectionForm {
            body_id: String::new(),
            new_body: " Derbyshire Fire and Rescue Service ".into(),
            ..typed()
        };
        let new = form.parse(today()).expect("valid");
        assert_eq!(
            new.new_body.as_deref(),
            Some("Derbyshire Fire and Rescue Service")
        );
    }

    #[test]
    fn a_body_chosen_and_a_new_name_typed_at_once_is_refused() {
        let form = InspectionForm {
            body_id: "2".into(),
            new_body: "Derbyshire Fire and Rescue Service".into(),
            ..typed()
        };
        let errors = form.parse(today()).expect_err("both");
        let message = errors.get("new_body").expect("a message on the new name");
        assert!(message.contains("not both"), "{message}");
        assert_eq!(errors.get("body_id"), None);
    }

    #[test]
    fn no_body_no_title_and_no_publication_date_each_get_a_message() {
        let form = InspectionForm {
            body_id: String::new(),
            title: " ".into(),
            published_on_day: String::new(),
            published_on_month: String::new(),
            published_on_year: String::new(),
            ..typed()
        };
        let errors = form.parse(today()).expect_err("invalid");
        assert_eq!(
            errors.get("body_id"),
            Some("Choose the inspected body, or type the name of a new one")
        );
        assert!(errors.get("title").unwrap().starts_with("Title: "));
        assert_eq!(
            errors.get("published_on"),
            Some("Enter the publication date")
        );
    }

    #[test]
    fn fieldwork_cannot_end_before_it_started() {
        let form = InspectionForm {
            fieldwork_start_day: "10".into(),
            fieldwork_start_month: "1".into(),
            fieldwork_start_year: "2022".into(),
            fieldwork_end_day: "9".into(),
            fieldwork_end_month: "1".into(),
            fieldwork_end_year: "2022".into(),
            ..typed()
        };
        let errors = form.parse(today()).expect_err("invalid");
        assert_eq!(
            errors.get("fieldwork_end"),
            Some("Fieldwork must end on or after the day it started")
        );
    }

    #[test]
    fn an_unknown_kind_and_a_garbled_earlier_inspection_are_refused() {
        let form = InspectionForm {
            kind: "audit".into(),
            follows_up_id: "abc".into(),
            ..typed()
        };
        let errors = form.parse(today()).expect_err("invalid");
        assert_eq!(errors.get("kind"), Some("Choose the kind of inspection"));
        assert_eq!(errors.get("follows_up_id"), Some("Choose from the list"));
    }

    #[test]
    fn the_obligations_are_as_usual_unless_chosen() {
        let new = typed().parse(today()).expect("valid");
        assert_eq!(
            (new.section_55_applies, new.action_plan_applies),
            (None, None)
        );
        let form = InspectionForm {
            section_55_applies: "yes".into(),
            action_plan_applies: "no".into(),
            ..typed()
        };
        let new = form.parse(today()).expect("valid");
        assert_eq!(
            (new.section_55_applies, new.action_plan_applies),
            (Some(true), Some(false))
        );
        let form = InspectionForm {
            section_55_applies: "maybe".into(),
            ..typed()
        };
        let errors = form.parse(today()).expect_err("invalid");
        assert!(errors.get("section_55_applies").is_some());
    }

    #[test]
    fn a_publication_more_than_a_year_ahead_is_saved_only_once_confirmed() {
        let ahead = InspectionForm {
            published_on_day: "3".into(),
            published_on_month: "3".into(),
            published_on_year: "2027".into(),
            ..typed()
        };
        let errors = ahead.parse(today()).expect_err("asked");
        assert_eq!(errors.get("published_on"), Some(FAR_AHEAD));
        let confirmed = InspectionForm {
            confirm_date: "yes".into(),
            ..ahead
        };
        assert!(confirmed.parse(today()).is_ok());
    }

    #[test]
    fn fieldwork_after_publication_is_refused() {
        let form = InspectionForm {
            fieldwork_start_day: "16".into(),
            fieldwork_start_month: "2".into(),
            fieldwork_start_year: "2022".into(),
            ..typed()
        };
        let errors = form.parse(today()).expect_err("invalid");
        assert_eq!(
            errors.get("fieldwork_start"),
            Some("Fieldwork cannot start after the report was published")
        );
    }
}
