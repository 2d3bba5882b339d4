//! `scrutineer package import FILE --body NAME…`: load a report package into bodies through
//! the same record function as the office's page.

use std::path::Path;

use chrono::{DateTime, Utc};

use super::bodies::body_ids;
use crate::db::audit::Actor;
use crate::domain::numbers;
use crate::domain::report_package::Package;
use crate::record::report_packages::{self, Loading, Outcome};
use crate::record::{RecordError, Saved};

/// Load the package `file` into the bodies named; what to print, a line a body.
pub async fn import(
    pool: &sqlx::SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    file: &Path,
    bodies: &[String],
) -> anyhow::Result<String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", file.display()))?;
    let package = Package::read(&text).map_err(|problems| {
        anyhow::anyhow!(
            "{} is not a package that can be loaded:\n  {}",
            file.display(),
            problems.join("\n  ")
        )
    })?;
    anyhow::ensure!(
        !bodies.is_empty(),
        "name the bodies to load it into: --body NAME (repeat for several)"
    );
    let ids = body_ids(pool, bodies).await?;
    match report_packages::load(pool, actor, now, &package, &text, &ids).await {
        Ok(Saved::Done(done)) => {
            let mut lines = vec![format!(
                "{} (version {}, {}):",
                package.title, package.version, package.id
            )];
            lines.extend(done.iter().map(line));
            Ok(lines.join("\n"))
        }
        Ok(Saved::Stale(never)) => match never {},
        Err(RecordError::Invalid(errors)) => {
            let messages: Vec<&str> = errors.0.iter().map(|(_, m)| m.as_str()).collect();
            anyhow::bail!("{}", messages.join("; "))
        }
        Err(e) => Err(crate::error::AppError::from(e).into()),
    }
}

fn line(l: &Loading) -> String {
    let copy = l
        .inspection_id
        .map(|id| format!(" (inspection {id})"))
        .unwrap_or_default();
    let what = match l.outcome {
        Outcome::Added { findings } => {
            format!("added, {}", numbers::count(findings, "finding", "findings"))
        }
        Outcome::Updated {
            from,
            added,
            changed,
        } => format!(
            "updated from version {from}: {} added, {} changed",
            numbers::count(added, "finding", "findings"),
            numbers::count(changed, "finding", "findings")
        ),
        Outcome::UpToDate => "has this version already: nothing changed".into(),
        Outcome::Newer { loaded } => format!("has version {loaded}, newer: nothing changed"),
        Outcome::NotAddressed => "none of its items is addressed to a body of its kind".into(),
    };
    format!("  {}: {what}{copy}", l.body_name)
}
