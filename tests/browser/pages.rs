//! THE list of page types every check walks. Add a row for each new page or form.

/// Who looks at the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anyone,
    Admin,
}

/// What to do on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visit {
    /// Open it.
    Show,
    /// Open it, empty the form's fields and submit: the form comes back with errors (422).
    Errors,
}

pub struct Case {
    pub name: &'static str,
    pub who: Who,
    pub path: &'static str,
    pub visit: Visit,
    /// Save a screenshot at desktop and phone widths.
    pub shot: bool,
    /// For `Errors`: fields given a wrong value after emptying (for forms where empty is valid).
    pub bad: &'static [(&'static str, &'static str)],
}

const fn case(name: &'static str, who: Who, path: &'static str, visit: Visit) -> Case {
    Case {
        name,
        who,
        path,
        visit,
        shot: false,
        bad: &[],
    }
}

const fn shot(name: &'static str, who: Who, path: &'static str) -> Case {
    Case {
        name,
        who,
        path,
        visit: Visit::Show,
        shot: true,
        bad: &[],
    }
}

/// A form submitted with `bad` values typed into the emptied fields.
const fn bad(
    name: &'static str,
    path: &'static str,
    bad: &'static [(&'static str, &'static str)],
) -> Case {
    Case {
        name,
        who: Who::Admin,
        path,
        visit: Visit::Errors,
        shot: false,
        bad,
    }
}

/// The form on a page the `Errors` visit empties and submits.
pub const FORM: &str = "main form[method=post]";

use Visit::{Errors, Show};
use Who::{Admin, Anyone};

