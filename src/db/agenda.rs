//! Agenda items of a meeting and the assurance judgements made at them (as assessments).

use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::meetings::NewAgendaItem;
use crate::domain::vocab::Assurance;

#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow)]
pub struct AgendaItemRow {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub finding_id: Option<i64>,
    pub finding_reference: Option<String>,
    pub action_id: Option<i64>,
    pub action_reference: Option<String>,
    pub question: String,
    pub answer: String,
    pub assessment_id: Option<i64>,
    pub level: Option<Assurance>,
    pub rationale: Option<String>,
    pub evidence_seen: Option<String>,
    pub version: i64,
    /// The body the item is about, only when the installation has more than one.
    pub body_name: Option<String>,
}

const SELECT: &str =
    "select g.id, g.meeting_id, g.position, g.finding_id, f.reference as finding_reference,
        g.action_id, a.reference as action_reference, g.question, g.answer, g.assessment_id,
        s.level, s.rationale, s.evidence_seen, g.version,
        case when (select count(*) from inspected_bodies) > 1
             then coalesce(ab.name, fb.name) end as body_name
    from agenda_items g
    left join findings f on f.id = g.finding_id
    left join action_items a on a.id = g.action_id
    left join assessments s on s.id = g.assessment_id
    left join inspected_bodies ab on ab.id = a.body_id
    left join inspections fi on fi.id = f.inspection_id
    left join inspected_bodies fb on fb.id = fi.body_id";

pub async fn list_for_meeting(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
) -> Result<Vec<AgendaItemRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where g.meeting_id = ? order by g.position, g.id"
    ))
    .bind(meeting_id)
    .fetch_all(db)
    .await
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    meeting_id: i64,
    id: i64,
) -> Result<Option<AgendaItemRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where g.meeting_id = ? and g.id = ?"))
        .bind(meeting_id)
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn insert(
    db: &mut SqliteConnection,
    meeting_id: i64,
    item: &NewAgendaItem,
    assessment_id: Option<i64>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into agenda_items (meeting_id, position, finding_id, action_id, question, answer,
             assessment_id)
         values (?, (select coalesce(max(position), 0) + 1 from agenda_items where meeting_id = ?),
             ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(meeting_id)
    .bind(meeting_id)
    .bind(item.finding_id)
    .bind(item.action_id)
    .bind(&item.question)
    .bind(&item.answer)
    .bind(assessment_id)
    .fetch_one(db)
    .await
}

pub async fn update(
    db: &mut SqliteConnection,
    id: i64,
    version: i64,
    item: &NewAgendaItem,
    assessment_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update agenda_items
         set finding_id = ?, action_id = ?, question = ?, answer = ?, assessment_id = ?,
             version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(item.finding_id)
    .bind(item.action_id)
    .bind(&item.question)
    .bind(&item.answer)
    .bind(assessment_id)
    .bind(id)
    .bind(version)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
