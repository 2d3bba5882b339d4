-- Which obligations an inspection carries (issue 16, item 7): whether section 55 applies and
-- whether HMICFRS expects the force's six-week action plan. Null is "as usual for the kind":
-- an HMICFRS report on a police force starts both clocks unless it follows up another report
-- (a post-inspection review, a revisit letter); 1 or 0 is the office's own choice.
alter table inspections add column section_55_applies integer
    check (section_55_applies is null or section_55_applies in (0, 1));
alter table inspections add column action_plan_applies integer
    check (action_plan_applies is null or action_plan_applies in (0, 1));
