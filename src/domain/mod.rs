//! Pure domain rules and types: status vocabularies, date rules (section 55 clock,
//! timescales, slips, staleness) and validated form inputs. No IO.

pub mod dashboard;
pub mod dates;
pub mod inputs;
pub mod vocab;
