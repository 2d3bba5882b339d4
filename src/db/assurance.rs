//! The PCC office's assessments and HMICFRS's positions on a finding: append-only histories.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::assurance::{NewAssessment, NewPosition};
use crate::domain::vocab::{Assurance, InspectoratePosition};

/// One assessment as a viewer may see it: with [`Reasons::Withheld`] the evidence seen and
/// the assessor are `None`, and so is the rationale unless the office shared it – what is
/// withheld is never read from the database.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    pub id: i64,
    pub level: Assurance,
    pub assessed_on: NaiveDate,
    pub part_text: Option<String>,
    pub rationale: Option<String>,
    pub rationale_shared: bool,
    pub evidence_seen: Option<String>,
    pub assessor: Option<String>,
}

/// Whether a list of assessments carries the office's reasons, or only the ratings, dates
/// and the rationales the office chose to share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reasons {
    Shown,
    Withheld,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PositionRow {
    pub id: i64,
    pub position: InspectoratePosition,
    pub as_at: NaiveDate,
    pub part_text: Option<String>,
    pub superseded_by_id: Option<i64>,
    pub superseded_by_reference: Option<String>,
    pub superseded_by_body_id: Option<i64>,
    /// The superseding finding's body, only when the installation has more than one.
    pub superseded_by_body: Option<String>,
    pub source: String,
    pub source_inspection_title: Option<String>,
    pub report_words: Option<String>,
    pub note: Option<String>,
    pub recorded_by: String,
}

/// Every assessment of a finding, newest first, with or without the office's reasons.
pub async fn list_assessments(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
    reasons: Reasons,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    let sql = match reasons {
        Reasons::Shown => {
            "select a.id, a.level, a.assessed_on, p.text as part_text, a.rationale,
                    a.rationale_shared, a.evidence_seen, u.display_name as assessor
             from assessments a
             join users u on u.id = a.assessor_id
             left join finding_parts p on p.id = a.part_id
             where a.finding_id = ?
             order by a.assessed_on desc, a.id desc"
        }
        Reasons::Withheld => {
            "select a.id, a.level, a.assessed_on, p.text as part_text,
                    case when a.rationale_shared = 1 then a.rationale end as rationale,
                    a.rationale_shared, null as evidence_seen, null as assessor
             from assessments a
             left join finding_parts p on p.id = a.part_id
             where a.finding_id = ?
             order by a.assessed_on desc, a.id desc"
        }
    };
    sqlx::query_as(sql).bind(finding_id).fetch_all(db).await
}

/// Every inspectorate position on a finding, newest first.
pub async fn list_positions(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<PositionRow>, sqlx::Error> {
    sqlx::query_as(
        "select ip.id, ip.position, ip.as_at, p.text as part_text, ip.superseded_by_id,
                s.reference as superseded_by_reference, si.body_id as superseded_by_body_id,
                case when (select count(*) from inspected_bodies) > 1 then sb.name end
                    as superseded_by_body,
                ip.source,
                i.title as source_inspection_title, ip.report_words, ip.note,
                u.display_name as recorded_by
         from inspectorate_positions ip
         join users u on u.id = ip.recorded_by
         left join finding_parts p on p.id = ip.part_id
         left join findings s on s.id = ip.superseded_by_id
         left join inspections si on si.id = s.inspection_id
         left join inspected_bodies sb on sb.id = si.body_id
         left join inspections i on i.id = ip.source_inspection_id
         where ip.finding_id = ?
         order by ip.as_at desc, ip.id desc",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

pub async fn insert_assessment(
    tx: &mut SqliteConnection,
    new: &NewAssessment,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into assessments (finding_id, part_id, level, assessed_on, rationale,
             rationale_shared, evidence_seen, meeting_id, assessor_id, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.finding_id)
    .bind(new.part_id)
    .bind(new.level)
    .bind(new.assessed_on)
    .bind(&new.rationale)
    .bind(new.rationale_shared)
    .bind(&new.evidence_seen)
    .bind(new.meeting_id)
    .bind(new.assessor_id)
    .bind(super::timestamp(now))
    .fetch_one(tx)
    .await
}

pub async fn insert_position(
    tx: &mut SqliteConnection,
    new: &NewPosition,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into inspectorate_positions (finding_id, position, superseded_by_id, as_at,
             source, source_inspection_id, report_words, note, recorded_by, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.finding_id)
    .bind(new.position)
    .bind(new.superseded_by_id)
    .bind(new.as_at)
    .bind(&new.source)
    .bind(new.source_inspection_id)
    .bind(&new.report_words)
    .bind(&new.note)
    .bind(new.recorded_by)
    .bind(super::timestamp(now))
    .fetch_one(tx)
    .await
}
