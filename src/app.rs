//! Page layout and start-up: initial text (shared link, autosave, or the
//! seed example), the Sim context and the frame loop.

use crate::examples::SEED_EXAMPLE;
use crate::sim::{start_loop, Sim};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    let saved = crate::share::load_saved();
    let fallback = || saved.clone().unwrap_or_else(|| SEED_EXAMPLE.to_string());
    // A link is a stranger's input: any failure leaves a working page
    // (the visitor's own text) and says what is wrong.
    let mut link_error = None;
    let (initial, open_at) = match crate::share::from_location() {
        Some(Ok(l)) => (l.text, Some((l.at_ms, l.view))),
        Some(Err(e)) => {
            link_error = Some(crate::sim::LinkBanner::Error(e));
            (fallback(), None)
        }
        None => (fallback(), None),
    };
    let sim = Sim::new(initial);
    sim.link_error.set(link_error);
    sim.lang.set(crate::i18n::initial());
    // Rewrites the fixed labels (after the first render too).
    Effect::new(move |_| crate::i18n::apply(sim.lang.get()));
    // A shared link replaces the editor text; keep what was there.
    if let Some(prev) = saved.clone() {
        sim.keep_previous(prev, &sim.text.get_untracked());
    }
    let embed = crate::share::embed_requested();
    sim.present
        .set(embed || crate::share::presenter_requested());
    provide_context(sim);
    presenter_keys(sim);
    presenter_fit(sim);
    // Autosave every change; nothing typed is lost on reload.
    // The first run only subscribes: the text as loaded is already where it
    // came from, and saving it at start-up would race a cleared storage.
    Effect::new(move |first: Option<()>| {
        let text = sim.text.get();
        if first.is_some() {
            crate::share::save(&text);
        }
    });
    sim.check(&sim.text.get_untracked());
    // A link's scenario, or a first visit's example, starts applied, so
    // Play and Run to end work at once.
    if open_at.is_some() || saved.is_none() {
        sim.apply();
    }
    if let Some((at, view)) = open_at {
        if !sim.has_world() {
            sim.link_error
                .set(Some(crate::sim::LinkBanner::DoesNotLoad));
        } else if at > 0 {
            sim.seek(at);
        }
        // After the first render, when the panels exist.
        request_animation_frame(move || crate::share::open_view(&view));
    }
    start_loop(sim);

    view! {
        <header class="top">
            <h1>"Job Playground"</h1>
            <p class="tagline" data-i18n="Kubernetes Job and CronJob controller semantics (batch/v1, Kubernetes 1.34), simulated in your browser">"Kubernetes Job and CronJob controller semantics (batch/v1, Kubernetes 1.34), simulated in your browser"</p>
            <select class="language" data-testid="language" aria-label="Language / 언어"
                prop:value=move || sim.lang.get().code()
                on:change=move |ev| sim.lang.set(if event_target_value(&ev) == "ko" { crate::i18n::Lang::Ko } else { crate::i18n::Lang::En })>
                <option value="en">"English"</option>
                <option value="ko">"한국어"</option>
            </select>
            <crate::toolbar::Toolbar/>
        </header>
        <main class="layout" class:present=move || sim.present.get() class:embed=embed>
            <section class="left" aria-label="Manifests">
                <crate::editor::Editor/>
                <crate::inject::Inject/>
                <crate::compare::CompareForm/>
                <crate::lessons::Gallery/>
                <crate::explain::ExplainReal/>
            </section>
            <section class="right" aria-label="Cluster">
                // The stage: what presenter view fits on one screen (a grid
                // there, plain flow otherwise); a lesson's view is its
                // largest panel.
                <div class="stage" data-view=move || {
                    sim.view_slow(|w| w.lesson().and_then(|l| l.view.clone()))
                        .flatten()
                        .unwrap_or_default()
                }>
                    <div class="notices"><Notice/></div>
                    <crate::lessons::LessonCard/>
                    <div class="cards">
                        <crate::cronjobs::CronJobs/>
                        <crate::jobs::Jobs/>
                    </div>
                    <crate::board::Board/>
                    <crate::scale::Scale/>
                    <crate::timeline::Timeline/>
                </div>
                <crate::compare::CompareSide/>
                <crate::nodes::Nodes/>
                <crate::console::Console/>
            </section>
        </main>
        <footer class="foot">{move || crate::i18n::footer(sim.lang.get())}</footer>
    }
}

