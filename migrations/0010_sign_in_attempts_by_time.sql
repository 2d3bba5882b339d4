-- Sign-in attempts older than the throttling window are deleted each time an attempt is
-- recorded (they no longer count, and the table must not grow with every guess ever made).
-- This index keeps that delete from reading the whole table.
create index sign_in_attempts_by_time on sign_in_attempts (at);
