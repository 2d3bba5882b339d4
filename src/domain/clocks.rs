//! Response clocks as data: a rule says who owes a response to whom, the event that starts the
//! clock, its length and how its days are counted; a report of the rule's source starts one
//! clock. Extensions move the last day like milestone revisions (the original is kept, slips
//! are counted); the first response sent meets it. Section 55 is one such rule.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::domain::dates::{Countdown, Slips, countdown, days_between, slips};
use crate::domain::regimes::{Regime, RegimeFacts};
use crate::domain::vocab::{BodyKind, ClockStart, Counting, Source};

/// The seeded rules' keys (migration 0032).
pub const SECTION_55: &str = "section_55";
pub const ACTION_PLAN: &str = "action_plan";
pub const FIRE_PLAN_REVIEW: &str = "fire_plan_review";

/// How many days before its last day a running clock counts as due soon.
pub const DUE_SOON_DAYS: i64 = 14;

impl Counting {
    /// The last day of a period of `days` days counted from `start`: "within 56 days
    /// beginning with" the day ends on start + 55; "within 28 days of" it on start + 28.
    pub fn last_day(self, start: NaiveDate, days: u32) -> NaiveDate {
        let days = match self {
            Self::BeginningWith => days.saturating_sub(1),
            Self::After => days,
        };
        start
            .checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX)
    }
}

/// A response obligation, as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Rule {
    pub id: i64,
    pub key: Option<String>,
    pub source: Source,
    pub body_kind: Option<BodyKind>,
    pub needs_cause_of_concern: bool,
    pub name: String,
    pub owed_by: String,
    pub owed_to: String,
    pub starts_on: ClockStart,
    pub length_days: i64,
    pub counting: Counting,
    pub publish: String,
    pub editable: bool,
    pub version: i64,
}

impl Rule {
    fn is(&self, key: &str) -> bool {
        self.key.as_deref() == Some(key)
    }

    /// Whether a report with these facts starts this rule's clock: its source, the kind of
    /// body where the rule names one, a cause of concern where the rule asks for one – and,
    /// for section 55 and the force action plan, the report's own obligations (a follow-up
    /// starts neither, unless the office says otherwise).
    pub fn applies_to(&self, facts: &RegimeFacts) -> bool {
        let matches = self.source == facts.source
            && self.body_kind.is_none_or(|k| k == facts.body_kind)
            && (!self.needs_cause_of_concern || facts.has_cause_of_concern);
        let obligations = facts.applies.obligations(Regime::Section55);
        matches
            && (!self.is(SECTION_55) || obligations.section_55)
            && (!self.is(ACTION_PLAN) || obligations.action_plan)
    }

    /// The last day for a report whose clock starts on `start`, before any extension.
    pub fn last_day(&self, start: NaiveDate) -> NaiveDate {
        let days = u32::try_from(self.length_days.max(1)).unwrap_or(u32::MAX);
        self.counting.last_day(start, days)
    }

    /// Whether a deadline under this rule may be extended. The Police Act gives the section
    /// 55 period no extension; a coroner, HMICFRS or the office may extend the others.
    pub fn extendable(&self) -> bool {
        !self.is(SECTION_55)
    }

    /// The period in words: "56 days beginning with the report's publication".
    pub fn period(&self) -> String {
        let event = match self.starts_on {
            ClockStart::Publication => "the report's publication",
            ClockStart::Sent => "the report being sent",
        };
        let how = match self.counting {
            Counting::BeginningWith => "beginning with",
            Counting::After => "of",
        };
        format!(
            "{} {how} {event}",
            crate::domain::numbers::count(self.length_days, "day", "days")
        )
    }
}

/// An extension of one report's clock, as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Extension {
    pub id: i64,
    pub inspection_id: i64,
    pub rule_id: i64,
    pub new_last_day: NaiveDate,
    pub requested_on: Option<NaiveDate>,
    pub granted_on: NaiveDate,
    pub granted_by: String,
    pub reason: String,
}

