//! Findings: the items of a report the force must act on, their parts, and their section 55
//! responses.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::findings::NewFinding;
use crate::domain::vocab::{FindingKind, ResponsePosition, Timescale};

/// One finding with its inspection's facts (for due dates and the report link).
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct FindingRow {
    pub id: i64,
    pub inspection_id: i64,
    pub inspection_title: String,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
    pub response_published_on: Option<NaiveDate>,
    pub plan_review_received_on: Option<NaiveDate>,
    /// The fire action plan review's last day as extended, if it was.
    pub plan_review_extended_to: Option<NaiveDate>,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub facts: crate::domain::regimes::RegimeFacts,
    pub parent_id: Option<i64>,
    pub parent_reference: Option<String>,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub official_wording: Option<String>,
    pub public_summary: Option<String>,
    // Read through `timescale_read` (below), which folds in the "not stated" flag.
    #[sqlx(rename = "timescale_read")]
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
    pub response_position: Option<ResponsePosition>,
    pub response_explanation: Option<String>,
    pub version: i64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow, serde::Serialize)]
pub struct PartRow {
    pub id: i64,
    pub position: i64,
    pub text: String,
}

/// The start of a read of findings with their reports' facts, up to its `where`.
fn select() -> String {
    format!(
        "select f.*, i.title as inspection_title, i.published_on, i.report_url,
            i.response_published_on, i.plan_review_received_on, {},
            i.source, b.kind as body_kind,
            exists (select 1 from findings c
                    where c.inspection_id = i.id and c.kind = 'cause_of_concern')
                as has_cause_of_concern,
            i.follows_up_id is not null as follows_up, i.section_55_applies, i.action_plan_applies,
            p.reference as parent_reference,
            case when f.timescale_not_stated = 1 then 'not_stated' else f.timescale end
                as timescale_read
     from findings f
     join inspections i on i.id = f.inspection_id
     join inspected_bodies b on b.id = i.body_id
     left join findings p on p.id = f.parent_id",
        super::clocks::plan_review_extended_to(None)
    )
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<FindingRow>, sqlx::Error> {
    sqlx::query_as(&format!("{} where f.id = ?", select()))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every finding of an inspection, in report order.
pub async fn list_for_inspection(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Vec<FindingRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{} where f.inspection_id = ? order by length(f.reference), f.reference, f.id",
        select()
    ))
    .bind(inspection_id)
    .fetch_all(db)
    .await
}

pub async fn insert(
    tx: &mut SqliteConnection,
    inspection_id: i64,
    new: &NewFinding,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let now = super::timestamp(now);
    sqlx::query_scalar(
        "insert into findings (inspection_id, parent_id, kind, reference, area,
             official_wording, public_summary, timescale, timescale_not_stated, timescale_date,
             created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(inspection_id)
    .bind(new.parent_id)
    .bind(new.kind)
    .bind(&new.reference)
    .bind(&new.area)
    .bind(&new.official_wording)
    .bind(&new.public_summary)
    .bind(new.timescale.stored().0)
    .bind(new.timescale.stored().1)
    .bind(new.timescale_date)
    .bind(&now)
    .bind(&now)
    .fetch_one(tx)
    .await
}

/// Save over version `version`; false if someone else saved first.
pub async fn update(
    tx: &mut SqliteConnection,
    id: i64,
    version: i64,
    new: &NewFinding,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update findings
         set parent_id = ?, kind = ?, reference = ?, area = ?, official_wording = ?,
             public_summary = ?, timescale = ?, timescale_not_stated = ?, timescale_date = ?,
             updated_at = ?,
             version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(new.parent_id)
    .bind(new.kind)
    .bind(&new.reference)
    .bind(&new.area)
    .bind(&new.official_wording)
    .bind(&new.public_summary)
    .bind(new.timescale.stored().0)
    .bind(new.timescale.stored().1)
    .bind(new.timescale_date)
    .bind(super::timestamp(now))
    .bind(id)
    .bind(version)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Record the section 55 response to one finding.
pub async fn update_response(
    tx: &mut SqliteConnection,
    id: i64,
    position: Option<ResponsePosition>,
    explanation: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update findings
         set response_position = ?, response_explanation = ?, updated_at = ?,
             version = version + 1
         where id = ?",
    )
    .bind(position)
    .bind(explanation)
    .bind(super::timestamp(now))
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn list_parts(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<PartRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, position, text from finding_parts where finding_id = ? order by position",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// Parts of a finding that an assessment or inspectorate position refers to.
pub async fn list_referenced_parts(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select part_id from assessments where finding_id = ?1 and part_id is not null
         union
         select part_id from inspectorate_positions where finding_id = ?1 and part_id is not null",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// Make the parts of a finding `lines`, keeping the id of every part whose text is unchanged
/// and deleting the parts no longer listed (the caller checks none of those is referenced).
pub async fn replace_parts(
    tx: &mut SqliteConnection,
    finding_id: i64,
    lines: &[String],
) -> Result<(), sqlx::Error> {
    let mut existing = list_parts(&mut *tx, finding_id).await?;
    // Move positions out of the way so renumbering never trips the unique constraint.
    sqlx::query("update finding_parts set position = -id where finding_id = ?")
        .bind(finding_id)
        .execute(&mut *tx)
        .await?;
    for (i, line) in lines.iter().enumerate() {
        let position = i as i64 + 1;
        if let Some(at) = existing.iter().position(|p| &p.text == line) {
            let part = existing.remove(at);
            sqlx::query("update finding_parts set position = ? where id = ?")
                .bind(position)
                .bind(part.id)
                .execute(&mut *tx)
                .await?;
        } else {
            sqlx::query("insert into finding_parts (finding_id, position, text) values (?, ?, ?)")
                .bind(finding_id)
                .bind(position)
                .bind(line)
                .execute(&mut *tx)
                .await?;
        }
    }
    for gone in existing {
        sqlx::query("delete from finding_parts where id = ?")
            .bind(gone.id)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

/// The parts `lines` would remove from `existing` (text no longer listed).
pub fn removed_parts<'a>(existing: &'a [PartRow], lines: &[String]) -> Vec<&'a PartRow> {
    let mut remaining: Vec<&String> = lines.iter().collect();
    existing
        .iter()
        .filter(|p| match remaining.iter().position(|l| **l == p.text) {
            Some(at) => {
                remaining.remove(at);
                false
            }
            None => true,
        })
        .collect()
}
