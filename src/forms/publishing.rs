//! The approve/withdraw buttons on the publishing page: which summary they are about.

use serde::Deserialize;

use crate::db::publishing::SummaryKind;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ApprovalForm {
    pub kind: String,
    pub id: String,
}

impl ApprovalForm {
    /// The kind of record and its id; `None` if the buttons were tampered with.
    pub fn parse(&self) -> Option<(SummaryKind, i64)> {
        let kind = SummaryKind::parse(&self.kind)?;
        Some((kind, self.id.trim().parse().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(kind: &str, id: &str) -> ApprovalForm {
        ApprovalForm {
            kind: kind.into(),
            id: id.into(),
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
