//! What loading a package into one body would do: add the report with its items, apply a
//! newer version's changes of wording and deadlines, or nothing at all.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Item, Package};
use crate::domain::dates::uk_date;
use crate::domain::vocab::{BodyKind, FindingKind, Timescale};

/// What a body already holds of a package's report: the inspection loaded from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub inspection_id: i64,
    pub version: u32,
    pub title: String,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
    /// The findings that carry an item's identifier (those added by hand carry none).
    pub items: Vec<LoadedItem>,
}

/// A finding loaded from a package item, as it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedItem {
    pub finding_id: i64,
    pub national_id: String,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub official_wording: Option<String>,
    pub timescale: Timescale,
    pub deadline: Option<NaiveDate>,
    /// The identifier of its parent's item.
    pub parent: Option<String>,
    /// Withdrawn by the office (entered in error, or not for this body): a newer version
    /// neither changes it nor adds it again.
    pub withdrawn: bool,
}

/// A change of one value, shown as before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub what: &'static str,
    pub before: String,
    pub after: String,
}

/// One item of the package for a body that already has the report.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemPlan<'a> {
    /// New in this version: added.
    Add(&'a Item),
    /// Its wording, deadline or place changed: the finding is updated, nothing else.
    Change {
        finding_id: i64,
        item: &'a Item,
        changes: Vec<Change>,
    },
}

/// What loading the package into one body does.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan<'a> {
    /// The body has no copy of the report: it gets one, with these items.
    Add(Vec<&'a Item>),
    /// None of the items is addressed to a body of this kind.
    NotAddressed,
    /// The body has this version already: nothing changes.
    UpToDate { inspection_id: i64 },
    /// The body has a newer version: nothing changes.
    Newer { inspection_id: i64, loaded: u32 },
    /// The body has an earlier version: these changes are applied (if none, only the version
    /// moves on), local work untouched.
    Update {
        inspection_id: i64,
        from: u32,
        report: Vec<Change>,
        items: Vec<ItemPlan<'a>>,
        /// References of findings loaded from an earlier version that this one no longer
        /// has: kept (the office may withdraw them).
        dropped: Vec<String>,
    },
}

impl Plan<'_> {
    /// Whether carrying out the plan writes anything.
    pub fn writes(&self) -> bool {
        match self {
            Plan::Add(_) | Plan::Update { .. } => true,
            Plan::NotAddressed | Plan::UpToDate { .. } | Plan::Newer { .. } => false,
        }
    }
}

/// What loading `package` into a body of `kind` that holds `loaded` (if anything) does.
pub fn plan<'a>(package: &'a Package, kind: BodyKind, loaded: Option<&Loaded>) -> Plan<'a> {
    let items = package.items_for(kind);
    let Some(loaded) = loaded else {
        return if items.is_empty() {
            Plan::NotAddressed
        } else {
            Plan::Add(items)
        };
    };
    let inspection_id = loaded.inspection_id;
    match loaded.version.cmp(&package.version) {
        std::cmp::Ordering::Equal => return Plan::UpToDate { inspection_id },
        std::cmp::Ordering::Greater => {
            return Plan::Newer {
                inspection_id,
                loaded: loaded.version,
            };
        }
        std::cmp::Ordering::Less => {}
    }
    let mut report = Vec::new();
    changed(&mut report, "Title", &loaded.title, &package.title);
    changed(
        &mut report,
        "Report date",
        &uk_date(loaded.published_on),
        &uk_date(package.published_on),
    );
    changed(
        &mut report,
        "Link to the report",
        loaded.report_url.as_deref().unwrap_or("none"),
        package.report_url.as_deref().unwrap_or("none"),
    );
    let by_id: HashMap<&str, &LoadedItem> = loaded
        .items
        .iter()
        .map(|i| (i.national_id.as_str(), i))
        .collect();
    let plans = items
        .iter()
        .filter_map(|item| match by_id.get(item.id.as_str()) {
            None => Some(ItemPlan::Add(item)),
            Some(had) if had.withdrawn => None,
            Some(had) => {
                let changes = item_changes(had, item);
                (!changes.is_empty()).then_some(ItemPlan::Change {
                    finding_id: had.finding_id,
                    item,
                    changes,
                })
            }
        })
        .collect();
    let dropped = loaded
        .items
        .iter()
        .filter(|had| !had.withdrawn && !items.iter().any(|i| i.id == had.national_id))
        .map(|had| had.reference.clone())
        .collect();
    Plan::Update {
        inspection_id,
        from: loaded.version,
        report,
        items: plans,
        dropped,
    }
}

fn item_changes(had: &LoadedItem, item: &Item) -> Vec<Change> {
    let mut changes = Vec::new();
    changed(&mut changes, "Reference", &had.reference, &item.reference);
    changed(&mut changes, "Kind", had.kind.label(), item.kind.label());
    changed(&mut changes, "Area", &had.area, &item.area);
    changed(
        &mut changes,
        "Official wording",
        had.official_wording.as_deref().unwrap_or(""),
        &item.official_wording,
    );
    changed(
        &mut changes,
        "Timescale",
        &timescale(had.timescale, had.deadline),
        &timescale(item.timescale, item.deadline),
    );
    changed(
        &mut changes,
        "Under",
        had.parent.as_deref().unwrap_or("none"),
        item.parent.as_deref().unwrap_or("none"),
    );
    changes
}

fn changed(changes: &mut Vec<Change>, what: &'static str, before: &str, after: &str) {
    if before != after {
        changes.push(Change {
            what,
            before: before.to_string(),
            after: after.to_string(),
        });
    }
}

