//! Withdrawn records: reading and setting a record's withdrawal, and the SQL conditions that
//! leave withdrawn records – and what hangs under them – out of lists, dashboards, feeds,
//! exports and editions. Exclusion follows the parent by joins: a finding of a withdrawn
//! inspection is left out without anything being written to the finding.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use crate::domain::withdrawals::{Withdrawable, Withdrawal};

fn table(what: Withdrawable) -> &'static str {
    match what {
        Withdrawable::Body => "inspected_bodies",
        Withdrawable::Inspection => "inspections",
        Withdrawable::Finding => "findings",
        Withdrawable::Action => "action_items",
        Withdrawable::Milestone => "milestones",
        Withdrawable::Measure => "performance_measures",
        Withdrawable::Meeting => "meetings",
    }
}

/// The record's withdrawal: `None` when there is no such record, `Some(None)` when it stands.
pub async fn find(
    db: impl SqliteExecutor<'_>,
    what: Withdrawable,
    id: i64,
) -> Result<Option<Option<Withdrawal>>, sqlx::Error> {
    let sql = format!(
        "select withdrawn_on, withdrawal_reason from {} where id = ?",
        table(what)
    );
    let row: Option<(Option<NaiveDate>, Option<String>)> =
        sqlx::query_as(&sql).bind(id).fetch_optional(db).await?;
    Ok(row.map(|(on, reason)| match (on, reason) {
        (Some(withdrawn_on), Some(reason)) => Some(Withdrawal {
            withdrawn_on,
            reason,
        }),
        _ => None,
    }))
}

/// What the record is called on the withdraw form (a title, a reference, a name).
pub async fn title(
    db: impl SqliteExecutor<'_>,
    what: Withdrawable,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    let column = match what {
        Withdrawable::Body => "name",
        Withdrawable::Finding => "reference",
        Withdrawable::Action => "reference || ' ' || title",
        Withdrawable::Measure => "name",
        Withdrawable::Inspection | Withdrawable::Milestone | Withdrawable::Meeting => "title",
    };
    let sql = format!("select {column} from {} where id = ?", table(what));
    sqlx::query_scalar(&sql).bind(id).fetch_optional(db).await
}

/// Withdraw the record (`Some`) or restore it (`None`); false when it was already so.
pub async fn set(
    db: impl SqliteExecutor<'_>,
    what: Withdrawable,
    id: i64,
    withdrawal: Option<&Withdrawal>,
) -> Result<bool, sqlx::Error> {
    let guard = match withdrawal {
        Some(_) => "withdrawn_on is null",
        None => "withdrawn_on is not null",
    };
    let sql = format!(
        "update {} set withdrawn_on = ?, withdrawal_reason = ? where id = ? and {guard}",
        table(what)
    );
    let done = sqlx::query(&sql)
        .bind(withdrawal.map(|w| w.withdrawn_on))
        .bind(withdrawal.map(|w| w.reason.as_str()))
        .bind(id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The page that shows the record (a milestone shows on its action's page, a body in the
/// list of bodies).
pub async fn page_of(
    db: impl SqliteExecutor<'_>,
    what: Withdrawable,
    id: i64,
) -> Result<String, sqlx::Error> {
    Ok(match what {
        Withdrawable::Milestone => {
            let action: Option<i64> =
                sqlx::query_scalar("select action_id from milestones where id = ?")
                    .bind(id)
                    .fetch_optional(db)
                    .await?;
            format!("/actions/{}", action.unwrap_or_default())
        }
        Withdrawable::Body => "/bodies".to_string(),
        _ => what.path(id),
    })
}

/// True when the body `b` (a column holding a body id) is not withdrawn.
pub fn body_live(b: &str) -> String {
    format!(
        "not exists (select 1 from inspected_bodies wb
                     where wb.id = {b} and wb.withdrawn_on is not null)"
    )
}

/// True when the inspection row `i` (an alias of `inspections`) stands: neither it nor its
/// body is withdrawn.
pub fn inspection_live(i: &str) -> String {
    format!(
        "({i}.withdrawn_on is null and {})",
        body_live(&format!("{i}.body_id"))
    )
}

/// True when the finding row `f` stands: neither it nor its inspection (nor that one's body)
/// is withdrawn.
pub fn finding_live(f: &str) -> String {
    format!(
        "({f}.withdrawn_on is null and exists (select 1 from inspections wi
                                                where wi.id = {f}.inspection_id
                                                  and {}))",
        inspection_live("wi")
    )
}

/// True when the action row `a` stands: it and its body are not withdrawn, and it addresses
/// a finding that stands (or addresses none).
pub fn action_live(a: &str) -> String {
    format!(
        "({a}.withdrawn_on is null and {}
          and (not exists (select 1 from action_findings wl where wl.action_id = {a}.id)
               or exists (select 1 from action_findings wl
                          join findings wf on wf.id = wl.finding_id
                          where wl.action_id = {a}.id and {})))",
        body_live(&format!("{a}.body_id")),
        finding_live("wf")
    )
}

/// True when the milestone row `m` stands: it and its action stand.
pub fn milestone_live(m: &str) -> String {
    format!(
        "({m}.withdrawn_on is null and exists (select 1 from action_items wa
                                                where wa.id = {m}.action_id and {}))",
        action_live("wa")
    )
}
