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
/// Room kept right of the last moment for its end label ("✖ Error").
const END_W: f64 = 80.0;
/// Width of the time axis.
const PLOT_W: f64 = WIDTH - LABEL_W - END_W;

#[component]
pub fn Timeline() -> impl IntoView {
    let sim = use_sim();
    // The SVG body, its height and the time span, rebuilt per refresh
    // (plain signals: a memo of the rows would cost more bundle).
    let body = RwSignal::new(String::new());
    let rows = RwSignal::new(1usize);
    let span_ms = RwSignal::new(60_000.0f64);
    Effect::new(move |_| {
        let lang = sim.lang.get();
        sim.view_slow(|w| {
            let g = jobsim::snapshot::gantt(w, ROWS);
            let span = w.now().ms().max(60_000) as f64;
            body.set(svg_body(&g, w.now().ms(), w.pods().len(), span, lang));
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
        let t = ((vx - LABEL_W) / PLOT_W * span()).max(0.0) as u64;
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

/// Width of a character in SVG units at the timeline's 10-unit monospace
/// font (a wide glyph, Hangul or a symbol, counts nearly double);
/// generous, so a label placed by it never touches its neighbour.
fn char_w(c: char) -> f64 {
    if (c as u32) < 0x2000 {
        6.2
    } else {
        10.5
    }
}

fn text_w(s: &str) -> f64 {
    s.chars().map(char_w).sum()
}

/// `s` cut to fit `room` units, with an ellipsis.
fn fit(s: &str, room: f64) -> String {
    if text_w(s) <= room {
        return s.to_string();
    }
    // Room kept for the ellipsis.
    let (mut out, mut w) = (String::new(), 6.2);
    for c in s.chars() {
        w += char_w(c);
        if w > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Where a back-off gap's label goes: inside the gap when it fits, else
/// left of it (this row is empty before its pod was created), full text
/// first, then the short one; `None` when neither fits (the gap then
/// shows it on hover and focus).
fn place_gap_label(
    x1: f64,
    x2: f64,
    full: &str,
    short: &str,
) -> Option<(f64, &'static str, String)> {
    for text in [full, short] {
        let w = text_w(text);
        if w + 6.0 <= x2 - x1 {
            return Some(((x1 + x2) / 2.0, "middle", text.to_string()));
        }
        if x1 - 4.0 - w >= LABEL_W + 2.0 {
            return Some((x1 - 4.0, "end", text.to_string()));
        }
    }
    None
}

fn svg_body(
    rows: &[GanttRow],
    now: u64,
    total: usize,
    span: f64,
    lang: crate::i18n::Lang,
) -> String {
    use std::fmt::Write;
    let x = |t: u64| LABEL_W + (t as f64 / span) * PLOT_W;
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
        let baseline = y + ROW_H - 5.0;
        let label = match r.index {
            Some(ix) => format!("{} [{ix}] {}", r.job, short(&r.pod)),
            None => format!("{} {}", r.job, short(&r.pod)),
        };
        let _ = write!(
            o,
            r#"<g class="row"><text class="label" x="2" y="{baseline:.1}"><title>{}</title>{}</text>"#,
            esc(&r.pod),
            esc(&fit(&label, LABEL_W - 8.0))
        );
        if let Some((a, b, secs)) = &r.backoff_gap {
            let (x1, x2) = (x(a.ms()), x(b.ms()));
            let full = crate::i18n::backoff_gap(lang, *secs, false);
            let short = crate::i18n::backoff_gap(lang, *secs, true);
            let mid = y + ROW_H / 2.0;
            let _ = write!(
                o,
                r#"<g class="gap" tabindex="0" aria-label="{0}"><title>{0}</title>"#,
                esc(&full)
            );
            match place_gap_label(x1, x2, &full, &short) {
                // Inside the gap: the dashed line runs on both sides of it.
                Some((cx, "middle", text)) => {
                    let half = text_w(&text) / 2.0 + 2.0;
                    let _ = write!(
                        o,
                        r#"<line x1="{x1:.1}" x2="{:.1}" y1="{mid:.1}" y2="{mid:.1}"></line><line x1="{:.1}" x2="{x2:.1}" y1="{mid:.1}" y2="{mid:.1}"></line><text x="{cx:.1}" y="{baseline:.1}">{}</text>"#,
                        cx - half,
                        cx + half,
                        esc(&text)
                    );
                }
                Some((ax, anchor, text)) => {
                    let _ = write!(
                        o,
                        r#"<line x1="{x1:.1}" x2="{x2:.1}" y1="{mid:.1}" y2="{mid:.1}"></line><text x="{ax:.1}" y="{baseline:.1}" style="text-anchor:{anchor}">{}</text>"#,
                        esc(&text)
                    );
                }
                None => {
                    let _ = write!(
                        o,
                        r#"<line x1="{x1:.1}" x2="{x2:.1}" y1="{mid:.1}" y2="{mid:.1}"></line>"#
                    );
                }
            }
            o.push_str("</g>");
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
            let text = format!("{} {status}", if ok { "✔" } else { "✖" });
            let _ = write!(
                o,
                r#"<text class="end {}" x="{:.1}" y="{baseline:.1}"><title>{}</title>{}</text>"#,
                if ok { "ok" } else { "bad" },
                x(t.ms()) + 3.0,
                esc(&text),
                esc(&fit(&text, END_W - 4.0))
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
        // In the label column, clear of the first tick's label.
        let _ = write!(
            o,
            r#"<text class="more" x="2" y="{:.1}">first {ROWS} of {total} pods</text>"#,
            height - 2.0
        );
    }
    o
}

fn short(pod: &str) -> String {
    pod.rsplit('-').next().unwrap_or(pod).to_string()
}
