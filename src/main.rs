//! The `scrutineer` command: parse the command line, set up logging, dispatch the subcommand.

use clap::Parser;
use scrutineer::config::Cli;

fn main() -> std::process::ExitCode {
    limit_allocator_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("start the async runtime");
    runtime.block_on(run())
}

async fn run() -> std::process::ExitCode {
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

/// glibc gives each thread that allocates its own arena (up to eight per core), and memory
/// freed in one arena is not reused by another: a large page built on one thread and the
/// dashboards' snapshot built on another then both stay resident. Two arenas keep the peak
/// close to the largest single piece of work. And glibc raises its threshold for giving a
/// large block its own mapping each time such a block is freed, so after the first password
/// hash (19 MiB) every later one – and every large buffer – came from the heap and stayed
/// resident: a fixed threshold of 256 KiB returns them to the system when freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_allocator_arenas() {
    unsafe extern "C" {
        fn mallopt(param: i32, value: i32) -> i32;
    }
    const M_ARENA_MAX: i32 = -8;
    const M_MMAP_THRESHOLD: i32 = -3;
    // SAFETY: mallopt only changes glibc's allocator settings; it runs first thing in main,
    // before any other thread exists.
    unsafe {
        mallopt(M_ARENA_MAX, 2);
        mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_allocator_arenas() {}
