//! What is ready for publication: public summaries of findings, progress updates and meetings,
//! and the office's approval or withdrawal of each.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::withdrawals;
use crate::domain::publishing::{Filter, Shown, fingerprint};
use crate::domain::vocab::Entity;

/// Which kind of record a public summary belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryKind {
    Finding,
    Update,
    Meeting,
}

impl SummaryKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "finding" => Some(Self::Finding),
            "update" => Some(Self::Update),
            "meeting" => Some(Self::Meeting),
            _ => None,
        }
    }

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Finding => "finding",
            Self::Update => "update",
            Self::Meeting => "meeting",
        }
    }

    /// The entity name in the audit log.
    fn entity(&self) -> Entity {
        match self {
            Self::Finding => Entity::Finding,
            Self::Update => Entity::ProgressUpdate,
            Self::Meeting => Entity::Meeting,
        }
    }
}

/// One public summary and whether it is approved for the next edition.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CandidateRow {
    pub id: i64,
    /// What it is about, e.g. "Recommendation 3" or "CP-05".
    pub subject: String,
    pub context: String,
    pub dated: Option<NaiveDate>,
    pub summary: String,
    pub approved_at: Option<String>,
    /// An update correcting one whose summary was approved: the wording that was approved.
    pub was_approved_as: Option<String>,
    /// An update that a later update corrects: it is no longer the record, whatever its
    /// approval, and is never published.
    pub corrected: bool,
    /// The inspected body and the inspection(s) it is about (none for a meeting).
    pub body: Option<String>,
    pub inspection: Option<String>,
    /// Their ids, for the page's filter: the inspections as a comma-separated list.
    pub body_id: Option<i64>,
    pub inspection_ids: Option<String>,
    /// Whether an inspection it is about is ready for publication (a meeting: always). An
    /// approved summary of an inspection not ready waits until the inspection is.
    pub inspection_ready: bool,
}

impl CandidateRow {
    /// The ids of the inspections it is about.
    pub fn inspections(&self) -> Vec<i64> {
        let ids = self.inspection_ids.as_deref().unwrap_or("");
        ids.split(',')
            .filter_map(|i| i.trim().parse().ok())
            .collect()
    }

    /// Whether "approve all shown" would approve it: it can be approved and is not yet.
    pub fn awaits_approval(&self) -> bool {
        self.approved_at.is_none() && !self.corrected
    }
}

/// The public summaries of findings that stand (not withdrawn), newest inspection first.
pub async fn list_findings(db: impl SqliteExecutor<'_>) -> Result<Vec<CandidateRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select f.id,
                case f.kind when 'cause_of_concern' then 'Cause of concern '
                            when 'recommendation' then 'Recommendation '
                            else 'Area for improvement ' end || f.reference as subject,
                i.title as context, null as dated, f.public_summary as summary,
                f.summary_approved_at as approved_at, null as was_approved_as, 0 as corrected,
                b.name as body, i.title as inspection, b.id as body_id,
                cast(i.id as text) as inspection_ids,
                i.ready_for_publication_at is not null as inspection_ready
         from findings f
         join inspections i on i.id = f.inspection_id
         join inspected_bodies b on b.id = i.body_id
         where f.public_summary is not null and trim(f.public_summary) <> ''
           and {}
         order by i.published_on desc, f.inspection_id, length(f.reference), f.reference",
        withdrawals::finding_live("f")
    ))
    .fetch_all(db)
    .await
}

/// The public summaries of progress updates on actions and findings that stand, newest first.
pub async fn list_updates(db: impl SqliteExecutor<'_>) -> Result<Vec<CandidateRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select u.id,
                coalesce(a.reference, 'Finding ' || f.reference) as subject,
                coalesce(a.title, '') as context, u.as_at as dated,
                u.public_summary as summary, ap.approved_at,
                case when oap.update_id is not null then o.public_summary end as was_approved_as,
                exists (select 1 from progress_updates c where c.corrects_id = u.id) as corrected,
                b.name as body,
                coalesce(fi.title,
                         (select group_concat(title, '; ')
                          from (select distinct i2.title from action_findings af
                                join findings f2 on f2.id = af.finding_id
                                join inspections i2 on i2.id = f2.inspection_id
                                where af.action_id = u.action_id))) as inspection,
                b.id as body_id,
                coalesce(cast(fi.id as text),
                         (select group_concat(f2.inspection_id, ',') from action_findings af
                          join findings f2 on f2.id = af.finding_id
                          where af.action_id = u.action_id)) as inspection_ids,
                coalesce(fi.ready_for_publication_at is not null,
                         exists (select 1 from action_findings af
                                 join findings f2 on f2.id = af.finding_id
                                 join inspections i2 on i2.id = f2.inspection_id
                                 where af.action_id = u.action_id
                                   and i2.ready_for_publication_at is not null))
                    as inspection_ready
         from progress_updates u
         left join action_items a on a.id = u.action_id
         left join findings f on f.id = u.finding_id
         left join inspections fi on fi.id = f.inspection_id
         left join inspected_bodies b on b.id = coalesce(a.body_id, fi.body_id)
         left join update_approvals ap on ap.update_id = u.id
         left join progress_updates o on o.id = u.corrects_id
         left join update_approvals oap on oap.update_id = o.id
         where u.public_summary is not null and trim(u.public_summary) <> ''
           and case when a.id is not null then {} else {} end
         order by u.as_at desc, u.id desc",
        withdrawals::action_live("a"),
        withdrawals::finding_live("f")
    ))
    .fetch_all(db)
    .await
}

