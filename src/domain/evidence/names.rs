//! File names fit to show and to download with, and the `Content-Disposition` header that
//! carries them (RFC 6266, with the RFC 5987 encoding for names beyond ASCII).

use super::Kind;

/// The longest name kept, in characters.
const MAX_CHARS: usize = 120;
/// An extension longer than this is treated as part of the name when cutting it short.
const MAX_EXTENSION_CHARS: usize = 10;

/// A name fit to show and download with, whatever was sent: only the last path component,
/// no control or bidi/format characters, no `<>:"|?*`, no leading or trailing dots and spaces,
/// at most 120 characters (the extension kept), Windows reserved names prefixed with "_",
/// "file" when nothing is left.
pub fn sanitise(raw: &str) -> String {
    fit(clean(raw))
}

/// `sanitise`, and then the canonical extension of `kind` appended unless the name already
/// has one of its extensions, so what is downloaded opens as what it is ("report.html" judged
/// a PDF becomes "report.html.pdf").
pub fn display_name(raw: &str, kind: Kind) -> String {
    let name = clean(raw);
    let known = extension(&name).is_some_and(|e| kind.extensions().contains(&e.as_str()));
    if known {
        return fit(name);
    }
    let stem = if name.is_empty() { "file" } else { &name };
    fit(format!("{stem}.{}", kind.extensions()[0]))
}

/// The extension of a name, lowercase, once the name is cleaned ("a/B.PDF " → "pdf").
pub(super) fn extension(name: &str) -> Option<String> {
    let name = clean(name);
    let (stem, extension) = name.rsplit_once('.')?;
    (!stem.is_empty() && !extension.is_empty()).then(|| extension.to_lowercase())
}

/// `attachment; filename="<ASCII>"; filename*=UTF-8''<percent-encoded>`: old clients read the
/// ASCII fallback, current browsers the exact name.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name.chars().map(ascii_fallback).collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        // RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ go as they are.
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// Steps that keep the name's length: the last path component, unsafe characters removed or
/// replaced, dots and spaces trimmed from both ends.
fn clean(raw: &str) -> String {
    let last = raw
        .split(['/', '\\'])
        .rev()
        .find(|part| !part.trim().is_empty())
        .unwrap_or("");
    let kept: String = last
        .chars()
        .filter(|&c| !c.is_control() && !is_invisible(c))
        .map(|c| if "<>:\"|?*".contains(c) { '_' } else { c })
        .collect();
    kept.trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string()
}

/// Characters that change how the text around them is shown or hide themselves: bidi
/// overrides and isolates ("invoice" U+202E "fdp.exe" shows as "invoiceexe.pdf"), zero-width
/// characters, the byte order mark, and line and paragraph separators.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Steps that need the cleaned name: the length limit, reserved names, the empty name.
fn fit(name: String) -> String {
    let name = shorten(name);
    if name.is_empty() {
        return "file".to_string();
    }
    if is_reserved(&name) {
        return fit(format!("_{name}"));
    }
    name
}

fn shorten(name: String) -> String {
    if name.chars().count() <= MAX_CHARS {
        return name;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && ext.chars().count() <= MAX_EXTENSION_CHARS => {
            (stem, Some(ext))
        }
        _ => (name.as_str(), None),
    };
    let room = MAX_CHARS - extension.map_or(0, |e| e.chars().count() + 1);
    let stem: String = stem.chars().take(room).collect();
    let stem = stem.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
    match extension {
        Some(extension) => format!("{stem}.{extension}"),
        None => stem.to_string(),
    }
}

/// Windows refuses a file whose name before the first dot is a device name ("CON", "nul.txt",
/// "COM1.tar.gz"), whatever the case.
fn is_reserved(name: &str) -> bool {
    let base = name.split('.').next().unwrap_or("").trim_end();
    let upper = base.to_ascii_uppercase();
    matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) || (upper.len() == 4
        && (upper.starts_with("COM") || upper.starts_with("LPT"))
        && upper.as_bytes()[3].is_ascii_digit())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && matches!(&base[3..], "¹" | "²" | "³"))
}

