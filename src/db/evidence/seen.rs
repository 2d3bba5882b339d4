//! The evidence files an assessor ticked as seen: written with the assessment, read by the
//! finding page and the meeting pack.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqliteExecutor};

use super::{FileRow, SELECT};

/// Record that the assessment `assessment_id` saw the files `file_ids`.
pub async fn insert_seen(
    tx: &mut SqliteConnection,
    assessment_id: i64,
    file_ids: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into assessment_evidence (assessment_id, file_id)
         select ?, value from json_each(?)",
    )
    .bind(assessment_id)
    .bind(serde_json::to_string(file_ids).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *tx)
    .await
    .map(|_| ())
}

/// Which files each assessment of the finding ticked as seen: `(assessment, file)` pairs.
pub async fn list_seen(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select s.assessment_id, s.file_id from assessment_evidence s
         join assessments a on a.id = s.assessment_id
         where a.finding_id = ?
         order by s.assessment_id, s.file_id",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// A file an assessment of a finding was made on, with the finding and the assessment's date.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SeenFile {
    pub finding_id: i64,
    pub assessed_on: NaiveDate,
    #[sqlx(flatten)]
    pub file: FileRow,
}

/// The files ticked as seen by any assessment of the findings `finding_ids`.
pub async fn list_seen_for_findings(
    db: impl SqliteExecutor<'_>,
    finding_ids: &[i64],
) -> Result<Vec<SeenFile>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select a.finding_id, a.assessed_on, f.* from assessment_evidence s
         join assessments a on a.id = s.assessment_id
         join ({SELECT}) f on f.id = s.file_id
         where a.finding_id in (select value from json_each(?))
         order by a.finding_id, a.assessed_on, f.id"
    ))
    .bind(serde_json::to_string(finding_ids).unwrap_or_else(|_| "[]".into()))
    .fetch_all(db)
    .await
}
