-- 0037: the search index's rowids grouped by kind. They were id * 4 + kind, so a kind's rows
-- were spread through the whole index. They are now (3 - kind) * 2^40 + id: progress updates
-- keep their own id, action-plan items start at 2^40, findings at 2^41, inspections at 3 * 2^40.
-- Read from the highest rowid down, the index then gives inspections, findings and
-- action-plan items first, newest first within each, then the newest updates: a search that
-- matches more records than it may score (domain::search::MOST_RANKED) ranks the first of them
-- in that order, found without scoring every match.
--
-- The triggers of 0029 read these views, so they keep working unchanged.

drop view search_text_inspections;
drop view search_text_findings;
drop view search_text_actions;
drop view search_text_updates;

create view search_text_inspections as
select i.id as id, (3 << 40) + i.id as rowid, i.title as title, b.name as body
from inspections i join inspected_bodies b on b.id = i.body_id;
create view search_text_findings as
select f.id as id, (2 << 40) + f.id as rowid, f.reference || ' ' || f.area as title,
       coalesce(f.official_wording, '') || ' ' || coalesce(f.public_summary, '') || ' '
           || b.name || ' ' || i.title as body
from findings f join inspections i on i.id = f.inspection_id
join inspected_bodies b on b.id = i.body_id;
create view search_text_actions as
select a.id as id, (1 << 40) + a.id as rowid, a.reference || ' ' || a.title as title,
       a.description || ' ' || a.owner_role || ' ' || a.owner_name || ' ' || b.name as body
from action_items a join inspected_bodies b on b.id = a.body_id;
create view search_text_updates as
select u.id as id, u.id as rowid, '' as title,
       u.narrative || ' ' || coalesce(u.evidence, '') || ' ' || coalesce(u.public_summary, '')
           || ' ' || coalesce(ab.name, fb.name, '') as body
from progress_updates u
left join action_items a on a.id = u.action_id
left join inspected_bodies ab on ab.id = a.body_id
left join findings f on f.id = u.finding_id
left join inspections fi on fi.id = f.inspection_id
left join inspected_bodies fb on fb.id = fi.body_id;

delete from search_index;
insert into search_index (rowid, title, body)
select rowid, title, body from search_text_inspections
union all select rowid, title, body from search_text_findings
union all select rowid, title, body from search_text_actions
union all select rowid, title, body from search_text_updates;
