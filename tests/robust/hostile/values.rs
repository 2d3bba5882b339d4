//! What a hostile or careless sender might type: a seeded generator, so every run sends the
//! same values and a failure can be replayed.

use fastrand::Rng;

/// Text that must never come back raw in an HTML (or XML) page.
pub const XSS: &str = "<script>alert(\"x\")</script>";
pub const RAW_MARKERS: &[&str] = &[
    XSS,
    "<img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
];

const STRINGS: &[&str] = &[
    XSS,
    "<img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)",
    "'; drop table findings; --",
    "1 or 1=1",
    "\") or (\"1\"=\"1",
    "=HYPERLINK(\"https://evil.example\",\"click\")",
    "=cmd|' /C calc'!A0",
    "+44 20 7946 0000",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\0",
    "a\0b",
    "\u{0}\u{1}\u{7f}\u{1b}[31m",
    "é ü ß 😀 \u{202e}gnp.exe \u{feff}\u{200b}",
    "\r\n\r\n",
    "   ",
    "",
    "../../../../etc/passwd",
    "%00%ff%2e%2e",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "javascript:alert(1)",
    "https://example.test/<script>",
    "data:text/html,<script>alert(1)</script>",
    "null",
    "undefined",
    "true",
];

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "1.5",
    "1e308",
    "NaN",
    "99999999999999999999999999",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "2147483648",
    "0x10",
    " 7 ",
    "٣",
];

/// Day, month and year that do not make a date (or only just do).
pub const IMPOSSIBLE_DATES: &[(&str, &str, &str)] = &[
    ("31", "2", "2022"),
    ("29", "2", "2023"),
    ("0", "1", "2022"),
    ("1", "0", "2022"),
    ("1", "13", "2022"),
    ("1", "1", "99999"),
    ("1", "1", "0"),
    ("-1", "-1", "-1"),
    ("32", "12", "2022"),
    ("", "2", "2022"),
    ("1", "1", "-2022"),
    ("99999999999999999999", "1", "2022"),
];

/// Path ids that are not ids.
pub const PATH_IDS: &[&str] = &[
    "abc",
    "0",
    "-1",
    "1.5",
    "99999999999999999999",
    "9223372036854775807",
    "%00",
    "%FF%FE",
    "1%20or%201%3D1",
    "%3Cscript%3E",
    "..",
    "1;drop",
];

/// Field names no form has: the handlers must ignore them.
pub const INVENTED_NAMES: &[&str] = &["id", "role", "admin", "version", "__proto__", "x[]"];

/// Query parameter names worth trying on any page.
pub const QUERY_NAMES: &[&str] = &[
    "q",
    "page",
    "from",
    "to",
    "as_at",
    "sort",
    "status",
    "kind",
    "inspection",
    "a",
    "b",
    "next",
    "filter",
    "year",
];

/// Values every field gets, whatever the random draw.
pub fn canonical() -> Vec<String> {
    vec![
        XSS.to_string(),
        "'; drop table findings; --".to_string(),
        "=1+1".to_string(),
        "\0".to_string(),
        "a\0b".to_string(),
        format!("{}{}", XSS.repeat(50), "x".repeat(25_000)),
        "99999999999999999999".to_string(),
        "-1".to_string(),
        String::new(),
        "é 😀 \u{202e}\u{feff}".to_string(),
    ]
}

/// One hostile value, sometimes long.
pub fn value(rng: &mut Rng) -> String {
    match rng.u8(0..10) {
        0..=5 => STRINGS[rng.usize(..STRINGS.len())].to_string(),
        6 | 7 => NUMBERS[rng.usize(..NUMBERS.len())].to_string(),
        8 => {
            // Longer than any field's limit, with markup in it.
            let mut s = XSS.repeat(rng.usize(10..200));
            s.push_str(&"x".repeat(rng.usize(100..30_000)));
            s
        }
        _ => {
            let a = STRINGS[rng.usize(..STRINGS.len())];
            let b = NUMBERS[rng.usize(..NUMBERS.len())];
            format!("{b}{a}{b}")
        }
    }
}

/// A CSV file for the import: a header then rows of hostile cells.
pub fn csv(rng: &mut Rng, header: &str) -> String {
    let columns = header.split(',').count().max(1);
    let mut out = format!("{header}\r\n");
    for _ in 0..rng.usize(1..6) {
        let cells: Vec<String> = (0..columns)
            .map(|_| {
                let v = value(rng);
                format!("\"{}\"", v.replace('"', "\"\""))
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}
