-- 0027: the date a milestone revision and a proposal's decision took effect ("decided on"),
-- apart from when it was typed (accepted_at / decided_at, kept for the audit trail). History
-- entered later – a 2022 decision typed in 2026 – then shows on the dashboards as at 2022.
-- Rows typed before this took effect on the day they were typed (the UTC date of the instant).

alter table milestone_revisions add column decided_on text
    check (decided_on is null or date(decided_on) = decided_on);

-- Revisions stay append-only, with one exception: a revision without a decision date gets
-- one, once (the backfill below, and a revision inserted without one – by a seed or an older
-- tool – which took effect the day it was typed). Nothing else about a revision changes.
drop trigger milestone_revisions_no_update;
create trigger milestone_revisions_no_update before update on milestone_revisions
when not (old.decided_on is null
          and new.decided_on is not null
          and new.id = old.id
          and new.milestone_id = old.milestone_id
          and new.previous_due_on = old.previous_due_on
          and new.new_due_on = old.new_due_on
          and new.reason_category = old.reason_category
          and new.reason = old.reason
          and new.requested_by = old.requested_by
          and new.accepted_by = old.accepted_by
          and new.accepted_at = old.accepted_at
          and new.proposal_id is old.proposal_id)
begin select raise(abort, 'milestone revisions are append-only'); end;

update milestone_revisions set decided_on = date(accepted_at) where decided_on is null;

create trigger milestone_revisions_decided_on_default after insert on milestone_revisions
when new.decided_on is null
begin
    update milestone_revisions set decided_on = date(new.accepted_at) where id = new.id;
end;

-- The dashboards read revisions decided by a date.
create index milestone_revisions_by_decision on milestone_revisions (decided_on, milestone_id);

alter table revision_proposals add column decided_on text
    check (decided_on is null or date(decided_on) = decided_on);
update revision_proposals set decided_on = date(decided_at) where decided_at is not null;
