//! A deterministic national-scale data set for benchmarks and scale tests: every force in
//! England and Wales with ten years of inspections, action plans, updates and meetings, and
//! the audit events for all of it.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde_json::json;
use sqlx::SqliteConnection;

mod records;

use super::audit::{self, Actor, Change};
use super::editions::{self, Publication};
use crate::domain::vocab::{AuditAction, BodyKind, Entity, Role};
use records::{insert_finding, insert_inspection, insert_meeting};

/// How much to make. `national()` is the benchmark's size; tests use smaller ones.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    pub bodies: u32,
    pub inspections_per_body: u32,
    pub findings_per_inspection: u32,
    pub actions_per_finding: u32,
    pub milestones_per_action: u32,
    pub updates_per_action: u32,
    pub meetings_per_body: u32,
    pub seed: u64,
}

impl Plan {
    pub fn national() -> Self {
        Self {
            bodies: 43,
            inspections_per_body: 20,
            findings_per_inspection: 12,
            actions_per_finding: 3,
            milestones_per_action: 3,
            updates_per_action: 10,
            meetings_per_body: 40,
            seed: 20_211_116,
        }
    }

    /// A few of everything: for tests that the generator works and is deterministic.
    pub fn small() -> Self {
        Self {
            bodies: 2,
            inspections_per_body: 2,
            findings_per_inspection: 3,
            actions_per_finding: 2,
            milestones_per_action: 2,
            updates_per_action: 3,
            meetings_per_body: 2,
            seed: 7,
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub findings: u64,
    pub actions: u64,
    pub milestones: u64,
    pub revisions: u64,
    pub updates: u64,
    pub audit_events: u64,
    /// The number of the edition published at the end.
    pub edition: i64,
}

/// splitmix64: a tiny, well-known generator, so the same seed gives the same data anywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Everything one bulk load writes through: the transaction, the chain's end, the counts.
struct Writer<'a> {
    tx: &'a mut SqliteConnection,
    chain: String,
    at: DateTime<Utc>,
    stamp: String,
    actor: Actor,
    counts: Counts,
    rng: Random,
    plan: Plan,
    today: NaiveDate,
    office: i64,
    force: i64,
}

impl Writer<'_> {
    async fn audit(
        &mut self,
        entity: Entity,
        id: i64,
        after: serde_json::Value,
    ) -> Result<(), sqlx::Error> {
        let change = Change {
            entity,
            entity_id: Some(id),
            action: AuditAction::Create,
            before: None,
            after: Some(after),
        };
        self.chain = audit::append(self.tx, &self.chain, self.at, &self.actor, change).await?;
        self.counts.audit_events += 1;
        Ok(())
    }
}

/// Insert one row and return the id it was given (or the first column `returning` names).
async fn insert(
    tx: &mut SqliteConnection,
    sql: &str,
    values: &[Value<'_>],
) -> Result<i64, sqlx::Error> {
    {
        let mut query = sqlx::query_scalar::<_, i64>(sql);
        for v in values {
            query = match v {
                Value::Int(i) => query.bind(*i),
                Value::Text(t) => query.bind(*t),
                Value::Owned(t) => query.bind(t.clone()),
                Value::Date(d) => query.bind(*d),
                Value::NullDate => query.bind(None::<NaiveDate>),
            };
        }
        query.fetch_one(tx).await
    }
}

enum Value<'a> {
    Int(i64),
    Text(&'a str),
    Owned(String),
    Date(NaiveDate),
    NullDate,
}
pub async fn generate(
    pool: &sqlx::SqlitePool,
    plan: Plan,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Counts, sqlx::Error> {
    use sqlx::Connection;
    let mut conn = pool.acquire().await?;
    // A larger page cache for this one connection keeps the indexes being built in memory;
    // it is put back before the connection returns to the pool.
    sqlx::query("pragma cache_size = -262144")
        .execute(&mut *conn)
        .await?;
    let mut tx = conn.begin_with("begin immediate").await?;
    let chain = audit::last_hash(&mut *tx).await?;
    let stamp = super::timestamp(now);
    let mut w = Writer {
        tx: &mut tx,
        chain,
        at: now,
        stamp: stamp.clone(),
        actor: Actor::system("scrutineer seed --synthetic national"),
        counts: Counts::default(),
        rng: Random(plan.seed),
        plan,
        today,
        office: 0,
        force: 0,
    };
    w.office = insert(
        &mut *w.tx,
        "insert into users (email, display_name, role, password_hash, created_at)
             values ('synthetic.office@example.org', 'Synthetic office', ?, '!', ?) returning id",
        &[Value::Text(Role::Office.as_str()), Value::Text(&stamp)],
    )
    .await?;
    w.force = insert(
        &mut *w.tx,
        "insert into users (email, display_name, role, password_hash, created_at)
             values ('synthetic.force@example.org', 'Synthetic force', ?, '!', ?) returning id",
        &[Value::Text(Role::Force.as_str()), Value::Text(&stamp)],
    )
    .await?;
    let start = today - Duration::days(3650);
    for b in 0..plan.bodies {
        let name = format!("Synthetic Constabulary {:02}", b + 1);
        let body = insert(
            &mut *w.tx,
            "insert into inspected_bodies (name, kind, created_at) values (?, ?, ?) returning id",
            &[
                Value::Owned(name.clone()),
                Value::Text(BodyKind::PoliceForce.as_str()),
                Value::Text(&stamp),
            ],
        )
        .await?;
        w.audit(Entity::InspectedBody, body, json!({ "name": name }))
            .await?;
        if b == 0 {
            // The force user belongs to the first force only, as a force's liaison officer
            // would: what they see is scoped to one body of many.
            insert(
                &mut *w.tx,
                "insert into user_bodies (user_id, body_id) values (?, ?) returning user_id",
                &[Value::Int(w.force), Value::Int(body)],
            )
            .await?;
        }
        let mut findings = Vec::new();
        for i in 0..plan.inspections_per_body {
            let spacing = 3650 / i64::from(plan.inspections_per_body.max(1));
            let published = start + Duration::days(i64::from(i) * spacing + w.rng.below(60) as i64);
            let inspection = insert_inspection(&mut w, body, (b, i), published).await?;
            for f in 0..plan.findings_per_inspection {
                findings
                    .push(insert_finding(&mut w, body, inspection, (b, i, f), published).await?);
            }
        }
        for m in 0..plan.meetings_per_body {
            let held_on = start
                + Duration::days(i64::from(m) * 3650 / i64::from(plan.meetings_per_body.max(1)));
            insert_meeting(&mut w, (b, m), held_on, &findings).await?;
        }
    }
    let (office, actor, mut counts) = (w.office, w.actor.clone(), w.counts);
    // The public site shows only published editions: publish one of everything made.
    let publication = Publication {
        now,
        today,
        publisher_id: office,
        actor: &actor,
        note: Some("Synthetic data set"),
    };
    counts.edition = editions::publish(&mut tx, publication).await?;
    counts.audit_events += 1;
    tx.commit().await?;
    sqlx::query("pragma cache_size = -2000")
        .execute(&mut *conn)
        .await?;
    // Move the whole load from the write-ahead log into the database file now, so the next
    // start opens a compact file instead of replaying hundreds of megabytes of log.
    sqlx::query("pragma wal_checkpoint(truncate)")
        .execute(&mut *conn)
        .await?;
    Ok(counts)
}
