//! Start-up faults explained: when a command fails because the database file cannot be used
//! (its folder is missing or not writable, the file is read-only, another program holds its
//! lock), say which in one line, with what to do, instead of SQLite's "unable to open database
//! file". Any other failure is left as it was.

use std::io::ErrorKind;
use std::path::Path;

/// SQLite's primary result codes that mean the file could not be opened or written.
const SQLITE_PERM: i32 = 3;
const SQLITE_BUSY: i32 = 5;
const SQLITE_LOCKED: i32 = 6;
const SQLITE_READONLY: i32 = 8;
const SQLITE_CANTOPEN: i32 = 14;

/// The error a command failed with, explained when it was the database file's fault.
pub fn explain(path: &Path, error: anyhow::Error) -> anyhow::Error {
    match sqlite_code(&error).and_then(|code| why(path, code)) {
        Some(why) => anyhow::anyhow!("cannot use the database {}: {why}", path.display()),
        None => error,
    }
}

/// The primary SQLite result code of the first database error in the chain.
fn sqlite_code(error: &anyhow::Error) -> Option<i32> {
    error
        .chain()
        .find_map(|cause| match cause.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::Database(e)) => e.code()?.parse::<i32>().ok().map(|c| c & 0xff),
            _ => None,
        })
}

fn why(path: &Path, code: i32) -> Option<String> {
    match code {
        SQLITE_BUSY | SQLITE_LOCKED => Some(
            "another program holds its lock (a database tool, or another process that opened it \
             exclusively); stop that program and start again"
                .to_string(),
        ),
        SQLITE_CANTOPEN | SQLITE_READONLY | SQLITE_PERM => file_problem(path),
        _ => None,
    }
}

/// What about the file or its folder keeps SQLite from opening it for writing.
fn file_problem(path: &Path) -> Option<String> {
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Some("it is a folder; give --database the path of a file".to_string());
    }
    if !folder.exists() {
        return Some(format!(
            "the folder {} does not exist; create it, or give --database a path in an existing \
             folder",
            folder.display()
        ));
    }
    if !folder.is_dir() {
        return Some(format!("{} is not a folder", folder.display()));
    }
    if path.exists() && refused(std::fs::OpenOptions::new().write(true).open(path)) {
        return Some(
            "the file is read-only for this user; give the user running Scrutineer write access \
             to it"
                .to_string(),
        );
    }
    if !folder_writable(folder) {
        return Some(format!(
            "the folder {} is not writable by this user (Scrutineer creates the database and \
             its -wal and -shm files there); give the user running Scrutineer write access to it",
            folder.display()
        ));
    }
    None
}

fn refused<T>(opened: std::io::Result<T>) -> bool {
    matches!(
        opened.map_err(|e| e.kind()),
        Err(ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem)
    )
}

/// Whether a file can be created in `folder` (tried, then removed).
fn folder_writable(folder: &Path) -> bool {
    let probe = folder.join(format!(".scrutineer-write-check-{}", std::process::id()));
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe);
    match created {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(e) => !matches!(
            e.kind(),
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named() {
        let why = file_problem(Path::new("/nonexistent-scrutineer-folder/x.db")).expect("a fault");
        assert!(
            why.contains("/nonexistent-scrutineer-folder does not exist"),
            "{why}"
        );
    }

    #[test]
    fn a_folder_given_as_the_database_is_named() {
        let dir = std::env::temp_dir();
        let why = file_problem(&dir).expect("a fault");
        assert!(why.contains("it is a folder"), "{why}");
    }

    #[test]
    fn a_usable_path_is_no_fault_of_the_file_and_the_error_is_left_as_it_was() {
        let dir = std::env::temp_dir().join(format!("scrutineer-faults-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        assert_eq!(file_problem(&dir.join("x.db")), None);
        let error = explain(&dir.join("x.db"), anyhow::anyhow!("something else"));
        assert_eq!(error.to_string(), "something else");
        std::fs::remove_dir_all(&dir).expect("clean up");
    }
}
