//! Inspections (reports) and the findings listed under them.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::scope::body_in_scope;
use crate::domain::inspections::NewInspection;
pub use crate::domain::inspections::Section55;
pub use crate::domain::regimes::FireReview;
use crate::domain::regimes::{Applies, Obligations, Regime, RegimeFacts};
use crate::domain::scope::Scope;
use crate::domain::subject::Subject;
use crate::domain::vocab::{BodyKind, FindingKind, InspectionKind, Source, Timescale};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InspectionSummaryRow {
    pub id: i64,
    pub title: String,
    pub kind: InspectionKind,
    pub body_name: String,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
    pub response_published_on: Option<NaiveDate>,
    pub plan_review_received_on: Option<NaiveDate>,
    /// The fire action plan review's last day as extended, if it was.
    pub plan_review_extended_to: Option<NaiveDate>,
    #[sqlx(flatten)]
    pub facts: RegimeFacts,
}

/// The columns of [`RegimeFacts`], for a query over `inspections i` joined to
/// `inspected_bodies b`.
pub const REGIME_COLUMNS: &str = "i.source, b.kind as body_kind,
    exists (select 1 from findings c
            where c.inspection_id = i.id and c.kind = 'cause_of_concern') as has_cause_of_concern,
    i.follows_up_id is not null as follows_up, i.section_55_applies, i.action_plan_applies";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FindingSummaryRow {
    pub id: i64,
    pub inspection_id: i64,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub public_summary: Option<String>,
    pub official_wording: Option<String>,
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
}

/// The inspections of the bodies in `scope`, newest first.
pub async fn list(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<InspectionSummaryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select i.id, i.title, i.kind, b.name as body_name, i.published_on, i.report_url,
                i.response_published_on, i.plan_review_received_on, {REGIME_COLUMNS},
                {}
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         where {}
           and {}
         order by i.published_on desc, i.id desc",
        super::clocks::plan_review_extended_to(None),
        body_in_scope("i.body_id", 1),
        super::withdrawals::inspection_live("i")
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

/// Every finding of every inspection, in report order (one query for a whole page).
pub async fn list_all_findings(
    db: impl SqliteExecutor<'_>,
) -> Result<Vec<FindingSummaryRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, inspection_id, kind, reference, area, public_summary, official_wording,
                case when timescale_not_stated = 1 then 'not_stated' else timescale end
                    as timescale,
                timescale_date
         from findings
         order by inspection_id, length(reference), reference",
    )
    .fetch_all(db)
    .await
}

/// One inspection with everything its page and forms show.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct InspectionRow {
    pub id: i64,
    pub body_id: i64,
    pub body_name: String,
    pub body_kind: BodyKind,
    /// Whether any finding of the report is a cause of concern.
    pub has_cause_of_concern: bool,
    pub title: String,
    pub kind: InspectionKind,
    pub source: Source,
    pub fieldwork_start: Option<NaiveDate>,
    pub fieldwork_end: Option<NaiveDate>,
    pub published_on: NaiveDate,
    pub sent_on: Option<NaiveDate>,
    pub report_url: Option<String>,
    pub follows_up_id: Option<i64>,
    pub follows_up_title: Option<String>,
    /// The office's choice of whether section 55 applies (`None`: as usual).
    pub section_55_applies: Option<bool>,
    /// The office's choice of whether the six-week action plan applies (`None`: as usual).
    pub action_plan_applies: Option<bool>,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub response: Section55,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub fire: FireReview,
    /// The fire action plan review's last day as extended, if it was. Not a step the office
    /// edits, so not in the audit's before and after.
    #[serde(skip)]
    pub plan_review_extended_to: Option<NaiveDate>,
    /// The report package it was loaded from, and the version it holds (`None`: typed).
    /// Set only by loading, so not in the audit's before and after of an edit.
    #[sqlx(default)]
    #[serde(skip)]
    pub national_id: Option<String>,
    #[sqlx(default)]
    #[serde(skip)]
    pub package_version: Option<u32>,
    pub version: i64,
}

