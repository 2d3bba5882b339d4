-- Withdrawing mistakes (issue 16, item 2).
--
-- A record entered in error is withdrawn, not deleted: it keeps its place in the audit chain,
-- the office still sees it (marked withdrawn), and every list, dashboard, feed, export and
-- future edition leaves it out. `withdrawn_on` is the date the withdrawal took effect;
-- `withdrawal_reason` says why. Both are set together and cleared together on restore. What
-- hangs under a withdrawn record (the findings of a withdrawn inspection, say) is left out by
-- the queries' joins, not by writing to it.
alter table inspected_bodies add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table inspected_bodies add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));
alter table inspections add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table inspections add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));
alter table findings add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table findings add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));
alter table action_items add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table action_items add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));
alter table milestones add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table milestones add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));
alter table performance_measures add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table performance_measures add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));
alter table meetings add column withdrawn_on text
    check (withdrawn_on is null or date(withdrawn_on) = withdrawn_on);
alter table meetings add column withdrawal_reason text
    check ((withdrawal_reason is null) = (withdrawn_on is null)
           and (withdrawal_reason is null or length(withdrawal_reason) between 1 and 1000));

-- The audit vocabulary grows by withdrawing a record entered in error and restoring it.
drop trigger audit_events_known_action;
create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password', 'merge', 'rename', 'record_review', 'remove', 'withdraw', 'restore')
begin select raise(abort, 'unknown audit action'); end;
