-- 0032: one register for every source of recommendations, each with its own response clock
-- (issue 21).

-- Sources grow by inquiries and reviews, super-complaints and peer reviews. SQLite cannot
-- alter a column's check, so the column is dropped and added again with the wider list, its
-- values kept. (HMICFRS police and fire reports share `hmicfrs`: the body's kind tells them
-- apart, as it decides the regime.)
create temporary table kept_sources as select id, source from inspections;
alter table inspections drop column source;
alter table inspections add column source text not null default 'hmicfrs' check (source in
    ('hmicfrs', 'iopc', 'coroner', 'internal_audit', 'inquiry', 'super_complaint', 'peer_review', 'other'));
update inspections set source = (select k.source from kept_sources k where k.id = inspections.id);
drop table kept_sources;

-- Response positions grow by "not addressed" and "not implemented – risk accepted" (whose
-- rationale is the explanation, which the form then requires). Same way, values kept.
create temporary table kept_responses as
    select id, response_position from findings where response_position is not null;
alter table findings drop column response_position;
alter table findings add column response_position text check (response_position in
    ('accepted', 'accepted_in_part', 'not_accepted', 'under_consideration', 'not_addressed', 'risk_accepted'));
update findings set response_position =
    (select k.response_position from kept_responses k where k.id = findings.id)
    where id in (select id from kept_responses);
drop table kept_responses;

-- The response obligations as data: who owes a response to whom, the event that starts the
-- clock, its length, and what must be published where. A rule applies to every report of its
-- source (about a body of its kind, where it names one; with a cause of concern, where it
-- asks for one). Seeded rules carry a key; statutory ones cannot be edited, the office's own
-- working lengths (IOPC, internal audit) can, and the office may add rules.
create table response_rules (
    id integer primary key,
    key text unique check (key is null or length(key) between 1 and 40),
    source text not null check (source in
        ('hmicfrs', 'iopc', 'coroner', 'internal_audit', 'inquiry', 'super_complaint', 'peer_review', 'other')),
    body_kind text check (body_kind is null or body_kind in ('police_force', 'fire_and_rescue_service', 'other')),
    needs_cause_of_concern integer not null default 0 check (needs_cause_of_concern in (0, 1)),
    name text not null check (length(name) between 1 and 200),
    owed_by text not null check (length(owed_by) between 1 and 200),
    owed_to text not null check (length(owed_to) between 1 and 300),
    starts_on text not null check (starts_on in ('publication', 'sent')),
    length_days integer not null check (length_days between 1 and 3650),
    -- "within 56 days beginning with" the day (last day = start + length - 1) or "within 28
    -- days of" it (last day = start + length).
    counting text not null check (counting in ('beginning_with', 'after')),
    publish text not null default '' check (length(publish) <= 1000),
    editable integer not null default 1 check (editable in (0, 1)),
    created_at text not null,
    updated_at text not null,
    version integer not null default 1
) strict;

insert into response_rules
    (key, source, body_kind, needs_cause_of_concern, name, owed_by, owed_to, starts_on,
     length_days, counting, publish, editable, created_at, updated_at)
