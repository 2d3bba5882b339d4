//! The evidence forms: files chosen to attach (judged by their content, within the limits),
//! a hold's reason, a file's retention, and disposal.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{DateParts, FieldErrors, date, optional, required};
use crate::domain::evidence::{
    Limits, MOST_FILES, Refusal, Upload, display_name, judge, sanitise, sha256_hex,
};
use crate::domain::vocab::RetentionClass;

/// One file part of an upload, as the browser sent it.
#[derive(Debug, Clone, Default)]
pub struct FilePart {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What was chosen and typed on the upload form. Files cannot be put back in a file input,
/// so a form shown again keeps the description and asks for the files again.
#[derive(Debug, Clone, Default)]
pub struct UploadForm {
    pub description: String,
    pub files: Vec<FilePart>,
}

impl UploadForm {
    /// The files to attach, within `limits`, each judged by its content; or what to fix.
    pub fn parse(&self, limits: &Limits) -> Result<Vec<Upload>, FieldErrors> {
        let mut e = FieldErrors::default();
        let description = optional(&mut e, "description", &self.description, 500);
        // A file input left empty still sends a part, with no name and no bytes.
        let chosen: Vec<&FilePart> = self
            .files
            .iter()
            .filter(|f| !(f.name.is_empty() && f.bytes.is_empty()))
            .collect();
        if chosen.is_empty() {
            e.add("files", "Choose a file to attach");
        }
        if chosen.len() > MOST_FILES {
            e.add(
                "files",
                format!("Attach at most {MOST_FILES} files at once"),
            );
        }
        let mut uploads: Vec<Upload> = Vec::new();
        for part in chosen.iter().take(MOST_FILES) {
            let shown = sanitise(&part.name);
            let size = part.bytes.len() as u64;
            if size > limits.file_bytes {
                let limit = limits.file_bytes;
                e.add("files", Refusal::TooLarge { limit }.message(&part.name));
                continue;
            }
            let kind = match judge(&part.name, &part.bytes) {
                Ok(kind) => kind,
                Err(refusal) => {
                    e.add("files", refusal.message(&shown));
                    continue;
                }
            };
            let sha256 = sha256_hex(&part.bytes);
            let name = display_name(&part.name, kind);
            if let Some(first) = uploads.iter().find(|u| u.sha256 == sha256) {
                e.add(
                    "files",
                    format!(
                        "“{name}” is the same file as “{}”: choose it once",
                        first.name
                    ),
                );
                continue;
            }
            uploads.push(Upload {
                name,
                kind,
                sha256,
                bytes: part.bytes.clone(),
                description: description.clone(),
            });
        }
        match e.is_empty() {
            true => Ok(uploads),
            false => Err(e),
        }
    }
}

/// A reason: for a hold, or for disposal.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReasonForm {
    pub reason: String,
}

impl ReasonForm {
    pub fn parse(&self) -> Result<String, FieldErrors> {
        let mut e = FieldErrors::default();
        let reason = required(&mut e, "reason", "the reason", &self.reason, 500);
        match e.is_empty() {
            true => Ok(reason),
            false => Err(e),
        }
    }
}

/// A file's retention class and review date.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RetentionForm {
    pub class: String,
    pub review_on_day: String,
    pub review_on_month: String,
    pub review_on_year: String,
}

impl RetentionForm {
    pub fn from_row(class: RetentionClass, review_on: Option<NaiveDate>) -> Self {
        let d = DateParts::from_date(review_on);
        Self {
            class: class.as_str().to_string(),
            review_on_day: d.day,
            review_on_month: d.month,
            review_on_year: d.year,
        }
    }

