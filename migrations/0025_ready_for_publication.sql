-- 0025: nothing goes public by accident (issue 16, item 3). An inspection reaches a public
-- edition only once the office marks it ready for publication: when (`_at`) and by whom
-- (`_by`). Both null: not ready. Every inspection recorded before this was already eligible
-- for publication, so the upgrade marks each ready as of its last change, by no one.
alter table inspections add column ready_for_publication_at text;
alter table inspections add column ready_for_publication_by integer
    references users (id) on delete restrict
    check (ready_for_publication_by is null or ready_for_publication_at is not null);
update inspections set ready_for_publication_at = updated_at;
-- The publishing page lists the inspections not yet ready; editions read the ready ones.
create index inspections_by_readiness on inspections (ready_for_publication_at);

-- The audit vocabulary grows by marking an inspection ready for publication and back.
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review', 'remove', 'withdraw', 'restore', 'mark_ready', 'unmark_ready')
begin select raise(abort, 'unknown audit action'); end;
