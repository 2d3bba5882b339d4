//! Online backups: the one way a copy is taken and checked (`scrutineer backup`, the schedule
//! and the restore drill all use it), and the schedule `--backup-dir` runs while serving.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

use crate::db::backups::{self as runs, Outcome};
use crate::db::maintenance;
use crate::domain::backups::{self as rules, Failure, Plan};
use crate::domain::dates::Clock;

/// A copy that was written and passed its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    pub bytes: i64,
    pub audit_events: i64,
}

/// Write a consistent copy of the live database to `dest` (a new file) while it serves, then
/// check the copy: SQLite's integrity check, the schema and protective triggers, the audit
/// chain and every append-only table against it. The copy is written beside `dest` and takes
/// its name only once it passed, so a file of that name is always a checked copy.
pub async fn take(pool: &SqlitePool, dest: &Path) -> Result<Taken, String> {
    if dest.exists() {
        return Err(format!(
            "{} already exists; choose a new file name",
            dest.display()
        ));
    }
    let partial = PathBuf::from(format!("{}.partial", dest.display()));
    let _ = std::fs::remove_file(&partial);
    let checked = async {
        maintenance::backup_into(pool, &partial)
            .await
            .map_err(|e| format!("cannot write the backup {}: {e}", dest.display()))?;
        let audit_events = verify(&partial)
            .await
            .map_err(|why| format!("the backup {} is unusable: {why}", dest.display()))?;
        // The copy must survive a power cut as well as the database does.
        let file = std::fs::File::open(&partial).map_err(|e| e.to_string())?;
        file.sync_all().map_err(|e| e.to_string())?;
        let bytes = file.metadata().map_err(|e| e.to_string())?.len();
        Ok(Taken {
            bytes: i64::try_from(bytes).unwrap_or(i64::MAX),
            audit_events,
        })
    }
    .await;
    match checked {
        Ok(taken) => {
            std::fs::rename(&partial, dest)
                .map_err(|e| format!("cannot name the backup {}: {e}", dest.display()))?;
            if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
                let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
            }
            Ok(taken)
        }
        Err(why) => {
            let _ = std::fs::remove_file(&partial);
            Err(why)
        }
    }
}

/// Check a backup file without changing it: whole, a Scrutineer database with every
/// protective trigger, and a record that passes `scrutineer audit verify`. Returns its
/// audit event count, or what is wrong in words.
pub async fn verify(file: &Path) -> Result<i64, String> {
    maintenance::check_backup(file).await?;
    let options = SqliteConnectOptions::new()
        .filename(file)
        .read_only(true)
        .create_if_missing(false);
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .map_err(|e| format!("it cannot be opened: {e}"))?;
    let checked = async {
        let (report, intact) = crate::startup::audit_verify(&pool)
            .await
            .map_err(|e| format!("its audit log cannot be read: {e:#}"))?;
        if !intact {
            let broken: Vec<&str> = report.lines().filter(|l| !l.starts_with("OK")).collect();
            return Err(format!(
                "its record fails the audit check: {}",
                broken.join("; ")
            ));
        }
        crate::db::audit::count(&pool)
            .await
            .map_err(|e| format!("its audit log cannot be read: {e}"))
    }
    .await;
    pool.close().await;
    checked
}

/// The newest scheduled run's failure, for the notice on admins' pages; clear once a backup
/// verifies again.
#[derive(Debug, Default)]
pub struct Health {
    failure: RwLock<Option<Failure>>,
}

impl Health {
    pub fn failure(&self) -> Option<Failure> {
        self.failure
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set(&self, failure: Option<Failure>) {
        *self.failure.write().unwrap_or_else(|e| e.into_inner()) = failure;
    }

    /// As the newest recorded run left it (at start-up).
    pub async fn load(pool: &SqlitePool) -> Result<Self, sqlx::Error> {
        let health = Self::default();
        if let Some(run) = runs::find_latest(pool).await?
            && !run.verified()
        {
            health.set(Some(Failure {
                at: parse_stored(&run.started_at).unwrap_or_default(),
                problem: run.problem.unwrap_or_default(),
            }));
        }
        Ok(health)
    }
}

fn parse_stored(at: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// A name in `dir` for a copy taken at `at` that no file has yet (a later millisecond if
/// need be, so names still sort as the copies were taken).
fn free_name(dir: &Path, mut at: DateTime<Utc>) -> PathBuf {
    loop {
        let path = dir.join(rules::file_name(at));
        if !path.exists() {
            return path;
        }
        at += chrono::Duration::milliseconds(1);
    }
}

/// The schedule's copies in `dir`, oldest first.
pub fn copies_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| rules::is_backup_file(name))
        .collect();
    names.sort();
    Ok(names.into_iter().map(|name| dir.join(name)).collect())
}

