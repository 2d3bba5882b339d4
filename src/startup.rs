//! Start-up: open and migrate the database, load example data, make the first admin, serve.

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;

use crate::config::{
    AuditCommand, Cli, Command, ExampleCommand, PackageCommand, ServeArgs, SyntheticSize,
    UserCommand,
};
use crate::db::audit::{self, Actor, Verification};
use crate::db::maintenance;
use crate::db::seed::SeedOutcome;
use crate::domain::accounts::bodies_for_role;
use crate::domain::accounts::{display_name_or_default, parse_email};
use crate::domain::dates::Clock;
use crate::domain::vocab::Role;
use crate::record::accounts;
use crate::{AppState, Security, db};

mod bodies;
pub mod export;
mod faults;
mod packages;

pub use bodies::body_command;

/// Run the command; a failure caused by the database file itself is explained in one line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let path = cli.database_path();
    command(cli, path.clone())
        .await
        .map_err(|e| faults::explain(&path, e))
}

async fn command(cli: Cli, path: std::path::PathBuf) -> anyhow::Result<()> {
    let clock = Clock::system();
    match cli.command {
        None | Some(Command::Serve) => serve(&path, &cli.serve, clock).await,
        Some(Command::Compare { sources, csv }) => crate::compare::command(&sources, csv).await,
        Some(Command::Migrate) => {
            open(&path).await?;
            println!("Database {} is up to date.", path.display());
            Ok(())
        }
        Some(Command::Backup { file }) => {
            let events = backup(&path, &file).await?;
            println!(
                "Backed up {} to {} ({events} audit events).",
                path.display(),
                file.display()
            );
            Ok(())
        }
        Some(Command::ExportSite { dir }) => {
            let pool = open(&path).await?;
            let started = std::time::Instant::now();
            // Each page is asked for once: keeping rendered pages would only hold memory.
            let security = Security {
                backups: None,
                page_cache_bytes: 0,
                ..security(&cli.serve)
            };
            let done = export::site(state(pool.clone(), clock, security).await?, &dir).await?;
            pool.close().await;
            println!(
                "Exported {} public addresses ({:.1} MB) to {} in {:.1} s.",
                done.entries.len(),
                done.bytes() as f64 / 1e6,
                dir.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::Restore { file, force }) => {
            restore(&path, &file, force).await?;
            println!(
                "Restored {} from {}; it passed the integrity check.",
                path.display(),
                file.display()
            );
            Ok(())
        }
        Some(Command::RestoreDrill { dir }) => {
            let dir = dir.or(cli.serve.backup_dir).context(
                "name the backup folder: scrutineer restore-drill DIR (or set --backup-dir)",
            )?;
            let (report, passed) = crate::backups::drill(&dir).await?;
            println!("{report}");
            anyhow::ensure!(passed, "the restore drill failed");
            Ok(())
        }
        Some(Command::Seed {
            synthetic: Some(SyntheticSize::National),
        }) => {
            let pool = open(&path).await?;
            let started = std::time::Instant::now();
            let plan = db::synthetic::Plan::national();
            let counts = db::synthetic::generate(&pool, plan, clock.today(), clock.now()).await?;
            println!(
                "Generated in {:.1} s: {counts:?}",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::Seed { synthetic: None }) => {
            let pool = open(&path).await?;
            let outcome = seed(&pool, &clock).await?;
            println!("{}", describe(outcome));
            Ok(())
        }
        Some(Command::User(command)) => {
            let pool = open(&path).await?;
            println!("{}", user_command(&pool, &clock, command).await?);
            Ok(())
        }
        Some(Command::Body(command)) => {
            let pool = open(&path).await?;
            let actor = Actor::system("command line");
            println!(
                "{}",
                body_command(&pool, &actor, clock.now(), command).await?
            );
            Ok(())
        }
        Some(Command::Package(PackageCommand::Import { file, body })) => {
            let pool = open(&path).await?;
            let actor = Actor::system("command line");
            let report = packages::import(&pool, &actor, clock.now(), &file, &body).await?;
            println!("{report}");
            Ok(())
        }
        Some(Command::Example(ExampleCommand::Remove)) => {
            let pool = open(&path).await?;
            let actor = Actor::system("command line");
            let message = example_remove(&pool, &actor, clock.now()).await?;
            println!("{message}");
            Ok(())
        }
        Some(Command::Audit(AuditCommand::Verify { against_edition })) => {
            // Open even a database whose protective triggers are gone: this is the command
            // that says what happened to it (the missing triggers are reported).
            let pool = open_checked(&path, Check::First, Guard::Report).await?;
            let (mut report, mut intact) = audit_verify(&pool).await?;
            if let Some(edition) = against_edition {
                let (against, ok) = audit_verify_against(&pool, &edition).await?;
                report = format!("{report}\n{against}");
                intact &= ok;
            }
            println!("{report}");
            anyhow::ensure!(intact, "the record has been altered");
            Ok(())
        }
    }
}

/// Run a `scrutineer user …` command through the same account logic as the admin pages,
/// recorded as the command line; returns what to print.
pub async fn user_command(
    pool: &sqlx::SqlitePool,
    clock: &Clock,
    command: UserCommand,
) -> anyhow::Result<String> {
    let actor = Actor::system("command line");
    let now = clock.now();
    Ok(match command {
        UserCommand::Add {
            email,
            role,
            name,
            body,
        } => {
            let email = parse_email(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let display_name =
                display_name_or_default(&name, &email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let account = crate::domain::accounts::NewAccount {
                email,
                display_name,
                role,
            };
            let ids = bodies::body_ids(pool, &body).await?;
            let ids = bodies_for_role(role, &ids)
                .map_err(|e| anyhow::anyhow!("{e}: give it with --body NAME"))?;
            let (_, secret) =
                accounts::create_with_bodies(pool, now, &actor, &account, &ids).await?;
            let of = match ids.len() {
                0 => String::new(),
                _ => format!(" of {}", body.join(", ")),
            };
            format!(
                "Added {} ({}{of}). One-time password: {secret}\n\
                 (shown only now; they must choose a new one when they sign in).",
                account.email,
                role.label()
            )
        }
        UserCommand::ResetPassword { email } => {
            let user = accounts::find_by_email(pool, &email).await?;
            let secret = accounts::reset_password(pool, now, &actor, user.id).await?;
            format!(
                "Reset the password of {}; their sessions have ended. One-time password: {secret}",
                user.email
            )
        }
        UserCommand::ResetTwoStep { email } => {
            let user = accounts::find_by_email(pool, &email).await?;
            if crate::record::two_step::turn_off(pool, now, &actor, user.id).await? {
                format!("Turned off two-step sign-in for {}.", user.email)
            } else {
                format!("Two-step sign-in was not on for {}.", user.email)
            }
        }
        UserCommand::Disable { email } => {
            let user = accounts::find_by_email(pool, &email).await?;
            accounts::disable(pool, now, &actor, user.id, None).await?;
            format!("Disabled {}; their sessions have ended.", user.email)
        }
    })
}

/// The check for `scrutineer audit verify`: the hash chain (the first line: "OK: N events" or
/// where it breaks), then each append-only table against the log (see `db::integrity`); the
/// lines to print and whether everything is intact.
pub async fn audit_verify(pool: &sqlx::SqlitePool) -> anyhow::Result<(String, bool)> {
    let (mut lines, mut intact) = match audit::verify(pool).await? {
        Verification::Intact { events } => (vec![format!("OK: {events} events")], true),
        Verification::Broken { event_id, reason } => {
            (vec![format!("BROKEN at event {event_id}: {reason}")], false)
        }
    };
    let mut conn = pool.acquire().await?;
    let applied = maintenance::newest_applied_migration(&mut conn)
        .await?
        .unwrap_or(0);
    let missing = maintenance::missing_protections(&mut conn, applied).await?;
    if missing.is_empty() {
        lines.push("OK: every protective trigger is in place".to_string());
    } else {
        intact = false;
        lines.push(format!(
            "BROKEN: protective triggers are missing: {}",
            missing.join(", ")
        ));
    }
    for table in db::integrity::check(&mut conn).await? {
        if table.problems.is_empty() {
            let example = match table.example_rows {
                0 => String::new(),
                n => format!(" ({n} loaded as example data)"),
            };
            lines.push(format!(
                "OK: {}: {} rows, each as its audit event recorded{example}",
                table.table, table.rows
            ));
        } else {
            intact = false;
            const SHOWN: usize = 10;
            for problem in table.problems.iter().take(SHOWN) {
                lines.push(format!("BROKEN: {}: {problem}", table.table));
            }
            if table.problems.len() > SHOWN {
                lines.push(format!(
                    "BROKEN: {}: and {} more problems",
                    table.table,
                    table.problems.len() - SHOWN
                ));
            }
        }
    }
    let (line, files_intact) = evidence_check(&mut conn).await?;
    lines.push(line);
    Ok((lines.join("\n"), intact && files_intact))
}

/// Every stored evidence file's bytes against its SHA-256, a few at a time (files are large),
/// and every file in keeping against the bytes stored for it.
async fn evidence_check(conn: &mut sqlx::SqliteConnection) -> anyhow::Result<(String, bool)> {
    let (mut checked, mut altered, mut after) = (0, Vec::new(), String::new());
    loop {
        let page = db::evidence::list_contents_after(&mut *conn, &after, 8).await?;
        let Some((last, _)) = page.last() else { break };
        after = last.clone();
        for (sha256, content) in &page {
            checked += 1;
            if crate::domain::evidence::sha256_hex(content) != *sha256 {
                altered.push(sha256.clone());
            }
        }
    }
    let missing = db::evidence::count_missing_contents(&mut *conn).await?;
    if altered.is_empty() && missing == 0 {
        return Ok((
            format!("OK: evidence files: {checked} stored, each matching its SHA-256"),
            true,
        ));
    }
    let mut problems = Vec::new();
    if !altered.is_empty() {
        problems.push(format!(
            "{} stored files no longer match their SHA-256 ({})",
            altered.len(),
            altered.join(", ")
        ));
    }
    if missing > 0 {
        problems.push(format!("{missing} files in keeping have no stored content"));
    }
    Ok((
        format!("BROKEN: evidence files: {}", problems.join("; ")),
        false,
    ))
}

/// The check for `scrutineer audit verify --against-edition N|FILE`: whether the history the
/// edition saw (the chain head its published file carries) is still in the log, unchanged,
/// and the chain up to it still links. `edition` is an edition number, read from this
/// database, or the path of a downloaded edition file, which is then also compared with the
/// edition as published here.
pub async fn audit_verify_against(
    pool: &sqlx::SqlitePool,
    edition: &str,
) -> anyhow::Result<(String, bool)> {
    use crate::domain::edition::{PublishedFile, content_hash_bytes};
    let mut lines = Vec::new();
    let (number, bytes) = match edition.parse::<i64>() {
        Ok(n) => {
            let Some(file) = db::editions::stored_file(pool, n).await? else {
                let why = match db::editions::find(pool, n).await? {
                    Some(_) => "was published before editions carried the chain head",
                    None => "is not in this database",
                };
                return Ok((format!("BROKEN: edition {n} {why}"), false));
            };
            if !file.intact() {
                lines.push(format!(
                    "BROKEN: edition {n}'s stored file does not match its fingerprint"
                ));
            }
            (n, file.document.into_bytes())
        }
        Err(_) => {
            let bytes = std::fs::read(edition)
                .with_context(|| format!("cannot read the edition file {edition}"))?;
            let Some(file) = PublishedFile::parse(&bytes) else {
                anyhow::bail!("{edition} is not a published edition file");
            };
            let n = file.edition;
            let fingerprint = content_hash_bytes(&bytes);
            match db::editions::stored_file(pool, n).await? {
                Some(stored) if stored.fingerprint == fingerprint => lines.push(format!(
                    "OK: {edition} is edition {n} as published here (fingerprint {fingerprint})"
                )),
                Some(stored) => lines.push(format!(
                    "BROKEN: {edition} (fingerprint {fingerprint}) is not edition {n} as this \
                     database holds it (fingerprint {})",
                    stored.fingerprint
                )),
                None => lines.push(format!(
                    "BROKEN: this database holds no published file for edition {n}"
                )),
            }
            (n, bytes)
        }
    };
    let Some(head) = PublishedFile::parse(&bytes).and_then(|f| f.chain_head) else {
        lines.push(format!(
            "BROKEN: edition {number}'s file does not say which history it saw"
        ));
        return Ok((lines.join("\n"), false));
    };
    if let Some(problem) = audit::check_head(pool, &head).await? {
        lines.push(format!("BROKEN: edition {number}: {problem}"));
    } else {
        match audit::verify_up_to(pool, head.event_id).await? {
            Verification::Intact { events } => lines.push(format!(
                "OK: the history edition {number} saw is intact: {events} events up to event {} \
                 (hash {})",
                head.event_id, head.hash
            )),
            Verification::Broken { event_id, reason } => lines.push(format!(
                "BROKEN: the history edition {number} saw is broken at event {event_id}: {reason}"
            )),
        }
    }
    let intact = lines.iter().all(|l| l.starts_with("OK"));
    Ok((lines.join("\n"), intact))
}

/// Open the database file (creating it if needed), refuse one that is damaged or was written
/// by a newer Scrutineer, and apply every pending migration.
pub async fn open(path: &Path) -> anyhow::Result<sqlx::SqlitePool> {
    open_checked(path, Check::First, Guard::Refuse).await
}

/// What to do with a database whose protective triggers are missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    Refuse,
    /// Open it anyway, for `audit verify` to report.
    Report,
}

/// When to run SQLite's integrity check on opening.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Before anything else.
    First,
    /// Before migrating, but when there is nothing to migrate, in the background while the
    /// server already answers: it reads the whole file (seconds for a national database),
    /// and a failure then stops the server.
    BeforeMigrating,
}

fn damaged(path: &Path, e: &sqlx::Error) -> anyhow::Error {
    if let sqlx::Error::Database(d) = e
        && d.code().as_deref() == Some("26")
    {
        return anyhow::anyhow!(
            "{} is not a SQLite database (SQLite: \"{}\"): it is another kind of file, or is \
             damaged. Check that --database names the right file, or restore a backup with \
             `scrutineer restore FILE --force`",
            path.display(),
            d.message()
        );
    }
    anyhow::anyhow!(
        "the database {} is damaged ({e}); restore a backup with \
         `scrutineer restore FILE --force`",
        path.display()
    )
}

async fn integrity(pool: &sqlx::SqlitePool, path: &Path) -> anyhow::Result<()> {
    let check = match maintenance::quick_check(pool).await {
        Err(e) if maintenance::is_damage(&e) => return Err(damaged(path, &e)),
        checked => checked?,
    };
    if check != "ok" {
        anyhow::bail!(
            "the database {} failed its integrity check ({check}); restore a backup with \
             `scrutineer restore FILE --force`",
            path.display()
        );
    }
    Ok(())
}

async fn open_checked(path: &Path, when: Check, guard: Guard) -> anyhow::Result<sqlx::SqlitePool> {
    let pool = match db::connect(path).await {
        Err(e) if maintenance::is_damage(&e) => return Err(damaged(path, &e)),
        opened => opened.with_context(|| format!("cannot open the database {}", path.display()))?,
    };
    if when == Check::First {
        integrity(&pool, path).await?;
    }
    let mut conn = pool.acquire().await?;
    let applied = match maintenance::newest_applied_migration(&mut conn).await {
        Err(e) if maintenance::is_damage(&e) => return Err(damaged(path, &e)),
        applied => applied?,
    };
    if when == Check::BeforeMigrating {
        if applied == Some(maintenance::newest_known_migration()) {
            let (pool, path) = (pool.clone(), path.to_path_buf());
            tokio::spawn(async move {
                if let Err(e) = integrity(&pool, &path).await {
                    eprintln!("error: {e:#}");
                    std::process::exit(1);
                }
            });
        } else {
            integrity(&pool, path).await?;
        }
    }
    if let Some(applied) = applied
        && applied > maintenance::newest_known_migration()
    {
        anyhow::bail!(
            "the database {} was written by a newer version of Scrutineer (schema {applied}; this \
             build knows up to {}). Run the newer version, or restore a backup made by this one.",
            path.display(),
            maintenance::newest_known_migration()
        );
    }
    drop(conn);
    db::migrate(&pool)
        .await
        .with_context(|| format!("cannot apply migrations to {}", path.display()))?;
    if guard == Guard::Refuse {
        protections(&pool, path).await?;
    }
    Ok(pool)
}

/// Refuse a migrated database whose protective triggers are missing (someone dropped them to
/// rewrite the append-only record, or it was built by hand).
pub async fn protections(pool: &sqlx::SqlitePool, path: &Path) -> anyhow::Result<()> {
    let mut conn = pool.acquire().await?;
    let applied = maintenance::newest_applied_migration(&mut conn)
        .await?
        .unwrap_or(0);
    let missing = maintenance::missing_protections(&mut conn, applied).await?;
    if !missing.is_empty() {
        anyhow::bail!(
            "will not use the database {}: {}",
            path.display(),
            maintenance::unprotected(&missing)
        );
    }
    Ok(())
}

/// Copy the live database to `dest` and check the copy (`backups::take`, as the schedule
/// does); returns its audit event count.
pub async fn backup(path: &Path, dest: &Path) -> anyhow::Result<i64> {
    if dest.exists() {
        anyhow::bail!("{} already exists; choose a new file name", dest.display());
    }
    let pool = open(path).await?;
    let taken = crate::backups::take(&pool, dest).await;
    pool.close().await;
    Ok(taken.map_err(|why| anyhow::anyhow!(why))?.audit_events)
}

/// Put the backup `src` in place of the database at `path`, after checking it.
pub async fn restore(path: &Path, src: &Path, force: bool) -> anyhow::Result<()> {
    maintenance::check_backup(src)
        .await
        .map_err(|why| anyhow::anyhow!("will not restore {}: {why}", src.display()))?;
    if path.exists() && !force {
        anyhow::bail!(
            "{} already exists; add --force to replace it with the backup",
            path.display()
        );
    }
    // Copy beside the target, then rename over it, so a failure never leaves half a file.
    let staging = path.with_extension("restoring");
    std::fs::copy(src, &staging).with_context(|| format!("cannot copy {}", src.display()))?;
    for suffix in ["-wal", "-shm"] {
        let side = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::remove_file(&side)?;
        }
    }
    std::fs::rename(&staging, path)?;
    open(path).await?.close().await;
    Ok(())
}

/// The application state over an open, migrated database.
pub async fn state(
    pool: sqlx::SqlitePool,
    clock: Clock,
    security: Security,
) -> anyhow::Result<AppState> {
    let site = db::settings::load_site(&pool).await?;
    let backups = match security.backups {
        Some(_) => crate::backups::Health::load(&pool).await?,
        None => crate::backups::Health::default(),
    };
    let pages = crate::cache::PageCache::with_budget(security.page_cache_bytes);
    let api_limits = crate::auth::tokens::Limits::per_minute(security.api_requests_per_minute);
    Ok(AppState::new(crate::state::Parts {
        db: pool,
        clock,
        security: Arc::new(security),
        site: Arc::new(RwLock::new(site)),
        pages: Arc::new(pages),
        dashboards: Arc::default(),
        record_version: Default::default(),
        searches: Arc::default(),
        rules: Arc::new(crate::routes::rules()),
        backups: Arc::new(backups),
        api_limits: Arc::new(api_limits),
        compare: Arc::default(),
        mail_wake: Arc::default(),
        sign_ups: Arc::default(),
    }))
}

async fn seed(pool: &sqlx::SqlitePool, clock: &Clock) -> anyhow::Result<SeedOutcome> {
    let actor = Actor::system("scrutineer seed");
    Ok(db::seed::load_example(pool, clock.now(), clock.today(), &actor).await?)
}

fn describe(outcome: SeedOutcome) -> &'static str {
    match outcome {
        SeedOutcome::Loaded => "Loaded the example data (Derbyshire).",
        SeedOutcome::AlreadyLoaded => "The example data is already loaded; nothing changed.",
        SeedOutcome::NotEmpty => {
            "The database already holds records; the example data was not loaded."
        }
    }
}

