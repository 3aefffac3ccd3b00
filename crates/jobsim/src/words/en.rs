//! English: the CLI's words, each data type's `Display`, and what the
//! goldens pin.

use super::{power, secs, span, Words};
use crate::clock::Time;
use crate::cronjob::explain::{
    CronExplanation, DayWords, Decided, Final, Next, ScheduleWords, TimeWords,
};
use crate::cronjob::ConcurrencyPolicy;
use crate::exercise::{amount_text, bounds, target_text, wanted_text, Bound, GoalResult, Got};
use crate::job::explain::{Explanation, Limit};
use crate::job::FailureBudget;
use crate::lesson_form::{Goal, Measure};
use crate::link::{LinkError, MAX_FRAGMENT, MAX_TEXT};
use crate::manifest::SourceError;
use crate::nodelifecycle::NodeLossNote;
use crate::note::{Note, StopReason};
use crate::recording::ExplainLine;
use crate::scenario::Outcome;
use crate::timing::{
    DEFAULT_UNREACHABLE_TOLERATION_SECONDS, LARGE_CLUSTER_THRESHOLD, NODE_MONITOR_GRACE_PERIOD,
    UNHEALTHY_ZONE_THRESHOLD,
};

/// English.
#[derive(Clone, Copy, Debug)]
pub struct En;

impl Words for En {
    fn explanation(&self, e: &Explanation) -> String {
        e.to_string()
    }

    fn cron_final(&self, f: &Final) -> String {
        match f {
            Final::NoZone(e) => format!("No Jobs: the time zone cannot be loaded ({e}); the controller records UnknownTimeZone and stops."),
            Final::Suspended => "Suspended: no new Jobs (running ones continue). On resume, the most recent missed slot runs at once if it is within startingDeadlineSeconds.".into(),
            Final::InvalidSchedule(e) => format!("No Jobs: {e} (InvalidSchedule); the controller does not requeue."),
            Final::UnknownTimeZone(e) => format!("No Jobs: {e}."),
            Final::NameTaken { scheduled, job } => format!("{scheduled} was not run: a Job named {job} already exists and is not controlled by this CronJob."),
        }
    }

    fn cron_decided(&self, d: &Decided) -> String {
        match d {
            Decided::Created { job, scheduled, replaced, missed } => {
                let mut s = format!("Created {job} for {scheduled}");
                if !replaced.is_empty() {
                    s.push_str(&format!(" after deleting {} (concurrencyPolicy Replace)", replaced.join(", ")));
                }
                match missed {
                    Some(true) => s.push_str(": more than 100 start times were missed (TooManyMissedTimes); only the most recent one runs"),
                    Some(false) => s.push_str(": start times were missed; only the most recent one runs, the others are never made up"),
                    None => {}
                }
                s.push('.');
                s
            }
            Decided::SkippedForbid { scheduled, active, deadline } => format!(
                "{scheduled} was skipped: concurrencyPolicy Forbid and {active} is still running. lastScheduleTime stays put, so the slot runs late when it finishes{}.",
                deadline.map(|s| format!(", if that is within startingDeadlineSeconds ({s} s)")).unwrap_or_default()
            ),
            Decided::MissedDeadline { scheduled, deadline } => format!(
                "{scheduled} was missed: it is more than startingDeadlineSeconds ({deadline} s) late, so no Job is created (MissSchedule)."
            ),
            Decided::ControllerDown { until } => format!(
                "The CronJob controller is down until {until}; slots in between are missed, and when it returns only the most recent one runs (if within startingDeadlineSeconds)."
            ),
        }
    }

    fn cron_next(&self, n: &Next) -> String {
        let at = &n.at;
        match &n.active {
            Some((ConcurrencyPolicy::Forbid, j)) => {
                format!("Next: {at} (skipped if {j} is still running: Forbid)")
            }
            Some((ConcurrencyPolicy::Replace, j)) => {
                format!("Next: {at} (replaces {j} if still running: Replace)")
            }
            Some((ConcurrencyPolicy::Allow, _)) => {
                format!("Next: {at} (runs alongside the active Job: Allow)")
            }
            None => format!("Next: {at}"),
        }
    }

    fn schedule(&self, w: &ScheduleWords) -> String {
        w.to_string()
    }

    fn note(&self, n: &Note) -> String {
        n.to_string()
    }

    fn node_note(&self, n: &NodeLossNote) -> String {
        n.to_string()
    }

