//! An action-plan item waiting on a named external body (not the force's failure).

use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    pub by: String,
    pub since: NaiveDate,
}
