//! Which inspected bodies a viewer may see. A force user sees only the bodies they belong to (none,
//! if they belong to none); a panel member belongs to bodies only if the office chose to scope
//! them; the office and administrators see every body. A record of a body outside the viewer's
//! scope answers 404, exactly as one that does not exist.

use crate::domain::vocab::Role;

/// The bodies a viewer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every body.
    All,
    /// Only these bodies (sorted, no repeats; possibly none).
    Bodies(Vec<i64>),
}

impl Scope {
    /// The scope of a user with `role` who belongs to `bodies`.
    pub fn of(role: Role, mut bodies: Vec<i64>) -> Self {
        bodies.sort_unstable();
        bodies.dedup();
        match role {
            Role::Admin | Role::Office => Scope::All,
            Role::Panel if bodies.is_empty() => Scope::All,
            Role::Force | Role::Panel => Scope::Bodies(bodies),
        }
    }

    /// Whether a record of `body` may be seen.
    pub fn admits(&self, body: i64) -> bool {
        match self {
            Scope::All => true,
            Scope::Bodies(ids) => ids.binary_search(&body).is_ok(),
        }
    }

    /// Whether a record that touches every one of `bodies` may be seen (a meeting about several
    /// bodies is seen only by those who may see all of them; one about none, by anyone).
    pub fn admits_all(&self, bodies: &[i64]) -> bool {
        bodies.iter().all(|b| self.admits(*b))
    }

    /// Whether a record made for `bodies` (`None`: for every body, as a saved pack of a meeting
    /// about no body in particular) may be seen: all of them must be in scope.
    pub fn sees_made_for(&self, bodies: Option<&[i64]>) -> bool {
        match bodies {
            None => *self == Scope::All,
            Some(bodies) => self.admits_all(bodies),
        }
    }

    /// The bodies, when the scope is limited: what a query filters by.
    pub fn limited_to(&self) -> Option<&[i64]> {
        match self {
            Scope::All => None,
            Scope::Bodies(ids) => Some(ids),
        }
    }

    /// The scope as a JSON array for SQL (`body_id in (select value from json_each(?))`), or
    /// `None` for every body.
    pub fn as_json(&self) -> Option<String> {
        self.limited_to().map(|ids| {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            format!("[{}]", ids.join(","))
        })
    }

    /// Narrowed to those of `bodies` (a dashboard's filter) that this scope admits; an empty
    /// filter leaves the scope as it is.
    pub fn narrowed(&self, bodies: &[i64]) -> Scope {
        if bodies.is_empty() {
            return self.clone();
        }
        Scope::Bodies(bodies.iter().copied().filter(|b| self.admits(*b)).collect()).normalised()
    }

    fn normalised(self) -> Scope {
        match self {
            Scope::All => Scope::All,
            Scope::Bodies(mut ids) => {
                ids.sort_unstable();
                ids.dedup();
                Scope::Bodies(ids)
            }
        }
    }
}

/// The kind of record a route's first `{id}` names, which decides whose body it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Inspection,
    Finding,
    Action,
    Milestone,
    Update,
    Measure,
    Proposal,
    Meeting,
    ActionArising,
    Assessment,
    Position,
    /// An evidence file: the body of the record it is attached to.
    Evidence,
}