    fn budget(&self, b: &FailureBudget) -> String {
        match b {
            FailureBudget::FailedPods {
                failed,
                backoff_limit,
                fails_at,
            } => format!("{failed} failed / backoffLimit {backoff_limit} (fails at {fails_at})"),
            FailureBudget::Restarts {
                restarts,
                backoff_limit,
                fails_at,
            } => format!(
                "{restarts} restarts / backoffLimit {backoff_limit} (fails at {fails_at} restarts)"
            ),
            FailureBudget::PerIndex {
                backoff_limit_per_index,
                failed_indexes,
                failed_pods,
                ..
            } => {
                let (which, max) = b.per_index_suffixes();
                format!(
                    "{failed_indexes} failed index(es){which}{max} · backoffLimitPerIndex {backoff_limit_per_index} · {failed_pods} failed pod(s)"
                )
            }
        }
    }

    fn goal(&self, g: &Goal) -> String {
        let target = target_text(g);
        if let Some(m) = g.measure {
            let words: Vec<String> = bounds(g)
                .into_iter()
                .map(|(b, v)| match b {
                    Bound::Exactly => v,
                    Bound::AtLeast => format!("at least {v}"),
                    Bound::AtMost => format!("at most {v}"),
                })
                .collect();
            return format!(
                "{target}: {} must be {}",
                measure_words(m),
                words.join(" and ")
            );
        }
        if let Some(f) = &g.field {
            return format!("{target}: {f} must be {}", wanted_text(g));
        }
        match (&g.condition, &g.reason) {
            (Some(c), Some(r)) => format!("{target} must end {c} ({r})"),
            (Some(c), None) => format!("{target} must end {c}"),
            (None, Some(r)) => format!("{target} must end with reason {r}"),
            (None, None) => format!("{target} must finish"),
        }
    }

    fn got(&self, r: &GoalResult) -> String {
        match &r.got {
            Got::Missing => "the run has no such object".into(),
            Got::Condition(Some((kind, reason))) => format!("it ends {kind} ({reason})"),
            Got::Condition(None) | Got::Amount(None) => "it has not finished".into(),
            Got::Amount(Some(v)) => {
                let m = r.goal.measure.unwrap_or(Measure::Pods);
                format!("the run shows {}", amount_text(m, *v))
            }
            Got::Field(Some(v)) => format!("it is {v}"),
            Got::Field(None) => "it is unset".into(),
        }
    }

    fn outcome(&self, o: &Outcome) -> String {
        match (&o.job, &o.condition, &o.cronjob, o.jobs) {
            (Some(j), Some(c), _, _) if c == "deleted" => {
                format!("Job {j} is deleted, and its pods with it.")
            }
            (Some(j), Some(c), _, _) if c == "none" => format!("Job {j} is still running."),
            (Some(j), Some(c), _, _) => format!("Job {j} ends {c}."),
            (_, _, Some(c), Some(n)) => format!("CronJob {c} keeps {n} finished Jobs."),
            _ => String::new(),
        }
    }

    fn link_error(&self, e: &LinkError) -> String {
        format!("Could not open the shared link: {e}.")
    }

    fn source_error(&self, e: &SourceError) -> String {
        // English is the message as built (kubectl's form for field errors).
        e.message.clone()
    }

    fn explain_line(&self, l: &ExplainLine) -> String {
        l.to_string()
    }
}