fn timescale(t: Timescale, deadline: Option<NaiveDate>) -> String {
    match (t, deadline) {
        (Timescale::ByDate, Some(by)) => format!("By {}", uk_date(by)),
        _ => t.label().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::example;
    use super::*;

    fn loaded_from(p: &Package, version: u32) -> Loaded {
        Loaded {
            inspection_id: 7,
            version,
            title: p.title.clone(),
            published_on: p.published_on,
            report_url: p.report_url.clone(),
            items: p
                .items_for(BodyKind::PoliceForce)
                .iter()
                .enumerate()
                .map(|(n, i)| LoadedItem {
                    finding_id: 100 + n as i64,
                    national_id: i.id.clone(),
                    kind: i.kind,
                    reference: i.reference.clone(),
                    area: i.area.clone(),
                    official_wording: Some(i.official_wording.clone()),
                    timescale: i.timescale,
                    deadline: i.deadline,
                    parent: i.parent.clone(),
                    withdrawn: false,
                })
                .collect(),
        }
    }

    #[test]
    fn a_body_without_the_report_gets_every_item_addressed_to_it() {
        let p = example();
        let Plan::Add(items) = plan(&p, BodyKind::PoliceForce, None) else {
            panic!("not an add")
        };
        assert_eq!(items.len(), 3);
        assert!(plan(&p, BodyKind::PoliceForce, None).writes());
        assert_eq!(
            plan(&p, BodyKind::FireAndRescueService, None),
            Plan::NotAddressed
        );
        assert!(!Plan::NotAddressed.writes());
    }

    #[test]
    fn the_same_version_again_changes_nothing_and_an_older_one_is_left_alone() {
        let p = example();
        let had = loaded_from(&p, 1);
        let same = plan(&p, BodyKind::PoliceForce, Some(&had));
        assert_eq!(same, Plan::UpToDate { inspection_id: 7 });
        assert!(!same.writes());
        let newer = loaded_from(&p, 2);
        let older = plan(&p, BodyKind::PoliceForce, Some(&newer));
        assert_eq!(
            older,
            Plan::Newer {
                inspection_id: 7,
                loaded: 2
            }
        );
        assert!(!older.writes());
    }

    #[test]
    fn a_newer_version_lists_each_change_of_wording_deadline_and_place() {
        let old = example();
        let had = loaded_from(&old, 1);
        let mut new = example();
        new.version = 2;
        new.title = "A national report (revised)".into();
        new.items[1].official_wording = "New words".into();
        new.items[2].deadline = NaiveDate::from_ymd_opt(2023, 6, 30);
        new.items[2].reference = "R2a".into();
        new.items[2].area = "Vetting".into();
        new.items[2].kind = FindingKind::AreaForImprovement;
        new.items[1].parent = None;
        new.items.push(super::super::Item {
            id: "urn:x:r4".into(),
            reference: "R4".into(),
            ..new.items[1].clone()
        });
        new.items.remove(0);
        let Plan::Update {
            inspection_id,
            from,
            report,
            items,
            dropped,
        } = plan(&new, BodyKind::PoliceForce, Some(&had))
        else {
            panic!("not an update")
        };
        assert_eq!((inspection_id, from), (7, 1));
        assert_eq!(
            report,
            vec![Change {
                what: "Title",
                before: "A national report".into(),
                after: "A national report (revised)".into()
            }]
        );
        assert_eq!(dropped, vec!["C1".to_string()]);
        type Changed<'a> = (i64, Vec<(&'a str, &'a str, &'a str)>);
        let summary: Vec<Changed> = items
            .iter()
            .filter_map(|p| match p {
                ItemPlan::Change {
                    finding_id,
                    changes,
                    ..
                } => Some((
                    *finding_id,
                    changes
                        .iter()
                        .map(|c| (c.what, c.before.as_str(), c.after.as_str()))
                        .collect(),
                )),
                ItemPlan::Add(_) => None,
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    101,
                    vec![
                        ("Official wording", "The wording of R1", "New words"),
                        ("Under", "urn:x:c1", "none"),
                    ]
                ),
                (
                    102,
                    vec![
                        ("Reference", "R2", "R2a"),
                        ("Kind", "Recommendation", "Area for improvement"),
                        ("Area", "", "Vetting"),
                        ("Timescale", "By 30 April 2023", "By 30 June 2023"),
                    ]
                ),
            ]
        );
        let added: Vec<&str> = items
            .iter()
            .filter_map(|p| match p {
                ItemPlan::Add(i) => Some(i.reference.as_str()),
                ItemPlan::Change { .. } => None,
            })
            .collect();
        assert_eq!(added, ["R4"]);
    }

    #[test]
    fn a_newer_version_with_the_same_words_still_moves_the_version_on() {
        let old = example();
        let had = loaded_from(&old, 1);
        let mut new = example();
        new.version = 2;
        let p = plan(&new, BodyKind::PoliceForce, Some(&had));
        assert_eq!(
            p,
            Plan::Update {
                inspection_id: 7,
                from: 1,
                report: vec![],
                items: vec![],
                dropped: vec![]
            }
        );
        assert!(p.writes());
    }

    #[test]
    fn a_withdrawn_finding_is_neither_changed_nor_added_again() {
        let old = example();
        let mut had = loaded_from(&old, 1);
        had.items[1].withdrawn = true;
        let mut new = example();
        new.version = 2;
        new.items[1].official_wording = "New words".into();
        let Plan::Update { items, dropped, .. } = plan(&new, BodyKind::PoliceForce, Some(&had))
        else {
            panic!("not an update")
        };
        assert!(items.is_empty(), "{items:?}");
        new.items.remove(1);
        let Plan::Update { dropped: gone, .. } = plan(&new, BodyKind::PoliceForce, Some(&had))
        else {
            panic!("not an update")
        };
        assert!(
            dropped.is_empty() && gone.is_empty(),
            "withdrawn is not dropped: {gone:?}"
        );
    }
}
