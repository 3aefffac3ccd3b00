//! Indexed Jobs (upstream `indexed_job_utils.go`): completed-index sets in
//! the interval format of `status.completedIndexes`, and the choice of the
//! lowest pending indexes without scanning all of them.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

/// A set of indexes, kept as a bitmap: a pod's index is set or cleared in
/// O(1) (a tree of intervals cost three tree operations per pod), and the
/// intervals of `status.completedIndexes` are read off the words. Indexes
/// are handed out lowest first, so the bitmap is never longer than the pods
/// created so far.
#[derive(Debug, Clone, Default)]
pub struct IntervalSet {
    words: Vec<u64>,
    len: u64,
}

impl PartialEq for IntervalSet {
    fn eq(&self, other: &Self) -> bool {
        let n = self.words.len().max(other.words.len());
        let word = |s: &IntervalSet, i: usize| s.words.get(i).copied().unwrap_or(0);
        self.len == other.len && (0..n).all(|i| word(self, i) == word(other, i))
    }
}
impl Eq for IntervalSet {}

impl IntervalSet {
    pub fn len(&self) -> u64 {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn contains(&self, x: u32) -> bool {
        self.words
            .get((x / 64) as usize)
            .is_some_and(|w| w & (1 << (x % 64)) != 0)
    }
    /// Inserts `x`; false if it was already there.
    pub fn insert(&mut self, x: u32) -> bool {
        let i = (x / 64) as usize;
        if i >= self.words.len() {
            self.words.resize(i + 1, 0);
        }
        let bit = 1u64 << (x % 64);
        let fresh = self.words[i] & bit == 0;
        self.words[i] |= bit;
        self.len += fresh as u64;
        fresh
    }
    /// Removes `x`; false if it was not there.
    pub fn remove(&mut self, x: u32) -> bool {
        let bit = 1u64 << (x % 64);
        match self.words.get_mut((x / 64) as usize) {
            Some(w) if *w & bit != 0 => {
                *w &= !bit;
                self.len -= 1;
                true
            }
            _ => false,
        }
    }
    /// Drops every index from `limit` on.
    pub fn truncate(&mut self, limit: u32) {
        let i = (limit / 64) as usize;
        if i >= self.words.len() {
            return;
        }
        self.words[i] &= (1u64 << (limit % 64)) - 1;
        self.words.truncate(i + 1);
        self.len = self.words.iter().map(|w| w.count_ones() as u64).sum();
    }

    /// How many of the indexes `a..=b` are in the set.
    pub fn count_in(&self, a: u32, b: u32) -> u64 {
        if a > b {
            return 0;
        }
        let (wa, wb) = ((a / 64) as usize, (b / 64) as usize);
        let mut n = 0;
        let last = wb.min(self.words.len());
        for (i, &word) in self.words.iter().enumerate().take(last + 1).skip(wa) {
            let mut w = word;
            if i == wa {
                w &= !0u64 << (a % 64);
            }
            if i == wb {
                w &= !0u64 >> (63 - b % 64);
            }
            n += w.count_ones() as u64;
        }
        n
    }

    /// The maximal runs of indexes, ascending, as inclusive bounds.
    pub fn iter_ranges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = 0u64;
        let limit = self.words.len() as u64 * 64;
        std::iter::from_fn(move || {
            let start = self.next_from(at, true, limit)?;
            let end = self.next_from(start, false, limit).unwrap_or(limit);
            at = end;
            Some((start as u32, (end - 1) as u32))
        })
    }

    /// The first index at or after `from` that is (or, with `set` false,
    /// is not) in the set, below `limit`.
    fn next_from(&self, from: u64, set: bool, limit: u64) -> Option<u64> {
        let mut i = (from / 64) as usize;
        let flip = |w: u64| if set { w } else { !w };
        let mut w = flip(*self.words.get(i)?) & (!0u64 << (from % 64));
        loop {
            if w != 0 {
                return Some((i as u64 * 64 + w.trailing_zeros() as u64).min(limit));
            }
            i += 1;
            w = flip(*self.words.get(i)?);
        }
    }
}

/// `orderedIntervals.String`: `1,3,5-7`; a run of exactly two is `a,b`.
impl std::fmt::Display for IntervalSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for (s, e) in self.iter_ranges() {
            if !first {
                f.write_str(",")?;
            }
            first = false;
            match e - s {
                0 => write!(f, "{s}")?,
                1 => write!(f, "{s},{e}")?,
                _ => write!(f, "{s}-{e}")?,
            }
        }
        Ok(())
    }
}

pub use crate::validation::parse_indexes;

/// Which indexes still need a pod: never-started ones (a cursor) and ones
/// whose pod failed (a min-heap), lowest first as in `firstPendingIndexes`.
#[derive(Debug, Clone, Default)]
pub struct IndexQueue {
    next_fresh: u32,
    retry: BinaryHeap<Reverse<u32>>,
    pub active: IntervalSet,
    /// Pods created per index so far (by index; indexes are taken lowest
    /// first, so this is as long as the pods created, at most).
    pub retries: Vec<u32>,
    /// backoffLimitPerIndex: failures per index that has failed at least
    /// once.
    pub failures: BTreeMap<u32, IndexFailures>,
}

/// One index's failures (backoffLimitPerIndex), as the annotations of its
/// last failed pod carry them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexFailures {
    /// Counted toward backoffLimitPerIndex (`job-index-failure-count`).
    pub counted: u32,
    /// Left uncounted by an Ignore rule (`job-index-ignored-failure-count`).
    pub ignored: u32,
    /// The last failure's finish time.
    pub last: crate::clock::Time,
}