values
    ('section_55', 'hmicfrs', 'police_force', 0, 'Section 55 comments',
     'The Police and Crime Commissioner', 'The public, with copies to HMICFRS and the Home Secretary',
     'publication', 56, 'beginning_with',
     'The Commissioner''s comments on the report, including the Chief Constable''s comments, published on the Commissioner''s website (Police Act 1996, section 55)',
     0, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'),
    ('action_plan', 'hmicfrs', 'police_force', 0, 'Force action plan',
     'The Chief Constable', 'HMICFRS', 'publication', 42, 'after',
     'The force''s action plan in response to the report, sent to HMICFRS within six weeks',
     0, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'),
    ('fire_plan_review', 'hmicfrs', 'fire_and_rescue_service', 1, 'Action plan review after a cause of concern',
     'The fire and rescue service', 'HMICFRS', 'publication', 28, 'after',
     'The service''s reviewed action plan, sent to HMICFRS; HMICFRS revisits and publishes a revisit letter',
     0, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'),
    ('coroner_pfd', 'coroner', null, 0, 'Response to a prevention of future deaths report',
     'The addressee of the report', 'The coroner', 'sent', 56, 'after',
     'A written response setting out the action taken or proposed, or why none is proposed; the coroner sends it to the Chief Coroner, who may publish it (the coroner may extend the period)',
     0, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'),
    ('iopc_learning', 'iopc', null, 0, 'Response to an IOPC learning recommendation',
     'The Chief Constable', 'The IOPC', 'sent', 56, 'after',
     'A written response saying what action will be taken; the IOPC publishes recommendations and responses on its website',
     1, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z'),
    ('internal_audit', 'internal_audit', null, 0, 'Management response to internal audit',
     'The force''s management', 'The joint audit committee', 'sent', 28, 'after',
     'Management responses and agreed actions, reported to the joint audit committee',
     1, '2021-01-01T00:00:00Z', '2021-01-01T00:00:00Z');

-- The date a report was sent, where a rule's clock starts from it (a coroner's report, an IOPC
-- recommendation): null means "sent the day it is dated" (published_on).
alter table inspections add column sent_on text check (sent_on is null or date(sent_on) = sent_on);

-- Extensions: a new last day for one report's clock, granted by someone, for a reason. Like
-- milestone revisions, append-only: the original last day is computed from the rule and kept,
-- each extension is a slip.
create table clock_extensions (
    id integer primary key,
    inspection_id integer not null references inspections (id) on delete restrict,
    rule_id integer not null references response_rules (id) on delete restrict,
    new_last_day text not null check (date(new_last_day) = new_last_day),
    requested_on text check (requested_on is null or date(requested_on) = requested_on),
    granted_on text not null check (date(granted_on) = granted_on),
    granted_by text not null check (length(granted_by) between 1 and 200),
    reason text not null check (length(reason) between 1 and 2000),
    recorded_by integer not null references users (id) on delete restrict,
    created_at text not null
) strict;
create index clock_extensions_by_report on clock_extensions (inspection_id, rule_id, granted_on, id);
create trigger clock_extensions_no_update before update on clock_extensions
begin select raise(abort, 'clock extensions are append-only'); end;
create trigger clock_extensions_no_delete before delete on clock_extensions
begin select raise(abort, 'clock extensions are append-only'); end;

-- The response to one report's obligation, sent: when, to whom. The first sending meets the
-- clock. Append-only.
create table clock_responses (
    id integer primary key,
    inspection_id integer not null references inspections (id) on delete restrict,
    rule_id integer not null references response_rules (id) on delete restrict,
    sent_on text not null check (date(sent_on) = sent_on),
    sent_to text not null check (length(sent_to) between 1 and 300),
    note text check (note is null or length(note) <= 2000),
    recorded_by integer not null references users (id) on delete restrict,
    created_at text not null
) strict;
create index clock_responses_by_report on clock_responses (inspection_id, rule_id, sent_on, id);
create trigger clock_responses_no_update before update on clock_responses
begin select raise(abort, 'responses sent are append-only'); end;
create trigger clock_responses_no_delete before delete on clock_responses
begin select raise(abort, 'responses sent are append-only'); end;

-- A response document released to the public site: the next edition carries it.
create table response_releases (
    inspection_id integer not null references inspections (id) on delete restrict,
    rule_id integer not null references response_rules (id) on delete restrict,
    released_at text not null,
    released_by integer not null references users (id) on delete restrict,
    primary key (inspection_id, rule_id)
) strict;

-- Themes tag findings across sources ("missing children", "vetting").
create table themes (
    id integer primary key,
    name text not null unique collate nocase check (length(name) between 1 and 100),
    created_at text not null
) strict;
create table finding_themes (
    finding_id integer not null references findings (id) on delete restrict,
    theme_id integer not null references themes (id) on delete restrict,
    primary key (finding_id, theme_id)
) strict, without rowid;
create index finding_themes_by_theme on finding_themes (theme_id, finding_id);

-- The audit vocabulary grows by rules, extensions, responses sent, releases and themes.
drop trigger audit_events_known_entity;
create trigger audit_events_known_entity before insert on audit_events
when new.entity not in ('inspection', 'inspected_body', 'finding', 'action_item', 'milestone', 'milestone_revision', 'revision_proposal', 'progress_update', 'assessment', 'inspectorate_position', 'performance_measure', 'measure_reading', 'meeting', 'agenda_item', 'action_arising', 'update_request', 'meeting_pack', 'edition', 'calendar_feed', 'user', 'settings', 'example_data', 'api_token', 'response_rule', 'clock_extension', 'clock_response', 'theme')
begin select raise(abort, 'unknown audit entity'); end;
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review', 'remove', 'withdraw', 'restore', 'mark_ready', 'unmark_ready', 'release', 'unrelease', 'tag')
begin select raise(abort, 'unknown audit action'); end;
