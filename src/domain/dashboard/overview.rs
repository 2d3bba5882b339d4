//! What the overview counts, from a [`DashboardSnapshot`] and the [`Filters`]: which findings, actions,
//! milestones and actions arising are in view, and the figures built from them.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, NaiveDate};

use super::filters::matches_text;
use super::{
    ActionFacts, ArisingFacts, DashboardSnapshot, Due, Filters, FindingFacts, MilestoneFacts, Show,
};
use crate::domain::dates::{self, Countdown, Slips};
use crate::domain::regimes;
use crate::domain::scope::Scope;
use crate::domain::vocab::{ArisingStatus, Assurance, InspectoratePosition, MilestoneState, Rag};

/// The slice of a snapshot that the filters select.
pub struct Scoped<'a> {
    pub as_at: NaiveDate,
    pub findings: Vec<&'a FindingFacts>,
    pub actions: Vec<&'a ActionFacts>,
    /// Milestones of the actions in view (before the status and due filters).
    pub milestones: Vec<&'a MilestoneFacts>,
    /// Actions arising in view (before the due filter).
    pub arising: Vec<&'a ArisingFacts>,
}

fn owner_matches(action: &ActionFacts, owner: &str) -> bool {
    matches_text(&action.owner_role, owner) || matches_text(&action.owner_name, owner)
}

/// Apply the filters within the bodies `bodies` admits (the viewer's scope, narrowed by the
/// body filter): findings, reports and actions of other bodies are never in view, nor an
/// action arising about neither a finding nor an action unless every body is. Finding filters (inspection, area, voices) narrow the actions to those
/// addressing a finding in view; the owner filter narrows the actions, and the findings to
/// those some action of that owner addresses.
pub fn scope<'a>(snap: &'a DashboardSnapshot, f: &Filters, bodies: &Scope) -> Scoped<'a> {
    let owned: Option<HashSet<i64>> = f.owner.as_deref().map(|owner| {
        snap.actions
            .iter()
            .filter(|a| bodies.admits(a.body_id))
            .filter(|a| owner_matches(a, owner))
            .flat_map(|a| a.finding_ids.iter().copied())
            .collect()
    });
    let findings: Vec<&FindingFacts> = snap
        .findings
        .iter()
        .filter(|x| bodies.admits(x.body_id))
        .filter(|x| f.inspection.is_none_or(|i| x.inspection_id == i))
        .filter(|x| f.area.as_deref().is_none_or(|a| matches_text(&x.area, a)))
        .filter(|x| f.rag.is_none_or(|r| x.force_rag == r))
        .filter(|x| f.assurance.is_none_or(|a| x.assurance == a))
        .filter(|x| f.position.is_none_or(|p| x.position == p))
        .filter(|x| owned.as_ref().is_none_or(|o| o.contains(&x.id)))
        .collect();
    let in_view: HashSet<i64> = findings.iter().map(|x| x.id).collect();
    let narrowed = f.narrows_findings();
    let actions: Vec<&ActionFacts> = snap
        .actions
        .iter()
        .filter(|a| bodies.admits(a.body_id))
        .filter(|a| !narrowed || a.finding_ids.iter().any(|id| in_view.contains(id)))
        .filter(|a| f.owner.as_deref().is_none_or(|o| owner_matches(a, o)))
        .collect();
    let action_ids: HashSet<i64> = actions.iter().map(|a| a.id).collect();
    let milestones = snap
        .milestones
        .iter()
        .filter(|m| action_ids.contains(&m.action_id))
        .collect();
    let arising = snap
        .arising
        .iter()
        .filter(|x| match x.body_id {
            Some(body) => bodies.admits(body),
            None => bodies.limited_to().is_none(),
        })
        .filter(|x| {
            let linked = x.finding_id.is_some_and(|id| in_view.contains(&id))
                || x.action_id.is_some_and(|id| action_ids.contains(&id));
            linked || !narrowed
        })
        .filter(|x| f.owner.as_deref().is_none_or(|o| matches_text(&x.owner, o)))
        .collect();
    Scoped {
        as_at: snap.as_at,
        findings,
        actions,
        milestones,
        arising,
    }
}

