//! Plausible dates: what the record refuses (a milestone met before its report, a section 55
//! step before publication, fieldwork after it, a follow-up cycle) and what it only asks the
//! office to confirm (a publication more than a year ahead, an update dated before its report).

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use crate::domain::dates::uk_date;
use crate::domain::inspections::Section55;

/// A problem with one field: (field, message).
pub type Wrong = (&'static str, String);

/// Why a date a milestone was met on is refused: before its report was published, or after
/// `today`.
pub fn met_on(published: NaiveDate, met: NaiveDate, today: NaiveDate) -> Option<String> {
    if met < published {
        Some(format!(
            "The date it was met cannot be before the report was published ({})",
            uk_date(published)
        ))
    } else if met > today {
        Some("The date it was met must be today or in the past".into())
    } else {
        None
    }
}

/// The section 55 steps dated before the report was published: (field, message) pairs.
pub fn section_55(published: NaiveDate, s: &Section55) -> Vec<Wrong> {
    let steps = [
        ("comments_requested_on", s.comments_requested_on),
        ("comments_deadline", s.comments_deadline),
        ("comments_received_on", s.comments_received_on),
        ("response_published_on", s.response_published_on),
        ("copy_to_hmicfrs_on", s.copy_to_hmicfrs_on),
        ("copy_to_home_secretary_on", s.copy_to_home_secretary_on),
        ("action_plan_received_on", s.action_plan_received_on),
    ];
    steps
        .into_iter()
        .filter(|(_, d)| d.is_some_and(|d| d < published))
        .map(|(field, _)| {
            let message = format!(
                "This step cannot be before the report was published ({})",
                uk_date(published)
            );
            (field, message)
        })
        .collect()
}

/// What is wrong with fieldwork dates: the end before the start, either after publication.
pub fn fieldwork(
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    published: Option<NaiveDate>,
) -> Vec<Wrong> {
    let mut wrong = Vec::new();
    let after = |d: Option<NaiveDate>| matches!((d, published), (Some(d), Some(p)) if d > p);
    if after(start) {
        wrong.push((
            "fieldwork_start",
            "Fieldwork cannot start after the report was published".into(),
        ));
    }
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        wrong.push((
            "fieldwork_end",
            "Fieldwork must end on or after the day it started".into(),
        ));
    } else if after(end) {
        wrong.push((
            "fieldwork_end",
            "Fieldwork cannot end after the report was published".into(),
        ));
    }
    wrong
}

/// Why a stated timescale ("by date") is refused: it is before the report was published.
pub fn timescale_date(published: NaiveDate, by: NaiveDate) -> Option<String> {
    (by < published).then(|| {
        format!(
            "The stated date cannot be before the report was published ({})",
            uk_date(published)
        )
    })
}

/// Whether making `id` follow up `follows_up` closes a cycle: walking up from `follows_up`
/// through `parents` (each inspection's own follow-up) reaches `id`. A new inspection (`id`
/// none) cannot close one.
pub fn follow_up_cycle(
    id: Option<i64>,
    follows_up: Option<i64>,
    parents: &HashMap<i64, i64>,
) -> bool {
    let (Some(id), Some(mut at)) = (id, follows_up) else {
        return false;
    };
    // A chain can be no longer than the number of links; stop there even if the stored
    // record already holds a cycle of its own.
    for _ in 0..=parents.len() {
        if at == id {
            return true;
        }
        match parents.get(&at) {
            Some(&next) => at = next,
            None => return false,
        }
    }
    false
}

/// Whether a publication date is far enough ahead to ask: more than a year after `today`.
pub fn publication_far_ahead(published: NaiveDate, today: NaiveDate) -> bool {
    today
        .checked_add_months(Months::new(12))
        .is_some_and(|year_on| published > year_on)
}

