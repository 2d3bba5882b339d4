//! Command-line options and environment settings. `scrutineer --help` documents every one.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::vocab::{BodyKind, Role};

#[derive(Debug, Parser)]
#[command(
    name = "scrutineer",
    version,
    about = "Hold a Chief Constable to account for acting on inspection recommendations",
    long_about = "Scrutineer serves the PCC office workspace, the scrutiny panel's dashboards and \
                  the published progress site from one SQLite database. With no subcommand it \
                  serves."
)]
pub struct Cli {
    /// The SQLite database file; created, migrated and (when empty) loaded with the example
    /// data on first start. A `sqlite://` prefix is accepted.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "scrutineer.db",
        global = true
    )]
    pub database: String,

    #[command(flatten)]
    pub serve: ServeArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "BIND_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub bind: SocketAddr,

    /// Mark cookies `Secure` and send HSTS: set this when serving behind HTTPS.
    #[arg(long, env = "SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,

    /// Minutes of inactivity after which a session ends.
    #[arg(
        long,
        env = "IDLE_TIMEOUT_MINUTES",
        default_value_t = 30,
        global = true
    )]
    pub idle_timeout_minutes: u64,

    /// Hours after sign-in at which a session ends, however active.
    #[arg(
        long,
        env = "SESSION_LIFETIME_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub session_lifetime_hours: u64,

    /// The address people reach this site at, e.g. `https://progress.example.org`: links in
    /// feeds and calendar subscription addresses use it, and browsers may send forms only from
    /// it. Without it, the listening address (--bind) is used and feed links are relative
    /// (never a request's Host header). Set it behind a proxy.
    #[arg(long, env = "PUBLIC_URL", global = true, value_parser = parse_public_url)]
    pub public_url: Option<String>,

    /// Megabytes of memory for rendered public pages and data files; the pages used least
    /// recently make room for new ones. Give room for at least one edition's data files.
    #[arg(long, env = "PAGE_CACHE_MB", default_value_t = 256, global = true)]
    pub page_cache_mb: usize,

    /// Requests a minute each API token may make; beyond it the API answers 429 with
    /// Retry-After.
    #[arg(
        long,
        env = "API_REQUESTS_PER_MINUTE",
        default_value_t = 120,
        global = true
    )]
    pub api_requests_per_minute: u32,

    /// Seconds a client may take to send a request's line and headers (also the longest an
    /// idle kept-alive connection stays open).
    #[arg(long, env = "HEADER_TIMEOUT_SECS", default_value_t = 10, global = true)]
    pub header_timeout_secs: u64,

    /// Seconds a client may take to send a request's body, from its headers; a slower one
    /// is answered 408 and disconnected.
    #[arg(long, env = "BODY_TIMEOUT_SECS", default_value_t = 60, global = true)]
    pub body_timeout_secs: u64,

    /// The most connections served at once; further clients wait until one ends.
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = 256, global = true)]
    pub max_connections: usize,

    /// Take a verified online backup into this folder on a schedule while serving (created
    /// if missing). Each copy is checked – SQLite's integrity check and the audit chain – and
    /// the outcome logged and shown on the admin Backups page; a failure is shown to admins.
    #[arg(long, env = "BACKUP_DIR", value_name = "DIR", global = true)]
    pub backup_dir: Option<PathBuf>,

    /// Hours between scheduled backups (with --backup-dir).
    #[arg(long, env = "BACKUP_EVERY_HOURS", default_value_t = 24, value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub backup_every_hours: u64,

    /// Milliseconds between scheduled backups, instead of hours (for tests).
    #[arg(long, hide = true, global = true)]
    pub backup_every_ms: Option<u64>,

    /// How many scheduled backups to keep; older ones are deleted after a verified copy.
    #[arg(long, env = "BACKUP_KEEP", default_value_t = 14, value_parser = clap::value_parser!(u64).range(1..), global = true)]
    pub backup_keep: u64,

    /// Do not load the example data into an empty database.
    #[arg(long, env = "NO_EXAMPLE_DATA", global = true)]
    pub no_example_data: bool,

    /// Another office's open data for the cross-force view at /compare (repeat for several;
    /// in the environment, separated by commas): its address
    /// (`https://site/data/latest.json`, or the site's address), or a downloaded file with
    /// the site's address after `=` (`north.json=https://north.example.org`).
    #[arg(
        long = "compare-source",
        env = "COMPARE_SOURCES",
        value_name = "SOURCE",
        value_delimiter = ',',
        global = true
    )]
    pub compare_sources: Vec<String>,

    /// The largest evidence file that may be attached, in megabytes.
    #[arg(long, env = "EVIDENCE_FILE_MB", default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=1024), global = true)]
    pub evidence_file_mb: u64,

    /// The most an upload of several evidence files at once may hold, in megabytes.
    #[arg(long, env = "EVIDENCE_REQUEST_MB", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=2048), global = true)]
    pub evidence_request_mb: u64,

    /// Send mail (update requests, reminders, digests, public notices) through this SMTP
    /// server: `smtps://host:465` (TLS), `smtp://host:587?tls=required` (STARTTLS) or
    /// `smtp://host:25` (no encryption: loopback only). Without it, messages wait in the
    /// outbox (Administration → Mail), where an administrator can read them.
    #[arg(long, env = "SMTP_URL", hide_env_values = true, value_parser = parse_smtp_url, global = true)]
    pub smtp_url: Option<String>,

    /// The SMTP user name, if the server asks for one (or put it in --smtp-url).
    #[arg(long, env = "SMTP_USERNAME", hide_env_values = true, global = true)]
    pub smtp_username: Option<String>,

    /// The SMTP password: give it in the environment, never on the command line.
    #[arg(long, env = "SMTP_PASSWORD", hide_env_values = true, global = true)]
    pub smtp_password: Option<String>,

    /// The address mail comes from, e.g. `Derbyshire PCC <progress@derbyshire-pcc.gov.uk>`.
    #[arg(long, env = "MAIL_FROM", value_parser = parse_mail_from, global = true)]
    pub mail_from: Option<String>,

    /// Seconds between the mail worker's looks at the outbox (it also wakes when a change
    /// queues a message); reminders and digests are worked out every ten minutes.
    #[arg(long, env = "MAIL_POLL_SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600), global = true)]
    pub mail_poll_seconds: u64,
}

