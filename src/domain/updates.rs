//! A progress update as the record takes it: what it is about, when it was true, its RAG and
//! narrative, and the earlier update it corrects (updates are never edited).

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::subject::Subject;
use crate::domain::vocab::{Rag, Role};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewUpdate {
    pub subject: Subject,
    pub as_at: NaiveDate,
    pub rag: Rag,
    pub narrative: String,
    pub evidence: Option<String>,
    pub public_summary: Option<String>,
    pub corrects_id: Option<i64>,
}

/// Someone who may post updates, as a correction of someone's update sees them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Corrector {
    pub user_id: i64,
    pub role: Role,
}

impl Corrector {
    /// Whether they may correct an update by `author_id`: its author may, and so may the PCC
    /// office, which answers for the record. Nobody else – the force cannot put words in the
    /// office's mouth or withdraw what the office said.
    pub fn may_correct(&self, author_id: i64) -> bool {
        match self.role {
            Role::Admin | Role::Office => true,
            role => role.can_submit_updates() && self.user_id == author_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_author_and_the_office_may_correct_an_update_and_nobody_else() {
        let force = Corrector {
            user_id: 7,
            role: Role::Force,
        };
        assert!(force.may_correct(7));
        assert!(!force.may_correct(2));
        for role in [Role::Admin, Role::Office] {
            assert!(Corrector { user_id: 1, role }.may_correct(7));
        }
        let panel = Corrector {
            user_id: 7,
            role: Role::Panel,
        };
        assert!(!panel.may_correct(7));
    }
}
