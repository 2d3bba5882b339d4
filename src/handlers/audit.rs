//! The audit log page for administrators: events newest first, filtered by entity, actor
//! and date, a page at a time, with the hash chain verified on request.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Europe::London;
use serde::Deserialize;

use crate::auth::CurrentUser;
use crate::db::audit::{self, AuditFilter};
use crate::domain::inputs::{optional_text, parse_date_parts};
use crate::error::AppResult;
use crate::forms::{DateParts, FieldErrors};
use crate::views::audit::{AuditPage, audit_page};
use crate::{AppState, db};

pub const PAGE_SIZE: i64 = 100;

#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub from_day: String,
    #[serde(default)]
    pub from_month: String,
    #[serde(default)]
    pub from_year: String,
    #[serde(default)]
    pub to_day: String,
    #[serde(default)]
    pub to_month: String,
    #[serde(default)]
    pub to_year: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub verify: String,
}

impl AuditQuery {
    fn date_from(&self) -> DateParts {
        DateParts {
            day: self.from_day.clone(),
            month: self.from_month.clone(),
            year: self.from_year.clone(),
        }
    }

    fn date_to(&self) -> DateParts {
        DateParts {
            day: self.to_day.clone(),
            month: self.to_month.clone(),
            year: self.to_year.clone(),
        }
    }
}

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<AuditQuery>,
) -> AppResult<Response> {
    let (filter, errors) = filter_from(&query);
    let mut events = db::audit::list(&state.db, &filter).await?;
    let older = (events.len() as i64 > PAGE_SIZE).then(|| {
        events.truncate(PAGE_SIZE as usize);
        older_link(&query, events.last().map_or(0, |e| e.id))
    });
    let verification = if query.verify.is_empty() {
        None
    } else {
        Some(audit::verify(&state.db).await?)
    };
    let chrome = super::chrome(&state, Some(&user));
    let page = AuditPage {
        entity: &query.entity,
        actor: &query.actor,
        from: query.date_from(),
        to: query.date_to(),
        events: &events,
        older,
        verification,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, audit_page(&chrome, &page, &errors)).into_response())
}

fn filter_from(query: &AuditQuery) -> (AuditFilter, FieldErrors) {
    let mut errors = FieldErrors::default();
    let mut day = |name: &'static str, parts: DateParts| {
        parse_date_parts(&parts.day, &parts.month, &parts.year)
            .map_err(|e| errors.add(name, e.to_string()))
            .ok()
            .flatten()
    };
    let from = day("from", query.date_from());
    let to = day("to", query.date_to());
    let filter = AuditFilter {
        entity: optional_text(&query.entity, 100).ok().flatten(),
        actor: optional_text(&query.actor, 254).ok().flatten(),
        from: from.map(start_of_day),
        to: to.and_then(|d| d.succ_opt()).map(start_of_day),
        before_id: query.before.trim().parse().ok(),
        limit: PAGE_SIZE + 1,
    };
    (filter, errors)
}

/// The instant a London day starts, as stored.
fn start_of_day(date: NaiveDate) -> String {
    let midnight = date.and_time(chrono::NaiveTime::MIN);
    let instant = London
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| chrono::Utc.from_utc_datetime(&midnight), |t| t.to_utc());
    db::timestamp(instant)
}

/// The same filters, one page further back.
fn older_link(query: &AuditQuery, before: i64) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("entity", &query.entity)
        .append_pair("actor", &query.actor)
        .append_pair("from_day", &query.from_day)
        .append_pair("from_month", &query.from_month)
        .append_pair("from_year", &query.from_year)
        .append_pair("to_day", &query.to_day)
        .append_pair("to_month", &query.to_month)
        .append_pair("to_year", &query.to_year)
        .append_pair("before", &before.to_string())
        .finish();
    format!("/admin/audit?{query}")
}