pub fn milestone_state(m: &MilestoneFacts, as_at: NaiveDate) -> MilestoneState {
    dates::milestone_state(m.current_due_on, m.met_on, as_at)
}

impl<'a> Scoped<'a> {
    /// Milestones after the status and due filters (due windows count only those not met).
    pub fn milestones_filtered(&self, f: &Filters) -> Vec<&'a MilestoneFacts> {
        self.milestones
            .iter()
            .copied()
            .filter(|m| f.status.is_none_or(|s| milestone_state(m, self.as_at) == s))
            .filter(|m| {
                f.due
                    .is_none_or(|d| m.met_on.is_none() && d.contains(m.current_due_on, self.as_at))
            })
            .collect()
    }

    /// Actions arising after the due filter (due windows count only those not closed).
    pub fn arising_filtered(&self, f: &Filters) -> Vec<&'a ArisingFacts> {
        self.arising
            .iter()
            .copied()
            .filter(|x| {
                f.due.is_none_or(|d| {
                    x.status != ArisingStatus::Closed && d.contains(x.due_on, self.as_at)
                })
            })
            .collect()
    }

    /// Actions after the `show` filter (stale, blocked or slipped), with their rolled-up slips.
    pub fn actions_filtered(&self, f: &Filters, stale_days: i64) -> Vec<(&'a ActionFacts, Slips)> {
        let slips = self.slips_by_action();
        self.actions
            .iter()
            .copied()
            .map(|a| (a, slips.get(&a.id).copied().unwrap_or_default()))
            .filter(|(a, s)| match f.show {
                None => true,
                Some(Show::Stale) => is_stale(a, self.as_at, stale_days),
                Some(Show::Blocked) => a.blocked_by.is_some(),
                Some(Show::Slipped) => s.count > 0,
            })
            .collect()
    }

    fn slips_by_action(&self) -> BTreeMap<i64, Slips> {
        let mut out: BTreeMap<i64, Slips> = BTreeMap::new();
        for m in &self.milestones {
            *out.entry(m.action_id).or_default() += m.slips;
        }
        out
    }
}

/// Stale: not complete (latest update blue) and no update – or, if none, no creation – within
/// the staleness period before the as-at date.
pub fn is_stale(a: &ActionFacts, as_at: NaiveDate, stale_days: i64) -> bool {
    if a.latest_rag == Some(Rag::Blue) {
        return false;
    }
    a.latest_as_at
        .or(a.created_on)
        .is_some_and(|last| dates::is_stale(last, as_at, stale_days))
}

/// Findings counted by each voice, side by side: every value (and "none yet") in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VoiceCounts {
    pub rag: Vec<(Option<Rag>, usize)>,
    pub assurance: Vec<(Option<Assurance>, usize)>,
    pub position: Vec<(Option<InspectoratePosition>, usize)>,
    pub total: usize,
}

fn count_by<T: Copy + PartialEq>(
    all: &[T],
    values: &[&FindingFacts],
    get: impl Fn(&FindingFacts) -> Option<T>,
) -> Vec<(Option<T>, usize)> {
    all.iter()
        .map(|v| Some(*v))
        .chain([None])
        .map(|v| (v, values.iter().filter(|x| get(x) == v).count()))
        .collect()
}

pub fn voice_counts(findings: &[&FindingFacts]) -> VoiceCounts {
    VoiceCounts {
        rag: count_by(Rag::ALL, findings, |x| x.force_rag),
        assurance: count_by(Assurance::ALL, findings, |x| x.assurance),
        position: count_by(InspectoratePosition::ALL, findings, |x| x.position),
        total: findings.len(),
    }
}

/// Milestones and actions arising in one date window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueCount {
    pub due: Due,
    pub milestones: usize,
    pub arising: usize,
}

