-- Which of the PCC office's assessment rationales the office chooses to share with the force
-- it judges. A force user sees every assessment's rating and date, its rationale only when
-- this is set, and its "evidence seen" notes never. Existing assessments stay unshared: what
-- the office wrote for itself does not become visible to the force without someone deciding so.
-- A column added in place (no table rebuild), so the append-only triggers on assessments stay.
alter table assessments add column rationale_shared integer not null default 0
    check (rationale_shared in (0, 1));
