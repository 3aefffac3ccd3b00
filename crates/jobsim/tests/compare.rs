//! Compare mode: the second copy of a scenario with one field changed, and
//! the first moment the two runs differ.

mod common;
use common::*;
use jobsim::compare::{first_divergence, variant_text};
use jobsim::job::CondType;

/// Both copies of a compare fixture, run to the end.
fn both(file: &str) -> (jobsim::World, jobsim::World) {
    let text = fixture(&format!("compare/{file}"));
    let left = finished(&text);
    let change = left.scenario_compare().cloned().expect("spec.compare");
    let right_text = variant_text(&text, &change).unwrap();
    assert!(!right_text.contains("compare:"), "the copy is a plain run");
    (left, finished(&right_text))
}

#[test]
fn never_vs_onfailure_parts_at_the_first_exit() {
    let (l, r) = both("never-vs-onfailure.yaml");
    // Never: 7 pods, BackoffLimitExceeded by failed pods; OnFailure: one
    // pod restarted in place until its restarts reach backoffLimit.
    assert_eq!(l.pods().len(), 7);
    assert_eq!(r.pods().len(), 1);
    for w in [&l, &r] {
        assert_eq!(
            w.jobs()[0].condition(CondType::Failed).unwrap().reason,
            "BackoffLimitExceeded"
        );
    }
    let d = first_divergence(&l, &r).expect("they differ");
    // Both pods start alike; they part when the container first exits
    // (sleep 5 after the pull): a new pod on the left, a restart back-off
    // on the right.
    let secs = d.at.ms() / 1000;
    assert!((5..=12).contains(&secs), "{d:?}");
    let (left, right) = (d.left.unwrap(), d.right.unwrap());
    assert!(left != right);
    assert!(
        right.contains("BackOff") || left.contains("SuccessfulCreate"),
        "{left} / {right}"
    );
}

#[test]
fn every_compare_example_differs_and_the_copy_has_the_field() {
    for (file, kind, path, want) in [
        (
            "never-vs-onfailure.yaml",
            "job",
            "spec.template.spec.restartPolicy",
            "OnFailure",
        ),
        (
            "forbid-vs-replace.yaml",
            "cronjob",
            "spec.concurrencyPolicy",
            "Replace",
        ),
        (
            "backofflimit-vs-per-index.yaml",
            "job",
            "spec.backoffLimitPerIndex",
            "1",
        ),
        (
            "replacement-policy.yaml",
            "job",
            "spec.podReplacementPolicy",
            "Failed",
        ),
    ] {
        let text = fixture(&format!("compare/{file}"));
        let change = world(&text).scenario_compare().cloned().unwrap();
        let copy = variant_text(&text, &change).unwrap();
        let w = finished(&copy);
        let got = match kind {
            "job" => serde_json::to_value(&w.jobs()[0].manifest).unwrap(),
            _ => serde_json::to_value(&w.cronjobs()[0].manifest).unwrap(),
        };
        let v = jobsim::exercise::field_at(&got, path).unwrap();
        assert_eq!(
            v.as_str().map(String::from).unwrap_or(v.to_string()),
            want,
            "{file}"
        );
        let (l, r) = both(file);
        assert!(first_divergence(&l, &r).is_some(), "{file}");
        // Identical copies never diverge.
        assert!(first_divergence(&l, &finished(&text)).is_none(), "{file}");
    }
}

#[test]
fn a_bad_change_is_an_error_not_a_panic() {
    let text = fixture("compare/never-vs-onfailure.yaml");
    let mut change = world(&text).scenario_compare().cloned().unwrap();
    change.job = Some("nope".into());
    assert_eq!(
        variant_text(&text, &change).unwrap_err(),
        "compare: there is no Job \"nope\" to change"
    );
    change.job = Some("abnormal-end".into());
    change.field = "spec..x".into();
    assert!(variant_text(&text, &change).is_err());
}
