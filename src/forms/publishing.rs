//! The publishing page's forms: which summary the approve/withdraw buttons are about, and the
//! note published with an edition.

use serde::Deserialize;

use super::{FieldErrors, optional};
use crate::db::publishing::SummaryKind;
use crate::domain::publishing::Filter;

/// The longest note an edition may carry.
const NOTE_LIMIT: usize = 1000;

/// What was typed before publishing an edition.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    pub note: String,
}

impl PublishForm {
    /// The note to publish with (none if left blank), or what to fix.
    pub fn parse(&self) -> Result<Option<String>, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.note.trim().chars().count() > NOTE_LIMIT {
            errors.add(
                "note",
                format!("The note must be {NOTE_LIMIT} characters or fewer"),
            );
            return Err(errors);
        }
        let note = optional(&mut errors, "note", &self.note, NOTE_LIMIT);
        if errors.is_empty() {
            Ok(note)
        } else {
            Err(errors)
        }
    }
}

/// The approve and withdraw buttons: which summary, and the wording the page showed (an
/// approval binds it: if the summary changed since, the approval is refused).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApprovalForm {
    pub kind: String,
    pub id: String,
    pub summary: String,
    /// The filter the list was shown under, to return to.
    pub body: String,
    pub inspection: String,
}

impl ApprovalForm {
    /// The kind of record and its id; `None` if the buttons were tampered with.
    pub fn parse(&self) -> Option<(SummaryKind, i64)> {
        let kind = SummaryKind::parse(&self.kind)?;
        Some((kind, self.id.trim().parse().ok()?))
    }

    /// The wording the approver was shown.
    pub fn seen(&self) -> &str {
        &self.summary
    }

    pub fn filter(&self) -> Filter {
        Filter::parse(&self.body, &self.inspection)
    }
}

/// The publishing page's query: which body and inspection to list, and how many summaries
/// "approve all shown" just approved.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FilterQuery {
    pub body: String,
    pub inspection: String,
    pub approved: String,
}

impl FilterQuery {
    pub fn filter(&self) -> Filter {
        Filter::parse(&self.body, &self.inspection)
    }

    /// How many were just approved, if the page follows an "approve all shown".
    pub fn approved(&self) -> Option<usize> {
        self.approved.trim().parse().ok()
    }
}

/// "Approve all shown": the filter the list was shown under, and its fingerprint.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApproveShownForm {
    pub body: String,
    pub inspection: String,
    pub shown: String,
}

impl ApproveShownForm {
    pub fn filter(&self) -> Filter {
        Filter::parse(&self.body, &self.inspection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_note_publishes_without_one_and_a_long_one_is_refused() {
        let note = |n: &str| PublishForm { note: n.into() }.parse();
        assert_eq!(note("  "), Ok(None));
        assert_eq!(
            note(" Quarterly update "),
            Ok(Some("Quarterly update".into()))
        );
        let errors = note(&"x".repeat(1001)).expect_err("too long");
        assert_eq!(
            errors.get("note"),
            Some("The note must be 1000 characters or fewer")
        );
    }

    fn typed(kind: &str, id: &str) -> ApprovalForm {
        ApprovalForm {
            kind: kind.into(),
            id: id.into(),
            summary: "Shown".into(),
            ..ApprovalForm::default()
        }
    }

    #[test]
    fn a_kind_and_an_id_name_one_summary() {
        assert_eq!(
            typed("update", " 22 ").parse(),
            Some((SummaryKind::Update, 22))
        );
        assert_eq!(
            typed("meeting", "3").parse(),
            Some((SummaryKind::Meeting, 3))
        );
    }

    #[test]
    fn an_unknown_kind_or_a_garbled_id_names_nothing() {
        assert_eq!(typed("inspection", "1").parse(), None);
        assert_eq!(typed("finding", "one").parse(), None);
    }
}