/// Every page type, public first. Edition 2 exists because the journeys publish it first.
#[rustfmt::skip]
pub const PAGES: &[Case] = &[
    shot("public-home", Anyone, "/"),
    shot("public-inspection", Anyone, "/progress/inspections/1"),
    case("public-response", Anyone, "/progress/inspections/1/responses/1", Show),
    case("public-meetings", Anyone, "/progress/meetings", Show),
    case("editions", Anyone, "/editions", Show),
    case("edition", Anyone, "/editions/1", Show),
    case("edition-inspection", Anyone, "/editions/1/inspections/2", Show),
    shot("edition-changes", Anyone, "/editions/1/changes/2"),
    case("about", Anyone, "/about", Show),
    case("accessibility", Anyone, "/accessibility", Show),
    case("sign-in", Anyone, "/sign-in", Show),
    case("sign-in-errors", Anyone, "/sign-in", Errors),
    case("not-found", Anyone, "/no-such-page", Show),
    shot("dashboard", Admin, "/dashboard"),
    case("dashboard-as-at", Admin, "/dashboard?as_at_day=15&as_at_month=2&as_at_year=2026", Show),
    case("dashboard-assurance", Admin, "/dashboard/assurance", Show),
    case("dashboard-assurance-as-at", Admin, "/dashboard/assurance?as_at_day=1&as_at_month=1&as_at_year=2024", Show),
    shot("dashboard-charts", Admin, "/dashboard/charts"),
    case("dashboard-findings", Admin, "/dashboard/findings", Show),
    case("dashboard-milestones", Admin, "/dashboard/milestones", Show),
    case("dashboard-actions", Admin, "/dashboard/actions", Show),
    case("dashboard-arising", Admin, "/dashboard/arising", Show),
    case("dashboard-section-55", Admin, "/dashboard/section-55", Show),
    case("inspections", Admin, "/inspections", Show),
    shot("inspection", Admin, "/inspections/1"),
    shot("finding", Admin, "/findings/1"),
    case("finding-afi", Admin, "/findings/14", Show),
    case("actions", Admin, "/actions", Show),
    shot("action", Admin, "/actions/2"),
    case("measure", Admin, "/measures/1", Show),
    case("meetings", Admin, "/meetings", Show),
    shot("meeting", Admin, "/meetings/1"),
    case("meeting-planned", Admin, "/meetings/3", Show),
    shot("meeting-pack", Admin, "/meetings/3/pack"),
    case("pack-of-record", Admin, "/meetings/3/packs/1", Show),
    case("response-document", Admin, "/inspections/2/clocks/1/document", Show),
    case("actions-arising", Admin, "/actions-arising", Show),
    case("proposals", Admin, "/proposals", Show),
    case("search", Admin, "/search?q=missing", Show),
    case("search-nothing-found", Admin, "/search?q=zzzzqqq", Show),
    case("register", Admin, "/register", Show),
    case("register-filtered", Admin, "/register?source=coroner&clock=overdue", Show),
    case("themes", Admin, "/themes", Show),
    case("compare-not-configured", Admin, "/compare", Show),
    case("publishing", Admin, "/publishing", Show),
    case("publishing-preview", Admin, "/publishing/preview", Show),
    case("calendar", Admin, "/calendar", Show),
    case("api-guide", Anyone, "/api", Show),
    case("api-tokens", Admin, "/account/api-tokens", Show),
    case("api-tokens-errors", Admin, "/account/api-tokens", Errors),
    case("users", Admin, "/admin/users", Show),
    case("user", Admin, "/admin/users/1", Show),
    case("audit", Admin, "/admin/audit", Show),
    case("rules", Admin, "/rules", Show),
    // Evidence file 1 is the PDF the evidence journey attaches to update 1.
    case("evidence-register", Admin, "/evidence", Show),
    case("evidence-file", Admin, "/evidence/1", Show),
    case("evidence-file-errors", Admin, "/evidence/1", Errors),
    // Mail: rounds (round 1 is the one the rounds journey opens), the outbox, choices
    case("rounds", Admin, "/rounds", Show),
    case("round", Admin, "/rounds/1", Show),
    case("outbox", Admin, "/admin/mail", Show),
    case("outbox-message", Admin, "/admin/mail/1", Show),
    case("mail-choices", Admin, "/account/mail", Show),
    case("subscribe", Anyone, "/subscribe?scope=body&id=1", Show),
    case("subscribe-errors", Anyone, "/subscribe?scope=body&id=1", Errors),
    case("subscribe-sent", Anyone, "/subscribe/check-email", Show),
    // Forms, then each submitted empty
    case("round-new", Admin, "/rounds/new", Show),
    case("round-new-errors", Admin, "/rounds/new", Errors),
    case("action-owner", Admin, "/actions/2/owner", Show),
    case("body-lead", Admin, "/bodies/1/lead", Show),
    case("inspection-new", Admin, "/inspections/new", Show),
    case("inspection-new-errors", Admin, "/inspections/new", Errors),
    case("inspection-edit", Admin, "/inspections/1/edit", Show),
    case("inspection-edit-errors", Admin, "/inspections/1/edit", Errors),
    case("s55-response", Admin, "/inspections/2/response", Show),
    bad("s55-response-errors", "/inspections/2/response", &[("comments_requested_on_day", "31"), ("comments_requested_on_month", "2"), ("comments_requested_on_year", "2022")]),
    bad("s55-response-no-rationale", "/inspections/2/response", &[("position_13", "risk_accepted")]),
    case("finding-new", Admin, "/inspections/1/findings/new", Show),
    case("finding-new-errors", Admin, "/inspections/1/findings/new", Errors),
    case("finding-edit", Admin, "/findings/1/edit", Show),
    case("finding-edit-errors", Admin, "/findings/1/edit", Errors),
    case("packages", Admin, "/packages", Show),
    case("packages-errors", Admin, "/packages", Errors),
    case("import", Admin, "/inspections/1/findings/import", Show),
    case("import-errors", Admin, "/inspections/1/findings/import", Errors),
    bad("import-preview-errors", "/inspections/1/findings/import", &[("csv", "reference,kind,area,timescale,wording,summary\n99,nonsense,Area,,Wording,Summary\n")]),
    case("action-new", Admin, "/actions/new", Show),
    case("action-new-errors", Admin, "/actions/new", Errors),
    case("action-edit", Admin, "/actions/1/edit", Show),
    case("action-edit-errors", Admin, "/actions/1/edit", Errors),
    case("action-block", Admin, "/actions/1/block", Show),
    case("action-block-errors", Admin, "/actions/1/block", Errors),
    case("milestone-new", Admin, "/actions/1/milestones/new", Show),
    case("milestone-new-errors", Admin, "/actions/1/milestones/new", Errors),
    case("milestone-revise", Admin, "/milestones/10/revise", Show),
    case("milestone-revise-errors", Admin, "/milestones/10/revise", Errors),
    case("milestone-met", Admin, "/milestones/10/met", Show),
    case("milestone-met-errors", Admin, "/milestones/10/met", Errors),
    case("milestone-propose", Admin, "/milestones/10/propose", Show),
    case("milestone-propose-errors", Admin, "/milestones/10/propose", Errors),
    case("proposal-reject", Admin, "/proposals/1/reject", Show),
    case("proposal-reject-errors", Admin, "/proposals/1/reject", Errors),
    case("update-new", Admin, "/actions/1/updates/new", Show),
    case("update-new-errors", Admin, "/actions/1/updates/new", Errors),
    case("finding-update-new", Admin, "/findings/13/updates/new", Show),
    case("finding-update-new-errors", Admin, "/findings/13/updates/new", Errors),
    case("evidence-upload", Admin, "/updates/1/evidence", Show),
    case("evidence-upload-errors", Admin, "/updates/1/evidence", Errors),
    case("inspection-evidence-upload", Admin, "/inspections/1/evidence", Show),
    case("update-correct", Admin, "/updates/1/correct", Show),
    case("update-correct-errors", Admin, "/updates/1/correct", Errors),
    case("assessment-new", Admin, "/findings/1/assessments/new", Show),
    case("assessment-new-errors", Admin, "/findings/1/assessments/new", Errors),
    case("position-new", Admin, "/findings/1/positions/new", Show),
    case("position-new-errors", Admin, "/findings/1/positions/new", Errors),
    case("measure-new", Admin, "/actions/1/measures/new", Show),
    case("measure-new-errors", Admin, "/actions/1/measures/new", Errors),
    case("meeting-new", Admin, "/meetings/new", Show),
    case("meeting-new-errors", Admin, "/meetings/new", Errors),
    case("meeting-edit", Admin, "/meetings/3/edit", Show),
    case("meeting-edit-errors", Admin, "/meetings/3/edit", Errors),
    case("agenda-item-new", Admin, "/meetings/3/agenda-items/new", Show),
    case("agenda-item-new-errors", Admin, "/meetings/3/agenda-items/new", Errors),
    case("agenda-item-edit", Admin, "/meetings/1/agenda-items/1/edit", Show),
    case("agenda-item-edit-errors", Admin, "/meetings/1/agenda-items/1/edit", Errors),
    case("arising-new", Admin, "/meetings/1/actions-arising/new", Show),
    case("arising-new-errors", Admin, "/meetings/1/actions-arising/new", Errors),
    case("arising-edit", Admin, "/actions-arising/1/edit", Show),
    case("arising-edit-errors", Admin, "/actions-arising/1/edit", Errors),
    case("user-new", Admin, "/admin/users/new", Show),
    case("user-new-errors", Admin, "/admin/users/new", Errors),
    case("password", Admin, "/account/password", Show),
    case("password-errors", Admin, "/account/password", Errors),
    case("settings", Admin, "/admin/settings", Show),
    case("settings-errors", Admin, "/admin/settings", Errors),
    case("rule-new", Admin, "/rules/new", Show),
    case("rule-new-errors", Admin, "/rules/new", Errors),
    case("rule-edit", Admin, "/rules/5/edit", Show),
    case("rule-edit-errors", Admin, "/rules/5/edit", Errors),
    case("clock-extension", Admin, "/inspections/1/clocks/2/extensions/new", Show),
    case("clock-extension-errors", Admin, "/inspections/1/clocks/2/extensions/new", Errors),
    case("clock-sent", Admin, "/inspections/1/clocks/2/sent/new", Show),
    case("clock-sent-errors", Admin, "/inspections/1/clocks/2/sent/new", Errors),
];
