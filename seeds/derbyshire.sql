-- Scrutineer example data: Derbyshire child protection inspection (2021) and re-inspection (2022).
--
-- THIS IS EXAMPLE DATA.
--   * Real report facts: the inspected body, report titles, fieldwork months, publication dates,
--     report links and the section 55 timetable come from the published HMICFRS reports,
--     HMICFRS press releases and the Derbyshire PCC's statement.
--   * Illustrative summaries: the official wording of the twelve 2021 recommendations was not
--     available, so `official_wording` is NULL and each `public_summary` is our own illustrative
--     summary, consistent with the report's structure. See the published report for the
--     official wording. The six re-inspection items are taken from the HMICFRS press release
--     and treated as areas for improvement for this example.
--   * Demonstration data: the users, action plan, owners, milestones, revisions, progress
--     updates, PCC assessments, meetings, actions arising and measure readings are fictional
--     and labelled "Demo" / "Demonstration data:". Demonstration users cannot sign in
--     (password_hash '!' is never a valid hash).
--
-- Run once, inside a transaction, after the migration, on an empty database. The app first
-- creates temp table seed_clock(today text) holding the load date 'YYYY-MM-DD'; every date
-- "around the present day" is computed from it, so the dashboard always shows every state:
-- on track, at risk, off track, complete, overdue, slipped, stale, met, met late, blocked by a
-- national dependency, a pending revision request and an upcoming meeting.
--
-- Ids are explicit so that references are easy to follow:
--   users 1 policy officer (office), 2 chief executive (office), 3 force liaison (force),
--         4 panel member (panel)
--   inspections 1 (2021 inspection), 2 (2022 re-inspection)
--   findings 1..12 = recommendations 1..12; 13..18 = AFI 1..AFI 6
--   action_items 1..11 = CP-01..CP-11

-- ---------------------------------------------------------------------------------------------
-- Settings
-- ---------------------------------------------------------------------------------------------
insert into settings (key, value) values
    ('organisation_name', 'Police and Crime Commissioner for Derbyshire'),
    ('example_data', 'true'),
    ('stale_after_days', '42');

-- ---------------------------------------------------------------------------------------------
-- Demonstration users (cannot sign in)
-- ---------------------------------------------------------------------------------------------
insert into users (id, email, display_name, role, password_hash, must_change_password, created_at) values
    (1, 'demo.policy.officer@example.org',   'Demo – Policy officer',                   'office', '!', 0, '2021-11-01T09:00:00Z'),
    (2, 'demo.chief.executive@example.org',  'Demo – Chief executive (PCC office)',     'office', '!', 0, '2021-11-01T09:00:00Z'),
    (3, 'demo.force.liaison@example.org',    'Demo – Force liaison officer',            'force',  '!', 0, '2021-11-01T09:00:00Z'),
    (4, 'demo.panel.member@example.org',     'Demo – Police and Crime Panel member',    'panel',  '!', 0, '2021-11-01T09:00:00Z');

-- ---------------------------------------------------------------------------------------------
-- Inspected body
-- ---------------------------------------------------------------------------------------------
insert into inspected_bodies (id, name, kind, created_at) values
    (1, 'Derbyshire Constabulary', 'police_force', '2021-11-01T09:00:00Z');

-- The force liaison officer belongs to Derbyshire Constabulary (force users see only their bodies).
insert into user_bodies (user_id, body_id) values (3, 1);

-- ---------------------------------------------------------------------------------------------
-- Inspections (real facts). Section 55: last permissible day is publication + 55 days:
--   inspection 1: 16 Nov 2021 -> 10 Jan 2022 (response 7 Jan 2022: met)
--   inspection 2: 21 Oct 2022 -> 15 Dec 2022 (response 16 Dec 2022: one day late, on purpose)
-- Inspection 2 follows up inspection 1 but is a full re-inspection, so the office has said that
-- section 55 and the six-week action plan apply (a follow-up starts no new clock as usual).
-- ---------------------------------------------------------------------------------------------
insert into inspections (id, body_id, title, kind, source, fieldwork_start, fieldwork_end, published_on,
    report_url, follows_up_id, section_55_applies, action_plan_applies,
    comments_requested_on, comments_deadline, comments_received_on, response_published_on, response_url,
    copy_to_hmicfrs_on, copy_to_home_secretary_on, action_plan_received_on, created_at, updated_at) values
    (1, 1, 'Derbyshire – National child protection inspection', 'child_protection', 'hmicfrs',
        '2021-05-01', '2021-05-31', '2021-11-16',
        'https://www.justiceinspectorates.gov.uk/hmicfrs/publication-html/Derbyshire-national-child-protection-inspection',
        null, null, null,
        '2021-11-18', '2021-12-17', '2021-12-15', '2022-01-07', 'https://www.derbyshire-pcc.gov.uk/',
        '2022-01-07', '2022-01-07', '2021-12-23', '2021-11-16T12:00:00Z', '2022-01-07T16:00:00Z'),
    (2, 1, 'Derbyshire – National child protection re-inspection', 'child_protection', 'hmicfrs',
        '2022-05-01', '2022-05-31', '2022-10-21',
        'https://www.justiceinspectorates.gov.uk/hmicfrs/publication-html/derbyshire-national-child-protection-reinspection',
        1, 1, 1,
        '2022-10-24', '2022-11-25', '2022-11-28', '2022-12-16', 'https://www.derbyshire-pcc.gov.uk/',
        '2022-12-16', '2022-12-16', '2022-11-30', '2022-10-21T12:00:00Z', '2022-12-16T16:00:00Z');
-- Both reports are published: the chief executive marked each ready once its response was out.
update inspections set ready_for_publication_at = updated_at, ready_for_publication_by = 2;

