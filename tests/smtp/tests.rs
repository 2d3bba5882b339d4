//! The sink against lettre (the app's own mail client) and against a hand-typed conversation.

use std::time::Duration;

use lettre::message::MultiPart;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::{Mode, SmtpSink};

const SOON: Duration = Duration::from_secs(5);

fn mailer(url: &str) -> AsyncSmtpTransport<Tokio1Executor> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .expect("a valid SMTP URL")
        .timeout(Some(Duration::from_secs(1)))
        .build()
}

fn update_request(to: &str) -> Message {
    Message::builder()
        .from(
            "Scrutineer <noreply@scrutineer.test>"
                .parse()
                .expect("from"),
        )
        .to(to.parse().expect("to"))
        .subject("Update requested – 12 March")
        .message_id(Some("<round-7.ab12@scrutineer.test>".to_owned()))
        .multipart(MultiPart::alternative_plain_html(
            "Please send an update by 12 March – thank you.".to_owned(),
            "<p>Please send an update by <strong>12 March</strong> – thank you.</p>".to_owned(),
        ))
        .expect("a valid message")
}

#[tokio::test]
async fn a_multipart_message_sent_by_lettre_with_credentials_is_received_decoded() {
    let sink = SmtpSink::start().await;
    let url = format!("smtp://robot:s3cret@127.0.0.1:{}", sink.port());

    mailer(&url)
        .send(update_request("Lead Officer <lead@force.test>"))
        .await
        .expect("the sink accepts the message");

    let received = sink.wait_for(1, SOON).await;
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert_eq!(message.from, "noreply@scrutineer.test");
    assert_eq!(message.to, vec!["lead@force.test".to_owned()]);
    assert_eq!(message.subject(), "Update requested – 12 March");
    assert_eq!(
        message.message_id().as_deref(),
        Some("round-7.ab12@scrutineer.test")
    );
    assert_eq!(
        message.header("message-id").as_deref(),
        Some("<round-7.ab12@scrutineer.test>")
    );
    assert_eq!(
        message.text().trim_end(),
        "Please send an update by 12 March – thank you."
    );
    assert!(
        message
            .html()
            .contains("<strong>12 March</strong> – thank you.")
    );
    assert!(message.header("X-Not-There").is_none());
}

#[tokio::test]
async fn a_message_the_sink_fails_refuses_or_stalls_is_an_error_and_not_received() {
    let sink = SmtpSink::start().await;
    let mailer = mailer(&sink.url());

    for mode in [Mode::TempFail, Mode::Reject] {
        sink.set_mode(mode);
        let sent = mailer.send(update_request("lead@force.test")).await;
        assert!(sent.is_err(), "{mode:?} should make the send fail");
    }
    // lettre's own timeout covers only connecting, so against a stalled relay a send waits
    // for ever unless the caller puts a limit on it.
    sink.set_mode(Mode::Stall);
    let send = mailer.send(update_request("lead@force.test"));
    let stalled = tokio::time::timeout(Duration::from_millis(500), send).await;
    assert!(stalled.is_err(), "a stalled message is never answered");
    assert!(sink.received().is_empty());

    sink.set_mode(Mode::Accept);
    mailer
        .send(update_request("lead@force.test"))
        .await
        .expect("accepted again");
    assert_eq!(sink.received().len(), 1);
}

#[tokio::test]
async fn a_sink_stopped_and_started_again_on_its_port_receives_again() {
    let sink = SmtpSink::start().await;
    let (port, url) = (sink.port(), sink.url());
    let mailer = mailer(&url);
    mailer
        .send(update_request("lead@force.test"))
        .await
        .expect("before the outage");

    let open = TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let mut open = BufReader::new(open);
    assert!(say(&mut open, "").await.starts_with("220 "));

    sink.stop().await;
    let mut rest = String::new();
    let closed = tokio::time::timeout(SOON, open.read_line(&mut rest)).await;
    assert!(
        matches!(closed, Ok(Ok(0) | Err(_))),
        "an open connection ends with the outage"
    );
    let during = mailer.send(update_request("lead@force.test")).await;
    assert!(during.is_err(), "nothing listens during the outage");

    let sink = SmtpSink::start_on(port).await;
    assert_eq!(sink.url(), url);
    mailer
        .send(update_request("lead@force.test"))
        .await
        .expect("after the outage");
    assert_eq!(sink.wait_for(1, SOON).await.len(), 1);
}