/// One character of the ASCII fallback: Latin letters lose their accents, dashes and
/// apostrophes become ASCII, anything else unsafe in a quoted string becomes "_".
fn ascii_fallback(c: char) -> char {
    // Accented letters U+00C0–U+00FF, in order.
    const LATIN_1: &str = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo_ouuuuyty";
    match c {
        '"' | '\\' | '%' => '_',
        ' '..='~' => c,
        '\u{C0}'..='\u{FF}' => {
            let index = c as usize - 0xC0;
            LATIN_1.as_bytes()[index] as char
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' => '\'',
        _ => '_',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_last_path_component_is_kept() {
        assert_eq!(sanitise("../../etc/passwd"), "passwd");
        assert_eq!(sanitise("C:\\Users\\x\\evil.pdf"), "evil.pdf");
        assert_eq!(sanitise("reports/2024/"), "2024");
        assert_eq!(sanitise("/"), "file");
        assert_eq!(sanitise("C:evil.pdf"), "C_evil.pdf");
    }

    #[test]
    fn bidi_overrides_and_control_characters_are_removed() {
        assert_eq!(sanitise("invoice\u{202E}fdp.exe"), "invoicefdp.exe");
        assert_eq!(
            display_name("invoice\u{202E}fdp.exe", Kind::Pdf),
            "invoicefdp.exe.pdf"
        );
        assert_eq!(
            sanitise("a\u{200B}b\u{2066}c\u{FEFF}\td\r\ne\u{7}.txt"),
            "abcde.txt"
        );
    }

    #[test]
    fn characters_windows_refuses_become_underscores_and_dots_are_trimmed() {
        assert_eq!(sanitise("what<>:\"|?*.pdf"), "what_______.pdf");
        assert_eq!(sanitise("  ..hidden.pdf. . "), "hidden.pdf");
        assert_eq!(sanitise("..."), "file");
        assert_eq!(sanitise(""), "file");
    }

    #[test]
    fn windows_reserved_names_are_prefixed() {
        assert_eq!(sanitise("CON"), "_CON");
        assert_eq!(sanitise("nul.txt"), "_nul.txt");
        assert_eq!(sanitise("com1.tar.gz"), "_com1.tar.gz");
        assert_eq!(sanitise("LPT9 .pdf"), "_LPT9 .pdf");
        assert_eq!(sanitise("COM\u{b9}.pdf"), "_COM\u{b9}.pdf");
        assert_eq!(sanitise("console.pdf"), "console.pdf");
        assert_eq!(sanitise("COM10.pdf"), "COM10.pdf");
    }

    #[test]
    fn a_long_name_is_cut_to_120_characters_keeping_its_extension() {
        let long = format!("{}.pdf", "é".repeat(200));
        let cut = sanitise(&long);
        assert_eq!(cut.chars().count(), 120);
        assert_eq!(cut, format!("{}.pdf", "é".repeat(116)));
        let spaced = format!("{}  x.docx", "a".repeat(114));
        assert_eq!(sanitise(&spaced), format!("{}.docx", "a".repeat(114)));
        // No extension worth keeping: the name is simply cut.
        assert_eq!(sanitise(&"b".repeat(130)), "b".repeat(120));
        let appended = display_name(&format!("{}.html", "c".repeat(130)), Kind::Pdf);
        assert_eq!(appended, format!("{}.pdf", "c".repeat(116)));
    }

    #[test]
    fn the_canonical_extension_is_appended_only_when_the_name_lacks_one_of_its_own() {
        assert_eq!(display_name("report.html", Kind::Pdf), "report.html.pdf");
        assert_eq!(display_name("REPORT.PDF", Kind::Pdf), "REPORT.PDF");
        assert_eq!(display_name("photo.jpeg", Kind::Jpeg), "photo.jpeg");
        assert_eq!(display_name("photo.png", Kind::Jpeg), "photo.png.jpg");
        assert_eq!(display_name("minutes", Kind::WordLegacy), "minutes.doc");
        assert_eq!(display_name("", Kind::Csv), "file.csv");
        assert_eq!(display_name("../", Kind::Email), "file.eml");
        assert_eq!(display_name("con", Kind::Text), "_con.txt");
    }

    #[test]
    fn extensions_are_read_lowercase_from_the_cleaned_name() {
        assert_eq!(extension("a/B.PDF. "), Some("pdf".to_string()));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("README"), None);
    }

    #[test]
    fn content_disposition_carries_a_non_ascii_name_exactly_and_an_ascii_fallback() {
        assert_eq!(
            content_disposition("Réponse – s55.pdf"),
            "attachment; filename=\"Reponse - s55.pdf\"; \
             filename*=UTF-8''R%C3%A9ponse%20%E2%80%93%20s55.pdf"
        );
    }

    #[test]
    fn content_disposition_cannot_be_broken_out_of_by_quotes_or_backslashes() {
        assert_eq!(
            content_disposition("a\"b\\c%d;e’s.pdf"),
            "attachment; filename=\"a_b_c_d;e's.pdf\"; \
             filename*=UTF-8''a%22b%5Cc%25d%3Be%E2%80%99s.pdf"
        );
        assert_eq!(
            content_disposition("日本.pdf"),
            "attachment; filename=\"__.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf"
        );
    }

    #[test]
    fn the_ascii_fallback_table_covers_latin_1_letters() {
        let upper: String = ('\u{C0}'..='\u{DF}').map(ascii_fallback).collect();
        assert_eq!(upper, "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTs");
        assert_eq!(ascii_fallback('ÿ'), 'y');
        assert_eq!(ascii_fallback('é'), 'e');
    }
}