-- ---------------------------------------------------------------------------------------------
-- Findings. Recommendations 1-12 of the 2021 inspection: official wording not available
-- (NULL); public summaries are illustrative. Responses are the PCC's section 55 comments.
-- ---------------------------------------------------------------------------------------------
insert into findings (id, inspection_id, parent_id, kind, reference, area, official_wording, public_summary,
    timescale, timescale_date, response_position, response_explanation,
    summary_approved_at, summary_approved_by, created_at, updated_at) values
    (1, 1, null, 'recommendation', '1', 'Leadership, management and governance', null,
        'Leaders make every department own child safeguarding, with governance and data that show where outcomes for children must improve.',
        'immediately', null, 'accepted',
        'A chief officer child safeguarding board chaired by the Deputy Chief Constable was set up in December 2021 and every department has named a lead accountable for safeguarding children; a performance dashboard will follow by May 2022.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (2, 1, null, 'recommendation', '2', 'Initial contact', null,
        'Respond to every missing child according to risk; children missing from care homes are recorded as missing and looked for.',
        'immediately', null, 'accepted',
        'The missing persons policy has been reissued so that every report about a child is risk-assessed when it is received, and a protocol agreed with both local authorities means children missing from care homes are always recorded as missing.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (3, 1, null, 'recommendation', '3', 'Initial contact', null,
        'Supervisors oversee missing-child incidents consistently.',
        'within_3_months', null, 'accepted',
        'Sergeants and inspectors will review every missing-child incident within 24 hours, checked by a monthly dip sample reported to the chief officer board.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (4, 1, null, 'recommendation', '4', 'Initial contact', null,
        'Officers at domestic abuse incidents get the background they need and record the voice and demeanour of children present.',
        'within_3_months', null, 'accepted',
        'A domestic abuse attendance checklist that prompts background checks and the recording of children''s voice and demeanour is being introduced, with training for all response officers.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (5, 1, null, 'recommendation', '5', 'Assessment and help', null,
        'Rework assessment and referral with safeguarding partners so that referrals identify all risks and give partners what they need.',
        'within_6_months', null, 'accepted',
        'The force is redesigning referral and triage with the county and city safeguarding partnerships, starting with a joint referral pathway and followed by a revised multi-agency triage process.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (6, 1, null, 'recommendation', '6', 'Assessment and help', null,
        'Make the police role in multi-agency child protection (strategy discussions, information sharing) clear and consistent.',
        'within_6_months', null, 'accepted',
        'A single strategy discussion standard, agreed with partners, will set out when and how police attend and what information they share.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (7, 1, null, 'recommendation', '7', 'Investigation', null,
        'Child abuse and exploitation investigations are well supervised, timely and carried out by enough trained investigators.',
        'within_6_months', null, 'accepted',
        'Thirty additional detectives will be trained and accredited for child abuse investigation, and supervision standards for these investigations have been reissued.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (8, 1, null, 'recommendation', '8', 'Investigation', null,
        'Assess and act promptly on the risk to children living with people suspected of online child abuse.',
        'within_3_months', null, 'accepted',
        'Referrals about online child abuse are now triaged within 24 hours, including an assessment of the risk to any children living with the suspect; digital forensic capacity is being increased.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (9, 1, null, 'recommendation', '9', 'Decision-making', null,
        'Decisions about children at risk – risk grading, use of police protection powers – are sound and recorded.',
        'within_3_months', null, 'accepted',
        'Guidance and training on risk grading and on the use of police protection powers have been issued, and decisions will be audited and reported to the chief officer board.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (10, 1, null, 'recommendation', '10', 'Managing those who pose a risk to children', null,
        'Strengthen oversight of the team managing sexual and violent offenders.',
        'within_6_months', null, 'accepted',
        'A new supervision framework for the management of sexual and violent offenders has been introduced, with monthly oversight by a detective superintendent.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (11, 1, null, 'recommendation', '11', 'Managing those who pose a risk to children', null,
        'Prioritise and arrest high-risk suspects promptly.',
        'within_3_months', null, 'accepted',
        'A daily review of outstanding high-risk suspects now sets arrest priorities, overseen by a senior officer.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    (12, 1, null, 'recommendation', '12', 'Police detention', null,
        'Detain children only when necessary, secure appropriate adults quickly and seek alternative accommodation after charge.',
        'within_6_months', null, 'accepted_in_part',
        'Accepted in part. The force accepts that children must be detained only when necessary and that appropriate adults must be secured quickly, and has acted on both. Providing alternative accommodation after charge is the local authorities'' duty: the force will press for it through a joint protocol but cannot provide it itself.',
        '2022-01-10T09:00:00Z', 2, '2021-11-16T14:00:00Z', '2022-01-10T09:00:00Z'),
    -- 2022 re-inspection: six areas for improvement (from the HMICFRS press release)
    (13, 2, null, 'area_for_improvement', 'AFI 1', 'Assessment and help', null,
        'Better processes to assess information and share it with other organisations.',
        'none', null, 'accepted',
        'Addressed by the revised multi-agency triage process (action CP-04).',
        '2022-12-16T12:00:00Z', 2, '2022-10-21T14:00:00Z', '2022-12-16T12:00:00Z'),
    (14, 2, null, 'area_for_improvement', 'AFI 2', 'Managing those who pose a risk to children', null,
        'Effective oversight of the team managing sexual and violent offenders.',
        'none', null, 'accepted',
        'Addressed by the offender management oversight action (CP-08), with overdue visits reported to the Commissioner as a performance measure.',
        '2022-12-16T12:00:00Z', 2, '2022-10-21T14:00:00Z', '2022-12-16T12:00:00Z'),
    (15, 2, null, 'area_for_improvement', 'AFI 3', 'Investigation', null,
        'More experienced, fully trained investigators in the public protection department.',
        'none', null, 'accepted',
        'Addressed by the investigator capacity and training action (CP-05).',
        '2022-12-16T12:00:00Z', 2, '2022-10-21T14:00:00Z', '2022-12-16T12:00:00Z'),
    (16, 2, null, 'area_for_improvement', 'AFI 4', 'Managing those who pose a risk to children', null,
        'Systems to prioritise and arrange the arrest of high-risk offenders.',
        'none', null, 'accepted',
        'Addressed by the high-risk suspect arrest action (CP-09).',
        '2022-12-16T12:00:00Z', 2, '2022-10-21T14:00:00Z', '2022-12-16T12:00:00Z'),
    (17, 2, null, 'area_for_improvement', 'AFI 5', 'Investigation', null,
        'Shorter delays in digital forensic examination.',
        'none', null, 'accepted',
        'Addressed by the digital forensics action (CP-06); part of the work depends on the national digital forensics capability.',
        '2022-12-16T12:00:00Z', 2, '2022-10-21T14:00:00Z', '2022-12-16T12:00:00Z'),
    (18, 2, null, 'area_for_improvement', 'AFI 6', 'Investigation', null,
        'Better availability and use of intelligence about exploited children.',
        'none', null, 'accepted',
        'Addressed by a new child exploitation intelligence action (CP-11) added to the plan after the re-inspection.',
        '2022-12-16T12:00:00Z', 2, '2022-10-21T14:00:00Z', '2022-12-16T12:00:00Z');

-- Recommendation 5 is judged in two parts (illustrative criteria).
insert into finding_parts (id, finding_id, position, text) values
    (1, 5, 1, 'Referrals identify all the risks to the child.'),
    (2, 5, 2, 'Partners receive the information they need from police referrals.');

