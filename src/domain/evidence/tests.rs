//! Judging real (tiny) files of every kind, the refusals, and the small facts in `mod.rs`.

use super::samples::*;
use super::*;

#[test]
fn every_accepted_binary_format_is_recognised_from_its_content() {
    let cases: Vec<(&str, Vec<u8>, Kind)> = vec![
        ("a.pdf", PDF.to_vec(), Kind::Pdf),
        ("a.png", PNG.to_vec(), Kind::Png),
        ("a.jpg", JPEG.to_vec(), Kind::Jpeg),
        ("a.docx", ooxml("word", &[]), Kind::Word),
        ("a.xlsx", ooxml("xl", &[]), Kind::Excel),
        ("a.pptx", ooxml("ppt", &[]), Kind::PowerPoint),
        ("a.odt", odf("text"), Kind::OdfText),
        ("a.ods", odf("spreadsheet"), Kind::OdfSpreadsheet),
        ("a.odp", odf("presentation"), Kind::OdfPresentation),
        ("a.doc", ole(WORD_CLSID, None), Kind::WordLegacy),
        ("a.xls", ole(EXCEL_CLSID, None), Kind::ExcelLegacy),
        ("a.ppt", ole(POWERPOINT_CLSID, None), Kind::PowerPointLegacy),
    ];
    for (name, bytes, kind) in cases {
        assert_eq!(judge(name, &bytes), Ok(kind), "{name}");
        // The name plays no part: the same bytes called anything are the same kind.
        assert_eq!(judge("renamed.txt", &bytes), Ok(kind), "{name} renamed");
    }
}

#[test]
fn a_pdf_header_after_other_content_is_not_a_pdf() {
    let page = b"<!-- %PDF-1.4 --><html><script>alert(1)</script></html>";
    assert_eq!(judge("a.pdf", page), Err(Refusal::Markup));
}

#[test]
fn web_pages_and_drawings_are_refused_whatever_they_are_called() {
    let cases: [(&str, &[u8]); 6] = [
        ("report.pdf", b"<!DOCTYPE html><html><body>Hi</body></html>"),
        (
            "chart.png",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>",
        ),
        ("notes.txt", b"Notes\n<ScRiPt>alert(1)</sCrIpT>\n"),
        ("data.csv", b"\xEF\xBB\xBF<?xml version=\"1.0\"?><a/>"),
        ("link.txt", b"Click JavaScript:alert(1)"),
        ("page.docx", b"  <p class=x>Hello</p>"),
    ];
    for (name, bytes) in cases {
        assert_eq!(judge(name, bytes), Err(Refusal::Markup), "{name}");
    }
}

#[test]
fn text_named_as_a_web_page_or_script_is_refused() {
    assert_eq!(judge("plain.html", b"just words"), Err(Refusal::Markup));
    assert_eq!(judge("x.SVG", b"just words"), Err(Refusal::Markup));
    assert_eq!(judge("run.bat", b"echo hello"), Err(Refusal::Script));
    assert_eq!(judge("run.ps1 ", b"Get-Item ."), Err(Refusal::Script));
}

#[test]
fn a_script_with_a_shebang_is_refused() {
    assert_eq!(
        judge("x.txt", b"#!/bin/sh\nrm -rf /\n"),
        Err(Refusal::Script)
    );
    assert_eq!(
        judge("x.csv", b"\xEF\xBB\xBF#!/usr/bin/env python\n"),
        Err(Refusal::Script)
    );
}

#[test]
fn programs_are_refused_whatever_they_are_called() {
    assert_eq!(judge("report.pdf", &elf()), Err(Refusal::Executable));
    assert_eq!(judge("invoice.docx", &exe()), Err(Refusal::Executable));
}

#[test]
fn archives_are_refused_but_office_files_inside_zips_are_not() {
    let plain = zip(&[("report.pdf", "%PDF-1.4"), ("notes.txt", "hello")]);
    assert_eq!(judge("bundle.docx", &plain), Err(Refusal::Archive));
    assert_eq!(judge("x.gz", GZIP), Err(Refusal::Archive));
    // The same zip machinery, with the parts infer looks for, is a Word document.
    assert_eq!(judge("x.zip", &ooxml("word", &[])), Ok(Kind::Word));
}

