//! What a file is attached to, who may see it, what an upload carries, and the upload limits.

use crate::domain::vocab::{AttachedTo, EvidenceKind, Role};

/// The record a file is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attached {
    pub to: AttachedTo,
    pub id: i64,
}

impl Attached {
    /// The page of the record, where its files are listed.
    pub fn path(&self) -> String {
        match self.to {
            AttachedTo::Update => format!("/updates/{}/evidence", self.id),
            AttachedTo::Assessment => format!("/assessments/{}/evidence", self.id),
            AttachedTo::Position => format!("/positions/{}/evidence", self.id),
            AttachedTo::Meeting => format!("/meetings/{}", self.id),
            AttachedTo::Inspection => format!("/inspections/{}", self.id),
        }
    }

    /// The form that attaches more files to the record.
    pub fn upload_path(&self) -> String {
        let kind = match self.to {
            AttachedTo::Update => "updates",
            AttachedTo::Assessment => "assessments",
            AttachedTo::Position => "positions",
            AttachedTo::Meeting => "meetings",
            AttachedTo::Inspection => "inspections",
        };
        format!("/{kind}/{}/evidence", self.id)
    }
}

impl AttachedTo {
    /// Whether someone of `role` may see files attached to such a record (their body's
    /// only, as for the record itself): everyone sees a progress update's; the office and the
    /// panel see the rest, as only they see meetings, inspections and the office's judgements'
    /// evidence.
    pub fn readable_by(self, role: Role) -> bool {
        match self {
            AttachedTo::Update => true,
            AttachedTo::Assessment
            | AttachedTo::Position
            | AttachedTo::Meeting
            | AttachedTo::Inspection => role != Role::Force,
        }
    }
}

/// A file accepted for attaching: judged by its content, named fit to show, hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    pub name: String,
    pub kind: EvidenceKind,
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub description: Option<String>,
}

/// How large a file, and an upload of several, may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub file_bytes: u64,
    pub request_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            file_bytes: super::DEFAULT_FILE_LIMIT,
            request_bytes: super::DEFAULT_REQUEST_LIMIT,
        }
    }
}

/// The most files one upload may attach.
pub const MOST_FILES: usize = 20;

/// Whether a route template is one that uploads files (its body may be as large as an
/// upload's limit, not a form's).
pub fn is_upload_route(template: &str) -> bool {
    template.ends_with("/evidence")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_force_user_sees_files_of_updates_only() {
        assert!(AttachedTo::Update.readable_by(Role::Force));
        for to in [
            AttachedTo::Assessment,
            AttachedTo::Position,
            AttachedTo::Meeting,
            AttachedTo::Inspection,
        ] {
            assert!(!to.readable_by(Role::Force), "{to:?}");
            assert!(to.readable_by(Role::Panel), "{to:?}");
            assert!(to.readable_by(Role::Office), "{to:?}");
        }
    }

    #[test]
    fn each_record_lists_its_files_where_people_find_them() {
        let at = |to, id| Attached { to, id };
        assert_eq!(at(AttachedTo::Update, 4).path(), "/updates/4/evidence");
        assert_eq!(at(AttachedTo::Meeting, 2).path(), "/meetings/2");
        assert_eq!(at(AttachedTo::Inspection, 9).path(), "/inspections/9");
        assert_eq!(
            at(AttachedTo::Inspection, 9).upload_path(),
            "/inspections/9/evidence"
        );
        assert_eq!(
            at(AttachedTo::Position, 3).upload_path(),
            "/positions/3/evidence"
        );
    }

    #[test]
    fn by_default_a_file_may_be_20_mb_and_an_upload_50_mb() {
        let limits = Limits::default();
        assert_eq!(super::super::size_label(limits.file_bytes as i64), "20 MB");
        assert_eq!(
            super::super::size_label(limits.request_bytes as i64),
            "50 MB"
        );
        assert_eq!(limits.file_bytes, 20_971_520);
        assert_eq!(limits.request_bytes, 52_428_800);
    }

    #[test]
    fn only_evidence_routes_take_uploads() {
        assert!(is_upload_route("/updates/{id}/evidence"));
        assert!(!is_upload_route("/evidence/{id}/dispose"));
        assert!(!is_upload_route("/findings/{id}/updates"));
    }
}
