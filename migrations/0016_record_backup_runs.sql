-- Scheduled backups (issue 24, item 4): one row for each backup the server's schedule tried
-- (`--backup-dir`), so the admin page shows when each ran, where it went, how big it was and
-- whether it verified, after a restart too, and a failure is not lost with the log. Not part
-- of the record: written without an audit event (like `sessions`), and not append-only, since
-- pruning marks a deleted copy `removed_at`.
create table backup_runs (
    id integer primary key,
    started_at text not null,
    finished_at text not null,
    -- the copy's path (or, for a failure, the path it would have had)
    file text not null,
    outcome text not null check (outcome in ('verified', 'failed')),
    -- the copy's size in bytes and its audit event count, when it verified
    bytes integer,
    audit_events integer,
    -- what went wrong, in words, when it failed
    problem text,
    removed_at text,
    check ((outcome = 'verified') = (problem is null))
) strict;
create index backup_runs_by_file on backup_runs (file);
