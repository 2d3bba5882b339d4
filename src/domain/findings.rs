//! A finding as the record takes it: its kind, reference, wording and timescale, and the
//! parts it is judged by (one per line, none if judged as a whole).

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::vocab::{FindingKind, Timescale};

/// A checked finding ready to save.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewFinding {
    pub parent_id: Option<i64>,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub official_wording: Option<String>,
    pub public_summary: Option<String>,
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
    /// The parts, in order; audited beside the finding rather than inside it.
    #[serde(skip)]
    pub parts: Vec<String>,
}

/// The message for a reference another finding of the inspection already has.
pub fn reference_taken(reference: &str) -> String {
    format!("Reference {reference} is already used in this inspection")
}
