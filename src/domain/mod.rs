//! Pure domain rules and types: status vocabularies, date rules (section 55 clock,
//! timescales, slips, staleness) and validated form inputs. No IO.

pub mod dates;
pub mod ical;
pub mod inputs;
pub mod meetings;
pub mod packs;
pub mod vocab;
