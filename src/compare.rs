//! Compare mode: when the applied Scenario has `spec.compare`, a second
//! copy (the core writes its text) runs beside the first on the same clock,
//! with the Job cards, pods board and timeline of its own, and the first
//! moment the two runs differ. The copy is a second `Sim` provided as the
//! context of its panels, so they are the page's own components. The form
//! writes `spec.compare` into the text, so a share link carries both.

use crate::sim::{start_loop, use_sim, Sim};
use leptos::context::Provider;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn CompareSide() -> impl IntoView {
    let sim = use_sim();
    let side = Sim::new(String::new());
    start_loop(side);
    // What the copy changes (or why it cannot be built); None: no compare.
    let active: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    Effect::new(move |_| side.lang.set(sim.lang.get()));
    // A new copy whenever a text is applied (not on every clock tick).
    Effect::new(move |_| {
        let text = sim.applied.get();
        let change = untrack(|| sim.view(|w| w.scenario_compare().cloned())).flatten();
        let Some(change) = change else {
            active.set(None);
            return;
        };
        match jobsim::compare::variant_text(&text, &change) {
            Ok(copy) => {
                side.text.set(copy);
                side.apply();
                active.set(Some(Ok(change.summary())));
            }
            Err(e) => active.set(Some(Err(e))),
        }
    });
    // One clock: the copy follows the first run's time.
    Effect::new(move |_| {
        let t = sim.view(|w| w.now().ms()).unwrap_or(0);
        let s = untrack(|| side.view(|w| w.now().ms()));
        if active.with_untracked(|a| matches!(a, Some(Ok(_)))) && s.is_some_and(|s| s != t) {
            side.seek(t);
        }
    });
    let divergence = move || {
        let lang = sim.lang.get();
        // Either run moving re-words it (the copy catches up a frame later).
        side.slow_rev_track();
        let d = sim
            .view_slow(|a| untrack(|| side.view(|b| jobsim::compare::first_divergence(a, b))))
            .flatten()
            .flatten();
        crate::i18n::divergence(lang, d.as_ref())
    };
    // The copy's panels are the page's own components, ids and all: they
    // get a prefix so every id in the page stays unique.
    Effect::new(move |_| {
        if active.with(|a| matches!(a, Some(Ok(_)))) {
            request_animation_frame(|| {
                let Ok(ids) = document().query_selector_all(".compare-side [id]") else {
                    return;
                };
                for i in 0..ids.length() {
                    if let Some(e) = ids
                        .item(i)
                        .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                    {
                        if !e.id().starts_with("copy-") {
                            e.set_id(&format!("copy-{}", e.id()));
                        }
                    }
                }
            });
        }
    });
    let heading = move || match active.get() {
        Some(Ok(s)) => crate::i18n::compare_heading(sim.lang.get(), &s),
        Some(Err(e)) => e,
        None => String::new(),
    };
    view! {
        <section class="compare-side" aria-label="Compared copy" data-testid="compare"
            class:hidden=move || active.with(|a| a.is_none())>
            <div class="panel compare-head">
                <h2 data-testid="compare-change">{heading}</h2>
                <p data-testid="divergence">{divergence}</p>
            </div>
            // Built only while comparing: no second set of panels otherwise.
            {move || active.with(|a| matches!(a, Some(Ok(_)))).then(|| view! {
                <Provider value=side>
                    <crate::jobs::Jobs/>
                    <crate::board::Board/>
                    <crate::timeline::Timeline/>
                </Provider>
            })}
        </section>
    }
}

/// The form that opens compare mode: which object, which field, what value.
#[component]
pub fn CompareForm() -> impl IntoView {
    let sim = use_sim();
    let error = RwSignal::new(String::new());
    // The three inputs are read when the button is pressed (no signal per
    // keystroke).
    let input = |id: &str| {
        document()
            .query_selector(&format!("[data-testid={id}]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let open = move |_| {
        let (name, field, value) = (
            input("compare-name"),
            input("compare-field"),
            input("compare-value"),
        );
        let result = sim
            .view(|w| jobsim::compare::open(&sim.text.get_untracked(), w, &name, &field, &value));
        match result {
            Some(Ok(text)) => {
                error.set(String::new());
                sim.replace_text(text);
                sim.apply();
            }
            Some(Err(e)) => error.set(e),
            None => error.set(
                crate::i18n::tr(sim.lang.get_untracked(), "Apply the manifests first.").into(),
            ),
        }
    };
    view! {
        <details class="panel compare-form" data-testid="compare-form">
            <summary><h2 data-i18n="Compare with a change">"Compare with a change"</h2></summary>
            <p class="help" data-i18n="A second copy of this scenario, one field changed, runs beside it on the same clock.">"A second copy of this scenario, one field changed, runs beside it on the same clock."</p>
            <div class="grid">
                <label><span data-i18n="Job or CronJob">"Job or CronJob"</span>
                    <input data-testid="compare-name" placeholder="abnormal-end"/></label>
                <label><span data-i18n="Field">"Field"</span>
                    <input data-testid="compare-field" placeholder="spec.template.spec.restartPolicy"/></label>
                <label><span data-i18n="Value">"Value"</span>
                    <input data-testid="compare-value" placeholder="OnFailure"/></label>
            </div>
            <button data-testid="compare-open" on:click=open data-i18n="Open compare">"Open compare"</button>
            <p class="error" role="alert">{move || error.get()}</p>
        </details>
    }
}
