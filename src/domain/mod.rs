//! Pure domain rules and types: status vocabularies, date rules (section 55 clock,
//! timescales, slips, staleness), validated form inputs, the password policy and published
//! editions. No IO.

pub mod access;
pub mod accounts;
pub mod actions;
pub mod api;
pub mod assurance;
pub mod backups;
pub mod blocks;
pub mod bodies;
pub mod clocks;
pub mod contrast;
pub mod csv;
pub mod dashboard;
pub mod dates;
pub mod edition;
pub mod findings;
pub mod findings_csv;
pub mod ical;
pub mod inputs;
pub mod inspections;
pub mod installation;
pub mod measures;
pub mod meetings;
pub mod milestones;
pub mod numbers;
pub mod packs;
pub mod passwords;
pub mod paths;
pub mod plausible;
pub mod publishing;
pub mod regimes;
pub mod register;
pub mod response_document;
pub mod schedule;
pub mod scope;
pub mod search;
pub mod sign_in;
pub mod site;
pub mod site_address;
pub mod sources;
pub mod subject;
pub mod updates;
pub mod vocab;
pub mod withdrawals;
