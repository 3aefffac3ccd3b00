//! The kubectl console (same verbs as `jobsim kubectl`, with history), the
//! events table, and pod details (describe + logs) for the selected pod.

use crate::html::esc;
use crate::sim::use_sim;
use leptos::prelude::*;

#[component]
pub fn Console() -> impl IntoView {
    let sim = use_sim();
    let output = RwSignal::new(
        crate::i18n::tr(
            sim.lang.get_untracked(),
            "Try: get pods, get jobs, describe job <name>, logs <pod>, get events; changes: delete pod <name>, patch job <name> -p {\"spec\":{\"parallelism\":3}}, cordon|uncordon|drain <node>",
        )
        .to_string(),
    );
    let input = RwSignal::new(String::new());
    let history = StoredValue::new(Vec::<String>::new());
    let cursor = StoredValue::new(0usize);
    let run = move |line: String| {
        let trimmed = line.trim();
        let cmd = trimmed
            .strip_prefix("kubectl ")
            .unwrap_or(trimmed)
            .to_string();
        if cmd.is_empty() {
            return;
        }
        history.update_value(|h| {
            h.push(trimmed.to_string());
            if h.len() > 200 {
                h.remove(0);
            }
        });
        cursor.set_value(history.with_value(|h| h.len()));
        let args: Vec<String> = cmd.split_whitespace().map(String::from).collect();
        // A mutating command is recorded into the Scenario's actions at the
        // current virtual time (so the shared scenario replays it).
        let mutation = sim
            .view(|w| jobsim::kubectl::mutate::mutation(w, &args))
            .flatten();
        let out = match mutation {
            Some(Ok((verb, reply))) => {
                sim.record(move |spec, at| {
                    spec.actions.push(jobsim::scenario::Action {
                        at: jobsim::scenario::Dur(at),
                        verb,
                    })
                });
                Ok(reply)
            }
            Some(Err(e)) => Err(e),
            None => sim
                .view(|w| jobsim::kubectl::run(w, &args))
                .unwrap_or_else(|| {
                    Err(crate::i18n::tr(
                        sim.lang.get_untracked(),
                        "No cluster yet: press Apply first.",
                    )
                    .into())
                }),
        };
        output.set(match out {
            Ok(s) => format!("$ kubectl {cmd}\n{s}"),
            Err(e) => format!("$ kubectl {cmd}\n{e}"),
        });
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            run(input.get_untracked());
            input.set(String::new());
        }
        "ArrowUp" | "ArrowDown" => {
            ev.prevent_default();
            let len = history.with_value(|h| h.len());
            let c = cursor.get_value();
            let c = if ev.key() == "ArrowUp" {
                c.saturating_sub(1)
            } else {
                (c + 1).min(len)
            };
            cursor.set_value(c);
            input.set(history.with_value(|h| h.get(c).cloned().unwrap_or_default()));
        }
        _ => {}
    };
    let events = move || {
        sim.view_slow(|w| jobsim::snapshot::recent_events(w, 200))
            .unwrap_or_default()
    };
    let details = move || {
        let name = sim.selected_pod.get()?;
        sim.view_slow(|w| {
            let describe =
                jobsim::kubectl::run(w, &["describe".into(), "pod".into(), name.clone()])
                    .unwrap_or_else(|e| e);
            let logs = jobsim::snapshot::app_containers(w, &name)
                .iter()
                .map(|c| {
                    let out = jobsim::kubectl::get::logs(w, &name, Some(c)).unwrap_or_else(|e| e);
                    format!(
                        "--- logs {} -c {}\n{}",
                        name,
                        c,
                        if out.is_empty() {
                            "(no output)\n".into()
                        } else {
                            out
                        }
                    )
                })
                .collect::<String>();
            (name.clone(), describe, logs)
        })
    };
    view! {
        <div class="panel console-panel" id="kubectl">
            <div class="panel-head"><h2 id="kubectl-title">"kubectl"</h2></div>
            <div class="console">
                <label class="prompt"><span aria-hidden="true">"$ kubectl "</span>
                    <input data-testid="kubectl-input" aria-labelledby="kubectl-title" placeholder="get pods"
                        spellcheck="false" autocomplete="off"
                        prop:value=move || input.get()
                        on:input=move |ev| input.set(event_target_value(&ev))
                        on:keydown=on_key/>
                </label>
                <pre data-testid="kubectl-output" class="output" aria-live="polite" tabindex="0" aria-label="kubectl output">{move || output.get()}</pre>
            </div>
            <div class:hidden=move || sim.selected_pod.with(|p| p.is_none())>
                <div class="details">
                    <div class="panel-head">
                        <h2>"Pod " {move || details().map(|d| d.0).unwrap_or_default()}</h2>
                        <button on:click=move |_| sim.selected_pod.set(None) aria-label="Close pod details">"✕"</button>
                    </div>
                    <pre class="output">{move || details().map(|d| format!("{}\n{}", d.1, d.2)).unwrap_or_else(|| "The pod no longer exists.".into())}</pre>
                </div>
            </div>
            <h2 data-i18n="Events">"Events"</h2>
            <div class="events-wrap" tabindex="0" role="region" aria-label="Events">
                <table data-testid="events" class="events">
                    <thead><tr><th>"LAST SEEN"</th><th>"TYPE"</th><th>"REASON"</th><th>"OBJECT"</th><th>"MESSAGE"</th></tr></thead>
                    // One string per update: ages change every second on every row.
                    <tbody inner_html=move || {
                        events().into_iter().map(|e| format!(
                            "<tr class=\"{}\"><td>{}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            if e.warning { "warn" } else { "" },
                            esc(&e.age),
                            if e.warning { "⚠ " } else { "" },
                            e.kind,
                            e.reason,
                            esc(&e.object),
                            esc(&e.message)
                        )).collect::<String>()
                    }></tbody>
                </table>
            </div>
        </div>
    }
}
