//! The findings CSV (reference,kind,area,timescale,wording,summary): reading a pasted or
//! uploaded file into rows with every problem named, and writing the same format back with a
//! last column naming the inspected body, which import accepts and ignores (the inspection
//! imported into decides the body).
//!
//! Spreadsheet safety: an exported cell that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, tab or carriage return) gets a single quote in front. Import
//! strips exactly that one quote again, so export → import → export changes nothing. A value
//! that itself starts with quotes before such a character gets one more quote, for the same
//! reason.

use chrono::NaiveDate;

use crate::domain::inputs::{optional_text, required_text};
use crate::domain::vocab::{FindingKind, Timescale};

pub const HEADER: [&str; 6] = [
    "reference",
    "kind",
    "area",
    "timescale",
    "wording",
    "summary",
];
/// The column an export adds after [`HEADER`]: which body the findings belong to.
pub const BODY: &str = "body";
pub const MAX_REFERENCE: usize = 40;
pub const MAX_AREA: usize = 200;
pub const MAX_NARRATIVE: usize = 20_000;
/// The most findings one file may hold: every row is previewed on one page, so the page and
/// the work to check it stay bounded (a 2 MB file of short rows would be 150,000 rows).
pub const MAX_ROWS: usize = 2000;
pub const TOO_MANY_ROWS: &str = "The file has more than 2,000 findings. Split it into files of 2,000 rows or fewer and import each one";

/// One finding as it appears in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFinding {
    pub reference: String,
    pub kind: FindingKind,
    pub area: String,
    pub timescale: Timescale,
    pub timescale_date: Option<NaiveDate>,
    pub wording: Option<String>,
    pub summary: Option<String>,
}

/// One data row of an import: what was read, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Line number in the file (the header is line 1).
    pub line: usize,
    pub cells: Vec<String>,
    pub finding: Option<CsvFinding>,
    pub problems: Vec<String>,
}

fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

fn needs_quote(value: &str) -> bool {
    value
        .trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(is_formula_start)
}

/// A cell as written to the export.
pub fn neutralise(value: &str) -> String {
    if needs_quote(value) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

/// A cell as read from an import: the export's one protective quote removed.
pub fn unneutralise(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => value,
    }
}

/// A kind from its token or its label, in any case.
pub fn parse_kind(value: &str) -> Option<FindingKind> {
    let v = value.trim();
    FindingKind::ALL
        .iter()
        .copied()
        .find(|k| k.as_str().eq_ignore_ascii_case(v) || k.label().eq_ignore_ascii_case(v))
}

/// A timescale from its token, its label (any case), a stated date (`2023-03-31`,
/// `31/03/2023`, `31 March 2023`, `31 Mar 2023`), the same after "by" ("By 31 March 2023"),
/// or nothing at all: a blank cell is a timescale not stated, not "no timescale".
pub fn parse_timescale(value: &str) -> Option<(Timescale, Option<NaiveDate>)> {
    let v = value.trim();
    if v.is_empty() {
        return Some((Timescale::NotStated, None));
    }
    let undated = v
        .get(..3)
        .filter(|by| by.eq_ignore_ascii_case("by "))
        .map_or(v, |_| v[3..].trim_start());
    if let Some(date) = parse_stated_date(undated) {
        return Some((Timescale::ByDate, Some(date)));
    }
    Timescale::ALL
        .iter()
        .copied()
        .filter(|t| *t != Timescale::ByDate)
        .find(|t| t.as_str().eq_ignore_ascii_case(v) || t.label().eq_ignore_ascii_case(v))
        .map(|t| (t, None))
}

/// A date as a report or a spreadsheet writes it: ISO, UK day/month/year, or day, month name
/// and year. Never month-first: `03/31/2023` is not a date here.
fn parse_stated_date(v: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
}

