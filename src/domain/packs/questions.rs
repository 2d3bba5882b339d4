//! Suggested questions: one plain sentence for each fact that calls for an answer.

use chrono::NaiveDate;

use super::PackFacts;
use crate::domain::dates::{self, Countdown, uk_date};
use crate::domain::vocab::Assurance;

fn rank(level: Assurance) -> u8 {
    match level {
        Assurance::Substantial => 3,
        Assurance::Reasonable => 2,
        Assurance::Limited => 1,
        Assurance::NoAssurance => 0,
    }
}

/// A number as people write it: no ".0" on whole numbers.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

pub(super) fn questions(f: &PackFacts, meeting: NaiveDate) -> Vec<String> {
    let mut q = Vec::new();
    for o in &f.overdue_milestones {
        q.push(format!(
            "Milestone '{}' on {} is {} days overdue: when will it be delivered, and what is stopping it?",
            o.item.title, o.item.action_reference, o.days_overdue
        ));
    }
    for o in &f.overdue_arising {
        q.push(format!(
            "The action arising '{}' ({}) was due on {} and is {} days overdue: when will it be answered?",
            o.item.description, o.item.owner, uk_date(o.item.due_on), o.days_overdue
        ));
    }
    for r in &f.revised {
        q.push(format!(
            "Milestone '{}' on {} moved from {} to {} ({}): how confident is the force in the new date?",
            r.milestone.title, r.milestone.action_reference, uk_date(r.revision.previous_due_on),
            uk_date(r.revision.new_due_on), r.revision.reason_category.label().to_lowercase()
        ));
    }
    for s in &f.stale {
        q.push(match s.last_update {
            Some(d) => format!(
                "{} '{}' has had no update since {} ({} days before the meeting): what progress has been made?",
                s.action.reference, s.action.title, uk_date(d), dates::days_between(d, meeting)
            ),
            None => format!(
                "{} '{}' has never been updated: what progress has been made?",
                s.action.reference, s.action.title
            ),
        });
    }
    for r in &f.no_update {
        q.push(format!(
            "No update on {} was received by the deadline: why not, and where does it stand?",
            r.label
        ));
    }
    for c in f
        .assurance_changes
        .iter()
        .filter(|c| c.from.is_some_and(|p| rank(c.to) < rank(p)))
    {
        q.push(format!(
            "Assurance on {} fell from {} to {} on {}: what will the force do about the concerns behind it?",
            c.finding_reference, c.from.map_or("", |p| p.label()).to_lowercase(),
            c.to.label().to_lowercase(), uk_date(c.on)
        ));
    }
    for w in &f.wrong_way {
        q.push(format!(
            "'{}' moved the wrong way, from {} to {}{}: what explains it, and what is being done?",
            w.name,
            number(w.previous.1),
            number(w.latest.1),
            if w.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", w.unit)
            }
        ));
    }
    for r in &f.reports {
        match r.countdown {
            Countdown::Overdue(n) => q.push(format!(
                "The response to '{}' is {} days past the section 55 deadline: when will it be published?",
                r.report.title, n
            )),
            Countdown::DaysLeft(_) => q.push(format!(
                "The response to '{}' must be published by {}: is it on track?",
                r.report.title, uk_date(dates::section_55_last_day(r.report.published_on))
            )),
            _ => {}
        }
    }
    q
}
