//! Indexed Jobs (upstream `indexed_job_utils.go`): completed-index sets in
//! the interval format of `status.completedIndexes`, and the choice of the
//! lowest pending indexes without scanning all of them.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

/// A set of indexes stored as disjoint, non-adjacent intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntervalSet {
    /// start -> end (inclusive)
    ranges: BTreeMap<u32, u32>,
    len: u64,
}

impl IntervalSet {
    pub fn len(&self) -> u64 {
        self.len
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    pub fn contains(&self, x: u32) -> bool {
        self.ranges
            .range(..=x)
            .next_back()
            .is_some_and(|(_, &e)| x <= e)
    }
    /// Inserts `x`; false if it was already there.
    pub fn insert(&mut self, x: u32) -> bool {
        // One lookup for the interval at or before `x`, one for the next;
        // extending an interval edits it in place.
        let before = self.ranges.range(..=x).next_back().map(|(&s, &e)| (s, e));
        if before.is_some_and(|(_, e)| x <= e) {
            return false;
        }
        let after = x
            .checked_add(1)
            .and_then(|n| self.ranges.get(&n).map(|&e| (n, e)));
        let end = match after {
            Some((n, e)) => {
                self.ranges.remove(&n);
                e
            }
            None => x,
        };
        match before {
            Some((s, e)) if e + 1 == x => {
                self.ranges.insert(s, end);
            }
            _ => {
                self.ranges.insert(x, end);
            }
        }
        self.len += 1;
        true
    }
    /// Drops every index from `limit` on.
    pub fn truncate(&mut self, limit: u32) {
        let cut: Vec<(u32, u32)> = self
            .ranges
            .range(..)
            .filter(|(_, &e)| e >= limit)
            .map(|(&s, &e)| (s, e))
            .collect();
        for (s, e) in cut {
            self.ranges.remove(&s);
            self.len -= (e - s) as u64 + 1;
            if s < limit {
                self.ranges.insert(s, limit - 1);
                self.len += (limit - s) as u64;
            }
        }
    }

    /// How many of the indexes `a..=b` are in the set.
    pub fn count_in(&self, a: u32, b: u32) -> u64 {
        let mut n = 0;
        // The range starting at or before `a` may overlap too.
        let first = self.ranges.range(..=a).next_back().map(|(&s, &e)| (s, e));
        let rest = (a < b).then(|| self.ranges.range(a + 1..=b).map(|(&s, &e)| (s, e)));
        for (s, e) in first.into_iter().chain(rest.into_iter().flatten()) {
            let (lo, hi) = (s.max(a), e.min(b));
            if lo <= hi {
                n += (hi - lo) as u64 + 1;
            }
        }
        n
    }

    pub fn iter_ranges(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.ranges.iter().map(|(&s, &e)| (s, e))
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

/// `validateIndexesFormat`: parses an interval list such as `0,2-3` for
/// Indexed Jobs of `completions`, returning the intervals and how many
/// indexes they hold, or upstream's error text.
pub fn parse_indexes(text: &str, completions: i64) -> Result<(Vec<(u32, u32)>, u64), String> {
    let mut out = Vec::new();
    if text.is_empty() {
        return Ok((out, 0));
    }
    let mut last: Option<i64> = None;
    let mut total = 0u64;
    let int = |s: &str| -> Result<i64, String> {
        s.parse::<i64>()
            .map_err(|_| format!("cannot convert string to integer for index: {s:?}"))
    };
    for fragment in text.split(',') {
        let parts: Vec<&str> = fragment.split('-').collect();
        if parts.len() > 2 {
            return Err(format!(
                "the fragment {fragment:?} violates the requirement that an index interval can have at most two parts separated by '-'"
            ));
        }
        let x = int(parts[0])?;
        if x >= completions {
            return Err(format!("too large index: {:?}", parts[0]));
        }
        if let Some(l) = last {
            if l >= x {
                return Err(format!("non-increasing order, previous: {l}, current: {x}"));
            }
        }
        total += 1;
        let mut end = x;
        if let Some(hi) = parts.get(1) {
            let y = int(hi)?;
            if y >= completions {
                return Err(format!("too large index: {hi:?}"));
            }
            if x >= y {
                return Err(format!("non-increasing order, previous: {x}, current: {y}"));
            }
            total += (y - x) as u64;
            end = y;
        }
        last = Some(end);
        out.push((x.max(0) as u32, end.max(0) as u32));
    }
    Ok((out, total))
}

/// Which indexes still need a pod: never-started ones (a cursor) and ones
/// whose pod failed (a min-heap), lowest first as in `firstPendingIndexes`.
#[derive(Debug, Clone, Default)]
pub struct IndexQueue {
    next_fresh: u32,
    retry: BinaryHeap<Reverse<u32>>,
    pub active: BTreeSet<u32>,
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
                || self.active.contains(&idx)
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
        q.active.extend([0, 2]);
        done.insert(1);
        q.requeue(1); // succeeded meanwhile: skipped
        q.requeue(0); // still active: skipped
        assert_eq!(q.take(5, 5, &done, &failed), vec![3, 4]);
        q.active.remove(&2);
        q.requeue(2);
        assert_eq!(q.take(5, 5, &done, &failed), vec![2]);
    }
}