    /// The class and review date (required for a supporting document; none when kept
    /// permanently); or what to fix.
    pub fn parse(&self) -> Result<(RetentionClass, Option<NaiveDate>), FieldErrors> {
        let mut e = FieldErrors::default();
        let class = RetentionClass::parse(&self.class);
        if class.is_none() {
            e.add("class", "Choose how long the file is kept");
        }
        let typed = DateParts {
            day: self.review_on_day.clone(),
            month: self.review_on_month.clone(),
            year: self.review_on_year.clone(),
        };
        let review = match class {
            Some(RetentionClass::Supporting) => {
                date(&mut e, "review_on", "the review date", &typed)
            }
            _ => None,
        };
        match class {
            Some(class) if e.is_empty() => Ok((class, review)),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::EvidenceKind;

    const PDF: &[u8] = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";

    fn form(files: &[(&str, &[u8])]) -> UploadForm {
        UploadForm {
            description: "  Dip sample  ".into(),
            files: files
                .iter()
                .map(|(name, bytes)| FilePart {
                    name: name.to_string(),
                    bytes: bytes.to_vec(),
                })
                .collect(),
        }
    }

    fn messages(errors: FieldErrors) -> Vec<String> {
        errors.0.into_iter().map(|(_, m)| m).collect()
    }

    #[test]
    fn chosen_files_are_judged_named_and_hashed_with_the_description() {
        let uploads = form(&[("C:\\Users\\pat\\audit", PDF)])
            .parse(&Limits::default())
            .expect("accepted");
        assert_eq!(uploads.len(), 1);
        assert_eq!(uploads[0].name, "audit.pdf");
        assert_eq!(uploads[0].kind, EvidenceKind::Pdf);
        assert_eq!(uploads[0].sha256, sha256_hex(PDF));
        assert_eq!(uploads[0].description.as_deref(), Some("Dip sample"));
    }

    #[test]
    fn an_empty_file_input_is_no_file_and_is_asked_for() {
        let errors = form(&[("", b"")])
            .parse(&Limits::default())
            .expect_err("refused");
        assert_eq!(messages(errors), ["Choose a file to attach"]);
    }

    #[test]
    fn each_problem_file_is_named_and_a_file_at_the_limit_is_accepted() {
        let limits = Limits {
            file_bytes: PDF.len() as u64,
            request_bytes: 1 << 20,
        };
        assert!(form(&[("exact.pdf", PDF)]).parse(&limits).is_ok());
        let mut over = PDF.to_vec();
        over.push(b' ');
        let errors = form(&[("big.pdf", &over), ("page.pdf", b"<html>x</html>")])
            .parse(&limits)
            .expect_err("refused");
        let all = messages(errors);
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(all[0].starts_with("“big.pdf” is larger than"), "{all:?}");
        assert!(all[1].starts_with("“page.pdf” is a web page"), "{all:?}");
    }

    #[test]
    fn the_same_file_twice_in_one_upload_is_refused() {
        let errors = form(&[("a.pdf", PDF), ("b.pdf", PDF)])
            .parse(&Limits::default())
            .expect_err("refused");
        assert_eq!(
            messages(errors),
            ["“b.pdf” is the same file as “a.pdf”: choose it once"]
        );
    }

    #[test]
    fn at_most_so_many_files_are_attached_at_once() {
        let many: Vec<Vec<u8>> = (0..=MOST_FILES)
            .map(|i| format!("note {i}").into_bytes())
            .collect();
        let parts: Vec<(String, &[u8])> = many
            .iter()
            .enumerate()
            .map(|(i, b)| (format!("n{i}.txt"), b.as_slice()))
            .collect();
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        let errors = form(&parts).parse(&Limits::default()).expect_err("refused");
        assert_eq!(
            messages(errors),
            [format!("Attach at most {MOST_FILES} files at once")]
        );
        assert!(form(&parts[..MOST_FILES]).parse(&Limits::default()).is_ok());
    }

    #[test]
    fn a_supporting_document_needs_a_real_review_date_and_a_permanent_one_none() {
        let typed = |class: &str, day: &str| RetentionForm {
            class: class.into(),
            review_on_day: day.into(),
            review_on_month: "2".into(),
            review_on_year: "2030".into(),
        };
        let (class, on) = typed("supporting", "28").parse().expect("valid");
        assert_eq!(class, RetentionClass::Supporting);
        assert_eq!(on, NaiveDate::from_ymd_opt(2030, 2, 28));
        assert!(typed("supporting", "30").parse().is_err());
        assert!(typed("supporting", "").parse().is_err());
        assert_eq!(
            typed("permanent", "30").parse().expect("valid"),
            (RetentionClass::Permanent, None)
        );
        assert!(typed("forever", "28").parse().is_err());
    }

    #[test]
    fn a_reason_is_required() {
        let blank = ReasonForm {
            reason: "   ".into(),
        };
        assert_eq!(
            messages(blank.parse().expect_err("refused")),
            ["Enter the reason"]
        );
        let given = ReasonForm {
            reason: " FOI 2026/113 ".into(),
        };
        assert_eq!(given.parse().expect("given"), "FOI 2026/113");
    }
}
