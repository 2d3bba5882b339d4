//! Which statutory regime an inspection falls under: section 55 and the six-week force action
//! plan for an HMICFRS report on a police force; the 28-day action plan review, revisit and
//! revisit letter for a fire and rescue service's cause of concern; or none.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::dates::{Countdown, countdown};
use crate::domain::vocab::{BodyKind, Source};

/// The statutory clock an inspection carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Regime {
    /// Police Act 1996 s55: the Commissioner publishes comments within 56 days; HMICFRS
    /// expects the force's action plan within six weeks.
    Section55,
    /// A fire and rescue service's cause of concern: the service reviews its action plan
    /// within 28 days, HMICFRS revisits and writes a revisit letter.
    FireCauseOfConcern,
    /// No statutory clock (another source, another kind of body, or a fire report without a
    /// cause of concern).
    None,
}

impl Regime {
    /// The regime of a report from `source` about a body of `body`, given whether any of its
    /// findings is a cause of concern.
    pub fn of(source: Source, body: BodyKind, has_cause_of_concern: bool) -> Self {
        match (source, body) {
            (Source::Hmicfrs, BodyKind::PoliceForce) => Self::Section55,
            (Source::Hmicfrs, BodyKind::FireAndRescueService) if has_cause_of_concern => {
                Self::FireCauseOfConcern
            }
            _ => Self::None,
        }
    }

    pub fn is_section_55(self) -> bool {
        self == Self::Section55
    }

    pub fn is_fire(self) -> bool {
        self == Self::FireCauseOfConcern
    }

    /// The regime as this report carries it: section 55 only where it applies (see
    /// [`Applies::obligations`]); the fire regime is unchanged.
    pub fn applying(self, applies: &Applies) -> Self {
        if self.is_section_55() && !applies.obligations(self).section_55 {
            Self::None
        } else {
            self
        }
    }
}

/// What decides whether a report starts the section 55 and six-week action plan clocks, as
/// stored with it: whether it follows up another report, and the office's choices (`None` is
/// "as usual").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Applies {
    pub follows_up: bool,
    pub section_55_applies: Option<bool>,
    pub action_plan_applies: Option<bool>,
}

/// The clocks a report starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Obligations {
    pub section_55: bool,
    pub action_plan: bool,
}

impl Applies {
    /// Whether a report of `regime` starts each clock. As usual, an HMICFRS report on a police
    /// force starts both, unless it follows up another report (a post-inspection review or a
    /// revisit letter does not start a new clock); the office may say otherwise for either.
    /// Neither applies outside the section 55 regime, whatever was chosen, and the action
    /// plan is expected only where section 55 applies.
    pub fn obligations(&self, regime: Regime) -> Obligations {
        let usual = !self.follows_up;
        let section_55 = regime.is_section_55() && self.section_55_applies.unwrap_or(usual);
        let action_plan = section_55 && self.action_plan_applies.unwrap_or(usual);
        Obligations {
            section_55,
            action_plan,
        }
    }
}

/// What decides a report's regime, as loaded with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct RegimeFacts {
    pub source: Source,
    pub body_kind: BodyKind,
    /// Whether any finding of the report is a cause of concern.
    pub has_cause_of_concern: bool,
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub applies: Applies,
}

impl RegimeFacts {
    pub fn regime(&self) -> Regime {
        Regime::of(self.source, self.body_kind, self.has_cause_of_concern).applying(&self.applies)
    }
}

/// Days the service has to review its action plan after a cause of concern.
pub const PLAN_REVIEW_DAYS: u32 = 28;

/// The last day for the service's action plan review. Assumption: HMICFRS's 28 days run from
/// the report's publication date (the letter naming the cause of concern is usually sent with
/// the report), so the last day is publication + 28 days.
pub fn plan_review_due(published: NaiveDate) -> NaiveDate {
    crate::domain::vocab::Counting::After.last_day(published, PLAN_REVIEW_DAYS)
}

/// The last day for the review as it stands: the last day of the latest extension granted
/// (`extended_to`, recorded on the report's clock), else 28 days after publication. An
/// extension never brings the day forward.
pub fn plan_review_due_on(published: NaiveDate, extended_to: Option<NaiveDate>) -> NaiveDate {
    let due = plan_review_due(published);
    extended_to.map_or(due, |e| e.max(due))
}

/// Where the 28-day review stands on `today`, with any extension: days left, overdue, met on
/// time or late.
pub fn plan_review_countdown(
    published: NaiveDate,
    extended_to: Option<NaiveDate>,
    received: Option<NaiveDate>,
    today: NaiveDate,
) -> Countdown {
    countdown(plan_review_due_on(published, extended_to), received, today)
}

/// The fire steps, each dated when it happened.
#[derive(Debug, Clone, Default, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct FireReview {
    pub plan_review_received_on: Option<NaiveDate>,
    pub revisit_on: Option<NaiveDate>,
    pub revisit_letter_on: Option<NaiveDate>,
    pub revisit_letter_url: Option<String>,
}

