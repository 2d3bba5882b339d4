//! An action-plan item as the record takes it: the inspected body it belongs to, what it
//! commits to, who owns it and the findings it addresses.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewAction {
    pub body_id: i64,
    pub reference: String,
    pub title: String,
    pub description: String,
    pub owner_role: String,
    pub owner_name: String,
    pub finding_ids: Vec<i64>,
}