/// Overdue, then due within 30, 60 and 90 days (each window counted from the as-at date).
pub fn due_counts(scoped: &Scoped<'_>, f: &Filters) -> Vec<DueCount> {
    std::iter::once(Due::Overdue)
        .chain(Due::WINDOWS.map(Due::Within))
        .map(|due| {
            let with = Filters {
                due: Some(due),
                ..f.clone()
            };
            DueCount {
                due,
                milestones: scoped.milestones_filtered(&with).len(),
                arising: scoped.arising_filtered(&with).len(),
            }
        })
        .collect()
}

/// One report's section 55 line.
#[derive(Debug, Clone, PartialEq)]
pub struct Section55 {
    pub inspection_id: i64,
    pub body_id: i64,
    pub title: String,
    pub published_on: NaiveDate,
    pub last_day: NaiveDate,
    pub response_published_on: Option<NaiveDate>,
    pub countdown: Countdown,
}

/// The section 55 line of each report of `bodies` it applies to (HMICFRS on a police force):
/// those still awaiting the PCC's response first, the nearest last day first, then those
/// answered, the newest report first – so a list cut short keeps what needs attention.
pub fn section_55(snap: &DashboardSnapshot, f: &Filters, bodies: &Scope) -> Vec<Section55> {
    let mut rows: Vec<Section55> = snap
        .reports
        .iter()
        .filter(|r| r.regime.is_section_55())
        .filter(|r| bodies.admits(r.body_id))
        .filter(|r| f.inspection.is_none_or(|i| r.id == i))
        .map(|r| Section55 {
            inspection_id: r.id,
            body_id: r.body_id,
            title: r.title.clone(),
            published_on: r.published_on,
            last_day: dates::section_55_last_day(r.published_on),
            response_published_on: r.response_published_on,
            countdown: dates::section_55_countdown(
                r.published_on,
                r.response_published_on,
                snap.as_at,
            ),
        })
        .collect();
    rows.sort_by_key(|r| match r.response_published_on {
        None => (false, r.last_day.num_days_from_ce(), r.inspection_id),
        Some(_) => (true, -r.published_on.num_days_from_ce(), -r.inspection_id),
    });
    rows
}

/// One fire report's action plan review line.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanReview {
    pub inspection_id: i64,
    pub body_id: i64,
    pub title: String,
    pub published_on: NaiveDate,
    pub due: NaiveDate,
    /// The last day as extended, if it was (`due` is then that day).
    pub extended_to: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub countdown: Countdown,
}

