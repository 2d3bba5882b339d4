//! Report packages: one JSON file describing a national or thematic report – its stable
//! identifier, publisher, date, addressees and every item's official wording and timescale –
//! that any office can load into the bodies it oversees, and that the first office to type a
//! report can export for every other (README, "Report packages").
//!
//! A package has a version: a newer version of the same report changes wording or deadlines,
//! and loading it changes those and nothing local (see [`plan`]).

pub mod export;
mod plan;

pub use plan::{Change, ItemPlan, Loaded, LoadedItem, Plan, plan};

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::inputs::parse_url;
use crate::domain::plausible;
use crate::domain::vocab::{BodyKind, FindingKind, InspectionKind, Source, Timescale};

/// The format's own version, in every package's `format` member.
pub const FORMAT: &str = "scrutineer-report-package/1";
/// Where the JSON Schema of a package is served, and the schema itself.
pub const SCHEMA_PATH: &str = "/data/schema/report-package.json";
pub const SCHEMA: &str = include_str!("report-package.schema.json");

/// The most items a package may hold (the largest real reports have well under 200).
pub const MAX_ITEMS: usize = 2000;
/// The longest identifier, report's or item's.
pub const MAX_ID_CHARS: usize = 200;

/// A report package as written in its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// Always [`FORMAT`].
    pub format: String,
    /// The report's stable identifier, e.g. `urn:hmicfrs:2022:vetting-misconduct-misogyny`.
    pub id: String,
    /// 1 for the first package of the report; each change of wording or deadlines raises it.
    pub version: u32,
    pub title: String,
    /// Who issued the report, as written ("HMICFRS").
    pub publisher: String,
    pub source: Source,
    pub kind: InspectionKind,
    pub published_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_url: Option<String>,
    /// Whom the report's items are addressed to, unless an item names its own.
    pub addressees: Vec<Addressee>,
    pub items: Vec<Item>,
}

/// An item of a report: a cause of concern, recommendation or area for improvement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The item's stable identifier, unique in the package, kept from version to version.
    pub id: String,
    pub kind: FindingKind,
    /// The report's own reference ("R1", "AFI 3"), unique in the package.
    pub reference: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub area: String,
    pub official_wording: String,
    pub timescale: Timescale,
    /// The stated deadline, when the timescale is `by_date` (and only then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<NaiveDate>,
    /// The identifier of the cause of concern this recommendation sits under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Whom this item is addressed to, where not the report's addressees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<Addressee>,
}

/// Whom a report's item is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Addressee {
    ChiefConstables,
    PoliceAndCrimeCommissioners,
    FireAndRescueServices,
    NationalBodies,
}

impl Addressee {
    pub const ALL: &'static [Self] = &[
        Self::ChiefConstables,
        Self::PoliceAndCrimeCommissioners,
        Self::FireAndRescueServices,
        Self::NationalBodies,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::ChiefConstables => "Chief constables",
            Self::PoliceAndCrimeCommissioners => "Police and crime commissioners",
            Self::FireAndRescueServices => "Fire and rescue services",
            Self::NationalBodies => "National bodies",
        }
    }

    /// Whether an item addressed here is one a body of `kind` acts on (a body of another
    /// kind acts on every item).
    fn reaches(self, kind: BodyKind) -> bool {
        match kind {
            BodyKind::PoliceForce => matches!(
                self,
                Self::ChiefConstables | Self::PoliceAndCrimeCommissioners
            ),
            BodyKind::FireAndRescueService => self == Self::FireAndRescueServices,
            BodyKind::Other => true,
        }
    }
}

