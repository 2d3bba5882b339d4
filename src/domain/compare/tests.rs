use chrono::NaiveDate;

use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn voices(force: Option<(&str, &str)>, position: Option<(&str, &str)>) -> Voices {
    Voices {
        force_position: force.map(|(r, _)| r.to_string()),
        force_as_at: force.map(|(_, d)| day(d)),
        pcc_assurance: None,
        inspectorate_position: position.map(|(p, _)| p.to_string()),
        position_as_at: position.map(|(_, d)| day(d)),
    }
}

/// An edition as an office publishes it, with a member this version does not know.
fn office_json(organisation: &str, body: &str, force: &str, assurance: &str) -> String {
    format!(
        r#"{{
  "licence": {{"name": "Open Government Licence v3.0"}},
  "edition": 4, "organisation": "{organisation}", "asAt": "2026-07-01",
  "somethingNew": [1, 2, 3],
  "inspections": [
    {{"id": 9, "title": "Vetting, misconduct and misogyny", "body": "{body}",
      "nationalId": "urn:example:2026:vetting", "packageVersion": 2,
      "findings": [
        {{"id": 31, "reference": "R10", "nationalId": "urn:example:2026:vetting:r10",
          "dueOn": "2026-09-30",
          "voices": {{"forcePosition": null, "pccAssurance": "not_yet_assessed",
                      "inspectoratePosition": null}},
          "actions": []}},
        {{"id": 30, "reference": "R2", "nationalId": "urn:example:2026:vetting:r2",
          "dueOn": "2026-06-30",
          "voices": {{"forcePosition": "{force}", "forceAsAt": "2026-06-15",
                      "pccAssurance": "{assurance}", "inspectoratePosition": "open"}},
          "actions": [{{"milestones": [
             {{"slipCount": 1, "originalDueDate": "2026-05-01T00:00:00Z", "dueDate": "2026-06-01T00:00:00Z"}},
             {{"slipCount": 0, "originalDueDate": "2026-06-01T00:00:00Z", "dueDate": "2026-06-01T00:00:00Z"}}
          ]}}]}},
        {{"id": 29, "reference": "AFI1", "voices": {{}}, "actions": []}}
      ]}},
    {{"id": 3, "title": "A local report", "body": "{body}", "findings": [
        {{"id": 5, "reference": "R1", "voices": {{}}}}]}}
  ]
}}"#
    )
}

fn read(given: &str, json: &str) -> Read {
    Read {
        source: Source::parse(given).expect("source"),
        edition: Edition::read(json.as_bytes()).expect("edition"),
    }
}

#[test]
fn met_when_complete_or_met_on_or_before_the_deadline() {
    let due = Some(day("2026-06-30"));
    let as_at = day("2026-07-10");
    let d = |v: &Voices| Deadline::of(due, as_at, v);
    assert_eq!(
        d(&voices(Some(("blue", "2026-06-30")), None)),
        Deadline::Met
    );
    assert_eq!(d(&voices(None, Some(("met", "2026-06-01")))), Deadline::Met);
    // Complete only after the deadline: met late; the earlier of the two voices counts.
    assert_eq!(
        d(&voices(Some(("blue", "2026-07-01")), None)),
        Deadline::MetLate
    );
    assert_eq!(
        d(&voices(
            Some(("blue", "2026-07-02")),
            Some(("met", "2026-06-29"))
        )),
        Deadline::Met
    );
    // Green is on track, not complete; partially met is not met.
    assert_eq!(
        d(&voices(
            Some(("green", "2026-06-01")),
            Some(("partially_met", "2026-06-01"))
        )),
        Deadline::Missed
    );
    assert_eq!(
        d(&voices(None, Some(("superseded", "2026-05-01")))),
        Deadline::Closed
    );
}

#[test]
fn not_yet_due_until_the_deadline_has_passed_and_no_deadline_without_one() {
    let v = voices(Some(("amber", "2026-06-01")), None);
    let due = Some(day("2026-06-30"));
    assert_eq!(
        Deadline::of(due, day("2026-06-30"), &v),
        Deadline::NotYetDue
    );
    assert_eq!(Deadline::of(due, day("2026-07-01"), &v), Deadline::Missed);
    assert_eq!(
        Deadline::of(None, day("2026-07-01"), &v),
        Deadline::NoDeadline
    );
    let done = voices(Some(("blue", "2026-06-01")), None);
    assert_eq!(
        Deadline::of(None, day("2026-07-01"), &done),
        Deadline::NoDeadline
    );
}

