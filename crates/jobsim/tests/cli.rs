//! The `jobsim` CLI on bad input and cut-short runs: clear messages, exit
//! code 2 for bad input, never a panic.

mod common;
use common::*;
use std::io::Write;

fn jobsim(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jobsim"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("jobsim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn bench_rejects_bad_flags_with_exit_2() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--failure-rate", "2"],
            "--failure-rate must be between 0 and 0.9",
        ),
        (&["--failure-rate", "x"], "--failure-rate: invalid number"),
        (
            &["--nodes", "0"],
            "--nodes must be a whole number from 1 to 10000",
        ),
        (
            &["--completions", "10"],
            "--completions must be a whole number from 1000",
        ),
        (
            &["--parallelism", "1.5"],
            "--parallelism must be a whole number",
        ),
    ];
    for (flags, want) in cases {
        let mut args = vec!["bench"];
        args.extend_from_slice(flags);
        let (code, _, err) = jobsim(&args);
        assert_eq!(code, 2, "{flags:?}: {err}");
        assert!(err.contains(want), "{flags:?}: {err}");
    }
}

#[test]
fn a_pod_with_300_containers_is_rejected_clearly() {
    let containers: String = (0..300)
        .map(|i| format!("      - {{name: c{i}, image: busybox}}\n"))
        .collect();
    let text = format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: many\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n{containers}"
    );
    let path = temp("many.yaml", &text);
    let (code, _, err) = jobsim(&["run", &path]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("The Job \"many\" is invalid: spec.template.spec.containers: Too many: 300: must have at most 255 items"),
        "{err}"
    );
}

#[test]
fn a_run_cut_at_the_horizon_says_so() {
    let text = job("long", "  backoffLimit: 0", "Never", "sleep 200000");
    let path = temp("long.yaml", &text);
    let (code, out, _) = jobsim(&["run", &path]);
    assert_eq!(code, 0);
    assert!(
        out.contains("note: Simulation stopped at the 24h horizon with work left"),
        "{out}"
    );
    assert!(out.contains("job/long: Running"), "{out}");
    let (code, json, err) = jobsim(&["run", &path, "-o", "json"]);
    assert_eq!(code, 0);
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
    assert!(
        err.contains("warning: Simulation stopped at the 24h horizon"),
        "{err}"
    );
    // A run that finishes on its own has no such note.
    let (_, out, _) = jobsim(&["run", &temp("pi.yaml", &fixture("pi.yaml"))]);
    assert!(!out.contains("Simulation stopped"), "{out}");
}

