//! Response rules, each report's extensions and responses sent, releases of response documents
//! to the public site, and themes.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqliteExecutor};

use super::scope::body_in_scope;
use super::timestamp;
use crate::domain::clocks::{Extension, NewExtension, NewRule, NewSent, ReportFacts, Rule, Sent};
use crate::domain::scope::Scope;

const RULE_COLUMNS: &str = "id, key, source, body_kind, needs_cause_of_concern, name, owed_by,
    owed_to, starts_on, length_days, counting, publish, editable, version";

/// Every rule, seeded ones first, in the order they were added.
pub async fn rules(db: impl SqliteExecutor<'_>) -> Result<Vec<Rule>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {RULE_COLUMNS} from response_rules order by id"
    ))
    .fetch_all(db)
    .await
}

pub async fn rule(db: impl SqliteExecutor<'_>, id: i64) -> Result<Option<Rule>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {RULE_COLUMNS} from response_rules where id = ?"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn insert_rule(
    tx: &mut SqliteConnection,
    new: &NewRule,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let now = timestamp(now);
    sqlx::query_scalar(
        "insert into response_rules (source, body_kind, needs_cause_of_concern, name, owed_by,
             owed_to, starts_on, length_days, counting, publish, editable, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
         returning id",
    )
    .bind(new.source)
    .bind(new.body_kind)
    .bind(new.needs_cause_of_concern)
    .bind(&new.name)
    .bind(&new.owed_by)
    .bind(&new.owed_to)
    .bind(new.starts_on)
    .bind(new.length_days)
    .bind(new.counting)
    .bind(&new.publish)
    .bind(&now)
    .bind(&now)
    .fetch_one(tx)
    .await
}

/// Save an editable rule over version `version`; false if it is no longer that version (or
/// not editable).
pub async fn update_rule(
    tx: &mut SqliteConnection,
    id: i64,
    version: i64,
    new: &NewRule,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update response_rules
         set source = ?, body_kind = ?, needs_cause_of_concern = ?, name = ?, owed_by = ?,
             owed_to = ?, starts_on = ?, length_days = ?, counting = ?, publish = ?,
             updated_at = ?, version = version + 1
         where id = ? and version = ? and editable = 1",
    )
    .bind(new.source)
    .bind(new.body_kind)
    .bind(new.needs_cause_of_concern)
    .bind(&new.name)
    .bind(&new.owed_by)
    .bind(&new.owed_to)
    .bind(new.starts_on)
    .bind(new.length_days)
    .bind(new.counting)
    .bind(&new.publish)
    .bind(timestamp(now))
    .bind(id)
    .bind(version)
    .execute(tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The last day of the latest extension of report `i`'s fire action plan review, as
/// `plan_review_extended_to`; with `as_at` (a parameter such as `?1`), of those granted by then.
pub fn plan_review_extended_to(as_at: Option<&str>) -> String {
    let granted = as_at
        .map(|p| format!(" and e.granted_on <= {p}"))
        .unwrap_or_default();
    format!(
        "(select max(e.new_last_day) from clock_extensions e
          join response_rules r on r.id = e.rule_id
          where e.inspection_id = i.id and r.key = 'fire_plan_review'{granted})
         as plan_review_extended_to"
    )
}

/// The columns of [`ReportFacts`], over `inspections i` joined to `inspected_bodies b`.
const REPORT_COLUMNS: &str = "i.id, i.body_id, i.published_on, i.sent_on,
    i.response_published_on, i.action_plan_received_on, i.plan_review_received_on";

/// What one report's clocks are computed from.
pub async fn report(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Option<ReportFacts>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {REPORT_COLUMNS}, {}
         from inspections i join inspected_bodies b on b.id = i.body_id
         where i.id = ?",
        super::inspections::REGIME_COLUMNS
    ))
    .bind(inspection_id)
    .fetch_optional(db)
    .await
}

/// What the clocks of every report in `scope` that stands are computed from.
pub async fn reports_in_scope(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<ReportFacts>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {REPORT_COLUMNS}, {}
         from inspections i join inspected_bodies b on b.id = i.body_id
         where {} and {}
         order by i.published_on desc, i.id desc",
        super::inspections::REGIME_COLUMNS,
        body_in_scope("i.body_id", 1),
        super::withdrawals::inspection_live("i"),
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

const EXTENSION_COLUMNS: &str = "e.id, e.inspection_id, e.rule_id, e.new_last_day,
    e.requested_on, e.granted_on, e.granted_by, e.reason";

/// One report's extensions, oldest first.
pub async fn extensions(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Vec<Extension>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {EXTENSION_COLUMNS} from clock_extensions e
         where e.inspection_id = ? order by e.granted_on, e.id"
    ))
    .bind(inspection_id)
    .fetch_all(db)
    .await
}

/// The extensions of every report of the bodies in `scope`, oldest first.
pub async fn extensions_in_scope(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<Extension>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {EXTENSION_COLUMNS} from clock_extensions e
         join inspections i on i.id = e.inspection_id
         where {} order by e.granted_on, e.id",
        body_in_scope("i.body_id", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

pub async fn insert_extension(
    tx: &mut SqliteConnection,
    new: &NewExtension,
    recorded_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into clock_extensions (inspection_id, rule_id, new_last_day, requested_on,
             granted_on, granted_by, reason, recorded_by, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.inspection_id)
    .bind(new.rule_id)
    .bind(new.new_last_day)
    .bind(new.requested_on)
    .bind(new.granted_on)
    .bind(&new.granted_by)
    .bind(&new.reason)
    .bind(recorded_by)
    .bind(timestamp(now))
    .fetch_one(tx)
    .await
}

const SENT_COLUMNS: &str = "s.id, s.inspection_id, s.rule_id, s.sent_on, s.sent_to, s.note";

/// One report's responses sent, oldest first.
pub async fn sent(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Vec<Sent>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {SENT_COLUMNS} from clock_responses s
         where s.inspection_id = ? order by s.sent_on, s.id"
    ))
    .bind(inspection_id)
    .fetch_all(db)
    .await
}

