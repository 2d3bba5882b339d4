//! What an update, a measure, an agenda item or an action arising is about: a finding or an
//! action-plan item. One type wherever the two meet; its text form ("finding:7",
//! "action:5") is how it crosses a boundary such as a drop-down.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Subject {
    Action(i64),
    Finding(i64),
}

impl Subject {
    /// The subject stored as two nullable ids, as the tables keep it.
    pub fn from_ids(action_id: Option<i64>, finding_id: Option<i64>) -> Option<Self> {
        match (action_id, finding_id) {
            (Some(id), _) => Some(Self::Action(id)),
            (None, Some(id)) => Some(Self::Finding(id)),
            (None, None) => None,
        }
    }

    pub fn action_id(self) -> Option<i64> {
        match self {
            Self::Action(id) => Some(id),
            Self::Finding(_) => None,
        }
    }

    pub fn finding_id(self) -> Option<i64> {
        match self {
            Self::Finding(id) => Some(id),
            Self::Action(_) => None,
        }
    }

    /// The subject's own page.
    pub fn path(self) -> String {
        match self {
            Self::Action(id) => format!("/actions/{id}"),
            Self::Finding(id) => format!("/findings/{id}"),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Action(id) => write!(f, "action:{id}"),
            Self::Finding(id) => write!(f, "finding:{id}"),
        }
    }
}

/// Text that is not "finding:N" or "action:N" with N a positive id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotASubject;

impl FromStr for Subject {
    type Err = NotASubject;

    fn from_str(s: &str) -> Result<Self, NotASubject> {
        let (kind, id) = s.trim().split_once(':').ok_or(NotASubject)?;
        let id: i64 = id.parse().ok().filter(|id| *id > 0).ok_or(NotASubject)?;
        match kind {
            "finding" => Ok(Self::Finding(id)),
            "action" => Ok(Self::Action(id)),
            _ => Err(NotASubject),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_round_trips() {
        for s in [Subject::Finding(7), Subject::Action(5)] {
            assert_eq!(s.to_string().parse(), Ok(s));
        }
        assert_eq!(Subject::Finding(7).to_string(), "finding:7");
    }

    #[test]
    fn malformed_text_is_not_a_subject() {
        for bad in [
            "",
            "finding",
            "finding:",
            "finding:0",
            "finding:-3",
            "meeting:4",
            "action:x",
        ] {
            assert_eq!(bad.parse::<Subject>(), Err(NotASubject), "{bad}");
        }
    }

    #[test]
    fn stored_ids_name_the_subject_and_its_page() {
        assert_eq!(Subject::from_ids(Some(5), None), Some(Subject::Action(5)));
        assert_eq!(Subject::from_ids(None, Some(7)), Some(Subject::Finding(7)));
        assert_eq!(Subject::from_ids(None, None), None);
        assert_eq!(Subject::Action(5).path(), "/actions/5");
        assert_eq!(Subject::Finding(7).finding_id(), Some(7));
        assert_eq!(Subject::Finding(7).action_id(), None);
    }
}
