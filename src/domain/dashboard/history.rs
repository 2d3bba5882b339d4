//! Rules over the dated history: the open-findings burn-down and the assurance matrix.
//!
//! A finding counts as CLOSED on a date when, as at that date, either its latest inspectorate
//! position is met, superseded or no longer relevant, or it is addressed by at least one
//! action-plan item and every such item's latest update is blue (complete). Otherwise it is
//! open. Closure is recomputed at each point, so a finding can reopen (a red update after blue).

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::vocab::{Assurance, Better, InspectoratePosition, Rag};

/// A finding for the burn-down: it is open from its report's publication.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnFinding {
    pub id: i64,
    pub inspection_id: i64,
    pub published_on: NaiveDate,
    pub action_ids: Vec<i64>,
}

/// Dated events, each list in date order (ties in the order recorded).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// Whole-finding inspectorate positions by finding.
    pub positions: HashMap<i64, Vec<(NaiveDate, InspectoratePosition)>>,
    /// Uncorrected updates by action-plan item.
    pub updates: HashMap<i64, Vec<(NaiveDate, Rag)>>,
}

fn latest_by<T: Copy>(events: Option<&Vec<(NaiveDate, T)>>, at: NaiveDate) -> Option<T> {
    events?
        .iter()
        .take_while(|(d, _)| *d <= at)
        .last()
        .map(|(_, v)| *v)
}

/// Whether the finding was closed on `at` (see the module documentation).
pub fn is_closed(finding: &BurnFinding, history: &History, at: NaiveDate) -> bool {
    let position = latest_by(history.positions.get(&finding.id), at);
    let closed_by_inspectorate = matches!(
        position,
        Some(
            InspectoratePosition::Met
                | InspectoratePosition::Superseded
                | InspectoratePosition::NoLongerRelevant
        )
    );
    let all_complete = !finding.action_ids.is_empty()
        && finding
            .action_ids
            .iter()
            .all(|a| latest_by(history.updates.get(a), at) == Some(Rag::Blue));
    closed_by_inspectorate || all_complete
}

fn last_of_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(d)
}

/// The last day of each month from `start`'s month up to `end`, with `end` itself as the
/// final point. Empty if `end` is before `start`.
pub fn month_points(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut point = last_of_month(start);
    while point < end {
        out.push(point);
        point = last_of_month(point.succ_opt().unwrap_or(end));
    }
    if start <= end {
        out.push(end);
    }
    out
}

/// One inspection's burn-down: open findings at each monthly point.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnDown {
    pub inspection_id: i64,
    pub points: Vec<(NaiveDate, usize)>,
}

/// Open findings per inspection at month ends from publication to `as_at`.
pub fn burn_down(findings: &[BurnFinding], history: &History, as_at: NaiveDate) -> Vec<BurnDown> {
    let mut by_inspection: Vec<(i64, Vec<&BurnFinding>)> = Vec::new();
    for f in findings {
        match by_inspection
            .iter_mut()
            .find(|(id, _)| *id == f.inspection_id)
        {
            Some((_, list)) => list.push(f),
            None => by_inspection.push((f.inspection_id, vec![f])),
        }
    }
    by_inspection
        .into_iter()
        .map(|(inspection_id, list)| {
            let start = list.iter().map(|f| f.published_on).min().unwrap_or(as_at);
            let points = month_points(start, as_at)
                .into_iter()
                .map(|at| {
                    let open = list
                        .iter()
                        .filter(|f| f.published_on <= at && !is_closed(f, history, at))
                        .count();
                    (at, open)
                })
                .collect();
            BurnDown {
                inspection_id,
                points,
            }
        })
        .collect()
}

/// A meeting held, as a column of the assurance matrix.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MeetingColumn {
    pub id: i64,
    pub title: String,
    pub held_on: NaiveDate,
}

/// A performance measure (an outcome indicator on a finding or action).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MeasureRow {
    pub id: i64,
    pub finding_id: Option<i64>,
    pub action_id: Option<i64>,
    pub name: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub better: Better,
}

/// A measure with its readings in date order, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureSeries<'a> {
    pub measure: &'a MeasureRow,
    pub readings: Vec<(NaiveDate, f64)>,
}

/// The measures on the findings or actions in view (`findings`, `actions`: their ids), each
/// with its readings (given as `(measure id, taken on, value)` in date order).
pub fn measure_series<'a>(
    measures: &'a [MeasureRow],
    readings: &[(i64, NaiveDate, f64)],
    findings: &HashSet<i64>,
    actions: &HashSet<i64>,
) -> Vec<MeasureSeries<'a>> {
    let mut by_measure: HashMap<i64, Vec<(NaiveDate, f64)>> = HashMap::new();
    for (id, on, value) in readings {
        by_measure.entry(*id).or_default().push((*on, *value));
    }
    measures
        .iter()
        .filter(|m| {
            m.finding_id.is_some_and(|id| findings.contains(&id))
                || m.action_id.is_some_and(|id| actions.contains(&id))
        })
        .map(|measure| MeasureSeries {
            readings: by_measure.remove(&measure.id).unwrap_or_default(),
            measure,
        })
        .collect()
}

/// A judgement made at a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingJudgement {
    pub finding_id: i64,
    pub meeting_id: i64,
    pub level: Assurance,
}

