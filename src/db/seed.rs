//! Loading the example data in `seeds/` (the Derbyshire case) into an empty database.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

use super::audit::{self, Actor, Change};
use crate::domain::vocab::{AuditAction, Entity};

const DERBYSHIRE: &str = include_str!("../../seeds/derbyshire.sql");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    Loaded,
    AlreadyLoaded,
    /// The database holds other records; the example data is only for an empty one.
    NotEmpty,
}

/// Load the example data, with dates around the present computed from `today`. Loading
/// twice changes nothing.
pub async fn load_example(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    today: NaiveDate,
    actor: &Actor,
) -> Result<SeedOutcome, sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    if super::settings::find(&mut *tx, "example_data_loaded")
        .await?
        .is_some()
    {
        return Ok(SeedOutcome::AlreadyLoaded);
    }
    let records: i64 = sqlx::query_scalar("select (select count(*) from inspections) + (select count(*) from action_items) + (select count(*) from users)")
        .fetch_one(&mut *tx)
        .await?;
    if records > 0 {
        return Ok(SeedOutcome::NotEmpty);
    }
    sqlx::query("create temp table seed_clock (today text not null)")
        .execute(&mut *tx)
        .await?;
    sqlx::query("insert into seed_clock (today) values (?)")
        .bind(today)
        .execute(&mut *tx)
        .await?;
    sqlx::raw_sql(DERBYSHIRE).execute(&mut *tx).await?;
    sqlx::query("drop table temp.seed_clock")
        .execute(&mut *tx)
        .await?;
    super::settings::put(&mut *tx, "example_data_loaded", &super::timestamp(now)).await?;
    // The load event vouches for the append-only rows it loaded (see db::integrity).
    let mut rows = serde_json::Map::new();
    for table in super::integrity::example_tables() {
        let (last_id, sha256) = super::integrity::digest(&mut tx, table, None).await?;
        rows.insert(
            table.to_string(),
            serde_json::json!({ "last_id": last_id, "sha256": sha256 }),
        );
    }
    audit::record(
        &mut tx,
        now,
        actor,
        Change {
            entity: Entity::ExampleData,
            entity_id: None,
            action: AuditAction::Load,
            before: None,
            after: Some(serde_json::json!({ "seed": "derbyshire", "today": today, "rows": rows })),
        },
    )
    .await?;
    // A newcomer sees a populated public site: the demo chief executive (user 2), who
    // approved the example summaries, publishes the first edition.
    let publication = super::editions::Publication {
        now,
        today,
        publisher_id: 2,
        actor,
        note: Some("First edition of the example data."),
    };
    super::editions::publish(&mut tx, publication).await?;
    tx.commit().await?;
    Ok(SeedOutcome::Loaded)
}