/// The sizes of synthetic data set `scrutineer seed --synthetic` can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SyntheticSize {
    /// Every force in England and Wales with ten years of history.
    National,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the application (the default).
    Serve,
    /// Create the database if needed and apply any pending migrations.
    Migrate,
    /// Load the example data (Derbyshire); loading twice changes nothing.
    Seed {
        /// Instead, generate a synthetic data set into an empty database: `national` is every
        /// force in England and Wales with ten years of history (for benchmarks).
        #[arg(long, value_name = "SIZE")]
        synthetic: Option<SyntheticSize>,
    },
    /// Write a consistent copy of the database to FILE, safely while the server runs.
    Backup {
        /// The new file to write (it must not exist yet).
        file: PathBuf,
    },
    /// Write the public site – every edition's pages, open data, feeds and the changes
    /// between editions – as files at the same addresses into DIR, for any static web server
    /// or CDN (README, "Publish as a static site"). An earlier export in DIR is replaced
    /// whole once the new one is written; any other existing folder is refused.
    ExportSite {
        /// The folder to write (created if missing; empty, or an earlier export).
        dir: PathBuf,
    },
    /// Restore the newest scheduled backup in DIR (default: --backup-dir) into a scratch
    /// database, open it as the server would and check it as `audit verify` does; the scratch
    /// copy is then removed. Fails unless the backup restores whole.
    RestoreDrill {
        /// The backup folder.
        dir: Option<PathBuf>,
    },
    /// Replace the database with the backup FILE, after checking it. Stop the server first.
    Restore {
        /// The backup file to restore.
        file: PathBuf,
        /// Overwrite an existing database.
        #[arg(long)]
        force: bool,
    },
    /// Manage user accounts (each change is recorded in the audit log).
    #[command(subcommand)]
    User(UserCommand),
    /// Manage inspected bodies (each change is recorded in the audit log).
    #[command(subcommand)]
    Body(BodyCommand),
    /// Check the audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The example data (Derbyshire) loaded into a new database.
    #[command(subcommand)]
    Example(ExampleCommand),
    /// Report packages: a national or thematic report as one file (README, "Report packages").
    #[command(subcommand)]
    Package(PackageCommand),
    /// Compare offices' published open data: for each national recommendation, every force
    /// side by side – its position, the PCC's assurance, the issuing body's position, the
    /// deadline and slips – with links to each office's pages. Reads only what each office
    /// published; a source that cannot be read is named with the reason.
    Compare {
        /// An open-data address (`https://site/data/latest.json`), a site's address, or a
        /// downloaded file with the site's address after `=` for links (`FILE=https://site`).
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<String>,
        /// Write a CSV for a spreadsheet instead of tables.
        #[arg(long)]
        csv: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum PackageCommand {
    /// Load the report package FILE into the bodies named: each gets its own copy; a newer
    /// version changes wording and deadlines only; the same version again changes nothing.
    Import {
        /// The package file (JSON).
        file: PathBuf,
        /// A body to load it into, by name (repeat for several).
        #[arg(long = "body", value_name = "NAME")]
        body: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExampleCommand {
    /// Remove the example data, once nothing entered since depends on it: published editions
    /// are kept as published, the demo accounts are disabled, the removal is audited. A
    /// server already running shows the banner until it is restarted.
    Remove,
}

#[derive(Debug, Subcommand)]
pub enum BodyCommand {
    /// Add an inspected body.
    Add {
        /// Its name, as inspection reports write it (unique, in any case).
        #[arg(long)]
        name: String,
        /// police_force, fire_and_rescue_service or other.
        #[arg(long, value_parser = parse_body_kind, default_value = "police_force")]
        kind: BodyKind,
    },
    /// List the inspected bodies.
    List,
}

fn parse_body_kind(value: &str) -> Result<BodyKind, String> {
    BodyKind::parse(value).ok_or_else(|| {
        "the kind must be police_force, fire_and_rescue_service or other".to_string()
    })
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account and print its one-time password.
    Add {
        /// The person's email address; they sign in with it.
        #[arg(long)]
        email: String,
        /// admin, office, force or panel.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The name shown for them (default: the start of the email address).
        #[arg(long, default_value = "")]
        name: String,
        /// An inspected body they belong to, by name (repeat for several). A force user needs
        /// at least one; a panel member given none sees every body.
        #[arg(long = "body", value_name = "NAME")]
        body: Vec<String>,
    },
    /// Give an account a new one-time password (printed) and end its sessions.
    ResetPassword {
        /// The account's email address.
        email: String,
    },
    /// Turn off two-step sign-in for an account (a lost phone and recovery codes): they sign
    /// in with their password alone, and set it up again if it is required.
    ResetTwoStep {
        /// The account's email address.
        email: String,
    },
    /// Stop an account signing in and end its sessions at once.
    Disable {
        /// The account's email address.
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain and check every append-only table against it: prints what it
    /// checked, or what is broken and fails.
    Verify {
        /// Also check that the history a published edition saw is still intact: an edition
        /// number (as stored here), or the path of a downloaded edition file
        /// (`/data/editions/N.json`).
        #[arg(long, value_name = "N|FILE")]
        against_edition: Option<String>,
    },
}

fn parse_role(value: &str) -> Result<Role, String> {
    Role::parse(value).ok_or_else(|| "the role must be admin, office, force or panel".to_string())
}

impl ServeArgs {
    /// The backup schedule asked for, if any.
    pub fn backup_plan(&self) -> Option<crate::domain::backups::Plan> {
        let every = match self.backup_every_ms {
            Some(ms) => std::time::Duration::from_millis(ms.max(1)),
            None => std::time::Duration::from_secs(self.backup_every_hours.max(1) * 3600),
        };
        Some(crate::domain::backups::Plan {
            dir: self.backup_dir.clone()?,
            every,
            keep: usize::try_from(self.backup_keep.max(1)).unwrap_or(usize::MAX),
        })
    }
}

impl Cli {
    /// The database path, with any `sqlite://` or `sqlite:` prefix removed.
    pub fn database_path(&self) -> PathBuf {
        let s = self.database.as_str();
        let s = s
            .strip_prefix("sqlite://")
            .or_else(|| s.strip_prefix("sqlite:"))
            .unwrap_or(s);
        PathBuf::from(s.split('?').next().unwrap_or(s))
    }
}

/// An http(s) address with a host, without a trailing slash.
fn parse_smtp_url(value: &str) -> Result<String, String> {
    crate::mail::check_smtp_url(value).map(|()| value.to_string())
}

fn parse_mail_from(value: &str) -> Result<String, String> {
    crate::mail::check_mail_from(value).map(|()| value.to_string())
}

fn parse_public_url(value: &str) -> Result<String, String> {
    match crate::domain::inputs::parse_url(value) {
        Ok(Some(url)) => Ok(url.trim_end_matches('/').to_string()),
        _ => Err("give the site's address, starting with https:// (or http://)".to_string()),
    }
}