/// A response sent under one report's clock, as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Sent {
    pub id: i64,
    pub inspection_id: i64,
    pub rule_id: i64,
    pub sent_on: NaiveDate,
    pub sent_to: String,
    pub note: Option<String>,
}

/// Where a clock stands, for filters and tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Overdue,
    DueSoon,
    Running,
    MetLate,
    Met,
}

impl ClockState {
    pub const ALL: [Self; 5] = [
        Self::Overdue,
        Self::DueSoon,
        Self::Running,
        Self::MetLate,
        Self::Met,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::DueSoon => "due_soon",
            Self::Running => "running",
            Self::MetLate => "met_late",
            Self::Met => "met",
        }
    }

    pub fn parse(token: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == token)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Overdue => "Overdue",
            Self::DueSoon => "Due within 14 days",
            Self::Running => "Running",
            Self::MetLate => "Met late",
            Self::Met => "Met on time",
        }
    }

    /// Whether a response is still owed.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Overdue | Self::DueSoon | Self::Running)
    }
}

/// One report's clock under one rule: its original and current last day, extensions, the
/// responses sent and where it stands today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportClock {
    pub rule: Rule,
    pub starts: NaiveDate,
    pub original_last_day: NaiveDate,
    pub last_day: NaiveDate,
    pub extensions: Vec<Extension>,
    pub sent: Vec<Sent>,
    /// The day the response was given: the first sending, or the date the record already
    /// kept for it (section 55 comments published, action plan received, review received).
    pub met_on: Option<NaiveDate>,
    pub slips: Slips,
    #[serde(skip)]
    pub countdown: Countdown,
}

impl ReportClock {
    /// The clock of `rule` for a report starting on `starts`, with its extensions and
    /// sendings (each oldest first) and the met date the record kept elsewhere, on `today`.
    pub fn new(
        rule: Rule,
        starts: NaiveDate,
        extensions: Vec<Extension>,
        sent: Vec<Sent>,
        kept_met_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Self {
        let original_last_day = rule.last_day(starts);
        let mut previous = original_last_day;
        let moves: Vec<(NaiveDate, NaiveDate)> = extensions
            .iter()
            .map(|e| {
                let pair = (previous, e.new_last_day);
                previous = e.new_last_day;
                pair
            })
            .collect();
        let slips = slips(original_last_day, &moves);
        let last_day = previous;
        let first_sent = sent.iter().map(|s| s.sent_on).min();
        let met_on = match (kept_met_on, first_sent) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Self {
            countdown: countdown(last_day, met_on, today),
            rule,
            starts,
            original_last_day,
            last_day,
            extensions,
            sent,
            met_on,
            slips,
        }
    }

    pub fn state(&self) -> ClockState {
        match self.countdown {
            Countdown::Overdue(_) => ClockState::Overdue,
            Countdown::DaysLeft(n) if n <= DUE_SOON_DAYS => ClockState::DueSoon,
            Countdown::DaysLeft(_) => ClockState::Running,
            Countdown::MetLate { .. } => ClockState::MetLate,
            Countdown::MetOnTime { .. } => ClockState::Met,
        }
    }

    /// Days the last day has moved since the original one (0 if never extended).
    pub fn days_extended(&self) -> i64 {
        days_between(self.original_last_day, self.last_day).max(0)
    }
}

/// The day a report's clock under `rule` starts: its publication, or the day it was sent
/// (the day it is dated, unless another was recorded).
pub fn starts(rule: &Rule, published: NaiveDate, sent_on: Option<NaiveDate>) -> NaiveDate {
    match rule.starts_on {
        ClockStart::Publication => published,
        ClockStart::Sent => sent_on.unwrap_or(published),
    }
}

/// The state most in need of attention among a report's clocks: overdue before due soon
/// before running before met late before met; `None` without a clock.
pub fn worst(states: impl IntoIterator<Item = ClockState>) -> Option<ClockState> {
    states.into_iter().min()
}

/// What is wrong with an extension to `new_last_day`, granted on `granted_on`, of a clock
/// whose last day is now `current`: (field, message) pairs.
pub fn extension_problems(
    rule: &Rule,
    current: NaiveDate,
    starts: NaiveDate,
    new_last_day: NaiveDate,
    requested_on: Option<NaiveDate>,
    granted_on: NaiveDate,
) -> Vec<(&'static str, String)> {
    let mut wrong = Vec::new();
    if !rule.extendable() {
        wrong.push(("new_last_day", format!("{} cannot be extended", rule.name)));
    }
    if new_last_day <= current {
        wrong.push((
            "new_last_day",
            "The new last day must be after the current one".into(),
        ));
    }
    if granted_on < starts {
        wrong.push((
            "granted_on",
            "An extension cannot be granted before the clock started".into(),
        ));
    }
    if let Some(requested) = requested_on {
        if requested > granted_on {
            wrong.push((
                "requested_on",
                "The request cannot be after the extension was granted".into(),
            ));
        }
        if requested < starts {
            wrong.push((
                "requested_on",
                "An extension cannot be requested before the clock started".into(),
            ));
        }
    }
    wrong
}

/// A rule as the office enters it (its own, or one of the editable seeded rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewRule {
    pub source: Source,
    pub body_kind: Option<BodyKind>,
    pub needs_cause_of_concern: bool,
    pub name: String,
    pub owed_by: String,
    pub owed_to: String,
    pub starts_on: ClockStart,
    pub length_days: i64,
    pub counting: Counting,
    pub publish: String,
}

