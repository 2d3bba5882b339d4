use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn tries_wait_longer_each_time_up_to_six_hours() {
    assert_eq!(backoff(1), Duration::minutes(1));
    assert_eq!(backoff(2), Duration::minutes(2));
    assert_eq!(backoff(3), Duration::minutes(4));
    assert_eq!(backoff(9), Duration::minutes(256));
    assert_eq!(backoff(10), Duration::minutes(360));
    assert_eq!(backoff(40), Duration::minutes(360));
    assert_eq!(backoff(0), Duration::minutes(1));
}

#[test]
fn only_a_5xx_reply_gives_up_at_once() {
    assert!(is_permanent(Some(550)));
    assert!(is_permanent(Some(500)));
    assert!(is_permanent(Some(599)));
    assert!(!is_permanent(Some(451)));
    assert!(!is_permanent(Some(600)));
    assert!(!is_permanent(Some(499)));
    assert!(!is_permanent(None));
}

#[test]
fn offsets_are_whole_days_from_one_to_ninety_largest_first() {
    assert_eq!(parse_offsets("3, 14"), Ok(vec![14, 3]));
    assert_eq!(parse_offsets("14,14,3,"), Ok(vec![14, 3]));
    assert_eq!(parse_offsets(""), Ok(vec![]));
    assert_eq!(parse_offsets("1, 90"), Ok(vec![90, 1]));
    assert!(parse_offsets("0").is_err());
    assert!(parse_offsets("91").is_err());
    assert!(parse_offsets("two").unwrap_err().contains("two"));
    assert!(parse_offsets("-3").is_err());
    assert_eq!(offsets_text(&[14, 3]), "14, 3");
}

#[test]
fn a_milestone_reaches_the_nearest_offset_once_within_it() {
    let due = d("2026-03-20");
    let offsets = [14, 3];
    assert_eq!(due_soon_offset(due, d("2026-03-05"), &offsets), None);
    assert_eq!(due_soon_offset(due, d("2026-03-06"), &offsets), Some(14));
    assert_eq!(due_soon_offset(due, d("2026-03-16"), &offsets), Some(14));
    assert_eq!(due_soon_offset(due, d("2026-03-17"), &offsets), Some(3));
    assert_eq!(due_soon_offset(due, d("2026-03-20"), &offsets), Some(3));
    assert_eq!(due_soon_offset(due, d("2026-03-21"), &offsets), None);
    assert_eq!(due_soon_offset(due, d("2026-03-10"), &[]), None);
}

#[test]
fn a_digest_week_starts_on_monday() {
    assert_eq!(week_of(d("2026-12-07")), d("2026-12-07"));
    assert_eq!(week_of(d("2026-12-13")), d("2026-12-07"));
    assert_eq!(week_of(d("2026-12-06")), d("2026-11-30"));
}

#[test]
fn a_round_reminds_three_days_before_return_but_not_before_it_opens() {
    assert_eq!(
        default_remind_on(d("2026-03-01"), d("2026-03-12")),
        d("2026-03-09")
    );
    assert_eq!(
        default_remind_on(d("2026-03-11"), d("2026-03-12")),
        d("2026-03-11")
    );
    assert_eq!(
        default_remind_on(d("2026-03-13"), d("2026-03-12")),
        d("2026-03-12")
    );
}

#[test]
fn owners_are_reminded_fourteen_and_three_days_before_unless_the_office_says_otherwise() {
    assert_eq!(
        crate::domain::site::Site::default().reminder_offsets,
        vec![14, 3]
    );
    assert_eq!(DEFAULT_OFFSETS, [14, 3]);
}
