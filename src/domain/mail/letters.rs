//! The plain data each message is written from (`views::mail` writes the words), so the
//! words are chosen in one place and the record layer only gathers facts.

use chrono::NaiveDate;

/// A message's subject and both of its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What every message says about where it comes from: the office's name and the site's
/// address (absolute links start with it).
#[derive(Debug, Clone, PartialEq)]
pub struct Sender {
    pub office: String,
    /// e.g. `https://progress.example.org`, no trailing slash.
    pub base_url: String,
}

impl Sender {
    /// The site's host, the right-hand side of each Message-ID.
    pub fn domain(&self) -> &str {
        let rest = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        // An IP address (or nothing) names no domain.
        let named = host.contains(|c: char| c.is_ascii_alphabetic());
        if named { host } else { "localhost" }
    }
}

#[cfg(test)]
mod tests {
    use super::Sender;

    fn domain(base_url: &str) -> String {
        let from = Sender {
            office: "PCC".into(),
            base_url: base_url.into(),
        };
        from.domain().to_string()
    }

    #[test]
    fn a_message_id_names_the_sites_host() {
        assert_eq!(
            domain("https://progress.example.org"),
            "progress.example.org"
        );
        assert_eq!(
            domain("https://progress.example.org:8443/pcc"),
            "progress.example.org"
        );
        assert_eq!(domain("http://127.0.0.1:3000"), "localhost");
        assert_eq!(domain("http://[::1]:3000"), "localhost");
        assert_eq!(domain(""), "localhost");
        assert_eq!(domain("progress.example.org"), "progress.example.org");
    }
}

/// A round as its messages describe it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundFacts {
    pub id: i64,
    pub title: String,
    pub return_by: NaiveDate,
    /// The meeting the round is for, if any: its title and date.
    pub meeting: Option<(String, NaiveDate)>,
}

/// One action a round asks about.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundItemFacts {
    pub action_id: i64,
    pub reference: String,
    pub title: String,
    pub body_name: String,
    /// The person asked (for the escalation, which lists everyone's items).
    pub owner_name: Option<String>,
    /// Where the update form is: `/actions/{id}/updates/new` (relative; the letter adds the base).
    pub update_path: String,
}

/// One reminder in a person's reminder message.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderFact {
    pub kind: crate::domain::vocab::ReminderKind,
    /// What it is about, e.g. "Milestone: Training delivered (2.1 Vulnerability training)".
    pub about: String,
    /// The date it turns on: the milestone's due date, the arising's due date, the last update.
    pub date: NaiveDate,
    pub path: String,
}

/// One item a person owns, for the weekly digest.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedItem {
    pub reference: String,
    pub title: String,
    pub body_name: String,
    /// The next milestone due, if any.
    pub next_due: Option<(String, NaiveDate)>,
    pub last_update: Option<NaiveDate>,
    pub path: String,
}

/// One thing that changed in the week, for the weekly digest.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeLine {
    pub on: NaiveDate,
    /// e.g. "Progress update on 2.1 Vulnerability training: amber".
    pub what: String,
    pub path: String,
}

/// A public notice of a new edition: only published text.
#[derive(Debug, Clone, PartialEq)]
pub struct EditionNotice {
    /// What the subscriber follows, e.g. "Derbyshire Constabulary" or "the whole progress site".
    pub follows: String,
    pub edition: i64,
    pub published_on: NaiveDate,
    /// Lines of published text saying what changed (from the public "what changed" page).
    pub changes: Vec<String>,
    /// The public page of what they follow in this edition (relative).
    pub page_path: String,
    /// The "what changed" page (relative).
    pub changes_path: String,
    /// The one-click unsubscribe address (relative).
    pub unsubscribe_path: String,
}
