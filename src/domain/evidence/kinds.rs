//! Judging a file by its content: the accepted binary formats by their signatures, text by
//! its bytes, and markup, scripts, programs, archives and macros refused whatever the name.

use infer::MatcherType;

use super::names::extension;
use super::packages::{has_macros, ooxml};
use super::{Kind, Refusal};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Judge `bytes` by content. The name only chooses between the harmless text kinds (".csv"
/// is a CSV file, any other text a text file) and refuses text named as a script or a web page;
/// it never makes a binary acceptable.
pub fn judge(name: &str, bytes: &[u8]) -> Result<Kind, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if let Some(kind) = document(bytes) {
        return if has_macros(bytes) {
            Err(Refusal::Macros)
        } else {
            Ok(kind)
        };
    }
    if is_text(bytes) {
        return judge_text(name, bytes);
    }
    Err(refuse_binary(bytes))
}

type Matcher = fn(&[u8]) -> bool;

/// The accepted binary formats. OOXML and OpenDocument files are zips, so they are recognised
/// here, before anything else could call them archives.
fn document(bytes: &[u8]) -> Option<Kind> {
    use infer::{doc, image, odf};
    if let Some(kind) = ooxml(bytes) {
        return Some(kind);
    }
    // infer accepts "%PDF" anywhere in the first 1024 bytes; that would let a web page with a
    // PDF header in a comment pass as a PDF, so the header must come first.
    let checks: [(Matcher, Kind); 9] = [
        (|b| b.starts_with(b"%PDF-"), Kind::Pdf),
        (image::is_png, Kind::Png),
        (image::is_jpeg, Kind::Jpeg),
        (odf::is_odt, Kind::OdfText),
        (odf::is_ods, Kind::OdfSpreadsheet),
        (odf::is_odp, Kind::OdfPresentation),
        (doc::is_doc, Kind::WordLegacy),
        (doc::is_xls, Kind::ExcelLegacy),
        (doc::is_ppt, Kind::PowerPointLegacy),
    ];
    checks
        .into_iter()
        .find(|(matches, _)| matches(bytes))
        .map(|(_, kind)| kind)
}

/// Text: no NUL and no control bytes but tab, line feed, form feed and carriage return. Every
/// such byte string is either UTF-8 or single-byte text (a Windows-1252 CSV saved by Excel
/// included), so no decoding is needed to judge it.
fn is_text(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .all(|&b| (b >= 0x20 && b != 0x7F) || matches!(b, b'\t' | b'\n' | 0x0C | b'\r'))
}

fn judge_text(name: &str, bytes: &[u8]) -> Result<Kind, Refusal> {
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if body.is_empty() {
        return Err(Refusal::Empty);
    }
    if body.starts_with(b"#!") {
        return Err(Refusal::Script);
    }
    // An email is judged before markup: most emails carry an HTML part, and an .eml is served
    // as message/rfc822 for a mail client to open, never rendered by the browser.
    if looks_like_email(body) {
        return Ok(Kind::Email);
    }
    if has_markup(body) {
        return Err(Refusal::Markup);
    }
    // RTF can embed OLE objects and PostScript is a program; neither is plain text.
    if body.starts_with(b"{\\rtf") || body.starts_with(b"%!PS") {
        return Err(Refusal::Unsupported);
    }
    let extension = extension(name).unwrap_or_default();
    if MARKUP_EXTENSIONS.contains(&extension.as_str()) {
        return Err(Refusal::Markup);
    }
    if SCRIPT_EXTENSIONS.contains(&extension.as_str()) {
        return Err(Refusal::Script);
    }
    Ok(if extension == "csv" {
        Kind::Csv
    } else {
        Kind::Text
    })
}