/// A measure's name in the goal sentence.
fn measure_words(m: Measure) -> &'static str {
    match m {
        Measure::Pods => "pods created",
        Measure::Failed => "failed pods",
        Measure::Succeeded => "succeeded pods",
        Measure::Restarts => "container restarts",
        Measure::FinishedAt => "finished",
        Measure::JobsCreated => "Jobs created",
        Measure::JobsKept => "Jobs kept",
        Measure::MaxActive => "most Jobs active at once",
        Measure::Skipped => "runs skipped",
    }
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn list(v: &[String]) -> String {
    match v.len() {
        0 => String::new(),
        1 => v[0].clone(),
        _ => format!("{} and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
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

impl std::fmt::Display for NodeLossNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |s: bool| {
            if s {
                format!(
                    " Shortened timings are on (timings.fastNodeLoss or explicit values); upstream waits {NODE_MONITOR_GRACE_PERIOD}, then {DEFAULT_UNREACHABLE_TOLERATION_SECONDS}s."
                )
            } else {
                String::new()
            }
        };
        match self {
            NodeLossNote::Silent { since, grace, not_ready_at, shortened } => write!(
                f,
                "Silent since {since}: the API still shows Ready and Running pods. After nodeMonitorGracePeriod ({grace}) the node lifecycle controller marks it NotReady (at {not_ready_at}).{}",
                short(*shortened)
            ),
            NodeLossNote::Unreachable { since, toleration, evict_from, shortened } => write!(
                f,
                "NotReady since {since} and tainted node.kubernetes.io/unreachable:NoExecute. Pods are deleted when their toleration ends (tolerationSeconds {toleration}, from {evict_from}); they stay Terminating until the node comes back or its Node object is deleted.{}",
                short(*shortened)
            ),
            NodeLossNote::EvictionsHeld { since, full: true } => write!(
                f,
                "NotReady since {since}. Every node is NotReady, so the node lifecycle controller assumes the fault is its own (full disruption): it takes the NoExecute taints off and evicts nothing until some node is Ready again. The pods stay Running in the API, marked not ready."
            ),
            NodeLossNote::EvictionsHeld { since, full: false } => write!(
                f,
                "NotReady since {since}. At least three nodes and {}% of this zone are NotReady, and the zone has at most {LARGE_CLUSTER_THRESHOLD} nodes (partial disruption): the node lifecycle controller evicts nothing here until more nodes are Ready. The pods stay Running in the API, marked not ready.",
                (UNHEALTHY_ZONE_THRESHOLD * 100.0).round()
            ),
        }
    }
}

impl std::fmt::Display for ScheduleWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let nums = |v: &[u32]| list(&v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
        let day_names = |v: &[u32]| {
            list(
                &v.iter()
                    .map(|d| DAYS[*d as usize].to_string())
                    .collect::<Vec<_>>(),
            )
        };
        match &self.time {
            TimeWords::Every(d) => return write!(f, "every {d} (counted from the previous run)"),
            TimeWords::EveryMinute => f.write_str("every minute")?,
            TimeWords::MinuteOfHour(m) => write!(f, "at minute {m} of every hour")?,
            TimeWords::EveryNMinutes(n) => write!(f, "every {n} minutes")?,
            TimeWords::MinutesOfHour(ms) => write!(f, "at minutes {} of every hour", nums(ms))?,
            TimeWords::At(times) => write!(
                f,
                "at {}",
                list(
                    &times
                        .iter()
                        .map(|(h, m)| format!("{h:02}:{m:02}"))
                        .collect::<Vec<_>>()
                )
            )?,
            TimeWords::MinutesPastHours(ms, hs) => {
                write!(f, "at minute(s) {} past hour(s) {}", nums(ms), nums(hs))?
            }
        }
        match &self.days {
            DayWords::Every => {}
            DayWords::DaysOfMonth(d) => write!(f, " on day {} of the month", nums(d))?,
            DayWords::Weekdays(w) => write!(f, " on {}", day_names(w))?,
            DayWords::Both {
                days,
                and,
                weekdays,
            } => write!(
                f,
                " on day {} of the month {} on {}",
                nums(days),
                if *and { "and" } else { "or" },
                day_names(weekdays)
            )?,
        }
        if let Some(m) = &self.months {
            let names: Vec<String> = m
                .iter()
                .map(|m| MONTHS[*m as usize - 1].to_string())
                .collect();
            write!(f, " in {}", list(&names))?;
        }
        Ok(())
    }
}

impl std::fmt::Display for CronExplanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&En.cron_explanation(self))
    }
}

