//! What a response document reads beyond the report's clock: the findings that stand with
//! their responses, and whether (and when, by whom) the document was released.

use sqlx::SqliteExecutor;

use crate::domain::response_document::AnsweredFinding;

/// The findings of the report that stand, with their responses, in report order.
pub async fn answered_findings(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Vec<AnsweredFinding>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select f.id, f.kind, f.reference, p.reference as parent_reference, f.official_wording,
                f.public_summary, f.response_position, f.response_explanation
         from findings f
         left join findings p on p.id = f.parent_id
         where f.inspection_id = ?
           and {}
         order by length(f.reference), f.reference, f.id",
        super::withdrawals::finding_live("f")
    ))
    .bind(inspection_id)
    .fetch_all(db)
    .await
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
