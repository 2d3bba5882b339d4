use super::*;

fn item(id: &str, kind: FindingKind, reference: &str) -> Item {
    Item {
        id: id.into(),
        kind,
        reference: reference.into(),
        area: String::new(),
        official_wording: format!("The wording of {reference}"),
        timescale: Timescale::Within6Months,
        deadline: None,
        parent: None,
        addressees: vec![],
    }
}

pub(super) fn example() -> Package {
    let mut r1 = item("urn:x:r1", FindingKind::Recommendation, "R1");
    r1.parent = Some("urn:x:c1".into());
    let mut r2 = item("urn:x:r2", FindingKind::Recommendation, "R2");
    r2.timescale = Timescale::ByDate;
    r2.deadline = NaiveDate::from_ymd_opt(2023, 4, 30);
    let mut r3 = item("urn:x:r3", FindingKind::Recommendation, "R3");
    r3.addressees = vec![Addressee::NationalBodies];
    Package {
        format: FORMAT.into(),
        id: "urn:x".into(),
        version: 1,
        title: "A national report".into(),
        publisher: "HMICFRS".into(),
        source: Source::Hmicfrs,
        kind: InspectionKind::Thematic,
        published_on: NaiveDate::from_ymd_opt(2022, 11, 2).unwrap(),
        report_url: Some("https://example.org/report".into()),
        addressees: vec![Addressee::ChiefConstables, Addressee::NationalBodies],
        items: vec![
            item("urn:x:c1", FindingKind::CauseOfConcern, "C1"),
            r1,
            r2,
            r3,
        ],
    }
}

#[test]
fn a_package_reads_back_from_its_own_file() {
    let p = example();
    assert_eq!(Package::read(&p.to_json()), Ok(p));
}

#[test]
fn the_published_schema_is_json_and_names_the_format() {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
    assert_eq!(schema["$id"], SCHEMA_PATH);
    assert_eq!(schema["properties"]["format"]["const"], FORMAT);
}

#[test]
fn a_file_that_is_not_json_says_where() {
    let problems = Package::read("{\n  \"format\": ").unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("The file is not JSON (line 2"),
        "{problems:?}"
    );
    assert_eq!(
        Package::read("  ").unwrap_err(),
        vec!["Choose a report package file, or paste one".to_string()]
    );
}

