-- Only approved words are published: editing an approved public summary of a finding or a
-- meeting withdraws its approval, unless the same change sets the approval itself (an office
-- "save and approve"). Progress updates need no such rule: they are append-only.
create trigger findings_summary_edit_withdraws_approval after update of public_summary on findings
when new.public_summary is not old.public_summary
    and new.summary_approved_at is old.summary_approved_at
    and old.summary_approved_at is not null
begin
    update findings
    set summary_approved_at = null,
        summary_approved_by = null
    where id = new.id;
end;

create trigger meetings_summary_edit_withdraws_approval after update of public_summary on meetings
when new.public_summary is not old.public_summary
    and new.summary_approved_at is old.summary_approved_at
    and old.summary_approved_at is not null
begin
    update meetings
    set summary_approved_at = null,
        summary_approved_by = null
    where id = new.id;
end;
