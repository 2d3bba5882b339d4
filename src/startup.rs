//! Start-up: open and migrate the database, load example data, make the first admin, serve.

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;

use crate::auth::password;
use crate::config::{Cli, Command, ServeArgs};
use crate::db::audit::{self, Actor, Change};
use crate::db::seed::SeedOutcome;
use crate::domain::dates::Clock;
use crate::domain::vocab::Role;
use crate::{AppState, Security, db};

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let path = cli.database_path();
    let clock = Clock::system();
    match cli.command {
        None | Some(Command::Serve) => serve(&path, &cli.serve, clock).await,
        Some(Command::Migrate) => {
            open(&path).await?;
            println!("Database {} is up to date.", path.display());
            Ok(())
        }
        Some(Command::Seed) => {
            let pool = open(&path).await?;
            let outcome = seed(&pool, &clock).await?;
            println!("{}", describe(outcome));
            Ok(())
        }
    }
}

/// Open the database file (creating it if needed) and apply every pending migration.
pub async fn open(path: &Path) -> anyhow::Result<sqlx::SqlitePool> {
    let pool = db::connect(path)
        .await
        .with_context(|| format!("cannot open the database {}", path.display()))?;
    db::migrate(&pool)
        .await
        .with_context(|| format!("cannot apply migrations to {}", path.display()))?;
    Ok(pool)
}

/// The application state over an open, migrated database.
pub async fn state(
    pool: sqlx::SqlitePool,
    clock: Clock,
    security: Security,
) -> anyhow::Result<AppState> {
    let site = db::settings::load_site(&pool).await?;
    Ok(AppState {
        db: pool,
        clock,
        security: Arc::new(security),
        site: Arc::new(RwLock::new(site)),
        pages: Arc::default(),
    })
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
    let email = "admin@localhost".to_string();
    let secret = password::generate();
    let hash = password::hash(secret.clone())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = clock.now();
    let mut tx = db::begin_write(pool).await?;
    let id = db::users::insert(
        &mut *tx,
        &db::users::NewUser {
            email: &email,
            display_name: "Administrator",
            role: Role::Admin,
            password_hash: &hash,
            must_change_password: true,
            created_at: &db::timestamp(now),
        },
    )
    .await?;
    let change = Change {
        entity: "user",
        entity_id: Some(id),
        action: "create",
        before: None,
        after: Some(serde_json::json!({ "email": email, "role": "admin", "first_run": true })),
    };
    audit::record(&mut tx, now, &Actor::system("first start"), change).await?;
    tx.commit().await?;
    Ok(Some((email, secret)))
}

async fn serve(path: &Path, args: &ServeArgs, clock: Clock) -> anyhow::Result<()> {
    let pool = open(path).await?;
    if !args.no_example_data && seed(&pool, &clock).await? == SeedOutcome::Loaded {
        println!("Loaded the example data (Derbyshire) into the new database.");
    }
    let first_admin = ensure_admin(&pool, &clock).await?;
    let security = Security {
        secure_cookies: args.secure_cookies,
        idle_timeout: Duration::from_secs(args.idle_timeout_minutes * 60),
        absolute_lifetime: Duration::from_secs(args.session_lifetime_hours * 3600),
    };
    let state = state(pool.clone(), clock, security).await?;
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
    axum::serve(
        listener,
        crate::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
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
