-- The whole Scrutineer domain (see shared/design/domain.md).
-- Conventions: dates are ISO 'YYYY-MM-DD' text checked with date(); instants are UTC
-- RFC 3339 text; vocabularies are lowercase snake_case checked here; every editable row carries
-- a `version` so a save made from a stale form is answered as a conflict, never lost.

-- Key/value settings that the office can change (organisation name, staleness period...).
create table settings (
    key text primary key,
    value text not null
) strict;

-- People who sign in. Roles per domain.md; `must_change_password` forces a new password.
create table users (
    id integer primary key,
    email text not null unique collate nocase check (length(email) between 3 and 254),
    display_name text not null check (length(display_name) between 1 and 200),
    role text not null check (role in ('admin', 'office', 'force', 'panel')),
    password_hash text not null,
    must_change_password integer not null default 0 check (must_change_password in (0, 1)),
    disabled_at text,
    created_at text not null,
    version integer not null default 1
) strict;

-- Server-side sessions. Only a SHA-256 of the cookie value is stored.
create table sessions (
    id_hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at text not null,
    last_seen_at text not null
) strict;
create index sessions_by_user on sessions (user_id);

-- Every sign-in attempt, for throttling by account and by address.
create table sign_in_attempts (
    id integer primary key,
    email text not null collate nocase,
    address text not null,
    succeeded integer not null check (succeeded in (0, 1)),
    at text not null
) strict;
create index sign_in_attempts_by_email on sign_in_attempts (email, at);
create index sign_in_attempts_by_address on sign_in_attempts (address, at);

-- Private calendar subscription URLs; only a hash of the secret is kept.
create table calendar_feeds (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    token_hash text not null unique,
    created_at text not null,
    revoked_at text
) strict;
create index calendar_feeds_by_user on calendar_feeds (user_id);

-- The organisation inspected: a police force, or a fire and rescue service.
create table inspected_bodies (
    id integer primary key,
    name text not null unique check (length(name) between 1 and 200),
    kind text not null default 'police_force'
        check (kind in ('police_force', 'fire_and_rescue_service', 'other')),
    created_at text not null
) strict;

-- A report about a body, with the section 55 (Police Act 1996) response steps.
create table inspections (
    id integer primary key,
    body_id integer not null references inspected_bodies (id) on delete restrict,
    title text not null check (length(title) between 1 and 300),
    kind text not null check (kind in
        ('child_protection', 'peel', 'joint_custody', 'thematic', 'fire', 'other')),
    source text not null default 'hmicfrs' check (source in
        ('hmicfrs', 'iopc', 'coroner', 'internal_audit', 'other')),
    fieldwork_start text check (fieldwork_start is null or date(fieldwork_start) = fieldwork_start),
    fieldwork_end text check (fieldwork_end is null or date(fieldwork_end) = fieldwork_end),
    published_on text not null check (date(published_on) = published_on),
    report_url text,
    follows_up_id integer references inspections (id) on delete restrict,
    -- section 55 steps, each dated when it happened
    comments_requested_on text check (comments_requested_on is null or date(comments_requested_on) = comments_requested_on),
    comments_deadline text check (comments_deadline is null or date(comments_deadline) = comments_deadline),
    comments_received_on text check (comments_received_on is null or date(comments_received_on) = comments_received_on),
    response_published_on text check (response_published_on is null or date(response_published_on) = response_published_on),
    response_url text,
    copy_to_hmicfrs_on text check (copy_to_hmicfrs_on is null or date(copy_to_hmicfrs_on) = copy_to_hmicfrs_on),
    copy_to_home_secretary_on text check (copy_to_home_secretary_on is null or date(copy_to_home_secretary_on) = copy_to_home_secretary_on),
    action_plan_received_on text check (action_plan_received_on is null or date(action_plan_received_on) = action_plan_received_on),
    created_at text not null,
    updated_at text not null,
    version integer not null default 1,
    check (fieldwork_end is null or fieldwork_start is null or fieldwork_end >= fieldwork_start),
    check (follows_up_id is null or follows_up_id <> id)
) strict;
create index inspections_by_body on inspections (body_id, published_on);
create index inspections_by_follow_up on inspections (follows_up_id);

