//! One card per CronJob: the schedule in words, its time zone, the next
//! fire times, last schedule and success, active Jobs, the history of
//! kept and deleted Jobs, and the core's reason for its last decision.

use crate::sim::use_sim;
use jobsim::snapshot::{field_help, CronJobView};
use leptos::prelude::*;

#[component]
pub fn CronJobs() -> impl IntoView {
    let sim = use_sim();
    let cronjobs = move || {
        sim.view_slow(jobsim::snapshot::cronjobs)
            .unwrap_or_default()
    };
    view! {
        <Show when=move || !cronjobs().is_empty()>
            <div class="panel">
                <div class="panel-head"><h2>"CronJobs"</h2></div>
                <div class="jobs">
                    <For each=cronjobs key=|c: &CronJobView| format!("{c:?}") let:cj>
                        <CronJobCard cj=cj/>
                    </For>
                </div>
            </div>
        </Show>
    }
}

#[component]
fn CronJobCard(cj: CronJobView) -> impl IntoView {
    let history_len = cj.history.len();
    view! {
        <article data-testid="cronjob" data-name=cj.name.clone() class="job cronjob" class:suspended=cj.suspend>
            <h3>
                <span class="jname">{cj.name.clone()}</span>
                <span class="jstatus">{if cj.suspend { "❚❚ suspended" } else { "⏱ scheduled" }}</span>
            </h3>
            <p class="schedule"><code>{cj.schedule.clone()}</code> " — " <strong data-testid="schedule-words">{cj.schedule_words.clone()}</strong></p>
            <p class="muted" data-testid="cronjob-zone">"Time zone: " {cj.time_zone.clone()}</p>
            <dl class="spec">
                {cj.fields.iter().map(|(k, v)| view! {
                    <div class="kv"><dt title=field_help(k) tabindex="0">{*k}</dt><dd>{v.clone()}</dd></div>
                }).collect_view()}
            </dl>
            <p class="explain" data-testid="cronjob-explain">{cj.explain.clone()}</p>
            <div class="cron-cols">
                <div>
                    <h4>"Next runs"</h4>
                    <ol class="next-runs">
                        {cj.next.iter().map(|(t, rel)| view! {
                            <li data-testid="next-run" data-time=t.clone()><time>{t.clone()}</time> " " <span class="muted">{rel.clone()}</span></li>
                        }).collect_view()}
                    </ol>
                    {cj.next.is_empty().then(|| view! { <p class="muted">"None (suspended, or no fire time within robfig/cron's 5-year search)."</p> })}
                </div>
                <div>
                    <h4>"Status"</h4>
                    <p>"Last schedule: " {cj.last_schedule.clone().unwrap_or_else(|| "<none>".into())}</p>
                    <p>"Last success: " {cj.last_successful.clone().unwrap_or_else(|| "<none>".into())}</p>
                    <p>"Active: " {if cj.active.is_empty() { "<none>".to_string() } else { cj.active.join(", ") }}</p>
                </div>
            </div>
            <details class="history" open=history_len > 0>
                <summary>{format!("History ({history_len} most recent Jobs)")}</summary>
                <ul>
                    {cj.history.iter().map(|h| view! {
                        <li data-testid="cron-history" data-job=h.job.clone() data-deleted=h.deleted.to_string() class:deleted=h.deleted>
                            <code>{h.job.clone()}</code> " " {h.status}
                            {h.deleted.then_some(" — deleted (history limit)")}
                        </li>
                    }).collect_view()}
                </ul>
            </details>
        </article>
    }
}
