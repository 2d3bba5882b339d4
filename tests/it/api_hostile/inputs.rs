//! The hostile inputs: strings, dates, ids, bodies and query strings.

use serde_json::{Value, json};

/// Path ids that name no record: zero, negative, one past `i64::MAX`, not a number, a
/// parent directory, bytes that are not UTF-8, a NUL.
pub const PATH_IDS: [&str; 7] = [
    "0",
    "-1",
    "9223372036854775808",
    "abc",
    "%2e%2e",
    "%FF",
    "1%00",
];

/// The strings no field should trip over.
pub fn hostile_strings() -> Vec<String> {
    vec![
        "x".repeat(100_000),
        "before\u{0}after".into(),
        "<script>alert('api')</script>".into(),
        "'; drop table findings; --".into(),
        "\u{202E}desrever\u{202C} مرحبا بالعالم".into(),
        "👮🏽‍♀️🚓 emoji".into(),
        format!("combining e{}", "\u{301}\u{302}\u{303}".repeat(300)),
        String::new(),
        "   ".into(),
    ]
}

/// The dates no date field should take as what was meant.
pub const DATES: [&str; 7] = [
    "2026-02-30",
    "0000-01-01",
    "99999-01-01",
    "2026-1-1",
    "tomorrow",
    "2026-02-27T00:00:00Z",
    "",
];

/// Every body to send to a change: `valid` with each field made hostile in turn, each
/// required field left out, and whole bodies that are not what it takes (raw bytes).
pub fn hostile_bodies(schema: &Value, valid: &Value) -> Vec<(Vec<u8>, Vec<String>)> {
    let mut bodies: Vec<(Vec<u8>, Vec<String>)> = Vec::new();
    let with = |name: &str, value: Value| {
        let mut body = valid.clone();
        body[name] = value;
        serde_json::to_vec(&body).expect("json")
    };
    let properties = schema["properties"].as_object().expect("properties");
    for (name, property) in properties {
        for wrong in [
            json!(12345),
            json!(-1.5),
            json!([]),
            json!(["a", 1]),
            json!({}),
            json!({ "nested": "<script>x</script>" }),
            Value::Null,
            json!(true),
            json!("<script>alert('type')</script>"),
        ] {
            let echo = wrong.as_str().map(str::to_string);
            bodies.push((with(name, wrong), echo.into_iter().collect()));
        }
        let kind = property["type"].to_string();
        if kind.contains("string") {
            for s in hostile_strings() {
                bodies.push((with(name, json!(s)), vec![s]));
            }
        }
        if property["format"] == "date" {
            for date in DATES {
                bodies.push((with(name, json!(date)), vec![]));
            }
        }
        if kind.contains("integer") {
            for id in [json!(i64::MAX), json!(i64::MIN), json!(-1), json!(0)] {
                bodies.push((with(name, id), vec![]));
            }
            for raw in [
                "9223372036854775808",
                "-9223372036854775809",
                "1e400",
                "1.0",
            ] {
                let body = String::from_utf8(with(name, json!("NUMBER"))).expect("utf-8");
                let body = body.replace("\"NUMBER\"", raw);
                bodies.push((body.into_bytes(), vec![]));
            }
        }
    }
    for required in schema["required"].as_array().expect("required") {
        let mut body = valid.clone();
        body.as_object_mut()
            .expect("object")
            .remove(required.as_str().expect("name"));
        bodies.push((serde_json::to_vec(&body).expect("json"), vec![]));
    }
    let valid_text = valid.to_string();
    let deep = "[".repeat(10_000);
    let big = format!("{{\"narrative\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
    for raw in [
        String::new(),
        "not JSON at all".into(),
        "{".into(),
        "null".into(),
        "[]".into(),
        "\"a string\"".into(),
        "123".into(),
        format!("{valid_text} trailing"),
        format!("{}, \"rag\": \"red\"}}", valid_text.trim_end_matches('}')),
        deep.clone(),
        format!("{deep}{}", "]".repeat(10_000)),
        big,
    ] {
        bodies.push((raw.into_bytes(), vec![]));
    }
    bodies.push((vec![0xff, 0xfe, b'{', b'}'], vec![]));
    bodies
}

/// Query strings no list should fail on, for a list with parameters `names`.
pub fn hostile_queries(names: &[String]) -> Vec<String> {
    let long = "9".repeat(10_240);
    let mut queries = vec![
        "limit=-1".to_string(),
        "limit=0".into(),
        "limit=99999999999999999999".into(),
        "limit=1.5".into(),
        "limit=1&limit=2".into(),
        "cursor=%00".into(),
        "cursor=abc".into(),
        "cursor=-1".into(),
        format!("cursor={long}"),
        "body=abc".into(),
        "body=1&body=abc".into(),
        "body=1&body=1&body=2".into(),
        "since=2026-13-45".into(),
        "unknown=1".into(),
        "%FF=%FF".into(),
        "&&&=&=".into(),
    ];
    for name in names {
        for value in [
            "-1",
            "99999999999999999999",
            "%00",
            "abc",
            "purple",
            "none",
            "2026-13-45",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "%27%3B%20drop%20table%20findings%3B%20--",
            &long,
        ] {
            queries.push(format!("{name}={value}"));
            queries.push(format!("{name}=1&{name}={value}"));
        }
    }
    queries
}