impl Record {
    /// The record a route template's first parameter names: `/findings/{id}/updates` names a
    /// finding. `None` for routes whose parameter is not a record of a body (a calendar token,
    /// an edition number, a user), and for routes without one.
    pub fn of_route(template: &str) -> Option<Record> {
        let mut segments = template.trim_start_matches('/').split('/');
        let first = segments.next()?;
        let param = segments.next()?;
        if !param.starts_with('{') {
            return None;
        }
        Some(match first {
            "inspections" => Record::Inspection,
            "findings" => Record::Finding,
            "actions" => Record::Action,
            "milestones" => Record::Milestone,
            "updates" => Record::Update,
            "measures" => Record::Measure,
            "proposals" => Record::Proposal,
            "meetings" => Record::Meeting,
            "actions-arising" => Record::ActionArising,
            "assessments" => Record::Assessment,
            "positions" => Record::Position,
            "evidence" => Record::Evidence,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_office_sees_every_body_whatever_it_belongs_to() {
        assert_eq!(Scope::of(Role::Office, vec![3]), Scope::All);
        assert_eq!(Scope::of(Role::Admin, vec![]), Scope::All);
    }

    #[test]
    fn a_force_user_sees_only_their_bodies_and_nothing_when_they_have_none() {
        let scope = Scope::of(Role::Force, vec![7, 2, 7]);
        assert_eq!(scope, Scope::Bodies(vec![2, 7]));
        assert!(scope.admits(2) && scope.admits(7));
        assert!(!scope.admits(3));
        let none = Scope::of(Role::Force, vec![]);
        assert!(!none.admits(1));
        assert_eq!(none.as_json().as_deref(), Some("[]"));
    }

    #[test]
    fn a_panel_member_is_scoped_only_when_given_bodies() {
        assert_eq!(Scope::of(Role::Panel, vec![]), Scope::All);
        assert_eq!(Scope::of(Role::Panel, vec![4]), Scope::Bodies(vec![4]));
    }

    #[test]
    fn a_record_about_several_bodies_needs_all_of_them() {
        let scope = Scope::Bodies(vec![1, 2]);
        assert!(scope.admits_all(&[1, 2]));
        assert!(scope.admits_all(&[]));
        assert!(!scope.admits_all(&[1, 3]));
        assert!(Scope::All.admits_all(&[9, 10]));
    }

    #[test]
    fn what_was_made_for_every_body_is_seen_only_by_those_who_see_every_body() {
        assert!(Scope::All.sees_made_for(None));
        assert!(!Scope::Bodies(vec![1]).sees_made_for(None));
        assert!(Scope::Bodies(vec![1, 2]).sees_made_for(Some(&[2])));
        assert!(!Scope::Bodies(vec![1]).sees_made_for(Some(&[1, 2])));
        assert!(Scope::All.sees_made_for(Some(&[7])));
    }

    #[test]
    fn the_scope_binds_as_a_json_array_or_not_at_all() {
        assert_eq!(
            Scope::Bodies(vec![1, 22]).as_json().as_deref(),
            Some("[1,22]")
        );
        assert_eq!(Scope::All.as_json(), None);
        assert_eq!(Scope::All.limited_to(), None);
    }

    #[test]
    fn a_filter_narrows_but_never_widens_the_scope() {
        assert_eq!(Scope::All.narrowed(&[5, 3]), Scope::Bodies(vec![3, 5]));
        assert_eq!(
            Scope::Bodies(vec![1, 2]).narrowed(&[2, 9]),
            Scope::Bodies(vec![2])
        );
        assert_eq!(
            Scope::Bodies(vec![1, 2]).narrowed(&[]),
            Scope::Bodies(vec![1, 2])
        );
        assert_eq!(Scope::All.narrowed(&[]), Scope::All);
        assert_eq!(Scope::All.narrowed(&[4, 4]), Scope::Bodies(vec![4]));
    }

    #[test]
    fn a_route_names_the_record_of_its_first_parameter() {
        assert_eq!(
            Record::of_route("/findings/{id}/updates"),
            Some(Record::Finding)
        );
        assert_eq!(Record::of_route("/actions/{id}"), Some(Record::Action));
        assert_eq!(
            Record::of_route("/updates/{id}/correct"),
            Some(Record::Update)
        );
        assert_eq!(
            Record::of_route("/meetings/{id}/agenda-items/{item_id}/edit"),
            Some(Record::Meeting)
        );
        assert_eq!(
            Record::of_route("/actions-arising/{id}"),
            Some(Record::ActionArising)
        );
        assert_eq!(
            Record::of_route("/milestones/{id}/propose"),
            Some(Record::Milestone)
        );
        assert_eq!(Record::of_route("/measures/{id}"), Some(Record::Measure));
        assert_eq!(
            Record::of_route("/proposals/{id}/accept"),
            Some(Record::Proposal)
        );
        assert_eq!(
            Record::of_route("/inspections/{id}"),
            Some(Record::Inspection)
        );
        assert_eq!(
            Record::of_route("/assessments/{id}/evidence"),
            Some(Record::Assessment)
        );
        assert_eq!(
            Record::of_route("/positions/{id}/evidence"),
            Some(Record::Position)
        );
        assert_eq!(
            Record::of_route("/evidence/{id}/download"),
            Some(Record::Evidence)
        );
        assert_eq!(Record::of_route("/evidence"), None);
    }

    #[test]
    fn routes_without_a_record_of_a_body_name_none() {
        assert_eq!(Record::of_route("/actions/new"), None);
        assert_eq!(Record::of_route("/actions"), None);
        assert_eq!(Record::of_route("/calendar/{token}"), None);
        assert_eq!(Record::of_route("/admin/users/{id}"), None);
        assert_eq!(Record::of_route("/editions/{n}/inspections/{id}"), None);
        assert_eq!(Record::of_route("/"), None);
    }
}