#[test]
fn slips_count_the_milestones_moved_from_their_first_date() {
    let m = |slips: u32, original: &str, due: &str| Milestone {
        slip_count: slips,
        original_due_date: Some(original.into()),
        due_date: Some(due.into()),
    };
    let actions = vec![
        Action {
            milestones: vec![
                m(2, "2026-01-01", "2026-03-01"),
                m(0, "2026-01-01", "2026-01-01"),
            ],
        },
        // An older edition without a slip count still shows the move in its dates.
        Action {
            milestones: vec![m(0, "2026-01-01", "2026-02-01")],
        },
        // A slip counts when the edition gives the count without the dates.
        Action {
            milestones: vec![Milestone {
                slip_count: 1,
                original_due_date: None,
                due_date: None,
            }],
        },
    ];
    let slips = Slips::of(&actions);
    assert_eq!(
        slips,
        Slips {
            moved: 3,
            milestones: 4
        }
    );
    assert_eq!(slips.label(), "3 of 4 moved");
    assert_eq!(Slips::of(&[]).label(), "No milestones");
}

#[test]
fn sources_are_addresses_sites_or_files_with_the_site_after_an_equals_sign() {
    let latest = Source::parse("https://pcc.example.org/data/latest.json").expect("address");
    assert_eq!(
        latest.location,
        Location::Address("https://pcc.example.org/data/latest.json".into())
    );
    assert_eq!(latest.site.as_deref(), Some("https://pcc.example.org"));
    assert_eq!(
        latest.finding_page(9, 30).as_deref(),
        Some("https://pcc.example.org/progress/inspections/9#finding-30")
    );

    let site = Source::parse("https://pcc.example.org/progress/").expect("site");
    assert_eq!(
        site.location,
        Location::Address("https://pcc.example.org/progress/data/latest.json".into())
    );
    let bare = Source::parse("http://127.0.0.1:4000").expect("site");
    assert_eq!(
        bare.location,
        Location::Address("http://127.0.0.1:4000/data/latest.json".into())
    );
    assert_eq!(bare.site.as_deref(), Some("http://127.0.0.1:4000"));

    let numbered = Source::parse("https://pcc.example.org/data/editions/7.json").expect("edition");
    assert_eq!(numbered.edition, Some(7));
    assert_eq!(
        numbered.finding_page(9, 30).as_deref(),
        Some("https://pcc.example.org/editions/7/inspections/9#finding-30")
    );

    let file = Source::parse("downloads/north.json=https://north.example.org/").expect("file");
    assert_eq!(file.location, Location::File("downloads/north.json".into()));
    assert_eq!(file.site.as_deref(), Some("https://north.example.org"));
    let unlinked = Source::parse("south.json").expect("file");
    assert_eq!(unlinked.site, None);
    assert_eq!(unlinked.finding_page(1, 2), None);

    // Open data elsewhere than under `/data/`: the site is the address's origin.
    let elsewhere = Source::parse("http://a.uk/open.json").expect("address");
    assert_eq!(
        elsewhere.location,
        Location::Address("http://a.uk/open.json".into())
    );
    assert_eq!(elsewhere.site.as_deref(), Some("http://a.uk"));

    // "=http" that does not begin an address is part of the file's name.
    let odd = Source::parse("exports/a=httpish.json").expect("file");
    assert_eq!(
        odd.location,
        Location::File("exports/a=httpish.json".into())
    );
    assert_eq!(odd.site, None);

    assert!(Source::parse("  ").is_err());
    assert!(Source::parse("https://").is_err());
    assert!(Source::parse("north.json=https://bad host").is_err());
    assert!(Source::parse("=https://north.example.org").is_err());
}

