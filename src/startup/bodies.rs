//! `scrutineer body …` and the bodies of `scrutineer user add --body`: the same record
//! functions as the office's pages, recorded as the command line.

use chrono::{DateTime, Utc};

use crate::config::BodyCommand;
use crate::db::{self, audit::Actor};
use crate::domain::bodies::NewBody;
use crate::domain::inputs::required_text;
use crate::record::{self, RecordError, Saved};

/// Run a `scrutineer body …` command; returns what to print.
pub async fn body_command(
    pool: &sqlx::SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    command: BodyCommand,
) -> anyhow::Result<String> {
    match command {
        BodyCommand::Add { name, kind } => {
            let name = required_text(&name, crate::domain::bodies::MAX_NAME_CHARS)
                .map_err(|e| anyhow::anyhow!("the name: {e}"))?;
            let new = NewBody { name, kind };
            match record::bodies::create(pool, actor, now, &new).await {
                Ok(Saved::Done(id)) => Ok(format!(
                    "Added {} ({}), body {id}.",
                    new.name,
                    new.kind.label()
                )),
                Ok(Saved::Stale(never)) => match never {},
                Err(RecordError::Invalid(errors)) => {
                    let messages: Vec<&str> = errors.0.iter().map(|(_, m)| m.as_str()).collect();
                    anyhow::bail!("{}", messages.join("; "))
                }
                Err(e) => Err(crate::error::AppError::from(e).into()),
            }
        }
        BodyCommand::List => {
            let bodies = db::bodies::list(pool).await?;
            if bodies.is_empty() {
                return Ok("No bodies yet: add one with `scrutineer body add --name NAME`.".into());
            }
            let lines: Vec<String> = bodies
                .iter()
                .map(|b| format!("{}\t{}\t{}", b.id, b.name, b.kind.as_str()))
                .collect();
            Ok(lines.join("\n"))
        }
    }
}

/// The ids of the bodies named (in any case); an unknown name fails listing the known bodies.
pub async fn body_ids(pool: &sqlx::SqlitePool, names: &[String]) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for name in names {
        match db::bodies::find_by_name(pool, name.trim()).await? {
            Some(body) => ids.push(body.id),
            None => {
                let known: Vec<String> = db::bodies::list(pool)
                    .await?
                    .into_iter()
                    .map(|b| format!("\"{}\"", b.name))
                    .collect();
                let known = match known.is_empty() {
                    true => "none yet (add one with `scrutineer body add`)".to_string(),
                    false => known.join(", "),
                };
                anyhow::bail!(
                    "there is no body called \"{}\"; the bodies are: {known}",
                    name.trim()
                );
            }
        }
    }
    Ok(ids)
}
