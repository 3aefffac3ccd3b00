//! Golden tests of kubectl-style output. Regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p jobsim --test golden` and review the diff.

mod common;
use common::*;
use jobsim::Time;

fn check(name: &str, actual: &str) {
    let path = format!("{}/tests/golden/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1)"));
    assert_eq!(actual, want, "golden {name} differs");
}

#[test]
fn seed_job_outputs() {
    let w = finished(&fixture("abnormal-end.yaml"));
    check("abnormal-end.get-pods", &kubectl(&w, "get pods"));
    check(
        "abnormal-end.get-pods-wide",
        &kubectl(&w, "get pods -o wide"),
    );
    check("abnormal-end.get-jobs", &kubectl(&w, "get jobs"));
    check(
        "abnormal-end.describe-job",
        &kubectl(&w, "describe job abnormal-end"),
    );
    check(
        "abnormal-end.get-job-yaml",
        &kubectl(&w, "get job abnormal-end -o yaml"),
    );
    check("abnormal-end.get-events", &kubectl(&w, "get events"));
    let first = w.pod_name(0);
    check(
        "abnormal-end.describe-pod",
        &kubectl(&w, &format!("describe pod {first}")),
    );
}

#[test]
fn two_container_and_pi_outputs() {
    let w = finished(&fixture("abnormal-end-two-containers.yaml"));
    check("two-containers.get-pods", &kubectl(&w, "get pods"));
    let mut w = world(&fixture("pi.yaml"));
    w.run_until(Time(8_000));
    check("pi.at-8s.get-pods-jobs", &kubectl(&w, "get pods,jobs"));
    w.run_to_end();
    check("pi.describe-job", &kubectl(&w, "describe job pi"));
}

#[test]
fn cli_text_timeline() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobsim"))
        .args([
            "run",
            &format!(
                "{}/../../tests/fixtures/abnormal-end.yaml",
                env!("CARGO_MANIFEST_DIR")
            ),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    check(
        "abnormal-end.run-text",
        &String::from_utf8(out.stdout).unwrap(),
    );
}

#[test]
fn cronjob_outputs() {
    // The docs' hello CronJob after ten minutes of cluster time.
    let mut w = world(&fixture("hello-cronjob.yaml"));
    w.run_until(Time(600_000));
    check("hello.get-cronjobs", &kubectl(&w, "get cronjobs"));
    check(
        "hello.get-cronjobs-wide",
        &kubectl(&w, "get cronjobs -o wide"),
    );
    check(
        "hello.get-cronjob-yaml",
        &kubectl(&w, "get cronjob hello -o yaml"),
    );
    check(
        "hello.describe-cronjob",
        &kubectl(&w, "describe cronjob hello"),
    );
    check("hello.get-jobs", &kubectl(&w, "get jobs"));
    let last = w.jobs().last().unwrap().name.clone();
    check(
        "hello.get-job-yaml",
        &kubectl(&w, &format!("get job {last} -o yaml")),
    );
}
