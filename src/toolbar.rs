//! Clock controls: play / pause, step, speeds, run to end, reset, the
//! virtual clock and a scrubber over the time reached so far.

use crate::sim::{elapsed, use_sim};
use jobsim::clock::{rfc3339, unix_secs};

use leptos::prelude::*;

/// 21600×: a day of cluster time in four seconds (CronJobs).
const SPEEDS: [f64; 6] = [1.0, 10.0, 60.0, 600.0, 3600.0, 21600.0];

#[component]
pub fn Toolbar() -> impl IntoView {
    let sim = use_sim();
    let now = move || sim.view(|w| w.now().ms()).unwrap_or(0);
    let wall = move || {
        sim.view(|w| rfc3339(unix_secs(w.origin_unix(), w.now())))
            .unwrap_or_default()
    };
    let disabled = move || !sim.has_world();
    view! {
        <div class="toolbar" role="toolbar" aria-label="Simulation clock">
            // Two buttons, one shown (Play, or Pause while the clock runs).
            <button data-testid="pause" class="playpause" aria-label="Pause" class:hidden=move || !(sim.playing.get() || sim.running_to_end.get())
                on:click=move |_| sim.pause() data-i18n="❚❚ Pause">"❚❚ Pause"</button>
            <button data-testid="play" class="playpause" aria-label="Play" prop:disabled=disabled class:hidden=move || sim.playing.get() || sim.running_to_end.get()
                on:click=move |_| { sim.running_to_end.set(false); sim.playing.set(true) } data-i18n="▶ Play">"▶ Play"</button>
            <button data-testid="step" aria-label="Step to the next event" prop:disabled=disabled
                on:click=move |_| sim.step() data-i18n="→ Step">"→ Step"</button>
            <span class="speeds" role="group" aria-label="Speed"
                on:click=move |ev| {
                    let speed = crate::html::clicked_attr(&ev, "data-speed")
                        .and_then(|v| v.parse::<f64>().ok());
                    if let Some(s) = speed {
                        sim.speed.set(s);
                    }
                }
                inner_html=move || speeds_html(sim.speed.get())></span>
            <button data-testid="run-to-end" prop:disabled=disabled title="Simulate until nothing is left to do (or the Scenario's until, else 24 h)"
                on:click=move |_| sim.run_to_end() data-i18n="» Run to end">"» Run to end"</button>
            <button data-testid="reset" prop:disabled=disabled title="Back to time zero"
                on:click=move |_| sim.reset() data-i18n="⟲ Reset">"⟲ Reset"</button>
            <button data-testid="presenter" aria-pressed=move || sim.present.get().to_string()
                title="Presenter view: the editor folds away, type grows; keys: Space play/pause, → step, R reset"
                on:click=move |_| sim.present.update(|p| *p = !*p) data-i18n="Present">"Present"</button>
            <button data-testid="presenter-link" prop:disabled=disabled
                title="Copy a link that opens this scenario, at this time, in presenter view"
                on:click=move |_| {
                    let at = sim.view(|w| w.now().ms()).unwrap_or(0);
                    let link = crate::share::share_link(&sim.text.get_untracked(), at, &crate::share::current_view(), true);
                    let _ = window().navigator().clipboard().write_text(&link);
                    sim.share_url.set(link);
                } data-i18n="Presenter link">"Presenter link"</button>
            <button data-testid="export-json" prop:disabled=disabled
                title="Download every object and event at the current time as a v1 List (what `jobsim run FILE -o json` prints at the end of a run)"
                on:click=move |_| {
                    if let Some(json) = sim.view(jobsim::kubectl::objects::list_json) {
                        download("jobsim-run.json", &json);
                    }
                }>"⤓ JSON"</button>
            <span data-testid="clock" class="clock" aria-live="off">
                <span class="elapsed">{move || elapsed(now())}</span>
                " "
                <span class="wall">{wall}</span>
            </span>
            <input type="range" class="scrubber" aria-label="Virtual time"
                min="0"
                prop:max=move || sim.horizon.get().max(now()).max(1000).to_string()
                step="1000"
                prop:value=move || now().to_string()
                on:input=move |ev| {
                    if let Ok(t) = event_target_value(&ev).parse::<u64>() {
                        sim.playing.set(false);
                        sim.seek(t);
                    }
                }/>
            // One fixed-width status slot, so messages never shift the layout.
            <span class="status-slot" role="status" data-testid="run-status"
                data-seek-ms=move || sim.last_seek_ms.get().map(|ms| format!("{ms:.1}")).unwrap_or_default()>
                {move || {
                    let ko = sim.lang.get() == crate::i18n::Lang::Ko;
                    if let Some(t) = sim.seeking.get() {
                        if ko { format!("시계를 {}로 옮기는 중…", elapsed(t)) } else { format!("moving the clock to {}…", elapsed(t)) }
                    } else if sim.running_to_end.get() {
                        let events = sim.view(|w| w.processed()).unwrap_or(0);
                        if ko { format!("끝까지 실행 중… {} 시뮬레이션, 이벤트 {events}개", elapsed(now())) } else { format!("running to end… {} simulated, {events} events", elapsed(now())) }
                    } else if let Some(ms) = sim.last_run_ms.get() {
                        let core = sim.last_run_core_ms.get().unwrap_or(0.0);
                        if ko { format!("{ms:.0} ms 만에 끝까지 실행 (시뮬레이션 {core:.0} ms)") } else { format!("ran to end in {ms:.0} ms (simulating {core:.0} ms)") }
                    } else {
                        String::new()
                    }
                }}
            </span>
        </div>
    }
}

/// The speed buttons (fixed markup; one listener on the group).
fn speeds_html(current: f64) -> String {
    SPEEDS
        .iter()
        .map(|&s| {
            let on = s == current;
            // Whole numbers: formatting them as integers keeps f64 Display
            // out of the bundle.
            let n = s as u32;
            format!(
                "<button data-speed=\"{n}\" class=\"{}\" aria-pressed=\"{on}\">{n}×</button>",
                if on { "active" } else { "" }
            )
        })
        .collect()
}

/// Offers `text` as a file download (a Blob URL on a temporary link).
pub fn download(name: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(if name.ends_with(".json") {
        "application/json"
    } else if name.ends_with(".tar") {
        "application/x-tar"
    } else {
        "application/yaml"
    });
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let doc = document();
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = doc.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
