//! Every lesson of the gallery loads, carries the title the gallery shows,
//! and runs to the outcome its card states.

mod common;
use common::*;
use jobsim::World;

#[test]
fn every_lesson_runs_to_its_stated_outcome() {
    for (file, title, title_ko) in jobsim::lesson::GALLERY {
        let w0 = world(&fixture(&format!("lessons/{file}")));
        let lesson = w0
            .lesson()
            .unwrap_or_else(|| panic!("{file}: no spec.lesson"));
        assert_eq!(lesson.title.en, title, "{file}: gallery title");
        assert_eq!(
            lesson.title.get("ko"),
            title_ko,
            "{file}: Korean gallery title"
        );
        for t in [&lesson.question, &lesson.watch, &lesson.rule] {
            assert!(
                t.get("ko") != t.en && !t.get("ko").is_empty(),
                "{file}: Korean text"
            );
        }
        assert!(
            !lesson.question.en.is_empty()
                && !lesson.watch.en.is_empty()
                && !lesson.rule.en.is_empty(),
            "{file}"
        );
        let outcome = lesson
            .outcome
            .clone()
            .unwrap_or_else(|| panic!("{file}: no outcome"));
        assert!(
            !jobsim::words::outcome(jobsim::words::Lang::En, &outcome).is_empty(),
            "{file}"
        );
        let mut w = w0;
        assert!(
            !jobsim::lesson::outcome_met(&w, &outcome)
                || outcome.condition.as_deref() == Some("none"),
            "{file}: met before running"
        );
        w.run_to_end();
        assert!(
            jobsim::lesson::outcome_met(&w, &outcome),
            "{file}: {outcome:?} not met"
        );
    }
}

#[test]
fn a_lesson_text_may_be_english_or_both_languages() {
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  lesson:\n    title: {{en: Retries, ko: 재시도}}\n    question: Why?\n",
        job("x", "  completions: 1", "Never", "exit 0")
    );
    let w = world(&text);
    let l = w.lesson().unwrap();
    assert_eq!(
        (l.title.get("ko"), l.title.get("en")),
        ("재시도", "Retries")
    );
    assert_eq!(
        l.question.get("ko"),
        "Why?",
        "English when there is no translation"
    );
    // A key that is not a language code is refused (any code is a
    // translation, so a third language needs no schema change).
    let bad = text.replace("ko: 재시도", "korean: 재시도");
    assert!(
        World::from_text(&bad, None).is_err(),
        "unknown language key"
    );
}

#[test]
fn a_lesson_text_takes_any_language_code() {
    // A third language needs no change to the Scenario schema.
    let w = world(&format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  lesson:\n    title: {{en: Retries, ko: 재시도, ja: リトライ, pt-BR: Tentativas}}\n",
        job("a", "", "Never", "true")
    ));
    let t = &w.lesson().unwrap().title;
    assert_eq!(
        (t.get("ja"), t.get("pt-BR"), t.get("ko"), t.get("fr")),
        ("リトライ", "Tentativas", "재시도", "Retries")
    );
    let bad = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  lesson:\n    title: {{en: Retries, korean: x}}\n",
        job("a", "", "Never", "true")
    );
    let err = format!(
        "{:?}",
        jobsim::World::from_text(&bad, None).err().expect("refused")
    );
    assert!(err.contains("spec.lesson.title.korean"), "{err}");
}

#[test]
fn predictions_are_answered_by_the_run() {
    // The answer key comes from the run, never from the lesson text: the
    // seed Job makes backoffLimit + 1 = 7 pods (one of the choices); the
    // every-minute CronJob creates one Job a minute.
    for (file, want) in [
        ("01-backoff-limit.yaml", 7),
        ("09-cronjob-history.yaml", 10),
    ] {
        let mut w = world(&fixture(&format!("lessons/{file}")));
        let p = w.lesson().and_then(|l| l.predict.clone()).expect(file);
        assert!(p.choices.is_empty() || p.choices.contains(&want), "{file}");
        w.run_to_end();
        let key = jobsim::exercise::answer(&w, &p).expect(file);
        assert_eq!(key, want, "{file}");
        assert!(jobsim::exercise::judge(&p, want, key));
        assert!(!jobsim::exercise::judge(&p, want + 1, key));
    }
}

#[test]
fn a_time_prediction_is_right_within_ten_percent_or_five_seconds() {
    use jobsim::exercise::{judge, Measure, Predict};
    let p = Predict {
        measure: Some(Measure::FinishedAt),
        ..Default::default()
    };
    assert!(judge(&p, 95, 100) && judge(&p, 110, 100) && !judge(&p, 111, 100));
    assert!(judge(&p, 15, 12) && !judge(&p, 18, 12), "5 s floor");
}
