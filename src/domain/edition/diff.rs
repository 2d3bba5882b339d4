//! What changed between two editions, item by item, for the "what changed" pages.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Finding, Inspection, Meeting, Milestone, Snapshot, TimelineEntry};
use crate::domain::vocab::{FindingKind, MilestoneState, assurance_label};

/// Which finding a change is about, in words the public can follow.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRef {
    pub inspection_title: String,
    pub kind: FindingKind,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VoiceChange {
    pub finding: FindingRef,
    /// "The force position", "The PCC assurance" or the issuing body's position in the
    /// report's own wording ("HMICFRS's position", "The coroner's position"), starting a
    /// sentence.
    pub voice: &'static str,
    pub from: String,
    pub to: String,
}

/// A milestone whose current due date moved, or whose state changed.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneMove {
    pub title: String,
    pub from_due: NaiveDate,
    pub to_due: NaiveDate,
    pub from_state: MilestoneState,
    pub to_state: MilestoneState,
}

/// Everything that differs between an older and a newer edition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    pub added_findings: Vec<FindingRef>,
    pub removed_findings: Vec<FindingRef>,
    pub summaries_published: Vec<FindingRef>,
    pub voice_changes: Vec<VoiceChange>,
    pub milestone_dates: Vec<MilestoneMove>,
    pub milestone_states: Vec<MilestoneMove>,
    pub new_milestones: Vec<String>,
    pub new_updates: Vec<TimelineEntry>,
    pub new_meetings: Vec<Meeting>,
    /// Response documents released since, or changed since they were: (report, document).
    pub responses_published: Vec<(String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

fn findings(s: &Snapshot) -> BTreeMap<i64, (&Inspection, &Finding)> {
    s.inspections
        .iter()
        .flat_map(|i| i.findings.iter().map(move |f| (f.id, (i, f))))
        .collect()
}

fn milestones(s: &Snapshot) -> BTreeMap<i64, &Milestone> {
    s.inspections
        .iter()
        .flat_map(|i| i.milestones())
        .map(|m| (m.id, m))
        .collect()
}

fn reference(i: &Inspection, f: &Finding) -> FindingRef {
    FindingRef {
        inspection_title: i.title.clone(),
        kind: f.kind,
        reference: f.reference.clone(),
    }
}

/// `position`: the heading of the issuing body's voice on the finding's report.
fn voice_changes(
    old: &Finding,
    new: &Finding,
    r: &FindingRef,
    position: &'static str,
) -> Vec<VoiceChange> {
    let (o, n) = (&old.voices, &new.voices);
    let label = |x: Option<&'static str>, none: &str| x.unwrap_or(none).to_string();
    let pairs = [
        (
            "The force position",
            label(o.force_rag.map(|r| r.label()), "No update yet"),
            label(n.force_rag.map(|r| r.label()), "No update yet"),
        ),
        (
            "The PCC assurance",
            assurance_label(o.assurance).into(),
            assurance_label(n.assurance).into(),
        ),
        (
            position,
            label(o.position.map(|p| p.label()), "No position recorded"),
            label(n.position.map(|p| p.label()), "No position recorded"),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, from, to)| from != to)
        .map(|(voice, from, to)| VoiceChange {
            finding: r.clone(),
            voice,
            from,
            to,
        })
        .collect()
}

/// What changed from `old` to `new` (pass an empty snapshot for "since nothing was published").
pub fn diff(old: &Snapshot, new: &Snapshot) -> Changes {
    let (of, nf) = (findings(old), findings(new));
    let mut c = Changes::default();
    for (id, (i, f)) in &nf {
        let r = reference(i, f);
        match of.get(id) {
            None => c.added_findings.push(r),
            Some((_, before)) => {
                if f.summary.is_some() && f.summary != before.summary {
                    c.summaries_published.push(r.clone());
                }
                c.voice_changes
                    .extend(voice_changes(before, f, &r, i.position_heading()));
            }
        }
    }
    c.removed_findings = of
        .iter()
        .filter(|(id, _)| !nf.contains_key(id))
        .map(|(_, (i, f))| reference(i, f))
        .collect();
    let (om, nm) = (milestones(old), milestones(new));
    for (id, m) in &nm {
        let Some(before) = om.get(id) else {
            c.new_milestones.push(m.title.clone());
            continue;
        };
        let moved = MilestoneMove {
            title: m.title.clone(),
            from_due: before.current_due_on,
            to_due: m.current_due_on,
            from_state: before.state,
            to_state: m.state,
        };
        if before.current_due_on != m.current_due_on {
            c.milestone_dates.push(moved.clone());
        }
        if before.state != m.state {
            c.milestone_states.push(moved);
        }
    }
    let old_updates: BTreeSet<i64> = old.updates().iter().map(|(u, _)| u.update_id).collect();
    c.new_updates = new
        .updates()
        .into_iter()
        .filter(|(u, _)| !old_updates.contains(&u.update_id))
        .map(|(u, _)| u.clone())
        .collect();
    let old_meetings: BTreeSet<i64> = old.meetings.iter().map(|m| m.id).collect();
    c.new_meetings = new
        .meetings
        .iter()
        .filter(|m| !old_meetings.contains(&m.id))
        .cloned()
        .collect();
    let old_responses: BTreeMap<(i64, i64), _> = old
        .inspections
        .iter()
        .flat_map(|i| {
            i.responses
                .iter()
                .map(move |r| ((i.id, r.rule_id), &r.document))
        })
        .collect();
    c.responses_published = new
        .inspections
        .iter()
        .flat_map(|i| i.responses.iter().map(move |r| (i, r)))
        .filter(|(i, r)| old_responses.get(&(i.id, r.rule_id)) != Some(&&r.document))
        .map(|(i, r)| (i.title.clone(), r.document.title.clone()))
        .collect();
    c
}