/// The 28-day action plan review line of each fire report with a cause of concern.
pub fn plan_reviews(snap: &DashboardSnapshot, f: &Filters, bodies: &Scope) -> Vec<PlanReview> {
    snap.reports
        .iter()
        .filter(|r| r.regime.is_fire())
        .filter(|r| bodies.admits(r.body_id))
        .filter(|r| f.inspection.is_none_or(|i| r.id == i))
        .map(|r| PlanReview {
            inspection_id: r.id,
            body_id: r.body_id,
            title: r.title.clone(),
            published_on: r.published_on,
            due: regimes::plan_review_due_on(r.published_on, r.plan_review_extended_to),
            extended_to: r.plan_review_extended_to,
            received_on: r.plan_review_received_on,
            countdown: regimes::plan_review_countdown(
                r.published_on,
                r.plan_review_extended_to,
                r.plan_review_received_on,
                snap.as_at,
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn finding(id: i64, inspection_id: i64, rag: Option<Rag>) -> FindingFacts {
        FindingFacts {
            id,
            inspection_id,
            // Inspection 1 is about body 1, inspection 2 about body 2.
            body_id: inspection_id,
            kind: crate::domain::vocab::FindingKind::Recommendation,
            reference: format!("R{id}"),
            area: "Custody".into(),
            force_rag: rag,
            assurance: None,
            position: None,
        }
    }

    fn action(id: i64, owner: &str, findings: &[i64]) -> ActionFacts {
        ActionFacts {
            id,
            owner_name: owner.into(),
            created_on: Some(d("2026-01-01")),
            finding_ids: findings.to_vec(),
            body_id: 1,
            ..ActionFacts::default()
        }
    }

    fn snapshot() -> DashboardSnapshot {
        DashboardSnapshot {
            as_at: d("2026-03-02"),
            findings: vec![
                finding(1, 1, Some(Rag::Red)),
                finding(2, 1, None),
                finding(3, 2, Some(Rag::Red)),
            ],
            actions: vec![action(1, "Alice", &[1]), action(2, "Bob", &[2, 3])],
            milestones: vec![],
            arising: vec![],
            reports: vec![],
            bodies: vec![],
        }
    }

    #[test]
    fn each_voice_counts_every_value_and_none_yet_separately() {
        let snap = snapshot();
        let scoped = scope(&snap, &Filters::default(), &Scope::All);
        let counts = voice_counts(&scoped.findings);
        assert_eq!(counts.total, 3);
        assert!(counts.rag.contains(&(Some(Rag::Red), 2)));
        assert!(counts.rag.contains(&(None, 1)));
        assert!(counts.assurance.contains(&(None, 3)));
        assert_eq!(counts.rag.len(), Rag::ALL.len() + 1);
    }

    #[test]
    fn the_owner_filter_narrows_actions_and_the_findings_they_address() {
        let snap = snapshot();
        let f = Filters {
            owner: Some("bob".into()),
            ..Filters::default()
        };
        let scoped = scope(&snap, &f, &Scope::All);
        assert_eq!(scoped.actions.iter().map(|a| a.id).collect::<Vec<_>>(), [2]);
        assert_eq!(
            scoped.findings.iter().map(|x| x.id).collect::<Vec<_>>(),
            [2, 3]
        );
    }

    #[test]
    fn a_finding_filter_keeps_only_actions_addressing_a_finding_in_view() {
        let snap = snapshot();
        let f = Filters {
            inspection: Some(2),
            ..Filters::default()
        };
        let scoped = scope(&snap, &f, &Scope::All);
        assert_eq!(scoped.findings.len(), 1);
        assert_eq!(scoped.actions.iter().map(|a| a.id).collect::<Vec<_>>(), [2]);
    }

    fn arising(id: i64, finding_id: Option<i64>, body_id: Option<i64>) -> ArisingFacts {
        ArisingFacts {
            id,
            meeting_id: 1,
            finding_id,
            action_id: None,
            body_id,
            description: "Generated".into(),
            owner: "Someone".into(),
            due_on: d("2026-04-01"),
            status: ArisingStatus::Open,
        }
    }

    fn report(id: i64, body_id: i64, regime: regimes::Regime) -> super::super::ReportFacts {
        super::super::ReportFacts {
            id,
            body_id,
            title: format!("Report {id}"),
            regime,
            published_on: d("2026-02-01"),
            response_published_on: None,
            plan_review_received_on: None,
            plan_review_extended_to: None,
        }
    }

    #[test]
    fn a_body_scope_keeps_only_that_bodys_findings_actions_arising_and_reports() {
        let mut snap = snapshot();
        snap.actions[1].body_id = 2;
        snap.arising = vec![
            arising(1, Some(1), Some(1)),
            arising(2, Some(3), Some(2)),
            arising(3, None, None),
        ];
        snap.reports = vec![
            report(1, 1, regimes::Regime::Section55),
            report(2, 2, regimes::Regime::Section55),
            report(3, 2, regimes::Regime::FireCauseOfConcern),
        ];
        let one = Scope::Bodies(vec![1]);
        let scoped = scope(&snap, &Filters::default(), &one);
        assert_eq!(
            scoped.findings.iter().map(|x| x.id).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(scoped.actions.iter().map(|a| a.id).collect::<Vec<_>>(), [1]);
        assert_eq!(scoped.arising.iter().map(|x| x.id).collect::<Vec<_>>(), [1]);
        let reports = section_55(&snap, &Filters::default(), &one);
        assert_eq!(
            reports
                .iter()
                .map(|r| (r.inspection_id, r.body_id))
                .collect::<Vec<_>>(),
            [(1, 1)]
        );
        // Every body: the action arising about nothing in particular is in view too.
        let all = scope(&snap, &Filters::default(), &Scope::All);
        assert_eq!(all.arising.len(), 3);
        assert_eq!(section_55(&snap, &Filters::default(), &Scope::All).len(), 2);
        assert!(plan_reviews(&snap, &Filters::default(), &one).is_empty());
        assert_eq!(
            plan_reviews(&snap, &Filters::default(), &Scope::All).len(),
            1
        );
        // The owner filter looks only at the actions of the bodies in view.
        let bob = Filters {
            owner: Some("bob".into()),
            ..Filters::default()
        };
        assert!(scope(&snap, &bob, &one).findings.is_empty());
    }

    #[test]
    fn staleness_runs_from_the_latest_update_or_creation_and_never_for_complete_items() {
        let as_at = d("2026-03-02");
        let mut a = action(1, "Alice", &[]);
        a.created_on = Some(d("2026-01-18"));
        assert!(is_stale(&a, as_at, 42));
        a.created_on = Some(d("2026-01-19"));
        assert!(!is_stale(&a, as_at, 42));
        a.latest_as_at = Some(d("2025-12-01"));
        assert!(is_stale(&a, as_at, 42));
        a.latest_rag = Some(Rag::Blue);
        assert!(!is_stale(&a, as_at, 42));
    }

    #[test]
    fn section_55_lists_reports_awaiting_a_response_first_nearest_last_day_first_then_the_newest_answered()
     {
        use regimes::Regime;
        let mut snap = snapshot();
        let dated = |id, published: &str, response: Option<&str>| super::super::ReportFacts {
            published_on: d(published),
            response_published_on: response.map(d),
            ..report(id, 1, Regime::Section55)
        };
        snap.reports = vec![
            dated(1, "2025-01-10", Some("2025-02-20")),
            dated(2, "2026-01-05", None),
            dated(3, "2025-06-01", Some("2025-07-01")),
            dated(4, "2025-12-01", None),
            dated(5, "2025-06-01", Some("2025-07-20")),
            dated(6, "2025-12-01", None),
        ];
        let order: Vec<i64> = section_55(&snap, &Filters::default(), &Scope::All)
            .iter()
            .map(|r| r.inspection_id)
            .collect();
        assert_eq!(order, [4, 6, 2, 5, 3, 1]);
    }

    #[test]
    fn section_55_lists_only_police_reports_and_the_review_clock_only_fire_ones() {
        use regimes::Regime;
        let mut snap = snapshot();
        snap.reports = vec![
            report(1, 1, Regime::Section55),
            report(2, 1, Regime::FireCauseOfConcern),
            report(3, 1, Regime::None),
        ];
        let f = Filters::default();
        let police: Vec<i64> = section_55(&snap, &f, &Scope::All)
            .iter()
            .map(|r| r.inspection_id)
            .collect();
        assert_eq!(police, [1]);
        let fire = plan_reviews(&snap, &f, &Scope::All);
        assert_eq!(fire.len(), 1);
        assert_eq!(fire[0].inspection_id, 2);
        assert_eq!(fire[0].due, d("2026-03-01"));
        assert_eq!(fire[0].countdown, Countdown::Overdue(1));
        let other = Filters {
            inspection: Some(1),
            ..Filters::default()
        };
        assert!(plan_reviews(&snap, &other, &Scope::All).is_empty());
        let this = Filters {
            inspection: Some(2),
            ..Filters::default()
        };
        assert_eq!(plan_reviews(&snap, &this, &Scope::All).len(), 1);
    }
}
