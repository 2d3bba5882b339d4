//! Inspected bodies as the office manages them: a new or renamed body, and the rules of
//! merging a duplicate into another (no action reference may exist in both).

use serde::Serialize;

use super::vocab::BodyKind;

/// The longest body name the record takes.
pub const MAX_NAME_CHARS: usize = 200;

/// A body's name and kind, already validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewBody {
    pub name: String,
    pub kind: BodyKind,
}

/// The action references that both bodies use, sorted: a merge must not make two actions of
/// one body share a reference (references are compared exactly, as the schema does).
pub fn clashing_references(duplicate: &[String], target: &[String]) -> Vec<String> {
    let mut clashes: Vec<String> = duplicate
        .iter()
        .filter(|r| target.contains(r))
        .cloned()
        .collect();
    clashes.sort();
    clashes.dedup();
    clashes
}

/// Why a merge is refused before anything is moved, if it is.
pub fn merge_refusal(duplicate_id: i64, target_id: i64, clashes: &[String]) -> Option<String> {
    if duplicate_id == target_id {
        return Some("Choose a different body to merge this one into".to_string());
    }
    if clashes.is_empty() {
        return None;
    }
    let (noun, verb) = match clashes.len() {
        1 => ("reference", "is"),
        _ => ("references", "are"),
    };
    Some(format!(
        "These bodies cannot be merged: the action {noun} {} {verb} used by both. Change the \
         reference of one of each pair of actions first, then merge.",
        clashes.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn references_in_both_bodies_clash_sorted_and_once() {
        let duplicate = refs(&["CP-02", "A-1", "CP-01", "CP-02"]);
        let target = refs(&["CP-01", "CP-02", "B-9"]);
        assert_eq!(
            clashing_references(&duplicate, &target),
            refs(&["CP-01", "CP-02"])
        );
    }

    #[test]
    fn references_differing_only_in_case_do_not_clash() {
        assert!(clashing_references(&refs(&["cp-01"]), &refs(&["CP-01"])).is_empty());
        assert!(clashing_references(&refs(&["CP-01"]), &[]).is_empty());
    }

    #[test]
    fn a_merge_without_clashes_into_another_body_is_allowed() {
        assert_eq!(merge_refusal(2, 1, &[]), None);
    }

    #[test]
    fn a_body_cannot_be_merged_into_itself() {
        let refusal = merge_refusal(3, 3, &[]).expect("refused");
        assert!(refusal.contains("different body"), "{refusal}");
    }

    #[test]
    fn a_merge_with_clashes_names_every_clashing_reference() {
        let one = merge_refusal(2, 1, &refs(&["CP-01"])).expect("refused");
        assert!(
            one.contains("the action reference CP-01 is used by both"),
            "{one}"
        );
        let two = merge_refusal(2, 1, &refs(&["CP-01", "CP-02"])).expect("refused");
        assert!(
            two.contains("the action references CP-01, CP-02 are used by both"),
            "{two}"
        );
    }
}
