//! The register of open recommendations from every source, for every role: a force user's
//! holds only their bodies' findings. Filters come from the query string of a plain GET form.

use axum::extract::{Query, State};
use maud::Markup;
use sqlx::SqliteConnection;

use super::respond::Now;
use crate::auth::CurrentUser;
use crate::db::register::Which;
use crate::domain::register::{self, Filters, Options, Page, RegisterRow};
use crate::domain::scope::Scope;
use crate::error::AppResult;
use crate::views::register::{RegisterView, register_page};
use crate::{AppState, db};

pub async fn index(
    State(state): State<AppState>,
    user: CurrentUser,
    Now { today, .. }: Now,
    Query(query): Query<Vec<(String, String)>>,
) -> AppResult<Markup> {
    let mut conn = state.db.acquire().await?;
    let rows = load(&mut conn, &user.scope, Which::All, today).await?;
    let open: Vec<&RegisterRow> = rows.iter().filter(|r| r.open).collect();
    let options = Options::of(open.iter().copied());
    let filters = Filters::from_query(&query, &options);
    let shown: Vec<&RegisterRow> = open.iter().copied().filter(|r| filters.admits(r)).collect();
    let page = Page::of(shown.len(), &query);
    let view = RegisterView {
        rows: &shown[page.range(shown.len())],
        matching: shown.len(),
        page,
        total: open.len(),
        filters: &filters,
        options: &options,
    };
    Ok(register_page(&super::chrome(&state, Some(&user)), &view))
}

/// The rows of `which` within `scope` as on `today`, open or not, with the items answering
/// them, their themes and their reports' clocks: seven statements whatever the record's size
/// (six for a theme, whose rows need no other themes).
pub async fn load(
    conn: &mut SqliteConnection,
    scope: &Scope,
    which: Which,
    today: chrono::NaiveDate,
) -> AppResult<Vec<RegisterRow>> {
    let findings = db::register::findings(&mut *conn, scope, which, today).await?;
    let answers = db::register::answers(&mut *conn, scope, which, today).await?;
    let tags = match which {
        Which::All => db::clocks::tags_in_scope(&mut *conn, scope).await?,
        Which::Theme(_) => Vec::new(),
    };
    let reports = db::clocks::reports_in_scope(&mut *conn, scope).await?;
    let rules = db::clocks::rules(&mut *conn).await?;
    let extensions = db::clocks::extensions_in_scope(&mut *conn, scope).await?;
    let sent = db::clocks::sent_in_scope(&mut *conn, scope).await?;
    let clocks = register::report_clocks(&reports, &rules, &extensions, &sent, today);
    Ok(register::rows(findings, &answers, &tags, &clocks, today))
}
