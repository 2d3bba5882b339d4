//! The dashboard filters, read from and written back to the query string so that a filtered
//! view can be bookmarked, shared and downloaded with exactly the same selection.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::inputs::parse_date_parts;
use crate::domain::vocab::{Assurance, InspectoratePosition, MilestoneState, Rag};

/// Tokens for "no value yet" in each voice (the vocabularies' own tokens never clash).
pub const NO_UPDATE: &str = "no_update";
pub const NOT_ASSESSED: &str = "not_assessed";
pub const NOT_RECORDED: &str = "not_recorded";

/// A date window: overdue (due before the as-at date) or due within N days of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Overdue,
    Within(i64),
}

impl Due {
    pub const WINDOWS: [i64; 3] = [30, 60, 90];

    fn parse(s: &str) -> Option<Self> {
        match s {
            "overdue" => Some(Self::Overdue),
            "30" | "60" | "90" => s.parse().ok().map(Self::Within),
            _ => None,
        }
    }

    pub fn token(self) -> String {
        match self {
            Self::Overdue => "overdue".into(),
            Self::Within(days) => days.to_string(),
        }
    }

    /// Whether an item not yet done and due on `due` falls in this window as at `as_at`.
    pub fn contains(self, due: NaiveDate, as_at: NaiveDate) -> bool {
        let days = (due - as_at).num_days();
        match self {
            Self::Overdue => days < 0,
            Self::Within(n) => (0..=n).contains(&days),
        }
    }
}

/// Which kind of action-plan list to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Stale,
    Blocked,
    Slipped,
}

impl Show {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "stale" => Some(Self::Stale),
            "blocked" => Some(Self::Blocked),
            "slipped" => Some(Self::Slipped),
            _ => None,
        }
    }

    pub fn token(self) -> &'static str {
        match self {
            Self::Stale => "stale",
            Self::Blocked => "blocked",
            Self::Slipped => "slipped",
        }
    }
}

/// Every filter a dashboard understands. Unknown or malformed values are ignored (a bookmark
/// with an old value still opens), so a filter is `None` unless it was understood.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// The bodies asked for (`body=ID`, repeatable; sorted, no repeats). Empty means every body
    /// the viewer may see; a viewer's scope is narrowed by it, never widened.
    pub bodies: Vec<i64>,
    pub inspection: Option<i64>,
    pub area: Option<String>,
    pub owner: Option<String>,
    /// `Some(None)` selects findings with no force update yet.
    pub rag: Option<Option<Rag>>,
    /// `Some(None)` selects findings not yet assessed.
    pub assurance: Option<Option<Assurance>>,
    /// `Some(None)` selects findings with no inspectorate position recorded.
    pub position: Option<Option<InspectoratePosition>>,
    pub status: Option<MilestoneState>,
    pub due: Option<Due>,
    pub show: Option<Show>,
    pub as_at: Option<NaiveDate>,
}

fn voice<T>(value: &str, none: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    if value == none {
        Some(None)
    } else {
        parse(value).map(Some)
    }
}

impl Filters {
    /// The filters in a query string's pairs (a repeated key other than `body` counts once, by
    /// its last value). The date is `as_at=YYYY-MM-DD` or the three boxes `as_at_day`,
    /// `as_at_month`, `as_at_year`.
    pub fn from_query(pairs: &[(String, String)]) -> Self {
        let mut bodies: Vec<i64> = pairs
            .iter()
            .filter(|(k, _)| k == "body")
            .filter_map(|(_, v)| v.trim().parse().ok())
            .collect();
        bodies.sort_unstable();
        bodies.dedup();
        let q: HashMap<&str, &str> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let get = |k: &str| q.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        let text = |k: &str| get(k).map(|v| v.chars().take(200).collect::<String>());
        let boxes = parse_date_parts(
            get("as_at_day").unwrap_or(""),
            get("as_at_month").unwrap_or(""),
            get("as_at_year").unwrap_or(""),
        );
        Self {
            bodies,
            inspection: get("inspection").and_then(|v| v.parse().ok()),
            area: text("area"),
            owner: text("owner"),
            rag: get("rag").and_then(|v| voice(v, NO_UPDATE, Rag::parse)),
            assurance: get("assurance").and_then(|v| voice(v, NOT_ASSESSED, Assurance::parse)),
            position: get("position")
                .and_then(|v| voice(v, NOT_RECORDED, InspectoratePosition::parse)),
            status: get("status").and_then(MilestoneState::parse),
            due: get("due").and_then(Due::parse),
            show: get("show").and_then(Show::parse),
            as_at: get("as_at")
                .and_then(|v| v.parse().ok())
                .or(boxes.ok().flatten()),
        }
    }

    /// The date the dashboards show when today is `today`: the one asked for, never later.
    pub fn shown_as_at(&self, today: NaiveDate) -> NaiveDate {
        self.as_at.map_or(today, |d| d.min(today))
    }

    /// Whether something in the inspection `id` is in view.
    pub fn admits_inspection(&self, id: i64) -> bool {
        self.inspection.is_none_or(|i| i == id)
    }

