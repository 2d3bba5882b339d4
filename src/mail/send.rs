//! Handing queued messages to the SMTP server. A try is counted before it is made; a message
//! the server accepts is marked sent with its reply at once, and is never sent again; a
//! refusal for now is tried again later (see `domain::mail::backoff`), a refusal for good
//! marks it failed.

use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::{Readiness, Settings};
use crate::AppState;
use crate::db;
use crate::db::mail::MailRow;
use crate::domain::mail::{MAX_ATTEMPTS, backoff, is_permanent};

/// How many messages one pass sends at most (the next pass sends the rest).
const BATCH: i64 = 50;

/// Send every queued message that is due; how many the server accepted. Nothing leaves while
/// the settings say mail cannot be sent (see [`Readiness`]).
pub async fn send_due(state: &AppState) -> usize {
    let settings = &state.security.mail;
    if Readiness::of(settings, state.security.public_url.as_deref()) != Readiness::Ready {
        return 0;
    }
    let due = match db::mail::list_due(&state.db, state.clock.now(), BATCH).await {
        Ok(due) => due,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the outbox");
            return 0;
        }
    };
    if due.is_empty() {
        return 0;
    }
    let (Some(transport), Some(from)) = (transport(settings), from(settings)) else {
        return 0;
    };
    let mut sent = 0;
    for row in due {
        if send_one(state, &transport, &from, &row).await {
            sent += 1;
        }
    }
    sent
}

async fn send_one(
    state: &AppState,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    row: &MailRow,
) -> bool {
    let pool = &state.db;
    if let Err(e) = db::mail::count_attempt(pool, row.id).await {
        tracing::error!(error = %e, mail = row.id, "cannot count a try");
        return false;
    }
    let message = match build(from, row) {
        Ok(message) => message,
        Err(reason) => {
            let _ = db::mail::mark_failed_try(pool, row.id, &reason, None).await;
            tracing::warn!(mail = row.id, "a message cannot be written: {reason}");
            return false;
        }
    };
    // lettre's own timeout covers connecting only: a server that stops answering mid-message
    // would hold the worker for ever.
    let outcome =
        match tokio::time::timeout(state.security.mail.send_timeout(), transport.send(message))
            .await
        {
            Ok(outcome) => outcome.map_err(|e| (e.status().map(|c| c.to_string()), reply_text(&e))),
            Err(_) => Err((None, "no answer from the SMTP server in time".to_string())),
        };
    match outcome {
        Ok(response) => {
            let reply = format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            );
            if let Err(e) = db::mail::mark_sent(pool, row.id, &reply, state.clock.now()).await {
                tracing::error!(error = %e, mail = row.id, "sent, but cannot mark the message sent");
            }
            tracing::info!(mail = row.id, kind = %row.kind.as_str(), "mail sent");
            true
        }
        Err((code, reply)) => {
            let code = code.map(|c| c.parse::<u16>().unwrap_or(0));
            let attempts = row.attempts + 1;
            let retry_at = (!is_permanent(code) && attempts < MAX_ATTEMPTS)
                .then(|| state.clock.now() + backoff(attempts));
            let _ = db::mail::mark_failed_try(pool, row.id, &reply, retry_at).await;
            tracing::warn!(
                mail = row.id,
                attempts,
                retry = retry_at.is_some(),
                "mail not sent: {reply}"
            );
            false
        }
    }
}

/// What the server said, or why there was no answer, without the settings' credentials.
fn reply_text(e: &lettre::transport::smtp::Error) -> String {
    let text = e.to_string();
    match e.status() {
        Some(_) => text,
        None if e.is_timeout() => "no answer from the SMTP server in time".into(),
        None => format!(
            "cannot reach the SMTP server ({})",
            text.chars().take(200).collect::<String>()
        ),
    }
}

fn build(from: &Mailbox, row: &MailRow) -> Result<Message, String> {
    let to: Mailbox = row
        .to_address
        .parse()
        .map_err(|_| format!("the address {:?} cannot be written to", row.to_address))?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(row.subject.clone())
        .message_id(Some(format!("<{}>", row.message_id)));
    if let Some(url) = &row.unsubscribe_url {
        builder = builder
            .raw_header(raw("List-Unsubscribe", format!("<{url}>")))
            .raw_header(raw(
                "List-Unsubscribe-Post",
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            row.text_body.clone(),
            row.html_body.clone(),
        ))
        .map_err(|e| format!("the message cannot be written: {e}"))
}

fn raw(name: &'static str, value: String) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value)
}

fn transport(settings: &Settings) -> Option<AsyncSmtpTransport<Tokio1Executor>> {
    let url = settings.smtp_url.as_deref()?;
    let mut builder = match AsyncSmtpTransport::<Tokio1Executor>::from_url(url) {
        Ok(builder) => builder,
        Err(_) => {
            tracing::error!("the SMTP address (--smtp-url) cannot be used");
            return None;
        }
    };
    if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    Some(builder.timeout(Some(Duration::from_secs(30))).build())
}

fn from(settings: &Settings) -> Option<Mailbox> {
    settings.from.as_deref()?.parse().ok()
}