/// A checked extension of one report's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewExtension {
    pub inspection_id: i64,
    pub rule_id: i64,
    pub new_last_day: NaiveDate,
    pub requested_on: Option<NaiveDate>,
    pub granted_on: NaiveDate,
    pub granted_by: String,
    pub reason: String,
}

/// A checked record of a response sent under one report's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewSent {
    pub inspection_id: i64,
    pub rule_id: i64,
    pub sent_on: NaiveDate,
    pub sent_to: String,
    pub note: Option<String>,
}

/// What a report's clocks are computed from, as loaded with it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct ReportFacts {
    pub id: i64,
    pub body_id: i64,
    pub published_on: NaiveDate,
    pub sent_on: Option<NaiveDate>,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub facts: RegimeFacts,
    /// The dates the record already keeps for the seeded HMICFRS clocks.
    pub response_published_on: Option<NaiveDate>,
    pub action_plan_received_on: Option<NaiveDate>,
    pub plan_review_received_on: Option<NaiveDate>,
}

impl ReportFacts {
    /// The met date this report's record keeps for `rule` outside the responses sent.
    fn kept_met_on(&self, rule: &Rule) -> Option<NaiveDate> {
        match rule.key.as_deref() {
            Some(SECTION_55) => self.response_published_on,
            Some(ACTION_PLAN) => self.action_plan_received_on,
            Some(FIRE_PLAN_REVIEW) => self.plan_review_received_on,
            _ => None,
        }
    }