impl std::fmt::Display for ExplainLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExplainLine::Retry { pod, name, gap_s, failures, expected_s } => {
                write!(
                    f,
                    "pod {pod} ({name}) came {gap_s} s after the last failure ({failures} in a row); the back-off for that is 10 s × 2{} = {expected_s} s",
                    power(failures - 1)
                )?;
                if !self.matches() {
                    write!(
                        f,
                        " by the 1.34 code: this cluster waited {} s {} (another release's rule, or a busy controller)",
                        (gap_s - *expected_s as i64).abs(),
                        if *gap_s > *expected_s as i64 { "longer" } else { "less" }
                    )?;
                }
                Ok(())
            }
            ExplainLine::Finished { condition, reason, failed, backoff_limit } => {
                if reason == "BackoffLimitExceeded" {
                    write!(f, "{condition} ({reason}): {failed} pod(s) failed, more than backoffLimit {backoff_limit}")
                } else {
                    write!(f, "{condition} ({reason})")
                }
            }
            ExplainLine::Running => f.write_str("no terminal condition yet: the Job was still running when recorded"),
            ExplainLine::PodsGone { listed, counted } => write!(
                f,
                "{counted} pod(s) failed but {listed} are listed: the others were deleted, so their times are unknown"
            ),
            ExplainLine::PodsNotRecorded => f.write_str(
                "no pods in the recording (add them: kubectl get job,pods,events -o json): the waits between retries cannot be timed",
            ),
            ExplainLine::NoEvents => f.write_str(
                "no events in the recording: the API server keeps them an hour after they were last seen",
            ),
            ExplainLine::AgesRounded => f.write_str(
                "describe rounds ages (to the minute past 10 minutes), so each time below is a range; kubectl get job,pods,events -o json gives exact times",
            ),
            ExplainLine::RetryWithin { pod, name, lo, hi, failures, expected_s } => {
                write!(
                    f,
                    "pod {pod} ({name}) was created {} after pod {}: its run time, then the back-off after {failures} failure{} in a row, 10 s × 2{} = {expected_s} s",
                    span(*lo, *hi),
                    pod - 1,
                    if *failures == 1 { "" } else { "s" },
                    power(failures - 1)
                )?;
                if !self.matches() {
                    write!(
                        f,
                        "; that is shorter than the 1.34 back-off alone: this cluster waited less (another release's rule)"
                    )?;
                }
                Ok(())
            }
            ExplainLine::EndedAfter { pod, lo, hi } => write!(
                f,
                "the Job ended {} after pod {pod} was created (1.34 ends it as soon as that pod's failure is counted)",
                span(*lo, *hi)
            ),
            ExplainLine::WhichFailedUnknown => f.write_str(
                "describe does not say which pod failed when (several pods at once, or a success): the retries cannot be timed from it",
            ),
            ExplainLine::EventsGone { listed, counted } => write!(
                f,
                "{counted} pod(s) counted but {listed} creation(s) listed: the older events expired (an hour after they were last seen)"
            ),
        }
    }
}

impl std::fmt::Display for GoalResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&En.goal_result(self))
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::ManagedElsewhere { job, manager } => write!(
                f,
                "Job {job:?} has spec.managedBy: {manager:?}, so the built-in Job controller leaves it alone: no pods are created for it."
            ),
            Note::CronJobUtc => f.write_str("CronJobs without spec.timeZone run in UTC here; a real cluster uses the kube-controller-manager's local time zone (usually UTC)."),
            Note::ShortenedNodeLoss { grace, toleration } => write!(
                f,
                "Node loss runs on shortened timings: a crashed node turns NotReady after {grace} (upstream's nodeMonitorGracePeriod is {}) and its pods tolerate the unreachable taint for {toleration}s (upstream's default is {}s).",
                crate::timing::NODE_MONITOR_GRACE_PERIOD,
                crate::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS,
            ),
            Note::Stopped(StopReason::PodLimit(n)) => write!(
                f,
                "Simulation stopped: the playground simulates at most {n} pods; Jobs still running here would go on in a real cluster."
            ),
            Note::Stopped(StopReason::Horizon(t)) => write!(
                f,
                "Simulation stopped at the {} horizon with work left; Jobs still running here would go on in a real cluster.",
                t.since(Time::ZERO)
            ),
        }
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::TooLong(n) => write!(
                f,
                "the link is {n} characters long; the playground reads at most {MAX_FRAGMENT}"
            ),
            LinkError::UnknownVersion(v) => write!(
                f,
                "the link has format {v:?}, which this playground does not know (it reads v1 links and the older #m= links)"
            ),
            LinkError::NotBase64 => f.write_str("the link is damaged: it has characters that are not base64url"),
            LinkError::Truncated => f.write_str("the link is cut short: its compressed data ends early (was it copied whole?)"),
            LinkError::Corrupt => f.write_str("the link is damaged: its compressed data does not inflate"),
            LinkError::TooLarge => write!(
                f,
                "the link inflates to more than {} KiB, more than the playground accepts",
                MAX_TEXT / 1024
            ),
            LinkError::NotText => f.write_str("the link does not hold UTF-8 text"),
            LinkError::BadHeader => f.write_str("the link's header line (virtual time and view) is malformed"),
        }
    }
}
