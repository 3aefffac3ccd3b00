//! Failure injection: a form over the Scenario's `behaviors` (first match
//! wins). Adding one records it into the Scenario and replays.

use crate::sim::use_sim;
use jobsim::scenario::{Behavior, BehaviorMatch, Dur};
use leptos::prelude::*;

/// The form's fields (fixed markup).
const FIELDS: &str = r#"<label><span data-i18n="Job">Job</span><input name="job" placeholder="any"></label><label><span data-i18n="Container">Container</span><input name="container" placeholder="any"></label><label><span data-i18n="Index">Index</span><input name="index" inputmode="numeric" placeholder="any"></label><label><span data-i18n="Attempt">Attempt</span><input name="attempt" inputmode="numeric" placeholder="any"></label><label><span data-i18n="Effect">Effect</span><select name="effect"><option value="exitCode" data-i18n="exit code">exit code</option><option value="duration" data-i18n="run duration">run duration</option><option value="failureRate" data-i18n="failure rate (0–1)">failure rate (0–1)</option><option value="oomKill" data-i18n="OOM kill">OOM kill</option><option value="imagePull" data-i18n="image pull fails">image pull fails</option></select></label><label><span data-i18n="Value">Value</span><input name="value" value="1" placeholder="for exit code, duration, failure rate"></label>"#;

#[component]
pub fn Inject() -> impl IntoView {
    let sim = use_sim();
    let error = RwSignal::new(String::new());
    let form: NodeRef<leptos::html::Div> = NodeRef::new();
    // The fields are plain markup read when the button is pressed (a
    // signal per field costs bundle size and buys nothing here).
    let field = move |name: &str| -> String {
        form.get()
            .and_then(|f| f.query_selector(&format!("[name={name}]")).ok().flatten())
            .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
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
                job: opt(field("job")),
                container: opt(field("container")),
                index: num(field("index"), "index")?,
                attempt: num(field("attempt"), "attempt")?,
            };
            if b.matcher.attempt == Some(0) {
                return Err("attempts count from 1".into());
            }
            let v = field("value");
            match field("effect").as_str() {
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
    view! {
        <form class="panel inject" on:submit=move |ev| ev.prevent_default() aria-labelledby="inject-title">
            <div class="panel-head"><h2 id="inject-title" data-i18n="Inject failures">"Inject failures"</h2></div>
            <p class="help" data-i18n="Match pods by Job, container, completion index and attempt (1 = first pod); empty fields match everything. Recorded as spec.behaviors in the Scenario.">"Match pods by Job, container, completion index and attempt (1 = first pod); empty fields match everything. Recorded as spec.behaviors in the Scenario."</p>
            <div class="grid" node_ref=form inner_html=FIELDS></div>
            <button type="button" prop:disabled=move || !sim.has_world() on:click=add data-i18n="Add behaviour">"Add behaviour"</button>
            <p class="error" role="alert" class:hidden=move || error.with(|e| e.is_empty())>{move || error.get()}</p>
        </form>
    }
}
