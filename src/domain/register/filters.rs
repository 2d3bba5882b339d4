//! The register's filters, read from the query string of its plain GET form: source, body,
//! theme, owner and clock state. A value that is not one the register offers (an unknown
//! token, a body or theme not on it, a number too big to be an id) is not applied, and named
//! so the page can say so.

use std::collections::{BTreeMap, HashMap};

use super::RegisterRow;
use crate::domain::clocks::ClockState;
use crate::domain::sources::ReportSource;

/// The clock filter's token for reports no rule gives a clock.
pub const NO_CLOCK: &str = "none";

/// Which clock state to show: one of the states, or no clock at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockFilter {
    State(ClockState),
    NoClock,
}

impl ClockFilter {
    /// Every choice, most in need of attention first.
    pub fn all() -> Vec<Self> {
        ClockState::ALL
            .into_iter()
            .map(Self::State)
            .chain([Self::NoClock])
            .collect()
    }

    pub fn token(self) -> &'static str {
        match self {
            Self::State(s) => s.as_str(),
            Self::NoClock => NO_CLOCK,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::State(s) => s.label(),
            Self::NoClock => "No clock",
        }
    }

    pub fn parse(token: &str) -> Option<Self> {
        match token {
            NO_CLOCK => Some(Self::NoClock),
            _ => ClockState::parse(token).map(Self::State),
        }
    }

    /// Whether a report whose worst clock is `clock` is shown.
    pub fn matches(self, clock: Option<ClockState>) -> bool {
        match self {
            Self::State(s) => clock == Some(s),
            Self::NoClock => clock.is_none(),
        }
    }
}

/// What the register offers to filter by besides sources and clock states: the bodies,
/// themes and owners its rows carry, each once, by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    pub bodies: Vec<(i64, String)>,
    pub themes: Vec<(i64, String)>,
    pub owners: Vec<String>,
}

impl Options {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a RegisterRow>) -> Self {
        let mut bodies = BTreeMap::new();
        let mut themes = BTreeMap::new();
        let mut owners = BTreeMap::new();
        for r in rows {
            let f = &r.finding;
            bodies.insert(f.body_id, f.body_name.clone());
            for (id, name) in &r.themes {
                themes.insert(*id, name.clone());
            }
            for o in &r.owners {
                owners.insert(o.to_lowercase(), o.clone());
            }
        }
        let by_name = |map: BTreeMap<i64, String>| {
            let mut list: Vec<(i64, String)> = map.into_iter().collect();
            list.sort_by_key(|(id, name)| (name.to_lowercase(), *id));
            list
        };
        Self {
            bodies: by_name(bodies),
            themes: by_name(themes),
            owners: owners.into_values().collect(),
        }
    }
}

/// The filters asked for; each `None` unless understood.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub source: Option<ReportSource>,
    pub body: Option<i64>,
    pub theme: Option<i64>,
    pub owner: Option<String>,
    pub clock: Option<ClockFilter>,
    /// The filters given a value that is not offered, so not applied: their labels, in the
    /// form's order.
    pub ignored: Vec<&'static str>,
}

impl Filters {
    /// The filters in a query string's pairs (a repeated key counts once, by its last value;
    /// blank means not asked for), checked against what the register offers.
    pub fn from_query(pairs: &[(String, String)], options: &Options) -> Self {
        let q: HashMap<&str, &str> = pairs.iter().map(|(k, v)| (k.as_str(), v.trim())).collect();
        let get = |key: &str| q.get(key).copied().filter(|v| !v.is_empty());
        let id_in = |list: &[(i64, String)], value: &str| {
            value
                .parse::<i64>()
                .ok()
                .filter(|id| list.iter().any(|(known, _)| known == id))
        };
        let mut ignored = Vec::new();
        Self {
            source: understood(&mut ignored, "Source", get("source"), ReportSource::parse),
            body: understood(&mut ignored, "Body", get("body"), |v| {
                id_in(&options.bodies, v)
            }),
            theme: understood(&mut ignored, "Theme", get("theme"), |v| {
                id_in(&options.themes, v)
            }),
            owner: understood(&mut ignored, "Owner", get("owner"), |v| {
                options.owners.iter().find(|o| *o == v).cloned()
            }),
            clock: understood(&mut ignored, "Clock", get("clock"), ClockFilter::parse),
            ignored,
        }
    }

