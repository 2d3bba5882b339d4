//! Agenda items: adding one to a meeting and revising it (version-checked), each with the
//! assurance judgement made there saved as a dated assessment of the finding.

use std::convert::Infallible;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use super::{Actor, Found, RecordResult, ResultExt, Saved, Tx};
use crate::db::{self, agenda::AgendaItemRow};
use crate::domain::assurance::NewAssessment;
use crate::domain::meetings::NewAgendaItem;
use crate::domain::vocab::{AuditAction, Entity};

/// Save a judgement as a new assessment (assessments are never changed); its id.
async fn assess(tx: &mut Tx, judgement: Option<&NewAssessment>) -> RecordResult<Option<i64>> {
    let Some(j) = judgement else { return Ok(None) };
    let now = tx.now();
    let id = db::assurance::insert_assessment(tx, j, now)
        .await
        .missing_on_constraint()?;
    tx.audit(
        Entity::Assessment,
        id,
        AuditAction::Create,
        None::<&()>,
        Some(j),
    )
    .await?;
    Ok(Some(id))
}

/// Add `item` (and its judgement) to meeting `meeting_id`; the item's id.
pub async fn add(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    meeting_id: i64,
    item: &NewAgendaItem,
    judgement: Option<&NewAssessment>,
) -> RecordResult<Saved<i64, Infallible>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let assessment_id = assess(&mut tx, judgement).await?;
    let id = db::agenda::insert(&mut tx, meeting_id, item, assessment_id)
        .await
        .missing_on_constraint()?;
    let after = db::agenda::find(&mut *tx, meeting_id, id).await?;
    tx.audit(
        Entity::AgendaItem,
        id,
        AuditAction::Create,
        None::<&()>,
        after.as_ref(),
    )
    .await?;
    tx.commit().await?;
    Ok(Saved::Done(id))
}

/// Revise item `id` of meeting `meeting_id` over the `version` the person saw. An unchanged
/// judgement keeps its assessment; a changed one is a new assessment; clearing the level
/// unlinks the judgement from the item (the assessment stays in the finding's history).
#[allow(clippy::too_many_arguments)]
pub async fn revise(
    pool: &SqlitePool,
    actor: &Actor,
    now: DateTime<Utc>,
    (meeting_id, id): (i64, i64),
    version: i64,
    item: &NewAgendaItem,
    judgement: Option<&NewAssessment>,
) -> RecordResult<Saved<i64, AgendaItemRow>> {
    let mut tx = Tx::begin(pool, actor, now).await?;
    let before = db::agenda::find(&mut *tx, meeting_id, id).await.found()?;
    let unchanged = judgement.is_some_and(|j| {
        before.finding_id == Some(j.finding_id)
            && before.level == Some(j.level)
            && before.rationale.as_deref() == Some(j.rationale.as_str())
            && before.evidence_seen == j.evidence_seen
    });
    let assessment_id = match unchanged {
        true => before.assessment_id,
        false => assess(&mut tx, judgement).await?,
    };
    let matched = db::agenda::update(&mut tx, id, version, item, assessment_id)
        .await
        .missing_on_constraint()?;
    if !matched {
        // Dropping the transaction also undoes any assessment saved above.
        return Ok(Saved::Stale(before));
    }
    let after = db::agenda::find(&mut *tx, meeting_id, id).await?;
    tx.updated(Entity::AgendaItem, id, &before, &after).await
}