-- An item in a report the force must act on; causes of concern parent recommendations.
create table findings (
    id integer primary key,
    inspection_id integer not null references inspections (id) on delete restrict,
    parent_id integer references findings (id) on delete restrict,
    kind text not null check (kind in ('cause_of_concern', 'recommendation', 'area_for_improvement')),
    reference text not null check (length(reference) between 1 and 40),
    area text not null default '',
    official_wording text,
    public_summary text,
    timescale text not null check (timescale in
        ('immediately', 'within_3_months', 'within_6_months', 'by_date', 'none')),
    timescale_date text check (timescale_date is null or date(timescale_date) = timescale_date),
    -- section 55: the response to this finding in the PCC's published comments
    response_position text check (response_position in
        ('accepted', 'accepted_in_part', 'not_accepted', 'under_consideration')),
    response_explanation text,
    -- publication: the office approves the public summary for the next edition
    summary_approved_at text,
    summary_approved_by integer references users (id) on delete restrict,
    created_at text not null,
    updated_at text not null,
    version integer not null default 1,
    unique (inspection_id, reference),
    check ((timescale = 'by_date') = (timescale_date is not null)),
    check (parent_id is null or parent_id <> id)
) strict;
create index findings_by_inspection on findings (inspection_id, reference);
create index findings_by_parent on findings (parent_id);
create index findings_by_area on findings (area);

-- Parts (criteria) of a finding that are judged separately.
create table finding_parts (
    id integer primary key,
    finding_id integer not null references findings (id) on delete cascade,
    position integer not null,
    text text not null check (length(text) >= 1),
    unique (finding_id, position)
) strict;

-- What the force commits to do; addresses one or many findings.
create table action_items (
    id integer primary key,
    body_id integer not null references inspected_bodies (id) on delete restrict,
    reference text not null check (length(reference) between 1 and 40),
    title text not null check (length(title) between 1 and 300),
    description text not null default '',
    owner_role text not null default '',
    owner_name text not null default '',
    blocked_by text,
    blocked_since text check (blocked_since is null or date(blocked_since) = blocked_since),
    created_at text not null,
    updated_at text not null,
    version integer not null default 1,
    unique (body_id, reference),
    check ((blocked_by is null) = (blocked_since is null))
) strict;
create index action_items_by_owner on action_items (owner_role, owner_name);
create index action_items_blocked on action_items (blocked_by) where blocked_by is not null;

-- Which findings each action-plan item addresses (many-to-many).
create table action_findings (
    action_id integer not null references action_items (id) on delete cascade,
    finding_id integer not null references findings (id) on delete cascade,
    primary key (action_id, finding_id)
) strict, without rowid;
create index action_findings_by_finding on action_findings (finding_id, action_id);

-- A dated deliverable. The original due date is fixed once set (trigger below); the current
-- date moves only through an accepted revision.
create table milestones (
    id integer primary key,
    action_id integer not null references action_items (id) on delete restrict,
    title text not null check (length(title) between 1 and 300),
    original_due_on text not null check (date(original_due_on) = original_due_on),
    current_due_on text not null check (date(current_due_on) = current_due_on),
    met_on text check (met_on is null or date(met_on) = met_on),
    created_at text not null,
    version integer not null default 1
) strict;
create index milestones_by_action on milestones (action_id, current_due_on);
create index milestones_by_due on milestones (current_due_on) where met_on is null;

-- A force request (or office proposal) to move a milestone, waiting for the office's decision.
create table revision_proposals (
    id integer primary key,
    milestone_id integer not null references milestones (id) on delete restrict,
    proposed_due_on text not null check (date(proposed_due_on) = proposed_due_on),
    reason_category text not null check (reason_category in
        ('resourcing', 'national_dependency', 'scope_change', 'data_it', 'other')),
    reason text not null check (length(reason) >= 1),
    requested_by text not null check (length(requested_by) >= 1),
    proposed_by integer not null references users (id) on delete restrict,
    proposed_at text not null,
    status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
    decided_by integer references users (id) on delete restrict,
    decided_at text,
    decision_reason text,
    version integer not null default 1,
    check ((status = 'pending') = (decided_at is null))
) strict;
create index revision_proposals_pending on revision_proposals (status, proposed_at);
create index revision_proposals_by_milestone on revision_proposals (milestone_id);