#[test]
fn office_documents_with_macros_are_refused() {
    let docm = ooxml("word", &["word/vbaProject.bin"]);
    assert_eq!(judge("a.docx", &docm), Err(Refusal::Macros));
    let xlsm = ooxml("xl", &["xl/VBAPROJECT.BIN"]);
    assert_eq!(judge("a.xlsx", &xlsm), Err(Refusal::Macros));
    let xls = ole(EXCEL_CLSID, Some("_VBA_PROJECT_CUR"));
    assert_eq!(judge("a.xls", &xls), Err(Refusal::Macros));
    // Another storage name is not a macro.
    let plain = ole(EXCEL_CLSID, Some("Workbook"));
    assert_eq!(judge("a.xls", &plain), Ok(Kind::ExcelLegacy));
}

#[test]
fn other_binaries_are_unsupported() {
    assert_eq!(judge("a.png", GIF), Err(Refusal::Unsupported));
    // An OLE file that is not Word, Excel or PowerPoint (an Outlook .msg, an installer).
    let other = ole("00000000-0000-0000-0000-000000000000", None);
    assert_eq!(judge("a.msg", &other), Err(Refusal::Unsupported));
    assert_eq!(
        judge("a.rtf", b"{\\rtf1\\ansi hello}"),
        Err(Refusal::Unsupported)
    );
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    assert_eq!(judge("x.pdf", b""), Err(Refusal::Empty));
    // A byte order mark and nothing else is empty too.
    assert_eq!(judge("x.txt", b"\xEF\xBB\xBF"), Err(Refusal::Empty));
}

#[test]
fn text_with_a_nul_or_control_byte_is_not_text() {
    assert_eq!(judge("x.txt", b"hello\0world"), Err(Refusal::Unsupported));
    assert_eq!(judge("x.txt", b"hello\x1Bworld"), Err(Refusal::Unsupported));
    // UTF-16 (Notepad's "Unicode") is full of NULs: refused rather than misread.
    assert_eq!(judge("x.txt", b"\xFF\xFEh\0i\0"), Err(Refusal::Unsupported));
}

#[test]
fn a_windows_1252_csv_from_excel_is_accepted() {
    let csv = b"Item,Cost\r\nOvertime,\xA3120\r\nFuel,\x80 45\r\n";
    assert_eq!(judge("costs.CSV", csv), Ok(Kind::Csv));
    assert_eq!(judge("costs.txt", csv), Ok(Kind::Text));
    assert_eq!(
        judge("costs", "Café,£5\n\tnote\x0C".as_bytes()),
        Ok(Kind::Text)
    );
}

#[test]
fn text_that_mentions_a_program_signature_is_still_text() {
    // infer calls anything starting "BC" LLVM bitcode and "MZ" a Windows program.
    assert_eq!(judge("a.csv", b"BCU number,Officer\n1,2\n"), Ok(Kind::Csv));
    assert_eq!(judge("a.txt", b"MZ wrote the note"), Ok(Kind::Text));
}

const EMAIL: &[u8] = b"Return-Path: <a@example.org>\r\nFrom: Alex <a@example.org>\r\n\
Subject: Custody review\r\n =?utf-8?q?continued?=\r\nDate: Tue, 5 Mar 2024 10:00:00 +0000\r\n\
Content-Type: text/html\r\n\r\n<html><body>See attached.</body></html>\r\n";

#[test]
fn an_email_is_recognised_whatever_it_is_called_even_with_an_html_body() {
    assert_eq!(judge("message.eml", EMAIL), Ok(Kind::Email));
    assert_eq!(judge("message.txt", EMAIL), Ok(Kind::Email));
    let mbox = [
        b"From a@example.org Tue Mar  5 10:00:00 2024\n".as_slice(),
        EMAIL,
    ]
    .concat();
    assert_eq!(judge("x", &mbox), Ok(Kind::Email));
}

