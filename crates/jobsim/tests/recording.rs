//! `jobsim compare`: a simulation beside a recorded run (`kubectl get
//! job,pods,events -o json`, or a bare `kubectl get job -o yaml`).

mod common;
use common::*;
use jobsim::recording::{compare, parse, read, simulated};

fn differing(sim_file: &str, recorded: &str) -> Vec<String> {
    let w = finished(&fixture(sim_file));
    let rec = read(&parse(recorded).unwrap(), None).unwrap();
    let sim = simulated(&w, &rec.name).unwrap();
    compare(&sim, &rec)
        .into_iter()
        .filter(|r| r.differs)
        .map(|r| format!("{}: {} / {}", r.what, r.simulated, r.recorded))
        .collect()
}

fn own_recording(file: &str) -> serde_json::Value {
    let w = finished(&fixture(file));
    serde_json::from_str(&jobsim::kubectl::objects::list_json(&w)).unwrap()
}

#[test]
fn a_run_agrees_with_its_own_recording() {
    for f in [
        "abnormal-end.yaml",
        "pi.yaml",
        "indexed-job.yaml",
        "crashloop.yaml",
    ] {
        let rec = own_recording(f).to_string();
        assert_eq!(differing(f, &rec), Vec::<String>::new(), "{f}");
    }
}

#[test]
fn one_changed_back_off_is_the_one_difference() {
    // The 4th pod created 30 s later than the 1.34 back-off (40 s) puts it.
    let mut rec = own_recording("abnormal-end.yaml");
    let pods = rec["items"].as_array_mut().unwrap();
    let mut created: Vec<(String, usize)> = pods
        .iter()
        .enumerate()
        .filter(|(_, p)| p["kind"] == "Pod")
        .map(|(i, p)| {
            (
                p["metadata"]["creationTimestamp"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                i,
            )
        })
        .collect();
    created.sort();
    let (stamp, i) = created[3].clone();
    let later = jobsim::clock::rfc3339(jobsim::clock::parse_rfc3339(&stamp).unwrap() + 30);
    pods[i]["metadata"]["creationTimestamp"] = serde_json::json!(later);
    assert_eq!(
        differing("abnormal-end.yaml", &rec.to_string()),
        ["wait before pod 4: 40 s / 70 s"]
    );
}

#[test]
fn the_seed_transcript_differs_only_where_the_cluster_was_older() {
    // The study log's real `kubectl get job -o yaml` (July 2024): no
    // FailureTarget condition (1.31+) and the labels without the
    // batch.kubernetes.io/ prefix; pods and events were not recorded.
    let recorded = fixture("seed-transcript/get-job-yaml-abnormal-end.txt");
    let rows = differing("abnormal-end.yaml", &recorded);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("conditions: FailureTarget=BackoffLimitExceeded, Failed=BackoffLimitExceeded / Failed=BackoffLimitExceeded"), "{rows:?}");
    assert!(rows[1].starts_with("labels: "), "{rows:?}");
}

#[test]
fn bad_recordings_are_clear_errors() {
    let cases = [
        ("[1, 2]", "not a kubectl List"),
        (
            "{\"kind\": \"List\", \"items\": []}",
            "the recording has no Job",
        ),
        (
            "kind: Job\nmetadata: {name: a, namespace: prod}\n",
            "namespace \"prod\"",
        ),
        ("{{{", "neither JSON nor YAML"),
    ];
    for (text, want) in cases {
        let err = parse(text).and_then(|v| read(&v, None)).unwrap_err();
        assert!(err.contains(want), "{text}: {err}");
    }
    // A recording of another Job than the simulation runs.
    let w = finished(&fixture("pi.yaml"));
    let err = simulated(&w, "abnormal-end").unwrap_err();
    assert_eq!(
        err,
        "the simulation has no Job \"abnormal-end\" (the recording is of that Job)"
    );
}

