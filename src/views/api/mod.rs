//! The API's JSON: each record as a force system reads it, documented for OpenAPI.

pub mod changes;
pub mod reads;
