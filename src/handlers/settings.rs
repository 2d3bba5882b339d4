//! Site settings for administrators: the organisation's name, its brand colour and when
//! progress goes stale. Saved values are cached in `AppState` for every page.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::audit::{self, Change};
use crate::domain::contrast::parse_brand_colour;
use crate::domain::inputs::required_text;
use crate::domain::vocab::{AuditAction, Entity};
use crate::error::AppResult;
use crate::views::forms::FieldErrors;
use crate::views::settings::{SettingsForm, settings_page};
use crate::{AppState, Site, db};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SavedQuery {
    pub saved: String,
}

pub async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SavedQuery>,
) -> Response {
    let site = state.site();
    let form = SettingsForm {
        organisation_name: site.organisation_name.clone(),
        brand_colour: site.brand_colour.clone(),
        stale_after_days: site.stale_after_days.to_string(),
    };
    let chrome = super::chrome(&state, Some(&user));
    let saved = !query.saved.is_empty();
    settings_page(
        &chrome,
        &user.csrf_token,
        &form,
        saved,
        &FieldErrors::default(),
    )
    .into_response()
}

pub async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<SettingsForm>,
) -> AppResult<Response> {
    let before = state.site();
    let site = match check(&form, &before) {
        Ok(site) => site,
        Err(errors) => {
            let chrome = super::chrome(&state, Some(&user));
            let page = settings_page(&chrome, &user.csrf_token, &form, false, &errors);
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = db::begin_write(&state.db).await?;
    db::settings::put(&mut *tx, "organisation_name", &site.organisation_name).await?;
    db::settings::put(&mut *tx, "brand_colour", &site.brand_colour).await?;
    db::settings::put(
        &mut *tx,
        "stale_after_days",
        &site.stale_after_days.to_string(),
    )
    .await?;
    let change = Change {
        entity: Entity::Settings,
        entity_id: None,
        action: AuditAction::Update,
        before: Some(as_json(&before)),
        after: Some(as_json(&site)),
    };
    audit::record(&mut tx, state.clock.now(), &user.actor(), change).await?;
    tx.commit().await?;
    state.set_site(site);
    // Cached public pages show the old name and colour: render them again.
    state.pages.clear();
    Ok(Redirect::to("/admin/settings?saved=1").into_response())
}

/// The new settings, or a message for each field that is wrong.
fn check(form: &SettingsForm, current: &Site) -> Result<Site, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = required_text(&form.organisation_name, 200)
        .map_err(|e| errors.add("organisation_name", format!("Organisation name: {e}")))
        .ok();
    let colour = parse_brand_colour(&form.brand_colour)
        .map_err(|e| errors.add("brand_colour", e.to_string()))
        .ok();
    let days = match form.stale_after_days.trim().parse::<i64>() {
        Ok(days) if (1..=730).contains(&days) => Some(days),
        _ => {
            errors.add(
                "stale_after_days",
                "Enter the number of days as a whole number from 1 to 730",
            );
            None
        }
    };
    match (name, colour, days) {
        (Some(organisation_name), Some(brand_colour), Some(stale_after_days)) => Ok(Site {
            organisation_name,
            brand_colour,
            stale_after_days,
            ..current.clone()
        }),
        _ => Err(errors),
    }
}

fn as_json(site: &Site) -> serde_json::Value {
    serde_json::json!({
        "organisation_name": site.organisation_name,
        "brand_colour": site.brand_colour,
        "stale_after_days": site.stale_after_days,
    })
}
