//! Start-up faults explained, through the real binary: a database path in a folder that does
//! not exist or is not writable, a file that is not a SQLite database, a database another
//! process holds locked – each one line on stderr saying which, and a failure exit code (1,
//! not a panic's 101).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sqlx::{Connection, SqliteConnection};

use crate::support;

/// Start `scrutineer serve` on `database`; it must exit by itself: its stderr, trimmed.
fn serve_expecting_refusal(database: &Path, as_user: impl FnOnce(&mut Command)) -> String {
    let mut command = support::binary_command(database);
    command
        .args(["serve", "--no-example-data", "--bind"])
        .arg(format!("127.0.0.1:{}", support::free_port()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    as_user(&mut command);
    let mut child = command.spawn().expect("start");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!(
                "the server started instead of refusing {}",
                database.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut stderr)
        .expect("read stderr");
    assert_eq!(
        status.code(),
        Some(1),
        "a failure exit, not a panic: {stderr}"
    );
    let stderr = stderr.trim().to_string();
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    stderr
}

fn as_is(_: &mut Command) {}

#[test]
fn a_database_in_a_folder_that_does_not_exist_is_refused_saying_so() {
    let dir = tempfile::tempdir().expect("dir");
    let missing = dir.path().join("not-made-yet");
    let message = serve_expecting_refusal(&missing.join("scrutineer.db"), as_is);
    assert!(
        message.contains(&format!("the folder {} does not exist", missing.display())),
        "{message}"
    );
    assert!(!missing.exists(), "nothing was created");
}

#[test]
fn a_database_in_a_folder_that_is_not_writable_is_refused_saying_so() {
    let dir = tempfile::tempdir().expect("dir");
    let locked = dir.path().join("read-only");
    std::fs::create_dir(&locked).expect("dir");
    // Others may pass through the temporary folder; nobody may write in the inner one.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root writes anywhere: run the binary as nobody then, as a service account would be.
    let message = serve_expecting_refusal(&locked.join("scrutineer.db"), |command| {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            std::os::unix::process::CommandExt::uid(command, 65534);
            std::os::unix::process::CommandExt::gid(command, 65534);
        }
    });
    assert!(
        message.contains(&format!(
            "the folder {} is not writable by this user",
            locked.display()
        )),
        "{message}"
    );
}

#[test]
fn a_file_that_is_not_a_sqlite_database_is_refused_saying_so() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("notes.txt");
    let text = "Minutes of the panel meeting, typed into the wrong file.\n".repeat(200);
    std::fs::write(&path, &text).expect("write");
    let message = serve_expecting_refusal(&path, as_is);
    assert!(
        message.contains("is not a SQLite database")
            && message.contains("Check that --database names the right file"),
        "{message}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        text,
        "left as it was"
    );
}

#[tokio::test]
async fn a_database_another_process_holds_locked_is_refused_saying_so() {
    let dir = tempfile::tempdir().expect("dir");
    let path = support::database_in(&dir);
    scrutineer::startup::open(&path)
        .await
        .expect("open")
        .close()
        .await;
    // Another program takes the database for itself: exclusive locking mode, a write begun.
    let mut other = SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("connect");
    sqlx::raw_sql(
        "pragma locking_mode = exclusive; begin exclusive; \
         create table held_by_another_program (x);",
    )
    .execute(&mut other)
    .await
    .expect("hold the lock");
    let database = path.clone();
    let message = tokio::task::spawn_blocking(move || serve_expecting_refusal(&database, as_is))
        .await
        .expect("refused");
    assert!(
        message.contains("another program holds its lock"),
        "{message}"
    );
    sqlx::raw_sql("rollback")
        .execute(&mut other)
        .await
        .expect("let go");
}