impl IndexFailures {
    /// `getRemainingTimePerIndex`: the per-index back-off counts every
    /// failure, ignored ones included (`getIndexAbsoluteFailureCount`).
    pub fn remaining(&self, now: crate::clock::Time) -> crate::clock::Duration {
        let n = self.counted + self.ignored;
        crate::clock::Duration(
            super::backoff::delay(n)
                .0
                .saturating_sub(now.since(self.last).0),
        )
    }
}

impl IndexQueue {
    pub fn requeue(&mut self, index: u32) {
        self.retry.push(Reverse(index));
    }

    /// Up to `n` lowest indexes that are neither completed, failed nor
    /// active. The merge of the retry heap and the cursor is ascending, so a
    /// duplicate is always the previous pick.
    pub fn take(
        &mut self,
        n: usize,
        completions: u32,
        done: &IntervalSet,
        failed: &IntervalSet,
    ) -> Vec<u32> {
        let mut out = Vec::new();
        while out.len() < n {
            let from_retry = self.retry.peek().map(|r| r.0);
            let fresh = (self.next_fresh < completions).then_some(self.next_fresh);
            let idx = match (from_retry, fresh) {
                (Some(r), Some(f)) if r < f => {
                    self.retry.pop();
                    r
                }
                (Some(r), None) => {
                    self.retry.pop();
                    r
                }
                (_, Some(f)) => {
                    self.next_fresh += 1;
                    f
                }
                (None, None) => break,
            };
            if done.contains(idx)
                || failed.contains(idx)
                || self.active.contains(idx)
                || out.last() == Some(&idx)
            {
                continue;
            }
            out.push(idx);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completed_indexes_format() {
        // Examples from indexed_job_utils_test / the status field docs.
        let cases: &[(&[u32], &str)] = &[
            (&[1, 3, 5, 7, 9], "1,3,5,7,9"),
            (&[0, 1, 2], "0-2"),
            (&[2, 4, 5, 7, 8, 9], "2,4,5,7-9"),
            (&[0, 1], "0,1"),
            (&[], ""),
            (&[5, 3, 4], "3-5"),
        ];
        for (xs, want) in cases {
            let mut s = IntervalSet::default();
            for x in *xs {
                s.insert(*x);
            }
            assert_eq!(s.to_string(), *want);
            assert_eq!(s.len(), xs.len() as u64);
        }
    }

    #[test]
    fn count_in_ranges() {
        let mut s = IntervalSet::default();
        for x in [0, 1, 2, 5, 7, 8, 9] {
            s.insert(x);
        }
        assert_eq!(s.count_in(0, 9), 7);
        assert_eq!(s.count_in(1, 5), 3);
        assert_eq!(s.count_in(3, 4), 0);
        assert_eq!(s.count_in(8, 8), 1);
    }

    #[test]
    fn succeeded_indexes_parsing_table() {
        // Errors of validateIndexesFormat, completions = 10.
        assert_eq!(parse_indexes("0,2-3", 10), Ok((vec![(0, 0), (2, 3)], 3)));
        assert_eq!(parse_indexes("", 10), Ok((vec![], 0)));
        let errs = [
            ("x", "cannot convert string to integer for index: \"x\""),
            ("12", "too large index: \"12\""),
            ("3,2", "non-increasing order, previous: 3, current: 2"),
            ("1-2-3", "the fragment \"1-2-3\" violates the requirement that an index interval can have at most two parts separated by '-'"),
        ];
        for (text, want) in errs {
            assert_eq!(parse_indexes(text, 10).unwrap_err(), want, "{text}");
        }
    }

    #[test]
    fn pending_indexes_lowest_first() {
        let mut q = IndexQueue::default();
        let mut done = IntervalSet::default();
        let failed = IntervalSet::default();
        assert_eq!(q.take(3, 5, &done, &failed), vec![0, 1, 2]);
        q.active.insert(0);
        q.active.insert(2);
        done.insert(1);
        q.requeue(1); // succeeded meanwhile: skipped
        q.requeue(0); // still active: skipped
        assert_eq!(q.take(5, 5, &done, &failed), vec![3, 4]);
        q.active.remove(2);
        q.requeue(2);
        assert_eq!(q.take(5, 5, &done, &failed), vec![2]);
    }

    proptest::proptest! {
        /// The bitmap answers as a plain ordered set of the same indexes
        /// would, runs included.
        #[test]
        fn bitmap_matches_an_ordered_set(
            ops in proptest::collection::vec((0u8..4, 0u32..300), 0..200)
        ) {
            let mut s = IntervalSet::default();
            let mut model = std::collections::BTreeSet::new();
            for (op, x) in ops {
                match op {
                    0 | 1 => proptest::prop_assert_eq!(s.insert(x), model.insert(x)),
                    2 => proptest::prop_assert_eq!(s.remove(x), model.remove(&x)),
                    _ => {
                        s.truncate(x);
                        model.retain(|&i| i < x);
                    }
                }
                proptest::prop_assert_eq!(s.len(), model.len() as u64);
                proptest::prop_assert_eq!(s.contains(x), model.contains(&x));
                let a = x / 2;
                proptest::prop_assert_eq!(
                    s.count_in(a, x),
                    model.range(a..=x).count() as u64
                );
            }
            let mut runs: Vec<(u32, u32)> = Vec::new();
            for &i in &model {
                match runs.last_mut() {
                    Some((_, e)) if *e + 1 == i => *e = i,
                    _ => runs.push((i, i)),
                }
            }
            proptest::prop_assert_eq!(s.iter_ranges().collect::<Vec<_>>(), runs);
            let mut rebuilt = IntervalSet::default();
            for &i in &model {
                rebuilt.insert(i);
            }
            proptest::prop_assert_eq!(rebuilt, s);
        }
    }
}
