//! A progress update as the record takes it: what it is about, when it was true, its RAG and
//! narrative, and the earlier update it corrects (updates are never edited).

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::subject::Subject;
use crate::domain::vocab::Rag;

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
