//! Office Open XML packages (zips) by their part names, and macros in Office files. infer
//! recognises a docx only when Word's own part order is kept; other writers (reporting
//! tools, converters) order the parts differently, so the zip's directory is read too.

use super::Kind;

/// The kind of an OOXML package: `[Content_Types].xml` and parts under `word/`, `xl/` or
/// `ppt/`, whatever their order.
pub(super) fn ooxml(bytes: &[u8]) -> Option<Kind> {
    use infer::doc;
    if doc::is_docx(bytes) {
        return Some(Kind::Word);
    }
    if doc::is_xlsx(bytes) {
        return Some(Kind::Excel);
    }
    if doc::is_pptx(bytes) {
        return Some(Kind::PowerPoint);
    }
    let names = entry_names(bytes)?;
    if !names.iter().any(|n| *n == b"[Content_Types].xml") {
        return None;
    }
    let has = |folder: &[u8]| names.iter().any(|n| n.starts_with(folder));
    [
        (b"word/".as_slice(), Kind::Word),
        (b"xl/", Kind::Excel),
        (b"ppt/", Kind::PowerPoint),
    ]
    .into_iter()
    .find(|(folder, _)| has(folder))
    .map(|(_, kind)| kind)
}

/// Whether an Office document carries Visual Basic macros. Part and stream names are stored
/// uncompressed (zip headers, OLE directory entries) while OOXML text is deflated, so a plain
/// search finds the names, even in a zip whose directory is damaged, without matching what a
/// document says.
pub(super) fn has_macros(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK") {
        return contains_ignore_case(bytes, b"vbaproject.bin");
    }
    // OLE directory entry names are UTF-16LE: Word keeps macros under Macros/VBA/_VBA_PROJECT,
    // Excel under _VBA_PROJECT_CUR.
    bytes.starts_with(b"\xD0\xCF\x11\xE0") && contains_utf16_ignore_case(bytes, b"_vba_project")
}

/// The entry names in a zip's central directory, or `None` if it has none that can be read.
fn entry_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    // The end-of-directory record is in the last 22 bytes plus a comment of up to 64 KB.
    let from = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = from + bytes[from..].windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let count = usize::from(le16(bytes, end + 10)?);
    let mut at = usize::try_from(le32(bytes, end + 16)?).ok()?;
    let mut names = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        if bytes.get(at..at + 4)? != b"PK\x01\x02" {
            return None;
        }
        let name = usize::from(le16(bytes, at + 28)?);
        let extra = usize::from(le16(bytes, at + 30)?);
        let comment = usize::from(le16(bytes, at + 32)?);
        names.push(bytes.get(at + 46..at + 46 + name)?);
        at += 46 + name + extra + comment;
    }
    Some(names)
}

fn le16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn le32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether `haystack` holds `needle` (ASCII) as UTF-16LE, ignoring ASCII case.
fn contains_utf16_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len() * 2).any(|w| {
        w.chunks_exact(2)
            .zip(needle)
            .all(|(pair, n)| pair[1] == 0 && pair[0].eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::super::samples::{EXCEL_CLSID, ole, ooxml as package, zip};
    use super::*;

    #[test]
    fn a_package_is_known_by_its_folders_in_any_order() {
        // The order a reporting tool might write: nothing infer recognises at the start.
        let xlsx = zip(&[
            ("docProps/app.xml", "<Properties/>"),
            ("xl/worksheets/sheet1.xml", "<worksheet/>"),
            ("[Content_Types].xml", "<Types/>"),
            ("_rels/.rels", "<Relationships/>"),
            ("xl/workbook.xml", "<workbook/>"),
        ]);
        assert!(!infer::doc::is_xlsx(&xlsx));
        assert_eq!(ooxml(&xlsx), Some(Kind::Excel));
        assert_eq!(ooxml(&package("word", &[])), Some(Kind::Word));
        assert_eq!(ooxml(&package("ppt", &[])), Some(Kind::PowerPoint));
    }

    #[test]
    fn a_zip_without_content_types_is_not_a_package() {
        let plain = zip(&[("readme.txt", "hello"), ("word/notes.txt", "x")]);
        assert_eq!(entry_names(&plain).map(|n| n.len()), Some(2));
        assert_eq!(ooxml(&plain), None);
        assert_eq!(ooxml(b"PK\x05\x06 truncated"), None);
        assert_eq!(entry_names(b"not a zip"), None);
    }

    #[test]
    fn macros_are_found_by_their_part_or_stream_name() {
        assert!(has_macros(&package("word", &["word/vbaProject.bin"])));
        assert!(!has_macros(&package("word", &["word/media/image1.png"])));
        assert!(has_macros(&ole(EXCEL_CLSID, Some("_VBA_PROJECT_CUR"))));
        assert!(!has_macros(&ole(EXCEL_CLSID, Some("Workbook"))));
        // The name as ASCII (not UTF-16) inside an OLE file is not a stream.
        assert!(!has_macros(b"\xD0\xCF\x11\xE0 _VBA_PROJECT"));
    }
}
