//! The comparison as text for a terminal (one table per report, the sources not read first)
//! and as a CSV for a spreadsheet, every cell made safe by `domain::csv`.

use super::{Comparison, Standing};
use crate::domain::dates::{uk_date, uk_date_short};

pub const CSV_HEADER: [&str; 18] = [
    "report_id",
    "report_title",
    "recommendation_id",
    "reference",
    "organisation",
    "body",
    "force_position",
    "pcc_assurance",
    "issuing_body_position",
    "due_date",
    "deadline",
    "milestones_moved",
    "milestones",
    "edition",
    "as_at",
    "package_version",
    "link",
    "source",
];

/// Another office's text, made safe for a terminal: control characters (which could move the
/// cursor or recolour the screen) become spaces.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn cells(s: &Standing) -> [String; 7] {
    [
        plain(&s.body),
        plain(&s.force_position),
        plain(&s.assurance),
        plain(&s.inspectorate),
        match s.due_on {
            Some(d) => format!("{} ({})", s.deadline.label(), uk_date_short(d)),
            None => s.deadline.label().to_string(),
        },
        s.slips.label(),
        uk_date_short(s.as_at),
    ]
}

const COLUMNS: [&str; 7] = [
    "Force",
    "Force's position",
    "PCC's assurance",
    "Issuing body's position",
    "Deadline",
    "Slips",
    "As at",
];

/// The comparison for a terminal: the sources not read (and why), the sources read, then a
/// table per report with a line per force and its link beneath.
pub fn text(c: &Comparison) -> String {
    let mut out = String::new();
    if !c.unread.is_empty() {
        out.push_str("Not read:\n");
        for u in &c.unread {
            out.push_str(&format!("  {} – {}\n", plain(&u.source), plain(&u.reason)));
        }
        out.push('\n');
    }
    out.push_str("Read:\n");
    for o in &c.offices {
        out.push_str(&format!(
            "  {} – {}, edition {} as at {} ({} national recommendations)\n",
            plain(&o.source),
            plain(&o.organisation),
            o.edition,
            uk_date(o.as_at),
            o.national
        ));
    }
    if c.reports.is_empty() {
        out.push_str("\nNo source published a national recommendation.\n");
    }
    for report in &c.reports {
        out.push_str(&format!("\n{}", plain(&report.title)));
        if !report.national_id.is_empty() {
            out.push_str(&format!(" ({})", plain(&report.national_id)));
        }
        out.push('\n');
        for rec in &report.recommendations {
            let rows: Vec<[String; 7]> = rec.forces.iter().map(cells).collect();
            let mut widths = COLUMNS.map(|h| h.chars().count());
            for row in &rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.chars().count());
                }
            }
            let line = |cells: &[String]| {
                let padded: Vec<String> = cells
                    .iter()
                    .zip(widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect();
                format!("    {}\n", padded.join("  ").trim_end())
            };
            out.push_str(&format!(
                "\n  {} ({})\n",
                plain(&rec.reference),
                plain(&rec.national_id)
            ));
            out.push_str(&line(&COLUMNS.map(String::from)));
            for (row, s) in rows.iter().zip(&rec.forces) {
                out.push_str(&line(row));
                if let Some(link) = &s.link {
                    out.push_str(&format!("      {}\n", plain(link)));
                }
            }
        }
    }
    out
}

/// The comparison as a CSV: one row per recommendation and force (the sources not read are
/// not rows; the command prints them apart).
pub fn csv(c: &Comparison) -> String {
    let mut rows = Vec::new();
    for report in &c.reports {
        for rec in &report.recommendations {
            for s in &rec.forces {
                rows.push(vec![
                    report.national_id.clone(),
                    report.title.clone(),
                    rec.national_id.clone(),
                    rec.reference.clone(),
                    s.organisation.clone(),
                    s.body.clone(),
                    s.force_position.clone(),
                    s.assurance.clone(),
                    s.inspectorate.clone(),
                    s.due_on.map(|d| d.to_string()).unwrap_or_default(),
                    s.deadline.token().to_string(),
                    s.slips.moved.to_string(),
                    s.slips.milestones.to_string(),
                    s.edition.to_string(),
                    s.as_at.to_string(),
                    s.package_version.map(|v| v.to_string()).unwrap_or_default(),
                    s.link.clone().unwrap_or_default(),
                    s.source.clone(),
                ]);
            }
        }
    }
    let mut out = String::from(crate::domain::edition::open_data::BOM);
    out.push_str(&crate::domain::csv::document(&CSV_HEADER, &rows));
    out
}
