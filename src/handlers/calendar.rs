//! Calendar subscriptions: a private iCalendar feed per address, authorised by its secret
//! token (only the token's SHA-256 is stored).

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::Markup;

use super::respond::Now;
use crate::auth::{CurrentUser, random_token, sha256_hex};
use crate::domain::dates::uk_date;
use crate::domain::ical::{self, Calendar, Event, When};
use crate::domain::installation::{Feed, Installation};
use crate::domain::meetings::parse_starts_at;
use crate::domain::scope::Scope;
use crate::error::{AppError, AppResult, Found};
use crate::record::{self, Saved};
use crate::views::calendar::index_page;
use crate::{AppState, db};

pub async fn index(State(state): State<AppState>, user: CurrentUser) -> AppResult<Markup> {
    let feeds = db::calendar::list_for_user(&state.db, user.id).await?;
    Ok(index_page(
        &super::chrome(&state, Some(&user)),
        &feeds,
        None,
        &user.csrf_token,
    ))
}

/// Create an address and show it once. This POST answers with the page rather than a
/// redirect so that the secret never travels in a URL or needs keeping for the next request.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    now: Now,
) -> AppResult<Response> {
    let token = random_token();
    let hash = sha256_hex(&token);
    let Saved::Done(_) =
        record::calendar::create_feed(&state.db, &user.actor(), now.at, user.id, &hash).await?;
    // From the settings, never the request's Host header, which the client chooses.
    let base = state.security.site_address().base_url();
    let url = format!("{base}/calendar/{token}.ics");
    let feeds = db::calendar::list_for_user(&state.db, user.id).await?;
    let page = index_page(
        &super::chrome(&state, Some(&user)),
        &feeds,
        Some(&url),
        &user.csrf_token,
    );
    Ok(([(header::CACHE_CONTROL, "no-store")], page).into_response())
}

pub async fn revoke(
    State(s): State<AppState>,
    u: CurrentUser,
    now: Now,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let Saved::Done(()) = record::calendar::revoke(&s.db, &u.actor(), now.at, u.id, id).await?;
    Ok(Redirect::to("/calendar").into_response())
}

/// The feed itself. Unknown or revoked tokens are simply not found. It carries only what its
/// owner's role may open, judged by the route table's rules for the page each event is about:
/// a force user's feed has the milestones of actions, but no meetings or actions arising; and
/// only of the bodies the owner belongs to.
pub async fn feed(
    State(state): State<AppState>,
    Now { at: now, .. }: Now,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    if token.is_empty() {
        return Err(AppError::NotFound);
    }
    let (owner, role) = db::calendar::find_live_owner(&state.db, &sha256_hex(token))
        .await
        .found()?;
    // The owner's bodies as they are now: a force user moved to another body takes their feed
    // with them, and one given no body gets an empty feed.
    let scope = Scope::of(role, db::scope::bodies_of_user(&state.db, owner).await?);
    let may_open = |path: &str| state.rules.may_open(Some(role), path);
    let ids = state.installation();
    let links = Links {
        ids: &ids,
        base: state.security.public_url.as_deref(),
    };
    let mut events: Vec<Event> = Vec::new();
    if may_open("/meetings/1") {
        let meetings = db::calendar::meetings(&state.db, &scope).await?;
        events.extend(
            meetings
                .into_iter()
                .filter_map(|m| meeting_event(&links, m)),
        );
    }
    if may_open("/actions/1") {
        let milestones = db::calendar::open_milestones(&state.db, &scope).await?;
        events.extend(milestones.into_iter().map(|m| milestone_event(&links, m)));
    }
    if may_open("/actions-arising") && may_open("/meetings/1") {
        let arising = db::calendar::open_arising(&state.db, &scope).await?;
        events.extend(arising.into_iter().map(|x| arising_event(&links, x)));
    }
    let calendar = Calendar {
        name: state.site().organisation_name,
        stamp: now,
        events,
    };
    let headers = [
        (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
        (header::CACHE_CONTROL, "private, no-store"),
    ];
    Ok((StatusCode::OK, headers, ical::render(&calendar)).into_response())
}

/// What every private event is built with: this installation's ids and, with `--public-url`,
/// the base of absolute links to the record (a relative path means nothing in a calendar app).
struct Links<'a> {
    ids: &'a Installation,
    base: Option<&'a str>,
}

impl Links<'_> {
    fn uid(&self, key: String) -> String {
        self.ids.uid(Feed::Private, &key)
    }

    fn url(&self, path: &str) -> Option<String> {
        self.base.map(|b| format!("{b}{path}"))
    }

    /// `label` and the page's address, or just `label` with no address to give.
    fn describe(&self, label: &str, path: &str) -> String {
        match self.url(path) {
            Some(url) => format!("{label}: {url}"),
            None => label.to_string(),
        }
    }
}

fn meeting_event(links: &Links, m: db::calendar::CalendarMeeting) -> Option<Event> {
    let start = parse_starts_at(&m.starts_at)?;
    let path = format!("/meetings/{}", m.id);
    Some(Event {
        uid: links.uid(format!("meeting-{}", m.id)),
        when: When::London {
            start,
            minutes: 120,
        },
        summary: m.title,
        description: Some(format!(
            "{} on {}.",
            links.describe("Meeting record", &path),
            uk_date(start.date())
        )),
        location: (!m.location.is_empty()).then_some(m.location),
        url: links.url(&path),
    })
}

fn milestone_event(links: &Links, m: db::calendar::CalendarDue) -> Event {
    let path = m.parent_id.map(|a| format!("/actions/{a}"));
    Event {
        uid: links.uid(format!("milestone-{}", m.id)),
        when: When::AllDay(m.due_on),
        summary: format!("Milestone due: {} – {}", m.reference, m.title),
        description: Some(match &path {
            Some(p) => format!(
                "{}. Due {}.",
                links.describe("Action-plan item", p),
                uk_date(m.due_on)
            ),
            None => format!("Due {}.", uk_date(m.due_on)),
        }),
        location: None,
        url: path.and_then(|p| links.url(&p)),
    }
}

fn arising_event(links: &Links, x: db::calendar::CalendarDue) -> Event {
    Event {
        uid: links.uid(format!("action-arising-{}", x.id)),
        when: When::AllDay(x.due_on),
        summary: format!("Action arising due: {}", x.title),
        description: Some(format!(
            "Owner: {}. Due {}.{}",
            x.reference,
            uk_date(x.due_on),
            links
                .url("/actions-arising")
                .map(|u| format!(" Actions arising: {u}"))
                .unwrap_or_default()
        )),
        location: None,
        url: links.url("/actions-arising"),
    }
}