#[test]
fn what_is_not_an_editions_open_data_is_said_in_plain_words() {
    let not_json = Edition::read(b"<html>Sign in</html>").expect_err("html");
    assert!(not_json.starts_with("is not JSON"), "{not_json}");
    let other = Edition::read(br#"{"name": "something else"}"#).expect_err("other JSON");
    assert!(
        other.starts_with("is not an edition's open data"),
        "{other}"
    );
    assert!(other.contains("edition"), "{other}");
}

#[test]
fn every_force_stands_side_by_side_under_each_national_recommendation() {
    let north = read(
        "http://127.0.0.1:4001",
        &office_json("North PCC", "North Police", "blue", "substantial"),
    );
    let south = read(
        "south.json=https://south.example.org",
        &office_json("South PCC", "South Police", "red", "limited"),
    );
    let older = read(
        "old.json",
        r#"{"edition": 1, "organisation": "West PCC", "asAt": "2025-01-01",
           "inspections": [{"id": 1, "title": "Vetting", "body": "West Police",
             "findings": [{"id": 2, "reference": "R2", "voices": {}}]}]}"#,
    );
    let down = Unread {
        source: "http://127.0.0.1:9".into(),
        reason: "could not connect".into(),
    };
    let c = compare(&[north, south, older], vec![down.clone()]);
    assert_eq!(c.unread, vec![down]);
    assert_eq!(c.offices.len(), 3);
    assert_eq!(
        (c.offices[0].national, c.offices[1].national),
        (2, 2),
        "each office's national recommendations are counted"
    );
    assert_eq!(
        c.offices[2].national, 0,
        "an older edition contributes nothing"
    );
    assert_eq!(c.reports.len(), 1);
    let report = &c.reports[0];
    assert_eq!(report.national_id, "urn:example:2026:vetting");
    assert_eq!(report.title, "Vetting, misconduct and misogyny");
    let refs: Vec<&str> = report
        .recommendations
        .iter()
        .map(|r| r.reference.as_str())
        .collect();
    assert_eq!(refs, ["R2", "R10"], "by reference, R2 before R10");
    let r2 = &report.recommendations[0];
    let bodies: Vec<&str> = r2.forces.iter().map(|s| s.body.as_str()).collect();
    assert_eq!(bodies, ["North Police", "South Police"]);
    let (n, s) = (&r2.forces[0], &r2.forces[1]);
    assert_eq!(n.force_position, "Blue – complete");
    assert_eq!(s.force_position, "Red – off track");
    assert_eq!(
        (n.assurance.as_str(), s.assurance.as_str()),
        ("Substantial", "Limited")
    );
    assert_eq!(n.inspectorate, "Open");
    assert_eq!((n.deadline, s.deadline), (Deadline::Met, Deadline::Missed));
    assert_eq!(
        n.slips,
        Slips {
            moved: 1,
            milestones: 2
        }
    );
    assert_eq!(n.package_version, Some(2));
    assert_eq!(
        n.link.as_deref(),
        Some("http://127.0.0.1:4001/progress/inspections/9#finding-30")
    );
    assert_eq!(
        s.link.as_deref(),
        Some("https://south.example.org/progress/inspections/9#finding-30")
    );
    let r10 = &report.recommendations[1].forces[0];
    assert_eq!(r10.force_position, "No update yet");
    assert_eq!(r10.assurance, "Not yet assessed");
    assert_eq!(r10.inspectorate, "No position recorded");
    assert_eq!(r10.deadline, Deadline::NotYetDue);
}

#[test]
fn a_national_recommendation_of_a_report_without_an_identifier_is_listed_under_other() {
    let loose = read(
        "loose.json",
        r#"{"edition": 2, "organisation": "East PCC", "asAt": "2026-07-01",
           "inspections": [{"id": 4, "title": "A thematic letter", "body": "East Police",
             "findings": [{"id": 8, "reference": "R1", "nationalId": "urn:example:letter:r1",
                           "voices": {}}]}]}"#,
    );
    let c = compare(&[loose], Vec::new());
    assert_eq!(c.reports.len(), 1);
    assert_eq!(c.reports[0].national_id, "");
    assert_eq!(c.reports[0].title, "Other national recommendations");
    assert_eq!(c.offices[0].national, 1);
    let text = text(&c);
    assert!(
        text.contains("\nOther national recommendations\n"),
        "no identifier to show: {text}"
    );
}

#[test]
fn the_text_names_the_unread_first_and_the_csv_is_spreadsheet_safe() {
    let mut json = office_json(
        "North PCC",
        "=North\\u001b[31m Police",
        "green",
        "reasonable",
    );
    json = json.replace("\"open\"", "\"a_new_position\"");
    let c = compare(
        &[read("http://127.0.0.1:4001", &json)],
        vec![Unread {
            source: "http://127.0.0.1:9".into(),
            reason: "could not connect (connection refused)".into(),
        }],
    );
    let text = text(&c);
    assert!(
        text.starts_with("Not read:\n  http://127.0.0.1:9 – could not connect"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no terminal control characters: {text}"
    );
    assert!(text.contains("R2 (urn:example:2026:vetting:r2)"), "{text}");
    assert!(
        text.contains("\nVetting, misconduct and misogyny (urn:example:2026:vetting)\n"),
        "{text}"
    );
    assert!(
        text.contains("a_new_position"),
        "an unknown token is shown as it is: {text}"
    );
    assert!(text.contains("Missed (30 Jun 2026)"), "{text}");
    assert!(text.contains("http://127.0.0.1:4001/progress/inspections/9#finding-30"));

    let csv = csv(&c);
    assert!(csv.starts_with("\u{feff}report_id,report_title,recommendation_id,reference,"));
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        lines.len(),
        3,
        "a header and a row per recommendation and force"
    );
    assert!(lines[1].contains(",'=North"), "{}", lines[1]);
    assert!(
        lines[1].contains(",missed,1,2,4,2026-07-01,2,"),
        "{}",
        lines[1]
    );
}
