-- Unknown is not "none" (issue 16, item 6): a report may give a timescale that was not
-- recorded when the finding was entered ("not stated"), which is not the same as a report
-- that gives none. Stored as a flag beside `timescale = 'none'` rather than a new token: the
-- vocabulary is a column check of 0001's findings table, and rebuilding that table would have
-- to recreate its search triggers, indexes and the foreign keys of every table that points at
-- it (0012 added a column in place for the same reason). The domain reads the pair as one
-- value, `not_stated`.
alter table findings add column timescale_not_stated integer not null default 0
    check (timescale_not_stated in (0, 1))
    check (timescale_not_stated = 0 or timescale = 'none');
