//! Evidence files: their bytes (once per SHA-256), what each is attached to, and the lists
//! pages show; their keeping (`keeping`) and the files assessors saw (`seen`).

mod keeping;
mod seen;

pub use keeping::*;
pub use seen::*;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{SqliteConnection, SqliteExecutor};

use crate::domain::evidence::Attached;
use crate::domain::vocab::{AttachedTo, EvidenceKind, RetentionClass};

/// One file, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub sha256: String,
    pub size: i64,
    pub name: String,
    pub kind: EvidenceKind,
    pub description: Option<String>,
    pub attached_to: AttachedTo,
    /// The id of the record it is attached to (of the kind `attached_to` names).
    pub record_id: i64,
    pub retention_class: RetentionClass,
    pub review_on: Option<NaiveDate>,
    pub hold_reason: Option<String>,
    pub public: bool,
    pub uploaded_at: String,
    pub uploader: Option<String>,
    pub disposed_at: Option<String>,
    pub disposer: Option<String>,
    pub disposal_reason: Option<String>,
}

impl FileRow {
    pub fn attached(&self) -> Attached {
        Attached {
            to: self.attached_to,
            id: self.record_id,
        }
    }
}

const SELECT: &str = "select e.id, e.sha256, e.size, e.name, e.kind, e.description, e.attached_to,
         coalesce(e.update_id, e.assessment_id, e.position_id, e.meeting_id, e.inspection_id)
             as record_id,
         e.retention_class, e.review_on, e.hold_reason, e.public = 1 as public, e.uploaded_at,
         up.display_name as uploader, e.disposed_at, dp.display_name as disposer,
         e.disposal_reason
     from evidence_files e
     left join users up on up.id = e.uploaded_by
     left join users dp on dp.id = e.disposed_by";

/// A file to attach, judged and named.
pub struct NewFile<'a> {
    pub sha256: &'a str,
    pub bytes: &'a [u8],
    pub name: &'a str,
    pub kind: EvidenceKind,
    pub description: Option<&'a str>,
    pub attached: Attached,
    pub class: RetentionClass,
    pub review_on: Option<NaiveDate>,
}

/// The column that holds the id of a record of this kind.
fn column(to: AttachedTo) -> &'static str {
    match to {
        AttachedTo::Update => "update_id",
        AttachedTo::Assessment => "assessment_id",
        AttachedTo::Position => "position_id",
        AttachedTo::Meeting => "meeting_id",
        AttachedTo::Inspection => "inspection_id",
    }
}

/// Store `new`'s bytes (unless the same bytes are already stored) and the file; its id.
pub async fn insert(
    tx: &mut SqliteConnection,
    new: &NewFile<'_>,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "insert into evidence_contents (sha256, content) values (?, ?)
         on conflict (sha256) do nothing",
    )
    .bind(new.sha256)
    .bind(new.bytes)
    .execute(&mut *tx)
    .await?;
    let column = column(new.attached.to);
    sqlx::query_scalar(&format!(
        "insert into evidence_files (sha256, size, name, kind, description, attached_to,
             {column}, retention_class, review_on, uploaded_at, uploaded_by)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id"
    ))
    .bind(new.sha256)
    .bind(i64::try_from(new.bytes.len()).unwrap_or(i64::MAX))
    .bind(new.name)
    .bind(new.kind)
    .bind(new.description)
    .bind(new.attached.to)
    .bind(new.attached.id)
    .bind(new.class)
    .bind(new.review_on)
    .bind(super::timestamp(now))
    .bind(user_id)
    .fetch_one(&mut *tx)
    .await
}

pub async fn find(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where e.id = ?"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The bytes of the file `id`, unless it was disposed of.
pub async fn content(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    sqlx::query_scalar(
        "select c.content from evidence_files e
         join evidence_contents c on c.sha256 = e.sha256
         where e.id = ? and e.disposed_at is null",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// The files attached to any of the records `ids` of one kind, oldest first.
pub async fn list_for(
    db: impl SqliteExecutor<'_>,
    to: AttachedTo,
    ids: &[i64],
) -> Result<Vec<FileRow>, sqlx::Error> {
    let column = column(to);
    sqlx::query_as(&format!(
        "{SELECT} where e.{column} in (select value from json_each(?))
         order by e.uploaded_at, e.id"
    ))
    .bind(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()))
    .fetch_all(db)
    .await
}

/// Everything behind a finding: files on its updates (and its actions' updates), on its
/// assessments and on the inspectorate's positions, oldest first.
pub async fn list_for_finding(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT}
         where e.update_id in (
                 select u.id from progress_updates u
                 where u.finding_id = ?1
                    or u.action_id in (select action_id from action_findings where finding_id = ?1))
            or e.assessment_id in (select id from assessments where finding_id = ?1)
            or e.position_id in (select id from inspectorate_positions where finding_id = ?1)
         order by e.uploaded_at, e.id"
    ))
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// Other files with the same bytes (the same file attached before), oldest first.
pub async fn list_same(
    db: impl SqliteExecutor<'_>,
    sha256: &str,
) -> Result<Vec<FileRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where e.sha256 = ? order by e.uploaded_at, e.id"
    ))
    .bind(sha256)
    .fetch_all(db)
    .await
}

/// What a file is attached to, for headings and links: the record's date, what it is about,
/// its page, and (for an update) its author.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RecordLabel {
    pub on_date: Option<NaiveDate>,
    pub about: String,
    pub page: String,
    pub author_id: Option<i64>,
}

/// The label of the record `at`, or `None` if there is no such record.
pub async fn record_label(
    db: impl SqliteExecutor<'_>,
    at: Attached,
) -> Result<Option<RecordLabel>, sqlx::Error> {
    let sql = match at.to {
        AttachedTo::Update => {
            "select u.as_at as on_date,
                 coalesce('Action ' || a.reference || ' ' || a.title,
                          'Finding ' || f.reference || ' – ' || fi.title) as about,
                 case when u.action_id is not null then '/actions/' || u.action_id
                      else '/findings/' || u.finding_id end || '#updates' as page,
                 u.author_id
             from progress_updates u
             left join action_items a on a.id = u.action_id
             left join findings f on f.id = u.finding_id
             left join inspections fi on fi.id = f.inspection_id
             where u.id = ?"
        }
        AttachedTo::Assessment => {
            "select a.assessed_on as on_date, 'Finding ' || f.reference || ' – ' || i.title as about,
                 '/findings/' || f.id || '#assessments' as page, null as author_id
             from assessments a
             join findings f on f.id = a.finding_id
             join inspections i on i.id = f.inspection_id
             where a.id = ?"
        }
        AttachedTo::Position => {
            "select p.as_at as on_date, 'Finding ' || f.reference || ' – ' || i.title as about,
                 '/findings/' || f.id || '#positions' as page, null as author_id
             from inspectorate_positions p
             join findings f on f.id = p.finding_id
             join inspections i on i.id = f.inspection_id
             where p.id = ?"
        }
        AttachedTo::Meeting => {
            "select date(starts_at) as on_date, title as about, '/meetings/' || id as page,
                 null as author_id
             from meetings where id = ?"
        }
        AttachedTo::Inspection => {
            "select published_on as on_date, title as about, '/inspections/' || id as page,
                 null as author_id
             from inspections where id = ?"
        }
    };
    sqlx::query_as(sql).bind(at.id).fetch_optional(db).await
}
