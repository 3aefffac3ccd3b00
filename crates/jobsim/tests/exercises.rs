//! Every exercise (tests/fixtures/exercises/) as a teacher would test it:
//! the file as handed out misses a goal, a right change meets them all,
//! and a plausible wrong change still misses one; `jobsim check` exits 0
//! or 1 accordingly. Each row cites the rule the exercise is about.

mod common;
use common::*;
use jobsim::exercise::{check, GoalResult};

/// (file, right change, wrong change): each change is (from, to) text
/// replacements in the exercise file.
type Edit = &'static [(&'static str, &'static str)];
const EXERCISES: [(&str, Edit, Edit); 7] = [
    // backoffLimit n allows n + 1 pods (failed > backoffLimit).
    (
        "01-fail-fast.yaml",
        &[("spec:\n  template:", "spec:\n  backoffLimit: 2\n  template:")],
        // Changing the command is not allowed (and backoffLimit 3 is 4 pods).
        &[("spec:\n  template:", "spec:\n  backoffLimit: 3\n  template:"), ("exit 1\"]", "exit 2\"]")],
    ),
    // activeDeadlineSeconds: DeadlineExceeded once it passes.
    (
        "02-deadline.yaml",
        &[("  backoffLimit: 2\n", "  backoffLimit: 2\n  activeDeadlineSeconds: 60\n")],
        // The pod's own deadline fails the pod, not the Job.
        &[("      restartPolicy: Never\n", "      restartPolicy: Never\n      activeDeadlineSeconds: 60\n")],
    ),
    // parallelism: pods at once.
    (
        "03-parallel.yaml",
        &[("  completions: 6\n", "  completions: 6\n  parallelism: 3\n")],
        &[("  completions: 6\n", "  completions: 6\n  parallelism: 2\n")],
    ),
    // concurrencyPolicy Forbid skips a slot while a Job is active.
    (
        "04-forbid.yaml",
        &[("  schedule: \"* * * * *\"\n", "  schedule: \"* * * * *\"\n  concurrencyPolicy: Forbid\n")],
        // Running less often avoids the overlap but misses the runs.
        &[("  schedule: \"* * * * *\"\n", "  schedule: \"*/5 * * * *\"\n")],
    ),
    // successfulJobsHistoryLimit bounds the finished Jobs kept.
    (
        "05-history.yaml",
        &[("  schedule: \"* * * * *\"\n", "  schedule: \"* * * * *\"\n  successfulJobsHistoryLimit: 1\n")],
        &[("  schedule: \"* * * * *\"\n", "  schedule: \"* * * * *\"\n  failedJobsHistoryLimit: 1\n")],
    ),
    // podFailurePolicy FailJob on an exit code.
    (
        "06-pod-failure-policy.yaml",
        &[(
            "  backoffLimit: 6\n",
            "  backoffLimit: 6\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {operator: In, values: [42]}\n",
        )],
        // backoffLimit 0 also stops at one pod, but not by the policy.
        &[("  backoffLimit: 6\n", "  backoffLimit: 0\n")],
    ),
    // OnFailure: restarts of active pods count toward backoffLimit.
    (
        "07-onfailure.yaml",
        &[("spec:\n  template:", "spec:\n  backoffLimit: 2\n  template:")],
        // Never stops the restarts, but the goal keeps OnFailure.
        &[("spec:\n  template:", "spec:\n  backoffLimit: 2\n  template:"), ("restartPolicy: OnFailure", "restartPolicy: Never")],
    ),
];

fn edited(file: &str, edit: Edit) -> String {
    let mut text = fixture(&format!("exercises/{file}"));
    for (from, to) in edit {
        assert!(text.contains(from), "{file}: {from:?} not found");
        text = text.replacen(from, to, 1);
    }
    text
}

fn results(text: &str) -> Vec<GoalResult> {
    let mut w = world(text);
    let goals = w
        .lesson()
        .and_then(|l| l.task.clone())
        .expect("a task")
        .goals;
    w.run_to_end();
    check(&w, &goals)
}

fn cli_check(name: &str, text: &str) -> i32 {
    let dir = std::env::temp_dir().join(format!("jobsim-ex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_jobsim"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap()
        .status
        .code()
        .unwrap_or(-1)
}

#[test]
fn every_exercise_has_at_least_six_and_is_in_the_table() {
    let dir = format!(
        "{}/../../tests/fixtures/exercises",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".yaml"))
        .collect();
    files.sort();
    let table: Vec<&str> = EXERCISES.iter().map(|e| e.0).collect();
    assert_eq!(files, table);
    // The page's gallery lists the same files, titled as each file's lesson.
    let gallery: Vec<&str> = jobsim::lesson::EXERCISES.iter().map(|e| e.0).collect();
    assert_eq!(files, gallery);
    for (file, en, ko) in jobsim::lesson::EXERCISES {
        let w = world(&fixture(&format!("exercises/{file}")));
        let t = &w.lesson().unwrap().title;
        assert_eq!(t.en, format!("Exercise: {en}"), "{file}");
        assert_eq!(t.get("ko"), format!("연습: {ko}"), "{file}");
    }
    assert!(files.len() >= 6);
}

#[test]
fn handed_out_misses_a_goal_right_meets_all_wrong_misses_one() {
    for (file, right, wrong) in EXERCISES {
        let start = results(&edited(file, &[]));
        assert!(
            start.iter().any(|r| !r.passed),
            "{file}: the exercise as handed out is already solved"
        );
        let ok = results(&edited(file, right));
        let failed: Vec<String> = ok
            .iter()
            .filter(|r| !r.passed)
            .map(|r| r.to_string())
            .collect();
        assert!(
            failed.is_empty(),
            "{file}: right answer fails:\n{}",
            failed.join("\n")
        );
        let bad = results(&edited(file, wrong));
        assert!(bad.iter().any(|r| !r.passed), "{file}: wrong answer passes");
    }
}

#[test]
fn jobsim_check_exits_0_or_1() {
    for (file, right, wrong) in EXERCISES {
        assert_eq!(cli_check(file, &edited(file, right)), 0, "{file} right");
        assert_eq!(cli_check(file, &edited(file, wrong)), 1, "{file} wrong");
        assert_eq!(
            cli_check(file, &edited(file, &[])),
            1,
            "{file} as handed out"
        );
    }
    // Not an exercise: bad input, exit 2.
    assert_eq!(cli_check("pi.yaml", &fixture("pi.yaml")), 2);
}

#[test]
fn a_failed_goal_says_which_and_why() {
    let r = results(&edited("01-fail-fast.yaml", &[]));
    let line = r.iter().find(|r| !r.passed).unwrap().to_string();
    assert_eq!(
        line,
        "✖ Job abnormal-end: pods created must be at most 3; the run shows 7"
    );
    let r = results(&edited("02-deadline.yaml", &[]));
    assert_eq!(
        r[1].to_string(),
        "✖ Job stuck: finished must be at most 1m30s; the run shows 1h4s"
    );
    let r = results(&edited(
        "06-pod-failure-policy.yaml",
        &[("  backoffLimit: 6\n", "  backoffLimit: 0\n")],
    ));
    assert_eq!(
        r[2].to_string(),
        "✖ Job migrate: spec.backoffLimit must be 6; it is 0"
    );
}