#[test]
fn explain_times_each_retry_against_the_back_off() {
    use jobsim::recording::{explain, ExplainLine};
    // The seed Job's own recording: six retries at 10 s doubling (the Job
    // controller's 10 s × 2^(n-1) after n failures in a row), then Failed.
    let mut rec = own_recording("abnormal-end.yaml");
    let run = read(&rec, None).unwrap();
    let lines = explain(&run);
    let waits: Vec<(i64, u64)> = lines
        .iter()
        .filter_map(|l| match l {
            ExplainLine::Retry {
                gap_s, expected_s, ..
            } => Some((*gap_s, *expected_s)),
            _ => None,
        })
        .collect();
    assert_eq!(
        waits,
        [
            (10, 10),
            (20, 20),
            (40, 40),
            (80, 80),
            (160, 160),
            (320, 320)
        ]
    );
    assert!(lines.iter().all(ExplainLine::matches));
    assert_eq!(
        lines.last().unwrap().to_string(),
        "Failed (BackoffLimitExceeded): 7 pod(s) failed, more than backoffLimit 6"
    );
    // A pod deleted before the recording: counted in status.failed, gone
    // from the list, and said so.
    let items = rec["items"].as_array_mut().unwrap();
    let first_pod = items.iter().position(|i| i["kind"] == "Pod").unwrap();
    items.remove(first_pod);
    let lines = explain(&read(&rec, None).unwrap());
    assert!(
        lines.contains(&ExplainLine::PodsGone {
            listed: 6,
            counted: 7
        }),
        "{lines:?}"
    );
    // A bare `get job -o yaml` (the study log's): the end, and what the
    // recording cannot tell.
    let bare = read(
        &parse(&fixture("seed-transcript/get-job-yaml-abnormal-end.txt")).unwrap(),
        None,
    )
    .unwrap();
    assert_eq!(
        explain(&bare),
        [
            ExplainLine::PodsNotRecorded,
            ExplainLine::Finished {
                condition: "Failed".into(),
                reason: "BackoffLimitExceeded".into(),
                failed: 7,
                backoff_limit: 6
            },
            ExplainLine::NoEvents,
        ]
    );
}

#[test]
fn a_slower_retry_is_told_apart() {
    let run = jobsim::recording::JobRun {
        name: "j".into(),
        labels: vec![],
        succeeded: 0,
        failed: 2,
        duration: None,
        pods_recorded: true,
        events_recorded: true,
        parallelism: 1,
        backoff_limit: 6,
        conditions: vec![],
        pods: vec![
            ("a".into(), 0, "Failed".into(), Some(8)),
            ("b".into(), 48, "Failed".into(), Some(56)),
        ],
        events: vec![],
    };
    let lines = jobsim::recording::explain(&run);
    assert!(!lines[0].matches());
    assert_eq!(
        lines[0].to_string(),
        "pod 2 (b) came 40 s after the last failure (1 in a row); the back-off for that is 10 s × 2⁰ = 10 s by the 1.34 code: this cluster waited 30 s longer (another release's rule, or a busy controller)"
    );
    assert_eq!(lines[1], jobsim::recording::ExplainLine::Running);
}

// `kubectl describe job` text: ages rounded by HumanDuration, so spans.
#[test]
fn the_study_logs_describe_output_explains_seven_failures_and_growing_gaps() {
    use jobsim::recording::{explain_text, ExplainLine};
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/seed-transcript/describe-job-abnormal-end.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (name, lines) = explain_text(&text, None).unwrap();
    assert_eq!(name, "abnormal-end");
    let retries: Vec<(usize, i64, i64, u64, bool)> = lines
        .iter()
        .filter_map(|l| match l {
            ExplainLine::RetryWithin {
                pod,
                lo,
                hi,
                expected_s,
                ..
            } => Some((*pod, *lo, *hi, *expected_s, l.matches())),
            _ => None,
        })
        .collect();
    // Ages 12m 12m 12m 11m 10m 9m27s 6m38s: minute ranges, then seconds.
    assert_eq!(
        retries,
        vec![
            (2, 0, 59, 10, true),
            (3, 0, 59, 20, true),
            (4, 1, 119, 40, true),
            (5, 1, 119, 80, true),
            (6, 33, 92, 160, false),
            (7, 169, 169, 320, false),
        ]
    );
    assert!(lines.contains(&ExplainLine::Finished {
        condition: "Failed".into(),
        reason: "BackoffLimitExceeded".into(),
        failed: 7,
        backoff_limit: 6,
    }));
    assert!(lines.contains(&ExplainLine::EndedAfter {
        pod: 7,
        lo: 329,
        hi: 329
    }));
    assert_eq!(lines[0], ExplainLine::AgesRounded);
    let words = lines[6].to_string();
    assert!(
        words.contains("169 s after pod 6") && words.contains("10 s × 2⁵ = 320 s"),
        "{words}"
    );
}

