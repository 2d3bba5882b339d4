//! Evidence files: what a file is (judged by its content), why one is refused, safe names,
//! hashes and sizes, and the retention schedule. No IO: the bytes arrive already read.

mod attached;
mod kinds;
mod names;
mod packages;
mod retention;

#[cfg(test)]
mod samples;
#[cfg(test)]
mod tests;

pub use attached::*;
pub use kinds::judge;
pub use names::{content_disposition, display_name, sanitise};
pub use retention::{AttachedTo, Class, Disposal, due, review_on};

use sha2::{Digest, Sha256};

/// The largest single file accepted, unless configured.
pub const DEFAULT_FILE_LIMIT: u64 = 20 * 1024 * 1024;
/// The largest upload request (several files and the form) accepted, unless configured.
pub const DEFAULT_REQUEST_LIMIT: u64 = 50 * 1024 * 1024;

/// What a file is, judged by its content: the vocabulary's kind, with what a download needs.
pub use crate::domain::vocab::EvidenceKind as Kind;

impl Kind {
    /// The media type a download is served with.
    pub fn media_type(self) -> &'static str {
        self.facts().0
    }

    /// The extensions a file of this kind may carry, the canonical one first.
    pub fn extensions(self) -> &'static [&'static str] {
        self.facts().1
    }

    /// Whether the content is text (CSV, plain text, email) rather than a binary format.
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Csv | Kind::Text | Kind::Email)
    }

    // One row per kind keeps the facts about it side by side.
    fn facts(self) -> (&'static str, &'static [&'static str]) {
        match self {
            Kind::Pdf => ("application/pdf", &["pdf"]),
            Kind::Word => (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                &["docx"],
            ),
            Kind::WordLegacy => ("application/msword", &["doc"]),
            Kind::Excel => (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &["xlsx"],
            ),
            Kind::ExcelLegacy => ("application/vnd.ms-excel", &["xls"]),
            Kind::PowerPoint => (
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                &["pptx"],
            ),
            Kind::PowerPointLegacy => ("application/vnd.ms-powerpoint", &["ppt", "pps"]),
            Kind::OdfText => ("application/vnd.oasis.opendocument.text", &["odt"]),
            Kind::OdfSpreadsheet => ("application/vnd.oasis.opendocument.spreadsheet", &["ods"]),
            Kind::OdfPresentation => ("application/vnd.oasis.opendocument.presentation", &["odp"]),
            Kind::Png => ("image/png", &["png"]),
            Kind::Jpeg => ("image/jpeg", &["jpg", "jpeg"]),
            Kind::Csv => ("text/csv", &["csv"]),
            Kind::Text => ("text/plain", &["txt", "text", "log", "md"]),
            Kind::Email => ("message/rfc822", &["eml"]),
        }
    }
}

/// Why a file is refused; `message()` is a sentence for the person uploading, naming the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    /// HTML, SVG or XML, which a browser could run.
    Markup,
    /// A text file that is a script (`#!`, or named as one: `.js`, `.bat`, `.ps1`…).
    Script,
    /// A program: Windows, Linux or Mac executables, libraries, Java classes, WebAssembly.
    Executable,
    /// ZIP, 7z, RAR, gzip, tar and the like: what is inside cannot be judged.
    Archive,
    /// An Office document carrying Visual Basic macros.
    Macros,
    /// Larger than the per-file limit (in bytes).
    TooLarge {
        limit: u64,
    },
    Unsupported,
}

impl Refusal {
    /// The sentence shown to the person uploading. The name is cleaned first, so a name
    /// carrying bidi overrides or a path cannot disguise itself in the message.
    pub fn message(&self, name: &str) -> String {
        let name = sanitise(name);
        match self {
            Refusal::Empty => format!("“{name}” is empty: choose the file again"),
            Refusal::Markup => format!(
                "“{name}” is a web page or drawing (HTML, SVG or XML), which cannot be \
                 attached: save it as PDF"
            ),
            Refusal::Script | Refusal::Executable => {
                format!("“{name}” is a program or script, which cannot be attached")
            }
            Refusal::Archive => format!(
                "“{name}” is an archive (such as ZIP or 7z): attach the files inside it instead"
            ),
            Refusal::Macros => format!(
                "“{name}” contains macros, which cannot be attached: save it without macros \
                 (as .docx, .xlsx or .pptx) or as PDF"
            ),
            Refusal::TooLarge { limit } => format!(
                "“{name}” is larger than the {} limit: make it smaller or split it",
                size_label(i64::try_from(*limit).unwrap_or(i64::MAX))
            ),
            Refusal::Unsupported => format!(
                "“{name}” is not a type that can be attached: use PDF, Word, Excel, PowerPoint, \
                 OpenDocument, PNG, JPEG, CSV, text or email (.eml) files"
            ),
        }
    }
}

/// The SHA-256 of `bytes` as lowercase hex: the file's identity, shown and stored.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A size for people: "1 byte", "512 bytes", "1.5 KB", "12 KB", "20 MB" (1 KB = 1024 bytes;
/// one decimal below 10, whole numbers from 10 up). Negative sizes read as 0.
pub fn size_label(bytes: i64) -> String {
    let bytes = bytes.max(0);
    if bytes == 1 {
        return "1 byte".to_string();
    }
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    // Move up a unit when rounding would show 1024 of this one.
    while value.round() >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    // One decimal while it rounds to less than ten: 10,188 bytes is 9.9 KB, 10,189 is 10 KB.
    let tenths = (value * 10.0).round();
    if tenths < 100.0 {
        format!("{:.1} {}", tenths / 10.0, UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}