    /// Whether any filter is applied.
    pub fn any(&self) -> bool {
        self.source.is_some()
            || self.body.is_some()
            || self.theme.is_some()
            || self.owner.is_some()
            || self.clock.is_some()
    }

    /// Whether `row` passes every filter applied.
    pub fn admits(&self, row: &RegisterRow) -> bool {
        self.source.is_none_or(|s| row.source == s)
            && self.body.is_none_or(|b| row.finding.body_id == b)
            && self
                .theme
                .is_none_or(|t| row.themes.iter().any(|(id, _)| *id == t))
            && self
                .owner
                .as_deref()
                .is_none_or(|o| row.owners.iter().any(|x| x == o))
            && self.clock.is_none_or(|c| c.matches(row.clock))
    }

    /// The value each field of the form holds: what was applied (an ignored value is not
    /// kept, so applying the form again asks for nothing it cannot do).
    pub fn value(&self, key: &str) -> String {
        match key {
            "source" => self.source.map(|s| s.as_str().to_string()),
            "body" => self.body.map(|b| b.to_string()),
            "theme" => self.theme.map(|t| t.to_string()),
            "owner" => self.owner.clone(),
            "clock" => self.clock.map(|c| c.token().to_string()),
            _ => None,
        }
        .unwrap_or_default()
    }
}

/// How many rows one page of the register shows.
pub const PER_PAGE: usize = 100;

/// Which page of the register's rows is shown, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// From 1.
    pub number: usize,
    pub pages: usize,
}

impl Page {
    /// The page asked for in a query string's `page` (the first when not a page number; the
    /// last when beyond it) of `rows` rows.
    pub fn of(rows: usize, pairs: &[(String, String)]) -> Self {
        let pages = rows.div_ceil(PER_PAGE).max(1);
        let asked = pairs
            .iter()
            .rev()
            .find(|(k, _)| k == "page")
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
            .filter(|n| *n >= 1)
            .unwrap_or(1);
        Self {
            number: asked.min(pages),
            pages,
        }
    }

    /// The page numbers to link to: the first, the last and two either side of this one,
    /// with `None` where numbers are left out (shown as an ellipsis) – never just one.
    pub fn numbers(self) -> Vec<Option<usize>> {
        let near = |n: usize| n == 1 || n == self.pages || n.abs_diff(self.number) <= 2;
        let lone_gap = |n: usize| near(n - 1) && near(n + 1);
        let mut out = Vec::new();
        for n in 1..=self.pages {
            if near(n) || lone_gap(n) {
                out.push(Some(n));
            } else if out.last() != Some(&None) {
                out.push(None);
            }
        }
        out
    }

    /// The rows of this page, as a range of the rows' indices.
    pub fn range(self, rows: usize) -> std::ops::Range<usize> {
        let start = ((self.number - 1) * PER_PAGE).min(rows);
        start..(start + PER_PAGE).min(rows)
    }
}

impl Filters {
    /// The query string of these filters at page `page` (the first page has none), for the
    /// links between pages: "?source=coroner&page=2".
    pub fn query(&self, page: usize) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for key in ["source", "body", "theme", "owner", "clock"] {
            let value = self.value(key);
            if !value.is_empty() {
                q.append_pair(key, &value);
            }
        }
        if page > 1 {
            q.append_pair("page", &page.to_string());
        }
        let q = q.finish();
        match q.is_empty() {
            true => String::new(),
            false => format!("?{q}"),
        }
    }
}

/// `asked` read by `parse`; when a value was given but not understood, `label` is noted in
/// `ignored`.
fn understood<T>(
    ignored: &mut Vec<&'static str>,
    label: &'static str,
    asked: Option<&str>,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Option<T> {
    let value = asked?;
    let parsed = parse(value);
    if parsed.is_none() {
        ignored.push(label);
    }
    parsed
}
