-- 0033: report packages (issue 23). A national or thematic report loaded from a package file
-- gives each chosen body its own inspection, linked to the report's national identifier, and
-- each of its findings linked to the item's.

-- Each package version loaded, as loaded (its bytes and their SHA-256): the same version
-- loaded again is recognised, and one changed under the same version is refused.
create table report_packages (
    id integer primary key,
    national_id text not null check (length(national_id) between 1 and 200),
    version integer not null check (version >= 1),
    title text not null,
    content text not null,
    sha256 text not null check (length(sha256) = 64),
    loaded_at text not null,
    loaded_by integer references users (id) on delete restrict,
    unique (national_id, version)
) strict;

-- The report an inspection was loaded from, and the version it now holds. A body holds one
-- copy of a report (a withdrawn copy, entered by mistake, does not count).
alter table inspections add column national_id text
    check (national_id is null or length(national_id) between 1 and 200);
alter table inspections add column package_version integer
    check ((national_id is null) = (package_version is null));
create unique index inspections_by_national_id on inspections (body_id, national_id)
    where national_id is not null and withdrawn_on is null;

-- The package item a finding was loaded from.
alter table findings add column national_id text
    check (national_id is null or length(national_id) between 1 and 200);
create unique index findings_by_national_id on findings (inspection_id, national_id)
    where national_id is not null;

-- The audit vocabulary grows by report packages.
drop trigger audit_events_known_entity;
create trigger audit_events_known_entity before insert on audit_events
when new.entity not in ('inspection', 'inspected_body', 'finding', 'action_item', 'milestone', 'milestone_revision', 'revision_proposal', 'progress_update', 'assessment', 'inspectorate_position', 'performance_measure', 'measure_reading', 'meeting', 'agenda_item', 'action_arising', 'update_request', 'meeting_pack', 'edition', 'calendar_feed', 'user', 'settings', 'example_data', 'api_token', 'response_rule', 'clock_extension', 'clock_response', 'theme', 'report_package')
begin select raise(abort, 'unknown audit entity'); end;
