//! The real binary killed with SIGKILL while it is handing a message to the SMTP server (which
//! has read the message and not yet answered): after a restart every queued message is
//! delivered, each exactly once, with the Message-ID it was queued with.

use std::collections::BTreeSet;
use std::time::Duration;

use scrutineer::db;
use scrutineer::domain::mail::letters::Letter;
use scrutineer::domain::vocab::MailKind;

use crate::smtp::{Mode, SmtpSink};
use crate::support::{self, Binary};

const MESSAGES: usize = 30;

/// `MESSAGES` messages in the outbox, as the changes that cause them would queue them.
async fn queue(path: &std::path::Path) -> BTreeSet<String> {
    let pool = scrutineer::startup::open(path)
        .await
        .expect("open database");
    let now = chrono::Utc::now();
    for n in 0..MESSAGES {
        let letter = Letter {
            subject: format!("Update requested ({n})"),
            text: format!("Please update CP-{n:02}."),
            html: format!("<p>Please update CP-{n:02}.</p>"),
        };
        let to = format!("owner{n}@example.test");
        let mail = db::mail::NewMail {
            kind: MailKind::RoundRequest,
            to: &to,
            user_id: None,
            subscription_id: None,
            letter: &letter,
            unsubscribe_url: None,
            domain: "progress.example.org",
        };
        db::mail::insert(&pool, &mail, now).await.expect("queue");
    }
    let ids = sqlx::query_scalar("select message_id from mail_outbox")
        .fetch_all(&pool)
        .await
        .expect("ids");
    pool.close().await;
    ids.into_iter().collect()
}

async fn start(path: &std::path::Path, sink: &SmtpSink) -> Binary {
    let port = support::free_port();
    let options = [
        "--smtp-url".to_string(),
        sink.url(),
        "--mail-from".into(),
        "progress@example.org".into(),
        "--public-url".into(),
        format!("http://127.0.0.1:{port}"),
        "--mail-poll-seconds".into(),
        "1".into(),
    ];
    let options: Vec<&str> = options.iter().map(String::as_str).collect();
    Binary::start_with(path, port, &options).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_mid_send_loses_no_message_and_sends_none_twice() {
    let dir = tempfile::tempdir().expect("dir");
    let path = support::database_in(&dir);
    let queued = queue(&path).await;
    let sink = SmtpSink::start().await;

    // The server reads the first message's DATA and never answers: the send is in flight.
    sink.set_mode(Mode::Stall);
    let mut server = start(&path, &sink).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    server.child.kill().expect("SIGKILL");
    server.child.wait().expect("reap");
    let pool = db::connect(&path).await.expect("reopen after the kill");
    let sent: i64 = sqlx::query_scalar("select count(*) from mail_outbox where status = 'sent'")
        .fetch_one(&pool)
        .await
        .expect("count");
    let tried: i64 = sqlx::query_scalar("select count(*) from mail_outbox where attempts > 0")
        .fetch_one(&pool)
        .await
        .expect("count");
    pool.close().await;
    assert_eq!(sent, 0, "nothing was accepted, so nothing is marked sent");
    assert!(tried >= 1, "the kill came while a message was being sent");
    assert!(sink.received().is_empty());

    sink.set_mode(Mode::Accept);
    let _server = start(&path, &sink).await;
    let received = sink.wait_for(MESSAGES, Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    let received = sink.received().len().max(received.len());
    let ids: Vec<String> = sink
        .received()
        .iter()
        .filter_map(|m| m.message_id())
        .collect();
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(received, MESSAGES, "each message delivered exactly once");
    assert_eq!(distinct, queued, "with the Message-ID it was queued with");
}