#[test]
fn text_named_eml_that_is_not_an_email_is_text() {
    let cases: [&[u8]; 6] = [
        b"Just a note about the meeting.\n",
        // An indented line continues a field: one cannot come before the first.
        b"  an indented note\nFrom: Alex\nSubject: notes\n\nbody\n",
        // One field only.
        b"Subject: notes\n\nbody\n",
        // No field every email has.
        b"Owner: Alex\nStatus: open\n\nbody\n",
        // No blank line after the fields.
        b"From: Alex\nSubject: notes\n",
        // A field name with a space is not a header.
        b"From: Alex\nMy note: hello\n\nbody\n",
    ];
    for bytes in cases {
        assert_eq!(judge("x.eml", bytes), Ok(Kind::Text), "{bytes:?}");
    }
}

#[test]
fn kind_tokens_round_trip_and_first_extensions_are_distinct() {
    let tokens: Vec<_> = Kind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(
        tokens,
        [
            "pdf",
            "word",
            "doc",
            "excel",
            "xls",
            "powerpoint",
            "ppt",
            "odt",
            "ods",
            "odp",
            "png",
            "jpeg",
            "csv",
            "text",
            "email"
        ]
    );
    for kind in Kind::ALL {
        assert_eq!(Kind::parse(kind.as_str()), Some(*kind));
    }
    assert_eq!(Kind::parse("PDF"), None);
    assert_eq!(Kind::Jpeg.extensions(), ["jpg", "jpeg"]);
    assert_eq!(Kind::WordLegacy.media_type(), "application/msword");
    assert_eq!(
        Kind::Excel.media_type(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(Kind::Email.label(), "Email (.eml)");
    assert!(Kind::Csv.is_text() && !Kind::Pdf.is_text());
}

#[test]
fn refusal_messages_name_the_file_cleaned() {
    assert_eq!(
        Refusal::Empty.message("x.pdf"),
        "“x.pdf” is empty: choose the file again"
    );
    assert_eq!(
        Refusal::Markup.message("../a\u{202E}.pdf"),
        "“a.pdf” is a web page or drawing (HTML, SVG or XML), which cannot be attached: \
         save it as PDF"
    );
    assert_eq!(
        Refusal::Executable.message("setup.exe"),
        "“setup.exe” is a program or script, which cannot be attached"
    );
    assert_eq!(
        Refusal::TooLarge {
            limit: DEFAULT_FILE_LIMIT
        }
        .message("big.pdf"),
        "“big.pdf” is larger than the 20 MB limit: make it smaller or split it"
    );
    assert_eq!(
        Refusal::Unsupported.message("a.gif"),
        "“a.gif” is not a type that can be attached: use PDF, Word, Excel, PowerPoint, \
         OpenDocument, PNG, JPEG, CSV, text or email (.eml) files"
    );
}

#[test]
fn the_hash_is_lowercase_sha256_hex() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}

#[test]
fn sizes_read_in_bytes_kilobytes_and_megabytes() {
    let cases = [
        (-5, "0 bytes"),
        (0, "0 bytes"),
        (1, "1 byte"),
        (512, "512 bytes"),
        (1023, "1023 bytes"),
        (1024, "1.0 KB"),
        (1536, "1.5 KB"),
        (10_188, "9.9 KB"),
        (10_189, "10 KB"),
        (12_595, "12 KB"),
        (1_048_575, "1.0 MB"),
        (4_718_592, "4.5 MB"),
        (20 * 1024 * 1024, "20 MB"),
        (50 * 1024 * 1024, "50 MB"),
        (3 * 1024 * 1024 * 1024, "3.0 GB"),
    ];
    for (bytes, label) in cases {
        assert_eq!(size_label(bytes), label, "{bytes}");
    }
    // Beyond the largest unit the number grows rather than the unit running out.
    assert_eq!(size_label(1 << 50), "1024 TB");
    assert!(
        size_label(i64::MAX).ends_with(" TB"),
        "{}",
        size_label(i64::MAX)
    );
}
