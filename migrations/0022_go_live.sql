-- Ready for real use (issue 16, items 1 and 5).
--
-- An inspectorate position keeps, beside the normalised status, the judgement in the report's
-- own words ("substantial progress", "insufficient progress"): optional, at most 200 characters.
alter table inspectorate_positions add column report_words text
    check (report_words is null or length(report_words) between 1 and 200);

-- The audit vocabulary grows by removing the example data (one event, `example_data`/`remove`).
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review', 'remove')
begin select raise(abort, 'unknown audit action'); end;
