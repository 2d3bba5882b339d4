//! Keeping the dashboards' snapshot up to date as the record changes: which bodies' part of
//! it a run of audit events calls for reloading (or all of it), and putting a reloaded part
//! in place, in the order a whole load gives.

use std::collections::{BTreeSet, HashSet};
use std::time::Duration;

use super::DashboardSnapshot;
use crate::domain::vocab::{AuditAction, Entity};

/// What a run of changes to the record asks of the snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// Nothing the dashboards show changed (a user, a calendar feed, an edition …).
    Nothing,
    /// Only these bodies' records changed.
    Bodies(Vec<i64>),
    /// Something that reaches across bodies changed (a body, an inspection, a meeting, the
    /// example data), or a record's body could not be named: reload everything.
    Whole,
}

/// More changes than this since the snapshot: load it all again. Reading the changes costs
/// about 2 ms a thousand on the national data (45 ms for 20,000), a whole load about a second;
/// a burst of thousands of saves to a body or two (an afternoon's backfill, the benchmark's
/// posting run) reloads just those bodies. The changes are read no further than this.
pub const MOST_EVENTS: usize = 20_000;

/// What the events `(entity, action, body of its record)` ask for.
pub fn reload(events: &[(String, String, Option<i64>)]) -> Reload {
    if events.len() > MOST_EVENTS {
        return Reload::Whole;
    }
    let mut bodies = BTreeSet::new();
    for (entity, action, body) in events {
        let Some(entity) = Entity::parse(entity) else {
            return Reload::Whole;
        };
        let action = AuditAction::parse(action);
        use Entity::*;
        match entity {
            // Not on the dashboards.
            PerformanceMeasure | MeasureReading | AgendaItem | UpdateRequest | MeetingPack
            | Edition | CalendarFeed | User | Settings | ApiToken | Theme | ReportPackage
            | EvidenceFile | UpdateRound | Subscription | Mail => {
                continue;
            }
            // Whom to email about an item or a body is not on the dashboards.
            ActionItem | InspectedBody if action == Some(AuditAction::Assign) => continue,
            // An item's edit may move it to another body, or change the findings it answers.
            ActionItem if action == Some(AuditAction::Update) => return Reload::Whole,
            Finding | ActionItem | Milestone | MilestoneRevision | RevisionProposal
            | ProgressUpdate | Assessment | InspectoratePosition | ActionArising => match body {
                Some(body) => {
                    bodies.insert(*body);
                }
                None => return Reload::Whole,
            },
            // A report's clocks, and the rules behind every report's.
            Inspection | InspectedBody | Meeting | ExampleData | ResponseRule | ClockExtension
            | ClockResponse => return Reload::Whole,
        }
    }
    match bodies.is_empty() {
        true => Reload::Nothing,
        false => Reload::Bodies(bodies.into_iter().collect()),
    }
}

/// A rendering that took less than this is always made anew for a new version of the record.
pub const SLOW_RENDERING: Duration = Duration::from_millis(20);

/// How many times its own rendering time a slow rendering is shown for before it is made anew.
pub const REUSE_FOR: u32 = 4;

/// The longest a rendering is shown for once the record has changed.
pub const REUSE_AT_MOST: Duration = Duration::from_secs(1);

/// Whether a reader who has changed nothing since may be shown the rendering of an older
/// version of the record, `age` old, that took `took` to make (loading its part of the record
/// included), instead of a new one. Only a slow rendering is reused, for `REUSE_FOR` times its
/// cost and never longer than `REUSE_AT_MOST`: however fast people write, rendering then takes
/// at most a fifth of a core, and the page is at most that far behind (a fifth of a second
/// for a 50 ms rendering). Whoever made a change sees it at once.
pub fn reuse_rendering(age: Duration, took: Duration) -> bool {
    took >= SLOW_RENDERING && age < (took * REUSE_FOR).min(REUSE_AT_MOST)
}

