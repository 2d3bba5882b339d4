//! Removing the example data (issue 16, item 1): what depends on it, and the removal itself.
//!
//! The example data is loaded into an empty database with fixed ids (`seeds/derbyshire.sql`),
//! so its rows are, per table, those with an id up to [`LOADED`]; everything entered through
//! the application has a higher id. The removal:
//!
//! - is refused while a record entered through the application depends on an example record
//!   (an inspection or action of the example body, an update, assessment, position, reading,
//!   milestone, agenda item, pack, action arising, evidence file or update-request round on an
//!   example record, a user belonging to the example body): [`dependents`] names each;
//! - keeps every published edition exactly as published (they are the public record and their
//!   fingerprints are in the audit log), and keeps the four demo accounts, disabled, because
//!   the audit log and the first edition name them;
//! - never deletes an audit event; the removal is one `example_data`/`remove` event, after
//!   which `scrutineer audit verify` no longer vouches for any row without its own event.

use sqlx::SqliteConnection;

/// The last id the example data loads into each table it fills (tests/it/go_live.rs checks them against a fresh load).
pub const LOADED: [(&str, i64); 18] = [
    ("users", 4),
    ("inspected_bodies", 1),
    ("inspections", 2),
    ("findings", 18),
    ("finding_parts", 2),
    ("action_items", 11),
    ("milestones", 26),
    ("revision_proposals", 1),
    ("milestone_revisions", 7),
    ("progress_updates", 45),
    ("assessments", 14),
    ("inspectorate_positions", 12),
    ("meetings", 3),
    ("agenda_items", 12),
    ("update_requests", 4),
    ("actions_arising", 4),
    ("performance_measures", 2),
    ("measure_readings", 7),
];

/// The id of the example body (Derbyshire Constabulary).
pub const EXAMPLE_BODY: i64 = 1;

/// What, entered through the application, depends on an example record: one sentence each
/// (at most 20).
const DEPENDENTS: &str = "
select 'the inspection “' || title || '” (of the example body or following up an example inspection)'
  from inspections where id > 2 and (body_id <= 1 or follows_up_id <= 2)
union all select 'finding ' || reference || ' (on an example inspection or finding)'
  from findings where id > 18 and (inspection_id <= 2 or parent_id <= 18)
union all select 'the action-plan item ' || reference || ' (of the example body)'
  from action_items where id > 11 and body_id <= 1
union all select 'a link between action-plan item ' || a.reference || ' and finding ' || f.reference
  from action_findings l join action_items a on a.id = l.action_id join findings f on f.id = l.finding_id
  where (l.action_id <= 11 and l.finding_id > 18) or (l.action_id > 11 and l.finding_id <= 18)
union all select 'the milestone “' || title || '” (on an example action)'
  from milestones where id > 26 and action_id <= 11
union all select 'a milestone revision or proposal (on an example milestone)'
  from (select milestone_id from milestone_revisions where id > 7
        union all select milestone_id from revision_proposals where id > 1) where milestone_id <= 26
union all select 'a progress update as at ' || as_at || ' (on an example action or finding)'
  from progress_updates where id > 45 and (action_id <= 11 or finding_id <= 18 or corrects_id <= 45)
union all select 'an approval of an example update by ' || u.display_name
  from update_approvals p join users u on u.id = p.approved_by where p.update_id <= 45 and p.approved_by > 4
union all select 'a PCC assessment (of an example finding or at an example meeting)'
  from assessments where id > 14 and (finding_id <= 18 or part_id <= 2 or meeting_id <= 3)
union all select 'an inspectorate position (on an example finding)'
  from inspectorate_positions where id > 12
   and (finding_id <= 18 or part_id <= 2 or superseded_by_id <= 18 or source_inspection_id <= 2)
union all select 'an agenda item (at an example meeting or about an example record)'
  from agenda_items where id > 12 and (meeting_id <= 3 or finding_id <= 18 or action_id <= 11 or assessment_id <= 14)
union all select 'an update request (at an example meeting or about an example record)'
  from update_requests where id > 4 and (meeting_id <= 3 or finding_id <= 18 or action_id <= 11)
union all select 'an action arising (at an example meeting or about an example record)'
  from actions_arising where id > 4 and (meeting_id <= 3 or finding_id <= 18 or action_id <= 11)
union all select 'a meeting pack of an example meeting' from meeting_packs where meeting_id <= 3
union all select 'a performance measure (on an example finding or action)'
  from performance_measures where id > 2 and (finding_id <= 18 or action_id <= 11)
union all select 'a measure reading (of an example measure)' from measure_readings where id > 7 and measure_id <= 2
union all select 'the evidence file “' || name || '” (on an example record)'
  from evidence_files
  where update_id <= 45 or assessment_id <= 14 or position_id <= 12 or meeting_id <= 3
     or inspection_id <= 2
union all select 'the update-request round “' || title || '” (for an example meeting or about an example action)'
  from update_rounds r
  where r.meeting_id <= 3 or exists (select 1 from round_items i where i.round_id = r.id and i.action_id <= 11)
