//! Findings: add to an inspection, show (with its voices and histories) and edit,
//! version-checked, with its parts.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::Markup;

use super::respond::{self, Now, Shown};
use crate::auth::CurrentUser;
use crate::db::findings::{self, FindingRow};
use crate::db::voices::{self, Scope};
use crate::domain::schedule::Rollup;
use crate::domain::subject::Subject;
use crate::domain::vocab::{FindingKind, Role};
use crate::domain::withdrawals::Withdrawable;
use crate::error::{AppResult, Found};
use crate::forms::themes::ThemesForm;
use crate::forms::{self, findings::FindingForm};
use crate::views::findings::{self as view, FindingFormPage, FindingPage};
use crate::views::themes::FindingThemes;
use crate::{AppState, db, record};

pub async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    page(&state, &user, today, id, None).await
}

/// The finding's page; `typed` is what was typed into its themes form and what to fix, when
/// a save was refused (otherwise the form holds the finding's themes).
pub async fn page(
    state: &AppState,
    user: &CurrentUser,
    today: chrono::NaiveDate,
    id: i64,
    typed: Option<(ThemesForm, forms::FieldErrors)>,
) -> AppResult<Markup> {
    let finding = get(state, id).await?;
    let mut conn = state.db.acquire().await?;
    let parts = findings::list_parts(&mut *conn, id).await?;
    let voices = voices::list(&mut *conn, Scope::Finding(id), today).await?;
    // The force sees the office's ratings of its work and their dates, the rationales the
    // office chose to share, and never the evidence seen.
    let reasons = match user.role.sees_assurance_reasons() {
        true => db::assurance::Reasons::Shown,
        false => db::assurance::Reasons::Withheld,
    };
    let assessments = db::assurance::list_assessments(&mut *conn, id, reasons).await?;
    let mut positions = db::assurance::list_positions(&mut *conn, id).await?;
    // A superseding finding of a body the viewer may not see is not named.
    for p in positions.iter_mut() {
        if p.superseded_by_body_id
            .is_some_and(|b| !user.scope.admits(b))
        {
            (p.superseded_by_id, p.superseded_by_reference) = (None, None);
            p.superseded_by_body = None;
        }
    }
    let actions = db::actions::list_for_finding(&mut *conn, id, &user.scope).await?;
    let action_ids: Vec<i64> = actions.iter().map(|a| a.id).collect();
    let action_rollups = db::milestones::rollups_by_action(&mut conn, &action_ids, today).await?;
    // Each milestone belongs to one action, so the finding's roll-up is theirs added up.
    let mut rollup = Rollup::default();
    action_rollups.values().for_each(|r| rollup.absorb(r));
    let updates = db::updates::list_for_finding(&mut *conn, id).await?;
    let files: Vec<db::evidence::FileRow> = db::evidence::list_for_finding(&mut *conn, id)
        .await?
        .into_iter()
        .filter(|f| f.attached_to.readable_by(user.role))
        .collect();
    let seen = match user.role.sees_assurance_reasons() {
        true => db::evidence::list_seen(&mut *conn, id).await?,
        false => Vec::new(),
    };
    let arising = db::arising::list_for_finding(&mut *conn, id, &user.scope).await?;
    let measures = db::measures::list_for(&mut *conn, Subject::Finding(id)).await?;
    let withdrawal = db::withdrawals::find(&mut *conn, Withdrawable::Finding, id)
        .await?
        .flatten();
    let themes = db::clocks::themes_of_finding(&mut *conn, id).await?;
    // The themes in use are offered to those who tag.
    let known: Vec<String> = match user.is_office() {
        true => db::clocks::themes(&mut *conn, &user.scope)
            .await?
            .into_iter()
            .map(|t| t.name)
            .collect(),
        false => Vec::new(),
    };
    let (form, errors) = typed.unwrap_or_else(|| {
        let names = themes.iter().map(|(_, name)| name.as_str());
        (ThemesForm::from_names(names), forms::FieldErrors::default())
    });
    let page = FindingPage {
        withdrawal: withdrawal.as_ref(),
        finding: &finding,
        parts: &parts,
        voices: voices.first(),
        assessments: &assessments,
        positions: &positions,
        actions: &actions,
        action_rollups: &action_rollups,
        rollup,
        updates: &updates,
        files: &files,
        seen: &seen,
        arising: &arising,
        measures: &measures,
        can_edit: user.is_office(),
        can_post_update: user.role.can_submit_updates(),
        corrector: (user.role.can_submit_updates()).then(|| super::updates::corrector(user)),
        can_see_inspection: user.role != Role::Force,
        assurance_reasons: reasons == db::assurance::Reasons::Shown,
        themes: FindingThemes {
            finding_id: id,
            themes: &themes,
            known: &known,
            form,
            errors,
        },
        today,
    };
    Ok(view::show_page(&super::chrome(state, Some(user)), &page))
}

