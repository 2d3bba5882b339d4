-- Append-only means append-only (issue 14, item 5).
--
-- 0001 refuses UPDATE and DELETE on the append-only tables, but INSERT OR REPLACE rewrites a
-- row without firing either trigger: SQLite's REPLACE deletes the old row without firing
-- delete triggers unless recursive_triggers is on. These triggers refuse any insert that
-- would meet an existing row by its primary key or another unique key, so a REPLACE fails
-- instead of rewriting history, and an upsert (ON CONFLICT DO UPDATE, today also stopped by
-- the update trigger) and INSERT OR IGNORE fail loudly too. `scrutineer migrate` and
-- `restore` refuse a database in which any of these, or the 0001 triggers, are missing (see
-- db::maintenance::missing_protections).

create trigger progress_updates_no_replace before insert on progress_updates
when exists (select 1 from progress_updates where id = new.id)
begin select raise(abort, 'progress updates are append-only'); end;

create trigger milestone_revisions_no_replace before insert on milestone_revisions
when exists (select 1 from milestone_revisions where id = new.id)
    or (new.proposal_id is not null and exists (select 1 from milestone_revisions where proposal_id = new.proposal_id))
begin select raise(abort, 'milestone revisions are append-only'); end;

create trigger audit_events_no_replace before insert on audit_events
when exists (select 1 from audit_events where id = new.id)
    or (new.hash is not null and exists (select 1 from audit_events where hash = new.hash))
begin select raise(abort, 'audit events are append-only'); end;

create trigger assessments_no_replace before insert on assessments
when exists (select 1 from assessments where id = new.id)
begin select raise(abort, 'assessments are append-only'); end;

create trigger inspectorate_positions_no_replace before insert on inspectorate_positions
when exists (select 1 from inspectorate_positions where id = new.id)
begin select raise(abort, 'inspectorate positions are append-only'); end;

create trigger measure_readings_no_replace before insert on measure_readings
when exists (select 1 from measure_readings where id = new.id)
begin select raise(abort, 'measure readings are append-only'); end;

create trigger editions_no_replace before insert on editions
when exists (select 1 from editions where id = new.id)
    or (new.number is not null and exists (select 1 from editions where number = new.number))
begin select raise(abort, 'published editions never change'); end;

create trigger meeting_packs_no_replace before insert on meeting_packs
when exists (select 1 from meeting_packs where id = new.id)
begin select raise(abort, 'a pack of record never changes'); end;

-- Every published edition keeps the exact bytes of its open-data file (/data/editions/N.json),
-- which carries the audit chain's head at publication, and the SHA-256 of those bytes: the
-- fingerprint anyone can reproduce with `curl .../data/editions/N.json | sha256sum` (issue 14,
-- item 6). Editions published before this migration have neither; they are served as before.
alter table editions add column document text;
alter table editions add column fingerprint text;
