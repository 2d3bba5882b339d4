//! The inspected bodies an edition is about, each with its inspections: what the public home
//! lists when an office oversees more than one body.

use super::{Inspection, Snapshot};
use crate::domain::vocab::BodyKind;

/// One inspected body as an edition shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicBody<'a> {
    /// `None` in an edition published before bodies' ids were carried.
    pub id: Option<i64>,
    pub name: &'a str,
    pub kind: Option<BodyKind>,
    pub inspections: Vec<&'a Inspection>,
}

impl PublicBody<'_> {
    pub fn findings(&self) -> usize {
        self.inspections.iter().map(|i| i.findings.len()).sum()
    }

    /// Milestones met, of all milestones, across its inspections.
    pub fn milestones(&self) -> (usize, usize) {
        self.inspections.iter().fold((0, 0), |(met, all), i| {
            let c = i.counts();
            (met + c.milestones_met, all + c.milestones)
        })
    }
}

impl Snapshot {
    /// The bodies its inspections are about, by name; an inspection without a body id (an
    /// older edition) is grouped by its body's name.
    pub fn bodies(&self) -> Vec<PublicBody<'_>> {
        let mut out: Vec<PublicBody<'_>> = Vec::new();
        for i in &self.inspections {
            let same = |b: &PublicBody<'_>| match (b.id, i.body_id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => b.name == i.body_name,
                _ => false,
            };
            match out.iter_mut().find(|b| same(b)) {
                Some(body) => body.inspections.push(i),
                None => out.push(PublicBody {
                    id: i.body_id,
                    name: &i.body_name,
                    kind: i.body_kind,
                    inspections: vec![i],
                }),
            }
        }
        out.sort_by(|a, b| a.name.cmp(b.name).then(a.id.cmp(&b.id)));
        out
    }

    /// The body `id`, with its inspections, if the edition has any about it.
    pub fn body(&self, id: i64) -> Option<PublicBody<'_>> {
        self.bodies().into_iter().find(|b| b.id == Some(id))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{d, finding, milestone, snapshot};
    use super::*;
    use crate::domain::vocab::{MilestoneState, Rag};

    fn inspection(id: i64, body: Option<i64>, name: &str) -> Inspection {
        let mut i = snapshot(vec![]).inspections.remove(0);
        i.id = id;
        i.body_id = body;
        i.body_name = name.into();
        i.body_kind = body.map(|_| BodyKind::FireAndRescueService);
        i.published_on = d("2026-01-05");
        i
    }

    #[test]
    fn inspections_are_grouped_by_body_and_the_bodies_listed_by_name() {
        let mut s = snapshot(vec![]);
        s.inspections = vec![
            inspection(1, Some(2), "Zetland Police"),
            inspection(2, Some(1), "Anyshire Fire"),
            inspection(3, Some(2), "Zetland Police"),
        ];
        let bodies = s.bodies();
        assert_eq!(bodies.len(), 2);
        assert_eq!(bodies[0].name, "Anyshire Fire");
        assert_eq!(bodies[0].kind, Some(BodyKind::FireAndRescueService));
        let ids = |b: &PublicBody<'_>| b.inspections.iter().map(|i| i.id).collect::<Vec<_>>();
        assert_eq!(ids(&bodies[1]), [1, 3]);
        assert_eq!(s.body(1).map(|b| b.name), Some("Anyshire Fire"));
        assert_eq!(s.body(3), None);
    }

    #[test]
    fn an_older_edition_without_body_ids_groups_by_name() {
        let mut s = snapshot(vec![]);
        s.inspections = vec![
            inspection(1, None, "Old Police"),
            inspection(2, None, "Old Fire"),
            inspection(3, None, "Old Police"),
        ];
        let bodies = s.bodies();
        assert_eq!(bodies.len(), 2);
        assert_eq!(bodies[1].inspections.len(), 2);
        assert_eq!(bodies[1].id, None);
        assert_eq!(s.body(1), None);
    }

    #[test]
    fn a_body_counts_its_findings_and_milestones_across_inspections() {
        let met = || milestone(1, "2022-01-31", MilestoneState::Met);
        let due = || milestone(2, "2027-01-31", MilestoneState::Scheduled);
        let mut s = snapshot(vec![
            finding(1, Some(Rag::Green), vec![met(), due()]),
            finding(2, None, vec![]),
        ]);
        let mut second = s.inspections[0].clone();
        second.id = 2;
        second.findings = vec![finding(3, None, vec![met()])];
        s.inspections.push(second);
        let bodies = s.bodies();
        assert_eq!(bodies.len(), 1);
        assert_eq!(bodies[0].findings(), 3);
        assert_eq!(bodies[0].milestones(), (2, 3));
    }
}
