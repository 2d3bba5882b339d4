-- 0017: one office, several inspected bodies. Force users (and, optionally, panel members)
-- belong to bodies and see only theirs; a fire and rescue service's cause of concern carries
-- its own clock (the service reviews its action plan within 28 days; HMICFRS revisits and
-- writes a revisit letter).

-- Which bodies a user belongs to. A force user with none sees nothing; a panel member with
-- none sees every body; the office and administrators always see every body.
create table user_bodies (
    user_id integer not null references users (id) on delete cascade,
    body_id integer not null references inspected_bodies (id) on delete cascade,
    primary key (user_id, body_id)
) strict, without rowid;
create index user_bodies_by_body on user_bodies (body_id, user_id);

-- A fire and rescue service's cause of concern: each step dated when it happened.
alter table inspections add column plan_review_received_on text
    check (plan_review_received_on is null or date(plan_review_received_on) = plan_review_received_on);
alter table inspections add column revisit_on text
    check (revisit_on is null or date(revisit_on) = revisit_on);
alter table inspections add column revisit_letter_on text
    check (revisit_letter_on is null or date(revisit_letter_on) = revisit_letter_on);
alter table inspections add column revisit_letter_url text;

-- The audit vocabulary grows by merging bodies, renaming them and recording a fire review.
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review')
begin select raise(abort, 'unknown audit action'); end;
