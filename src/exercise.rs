//! The lesson card's exercise and prediction blocks: the goals and a Check
//! button (apply the text, run it to the end, show each goal met or not,
//! with the core's reasons), and a question asked before the clock runs,
//! revealed against the run's own answer. Strings with every value
//! escaped, one delegated click handler (as the card itself).

use crate::html::esc;
use crate::i18n::{self, Lang};
use crate::sim::Sim;
use jobsim::exercise;
use jobsim::scenario::Lesson;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The card's exercise and prediction sections (empty when the lesson
/// has neither).
pub fn blocks(
    sim: Sim,
    l: &Lesson,
    lang: Lang,
    done: bool,
    guess: Option<(String, u64)>,
    checking: bool,
) -> String {
    let tr = |s| i18n::tr(lang, s);
    let mut h = String::new();
    if let Some(p) = &l.predict {
        let mine = guess.filter(|(t, _)| *t == l.title.en).map(|(_, g)| g);
        h.push_str(&format!(
            "<section class=\"predict\" data-testid=\"predict\"><h3>{}</h3><p>{}</p>",
            tr("Predict first"),
            esc(p.ask.get(lang.code()))
        ));
        let key = if done {
            sim.view_slow(|w| exercise::answer(w, p)).flatten()
        } else {
            None
        };
        match (mine, key) {
            (None, None) if p.choices.is_empty() => h.push_str(&format!(
                "<p><input type=\"number\" min=\"0\" data-testid=\"predict-input\" aria-label=\"{}\"> <button data-testid=\"predict-lock\">{}</button></p>",
                tr("Your answer"),
                tr("Lock in")
            )),
            (None, None) => {
                h.push_str("<p class=\"choices\">");
                for c in &p.choices {
                    h.push_str(&format!(
                        "<button data-testid=\"predict-choice\" data-choice=\"{c}\">{c}</button> "
                    ));
                }
                h.push_str("</p>");
            }
            (Some(g), None) => h.push_str(&format!(
                "<p data-testid=\"predict-answer\">{}</p>",
                esc(&i18n::predict_locked(lang, g))
            )),
            (mine, Some(k)) => {
                let right = mine.map(|g| exercise::judge(p, g, k));
                h.push_str(&format!(
                    "<p data-testid=\"predict-reveal\" data-right=\"{}\">{}</p>",
                    right.map_or("none".into(), |r| r.to_string()),
                    esc(&i18n::predict_reveal(lang, mine, k, right))
                ));
            }
        }
        h.push_str("</section>");
    }
    if let Some(task) = &l.task {
        h.push_str(&format!(
            "<section class=\"task\" data-testid=\"task\"><h3>{}</h3><p>{}</p><ul class=\"goals\">",
            tr("Exercise"),
            esc(task.text.get(lang.code()))
        ));
        let results = if checking && done {
            sim.view_slow(|w| exercise::check(w, &task.goals))
        } else {
            None
        };
        match &results {
            Some(rs) => {
                for r in rs {
                    h.push_str(&format!(
                        "<li data-testid=\"goal\" data-passed=\"{}\">{}</li>",
                        r.passed,
                        esc(&jobsim::words::goal_result(lang, r))
                    ));
                }
            }
            None => {
                for g in &task.goals {
                    h.push_str(&format!(
                        "<li data-testid=\"goal\">{}</li>",
                        esc(&jobsim::words::goal(lang, g))
                    ));
                }
            }
        }
        h.push_str(&format!(
            "</ul><p><button class=\"primary\" data-testid=\"check\">{}</button> ",
            tr("Check")
        ));
        if let Some(rs) = &results {
            let failed = rs.iter().filter(|r| !r.passed).count();
            h.push_str(&format!(
                "<strong data-testid=\"check-summary\" data-passed=\"{}\">{}</strong>",
                failed == 0,
                esc(&i18n::check_summary(lang, failed, rs.len()))
            ));
        } else if checking {
            h.push_str(&format!("<span class=\"muted\">{}</span>", tr("Running…")));
        }
        h.push_str("</p></section>");
    }
    h
}

/// Clicks inside the card: a prediction choice, Lock in, or Check.
pub fn on_click(
    sim: Sim,
    ev: &leptos::ev::MouseEvent,
    guess: RwSignal<Option<(String, u64)>>,
    checking: RwSignal<bool>,
) {
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let title = || {
        sim.view(|w| w.lesson().map(|l| l.title.en.clone()))
            .flatten()
            .unwrap_or_default()
    };
    match el.get_attribute("data-testid").as_deref() {
        Some("predict-choice") => {
            if let Some(v) = el.get_attribute("data-choice").and_then(|c| c.parse().ok()) {
                guess.set(Some((title(), v)));
            }
        }
        Some("predict-lock") => {
            let input = document()
                .query_selector("[data-testid=predict-input]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let Some(v) = input.and_then(|i| i.value().trim().parse::<u64>().ok()) {
                guess.set(Some((title(), v)));
            }
        }
        Some("check") => {
            // The learner's text as it stands, run to its end.
            sim.apply();
            if sim.has_world() {
                checking.set(true);
                sim.run_to_end();
            }
        }
        _ => {}
    }
}
