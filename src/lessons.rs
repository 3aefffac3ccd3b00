//! The lessons gallery (one button per lesson; a click loads and applies
//! it) and the lesson card of the applied scenario. Both are strings with
//! every value escaped: a shared link's lesson is a stranger's text.

use crate::html::esc;
use crate::sim::use_sim;
use jobsim::lesson::{outcome_text, GALLERY};
use leptos::prelude::*;

#[component]
pub fn Gallery() -> impl IntoView {
    let sim = use_sim();
    let buttons: String = GALLERY
        .iter()
        .enumerate()
        .map(|(i, (file, title))| {
            format!(
                "<li><button data-testid=\"preset\" data-name=\"{}\">{}. {}</button></li>",
                esc(file),
                i + 1,
                esc(title)
            )
        })
        .collect();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(file) = crate::html::clicked_attr(&ev, "data-name") {
            sim.load_lesson(&file);
        }
    };
    view! {
        <details class="panel lessons" data-testid="lessons" open>
            <summary><h2>"Lessons"</h2></summary>
            <ol class="presets" on:click=on_click inner_html=buttons></ol>
        </details>
    }
}

#[component]
pub fn LessonCard() -> impl IntoView {
    let sim = use_sim();
    let card = move || {
        let Some(Some(l)) = sim.view_slow(|w| w.lesson().cloned()) else {
            return String::new();
        };
        let lang = "en";
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
                "<p><strong>Outcome:</strong> <span data-testid=\"lesson-outcome\">{}</span></p>",
                esc(&outcome_text(o))
            );
        }
        let stop = l
            .stop_at
            .map(|d| format!("<p><strong>Stop at:</strong> {}</p>", d.0))
            .unwrap_or_default();
        format!(
            "<article class=\"panel lesson-card\" data-testid=\"lesson-card\"{attrs}><h2>{}</h2><p class=\"question\">{}</p><p><strong>Watch:</strong> {}</p><p><strong>The rule:</strong> {}</p>{stop}{outcome}</article>",
            esc(l.title.get(lang)),
            esc(l.question.get(lang)),
            esc(l.watch.get(lang)),
            esc(l.rule.get(lang)),
        )
    };
    view! { <div inner_html=card></div> }
}
