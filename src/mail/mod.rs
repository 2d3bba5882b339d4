//! The mail worker: it hands queued messages to the SMTP server (with retries and backoff)
//! and, every ten minutes, queues what is due – round reminders and escalations, milestone
//! reminders, weekly digests and notices of new editions. Messages are written by the changes
//! that cause them; this only sends and schedules.

mod schedule;
mod send;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::AppState;
use crate::domain::mail::letters::Sender;

pub use schedule::run_schedule;
pub use send::send_due;

/// How mail leaves: the SMTP server, its credentials, the From address (`--smtp-url`,
/// `--smtp-username`, `--smtp-password`, `--mail-from`).
#[derive(Clone, Default)]
pub struct Settings {
    pub smtp_url: Option<String>,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: Option<String>,
    pub poll: Duration,
    /// The longest one message may take to hand over, from connecting to the server's
    /// answer (none given: a minute).
    pub send_timeout: Option<Duration>,
}

impl Settings {
    pub fn send_timeout(&self) -> Duration {
        self.send_timeout.unwrap_or(Duration::from_secs(60))
    }
}

// Never print the URL's or the settings' credentials.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("smtp", &self.smtp_url.as_ref().map(|_| "(set)"))
            .field("from", &self.from)
            .field("poll", &self.poll)
            .finish_non_exhaustive()
    }
}

/// Whether mail can leave, and if not, why (the outbox page says so in these words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    Ready,
    NoSmtp,
    NoFrom,
    NoPublicUrl,
}

impl Readiness {
    pub fn of(settings: &Settings, public_url: Option<&str>) -> Self {
        match (&settings.smtp_url, &settings.from, public_url) {
            (None, _, _) => Self::NoSmtp,
            (_, None, _) => Self::NoFrom,
            (_, _, None) => Self::NoPublicUrl,
            _ => Self::Ready,
        }
    }

    pub fn explanation(self) -> &'static str {
        match self {
            Self::Ready => "Mail is sent through the SMTP server set by --smtp-url.",
            Self::NoSmtp => {
                "No SMTP server is set (--smtp-url), so mail is not sent: every message waits \
                 in the outbox (Administration, Mail), where an administrator can read it."
            }
            Self::NoFrom => {
                "No From address is set (--mail-from), so mail cannot be sent: every message \
                 waits in the outbox."
            }
            Self::NoPublicUrl => {
                "Mail cannot be sent: the links in it need the site's public address \
                 (--public-url). Every message waits in the outbox until it is set."
            }
        }
    }
}

/// Wakes the worker when a change queues a message, so it goes at once.
#[derive(Debug, Default)]
pub struct Wake(Notify);

impl Wake {
    pub fn now(&self) {
        self.0.notify_one();
    }
}

/// Who the messages come from: the office's name and the site's address.
pub fn sender(state: &AppState) -> Sender {
    Sender {
        office: state.site().organisation_name,
        base_url: state.security.site_address().base_url(),
    }
}

/// Whether `--smtp-url` is one lettre can use.
pub fn check_smtp_url(value: &str) -> Result<(), String> {
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(value)
        .map(|_| ())
        .map_err(|_| {
            "give the SMTP server as smtps://host:465, smtp://host:587?tls=required or \
             smtp://host:25"
                .to_string()
        })
}

/// Whether `--mail-from` is an address (with or without a name).
pub fn check_mail_from(value: &str) -> Result<(), String> {
    value
        .parse::<lettre::message::Mailbox>()
        .map(|_| ())
        .map_err(|_| "give an address such as \"Derbyshire PCC <progress@example.org>\"".into())
}

/// One pass: queue what is due, then send what is queued. What tests and the worker call.
pub async fn tick(state: &AppState) {
    let now = state.clock.now();
    if let Err(e) = run_schedule(state, now).await {
        tracing::error!(error = %e, "cannot work out the reminders and digests due");
    }
    send_due(state).await;
}

/// Run the worker until `stop` completes: send every `poll` (or when woken), schedule every
/// ten minutes.
pub fn spawn(
    state: AppState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let wake: Arc<Wake> = state.mail_wake.clone();
        let poll = state.security.mail.poll.max(Duration::from_millis(100));
        let readiness = Readiness::of(&state.security.mail, state.security.public_url.as_deref());
        tracing::info!(?readiness, "mail worker started");
        tokio::pin!(stop);
        let schedule_every = Duration::from_secs(600);
        let mut last_schedule: Option<tokio::time::Instant> = None;
        loop {
            if last_schedule.is_none_or(|t| t.elapsed() >= schedule_every) {
                if let Err(e) = run_schedule(&state, state.clock.now()).await {
                    tracing::error!(error = %e, "cannot work out the reminders and digests due");
                }
                last_schedule = Some(tokio::time::Instant::now());
            }
            send_due(&state).await;
            tokio::select! {
                () = tokio::time::sleep(poll) => {}
                () = wake.0.notified() => {}
                () = &mut stop => break,
            }
        }
        tracing::info!("mail worker stopped");
    })
}
