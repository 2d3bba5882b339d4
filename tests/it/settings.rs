//! Administrators change the organisation's name, brand colour and stale-after period.

use axum::http::StatusCode;
use scrutineer::db;
use scrutineer::domain::vocab::Role;

use crate::helpers::TestApp;

const GOOD: &[(&str, &str)] = &[
    (
        "organisation_name",
        "Police, Fire and Crime Commissioner for Testshire",
    ),
    ("brand_colour", "#4C2C92"),
    ("stale_after_days", "30"),
];

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_sign_in() {
    let mut app = TestApp::new().await;
    app.get("/admin/settings")
        .await
        .assert_redirect_to("/sign-in?next=/admin/settings");
}

#[tokio::test]
async fn only_administrators_see_or_change_settings() {
    for role in [Role::Office, Role::Force, Role::Panel] {
        let mut app = TestApp::new().await;
        app.sign_in_as(role).await;
        app.get("/admin/settings")
            .await
            .assert_status(StatusCode::FORBIDDEN);
        app.post_form("/admin/settings", GOOD)
            .await
            .assert_status(StatusCode::FORBIDDEN);
        assert_eq!(
            db::settings::find(&app.state.db, "brand_colour")
                .await
                .expect("db"),
            None,
            "{role:?} changed nothing"
        );
    }
}

#[tokio::test]
async fn an_admin_changes_the_settings_and_every_page_shows_them_at_once() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    app.get("/admin/settings")
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("Police and Crime Commissioner for Derbyshire");
    let audits_before: i64 = sqlx::query_scalar("select count(*) from audit_events")
        .fetch_one(&app.state.db)
        .await
        .expect("count");

    app.post_form("/admin/settings", GOOD)
        .await
        .assert_redirect_to("/admin/settings?saved=1");

    app.get("/admin/settings?saved=1")
        .await
        .assert_contains("Settings saved")
        .assert_contains("value=\"#4c2c92\"");
    app.get("/")
        .await
        .assert_contains("Police, Fire and Crime Commissioner for Testshire");
    app.get("/static/brand.css")
        .await
        .assert_contains("#4c2c92");
    let site = db::settings::load_site(&app.state.db).await.expect("db");
    assert_eq!(site.brand_colour, "#4c2c92");
    assert_eq!(site.stale_after_days, 30);
    assert_eq!(app.state.site(), site, "the cached settings were replaced");
    let (entity, action, after): (String, String, String) =
        sqlx::query_as("select entity, action, after from audit_events order by id desc limit 1")
            .fetch_one(&app.state.db)
            .await
            .expect("audit");
    assert_eq!((entity.as_str(), action.as_str()), ("settings", "update"));
    assert!(after.contains("Testshire"), "{after}");
    let audits_after: i64 = sqlx::query_scalar("select count(*) from audit_events")
        .fetch_one(&app.state.db)
        .await
        .expect("count");
    assert_eq!(audits_after, audits_before + 1);
}

#[tokio::test]
async fn a_brand_colour_too_light_for_white_text_is_refused_and_what_was_typed_is_kept() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    let before = app.state.site();
    app.post_form(
        "/admin/settings",
        &[
            ("organisation_name", "A new name"),
            ("brand_colour", "#ffdd00"),
            ("stale_after_days", "forty"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("There is a problem")
    .assert_contains("White text on this colour has a contrast of only 1.")
    .assert_contains("whole number from 1 to 730")
    .assert_contains("value=\"A new name\"")
    .assert_contains("value=\"#ffdd00\"")
    .assert_contains("value=\"forty\"");
    assert_eq!(app.state.site(), before, "nothing changed");
    assert_eq!(
        db::settings::load_site(&app.state.db).await.expect("db"),
        before
    );
}

#[tokio::test]
async fn a_colour_that_is_not_hex_and_an_empty_name_are_explained() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    app.post_form(
        "/admin/settings",
        &[
            ("organisation_name", "  "),
            ("brand_colour", "red; } body { display: none"),
            ("stale_after_days", "42"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Office name: Enter some text")
    .assert_contains("six hexadecimal digits");
}