    /// The filters as query-string pairs, in a fixed order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                out.push((k, v));
            }
        };
        for body in &self.bodies {
            put("body", Some(body.to_string()));
        }
        put("inspection", self.inspection.map(|i| i.to_string()));
        put("area", self.area.clone());
        put("owner", self.owner.clone());
        put(
            "rag",
            self.rag
                .map(|r| r.map_or(NO_UPDATE, |r| r.as_str()).to_string()),
        );
        put(
            "assurance",
            self.assurance
                .map(|a| a.map_or(NOT_ASSESSED, |a| a.as_str()).to_string()),
        );
        put(
            "position",
            self.position
                .map(|p| p.map_or(NOT_RECORDED, |p| p.as_str()).to_string()),
        );
        put("status", self.status.map(|s| s.as_str().to_string()));
        put("due", self.due.map(Due::token));
        put("show", self.show.map(|s| s.token().to_string()));
        put(
            "as_at",
            self.as_at.map(|d| d.format("%Y-%m-%d").to_string()),
        );
        out
    }

    /// `path` with these filters as its query string (just `path` when there are none).
    pub fn href(&self, path: &str) -> String {
        let pairs = self.pairs();
        if pairs.is_empty() {
            return path.to_string();
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        format!("{path}?{query}")
    }

    /// The same filters with the list-specific ones (status, due, show) cleared, for links
    /// from one list to another.
    pub fn common(&self) -> Self {
        Self {
            status: None,
            due: None,
            show: None,
            ..self.clone()
        }
    }

    /// Whether any filter narrows the findings (and so the actions addressing them).
    pub fn narrows_findings(&self) -> bool {
        self.inspection.is_some()
            || self.area.is_some()
            || self.rag.is_some()
            || self.assurance.is_some()
            || self.position.is_some()
    }
}

/// Case-insensitive "contains", for the free-text owner and area filters.
pub fn matches_text(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn query(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn filters_survive_a_round_trip_through_the_query_string() {
        let f = Filters::from_query(&query(&[
            ("inspection", "1"),
            ("rag", "red"),
            ("assurance", "not_assessed"),
            ("owner", "DCC & co"),
            ("as_at", "2026-09-15"),
        ]));
        assert_eq!(f.rag, Some(Some(Rag::Red)));
        assert_eq!(f.assurance, Some(None));
        let href = f.href("/dashboard/findings");
        assert_eq!(
            href,
            "/dashboard/findings?inspection=1&owner=DCC+%26+co&rag=red&assurance=not_assessed&as_at=2026-09-15"
        );
        let back: Vec<(String, String)> =
            form_urlencoded::parse(href.split_once('?').unwrap().1.as_bytes())
                .into_owned()
                .collect();
        assert_eq!(Filters::from_query(&back), f);
    }

    #[test]
    fn the_date_may_come_from_three_boxes_and_bad_values_are_ignored() {
        let f = Filters::from_query(&query(&[
            ("as_at_day", "15"),
            ("as_at_month", "9"),
            ("as_at_year", "2026"),
            ("rag", "purple"),
            ("inspection", "x"),
        ]));
        assert_eq!(f.as_at, NaiveDate::from_ymd_opt(2026, 9, 15));
        assert_eq!(f.rag, None);
        assert_eq!(f.inspection, None);
        assert_eq!(Filters::default().href("/dashboard"), "/dashboard");
    }

    #[test]
    fn due_windows_run_from_the_as_at_date_inclusive() {
        let as_at = d("2026-03-02");
        assert!(Due::Overdue.contains(d("2026-03-01"), as_at));
        assert!(!Due::Overdue.contains(as_at, as_at));
        assert!(Due::Within(30).contains(as_at, as_at));
        assert!(Due::Within(30).contains(d("2026-04-01"), as_at));
        assert!(!Due::Within(30).contains(d("2026-04-02"), as_at));
    }

    #[test]
    fn the_dashboards_never_show_a_date_after_today() {
        let today = d("2026-03-02");
        let asked = |v: &str| Filters::from_query(&query(&[("as_at", v)]));
        assert_eq!(asked("2022-05-01").shown_as_at(today), d("2022-05-01"));
        assert_eq!(asked("2030-01-01").shown_as_at(today), today);
        assert_eq!(Filters::default().shown_as_at(today), today);
    }

    #[test]
    fn the_body_filter_repeats_and_survives_a_round_trip() {
        let f = Filters::from_query(&query(&[
            ("body", "3"),
            ("rag", "red"),
            ("body", "1"),
            ("body", "3"),
            ("body", "x"),
        ]));
        assert_eq!(f.bodies, [1, 3]);
        let href = f.href("/dashboard");
        assert_eq!(href, "/dashboard?body=1&body=3&rag=red");
        let back: Vec<(String, String)> =
            form_urlencoded::parse(href.split_once('?').unwrap().1.as_bytes())
                .into_owned()
                .collect();
        assert_eq!(Filters::from_query(&back), f);
        assert!(Filters::default().bodies.is_empty());
    }

    #[test]
    fn a_repeated_key_counts_by_its_last_value() {
        let f = Filters::from_query(&query(&[("rag", "red"), ("rag", "green")]));
        assert_eq!(f.rag, Some(Some(Rag::Green)));
    }

    #[test]
    fn an_inspection_filter_admits_only_that_inspection() {
        let one = Filters::from_query(&query(&[("inspection", "2")]));
        assert!(one.admits_inspection(2));
        assert!(!one.admits_inspection(3));
        assert!(Filters::default().admits_inspection(3));
    }
}
