//! The action-plan item form: what was typed (the findings checkboxes repeat one name, so it
//! is read from the raw pairs), and the action it makes.

use super::{FieldErrors, optional, required};
use crate::db::actions::{ActionRow, FindingChoiceRow};
use crate::domain::actions::NewAction;

/// What was typed into the action form.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionForm {
    pub reference: String,
    pub title: String,
    pub description: String,
    pub owner_role: String,
    pub owner_name: String,
    pub findings: Vec<String>,
    pub version: String,
}

impl ActionForm {
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut form = Self::default();
        for (key, value) in pairs {
            let v = value.clone();
            match key.as_str() {
                "reference" => form.reference = v,
                "title" => form.title = v,
                "description" => form.description = v,
                "owner_role" => form.owner_role = v,
                "owner_name" => form.owner_name = v,
                "findings" => form.findings.push(v),
                "version" => form.version = v,
                _ => {}
            }
        }
        form
    }

    /// The form prefilled from an action and the findings it addresses, for editing.
    pub fn from_row(a: &ActionRow, finding_ids: &[i64]) -> Self {
        Self {
            reference: a.reference.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            owner_role: a.owner_role.clone(),
            owner_name: a.owner_name.clone(),
            findings: finding_ids.iter().map(i64::to_string).collect(),
            version: a.version.to_string(),
        }
    }

    /// The action this form makes, addressing findings chosen from `choices` (all about one
    /// inspected body, which the action then belongs to), or what to fix.
    pub fn parse(&self, choices: &[FindingChoiceRow]) -> Result<NewAction, FieldErrors> {
        let mut e = FieldErrors::default();
        let reference = required(&mut e, "reference", "a reference", &self.reference, 40);
        let title = required(&mut e, "title", "a title", &self.title, 300);
        let description =
            optional(&mut e, "description", &self.description, 20_000).unwrap_or_default();
        let owner_role = optional(&mut e, "owner_role", &self.owner_role, 200).unwrap_or_default();
        let owner_name = optional(&mut e, "owner_name", &self.owner_name, 200).unwrap_or_default();
        let chosen: Vec<&FindingChoiceRow> = choices
            .iter()
            .filter(|c| self.findings.contains(&c.id.to_string()))
            .collect();
        let mut bodies: Vec<i64> = chosen.iter().map(|c| c.body_id).collect();
        bodies.sort_unstable();
        bodies.dedup();
        match bodies.as_slice() {
            [] => e.add(
                "findings",
                "Select at least one finding the action addresses",
            ),
            [_] => {}
            _ => e.add("findings", "Select findings about one inspected body only"),
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(NewAction {
            body_id: bodies[0],
            reference,
            title,
            description,
            owner_role,
            owner_name,
            finding_ids: chosen.iter().map(|c| c.id).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vocab::FindingKind;

    fn choice(id: i64, body_id: i64) -> FindingChoiceRow {
        FindingChoiceRow {
            id,
            inspection_id: body_id * 10,
            inspection_title: format!("Inspection {body_id}"),
            body_id,
            body_name: format!("Body {body_id}"),
            kind: FindingKind::Recommendation,
            reference: id.to_string(),
            public_summary: None,
        }
    }

    fn typed(findings: &[&str]) -> ActionForm {
        let mut pairs: Vec<(String, String)> = vec![
            ("reference".into(), " CP-12 ".into()),
            ("title".into(), "Train staff".into()),
            ("owner_role".into(), "Head of Public Protection".into()),
            ("version".into(), "3".into()),
        ];
        pairs.extend(findings.iter().map(|f| ("findings".into(), f.to_string())));
        ActionForm::from_pairs(&pairs)
    }

    #[test]
    fn the_repeated_findings_boxes_are_all_read() {
        let form = typed(&["1", "2"]);
        assert_eq!(form.findings, vec!["1", "2"]);
        assert_eq!(form.version, "3");
    }

    #[test]
    fn a_complete_form_makes_an_action_of_the_findings_body() {
        let choices = [choice(1, 7), choice(2, 7), choice(3, 8)];
        let new = typed(&["1", "2"]).parse(&choices).expect("valid");
        assert_eq!(new.body_id, 7);
        assert_eq!(new.reference, "CP-12");
        assert_eq!(new.owner_role, "Head of Public Protection");
        assert_eq!(new.owner_name, "");
        assert_eq!(new.finding_ids, vec![1, 2]);
    }

    #[test]
    fn findings_about_two_bodies_are_refused() {
        let choices = [choice(1, 7), choice(3, 8)];
        let errors = typed(&["1", "3"]).parse(&choices).expect_err("two bodies");
        assert_eq!(
            errors.get("findings"),
            Some("Select findings about one inspected body only")
        );
    }

    #[test]
    fn an_action_needs_a_reference_a_title_and_a_finding() {
        let form = ActionForm::from_pairs(&[("findings".into(), "99".into())]);
        let errors = form.parse(&[choice(1, 7)]).expect_err("invalid");
        assert_eq!(errors.get("reference"), Some("Enter a reference"));
        assert_eq!(errors.get("title"), Some("Enter a title"));
        assert_eq!(
            errors.get("findings"),
            Some("Select at least one finding the action addresses")
        );
    }
}
