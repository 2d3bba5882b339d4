//! A package from an inspection the office entered (or loaded): the first office to type a
//! report saves every other office the work.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Addressee, FORMAT, Item, Package};
use crate::domain::sources::ReportSource;
use crate::domain::vocab::{BodyKind, FindingKind, InspectionKind, Source, Timescale};

/// The inspection a package is made from.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Report {
    pub id: i64,
    pub national_id: Option<String>,
    pub package_version: Option<u32>,
    pub title: String,
    pub kind: InspectionKind,
    pub source: Source,
    pub body_kind: BodyKind,
    pub published_on: NaiveDate,
    pub report_url: Option<String>,
}

/// One of its findings (withdrawn ones are left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub national_id: Option<String>,
    pub kind: FindingKind,
    pub reference: String,
    pub area: String,
    pub official_wording: Option<String>,
    pub timescale: Timescale,
    pub deadline: Option<NaiveDate>,
}

/// The package of `report` with `findings` at `version`. Identifiers are kept where the
/// report was loaded from a package; others are made by `mint` from a key (`inspection/3`,
/// `finding/12`) and stay the same at every export. `loaded` is the package the report was
/// loaded from, whose publisher and addressees are kept.
pub fn export(
    report: &Report,
    findings: &[Finding],
    loaded: Option<&Package>,
    version: u32,
    mint: impl Fn(&str) -> String,
) -> Package {
    let ids: HashMap<i64, String> = findings
        .iter()
        .map(|f| {
            let id = f
                .national_id
                .clone()
                .unwrap_or_else(|| mint(&format!("finding/{}", f.id)));
            (f.id, id)
        })
        .collect();
    let addressed: HashMap<&str, &Vec<Addressee>> = loaded
        .map(|p| {
            p.items
                .iter()
                .map(|i| (i.id.as_str(), &i.addressees))
                .collect()
        })
        .unwrap_or_default();
    // A loaded report keeps its package's order; a typed one, the record's.
    let order: HashMap<&str, usize> = loaded
        .map(|p| {
            p.items
                .iter()
                .enumerate()
                .map(|(n, i)| (i.id.as_str(), n))
                .collect()
        })
        .unwrap_or_default();
    let mut findings: Vec<&Finding> = findings.iter().collect();
    findings.sort_by_key(|f| {
        f.national_id
            .as_deref()
            .and_then(|id| order.get(id).copied())
            .unwrap_or(usize::MAX)
    });
    let items = findings
        .iter()
        .map(|f| {
            let id = ids[&f.id].clone();
            Item {
                addressees: addressed
                    .get(id.as_str())
                    .map(|a| a.to_vec())
                    .unwrap_or_default(),
                id,
                kind: f.kind,
                reference: f.reference.clone(),
                area: f.area.clone(),
                official_wording: f.official_wording.clone().unwrap_or_default(),
                timescale: f.timescale,
                deadline: f.deadline.filter(|_| f.timescale == Timescale::ByDate),
                parent: f.parent_id.and_then(|p| ids.get(&p).cloned()),
            }
        })
        .collect();
    let source = ReportSource::of(report.source, report.body_kind);
    Package {
        format: FORMAT.into(),
        id: report
            .national_id
            .clone()
            .unwrap_or_else(|| mint(&format!("inspection/{}", report.id))),
        version,
        title: report.title.clone(),
        publisher: loaded.map_or_else(|| publisher(source), |p| p.publisher.clone()),
        source: report.source,
        kind: report.kind,
        published_on: report.published_on,
        report_url: report.report_url.clone(),
        addressees: loaded.map_or_else(
            || vec![addressee(report.body_kind)],
            |p| p.addressees.clone(),
        ),
        items,
    }
}

