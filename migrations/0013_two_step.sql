-- Two-step sign-in (issue 14, item 8). The authenticator secret and recovery codes live
-- apart from `users`, whose rows the audit log copies whole, so the log never holds a secret.
-- Recovery codes are kept only as SHA-256 hashes and each works once (`used_at`).
-- `last_step` is the newest 30-second step whose code was accepted, so a code seen over
-- someone's shoulder cannot be used a second time (RFC 6238 section 5.2).
create table two_step (
    user_id integer primary key references users (id) on delete cascade,
    secret text not null,
    enabled_at text not null,
    last_step integer not null default 0
) strict;

create table recovery_codes (
    user_id integer not null references users (id) on delete cascade,
    code_hash text not null,
    used_at text,
    primary key (user_id, code_hash)
) strict;

-- A sign-in whose password was right, waiting for its second step. Like `sessions`, only a
-- SHA-256 of the cookie's token is kept; a challenge ends after a few minutes or failures.
create table two_step_challenges (
    token_hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    next text not null,
    created_at text not null,
    failures integer not null default 0
) strict;
create index two_step_challenges_by_user on two_step_challenges (user_id);
