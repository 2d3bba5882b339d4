//! Robustness tests against a real server on a real port: many writers at once, crashes,
//! hostile input and a safe start and stop. A binary of their own, apart from `tests/it`, so
//! their load does not compete with (or slow) the main suite. `SCRUTINEER_LONG_TESTS=1` runs
//! the longer variants.

mod backup;
mod concurrency;
mod crash;
mod hostile;
mod load;
mod mail;
mod shutdown;
mod slow_clients;
#[path = "../smtp/mod.rs"]
mod smtp;
mod start_up_faults;
mod support;
