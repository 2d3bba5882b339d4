-- The audit log's vocabulary, checked by the schema: an event's entity and action must be
-- one of these tokens (domain::vocab::Entity and AuditAction). A table's check constraint
-- cannot be added in place, and rebuilding the hash-chained log is a risk not worth taking,
-- so triggers refuse a new event with an unknown token.
create trigger audit_events_known_entity before insert on audit_events
when new.entity not in ('inspection', 'inspected_body', 'finding', 'action_item', 'milestone', 'milestone_revision', 'revision_proposal', 'progress_update', 'assessment', 'inspectorate_position', 'performance_measure', 'measure_reading', 'meeting', 'agenda_item', 'action_arising', 'update_request', 'meeting_pack', 'edition', 'calendar_feed', 'user', 'settings', 'example_data')
begin select raise(abort, 'unknown audit entity'); end;

create trigger audit_events_known_action before insert on audit_events
when new.action not in ('create', 'update', 'import', 'load', 'met', 'accept', 'reject', 'correct', 'block', 'unblock', 'record_section_55', 'record_response', 'approve_summary', 'withdraw_summary', 'publish', 'revoke', 'disable', 'enable', 'reset_password', 'change_password')
begin select raise(abort, 'unknown audit action'); end;
