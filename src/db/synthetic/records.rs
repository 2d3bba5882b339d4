//! The records of the synthetic data set, one kind at a time, each with its audit event.

use chrono::{Duration, NaiveDate};
use serde_json::json;

use super::{Value, Writer, insert};
use crate::domain::vocab::{
    Assurance, Entity, FindingKind, InspectionKind, MeetingKind, MeetingStatus, Rag,
    ReasonCategory, Timescale,
};

const AREAS: &[&str] = &[
    "Leadership and governance",
    "Initial contact",
    "Assessment and help",
    "Investigation",
    "Decision-making",
    "Managing risk",
    "Police detention",
    "Digital forensics",
];
use InspectionKind as K;
const KINDS: &[InspectionKind] = &[
    K::ChildProtection,
    K::Peel,
    K::JointCustody,
    K::Thematic,
    K::Other,
];
use Timescale as T;
const TIMESCALES: &[Timescale] = &[
    T::Immediately,
    T::Within3Months,
    T::Within6Months,
    T::NoTimescale,
];
/// Mostly on track, as real plans are.
const RAGS: &[Rag] = &[
    Rag::Green,
    Rag::Green,
    Rag::Green,
    Rag::Amber,
    Rag::Amber,
    Rag::Red,
    Rag::Blue,
];
use Assurance as A;
const LEVELS: &[Assurance] = &[
    A::Substantial,
    A::Reasonable,
    A::Reasonable,
    A::Limited,
    A::NoAssurance,
];

/// Generate the data set into an empty database in one transaction.
pub(super) async fn insert_inspection(
    w: &mut Writer<'_>,
    body: i64,
    (b, i): (u32, u32),
    published: NaiveDate,
) -> Result<i64, sqlx::Error> {
    let stamp = w.stamp.clone();
    let stamp = stamp.as_str();
    let title = format!("Synthetic Constabulary {:02} – inspection {}", b + 1, i + 1);
    let response = published + Duration::days(30 + w.rng.below(40) as i64);
    let id = insert(
        &mut *w.tx,
        "insert into inspections
                 (body_id, title, kind, published_on, report_url, response_published_on,
                  created_at, updated_at, ready_for_publication_at)
             values (?, ?, ?, ?, 'https://example.org/report', ?, ?, ?, ?)
             returning id",
        &[
            Value::Int(body),
            Value::Owned(title.clone()),
            Value::Text(w.rng.pick(KINDS).as_str()),
            Value::Date(published),
            Value::Date(response),
            Value::Text(stamp),
            Value::Text(stamp),
            // A synthetic record is published as a real one would be: ready.
            Value::Text(stamp),
        ],
    )
    .await?;
    w.audit(
        Entity::Inspection,
        id,
        json!({ "title": title, "published_on": published }),
    )
    .await?;
    Ok(id)
}

