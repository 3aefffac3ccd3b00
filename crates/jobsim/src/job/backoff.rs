//! Pod-creation exponential back-off (upstream `backoff_utils.go`): an
//! in-memory record of failures since the last success.

use crate::clock::{Duration, Time};

/// Base delay: `DefaultJobPodFailureBackOff`.
pub const BASE: Duration = Duration::from_secs(10);
/// Cap: `MaxJobPodFailureBackOff` in the 1.31+ controller (the docs still
/// say six minutes, which was the older `MaxJobBackOff`).
pub const MAX: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BackoffRecord {
    pub failures_after_last_success: u32,
    pub last_failure: Option<Time>,
}

/// Delay before the next pod after `n` consecutive failures (n >= 1).
pub fn delay(n: u32) -> Duration {
    if n == 0 {
        return Duration::ZERO;
    }
    let shift = (n - 1).min(20);
    Duration((BASE.0 << shift).min(MAX.0))
}

/// `getFinishedTime`: when a pod counts as finished for the back-off. A
/// terminal pod's finish; else (a pod still terminating) the time its
/// Ready condition turned False (a kubelet that ever reported the pod
/// sets it, at the latest when the pod was bound); else the deletion
/// request (deletionTimestamp minus the grace period).
pub fn finished_time(pod: &crate::pod::PodState) -> Option<Time> {
    pod.finished_at
        .get()
        .or_else(|| {
            (!pod.ready)
                .then(|| pod.ready_changed.get().or(pod.scheduled_at.get()))
                .flatten()
        })
        .or(pod.deletion.get())
}

impl BackoffRecord {
    /// Merges pods that finished since the last sync, given their finish
    /// times: a success resets the count, and only failures after the
    /// latest success are counted.
    pub fn update(&mut self, succeeded: &[Time], failed: &[Time]) {
        if succeeded.is_empty() && failed.is_empty() {
            return;
        }
        if let Some(&last_success) = succeeded.iter().max() {
            let after: Vec<Time> = failed
                .iter()
                .copied()
                .filter(|t| *t > last_success)
                .collect();
            self.failures_after_last_success = after.len() as u32;
            self.last_failure = after.iter().max().copied();
        } else {
            self.failures_after_last_success += failed.len() as u32;
            let latest = failed.iter().max().copied();
            self.last_failure = self.last_failure.max(latest);
        }
    }

    /// Time left before pods may be created again.
    pub fn remaining(&self, now: Time) -> Duration {
        let Some(last) = self.last_failure else {
            return Duration::ZERO;
        };
        if self.failures_after_last_success == 0 {
            return Duration::ZERO;
        }
        let d = delay(self.failures_after_last_success);
        Duration(d.0.saturating_sub(now.since(last).0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_from_ten_seconds_and_cap_at_600() {
        // backoff_utils.go: 10s * 2^(n-1), capped at MaxJobPodFailureBackOff.
        let want = [10, 20, 40, 80, 160, 320, 600, 600];
        for (i, w) in want.iter().enumerate() {
            assert_eq!(delay(i as u32 + 1), Duration::from_secs(*w));
        }
    }

    #[test]
    fn record_update_table() {
        // (succeeded finish times, failed finish times) applied in order → (count, last failure)
        type Step = (&'static [u64], &'static [u64]);
        let cases: &[(&[Step], u32, Option<u64>)] = &[
            (&[(&[], &[5])], 1, Some(5)),
            (&[(&[], &[5]), (&[], &[9, 7])], 3, Some(9)),
            // A success resets; failures strictly after it still count.
            (&[(&[], &[5, 6]), (&[10], &[8, 12])], 1, Some(12)),
            (&[(&[], &[5]), (&[10], &[])], 0, None),
            (&[(&[], &[])], 0, None),
        ];
        for (steps, count, last) in cases {
            let mut r = BackoffRecord::default();
            for (s, f) in steps.iter() {
                let s: Vec<Time> = s.iter().map(|x| Time(x * 1000)).collect();
                let f: Vec<Time> = f.iter().map(|x| Time(x * 1000)).collect();
                r.update(&s, &f);
            }
            assert_eq!(r.failures_after_last_success, *count, "{steps:?}");
            assert_eq!(r.last_failure, last.map(|x| Time(x * 1000)), "{steps:?}");
        }
    }

    #[test]
    fn remaining_is_measured_from_the_failure() {
        // "too few active pods and active back-off": the first replacement waits 10s.
        let mut r = BackoffRecord::default();
        r.update(&[], &[Time(8_000)]);
        assert_eq!(r.remaining(Time(9_000)), Duration::from_secs(9));
        assert_eq!(r.remaining(Time(18_000)), Duration::ZERO);
        assert_eq!(r.remaining(Time(30_000)), Duration::ZERO);
    }
}
