//! One card per Job: progress, failures against backoffLimit, conditions
//! and the core's "what happens next and why" line. Field names carry
//! hover help.

use crate::html::esc;
use crate::sim::use_sim;
use jobsim::snapshot::{field_help, JobView};
use leptos::prelude::*;

#[component]
pub fn Jobs() -> impl IntoView {
    let sim = use_sim();
    // One string of escaped markup per refresh (cards as component
    // instances cost more bundle than they give here).
    let cards = move || {
        let lang = sim.lang.get();
        sim.view_slow(jobsim::snapshot::jobs)
            .unwrap_or_default()
            .iter()
            .map(|j| card(j, lang))
            .collect::<String>()
    };
    view! {
        <div class="panel" id="jobs">
            <div class="panel-head"><h2 data-i18n="Jobs">"Jobs"</h2></div>
            <div class="jobs" inner_html=cards></div>
        </div>
    }
}

fn card(job: &JobView, lang: crate::i18n::Lang) -> String {
    let pct = job.progress_pct;
    let fail_pct = job.budget.fraction() * 100.0;
    let mut h = format!(
        "<article data-testid=\"job\" data-name=\"{name}\" data-condition=\"{cond}\" data-cronjob=\"{cj}\" class=\"job job-{class}\"><h3><span class=\"jname\">{name}</span><span class=\"jstatus\">{icon} {status}</span></h3>",
        name = esc(&job.name),
        cond = esc(job.terminal),
        cj = esc(job.cronjob.as_deref().unwrap_or("")),
        class = job.phase.class(),
        icon = job.phase.icon(),
        status = esc(job.status),
    );
    if let Some(c) = &job.cronjob {
        h.push_str(&format!(
            "<p class=\"muted\">{} cronjob/{}</p>",
            crate::i18n::tr(lang, "created by"),
            esc(c)
        ));
    }
    h.push_str("<dl class=\"spec\">");
    for (k, v) in &job.fields {
        h.push_str(&format!(
            "<div class=\"kv\"><dt title=\"{}\" tabindex=\"0\">{}</dt><dd>{}</dd></div>",
            esc(field_help(k)),
            esc(k),
            esc(v)
        ));
    }
    h.push_str(&format!(
        "</dl><div class=\"bar\" role=\"progressbar\" aria-label=\"Succeeded\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"{pct:.0}\"><span class=\"fill ok\" style=\"width:{pct:.1}%\"></span><span class=\"bar-text\">{}</span></div>",
        esc(&crate::i18n::progress(lang, job.succeeded, job.completions, job.active, job.ready))
    ));
    h.push_str(&format!(
        "<div class=\"bar\" role=\"progressbar\" aria-label=\"Failures against backoffLimit\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"{fail_pct:.0}\"><span class=\"fill bad\" style=\"width:{fail_pct:.1}%\"></span><span class=\"bar-text\" data-testid=\"failure-budget\">✖ {}</span></div>",
        esc(&jobsim::words::budget(lang, &job.budget))
    ));
    h.push_str(&format!(
        "<p class=\"explain\" data-testid=\"job-explain\">{}</p><ul class=\"conditions\">",
        esc(&jobsim::words::explanation(lang, &job.explain))
    ));
    for (t, r, m) in &job.conditions {
        h.push_str(&format!(
            "<li><code>{}</code> <strong>{}</strong>: {}</li>",
            esc(t),
            esc(r),
            esc(m)
        ));
    }
    h.push_str("</ul>");
    // After the explanation: presenter view's card shows that first.
    if job.indexed {
        let ix = if job.completed_indexes.is_empty() {
            "&lt;none&gt;".to_string()
        } else {
            esc(&job.completed_indexes)
        };
        h.push_str(&format!("<p class=\"muted\">Completed indexes: {ix}</p>"));
    }
    h.push_str("</article>");
    h
}
