//! The register's reads: the findings that stand of the viewer's bodies (or of one theme),
//! with their reports, bodies and the issuing body's latest position, and the action-plan
//! items answering them with their owners and latest updates. Each is one statement whatever
//! the size of the record; the clocks and tags come from `db::clocks`.

use chrono::NaiveDate;
use sqlx::SqliteExecutor;

use super::voices::LATEST_JUDGEMENTS;
use super::withdrawals::{action_live, finding_live};
use crate::domain::register::{Answer, RegisterFinding};
use crate::domain::scope::Scope;

/// Which findings to read: every one of the viewer's bodies, or those tagged with a theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    All,
    Theme(i64),
}

/// The condition on findings `s` of inspections `i` for `which` within `scope` (bound as
/// `?2`, the theme as `?3`). Fixed texts, not `?2 is null or …`, so that a force user's
/// register is read through the body and theme indexes rather than the whole record.
fn findings_condition(scope: &Scope, which: Which) -> String {
    let bodies = match scope.limited_to() {
        None => "true",
        Some(_) => "i.body_id in (select value from json_each(?2))",
    };
    let theme = match which {
        Which::All => "true",
        Which::Theme(_) => "s.id in (select finding_id from finding_themes where theme_id = ?3)",
    };
    format!("{} and {bodies} and {theme}", finding_live("s"))
}

fn theme_of(which: Which) -> Option<i64> {
    match which {
        Which::All => None,
        Which::Theme(id) => Some(id),
    }
}

/// The findings that stand of `which` within `scope`, newest report first, each report's in
/// reference order, with the issuing body's latest whole-finding position as at `today`.
pub async fn findings(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    which: Which,
    today: NaiveDate,
) -> Result<Vec<RegisterFinding>, sqlx::Error> {
    sqlx::query_as(&format!(
        "select s.id, s.inspection_id, i.title as report_title, i.published_on, i.body_id,
                b.name as body_name, i.source, b.kind as body_kind, s.kind, s.reference,
                s.official_wording, s.public_summary,
                p.position, p.as_at as position_as_at
         from findings s
         join inspections i on i.id = s.inspection_id
         join inspected_bodies b on b.id = i.body_id
         {LATEST_JUDGEMENTS}
         where {}
         order by i.published_on desc, i.id desc, length(s.reference), s.reference, s.id",
        findings_condition(scope, which)
    ))
    .bind(today)
    .bind(scope.as_json())
    .bind(theme_of(which))
    .fetch_all(db)
    .await
}

/// The action-plan items that stand answering the findings of `which` within `scope`, with
/// their owners and latest updates as at `today` (an update corrected since gives way to its
/// correction).
pub async fn answers(
    db: impl SqliteExecutor<'_>,
    scope: &Scope,
    which: Which,
    today: NaiveDate,
) -> Result<Vec<Answer>, sqlx::Error> {
    let bodies = match scope.limited_to() {
        None => "true",
        Some(_) => {
            "af.action_id in (select id from action_items
                              where body_id in (select value from json_each(?2)))"
        }
    };
    let theme = match which {
        Which::All => "true",
        Which::Theme(_) => {
            "af.finding_id in (select finding_id from finding_themes where theme_id = ?3)"
        }
    };
    sqlx::query_as(&format!(
        "select af.finding_id, a.id as action_id, a.owner_role, a.owner_name,
                l.as_at as latest_as_at, l.rag as latest_rag
         from action_findings af
         join action_items a on a.id = af.action_id
         left join progress_updates l on l.id = (
             select u.id
             from progress_updates u
             where u.action_id = a.id
               and u.as_at <= ?1
               and not exists (select 1 from progress_updates c
                               where c.corrects_id = u.id)
             order by u.as_at desc, u.id desc
             limit 1)
         where {bodies}
           and {theme}
           and {}
         order by af.finding_id, a.id",
        action_live("a")
    ))
    .bind(today)
    .bind(scope.as_json())
    .bind(theme_of(which))
    .fetch_all(db)
    .await
}