    /// This report's clocks under `rules`, in the rules' order, with their extensions and
    /// sendings picked from `extensions` and `sent` (any reports', oldest first).
    pub fn clocks(
        &self,
        rules: &[Rule],
        extensions: &[Extension],
        sent: &[Sent],
        today: NaiveDate,
    ) -> Vec<ReportClock> {
        rules
            .iter()
            .filter(|r| r.applies_to(&self.facts))
            .map(|rule| {
                let mine = |inspection_id: i64, rule_id: i64| {
                    inspection_id == self.id && rule_id == rule.id
                };
                ReportClock::new(
                    rule.clone(),
                    starts(rule, self.published_on, self.sent_on),
                    extensions
                        .iter()
                        .filter(|e| mine(e.inspection_id, e.rule_id))
                        .cloned()
                        .collect(),
                    sent.iter()
                        .filter(|s| mine(s.inspection_id, s.rule_id))
                        .cloned()
                        .collect(),
                    self.kept_met_on(rule),
                    today,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::regimes::Applies;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rule(key: &str, source: Source, days: i64, counting: Counting) -> Rule {
        Rule {
            id: 1,
            key: Some(key.into()),
            source,
            body_kind: None,
            needs_cause_of_concern: false,
            name: key.into(),
            owed_by: "The Chief Constable".into(),
            owed_to: "The coroner".into(),
            starts_on: ClockStart::Sent,
            length_days: days,
            counting,
            publish: String::new(),
            editable: false,
            version: 1,
        }
    }

    fn section_55() -> Rule {
        Rule {
            body_kind: Some(BodyKind::PoliceForce),
            starts_on: ClockStart::Publication,
            ..rule(SECTION_55, Source::Hmicfrs, 56, Counting::BeginningWith)
        }
    }

    fn coroner() -> Rule {
        rule("coroner_pfd", Source::Coroner, 56, Counting::After)
    }

    fn facts(source: Source, body_kind: BodyKind, coc: bool) -> RegimeFacts {
        RegimeFacts {
            source,
            body_kind,
            has_cause_of_concern: coc,
            applies: Applies::default(),
        }
    }

    fn extension(new_last_day: &str) -> Extension {
        Extension {
            id: 1,
            inspection_id: 1,
            rule_id: 1,
            new_last_day: d(new_last_day),
            requested_on: None,
            granted_on: d("2023-01-05"),
            granted_by: "HM Senior Coroner".into(),
            reason: "More time to consult".into(),
        }
    }

    #[test]
    fn section_55_ends_on_the_fifty_sixth_day_counting_publication_day_across_month_and_year_ends()
    {
        let rule = section_55();
        assert_eq!(rule.last_day(d("2021-11-16")), d("2022-01-10"));
        assert_eq!(rule.last_day(d("2022-01-31")), d("2022-03-27"));
        assert_eq!(
            rule.last_day(d("2023-12-31")),
            d("2024-02-24"),
            "a leap year"
        );
        assert_eq!(rule.last_day(d("2022-12-31")), d("2023-02-24"));
        assert_eq!(
            rule.last_day(d("2021-11-16")),
            crate::domain::dates::section_55_last_day(d("2021-11-16"))
        );
    }

    #[test]
    fn a_coroners_56_days_run_from_the_day_after_the_report_is_sent() {
        let rule = coroner();
        assert_eq!(rule.last_day(d("2022-11-30")), d("2023-01-25"));
        assert_eq!(rule.last_day(d("2023-12-31")), d("2024-02-25"));
        assert_eq!(rule.last_day(d("2024-01-31")), d("2024-03-27"));
    }

    #[test]
    fn the_action_plan_is_six_weeks_and_the_fire_review_28_days_after_publication() {
        let plan = rule(ACTION_PLAN, Source::Hmicfrs, 42, Counting::After);
        assert_eq!(plan.last_day(d("2021-11-16")), d("2021-12-28"));
        assert_eq!(plan.last_day(d("2022-12-01")), d("2023-01-12"));
        let fire = rule(FIRE_PLAN_REVIEW, Source::Hmicfrs, 28, Counting::After);
        assert_eq!(fire.last_day(d("2023-02-01")), d("2023-03-01"));
        assert_eq!(fire.last_day(d("2024-02-01")), d("2024-02-29"));
        assert_eq!(fire.last_day(d("2022-12-15")), d("2023-01-12"));
        assert_eq!(
            fire.last_day(d("2023-02-01")),
            crate::domain::regimes::plan_review_due(d("2023-02-01"))
        );
    }

    #[test]
    fn a_rule_applies_to_reports_of_its_source_and_body_kind_and_a_cause_of_concern_if_asked() {
        let s55 = section_55();
        assert!(s55.applies_to(&facts(Source::Hmicfrs, BodyKind::PoliceForce, false)));
        assert!(!s55.applies_to(&facts(
            Source::Hmicfrs,
            BodyKind::FireAndRescueService,
            false
        )));
        assert!(!s55.applies_to(&facts(Source::Iopc, BodyKind::PoliceForce, false)));
        assert!(coroner().applies_to(&facts(Source::Coroner, BodyKind::Other, false)));
        let fire = Rule {
            needs_cause_of_concern: true,
            body_kind: Some(BodyKind::FireAndRescueService),
            ..rule(FIRE_PLAN_REVIEW, Source::Hmicfrs, 28, Counting::After)
        };
        assert!(!fire.applies_to(&facts(
            Source::Hmicfrs,
            BodyKind::FireAndRescueService,
            false
        )));
        assert!(fire.applies_to(&facts(
            Source::Hmicfrs,
            BodyKind::FireAndRescueService,
            true
        )));
    }

    #[test]
    fn a_follow_up_starts_no_section_55_or_action_plan_clock_unless_the_office_says_so() {
        let mut follow_up = facts(Source::Hmicfrs, BodyKind::PoliceForce, false);
        follow_up.applies.follows_up = true;
        let plan = Rule {
            body_kind: Some(BodyKind::PoliceForce),
            ..rule(ACTION_PLAN, Source::Hmicfrs, 42, Counting::After)
        };
        assert!(!section_55().applies_to(&follow_up));
        assert!(!plan.applies_to(&follow_up));
        follow_up.applies.section_55_applies = Some(true);
        assert!(section_55().applies_to(&follow_up));
        assert!(!plan.applies_to(&follow_up));
        // Another rule of the same source is not switched off by a follow-up.
        let other = rule("own_rule", Source::Hmicfrs, 30, Counting::After);
        follow_up.applies.section_55_applies = Some(false);
        assert!(other.applies_to(&follow_up));
    }

    #[test]
    fn an_extension_keeps_the_original_last_day_and_counts_a_slip() {
        let clock = ReportClock::new(
            coroner(),
            d("2022-11-30"),
            vec![extension("2023-02-28"), extension("2023-03-31")],
            vec![],
            None,
            d("2023-02-01"),
        );
        assert_eq!(clock.original_last_day, d("2023-01-25"));
        assert_eq!(clock.last_day, d("2023-03-31"));
        assert_eq!(clock.slips.count, 2);
        assert_eq!(clock.days_extended(), 65);
        assert_eq!(clock.state(), ClockState::Running);
        assert_eq!(clock.countdown, Countdown::DaysLeft(58));
    }

    #[test]
    fn the_first_response_sent_meets_the_clock_on_time_or_late() {
        let sent = |on: &str| Sent {
            id: 1,
            inspection_id: 1,
            rule_id: 1,
            sent_on: d(on),
            sent_to: "HM Senior Coroner".into(),
            note: None,
        };
        let on_time = ReportClock::new(
            coroner(),
            d("2022-11-30"),
            vec![],
            vec![sent("2023-02-10"), sent("2023-01-25")],
            None,
            d("2023-03-01"),
        );
        assert_eq!(on_time.met_on, Some(d("2023-01-25")));
        assert_eq!(on_time.state(), ClockState::Met);
        let late = ReportClock::new(
            coroner(),
            d("2022-11-30"),
            vec![],
            vec![sent("2023-01-26")],
            None,
            d("2023-03-01"),
        );
        assert_eq!(late.state(), ClockState::MetLate);
        let kept = ReportClock::new(
            section_55(),
            d("2021-11-16"),
            vec![],
            vec![],
            Some(d("2022-01-10")),
            d("2022-03-01"),
        );
        assert_eq!(
            kept.state(),
            ClockState::Met,
            "the record's own date counts"
        );
    }

    #[test]
    fn a_clock_is_due_soon_within_14_days_and_overdue_the_day_after_its_last_day() {
        let at = |today: &str| {
            ReportClock::new(coroner(), d("2022-11-30"), vec![], vec![], None, d(today)).state()
        };
        assert_eq!(at("2023-01-10"), ClockState::Running);
        assert_eq!(at("2023-01-11"), ClockState::DueSoon);
        assert_eq!(at("2023-01-25"), ClockState::DueSoon);
        assert_eq!(at("2023-01-26"), ClockState::Overdue);
    }

    #[test]
    fn the_worst_state_comes_first_and_no_clock_is_none() {
        assert_eq!(
            worst([ClockState::Met, ClockState::Overdue, ClockState::Running]),
            Some(ClockState::Overdue)
        );
        assert_eq!(
            worst([ClockState::Met, ClockState::MetLate]),
            Some(ClockState::MetLate)
        );
        assert_eq!(worst([]), None);
        assert!(ClockState::DueSoon.is_open() && !ClockState::MetLate.is_open());
        for s in ClockState::ALL {
            assert_eq!(ClockState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ClockState::parse("later"), None);
    }

    #[test]
    fn a_clock_starts_on_publication_or_the_day_the_report_was_sent() {
        let published = d("2022-11-28");
        assert_eq!(starts(&coroner(), published, None), published);
        assert_eq!(
            starts(&coroner(), published, Some(d("2022-11-30"))),
            d("2022-11-30")
        );
        assert_eq!(
            starts(&section_55(), published, Some(d("2022-11-30"))),
            published
        );
    }

    #[test]
    fn an_extension_must_move_the_last_day_later_and_section_55_has_none() {
        let c = coroner();
        let (start, current) = (d("2022-11-30"), d("2023-01-25"));
        assert!(
            extension_problems(&c, current, start, d("2023-02-28"), None, d("2023-01-20"))
                .is_empty()
        );
        let fields =
            |p: Vec<(&'static str, String)>| p.into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(
            fields(extension_problems(
                &c,
                current,
                start,
                current,
                None,
                d("2023-01-20")
            )),
            ["new_last_day"]
        );
        assert_eq!(
            fields(extension_problems(
                &c,
                current,
                start,
                d("2023-02-28"),
                Some(d("2023-01-21")),
                d("2023-01-20")
            )),
            ["requested_on"]
        );
        assert_eq!(
            fields(extension_problems(
                &c,
                current,
                start,
                d("2023-02-28"),
                Some(d("2022-11-01")),
                d("2022-11-02")
            )),
            ["granted_on", "requested_on"]
        );
        let s55 = section_55();
        let problems = extension_problems(
            &s55,
            d("2022-01-10"),
            d("2021-11-16"),
            d("2022-02-10"),
            None,
            d("2022-01-01"),
        );
        assert_eq!(fields(problems.clone()), ["new_last_day"]);
        assert!(problems[0].1.contains("cannot be extended"));
    }

    #[test]
    fn a_report_gets_a_clock_for_each_rule_that_applies_with_its_own_extensions() {
        let report = ReportFacts {
            id: 7,
            body_id: 1,
            published_on: d("2022-11-28"),
            sent_on: Some(d("2022-11-30")),
            facts: facts(Source::Coroner, BodyKind::PoliceForce, false),
            response_published_on: Some(d("2022-12-01")),
            action_plan_received_on: None,
            plan_review_received_on: None,
        };
        let rules = [section_55(), Rule { id: 2, ..coroner() }];
        let mut other_report = extension("2023-09-01");
        other_report.inspection_id = 8;
        let mut ours = extension("2023-02-28");
        ours.inspection_id = 7;
        ours.rule_id = 2;
        let clocks = report.clocks(&rules, &[other_report, ours], &[], d("2023-01-01"));
        assert_eq!(clocks.len(), 1, "section 55 is not a coroner's clock");
        assert_eq!(clocks[0].starts, d("2022-11-30"));
        assert_eq!(clocks[0].original_last_day, d("2023-01-25"));
        assert_eq!(clocks[0].last_day, d("2023-02-28"));
        assert_eq!(
            clocks[0].met_on, None,
            "the section 55 date is not the coroner's"
        );
    }

    #[test]
    fn each_clock_state_reads_as_a_person_would_say_it() {
        let labels: Vec<&str> = ClockState::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(
            labels,
            [
                "Overdue",
                "Due within 14 days",
                "Running",
                "Met late",
                "Met on time"
            ]
        );
    }

    #[test]
    fn an_extension_may_be_requested_and_granted_on_the_day_the_clock_starts_and_on_one_day() {
        let c = coroner();
        let (start, current) = (d("2022-11-30"), d("2023-01-25"));
        assert!(
            extension_problems(&c, current, start, d("2023-01-26"), Some(start), start).is_empty(),
            "granted and requested on the first day, one day more"
        );
        let same_day = d("2023-01-10");
        assert!(
            extension_problems(
                &c,
                current,
                start,
                d("2023-02-01"),
                Some(same_day),
                same_day
            )
            .is_empty(),
            "requested and granted the same day"
        );
    }

    #[test]
    fn the_record_keeps_the_met_date_of_each_seeded_hmicfrs_clock_in_its_own_place() {
        let report = |source, body_kind, coc| ReportFacts {
            id: 7,
            body_id: 1,
            published_on: d("2023-02-01"),
            sent_on: None,
            facts: facts(source, body_kind, coc),
            response_published_on: Some(d("2023-03-01")),
            action_plan_received_on: Some(d("2023-03-02")),
            plan_review_received_on: Some(d("2023-03-03")),
        };
        let plan = Rule {
            id: 2,
            body_kind: Some(BodyKind::PoliceForce),
            starts_on: ClockStart::Publication,
            ..rule(ACTION_PLAN, Source::Hmicfrs, 42, Counting::After)
        };
        let fire = Rule {
            id: 3,
            body_kind: Some(BodyKind::FireAndRescueService),
            needs_cause_of_concern: true,
            starts_on: ClockStart::Publication,
            ..rule(FIRE_PLAN_REVIEW, Source::Hmicfrs, 28, Counting::After)
        };
        let own = Rule {
            id: 4,
            key: None,
            ..rule("", Source::Hmicfrs, 90, Counting::After)
        };
        let rules = [section_55(), plan, fire, own];
        let today = d("2023-06-01");
        let met = |clocks: Vec<ReportClock>| -> Vec<Option<NaiveDate>> {
            clocks.into_iter().map(|c| c.met_on).collect()
        };
        assert_eq!(
            met(
                report(Source::Hmicfrs, BodyKind::PoliceForce, false).clocks(
                    &rules,
                    &[],
                    &[],
                    today
                )
            ),
            [Some(d("2023-03-01")), Some(d("2023-03-02")), None],
            "section 55 by the response published, the plan by its receipt, the office's own rule by nothing kept"
        );
        assert_eq!(
            met(
                report(Source::Hmicfrs, BodyKind::FireAndRescueService, true).clocks(
                    &rules,
                    &[],
                    &[],
                    today
                )
            ),
            [Some(d("2023-03-03")), None]
        );
    }

    #[test]
    fn a_reports_clock_takes_only_its_own_extensions_not_another_rules_of_the_same_report() {
        let report = ReportFacts {
            id: 7,
            body_id: 1,
            published_on: d("2022-11-30"),
            sent_on: None,
            facts: facts(Source::Coroner, BodyKind::PoliceForce, false),
            response_published_on: None,
            action_plan_received_on: None,
            plan_review_received_on: None,
        };
        let rules = [Rule { id: 2, ..coroner() }];
        let mut other_rule = extension("2023-09-01");
        other_rule.inspection_id = 7;
        other_rule.rule_id = 5;
        let mut other_report = extension("2023-08-01");
        other_report.inspection_id = 8;
        other_report.rule_id = 2;
        let clocks = report.clocks(&rules, &[other_rule, other_report], &[], d("2023-01-01"));
        assert!(
            clocks[0].extensions.is_empty(),
            "{:?}",
            clocks[0].extensions
        );
        assert_eq!(clocks[0].last_day, d("2023-01-25"));
    }

    #[test]
    fn the_period_reads_as_the_rule_says_it() {
        assert_eq!(
            section_55().period(),
            "56 days beginning with the report's publication"
        );
        assert_eq!(coroner().period(), "56 days of the report being sent");
    }
}
