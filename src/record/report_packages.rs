//! Loading a report package into the bodies the office chose: each gets its own copy of the
//! report and its items, linked to their national identifiers; a newer version changes
//! wording, deadlines and places and nothing the office recorded; the same version again
//! changes nothing.

use std::collections::HashMap;
use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use super::{Actor, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::inspections;
use crate::db::report_packages::{self as db, ItemValues, NewStored, Target};
use crate::domain::inspections::NewInspection;
use crate::domain::report_package::{Change, Item, ItemPlan, Loaded, Package, Plan, plan};
use crate::domain::vocab::{AuditAction, Entity};

/// What loading did for one body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Loading {
    pub body_id: i64,
    pub body_name: String,
    /// The body's copy of the report (none when no item is addressed to it).
    pub inspection_id: Option<i64>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// A new copy with this many findings.
    Added { findings: usize },
    /// An earlier version brought up to this one: findings added and changed.
    Updated {
        from: u32,
        added: usize,
        changed: usize,
    },
    /// It had this version already.
    UpToDate,
    /// It has a newer version: left as it is.
    Newer { loaded: u32 },
    /// None of the items is addressed to a body of its kind.
    NotAddressed,
}

/// The SHA-256 of a package file, as stored and audited.
pub fn fingerprint(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Load `package` (read from the file `text`) into each of `body_ids`, all or none. Loading
/// what is already loaded writes nothing.
pub async fn load(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    package: &Package,
    text: &str,
    body_ids: &[i64],
) -> RecordResult<Saved<Vec<Loading>, Infallible>> {
    if body_ids.is_empty() {
        return Err(RecordError::field(
            "bodies",
            "Choose at least one body to load the report into",
        ));
    }
    let mut tx = Tx::begin(pool, actor, now).await?;
    let mut wrote = store(&mut tx, package, text).await?;
    let targets: HashMap<i64, Target> = db::targets(&mut *tx)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let loaded = db::loaded(&mut tx, &package.id).await?;
    let mut done = Vec::new();
    for body_id in body_ids {
        let body = targets.get(body_id).ok_or_else(|| {
            RecordError::field(
                "bodies",
                "Choose the bodies from the list again: it has changed",
            )
        })?;
        let had = loaded.get(body_id);
        let plan = plan(package, body.kind, had);
        wrote |= plan.writes();
        let (inspection_id, outcome) = carry_out(&mut tx, package, body, plan, had).await?;
        done.push(Loading {
            body_id: body.id,
            body_name: body.name.clone(),
            inspection_id,
            outcome,
        });
    }
    if wrote {
        tx.commit().await?;
    }
    Ok(Saved::Done(done))
}

/// Keep the package as loaded, the first time this version is; refuse one changed under a
/// version already loaded. Whether it wrote.
async fn store(tx: &mut Tx, package: &Package, text: &str) -> RecordResult<bool> {
    let sha256 = fingerprint(text);
    if let Some(stored) = db::stored(&mut **tx, &package.id, package.version).await? {
        // The same package saved again by another program may differ in spacing only.
        if stored.sha256 == sha256 || Package::read(&stored.content).as_ref() == Ok(package) {
            return Ok(false);
        }
        return Err(RecordError::field(
            "package",
            format!(
                "Version {} of this report's package was loaded before with different content. A changed package needs a new version number: ask whoever published it.",
                package.version
            ),
        ));
    }
    let stored = NewStored {
        national_id: &package.id,
        version: package.version,
        title: &package.title,
        content: text,
        sha256: &sha256,
    };
    let (user, now) = (tx.actor().id, tx.now());
    let id = db::insert(tx, &stored, user, now).await?;
    let after = json!({ "national_id": package.id, "version": package.version,
        "title": package.title, "publisher": package.publisher, "sha256": sha256,
        "items": package.items.len() });
    tx.audit(
        Entity::ReportPackage,
        id,
        AuditAction::Load,
        None::<&()>,
        Some(&after),
    )
    .await?;
    Ok(true)
}

async fn carry_out(
    tx: &mut Tx,
    package: &Package,
    body: &Target,
    plan: Plan<'_>,
    loaded: Option<&Loaded>,
) -> RecordResult<(Option<i64>, Outcome)> {
    match plan {
        Plan::NotAddressed => Ok((None, Outcome::NotAddressed)),
        Plan::UpToDate { inspection_id } => Ok((Some(inspection_id), Outcome::UpToDate)),
        Plan::Newer {
            inspection_id,
            loaded,
        } => Ok((Some(inspection_id), Outcome::Newer { loaded })),
        Plan::Add(items) => {
            let id = add_copy(tx, package, body).await?;
            add_items(tx, id, &items, HashMap::new()).await?;
            let findings = items.len();
            Ok((Some(id), Outcome::Added { findings }))
        }
        Plan::Update {
            inspection_id,
            from,
            report,
            items,
            dropped,
        } => {
            let (now, id) = (tx.now(), inspection_id);
            let report_values = (
                package.title.as_str(),
                package.published_on,
                package.report_url.as_deref(),
            );
            db::update_report(tx, id, package.version, report_values, now).await?;
            let before = json!({ "package_version": from, "changes": changes_before(&report) });
            let after = json!({ "package_version": package.version,
                "changes": changes_after(&report), "no_longer_in_package": dropped });
            tx.audit(
                Entity::Inspection,
                id,
                AuditAction::Update,
                Some(&before),
                Some(&after),
            )
            .await?;
            let known: HashMap<String, i64> = loaded
                .map(|l| {
                    l.items
                        .iter()
                        .map(|i| (i.national_id.clone(), i.finding_id))
                })
                .into_iter()
                .flatten()
                .collect();
            let added: Vec<&Item> = items
                .iter()
                .filter_map(|p| match p {
                    ItemPlan::Add(item) => Some(*item),
                    ItemPlan::Change { .. } => None,
                })
                .collect();
            let ids = add_items(tx, id, &added, known).await?;
            let mut changed = 0;
            for p in &items {
                let ItemPlan::Change {
                    finding_id,
                    item,
                    changes,
                } = p
                else {
                    continue;
                };
                let values = values(item, &ids);
                db::update_finding(tx, *finding_id, &values, now)
                    .await
                    .on_constraint("package", &reference_clash(&item.reference))?;
                let before = json!({ "changes": changes_before(changes) });
                let after = json!({ "changes": changes_after(changes), "finding": values });
                tx.audit(
                    Entity::Finding,
                    *finding_id,
                    AuditAction::Update,
                    Some(&before),
                    Some(&after),
                )
                .await?;
                changed += 1;
            }
            let outcome = Outcome::Updated {
                from,
                added: added.len(),
                changed,
            };
            Ok((Some(id), outcome))
        }
    }
}

/// The body's new copy of the report: an inspection from the package's report.
async fn add_copy(tx: &mut Tx, package: &Package, body: &Target) -> RecordResult<i64> {
    let new = NewInspection {
        body_id: body.id,
        new_body: None,
        title: package.title.clone(),
        kind: package.kind,
        source: package.source,
        fieldwork_start: None,
        fieldwork_end: None,
        published_on: package.published_on,
        sent_on: None,
        report_url: package.report_url.clone(),
        follows_up_id: None,
        section_55_applies: None,
        action_plan_applies: None,
    };
    let now = tx.now();
    let id = inspections::insert(tx, &new, now).await?;
    db::link(tx, id, &package.id, package.version).await?;
    let after = json!({ "inspection": new, "national_id": package.id,
        "package_version": package.version, "publisher": package.publisher });
    tx.audit(
        Entity::Inspection,
        id,
        AuditAction::Load,
        None::<&()>,
        Some(&after),
    )
    .await?;
    Ok(id)
}

/// Add `items` to the copy `inspection_id`, causes of concern before what sits under them;
/// `ids` are the findings the copy has by item identifier, returned with the new ones.
async fn add_items(
    tx: &mut Tx,
    inspection_id: i64,
    items: &[&Item],
    mut ids: HashMap<String, i64>,
) -> RecordResult<HashMap<String, i64>> {
    let now = tx.now();
    let (top, under): (Vec<&Item>, Vec<&Item>) =
        items.iter().copied().partition(|i| i.parent.is_none());
    for item in top.into_iter().chain(under) {
        let values = values(item, &ids);
        let id = db::insert_finding(tx, inspection_id, &values, now)
            .await
            .on_constraint("package", &reference_clash(&item.reference))?;
        let after = json!({ "inspection_id": inspection_id, "finding": values });
        tx.audit(
            Entity::Finding,
            id,
            AuditAction::Load,
            None::<&()>,
            Some(&after),
        )
        .await?;
        ids.insert(item.id.clone(), id);
    }
    Ok(ids)
}

fn values<'a>(item: &'a Item, ids: &HashMap<String, i64>) -> ItemValues<'a> {
    ItemValues {
        national_id: &item.id,
        parent_id: item.parent.as_ref().and_then(|p| ids.get(p).copied()),
        kind: item.kind,
        reference: &item.reference,
        area: &item.area,
        official_wording: &item.official_wording,
        timescale: item.timescale,
        deadline: item.deadline,
    }
}

fn reference_clash(reference: &str) -> String {
    format!(
        "The report already has another finding with reference {reference}, added by hand. Nothing has been loaded: change that finding's reference, then load the package again."
    )
}

fn changes_before(changes: &[Change]) -> serde_json::Value {
    changes
        .iter()
        .map(|c| (c.what.to_string(), json!(c.before)))
        .collect()
}

fn changes_after(changes: &[Change]) -> serde_json::Value {
    changes
        .iter()
        .map(|c| (c.what.to_string(), json!(c.after)))
        .collect()
}
