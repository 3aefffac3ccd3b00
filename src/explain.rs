//! To a real cluster and back: download this scenario as KWOK files (run
//! it on a real control plane), or paste a real Job's `kubectl describe
//! job` or `kubectl get job,pods,events -o json` and read each retry and
//! the end explained with the same back-off rule as a simulated Job.
//! Both run in the tools worker (`src/bin/tools.rs`), a wasm fetched the
//! first time either is used; the page's bundle carries neither.

use crate::sim::use_sim;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader, as trunk writes it for `data-bin="tools"`.
const WORKER_URL: &str = "./tools_loader.js";

/// What the panel shows: nothing yet, waiting, an error, or the Job's
/// name and its lines (worded, and whether each agrees with 1.34).
#[derive(Clone, PartialEq)]
enum Shown {
    Nothing,
    Waiting,
    Error(String),
    Lines(String, Vec<(String, bool)>),
}

#[component]
pub fn ExplainReal() -> impl IntoView {
    let sim = use_sim();
    let shown = RwSignal::new(Shown::Nothing);
    let export_note = RwSignal::new(String::new());
    // One worker, made on first use and kept for the page's life.
    let worker: StoredValue<Option<web_sys::Worker>, LocalStorage> = StoredValue::new_local(None);
    // Messages wait here until the worker says it is running.
    let pending: StoredValue<Option<Vec<js_sys::Array>>, LocalStorage> =
        StoredValue::new_local(Some(Vec::new()));
    let send = move |kind: &str, text: String| {
        if worker.with_value(Option::is_none) {
            // trunk's loader shim is a classic worker script.
            let Ok(w) = web_sys::Worker::new(WORKER_URL) else {
                export_note.set("the tools worker could not start".into());
                return;
            };
            let on = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |ev: web_sys::MessageEvent| {
                    let msg: js_sys::Array = ev.data().unchecked_into();
                    let kind = msg.get(0).as_string().unwrap_or_default();
                    let ok = msg.get(1).as_bool() == Some(true);
                    let s = |i: u32| msg.get(i).as_string().unwrap_or_default();
                    match (kind.as_str(), ok) {
                        ("ready", _) => {
                            let held = pending.try_update_value(Option::take).flatten();
                            worker.with_value(|w| {
                                for m in held.unwrap_or_default() {
                                    if let Some(w) = w {
                                        let _ = w.post_message(&m);
                                    }
                                }
                            });
                        }
                        ("explain", true) => {
                            let lines = (2..msg.length().saturating_sub(1))
                                .skip(1)
                                .step_by(2)
                                .map(|i| (s(i), msg.get(i + 1).as_bool() != Some(false)))
                                .collect();
                            shown.set(Shown::Lines(s(2), lines));
                        }
                        ("explain", false) => shown.set(Shown::Error(s(2))),
                        ("kwok", true) => {
                            crate::toolbar::download(&s(2), &s(3));
                            export_note.set(s(2));
                        }
                        _ => export_note.set(s(2)),
                    }
                },
            );
            w.set_onmessage(Some(on.as_ref().unchecked_ref()));
            // The handler lives as long as the worker (the page).
            on.forget();
            worker.set_value(Some(w));
        }
        let lang = sim.lang.get_untracked().code();
        let msg = js_sys::Array::of3(&kind.into(), &lang.into(), &text.into());
        let held = pending.try_update_value(|p| match p {
            Some(list) => {
                list.push(msg.clone());
                true
            }
            None => false,
        });
        if held != Some(true) {
            worker.with_value(|w| {
                if let Some(w) = w {
                    let _ = w.post_message(&msg);
                }
            });
        }
    };
    let explain = move |_| {
        let text = document()
            .query_selector("[data-testid=explain-input]")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .map(|t| t.value())
            .unwrap_or_default();
        shown.set(Shown::Waiting);
        send("explain", text);
    };
    let export = move |_| {
        export_note.set(String::new());
        send("kwok", sim.text.get_untracked());
    };
    let out = move || match shown.get() {
        Shown::Nothing | Shown::Waiting => String::new(),
        Shown::Error(e) => format!(
            "<p class=\"error\" role=\"alert\">{}</p>",
            crate::html::esc(&e)
        ),
        Shown::Lines(name, lines) => {
            let mut html = format!("<h3>Job {}</h3><ol>", crate::html::esc(&name));
            for (l, agrees) in lines {
                html.push_str(&format!(
                    "<li{}>{}</li>",
                    if agrees { "" } else { " class=\"differs\"" },
                    crate::html::esc(&l)
                ));
            }
            html + "</ol>"
        }
    };
    view! {
        <details class="panel explain-real" data-testid="explain-real">
            <summary><h2 data-i18n="A real cluster">"A real cluster"</h2></summary>
            <p class="help" data-i18n="Run this scenario on a real control plane with KWOK: the files, a script for its actions, and how to compare the result.">"Run this scenario on a real control plane with KWOK: the files, a script for its actions, and how to compare the result."</p>
            <button data-testid="export-kwok" on:click=export data-i18n="⤓ KWOK files">"⤓ KWOK files"</button>
            <span class="help" data-testid="export-kwok-note">{move || export_note.get()}</span>
            <h3 data-i18n="Explain a real Job">"Explain a real Job"</h3>
            <p class="help" data-i18n="Paste kubectl describe job NAME, or kubectl get job,pods,events -o json, from a real cluster.">"Paste kubectl describe job NAME, or kubectl get job,pods,events -o json, from a real cluster."</p>
            <textarea data-testid="explain-input" rows="8" spellcheck="false" aria-label="kubectl output"></textarea>
            <button data-testid="explain-run" on:click=explain data-i18n="Explain">"Explain"</button>
            <div data-testid="explain-out" aria-live="polite" aria-busy=move || (shown.get() == Shown::Waiting).to_string() inner_html=out></div>
        </details>
    }
}
