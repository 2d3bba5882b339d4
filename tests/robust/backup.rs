//! `scrutineer backup` run against the live database while the real server takes writes, then
//! `scrutineer restore`: the copy is whole, holds everything acknowledged before it began, and
//! a server starts from it.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use scrutineer::db;
use scrutineer::domain::vocab::Role;

use crate::load;
use crate::support::{self, Binary, Browser};

fn run(database: &Path, args: &[&str]) -> Output {
    support::binary_command(database)
        .args(args)
        .output()
        .expect("run scrutineer")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_the_server_takes_writes_restores_to_a_working_server() {
    let dir = tempfile::tempdir().expect("dir");
    let live = support::database_in(&dir);
    let emails = support::prepare_database(&live, Role::Office, 4).await;
    let server = Binary::start(&live, support::free_port()).await;
    let load = load::start(&server.base, &emails, "backup").await;
    load.wait_for_a_write().await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let before_backup = load.acknowledged();
    let file = dir.path().join("copy.db");
    let backup = run(&live, &["backup", file.to_str().expect("path")]);
    assert!(
        backup.status.success(),
        "backup: {}",
        String::from_utf8_lossy(&backup.stderr)
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let outcome = load.finish(true).await;
    assert!(outcome.unexpected.is_empty(), "{:?}", outcome.unexpected);
    assert!(
        outcome.acknowledged.len() > before_backup.len(),
        "writes went on while the backup was taken"
    );
    drop(server);

    let mut copy = db::maintenance::open_read_only(&file)
        .await
        .expect("open copy");
    assert_eq!(
        db::maintenance::integrity_check(&mut copy)
            .await
            .expect("check"),
        "ok"
    );
    support::assert_intact(db::audit::verify(&mut copy).await.expect("verify"));
    let stored: Vec<String> = sqlx::query_scalar(
        "select narrative from progress_updates where narrative like 'backup %'",
    )
    .fetch_all(&mut copy)
    .await
    .expect("updates");
    let missing: Vec<&String> = before_backup
        .iter()
        .filter(|m| !stored.contains(m))
        .collect();
    assert!(
        missing.is_empty(),
        "acknowledged before the backup, missing from it: {missing:?}"
    );
    drop(copy);

    let refused = run(&live, &["restore", file.to_str().expect("path")]);
    assert!(
        !refused.status.success(),
        "restore over a database needs --force"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    let restored = dir.path().join("restored.db");
    let restore = run(&restored, &["restore", file.to_str().expect("path")]);
    assert!(
        restore.status.success(),
        "restore: {}",
        String::from_utf8_lossy(&restore.stderr)
    );

    let server = Binary::start(&restored, support::free_port()).await;
    let mut browser = Browser::new(&server.base, None);
    browser
        .sign_in(&emails[0])
        .await
        .expect("sign in to the restored copy");
    let first = before_backup.first().expect("a write before the backup");
    let action = 1 + first
        .rsplit_once(" n")
        .and_then(|(_, i)| i.parse::<usize>().ok())
        .expect("marker number")
        % 3;
    let page = browser
        .get(&format!("/actions/{action}"))
        .await
        .expect("page");
    assert!(
        page.body.contains(first.as_str()),
        "the restored server shows {first}"
    );
}

#[tokio::test]
async fn the_server_takes_checked_backups_on_its_schedule_keeps_the_newest_and_stops_cleanly() {
    let dir = tempfile::tempdir().expect("dir");
    let live = support::database_in(&dir);
    support::prepare_database(&live, Role::Office, 1).await;
    let folder = dir.path().join("backups");
    let folder_arg = folder.to_str().expect("path");
    let mut server = Binary::start_with(
        &live,
        support::free_port(),
        &[
            "--backup-dir",
            folder_arg,
            "--backup-every-ms",
            "200",
            "--backup-keep",
            "2",
        ],
    )
    .await;

    let pool = db::connect(&live).await.expect("open");
    let started = std::time::Instant::now();
    loop {
        let runs: i64 =
            sqlx::query_scalar("select count(*) from backup_runs where outcome = 'verified'")
                .fetch_one(&pool)
                .await
                .expect("count");
        if runs >= 4 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "four verified backups within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    pool.close().await;

    // SAFETY: kill(2) with a child's pid and a signal number has no memory effects.
    assert_eq!(unsafe { libc::kill(server.pid(), libc::SIGTERM) }, 0);
    let stopping = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("status") {
            break status;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(20),
            "the server and its backup schedule stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert!(status.success(), "a clean exit: {status}");

    let copies = scrutineer::backups::copies_in(&folder).expect("list");
    assert_eq!(copies.len(), 2, "only the newest two are kept: {copies:?}");
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .expect("read")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no half-written copy: {leftovers:?}");
    for copy in &copies {
        let events = scrutineer::backups::verify(copy).await.expect("verified");
        assert!(events > 0, "{} holds the record", copy.display());
    }

    let drill = run(&live, &["restore-drill", folder_arg]);
    let out = String::from_utf8_lossy(&drill.stdout);
    assert!(
        drill.status.success(),
        "drill: {out}{}",
        String::from_utf8_lossy(&drill.stderr)
    );
    assert!(out.contains("The drill passed"), "{out}");
    let newest = copies.last().expect("newest").display().to_string();
    assert!(
        out.contains(&newest),
        "the drill restores the newest: {out}"
    );
}
