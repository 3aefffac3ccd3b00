//! Page layout and start-up: initial text (shared link, autosave, or the
//! seed example), the Sim context and the frame loop.

use crate::sim::{start_loop, Sim};
use leptos::prelude::*;

/// The first example, shown on a first visit, ships in the bundle.
pub const SEED_EXAMPLE: &str = include_str!("../tests/fixtures/abnormal-end.yaml");

/// Title and file of each example; the files are copied next to the page
/// (`fixtures/`) and fetched when chosen, so they cost the first load
/// nothing.
pub const EXAMPLES: [(&str, &str); 18] = [
    ("Seed: abnormal-end (backoffLimit 6)", "abnormal-end.yaml"),
    (
        "Seed: two containers, one fails",
        "abnormal-end-two-containers.yaml",
    ),
    ("Docs: pi", "pi.yaml"),
    ("Docs: Indexed Job", "indexed-job.yaml"),
    ("OnFailure: CrashLoopBackOff", "crashloop.yaml"),
    ("Node crash mid-run", "node-crash.yaml"),
    ("GPU job waits for a GPU node", "gpu.yaml"),
    ("Docs: pod failure policy", "pod-failure-policy.yaml"),
    ("Docs: success policy", "success-policy.yaml"),
    ("Docs: backoffLimitPerIndex", "backoff-limit-per-index.yaml"),
    ("CronJob: docs hello (every minute)", "hello-cronjob.yaml"),
    (
        "CronJob: Forbid, Job outlives its period",
        "cronjob-forbid.yaml",
    ),
    (
        "CronJob: Replace, Job outlives its period",
        "cronjob-replace.yaml",
    ),
    (
        "CronJob: Allow, Job outlives its period",
        "cronjob-allow.yaml",
    ),
    (
        "CronJob: controller outage, no deadline",
        "cronjob-outage.yaml",
    ),
    (
        "CronJob: outage, startingDeadlineSeconds 200",
        "cronjob-outage-deadline.yaml",
    ),
    ("CronJob: DST night in New York", "cronjob-dst.yaml"),
    ("Scale: 100,000 completions on 100 nodes", "bench-100k.yaml"),
];

#[component]
pub fn App() -> impl IntoView {
    let saved = crate::share::load_saved();
    let (initial, notice) = match crate::share::from_location() {
        Some(Ok(text)) => (text, String::new()),
        Some(Err(e)) => (
            saved.clone().unwrap_or_else(|| SEED_EXAMPLE.to_string()),
            format!("Could not open the shared link: {e}"),
        ),
        None => (
            saved.clone().unwrap_or_else(|| SEED_EXAMPLE.to_string()),
            String::new(),
        ),
    };
    let sim = Sim::new(initial);
    sim.notice.set(notice);
    // A shared link replaces the editor text; keep what was there.
    if let Some(prev) = saved {
        sim.keep_previous(prev, &sim.text.get_untracked());
    }
    provide_context(sim);
    // Autosave every change; nothing typed is lost on reload.
    Effect::new(move |_| crate::share::save(&sim.text.get()));
    sim.check(&sim.text.get_untracked());
    start_loop(sim);

    view! {
        <header class="top">
            <h1>"Job Playground"</h1>
            <p class="tagline">"Kubernetes Job and CronJob controller semantics (batch/v1, Kubernetes 1.34), simulated in your browser"</p>
            <crate::toolbar::Toolbar/>
        </header>
        <main class="layout">
            <section class="left" aria-label="Manifests">
                <crate::editor::Editor/>
                <crate::inject::Inject/>
            </section>
            <section class="right" aria-label="Cluster">
                <Notice/>
                <crate::cronjobs::CronJobs/>
                <crate::jobs::Jobs/>
                <crate::board::Board/>
                <crate::scale::Scale/>
                <crate::timeline::Timeline/>
                <crate::nodes::Nodes/>
                <crate::console::Console/>
            </section>
        </main>
        <footer class="foot">
            "Simplifications: node loss evicts pods at once (upstream waits for the node grace period and a 300 s toleration); "
            "image sizes, pod IPs and container runtimes are invented; a CronJob without spec.timeZone runs in UTC "
            "(a real cluster uses the kube-controller-manager's local zone)."
        </footer>
    }
}

#[component]
fn Notice() -> impl IntoView {
    let sim = crate::sim::use_sim();
    let notes = move || {
        sim.view_slow(|w| {
            w.notes()
                .iter()
                .map(|n| {
                    format!(
                        "<p class=\"notice note\" role=\"note\">{}</p>",
                        crate::html::esc(n)
                    )
                })
                .collect::<String>()
        })
        .unwrap_or_default()
    };
    view! {
        <p class="notice" role="status" class:hidden=move || sim.notice.with(|n| n.is_empty())>{move || sim.notice.get()}</p>
        <div inner_html=notes></div>
        <p class="hint" class:hidden=move || sim.has_world()>"Edit or paste manifests on the left, then press Apply (Ctrl+Enter) to start the cluster."</p>
    }
}
