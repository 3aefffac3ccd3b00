//! Page layout and start-up: initial text (shared link, autosave, or the
//! seed example), the Sim context and the frame loop.

use crate::sim::{start_loop, Sim};
use leptos::prelude::*;

pub const EXAMPLES: [(&str, &str); 18] = [
    (
        "Seed: abnormal-end (backoffLimit 6)",
        include_str!("../tests/fixtures/abnormal-end.yaml"),
    ),
    (
        "Seed: two containers, one fails",
        include_str!("../tests/fixtures/abnormal-end-two-containers.yaml"),
    ),
    ("Docs: pi", include_str!("../tests/fixtures/pi.yaml")),
    (
        "Docs: Indexed Job",
        include_str!("../tests/fixtures/indexed-job.yaml"),
    ),
    (
        "OnFailure: CrashLoopBackOff",
        include_str!("../tests/fixtures/crashloop.yaml"),
    ),
    (
        "Node crash mid-run",
        include_str!("../tests/fixtures/node-crash.yaml"),
    ),
    (
        "GPU job waits for a GPU node",
        include_str!("../tests/fixtures/gpu.yaml"),
    ),
    (
        "Docs: pod failure policy",
        include_str!("../tests/fixtures/pod-failure-policy.yaml"),
    ),
    (
        "Docs: success policy",
        include_str!("../tests/fixtures/success-policy.yaml"),
    ),
    (
        "Docs: backoffLimitPerIndex",
        include_str!("../tests/fixtures/backoff-limit-per-index.yaml"),
    ),
    (
        "CronJob: docs hello (every minute)",
        include_str!("../tests/fixtures/hello-cronjob.yaml"),
    ),
    (
        "CronJob: Forbid, Job outlives its period",
        include_str!("../tests/fixtures/cronjob-forbid.yaml"),
    ),
    (
        "CronJob: Replace, Job outlives its period",
        include_str!("../tests/fixtures/cronjob-replace.yaml"),
    ),
    (
        "CronJob: Allow, Job outlives its period",
        include_str!("../tests/fixtures/cronjob-allow.yaml"),
    ),
    (
        "CronJob: controller outage, no deadline",
        include_str!("../tests/fixtures/cronjob-outage.yaml"),
    ),
    (
        "CronJob: outage, startingDeadlineSeconds 200",
        include_str!("../tests/fixtures/cronjob-outage-deadline.yaml"),
    ),
    (
        "CronJob: DST night in New York",
        include_str!("../tests/fixtures/cronjob-dst.yaml"),
    ),
    (
        "Scale: 100,000 completions on 100 nodes",
        include_str!("../tests/fixtures/bench-100k.yaml"),
    ),
];

#[component]
pub fn App() -> impl IntoView {
    let saved = crate::share::load_saved();
    let (initial, notice) = match crate::share::from_location() {
        Some(Ok(text)) => (text, String::new()),
        Some(Err(e)) => (
            saved.clone().unwrap_or_else(|| EXAMPLES[0].1.to_string()),
            format!("Could not open the shared link: {e}"),
        ),
        None => (
            saved.clone().unwrap_or_else(|| EXAMPLES[0].1.to_string()),
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
        <Show when=move || !sim.notice.get().is_empty()>
            <p class="notice" role="status">{move || sim.notice.get()}</p>
        </Show>
        <div inner_html=notes></div>
        <Show when=move || !sim.has_world()>
            <p class="hint">"Edit or paste manifests on the left, then press Apply (Ctrl+Enter) to start the cluster."</p>
        </Show>
    }
}
