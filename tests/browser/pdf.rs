//! Just enough of a PDF reader to check a printed page: how many pages, which fonts, and the
//! words on them. Chromium (Skia) writes text as glyph ids in Flate-compressed content streams,
//! with a ToUnicode map per font; the words are recovered by decoding every text run with each
//! font's map (a run decodes to words only with its own font's map).

use std::collections::HashMap;
use std::io::Read;

/// What a printed PDF holds.
pub struct Printed {
    pub pages: usize,
    pub fonts: Vec<String>,
    /// The words of each content stream that shows text (one per page), every text object
    /// decoded with each font's map that can, one line each.
    pub page_texts: Vec<String>,
}

impl Printed {
    /// All the words, pages one after another.
    pub fn text(&self) -> String {
        self.page_texts.join("\n")
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + from)
}

/// The decompressed contents of every Flate stream.
fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(pdf, b"stream", from) {
        let mut start = at + b"stream".len();
        if pdf.get(start) == Some(&b'\r') {
            start += 1;
        }
        if pdf.get(start) == Some(&b'\n') {
            start += 1;
        }
        let Some(end) = find(pdf, b"endstream", start) else {
            break;
        };
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&pdf[start..end])
            .read_to_end(&mut inflated)
            .is_ok()
        {
            out.push(inflated);
        }
        from = end + b"endstream".len();
    }
    out
}

fn hex_groups(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        out.push(rest[open + 1..open + close].to_string());
        rest = &rest[open + close + 1..];
    }
    out
}

/// A ToUnicode map: code (as hex text) to the characters it stands for.
fn cmap(text: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let unicode = |hex: &str| -> String {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        String::from_utf16_lossy(&units)
    };
    for block in text.split("beginbfchar").skip(1) {
        let block = block.split("endbfchar").next().unwrap_or_default();
        for pair in hex_groups(block).chunks(2) {
            if let [code, to] = pair
                && let Ok(code) = u32::from_str_radix(code, 16)
            {
                map.insert(code, unicode(to));
            }
        }
    }
    for block in text.split("beginbfrange").skip(1) {
        let block = block.split("endbfrange").next().unwrap_or_default();
        for triple in hex_groups(block).chunks(3) {
            if let [lo, hi, to] = triple
                && let (Ok(lo), Ok(hi), Ok(to)) = (
                    u32::from_str_radix(lo, 16),
                    u32::from_str_radix(hi, 16),
                    u32::from_str_radix(to, 16),
                )
            {
                for (i, code) in (lo..=hi.min(lo + 0xffff)).enumerate() {
                    if let Some(c) = char::from_u32(to + i as u32) {
                        map.insert(code, c.to_string());
                    }
                }
            }
        }
    }
    map
}

/// The hex strings the text-showing operators (Tj, TJ) of each text object (BT … ET) show.
fn runs(content: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for line in content.split(['\n', '\r']) {
        let line = line.trim();
        if line.ends_with("Tj") || line.ends_with("TJ") {
            current.extend(hex_groups(line));
        }
        if (line == "ET" || line.ends_with(" ET")) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub fn read(pdf: &[u8]) -> Printed {
    let mut pages = 0;
    let mut from = 0;
    while let Some(at) = find(pdf, b"/Type /Page", from) {
        let next = pdf.get(at + b"/Type /Page".len());
        if next != Some(&b's') {
            pages += 1;
        }
        from = at + 1;
    }
    let mut fonts = Vec::new();
    let mut from = 0;
    while let Some(at) = find(pdf, b"/BaseFont /", from) {
        let name: String = pdf[at + b"/BaseFont /".len()..]
            .iter()
            .take_while(|b| b.is_ascii_graphic() && **b != b'/')
            .map(|b| *b as char)
            .collect();
        if !fonts.contains(&name) {
            fonts.push(name);
        }
        from = at + 1;
    }
    let decoded: Vec<String> = streams(pdf)
        .into_iter()
        .map(|s| String::from_utf8_lossy(&s).into_owned())
        .collect();
    let maps: Vec<HashMap<u32, String>> = decoded
        .iter()
        .filter(|s| s.contains("begincmap"))
        .map(|s| cmap(s))
        .collect();
    let decode = |run: &[String], map: &HashMap<u32, String>| -> Option<String> {
        run.iter()
            .flat_map(|hex| {
                hex.as_bytes()
                    .chunks(4)
                    .filter_map(|c| u32::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
                    .collect::<Vec<_>>()
            })
            .map(|code| map.get(&code).cloned())
            .collect()
    };
    let mut page_texts = Vec::new();
    for content in decoded.iter().filter(|s| !s.contains("begincmap")) {
        let runs = runs(content);
        if runs.is_empty() {
            continue;
        }
        // Map by map, so that the runs of one font ("Page ", "1", " of ", "3") stay together.
        let mut text = String::new();
        for map in &maps {
            for run in &runs {
                if let Some(line) = decode(run, map) {
                    text.push_str(&line);
                    text.push('\n');
                }
            }
        }
        page_texts.push(text);
    }
    Printed {
        pages,
        fonts,
        page_texts,
    }
}

#[cfg(test)]
mod tests {
    /// The pack as Chromium printed it in a run of the browser test (kept in docs/).
    #[test]
    fn reads_the_pages_fonts_and_words_of_a_printed_pack() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/pack-print.pdf");
        let Ok(pdf) = std::fs::read(path) else {
            return;
        };
        let printed = super::read(&pdf);
        assert!(printed.pages >= 1);
        assert_eq!(printed.page_texts.len(), printed.pages);
        let text: String = printed
            .text()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            text.contains(&format!("Page1of{}", printed.pages)),
            "{text}"
        );
        assert!(text.contains("Suggestedquestions"), "{text}");
        for (i, page) in printed.page_texts.iter().enumerate() {
            let page: String = page.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(
                page.contains(&format!("Page{}of{}", i + 1, printed.pages)),
                "page {}: {page}",
                i + 1
            );
            assert!(
                page.contains("Publicaccountabilitymeeting–protectingchildren–23March2026,2:00pm")
            );
        }
    }
}