/// Create the first administrator, with a random password shown once, if there is none.
pub async fn ensure_admin(
    pool: &sqlx::SqlitePool,
    clock: &Clock,
) -> anyhow::Result<Option<(String, String)>> {
    if db::users::count_admins(pool).await? > 0 {
        return Ok(None);
    }
    let account = crate::domain::accounts::NewAccount {
        email: "admin@localhost".into(),
        display_name: "Administrator".into(),
        role: Role::Admin,
    };
    let (_, secret) =
        accounts::create(pool, clock.now(), &Actor::system("first start"), &account).await?;
    Ok(Some((account.email, secret)))
}

/// The start-up settings the server runs with (the export renders with the same ones).
fn security(args: &ServeArgs) -> Security {
    Security {
        secure_cookies: args.secure_cookies,
        idle_timeout: Duration::from_secs(args.idle_timeout_minutes * 60),
        absolute_lifetime: Duration::from_secs(args.session_lifetime_hours * 3600),
        public_url: args.public_url.clone(),
        bind: Some(args.bind),
        page_cache_bytes: args.page_cache_mb.saturating_mul(1024 * 1024),
        backups: args.backup_plan(),
        api_requests_per_minute: args.api_requests_per_minute,
        compare_sources: args.compare_sources.clone(),
        evidence: crate::domain::evidence::Limits {
            file_bytes: args.evidence_file_mb.saturating_mul(1024 * 1024),
            request_bytes: args.evidence_request_mb.saturating_mul(1024 * 1024),
        },
        mail: crate::mail::Settings {
            smtp_url: args.smtp_url.clone(),
            username: args.smtp_username.clone(),
            password: args.smtp_password.clone(),
            from: args.mail_from.clone(),
            poll: Duration::from_secs(args.mail_poll_seconds.max(1)),
            send_timeout: None,
        },
    }
}

