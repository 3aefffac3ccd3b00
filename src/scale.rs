//! Pictures for runs too big for pod cards: pods by phase over virtual
//! time (SVG) and, per Indexed Job, an index map (one pixel-cell per index
//! on a canvas). Both render the core's view models (`snapshot::
//! phase_series`, `snapshot::index_map`).

use crate::board::MAX_CARDS;
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

/// Index map colours (RGB), in `IndexCell::ALL` order; the legend shows
/// the same ones.
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
    let big = move || {
        sim.view_slow(|w| w.pods().len() > MAX_CARDS)
            .unwrap_or(false)
    };
    view! {
        <Show when=big>
            <div class="panel" data-testid="scale">
                <div class="panel-head"><h2>"At scale"</h2>
                    <span class="muted">"pods by phase over time; one cell per index"</span>
                </div>
                <PhaseChart/>
                <IndexMaps/>
            </div>
        </Show>
    }
}

#[component]
fn PhaseChart() -> impl IntoView {
    let sim = use_sim();
    let series = Memo::new(move |_| {
        sim.view_slow(|w| jobsim::snapshot::phase_series(w, 240))
            .unwrap_or_default()
    });
    let last = move || series.with(|s| s.samples.last().copied().unwrap_or_default());
    view! {
        <figure class="phase-chart" data-testid="phase-chart"
            data-pending=move || last()[0] data-running=move || last()[1]
            data-succeeded=move || last()[2] data-failed=move || last()[3]>
            <div class="chart-svg" inner_html=move || series.with(svg)></div>
            <figcaption>
                {PHASES.iter().enumerate().map(|(i, (name, colour))| view! {
                    <span class="legend"><span class="swatch" style=format!("background:{colour}")></span>
                        {move || format!("{name} {}", last()[i])}</span>
                }).collect_view()}
                <span class="muted">{move || series.with(|s| format!(" · 0 to {}", elapsed(s.step.as_millis() * s.samples.len().saturating_sub(1) as u64)))}</span>
            </figcaption>
        </figure>
    }
}

/// Four polylines over a 600×150 viewBox (numbers only: nothing from the
/// user reaches this markup).
fn svg(s: &PhaseSeries) -> String {
    let (w, h) = (600.0, 150.0);
    let n = s.samples.len().max(2) - 1;
    let top = s
        .samples
        .iter()
        .flat_map(|c| c.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut out = format!(
        "<svg viewBox=\"0 0 {w} {h}\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"Pods by phase over virtual time\">"
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
    out.push_str("</svg>");
    out
}

#[component]
fn IndexMaps() -> impl IntoView {
    let sim = use_sim();
    // Indexed Jobs (at most four maps).
    let jobs = move || {
        sim.view_slow(|w| {
            w.jobs()
                .iter()
                .enumerate()
                .filter(|(_, j)| j.indexed && !j.name.is_empty())
                .take(4)
                .map(|(i, j)| (i, j.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    view! {
        <For each=jobs key=|j: &(usize, String)| j.clone() let:job>
            <IndexMap job=job.0 name=job.1/>
        </For>
    }
}

#[component]
fn IndexMap(job: usize, name: String) -> impl IntoView {
    let sim = use_sim();
    let canvas: NodeRef<leptos::html::Canvas> = NodeRef::new();
    let cells = Memo::new(move |_| {
        sim.view_slow(|w| jobsim::snapshot::index_map(w, job))
            .flatten()
            .unwrap_or_default()
    });
    let counts = Memo::new(move |_| {
        cells.with(|c| {
            let mut n = [0usize; 7];
            for &x in c {
                n[x as usize] += 1;
            }
            n
        })
    });
    let counts = move || counts.get();
    let picked = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        cells.with(|c| {
            if let Some(el) = canvas.get() {
                draw(&el, c);
            }
        })
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = canvas.get() else { return };
        let rect = el.get_bounding_client_rect();
        let cols = el.width() as f64;
        let rows = el.height() as f64;
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let x = ((ev.client_x() as f64 - rect.left()) / rect.width() * cols) as usize;
        let y = ((ev.client_y() as f64 - rect.top()) / rect.height() * rows) as usize;
        picked.set(Some(y * cols as usize + x));
    };
    let picked_text = move || {
        let i = picked.get()?;
        cells.with(|c| c.get(i).map(|k| format!("index {i}: {}", k.title())))
    };
    view! {
        <figure class="index-map" data-testid="index-map" data-job=name.clone()
            data-succeeded=move || counts()[4] + counts()[5] data-retried=move || counts()[3] + counts()[5]
            data-failed=move || counts()[6] data-active=move || counts()[1] + counts()[2] + counts()[3]>
            <canvas node_ref=canvas aria-label=format!("Index map of job {name}: one cell per index") on:click=on_click></canvas>
            <figcaption>
                <strong>{name.clone()}</strong>
                {IndexCell::ALL.iter().enumerate().map(|(i, k)| view! {
                    <span class="legend"><span class="swatch" style=format!("background:rgb({},{},{})", CELL_RGB[i][0], CELL_RGB[i][1], CELL_RGB[i][2])></span>
                        {move || format!("{} {}", k.title(), counts()[i])}</span>
                }).collect_view()}
                <span data-testid="index-picked" class="muted">{picked_text}</span>
            </figcaption>
        </figure>
    }
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
