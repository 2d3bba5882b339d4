//! Tiny but real files of each kind, built in the tests: what each format's detector looks at
//! and nothing more.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

pub const PDF: &[u8] =
    b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
pub const PNG: &[u8] = b"\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1F\x15\xC4\x89";
pub const JPEG: &[u8] =
    b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9";
pub const GIF: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\xFF\xFF\x00\x00\x00!\xF9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
pub const GZIP: &[u8] =
    b"\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00";

/// A 64-bit ELF header and padding (infer wants more than 52 bytes).
pub fn elf() -> Vec<u8> {
    let mut bytes = b"\x7FELF\x02\x01\x01\x00".to_vec();
    bytes.resize(64, 0);
    bytes
}

/// A DOS stub as every Windows program starts.
pub fn exe() -> Vec<u8> {
    let mut bytes = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF".to_vec();
    bytes.resize(128, 0);
    bytes
}

/// A zip of `entries`, each deflated unless it is ODF's `mimetype`.
pub fn zip(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in entries {
        let method = if *name == "mimetype" {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// An OOXML package in the order Word, Excel and PowerPoint write it: the content types, the
/// package relationships, then the parts under `folder` ("word", "xl", "ppt"), then `extra`.
pub fn ooxml(folder: &str, extra: &[&str]) -> Vec<u8> {
    let rels = format!("{folder}/_rels/document.xml.rels");
    let main = format!("{folder}/document.xml");
    let mut entries = vec![
        ("[Content_Types].xml", "<Types/>"),
        ("_rels/.rels", "<Relationships/>"),
        (rels.as_str(), "<Relationships/>"),
        (main.as_str(), "<document>The quarterly return</document>"),
        ("docProps/core.xml", "<coreProperties/>"),
    ];
    entries.extend(extra.iter().map(|name| (*name, "binary")));
    zip(&entries)
}

/// An OpenDocument package: `mimetype` first and stored, as ODF requires.
pub fn odf(subtype: &str) -> Vec<u8> {
    let mime = format!("application/vnd.oasis.opendocument.{subtype}");
    zip(&[
        ("mimetype", mime.as_str()),
        ("META-INF/manifest.xml", "<manifest/>"),
        ("content.xml", "<office:document-content/>"),
    ])
}

pub const WORD_CLSID: &str = "00020906-0000-0000-c000-000000000046";
pub const EXCEL_CLSID: &str = "00020820-0000-0000-c000-000000000046";
pub const POWERPOINT_CLSID: &str = "64818d10-4f9b-11cf-86ea-00aa00b929e8";

const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FAT_SECTOR: u32 = 0xFFFF_FFFD;

/// A version 3 OLE compound file (512-byte sectors): the header, one FAT sector, one
/// directory sector holding the root entry (whose CLSID names the application) and, if
/// `storage` is given, an empty storage of that name under it.
pub fn ole(clsid: &str, storage: Option<&str>) -> Vec<u8> {
    let mut file = vec![0u8; 512 * 3];
    file[..8].copy_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    put16(&mut file, 24, 0x003E); // minor version
    put16(&mut file, 26, 0x0003); // major version 3
    put16(&mut file, 28, 0xFFFE); // little-endian
    put16(&mut file, 30, 9); // 512-byte sectors
    put16(&mut file, 32, 6); // 64-byte mini sectors
    put32(&mut file, 44, 1); // one FAT sector
    put32(&mut file, 48, 1); // the directory starts at sector 1
    put32(&mut file, 56, 4096); // mini stream cutoff
    put32(&mut file, 60, END_OF_CHAIN); // no mini FAT
    put32(&mut file, 68, END_OF_CHAIN); // no DIFAT sectors
    put32(&mut file, 76, 0); // the FAT is sector 0
    for i in 1..109 {
        put32(&mut file, 76 + i * 4, FREE);
    }
    let fat = 512;
    put32(&mut file, fat, FAT_SECTOR);
    put32(&mut file, fat + 4, END_OF_CHAIN);
    for i in 2..128 {
        put32(&mut file, fat + i * 4, FREE);
    }
    let directory = 1024;
    let child = if storage.is_some() { 1 } else { FREE };
    entry(&mut file, directory, "Root Entry", 5, child, clsid);
    let mut next = directory + 128;
    if let Some(name) = storage {
        entry(
            &mut file,
            next,
            name,
            1,
            FREE,
            "00000000-0000-0000-0000-000000000000",
        );
        next += 128;
    }
    while next < directory + 512 {
        for offset in [68, 72, 76] {
            put32(&mut file, next + offset, FREE);
        }
        next += 128;
    }
    file
}

fn entry(file: &mut [u8], at: usize, name: &str, kind: u8, child: u32, clsid: &str) {
    let units: Vec<u16> = name.encode_utf16().collect();
    for (i, unit) in units.iter().enumerate() {
        put16(file, at + i * 2, *unit);
    }
    put16(file, at + 64, (units.len() as u16 + 1) * 2);
    file[at + 66] = kind;
    file[at + 67] = 1; // black
    put32(file, at + 68, FREE);
    put32(file, at + 72, FREE);
    put32(file, at + 76, child);
    file[at + 80..at + 96].copy_from_slice(&guid_bytes(clsid));
    put32(file, at + 116, if kind == 5 { END_OF_CHAIN } else { 0 });
}

/// A GUID as stored on disk: the first three groups little-endian, the rest as written.
fn guid_bytes(guid: &str) -> [u8; 16] {
    let hex: String = guid.chars().filter(|c| *c != '-').collect();
    let raw: Vec<u8> = (0..16)
        .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).unwrap())
        .collect();
    let mut out = [0u8; 16];
    out[..4].copy_from_slice(&[raw[3], raw[2], raw[1], raw[0]]);
    out[4..6].copy_from_slice(&[raw[5], raw[4]]);
    out[6..8].copy_from_slice(&[raw[7], raw[6]]);
    out[8..].copy_from_slice(&raw[8..]);
    out
}

fn put16(file: &mut [u8], at: usize, value: u16) {
    file[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

fn put32(file: &mut [u8], at: usize, value: u32) {
    file[at..at + 4].copy_from_slice(&value.to_le_bytes());
}