pub(super) async fn insert_finding(
    w: &mut Writer<'_>,
    body: i64,
    inspection: i64,
    (b, i, f): (u32, u32, u32),
    published: NaiveDate,
) -> Result<i64, sqlx::Error> {
    let stamp = w.stamp.clone();
    let stamp = stamp.as_str();
    let (office, today) = (w.office, w.today);
    let kind = if f % 6 == 5 {
        FindingKind::AreaForImprovement
    } else {
        FindingKind::Recommendation
    };
    let summary = format!(
        "Synthetic finding {} of inspection {} for body {}: improve {}.",
        f + 1,
        i + 1,
        b + 1,
        w.rng.pick(AREAS).to_lowercase()
    );
    let finding = insert(
        &mut *w.tx,
        "insert into findings
                 (inspection_id, kind, reference, area, public_summary, timescale,
                  summary_approved_at, summary_approved_by, created_at, updated_at)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             returning id",
        &[
            Value::Int(inspection),
            Value::Text(kind.as_str()),
            Value::Owned((f + 1).to_string()),
            Value::Text(w.rng.pick(AREAS)),
            Value::Owned(summary.clone()),
            Value::Text(w.rng.pick(TIMESCALES).as_str()),
            Value::Text(stamp),
            Value::Int(office),
            Value::Text(stamp),
            Value::Text(stamp),
        ],
    )
    .await?;
    w.counts.findings += 1;
    w.audit(
        Entity::Finding,
        finding,
        json!({ "summary": summary, "summary_approved_by": office }),
    )
    .await?;
    for a in 0..w.plan.actions_per_finding {
        insert_action(w, body, finding, (b, i, f, a), published).await?;
    }
    for k in 0..2 {
        let on = published + Duration::days(90 + i64::from(k) * 180 + w.rng.below(60) as i64);
        if on > today {
            continue;
        }
        let id = insert(&mut *w.tx,
                "insert into assessments (finding_id, level, assessed_on, rationale, assessor_id, created_at)
                 values (?, ?, ?, 'Synthetic judgement', ?, ?) returning id",
                &[Value::Int(finding), Value::Text(w.rng.pick(LEVELS).as_str()), Value::Date(on), Value::Int(office), Value::Text(stamp)],
            )
            .await?;
        w.audit(Entity::Assessment, id, json!({ "finding_id": finding }))
            .await?;
    }
    Ok(finding)
}

async fn insert_action(
    w: &mut Writer<'_>,
    body: i64,
    finding: i64,
    (b, i, f, a): (u32, u32, u32, u32),
    published: NaiveDate,
) -> Result<(), sqlx::Error> {
    let stamp = w.stamp.clone();
    let stamp = stamp.as_str();
    let (office, force, today, plan) = (w.office, w.force, w.today, w.plan);
    let reference = format!("S{}-{}-{}-{}", b + 1, i + 1, f + 1, a + 1);
    let action = insert(&mut *w.tx,
            "insert into action_items (body_id, reference, title, owner_role, owner_name, created_at, updated_at)
             values (?, ?, ?, 'Head of Public Protection', 'Synthetic owner', ?, ?) returning id",
            &[Value::Int(body), Value::Owned(reference.clone()), Value::Owned(format!("Deliver improvement {reference}")), Value::Text(stamp), Value::Text(stamp)],
        )
        .await?;
    insert(
        &mut *w.tx,
        "insert into action_findings (action_id, finding_id) values (?, ?) returning action_id",
        &[Value::Int(action), Value::Int(finding)],
    )
    .await?;
    w.counts.actions += 1;
    w.audit(
        Entity::ActionItem,
        action,
        json!({ "reference": reference, "finding_ids": [finding] }),
    )
    .await?;
    for m in 0..plan.milestones_per_action {
        let due = published + Duration::days(60 + i64::from(m) * 120 + w.rng.below(90) as i64);
        let revisions = if w.rng.chance(20) {
            1 + w.rng.below(3)
        } else {
            0
        };
        let mut current = due;
        let mut moves = Vec::new();
        for _ in 0..revisions {
            let next = current + Duration::days(14 + w.rng.below(90) as i64);
            moves.push((current, next));
            current = next;
        }
        let met_on = if current < today && w.rng.chance(85) {
            Value::Date(
                current - Duration::days(w.rng.below(20) as i64)
                    + Duration::days(w.rng.below(25) as i64),
            )
        } else {
            Value::NullDate
        };
        let milestone = insert(&mut *w.tx,
                "insert into milestones (action_id, title, original_due_on, current_due_on, met_on, created_at)
                 values (?, ?, ?, ?, ?, ?) returning id",
                &[Value::Int(action), Value::Owned(format!("Milestone {} of {reference}", m + 1)), Value::Date(due), Value::Date(due), met_on, Value::Text(stamp)],
            )
            .await?;
        w.counts.milestones += 1;
        w.audit(
            Entity::Milestone,
            milestone,
            json!({ "original_due_on": due }),
        )
        .await?;
        for (previous, next) in moves {
            let id = insert(
                &mut *w.tx,
                "insert into milestone_revisions
                         (milestone_id, previous_due_on, new_due_on, reason_category, reason,
                          requested_by, accepted_by, accepted_at)
                     values (?, ?, ?, ?, 'Synthetic reason', 'Synthetic force', ?, ?) returning id",
                &[
                    Value::Int(milestone),
                    Value::Date(previous),
                    Value::Date(next),
                    Value::Text(w.rng.pick(ReasonCategory::ALL).as_str()),
                    Value::Int(office),
                    Value::Text(stamp),
                ],
            )
            .await?;
            w.counts.revisions += 1;
            w.audit(
                Entity::MilestoneRevision,
                id,
                json!({ "milestone_id": milestone, "new_due_on": next }),
            )
            .await?;
        }
    }
    let span = (today - published).num_days().clamp(1, 720);
    for u in 0..plan.updates_per_action {
        let as_at = published
            + Duration::days(span * i64::from(u + 1) / i64::from(plan.updates_per_action + 1));
        // The latest update of each action carries a public summary the office approved.
        let public = u + 1 == plan.updates_per_action;
        let id = insert(
            &mut *w.tx,
            "insert into progress_updates
                 (action_id, as_at, rag, narrative, public_summary, author_id, entered_at)
             values (?, ?, ?, 'Synthetic progress narrative.',
                     case when ? then 'Synthetic public summary of progress.' end, ?, ?)
             returning id",
            &[
                Value::Int(action),
                Value::Date(as_at),
                Value::Text(w.rng.pick(RAGS).as_str()),
                Value::Int(i64::from(public)),
                Value::Int(force),
                Value::Owned(format!("{as_at}T12:00:00Z")),
            ],
        )
        .await?;
        if public {
            insert(
                &mut *w.tx,
                "insert into update_approvals (update_id, approved_by, approved_at)
                 values (?, ?, ?) returning update_id",
                &[Value::Int(id), Value::Int(office), Value::Text(stamp)],
            )
            .await?;
        }
        w.counts.updates += 1;
        w.audit(
            Entity::ProgressUpdate,
            id,
            json!({ "action_id": action, "as_at": as_at, "public": public }),
        )
        .await?;
    }
    Ok(())
}

