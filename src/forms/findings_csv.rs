//! The findings CSV import form: the pasted (or uploaded) file, and the findings it holds
//! once every row is good and the person has confirmed.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::findings::NewFinding;
use crate::domain::findings_csv::{self, CsvFinding, ImportRow};
use crate::domain::plausible;

/// What the import form holds: the pasted (or uploaded) text, and "1" once the person
/// has seen the preview and confirmed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct FindingsCsvForm {
    pub csv: String,
    pub confirm: String,
}

impl FindingsCsvForm {
    /// The form as sent: pasted text, or an uploaded file (which wins when it has any).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let (mut form, mut file) = (Self::default(), String::new());
        for (key, value) in pairs {
            match key.as_str() {
                "csv" => form.csv = value,
                "file" => file = value,
                "confirm" => form.confirm = value,
                _ => {}
            }
        }
        if !file.trim().is_empty() {
            form.csv = file;
        }
        form
    }
}

/// Why an import is not saved yet.
#[derive(Debug, Clone, PartialEq)]
pub enum NotYet {
    /// Something wrong with the file as a whole (422).
    File(String),
    /// Some rows have problems; every row is shown with its own (422).
    Rows(Vec<ImportRow>),
    /// Every row is good; shown for the person to confirm (200).
    Unconfirmed(Vec<ImportRow>),
}

impl FindingsCsvForm {
    /// The findings the file holds, once every row is good and the person has confirmed;
    /// `existing` are the references already in the inspection, published on `published`
    /// (no stated date may be before it).
    pub fn parse(
        &self,
        existing: &[String],
        published: NaiveDate,
    ) -> Result<Vec<NewFinding>, NotYet> {
        let mut rows = findings_csv::read(&self.csv, existing).map_err(NotYet::File)?;
        for row in &mut rows {
            let by = row.finding.as_ref().and_then(|f| f.timescale_date);
            if let Some(wrong) = by.and_then(|by| plausible::timescale_date(published, by)) {
                row.problems.push(wrong);
            }
        }
        if rows.is_empty() {
            return Err(NotYet::File("The file has a header but no findings".into()));
        }
        if rows.iter().any(|r| !r.problems.is_empty()) {
            return Err(NotYet::Rows(rows));
        }
        if self.confirm != "1" {
            return Err(NotYet::Unconfirmed(rows));
        }
        Ok(rows
            .into_iter()
            .filter_map(|r| r.finding)
            .map(imported)
            .collect())
    }
}

/// A finding read from a CSV row: never under a parent, judged as a whole.
fn imported(f: CsvFinding) -> NewFinding {
    NewFinding {
        parent_id: None,
        kind: f.kind,
        reference: f.reference,
        area: f.area,
        official_wording: f.wording,
        public_summary: f.summary,
        timescale: f.timescale,
        timescale_date: f.timescale_date,
        parts: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published() -> NaiveDate {
        NaiveDate::from_ymd_opt(2022, 2, 15).unwrap()
    }

    fn csv(rows: &str, confirm: &str) -> FindingsCsvForm {
        FindingsCsvForm {
            csv: format!("{}\n{rows}", findings_csv::HEADER.join(",")),
            confirm: confirm.into(),
        }
    }

    #[test]
    fn a_confirmed_good_file_makes_its_findings() {
        let made = csv("R1,recommendation,Custody,none,Wording,Summary\n", "1")
            .parse(&[], published())
            .expect("valid");
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].reference, "R1");
        assert_eq!(made[0].area, "Custody");
        assert_eq!(made[0].official_wording.as_deref(), Some("Wording"));
        assert!(made[0].parts.is_empty());
    }

    #[test]
    fn a_good_file_not_yet_confirmed_is_shown_for_confirmation() {
        let outcome = csv("R1,recommendation,Custody,none,Wording,Summary\n", "")
            .parse(&[], published())
            .expect_err("unconfirmed");
        assert!(matches!(outcome, NotYet::Unconfirmed(rows) if rows.len() == 1));
    }

    #[test]
    fn a_reference_already_in_the_inspection_stops_the_whole_file() {
        let outcome = csv("R1,recommendation,Custody,none,Wording,Summary\n", "1")
            .parse(&["R1".into()], published())
            .expect_err("refused");
        assert!(matches!(outcome, NotYet::Rows(rows) if !rows[0].problems.is_empty()));
    }

    #[test]
    fn a_stated_date_before_the_report_is_a_problem_with_its_row() {
        let outcome = csv(
            "R1,recommendation,Custody,2022-02-14,Wording,Summary\n",
            "1",
        )
        .parse(&[], published())
        .expect_err("refused");
        let NotYet::Rows(rows) = outcome else {
            panic!("a row problem: {outcome:?}");
        };
        assert!(rows[0].problems[0].contains("15 February 2022"), "{rows:?}");
        let on_the_day = csv(
            "R1,recommendation,Custody,2022-02-15,Wording,Summary\n",
            "1",
        );
        assert!(on_the_day.parse(&[], published()).is_ok());
    }

    #[test]
    fn a_header_without_rows_is_a_problem_with_the_file() {
        let outcome = csv("", "1").parse(&[], published()).expect_err("empty");
        assert_eq!(
            outcome,
            NotYet::File("The file has a header but no findings".into())
        );
    }
}
