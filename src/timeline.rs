//! The Gantt chart: one row per pod grouped by Job and index, bars by
//! phase over virtual time, back-off gaps labelled, a now-cursor, and
//! click-to-scrub.

use crate::sim::{elapsed, use_sim};
use jobsim::snapshot::{GanttRow, SegmentKind};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const ROWS: usize = 150;
const LABEL_W: f64 = 190.0;
const WIDTH: f64 = 1000.0;
const ROW_H: f64 = 18.0;

#[component]
pub fn Timeline() -> impl IntoView {
    let sim = use_sim();
    let data = Memo::new(move |_| {
        sim.view(|w| (jobsim::snapshot::gantt(w, ROWS), w.now.ms(), w.pods.len()))
            .unwrap_or((Vec::new(), 0, 0))
    });
    let span = move || data.with(|(_, now, _)| (*now).max(60_000) as f64 * 1.05);
    let x = move |t: u64| LABEL_W + (t as f64 / span()) * (WIDTH - LABEL_W - 10.0);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let w = target.client_width() as f64;
        if w <= 0.0 {
            return;
        }
        let vx = ev.offset_x() as f64 / w * WIDTH;
        if vx < LABEL_W {
            return;
        }
        let t = ((vx - LABEL_W) / (WIDTH - LABEL_W - 10.0) * span()).max(0.0) as u64;
        sim.playing.set(false);
        sim.seek(t);
    };
    view! {
        <div class="panel">
            <div class="panel-head"><h2>"Timeline"</h2>
                <span class="muted">"Click to move the clock. "
                    <span class="legend pending">"▮ Pending"</span> " "
                    <span class="legend running">"▮ Running"</span> " "
                    <span class="legend terminating">"▮ Terminating"</span> " "
                    <span class="legend gap">"┈ back-off"</span>
                </span>
            </div>
            <div class="timeline-wrap">
                <svg class="timeline" role="img" aria-label="Pod timeline"
                    viewBox=move || format!("0 0 {WIDTH} {}", data.with(|(r, _, _)| r.len().max(1)) as f64 * ROW_H + 24.0)
                    on:click=on_click>
                    {move || {
                        let (rows, now, total) = data.get();
                        let nx = x(now);
                        let height = rows.len().max(1) as f64 * ROW_H + 24.0;
                        let ticks = (0..=5).map(|i| {
                            let t = (span() / 5.0 * i as f64) as u64;
                            view! {
                                <g class="tick">
                                    <line x1=x(t) x2=x(t) y1="0" y2=height - 14.0></line>
                                    <text x=x(t) y=height - 2.0>{elapsed(t)}</text>
                                </g>
                            }
                        }).collect_view();
                        let rows_view = rows.iter().enumerate().map(|(i, r)| row(r, i, &x)).collect_view();
                        view! {
                            {ticks}
                            {rows_view}
                            <line class="now" x1=nx x2=nx y1="0" y2=height - 14.0></line>
                            {(total > ROWS).then(|| view! {
                                <text class="more" x=LABEL_W y=height - 2.0>{format!("first {ROWS} of {total} pods")}</text>
                            })}
                        }
                    }}
                </svg>
            </div>
        </div>
    }
}

fn row(r: &GanttRow, i: usize, x: &impl Fn(u64) -> f64) -> impl IntoView {
    let y = i as f64 * ROW_H;
    let label = match r.index {
        Some(ix) => format!("{} [{ix}] {}", r.job, short(&r.pod)),
        None => format!("{} {}", r.job, short(&r.pod)),
    };
    let bars = r
        .segments
        .iter()
        .filter(|(a, b, _)| b > a)
        .map(|(a, b, k)| {
            let class = match k {
                SegmentKind::Pending => "seg pending",
                SegmentKind::Running => "seg running",
                SegmentKind::Terminating => "seg terminating",
            };
            let (x1, x2) = (x(a.ms()), x(b.ms()));
            view! { <rect class=class x=x1 y=y + 3.0 width=(x2 - x1).max(1.0) height=ROW_H - 6.0><title>{format!("{} {}–{}", class.trim_start_matches("seg "), elapsed(a.ms()), elapsed(b.ms()))}</title></rect> }
        })
        .collect_view();
    let end = r.end.as_ref().map(|(t, status)| {
        let ok = status == "Completed";
        view! {
            <text class=if ok { "end ok" } else { "end bad" } x=x(t.ms()) + 3.0 y=y + ROW_H - 5.0>
                {format!("{} {status}", if ok { "✔" } else { "✖" })}
            </text>
        }
    });
    let gap = r.backoff_gap.as_ref().map(|(a, b, text)| {
        let (x1, x2) = (x(a.ms()), x(b.ms()));
        view! {
            <g class="gap">
                <line x1=x1 x2=x2 y1=y + ROW_H / 2.0 y2=y + ROW_H / 2.0></line>
                <text x=(x1 + x2) / 2.0 y=y + ROW_H / 2.0 - 2.0>{text.clone()}</text>
            </g>
        }
    });
    view! {
        <g class="row">
            <text class="label" x="2" y=y + ROW_H - 5.0>{label}</text>
            {gap}
            {bars}
            {end}
        </g>
    }
}

fn short(pod: &str) -> String {
    pod.rsplit('-').next().unwrap_or(pod).to_string()
}
