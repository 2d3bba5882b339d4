//! The report package form: the pasted (or uploaded) package, the bodies chosen, and "1" once
//! the person has seen what loading would do and confirmed.

use crate::domain::report_package::Package;

#[derive(Debug, Clone, Default)]
pub struct PackageForm {
    pub package: String,
    /// The bodies ticked, as posted.
    pub bodies: Vec<String>,
    pub confirm: String,
}

/// Why a package is not loaded yet.
#[derive(Debug, Clone, PartialEq)]
pub enum NotYet {
    /// The file is not a good package: every problem (422).
    File(Vec<String>),
    /// A good package, to be shown with what loading would do (200); with the problem of the
    /// choice when it was confirmed without a body (422).
    Unconfirmed(Box<Package>, Option<String>),
}

impl PackageForm {
    /// The form as posted, from its name–value pairs (the body checkboxes repeat one name);
    /// an uploaded file (`file`) wins over pasted text.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let (mut form, mut file) = (Self::default(), String::new());
        for (key, value) in pairs {
            match key.as_str() {
                "package" => form.package = value,
                "file" => file = value,
                "bodies" => form.bodies.push(value),
                "confirm" => form.confirm = value,
                _ => {}
            }
        }
        if !file.trim().is_empty() {
            form.package = file;
        }
        form
    }

    /// The package and the bodies to load it into, once it is good and confirmed.
    pub fn parse(&self) -> Result<(Package, Vec<i64>), NotYet> {
        let package = Package::read(&self.package).map_err(NotYet::File)?;
        if self.confirm != "1" {
            return Err(NotYet::Unconfirmed(Box::new(package), None));
        }
        let bodies: Vec<i64> = self
            .bodies
            .iter()
            .filter_map(|b| b.trim().parse().ok())
            .collect();
        if bodies.is_empty() {
            let problem = "Choose at least one body to load the report into".to_string();
            return Err(NotYet::Unconfirmed(Box::new(package), Some(problem)));
        }
        Ok((package, bodies))
    }

    /// Whether the body `id` is ticked.
    pub fn chose(&self, id: i64) -> bool {
        self.bodies.iter().any(|b| b.trim() == id.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn an_uploaded_file_wins_over_pasted_text_and_every_ticked_body_is_kept() {
        let form = PackageForm::from_pairs(pairs(&[
            ("package", "pasted"),
            ("file", "uploaded"),
            ("bodies", "3"),
            ("bodies", "5"),
        ]));
        assert_eq!(form.package, "uploaded");
        assert!(form.chose(3) && form.chose(5) && !form.chose(4));
        let empty_file = PackageForm::from_pairs(pairs(&[("package", "pasted"), ("file", "")]));
        assert_eq!(empty_file.package, "pasted");
    }

    #[test]
    fn a_good_package_is_shown_before_it_is_loaded_and_needs_a_body() {
        let text = crate::domain::report_package::tests_support::example_text();
        let mut form = PackageForm::from_pairs(pairs(&[("package", &text)]));
        assert!(matches!(form.parse(), Err(NotYet::Unconfirmed(_, None))));
        form.confirm = "1".into();
        let Err(NotYet::Unconfirmed(_, Some(problem))) = form.parse() else {
            panic!("no body chosen")
        };
        assert_eq!(problem, "Choose at least one body to load the report into");
        form.bodies = vec!["2".into(), "x".into()];
        let (_, bodies) = form.parse().expect("loaded");
        assert_eq!(bodies, vec![2]);
        form.package = "nonsense".into();
        assert!(matches!(form.parse(), Err(NotYet::File(_))));
    }
}
