//! "What happens next and why": a plain-language line per Job, computed
//! from the controller's own state so the UI never guesses.

use super::{backoff, CondType};
use crate::clock::{rfc3339, unix_secs, Duration};
use crate::world::World;

fn secs(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

fn power(n: u32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| SUP[c as usize - '0' as usize])
        .collect()
}

pub fn explain(w: &World, j: u32) -> String {
    let job = &w.jobs[j as usize];
    let st = &job.status;
    if job.deleted.is_some() {
        return "Deleted: the garbage collector removes its pods (cascading deletion).".into();
    }
    if let Some(c) = job.condition(CondType::Complete) {
        let goal = job
            .completions
            .map_or("the work queue finished".to_string(), |c| {
                format!("completions {c}")
            });
        return format!(
            "Complete ({}): {} pod(s) succeeded, reaching {goal}.",
            c.reason, st.succeeded
        );
    }
    if let Some(c) = job.condition(CondType::Failed) {
        return match c.reason {
            "BackoffLimitExceeded" if job.on_failure => format!(
                "Failed (BackoffLimitExceeded): with restartPolicy OnFailure, container restarts count toward backoffLimit {}; the limit was reached and the running pod was deleted.",
                job.backoff_limit
            ),
            "BackoffLimitExceeded" => format!(
                "Failed (BackoffLimitExceeded): {} pod(s) failed, more than backoffLimit {} (the first try plus {} retries). No more pods are created.",
                st.failed, job.backoff_limit, job.backoff_limit
            ),
            "DeadlineExceeded" => format!(
                "Failed (DeadlineExceeded): the Job was active longer than activeDeadlineSeconds ({}); its pods were deleted and counted as failed.",
                job.active_deadline.map(secs).unwrap_or_default()
            ),
            r => format!("Failed ({r}): {}", c.message),
        };
    }
    if let Some(c) = job.condition(CondType::SuccessCriteriaMet) {
        return format!(
            "Succeeded ({}): waiting for {} pod(s) to finish terminating before Complete is added (Kubernetes 1.31+). A pod on a crashed node stays Terminating until the node recovers or is removed.",
            c.reason, job.terminating
        );
    }
    if let Some(c) = job.condition(CondType::FailureTarget) {
        return format!(
            "Failing ({}): waiting for {} pod(s) to finish terminating; then the Failed condition is added (Kubernetes 1.31+). A pod on a crashed node stays Terminating until the node recovers or is removed.",
            c.reason, job.terminating
        );
    }
    if job.suspend {
        return "Suspended: no pods run until spec.suspend is set to false; deleted pods did not count as failed.".into();
    }
    let active = job.active.len() as u64;
    let want = job.wanted_active();
    let remaining = job.backoff.remaining(w.now);
    if want > active && remaining > Duration::ZERO && job.backoff_limit_per_index.is_none() {
        let n = job.backoff.failures_after_last_success;
        let delay = backoff::delay(n);
        let capped = if delay == backoff::MAX {
            ", capped at 10 min"
        } else {
            ""
        };
        let since = job
            .backoff
            .last_failure
            .map(|t| {
                format!(
                    ", counted from the last failure at {}",
                    rfc3339(unix_secs(w.origin_unix, t))
                )
            })
            .unwrap_or_default();
        return format!(
            "Next pod in {}: exponential back-off after {n} failure(s) in a row, 10 s × 2{} = {}{capped}{since}.",
            secs(Duration(remaining.as_millis().div_ceil(1000) * 1000)),
            power(n - 1),
            secs(delay)
        );
    }
    let pending = job
        .active
        .iter()
        .filter_map(|&p| w.pods[p as usize].unschedulable.get())
        .next();
    if let Some(msg) = pending {
        let count = job
            .active
            .iter()
            .filter(|&&p| w.pods[p as usize].unschedulable.is_some())
            .count();
        return format!(
            "{count} pod(s) cannot be scheduled: {}",
            w.events.messages[msg as usize]
        );
    }
    if st.start_time.is_none() && active == 0 {
        return "Waiting for the Job controller's first sync.".into();
    }
    let goal = match job.completions {
        Some(c) => format!("{}/{c} succeeded", st.succeeded),
        None => format!(
            "{} succeeded (work queue: done when one succeeds and the rest finish)",
            st.succeeded
        ),
    };
    let limit = if let Some(per) = job.backoff_limit_per_index {
        let failed = &st.failed_indexes;
        format!(
            "{} failed index(es){}; each index gets {} retr{} (backoffLimitPerIndex){}",
            failed.len(),
            if failed.is_empty() {
                String::new()
            } else {
                format!(" ({failed})")
            },
            per,
            if per == 1 { "y" } else { "ies" },
            job.max_failed_indexes.map_or(String::new(), |m| format!(
                ", and the Job fails when more than {m} indexes fail"
            ))
        )
    } else if job.on_failure {
        format!(
            "{} container restart(s) so far; the Job fails when restarts reach backoffLimit {}",
            job.restarts, job.backoff_limit
        )
    } else {
        format!(
            "{} failed; the Job fails when more than backoffLimit {} fail",
            st.failed, job.backoff_limit
        )
    };
    format!(
        "{active} pod(s) active ({} ready), {goal}; {limit}.",
        job.ready
    )
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
