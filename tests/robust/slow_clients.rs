//! Slow clients cannot hold the server: a request head or body that does not arrive in time
//! ends the connection, and connections over the limit wait for a free one.

use std::time::{Duration, Instant};

use scrutineer::domain::dates::Clock;
use scrutineer::server::Limits;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::LocalServer;

fn limits(header_read: u64, body: u64, connections: usize) -> Limits {
    Limits {
        header_read: Duration::from_secs(header_read),
        body: Duration::from_secs(body),
        connections,
    }
}

async fn connect(server: &LocalServer) -> TcpStream {
    let address = server.base.trim_start_matches("http://");
    TcpStream::connect(address).await.expect("connect")
}

/// Everything the server sends until it closes the connection (bounded, so a server that
/// never closes fails the test instead of hanging it).
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> String {
    let mut received = Vec::new();
    let read = tokio::time::timeout(within, async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the server kept the connection open");
    String::from_utf8_lossy(&received).into_owned()
}

#[tokio::test]
async fn a_client_that_stalls_in_its_request_head_is_disconnected_within_the_timeout() {
    let server = LocalServer::start_seeded_with(Clock::system(), limits(1, 30, 64)).await;
    let mut stalled = connect(&server).await;
    let mut silent = connect(&server).await;
    let started = Instant::now();
    stalled
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: abc")
        .await
        .expect("write");
    let answer = read_until_closed(&mut stalled, Duration::from_secs(5)).await;
    let elapsed = started.elapsed();
    assert!(!answer.contains("200 OK"), "{answer}");
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
    // A connection that never says anything goes the same way.
    read_until_closed(&mut silent, Duration::from_secs(5)).await;
    // The server still answers everyone else.
    let reply = server.client().get("/healthz").await.expect("healthz");
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn a_request_body_that_trickles_is_cut_off_with_408() {
    let server = LocalServer::start_seeded_with(Clock::system(), limits(10, 1, 64)).await;
    let mut stream = connect(&server).await;
    let started = Instant::now();
    stream
        .write_all(
            b"POST /sign-in HTTP/1.1\r\nHost: localhost\r\n\
              Content-Type: application/x-www-form-urlencoded\r\n\
              Sec-Fetch-Site: same-origin\r\nContent-Length: 1000\r\n\r\nemail=",
        )
        .await
        .expect("write");
    let (mut reader, mut writer) = stream.into_split();
    // One byte every 100 ms would take 100 s to send the whole body.
    let trickle = tokio::spawn(async move {
        for _ in 0..100 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            if writer.write_all(b"a").await.is_err() {
                break;
            }
        }
    });
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(6), reader.read_to_end(&mut received));
    assert!(read.await.is_ok(), "the server kept reading the trickle");
    let elapsed = started.elapsed();
    trickle.abort();
    let answer = String::from_utf8_lossy(&received);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn connections_over_the_limit_wait_until_a_stalled_one_is_cut() {
    let server = LocalServer::start_seeded_with(Clock::system(), limits(2, 30, 2)).await;
    let mut first = connect(&server).await;
    let mut second = connect(&server).await;
    for stream in [&mut first, &mut second] {
        stream
            .write_all(b"GET / HTTP/1.1\r\n")
            .await
            .expect("write");
    }
    // Both slots are taken: a third client is not served until one is cut.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    let mut third = connect(&server).await;
    third
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    let answer = read_until_closed(&mut third, Duration::from_secs(8)).await;
    let waited = started.elapsed();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(waited >= Duration::from_millis(1000), "{waited:?}");
    read_until_closed(&mut first, Duration::from_secs(5)).await;
    read_until_closed(&mut second, Duration::from_secs(5)).await;
}