pub async fn new(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(inspection_id): Path<i64>,
) -> AppResult<Markup> {
    let fresh = Shown::<FindingRow>::Fresh;
    form_page(&s, &u, inspection_id, None, &FindingForm::blank(), fresh).await
}

pub async fn create(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(inspection_id): Path<i64>,
    Form(f): Form<FindingForm>,
) -> AppResult<Response> {
    let published = super::inspections::get(&s, inspection_id)
        .await?
        .published_on;
    let siblings = findings::list_for_inspection(&s.db, inspection_id).await?;
    let result = async {
        let new = f.parse(published, &siblings, None)?;
        record::findings::create(&s.db, &u.actor(), now.at, inspection_id, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/findings/{id}"),
        |shown| form_page(&s, &u, inspection_id, None, &f, shown.map(|n| match n {})),
    )
    .await
}

pub async fn edit(
    State(s): State<AppState>,
    u: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Markup> {
    let f = get(&s, id).await?;
    let parts = findings::list_parts(&s.db, id).await?;
    let lines: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
    let form = FindingForm::from_row(&f, &lines);
    let fresh = Shown::<FindingRow>::Fresh;
    form_page(&s, &u, f.inspection_id, Some(&f), &form, fresh).await
}

pub async fn update(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
    Form(f): Form<FindingForm>,
) -> AppResult<Response> {
    let before = get(&s, id).await?;
    let inspection_id = before.inspection_id;
    let siblings = findings::list_for_inspection(&s.db, inspection_id).await?;
    let result = async {
        let new = f.parse(before.published_on, &siblings, Some(id))?;
        let version = forms::version(&f.version);
        record::findings::update(&s.db, &u.actor(), now.at, id, version, new).await
    };
    respond::saved(
        result.await,
        |id| format!("/findings/{id}"),
        |shown| form_page(&s, &u, inspection_id, Some(&before), &f, shown),
    )
    .await
}

async fn get(state: &AppState, id: i64) -> AppResult<FindingRow> {
    findings::find(&state.db, id).await.found()
}

/// The form for a new finding of the inspection or for `finding`; after a clash, the form
/// keeps what was typed but carries the version now saved, with both versions above it.
async fn form_page(
    state: &AppState,
    user: &CurrentUser,
    inspection_id: i64,
    finding: Option<&FindingRow>,
    form: &FindingForm,
    shown: Shown<FindingRow>,
) -> AppResult<Markup> {
    let inspection = super::inspections::get(state, inspection_id).await?;
    let siblings = findings::list_for_inspection(&state.db, inspection_id).await?;
    let (finding, conflict, form) = match &shown {
        Shown::Stale(latest) => (
            Some(latest),
            Some(view::clash(latest, form)),
            &FindingForm {
                version: latest.version.to_string(),
                ..form.clone()
            },
        ),
        _ => (finding, None, form),
    };
    let p = FindingFormPage {
        heading: finding.map_or("Add a finding".into(), |f| {
            format!("Edit {} {}", f.kind.label(), f.reference)
        }),
        inspection_title: &inspection.title,
        action: finding.map_or(format!("/inspections/{inspection_id}/findings"), |f| {
            format!("/findings/{}", f.id)
        }),
        parents: parents(&siblings, finding.map(|f| f.id)),
        conflict,
    };
    let chrome = super::chrome(state, Some(user));
    Ok(view::form_page(&chrome, &p, form, &shown.errors()))
}

/// The inspection's causes of concern a finding may sit under (not itself): (id, reference).
fn parents(siblings: &[FindingRow], this: Option<i64>) -> Vec<(String, String)> {
    siblings
        .iter()
        .filter(|s| s.kind == FindingKind::CauseOfConcern && Some(s.id) != this)
        .map(|s| (s.id.to_string(), s.reference.clone()))
        .collect()
}