impl Package {
    /// Read and check a package file: every problem found, in plain words, or the package.
    pub fn read(text: &str) -> Result<Self, Vec<String>> {
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            return Err(vec!["Choose a report package file, or paste one".into()]);
        }
        let package: Self = serde_json::from_str(text).map_err(|e| vec![unreadable(&e)])?;
        let problems = package.problems();
        if problems.is_empty() {
            Ok(package)
        } else {
            Err(problems)
        }
    }

    /// The file's bytes: what [`Package::read`] reads back to the same package.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The items a body of `kind` acts on, in the package's order; a cause of concern is kept
    /// when any recommendation under it is.
    pub fn items_for(&self, kind: BodyKind) -> Vec<&Item> {
        let reaches = |item: &Item| {
            let to = if item.addressees.is_empty() {
                &self.addressees
            } else {
                &item.addressees
            };
            to.iter().any(|a| a.reaches(kind))
        };
        let parents: HashSet<&str> = self
            .items
            .iter()
            .filter(|i| reaches(i))
            .filter_map(|i| i.parent.as_deref())
            .collect();
        self.items
            .iter()
            .filter(|i| reaches(i) || parents.contains(i.id.as_str()))
            .collect()
    }

    /// Every rule the package breaks, in plain words (none: it can be loaded).
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut say = |p: String| problems.push(p);
        if self.format != FORMAT {
            say(format!(
                "This is not a report package this version of Scrutineer reads: its format is \"{}\", not \"{FORMAT}\"",
                shown(&self.format)
            ));
        }
        if let Some(p) = id_problem(&self.id) {
            say(format!("The report's identifier {p}"));
        }
        if self.version == 0 {
            say("The package's version must be 1 or more".into());
        }
        let title = text_problem(&self.title, 300, "The report's title");
        for p in title
            .into_iter()
            .chain(text_problem(&self.publisher, 200, "The publisher"))
        {
            say(p);
        }
        if self
            .report_url
            .as_deref()
            .is_some_and(|u| !matches!(parse_url(u), Ok(Some(_))))
        {
            say("The report's link must be a web address starting with https://".into());
        }
        if self.addressees.is_empty() {
            say("Say whom the report is addressed to (addressees)".into());
        }
        if self.items.is_empty() {
            say("The package has no items".into());
        }
        if self.items.len() > MAX_ITEMS {
            say(format!("A package may hold at most {MAX_ITEMS} items"));
        }
        // The first item with an identifier is the one a parent names.
        let mut kinds: HashMap<&str, FindingKind> = HashMap::new();
        for i in &self.items {
            kinds.entry(i.id.as_str()).or_insert(i.kind);
        }
        let (mut ids, mut references) = (HashSet::new(), HashSet::new());
        for (n, item) in self.items.iter().enumerate().take(MAX_ITEMS) {
            let name = if item.reference.trim().is_empty() {
                format!("Item {}", n + 1)
            } else {
                format!("Item {}", shown(&item.reference))
            };
            if let Some(p) = id_problem(&item.id) {
                say(format!("{name}: its identifier {p}"));
            } else if !ids.insert(item.id.as_str()) {
                say(format!(
                    "{name}: its identifier {} is used by another item",
                    shown(&item.id)
                ));
            }
            if let Some(p) = text_problem(&item.reference, 40, "its reference") {
                say(format!("{name}: {p}"));
            } else if !references.insert(item.reference.trim()) {
                say(format!("{name}: another item has the same reference"));
            }
            let area = text_problem(&item.area, 200, "its area").filter(|_| !item.area.is_empty());
            let wording = text_problem(&item.official_wording, 10_000, "its official wording");
            for p in area.into_iter().chain(wording) {
                say(format!("{name}: {p}"));
            }
            match (item.timescale, item.deadline) {
                (Timescale::ByDate, None) => {
                    say(format!("{name}: a timescale by_date needs its deadline"))
                }
                (Timescale::ByDate, Some(by)) => {
                    if let Some(p) = plausible::timescale_date(self.published_on, by) {
                        say(format!("{name}: {p}"));
                    }
                }
                (_, Some(_)) => say(format!(
                    "{name}: a deadline goes with the timescale by_date only"
                )),
                (_, None) => {}
            }
            match item.parent.as_deref() {
                None => {}
                Some(parent) if parent == item.id => {
                    say(format!("{name}: an item cannot sit under itself"))
                }
                Some(parent) => match kinds.get(parent) {
                    Some(FindingKind::CauseOfConcern)
                        if item.kind != FindingKind::CauseOfConcern => {}
                    Some(FindingKind::CauseOfConcern) => say(format!(
                        "{name}: a cause of concern cannot sit under another"
                    )),
                    Some(_) => say(format!(
                        "{name}: its parent {} is not a cause of concern",
                        shown(parent)
                    )),
                    None => say(format!(
                        "{name}: its parent {} is not an item of the package",
                        shown(parent)
                    )),
                },
            }
        }
        problems
    }
}

/// Why a JSON file could not be read as a package, with where.
fn unreadable(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => format!(
            "The file is not JSON (line {}, column {}): save the package as it was published",
            e.line(),
            e.column()
        ),
        Category::Data => format!(
            "The package does not have the shape of a report package (line {}): {}",
            e.line(),
            // serde's message names the member and what it expected; cut to keep it short.
            shown(e.to_string().split(" at line").next().unwrap_or_default())
        ),
    }
}

/// A value from the file, as shown in a message: at most 60 characters.
fn shown(value: &str) -> String {
    let cut: String = value.chars().take(60).collect();
    if cut.len() < value.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("is missing".into())
    } else if id.chars().count() > MAX_ID_CHARS {
        Some(format!("must be {MAX_ID_CHARS} characters or fewer"))
    } else if id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(format!("{} must not contain spaces", shown(id)))
    } else {
        None
    }
}

fn text_problem(text: &str, max: usize, what: &str) -> Option<String> {
    if text.trim().is_empty() {
        Some(format!("{what} is missing"))
    } else if text.chars().count() > max {
        Some(format!("{what} must be {max} characters or fewer"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests;

/// The example package of the tests, as a file, for tests elsewhere.
#[cfg(test)]
pub mod tests_support {
    pub fn example_text() -> String {
        super::tests::example().to_json()
    }
}