-- ---------------------------------------------------------------------------------------------
-- Demonstration action plan
-- ---------------------------------------------------------------------------------------------
insert into action_items (id, body_id, reference, title, description, owner_role, owner_name,
    blocked_by, blocked_since, created_at, updated_at) values
    (1, 1, 'CP-01', 'Chief officer child safeguarding board and performance framework',
        'Demonstration data: a monthly chief officer board owns child safeguarding across every department, supported by a performance dashboard on outcomes for children.',
        'Deputy Chief Constable', 'Demo – DCC A. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (2, 1, 'CP-02', 'Missing children: risk-based response and supervisory review',
        'Demonstration data: reissue the missing persons policy, agree a care home reporting protocol with both local authorities and embed supervisory review of every missing-child incident.',
        'Head of Response Policing', 'Demo – Ch Supt B. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (3, 1, 'CP-03', 'Domestic abuse attendance: background checks and the voice of the child',
        'Demonstration data: introduce an attendance checklist and train response officers to record the voice and demeanour of children present.',
        'Head of Contact Management', 'Demo – Supt C. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (4, 1, 'CP-04', 'Referral, triage and strategy discussions with safeguarding partners',
        'Demonstration data: redesign referral and multi-agency triage with the county and city safeguarding partnerships and agree a single strategy discussion standard.',
        'Head of Public Protection', 'Demo – Det Supt D. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (5, 1, 'CP-05', 'Public protection investigator capacity, training and supervision',
        'Demonstration data: train and accredit additional child abuse investigators, reissue supervision standards and review investigator workloads.',
        'Detective Chief Superintendent, Crime', 'Demo – Det Ch Supt E. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (6, 1, 'CP-06', 'Online child abuse: risk assessment and digital forensic timeliness',
        'Demonstration data: triage online child abuse referrals within 24 hours and reduce the digital forensic examination backlog.',
        'Head of Digital Forensics', 'Demo – F. Example', 'Home Office – national digital forensics capability', date((select today from seed_clock), '-210 days'),
        '2021-12-23T15:00:00Z', strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-210 days', '+11 hours')),
    (7, 1, 'CP-07', 'Risk grading and police protection decisions',
        'Demonstration data: issue guidance and training on risk grading and police protection powers, and audit the decisions made.',
        'Head of Public Protection', 'Demo – Det Supt D. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (8, 1, 'CP-08', 'Oversight of the management of sexual and violent offenders',
        'Demonstration data: supervision framework, monthly senior oversight and a recovery plan for overdue registered sex offender visits.',
        'Detective Superintendent, Public Protection', 'Demo – Det Supt G. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (9, 1, 'CP-09', 'Prioritising and arresting high-risk suspects',
        'Demonstration data: a daily review of outstanding high-risk suspects and a wanted persons tracker reported to the Commissioner.',
        'Head of Operations', 'Demo – Ch Supt H. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (10, 1, 'CP-10', 'Children in police detention',
        'Demonstration data: custody policy on detaining children, appropriate adult scheme and a protocol with local authorities for accommodation after charge.',
        'Head of Criminal Justice', 'Demo – Supt J. Example', null, null,
        '2021-12-23T15:00:00Z', '2021-12-23T15:00:00Z'),
    (11, 1, 'CP-11', 'Intelligence about exploited children',
        'Demonstration data: added after the 2022 re-inspection – a dedicated analyst and an exploitation intelligence profile shared with partners.',
        'Head of Intelligence', 'Demo – Det Ch Insp K. Example', null, null,
        '2022-11-30T10:00:00Z', '2022-11-30T10:00:00Z');

-- Which findings each action addresses. Every recommendation and every AFI has at least one.
insert into action_findings (action_id, finding_id) values
    (1, 1), (1, 9),
    (2, 2), (2, 3),
    (3, 4),
    (4, 5), (4, 6), (4, 13),
    (5, 7), (5, 15),
    (6, 8), (6, 17),
    (7, 9),
    (8, 10), (8, 14),
    (9, 11), (9, 7), (9, 16),
    (10, 12),
    (11, 18), (11, 2), (11, 6);

-- ---------------------------------------------------------------------------------------------
-- Milestones. Revised milestones are inserted at their original date; the revisions below
-- move current_due_on through the trigger (never updated directly).
--   met on time: 1,2,3,6,8,11,14,16,18,21,23,25   met late: 4   revised then met: 7
--   overdue (missed): 12 (~35 days), 19 (~15 days, after one revision)
--   revised three times: 9   revised twice (national dependency): 15
--   upcoming: 17 (+25), 9 (+45), 22 (+55), 5 (+75), 24 (+85), 15 (+100), 13 (+120)
--   far future: 20 (+180), 10 (+200), 26 (+300)
-- ---------------------------------------------------------------------------------------------
insert into milestones (id, action_id, title, original_due_on, current_due_on, met_on, created_at) values
    (1, 1, 'Chief officer child safeguarding board established', '2021-12-31', '2021-12-31', '2021-12-20', '2021-12-23T15:00:00Z'),
    (2, 1, 'Child safeguarding performance dashboard live', '2022-05-31', '2022-05-31', '2022-05-27', '2021-12-23T15:00:00Z'),
    (3, 2, 'Missing persons policy reissued and care home protocol agreed', '2022-01-31', '2022-01-31', '2022-01-28', '2021-12-23T15:00:00Z'),
    (4, 2, 'Supervisory review of every missing-child incident embedded', '2022-05-31', '2022-05-31', '2022-07-15', '2021-12-23T15:00:00Z'),
    (5, 2, 'Two years of quarterly missing-episode dip samples reported to the board', date((select today from seed_clock), '+75 days'), date((select today from seed_clock), '+75 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-200 days', '+10 hours')),
    (6, 3, 'Domestic abuse attendance checklist launched', '2022-03-31', '2022-03-31', '2022-03-10', '2021-12-23T15:00:00Z'),
    (7, 3, 'All response officers trained on the voice of the child', '2022-09-30', '2022-09-30', '2022-12-19', '2021-12-23T15:00:00Z'),
    (8, 4, 'Joint referral pathway agreed with safeguarding partners', '2022-06-30', '2022-06-30', '2022-06-28', '2021-12-23T15:00:00Z'),
    (9, 4, 'Revised multi-agency triage process live county-wide', date((select today from seed_clock), '-300 days'), date((select today from seed_clock), '-300 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-330 days', '+10 hours')),
    (10, 4, 'Strategy discussion standard audited with partners', date((select today from seed_clock), '+200 days'), date((select today from seed_clock), '+200 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-150 days', '+10 hours')),
    (11, 5, 'Thirty additional detectives trained and accredited', '2022-12-31', '2022-12-31', '2022-12-14', '2021-12-23T15:00:00Z'),
    (12, 5, 'Workload review of public protection investigators delivered', date((select today from seed_clock), '-35 days'), date((select today from seed_clock), '-35 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-200 days', '+10 hours')),
    (13, 5, 'Second cohort of specialist child abuse investigators accredited', date((select today from seed_clock), '+120 days'), date((select today from seed_clock), '+120 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-220 days', '+10 hours')),
    (14, 6, 'Online child abuse referrals triaged within 24 hours', '2022-03-31', '2022-03-31', '2022-03-25', '2021-12-23T15:00:00Z'),
    (15, 6, 'Digital forensic examination backlog below three months', date((select today from seed_clock), '-400 days'), date((select today from seed_clock), '-400 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-430 days', '+10 hours')),
    (16, 7, 'Risk grading and police protection guidance and training issued', '2022-04-30', '2022-04-30', '2022-04-22', '2021-12-23T15:00:00Z'),
    (17, 7, 'Decision-making audit reported to the chief officer board', date((select today from seed_clock), '+25 days'), date((select today from seed_clock), '+25 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-300 days', '+10 hours')),
    (18, 8, 'Offender management supervision framework introduced', '2022-03-31', '2022-03-31', '2022-03-31', '2021-12-23T15:00:00Z'),
    (19, 8, 'Overdue registered sex offender visits below 100', date((select today from seed_clock), '-200 days'), date((select today from seed_clock), '-200 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-240 days', '+10 hours')),
    (20, 8, 'Offender manager caseloads within national guidance', date((select today from seed_clock), '+180 days'), date((select today from seed_clock), '+180 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-60 days', '+10 hours')),
    (21, 9, 'Daily high-risk suspect arrest review in place', '2022-02-28', '2022-02-28', '2022-02-14', '2021-12-23T15:00:00Z'),
    (22, 9, 'Wanted persons performance report to the Commissioner''s board', date((select today from seed_clock), '+55 days'), date((select today from seed_clock), '+55 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-150 days', '+10 hours')),
    (23, 10, 'Custody policy on children and appropriate adult contract in place', '2022-06-30', '2022-06-30', '2022-06-10', '2021-12-23T15:00:00Z'),
    (24, 10, 'Protocol with local authorities for accommodation after charge', date((select today from seed_clock), '+85 days'), date((select today from seed_clock), '+85 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-250 days', '+10 hours')),
    (25, 11, 'Child exploitation intelligence analyst in post', date((select today from seed_clock), '-250 days'), date((select today from seed_clock), '-250 days'), date((select today from seed_clock), '-262 days'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-330 days', '+10 hours')),
    (26, 11, 'Exploitation intelligence profile published to partners', date((select today from seed_clock), '+300 days'), date((select today from seed_clock), '+300 days'), null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-260 days', '+10 hours'));

-- Accepted revisions (append-only; the trigger moves milestones.current_due_on).
insert into milestone_revisions (id, milestone_id, previous_due_on, new_due_on, reason_category, reason,
    requested_by, accepted_by, accepted_at, proposal_id) values
    (1, 7, '2022-09-30', '2022-12-31', 'resourcing',
        'Demonstration data: training days lost to summer 2022 mutual aid commitments; remaining officers to be trained in the autumn.',
        'Derbyshire Constabulary – Head of Contact Management', 1, '2022-09-20T11:00:00Z', null),
    (2, 9, date((select today from seed_clock), '-300 days'), date((select today from seed_clock), '-150 days'), 'scope_change',
        'Demonstration data: the city council''s early help hub asked to join the triage redesign, widening its scope.',
        'Derbyshire Constabulary – Head of Public Protection', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-320 days', '+11 hours'), null),
    (3, 9, date((select today from seed_clock), '-150 days'), date((select today from seed_clock), '-60 days'), 'data_it',
        'Demonstration data: the interface with the partners'' case management system was not ready; the supplier moved its release.',
        'Derbyshire Constabulary – Head of Public Protection', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-165 days', '+11 hours'), null),
    (4, 9, date((select today from seed_clock), '-60 days'), date((select today from seed_clock), '+45 days'), 'resourcing',
        'Demonstration data: two triage supervisor posts vacant; county-wide go-live postponed until they are filled.',
        'Derbyshire Constabulary – Head of Public Protection', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-70 days', '+11 hours'), null),
    (5, 15, date((select today from seed_clock), '-400 days'), date((select today from seed_clock), '-180 days'), 'national_dependency',
        'Demonstration data: the Home Office national digital forensics capability (triage and case management tooling) was delayed; the backlog cannot be brought below three months without it.',
        'Derbyshire Constabulary – Head of Digital Forensics', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-420 days', '+11 hours'), null),
    (6, 15, date((select today from seed_clock), '-180 days'), date((select today from seed_clock), '+100 days'), 'national_dependency',
        'Demonstration data: the national programme postponed go-live again; interim outsourced examinations are in place meanwhile.',
        'Derbyshire Constabulary – Head of Digital Forensics', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-195 days', '+11 hours'), null),
    (7, 19, date((select today from seed_clock), '-200 days'), date((select today from seed_clock), '-15 days'), 'resourcing',
        'Demonstration data: four offender manager vacancies; recovery trajectory re-based on the staff in post.',
        'Derbyshire Constabulary – Detective Superintendent, Public Protection', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-230 days', '+11 hours'), null);

-- A pending request from the force to move the overdue workload review (milestone 12).
insert into revision_proposals (id, milestone_id, proposed_due_on, reason_category, reason, requested_by,
    proposed_by, proposed_at, status, decided_by, decided_at, decision_reason) values
    (1, 12, date((select today from seed_clock), '+60 days'), 'resourcing',
        'Demonstration data: the analyst post supporting the workload review was vacant for four months and has now been filled; the review can be delivered within eight weeks.',
        'Derbyshire Constabulary – Detective Chief Superintendent, Crime', 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-5 days', '+14 hours'), 'pending', null, null, null);

-- ---------------------------------------------------------------------------------------------
-- Progress updates (append-only). Latest RAG per action:
--   CP-01 blue, CP-02 green, CP-03 blue, CP-04 green, CP-05 amber, CP-06 red, CP-07 green,
--   CP-08 amber, CP-09 green, CP-10 green, CP-11 green.
--   Stale (latest update older than 42 days): CP-07 (~95 days), CP-10 (~70 days), CP-11 (~115 days).
--   Update 16 corrects update 15 (a wrong figure).
-- ---------------------------------------------------------------------------------------------
insert into progress_updates (id, action_id, finding_id, as_at, rag, narrative, evidence, public_summary,
    corrects_id, author_id, entered_at) values
    -- CP-01
    (1, 1, null, '2022-02-15', 'green',
        'Demonstration data: the chief officer safeguarding board met for the first time on 20 December 2021; all fourteen department heads have signed a child safeguarding commitment.',
        'Board terms of reference; signed departmental commitments (14 of 14).',
        'A chief officer board now oversees child protection and every department has committed to it.',
        null, 3, '2022-02-17T09:30:00Z'),
    (2, 1, null, '2022-06-10', 'blue',
        'Demonstration data: the child safeguarding performance dashboard went live on 27 May 2022 and is reviewed monthly by the board. Action complete.',
        'Dashboard extract; board minutes, May 2022.',
        'A monthly child safeguarding performance report is now in use. The force reports this action as complete.',
        null, 3, '2022-06-13T10:00:00Z'),
    (3, 1, null, date((select today from seed_clock), '-20 days'), 'blue',
        'Demonstration data: annual review – the board still meets monthly; the dashboard now includes outcomes for children in custody.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-19 days', '+9 hours')),
    -- CP-02
    (4, 2, null, '2022-01-28', 'green',
        'Demonstration data: missing persons policy reissued; care home reporting protocol signed with the county and city councils.',
        'Policy v3.0; signed protocol.', null, null, 3, '2022-02-01T11:00:00Z'),
    (5, 2, null, '2022-07-15', 'amber',
        'Demonstration data: supervisory review embedded six weeks late after a change of shift pattern; dip sample shows 78% of missing-child incidents reviewed within 24 hours.',
        'Dip sample of 50 incidents, June 2022.', null, null, 3, '2022-07-18T09:00:00Z'),
    (6, 2, null, '2022-12-05', 'green',
        'Demonstration data: 95% of missing-child incidents reviewed by a supervisor within 24 hours in the November dip sample.',
        'Dip sample of 50 incidents, November 2022.', null, null, 3, '2022-12-07T09:00:00Z'),
    (7, 2, null, date((select today from seed_clock), '-200 days'), 'green',
        'Demonstration data: quarterly dip sample maintained; two care home episodes found unrecorded and put right with the home.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-197 days', '+9 hours')),
    (8, 2, null, date((select today from seed_clock), '-25 days'), 'green',
        'Demonstration data: latest quarterly dip sample – 97% reviewed within 24 hours; no unrecorded care home episodes.',
        'Dip sample of 60 incidents.',
        'Supervisors reviewed 97% of missing-child incidents within 24 hours in the latest quarterly check.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-23 days', '+9 hours')),
    -- CP-03
    (9, 3, null, '2022-03-10', 'green',
        'Demonstration data: domestic abuse attendance checklist launched on mobile devices.',
        null, null, null, 3, '2022-03-14T10:00:00Z'),
    (10, 3, null, '2022-10-01', 'amber',
        'Demonstration data: 61% of response officers trained; completion date moved to 31 December 2022 (revision accepted).',
        'Training records extract.', null, null, 3, '2022-10-03T10:00:00Z'),
    (11, 3, null, '2022-12-19', 'blue',
        'Demonstration data: 96% of response officers trained; remainder on long-term absence and booked on return. Action complete.',
        'Training records extract, December 2022.',
        'Response officers have been trained to record what children say and how they appear at domestic abuse incidents. The force reports this action as complete.',
        null, 3, '2022-12-21T10:00:00Z'),
    (12, 3, null, date((select today from seed_clock), '-35 days'), 'blue',
        'Demonstration data: sustainment check – the voice of the child was recorded at 88% of domestic abuse incidents where children were present.',
        'Audit of 40 incident records.', null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-33 days', '+9 hours')),
    -- CP-04
    (13, 4, null, '2022-06-28', 'green',
        'Demonstration data: joint referral pathway agreed with both safeguarding partnerships.',
        'Partnership executive minutes, June 2022.', null, null, 3, '2022-06-30T10:00:00Z'),
    (14, 4, null, date((select today from seed_clock), '-330 days'), 'amber',
        'Demonstration data: phase 2 (revised triage) at risk – partners'' case management system interface not yet specified.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-328 days', '+9 hours')),
    (15, 4, null, date((select today from seed_clock), '-160 days'), 'amber',
        'Demonstration data: 12 of 15 partner agencies have signed the revised information sharing agreement.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-158 days', '+9 hours')),
    (16, 4, null, date((select today from seed_clock), '-150 days'), 'amber',
        'Demonstration data: CORRECTION to the update as at the earlier date (12 of 15 partner agencies signed): that figure was wrong – it counted three draft signatures. At that date 9 of 15 partner agencies had signed; 11 of 15 have signed now.',
        'Signed agreement register.', null, 15, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-149 days', '+9 hours')),
    (17, 4, null, date((select today from seed_clock), '-75 days'), 'green',
        'Demonstration data: revised triage pilot running in the north of the county; early results show fuller referrals.',
        'Pilot evaluation, interim.', null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-73 days', '+9 hours')),
    (18, 4, null, date((select today from seed_clock), '-18 days'), 'green',
        'Demonstration data: pilot evaluation positive; county-wide go-live on track for the revised date once the supervisor posts are filled.',
        'Pilot evaluation, final.',
        'A revised way of assessing and sharing information about children with partner agencies has been piloted and is due to go live county-wide.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-17 days', '+9 hours')),
    -- CP-05
    (19, 5, null, '2022-12-14', 'green',
        'Demonstration data: thirty additional detectives trained and accredited for child abuse investigation.',
        'Accreditation list.', null, null, 3, '2022-12-16T10:00:00Z'),
    (20, 5, null, date((select today from seed_clock), '-220 days'), 'green',
        'Demonstration data: second cohort of specialist investigators has started the accreditation course.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-218 days', '+9 hours')),
    (21, 5, null, date((select today from seed_clock), '-90 days'), 'amber',
        'Demonstration data: investigator workload review at risk – the supporting analyst post is vacant.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-88 days', '+9 hours')),
    (22, 5, null, date((select today from seed_clock), '-20 days'), 'amber',
        'Demonstration data: workload review not delivered by its due date; the analyst post is now filled and the force will ask for a revised date.',
        null,
        'A review of investigators'' workloads is late; the force has asked for a new date.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-18 days', '+9 hours')),
    -- CP-06
    (23, 6, null, '2022-03-25', 'green',
        'Demonstration data: online child abuse referrals now triaged within 24 hours, including a risk assessment for children at the suspect''s address.',
        'Triage log, March 2022.', null, null, 3, '2022-03-28T10:00:00Z'),
    (24, 6, null, '2022-11-01', 'amber',
        'Demonstration data: digital forensic examination backlog at seven months.',
        null, null, null, 3, '2022-11-03T10:00:00Z'),
    (25, 6, null, date((select today from seed_clock), '-210 days'), 'red',
        'Demonstration data: off track – the Home Office national digital forensics capability has been delayed again; the backlog cannot be brought below three months without it.',
        'Home Office programme notice.',
        'Delays in digital forensic examination depend in part on a national Home Office capability, which has been delayed.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-208 days', '+9 hours')),
    (26, 6, null, date((select today from seed_clock), '-100 days'), 'red',
        'Demonstration data: backlog at nine months; interim outsourcing contract let for lower-risk devices.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-98 days', '+9 hours')),
    (27, 6, null, date((select today from seed_clock), '-14 days'), 'red',
        'Demonstration data: outsourcing has reduced the backlog to six months; still off track while the national capability is awaited.',
        'Backlog report.',
        'The digital forensics backlog has fallen from nine to six months but remains well above the three-month aim.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-13 days', '+9 hours')),
    -- CP-07 (stale: latest ~95 days ago)
    (28, 7, null, '2022-04-22', 'green',
        'Demonstration data: guidance and training on risk grading and police protection powers issued to all supervisors.',
        null, null, null, 3, '2022-04-25T10:00:00Z'),
    (29, 7, null, date((select today from seed_clock), '-400 days'), 'green',
        'Demonstration data: first sample audit of police protection decisions found all 25 recorded with a rationale.',
        'Audit of 25 police protection records.', null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-398 days', '+9 hours')),
    (30, 7, null, date((select today from seed_clock), '-95 days'), 'green',
        'Demonstration data: decision-making audit under way; report to the chief officer board scheduled.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-94 days', '+9 hours')),
    -- CP-08
    (31, 8, null, '2022-03-31', 'green',
        'Demonstration data: offender management supervision framework introduced with monthly detective superintendent review.',
        'Framework document.', null, null, 3, '2022-04-04T10:00:00Z'),
    (32, 8, null, '2022-10-25', 'amber',
        'Demonstration data: re-inspection found oversight still not effective (AFI 2); backlog of overdue visits growing.',
        null, null, null, 3, '2022-10-27T10:00:00Z'),
    (33, 8, null, date((select today from seed_clock), '-60 days'), 'amber',
        'Demonstration data: overdue registered sex offender visits down to 185 from 273 a year ago; four vacancies remain.',
        'Offender management performance report.', null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-58 days', '+9 hours')),
    (34, 8, null, date((select today from seed_clock), '-12 days'), 'amber',
        'Demonstration data: the milestone to bring overdue visits below 100 was missed; recovery plan being re-based.',
        null,
        'Overdue visits to registered sex offenders have fallen but are not yet at the level promised.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-11 days', '+9 hours')),
    -- CP-09
    (35, 9, null, '2022-02-14', 'green',
        'Demonstration data: daily review of outstanding high-risk suspects in place.',
        null, null, null, 3, '2022-02-16T10:00:00Z'),
    (36, 9, null, '2022-11-15', 'amber',
        'Demonstration data: re-inspection asks for systems to prioritise arrests (AFI 4); tracker being built.',
        null, null, null, 3, '2022-11-17T10:00:00Z'),
    (37, 9, null, date((select today from seed_clock), '-150 days'), 'green',
        'Demonstration data: wanted persons tracker live; every high-risk suspect has a named arrest owner.',
        'Tracker extract.', null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-148 days', '+9 hours')),
    (38, 9, null, date((select today from seed_clock), '-28 days'), 'green',
        'Demonstration data: median time to arrest high-risk suspects down to four days.',
        'Tracker report.',
        'High-risk suspects are now tracked daily and arrested sooner.',
        null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-27 days', '+9 hours')),
    -- CP-10 (stale: latest ~70 days ago)
    (39, 10, null, '2022-06-10', 'green',
        'Demonstration data: custody policy on children reissued; new appropriate adult contract gives a two-hour attendance target.',
        'Policy; contract summary.',
        'Children are detained only when necessary and appropriate adults now attend faster.',
        null, 3, '2022-06-13T10:00:00Z'),
    (40, 10, null, date((select today from seed_clock), '-250 days'), 'green',
        'Demonstration data: draft protocol on accommodation after charge shared with both local authorities.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-248 days', '+9 hours')),
    (41, 10, null, date((select today from seed_clock), '-70 days'), 'green',
        'Demonstration data: both local authorities have commented on the draft protocol; sign-off expected before the due date.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-69 days', '+9 hours')),
    -- CP-11 (stale: latest ~115 days ago)
    (42, 11, null, date((select today from seed_clock), '-260 days'), 'green',
        'Demonstration data: child exploitation intelligence analyst in post.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-258 days', '+9 hours')),
    (43, 11, null, date((select today from seed_clock), '-115 days'), 'green',
        'Demonstration data: first draft of the exploitation intelligence profile circulated internally.',
        null, null, null, 3, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-113 days', '+9 hours')),
    -- Directly on findings
    (44, null, 12, '2022-09-01', 'green',
        'Demonstration data: recommendation 12 overall – detentions of children overnight fell by a third since January 2022.',
        'Custody records summary.', null, null, 3, '2022-09-05T10:00:00Z'),
    (45, null, 6, date((select today from seed_clock), '-40 days'), 'green',
        'Demonstration data: recommendation 6 overall – police attended 90% of strategy discussions in the last quarter.',
        null,
        'Police took part in nine in ten multi-agency strategy discussions about children last quarter.',
        null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-38 days', '+9 hours'));

-- Public summaries approved for publication (the others with a public summary await approval:
-- updates 18, 22, 27, 34 and 45).
insert into update_approvals (update_id, approved_by, approved_at) values
    (1, 2, '2022-02-21T10:00:00Z'),
    (2, 2, '2022-06-15T10:00:00Z'),
    (39, 2, '2022-06-15T10:30:00Z'),
    (11, 2, '2023-01-05T10:00:00Z'),
    (25, 2, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-205 days', '+15 hours')),
    (8, 2, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-21 days', '+15 hours')),
    (38, 2, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-24 days', '+15 hours'));

-- ---------------------------------------------------------------------------------------------
-- Meetings: two accountability boards held (~100 and ~40 days ago) and a public accountability
-- meeting planned (~21 days ahead, force updates due ~10 days ahead).
-- ---------------------------------------------------------------------------------------------
insert into meetings (id, kind, title, starts_at, location, attendees, status, minutes, public_summary,
    summary_approved_at, summary_approved_by, update_deadline, created_at, updated_at) values
    (1, 'accountability_board', 'Accountability board – child protection action plan',
        strftime('%Y-%m-%dT10:00:00', (select today from seed_clock), '-100 days'),
        'Commissioner''s office, Ripley (demonstration)',
        'Police and Crime Commissioner; Chief Constable; Deputy Chief Constable; Assistant Chief Constable (Crime and Vulnerability); Head of Public Protection; PCC Chief Executive; PCC Policy Officer',
        'held',
        'Demonstration data: the board reviewed governance (CP-01), the revised triage process (CP-04), investigator capacity (CP-05) and the digital forensics backlog (CP-06). The Commissioner judged assurance on recommendation 1 substantial, recommendation 5 mixed by part and recommendation 7 limited. The Chief Constable was asked for a written report on the digital forensics backlog.',
        'The Commissioner questioned the Chief Constable on leadership of child protection, referrals to partner agencies, the number of trained investigators and delays in examining digital devices. The Chief Constable will report in writing on digital forensics.',
        strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-90 days', '+12 hours'), 2, date((select today from seed_clock), '-110 days'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-130 days', '+9 hours'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-90 days', '+12 hours')),
    (2, 'accountability_board', 'Accountability board – child protection action plan',
        strftime('%Y-%m-%dT10:00:00', (select today from seed_clock), '-40 days'),
        'Commissioner''s office, Ripley (demonstration)',
        'Police and Crime Commissioner; Chief Constable; Deputy Chief Constable; Assistant Chief Constable (Crime and Vulnerability); PCC Chief Executive; PCC Policy Officer',
        'held',
        'Demonstration data: the board reviewed missing children (CP-02), strategy discussions (CP-04), offender management (CP-08) and received the digital forensics report. Assurance on recommendation 2 rose to reasonable and on recommendation 10 to limited. The Deputy Chief Constable is to provide a recovery plan for overdue offender visits.',
        'The Commissioner reviewed the response to missing children, police involvement in multi-agency strategy discussions and the management of registered sex offenders, and received the Chief Constable''s report on digital forensics.',
        strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-33 days', '+12 hours'), 2, date((select today from seed_clock), '-50 days'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-70 days', '+9 hours'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-33 days', '+12 hours')),
    (3, 'public_accountability_meeting', 'Public accountability meeting – protecting children',
        strftime('%Y-%m-%dT14:00:00', (select today from seed_clock), '+21 days'),
        'Online and at the Commissioner''s office, Ripley (demonstration)',
        'Police and Crime Commissioner; Chief Constable; Deputy Chief Constable; PCC Chief Executive',
        'planned', null, null, null, null, date((select today from seed_clock), '+10 days'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-10 days', '+9 hours'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-9 days', '+9 hours'));

-- ---------------------------------------------------------------------------------------------
-- PCC assurance (append-only history). Assessed: recommendations 1, 2, 5 (by part), 6, 7, 8,
-- 10, 11. Not yet assessed: 3, 4, 9, 12 and the AFIs.
-- ---------------------------------------------------------------------------------------------
insert into assessments (id, finding_id, part_id, level, assessed_on, rationale, evidence_seen,
    meeting_id, assessor_id, created_at) values
    (1, 1, null, 'limited', '2022-06-30',
        'Demonstration data: governance is in place but the dashboard is new and no outcome data has yet shown change for children.',
        'Board minutes December 2021 to May 2022 and the first dashboard seen on 28 June 2022.',
        null, 1, '2022-06-30T15:00:00Z'),
    (2, 2, null, 'limited', '2022-09-15',
        'Demonstration data: policy and protocol are in place, but supervisory review was embedded late and the dip sample showed gaps.',
        'Dip sample of 50 missing-child incidents seen on 12 September 2022.',
        null, 1, '2022-09-15T15:00:00Z'),
    (3, 10, null, 'none', '2022-11-10',
        'Demonstration data: the re-inspection found oversight of the offender management team still ineffective; no evidence yet of improvement.',
        'HMICFRS re-inspection report; force briefing to the Commissioner seen on 8 November 2022.',
        null, 1, '2022-11-10T15:00:00Z'),
    (4, 8, null, 'limited', '2022-12-01',
        'Demonstration data: triage within 24 hours is working, but the forensic backlog leaves children at risk for months.',
        'Triage log and backlog report seen on 29 November 2022.',
        null, 1, '2022-12-01T15:00:00Z'),
    (5, 1, null, 'reasonable', '2022-12-08',
        'Demonstration data: the re-inspection found senior leaders prioritise vulnerability and a clear structure to scrutinise child protection.',
        'HMICFRS re-inspection report; board minutes seen on 6 December 2022.',
        null, 1, '2022-12-08T15:00:00Z'),
    (6, 5, null, 'limited', date((select today from seed_clock), '-300 days'),
        'Demonstration data: the joint referral pathway is agreed but the revised triage process has slipped and referral quality has not yet improved.',
        'Audit of 30 referrals to children''s services seen on ' || date((select today from seed_clock), '-305 days') || '.',
        null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-300 days', '+15 hours')),
    (7, 11, null, 'reasonable', date((select today from seed_clock), '-200 days'),
        'Demonstration data: the daily review and wanted persons tracker are working; arrest times are falling.',
        'Tracker extract and 15 high-risk suspect records seen on ' || date((select today from seed_clock), '-203 days') || '.',
        null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-200 days', '+15 hours')),
    (8, 1, null, 'substantial', date((select today from seed_clock), '-100 days'),
        'Demonstration data: the board has run for over three years, the dashboard drives action and outcome measures are improving.',
        'Board minutes for the last 12 months and the latest dashboard seen on ' || date((select today from seed_clock), '-104 days') || '.',
        1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-100 days', '+16 hours')),
    (9, 5, 1, 'reasonable', date((select today from seed_clock), '-100 days'),
        'Demonstration data: pilot referrals identify risks more fully.',
        'Audit of 20 pilot referrals seen on ' || date((select today from seed_clock), '-106 days') || '.',
        1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-100 days', '+16 hours')),
    (10, 5, 2, 'limited', date((select today from seed_clock), '-100 days'),
        'Demonstration data: partners still report missing information in referrals outside the pilot area.',
        'Partnership feedback survey seen on ' || date((select today from seed_clock), '-106 days') || '.',
        1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-100 days', '+16 hours')),
    (11, 7, null, 'limited', date((select today from seed_clock), '-100 days'),
        'Demonstration data: supervision has improved but there are still too few accredited investigators and the workload review has slipped.',
        'Supervision records for 25 child abuse investigations seen on ' || date((select today from seed_clock), '-107 days') || '.',
        1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-100 days', '+16 hours')),
    (12, 2, null, 'reasonable', date((select today from seed_clock), '-40 days'),
        'Demonstration data: supervisory review is consistent and no care home episodes went unrecorded in the latest checks.',
        'Quarterly dip samples seen on ' || date((select today from seed_clock), '-45 days') || '.',
        2, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-40 days', '+16 hours')),
    (13, 6, null, 'reasonable', date((select today from seed_clock), '-40 days'),
        'Demonstration data: police attendance at strategy discussions has risen to 90%; the standard is not yet audited with partners.',
        'Audit of 20 strategy discussion records seen on ' || date((select today from seed_clock), '-44 days') || '.',
        2, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-40 days', '+16 hours')),
    (14, 10, null, 'limited', date((select today from seed_clock), '-40 days'),
        'Demonstration data: overdue visits are falling but remain well above target; senior oversight is now regular.',
        'Offender management performance report and 10 supervision records seen on ' || date((select today from seed_clock), '-43 days') || '.',
        2, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-40 days', '+16 hours'));

-- Agenda items. Held meetings record the question and the answer; the planned meeting has
-- questions only.
insert into agenda_items (id, meeting_id, position, finding_id, action_id, question, answer, assessment_id) values
    (1, 1, 1, 1, 1,
        'How does the chief officer board show that outcomes for children are improving, not only that activity has happened?',
        'Demonstration data: the Chief Constable set out the dashboard''s outcome measures and three decisions the board took on them.', 8),
    (2, 1, 2, 5, 4,
        'Why has the revised triage process slipped again, and what does the pilot show about referral quality?',
        'Demonstration data: supervisor vacancies delayed go-live; the pilot shows fuller referrals, but partners outside the pilot area see no change yet.', 9),
    (3, 1, 3, 7, 5,
        'Does the force now have enough trained investigators for child abuse cases?',
        'Demonstration data: a second cohort is in training; the workload review will give the answer.', 11),
    (4, 1, 4, 8, 6,
        'How long are children at risk while devices wait for examination?',
        'Demonstration data: the backlog is nine months; the force depends on the national capability and has let an interim contract.', null),
    (5, 2, 1, 2, 2,
        'Are children missing from care homes now always recorded as missing?',
        'Demonstration data: quarterly dip samples found no unrecorded episodes in the last two quarters.', 12),
    (6, 2, 2, 6, 4,
        'How often do police now take part in strategy discussions?',
        'Demonstration data: in 90% of cases last quarter; the standard will be audited with partners.', 13),
    (7, 2, 3, 10, 8,
        'When will overdue visits to registered sex offenders be back within target?',
        'Demonstration data: the count has fallen to 185; the Deputy Chief Constable will bring a recovery plan.', 14),
    (8, 2, 4, 17, 6,
        'What does the written report on digital forensics tell us?',
        'Demonstration data: report received; backlog down to six months with outsourcing.', null),
    (9, 3, 1, 7, 5,
        'When will the investigator workload review be delivered?', '', null),
    (10, 3, 2, 17, 6,
        'What is the latest on the digital forensics backlog and the national capability?', '', null),
    (11, 3, 3, 14, 8,
        'Is the recovery plan for overdue offender visits working?', '', null),
    (12, 3, 4, 9, 7,
        'What did the audit of decisions about children at risk find?', '', null);

-- Items the force must update before the planned meeting's update deadline.
insert into update_requests (id, meeting_id, action_id, finding_id, requested_by, requested_at) values
    (1, 3, 5, null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-9 days', '+10 hours')),
    (2, 3, 6, null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-9 days', '+10 hours')),
    (3, 3, 8, null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-9 days', '+10 hours')),
    (4, 3, 7, null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-9 days', '+10 hours'));

-- Actions arising: one closed, one with a response received, one open and overdue, one open
-- and due soon.
insert into actions_arising (id, meeting_id, finding_id, action_id, description, owner, due_on, status,
    response, closed_on, created_at) values
    (1, 1, 8, 6,
        'Chief Constable to report on the digital forensics backlog, separating what depends on the national capability from what the force can do now.',
        'Chief Constable', date((select today from seed_clock), '-70 days'), 'closed',
        'Demonstration data: written report received; interim outsourcing has reduced the backlog from nine to six months. Considered at the board.',
        date((select today from seed_clock), '-40 days'), strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-99 days', '+9 hours')),
    (2, 1, 5, 4,
        'Head of Public Protection to share the triage pilot evaluation with the PCC office.',
        'Head of Public Protection', date((select today from seed_clock), '-60 days'), 'response_received',
        'Demonstration data: evaluation received; review by the PCC office under way.',
        null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-99 days', '+9 hours')),
    (3, 2, 10, 8,
        'Deputy Chief Constable to provide a recovery plan and trajectory for overdue registered sex offender visits.',
        'Deputy Chief Constable', date((select today from seed_clock), '-12 days'), 'open', null, null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-39 days', '+9 hours')),
    (4, 2, 7, 5,
        'Assistant Chief Constable to confirm when the investigator workload review will be delivered.',
        'Assistant Chief Constable (Crime and Vulnerability)', date((select today from seed_clock), '+10 days'), 'open', null, null, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-39 days', '+9 hours'));

-- ---------------------------------------------------------------------------------------------
-- Inspectorate positions from the 2022 re-inspection: progress on every recommendation, none
-- fully achieved. 10 and 11 are carried forward as AFI 2 and AFI 4.
-- ---------------------------------------------------------------------------------------------
insert into inspectorate_positions (id, finding_id, part_id, position, superseded_by_id, as_at, source,
    source_inspection_id, note, recorded_by, created_at) values
    (1, 1, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2,
        'Senior leaders prioritise vulnerability and there is a clear structure to scrutinise child protection; not yet fully achieved.', 1, '2022-10-28T10:00:00Z'),
    (2, 2, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2, null, 1, '2022-10-28T10:00:00Z'),
    (3, 3, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2, null, 1, '2022-10-28T10:00:00Z'),
    (4, 4, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2, null, 1, '2022-10-28T10:00:00Z'),
    (5, 5, null, 'open', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2,
        'See AFI 1: processes to assess and share information still need improving.', 1, '2022-10-28T10:00:00Z'),
    (6, 6, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2, null, 1, '2022-10-28T10:00:00Z'),
    (7, 7, null, 'open', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2,
        'See AFI 3: more experienced, fully trained investigators needed.', 1, '2022-10-28T10:00:00Z'),
    (8, 8, null, 'open', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2,
        'See AFI 5: delays in digital forensic examination.', 1, '2022-10-28T10:00:00Z'),
    (9, 9, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2, null, 1, '2022-10-28T10:00:00Z'),
    (10, 10, null, 'superseded', 14, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2,
        'Carried forward as AFI 2.', 1, '2022-10-28T10:00:00Z'),
    (11, 11, null, 'superseded', 16, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2,
        'Carried forward as AFI 4.', 1, '2022-10-28T10:00:00Z'),
    (12, 12, null, 'partially_met', null, '2022-10-21', 'HMICFRS re-inspection, 21 October 2022', 2, null, 1, '2022-10-28T10:00:00Z');

-- ---------------------------------------------------------------------------------------------
-- Performance measures (demonstration readings; the 217 -> 273 -> 185 shape is taken from
-- another force's case, see the reference notes).
-- ---------------------------------------------------------------------------------------------
insert into performance_measures (id, finding_id, action_id, name, unit, quantity, baseline, baseline_on, target, better, created_at) values
    (1, 14, null, 'Overdue registered sex offender visits', 'visits', 'count', 217, date((select today from seed_clock), '-730 days'), 50, 'lower', strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-730 days', '+9 hours')),
    (2, 6, null, 'Strategy discussions with police attendance', '%', 'percentage', 62, date((select today from seed_clock), '-540 days'), 95, 'higher', strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-540 days', '+9 hours'));

insert into measure_readings (id, measure_id, taken_on, value, note, recorded_by, created_at) values
    (1, 1, date((select today from seed_clock), '-730 days'), 217, 'Demonstration data: baseline when the measure was set.', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-729 days', '+10 hours')),
    (2, 1, date((select today from seed_clock), '-365 days'), 273, 'Demonstration data: reported to the Commissioner''s board; vacancies drove the rise.', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-364 days', '+10 hours')),
    (3, 1, date((select today from seed_clock), '-60 days'), 185, 'Demonstration data: falling, but still far above target.', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-59 days', '+10 hours')),
    (4, 2, date((select today from seed_clock), '-540 days'), 62, 'Demonstration data: baseline.', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-539 days', '+10 hours')),
    (5, 2, date((select today from seed_clock), '-365 days'), 74, null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-364 days', '+10 hours')),
    (6, 2, date((select today from seed_clock), '-180 days'), 81, null, 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-179 days', '+10 hours')),
    (7, 2, date((select today from seed_clock), '-45 days'), 90, 'Demonstration data: last complete quarter.', 1, strftime('%Y-%m-%dT%H:%M:%SZ', (select today from seed_clock), '-44 days', '+10 hours'));
