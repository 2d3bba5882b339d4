-- 0023: the bodies a saved meeting pack covers, as a JSON array of body ids, or null for every
-- body (a pack of a meeting about no body in particular, and every pack saved before this).
-- A viewer limited to some bodies opens a saved pack only if it covers none but theirs.
alter table meeting_packs add column bodies text;
