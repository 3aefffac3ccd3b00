//! "What happens next and why": a plain-language line per Job, computed
//! from the controller's own state so the UI never guesses.

use super::{backoff, CondType};
use crate::clock::{rfc3339, unix_secs, Duration};
use crate::world::World;

/// What happens next to a Job and why, as data: the UI words it in the
/// reader's language, `Display` in English (the CLI's words).
#[derive(Debug, Clone, PartialEq)]
pub enum Explanation {
    Deleted,
    /// `completions` None: a work queue.
    Complete {
        reason: &'static str,
        succeeded: u64,
        completions: Option<u32>,
    },
    FailedOnFailure {
        backoff_limit: u32,
    },
    FailedBackoff {
        failed: u64,
        backoff_limit: u32,
    },
    FailedDeadline {
        deadline: Option<Duration>,
    },
    FailedOther {
        reason: &'static str,
        message: String,
    },
    /// SuccessCriteriaMet, waiting for terminating pods.
    Succeeding {
        reason: &'static str,
        terminating: u32,
    },
    /// FailureTarget, waiting for terminating pods.
    Failing {
        reason: &'static str,
        terminating: u32,
    },
    Suspended,
    /// The pod-creation back-off: the next pod in `remaining` (rounded up
    /// to seconds) after `failures` in a row, `delay` = 10 s × 2^(n-1).
    BackOff {
        remaining: Duration,
        failures: u32,
        delay: Duration,
        capped: bool,
        /// The last failure, as an RFC 3339 time.
        since: Option<String>,
    },
    Unschedulable {
        count: usize,
        message: String,
    },
    FirstSync,
    Running {
        active: u64,
        ready: u32,
        succeeded: u64,
        completions: Option<u32>,
        limit: Limit,
    },
}

/// The failure limit that applies to a running Job.
#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    PerIndex {
        failed_indexes: u64,
        /// The failed indexes as `status.failedIndexes` writes them.
        failed_text: String,
        per_index: u32,
        max_failed_indexes: Option<u32>,
    },
    OnFailure {
        restarts: u64,
        backoff_limit: u32,
    },
    Count {
        failed: u64,
        backoff_limit: u32,
    },
}

pub fn explanation(w: &World, j: u32) -> Explanation {
    let job = &w.store.jobs[j as usize];
    let st = &job.status;
    if job.deleted.is_some() {
        return Explanation::Deleted;
    }
    if let Some(c) = job.condition(CondType::Complete) {
        return Explanation::Complete {
            reason: c.reason,
            succeeded: st.succeeded,
            completions: job.completions,
        };
    }
    if let Some(c) = job.condition(CondType::Failed) {
        return match c.reason {
            "BackoffLimitExceeded" if job.on_failure => Explanation::FailedOnFailure {
                backoff_limit: job.backoff_limit,
            },
            "BackoffLimitExceeded" => Explanation::FailedBackoff {
                failed: st.failed,
                backoff_limit: job.backoff_limit,
            },
            "DeadlineExceeded" => Explanation::FailedDeadline {
                deadline: job.active_deadline,
            },
            r => Explanation::FailedOther {
                reason: r,
                message: c.message.clone(),
            },
        };
    }
    if let Some(c) = job.condition(CondType::SuccessCriteriaMet) {
        return Explanation::Succeeding {
            reason: c.reason,
            terminating: job.terminating,
        };
    }
    if let Some(c) = job.condition(CondType::FailureTarget) {
        return Explanation::Failing {
            reason: c.reason,
            terminating: job.terminating,
        };
    }
    if job.suspend {
        return Explanation::Suspended;
    }
    let active = job.active.len() as u64;
    let want = job.wanted_active();
    let remaining = job.backoff.remaining(w.now);
    if want > active && remaining > Duration::ZERO && job.backoff_limit_per_index.is_none() {
        let n = job.backoff.failures_after_last_success;
        let delay = backoff::delay(n);
        return Explanation::BackOff {
            remaining: Duration(remaining.as_millis().div_ceil(1000) * 1000),
            failures: n,
            delay,
            capped: delay == backoff::MAX,
            since: job
                .backoff
                .last_failure
                .map(|t| rfc3339(unix_secs(w.origin_unix, t))),
        };
    }
    let pending = job
        .active
        .iter()
        .filter_map(|&p| w.store.pods[p as usize].unschedulable.get())
        .next();
    if let Some(msg) = pending {
        return Explanation::Unschedulable {
            count: job
                .active
                .iter()
                .filter(|&&p| w.store.pods[p as usize].unschedulable.is_some())
                .count(),
            message: w.store.events.messages[msg as usize].clone(),
        };
    }
    if st.start_time.is_none() && active == 0 {
        return Explanation::FirstSync;
    }
    let limit = if let Some(per) = job.backoff_limit_per_index {
        Limit::PerIndex {
            failed_indexes: st.failed_indexes.len(),
            failed_text: st.failed_indexes.to_string(),
            per_index: per,
            max_failed_indexes: job.max_failed_indexes,
        }
    } else if job.on_failure {
        Limit::OnFailure {
            restarts: job.restarts,
            backoff_limit: job.backoff_limit,
        }
    } else {
        Limit::Count {
            failed: st.failed,
            backoff_limit: job.backoff_limit,
        }
    };
    Explanation::Running {
        active,
        ready: job.ready,
        succeeded: st.succeeded,
        completions: job.completions,
        limit,
    }
}

/// The explanation in English.
pub fn explain(w: &World, j: u32) -> String {
    explanation(w, j).to_string()
}

#[cfg(test)]
mod tests {
    use crate::{Time, World};

    #[test]
    fn explains_the_seed_backoff() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/abnormal-end.yaml"
        ))
        .unwrap();
        let mut w = World::from_text(&text, None).unwrap();
        // Third pod failed at 46+8=54 s; the next is created at 94 s.
        w.run_until(Time(60_000));
        let e = super::explain(&w, 0);
        assert!(e.starts_with("Next pod in 34 s: exponential back-off after 3 failure(s) in a row, 10 s × 2² = 40 s"), "{e}");
        w.run_to_end();
        assert!(super::explain(&w, 0).starts_with(
            "Failed (BackoffLimitExceeded): 7 pod(s) failed, more than backoffLimit 6"
        ));
    }
}
