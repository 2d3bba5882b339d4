//! The `scrutineer` command: parse the command line, set up logging, dispatch the subcommand.

use clap::Parser;
use scrutineer::config::Cli;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "scrutineer=info,tower_http=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    match scrutineer::startup::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
