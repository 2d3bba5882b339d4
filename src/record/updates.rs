//! Posting a progress update, or a correction of one (a new update naming the one it
//! corrects: updates are never edited or deleted). Only an update's author or the PCC office
//! may correct it. A correction that keeps an approved public summary word for word keeps
//! its approval; one that changes it goes back to the office's publishing queue, which shows
//! the wording that was approved.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::SqlitePool;

use super::{Actor, Found, RecordError, RecordResult, ResultExt, Saved, Tx};
use crate::db::publishing::{self, SummaryKind};
use crate::db::updates::{self, UpdateRow};
use crate::db::users;
use crate::domain::inputs::same_wording;
use crate::domain::updates::{Corrector, NewUpdate};
use crate::domain::vocab::{AuditAction, Entity};

/// Post `new` as the user `author_id`; the new update's id. A correction by someone who is
/// neither the corrected update's author nor the office is forbidden.
pub async fn post(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    author_id: i64,
    new: NewUpdate,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let corrected = match new.corrects_id {
        Some(id) => Some(updates::find(&mut *tx, id).await.found()?),
        None => None,
    };
    if let Some(original) = &corrected {
        let author = users::find(&mut *tx, author_id).await.found()?;
        let corrector = Corrector {
            user_id: author.id,
            role: author.role,
        };
        if !corrector.may_correct(original.author_id) {
            return Err(RecordError::Forbidden);
        }
    }
    let id = updates::insert(&mut *tx, &new, author_id, now)
        .await
        // The only references are the subject and the corrected update.
        .missing_on_constraint()?;
    let after = updates::find(&mut *tx, id).await?;
    let action = match corrected {
        Some(_) => AuditAction::Correct,
        None => AuditAction::Create,
    };
    tx.audit(
        Entity::ProgressUpdate,
        id,
        action,
        corrected.as_ref(),
        after.as_ref(),
    )
    .await?;
    if let Some(original) = &corrected {
        keep_approval_of_unchanged_wording(&mut tx, original, id, &new).await?;
    }
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// The office approved the wording of `original`'s public summary; if the correction `id`
/// says the same, that approval stands for it (recorded as such). If the wording changed it
/// does not: the correction waits in the publishing queue for the office to approve it.
async fn keep_approval_of_unchanged_wording(
    tx: &mut Tx,
    original: &UpdateRow,
    id: i64,
    new: &NewUpdate,
) -> RecordResult<()> {
    let approval = publishing::find_approval(tx, SummaryKind::Update, original.id).await?;
    let Some(approval) = approval.filter(|a| a.approved_at.is_some()) else {
        return Ok(());
    };
    let kept = new
        .public_summary
        .as_deref()
        .is_some_and(|s| same_wording(s, &approval.summary));
    if !kept {
        return Ok(());
    }
    publishing::carry_update_approval(tx, original.id, id).await?;
    let after = publishing::find_approval(tx, SummaryKind::Update, id).await?;
    let after = json!({ "approval": after, "carried_from_update": original.id });
    tx.audit(
        Entity::ProgressUpdate,
        id,
        AuditAction::ApproveSummary,
        None::<&()>,
        Some(&after),
    )
    .await
}
