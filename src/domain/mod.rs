//! Pure domain rules and types: status vocabularies, date rules (section 55 clock,
//! timescales, slips, staleness), validated form inputs and published editions. No IO.

pub mod dates;
pub mod edition;
pub mod ical;
pub mod inputs;
pub mod vocab;
