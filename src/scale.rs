//! Pictures for runs too big for pod cards: pods by phase over virtual
//! time (SVG) and the index map of the first Indexed Job (one cell per
//! index on a canvas). Both render the core's view models
//! (`snapshot::phase_series`, `snapshot::index_map`); the markup is built
//! as strings of numbers and fixed words (a few Leptos views cost more
//! bundle than these pictures are worth).

use crate::board::MAX_CARDS;
use crate::html::esc;
use crate::sim::{elapsed, use_sim};
use jobsim::snapshot::{IndexCell, PhaseSeries};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

const PHASES: [(&str, &str); 4] = [
    ("pending", "var(--pending)"),
    ("running", "var(--run)"),
    ("succeeded", "var(--ok)"),
    ("failed", "var(--bad)"),
];

/// Index map colours (RGB), in `IndexCell::ALL` order.
const CELL_RGB: [[u8; 3]; 7] = [
    [0xd0, 0xd4, 0xdc],
    [0xe0, 0xa4, 0x1a],
    [0x2f, 0x7c, 0xe0],
    [0x9b, 0x4d, 0xca],
    [0x2e, 0x9e, 0x5b],
    [0x86, 0xc9, 0x3a],
    [0xd6, 0x3b, 0x3b],
];

/// Cells per row of the index map.
const MAP_COLUMNS: usize = 400;

#[component]
pub fn Scale() -> impl IntoView {
    let sim = use_sim();
    // Plain signals fed by one effect (a memo of the pictures would cost
    // more bundle than it saves work: they change on every refresh).
    let shown = RwSignal::new(false);
    let chart = RwSignal::new(String::new());
    let caption = RwSignal::new(String::new());
    let map: StoredValue<Option<(String, Vec<IndexCell>)>> = StoredValue::new(None);
    let canvas: NodeRef<leptos::html::Canvas> = NodeRef::new();
    Effect::new(move |_| {
        let el = canvas.get();
        let pics = sim
            .view_slow(|w| {
                if w.pods().len() <= MAX_CARDS {
                    return None;
                }
                let map = w
                    .jobs()
                    .iter()
                    .position(|j| j.indexed && !j.name.is_empty())
                    .and_then(|j| {
                        let cells = jobsim::snapshot::index_map(w, j)?;
                        Some((w.jobs()[j].name.clone(), cells))
                    });
                Some((jobsim::snapshot::phase_series(w, 240), map))
            })
            .flatten();
        let Some((series, m)) = pics else {
            shown.set(false);
            return;
        };
        shown.set(true);
        chart.set(chart_html(&series));
        match &m {
            Some((name, cells)) => {
                if let Some(el) = &el {
                    draw(el, cells);
                }
                caption.set(map_html(name, cells, None));
            }
            None => caption.set(String::new()),
        }
        map.set_value(m);
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = canvas.get() else { return };
        let r = el.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return;
        }
        let x = ((ev.client_x() as f64 - r.left()) / r.width() * el.width() as f64) as usize;
        let y = ((ev.client_y() as f64 - r.top()) / r.height() * el.height() as f64) as usize;
        let i = y * el.width() as usize + x;
        map.with_value(|m| {
            if let Some((name, cells)) = m {
                caption.set(map_html(name, cells, Some(i)));
            }
        });
    };
    view! {
        <div class="panel" id="scale" data-testid="scale" class:hidden=move || !shown.get()>
            <div class="panel-head"><h2 data-i18n="At scale">"At scale"</h2>
                <span class="muted" data-i18n="pods by phase over time; one cell per index">"pods by phase over time; one cell per index"</span>
            </div>
            <div inner_html=move || chart.get()></div>
            <figure class="index-map" class:hidden=move || caption.with(|c| c.is_empty())>
                <canvas node_ref=canvas aria-label="Index map: one cell per index" on:click=on_click></canvas>
                <div inner_html=move || caption.get()></div>
            </figure>
        </div>
    }
}

fn legend(colour: &str, text: &str) -> String {
    format!("<span class=\"legend\"><span class=\"swatch\" style=\"background:{colour}\"></span>{text}</span>")
}

/// The chart: four polylines over a 600×150 viewBox, a legend with the
/// last sample's counts (also as data attributes, for tests).
fn chart_html(s: &PhaseSeries) -> String {
    let (w, h) = (600.0, 150.0);
    let n = s.samples.len().max(2) - 1;
    let last = s.samples.last().copied().unwrap_or_default();
    let top = s
        .samples
        .iter()
        .flatten()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut out = format!(
        "<figure class=\"phase-chart\" data-testid=\"phase-chart\" data-pending=\"{}\" data-running=\"{}\" data-succeeded=\"{}\" data-failed=\"{}\"><svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Pods by phase over virtual time\">",
        last[0], last[1], last[2], last[3]
    );
    for (k, (_, colour)) in PHASES.iter().enumerate() {
        out.push_str(&format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" vector-effect=\"non-scaling-stroke\" points=\""
        ));
        for (i, c) in s.samples.iter().enumerate() {
            let x = i as f64 * w / n as f64;
            let y = h - c[k] as f64 * (h - 4.0) / top - 2.0;
            out.push_str(&format!("{x:.1},{y:.1} "));
        }
        out.push_str("\"/>");
    }
    out.push_str("</svg><figcaption>");
    for (k, (name, colour)) in PHASES.iter().enumerate() {
        out.push_str(&legend(colour, &format!("{name} {}", last[k])));
    }
    let span = s.step.as_millis() * n as u64;
    out.push_str(&format!(
        "<span class=\"muted\">0 to {}</span></figcaption></figure>",
        elapsed(span)
    ));
    out
}

/// The index map's caption: counts per kind of cell (also as data
/// attributes) and the index last clicked.
fn map_html(name: &str, cells: &[IndexCell], picked: Option<usize>) -> String {
    let mut n = [0usize; 7];
    for &c in cells {
        n[c as usize] += 1;
    }
    let mut out = format!(
        "<figcaption data-testid=\"index-map\" data-job=\"{}\" data-succeeded=\"{}\" data-retried=\"{}\" data-failed=\"{}\" data-active=\"{}\"><strong>{}</strong>",
        esc(name),
        n[4] + n[5],
        n[3] + n[5],
        n[6],
        n[1] + n[2] + n[3],
        esc(name)
    );
    for (i, k) in IndexCell::ALL.iter().enumerate() {
        let [r, g, b] = CELL_RGB[i];
        out.push_str(&legend(
            &format!("rgb({r},{g},{b})"),
            &format!("{} {}", k.title(), n[i]),
        ));
    }
    if let Some(c) = picked.and_then(|i| cells.get(i).map(|c| (i, c))) {
        out.push_str(&format!(
            "<span class=\"muted\">index {}: {}</span>",
            c.0,
            c.1.title()
        ));
    }
    out.push_str("</figcaption>");
    out
}

/// Paints one pixel per index (the canvas is scaled up by CSS).
fn draw(el: &web_sys::HtmlCanvasElement, cells: &[IndexCell]) {
    let n = cells.len().max(1);
    let cols = n.min(MAP_COLUMNS);
    let rows = n.div_ceil(cols);
    el.set_width(cols as u32);
    el.set_height(rows as u32);
    let Some(ctx) = el
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let mut rgba = vec![0u8; cols * rows * 4];
    for (i, &c) in cells.iter().enumerate() {
        rgba[i * 4..i * 4 + 3].copy_from_slice(&CELL_RGB[c as usize]);
        rgba[i * 4 + 3] = 255;
    }
    if let Ok(img) = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(&rgba),
        cols as u32,
        rows as u32,
    ) {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
}