-- An accepted move of a milestone's date. Append-only.
create table milestone_revisions (
    id integer primary key,
    milestone_id integer not null references milestones (id) on delete restrict,
    previous_due_on text not null check (date(previous_due_on) = previous_due_on),
    new_due_on text not null check (date(new_due_on) = new_due_on),
    reason_category text not null check (reason_category in
        ('resourcing', 'national_dependency', 'scope_change', 'data_it', 'other')),
    reason text not null check (length(reason) >= 1),
    requested_by text not null check (length(requested_by) >= 1),
    accepted_by integer not null references users (id) on delete restrict,
    accepted_at text not null,
    proposal_id integer unique references revision_proposals (id) on delete restrict
) strict;
create index milestone_revisions_by_milestone on milestone_revisions (milestone_id, id);
create index milestone_revisions_by_date on milestone_revisions (accepted_at);

-- A dated report on an action-plan item or directly on a finding. Append-only: a mistake is
-- put right by a new update whose `corrects_id` names the one it corrects.
create table progress_updates (
    id integer primary key,
    action_id integer references action_items (id) on delete restrict,
    finding_id integer references findings (id) on delete restrict,
    as_at text not null check (date(as_at) = as_at),
    rag text not null check (rag in ('green', 'amber', 'red', 'blue')),
    narrative text not null check (length(narrative) >= 1),
    evidence text,
    public_summary text,
    corrects_id integer references progress_updates (id) on delete restrict,
    author_id integer not null references users (id) on delete restrict,
    entered_at text not null,
    check ((action_id is null) <> (finding_id is null))
) strict;
create index progress_updates_by_action on progress_updates (action_id, as_at, id);
create index progress_updates_by_finding on progress_updates (finding_id, as_at, id);
create index progress_updates_by_correction on progress_updates (corrects_id);
create index progress_updates_by_entry on progress_updates (entered_at);

-- The office's approval of an update's public summary for publication.
create table update_approvals (
    update_id integer primary key references progress_updates (id) on delete restrict,
    approved_by integer not null references users (id) on delete restrict,
    approved_at text not null
) strict;

-- The PCC office's independent, dated assurance judgement. Append-only history; "not yet
-- assessed" is the absence of a row.
create table assessments (
    id integer primary key,
    finding_id integer not null references findings (id) on delete restrict,
    part_id integer references finding_parts (id) on delete restrict,
    level text not null check (level in ('substantial', 'reasonable', 'limited', 'none')),
    assessed_on text not null check (date(assessed_on) = assessed_on),
    rationale text not null check (length(rationale) >= 1),
    evidence_seen text,
    meeting_id integer references meetings (id) on delete restrict,
    assessor_id integer not null references users (id) on delete restrict,
    created_at text not null
) strict;
create index assessments_by_finding on assessments (finding_id, assessed_on, id);
create index assessments_by_meeting on assessments (meeting_id);

-- HMICFRS's dated position on a finding. Append-only history.
create table inspectorate_positions (
    id integer primary key,
    finding_id integer not null references findings (id) on delete restrict,
    part_id integer references finding_parts (id) on delete restrict,
    position text not null check (position in
        ('open', 'met', 'partially_met', 'superseded', 'no_longer_relevant')),
    superseded_by_id integer references findings (id) on delete restrict,
    as_at text not null check (date(as_at) = as_at),
    source text not null check (length(source) >= 1),
    source_inspection_id integer references inspections (id) on delete restrict,
    note text,
    recorded_by integer not null references users (id) on delete restrict,
    created_at text not null,
    check ((position = 'superseded') = (superseded_by_id is not null))
) strict;
create index inspectorate_positions_by_finding on inspectorate_positions (finding_id, as_at, id);

-- A PCC accountability meeting. `minutes` are internal; `public_summary` may be published.
create table meetings (
    id integer primary key,
    kind text not null check (kind in
        ('accountability_board', 'public_accountability_meeting', 'police_and_crime_panel', 'other')),
    title text not null check (length(title) between 1 and 300),
    starts_at text not null check (datetime(starts_at) is not null),
    location text not null default '',
    attendees text not null default '',
    status text not null default 'planned' check (status in ('planned', 'held')),
    minutes text,
    public_summary text,
    summary_approved_at text,
    summary_approved_by integer references users (id) on delete restrict,
    update_deadline text check (update_deadline is null or date(update_deadline) = update_deadline),
    created_at text not null,
    updated_at text not null,
    version integer not null default 1
) strict;
create index meetings_by_start on meetings (starts_at);

