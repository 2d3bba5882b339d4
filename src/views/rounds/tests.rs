use super::*;
use crate::db::rounds::Options;
use crate::domain::vocab::{ChaseStep, Role};
use crate::forms::FieldErrors;
use crate::forms::mail::RoundForm;

fn chrome(role: Role) -> Chrome {
    Chrome::for_test(Some(role))
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn round() -> RoundRow {
    RoundRow {
        id: 4,
        title: "For the board on 12 March".into(),
        meeting_id: None,
        meeting_title: None,
        meeting_starts_at: None,
        return_by: d("2026-03-10"),
        remind_on: d("2026-03-07"),
        opened_by_name: "Olu".into(),
        opened_at: "2026-03-01T09:00:00Z".into(),
        items: 2,
        received: 1,
    }
}

fn item(action_id: i64, reference: &str, lead_id: Option<i64>) -> ItemRow {
    ItemRow {
        round_id: 4,
        action_id,
        reference: reference.into(),
        title: format!("Action {reference}"),
        body_id: 1,
        body_name: "Derbyshire Constabulary".into(),
        owner_id: None,
        owner_name: None,
        owner_email: None,
        lead_id,
        lead_name: None,
        lead_email: None,
        update_entered_at: None,
        update_as_at: None,
    }
}

fn show(today: &str) -> String {
    let r = round();
    let done = ItemState::Received {
        on: d("2026-03-05"),
        late: false,
    };
    let items = [
        (item(1, "A1", Some(9)), done),
        (
            item(2, "A2", None),
            ItemState::of(None, r.return_by, d(today)),
        ),
    ];
    let chasers = [ChaserRow {
        step: ChaseStep::Request,
        user_name: "Pat".into(),
        items: 2,
        at: "2026-03-01T09:00:00Z".into(),
        mail_id: Some(12),
    }];
    show_page(&chrome(Role::Office), &r, &items, &chasers, d(today)).into_string()
}

#[test]
fn the_no_update_received_register_appears_only_after_the_return_by_date() {
    let before = show("2026-03-10");
    assert!(!before.contains("Items with no update received"));
    assert!(before.contains("Awaiting update"));
    let after = show("2026-03-11");
    let register = after.split("Items with no update received").nth(1).unwrap();
    let register = register.split("</table>").next().unwrap();
    assert!(register.contains("A2 – Action A2") && !register.contains("A1"));
    assert!(after.contains("not a RAG rating"));
    assert!(after.contains("5 March 2026") && after.contains("No chief officer lead recorded"));
}

#[test]
fn only_those_who_may_read_the_outbox_get_a_link_to_a_chaser() {
    assert!(!show("2026-03-11").contains("/admin/mail/12"));
    let r = round();
    let chasers = [ChaserRow {
        step: ChaseStep::Reminder,
        user_name: "Pat".into(),
        items: 1,
        at: "2026-03-07T09:00:00Z".into(),
        mail_id: Some(12),
    }];
    let admin = show_page(&chrome(Role::Admin), &r, &[], &chasers, d("2026-03-08"));
    assert!(admin.into_string().contains("href=\"/admin/mail/12\""));
}

#[test]
fn the_form_keeps_what_was_typed_and_heads_the_choice_with_its_error() {
    let form = RoundForm {
        title: "Board <March>".into(),
        body_id: "3".into(),
        return_day: "31".into(),
        return_month: "2".into(),
        ..RoundForm::default()
    };
    let options = Options {
        bodies: vec![(3, "Fire".into())],
        ..Options::default()
    };
    let mut errors = FieldErrors::default();
    errors.add("pick", "No open action matches this choice");
    let page = new_page(
        &chrome(Role::Office),
        &form,
        &errors,
        &options,
        Readiness::NoSmtp,
    );
    let page = page.into_string();
    assert!(page.contains("value=\"Board &lt;March&gt;\""));
    assert!(page.contains("<option value=\"3\" selected>Fire</option>"));
    assert!(page.contains("name=\"return_day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
    assert!(page.contains("href=\"#pick\"") && page.contains("id=\"pick-error\""));
    assert!(page.contains("wait in the outbox") && !page.contains("href=\"/admin/mail\""));
}

#[test]
fn a_round_past_its_return_by_date_is_closed_with_what_did_not_arrive() {
    let page = index_page(
        &chrome(Role::Office),
        &[round()],
        d("2026-03-11"),
        Readiness::Ready,
    );
    let page = page.into_string();
    assert!(page.contains("1 of 2 updates received") && page.contains("Closed"));
    assert!(page.contains("1 not received") && !page.contains("govuk-warning-text"));
    let open = index_page(
        &chrome(Role::Office),
        &[round()],
        d("2026-03-10"),
        Readiness::Ready,
    );
    assert!(open.into_string().contains(">Open<"));
}