union all select 'the user ' || u.display_name || ', who belongs to ' || b.name
  from user_bodies ub join users u on u.id = ub.user_id join inspected_bodies b on b.id = ub.body_id
  where ub.user_id > 4 and ub.body_id <= 1
limit 20";

/// Whether the example data is in the database (loaded and not removed).
pub async fn present(conn: &mut SqliteConnection) -> Result<bool, sqlx::Error> {
    Ok(super::settings::find(&mut *conn, "example_data_loaded")
        .await?
        .is_some()
        && super::settings::find(&mut *conn, "example_data_removed")
            .await?
            .is_none())
}

/// What entered through the application depends on the example data (empty: it can go).
pub async fn dependents(conn: &mut SqliteConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(DEPENDENTS).fetch_all(&mut *conn).await
}

/// The append-only tables whose delete triggers the removal lifts for its own statements.
const APPEND_ONLY: [&str; 5] = [
    "progress_updates",
    "milestone_revisions",
    "assessments",
    "inspectorate_positions",
    "measure_readings",
];

/// Delete the example rows (the caller has checked [`dependents`] in the same transaction),
/// disable the demo accounts and mark the example data removed at `removed_at`. How many
/// rows went, by table.
pub async fn delete(
    conn: &mut SqliteConnection,
    removed_at: &str,
) -> Result<Vec<(&'static str, u64)>, sqlx::Error> {
    // The append-only tables refuse deletes by trigger: lift exactly those triggers for these
    // statements and put back the same SQL, so `migrate` still finds every protection.
    let mut lifted: Vec<(String, String)> = Vec::new();
    for table in APPEND_ONLY {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "select name, sql from sqlite_master
             where type = 'trigger' and tbl_name = ? and name like '%_no_delete'",
        )
        .bind(table)
        .fetch_all(&mut *conn)
        .await?;
        lifted.extend(rows);
    }
    for (name, _) in &lifted {
        sqlx::query(&format!("drop trigger \"{name}\""))
            .execute(&mut *conn)
            .await?;
    }
    // Children before parents.
    let steps: [(&'static str, &str); 21] = [
        (
            "update_approvals",
            "delete from update_approvals where update_id <= 45",
        ),
        ("agenda_items", "delete from agenda_items where id <= 12"),
        (
            "update_requests",
            "delete from update_requests where id <= 4",
        ),
        (
            "actions_arising",
            "delete from actions_arising where id <= 4",
        ),
        (
            "measure_readings",
            "delete from measure_readings where id <= 7",
        ),
        (
            "performance_measures",
            "delete from performance_measures where id <= 2",
        ),
        ("assessments", "delete from assessments where id <= 14"),
        (
            "inspectorate_positions",
            "delete from inspectorate_positions where id <= 12",
        ),
        (
            "progress_updates",
            "delete from progress_updates where id <= 45 and id not in (select corrects_id from progress_updates where corrects_id is not null)",
        ),
        (
            "milestone_revisions",
            "delete from milestone_revisions where id <= 7",
        ),
        (
            "revision_proposals",
            "delete from revision_proposals where id <= 1",
        ),
        ("milestones", "delete from milestones where id <= 26"),
        (
            "action_findings",
            "delete from action_findings where action_id <= 11",
        ),
        ("action_items", "delete from action_items where id <= 11"),
        ("finding_parts", "delete from finding_parts where id <= 2"),
        (
            "findings",
            "delete from findings where id <= 18 and id not in (select parent_id from findings where parent_id is not null)",
        ),
        (
            "inspections",
            "delete from inspections where id <= 2 and id not in (select follows_up_id from inspections where follows_up_id is not null)",
        ),
        ("meetings", "delete from meetings where id <= 3"),
        ("user_bodies", "delete from user_bodies where body_id <= 1"),
        (
            "inspected_bodies",
            "delete from inspected_bodies where id <= 1",
        ),
        (
            "search_index",
            // Rowids by kind, as migration 0037 gives them.
            "delete from search_index where rowid between (3 << 40) + 1 and (3 << 40) + 2
               or rowid between (2 << 40) + 1 and (2 << 40) + 18
               or rowid between (1 << 40) + 1 and (1 << 40) + 11 or rowid between 1 and 45",
        ),
    ];
    let mut removed = Vec::new();
    for (table, sql) in steps {
        // ON DELETE RESTRICT is checked row by row: a table referring to itself (corrections,
        // sub-findings, follow-ups) loses its unreferenced rows first, until none is left.
        let mut total = 0;
        loop {
            let done = sqlx::query(sql).execute(&mut *conn).await?.rows_affected();
            total += done;
            if done == 0 || !sql.contains("not in") {
                break;
            }
        }
        removed.push((table, total));
    }
    for (_, sql) in &lifted {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    sqlx::query("update users set disabled_at = ?, version = version + 1 where id <= 4 and disabled_at is null")
        .bind(removed_at)
        .execute(&mut *conn)
        .await?;
    sqlx::query("delete from sessions where user_id <= 4")
        .execute(&mut *conn)
        .await?;
    super::settings::put(&mut *conn, "example_data", "false").await?;
    super::settings::put(&mut *conn, "example_data_removed", removed_at).await?;
    Ok(removed)
}