-- A question put to the Chief Constable about a finding or action, and the answer.
create table agenda_items (
    id integer primary key,
    meeting_id integer not null references meetings (id) on delete cascade,
    position integer not null,
    finding_id integer references findings (id) on delete restrict,
    action_id integer references action_items (id) on delete restrict,
    question text not null default '',
    answer text not null default '',
    assessment_id integer references assessments (id) on delete restrict,
    version integer not null default 1
) strict;
create index agenda_items_by_meeting on agenda_items (meeting_id, position);
create index agenda_items_by_finding on agenda_items (finding_id);
create index agenda_items_by_action on agenda_items (action_id);

-- Items the force must update before a meeting's update deadline.
create table update_requests (
    id integer primary key,
    meeting_id integer not null references meetings (id) on delete cascade,
    action_id integer references action_items (id) on delete restrict,
    finding_id integer references findings (id) on delete restrict,
    requested_by integer not null references users (id) on delete restrict,
    requested_at text not null,
    check ((action_id is null) <> (finding_id is null))
) strict;
create index update_requests_by_meeting on update_requests (meeting_id);

-- Something a meeting asked someone to do, tracked to closure.
create table actions_arising (
    id integer primary key,
    meeting_id integer not null references meetings (id) on delete restrict,
    finding_id integer references findings (id) on delete restrict,
    action_id integer references action_items (id) on delete restrict,
    description text not null check (length(description) >= 1),
    owner text not null check (length(owner) >= 1),
    due_on text not null check (date(due_on) = due_on),
    status text not null default 'open' check (status in ('open', 'response_received', 'closed')),
    response text,
    closed_on text check (closed_on is null or date(closed_on) = closed_on),
    created_at text not null,
    version integer not null default 1,
    check ((status = 'closed') = (closed_on is not null))
) strict;
create index actions_arising_by_meeting on actions_arising (meeting_id);
create index actions_arising_by_due on actions_arising (due_on) where status <> 'closed';
create index actions_arising_by_finding on actions_arising (finding_id);
create index actions_arising_by_action on actions_arising (action_id);

-- A saved meeting pack of record. Immutable.
create table meeting_packs (
    id integer primary key,
    meeting_id integer not null references meetings (id) on delete restrict,
    content text not null,
    sha256 text not null,
    saved_by integer not null references users (id) on delete restrict,
    saved_at text not null
) strict;
create index meeting_packs_by_meeting on meeting_packs (meeting_id);

-- An outcome indicator on a finding or action, with dated readings.
create table performance_measures (
    id integer primary key,
    finding_id integer references findings (id) on delete restrict,
    action_id integer references action_items (id) on delete restrict,
    name text not null check (length(name) between 1 and 200),
    unit text not null default '',
    baseline real,
    target real,
    better text not null check (better in ('higher', 'lower')),
    created_at text not null,
    version integer not null default 1,
    check ((action_id is null) <> (finding_id is null))
) strict;
create index performance_measures_by_finding on performance_measures (finding_id);
create index performance_measures_by_action on performance_measures (action_id);

create table measure_readings (
    id integer primary key,
    measure_id integer not null references performance_measures (id) on delete restrict,
    taken_on text not null check (date(taken_on) = taken_on),
    value real not null,
    note text,
    recorded_by integer not null references users (id) on delete restrict,
    created_at text not null
) strict;
create index measure_readings_by_measure on measure_readings (measure_id, taken_on);

-- A numbered, frozen snapshot of everything approved for the public, with its SHA-256.
create table editions (
    id integer primary key,
    number integer not null unique check (number >= 1),
    published_at text not null,
    published_by integer not null references users (id) on delete restrict,
    content text not null,
    sha256 text not null,
    note text
) strict;

-- The hash-chained record of every change by anyone.
create table audit_events (
    id integer primary key,
    at text not null,
    actor_id integer references users (id) on delete restrict,
    actor text not null,
    entity text not null,
    entity_id integer,
    action text not null,
    before text,
    after text,
    prev_hash text not null,
    hash text not null unique
) strict;
create index audit_events_by_entity on audit_events (entity, entity_id);
create index audit_events_by_actor on audit_events (actor_id, at);
create index audit_events_by_time on audit_events (at);

