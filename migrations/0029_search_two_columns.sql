-- 0029: the search index goes back to two columns. 0019 gave it a third, `context` (the body's
-- name, and for a finding its report's title); bm25 then scores three columns for every match
-- and a common word got a third slower (rank over 2,474 matches: 3.4 ms with two columns, 5.1
-- ms with three, on the national data). The names now close the `body` column, so a search for
-- "Warwickshire" still finds that body's inspections, findings, action-plan items and updates,
-- and the triggers keep them true when an inspection or a body is renamed or a record moves.

drop trigger inspections_search_insert;
drop trigger inspections_search_update;
drop trigger inspected_bodies_search_rename;
drop trigger findings_search_insert;
drop trigger findings_search_update;
drop trigger action_items_search_insert;
drop trigger action_items_search_update;
drop trigger progress_updates_search_insert;
drop table search_index;

create virtual table search_index using fts5 (
    title,
    body,
    tokenize = 'porter unicode61'
);
-- A match in a record's title ranks above one in its text.
insert into search_index (search_index, rank) values ('rank', 'bm25(10.0, 5.0)');

-- Each record's text: its own words, then the names of its body (and, for a finding, its
-- report). One view per kind, so a trigger picks rows by primary key.
create view search_text_inspections as
select i.id as id, i.id * 4 as rowid, i.title as title, b.name as body
from inspections i join inspected_bodies b on b.id = i.body_id;
create view search_text_findings as
select f.id as id, f.id * 4 + 1 as rowid, f.reference || ' ' || f.area as title,
       coalesce(f.official_wording, '') || ' ' || coalesce(f.public_summary, '') || ' '
           || b.name || ' ' || i.title as body
from findings f join inspections i on i.id = f.inspection_id
join inspected_bodies b on b.id = i.body_id;
create view search_text_actions as
select a.id as id, a.id * 4 + 2 as rowid, a.reference || ' ' || a.title as title,
       a.description || ' ' || a.owner_role || ' ' || a.owner_name || ' ' || b.name as body
from action_items a join inspected_bodies b on b.id = a.body_id;
create view search_text_updates as
select u.id as id, u.id * 4 + 3 as rowid, '' as title,
       u.narrative || ' ' || coalesce(u.evidence, '') || ' ' || coalesce(u.public_summary, '')
           || ' ' || coalesce(ab.name, fb.name, '') as body
from progress_updates u
left join action_items a on a.id = u.action_id
left join inspected_bodies ab on ab.id = a.body_id
left join findings f on f.id = u.finding_id
left join inspections fi on fi.id = f.inspection_id
left join inspected_bodies fb on fb.id = fi.body_id;

insert into search_index (rowid, title, body)
select rowid, title, body from search_text_inspections
union all select rowid, title, body from search_text_findings
union all select rowid, title, body from search_text_actions
union all select rowid, title, body from search_text_updates;

-- Each trigger writes the changed records' rows afresh: FTS5 replaces a row of the same rowid.
create trigger inspections_search_insert after insert on inspections begin
    insert into search_index (rowid, title, body)
    select rowid, title, body from search_text_inspections where id = new.id;
end;
-- A renamed report renames its findings' text; a report moved to another body moves the
-- updates on its findings too.
create trigger inspections_search_update after update of title, body_id on inspections begin
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_inspections where id = new.id;
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_findings
    where id in (select id from findings where inspection_id = new.id);
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_updates
    where new.body_id <> old.body_id
      and id in (select u.id from progress_updates u
                 join findings f on f.id = u.finding_id where f.inspection_id = new.id);
end;
create trigger inspected_bodies_search_rename after update of name on inspected_bodies begin
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_inspections
    where id in (select id from inspections where body_id = new.id);
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_findings
    where id in (select f.id from findings f
                 join inspections i on i.id = f.inspection_id where i.body_id = new.id);
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_actions
    where id in (select id from action_items where body_id = new.id);
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_updates
    where id in (select u.id from progress_updates u
                 join action_items a on a.id = u.action_id where a.body_id = new.id
                 union all
                 select u.id from progress_updates u
                 join findings f on f.id = u.finding_id
                 join inspections i on i.id = f.inspection_id where i.body_id = new.id);
end;
create trigger findings_search_insert after insert on findings begin
    insert into search_index (rowid, title, body)
    select rowid, title, body from search_text_findings where id = new.id;
end;
create trigger findings_search_update after update on findings begin
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_findings where id = new.id;
end;
create trigger action_items_search_insert after insert on action_items begin
    insert into search_index (rowid, title, body)
    select rowid, title, body from search_text_actions where id = new.id;
end;
-- An action-plan item moved to another body moves the updates on it too.
create trigger action_items_search_update after update on action_items begin
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_actions where id = new.id;
    insert or replace into search_index (rowid, title, body)
    select rowid, title, body from search_text_updates
    where new.body_id <> old.body_id
      and id in (select id from progress_updates where action_id = new.id);
end;
create trigger progress_updates_search_insert after insert on progress_updates begin
    insert into search_index (rowid, title, body)
    select rowid, title, body from search_text_updates where id = new.id;
end;
