//! What a public subscriber is told of a new edition: the part of the record they follow, and
//! what changed in it, in short lines of published text.

use crate::domain::edition::Changes;
use crate::domain::edition::Snapshot;
use crate::domain::vocab::SubscriptionScope;

/// The part of `snapshot` a subscription follows: every inspection of a body, one inspection,
/// or the whole site (meetings only for the whole site: a meeting is not one body's).
pub fn narrowed(
    snapshot: &Snapshot,
    scope: SubscriptionScope,
    body_id: Option<i64>,
    inspection_id: Option<i64>,
) -> Snapshot {
    let keep = |i: &&crate::domain::edition::Inspection| match scope {
        SubscriptionScope::Site => true,
        SubscriptionScope::Body => i.body_id.is_some() && i.body_id == body_id,
        SubscriptionScope::Inspection => Some(i.id) == inspection_id,
    };
    Snapshot {
        organisation: snapshot.organisation.clone(),
        as_at: snapshot.as_at,
        inspections: snapshot.inspections.iter().filter(keep).cloned().collect(),
        meetings: match scope {
            SubscriptionScope::Site => snapshot.meetings.clone(),
            _ => Vec::new(),
        },
        planned_meetings: Vec::new(),
    }
}

/// Short lines saying what changed, most telling first; at most `limit` lines of detail
/// before a count of the rest.
pub fn lines(c: &Changes, limit: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for f in &c.added_findings {
        lines.push(format!(
            "New: {} {} ({})",
            f.kind.label(),
            f.reference,
            f.inspection_title
        ));
    }
    for v in &c.voice_changes {
        lines.push(format!(
            "{} on {} ({}) changed from “{}” to “{}”",
            v.voice, v.finding.reference, v.finding.inspection_title, v.from, v.to
        ));
    }
    for f in &c.summaries_published {
        lines.push(format!(
            "Public summary published: {} ({})",
            f.reference, f.inspection_title
        ));
    }
    for m in &c.milestone_states {
        lines.push(format!(
            "Milestone “{}”: {} (was {})",
            m.title,
            m.to_state.label(),
            m.from_state.label()
        ));
    }
    for m in &c.milestone_dates {
        lines.push(format!(
            "Milestone “{}” now due {} (was {})",
            m.title,
            m.to_due.format("%-d %B %Y"),
            m.from_due.format("%-d %B %Y")
        ));
    }
    for (report, document) in &c.responses_published {
        lines.push(format!("Response published: {document} ({report})"));
    }
    for m in &c.new_meetings {
        lines.push(format!("Meeting summary published: {}", m.title));
    }
    if !c.new_milestones.is_empty() {
        lines.push(count(c.new_milestones.len(), "new milestone"));
    }
    if !c.new_updates.is_empty() {
        lines.push(count(c.new_updates.len(), "new progress update"));
    }
    for f in &c.removed_findings {
        lines.push(format!(
            "No longer published: {} ({})",
            f.reference, f.inspection_title
        ));
    }
    if lines.len() > limit {
        let rest = lines.len() - limit;
        lines.truncate(limit);
        lines.push(format!("… and {}", count(rest, "more change")));
    }
    lines
}

fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edition::{FindingRef, MilestoneMove};
    use crate::domain::vocab::{FindingKind, MilestoneState};
    use chrono::NaiveDate;

    fn finding(reference: &str) -> FindingRef {
        FindingRef {
            inspection_title: "Child protection".into(),
            kind: FindingKind::Recommendation,
            reference: reference.into(),
        }
    }

    fn two_bodies() -> Snapshot {
        let mut s = crate::domain::edition::tests::snapshot(vec![]);
        let mut other = s.inspections[0].clone();
        other.id = 2;
        other.body_id = Some(2);
        s.inspections.push(other);
        s.meetings = vec![crate::domain::edition::Meeting {
            id: 1,
            kind: crate::domain::vocab::MeetingKind::AccountabilityBoard,
            starts_at: NaiveDate::from_ymd_opt(2026, 3, 12)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .unwrap(),
            title: "Board".into(),
            summary: "Summary".into(),
        }];
        s
    }

    fn ids(s: &Snapshot) -> Vec<i64> {
        s.inspections.iter().map(|i| i.id).collect()
    }

    #[test]
    fn a_subscription_follows_its_body_its_inspection_or_everything() {
        let s = two_bodies();
        let site = narrowed(&s, SubscriptionScope::Site, None, None);
        assert_eq!(ids(&site), vec![1, 2]);
        assert_eq!(site.meetings.len(), 1, "meetings belong to the whole site");
        let body = narrowed(&s, SubscriptionScope::Body, Some(2), None);
        assert_eq!(ids(&body), vec![2]);
        assert!(body.meetings.is_empty());
        let inspection = narrowed(&s, SubscriptionScope::Inspection, None, Some(1));
        assert_eq!(ids(&inspection), vec![1]);
        assert!(inspection.meetings.is_empty());
        assert!(ids(&narrowed(&s, SubscriptionScope::Body, None, None)).is_empty());
        assert_eq!(inspection.organisation, s.organisation);
        assert_eq!(inspection.as_at, s.as_at);
    }

    #[test]
    fn an_edition_from_before_bodies_were_carried_matches_no_body() {
        let mut s = two_bodies();
        for i in &mut s.inspections {
            i.body_id = None;
        }
        assert!(ids(&narrowed(&s, SubscriptionScope::Body, None, None)).is_empty());
        assert!(ids(&narrowed(&s, SubscriptionScope::Body, Some(1), None)).is_empty());
    }

    #[test]
    fn nothing_changed_says_nothing() {
        assert!(lines(&Changes::default(), 10).is_empty());
    }

    #[test]
    fn each_change_is_one_line_and_counts_stand_for_many() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let c = Changes {
            added_findings: vec![finding("R13")],
            milestone_dates: vec![MilestoneMove {
                title: "Training delivered".into(),
                from_due: d("2026-03-01"),
                to_due: d("2026-04-01"),
                from_state: MilestoneState::Scheduled,
                to_state: MilestoneState::Scheduled,
            }],
            new_milestones: vec!["A".into(), "B".into()],
            removed_findings: vec![finding("R2")],
            ..Changes::default()
        };
        assert_eq!(
            lines(&c, 10),
            vec![
                "New: Recommendation R13 (Child protection)".to_string(),
                "Milestone “Training delivered” now due 1 April 2026 (was 1 March 2026)".into(),
                "2 new milestones".into(),
                "No longer published: R2 (Child protection)".into(),
            ]
        );
    }

    #[test]
    fn every_kind_of_change_has_its_line() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let moved = MilestoneMove {
            title: "Audit".into(),
            from_due: d("2026-03-01"),
            to_due: d("2026-03-01"),
            from_state: MilestoneState::Scheduled,
            to_state: MilestoneState::Met,
        };
        let update = crate::domain::edition::TimelineEntry {
            update_id: 1,
            as_at: d("2026-03-01"),
            rag: crate::domain::vocab::Rag::Amber,
            action_reference: None,
            summary: "Summary".into(),
        };
        let c = Changes {
            voice_changes: vec![crate::domain::edition::VoiceChange {
                finding: finding("R4"),
                voice: "The PCC assurance",
                from: "Limited".into(),
                to: "Reasonable".into(),
            }],
            summaries_published: vec![finding("R5")],
            milestone_states: vec![moved],
            responses_published: vec![("Child protection".into(), "PCC response".into())],
            new_meetings: two_bodies().meetings,
            new_updates: vec![update.clone(), update],
            new_milestones: vec!["One".into()],
            ..Changes::default()
        };
        assert_eq!(
            lines(&c, 20),
            vec![
                "The PCC assurance on R4 (Child protection) changed from “Limited” to “Reasonable”"
                    .to_string(),
                "Public summary published: R5 (Child protection)".into(),
                "Milestone “Audit”: Met (was Scheduled)".into(),
                "Response published: PCC response (Child protection)".into(),
                "Meeting summary published: Board".into(),
                "1 new milestone".into(),
                "2 new progress updates".into(),
            ]
        );
    }

    #[test]
    fn past_the_limit_the_rest_are_counted() {
        let c = Changes {
            added_findings: vec![finding("R1"), finding("R2"), finding("R3")],
            ..Changes::default()
        };
        let l = lines(&c, 1);
        assert_eq!(l.len(), 2);
        assert_eq!(l[1], "… and 2 more changes");
        assert_eq!(lines(&c, 3).len(), 3);
        assert_eq!(lines(&c, 2)[2], "… and 1 more change");
    }
}