impl InspectionRow {
    /// The statutory clock this report carries.
    pub fn regime(&self) -> Regime {
        Regime::of(self.source, self.body_kind, self.has_cause_of_concern).applying(&self.applies())
    }

    /// The clocks this report starts.
    pub fn obligations(&self) -> Obligations {
        self.applies().obligations(Regime::of(
            self.source,
            self.body_kind,
            self.has_cause_of_concern,
        ))
    }

    fn applies(&self) -> Applies {
        Applies {
            follows_up: self.follows_up_id.is_some(),
            section_55_applies: self.section_55_applies,
            action_plan_applies: self.action_plan_applies,
        }
    }
}

pub async fn find(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<InspectionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select i.*, b.name as body_name, b.kind as body_kind, f.title as follows_up_title,
                exists (select 1 from findings c
                        where c.inspection_id = i.id and c.kind = 'cause_of_concern')
                    as has_cause_of_concern,
                {}
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         left join inspections f on f.id = i.follows_up_id
         where i.id = ?",
        super::clocks::plan_review_extended_to(None)
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn insert(
    tx: &mut SqliteConnection,
    new: &NewInspection,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let now = super::timestamp(now);
    sqlx::query_scalar(
        "insert into inspections (body_id, title, kind, source, fieldwork_start, fieldwork_end,
             published_on, sent_on, report_url, follows_up_id, section_55_applies,
             action_plan_applies, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.body_id)
    .bind(&new.title)
    .bind(new.kind)
    .bind(new.source)
    .bind(new.fieldwork_start)
    .bind(new.fieldwork_end)
    .bind(new.published_on)
    .bind(new.sent_on)
    .bind(&new.report_url)
    .bind(new.follows_up_id)
    .bind(new.section_55_applies)
    .bind(new.action_plan_applies)
    .bind(&now)
    .bind(&now)
    .fetch_one(tx)
    .await
}

/// Save over version `version`; false if that is no longer the version (someone else saved
/// first).
pub async fn update(
    tx: &mut SqliteConnection,
    id: i64,
    version: i64,
    new: &NewInspection,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update inspections
         set body_id = ?, title = ?, kind = ?, source = ?, fieldwork_start = ?,
             fieldwork_end = ?, published_on = ?, sent_on = ?, report_url = ?, follows_up_id = ?,
             section_55_applies = ?, action_plan_applies = ?, updated_at = ?, version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(new.body_id)
    .bind(&new.title)
    .bind(new.kind)
    .bind(new.source)
    .bind(new.fieldwork_start)
    .bind(new.fieldwork_end)
    .bind(new.published_on)
    .bind(new.sent_on)
    .bind(&new.report_url)
    .bind(new.follows_up_id)
    .bind(new.section_55_applies)
    .bind(new.action_plan_applies)
    .bind(super::timestamp(now))
    .bind(id)
    .bind(version)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Save the section 55 steps over version `version`; false if someone else saved first.
pub async fn update_response(
    tx: &mut SqliteConnection,
    id: i64,
    version: i64,
    s: &Section55,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update inspections
         set comments_requested_on = ?, comments_deadline = ?, comments_received_on = ?,
             response_published_on = ?, response_url = ?, copy_to_hmicfrs_on = ?,
             copy_to_home_secretary_on = ?, action_plan_received_on = ?,
             updated_at = ?, version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(s.comments_requested_on)
    .bind(s.comments_deadline)
    .bind(s.comments_received_on)
    .bind(s.response_published_on)
    .bind(&s.response_url)
    .bind(s.copy_to_hmicfrs_on)
    .bind(s.copy_to_home_secretary_on)
    .bind(s.action_plan_received_on)
    .bind(super::timestamp(now))
    .bind(id)
    .bind(version)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Save the fire steps over version `version`; false if someone else saved first.
pub async fn update_fire_review(
    tx: &mut SqliteConnection,
    id: i64,
    version: i64,
    r: &FireReview,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update inspections
         set plan_review_received_on = ?, revisit_on = ?, revisit_letter_on = ?,
             revisit_letter_url = ?, updated_at = ?, version = version + 1
         where id = ?
           and version = ?",
    )
    .bind(r.plan_review_received_on)
    .bind(r.revisit_on)
    .bind(r.revisit_letter_on)
    .bind(&r.revisit_letter_url)
    .bind(super::timestamp(now))
    .bind(id)
    .bind(version)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Each inspection that follows up another, and the one it follows up: the chains a new
/// follow-up must not close into a cycle.
pub async fn follow_up_links(
    db: impl SqliteExecutor<'_>,
) -> Result<HashMap<i64, i64>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "select id, follows_up_id
         from inspections
         where follows_up_id is not null",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The inspections that follow up `id` (post-inspection reviews, re-inspections), oldest
/// first: (id, title).
pub async fn list_follow_ups(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select id, title
         from inspections
         where follows_up_id = ?
         order by published_on, id",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

/// When the report behind a finding or an action-plan item was published: for an item
/// addressing findings of several reports, the earliest of them (none if it addresses none).
pub async fn published_on_for(
    db: impl SqliteExecutor<'_>,
    subject: Subject,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    let (finding_id, action_id) = match subject {
        Subject::Finding(id) => (Some(id), None),
        Subject::Action(id) => (None, Some(id)),
    };
    sqlx::query_scalar(
        "select min(i.published_on)
         from findings f
         join inspections i on i.id = f.inspection_id
         where f.id = ?1
            or f.id in (select finding_id from action_findings where action_id = ?2)",
    )
    .bind(finding_id)
    .bind(action_id)
    .fetch_one(db)
    .await
}

/// Whether an inspection is marked ready for publication: when and by whom (`None`s: not
/// ready). The audit log records this pair before and after each mark.
#[derive(Debug, Clone, PartialEq, serde::Serialize, sqlx::FromRow)]
pub struct Readiness {
    pub ready_for_publication_at: Option<String>,
    pub ready_for_publication_by: Option<i64>,
    /// Who marked it, for the inspection page (not audited: the id is).
    #[serde(skip)]
    pub marked_by_name: Option<String>,
}

impl Readiness {
    pub fn is_ready(&self) -> bool {
        self.ready_for_publication_at.is_some()
    }
}

/// The readiness of the inspection `id`, or `None` if there is no such inspection.
pub async fn find_readiness(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<Readiness>, sqlx::Error> {
    sqlx::query_as(
        "select i.ready_for_publication_at, i.ready_for_publication_by,
                u.display_name as marked_by_name
         from inspections i
         left join users u on u.id = i.ready_for_publication_by
         where i.id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Mark the inspection `id` ready (`Some((when, who))`) or not ready (`None`); the caller
/// audits it. Not a version change: marking does not clash with someone editing the report.
pub async fn update_readiness(
    tx: &mut SqliteConnection,
    id: i64,
    ready: Option<(DateTime<Utc>, i64)>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update inspections
         set ready_for_publication_at = ?, ready_for_publication_by = ?
         where id = ?",
    )
    .bind(ready.map(|r| super::timestamp(r.0)))
    .bind(ready.map(|r| r.1))
    .bind(id)
    .execute(tx)
    .await?;
    Ok(())
}

/// The inspections (standing) of the bodies in `scope` not yet ready for publication, newest
/// first.
pub async fn list_not_ready(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<InspectionSummaryRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select i.id, i.title, i.kind, b.name as body_name, i.published_on, i.report_url,
                i.response_published_on, i.plan_review_received_on, {REGIME_COLUMNS},
                {}
         from inspections i
         join inspected_bodies b on b.id = i.body_id
         where i.ready_for_publication_at is null
           and {}
           and {}
         order by i.published_on desc, i.id desc",
        super::clocks::plan_review_extended_to(None),
        body_in_scope("i.body_id", 1),
        super::withdrawals::inspection_live("i")
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}
