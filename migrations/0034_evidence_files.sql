-- 0034: evidence files (issue 18). Files attached to progress updates, assessments,
-- inspectorate positions, meetings and inspections: kept in this database (so a backup, a
-- restore and the crash guarantees cover them), hashed, restricted like the record they
-- belong to, with a retention class, a review date, holds and disposal.

-- The bytes of each distinct file, once, by SHA-256: the same file attached twice is stored
-- once. Disposal deletes a content that no file still in keeping uses.
create table evidence_contents (
    sha256 text primary key check (length(sha256) = 64),
    content blob not null check (length(content) >= 1)
) strict;

-- One file attached to one record. Never deleted: disposal removes the content and keeps the
-- name, size and hash, with who disposed of it, when and why.
create table evidence_files (
    id integer primary key,
    sha256 text not null check (length(sha256) = 64),
    size integer not null check (size >= 1),
    name text not null check (length(name) between 1 and 200),
    kind text not null check (kind in ('pdf', 'word', 'doc', 'excel', 'xls', 'powerpoint', 'ppt', 'odt', 'ods', 'odp', 'png', 'jpeg', 'csv', 'text', 'email')),
    description text check (description is null or length(description) between 1 and 500),
    attached_to text not null check (attached_to in ('update', 'assessment', 'position', 'meeting', 'inspection')),
    update_id integer references progress_updates (id) on delete restrict,
    assessment_id integer references assessments (id) on delete restrict,
    position_id integer references inspectorate_positions (id) on delete restrict,
    meeting_id integer references meetings (id) on delete restrict,
    inspection_id integer references inspections (id) on delete restrict,
    retention_class text not null check (retention_class in ('supporting', 'permanent')),
    review_on text check (review_on is null or date(review_on) = review_on),
    hold_reason text check (hold_reason is null or length(hold_reason) between 1 and 500),
    -- Released by the office to the public site (an inspection's files only): the next
    -- edition lists it and serves it by its hash.
    public integer not null default 0 check (public in (0, 1)),
    uploaded_at text not null,
    uploaded_by integer references users (id) on delete restrict,
    disposed_at text,
    disposed_by integer references users (id) on delete restrict,
    disposal_reason text check (disposal_reason is null or length(disposal_reason) between 1 and 500),
    check ((disposed_at is null) = (disposal_reason is null)),
    check (public = 0 or attached_to = 'inspection'),
    -- Attached to exactly the record its kind names.
    check ((update_id is not null) = (attached_to = 'update')),
    check ((assessment_id is not null) = (attached_to = 'assessment')),
    check ((position_id is not null) = (attached_to = 'position')),
    check ((meeting_id is not null) = (attached_to = 'meeting')),
    check ((inspection_id is not null) = (attached_to = 'inspection'))
) strict;
create index evidence_files_by_update on evidence_files (update_id) where update_id is not null;
create index evidence_files_by_assessment on evidence_files (assessment_id) where assessment_id is not null;
create index evidence_files_by_position on evidence_files (position_id) where position_id is not null;
create index evidence_files_by_meeting on evidence_files (meeting_id) where meeting_id is not null;
create index evidence_files_by_inspection on evidence_files (inspection_id) where inspection_id is not null;
create index evidence_files_by_sha256 on evidence_files (sha256);
create index evidence_files_by_review on evidence_files (review_on) where disposed_at is null;

-- The files an assessor ticked as seen for an assessment. Written with the assessment, which
-- is append-only, and so is this.
create table assessment_evidence (
    assessment_id integer not null references assessments (id) on delete restrict,
    file_id integer not null references evidence_files (id) on delete restrict,
    primary key (assessment_id, file_id)
) strict;
create index assessment_evidence_by_file on assessment_evidence (file_id);
create trigger assessment_evidence_no_update before update on assessment_evidence
begin select raise(abort, 'assessment evidence is append-only'); end;
create trigger assessment_evidence_no_delete before delete on assessment_evidence
begin select raise(abort, 'assessment evidence is append-only'); end;

-- A file's identity never changes: what it is, its bytes and what it is attached to.
create trigger evidence_files_fixed before update on evidence_files
when new.sha256 is not old.sha256 or new.size is not old.size or new.name is not old.name
    or new.kind is not old.kind or new.attached_to is not old.attached_to
    or new.update_id is not old.update_id or new.assessment_id is not old.assessment_id
    or new.position_id is not old.position_id or new.meeting_id is not old.meeting_id
    or new.inspection_id is not old.inspection_id or new.uploaded_at is not old.uploaded_at
    or new.uploaded_by is not old.uploaded_by or old.disposed_at is not null
begin select raise(abort, 'an evidence file is fixed once attached, and once disposed of'); end;
create trigger evidence_files_no_delete before delete on evidence_files
begin select raise(abort, 'evidence files are disposed of, never deleted'); end;

-- The audit vocabulary grows by evidence files and what is done to them.
drop trigger audit_events_known_entity;
create trigger audit_events_known_entity before insert on audit_events
when new.entity not in ('inspection', 'inspected_body', 'finding', 'action_item', 'milestone', 'milestone_revision', 'revision_proposal', 'progress_update', 'assessment', 'inspectorate_position', 'performance_measure', 'measure_reading', 'meeting', 'agenda_item', 'action_arising', 'update_request', 'meeting_pack', 'edition', 'calendar_feed', 'user', 'settings', 'example_data', 'api_token', 'response_rule', 'clock_extension', 'clock_response', 'theme', 'report_package', 'evidence_file')
begin select raise(abort, 'unknown audit entity'); end;
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review', 'remove', 'withdraw', 'restore', 'mark_ready', 'unmark_ready', 'release', 'unrelease', 'tag', 'attach', 'hold', 'lift_hold', 'dispose')
begin select raise(abort, 'unknown audit action'); end;
