//! Finding what to send: walk the site as an administrator (who may see every page), match
//! each link and form to its row of `routes::table()`, and keep a real path and the form's
//! fields for every route.

use std::collections::{BTreeSet, HashMap, VecDeque};

use scrutineer::auth::{ALL_ROLES, Access};
use scrutineer::domain::vocab::Role;
use scrutineer::routes;

use crate::support::{Browser, Form, forms};

/// One route to attack: who may use it, a path to it with real ids, and its form.
#[derive(Debug, Clone)]
pub struct Target {
    pub method: String,
    pub pattern: &'static str,
    /// `None`: anonymous.
    pub role: Option<Role>,
    pub path: String,
    /// For a POST, the form that posts to it; for a GET, the fields of forms that search it.
    pub form: Form,
}

impl Target {
    /// Every field name worth sending, including a few no form has.
    pub fn names(&self, invented: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = self.form.names.clone();
        for n in invented {
            if !names.iter().any(|x| x == n) {
                names.push((*n).to_string());
            }
        }
        names.retain(|n| n != "csrf_token");
        names
    }
}

/// Whether `path` is an instance of the route `pattern`.
pub fn matches(pattern: &str, path: &str) -> bool {
    let p: Vec<&str> = pattern.split('/').collect();
    let c: Vec<&str> = path.split('/').collect();
    p.len() == c.len()
        && p.iter()
            .zip(&c)
            .all(|(p, c)| (p.starts_with('{') && !c.is_empty()) || p == c)
}

/// The route a concrete path belongs to: a literal segment beats a parameter
/// (`/inspections/new` is not `/inspections/{id}`).
fn route_of(patterns: &[(String, &'static str)], method: &str, path: &str) -> Option<usize> {
    patterns
        .iter()
        .enumerate()
        .filter(|(_, (m, p))| m == method && matches(p, path))
        .min_by_key(|(_, (_, p))| p.matches('{').count())
        .map(|(i, _)| i)
}

/// Replace every `{param}` with `1`: the fallback when no link to a route was found.
pub fn with_ones(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|s| if s.starts_with('{') { "1" } else { s })
        .collect::<Vec<_>>()
        .join("/")
}

/// The role to use a route as: the office where it may, else an administrator.
fn role_for(access: Access) -> Option<Role> {
    match access {
        Access::Public => None,
        Access::SignedInAny | Access::SignedIn => Some(Role::Office),
        Access::Roles(roles) if roles.contains(&Role::Office) => Some(Role::Office),
        Access::Roles(roles) => roles.first().copied().or(Some(ALL_ROLES[0])),
    }
}

fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\"", " action=\""] {
        for piece in html.split(attr).skip(1) {
            let raw = crate::support::unescape(piece.split('"').next().unwrap_or(""));
            if raw.starts_with('/') && !raw.starts_with("//") {
                let path = raw.split(['?', '#']).next().unwrap_or("").to_string();
                out.push(path);
            }
        }
    }
    out
}

/// Walk the site from `/` and every route, at most `limit` pages, as `admin`.
pub async fn targets(admin: &mut Browser, limit: usize) -> Vec<Target> {
    let table = routes::table();
    let patterns: Vec<(String, &'static str)> = table
        .iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    let mut found: HashMap<usize, (String, Form)> = HashMap::new();
    let mut query_names: HashMap<usize, BTreeSet<String>> = HashMap::new();
    let mut queue: VecDeque<String> = VecDeque::from(vec!["/".to_string()]);
    // Guessed paths (every id 1): used only if no link to the route turns up.
    let fallbacks: BTreeSet<String> = patterns
        .iter()
        .filter(|(m, _)| m == "GET")
        .map(|(_, p)| with_ones(p))
        .collect();
    queue.extend(fallbacks.iter().cloned());
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut fetched = 0;
    while let Some(path) = queue.pop_front() {
        if fetched >= limit || !seen.insert(path.clone()) {
            continue;
        }
        let route = route_of(&patterns, "GET", &path);
        if path.starts_with("/static/") || path.contains('.') {
            // A file, not a page: nothing to follow. Only a linked one is known to exist.
            if let Some(i) = route.filter(|_| !fallbacks.contains(&path)) {
                found
                    .entry(i)
                    .or_insert_with(|| (path.clone(), Form::default()));
            }
            continue;
        }
        fetched += 1;
        let Ok(page) = admin.get(&path).await else {
            continue;
        };
        let exists = page.status == reqwest::StatusCode::OK || !fallbacks.contains(&path);
        if let Some(i) = route.filter(|_| exists) {
            found
                .entry(i)
                .or_insert_with(|| (path.clone(), Form::default()));
        }
        if !page.is_html() {
            continue;
        }
        for form in forms(&page.body) {
            let action = if form.action.is_empty() {
                path.clone()
            } else {
                form.action.clone()
            };
            let action = action.split('?').next().unwrap_or("").to_string();
            let method = if form.method == "post" { "POST" } else { "GET" };
            let Some(i) = route_of(&patterns, method, &action) else {
                continue;
            };
            if method == "GET" {
                query_names
                    .entry(i)
                    .or_default()
                    .extend(form.names.iter().cloned());
                continue;
            }
            let better = found
                .get(&i)
                .is_none_or(|(_, f)| f.names.len() < form.names.len());
            if better {
                found.insert(i, (action, form));
            }
        }
        for link in links(&page.body) {
            if !seen.contains(&link) {
                queue.push_back(link);
            }
        }
    }
    table
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (mut path, mut form) = found
                .remove(&i)
                .unwrap_or_else(|| (with_ones(r.path), Form::default()));
            if r.path.starts_with("/admin/users/{id}") {
                // A demo account that cannot sign in, never one the test itself is using.
                path = r.path.replace("{id}", "3");
            }
            if let Some(names) = query_names.remove(&i) {
                form.names.extend(names);
            }
            Target {
                method: r.method.to_string(),
                pattern: r.path,
                role: role_for(r.access),
                path,
                form,
            }
        })
        .collect()
}