/// Take one scheduled backup into the plan's folder, check it, record and log the outcome,
/// and after a verified copy delete the oldest beyond the plan's number kept.
pub async fn run_once(pool: &SqlitePool, clock: &Clock, plan: &Plan, health: &Health) -> Outcome {
    let started = clock.now();
    let dest = free_name(&plan.dir, started);
    let outcome = match std::fs::create_dir_all(&plan.dir) {
        Err(e) => Err(format!(
            "cannot create the backup folder {}: {e}",
            plan.dir.display()
        )),
        Ok(()) => take(pool, &dest).await,
    };
    let outcome = match outcome {
        Ok(taken) => {
            tracing::info!(
                file = %dest.display(),
                bytes = taken.bytes,
                audit_events = taken.audit_events,
                "backup taken and verified (integrity check and audit chain)"
            );
            health.set(None);
            Outcome::Verified {
                bytes: taken.bytes,
                audit_events: taken.audit_events,
            }
        }
        Err(problem) => {
            tracing::error!(file = %dest.display(), %problem, "backup failed");
            health.set(Some(Failure {
                at: started,
                problem: problem.clone(),
            }));
            Outcome::Failed { problem }
        }
    };
    let file = dest.to_string_lossy();
    if let Err(e) = runs::insert(pool, started, clock.now(), &file, &outcome).await {
        tracing::error!(error = %e, "cannot record the backup run");
    }
    if matches!(outcome, Outcome::Verified { .. }) {
        prune(pool, clock, plan).await;
    }
    outcome
}

async fn prune(pool: &SqlitePool, clock: &Clock, plan: &Plan) {
    let names: Vec<String> = match copies_in(&plan.dir) {
        Ok(copies) => copies
            .iter()
            .filter_map(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
            .collect(),
        Err(e) => {
            tracing::error!(dir = %plan.dir.display(), error = %e, "cannot list the backups");
            return;
        }
    };
    for name in rules::to_prune(&names, plan.keep) {
        let path = plan.dir.join(&name);
        match std::fs::remove_file(&path) {
            Ok(()) => {
                tracing::info!(file = %path.display(), keep = plan.keep, "removed an old backup");
                let file = path.to_string_lossy();
                if let Err(e) = runs::mark_removed(pool, &file, clock.now()).await {
                    tracing::error!(error = %e, "cannot record the removed backup");
                }
            }
            Err(e) => tracing::error!(file = %path.display(), error = %e, "cannot remove a backup"),
        }
    }
}

/// Run the plan until `stop` completes: the first backup when due (see
/// [`rules::first_wait`]), then one every interval. A backup under way when `stop` completes
/// is finished first; await the handle before closing the pool.
pub fn spawn(
    pool: SqlitePool,
    clock: Clock,
    plan: Plan,
    health: Arc<Health>,
    stop: impl Future<Output = ()> + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        tracing::info!(
            dir = %plan.dir.display(),
            every_secs = plan.every.as_secs_f64(),
            keep = plan.keep,
            "scheduled backups"
        );
        let newest = match runs::find_latest(&pool).await {
            Ok(run) => run.and_then(|r| Some((parse_stored(&r.started_at)?, r.verified()))),
            Err(e) => {
                tracing::error!(error = %e, "cannot read the backup log");
                None
            }
        };
        let mut wait = rules::first_wait(newest, clock.now(), plan.every);
        tokio::pin!(stop);
        loop {
            tokio::select! {
                () = tokio::time::sleep(wait) => {}
                () = &mut stop => break,
            }
            run_once(&pool, &clock, &plan, &health).await;
            wait = plan.every;
        }
        tracing::info!("scheduled backups stopped");
    })
}

/// The restore drill: restore the newest copy in `dir` into a scratch database, open it as
/// the server would and run the audit check on it, then remove the scratch copy. Returns
/// the report to print and whether it passed.
pub async fn drill(dir: &Path) -> anyhow::Result<(String, bool)> {
    let newest = copies_in(dir)
        .map_err(|e| anyhow::anyhow!("cannot read the backup folder {}: {e}", dir.display()))?
        .pop()
        .ok_or_else(|| anyhow::anyhow!("there are no backups in {}", dir.display()))?;
    let scratch = tempfile_dir()?;
    let target = scratch.join("drill.db");
    let result = async {
        crate::startup::restore(&target, &newest, false).await?;
        let pool = crate::startup::open(&target).await?;
        let checked = crate::startup::audit_verify(&pool).await;
        pool.close().await;
        checked
    }
    .await;
    let _ = std::fs::remove_dir_all(&scratch);
    let (report, intact) = result?;
    let verdict = if intact {
        "The drill passed: this backup restores to a working, intact database."
    } else {
        "The drill FAILED: this backup does not restore to an intact database."
    };
    Ok((
        format!(
            "Restored {} into a scratch database and checked it:\n{report}\n{verdict}",
            newest.display()
        ),
        intact,
    ))
}

/// A new, private folder for the drill's scratch database.
fn tempfile_dir() -> anyhow::Result<PathBuf> {
    let base = std::env::temp_dir();
    let stamp = Utc::now().format("%Y%m%dT%H%M%S%.6f");
    let dir = base.join(format!("scrutineer-drill-{}-{stamp}", std::process::id()));
    std::fs::create_dir(&dir)
        .map_err(|e| anyhow::anyhow!("cannot make a scratch folder {}: {e}", dir.display()))?;
    Ok(dir)
}
