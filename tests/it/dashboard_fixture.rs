//! A small record with KNOWN dashboard figures (today is 2 March 2026 in every test).
//!
//! Findings: F1 (insp 1, R1, "Missing children"), F2 (insp 1, R2, "Missing children"),
//! F3 (insp 1, R3, "Custody"), F4 (insp 2, R1, "Custody").
//! Actions: A1 (DCC Alice) → F1, F2; A2 (Head of Custody Bob) → F3; A3 (DCC Alice) → F4,
//! blocked by the Home Office since 20 January 2026.
//! Today: force RAG F1, F2 amber (A1's update of 20 Feb, entered 21 Feb), F3 red, F4 none;
//! assurance F1 limited, F3 reasonable, F2 and F4 not assessed; position F2 met, F3 open.
//! Milestones: M1 (A1) 31 Dec 2025 moved on 1 Dec 2025 to 28 Feb 2026, unmet → missed;
//! M2 (A1) 20 Mar 2026; M3 (A2) 31 Mar 2026 moved on 25 Feb 2026 to 20 Apr 2026;
//! M4 (A2) 30 Nov 2025 met 25 Nov 2025; M5 (A3) 20 May 2026.
//! Actions arising: X1 (F1, Alice) due 1 Nov 2025 closed 20 Feb 2026; X2 (A2, Bob) due
//! 24 Feb 2026 open; X3 (Carol) due 15 Apr 2026 open.

use crate::helpers::TestApp;

pub const AS_AT_BEFORE: &str = "2026-02-15";

