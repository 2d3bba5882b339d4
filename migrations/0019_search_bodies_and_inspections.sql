-- 0019: search knows which body and inspection a record belongs to. The index gains a third
-- column, `context` (the body's name, and for a finding its inspection's title), and holds the
-- inspections themselves (rowid id * 4 + 0), so a search for "Warwickshire" finds that body's
-- inspections, findings, action-plan items and updates. Triggers keep `context` true when an
-- inspection or a body is renamed or a record moves to another body.

drop trigger findings_search_insert;
drop trigger findings_search_update;
drop trigger action_items_search_insert;
drop trigger action_items_search_update;
drop trigger progress_updates_search_insert;
drop table search_index;

create virtual table search_index using fts5 (
    title,
    body,
    context,
    tokenize = 'porter unicode61'
);
-- A match in a record's own words ranks above one only in its body's or report's name.
insert into search_index (search_index, rank) values ('rank', 'bm25(10.0, 5.0, 1.0)');

insert into search_index (rowid, title, body, context)
select i.id * 4, i.title, '', b.name
from inspections i join inspected_bodies b on b.id = i.body_id;
insert into search_index (rowid, title, body, context)
select f.id * 4 + 1, f.reference || ' ' || f.area,
       coalesce(f.official_wording, '') || ' ' || coalesce(f.public_summary, ''),
       b.name || ' ' || i.title
from findings f join inspections i on i.id = f.inspection_id
join inspected_bodies b on b.id = i.body_id;
insert into search_index (rowid, title, body, context)
select a.id * 4 + 2, a.reference || ' ' || a.title,
       a.description || ' ' || a.owner_role || ' ' || a.owner_name, b.name
from action_items a join inspected_bodies b on b.id = a.body_id;
insert into search_index (rowid, title, body, context)
select u.id * 4 + 3, '',
       u.narrative || ' ' || coalesce(u.evidence, '') || ' ' || coalesce(u.public_summary, ''),
       coalesce((select b.name from action_items a join inspected_bodies b on b.id = a.body_id
                 where a.id = u.action_id),
                (select b.name from findings f join inspections i on i.id = f.inspection_id
                 join inspected_bodies b on b.id = i.body_id where f.id = u.finding_id), '')
from progress_updates u;

create trigger inspections_search_insert after insert on inspections begin
    insert into search_index (rowid, title, body, context)
    values (new.id * 4, new.title, '',
            (select name from inspected_bodies where id = new.body_id));
end;
create trigger inspections_search_update after update of title, body_id on inspections begin
    update search_index set title = new.title,
        context = (select name from inspected_bodies where id = new.body_id)
    where rowid = new.id * 4;
    update search_index
    set context = (select name || ' ' || new.title from inspected_bodies where id = new.body_id)
    where rowid in (select id * 4 + 1 from findings where inspection_id = new.id);
    update search_index set context = (select name from inspected_bodies where id = new.body_id)
    where new.body_id <> old.body_id
      and rowid in (select u.id * 4 + 3 from progress_updates u
                    join findings f on f.id = u.finding_id where f.inspection_id = new.id);
end;
create trigger inspected_bodies_search_rename after update of name on inspected_bodies begin
    update search_index set context = new.name
    where rowid in (select id * 4 from inspections where body_id = new.id
                    union all
                    select id * 4 + 2 from action_items where body_id = new.id
                    union all
                    select u.id * 4 + 3 from progress_updates u
                    join action_items a on a.id = u.action_id where a.body_id = new.id
                    union all
                    select u.id * 4 + 3 from progress_updates u
                    join findings f on f.id = u.finding_id
                    join inspections i on i.id = f.inspection_id where i.body_id = new.id);
    update search_index
    set context = new.name || ' ' || (select i.title from findings f
                                      join inspections i on i.id = f.inspection_id
                                      where f.id = search_index.rowid / 4)
    where rowid in (select f.id * 4 + 1 from findings f
                    join inspections i on i.id = f.inspection_id where i.body_id = new.id);
end;
create trigger findings_search_insert after insert on findings begin
    insert into search_index (rowid, title, body, context)
    values (new.id * 4 + 1, new.reference || ' ' || new.area,
            coalesce(new.official_wording, '') || ' ' || coalesce(new.public_summary, ''),
            (select b.name || ' ' || i.title from inspections i
             join inspected_bodies b on b.id = i.body_id where i.id = new.inspection_id));
end;
create trigger findings_search_update after update on findings begin
    delete from search_index where rowid = old.id * 4 + 1;
    insert into search_index (rowid, title, body, context)
    values (new.id * 4 + 1, new.reference || ' ' || new.area,
            coalesce(new.official_wording, '') || ' ' || coalesce(new.public_summary, ''),
            (select b.name || ' ' || i.title from inspections i
             join inspected_bodies b on b.id = i.body_id where i.id = new.inspection_id));
end;
create trigger action_items_search_insert after insert on action_items begin
    insert into search_index (rowid, title, body, context)
    values (new.id * 4 + 2, new.reference || ' ' || new.title,
            new.description || ' ' || new.owner_role || ' ' || new.owner_name,
            (select name from inspected_bodies where id = new.body_id));
end;
create trigger action_items_search_update after update on action_items begin
    delete from search_index where rowid = old.id * 4 + 2;
    insert into search_index (rowid, title, body, context)
    values (new.id * 4 + 2, new.reference || ' ' || new.title,
            new.description || ' ' || new.owner_role || ' ' || new.owner_name,
            (select name from inspected_bodies where id = new.body_id));
    update search_index set context = (select name from inspected_bodies where id = new.body_id)
    where new.body_id <> old.body_id
      and rowid in (select id * 4 + 3 from progress_updates where action_id = new.id);
end;
create trigger progress_updates_search_insert after insert on progress_updates begin
    insert into search_index (rowid, title, body, context)
    values (new.id * 4 + 3, '',
            new.narrative || ' ' || coalesce(new.evidence, '') || ' ' || coalesce(new.public_summary, ''),
            coalesce((select b.name from action_items a
                      join inspected_bodies b on b.id = a.body_id where a.id = new.action_id),
                     (select b.name from findings f join inspections i on i.id = f.inspection_id
                      join inspected_bodies b on b.id = i.body_id where f.id = new.finding_id),
                     ''));
end;
