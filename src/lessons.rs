//! The lessons gallery (one button per lesson; a click loads and applies
//! it) and the lesson card of the applied scenario. Both are strings with
//! every value escaped: a shared link's lesson is a stranger's text.

use crate::html::esc;
use crate::sim::use_sim;
use jobsim::lesson::GALLERY;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Gallery() -> impl IntoView {
    let sim = use_sim();
    let buttons = move || {
        let ko = sim.lang.get() == crate::i18n::Lang::Ko;
        GALLERY
            .iter()
            .enumerate()
            .map(|(i, (file, en, k))| {
                format!(
                    "<li><button data-testid=\"preset\" data-name=\"{}\">{}. {}</button></li>",
                    esc(file),
                    i + 1,
                    esc(if ko { k } else { en })
                )
            })
            .collect::<String>()
    };
    let exercises = move || {
        let ko = sim.lang.get() == crate::i18n::Lang::Ko;
        jobsim::lesson::EXERCISES
            .iter()
            .map(|(file, en, k)| {
                format!(
                    "<li><button data-testid=\"exercise-preset\" data-exercise=\"{}\">{}</button></li>",
                    esc(file),
                    esc(if ko { k } else { en })
                )
            })
            .collect::<String>()
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(file) = crate::html::clicked_attr(&ev, "data-name") {
            sim.load_lesson(&file);
        } else if let Some(file) = crate::html::clicked_attr(&ev, "data-exercise") {
            sim.load_exercise(&file);
        }
    };
    view! {
        <details class="panel lessons" data-testid="lessons" open on:click=on_click>
            <summary><h2 data-i18n="Lessons">"Lessons"</h2></summary>
            <ol class="presets" inner_html=buttons></ol>
            <h3 data-i18n="Exercises">"Exercises"</h3>
            <ul class="presets" inner_html=exercises></ul>
        </details>
    }
}

#[component]
pub fn LessonCard() -> impl IntoView {
    let sim = use_sim();
    // Folded to its title line (presenter view keeps the room for pods).
    // Folded at first in an embed (a slide has little room).
    let folded = RwSignal::new(crate::share::embed_requested());
    // The learner's prediction, for the lesson (by title) it answers.
    let guess: RwSignal<Option<(String, u64)>> = RwSignal::new(None);
    // Check pressed: results show once that run is done.
    let checking = RwSignal::new(false);
    let card = move || {
        let Some(Some((l, done))) =
            sim.view_slow(|w| w.lesson().cloned().map(|l| (l, w.is_done())))
        else {
            return String::new();
        };
        let lang = sim.lang.get();
        let done = done && !sim.running_to_end.get();
        let extra = crate::exercise::blocks(sim, &l, lang, done, guess.get(), checking.get());
        let tr = |s| crate::i18n::tr(lang, s);
        let mut attrs = String::new();
        let mut outcome = String::new();
        if let Some(o) = &l.outcome {
            for (k, v) in [
                ("job", o.job.clone()),
                ("condition", o.condition.clone()),
                ("cronjob", o.cronjob.clone()),
                ("jobs", o.jobs.map(|n| n.to_string())),
            ] {
                if let Some(v) = v {
                    attrs.push_str(&format!(" data-outcome-{k}=\"{}\"", esc(&v)));
                }
            }
            outcome = format!(
                "<p><strong>{}</strong> <span data-testid=\"lesson-outcome\">{}</span></p>",
                tr("Outcome:"),
                esc(&jobsim::words::outcome(lang, o))
            );
        }
        if let Some(d) = l.stop_at {
            attrs.push_str(&format!(" data-stop-ms=\"{}\"", d.0.as_millis()));
        }
        let stop = l
            .stop_at
            .map(|d| format!("<p><strong>{}</strong> {}</p>", tr("Stop at:"), d.0))
            .unwrap_or_default();
        let fold = folded.get();
        let button = format!(
            "<button class=\"fold\" data-testid=\"lesson-fold\" aria-expanded=\"{}\">{}</button>",
            !fold,
            tr(if fold { "Show lesson" } else { "Fold" })
        );
        if fold {
            return format!(
                "<article class=\"panel lesson-card folded\" data-testid=\"lesson-card\"{attrs}><div class=\"lesson-head\"><h2>{}</h2>{button}</div></article>",
                esc(l.title.get(lang.code()))
            );
        }
        format!(
            "<article class=\"panel lesson-card\" data-testid=\"lesson-card\"{attrs}><div class=\"lesson-head\"><h2>{}</h2>{button}</div><p class=\"question\">{}</p><p class=\"watch\"><strong>{}</strong> {}</p><p class=\"rule\"><strong>{}</strong> {}</p>{stop}{outcome}{extra}</article>",
            esc(l.title.get(lang.code())),
            esc(l.question.get(lang.code())),
            tr("Watch:"),
            esc(l.watch.get(lang.code())),
            tr("The rule:"),
            esc(l.rule.get(lang.code())),
        )
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let hit = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("[data-testid=lesson-fold]").ok().flatten());
        if hit.is_some() {
            folded.update(|f| *f = !*f);
            return;
        }
        crate::exercise::on_click(sim, &ev, guess, checking);
    };
    view! { <div class="lesson-slot" on:click=on_click inner_html=card></div> }
}