/// Sends one line and returns the sink's whole reply (every line of a multi-line one).
async fn say(stream: &mut BufReader<TcpStream>, line: &str) -> String {
    if !line.is_empty() {
        stream
            .get_mut()
            .write_all(format!("{line}\r\n").as_bytes())
            .await
            .expect("write");
    }
    let mut reply = String::new();
    loop {
        let mut next = String::new();
        stream.read_line(&mut next).await.expect("read a reply");
        reply.push_str(&next);
        // The last line of a reply has a space after its code, the others a hyphen.
        if next.len() < 4 || next.as_bytes()[3] != b'-' {
            return reply;
        }
    }
}

#[tokio::test]
async fn one_connection_can_log_in_and_send_two_messages_with_dot_stuffing_undone() {
    let sink = SmtpSink::start().await;
    let stream = TcpStream::connect(("127.0.0.1", sink.port()))
        .await
        .expect("connect");
    let mut stream = BufReader::new(stream);

    assert!(say(&mut stream, "").await.starts_with("220 "));
    let ehlo = say(&mut stream, "EHLO client.test").await;
    assert!(ehlo.contains("250-AUTH PLAIN LOGIN\r\n") && ehlo.contains("8BITMIME"));
    assert!(!ehlo.contains("STARTTLS"));
    assert!(
        say(&mut stream, "AUTH LOGIN")
            .await
            .starts_with("334 VXNlcm5hbWU6")
    );
    assert!(
        say(&mut stream, "cm9ib3Q=")
            .await
            .starts_with("334 UGFzc3dvcmQ6")
    );
    assert!(say(&mut stream, "czNjcmV0").await.starts_with("235 "));

    for (n, subject) in [(1, "First"), (2, "Second")] {
        assert!(
            say(&mut stream, "MAIL FROM:<a@scrutineer.test> BODY=8BITMIME")
                .await
                .starts_with("250 ")
        );
        assert!(
            say(&mut stream, "RCPT TO:<b@force.test>")
                .await
                .starts_with("250 ")
        );
        assert!(
            say(&mut stream, "RCPT TO:<c@force.test>")
                .await
                .starts_with("250 ")
        );
        assert!(say(&mut stream, "DATA").await.starts_with("354 "));
        let body = format!("Subject: {subject}\r\n\r\nline one\r\n..leading dot\r\n.");
        let queued = say(&mut stream, &body).await;
        assert_eq!(queued, format!("250 2.0.0 Ok: queued as {n}\r\n"));
        assert!(say(&mut stream, "NOOP").await.starts_with("250 "));
    }
    assert!(say(&mut stream, "RSET").await.starts_with("250 "));
    assert!(
        say(&mut stream, "DATA").await.starts_with("503 "),
        "no recipients after RSET"
    );
    assert!(say(&mut stream, "QUIT").await.starts_with("221 "));

    let received = sink.received();
    let subjects: Vec<String> = received.iter().map(|message| message.subject()).collect();
    assert_eq!(subjects, ["First", "Second"]);
    assert_eq!(received[1].to, ["b@force.test", "c@force.test"]);
    assert_eq!(
        received[1].raw,
        "Subject: Second\r\n\r\nline one\r\n.leading dot\r\n"
    );
    assert_eq!(received[1].text(), "line one\r\n.leading dot\r\n");
    assert_eq!(received[1].html(), "");
}
