//! The meeting pack: the facts a scrutiny meeting should see, computed from the loaded record
//! (overdue, due soon, revised, stale, unanswered, assurance changes, measures, s55), and the
//! questions they suggest. Pure: the caller loads everything with a fixed number of queries.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::domain::dates::{self, Countdown, uk_date};
use crate::domain::meetings::{UpdateOutcome, arising_overdue, update_outcome};
use crate::domain::vocab::{ArisingStatus, Assurance, Better, Rag, ReasonCategory};

/// How far ahead "before the next meeting" looks when no later meeting is planned.
pub const DEFAULT_LOOKAHEAD_DAYS: u64 = 90;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MilestoneIn {
    pub id: i64,
    pub action_id: i64,
    pub action_reference: String,
    pub title: String,
    pub original_due_on: NaiveDate,
    pub current_due_on: NaiveDate,
    pub met_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RevisionIn {
    pub milestone_id: i64,
    pub previous_due_on: NaiveDate,
    pub new_due_on: NaiveDate,
    pub reason_category: ReasonCategory,
    pub reason: String,
    pub accepted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ActionIn {
    pub id: i64,
    pub reference: String,
    pub title: String,
}

/// A progress update, on an action or directly on a finding.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct UpdateIn {
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub as_at: NaiveDate,
    pub rag: Rag,
    pub entered_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ArisingIn {
    pub id: i64,
    pub description: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub status: ArisingStatus,
}

/// An item the force was asked to update before this meeting; `label` names it ("CP-05").
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RequestIn {
    pub id: i64,
    pub action_id: Option<i64>,
    pub finding_id: Option<i64>,
    pub label: String,
    pub requested_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct AssessmentIn {
    pub id: i64,
    pub finding_id: i64,
    pub finding_reference: String,
    pub part_id: Option<i64>,
    pub level: Assurance,
    pub assessed_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReadingIn {
    pub measure_id: i64,
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub taken_on: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReportIn {
    pub id: i64,
    pub title: String,
    pub published_on: NaiveDate,
    pub response_published_on: Option<NaiveDate>,
}

/// Everything the pack is computed from.
#[derive(Debug, Clone, Default)]
pub struct PackInput {
    pub meeting_date: NaiveDate,
    pub today: NaiveDate,
    pub previous_meeting: Option<NaiveDate>,
    pub next_meeting: Option<NaiveDate>,
    pub update_deadline: Option<NaiveDate>,
    pub stale_after_days: i64,
    pub milestones: Vec<MilestoneIn>,
    pub revisions: Vec<RevisionIn>,
    pub actions: Vec<ActionIn>,
    pub updates: Vec<UpdateIn>,
    pub arising: Vec<ArisingIn>,
    pub requests: Vec<RequestIn>,
    pub assessments: Vec<AssessmentIn>,
    pub readings: Vec<ReadingIn>,
    pub reports: Vec<ReportIn>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Overdue<T> {
    pub item: T,
    pub days_overdue: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Revised {
    pub milestone: MilestoneIn,
    pub revision: RevisionIn,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    pub action: ActionIn,
    pub last_update: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AssuranceChange {
    pub finding_id: i64,
    pub finding_reference: String,
    pub part_id: Option<i64>,
    pub from: Option<Assurance>,
    pub to: Assurance,
    pub on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WrongWay {
    pub name: String,
    pub unit: String,
    pub better: Better,
    pub previous: (NaiveDate, f64),
    pub latest: (NaiveDate, f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportPosition {
    pub report: ReportIn,
    pub countdown: Countdown,
}

/// The computed pack.
#[derive(Debug, Clone, PartialEq)]
pub struct PackFacts {
    /// The date "overdue" is counted to: today, or the meeting date if that is earlier.
    pub as_at: NaiveDate,
    /// The end of the look-ahead: the next planned meeting, or 90 days after this one.
    pub lookahead_to: NaiveDate,
    pub previous_meeting: Option<NaiveDate>,
    pub overdue_milestones: Vec<Overdue<MilestoneIn>>,
    pub overdue_arising: Vec<Overdue<ArisingIn>>,
    pub due_soon: Vec<MilestoneIn>,
    pub revised: Vec<Revised>,
    pub stale: Vec<Stale>,
    pub no_update: Vec<RequestIn>,
    pub assurance_changes: Vec<AssuranceChange>,
    pub wrong_way: Vec<WrongWay>,
    pub reports: Vec<ReportPosition>,
    pub questions: Vec<String>,
}

fn since_previous(previous: Option<NaiveDate>, date: NaiveDate, until: NaiveDate) -> bool {
    previous.is_none_or(|p| date > p) && date <= until
}

/// Compute the pack for a meeting from the loaded record.
pub fn compute(input: &PackInput) -> PackFacts {
    let as_at = input.today.min(input.meeting_date);
    let lookahead_to = input.next_meeting.unwrap_or_else(|| {
        input
            .meeting_date
            .checked_add_days(Days::new(DEFAULT_LOOKAHEAD_DAYS))
            .unwrap_or(NaiveDate::MAX)
    });
    let open: Vec<&MilestoneIn> = input
        .milestones
        .iter()
        .filter(|m| m.met_on.is_none())
        .collect();
    let mut overdue_milestones: Vec<_> = open
        .iter()
        .filter(|m| m.current_due_on < as_at)
        .map(|m| Overdue {
            item: (*m).clone(),
            days_overdue: dates::days_between(m.current_due_on, as_at),
        })
        .collect();
    overdue_milestones.sort_by_key(|o| (o.item.current_due_on, o.item.id));
    let mut due_soon: Vec<MilestoneIn> = open
        .iter()
        .filter(|m| m.current_due_on >= as_at && m.current_due_on <= lookahead_to)
        .map(|m| (*m).clone())
        .collect();
    due_soon.sort_by_key(|m| (m.current_due_on, m.id));
    let mut overdue_arising: Vec<_> = input
        .arising
        .iter()
        .filter(|a| arising_overdue(a.due_on, a.status, as_at))
        .map(|a| Overdue {
            item: a.clone(),
            days_overdue: dates::days_between(a.due_on, as_at),
        })
        .collect();
    overdue_arising.sort_by_key(|o| (o.item.due_on, o.item.id));
    let facts = PackFacts {
        as_at,
        lookahead_to,
        previous_meeting: input.previous_meeting,
        overdue_milestones,
        overdue_arising,
        due_soon,
        revised: revised(input),
        stale: stale(input),
        no_update: no_update(input),
        assurance_changes: assurance_changes(input),
        wrong_way: wrong_way(input),
        reports: reports(input, as_at),
        questions: Vec::new(),
    };
    PackFacts {
        questions: questions(&facts, input.meeting_date),
        ..facts
    }
}

fn revised(input: &PackInput) -> Vec<Revised> {
    let mut out: Vec<Revised> = input
        .revisions
        .iter()
        .filter(|r| {
            let on = dates::today_in_london(r.accepted_at);
            since_previous(input.previous_meeting, on, input.meeting_date)
        })
        .filter_map(|r| {
            let milestone = input.milestones.iter().find(|m| m.id == r.milestone_id)?;
            Some(Revised {
                milestone: milestone.clone(),
                revision: r.clone(),
            })
        })
        .collect();
    out.sort_by_key(|r| (r.revision.accepted_at, r.milestone.id));
    out
}

/// Actions not reported complete whose latest update (as at the meeting) is older than the
/// stale period, or that have never been updated.
fn stale(input: &PackInput) -> Vec<Stale> {
    input
        .actions
        .iter()
        .filter_map(|action| {
            let latest = input
                .updates
                .iter()
                .filter(|u| u.action_id == Some(action.id) && u.as_at <= input.meeting_date)
                .max_by_key(|u| (u.as_at, u.entered_at));
            if latest.is_some_and(|u| u.rag == Rag::Blue) {
                return None;
            }
            let last = latest.map(|u| u.as_at);
            let is_stale =
                last.is_none_or(|d| dates::is_stale(d, input.meeting_date, input.stale_after_days));
            is_stale.then(|| Stale {
                action: action.clone(),
                last_update: last,
            })
        })
        .collect()
}

fn no_update(input: &PackInput) -> Vec<RequestIn> {
    input
        .requests
        .iter()
        .filter(|r| request_outcome(r, input) == UpdateOutcome::NotReceived)
        .cloned()
        .collect()
}

/// Whether the force answered one update request.
pub fn request_outcome(request: &RequestIn, input: &PackInput) -> UpdateOutcome {
    let entered: Vec<DateTime<Utc>> = input
        .updates
        .iter()
        .filter(|u| {
            (request.action_id.is_some() && u.action_id == request.action_id)
                || (request.finding_id.is_some() && u.finding_id == request.finding_id)
        })
        .map(|u| u.entered_at)
        .collect();
    update_outcome(
        request.requested_at,
        input.update_deadline,
        input.today,
        &entered,
    )
}

fn assurance_changes(input: &PackInput) -> Vec<AssuranceChange> {
    let mut sorted: Vec<&AssessmentIn> = input.assessments.iter().collect();
    sorted.sort_by_key(|a| (a.finding_id, a.part_id, a.assessed_on, a.id));
    let mut out = Vec::new();
    let mut previous: Option<&AssessmentIn> = None;
    for a in sorted {
        let before = previous
            .filter(|p| p.finding_id == a.finding_id && p.part_id == a.part_id)
            .map(|p| p.level);
        if since_previous(input.previous_meeting, a.assessed_on, input.meeting_date)
            && before != Some(a.level)
        {
            out.push(AssuranceChange {
                finding_id: a.finding_id,
                finding_reference: a.finding_reference.clone(),
                part_id: a.part_id,
                from: before,
                to: a.level,
                on: a.assessed_on,
            });
        }
        previous = Some(a);
    }
    out
}

fn wrong_way(input: &PackInput) -> Vec<WrongWay> {
    let mut sorted: Vec<&ReadingIn> = input
        .readings
        .iter()
        .filter(|r| r.taken_on <= input.meeting_date)
        .collect();
    sorted.sort_by_key(|r| (r.measure_id, r.taken_on));
    sorted
        .chunk_by(|a, b| a.measure_id == b.measure_id)
        .filter_map(|readings| {
            let [.., previous, latest] = readings else {
                return None;
            };
            let worse = match latest.better {
                Better::Higher => latest.value < previous.value,
                Better::Lower => latest.value > previous.value,
            };
            worse.then(|| WrongWay {
                name: latest.name.clone(),
                unit: latest.unit.clone(),
                better: latest.better,
                previous: (previous.taken_on, previous.value),
                latest: (latest.taken_on, latest.value),
            })
        })
        .collect()
}

fn reports(input: &PackInput, as_at: NaiveDate) -> Vec<ReportPosition> {
    input
        .reports
        .iter()
        .filter(|r| since_previous(input.previous_meeting, r.published_on, input.meeting_date))
        .map(|r| ReportPosition {
            countdown: dates::section_55_countdown(r.published_on, r.response_published_on, as_at),
            report: r.clone(),
        })
        .collect()
}

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

fn questions(f: &PackFacts, meeting: NaiveDate) -> Vec<String> {
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

#[cfg(test)]
mod tests;
