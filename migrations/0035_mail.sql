-- 0035: mail (issue 19). A durable outbox written in the same transaction as the change that
-- causes each message; update-request rounds with their chasers; reminders and digests sent
-- once each; public subscriptions to published editions.

-- One message to one address: queued until the mail worker hands it to the SMTP server, then
-- sent (with the server's reply and our Message-ID, so an accepted message is never sent
-- again) or failed after its last try. Public mail belongs to its subscription and goes with it.
create table mail_outbox (
    id integer primary key,
    kind text not null check (kind in ('round_request', 'round_reminder', 'round_escalation', 'reminders', 'digest', 'subscription_confirm', 'edition_notice')),
    to_address text not null check (length(to_address) between 3 and 254),
    user_id integer references users (id) on delete set null,
    subscription_id integer references subscriptions (id) on delete cascade,
    subject text not null check (length(subject) between 1 and 300),
    text_body text not null,
    html_body text not null,
    -- RFC 8058 one-click unsubscribe address, for public mail.
    unsubscribe_url text,
    message_id text not null unique,
    status text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
    attempts integer not null default 0 check (attempts >= 0),
    next_attempt_at text not null,
    last_reply text,
    created_at text not null,
    sent_at text,
    check ((status = 'sent') = (sent_at is not null))
) strict;
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'queued';
create index mail_outbox_by_status on mail_outbox (status, id);
create index mail_outbox_by_user on mail_outbox (user_id);
create index mail_outbox_by_subscription on mail_outbox (subscription_id);

-- What each person chooses to be sent. No row: everything. Round requests always go.
create table mail_preferences (
    user_id integer primary key references users (id) on delete cascade,
    due_soon integer not null default 1 check (due_soon in (0, 1)),
    overdue integer not null default 1 check (overdue in (0, 1)),
    stale integer not null default 1 check (stale in (0, 1)),
    digest integer not null default 1 check (digest in (0, 1))
) strict;

-- Who owns an action-plan item, as an account that can be asked for updates by email.
alter table action_items add column owner_user_id integer references users (id) on delete set null;
create index action_items_by_owner_user on action_items (owner_user_id) where owner_user_id is not null;

-- The chief officer lead of a body: the last step of a round's escalation ladder.
alter table inspected_bodies add column chief_officer_id integer references users (id) on delete set null;

-- An update-request round: the office asks owners for updates by a return-by date, with a
-- reminder on `remind_on` and escalation to the chief officer lead after `return_by`.
create table update_rounds (
    id integer primary key,
    title text not null check (length(title) between 1 and 300),
    meeting_id integer references meetings (id) on delete restrict,
    return_by text not null check (date(return_by) = return_by),
    remind_on text not null check (date(remind_on) = remind_on and remind_on <= return_by),
    opened_by integer not null references users (id) on delete restrict,
    opened_at text not null
) strict;
create index update_rounds_by_return on update_rounds (return_by);
create index update_rounds_by_meeting on update_rounds (meeting_id) where meeting_id is not null;

-- The actions a round asks about, each with the owner asked (none: nobody to ask by email).
create table round_items (
    round_id integer not null references update_rounds (id) on delete restrict,
    action_id integer not null references action_items (id) on delete restrict,
    owner_id integer references users (id) on delete restrict,
    primary key (round_id, action_id)
) strict;
create index round_items_by_action on round_items (action_id);
create index round_items_by_owner on round_items (owner_id);

-- The chasers a round sent, step by step up the ladder: once each per person.
create table round_chasers (
    id integer primary key,
    round_id integer not null references update_rounds (id) on delete restrict,
    step text not null check (step in ('request', 'reminder', 'escalation')),
    user_id integer not null references users (id) on delete restrict,
    mail_id integer references mail_outbox (id) on delete set null,
    items integer not null check (items >= 1),
    at text not null,
    unique (round_id, step, user_id)
) strict;

-- Reminders sent: once per item, kind, due date and offset, whatever restarts in between.
create table reminders_sent (
    kind text not null check (kind in ('due_soon', 'overdue', 'arising_overdue', 'stale')),
    item_id integer not null,
    due_on text not null check (date(due_on) = due_on),
    offset_days integer not null,
    user_id integer not null references users (id) on delete cascade,
    sent_at text not null,
    primary key (kind, item_id, due_on, offset_days, user_id)
) strict, without rowid;

-- Weekly digests sent: once per person and week (the week's Monday).
create table digests_sent (
    user_id integer not null references users (id) on delete cascade,
    week text not null check (date(week) = week),
    sent_at text not null,
    primary key (user_id, week)
) strict, without rowid;

-- A member of the public told by email when a new edition changes what they follow. The
-- address is kept for this alone and deleted (with its mail) on unsubscribing; unconfirmed
-- sign-ups are deleted after a week.
create table subscriptions (
    id integer primary key,
    email text not null collate nocase check (length(email) between 3 and 254),
    scope text not null check (scope in ('site', 'body', 'inspection')),
    body_id integer references inspected_bodies (id) on delete cascade,
    inspection_id integer references inspections (id) on delete cascade,
    token text not null unique check (length(token) = 64),
    created_at text not null,
    confirmed_at text,
    check ((scope = 'body') = (body_id is not null)),
    check ((scope = 'inspection') = (inspection_id is not null))
) strict;
create unique index subscriptions_once on subscriptions
    (email, scope, coalesce(body_id, 0), coalesce(inspection_id, 0));
create index subscriptions_confirmed on subscriptions (scope) where confirmed_at is not null;

-- The audit vocabulary grows by rounds, subscriptions, outbox retries and what is done to them.
drop trigger audit_events_known_entity;
create trigger audit_events_known_entity before insert on audit_events
when new.entity not in ('inspection', 'inspected_body', 'finding', 'action_item', 'milestone', 'milestone_revision', 'revision_proposal', 'progress_update', 'assessment', 'inspectorate_position', 'performance_measure', 'measure_reading', 'meeting', 'agenda_item', 'action_arising', 'update_request', 'meeting_pack', 'edition', 'calendar_feed', 'user', 'settings', 'example_data', 'api_token', 'response_rule', 'clock_extension', 'clock_response', 'theme', 'report_package', 'evidence_file', 'update_round', 'subscription', 'mail')
begin select raise(abort, 'unknown audit entity'); end;
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review', 'remove', 'withdraw', 'restore', 'mark_ready', 'unmark_ready', 'release', 'unrelease', 'tag', 'attach', 'hold', 'lift_hold', 'dispose', 'open', 'chase', 'confirm', 'unsubscribe', 'retry', 'assign')
begin select raise(abort, 'unknown audit action'); end;
