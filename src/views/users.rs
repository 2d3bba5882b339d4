//! The administrators' account pages: the list, a new account, one account with its
//! actions, and the page that shows a one-time password once.

use std::collections::HashMap;

use maud::{Markup, html};

use super::forms::{self, Clash, Field};
use super::layout::{Chrome, page};
use crate::auth::CurrentUser;
use crate::db::bodies::BodyRow;
use crate::db::users::UserRow;
use crate::domain::vocab::Role;
use crate::forms::FieldErrors;
use crate::forms::accounts::UserForm;

fn status_tag(row: &UserRow) -> Markup {
    match (&row.disabled_at, row.must_change_password) {
        (Some(_), _) => html! { strong class="govuk-tag govuk-tag--grey" { "Disabled" } },
        (None, true) => {
            html! { strong class="govuk-tag govuk-tag--yellow" { "Must set password" } }
        }
        (None, false) => html! { strong class="govuk-tag govuk-tag--green" { "Active" } },
    }
}

/// Every account, with the names of the bodies each belongs to (by user id).
pub fn users_page(
    chrome: &Chrome,
    users: &[UserRow],
    bodies: &HashMap<i64, Vec<String>>,
) -> Markup {
    page(
        chrome,
        "Users",
        html! {
            h1 class="govuk-heading-l" { "Users" }
            a class="govuk-button" href="/admin/users/new" { "Add a user" }
            div class="app-table-wrapper" {
                table class="govuk-table" {
                    caption class="govuk-table__caption govuk-table__caption--m" { "Accounts" }
                    thead class="govuk-table__head" {
                        tr class="govuk-table__row" {
                            @for heading in ["Email", "Name", "Role", "Bodies", "Status", "Created"] {
                                th scope="col" class="govuk-table__header" { (heading) }
                            }
                        }
                    }
                    tbody class="govuk-table__body" {
                        @for user in users {
                            tr class="govuk-table__row" {
                                th scope="row" class="govuk-table__header" {
                                    a class="govuk-link" href={ "/admin/users/" (user.id) } { (user.email) }
                                }
                                td class="govuk-table__cell" { (user.display_name) }
                                td class="govuk-table__cell" { (user.role.label()) }
                                td class="govuk-table__cell" { (member_of(user, bodies)) }
                                td class="govuk-table__cell" { (status_tag(user)) }
                                td class="govuk-table__cell" { (crate::domain::dates::uk_stored_instant(&user.created_at)) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The bodies cell of the users list: names, or what having none means for the role.
fn member_of(user: &UserRow, bodies: &HashMap<i64, Vec<String>>) -> Markup {
    match bodies.get(&user.id) {
        Some(names) => html! { (names.join(", ")) },
        None => match user.role {
            Role::Force => {
                html! { strong class="govuk-tag govuk-tag--red" { "None: sees nothing" } }
            }
            _ => html! { span class="app-secondary" { "Every body" } },
        },
    }
}

/// The bodies checkboxes: required for a force user, optional for a panel member, not used
/// for the office and administrators.
fn body_checkboxes(bodies: &[BodyRow], chosen: &[String], errors: &FieldErrors) -> Markup {
    let message = errors.get("bodies");
    let described = match message {
        Some(_) => "bodies-hint bodies-error",
        None => "bodies-hint",
    };
    html! {
        div class={ "govuk-form-group" @if message.is_some() { " govuk-form-group--error" } } {
            fieldset class="govuk-fieldset" aria-describedby=(described) {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Bodies" }
                div class="govuk-hint" id="bodies-hint" {
                    "Which inspected bodies they belong to. A force liaison user needs at least one "
                    "and sees only those. For a scrutiny panel member, leave empty to let them see "
                    "every body. Not used for the PCC office or administrators, who see every body."
                }
                @if let Some(message) = message {
                    p class="govuk-error-message" id="bodies-error" {
                        span class="govuk-visually-hidden" { "Error: " } (message)
                    }
                }
                @if bodies.is_empty() {
                    p class="govuk-body" {
                        "No bodies have been added yet: "
                        a class="govuk-link" href="/bodies/new" { "add a body" } "."
                    }
                }
                div class="govuk-checkboxes govuk-checkboxes--small" {
                    @for (i, b) in bodies.iter().enumerate() {
                        @let id = forms::option_id("bodies", i);
                        @let value = b.id.to_string();
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" type="checkbox" name="bodies" id=(id)
                                value=(value) checked[chosen.contains(&value)];
                            label class="govuk-label govuk-checkboxes__label" for=(id) { (b.name) }
                        }
                    }
                }
            }
        }
    }
}

fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect()
}

pub fn new_user_page(
    chrome: &Chrome,
    csrf_token: &str,
    bodies: &[BodyRow],
    values: &UserForm,
    errors: &FieldErrors,
) -> Markup {
    page(
        chrome,
        "Add a user",
        html! {
            (forms::error_summary(errors))
            h1 class="govuk-heading-l" { "Add a user" }
            form method="post" action="/admin/users" novalidate {
                (forms::csrf(csrf_token))
                (forms::input(&Field {
                    kind: "email",
                    ..Field::text("email", "Email address", &values.email)
                }, errors))
                (forms::input(&Field {
                    hint: Some("Leave blank to use the start of the email address"),
                    ..Field::text("display_name", "Name", &values.display_name)
                }, errors))
                (forms::radios("role", "Role", &role_options(), &values.role, errors))
                (body_checkboxes(bodies, &values.bodies, errors))
                p class="govuk-body" {
                    "A one-time password is shown on the next page, once. The new user must choose "
                    "their own password when they first sign in."
                }
                (forms::submit("Add user"))
            }
        },
    )
}

/// One account: its details form and the status and password actions.
pub fn user_page(
    chrome: &Chrome,
    me: &CurrentUser,
    account: &UserRow,
    bodies: &[BodyRow],
    values: &UserForm,
    conflict: Option<&UserRow>,
    errors: &FieldErrors,
) -> Markup {
    let action = format!("/admin/users/{}", account.id);
    page(
        chrome,
        &account.email,
        html! {
            @if let Some(saved) = conflict {
                (forms::conflict_summary(&clashes(saved, values)))
            }
            (forms::error_summary(errors))
            span class="govuk-caption-l" { "User" }
            h1 class="govuk-heading-l app-break" { (account.email) }
            p class="govuk-body" { (status_tag(account)) }
            form method="post" action=(action) novalidate {
                (forms::csrf(&me.csrf_token))
                input type="hidden" name="version" value=(values.version);
                (forms::input(&Field::text("display_name", "Name", &values.display_name), errors))
                (forms::radios("role", "Role", &role_options(), &values.role, errors))
                (body_checkboxes(bodies, &values.bodies, errors))
                (forms::submit("Save changes"))
            }
            h2 class="govuk-heading-m" id="status" { "Access" }
            @if let Some(message) = errors.get("status") {
                p class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (message) }
            }
            (status_form(me, account, &values.version))
            h2 class="govuk-heading-m" { "Password" }
            p class="govuk-body" {
                "Resetting gives this user a new one-time password, shown once, and signs them out "
                "everywhere."
            }
            form method="post" action={ (action) "/password" } {
                (forms::csrf(&me.csrf_token))
                button type="submit" class="govuk-button govuk-button--warning" { "Reset password" }
            }
            p class="govuk-body" { a class="govuk-link" href="/admin/users" { "Back to users" } }
        },
    )
}

fn status_form(me: &CurrentUser, account: &UserRow, version: &str) -> Markup {
    let (path, label, text) = if account.disabled_at.is_some() {
        ("enable", "Re-enable user", "This user cannot sign in.")
    } else {
        (
            "disable",
            "Disable user",
            "Disabling signs this user out at once.",
        )
    };
    html! {
        p class="govuk-body" { (text) }
        @if me.id != account.id {
            form method="post" action={ "/admin/users/" (account.id) "/" (path) } {
                (forms::csrf(&me.csrf_token))
                input type="hidden" name="version" value=(version);
                button type="submit" class="govuk-button govuk-button--secondary" { (label) }
            }
        }
    }
}

fn clashes<'a>(saved: &UserRow, typed: &UserForm) -> Vec<Clash<'a>> {
    let role_label = |token: &str| Role::parse(token).map(|r| r.label()).unwrap_or_default();
    vec![
        Clash {
            label: "Name",
            saved: saved.display_name.clone(),
            typed: typed.display_name.clone(),
        },
        Clash {
            label: "Role",
            saved: saved.role.label().to_string(),
            typed: role_label(&typed.role).to_string(),
        },
    ]
}

/// Shown once, straight after creating an account or resetting its password.
pub fn one_time_password_page(
    chrome: &Chrome,
    id: i64,
    email: &str,
    secret: &str,
    created: bool,
) -> Markup {
    let title = if created {
        "User added"
    } else {
        "Password reset"
    };
    page(
        chrome,
        title,
        html! {
            div class="govuk-panel govuk-panel--confirmation" {
                h1 class="govuk-panel__title" { (title) }
                div class="govuk-panel__body" { (email) }
            }
            p class="govuk-body" { "Their one-time password is:" }
            p class="govuk-body govuk-!-font-size-36 app-secret" { code { (secret) } }
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" {
                    span class="govuk-visually-hidden" { "Warning" }
                    "This is the only time it is shown. Give it to them securely; they must "
                    "choose their own password when they sign in."
                }
            }
            p class="govuk-body" {
                a class="govuk-link" href={ "/admin/users/" (id) } { "Back to " (email) }
            }
        },
    )
}