/// Presenter view fits its stage under the header: the header's height
/// (it wraps with the window's width and the language) goes into `--top-h`.
fn presenter_fit(sim: Sim) {
    let measure = || {
        let doc = document();
        if let (Some(top), Some(root)) = (
            doc.query_selector(".top").ok().flatten(),
            doc.document_element(),
        ) {
            let h = top.get_bounding_client_rect().height();
            let _ = root
                .unchecked_ref::<web_sys::HtmlElement>()
                .style()
                .set_property("--top-h", &format!("{h:.0}px"));
        }
    };
    Effect::new(move |_| {
        sim.present.track();
        sim.lang.track();
        request_animation_frame(measure);
    });
    // The listener lives as long as the page.
    std::mem::forget(window_event_listener(leptos::ev::resize, move |_| {
        measure()
    }));
}

/// Presenter view's keys: Space plays or pauses, → steps, R resets (not
/// while typing in a field).
fn presenter_keys(sim: Sim) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !sim.present.get_untracked() || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let typing = document().active_element().is_some_and(|e| {
            matches!(
                e.tag_name().as_str(),
                "INPUT" | "TEXTAREA" | "SELECT" | "BUTTON"
            )
        });
        if typing {
            return;
        }
        match ev.key().as_str() {
            " " => {
                ev.prevent_default();
                if sim.playing.get_untracked() || sim.running_to_end.get_untracked() {
                    sim.pause();
                } else if sim.has_world() {
                    sim.playing.set(true);
                }
            }
            "ArrowRight" => sim.step(),
            "r" | "R" => sim.reset(),
            _ => {}
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

#[component]
fn Notice() -> impl IntoView {
    let sim = crate::sim::use_sim();
    // One string: the link banner, the share link and the world's notes
    // (all escaped: a link's text is a stranger's).
    let notes = move || {
        let mut html = String::new();
        let lang = sim.lang.get();
        if let Some(b) = sim.link_error.get() {
            let text = match &b {
                crate::sim::LinkBanner::Error(e) => jobsim::words::link_error(lang, e),
                crate::sim::LinkBanner::DoesNotLoad => crate::i18n::link_does_not_load(lang).into(),
            };
            html.push_str(&format!(
                "<p data-testid=\"link-error\" class=\"notice error\" role=\"alert\">{}</p>",
                crate::html::esc(&text)
            ));
        }
        let url = sim.share_url.get();
        if !url.is_empty() {
            html.push_str(&format!(
                "<p class=\"notice\">{} <code data-testid=\"share-url\" class=\"share-url\">{}</code></p>",
                crate::i18n::tr(lang, "Share link:"),
                crate::html::esc(&url)
            ));
        }
        if let Some(notes) = sim.view_slow(|w| {
            w.note_list()
                .iter()
                .map(|n| {
                    format!(
                        "<p class=\"notice note\" role=\"note\">{}</p>",
                        crate::html::esc(&jobsim::words::note(lang, n))
                    )
                })
                .collect::<String>()
        }) {
            html.push_str(&notes);
        }
        html
    };
    view! {
        <p class="notice" role="status" class:hidden=move || sim.notice.with(|n| n.is_empty())>{move || sim.notice.get()}</p>
        <div inner_html=notes></div>
        <p class="hint" class:hidden=move || sim.has_world() data-i18n="Edit or paste manifests on the left, then press Apply (Ctrl+Enter) to start the cluster.">"Edit or paste manifests on the left, then press Apply (Ctrl+Enter) to start the cluster."</p>
    }
}
