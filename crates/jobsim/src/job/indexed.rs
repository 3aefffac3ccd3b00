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
        if self.contains(x) {
            return false;
        }
        let mut start = x;
        let mut end = x;
        if x > 0 {
            if let Some((&s, &e)) = self.ranges.range(..x).next_back() {
                if e + 1 == x {
                    start = s;
                    self.ranges.remove(&s);
                }
            }
        }
        if let Some(&e) = x.checked_add(1).and_then(|n| self.ranges.get(&n)) {
            self.ranges.remove(&(x + 1));
            end = e;
        }
        self.ranges.insert(start, end);
        self.len += 1;
        true
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

/// Which indexes still need a pod: never-started ones (a cursor) and ones
/// whose pod failed (a min-heap), lowest first as in `firstPendingIndexes`.
#[derive(Debug, Clone, Default)]
pub struct IndexQueue {
    next_fresh: u32,
    retry: BinaryHeap<Reverse<u32>>,
    pub active: BTreeSet<u32>,
    /// Pods created per index so far (only indexes with more than one).
    pub retries: BTreeMap<u32, u32>,
}

impl IndexQueue {
    pub fn requeue(&mut self, index: u32) {
        self.retry.push(Reverse(index));
    }

    /// Up to `n` lowest indexes that are neither completed nor active.
    pub fn take(&mut self, n: usize, completions: u32, done: &IntervalSet) -> Vec<u32> {
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
            if done.contains(idx) || self.active.contains(&idx) || out.contains(&idx) {
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
    fn pending_indexes_lowest_first() {
        let mut q = IndexQueue::default();
        let mut done = IntervalSet::default();
        assert_eq!(q.take(3, 5, &done), vec![0, 1, 2]);
        q.active.extend([0, 2]);
        done.insert(1);
        q.requeue(1); // succeeded meanwhile: skipped
        q.requeue(0); // still active: skipped
        assert_eq!(q.take(5, 5, &done), vec![3, 4]);
        q.active.remove(&2);
        q.requeue(2);
        assert_eq!(q.take(5, 5, &done), vec![2]);
    }
}
