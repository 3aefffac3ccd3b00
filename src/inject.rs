//! Failure injection: a form over the Scenario's `behaviors` (first match
//! wins). Adding one records it into the Scenario and replays.

use crate::sim::use_sim;
use jobsim::scenario::{Behavior, BehaviorMatch, Dur};
use leptos::prelude::*;

#[component]
pub fn Inject() -> impl IntoView {
    let sim = use_sim();
    let job = RwSignal::new(String::new());
    let container = RwSignal::new(String::new());
    let index = RwSignal::new(String::new());
    let attempt = RwSignal::new(String::new());
    let effect = RwSignal::new("exitCode".to_string());
    let value = RwSignal::new("1".to_string());
    let error = RwSignal::new(String::new());
    let add = move |_| {
        let opt = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let num = |s: String, what: &str| -> Result<Option<u32>, String> {
            opt(s)
                .map(|v| {
                    v.parse::<u32>()
                        .map_err(|_| format!("{what} must be a whole number"))
                })
                .transpose()
        };
        let mut b = Behavior::default();
        let built: Result<(), String> = (|| {
            b.matcher = BehaviorMatch {
                job: opt(job.get_untracked()),
                container: opt(container.get_untracked()),
                index: num(index.get_untracked(), "index")?,
                attempt: num(attempt.get_untracked(), "attempt")?,
            };
            if b.matcher.attempt == Some(0) {
                return Err("attempts count from 1".into());
            }
            let v = value.get_untracked();
            match effect.get_untracked().as_str() {
                "exitCode" => {
                    b.exit_code = Some(v.trim().parse().map_err(|_| "exit code must be a number")?)
                }
                "duration" => b.duration = Some(Dur(jobsim::clock::parse_duration(&v)?)),
                "failureRate" => {
                    let r: f64 = v
                        .trim()
                        .parse()
                        .map_err(|_| "failure rate must be a number between 0 and 1")?;
                    if !(0.0..=1.0).contains(&r) {
                        return Err("failure rate must be between 0 and 1".into());
                    }
                    b.failure_rate = Some(r);
                }
                "oomKill" => b.oom_kill = Some(true),
                _ => b.image_pull = Some("fail".into()),
            }
            Ok(())
        })();
        match built {
            Err(e) => error.set(e),
            Ok(()) => {
                error.set(String::new());
                sim.record(move |spec, _| spec.behaviors.push(b));
            }
        }
    };
    let needs_value = move || {
        matches!(
            effect.get().as_str(),
            "exitCode" | "duration" | "failureRate"
        )
    };
    view! {
        <form class="panel inject" on:submit=move |ev| ev.prevent_default() aria-labelledby="inject-title">
            <div class="panel-head"><h2 id="inject-title">"Inject failures"</h2></div>
            <p class="help">"Match pods by Job, container, completion index and attempt (1 = first pod); empty fields match everything. Recorded as spec.behaviors in the Scenario."</p>
            <div class="grid">
                <label>"Job"<input prop:value=move || job.get() on:input=move |e| job.set(event_target_value(&e)) placeholder="any"/></label>
                <label>"Container"<input prop:value=move || container.get() on:input=move |e| container.set(event_target_value(&e)) placeholder="any"/></label>
                <label>"Index"<input inputmode="numeric" prop:value=move || index.get() on:input=move |e| index.set(event_target_value(&e)) placeholder="any"/></label>
                <label>"Attempt"<input inputmode="numeric" prop:value=move || attempt.get() on:input=move |e| attempt.set(event_target_value(&e)) placeholder="any"/></label>
                <label>"Effect"
                    <select on:change=move |e| effect.set(event_target_value(&e))>
                        <option value="exitCode">"exit code"</option>
                        <option value="duration">"run duration"</option>
                        <option value="failureRate">"failure rate (0–1)"</option>
                        <option value="oomKill">"OOM kill"</option>
                        <option value="imagePull">"image pull fails"</option>
                    </select>
                </label>
                <Show when=needs_value>
                    <label>"Value"<input prop:value=move || value.get() on:input=move |e| value.set(event_target_value(&e))/></label>
                </Show>
            </div>
            <button type="button" prop:disabled=move || !sim.has_world() on:click=add>"Add behaviour"</button>
            <Show when=move || !error.get().is_empty()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </form>
    }
}
