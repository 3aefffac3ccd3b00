//! One card per Job: progress, failures against backoffLimit, conditions
//! and the core's "what happens next and why" line. Field names carry
//! hover help.

use crate::sim::use_sim;
use jobsim::snapshot::JobView;
use leptos::prelude::*;

/// Hover help for the Job spec fields shown on the card.
fn help(field: &str) -> &'static str {
    match field {
        "completions" => "spec.completions: how many pods must succeed. Unset means a work queue: the Job is done when one pod succeeds and the others finish.",
        "parallelism" => "spec.parallelism: at most this many pods run at once (default 1; 0 pauses the Job).",
        "backoffLimit" => "spec.backoffLimit (default 6): retries before the Job fails. With restartPolicy Never the Job fails when more than backoffLimit pods have failed; with OnFailure when container restarts reach it. Each new pod after a failure waits 10 s × 2^(failures−1), capped at 10 minutes; a success resets the count.",
        "completionMode" => "spec.completionMode: NonIndexed (default) or Indexed; Indexed pods get an index 0..completions−1 in their name, label and JOB_COMPLETION_INDEX.",
        "restartPolicy" => "spec.template.spec.restartPolicy: Never (a failed pod stays failed and the Job creates a new one) or OnFailure (the kubelet restarts the container in place, with CrashLoopBackOff delays of 10 s doubling to 5 min).",
        "suspend" => "spec.suspend: true deletes the running pods (not counted as failures) and creates none until it is false again.",
        "activeDeadlineSeconds" => "spec.activeDeadlineSeconds: the Job fails with DeadlineExceeded this long after it started, whatever backoffLimit says.",
        "ttlSecondsAfterFinished" => "spec.ttlSecondsAfterFinished: the TTL controller deletes the finished Job (and its pods) this long after it completes or fails.",
        "podReplacementPolicy" => "spec.podReplacementPolicy: TerminatingOrFailed (default) replaces a pod as soon as it is being deleted; Failed waits until it has fully terminated.",
        "backoffLimitPerIndex" => "spec.backoffLimitPerIndex: retries per index of an Indexed Job; an index whose pods failed more often is marked failed (status.failedIndexes) while the others go on. Each index waits 10 s × 2^(its failures−1) before its next pod.",
        "podFailurePolicy" => "spec.podFailurePolicy: rules on a failed pod's exit codes or conditions, first match wins: FailJob fails the Job at once, Ignore does not count the failure (e.g. DisruptionTarget after a node loss), Count counts it. FailIndex (with backoffLimitPerIndex) fails just that index.",
        "successPolicy" => "spec.successPolicy: an Indexed Job succeeds as soon as a rule matches (all of succeededIndexes, or succeededCount of them); the remaining pods are deleted. Failure rules (backoffLimit, podFailurePolicy) are checked first.",
        _ => "",
    }
}

#[component]
pub fn Jobs() -> impl IntoView {
    let sim = use_sim();
    let jobs = move || sim.view_slow(jobsim::snapshot::jobs).unwrap_or_default();
    view! {
        <div class="panel">
            <div class="panel-head"><h2>"Jobs"</h2></div>
            <div class="jobs">
                <For each=jobs key=|j: &JobView| format!("{j:?}") let:job>
                    <JobCard job=job/>
                </For>
            </div>
        </div>
    }
}

#[component]
fn JobCard(job: JobView) -> impl IntoView {
    let pct = match job.completions {
        Some(c) if c > 0 => (job.succeeded as f64 / c as f64 * 100.0).min(100.0),
        _ => {
            if job.terminal == "Complete" {
                100.0
            } else {
                0.0
            }
        }
    };
    let fail_pct = if job.backoff_limit == 0 {
        if job.failed > 0 {
            100.0
        } else {
            0.0
        }
    } else {
        let used = if job.on_failure {
            job.restarts
        } else {
            job.failed
        };
        (used as f64 / (job.backoff_limit as f64 + if job.on_failure { 0.0 } else { 1.0 }) * 100.0)
            .min(100.0)
    };
    let goal = job
        .completions
        .map_or("work queue".to_string(), |c| c.to_string());
    let failures = if job.on_failure {
        format!(
            "{} restarts / backoffLimit {}",
            job.restarts, job.backoff_limit
        )
    } else {
        format!(
            "{} failed / backoffLimit {} (fails at {})",
            job.failed,
            job.backoff_limit,
            job.backoff_limit as u64 + 1
        )
    };
    view! {
        <article data-testid="job" data-name=job.name.clone() data-condition=job.terminal
            class=format!("job job-{}", job.status.to_lowercase())>
            <h3>
                <span class="jname">{job.name.clone()}</span>
                <span class="jstatus">{match job.status { "Complete" => "✔ ", "Failed" => "✖ ", "Suspended" => "❚❚ ", _ => "▶ " }}{job.status}</span>
            </h3>
            <dl class="spec">
                {job.fields.iter().map(|(k, v)| view! {
                    <div class="kv"><dt title=help(k) tabindex="0">{*k}</dt><dd>{v.clone()}</dd></div>
                }).collect_view()}
            </dl>
            <div class="bar" role="progressbar" aria-label="Succeeded" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{pct:.0}")>
                <span class="fill ok" style=format!("width:{pct:.1}%")></span>
                <span class="bar-text">{format!("✔ {} / {goal} succeeded · {} active ({} ready)", job.succeeded, job.active, job.ready)}</span>
            </div>
            <div class="bar" role="progressbar" aria-label="Failures against backoffLimit" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{fail_pct:.0}")>
                <span class="fill bad" style=format!("width:{fail_pct:.1}%")></span>
                <span class="bar-text">{format!("✖ {failures}")}</span>
            </div>
            {job.indexed.then(|| view! {
                <p class="muted">"Completed indexes: " {if job.completed_indexes.is_empty() { "<none>".to_string() } else { job.completed_indexes.clone() }}</p>
            })}
            <p class="explain" data-testid="job-explain">{job.explain.clone()}</p>
            <ul class="conditions">
                {job.conditions.iter().map(|(t, r, m)| view! {
                    <li><code>{t.clone()}</code> " " <strong>{r.clone()}</strong> ": " {m.clone()}</li>
                }).collect_view()}
            </ul>
        </article>
    }
}