#[test]
fn describe_text_that_cannot_be_explained_says_why() {
    use jobsim::recording::explain_text;
    let base = "Name:           x\nNamespace:      default\nParallelism:    2\nPods Statuses:  2 Active (2 Ready) / 0 Succeeded / 1 Failed\nEvents:\n  Type    Reason            Age   From            Message\n  ----    ------            ----  ----            -------\n  Normal  SuccessfulCreate  3m    job-controller  Created pod: x-a\n  Normal  SuccessfulCreate  3m    job-controller  Created pod: x-b\n  Normal  SuccessfulCreate  2m5s  job-controller  Created pod: x-c\n";
    let (_, lines) = explain_text(base, None).unwrap();
    let words: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    assert!(
        words
            .iter()
            .any(|w| w.contains("does not say which pod failed")),
        "{words:?}"
    );
    assert!(
        words.iter().any(|w| w.contains("still running")),
        "{words:?}"
    );
    let other = base.replace("Namespace:      default", "Namespace:      prod");
    assert!(explain_text(&other, None)
        .unwrap_err()
        .contains("namespace \"prod\""));
    assert!(explain_text(base, Some("y"))
        .unwrap_err()
        .contains("not \"y\""));
    let none =
        "Name: x\nPods Statuses: 0 Active (0 Ready) / 0 Succeeded / 0 Failed\nEvents: <none>\n";
    let (_, lines) = explain_text(none, None).unwrap();
    assert!(lines.iter().any(|l| l.to_string().contains("no events")));
    // Without a Pods Statuses line it is not describe text, nor a List.
    assert!(explain_text("Name: x\n", None)
        .unwrap_err()
        .contains("not a kubectl List"));
}

// Issue 18: `kubectl get job NAME -o yaml` pasted, then `kubectl get
// pods,events -o json`: read as one recording.
#[test]
fn a_job_yaml_followed_by_a_pods_and_events_json_reads_as_one_recording() {
    let own = own_recording("abnormal-end.yaml");
    let items = own["items"].as_array().unwrap();
    let job = items.iter().find(|i| i["kind"] == "Job").unwrap();
    let rest: Vec<&serde_json::Value> = items.iter().filter(|i| i["kind"] != "Job").collect();
    let job_yaml = jobsim::text::yaml::to_string(job);
    let list = serde_json::to_string_pretty(
        &serde_json::json!({"apiVersion": "v1", "kind": "List", "items": rest}),
    )
    .unwrap();
    let pasted = format!("{job_yaml}{list}\n");
    let both = read(&parse(&pasted).unwrap(), None).unwrap();
    let whole = read(&own, None).unwrap();
    assert_eq!(both, whole);
    // And with a --- between them, in the other order.
    let pasted = format!("{list}\n---\n{job_yaml}");
    assert_eq!(read(&parse(&pasted).unwrap(), None).unwrap(), whole);
    // A second document that is not an object says which.
    let err = parse(&format!("{job_yaml}---\n- 1\n- 2\n")).unwrap_err();
    assert!(err.starts_with("document 2:"), "{err}");
}
