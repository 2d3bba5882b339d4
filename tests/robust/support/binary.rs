//! The real `scrutineer` binary as a child process on a loopback port.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A loopback port free at the moment of asking.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("address")
        .port()
}

/// The real `scrutineer` binary serving `database` on `port`.
pub struct Binary {
    pub child: Child,
    pub base: String,
}

impl Binary {
    /// Start it and wait until `/healthz` answers.
    pub async fn start(database: &Path, port: u16) -> Self {
        Self::start_with(database, port, &[]).await
    }

    /// Start it with further options, and wait until `/healthz` answers.
    pub async fn start_with(database: &Path, port: u16, options: &[&str]) -> Self {
        let child = binary_command(database)
            .args(["serve", "--no-example-data", "--bind"])
            .arg(format!("127.0.0.1:{port}"))
            .args(options)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the scrutineer binary");
        let mut binary = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        binary.wait_until_healthy().await;
        binary
    }

    async fn wait_until_healthy(&mut self) {
        let started = Instant::now();
        let http = reqwest::Client::new();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("the server exited at start: {status}");
            }
            let health = http
                .get(format!("{}/healthz", self.base))
                .timeout(Duration::from_secs(2))
                .send()
                .await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the server did not become healthy within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    pub fn pid(&self) -> i32 {
        i32::try_from(self.child.id()).expect("pid")
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// `scrutineer --database FILE`, with no settings leaking in from the environment.
pub fn binary_command(database: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_scrutineer"));
    for var in [
        "DATABASE_URL",
        "BIND_ADDR",
        "SECURE_COOKIES",
        "NO_EXAMPLE_DATA",
        "IDLE_TIMEOUT_MINUTES",
        "SESSION_LIFETIME_HOURS",
        "BACKUP_DIR",
        "BACKUP_EVERY_HOURS",
        "BACKUP_KEEP",
        "PUBLIC_URL",
        "SMTP_URL",
        "SMTP_USERNAME",
        "SMTP_PASSWORD",
        "MAIL_FROM",
        "MAIL_POLL_SECONDS",
    ] {
        command.env_remove(var);
    }
    command.env("RUST_LOG", "warn");
    command.arg("--database").arg(database);
    command
}

/// A path for a database in `dir`.
pub fn database_in(dir: &TempDir) -> PathBuf {
    dir.path().join("scrutineer.db")
}