impl DashboardSnapshot {
    /// Put `part` – the snapshot of the bodies `bodies` alone, as at the same date – in place
    /// of what this snapshot held of them, in the order a whole load gives.
    pub fn replace_bodies(&mut self, bodies: &[i64], part: DashboardSnapshot) {
        let bodies: HashSet<i64> = bodies.iter().copied().collect();
        let replaced: HashSet<i64> = self
            .actions
            .iter()
            .filter(|a| bodies.contains(&a.body_id))
            .map(|a| a.id)
            .collect();
        self.findings.retain(|f| !bodies.contains(&f.body_id));
        self.actions.retain(|a| !bodies.contains(&a.body_id));
        self.milestones.retain(|m| !replaced.contains(&m.action_id));
        self.arising
            .retain(|x| !x.body_id.is_some_and(|b| bodies.contains(&b)));
        self.reports.retain(|r| !bodies.contains(&r.body_id));
        self.findings.extend(part.findings);
        self.actions.extend(part.actions);
        self.milestones.extend(part.milestones);
        self.arising.extend(part.arising);
        self.reports.extend(part.reports);
        self.sort();
    }

    /// The order of a whole load (see `db::dashboard`).
    fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            let key = |f: &super::FindingFacts| (f.inspection_id, f.reference.chars().count());
            key(a)
                .cmp(&key(b))
                .then_with(|| a.reference.cmp(&b.reference))
        });
        self.actions
            .sort_by(|a, b| a.reference.cmp(&b.reference).then(a.id.cmp(&b.id)));
        self.milestones.sort_by_key(|m| (m.current_due_on, m.id));
        self.arising.sort_by_key(|x| (x.due_on, x.id));
        self.reports.sort_by_key(|r| (r.published_on, r.id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(entity: &str, action: &str, body: Option<i64>) -> (String, String, Option<i64>) {
        (entity.into(), action.into(), body)
    }

    #[test]
    fn updates_and_judgements_reload_only_their_bodies() {
        let events = [
            event("progress_update", "create", Some(3)),
            event("assessment", "create", Some(1)),
            event("milestone_revision", "create", Some(3)),
            event("action_item", "block", Some(2)),
        ];
        assert_eq!(reload(&events), Reload::Bodies(vec![1, 2, 3]));
    }

    #[test]
    fn a_slow_rendering_is_reused_for_four_times_what_it_took_up_to_a_second_and_a_quick_one_never()
    {
        let ms = Duration::from_millis;
        assert!(reuse_rendering(ms(0), ms(50)));
        assert!(reuse_rendering(ms(199), ms(50)));
        assert!(!reuse_rendering(ms(200), ms(50)));
        assert!(reuse_rendering(ms(79), ms(20)));
        assert!(!reuse_rendering(ms(80), ms(20)));
        assert!(!reuse_rendering(ms(0), ms(19)));
        // A whole rebuild (a second or more) is still shown for a second at most.
        assert!(reuse_rendering(ms(999), ms(1_500)));
        assert!(!reuse_rendering(ms(1_000), ms(1_500)));
    }

    #[test]
    fn what_the_dashboards_do_not_show_reloads_nothing() {
        let events = [
            event("user", "update", None),
            event("calendar_feed", "create", None),
            event("performance_measure", "create", None),
            event("edition", "publish", None),
            event("evidence_file", "attach", None),
            event("evidence_file", "dispose", None),
            event("update_round", "open", None),
            event("update_round", "chase", None),
            event("subscription", "confirm", None),
            event("mail", "retry", None),
            event("action_item", "assign", Some(2)),
            event("inspected_body", "assign", Some(2)),
        ];
        assert_eq!(reload(&events), Reload::Nothing);
        assert_eq!(reload(&[]), Reload::Nothing);
    }

    #[test]
    fn what_reaches_across_bodies_or_names_none_reloads_everything() {
        for whole in [
            event("inspected_body", "merge", None),
            event("inspection", "update", Some(1)),
            event("meeting", "withdraw", None),
            event("action_item", "update", Some(1)),
            event("action_arising", "create", None),
            event("progress_update", "create", None),
            event("something_new", "create", Some(1)),
        ] {
            let events = [event("progress_update", "create", Some(1)), whole.clone()];
            assert_eq!(reload(&events), Reload::Whole, "{whole:?}");
        }
        let many = vec![event("progress_update", "create", Some(1)); MOST_EVENTS + 1];
        assert_eq!(reload(&many), Reload::Whole);
    }
}
