//! One card per Job: progress, failures against backoffLimit, conditions
//! and the core's "what happens next and why" line. Field names carry
//! hover help.

use crate::sim::use_sim;
use jobsim::snapshot::{field_help, JobView};
use leptos::prelude::*;

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
    let pct = job.progress_pct;
    let fail_pct = job.budget.fraction() * 100.0;
    let goal = job
        .completions
        .map_or("work queue".to_string(), |c| c.to_string());
    let failures = job.budget.text();
    view! {
        <article data-testid="job" data-name=job.name.clone() data-condition=job.terminal
            data-cronjob=job.cronjob.clone().unwrap_or_default()
            class=format!("job job-{}", job.phase.class())>
            <h3>
                <span class="jname">{job.name.clone()}</span>
                <span class="jstatus">{job.phase.icon()} " " {job.status}</span>
            </h3>
            {job.cronjob.clone().map(|c| view! { <p class="muted">"created by cronjob/" {c}</p> })}
            <dl class="spec">
                {job.fields.iter().map(|(k, v)| view! {
                    <div class="kv"><dt title=field_help(k) tabindex="0">{*k}</dt><dd>{v.clone()}</dd></div>
                }).collect_view()}
            </dl>
            <div class="bar" role="progressbar" aria-label="Succeeded" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{pct:.0}")>
                <span class="fill ok" style=format!("width:{pct:.1}%")></span>
                <span class="bar-text">{format!("✔ {} / {goal} succeeded · {} active ({} ready)", job.succeeded, job.active, job.ready)}</span>
            </div>
            <div class="bar" role="progressbar" aria-label="Failures against backoffLimit" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{fail_pct:.0}")>
                <span class="fill bad" style=format!("width:{fail_pct:.1}%")></span>
                <span class="bar-text" data-testid="failure-budget">{format!("✖ {failures}")}</span>
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
