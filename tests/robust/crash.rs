//! The real binary killed with SIGKILL in the middle of writing, ten times over: each restart
//! finds a whole database holding every write it had acknowledged – updates and evidence
//! files, byte for byte – nothing half-written, and an intact audit chain.

use std::time::Duration;

use scrutineer::db;
use scrutineer::domain::vocab::Role;

use crate::load;
use crate::support::{self, Binary};

const ROUNDS: usize = 10;
const WRITERS: usize = 4;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_server_mid_write_ten_times_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().expect("dir");
    let path = support::database_in(&dir);
    let emails = support::prepare_database(&path, Role::Office, WRITERS).await;
    let mut rng = fastrand::Rng::with_seed(10);
    let mut acknowledged: Vec<String> = Vec::new();
    let mut files: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut server = Binary::start(&path, support::free_port()).await;
        let load = load::start(&server.base, &emails, &format!("crash r{round}")).await;
        load.wait_for_a_write().await;
        tokio::time::sleep(Duration::from_millis(rng.u64(200..1200))).await;
        server.child.kill().expect("SIGKILL"); // std sends SIGKILL on Unix
        server.child.wait().expect("reap");
        let outcome = load.finish(false).await;
        assert!(
            outcome.unexpected.is_empty(),
            "round {round}: {:?}",
            outcome.unexpected
        );
        assert!(
            !outcome.acknowledged.is_empty(),
            "round {round} wrote something"
        );
        acknowledged.extend(outcome.acknowledged);
        files.extend(outcome.files);
        assert_everything_acknowledged_survived(&path, round, &acknowledged).await;
        assert_every_acknowledged_file_survived(&path, round, &files).await;
    }
    eprintln!(
        "{ROUNDS} kills, {} acknowledged writes and {} files all present",
        acknowledged.len(),
        files.len()
    );
}

async fn assert_everything_acknowledged_survived(
    path: &std::path::Path,
    round: usize,
    acknowledged: &[String],
) {
    let pool = db::connect(path).await.expect("reopen after the kill");
    assert_eq!(support::integrity(&pool).await, "ok", "round {round}");
    let stored: Vec<String> =
        sqlx::query_scalar("select narrative from progress_updates where narrative like 'crash %'")
            .fetch_all(&pool)
            .await
            .expect("updates");
    let mut seen = std::collections::HashMap::new();
    for s in &stored {
        *seen.entry(s.as_str()).or_insert(0) += 1;
    }
    assert!(
        seen.values().all(|n| *n == 1),
        "round {round}: a write stored twice"
    );
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|a| !seen.contains_key(a.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "round {round}: acknowledged but lost: {missing:?}"
    );
    support::assert_intact(db::audit::verify(&pool).await.expect("verify"));
    let events: i64 = sqlx::query_scalar(
        "select count(*) from audit_events
         where entity = 'progress_update' and json_extract(after, '$.narrative') like 'crash %'",
    )
    .fetch_one(&pool)
    .await
    .expect("events");
    assert_eq!(
        events,
        stored.len() as i64,
        "round {round}: every stored update has its audit event, and no event lacks its update"
    );
    pool.close().await;
}

/// Every file acknowledged is there with its bytes; no file is there without its bytes or its
/// audit event; and every stored file still matches its SHA-256.
async fn assert_every_acknowledged_file_survived(
    path: &std::path::Path,
    round: usize,
    acknowledged: &[String],
) {
    let pool = db::connect(path).await.expect("reopen after the kill");
    for marker in acknowledged {
        let id: Option<i64> = sqlx::query_scalar("select id from evidence_files where name = ?")
            .bind(format!("{marker}.txt"))
            .fetch_optional(&pool)
            .await
            .expect("file");
        let id = id.unwrap_or_else(|| panic!("round {round}: file {marker} acknowledged but lost"));
        let content = db::evidence::content(&pool, id).await.expect("content");
        assert_eq!(
            content,
            Some(load::file_content(marker)),
            "round {round}: file {marker}"
        );
    }
    let (files, events): (i64, i64) = sqlx::query_as(
        "select (select count(*) from evidence_files),
                (select count(*) from audit_events where entity = 'evidence_file' and action = 'attach')",
    )
    .fetch_one(&pool)
    .await
    .expect("counts");
    assert_eq!(
        files, events,
        "round {round}: every file has its audit event"
    );
    let (report, intact) = scrutineer::startup::audit_verify(&pool)
        .await
        .expect("verify");
    assert!(intact, "round {round}: {report}");
    pool.close().await;
}
