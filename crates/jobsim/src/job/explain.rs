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

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Explanation::Deleted => f.write_str("Deleted: the garbage collector removes its pods (cascading deletion)."),
            Explanation::Complete { reason, succeeded, completions } => {
                let goal = completions.map_or("the work queue finished".to_string(), |c| format!("completions {c}"));
                write!(f, "Complete ({reason}): {succeeded} pod(s) succeeded, reaching {goal}.")
            }
            Explanation::FailedOnFailure { backoff_limit } => write!(
                f,
                "Failed (BackoffLimitExceeded): with restartPolicy OnFailure, container restarts count toward backoffLimit {backoff_limit}; the limit was reached and the running pod was deleted."
            ),
            Explanation::FailedBackoff { failed, backoff_limit } => write!(
                f,
                "Failed (BackoffLimitExceeded): {failed} pod(s) failed, more than backoffLimit {backoff_limit} (the first try plus {backoff_limit} retries). No more pods are created."
            ),
            Explanation::FailedDeadline { deadline } => write!(
                f,
                "Failed (DeadlineExceeded): the Job was active longer than activeDeadlineSeconds ({}); its pods were deleted and counted as failed.",
                deadline.map(secs).unwrap_or_default()
            ),
            Explanation::FailedOther { reason, message } => write!(f, "Failed ({reason}): {message}"),
            Explanation::Succeeding { reason, terminating } => write!(
                f,
                "Succeeded ({reason}): waiting for {terminating} pod(s) to finish terminating before Complete is added (Kubernetes 1.31+). A pod on a crashed node stays Terminating until the node recovers or is removed."
            ),
            Explanation::Failing { reason, terminating } => write!(
                f,
                "Failing ({reason}): waiting for {terminating} pod(s) to finish terminating; then the Failed condition is added (Kubernetes 1.31+). A pod on a crashed node stays Terminating until the node recovers or is removed."
            ),
            Explanation::Suspended => f.write_str("Suspended: no pods run until spec.suspend is set to false; deleted pods did not count as failed."),
            Explanation::BackOff { remaining, failures, delay, capped, since } => write!(
                f,
                "Next pod in {}: exponential back-off after {failures} failure(s) in a row, 10 s × 2{} = {}{}{}.",
                secs(*remaining),
                power(failures.saturating_sub(1)),
                secs(*delay),
                if *capped { ", capped at 10 min" } else { "" },
                since.as_ref().map(|t| format!(", counted from the last failure at {t}")).unwrap_or_default()
            ),
            Explanation::Unschedulable { count, message } => write!(f, "{count} pod(s) cannot be scheduled: {message}"),
            Explanation::FirstSync => f.write_str("Waiting for the Job controller's first sync."),
            Explanation::Running { active, ready, succeeded, completions, limit } => {
                let goal = match completions {
                    Some(c) => format!("{succeeded}/{c} succeeded"),
                    None => format!("{succeeded} succeeded (work queue: done when one succeeds and the rest finish)"),
                };
                let limit = match limit {
                    Limit::PerIndex { failed_indexes, failed_text, per_index, max_failed_indexes } => format!(
                        "{failed_indexes} failed index(es){}; each index gets {per_index} retr{} (backoffLimitPerIndex){}",
                        if failed_text.is_empty() { String::new() } else { format!(" ({failed_text})") },
                        if *per_index == 1 { "y" } else { "ies" },
                        max_failed_indexes.map_or(String::new(), |m| format!(", and the Job fails when more than {m} indexes fail"))
                    ),
                    Limit::OnFailure { restarts, backoff_limit } => format!(
                        "{restarts} container restart(s) so far; the Job fails when restarts reach backoffLimit {backoff_limit}"
                    ),
                    Limit::Count { failed, backoff_limit } => format!(
                        "{failed} failed; the Job fails when more than backoffLimit {backoff_limit} fail"
                    ),
                };
                write!(f, "{active} pod(s) active ({ready} ready), {goal}; {limit}.")
            }
        }
    }
}

/// Seconds as the explanations print them (`12 s`, `1.5 s`).
pub fn secs(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// `n` in superscript digits (the back-off's exponent).
pub fn power(n: u32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| SUP[c as usize - '0' as usize])
        .collect()
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