pub async fn known_record(app: &TestApp) {
    let author = app
        .create_user(
            "author@example.test",
            scrutineer::domain::vocab::Role::Office,
        )
        .await;
    let statements = [
        "insert into inspected_bodies (id, name, created_at) values (1, 'Test Police', '2025-01-01T09:00:00Z')",
        "insert into inspections (id, body_id, title, kind, published_on, response_published_on, created_at, updated_at) values
            (1, 1, 'Child protection 2025', 'child_protection', '2025-06-02', '2025-07-20', '2025-06-02T09:00:00Z', '2025-06-02T09:00:00Z'),
            (2, 1, 'Custody 2026', 'joint_custody', '2026-01-15', null, '2026-01-15T09:00:00Z', '2026-01-15T09:00:00Z')",
        "insert into findings (id, inspection_id, kind, reference, area, timescale, created_at, updated_at) values
            (1, 1, 'recommendation', 'R1', 'Missing children', 'none', '2025-06-02T09:00:00Z', '2025-06-02T09:00:00Z'),
            (2, 1, 'recommendation', 'R2', 'Missing children', 'none', '2025-06-02T09:00:00Z', '2025-06-02T09:00:00Z'),
            (3, 1, 'recommendation', 'R3', 'Custody', 'none', '2025-06-02T09:00:00Z', '2025-06-02T09:00:00Z'),
            (4, 2, 'recommendation', 'R1', 'Custody', 'none', '2026-01-15T09:00:00Z', '2026-01-15T09:00:00Z')",
        "insert into action_items (id, body_id, reference, title, owner_role, owner_name, blocked_by, blocked_since, created_at, updated_at) values
            (1, 1, 'A1', 'Missing children plan', 'DCC', 'Alice', null, null, '2025-07-01T09:00:00Z', '2025-07-01T09:00:00Z'),
            (2, 1, 'A2', 'Custody plan', 'Head of Custody', 'Bob', null, null, '2025-07-01T09:00:00Z', '2025-07-01T09:00:00Z'),
            (3, 1, 'A3', 'Custody data sharing', 'DCC', 'Alice', 'Home Office', '2026-01-20', '2026-01-20T09:00:00Z', '2026-01-20T09:00:00Z')",
        "insert into action_findings (action_id, finding_id) values (1, 1), (1, 2), (2, 3), (3, 4)",
        "insert into progress_updates (action_id, as_at, rag, narrative, author_id, entered_at) values
            (1, '2025-08-01', 'green', 'Started', ?1, '2025-08-01T09:00:00Z'),
            (1, '2026-02-20', 'amber', 'At risk', ?1, '2026-02-21T09:00:00Z'),
            (2, '2025-09-01', 'red', 'Off track', ?1, '2025-09-01T09:00:00Z')",
        "insert into meetings (id, kind, title, starts_at, status, created_at, updated_at) values
            (1, 'accountability_board', 'Board October', '2025-10-01T10:00:00Z', 'held', '2025-09-01T09:00:00Z', '2025-09-01T09:00:00Z'),
            (2, 'accountability_board', 'Board February', '2026-02-10T10:00:00Z', 'held', '2025-09-01T09:00:00Z', '2025-09-01T09:00:00Z'),
            (3, 'accountability_board', 'Board April', '2026-04-01T10:00:00Z', 'planned', '2025-09-01T09:00:00Z', '2025-09-01T09:00:00Z')",
        "insert into assessments (finding_id, level, assessed_on, rationale, meeting_id, assessor_id, created_at) values
            (1, 'substantial', '2025-10-01', 'Good', 1, ?1, '2025-10-01T12:00:00Z'),
            (3, 'reasonable', '2025-10-01', 'Fair', 1, ?1, '2025-10-01T12:00:00Z'),
            (1, 'limited', '2026-02-10', 'Slipping', 2, ?1, '2026-02-10T12:00:00Z')",
        "insert into inspectorate_positions (finding_id, position, as_at, source, recorded_by, created_at) values
            (2, 'met', '2026-01-15', 'Re-inspection', ?1, '2026-01-16T09:00:00Z'),
            (3, 'open', '2026-01-15', 'Re-inspection', ?1, '2026-01-16T09:00:00Z')",
        "insert into milestones (id, action_id, title, original_due_on, current_due_on, met_on, created_at) values
            (1, 1, 'M1 protocol agreed', '2025-12-31', '2025-12-31', null, '2025-07-01T09:00:00Z'),
            (2, 1, 'M2 training done', '2026-03-20', '2026-03-20', null, '2025-07-01T09:00:00Z'),
            (3, 2, 'M3 cells refitted', '2026-03-31', '2026-03-31', null, '2025-07-01T09:00:00Z'),
            (4, 2, 'M4 audit', '2025-11-30', '2025-11-30', '2025-11-25', '2025-07-01T09:00:00Z'),
            (5, 3, 'M5 data agreement', '2026-05-20', '2026-05-20', null, '2026-01-20T09:00:00Z')",
        "insert into milestone_revisions (milestone_id, previous_due_on, new_due_on, reason_category, reason, requested_by, accepted_by, accepted_at) values
            (1, '2025-12-31', '2026-02-28', 'resourcing', 'Staff', 'DCC', ?1, '2025-12-01T09:00:00Z'),
            (3, '2026-03-31', '2026-04-20', 'data_it', 'Supplier', 'Head of Custody', ?1, '2026-02-25T09:00:00Z')",
        "insert into actions_arising (id, meeting_id, finding_id, action_id, description, owner, due_on, status, closed_on, created_at) values
            (1, 1, 1, null, 'Report on referrals', 'Alice', '2025-11-01', 'closed', '2026-02-20', '2025-10-01T12:00:00Z'),
            (2, 2, null, 2, '=HYPERLINK(\"x\") custody figures', 'Bob', '2026-02-24', 'open', null, '2026-02-10T12:00:00Z'),
            (3, 2, null, null, 'Invite partners', 'Carol', '2026-04-15', 'open', null, '2026-02-10T12:00:00Z')",
        "insert into performance_measures (id, finding_id, name, unit, baseline, target, better, created_at) values
            (1, 1, 'Return interviews within 72 hours', '%', 40, 90, 'higher', '2025-07-01T09:00:00Z')",
        "insert into measure_readings (measure_id, taken_on, value, recorded_by, created_at) values
            (1, '2025-09-30', 55, ?1, '2025-10-01T09:00:00Z'),
            (1, '2025-12-31', 71, ?1, '2026-01-02T09:00:00Z')",
    ];
    for sql in statements {
        let query = sqlx::query(sql);
        let query = if sql.contains("?1") {
            query.bind(author)
        } else {
            query
        };
        query
            .execute(&app.state.db)
            .await
            .unwrap_or_else(|e| panic!("fixture failed: {e}\n{sql}"));
    }
}

/// The number shown as the text of the link to `href` (with `&` as HTML writes it).
pub fn count_at(body: &str, href: &str) -> Option<usize> {
    let marker = format!("href=\"{}\">", href.replace('&', "&amp;"));
    let start = body.find(&marker)? + marker.len();
    let end = body[start..].find('<')? + start;
    body[start..end].trim().parse().ok()
}