/// Read a whole file. `Err` is a problem with the file itself (no header, not CSV); otherwise
/// every data row, each with its problems (duplicates are checked against `existing` too).
pub fn read(text: &str, existing: &[String]) -> Result<Vec<ImportRow>, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(_)) => return Err("The file could not be read as CSV".into()),
        None => {
            return Err("The file is empty: paste or choose a CSV file with a header row".into());
        }
    };
    let mut names: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let with_body = names.len() == HEADER.len() + 1 && names.last().is_some_and(|n| n == BODY);
    if with_body {
        names.pop();
    }
    if names != HEADER {
        return Err(format!(
            "The first row must be the header {}",
            HEADER.join(",")
        ));
    }
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in records.enumerate() {
        let line = i + 2;
        let cells: Vec<String> = match record {
            Ok(r) => r.iter().map(|c| unneutralise(c).to_string()).collect(),
            Err(_) => {
                rows.push(ImportRow {
                    line,
                    cells: Vec::new(),
                    finding: None,
                    problems: vec!["This row could not be read as CSV".into()],
                });
                continue;
            }
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(TOO_MANY_ROWS.into());
        }
        let mut row = check_row(line, cells, with_body);
        // Every row with a reference is checked for duplicates, whatever else is wrong with it.
        let reference = row
            .cells
            .first()
            .map(|c| c.trim().to_string())
            .unwrap_or_default();
        if !reference.is_empty() {
            let key = reference.to_lowercase();
            if seen.contains(&key) {
                row.problems.push(format!(
                    "Reference {reference} appears more than once in the file"
                ));
            } else if existing.iter().any(|e| e.eq_ignore_ascii_case(&reference)) {
                row.problems.push(format!(
                    "Reference {reference} is already in this inspection"
                ));
            }
            seen.insert(key);
        }
        if !row.problems.is_empty() {
            row.finding = None;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// One row's cells checked; an exported file's body column (`with_body`) is left out, as the
/// inspection imported into decides the body.
fn check_row(line: usize, mut cells: Vec<String>, with_body: bool) -> ImportRow {
    let mut problems = Vec::new();
    let columns = HEADER.len() + usize::from(with_body);
    if cells.len() == columns && with_body {
        cells.pop();
    } else if cells.len() != columns {
        problems.push(format!(
            "The row has {} columns; it must have {columns}",
            cells.len(),
        ));
        return ImportRow {
            line,
            cells,
            finding: None,
            problems,
        };
    }
    let reference = required_text(&cells[0], MAX_REFERENCE)
        .map_err(|e| problems.push(format!("Reference: {e}")))
        .ok();
    let kind = parse_kind(&cells[1]);
    if kind.is_none() {
        problems.push(format!(
            "Kind {:?} is not one of cause of concern, recommendation, area for improvement",
            cells[1]
        ));
    }
    let area = optional_text(&cells[2], MAX_AREA)
        .map_err(|e| problems.push(format!("Area: {e}")))
        .ok();
    let timescale = parse_timescale(&cells[3]);
    if timescale.is_none() {
        problems.push(format!(
            "Timescale {:?} is not immediately, within 3 months, within 6 months, none, not stated, blank or a date like 31/03/2022",
            cells[3]
        ));
    }
    let wording = optional_text(&cells[4], MAX_NARRATIVE)
        .map_err(|e| problems.push(format!("Wording: {e}")))
        .ok();
    let summary = optional_text(&cells[5], MAX_NARRATIVE)
        .map_err(|e| problems.push(format!("Summary: {e}")))
        .ok();
    let finding = match (reference, kind, area, timescale, wording, summary) {
        (
            Some(reference),
            Some(kind),
            Some(area),
            Some((timescale, date)),
            Some(wording),
            Some(summary),
        ) => Some(CsvFinding {
            reference,
            kind,
            area: area.unwrap_or_default(),
            timescale,
            timescale_date: date,
            wording,
            summary,
        }),
        _ => None,
    };
    ImportRow {
        line,
        cells,
        finding,
        problems,
    }
}

/// Write findings in the import format, each row naming `body`.
pub fn write(findings: &[CsvFinding], body: &str) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; an error would only lose the row, never panic.
    let _ = writer.write_record(HEADER.iter().chain([&BODY]));
    for f in findings {
        let timescale = match f.timescale_date {
            Some(d) if f.timescale == Timescale::ByDate => d.format("%Y-%m-%d").to_string(),
            _ => f.timescale.as_str().to_string(),
        };
        let cells = [
            f.reference.as_str(),
            f.kind.as_str(),
            f.area.as_str(),
            timescale.as_str(),
            f.wording.as_deref().unwrap_or(""),
            f.summary.as_deref().unwrap_or(""),
            body,
        ];
        let _ = writer.write_record(cells.iter().map(|c| neutralise(c)));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "reference,kind,area,timescale,wording,summary\n";

    fn rows(n: usize) -> String {
        let mut text = HEAD.to_string();
        for i in 0..n {
            text.push_str(&format!("R{i},recommendation,Custody,none,,\n"));
        }
        text
    }

    #[test]
    fn a_file_of_2000_findings_is_read_and_one_more_is_refused_whole() {
        assert_eq!(read(&rows(MAX_ROWS), &[]).expect("read").len(), 2000);
        assert_eq!(
            read(&rows(MAX_ROWS + 1), &[]),
            Err(TOO_MANY_ROWS.to_string())
        );
        // Blank lines are not findings and do not count.
        let padded = format!("{}\n\n,,,,,\n", rows(MAX_ROWS));
        assert_eq!(read(&padded, &[]).expect("read").len(), 2000);
        // Rows that cannot be read count too: each would be a line of the preview.
        let bad = format!("{HEAD}{}", "x\n".repeat(MAX_ROWS + 1));
        assert_eq!(read(&bad, &[]), Err(TOO_MANY_ROWS.to_string()));
    }

    #[test]
    fn formula_starters_are_quoted_on_export_and_unquoted_on_import() {
        for v in [
            "=SUM(A1)", "+1", "-2", "@x", "\tx", "'=x", "''-y", "plain", "'plain", "",
        ] {
            assert_eq!(unneutralise(&neutralise(v)), v, "{v:?}");
        }
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("'abc"), "'abc");
    }

    #[test]
    fn kinds_and_timescales_accept_tokens_labels_and_dates() {
        assert_eq!(
            parse_kind("AREA FOR IMPROVEMENT"),
            Some(FindingKind::AreaForImprovement)
        );
        assert_eq!(
            parse_kind("cause_of_concern"),
            Some(FindingKind::CauseOfConcern)
        );
        assert_eq!(parse_kind("concern"), None);
        assert_eq!(
            parse_timescale("Within 3 months"),
            Some((Timescale::Within3Months, None))
        );
        assert_eq!(
            parse_timescale("none"),
            Some((Timescale::NoTimescale, None))
        );
        let d = NaiveDate::from_ymd_opt(2022, 3, 31);
        assert_eq!(parse_timescale("2022-03-31"), Some((Timescale::ByDate, d)));
        assert_eq!(parse_timescale("2022-02-31"), None);
        assert_eq!(parse_timescale("by_date"), None);
    }

    #[test]
    fn uk_dates_and_by_a_stated_date_forms_are_that_date() {
        let d = NaiveDate::from_ymd_opt(2023, 3, 31);
        for v in [
            "31/03/2023",
            "31/3/2023",
            "by 31 March 2023",
            "By 31/03/2023",
            "BY 2023-03-31",
            " 31 Mar 2023 ",
            "by  31 march 2023",
        ] {
            assert_eq!(parse_timescale(v), Some((Timescale::ByDate, d)), "{v:?}");
        }
        // Month first is not a UK date; "by" alone, or glued to the date, is not a date.
        assert_eq!(parse_timescale("03/31/2023"), None);
        assert_eq!(parse_timescale("by"), None);
        assert_eq!(parse_timescale("by31/03/2023"), None);
        assert_eq!(parse_timescale("31 Smarch 2023"), None);
    }

    #[test]
    fn a_blank_timescale_is_not_stated_and_differs_from_none() {
        assert_eq!(parse_timescale(""), Some((Timescale::NotStated, None)));
        assert_eq!(parse_timescale("  "), Some((Timescale::NotStated, None)));
        assert_eq!(
            parse_timescale("Not stated"),
            Some((Timescale::NotStated, None))
        );
        assert_eq!(
            parse_timescale("not_stated"),
            Some((Timescale::NotStated, None))
        );
        assert_eq!(
            parse_timescale("No timescale"),
            Some((Timescale::NoTimescale, None))
        );
    }

    #[test]
    fn every_problem_of_every_row_is_listed() {
        let text = format!(
            "{HEAD}1,recommendation,A,immediately,,\n,concern,A,soon,,\n1,recommendation,A,none,,\n2,recommendation,A,none,,\nonly,two\n"
        );
        let rows = read(&text, &["2".to_string()]).expect("read");
        assert_eq!(rows.len(), 5);
        assert!(rows[0].problems.is_empty());
        assert_eq!(rows[1].problems.len(), 3, "{:?}", rows[1].problems);
        assert!(rows[2].problems[0].contains("more than once"));
        assert!(rows[3].problems[0].contains("already in this inspection"));
        assert!(rows[4].problems[0].contains("columns"));
    }

    #[test]
    fn a_file_without_the_header_is_refused() {
        assert!(read("1,recommendation,A,none,,\n", &[]).is_err());
        assert!(read("", &[]).is_err());
    }

    #[test]
    fn writing_then_reading_gives_the_same_findings() {
        let f = CsvFinding {
            reference: "R1".into(),
            kind: FindingKind::Recommendation,
            area: "Area, with comma".into(),
            timescale: Timescale::ByDate,
            timescale_date: NaiveDate::from_ymd_opt(2023, 1, 31),
            wording: Some("=HYPERLINK(\"x\")\nline two".into()),
            summary: None,
        };
        let text = write(std::slice::from_ref(&f), "Warwickshire Police");
        assert!(text.starts_with("reference,kind,area,timescale,wording,summary,body\r\n"));
        assert!(text.trim_end().ends_with(",Warwickshire Police"));
        let rows = read(&text, &[]).expect("read");
        assert_eq!(rows[0].finding.as_ref(), Some(&f));
        assert!(rows[0].problems.is_empty());
    }

    #[test]
    fn a_body_column_is_read_only_last_and_only_when_the_header_names_it() {
        let with_body = "reference,kind,area,timescale,wording,summary,body\n\
                         R1,recommendation,Custody,none,,,Derbyshire Constabulary\n";
        let rows = read(with_body, &[]).expect("read");
        assert_eq!(rows[0].problems, Vec::<String>::new());
        assert_eq!(rows[0].cells.len(), HEADER.len());
        // Seven cells under the plain header are one too many.
        let plain = format!("{HEAD}R1,recommendation,Custody,none,,,Derbyshire\n");
        assert!(read(&plain, &[]).expect("read")[0].problems[0].contains("columns"));
        // "body" anywhere but last, or another seventh name, is not the header.
        assert!(read("body,reference,kind,area,timescale,wording,summary\n", &[]).is_err());
        assert!(read("reference,kind,area,timescale,wording,summary,force\n", &[]).is_err());
        // Under the body header a row without the body cell is one short.
        let short =
            "reference,kind,area,timescale,wording,summary,body\nR1,recommendation,A,none,,\n";
        assert!(read(short, &[]).expect("read")[0].problems[0].contains("columns"));
    }
}
