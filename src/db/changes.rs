//! Which inspected bodies' records the audit events after one event changed: what the
//! dashboards' snapshot must reload when the record moves on, instead of all of it.

use sqlx::SqliteExecutor;

/// Each event after `after` up to `upto`, the first `most` of them: its entity, action and the
/// body of the record it is about, as far as one body can be named (null when none can: the
/// caller reloads all).
pub async fn list_since(
    db: impl SqliteExecutor<'_>,
    after: i64,
    upto: i64,
    most: i64,
) -> Result<Vec<(String, String, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "select e.entity, e.action,
                case e.entity
                    when 'finding' then
                        (select i.body_id from findings f
                         join inspections i on i.id = f.inspection_id
                         where f.id = e.entity_id)
                    when 'action_item' then
                        (select body_id from action_items where id = e.entity_id)
                    when 'milestone' then
                        (select a.body_id from milestones m
                         join action_items a on a.id = m.action_id
                         where m.id = e.entity_id)
                    when 'milestone_revision' then
                        (select a.body_id from milestone_revisions r
                         join milestones m on m.id = r.milestone_id
                         join action_items a on a.id = m.action_id
                         where r.id = e.entity_id)
                    when 'revision_proposal' then
                        (select a.body_id from revision_proposals p
                         join milestones m on m.id = p.milestone_id
                         join action_items a on a.id = m.action_id
                         where p.id = e.entity_id)
                    when 'progress_update' then
                        (select coalesce(a.body_id, i.body_id) from progress_updates u
                         left join action_items a on a.id = u.action_id
                         left join findings f on f.id = u.finding_id
                         left join inspections i on i.id = f.inspection_id
                         where u.id = e.entity_id)
                    when 'assessment' then
                        (select i.body_id from assessments s
                         join findings f on f.id = s.finding_id
                         join inspections i on i.id = f.inspection_id
                         where s.id = e.entity_id)
                    when 'inspectorate_position' then
                        (select i.body_id from inspectorate_positions s
                         join findings f on f.id = s.finding_id
                         join inspections i on i.id = f.inspection_id
                         where s.id = e.entity_id)
                    when 'action_arising' then
                        (select coalesce(a.body_id, i.body_id) from actions_arising r
                         left join action_items a on a.id = r.action_id
                         left join findings f on f.id = r.finding_id
                         left join inspections i on i.id = f.inspection_id
                         where r.id = e.entity_id)
                end as body_id
         from audit_events e
         where e.id > ?1
           and e.id <= ?2
         order by e.id
         limit ?3",
    )
    .bind(after)
    .bind(upto)
    .bind(most)
    .fetch_all(db)
    .await
}