/// The assurance judged for each finding at each meeting (the last one if judged twice there).
pub fn matrix(judgements: &[MeetingJudgement]) -> HashMap<(i64, i64), Assurance> {
    judgements
        .iter()
        .map(|j| ((j.finding_id, j.meeting_id), j.level))
        .collect()
}

/// The meetings that judged one of `findings`: the columns a viewer limited to some bodies
/// sees (a meeting about another body's findings alone is none of theirs).
pub fn meetings_judging<'a>(
    meetings: &'a [MeetingColumn],
    cells: &HashMap<(i64, i64), Assurance>,
    findings: &HashSet<i64>,
) -> Vec<&'a MeetingColumn> {
    let judged: HashSet<i64> = cells
        .keys()
        .filter(|(finding, _)| findings.contains(finding))
        .map(|(_, meeting)| *meeting)
        .collect();
    meetings.iter().filter(|m| judged.contains(&m.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_meetings_that_judged_a_finding_in_view_are_columns() {
        let held_on = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
        let column = |id| MeetingColumn {
            id,
            title: format!("Meeting {id}"),
            held_on,
        };
        let meetings = vec![column(1), column(2), column(3)];
        let cells = HashMap::from([((10, 1), Assurance::Limited), ((20, 2), Assurance::Limited)]);
        let ids = |found: Vec<&MeetingColumn>| found.iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(
            ids(meetings_judging(&meetings, &cells, &HashSet::from([10]))),
            [1]
        );
        assert_eq!(
            ids(meetings_judging(
                &meetings,
                &cells,
                &HashSet::from([10, 20])
            )),
            [1, 2]
        );
        assert!(meetings_judging(&meetings, &cells, &HashSet::new()).is_empty());
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn finding(actions: &[i64]) -> BurnFinding {
        BurnFinding {
            id: 1,
            inspection_id: 1,
            published_on: d("2021-11-16"),
            action_ids: actions.to_vec(),
        }
    }

    #[test]
    fn months_end_on_the_last_day_and_the_as_at_date_is_the_final_point() {
        assert_eq!(
            month_points(d("2021-11-16"), d("2022-02-10")),
            vec![
                d("2021-11-30"),
                d("2021-12-31"),
                d("2022-01-31"),
                d("2022-02-10")
            ]
        );
        assert_eq!(
            month_points(d("2022-02-10"), d("2022-02-10")),
            vec![d("2022-02-10")]
        );
        assert!(month_points(d("2022-02-10"), d("2022-01-10")).is_empty());
    }

    #[test]
    fn a_finding_closes_when_the_inspectorate_says_met() {
        let mut h = History::default();
        h.positions
            .insert(1, vec![(d("2022-10-21"), InspectoratePosition::Met)]);
        assert!(!is_closed(&finding(&[]), &h, d("2022-10-20")));
        assert!(is_closed(&finding(&[]), &h, d("2022-10-21")));
    }

    #[test]
    fn a_finding_closes_when_every_action_is_blue_and_reopens_on_a_later_red() {
        let mut h = History::default();
        h.updates.insert(1, vec![(d("2022-01-01"), Rag::Blue)]);
        h.updates.insert(
            2,
            vec![
                (d("2022-01-01"), Rag::Green),
                (d("2022-03-01"), Rag::Blue),
                (d("2022-05-01"), Rag::Red),
            ],
        );
        let f = finding(&[1, 2]);
        assert!(!is_closed(&f, &h, d("2022-02-01")));
        assert!(is_closed(&f, &h, d("2022-03-01")));
        assert!(!is_closed(&f, &h, d("2022-05-01")));
        assert!(!is_closed(&finding(&[]), &h, d("2022-05-01")));
    }

    #[test]
    fn the_burn_down_counts_open_findings_at_each_point() {
        let mut h = History::default();
        h.positions
            .insert(1, vec![(d("2022-01-15"), InspectoratePosition::Met)]);
        let findings = [
            finding(&[]),
            BurnFinding {
                id: 2,
                ..finding(&[])
            },
        ];
        let burn = burn_down(&findings, &h, d("2022-02-10"));
        assert_eq!(
            burn[0].points,
            vec![
                (d("2021-11-30"), 2),
                (d("2021-12-31"), 2),
                (d("2022-01-31"), 1),
                (d("2022-02-10"), 1)
            ]
        );
    }

    #[test]
    fn only_measures_in_view_are_drawn_each_with_its_own_readings() {
        let measure = |id, finding_id, action_id| MeasureRow {
            id,
            finding_id,
            action_id,
            name: format!("measure {id}"),
            unit: "%".into(),
            baseline: None,
            target: Some(90.0),
            better: Better::Higher,
        };
        let measures = [
            measure(1, Some(10), None),
            measure(2, None, Some(20)),
            measure(3, Some(11), None),
        ];
        let readings = [
            (1, d("2022-01-01"), 50.0),
            (2, d("2022-02-01"), 60.0),
            (1, d("2022-03-01"), 70.0),
            (3, d("2022-03-01"), 80.0),
        ];
        let findings = HashSet::from([10]);
        let actions = HashSet::from([20]);
        let series = measure_series(&measures, &readings, &findings, &actions);
        let drawn: Vec<(i64, Vec<f64>)> = series
            .iter()
            .map(|s| (s.measure.id, s.readings.iter().map(|r| r.1).collect()))
            .collect();
        assert_eq!(drawn, vec![(1, vec![50.0, 70.0]), (2, vec![60.0])]);
    }
}
