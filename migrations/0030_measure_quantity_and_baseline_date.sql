-- What a performance measure counts, so its numbers can be checked (a count is whole and never
-- below zero; a percentage is 0 to 100), and the date its baseline was taken: a baseline
-- without a date cannot be compared truthfully (issue 16, item 10). Existing measures keep
-- "another number" and no date; nothing they hold is refused.
alter table performance_measures add column quantity text not null default 'other'
    check (quantity in ('count', 'percentage', 'other'));
alter table performance_measures add column baseline_on text
    check (baseline_on is null or baseline_on glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
