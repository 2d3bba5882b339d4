//! Who may reach what: each route's `Access`, and the rules built from the route table that
//! views ask before rendering a link ("may this viewer open this?"), so a page never offers a
//! link or a form its viewer would be refused.

use crate::domain::vocab::Role;

/// Who may reach a route: declared once, beside the route, in the route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user, even one who must still change a first-run password.
    SignedInAny,
    /// Any signed-in user of any role, once their first-run password is changed.
    SignedIn,
    /// Signed-in users with one of these roles.
    Roles(&'static [Role]),
}

/// Every role, for going through them all; routes open to every role say `Access::SignedIn`.
pub const ALL_ROLES: &[Role] = Role::ALL;
/// The PCC office: records, assesses, runs meetings, publishes.
pub const OFFICE: &[Role] = &[Role::Admin, Role::Office];
/// Those who may read internal dashboards and packs.
pub const READERS: &[Role] = &[Role::Admin, Role::Office, Role::Panel];
/// Those who may post progress updates and propose revisions.
pub const UPDATERS: &[Role] = &[Role::Admin, Role::Office, Role::Force];
pub const ADMIN: &[Role] = &[Role::Admin];

impl Access {
    pub fn allows(self, role: Role) -> bool {
        match self {
            Access::Public | Access::SignedInAny | Access::SignedIn => true,
            Access::Roles(roles) => roles.contains(&role),
        }
    }

    /// Whether this viewer (`None`: not signed in) gets past the route's check.
    pub fn admits(self, viewer: Option<Role>) -> bool {
        match (self, viewer) {
            (Access::Public, _) => true,
            (_, None) => false,
            (access, Some(role)) => access.allows(role),
        }
    }
}

/// The route table's methods, paths and access, without its handlers.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    routes: Vec<Rule>,
}

#[derive(Debug, Clone)]
struct Rule {
    post: bool,
    segments: Vec<&'static str>,
    access: Access,
}

impl Rules {
    /// From `(is it a POST, path template, access)` rows; `{name}` matches one segment.
    pub fn new(rows: impl IntoIterator<Item = (bool, &'static str, Access)>) -> Self {
        let routes = rows
            .into_iter()
            .map(|(post, path, access)| Rule {
                post,
                segments: path.split('/').collect(),
                access,
            })
            .collect();
        Self { routes }
    }

    /// The access of the route `path` reaches (query and fragment ignored), if any. Literal
    /// segments win over parameters, as in the router: `/inspections/new` is not
    /// `/inspections/{id}`.
    fn route(&self, post: bool, path: &str) -> Option<Access> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let segments: Vec<&str> = path.split('/').collect();
        self.routes
            .iter()
            .filter(|r| r.post == post && r.segments.len() == segments.len())
            .filter_map(|r| {
                let mut literal = 0;
                for (template, actual) in r.segments.iter().zip(&segments) {
                    if template.starts_with('{') {
                        if actual.is_empty() {
                            return None;
                        }
                    } else if template == actual {
                        literal += 1;
                    } else {
                        return None;
                    }
                }
                Some((literal, r.access))
            })
            .max_by_key(|(literal, _)| *literal)
            .map(|(_, access)| access)
    }

    /// Whether `viewer` may follow a link to `path`.
    pub fn may_open(&self, viewer: Option<Role>, path: &str) -> bool {
        self.route(false, path).is_some_and(|a| a.admits(viewer))
    }

    /// Whether `viewer` may submit a form that posts to `path`.
    pub fn may_post(&self, viewer: Option<Role>, path: &str) -> bool {
        self.route(true, path).is_some_and(|a| a.admits(viewer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> Rules {
        Rules::new([
            (false, "/", Access::Public),
            (false, "/meetings/{id}", Access::Roles(READERS)),
            (false, "/inspections/new", Access::Roles(OFFICE)),
            (false, "/inspections/{id}", Access::Roles(READERS)),
            (true, "/actions/{id}/updates", Access::Roles(UPDATERS)),
        ])
    }

    #[test]
    fn a_link_is_open_only_to_the_roles_its_route_admits() {
        let r = rules();
        assert!(r.may_open(Some(Role::Panel), "/meetings/4"));
        assert!(!r.may_open(Some(Role::Force), "/meetings/4"));
        assert!(!r.may_open(None, "/meetings/4"));
        assert!(r.may_open(None, "/"));
    }

    #[test]
    fn literal_segments_win_over_parameters() {
        let r = rules();
        assert!(!r.may_open(Some(Role::Panel), "/inspections/new"));
        assert!(r.may_open(Some(Role::Panel), "/inspections/3"));
    }

    #[test]
    fn a_path_without_a_route_is_never_open_and_methods_are_kept_apart() {
        let r = rules();
        assert!(!r.may_open(Some(Role::Admin), "/milestones/4"));
        assert!(!r.may_open(Some(Role::Admin), "/actions/4/updates"));
        assert!(r.may_post(Some(Role::Force), "/actions/4/updates?x=1"));
        assert!(!r.may_post(Some(Role::Panel), "/actions/4/updates"));
        assert!(!r.may_open(Some(Role::Admin), "/meetings/"));
    }
}
