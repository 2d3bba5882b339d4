//! Changing the site's settings: organisation name, brand colour, when updates go stale,
//! when owners are reminded.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use sqlx::SqlitePool;

use super::{Actor, RecordResult, Saved, Tx};
use crate::db::settings;
use crate::domain::site::Site;
use crate::domain::vocab::{AuditAction, Entity};

/// The settings an administrator changes, as the audit log shows them.
fn audited(site: &Site) -> Value {
    json!({
        "organisation_name": site.organisation_name,
        "brand_colour": site.brand_colour,
        "stale_after_days": site.stale_after_days,
        "two_step_for_staff": site.two_step_for_staff,
        "reminder_offsets": site.reminder_offsets,
    })
}

/// Save `site` over `before` (the settings in force); the settings now in force.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    before: &Site,
    site: Site,
) -> RecordResult<Saved<Site, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    settings::put(&mut *tx, "organisation_name", &site.organisation_name).await?;
    settings::put(&mut *tx, "brand_colour", &site.brand_colour).await?;
    let days = site.stale_after_days.to_string();
    settings::put(&mut *tx, "stale_after_days", &days).await?;
    let offsets = crate::domain::mail::offsets_text(&site.reminder_offsets);
    settings::put(&mut *tx, "reminder_offsets", &offsets).await?;
    let two_step = site.two_step_for_staff.to_string();
    settings::put(&mut *tx, "two_step_for_staff", &two_step).await?;
    tx.audit_single(
        Entity::Settings,
        AuditAction::Update,
        Some(&audited(before)),
        Some(&audited(&site)),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(site))
}
