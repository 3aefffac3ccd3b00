//! The Gantt chart: one row per pod grouped by Job and index, bars by
//! phase over virtual time, back-off gaps labelled, a now-cursor, and
//! click-to-scrub.

use crate::html::esc;
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
    // The SVG body, its height and the time span, rebuilt per refresh
    // (plain signals: a memo of the rows would cost more bundle).
    let body = RwSignal::new(String::new());
    let rows = RwSignal::new(1usize);
    let span_ms = RwSignal::new(60_000.0f64);
    Effect::new(move |_| {
        sim.view_slow(|w| {
            let g = jobsim::snapshot::gantt(w, ROWS);
            let span = w.now().ms().max(60_000) as f64 * 1.05;
            body.set(svg_body(&g, w.now().ms(), w.pods().len(), span));
            rows.set(g.len().max(1));
            span_ms.set(span);
        });
    });
    let span = move || span_ms.get_untracked();
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
        <div class="panel" id="timeline">
            <div class="panel-head"><h2 data-i18n="Timeline">"Timeline"</h2>
                <span class="muted"><span data-i18n="Click to move the clock.">"Click to move the clock."</span>" "
                    <span class="legend pending">"▮ Pending"</span> " "
                    <span class="legend running">"▮ Running"</span> " "
                    <span class="legend terminating">"▮ Terminating"</span> " "
                    <span class="legend gap" data-i18n="┈ back-off">"┈ back-off"</span>
                </span>
            </div>
            <div class="timeline-wrap">
                // Built as one string: hundreds of SVG nodes re-created per
                // frame through the DOM would cost far more than one innerHTML.
                <svg class="timeline" role="img" aria-label="Pod timeline"
                    viewBox=move || format!("0 0 {WIDTH} {}", rows.get() as f64 * ROW_H + 24.0)
                    on:click=on_click
                    inner_html=move || body.get()>
                </svg>
            </div>
        </div>
    }
}

fn svg_body(rows: &[GanttRow], now: u64, total: usize, span: f64) -> String {
    use std::fmt::Write;
    let x = |t: u64| LABEL_W + (t as f64 / span) * (WIDTH - LABEL_W - 10.0);
    let height = rows.len().max(1) as f64 * ROW_H + 24.0;
    let mut o = String::with_capacity(rows.len() * 400 + 1024);
    for i in 0..=5 {
        let t = (span / 5.0 * i as f64) as u64;
        let _ = write!(
            o,
            r#"<g class="tick"><line x1="{0:.1}" x2="{0:.1}" y1="0" y2="{1:.1}"></line><text x="{0:.1}" y="{2:.1}">{3}</text></g>"#,
            x(t),
            height - 14.0,
            height - 2.0,
            elapsed(t)
        );
    }
    for (i, r) in rows.iter().enumerate() {
        let y = i as f64 * ROW_H;
        let label = match r.index {
            Some(ix) => format!("{} [{ix}] {}", r.job, short(&r.pod)),
            None => format!("{} {}", r.job, short(&r.pod)),
        };
        let _ = write!(
            o,
            r#"<g class="row"><text class="label" x="2" y="{:.1}">{}</text>"#,
            y + ROW_H - 5.0,
            esc(&label)
        );
        if let Some((a, b, text)) = &r.backoff_gap {
            let (x1, x2) = (x(a.ms()), x(b.ms()));
            let _ = write!(
                o,
                r#"<g class="gap"><line x1="{x1:.1}" x2="{x2:.1}" y1="{0:.1}" y2="{0:.1}"></line><text x="{1:.1}" y="{2:.1}">{3}</text></g>"#,
                y + ROW_H / 2.0,
                (x1 + x2) / 2.0,
                y + ROW_H / 2.0 - 2.0,
                esc(text)
            );
        }
        for (a, b, k) in r.segments.iter().filter(|(a, b, _)| b > a) {
            let kind = match k {
                SegmentKind::Pending => "pending",
                SegmentKind::Running => "running",
                SegmentKind::Terminating => "terminating",
            };
            let (x1, x2) = (x(a.ms()), x(b.ms()));
            let _ = write!(
                o,
                r#"<rect class="seg {kind}" x="{x1:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{} {kind} {}–{}</title></rect>"#,
                y + 3.0,
                (x2 - x1).max(1.0),
                ROW_H - 6.0,
                esc(&r.pod),
                elapsed(a.ms()),
                elapsed(b.ms())
            );
        }
        if let Some((t, status)) = &r.end {
            let ok = r.succeeded;
            let _ = write!(
                o,
                r#"<text class="end {}" x="{:.1}" y="{:.1}">{} {}</text>"#,
                if ok { "ok" } else { "bad" },
                x(t.ms()) + 3.0,
                y + ROW_H - 5.0,
                if ok { "✔" } else { "✖" },
                esc(status)
            );
        }
        o.push_str("</g>");
    }
    let nx = x(now);
    let _ = write!(
        o,
        r#"<line class="now" x1="{nx:.1}" x2="{nx:.1}" y1="0" y2="{:.1}"></line>"#,
        height - 14.0
    );
    if total > ROWS {
        let _ = write!(
            o,
            r#"<text class="more" x="{LABEL_W}" y="{:.1}">first {ROWS} of {total} pods</text>"#,
            height - 2.0
        );
    }
    o
}

fn short(pod: &str) -> String {
    pod.rsplit('-').next().unwrap_or(pod).to_string()
}