#[test]
fn schedule_prints_fire_times_and_rejects_bad_specs() {
    let (code, out, _) = jobsim(&[
        "schedule",
        "30 2 * * *",
        "--time-zone",
        "America/New_York",
        "--from",
        "2026-03-07T12:00:00Z",
        "-n",
        "3",
    ]);
    assert_eq!(code, 0);
    // 2026-03-08 02:30 does not exist in New York (spring forward).
    assert_eq!(
        out,
        "2026-03-09T02:30:00-04:00\n2026-03-10T02:30:00-04:00\n2026-03-11T02:30:00-04:00\n"
    );
    let (code, _, err) = jobsim(&["schedule", "* * *"]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        "spec.schedule: Invalid value: \"* * *\": expected exactly 5 fields, found 3: [* * *]"
    );
    let (code, _, err) = jobsim(&["schedule", "@hourly", "--time-zone", "Mars/Olympus"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown time zone Mars/Olympus"), "{err}");
}

#[test]
fn kubectl_at_past_the_end_and_mutating_verbs() {
    let pi = format!(
        "{}/../../tests/fixtures/pi.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, _, err) = jobsim(&["kubectl", &pi, "--at", "100h", "--", "get", "pods"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--at 4d4h is past the run's end (24h"),
        "{err}"
    );
    // A change prints kubectl's reply and the Scenario action to add.
    let (code, out, err) = jobsim(&[
        "kubectl",
        &pi,
        "--at",
        "3s",
        "--",
        "patch",
        "job",
        "pi",
        "-p",
        r#"{"spec":{"parallelism":2}}"#,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("job.batch/pi patched\n"), "{out}");
    assert!(
        out.contains("#   - at: 3s\n#     patchJob:\n#       name: pi"),
        "{out}"
    );
    let (code, _, err) = jobsim(&["kubectl", &pi, "--", "delete", "pod", "nope"]);
    assert_eq!(
        (code, err.trim()),
        (1, r#"Error from server (NotFound): pods "nope" not found"#)
    );
}

#[test]
fn run_json_lists_every_object_cronjobs_first() {
    // `jobsim run -o json` is a v1 List of every object the API server
    // holds: the CronJob with its status, then Jobs, pods, nodes, events.
    let path = format!(
        "{}/../../tests/fixtures/hello-cronjob.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let (code, out, err) = jobsim(&["run", &path, "-o", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kinds: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[0], "CronJob", "{kinds:?}");
    let cj = &v["items"][0];
    assert_eq!(cj["metadata"]["name"], "hello");
    assert!(cj["status"]["lastScheduleTime"].is_string(), "{cj}");
    for k in ["Job", "Pod", "Node", "Event"] {
        assert!(kinds.contains(&k), "{k}: {kinds:?}");
    }
    // Owners before what they own.
    let first = |k: &str| kinds.iter().position(|x| *x == k).unwrap();
    assert!(first("CronJob") < first("Job") && first("Job") < first("Pod"));
}

#[test]
fn compare_exits_0_when_a_recording_agrees_1_when_it_differs_2_when_bad() {
    let f = |n: &str| format!("{}/../../tests/fixtures/{n}", env!("CARGO_MANIFEST_DIR"));
    let (_, own, _) = jobsim(&["run", &f("abnormal-end.yaml"), "-o", "json"]);
    let own_path = temp("own.json", &own);
    assert_eq!(
        jobsim(&["compare", &f("abnormal-end.yaml"), &own_path]).0,
        0
    );
    let (code, out, err) = jobsim(&[
        "compare",
        &f("abnormal-end.yaml"),
        &f("seed-transcript/get-job-yaml-abnormal-end.txt"),
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with('!')).count(),
        2,
        "{out}"
    );
    assert!(err.contains("2 of 7 facts differ"), "{err}");
    let bad = temp("bad.json", "{\"kind\": \"Pod\"}");
    let (code, _, err) = jobsim(&["compare", &f("abnormal-end.yaml"), &bad]);
    assert_eq!(code, 2);
    assert!(err.contains("the recording has no Job"), "{err}");
}

#[test]
fn export_kwok_writes_the_five_files_and_explain_reads_describe_text() {
    let f = |n: &str| format!("{}/../../tests/fixtures/{n}", env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("jobsim-kwok-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().unwrap();
    let (code, out, err) = jobsim(&["export", "kwok", &f("abnormal-end.yaml"), "-o", d]);
    assert_eq!(code, 0, "{err}");
    for name in [
        "kwok.yaml",
        "nodes.yaml",
        "manifests.yaml",
        "run.sh",
        "NOTES.txt",
    ] {
        assert!(out.contains(name), "{out}");
        assert!(dir.join(name).is_file(), "{name}");
    }
    let (code, _, err) = jobsim(&["export", "kwok", &f("abnormal-end.yaml")]);
    assert_eq!(code, 2);
    assert!(err.contains("export needs -o DIR"), "{err}");
    let (code, _, err) = jobsim(&["export", "kind", &f("abnormal-end.yaml"), "-o", d]);
    assert_eq!(code, 2);
    assert!(err.contains("one format, kwok"), "{err}");
    let (code, out, _) = jobsim(&[
        "explain",
        &f("seed-transcript/describe-job-abnormal-end.txt"),
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("pod 7 (abnormal-end-0-t5zjj) was created 169 s after pod 6"),
        "{out}"
    );
    // The same lines in Korean: the core's words, the page's worker's too.
    let describe = f("seed-transcript/describe-job-abnormal-end.txt");
    let (code, out, _) = jobsim(&["explain", &describe, "--lang", "ko-KR"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("파드 7 (abnormal-end-0-t5zjj)은 파드 6 뒤 169 s에 만들어졌습니다"),
        "{out}"
    );
    let (code, _, err) = jobsim(&["explain", &describe, "--lang", "fr"]);
    assert_eq!(code, 2);
    assert!(err.contains("--lang: \"fr\" is not one of en, ko"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
