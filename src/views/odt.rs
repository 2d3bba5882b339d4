//! A small OpenDocument text writer: headings, paragraphs and tables in a `.odt` package – a
//! zip whose first entry is the uncompressed `mimetype`, then the manifest, `content.xml`,
//! `styles.xml` and `meta.xml`. Every piece of text is XML-escaped here.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

pub const MIME_TYPE: &str = "application/vnd.oasis.opendocument.text";

/// One block of the document, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1 to 3.
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph whose first words are bold: "Owed by: The Chief Constable".
    Labelled(String, String),
    /// A table with a header row.
    Table {
        name: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Text made safe inside an XML element or attribute: the five special characters escaped,
/// and characters XML 1.0 does not allow (control characters) dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escaped text whose line breaks stay line breaks.
fn lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split('\n')
        .map(escape)
        .collect::<Vec<_>>()
        .join("<text:line-break/>")
}

const NAMESPACES: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3""#;

fn paragraph(style: &str, inner: &str) -> String {
    format!(r#"<text:p text:style-name="{style}">{inner}</text:p>"#)
}

fn cell(style: &str, text: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string">{}</table:table-cell>"#,
        paragraph(style, &lines(text))
    )
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading(level, text) => {
            let level = (*level).clamp(1, 3);
            format!(
                r#"<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{}</text:h>"#,
                escape(text)
            )
        }
        Block::Paragraph(text) => paragraph("Standard", &lines(text)),
        Block::Labelled(label, text) => paragraph(
            "Standard",
            &format!(
                r#"<text:span text:style-name="Strong">{}: </text:span>{}"#,
                escape(label),
                lines(text)
            ),
        ),
        Block::Table { name, header, rows } => {
            let head: String = header.iter().map(|h| cell("Table_20_Heading", h)).collect();
            let body: String = rows
                .iter()
                .map(|r| {
                    let cells: String = r.iter().map(|c| cell("Table_20_Contents", c)).collect();
                    format!("<table:table-row>{cells}</table:table-row>")
                })
                .collect();
            format!(
                r#"<table:table table:name="{}" table:style-name="Table"><table:table-column table:number-columns-repeated="{}"/><table:table-header-rows><table:table-row>{head}</table:table-row></table:table-header-rows>{body}</table:table>"#,
                escape(name),
                header.len().max(1)
            )
        }
    }
}

/// `content.xml`: the blocks, in order.
pub fn content_xml(blocks: &[Block]) -> String {
    let body: String = blocks.iter().map(block).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {NAMESPACES}><office:automatic-styles><style:style style:name="Table" style:family="table"><style:table-properties style:width="17cm" table:align="margins"/></style:style></office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    )
}

/// `styles.xml`: the paragraph styles the content names.
pub fn styles_xml() -> String {
    let heading = |level: u8, size: &str| {
        format!(
            r#"<style:style style:name="Heading_20_{level}" style:display-name="Heading {level}" style:family="paragraph" style:parent-style-name="Standard" style:next-style-name="Standard" style:default-outline-level="{level}"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-size="{size}" fo:font-weight="bold"/></style:style>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {NAMESPACES}><office:styles><style:default-style style:family="paragraph"><style:text-properties style:font-name="Arial" fo:font-family="Arial, sans-serif" fo:font-size="11pt" fo:language="en" fo:country="GB"/></style:default-style><style:style style:name="Standard" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>{}{}{}<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph" style:parent-style-name="Standard"/><style:style style:name="Table_20_Heading" style:display-name="Table Heading" style:family="paragraph" style:parent-style-name="Table_20_Contents"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="Strong" style:display-name="Strong Emphasis" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:styles></office:document-styles>"#,
        heading(1, "18pt"),
        heading(2, "14pt"),
        heading(3, "12pt"),
    )
}

/// `meta.xml`: the title and what made it.
pub fn meta_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta {NAMESPACES}><office:meta><meta:generator>Scrutineer</meta:generator><dc:title>{}</dc:title><dc:language>en-GB</dc:language></office:meta></office:document-meta>"#,
        escape(title)
    )
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

/// The `.odt` package of a document titled `title` holding `blocks`.
pub fn text_document(title: &str, blocks: &[Block]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // ODF: the first entry is `mimetype`, stored, so a reader can tell the type from the
    // first bytes of the file.
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("mimetype", stored)?;
    zip.write_all(MIME_TYPE.as_bytes())?;
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let parts = [
        ("META-INF/manifest.xml", MANIFEST.to_string()),
        ("content.xml", content_xml(blocks)),
        ("styles.xml", styles_xml()),
        ("meta.xml", meta_xml(title)),
    ];
    for (name, text) in parts {
        zip.start_file(name, deflated)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("<script>alert('x & \"y\"')</script>\u{1}\u{b}ok\n"),
            "&lt;script&gt;alert(&apos;x &amp; &quot;y&quot;&apos;)&lt;/script&gt;ok\n"
        );
    }

    #[test]
    fn a_heading_paragraph_and_table_become_odf_elements_with_line_breaks_kept() {
        let xml = content_xml(&[
            Block::Heading(1, "Response & more".into()),
            Block::Labelled("Owed by".into(), "The <Chief> Constable".into()),
            Block::Table {
                name: "Responses".into(),
                header: vec!["Reference".into(), "Response".into()],
                rows: vec![vec!["R1".into(), "One\nTwo".into()]],
            },
        ]);
        assert!(xml.contains(r#"text:outline-level="1">Response &amp; more</text:h>"#));
        assert!(xml.contains("Owed by: </text:span>The &lt;Chief&gt; Constable"));
        assert!(xml.contains("One<text:line-break/>Two"));
        assert!(xml.contains(r#"table:number-columns-repeated="2""#));
    }

    #[test]
    fn the_package_starts_with_the_mimetype_stored() {
        let bytes = text_document("T", &[Block::Paragraph("x".into())]).expect("zip");
        assert_eq!(&bytes[0..4], b"PK\x03\x04");
        // The local header: compression method at 8 (0 = stored), name at 30, data after it.
        assert_eq!(u16::from_le_bytes([bytes[8], bytes[9]]), 0);
        assert_eq!(&bytes[30..38], b"mimetype");
        let extra = u16::from_le_bytes([bytes[28], bytes[29]]) as usize;
        assert_eq!(
            &bytes[38 + extra..38 + extra + MIME_TYPE.len()],
            MIME_TYPE.as_bytes()
        );
    }
}
