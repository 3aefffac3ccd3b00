//! The event queue: pending events popped in `(time, seq)` order, `seq`
//! rising with each push, so equal times pop in the order they were
//! scheduled.
//!
//! Most events are scheduled a fixed delay after now (a container's run
//! time, the controller's one-second batching), so each delay's events
//! arrive in time order. Such runs go to a few FIFO lanes, where a push
//! and a pop cost O(1); anything that fits no lane goes to a binary heap.
//! A pop takes the smallest of the lane fronts and the heap top, so the
//! order is exactly that of one heap over everything.

use crate::clock::Time;
use std::collections::{BinaryHeap, VecDeque};

/// How many FIFO lanes: one per common delay.
const LANES: usize = 4;

#[derive(Debug, Clone)]
struct Entry<T> {
    at: Time,
    seq: u64,
    value: T,
}

impl<T> Entry<T> {
    fn key(&self) -> (Time, u64) {
        (self.at, self.seq)
    }
}

impl<T> PartialEq for Entry<T> {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl<T> Eq for Entry<T> {}
impl<T> PartialOrd for Entry<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<T> Ord for Entry<T> {
    #[inline]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Reversed: BinaryHeap is a max-heap.
        other.key().cmp(&self.key())
    }
}

#[derive(Debug, Clone)]
pub(crate) struct EventQueue<T> {
    lanes: [VecDeque<Entry<T>>; LANES],
    heap: BinaryHeap<Entry<T>>,
}

impl<T> Default for EventQueue<T> {
    fn default() -> Self {
        EventQueue {
            lanes: Default::default(),
            heap: BinaryHeap::new(),
        }
    }
}

impl<T> EventQueue<T> {
    /// Schedules `value` at `at`; `seq` must be larger than any before.
    /// Not inlined: the world schedules from dozens of places.
    #[inline(never)]
    pub fn push(&mut self, at: Time, seq: u64, value: T) {
        let e = Entry { at, seq, value };
        // The first lane whose last event is not later (an empty lane
        // takes anything).
        for lane in &mut self.lanes {
            if lane.back().is_none_or(|b| b.key() <= e.key()) {
                lane.push_back(e);
                return;
            }
        }
        self.heap.push(e);
    }

    /// Where the next event is: a lane, or `LANES` for the heap.
    fn next_source(&self) -> Option<usize> {
        let mut best: Option<((Time, u64), usize)> = self.heap.peek().map(|e| (e.key(), LANES));
        for (i, lane) in self.lanes.iter().enumerate() {
            if let Some(f) = lane.front() {
                if best.is_none_or(|(k, _)| f.key() < k) {
                    best = Some((f.key(), i));
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// The time of the next event.
    pub fn peek_time(&self) -> Option<Time> {
        match self.next_source()? {
            LANES => self.heap.peek().map(|e| e.at),
            i => self.lanes[i].front().map(|e| e.at),
        }
    }

    /// The next event and its time.
    pub fn pop(&mut self) -> Option<(Time, T)> {
        let e = match self.next_source()? {
            LANES => self.heap.pop(),
            i => self.lanes[i].pop_front(),
        }?;
        Some((e.at, e.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Pops come out exactly as from one binary heap over (time, seq).
        #[test]
        fn pops_in_time_then_push_order(ops in proptest::collection::vec((0u8..3, 0u64..5000), 0..400)) {
            let mut q = EventQueue::default();
            let mut model = BinaryHeap::new();
            let (mut now, mut seq) = (0u64, 0u64);
            for (op, delay) in ops {
                if op == 0 {
                    let got = q.pop();
                    let want = model.pop().map(|std::cmp::Reverse((t, s))| (Time(t), s));
                    prop_assert_eq!(got, want);
                    if let Some((t, _)) = want {
                        now = t.ms();
                    }
                } else {
                    // A few fixed delays, as the simulator schedules them,
                    // and some arbitrary ones.
                    let d = if op == 1 { [0, 1000, 20000][delay as usize % 3] } else { delay };
                    seq += 1;
                    q.push(Time(now + d), seq, seq);
                    model.push(std::cmp::Reverse((now + d, seq)));
                }
                prop_assert_eq!(q.peek_time().map(|t| t.ms()), model.peek().map(|r| r.0 .0));
            }
        }
    }
}