/// The public summaries of meetings not withdrawn, latest first.
pub async fn list_meetings(db: impl SqliteExecutor<'_>) -> Result<Vec<CandidateRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, title as subject, '' as context, date(starts_at) as dated,
                public_summary as summary, summary_approved_at as approved_at,
                null as was_approved_as, 0 as corrected,
                null as body, null as inspection, null as body_id, null as inspection_ids,
                1 as inspection_ready
         from meetings
         where public_summary is not null and trim(public_summary) <> ''
           and withdrawn_on is null
         order by starts_at desc, id desc",
    )
    .fetch_all(db)
    .await
}

/// Every public summary the office may approve, by kind, in the publishing page's order.
#[derive(Debug, Clone, Default)]
pub struct Summaries {
    pub findings: Vec<CandidateRow>,
    pub updates: Vec<CandidateRow>,
    pub meetings: Vec<CandidateRow>,
}

impl Summaries {
    /// The summaries under `filter`, read in three queries.
    pub async fn load(conn: &mut SqliteConnection, filter: Filter) -> Result<Self, sqlx::Error> {
        let keep = |rows: Vec<CandidateRow>| -> Vec<CandidateRow> {
            let shows = |r: &CandidateRow| filter.shows(r.body_id, &r.inspections());
            rows.into_iter().filter(shows).collect()
        };
        Ok(Self {
            findings: keep(list_findings(&mut *conn).await?),
            updates: keep(list_updates(&mut *conn).await?),
            meetings: keep(list_meetings(&mut *conn).await?),
        })
    }

    /// Those not yet approved (and not corrected), in the order shown.
    pub fn awaiting(&self) -> Vec<(SummaryKind, &CandidateRow)> {
        let kinds = [
            (SummaryKind::Finding, &self.findings),
            (SummaryKind::Update, &self.updates),
            (SummaryKind::Meeting, &self.meetings),
        ];
        kinds
            .into_iter()
            .flat_map(|(kind, rows)| rows.iter().map(move |r| (kind, r)))
            .filter(|(_, r)| r.awaits_approval())
            .collect()
    }

    /// The fingerprint of what "approve all shown" would approve.
    pub fn fingerprint(&self) -> String {
        let awaiting = self.awaiting();
        fingerprint(awaiting.iter().map(|(kind, r)| Shown {
            kind: kind.as_str(),
            id: r.id,
            summary: &r.summary,
        }))
    }
}

/// One summary as it stands and its approval (`None`s when not approved): the wording is
/// part of it, so the audit log records the text an approval was given to.
#[derive(Debug, Clone, PartialEq, serde::Serialize, sqlx::FromRow)]
pub struct Approval {
    pub summary: String,
    pub approved_at: Option<String>,
    pub approved_by: Option<i64>,
}

/// The record's approval, or `None` if the record has no public summary to approve.
pub async fn find_approval(
    conn: &mut SqliteConnection,
    kind: SummaryKind,
    id: i64,
) -> Result<Option<Approval>, sqlx::Error> {
    let sql = match kind {
        SummaryKind::Finding => {
            "select public_summary as summary, summary_approved_at as approved_at,
                    summary_approved_by as approved_by
             from findings where id = ? and trim(coalesce(public_summary, '')) <> ''"
        }
        SummaryKind::Meeting => {
            "select public_summary as summary, summary_approved_at as approved_at,
                    summary_approved_by as approved_by
             from meetings where id = ? and trim(coalesce(public_summary, '')) <> ''"
        }
        SummaryKind::Update => {
            "select u.public_summary as summary, ap.approved_at, ap.approved_by
             from progress_updates u
             left join update_approvals ap on ap.update_id = u.id
             where u.id = ? and trim(coalesce(u.public_summary, '')) <> ''"
        }
    };
    sqlx::query_as(sql).bind(id).fetch_optional(conn).await
}

/// Approve (`Some((when, who))`) or withdraw (`None`) a summary; the caller audits it.
pub async fn set_approval(
    conn: &mut SqliteConnection,
    kind: SummaryKind,
    id: i64,
    approval: Option<(DateTime<Utc>, i64)>,
) -> Result<(), sqlx::Error> {
    let (at, by) = (
        approval.map(|a| super::timestamp(a.0)),
        approval.map(|a| a.1),
    );
    match kind {
        SummaryKind::Finding | SummaryKind::Meeting => {
            let table = if kind == SummaryKind::Finding {
                "findings"
            } else {
                "meetings"
            };
            sqlx::query(&format!(
                "update {table} set summary_approved_at = ?, summary_approved_by = ? where id = ?"
            ))
            .bind(at)
            .bind(by)
            .bind(id)
            .execute(conn)
            .await?;
        }
        SummaryKind::Update if approval.is_some() => {
            sqlx::query(
                "insert into update_approvals (update_id, approved_by, approved_at)
                 values (?, ?, ?)
                 on conflict (update_id) do nothing",
            )
            .bind(id)
            .bind(by)
            .bind(at)
            .execute(conn)
            .await?;
        }
        SummaryKind::Update => {
            sqlx::query("delete from update_approvals where update_id = ?")
                .bind(id)
                .execute(conn)
                .await?;
        }
    }
    Ok(())
}

/// Give the update `to` (a correction) the approval of the update `from` (the one it
/// corrects), as given: the correction keeps the wording that was approved.
pub async fn carry_update_approval(
    conn: &mut SqliteConnection,
    from: i64,
    to: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into update_approvals (update_id, approved_by, approved_at)
         select ?, approved_by, approved_at
         from update_approvals
         where update_id = ?",
    )
    .bind(to)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(())
}

/// The audit entity name for a kind of summary.
pub fn entity(kind: SummaryKind) -> Entity {
    kind.entity()
}
