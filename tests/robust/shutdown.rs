//! A safe start and stop of the real binary: SIGTERM lets a request in flight finish, and a
//! database from a newer version (or a damaged one) is refused with a clear message.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::{Duration, Instant};

use scrutineer::db::audit::Actor;
use scrutineer::domain::vocab::Role;
use scrutineer::{db, startup};

use crate::support::{self, Binary, Browser};

#[tokio::test]
async fn sigterm_lets_a_request_in_flight_finish_and_the_server_exits_cleanly() {
    let dir = tempfile::tempdir().expect("dir");
    let path = support::database_in(&dir);
    let emails = support::prepare_database(&path, Role::Office, 1).await;
    let mut server = Binary::start(&path, support::free_port()).await;
    let mut browser = Browser::new(&server.base, None);
    browser.sign_in(&emails[0]).await.expect("sign in");

    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("as_at_day", "1"),
            ("as_at_month", "3"),
            ("as_at_year", "2026"),
            ("rag", "green"),
            ("narrative", "sent while the server was stopping"),
            ("csrf_token", browser.csrf.as_str()),
        ])
        .finish();
    let head = format!(
        "POST /actions/1/updates HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n",
        host = server.base.trim_start_matches("http://"),
        cookie = browser.cookie_header(),
        len = body.len(),
    );
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream =
        TcpStream::connect(server.base.trim_start_matches("http://")).expect("connect");
    stream.write_all(head.as_bytes()).expect("send headers");
    stream
        .write_all(first.as_bytes())
        .expect("send half the body");
    std::thread::sleep(Duration::from_millis(300));
    // SAFETY: kill(2) with a child's pid and a signal number has no memory effects.
    assert_eq!(unsafe { libc::kill(server.pid(), libc::SIGTERM) }, 0);
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        server.child.try_wait().expect("status").is_none(),
        "the server waits for the request in flight"
    );
    stream.write_all(rest.as_bytes()).expect("send the rest");
    let mut response = String::new();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream.read_to_string(&mut response).expect("read response");
    assert!(
        response.starts_with("HTTP/1.1 303"),
        "the request finished: {response}"
    );
    assert!(
        response
            .to_ascii_lowercase()
            .contains("location: /actions/1#update-")
    );

    let status = wait_for_exit(&mut server.child, Duration::from_secs(20));
    assert!(status.success(), "a clean exit after SIGTERM: {status}");
    let pool = db::connect(&path).await.expect("reopen");
    let saved: i64 = sqlx::query_scalar(
        "select count(*) from progress_updates where narrative = 'sent while the server was stopping'",
    )
    .fetch_one(&pool)
    .await
    .expect("count");
    assert_eq!(saved, 1, "the update was saved");
    assert_eq!(support::integrity(&pool).await, "ok");
}

#[tokio::test]
async fn the_binary_refuses_a_database_written_by_a_newer_version_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("dir");
    let path = support::database_in(&dir);
    let pool = startup::open(&path).await.expect("open");
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         values (999999, 'from the future', 1, x'00', 0)",
    )
    .execute(&pool)
    .await
    .expect("insert");
    pool.close().await;

    let (status, stderr) = run_server_expecting_exit(&path);
    assert!(!status.success(), "refused with a failure exit code");
    assert!(
        stderr.contains("newer version of Scrutineer") && stderr.contains("schema 999999"),
        "a clear message: {stderr}"
    );
}

#[tokio::test]
async fn the_binary_refuses_a_damaged_database_and_says_to_restore_a_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let path = support::database_in(&dir);
    let pool = startup::open(&path).await.expect("open");
    let clock = scrutineer::domain::dates::Clock::system();
    db::seed::load_example(&pool, clock.now(), clock.today(), &Actor::system("test"))
        .await
        .expect("seed");
    sqlx::query("pragma wal_checkpoint(truncate)")
        .execute(&pool)
        .await
        .expect("checkpoint");
    pool.close().await;
    // Scribble over the middle of the file, as a failing disk might.
    let mut bytes = std::fs::read(&path).expect("read");
    let page = 4096;
    let middle = (bytes.len() / page / 2) * page;
    for b in &mut bytes[middle..middle + page] {
        *b = 0xA5;
    }
    std::fs::write(&path, bytes).expect("write");

    let (status, stderr) = run_server_expecting_exit(&path);
    assert!(!status.success(), "refused with a failure exit code");
    // Which of the two it says depends on what the scribbled page held (SQLite refusing the
    // file, or its integrity check failing); either way it says to restore a backup.
    assert!(
        (stderr.contains("is damaged") || stderr.contains("failed its integrity check"))
            && stderr.contains("scrutineer restore FILE --force"),
        "a clear message: {stderr}"
    );
}

/// Run `scrutineer serve` on a database it should refuse; its exit status and stderr.
fn run_server_expecting_exit(path: &std::path::Path) -> (std::process::ExitStatus, String) {
    let mut child = support::binary_command(path)
        .args(["serve", "--no-example-data", "--bind"])
        .arg(format!("127.0.0.1:{}", support::free_port()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let status = wait_for_exit(&mut child, Duration::from_secs(30));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read stderr");
    (status, stderr)
}

fn wait_for_exit(child: &mut std::process::Child, limit: Duration) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("status") {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("the process did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
