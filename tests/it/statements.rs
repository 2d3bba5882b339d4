//! Seeing the SQL a page runs. sqlx logs every statement it executes as a `tracing` event with
//! target `sqlx::query` on the SQLite connection's worker thread: the field `summary` holds the
//! start of the statement, and `db.statement` the whole text when that differs (empty
//! otherwise). An app under test uses ONE connection whose worker thread has a name unique to
//! the test ([`TestApp::with_named_connection`]); a process-wide subscriber (installed once)
//! keeps the statements of threads with a watched name, so tests running in parallel do not
//! mix.
//!
//! [`TestApp::with_named_connection`]: crate::helpers::TestApp::with_named_connection

use std::collections::HashMap;
use std::sync::{Mutex, Once};

use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

/// Statements seen so far, by the watched thread-name prefix.
static SEEN: Mutex<Option<HashMap<&'static str, Vec<String>>>> = Mutex::new(None);

struct RecordStatements;

#[derive(Default)]
struct Statement {
    summary: String,
    full: String,
}

impl Visit for Statement {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "summary" => self.summary = value.to_string(),
            "db.statement" => self.full = value.trim().to_string(),
            _ => {}
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if matches!(field.name(), "summary" | "db.statement") {
            let text = format!("{value:?}");
            self.record_str(field, text.trim_matches('"'));
        }
    }
}

impl<S: Subscriber> Layer<S> for RecordStatements {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let thread = std::thread::current();
        let Some(name) = thread.name() else { return };
        let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
        let Some(watched) = seen.as_mut() else { return };
        let Some((_, list)) = watched.iter_mut().find(|(p, _)| name.starts_with(**p)) else {
            return;
        };
        let mut statement = Statement::default();
        event.record(&mut statement);
        list.push(if statement.full.is_empty() {
            statement.summary
        } else {
            statement.full
        });
    }
}

/// Install the subscriber (once per process) and start keeping statements of threads whose
/// name starts with `prefix`.
pub fn watch(prefix: &'static str) {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let subscriber = tracing_subscriber::registry().with(RecordStatements);
        tracing::subscriber::set_global_default(subscriber).expect("no other global subscriber");
    });
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    seen.get_or_insert_with(HashMap::new)
        .insert(prefix, Vec::new());
}

/// Everything kept for `prefix` since the last call, and start again.
pub fn take(prefix: &'static str) -> Vec<String> {
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    seen.as_mut()
        .and_then(|w| w.get_mut(prefix))
        .map(std::mem::take)
        .unwrap_or_default()
}