pub(super) async fn insert_meeting(
    w: &mut Writer<'_>,
    (b, m): (u32, u32),
    held_on: NaiveDate,
    findings: &[i64],
) -> Result<(), sqlx::Error> {
    let stamp = w.stamp.clone();
    let stamp = stamp.as_str();
    let today = w.today;
    let status = if held_on < today {
        MeetingStatus::Held
    } else {
        MeetingStatus::Planned
    };
    let title = format!("Accountability board {} – body {}", m + 1, b + 1);
    let id = insert(
        &mut *w.tx,
        "insert into meetings (kind, title, starts_at, status, minutes, public_summary,
                                   summary_approved_at, summary_approved_by, created_at, updated_at)
             values (?6, ?1, ?2, ?3, 'Synthetic minutes', 'Synthetic summary',
                     case when ?7 then ?4 end, case when ?7 then ?5 end, ?4, ?4)
             returning id",
        &[
            Value::Owned(title.clone()),
            Value::Owned(format!("{held_on}T10:00:00")),
            Value::Text(status.as_str()),
            Value::Text(stamp),
            Value::Int(w.office),
            Value::Text(MeetingKind::AccountabilityBoard.as_str()),
            Value::Int(i64::from(status == MeetingStatus::Held)),
        ],
    )
    .await?;
    w.audit(Entity::Meeting, id, json!({ "title": title }))
        .await?;
    for position in 0..3 {
        let finding = w.rng.pick(findings);
        let item = insert(
            &mut *w.tx,
            "insert into agenda_items (meeting_id, position, finding_id, question, answer)
                 values (?, ?, ?, 'Synthetic question', 'Synthetic answer') returning id",
            &[Value::Int(id), Value::Int(position), Value::Int(finding)],
        )
        .await?;
        w.audit(Entity::AgendaItem, item, json!({ "meeting_id": id }))
            .await?;
    }
    Ok(())
}
