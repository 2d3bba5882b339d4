//! Administrators manage accounts on the web and from the command line.

use axum::http::StatusCode;
use scrutineer::config::UserCommand;
use scrutineer::db;
use scrutineer::db::audit::Actor;
use scrutineer::domain::vocab::Role;
use scrutineer::record::accounts::{self, AccountError};
use scrutineer::startup;

use crate::helpers::{PASSWORD, TestApp};

/// The one-time password shown on a result page.
fn secret_in(body: &str) -> String {
    let start = body.find("<code>").expect("a one-time password") + "<code>".len();
    let end = body[start..].find("</code>").expect("end") + start;
    body[start..end].to_string()
}

async fn user(app: &TestApp, email: &str) -> db::users::UserRow {
    db::users::find_by_email(&app.state.db, email)
        .await
        .expect("db")
        .expect("user")
}

async fn session_count(app: &TestApp, user_id: i64) -> i64 {
    sqlx::query_scalar("select count(*) from sessions where user_id = ?")
        .bind(user_id)
        .fetch_one(&app.state.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn an_admin_adds_a_user_who_must_set_a_password_at_first_sign_in() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Admin).await;
    app.exec(
        "insert into inspected_bodies (id, name, created_at)
         values (1, 'Warwickshire Police', '2026-01-01T09:00:00Z')",
    )
    .await;
    app.get("/admin/users/new")
        .await
        .assert_status(StatusCode::OK);
    let page = app
        .post_form(
            "/admin/users",
            &[
                ("email", "liaison@example.test"),
                ("display_name", "Jo Liaison"),
                ("role", "force"),
                ("bodies", "1"),
            ],
        )
        .await;
    page.assert_status(StatusCode::OK)
        .assert_contains("User added")
        .assert_contains("This is the only time it is shown");
    assert_eq!(page.headers["cache-control"], "no-store");
    let secret = secret_in(&page.body);
    let created = user(&app, "liaison@example.test").await;
    assert_eq!(
        (created.role, created.must_change_password),
        (Role::Force, true)
    );
    assert_eq!(app.audit_count("user", "create").await, 1);
    app.get("/admin/users")
        .await
        .assert_contains("liaison@example.test")
        .assert_contains("Jo Liaison")
        .assert_contains("Must set password");
    app.forget_session();
    app.sign_in("liaison@example.test", &secret)
        .await
        .assert_redirect_to("/account/password");
}

