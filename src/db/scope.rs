//! Whose body a record is: what the route check asks before a scoped viewer reaches a record.

use sqlx::SqliteExecutor;

use crate::domain::scope::Record;

/// The bodies `record` `id` belongs to (one for most records; for a meeting, those of its
/// agenda items and update requests, possibly none), or `None` when there is no such record.
pub async fn bodies_of(
    db: impl SqliteExecutor<'_>,
    record: Record,
    id: i64,
) -> Result<Option<Vec<i64>>, sqlx::Error> {
    let sql = match record {
        Record::Inspection => "select json_array(body_id) from inspections where id = ?1",
        Record::Finding => {
            "select json_array(i.body_id) from findings f
             join inspections i on i.id = f.inspection_id where f.id = ?1"
        }
        Record::Action => "select json_array(body_id) from action_items where id = ?1",
        Record::Milestone => {
            "select json_array(a.body_id) from milestones m
             join action_items a on a.id = m.action_id where m.id = ?1"
        }
        Record::Proposal => {
            "select json_array(a.body_id) from revision_proposals p
             join milestones m on m.id = p.milestone_id
             join action_items a on a.id = m.action_id where p.id = ?1"
        }
        Record::Update => {
            "select json_array(coalesce(a.body_id, i.body_id)) from progress_updates u
             left join action_items a on a.id = u.action_id
             left join findings f on f.id = u.finding_id
             left join inspections i on i.id = f.inspection_id
             where u.id = ?1"
        }
        Record::Measure => {
            "select json_array(coalesce(a.body_id, i.body_id)) from performance_measures m
             left join action_items a on a.id = m.action_id
             left join findings f on f.id = m.finding_id
             left join inspections i on i.id = f.inspection_id
             where m.id = ?1"
        }
        Record::Meeting => MEETING_BODIES,
        Record::Assessment => {
            "select json_array(i.body_id) from assessments a
             join findings f on f.id = a.finding_id
             join inspections i on i.id = f.inspection_id where a.id = ?1"
        }
        Record::Position => {
            "select json_array(i.body_id) from inspectorate_positions p
             join findings f on f.id = p.finding_id
             join inspections i on i.id = f.inspection_id where p.id = ?1"
        }
        Record::Evidence => EVIDENCE_BODIES,
        Record::ActionArising => {
            "select (select json_group_array(distinct body_id) from (
                 select coalesce(a.body_id, i.body_id) as body_id from actions_arising r
                 left join action_items a on a.id = r.action_id
                 left join findings f on f.id = r.finding_id
                 left join inspections i on i.id = f.inspection_id
                 where r.id = ?1 and coalesce(a.body_id, i.body_id) is not null))
             from actions_arising where id = ?1"
        }
    };
    let json: Option<String> = sqlx::query_scalar(sql).bind(id).fetch_optional(db).await?;
    Ok(json.map(|j| serde_json::from_str(&j).unwrap_or_default()))
}

/// An evidence file's bodies: those of the record it is attached to (for a meeting's papers,
/// the meeting's).
const EVIDENCE_BODIES: &str = "select case when e.meeting_id is not null then (
            select json_group_array(distinct body_id) from (
                select coalesce(a.body_id, i.body_id) as body_id
                from agenda_items g
                left join action_items a on a.id = g.action_id
                left join findings f on f.id = g.finding_id
                left join inspections i on i.id = f.inspection_id
                where g.meeting_id = e.meeting_id
                union
                select coalesce(a.body_id, i.body_id)
                from update_requests r
                left join action_items a on a.id = r.action_id
                left join findings f on f.id = r.finding_id
                left join inspections i on i.id = f.inspection_id
                where r.meeting_id = e.meeting_id) where body_id is not null)
        else json_array(coalesce(ua.body_id, ui.body_id, fi.body_id, ii.body_id)) end
    from evidence_files e
    left join progress_updates u on u.id = e.update_id
    left join action_items ua on ua.id = u.action_id
    left join findings uf on uf.id = u.finding_id
    left join inspections ui on ui.id = uf.inspection_id
    left join assessments s on s.id = e.assessment_id
    left join inspectorate_positions p on p.id = e.position_id
    left join findings f on f.id = coalesce(s.finding_id, p.finding_id)
    left join inspections fi on fi.id = f.inspection_id
    left join inspections ii on ii.id = e.inspection_id
    where e.id = ?1";

/// A meeting's bodies: those of what its agenda and update requests are about.
const MEETING_BODIES: &str = "select (select json_group_array(distinct body_id) from (
        select coalesce(a.body_id, i.body_id) as body_id
        from agenda_items g
        left join action_items a on a.id = g.action_id
        left join findings f on f.id = g.finding_id
        left join inspections i on i.id = f.inspection_id
        where g.meeting_id = ?1
        union
        select coalesce(a.body_id, i.body_id)
        from update_requests r
        left join action_items a on a.id = r.action_id
        left join findings f on f.id = r.finding_id
        left join inspections i on i.id = f.inspection_id
        where r.meeting_id = ?1) where body_id is not null)
    from meetings where id = ?1";

/// The ids of the bodies `user_id` belongs to.
pub async fn bodies_of_user(
    db: impl SqliteExecutor<'_>,
    user_id: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("select body_id from user_bodies where user_id = ? order by body_id")
        .bind(user_id)
        .fetch_all(db)
        .await
}

/// SQL that is true when `column` (a body id) is in the scope bound as parameter `?{n}`
/// (`Scope::as_json`, null for every body).
pub fn body_in_scope(column: &str, n: u8) -> String {
    format!("(?{n} is null or {column} in (select value from json_each(?{n})))")
}

/// SQL that is true when meeting `meeting` (a column or parameter) is seen by the scope bound
/// as `?{n}`: every body of its agenda and update requests is in scope (the rule
/// `MEETING_BODIES` gives the route check; a meeting about no body is seen by anyone).
pub fn meeting_in_scope(meeting: &str, n: u8) -> String {
    format!(
        "(?{n} is null or not exists (
            select 1 from agenda_items g
            left join action_items a on a.id = g.action_id
            left join findings f on f.id = g.finding_id
            left join inspections i on i.id = f.inspection_id
            where g.meeting_id = {meeting}
              and coalesce(a.body_id, i.body_id) not in (select value from json_each(?{n}))
            union all
            select 1 from update_requests r
            left join action_items a on a.id = r.action_id
            left join findings f on f.id = r.finding_id
            left join inspections i on i.id = f.inspection_id
            where r.meeting_id = {meeting}
              and coalesce(a.body_id, i.body_id) not in (select value from json_each(?{n}))))"
    )
}