/// Text named as a web page or a script is refused even when its content looks harmless.
const MARKUP_EXTENSIONS: &[&str] = &[
    "htm", "html", "xhtml", "xht", "shtml", "mht", "mhtml", "hta", "svg", "svgz", "xml", "xsl",
    "xslt",
];
const SCRIPT_EXTENSIONS: &[&str] = &[
    "js",
    "mjs",
    "cjs",
    "jse",
    "vbs",
    "vbe",
    "vb",
    "wsf",
    "wsh",
    "ps1",
    "psm1",
    "psd1",
    "bat",
    "cmd",
    "com",
    "sh",
    "bash",
    "zsh",
    "ksh",
    "csh",
    "command",
    "py",
    "pyw",
    "pl",
    "rb",
    "php",
    "reg",
    "inf",
    "scr",
    "url",
    "desktop",
    "applescript",
    "ahk",
];

/// Strings that make text a web page, a drawing or a script, wherever they appear.
const MARKERS: &[&[u8]] = &[
    b"<html",
    b"<!doctype",
    b"<svg",
    b"<script",
    b"<?xml",
    b"<iframe",
    b"<frame",
    b"<body",
    b"<head",
    b"<meta",
    b"<style",
    b"<object",
    b"<embed",
    b"<img",
    b"<xsl",
    b"javascript:",
    b"vbscript:",
    b"data:text/html",
];

fn has_markup(body: &[u8]) -> bool {
    // infer knows the tags a browser sniffs at the start of a page (<p , <div>, <!-- …).
    if infer::text::is_html(body) {
        return true;
    }
    body.iter().enumerate().any(|(i, b)| {
        matches!(b.to_ascii_lowercase(), b'<' | b'j' | b'v' | b'd')
            && MARKERS
                .iter()
                .any(|m| starts_with_ignore_case(&body[i..], m))
    })
}

/// Header fields of which an email has at least one.
const EMAIL_FIELDS: &[&[u8]] = &[b"from", b"date", b"subject", b"message-id", b"mime-version"];

/// An email starts with header lines (`Field-Name: value`, folded lines indented), at least
/// two of them and one a field every email has, then a blank line. An mbox `From ` line may
/// come first.
fn looks_like_email(body: &[u8]) -> bool {
    let (mut fields, mut known) = (0, false);
    // Inclusive lines, so the end of the file is not mistaken for the blank line.
    for line in body.split_inclusive(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return fields >= 2 && known;
        }
        match line.first() {
            Some(b' ' | b'\t') if fields > 0 => continue,
            _ if fields == 0 && line.starts_with(b"From ") => continue,
            _ => {}
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return false;
        };
        // RFC 5322: a field name is printable ASCII other than the colon, at least one.
        let name = &line[..colon];
        if name.is_empty() || !name.iter().all(|b| (33..=126).contains(b)) {
            return false;
        }
        fields += 1;
        known |= EMAIL_FIELDS.iter().any(|f| name.eq_ignore_ascii_case(f));
    }
    false
}

/// What a binary that is not an accepted format is, for the refusal.
fn refuse_binary(bytes: &[u8]) -> Refusal {
    // Any zip that is not an Office or OpenDocument file (a jar, an epub, a plain zip).
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Refusal::Archive;
    }
    let Some(found) = infer::get(bytes) else {
        return Refusal::Unsupported;
    };
    match (found.matcher_type(), found.extension()) {
        (MatcherType::App, _) => Refusal::Executable,
        // Installers, browser extensions and Flash run code.
        (MatcherType::Archive, "swf" | "crx" | "deb" | "rpm") => Refusal::Executable,
        (
            MatcherType::Archive,
            "zip" | "tar" | "rar" | "gz" | "bz2" | "bz3" | "7z" | "xz" | "cab" | "ar" | "Z" | "lz"
            | "zst" | "lz4" | "cpio" | "par2",
        ) => Refusal::Archive,
        // Other OLE files (Outlook .msg, installers) cannot be told apart without reading them.
        _ => Refusal::Unsupported,
    }
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.len() >= needle.len() && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}