#[tokio::test]
async fn adding_a_user_with_bad_details_shows_every_problem_and_keeps_what_was_typed() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Admin).await;
    app.post_form(
        "/admin/users",
        &[("email", "not-an-email"), ("display_name", "Sam")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Enter an email address in the correct format")
    .assert_contains("Select a role")
    .assert_contains("value=\"Sam\"");
    app.post_form(
        "/admin/users",
        &[("email", "ADMIN@example.test"), ("role", "office")],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("An account with this email address already exists");
    assert_eq!(app.audit_count("user", "create").await, 0);
}

#[tokio::test]
async fn an_admin_changes_a_role_and_a_stale_form_gets_a_conflict() {
    let mut app = TestApp::new().await;
    app.sign_in_as(Role::Admin).await;
    let id = app.create_user("p@example.test", Role::Panel).await;
    let path = format!("/admin/users/{id}");
    app.get(&path)
        .await
        .assert_contains("name=\"version\" value=\"1\"");
    app.post_form(
        &path,
        &[
            ("display_name", "Pat"),
            ("role", "office"),
            ("version", "1"),
        ],
    )
    .await
    .assert_redirect_to(&path);
    let saved = user(&app, "p@example.test").await;
    assert_eq!(
        (saved.role, saved.display_name.as_str(), saved.version),
        (Role::Office, "Pat", 2)
    );
    app.post_form(
        &path,
        &[
            ("display_name", "Patricia"),
            ("role", "panel"),
            ("version", "1"),
        ],
    )
    .await
    .assert_status(StatusCode::CONFLICT)
    .assert_contains("Someone else changed this record")
    .assert_contains("value=\"Patricia\"")
    .assert_contains("name=\"version\" value=\"2\"");
    assert_eq!(user(&app, "p@example.test").await.role, Role::Office);
    assert_eq!(app.audit_count("user", "update").await, 1);
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_at_once() {
    let mut app = TestApp::new().await;
    let office = app.sign_in_as(Role::Office).await;
    app.forget_session();
    app.sign_in_as(Role::Admin).await;
    assert_eq!(session_count(&app, office).await, 1);
    let path = format!("/admin/users/{office}/disable");
    app.post_form(&path, &[("version", "1")])
        .await
        .assert_redirect_to(&format!("/admin/users/{office}"));
    assert_eq!(session_count(&app, office).await, 0);
    assert!(
        user(&app, "office@example.test")
            .await
            .disabled_at
            .is_some()
    );
    app.get("/admin/users").await.assert_contains("Disabled");
    app.forget_session();
    app.sign_in("office@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.sign_in("admin@example.test", PASSWORD).await;
    app.post_form(
        &format!("/admin/users/{office}/enable"),
        &[("version", "2")],
    )
    .await
    .assert_redirect_to(&format!("/admin/users/{office}"));
    app.forget_session();
    app.sign_in("office@example.test", PASSWORD)
        .await
        .assert_redirect_to("/");
    assert_eq!(app.audit_count("user", "disable").await, 1);
    assert_eq!(app.audit_count("user", "enable").await, 1);
}

#[tokio::test]
async fn an_admin_cannot_disable_themselves_or_demote_the_last_admin() {
    let mut app = TestApp::new().await;
    let me = app.sign_in_as(Role::Admin).await;
    app.post_form(&format!("/admin/users/{me}/disable"), &[("version", "1")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("You cannot disable your own account");
    app.post_form(
        &format!("/admin/users/{me}"),
        &[
            ("display_name", "admin"),
            ("role", "office"),
            ("version", "1"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("You cannot change your own role");
    let now = app.state.clock.now();
    let cli = Actor::system("command line");
    let last = accounts::disable(&app.state.db, now, &cli, me, None).await;
    assert!(matches!(last, Err(AccountError::LastAdmin)), "{last:?}");
    let row = user(&app, "admin@example.test").await;
    assert!(row.disabled_at.is_none() && row.role == Role::Admin);
}

#[tokio::test]
async fn resetting_a_password_shows_a_new_one_once_and_ends_sessions() {
    let mut app = TestApp::new().await;
    let office = app.sign_in_as(Role::Office).await;
    app.forget_session();
    app.sign_in_as(Role::Admin).await;
    let page = app
        .post_form(&format!("/admin/users/{office}/password"), &[])
        .await;
    page.assert_status(StatusCode::OK)
        .assert_contains("Password reset");
    let secret = secret_in(&page.body);
    assert_eq!(session_count(&app, office).await, 0);
    assert_eq!(app.audit_count("user", "reset_password").await, 1);
    app.forget_session();
    app.sign_in("office@example.test", PASSWORD)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.sign_in("office@example.test", &secret)
        .await
        .assert_redirect_to("/account/password");
}

#[tokio::test]
async fn only_admins_may_use_the_user_pages() {
    let mut app = TestApp::new().await;
    app.get("/admin/users")
        .await
        .assert_redirect_to("/sign-in?next=/admin/users");
    for role in [Role::Office, Role::Force, Role::Panel] {
        app.forget_session();
        app.sign_in_as(role).await;
        app.get("/admin/users")
            .await
            .assert_status(StatusCode::FORBIDDEN);
        app.post_form(
            "/admin/users",
            &[("email", "x@example.test"), ("role", "admin")],
        )
        .await
        .assert_status(StatusCode::FORBIDDEN)
        .assert_contains("You cannot use this page");
    }
    assert!(
        db::users::find_by_email(&app.state.db, "x@example.test")
            .await
            .expect("db")
            .is_none()
    );
}

#[tokio::test]
async fn the_command_line_adds_resets_and_disables_users_through_the_same_logic() {
    let app = TestApp::new().await;
    let (db, clock) = (&app.state.db, &app.state.clock);
    let add = UserCommand::Add {
        email: "chief@example.test".into(),
        role: Role::Office,
        name: String::new(),
        body: Vec::new(),
    };
    let printed = startup::user_command(db, clock, add).await.expect("add");
    assert!(printed.contains("One-time password: "), "{printed}");
    let added = user(&app, "chief@example.test").await;
    assert_eq!(
        (added.display_name.as_str(), added.must_change_password),
        ("chief", true)
    );
    let reset = UserCommand::ResetPassword {
        email: "CHIEF@example.test".into(),
    };
    startup::user_command(db, clock, reset)
        .await
        .expect("reset");
    let disable = UserCommand::Disable {
        email: "chief@example.test".into(),
    };
    startup::user_command(db, clock, disable)
        .await
        .expect("disable");
    assert!(user(&app, "chief@example.test").await.disabled_at.is_some());
    let actors: Vec<(String, String)> =
        sqlx::query_as("select action, actor from audit_events where entity = 'user' order by id")
            .fetch_all(db)
            .await
            .expect("audit");
    let expected = ["create", "reset_password", "disable"]
        .map(|a| (a.to_string(), "command line".to_string()));
    assert_eq!(actors, expected);
    let unknown = UserCommand::Disable {
        email: "nobody@example.test".into(),
    };
    let error = startup::user_command(db, clock, unknown)
        .await
        .expect_err("unknown");
    assert!(error.to_string().contains("There is no such account"));
}

#[tokio::test]
async fn a_force_user_needs_a_body_and_the_admin_chooses_their_bodies_on_the_user_pages() {
    let mut app = TestApp::seeded().await;
    app.sign_in_as(Role::Admin).await;
    app.post_form(
        "/bodies",
        &[
            ("name", "Derbyshire Fire and Rescue Service"),
            ("kind", "fire_and_rescue_service"),
        ],
    )
    .await
    .assert_redirect_to("/bodies");
    app.get("/admin/users/new")
        .await
        .assert_contains(
            "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Bodies</legend>",
        )
        .assert_contains("leave empty to let them see every body")
        .assert_contains("name=\"bodies\" id=\"bodies-1\" value=\"2\"");
    let new = [
        ("email", "liaison@example.test"),
        ("display_name", "Jo Liaison"),
        ("role", "force"),
    ];
    app.post_form("/admin/users", &new)
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
        .assert_contains("Choose at least one body")
        .assert_contains("value=\"liaison@example.test\"");
    assert!(
        db::users::find_by_email(&app.state.db, "liaison@example.test")
            .await
            .expect("db")
            .is_none()
    );
    let mut with_body = new.to_vec();
    with_body.push(("bodies", "1"));
    app.post_form("/admin/users", &with_body)
        .await
        .assert_status(StatusCode::OK)
        .assert_contains("User added");
    let id = user(&app, "liaison@example.test").await.id;
    let bodies = format!("select group_concat(body_id) from user_bodies where user_id = {id}");
    let bodies_of = |app: &TestApp| {
        let sql = bodies.clone();
        let db = app.state.db.clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>(&sql)
                .fetch_one(&db)
                .await
                .expect("bodies")
        }
    };
    assert_eq!(bodies_of(&app).await.as_deref(), Some("1"));
    let created: String = sqlx::query_scalar(
        "select after from audit_events where entity = 'user' and action = 'create' and entity_id = ?",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .expect("create event");
    assert!(created.contains("\"bodies\":[1]"), "{created}");
    app.get("/admin/users")
        .await
        .assert_contains("Derbyshire Constabulary");
    let path = format!("/admin/users/{id}");
    app.get(&path).await.assert_contains("value=\"1\" checked");
    app.post_form(
        &path,
        &[
            ("display_name", "Jo Liaison"),
            ("role", "force"),
            ("bodies", "2"),
            ("version", "1"),
        ],
    )
    .await
    .assert_redirect_to(&path);
    assert_eq!(bodies_of(&app).await.as_deref(), Some("2"));
    let (before, after): (String, String) = sqlx::query_as(
        "select before, after from audit_events where entity = 'user' and action = 'update' and entity_id = ?",
    )
    .bind(id)
    .fetch_one(&app.state.db)
    .await
    .expect("update event");
    assert!(before.contains("\"bodies\":[1]"), "{before}");
    assert!(after.contains("\"bodies\":[2]"), "{after}");
    app.post_form(
        &path,
        &[
            ("display_name", "Jo Liaison"),
            ("role", "force"),
            ("version", "2"),
        ],
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY)
    .assert_contains("Choose at least one body");
    // The office sees every body: bodies ticked for it are cleared.
    app.post_form(
        &path,
        &[
            ("display_name", "Jo Liaison"),
            ("role", "office"),
            ("bodies", "1"),
            ("version", "2"),
        ],
    )
    .await
    .assert_redirect_to(&path);
    assert_eq!(bodies_of(&app).await, None);
    // A panel member may belong to none, and then sees every body.
    app.post_form(
        "/admin/users",
        &[("email", "panel2@example.test"), ("role", "panel")],
    )
    .await
    .assert_status(StatusCode::OK);
    app.get("/admin/users").await.assert_contains("Every body");
}

#[tokio::test]
async fn the_command_line_adds_a_force_user_with_their_body_by_name() {
    use scrutineer::config::BodyCommand;
    use scrutineer::domain::vocab::BodyKind;
    let app = TestApp::seeded().await;
    let (db, clock) = (&app.state.db, &app.state.clock);
    let add = |email: &str, body: &[&str]| UserCommand::Add {
        email: email.into(),
        role: Role::Force,
        name: String::new(),
        body: body.iter().map(|b| b.to_string()).collect(),
    };
    let error = startup::user_command(db, clock, add("a@example.test", &[]))
        .await
        .expect_err("no body");
    assert!(
        error.to_string().contains("Choose at least one body"),
        "{error}"
    );
    let error = startup::user_command(db, clock, add("a@example.test", &["Warwickshire Police"]))
        .await
        .expect_err("unknown body");
    let message = error.to_string();
    assert!(
        message.contains("there is no body called \"Warwickshire Police\""),
        "{message}"
    );
    assert!(message.contains("\"Derbyshire Constabulary\""), "{message}");
    assert!(
        db::users::find_by_email(db, "a@example.test")
            .await
            .expect("db")
            .is_none()
    );
    let body = BodyCommand::Add {
        name: "Warwickshire Police".into(),
        kind: BodyKind::PoliceForce,
    };
    let actor = Actor::system("command line");
    let printed = startup::body_command(db, &actor, clock.now(), body)
        .await
        .expect("body add");
    assert!(
        printed.contains("Added Warwickshire Police (Police force)"),
        "{printed}"
    );
    let again = BodyCommand::Add {
        name: "warwickshire police".into(),
        kind: BodyKind::PoliceForce,
    };
    let error = startup::body_command(db, &actor, clock.now(), again)
        .await
        .expect_err("taken");
    assert!(
        error.to_string().contains("There is already a body called"),
        "{error}"
    );
    let both = add(
        "a@example.test",
        &["warwickshire police", "Derbyshire Constabulary"],
    );
    startup::user_command(db, clock, both).await.expect("added");
    let id = user(&app, "a@example.test").await.id;
    let names: Vec<String> = sqlx::query_scalar(
        "select b.name from user_bodies u join inspected_bodies b on b.id = u.body_id
         where u.user_id = ? order by b.name",
    )
    .bind(id)
    .fetch_all(db)
    .await
    .expect("bodies");
    assert_eq!(names, ["Derbyshire Constabulary", "Warwickshire Police"]);
}
