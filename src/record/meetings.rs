//! Meetings: adding and editing one (version-checked), naming an item the force must update
//! before it, and saving the pack of record.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, ResultExt, Saved, Tx};
use crate::db::{self, meetings::MeetingRow};
use crate::domain::meetings::NewMeeting;
use crate::domain::scope::Scope;
use crate::domain::subject::Subject;
use crate::domain::vocab::{AuditAction, Entity};

/// Add a meeting; its id.
pub async fn create(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    new: &NewMeeting,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = db::meetings::insert(&mut tx, new, now).await?;
    let after = db::meetings::find(&mut *tx, id).await?;
    tx.created(Entity::Meeting, id, &after).await
}

/// Save meeting `id` over the `version` the person saw; stale (with the meeting as it is
/// now) if someone else saved first.
pub async fn update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    version: i64,
    new: &NewMeeting,
) -> RecordResult<Saved<i64, MeetingRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::meetings::find(&mut *tx, id).await.found()?;
    if !db::meetings::update(&mut tx, id, version, new, now).await? {
        return Ok(Saved::Stale(before));
    }
    let after = db::meetings::find(&mut *tx, id).await?;
    tx.updated(Entity::Meeting, id, &before, &after).await
}

/// Name `subject` as an item the force must update before meeting `meeting_id`, at the
/// request of the user `user_id`; the request's id.
pub async fn request_update(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    meeting_id: i64,
    subject: Subject,
    user_id: i64,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = db::meetings::insert_request(&mut tx, meeting_id, subject, user_id, now)
        .await
        .missing_on_constraint()?;
    let after = json!({
        "meeting_id": meeting_id,
        "action_id": subject.action_id(),
        "finding_id": subject.finding_id(),
    });
    tx.audit(
        Entity::UpdateRequest,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Save `content` (the pack as it stands now) with its SHA-256 as meeting `meeting_id`'s
/// pack of record, saved by the user `user_id`; the pack's id. Packs are never changed.
pub async fn save_pack(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    meeting_id: i64,
    content: &str,
    covers: &Scope,
    user_id: i64,
) -> RecordResult<Saved<i64, Infallible>> {
    let sha256 = crate::auth::sha256_hex(content);
    let bodies = covers.as_json();
    let mut tx = Tx::begin(pool, actor, now).await?;
    let id = db::packs::insert(
        &mut tx,
        meeting_id,
        content,
        &sha256,
        bodies.as_deref(),
        user_id,
        now,
    )
    .await?;
    let after = json!({ "meeting_id": meeting_id, "sha256": sha256, "bodies": bodies });
    tx.created(Entity::MeetingPack, id, &after).await
}