async fn serve(path: &Path, args: &ServeArgs, clock: Clock) -> anyhow::Result<()> {
    let pool = open_checked(path, Check::BeforeMigrating, Guard::Refuse).await?;
    if !args.no_example_data && seed(&pool, &clock).await? == SeedOutcome::Loaded {
        println!("Loaded the example data (Derbyshire) into the new database.");
    }
    let first_admin = ensure_admin(&pool, &clock).await?;

    let state = state(pool.clone(), clock, security(args)).await?;
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("cannot listen on {}", args.bind))?;
    println!(
        "Scrutineer is serving {} at http://{}/",
        path.display(),
        args.bind
    );
    match first_admin {
        Some((email, secret)) => println!(
            "Sign in at http://{}/sign-in as {email} with the one-time password {secret}\n\
             (shown only now; you will be asked to choose a new one).",
            args.bind
        ),
        None => println!("Sign in at http://{}/sign-in with your account.", args.bind),
    }
    let limits = crate::server::Limits {
        header_read: Duration::from_secs(args.header_timeout_secs.max(1)),
        body: Duration::from_secs(args.body_timeout_secs.max(1)),
        connections: args.max_connections.max(1),
    };
    // Scheduled backups stop with the server: one under way is finished first.
    let (stop_backups, stopped) = tokio::sync::oneshot::channel::<()>();
    let backups = state.security.backups.clone().map(|plan| {
        let stopped = async {
            let _ = stopped.await;
        };
        let (pool, clock) = (pool.clone(), state.clock.clone());
        crate::backups::spawn(pool, clock, plan, state.backups.clone(), stopped)
    });
    // The mail worker stops with the server too.
    let (stop_mail, mail_stopped) = tokio::sync::oneshot::channel::<()>();
    println!(
        "Mail: {}",
        crate::mail::Readiness::of(&state.security.mail, state.security.public_url.as_deref())
            .explanation()
    );
    let mail = crate::mail::spawn(state.clone(), async {
        let _ = mail_stopped.await;
    });
    let shutdown = async {
        shutdown_signal().await;
        let _ = stop_backups.send(());
        let _ = stop_mail.send(());
    };
    let served = crate::server::serve(listener, crate::app(state), limits, shutdown).await;
    if let Some(backups) = backups {
        let _ = backups.await;
    }
    // A message being handed over gets a few seconds; one cut short stays queued and goes
    // after the next start (its try is counted, never lost).
    let _ = tokio::time::timeout(Duration::from_secs(5), mail).await;
    served?;
    pool.close().await;
    println!("Stopped.");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
    tracing::info!("shutting down: finishing requests in flight");
}

/// `scrutineer example remove`: what it did, or an error naming what depends on the example
/// data.
pub async fn example_remove(
    pool: &sqlx::SqlitePool,
    actor: &Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<String> {
    use crate::record::example::{Removal, refusal_message, remove};
    match remove(pool, actor, now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        Removal::Removed(rows) => {
            let total: u64 = rows.iter().map(|(_, n)| n).sum();
            Ok(format!(
                "Removed the example data ({total} rows); published editions are kept as \
                 published and the demo accounts are disabled. The removal is in the audit log. \
                 Restart a running server so its pages drop the banner."
            ))
        }
        Removal::NothingToRemove => Ok("There is no example data to remove.".into()),
        Removal::Refused(dependents) => anyhow::bail!(refusal_message(&dependents)),
    }
}