#[test]
fn a_file_of_another_shape_names_what_is_wrong() {
    let problems = Package::read(r#"{"format": "x", "id": 3}"#).unwrap_err();
    assert!(
        problems[0].starts_with("The package does not have the shape of a report package"),
        "{problems:?}"
    );
    assert!(problems[0].contains("expected a string"), "{problems:?}");
}

fn problems_of(change: impl FnOnce(&mut Package)) -> Vec<String> {
    let mut p = example();
    change(&mut p);
    p.problems()
}

#[test]
fn each_rule_of_a_package_is_checked_with_a_message_naming_the_item() {
    assert_eq!(problems_of(|_| {}), Vec::<String>::new());
    type Case = (Box<dyn FnOnce(&mut Package)>, &'static str);
    let cases: Vec<Case> = vec![
        (
            Box::new(|p| p.format = "other/2".into()),
            "its format is \"other/2\"",
        ),
        (
            Box::new(|p| p.id = "urn x".into()),
            "The report's identifier urn x must not contain spaces",
        ),
        (
            Box::new(|p| p.id = String::new()),
            "The report's identifier is missing",
        ),
        (
            Box::new(|p| p.id = "u".repeat(201)),
            "must be 200 characters or fewer",
        ),
        (Box::new(|p| p.version = 0), "version must be 1 or more"),
        (
            Box::new(|p| p.title = " ".into()),
            "The report's title is missing",
        ),
        (
            Box::new(|p| p.title = "t".repeat(301)),
            "title must be 300 characters or fewer",
        ),
        (
            Box::new(|p| p.publisher = String::new()),
            "The publisher is missing",
        ),
        (
            Box::new(|p| p.report_url = Some("javascript:alert(1)".into())),
            "must be a web address",
        ),
        (Box::new(|p| p.addressees.clear()), "addressed to"),
        (Box::new(|p| p.items.clear()), "The package has no items"),
        (
            Box::new(|p| p.items[3].id = "urn:x:c1".into()),
            "Item R3: its identifier urn:x:c1 is used by another item",
        ),
        (
            Box::new(|p| p.items[1].reference = "C1".into()),
            "Item C1: another item has the same reference",
        ),
        (
            Box::new(|p| p.items[1].reference = String::new()),
            "Item 2: its reference is missing",
        ),
        (
            Box::new(|p| p.items[1].area = "a".repeat(201)),
            "Item R1: its area must be 200 characters or fewer",
        ),
        (
            Box::new(|p| p.items[1].official_wording = String::new()),
            "Item R1: its official wording is missing",
        ),
        (
            Box::new(|p| p.items[2].deadline = None),
            "Item R2: a timescale by_date needs its deadline",
        ),
        (
            Box::new(|p| p.items[1].deadline = p.items[2].deadline),
            "Item R1: a deadline goes with the timescale by_date only",
        ),
        (
            Box::new(|p| p.items[2].deadline = NaiveDate::from_ymd_opt(2022, 11, 1)),
            "Item R2: The stated date cannot be before the report was published (2 November 2022)",
        ),
        (
            Box::new(|p| p.items[1].parent = Some("urn:x:r1".into())),
            "Item R1: an item cannot sit under itself",
        ),
        (
            Box::new(|p| p.items[1].parent = Some("urn:x:r2".into())),
            "Item R1: its parent urn:x:r2 is not a cause of concern",
        ),
        (
            Box::new(|p| p.items[1].parent = Some("urn:x:nope".into())),
            "Item R1: its parent urn:x:nope is not an item of the package",
        ),
        (
            Box::new(|p| {
                p.items
                    .push(item("urn:x:c2", FindingKind::CauseOfConcern, "C2"));
                p.items[4].parent = Some("urn:x:c1".into());
            }),
            "Item C2: a cause of concern cannot sit under another",
        ),
    ];
    for (change, expected) in cases {
        let problems = problems_of(change);
        assert_eq!(problems.len(), 1, "{expected}: {problems:?}");
        assert!(problems[0].contains(expected), "{expected}: {problems:?}");
    }
}

#[test]
fn too_many_items_is_refused() {
    let problems = problems_of(|p| {
        let one = p.items[3].clone();
        p.items = (0..=MAX_ITEMS)
            .map(|n| Item {
                id: format!("urn:x:{n}"),
                reference: format!("R{n}"),
                ..one.clone()
            })
            .collect();
    });
    assert_eq!(
        problems,
        vec![format!("A package may hold at most {MAX_ITEMS} items")]
    );
}

#[test]
fn a_police_force_gets_the_items_addressed_to_chief_constables_and_their_causes_of_concern() {
    let p = example();
    let refs = |kind| -> Vec<&str> {
        p.items_for(kind)
            .iter()
            .map(|i| i.reference.as_str())
            .collect()
    };
    assert_eq!(refs(BodyKind::PoliceForce), ["C1", "R1", "R2"]);
    assert_eq!(refs(BodyKind::FireAndRescueService), Vec::<&str>::new());
    assert_eq!(refs(BodyKind::Other), ["C1", "R1", "R2", "R3"]);
    // A cause of concern addressed elsewhere still comes with a recommendation under it.
    let mut p = example();
    p.items[0].addressees = vec![Addressee::NationalBodies];
    let refs: Vec<&str> = p
        .items_for(BodyKind::PoliceForce)
        .iter()
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(refs, ["C1", "R1", "R2"]);
    p.items[1].addressees = vec![Addressee::NationalBodies];
    let refs: Vec<&str> = p
        .items_for(BodyKind::PoliceForce)
        .iter()
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(refs, ["R2"]);
}

#[test]
fn a_fire_service_gets_items_addressed_to_fire_services() {
    let mut p = example();
    p.addressees = vec![Addressee::FireAndRescueServices];
    assert_eq!(p.items_for(BodyKind::FireAndRescueService).len(), 3);
    assert!(p.items_for(BodyKind::PoliceForce).is_empty());
    p.addressees = vec![Addressee::PoliceAndCrimeCommissioners];
    assert_eq!(p.items_for(BodyKind::PoliceForce).len(), 3);
}

#[test]
fn the_example_package_in_seeds_reads_as_a_package() {
    let text = include_str!("../../../seeds/example-package.json");
    let p = Package::read(text).expect("the example package");
    assert_eq!(p.items_for(BodyKind::PoliceForce).len(), 4);
}

#[test]
fn each_addressee_has_its_own_words() {
    let labels: Vec<&str> = Addressee::ALL.iter().map(|a| a.label()).collect();
    assert_eq!(
        labels,
        [
            "Chief constables",
            "Police and crime commissioners",
            "Fire and rescue services",
            "National bodies"
        ]
    );
}

#[test]
fn each_limit_admits_its_own_length() {
    assert_eq!(
        problems_of(|p| {
            p.id = "u".repeat(MAX_ID_CHARS);
            p.title = "t".repeat(300);
            p.publisher = "p".repeat(200);
            let one = p.items[3].clone();
            p.items = (0..MAX_ITEMS)
                .map(|n| Item {
                    id: format!("urn:x:{n}"),
                    reference: format!("R{n}"),
                    ..one.clone()
                })
                .collect();
        }),
        Vec::<String>::new()
    );
}

#[test]
fn a_long_value_is_cut_in_a_message_and_a_short_one_is_not() {
    let long = format!("urn:{}", "x".repeat(100));
    let problems = problems_of(|p| p.items[1].parent = Some(long.clone()));
    let cut: String = long.chars().take(60).collect();
    assert!(problems[0].contains(&format!("{cut}…")), "{problems:?}");
    assert_eq!(shown("urn:x"), "urn:x");
    assert_eq!(shown(&"y".repeat(60)), "y".repeat(60));
}