/// What is wrong with a set of fire dates for a report published on `published`: (field,
/// message) pairs. Nothing happens before the report; the letter follows the revisit.
pub fn implausible(published: NaiveDate, r: &FireReview) -> Vec<(&'static str, String)> {
    let mut wrong = Vec::new();
    let before = |d: Option<NaiveDate>| d.is_some_and(|d| d < published);
    if before(r.plan_review_received_on) {
        wrong.push((
            "plan_review_received_on",
            "The action plan review cannot be received before the report was published".into(),
        ));
    }
    if before(r.revisit_on) {
        wrong.push((
            "revisit_on",
            "The revisit cannot be before the report was published".into(),
        ));
    }
    if before(r.revisit_letter_on) {
        wrong.push((
            "revisit_letter_on",
            "The revisit letter cannot be before the report was published".into(),
        ));
    } else if let (Some(letter), Some(visit)) = (r.revisit_letter_on, r.revisit_on)
        && letter < visit
    {
        wrong.push((
            "revisit_letter_on",
            "The revisit letter cannot be before the revisit".into(),
        ));
    }
    wrong
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn section_55_applies_only_to_hmicfrs_reports_on_a_police_force() {
        for coc in [false, true] {
            assert_eq!(
                Regime::of(Source::Hmicfrs, BodyKind::PoliceForce, coc),
                Regime::Section55
            );
            assert_eq!(
                Regime::of(Source::Iopc, BodyKind::PoliceForce, coc),
                Regime::None
            );
            assert_eq!(
                Regime::of(Source::Other, BodyKind::PoliceForce, coc),
                Regime::None
            );
        }
    }

    #[test]
    fn a_fire_service_has_its_own_clock_only_with_a_cause_of_concern_from_hmicfrs() {
        let fire = BodyKind::FireAndRescueService;
        assert_eq!(
            Regime::of(Source::Hmicfrs, fire, true),
            Regime::FireCauseOfConcern
        );
        assert_eq!(Regime::of(Source::Hmicfrs, fire, false), Regime::None);
        assert_eq!(Regime::of(Source::InternalAudit, fire, true), Regime::None);
    }

    #[test]
    fn another_kind_of_body_has_no_statutory_clock() {
        for coc in [false, true] {
            assert_eq!(
                Regime::of(Source::Hmicfrs, BodyKind::Other, coc),
                Regime::None
            );
        }
    }

    #[test]
    fn the_facts_loaded_with_a_report_give_its_regime() {
        let facts = RegimeFacts {
            source: Source::Hmicfrs,
            body_kind: BodyKind::FireAndRescueService,
            has_cause_of_concern: true,
            applies: Applies::default(),
        };
        assert_eq!(facts.regime(), Regime::FireCauseOfConcern);
        let police = RegimeFacts {
            body_kind: BodyKind::PoliceForce,
            ..facts
        };
        assert_eq!(police.regime(), Regime::Section55);
        let follow_up = RegimeFacts {
            applies: Applies {
                follows_up: true,
                ..Applies::default()
            },
            ..police
        };
        assert_eq!(follow_up.regime(), Regime::None);
    }

    fn applies(follows_up: bool, s55: Option<bool>, plan: Option<bool>) -> Applies {
        Applies {
            follows_up,
            section_55_applies: s55,
            action_plan_applies: plan,
        }
    }

    fn both(section_55: bool, action_plan: bool) -> Obligations {
        Obligations {
            section_55,
            action_plan,
        }
    }

    #[test]
    fn a_police_report_starts_both_clocks_as_usual_and_a_follow_up_neither() {
        let s55 = Regime::Section55;
        assert_eq!(
            applies(false, None, None).obligations(s55),
            both(true, true)
        );
        assert_eq!(
            applies(true, None, None).obligations(s55),
            both(false, false)
        );
    }

    #[test]
    fn the_office_can_say_otherwise_for_either_clock() {
        let s55 = Regime::Section55;
        assert_eq!(
            applies(true, Some(true), None).obligations(s55),
            both(true, false)
        );
        assert_eq!(
            applies(true, Some(true), Some(true)).obligations(s55),
            both(true, true)
        );
        assert_eq!(
            applies(false, None, Some(false)).obligations(s55),
            both(true, false)
        );
        assert_eq!(
            applies(false, Some(false), Some(true)).obligations(s55),
            both(false, false)
        );
    }

    #[test]
    fn no_choice_starts_a_clock_outside_the_section_55_regime() {
        for regime in [Regime::FireCauseOfConcern, Regime::None] {
            let chosen = applies(false, Some(true), Some(true));
            assert_eq!(chosen.obligations(regime), both(false, false));
            assert_eq!(Regime::Section55.applying(&chosen), Regime::Section55);
            assert_eq!(regime.applying(&chosen), regime);
        }
        let off = applies(false, Some(false), None);
        assert_eq!(Regime::Section55.applying(&off), Regime::None);
        assert_eq!(
            Regime::FireCauseOfConcern.applying(&off),
            Regime::FireCauseOfConcern
        );
    }

    #[test]
    fn the_regime_predicates_name_one_regime_each() {
        assert!(Regime::Section55.is_section_55());
        assert!(!Regime::FireCauseOfConcern.is_section_55());
        assert!(!Regime::None.is_section_55());
        assert!(Regime::FireCauseOfConcern.is_fire());
        assert!(!Regime::Section55.is_fire());
        assert!(!Regime::None.is_fire());
    }

    #[test]
    fn the_review_is_due_28_days_after_publication() {
        assert_eq!(plan_review_due(d("2022-01-10")), d("2022-02-07"));
        assert_eq!(plan_review_due(d("2024-02-01")), d("2024-02-29"));
        assert_eq!(plan_review_due(NaiveDate::MAX), NaiveDate::MAX);
    }

    #[test]
    fn the_review_clock_counts_down_to_its_last_day_and_is_overdue_the_day_after() {
        let published = d("2022-01-10");
        assert_eq!(
            plan_review_countdown(published, None, None, published),
            Countdown::DaysLeft(28)
        );
        assert_eq!(
            plan_review_countdown(published, None, None, d("2022-02-07")),
            Countdown::DaysLeft(0)
        );
        assert_eq!(
            plan_review_countdown(published, None, None, d("2022-02-08")),
            Countdown::Overdue(1)
        );
    }

    #[test]
    fn a_review_received_on_its_last_day_is_on_time_and_a_day_later_is_late() {
        let published = d("2022-01-10");
        let today = d("2022-06-01");
        assert_eq!(
            plan_review_countdown(published, None, Some(d("2022-02-07")), today),
            Countdown::MetOnTime {
                published: d("2022-02-07")
            }
        );
        assert_eq!(
            plan_review_countdown(published, None, Some(d("2022-02-08")), today),
            Countdown::MetLate {
                published: d("2022-02-08"),
                days_late: 1
            }
        );
    }

    #[test]
    fn an_extension_moves_the_reviews_last_day_later_and_never_earlier() {
        let published = d("2022-01-10");
        let extended = Some(d("2022-03-07"));
        assert_eq!(plan_review_due_on(published, None), d("2022-02-07"));
        assert_eq!(plan_review_due_on(published, extended), d("2022-03-07"));
        assert_eq!(
            plan_review_due_on(published, Some(d("2022-02-01"))),
            d("2022-02-07"),
            "an earlier day is no extension"
        );
        assert_eq!(
            plan_review_countdown(published, extended, None, d("2022-02-08")),
            Countdown::DaysLeft(27),
            "not overdue on the day after the original last day"
        );
        assert_eq!(
            plan_review_countdown(published, extended, None, d("2022-03-08")),
            Countdown::Overdue(1)
        );
        assert_eq!(
            plan_review_countdown(published, extended, Some(d("2022-03-07")), d("2022-06-01")),
            Countdown::MetOnTime {
                published: d("2022-03-07")
            },
            "received on the extended last day is on time"
        );
    }

    fn review(review: Option<&str>, visit: Option<&str>, letter: Option<&str>) -> FireReview {
        FireReview {
            plan_review_received_on: review.map(d),
            revisit_on: visit.map(d),
            revisit_letter_on: letter.map(d),
            revisit_letter_url: None,
        }
    }

    fn fields(wrong: &[(&'static str, String)]) -> Vec<&'static str> {
        wrong.iter().map(|(f, _)| *f).collect()
    }

    #[test]
    fn steps_on_the_publication_day_and_a_letter_on_the_revisit_day_are_plausible() {
        let p = "2022-01-10";
        assert!(implausible(d(p), &review(Some(p), Some(p), Some(p))).is_empty());
        assert!(implausible(d(p), &FireReview::default()).is_empty());
    }

    #[test]
    fn each_step_the_day_before_publication_is_refused_on_its_field() {
        let published = d("2022-01-10");
        let b = "2022-01-09";
        assert_eq!(
            fields(&implausible(published, &review(Some(b), None, None))),
            ["plan_review_received_on"]
        );
        assert_eq!(
            fields(&implausible(published, &review(None, Some(b), None))),
            ["revisit_on"]
        );
        assert_eq!(
            fields(&implausible(published, &review(None, None, Some(b)))),
            ["revisit_letter_on"]
        );
    }

    #[test]
    fn a_letter_the_day_before_the_revisit_is_refused() {
        let published = d("2022-01-10");
        let wrong = implausible(
            published,
            &review(None, Some("2022-03-02"), Some("2022-03-01")),
        );
        assert_eq!(fields(&wrong), ["revisit_letter_on"]);
        assert!(wrong[0].1.contains("before the revisit"), "{wrong:?}");
        let letter_only = implausible(published, &review(None, None, Some("2022-03-01")));
        assert!(letter_only.is_empty());
    }
}
