-- Personal API tokens: a force system (or a script) acts through one as its user, with the
-- user's role and bodies. Only the SHA-256 of the secret is kept; the secret is shown once.
create table api_tokens (
    id integer primary key,
    user_id integer not null references users (id) on delete cascade,
    name text not null check (length(name) between 1 and 100),
    token_hash text not null unique,
    access text not null check (access in ('read', 'read_write')),
    created_at text not null,
    expires_at text not null,
    revoked_at text,
    last_used_at text
) strict;
create index api_tokens_by_user on api_tokens (user_id);

-- One row per write made through the API with an Idempotency-Key: a system that pushes the
-- same request twice gets the first answer again instead of a second record. Written in the
-- change's own transaction, so a key is taken exactly when the change is made.
create table api_requests (
    user_id integer not null references users (id) on delete cascade,
    idempotency_key text not null check (length(idempotency_key) between 1 and 200),
    -- SHA-256 of the method, path and body: the same key with another request is refused.
    fingerprint text not null,
    entity text not null,
    entity_id integer not null,
    created_at text not null,
    primary key (user_id, idempotency_key)
) strict;

-- The audit vocabulary grows by API tokens.
drop trigger audit_events_known_entity;
create trigger audit_events_known_entity before insert on audit_events
when new.entity not in ('inspection', 'inspected_body', 'finding', 'action_item', 'milestone', 'milestone_revision', 'revision_proposal', 'progress_update', 'assessment', 'inspectorate_position', 'performance_measure', 'measure_reading', 'meeting', 'agenda_item', 'action_arising', 'update_request', 'meeting_pack', 'edition', 'calendar_feed', 'user', 'settings', 'example_data', 'api_token')
begin select raise(abort, 'unknown audit entity'); end;
