//! The meeting pack: the facts a scrutiny meeting should see, computed from the loaded record
//! (overdue, due soon, revised, stale, unanswered, assurance changes, measures, s55), and the
//! questions they suggest. Pure: the caller loads everything with a fixed number of queries.

mod input;
mod questions;

use chrono::{DateTime, Days, Months, NaiveDate, Utc};

use crate::domain::dates::{self, Countdown};
use crate::domain::meetings::{UpdateOutcome, arising_overdue, update_outcome};
use crate::domain::vocab::{Assurance, Better, Rag};

pub use input::*;
pub use questions::number;
use questions::questions;

/// How far ahead "before the next meeting" looks when there is no later meeting.
pub const DEFAULT_LOOKAHEAD_DAYS: u64 = 90;

/// How far back "since the previous meeting" looks when there is no earlier meeting.
pub const DEFAULT_LOOKBACK_MONTHS: u32 = 3;

/// Where the pack's "since the previous meeting" sections start counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// Changes after the previous meeting's date (that meeting saw what was dated on its day).
    PreviousMeeting(NaiveDate),
    /// No earlier meeting: changes after the date three calendar months before this meeting
    /// (23 March → changes after 23 December), not everything back to the start of the record.
    ThreeMonthsBefore(NaiveDate),
}

impl Since {
    /// The rule: the previous meeting (by date, whatever its status) if there is one, else
    /// [`DEFAULT_LOOKBACK_MONTHS`] calendar months before the meeting (the last day of a
    /// shorter month when the day does not exist: 31 May → 28 or 29 February).
    pub fn rule(previous_meeting: Option<NaiveDate>, meeting_date: NaiveDate) -> Self {
        match previous_meeting {
            Some(p) => Self::PreviousMeeting(p),
            None => Self::ThreeMonthsBefore(
                meeting_date
                    .checked_sub_months(Months::new(DEFAULT_LOOKBACK_MONTHS))
                    .unwrap_or(NaiveDate::MIN),
            ),
        }
    }

    /// The date changes are counted after (exclusive).
    pub fn after(self) -> NaiveDate {
        match self {
            Self::PreviousMeeting(d) | Self::ThreeMonthsBefore(d) => d,
        }
    }

    /// Whether something dated `date` is new for a meeting on `until`.
    pub fn includes(self, date: NaiveDate, until: NaiveDate) -> bool {
        date > self.after() && date <= until
    }
}

/// The end of the look-ahead: the next meeting by date, whatever its status (a meeting held
/// in between is the next one the force answers to), or 90 days after this meeting.
pub fn lookahead_to(next_meeting: Option<NaiveDate>, meeting_date: NaiveDate) -> NaiveDate {
    next_meeting.unwrap_or_else(|| {
        meeting_date
            .checked_add_days(Days::new(DEFAULT_LOOKAHEAD_DAYS))
            .unwrap_or(NaiveDate::MAX)
    })
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
    /// The end of the look-ahead: the next meeting by date, or 90 days after this one.
    pub lookahead_to: NaiveDate,
    pub previous_meeting: Option<NaiveDate>,
    /// Where "since the previous meeting" starts: see [`Since::rule`].
    pub since: Since,
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

/// Compute the pack for a meeting from the loaded record.
pub fn compute(input: &PackInput) -> PackFacts {
    let as_at = input.today.min(input.meeting_date);
    let lookahead_to = lookahead_to(input.next_meeting, input.meeting_date);
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
        since: since(input),
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

fn since(input: &PackInput) -> Since {
    Since::rule(input.previous_meeting, input.meeting_date)
}

fn revised(input: &PackInput) -> Vec<Revised> {
    let mut out: Vec<Revised> = input
        .revisions
        .iter()
        .filter(|r| {
            let on = dates::today_in_london(r.accepted_at);
            since(input).includes(on, input.meeting_date)
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
        if since(input).includes(a.assessed_on, input.meeting_date) && before != Some(a.level) {
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
        .filter(|r| since(input).includes(r.published_on, input.meeting_date))
        .map(|r| ReportPosition {
            countdown: dates::section_55_countdown(r.published_on, r.response_published_on, as_at),
            report: r.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