-- Append-only and fixed records: the database itself refuses to change them.
create trigger progress_updates_no_update before update on progress_updates
begin select raise(abort, 'progress updates are append-only'); end;
create trigger progress_updates_no_delete before delete on progress_updates
begin select raise(abort, 'progress updates are append-only'); end;
create trigger milestone_revisions_no_update before update on milestone_revisions
begin select raise(abort, 'milestone revisions are append-only'); end;
create trigger milestone_revisions_no_delete before delete on milestone_revisions
begin select raise(abort, 'milestone revisions are append-only'); end;
create trigger audit_events_no_update before update on audit_events
begin select raise(abort, 'audit events are append-only'); end;
create trigger audit_events_no_delete before delete on audit_events
begin select raise(abort, 'audit events are append-only'); end;
create trigger assessments_no_update before update on assessments
begin select raise(abort, 'assessments are append-only'); end;
create trigger assessments_no_delete before delete on assessments
begin select raise(abort, 'assessments are append-only'); end;
create trigger inspectorate_positions_no_update before update on inspectorate_positions
begin select raise(abort, 'inspectorate positions are append-only'); end;
create trigger inspectorate_positions_no_delete before delete on inspectorate_positions
begin select raise(abort, 'inspectorate positions are append-only'); end;
create trigger measure_readings_no_update before update on measure_readings
begin select raise(abort, 'measure readings are append-only'); end;
create trigger measure_readings_no_delete before delete on measure_readings
begin select raise(abort, 'measure readings are append-only'); end;
create trigger editions_no_update before update on editions
begin select raise(abort, 'published editions never change'); end;
create trigger editions_no_delete before delete on editions
begin select raise(abort, 'published editions never change'); end;
create trigger meeting_packs_no_update before update on meeting_packs
begin select raise(abort, 'a pack of record never changes'); end;
create trigger meeting_packs_no_delete before delete on meeting_packs
begin select raise(abort, 'a pack of record never changes'); end;

create trigger milestones_original_due_fixed before update of original_due_on on milestones
when new.original_due_on is not old.original_due_on
begin select raise(abort, 'a milestone''s original due date never changes'); end;

-- A revision is what moves a milestone: inserting one sets the current date...
create trigger milestone_revisions_move_milestone after insert on milestone_revisions
begin
    update milestones
    set current_due_on = new.new_due_on,
        version = version + 1
    where id = new.milestone_id;
end;

-- ...and nothing else may: the current date is the original or the latest revision's.
create trigger milestones_current_due_by_revision before update of current_due_on on milestones
when new.current_due_on is not old.current_due_on
    and new.current_due_on is not coalesce(
        (select new_due_on from milestone_revisions
         where milestone_id = new.id order by id desc limit 1),
        new.original_due_on)
begin select raise(abort, 'a milestone''s date moves only through a revision'); end;

-- Full-text search over findings, action-plan items and progress updates. The rowid encodes
-- what a row is: id * 4 + 1 for a finding, + 2 for an action-plan item, + 3 for an update, so
-- re-indexing one record is a lookup by rowid, not a scan.
create virtual table search_index using fts5 (
    title,
    body,
    tokenize = 'porter unicode61'
);

create trigger findings_search_insert after insert on findings begin
    insert into search_index (rowid, title, body)
    values (new.id * 4 + 1, new.reference || ' ' || new.area,
            coalesce(new.official_wording, '') || ' ' || coalesce(new.public_summary, ''));
end;
create trigger findings_search_update after update on findings begin
    delete from search_index where rowid = old.id * 4 + 1;
    insert into search_index (rowid, title, body)
    values (new.id * 4 + 1, new.reference || ' ' || new.area,
            coalesce(new.official_wording, '') || ' ' || coalesce(new.public_summary, ''));
end;
create trigger action_items_search_insert after insert on action_items begin
    insert into search_index (rowid, title, body)
    values (new.id * 4 + 2, new.reference || ' ' || new.title,
            new.description || ' ' || new.owner_role || ' ' || new.owner_name);
end;
create trigger action_items_search_update after update on action_items begin
    delete from search_index where rowid = old.id * 4 + 2;
    insert into search_index (rowid, title, body)
    values (new.id * 4 + 2, new.reference || ' ' || new.title,
            new.description || ' ' || new.owner_role || ' ' || new.owner_name);
end;
create trigger progress_updates_search_insert after insert on progress_updates begin
    insert into search_index (rowid, title, body)
    values (new.id * 4 + 3, '',
            new.narrative || ' ' || coalesce(new.evidence, '') || ' ' || coalesce(new.public_summary, ''));
end;