/// The responses sent for every report of the bodies in `scope`, oldest first.
pub async fn sent_in_scope(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<Sent>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select {SENT_COLUMNS} from clock_responses s
         join inspections i on i.id = s.inspection_id
         where {} order by s.sent_on, s.id",
        body_in_scope("i.body_id", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

pub async fn insert_sent(
    tx: &mut SqliteConnection,
    new: &NewSent,
    recorded_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into clock_responses (inspection_id, rule_id, sent_on, sent_to, note,
             recorded_by, created_at)
         values (?, ?, ?, ?, ?, ?, ?)
         returning id",
    )
    .bind(new.inspection_id)
    .bind(new.rule_id)
    .bind(new.sent_on)
    .bind(&new.sent_to)
    .bind(&new.note)
    .bind(recorded_by)
    .bind(timestamp(now))
    .fetch_one(tx)
    .await
}

/// The rules whose response document for this report is released to the public site.
pub async fn released(
    db: impl SqliteExecutor<'_>,
    inspection_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select rule_id from response_releases where inspection_id = ? order by rule_id",
    )
    .bind(inspection_id)
    .fetch_all(db)
    .await
}

/// Every released response document, as (report, rule).
pub async fn released_all(db: impl SqliteExecutor<'_>) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select inspection_id, rule_id from response_releases order by inspection_id, rule_id",
    )
    .fetch_all(db)
    .await
}

/// Release (or take back) a response document; false if it already was (or was not).
pub async fn set_released(
    tx: &mut SqliteConnection,
    inspection_id: i64,
    rule_id: i64,
    released_by: Option<i64>,
    released: bool,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done =
        match released {
            true => sqlx::query(
                "insert into response_releases (inspection_id, rule_id, released_at, released_by)
                 values (?, ?, ?, ?) on conflict do nothing",
            )
            .bind(inspection_id)
            .bind(rule_id)
            .bind(timestamp(now))
            .bind(released_by)
            .execute(tx)
            .await?,
            false => {
                sqlx::query("delete from response_releases where inspection_id = ? and rule_id = ?")
                    .bind(inspection_id)
                    .bind(rule_id)
                    .execute(tx)
                    .await?
            }
        };
    Ok(done.rows_affected() == 1)
}

/// A theme with how many findings (that stand) it tags.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, serde::Serialize)]
pub struct Theme {
    pub id: i64,
    pub name: String,
    pub findings: i64,
}

/// Every theme, by name, with its findings counted among the bodies in `scope`.
pub async fn themes(db: impl SqliteExecutor<'_>, scope: &Scope) -> Result<Vec<Theme>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select t.id, t.name,
                (select count(*) from finding_themes ft
                 join findings f on f.id = ft.finding_id
                 join inspections i on i.id = f.inspection_id
                 where ft.theme_id = t.id and {} and {}) as findings
         from themes t order by t.name collate nocase",
        body_in_scope("i.body_id", 1),
        super::withdrawals::finding_live("f"),
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

pub async fn theme(
    db: impl SqliteExecutor<'_>,
    id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("select id, name from themes where id = ?")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The theme called `name` (in any case), if there is one.
pub async fn theme_named(
    db: impl SqliteExecutor<'_>,
    name: &str,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("select id, name from themes where name = ? collate nocase")
        .bind(name)
        .fetch_optional(db)
        .await
}

pub async fn insert_theme(
    tx: &mut SqliteConnection,
    name: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("insert into themes (name, created_at) values (?, ?) returning id")
        .bind(name)
        .bind(timestamp(now))
        .fetch_one(tx)
        .await
}

/// The themes tagging one finding, by name.
pub async fn themes_of_finding(
    db: impl SqliteExecutor<'_>,
    finding_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select t.id, t.name from finding_themes ft join themes t on t.id = ft.theme_id
         where ft.finding_id = ? order by t.name collate nocase",
    )
    .bind(finding_id)
    .fetch_all(db)
    .await
}

/// Every tag of a finding of the bodies in `scope`: (finding, theme, theme's name).
pub async fn tags_in_scope(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
) -> Result<Vec<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select ft.finding_id, t.id, t.name from finding_themes ft
         join themes t on t.id = ft.theme_id
         join findings f on f.id = ft.finding_id
         join inspections i on i.id = f.inspection_id
         where {} order by t.name collate nocase",
        body_in_scope("i.body_id", 1)
    ))
    .bind(scope.as_json())
    .fetch_all(db)
    .await
}

/// Make `themes` the finding's themes, replacing what it had.
pub async fn set_finding_themes(
    tx: &mut SqliteConnection,
    finding_id: i64,
    themes: &[i64],
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from finding_themes where finding_id = ?")
        .bind(finding_id)
        .execute(&mut *tx)
        .await?;
    for theme in themes {
        sqlx::query(
            "insert into finding_themes (finding_id, theme_id) values (?, ?) on conflict do nothing",
        )
        .bind(finding_id)
        .bind(theme)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
