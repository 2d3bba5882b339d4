//! What a response document reads beyond the report's clock: the findings that stand with
//! their responses, and whether (and when, by whom) the document was released.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqliteExecutor};

use super::withdrawals::{finding_live, inspection_live};
use crate::domain::edition::PublishedResponse;
use crate::domain::inspections::Section55;
use crate::domain::response_document::{AnsweredFinding, Report, ResponseDocument};
use crate::domain::scope::Scope;
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{BodyKind, Source};

/// The columns of [`AnsweredFinding`], over `findings f` left joined to its parent `p`.
const ANSWERED_COLUMNS: &str = "f.id, f.kind, f.reference, p.reference as parent_reference,
    f.official_wording, f.public_summary, f.response_position, f.response_explanation";

/// The findings of the report that stand, with their responses, in report order.
pub async fn answered_findings(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Vec<AnsweredFinding>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {ANSWERED_COLUMNS}
         from findings f
         left join findings p on p.id = f.parent_id
         where f.inspection_id = ?
           and {}
         order by length(f.reference), f.reference, f.id",
        finding_live("f")
    ))
    .bind(inspection_id)
    .fetch_all(db)
    .await
}

/// A released response document's report, as an edition reads it.
#[derive(sqlx::FromRow)]
struct ReleasedRow {
    inspection_id: i64,
    rule_id: i64,
    body_id: i64,
    title: String,
    body_name: String,
    body_kind: BodyKind,
    source: Source,
    published_on: NaiveDate,
    sent_on: Option<NaiveDate>,
    report_url: Option<String>,
    #[sqlx(flatten)]
    steps: Section55,
}

#[derive(sqlx::FromRow)]
struct AnsweredRow {
    inspection_id: i64,
    #[sqlx(flatten)]
    finding: AnsweredFinding,
}

/// Every response document released to the public site, of the reports an edition publishes
/// (ready for publication, not withdrawn), built as at `today`, by report: six queries
/// whatever the record.
pub async fn released(
    conn: &mut SqliteConnection,
    organisation: &str,
    today: NaiveDate,
) -> Result<HashMap<i64, Vec<PublishedResponse>>, sqlx::Error> {
    let released: Vec<ReleasedRow> = sqlx::query_as(&format!(
        "select r.inspection_id, r.rule_id, i.body_id, i.title, b.name as body_name, b.kind as body_kind,
                i.source, i.published_on, i.sent_on, i.report_url, i.comments_requested_on,
                i.comments_deadline, i.comments_received_on, i.response_published_on,
                i.response_url, i.copy_to_hmicfrs_on, i.copy_to_home_secretary_on,
                i.action_plan_received_on
         from response_releases r
         join inspections i on i.id = r.inspection_id
         join inspected_bodies b on b.id = i.body_id
         where i.ready_for_publication_at is not null
           and {}
         order by r.inspection_id, r.rule_id",
        inspection_live("i")
    ))
    .fetch_all(&mut *conn)
    .await?;
    if released.is_empty() {
        return Ok(HashMap::new());
    }
    let answered: Vec<AnsweredRow> = sqlx::query_as(&format!(
        "select f.inspection_id, {ANSWERED_COLUMNS}
         from findings f
         left join findings p on p.id = f.parent_id
         where f.inspection_id in (select inspection_id from response_releases)
           and {}
         order by f.inspection_id, length(f.reference), f.reference, f.id",
        finding_live("f")
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut answered_by: HashMap<i64, Vec<AnsweredFinding>> = HashMap::new();
    for a in answered {
        answered_by
            .entry(a.inspection_id)
            .or_default()
            .push(a.finding);
    }
    // The clocks are read for the released reports' bodies only, not the whole record.
    let mut bodies: Vec<i64> = released.iter().map(|r| r.body_id).collect();
    bodies.sort_unstable();
    bodies.dedup();
    let scope = Scope::Bodies(bodies);
    let facts: HashMap<i64, _> = super::clocks::reports_in_scope(&mut *conn, &scope)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let rules = super::clocks::rules(&mut *conn).await?;
    let extensions = super::clocks::extensions_in_scope(&mut *conn, &scope).await?;
    let sent = super::clocks::sent_in_scope(&mut *conn, &scope).await?;
    let mut out: HashMap<i64, Vec<PublishedResponse>> = HashMap::new();
    for r in released {
        let (Some(facts), Some(rule)) = (
            facts.get(&r.inspection_id),
            rules.iter().find(|rule| rule.id == r.rule_id),
        ) else {
            continue;
        };
        let own = |id: i64| id == r.inspection_id;
        let extensions: Vec<_> = extensions
            .iter()
            .filter(|e| own(e.inspection_id))
            .cloned()
            .collect();
        let sent: Vec<_> = sent
            .iter()
            .filter(|s| own(s.inspection_id))
            .cloned()
            .collect();
        // A rule that no longer applies to the report has no clock, and no document.
        let Some(clock) = facts
            .clocks(std::slice::from_ref(rule), &extensions, &sent, today)
            .pop()
        else {
            continue;
        };
        let report = Report {
            title: r.title,
            body_name: r.body_name,
            source: ReportSource::of(r.source, r.body_kind),
            published_on: r.published_on,
            sent_on: r.sent_on,
            report_url: r.report_url,
        };
        let findings = answered_by.get(&r.inspection_id).map(Vec::as_slice);
        let document = ResponseDocument::build(
            organisation,
            &report,
            &clock,
            Some(&r.steps),
            findings.unwrap_or_default(),
        );
        out.entry(r.inspection_id)
            .or_default()
            .push(PublishedResponse {
                rule_id: r.rule_id,
                document,
            });
    }
    Ok(out)
}

/// A response document's release to the public site.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Release {
    pub released_at: String,
    pub released_by: Option<String>,
}

/// The release of the document of report `inspection_id` under rule `rule_id`, if released.
pub async fn release(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
    rule_id: i64,
) -> Result<Option<Release>, sqlx::Error> {
    sqlx::query_as(
        "select r.released_at, u.display_name as released_by
         from response_releases r
         left join users u on u.id = r.released_by
         where r.inspection_id = ?
           and r.rule_id = ?",
    )
    .bind(inspection_id)
    .bind(rule_id)
    .fetch_optional(db)
    .await
}