/// The issuer's name as a publisher ("HMICFRS", "The coroner" without its article).
fn publisher(source: ReportSource) -> String {
    let issuer = source.issuer();
    issuer
        .strip_prefix("The ")
        .map_or(issuer.to_string(), |rest| {
            let mut chars = rest.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
}

/// Whom a report about a body of `kind` is addressed to.
fn addressee(kind: BodyKind) -> Addressee {
    match kind {
        BodyKind::PoliceForce => Addressee::ChiefConstables,
        BodyKind::FireAndRescueService => Addressee::FireAndRescueServices,
        BodyKind::Other => Addressee::NationalBodies,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::example;
    use super::*;

    fn report() -> Report {
        Report {
            id: 3,
            national_id: None,
            package_version: None,
            title: "A report".into(),
            kind: InspectionKind::ChildProtection,
            source: Source::Hmicfrs,
            body_kind: BodyKind::PoliceForce,
            published_on: NaiveDate::from_ymd_opt(2021, 11, 16).unwrap(),
            report_url: None,
        }
    }

    fn finding(id: i64, parent_id: Option<i64>, kind: FindingKind) -> Finding {
        Finding {
            id,
            parent_id,
            national_id: None,
            kind,
            reference: format!("R{id}"),
            area: String::new(),
            official_wording: Some(format!("Words {id}")),
            timescale: Timescale::Immediately,
            deadline: None,
        }
    }

    #[test]
    fn a_typed_report_gets_identifiers_made_from_its_records_and_its_body_as_addressee() {
        let mint = |key: &str| format!("urn:test:{key}");
        let findings = [
            finding(10, None, FindingKind::CauseOfConcern),
            finding(11, Some(10), FindingKind::Recommendation),
        ];
        let p = export(&report(), &findings, None, 1, mint);
        assert_eq!(p.id, "urn:test:inspection/3");
        assert_eq!(p.version, 1);
        assert_eq!(p.addressees, vec![Addressee::ChiefConstables]);
        assert_eq!(p.items[0].id, "urn:test:finding/10");
        assert_eq!(p.items[1].parent.as_deref(), Some("urn:test:finding/10"));
        assert_eq!(p.items[1].official_wording, "Words 11");
        assert!(p.problems().is_empty(), "{:?}", p.problems());
        let again = export(&report(), &findings, None, 1, mint);
        assert_eq!(p, again, "the same at every export");
    }

    #[test]
    fn a_loaded_report_exports_as_the_package_it_was_loaded_from() {
        let loaded = example();
        let mut report = report();
        report.national_id = Some(loaded.id.clone());
        report.package_version = Some(1);
        report.title = loaded.title.clone();
        report.kind = loaded.kind;
        report.published_on = loaded.published_on;
        report.report_url = loaded.report_url.clone();
        let findings: Vec<Finding> = loaded
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| Finding {
                id: n as i64 + 1,
                parent_id: i.parent.as_ref().map(|_| 1),
                national_id: Some(i.id.clone()),
                kind: i.kind,
                reference: i.reference.clone(),
                area: i.area.clone(),
                official_wording: Some(i.official_wording.clone()),
                timescale: i.timescale,
                deadline: i.deadline,
            })
            .collect();
        let p = export(&report, &findings, Some(&loaded), 1, |_| unreachable!());
        assert_eq!(p, loaded);
    }

    #[test]
    fn the_publisher_is_the_issuer_without_its_article() {
        assert_eq!(
            publisher(ReportSource::of(Source::Coroner, BodyKind::PoliceForce)),
            "Coroner"
        );
        let hmicfrs = ReportSource::of(Source::Hmicfrs, BodyKind::PoliceForce);
        assert_eq!(publisher(hmicfrs), hmicfrs.issuer());
    }

    #[test]
    fn a_deadline_goes_only_with_a_stated_date() {
        let mut f = finding(1, None, FindingKind::Recommendation);
        f.deadline = NaiveDate::from_ymd_opt(2022, 1, 1);
        let p = export(&report(), &[f.clone()], None, 1, |k| k.to_string());
        assert_eq!(p.items[0].deadline, None);
        f.timescale = Timescale::ByDate;
        let p = export(&report(), &[f], None, 1, |k| k.to_string());
        assert_eq!(p.items[0].deadline, NaiveDate::from_ymd_opt(2022, 1, 1));
    }
}