/// Whether an update's as-at date is before its report was published (asked, not refused:
/// work can start before a report is out).
pub fn as_at_before_report(as_at: NaiveDate, published: Option<NaiveDate>) -> bool {
    published.is_some_and(|p| as_at < p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_milestone_met_on_publication_day_or_today_is_accepted() {
        let (p, today) = (d("2021-11-16"), d("2026-03-02"));
        assert_eq!(met_on(p, p, today), None);
        assert_eq!(met_on(p, today, today), None);
    }

    #[test]
    fn a_milestone_met_the_day_before_publication_or_tomorrow_is_refused() {
        let (p, today) = (d("2021-11-16"), d("2026-03-02"));
        let early = met_on(p, d("2021-11-15"), today).expect("refused");
        assert!(early.contains("16 November 2021"), "{early}");
        let late = met_on(p, d("2026-03-03"), today).expect("refused");
        assert!(late.contains("today or in the past"), "{late}");
    }

    type SetStep = fn(&mut Section55, Option<NaiveDate>);

    #[test]
    fn each_section_55_step_the_day_before_publication_is_refused_on_its_own_field() {
        let p = d("2021-11-16");
        let b = Some(d("2021-11-15"));
        let on = Some(p);
        let all_on = Section55 {
            comments_requested_on: on,
            comments_deadline: on,
            comments_received_on: on,
            response_published_on: on,
            copy_to_hmicfrs_on: on,
            copy_to_home_secretary_on: on,
            action_plan_received_on: on,
            response_url: None,
        };
        assert!(section_55(p, &all_on).is_empty());
        assert!(section_55(p, &Section55::default()).is_empty());
        let cases: [(&str, SetStep); 7] = [
            ("comments_requested_on", |s, d| s.comments_requested_on = d),
            ("comments_deadline", |s, d| s.comments_deadline = d),
            ("comments_received_on", |s, d| s.comments_received_on = d),
            ("response_published_on", |s, d| s.response_published_on = d),
            ("copy_to_hmicfrs_on", |s, d| s.copy_to_hmicfrs_on = d),
            ("copy_to_home_secretary_on", |s, d| {
                s.copy_to_home_secretary_on = d
            }),
            ("action_plan_received_on", |s, d| {
                s.action_plan_received_on = d
            }),
        ];
        for (field, set) in cases {
            let mut s = all_on.clone();
            set(&mut s, b);
            let wrong = section_55(p, &s);
            assert_eq!(wrong.len(), 1, "{field}");
            assert_eq!(wrong[0].0, field);
            assert!(wrong[0].1.contains("16 November 2021"));
        }
    }

    #[test]
    fn fieldwork_up_to_publication_day_is_plausible() {
        let p = Some(d("2022-02-15"));
        assert!(fieldwork(p, p, p).is_empty());
        assert!(fieldwork(Some(d("2022-01-01")), None, p).is_empty());
        assert!(fieldwork(None, None, p).is_empty());
        assert!(fieldwork(Some(d("2030-01-01")), None, None).is_empty());
    }

    #[test]
    fn fieldwork_starting_or_ending_the_day_after_publication_is_refused() {
        let p = Some(d("2022-02-15"));
        let after = Some(d("2022-02-16"));
        let start = fieldwork(after, after, p);
        assert_eq!(start.len(), 2);
        assert_eq!(start[0].0, "fieldwork_start");
        assert!(start[0].1.contains("start after"));
        assert_eq!(start[1].0, "fieldwork_end");
        assert!(start[1].1.contains("end after"));
        let end = fieldwork(Some(d("2022-02-01")), after, p);
        assert_eq!(end.len(), 1);
        assert_eq!(end[0].0, "fieldwork_end");
    }

    #[test]
    fn fieldwork_ending_the_day_before_it_started_is_refused() {
        let wrong = fieldwork(Some(d("2022-01-10")), Some(d("2022-01-09")), None);
        assert_eq!(
            wrong,
            [(
                "fieldwork_end",
                "Fieldwork must end on or after the day it started".to_string()
            )]
        );
        assert!(fieldwork(Some(d("2022-01-10")), Some(d("2022-01-10")), None).is_empty());
    }

    #[test]
    fn a_stated_date_on_publication_day_is_accepted_and_the_day_before_refused() {
        let p = d("2022-02-15");
        assert_eq!(timescale_date(p, p), None);
        let wrong = timescale_date(p, d("2022-02-14")).expect("refused");
        assert!(wrong.contains("15 February 2022"), "{wrong}");
    }

    #[test]
    fn following_up_oneself_directly_or_up_the_chain_is_a_cycle() {
        // 3 follows up 2, which follows up 1.
        let parents = HashMap::from([(3, 2), (2, 1)]);
        assert!(follow_up_cycle(Some(1), Some(1), &parents));
        assert!(follow_up_cycle(Some(1), Some(3), &parents));
        assert!(follow_up_cycle(Some(2), Some(3), &parents));
        assert!(!follow_up_cycle(Some(3), Some(1), &parents));
        assert!(!follow_up_cycle(Some(4), Some(3), &parents));
        assert!(!follow_up_cycle(None, Some(3), &parents));
        assert!(!follow_up_cycle(Some(1), None, &parents));
    }

    #[test]
    fn a_stored_cycle_does_not_hang_the_check() {
        let parents = HashMap::from([(1, 2), (2, 1)]);
        assert!(!follow_up_cycle(Some(5), Some(1), &parents));
    }

    #[test]
    fn a_publication_exactly_a_year_ahead_is_not_asked_about_and_a_day_more_is() {
        let today = d("2026-03-02");
        assert!(!publication_far_ahead(d("2027-03-02"), today));
        assert!(publication_far_ahead(d("2027-03-03"), today));
        assert!(!publication_far_ahead(d("2021-01-01"), today));
    }

    #[test]
    fn an_update_dated_the_day_before_its_report_is_asked_about() {
        let p = Some(d("2022-02-15"));
        assert!(as_at_before_report(d("2022-02-14"), p));
        assert!(!as_at_before_report(d("2022-02-15"), p));
        assert!(!as_at_before_report(d("1990-01-01"), None));
    }
}
