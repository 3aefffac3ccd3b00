//! One card per CronJob: the schedule in words, its time zone, the next
//! fire times, last schedule and success, active Jobs, the history of
//! kept and deleted Jobs, and the core's reason for its last decision.
//! The card body is one escaped HTML string (a year-long run refreshes it
//! often; a string is cheaper than a tree of nodes).

use crate::html::esc;
use crate::sim::use_sim;
use jobsim::snapshot::{field_help, CronJobView};
use leptos::prelude::*;
use std::fmt::Write;

#[component]
pub fn CronJobs() -> impl IntoView {
    let sim = use_sim();
    let cards = Memo::new(move |_| {
        let lang = sim.lang.get();
        sim.view_slow(|w| {
            jobsim::snapshot::cronjobs(w)
                .iter()
                .map(|c| card(c, lang))
                .collect::<String>()
        })
        .unwrap_or_default()
    });
    view! {
        <div class="panel" id="cronjobs" class:hidden=move || cards.with(|c| c.is_empty())>
            <div class="panel-head"><h2 data-i18n="CronJobs">"CronJobs"</h2></div>
            <div class="jobs" inner_html=move || cards.get()></div>
        </div>
    }
}

fn card(cj: &CronJobView, lang: crate::i18n::Lang) -> String {
    let tr = |s| crate::i18n::tr(lang, s);
    let mut o = String::with_capacity(4096);
    let _ = write!(
        o,
        r#"<article data-testid="cronjob" data-name="{n}" class="job cronjob{susp}"><h3><span class="jname">{n}</span><span class="jstatus">{state}</span></h3>"#,
        n = esc(&cj.name),
        susp = if cj.suspend { " suspended" } else { "" },
        state = tr(if cj.suspend {
            "❚❚ suspended"
        } else {
            "⏱ scheduled"
        }),
    );
    let _ = write!(
        o,
        r#"<p class="schedule"><code>{}</code> — <strong data-testid="schedule-words">{}</strong></p><p class="muted" data-testid="cronjob-zone">{} {}</p><dl class="spec">"#,
        esc(&cj.schedule),
        esc(&cj
            .schedule_words
            .as_ref()
            .map(|w| jobsim::words::schedule(lang, w))
            .unwrap_or_default()),
        tr("Time zone:"),
        esc(&cj.time_zone)
    );
    for (k, v) in &cj.fields {
        let _ = write!(
            o,
            r#"<div class="kv"><dt title="{}" tabindex="0">{k}</dt><dd>{}</dd></div>"#,
            esc(field_help(k)),
            esc(v)
        );
    }
    let _ = write!(
        o,
        r#"</dl><p class="explain" data-testid="cronjob-explain">{}</p><div class="cron-cols"><div><h4>{}</h4><ol class="next-runs">"#,
        esc(&jobsim::words::cron_explanation(lang, &cj.explain)),
        tr("Next runs")
    );
    for (t, rel) in &cj.next {
        let _ = write!(
            o,
            r#"<li data-testid="next-run" data-time="{t}"><time>{t}</time> <span class="muted">{}</span></li>"#,
            esc(&if lang == crate::i18n::Lang::Ko {
                format!("{rel} 후")
            } else {
                format!("in {rel}")
            }),
            t = esc(t)
        );
    }
    o.push_str("</ol>");
    if cj.next.is_empty() {
        let _ = write!(
            o,
            r#"<p class="muted">{}</p>"#,
            tr("None (suspended, or no fire time within robfig/cron's 5-year search).")
        );
    }
    let none = || "&lt;none&gt;".to_string();
    let _ = write!(
        o,
        "</div><div><h4>{}</h4><p>{} {}</p><p>{} {}</p><p>{} {}</p></div></div>",
        tr("Status"),
        tr("Last schedule:"),
        cj.last_schedule.as_deref().map_or_else(none, esc),
        tr("Last success:"),
        cj.last_successful.as_deref().map_or_else(none, esc),
        tr("Active:"),
        if cj.active.is_empty() {
            none()
        } else {
            esc(&cj.active.join(", "))
        }
    );
    let _ = write!(
        o,
        r#"<details class="history"{}><summary>{} ({} {})</summary><ul>"#,
        if cj.history.is_empty() { "" } else { " open" },
        tr("History"),
        if lang == crate::i18n::Lang::Ko {
            tr("most recent Jobs").to_string()
        } else {
            cj.history.len().to_string()
        },
        if lang == crate::i18n::Lang::Ko {
            format!("{}개", cj.history.len())
        } else {
            tr("most recent Jobs").to_string()
        }
    );
    for h in &cj.history {
        let _ = write!(
            o,
            r#"<li data-testid="cron-history" data-job="{j}" data-deleted="{d}"{c}><code>{j}</code> {s}{note}</li>"#,
            j = esc(&h.job),
            d = h.deleted,
            c = if h.deleted { r#" class="deleted""# } else { "" },
            s = h.status,
            note = if h.deleted { tr(" — deleted") } else { "" }
        );
    }
    o.push_str("</ul></details></article>");
    o
}
