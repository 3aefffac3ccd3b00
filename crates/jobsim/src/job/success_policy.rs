//! Success policy (upstream `success_policy.go`): an Indexed Job succeeds
//! as soon as one rule is met by its succeeded indexes.

use super::JobState;

/// A rule: `succeededIndexes` as intervals and `succeededCount`.
pub type SuccessRule = (Option<Vec<(u32, u32)>>, Option<u64>);

impl JobState {
    /// `matchSuccessPolicy`: the index of the first rule met, if any.
    pub fn success_policy_match(&self) -> Option<usize> {
        let done = &self.status.completed_indexes;
        self.success_rules
            .iter()
            .position(|(indexes, count)| match (indexes, count) {
                // Every listed index succeeded.
                (Some(iv), None) => iv
                    .iter()
                    .all(|&(a, b)| done.count_in(a, b) == (b - a) as u64 + 1),
                (None, Some(c)) => done.len() >= *c,
                // At least succeededCount of the listed indexes.
                (Some(iv), Some(c)) => {
                    iv.iter().map(|&(a, b)| done.count_in(a, b)).sum::<u64>() >= *c
                }
                (None, None) => false,
            })
    }

    /// The `SuccessCriteriaMet` message upstream writes for rule `i`.
    pub fn success_policy_message(i: usize) -> String {
        format!("Matched rules at index {i}")
    }
}
