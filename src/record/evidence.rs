//! Evidence files: attaching them to a record, their retention and holds, releasing an
//! inspection's file to the public site, and disposal. A file is never deleted: disposal
//! removes its bytes and keeps its name, size and hash, audited like every other change.

use std::convert::Infallible;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::evidence::{self, FileRow, NewFile};
use crate::domain::dates::today_in_london;
use crate::domain::evidence::{Attached, Disposal, Upload, review_on};
use crate::domain::vocab::{AttachedTo, AuditAction, Entity, RetentionClass};

/// Attach `uploads` to the record `to`, in one transaction: all of them or none. Each is
/// kept by its record's default retention class, reviewed when that class says.
pub async fn attach(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    to: Attached,
    uploads: &[Upload],
) -> RecordResult<Saved<Vec<i64>, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let class = to.to.default_class();
    let review = review_on(class, today_in_london(now));
    let mut ids = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let new = NewFile {
            sha256: &upload.sha256,
            bytes: &upload.bytes,
            name: &upload.name,
            kind: upload.kind,
            description: upload.description.as_deref(),
            attached: to,
            class,
            review_on: review,
        };
        let id = evidence::insert(&mut tx, &new, actor.id, now)
            .await
            // The only reference is the record it is attached to.
            .missing_on_constraint()?;
        let after = evidence::find(&mut *tx, id).await?;
        tx.audit(
            Entity::EvidenceFile,
            id,
            AuditAction::Attach,
            None::<&()>,
            after.as_ref(),
        )
        .await?;
        ids.push(id);
    }
    if ids.is_empty() {
        return Err(RecordError::field("files", "Choose a file to attach"));
    }
    tx.commit().await?;
    Ok(Saved::Done(ids))
}

/// Change `change` on the file `id` and audit it as `action`, from how it was to how it is.
async fn change<F>(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    action: AuditAction,
    check: impl FnOnce(&FileRow) -> RecordResult<()>,
    write: F,
) -> RecordResult<Saved<i64, Infallible>>
where
    F: AsyncFnOnce(&mut Tx) -> Result<(), sqlx::Error>,
{
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = evidence::find(&mut *tx, id).await.found()?;
    if before.disposed_at.is_some() {
        return Err(RecordError::Conflict);
    }
    check(&before)?;
    write(&mut tx).await?;
    let after = evidence::find(&mut *tx, id).await?;
    tx.finish(
        Entity::EvidenceFile,
        id,
        action,
        Some(&before),
        after.as_ref(),
    )
    .await
}

/// Put the file `id` on hold (a freedom of information request, litigation): it cannot be
/// disposed of until the hold is lifted.
pub async fn hold(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    reason: &str,
) -> RecordResult<Saved<i64, Infallible>> {
    let write = async |tx: &mut Tx| evidence::set_hold(&mut **tx, id, Some(reason)).await;
    change(pool, actor, now, id, AuditAction::Hold, |_| Ok(()), write).await
}

pub async fn lift_hold(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
) -> RecordResult<Saved<i64, Infallible>> {
    let write = async |tx: &mut Tx| evidence::set_hold(&mut **tx, id, None).await;
    let check = |f: &FileRow| match f.hold_reason {
        Some(_) => Ok(()),
        None => Err(RecordError::Conflict),
    };
    change(pool, actor, now, id, AuditAction::LiftHold, check, write).await
}

/// Keep the file `id` by `class`, to be reviewed on `review` (none for a permanent file).
pub async fn set_retention(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    class: RetentionClass,
    review: Option<NaiveDate>,
) -> RecordResult<Saved<i64, Infallible>> {
    let review = match class {
        RetentionClass::Permanent => None,
        RetentionClass::Supporting => review,
    };
    let write = async |tx: &mut Tx| evidence::set_retention(&mut **tx, id, class, review).await;
    change(pool, actor, now, id, AuditAction::Update, |_| Ok(()), write).await
}

/// Release an inspection's file (the section 55 response letter, say) to the public site:
/// the next edition lists it; or take it off again (`public` false).
pub async fn release(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    public: bool,
) -> RecordResult<Saved<i64, Infallible>> {
    let action = match public {
        true => AuditAction::Release,
        false => AuditAction::Unrelease,
    };
    let check = |f: &FileRow| match f.attached_to == AttachedTo::Inspection && f.public != public {
        true => Ok(()),
        false => Err(RecordError::Conflict),
    };
    let write = async |tx: &mut Tx| evidence::set_public(&mut **tx, id, public).await;
    change(pool, actor, now, id, action, check, write).await
}

/// Dispose of the file `id` for `reason`: refused while it is on hold or kept permanently.
pub async fn dispose(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    id: i64,
    reason: &str,
) -> RecordResult<Saved<i64, Infallible>> {
    let check = |f: &FileRow| {
        let disposal = Disposal {
            hold: f.hold_reason.as_deref(),
            class: f.retention_class,
            disposed: f.disposed_at.is_some(),
        };
        match disposal.refusal() {
            Some(why) => Err(RecordError::field("reason", why)),
            None => Ok(()),
        }
    };
    let user = actor.id;
    let write = async |tx: &mut Tx| evidence::dispose(tx, id, user, now, reason).await;
    change(pool, actor, now, id, AuditAction::Dispose, check, write).await
}
