use super::*;
use crate::domain::vocab::{MailKind, Role};

fn chrome(role: Role) -> Chrome {
    Chrome::for_test(Some(role))
}

fn message(status: MailStatus) -> MailRow {
    MailRow {
        id: 7,
        kind: MailKind::RoundRequest,
        to_address: "pat@example.org".into(),
        subject: "Updates wanted by 10 March".into(),
        text_body: "Hello Pat".into(),
        html_body: "<p>Hello</p><script>alert(1)</script>".into(),
        unsubscribe_url: None,
        message_id: "<abc@example.org>".into(),
        status,
        attempts: 3,
        next_attempt_at: "2026-03-01T10:00:00Z".into(),
        last_reply: Some(format!("550 {}", "x".repeat(200))),
        created_at: "2026-03-01T09:00:00Z".into(),
        sent_at: None,
    }
}

#[test]
fn a_message_shows_its_html_part_as_escaped_source_never_as_html() {
    let page = show_page(&chrome(Role::Admin), &message(MailStatus::Sent)).into_string();
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&lt;abc@example.org&gt;") && page.contains("1 March 2026"));
}

#[test]
fn only_a_failed_message_can_be_sent_again() {
    for (status, offered) in [
        (MailStatus::Failed, true),
        (MailStatus::Sent, false),
        (MailStatus::Queued, false),
    ] {
        let page = show_page(&chrome(Role::Admin), &message(status)).into_string();
        assert_eq!(page.contains("Send again"), offered, "{status:?}");
        assert_eq!(page.contains("action=\"/admin/mail/7/retry\""), offered);
    }
}

#[test]
fn the_outbox_cuts_long_replies_and_counts_subscriptions_without_addresses() {
    let counts = [(MailStatus::Queued, 2), (MailStatus::Failed, 1)];
    let subs = [(SubscriptionScope::Site, 4)];
    let messages = [message(MailStatus::Failed)];
    let failed = Some(MailStatus::Failed);
    let page = index_page(
        &chrome(Role::Admin),
        Readiness::NoSmtp,
        &counts,
        &messages,
        failed,
        &subs,
    );
    let page = page.into_string();
    assert!(page.contains(&format!("550 {}…", "x".repeat(116))));
    assert!(!page.contains(&"x".repeat(117)));
    assert!(page.contains("All (3)") && page.contains("Sent (0)"));
    assert!(page.contains("href=\"/admin/mail?status=failed\" aria-current=\"page\""));
    assert!(page.contains("govuk-warning-text") && page.contains("The whole progress site"));
}

#[test]
fn the_preference_boxes_are_ticked_as_chosen() {
    let p = Preferences {
        due_soon: true,
        overdue: false,
        stale: false,
        digest: true,
    };
    let page = preferences_page(&chrome(Role::Force), p, "pat@example.org", true).into_string();
    let ticked = |name: &str| {
        let input = page.split(&format!("name=\"{name}\"")).nth(1).unwrap();
        input.split('>').next().unwrap().contains("checked")
    };
    assert!(ticked("due_soon") && ticked("digest"));
    assert!(!ticked("overdue") && !ticked("stale"));
    assert!(page.contains("Email choices saved") && page.contains("value=\"tok\""));
}
