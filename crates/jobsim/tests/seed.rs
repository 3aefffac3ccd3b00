//! The seed log's experiments, reproduced (DIGEST.md "The experiments in the log").

mod common;
use common::*;
use jobsim::job::CondType;
use jobsim::pod::Phase;

#[test]
fn abnormal_end_fails_after_seven_pods_with_growing_backoff() {
    let w = finished(&fixture("abnormal-end.yaml"));
    let job = &w.jobs()[0];
    assert_eq!(w.pods().len(), 7, "first run + 6 retries");
    for (i, p) in w.pods().iter().enumerate() {
        let name = w.pod_name(i as u32);
        assert!(name.starts_with("abnormal-end-0-"), "{name}");
        assert_eq!(name.len(), "abnormal-end-0-".len() + 5);
        assert_eq!(p.status_text(), "Error");
        assert_eq!(p.phase, Phase::Failed);
    }
    assert_eq!(job.status.failed, 7);
    assert_eq!(job.status.ready, 0);
    let failed = job.condition(CondType::Failed).expect("Failed condition");
    assert_eq!(failed.reason, "BackoffLimitExceeded");
    assert_eq!(
        failed.message,
        "Job has reached the specified backoff limit"
    );
    assert!(
        job.condition(CondType::FailureTarget).is_some(),
        "interim condition first (1.31+)"
    );
    // Gaps between a pod's failure and the next pod's creation.
    let pods: Vec<_> = w.pods().iter().cloned().collect();
    let gaps: Vec<f64> = pods
        .windows(2)
        .map(|p| secs(p[1].created) - secs(p[0].finished_at.get().unwrap()))
        .collect();
    assert_eq!(gaps, vec![10.0, 20.0, 40.0, 80.0, 160.0, 320.0]);
    let minutes = secs(failed.time) / 60.0;
    assert!(
        (10.5..=13.0).contains(&minutes),
        "failed after {minutes} min"
    );
}

#[test]
fn abnormal_end_describe_matches_seed() {
    let w = finished(&fixture("abnormal-end.yaml"));
    let out = kubectl(&w, "describe job abnormal-end");
    assert!(
        out.contains("Pods Statuses:      0 Active (0 Ready) / 0 Succeeded / 7 Failed\n"),
        "{out}"
    );
    assert!(out.contains("Completed Indexes:  <none>\n"), "{out}");
    assert!(out.contains("Completion Mode:    Indexed\n"));
    assert!(out.contains("Backoff Limit:      6\n"));
    assert_eq!(
        out.matches("job-controller  Created pod: abnormal-end-0-")
            .count(),
        7
    );
    assert!(out.contains("Warning  BackoffLimitExceeded  "), "{out}");
    assert!(out.contains("job-controller  Job has reached the specified backoff limit"));
    // Pod template layout as in the seed.
    assert!(
        out.contains("   busybox:\n    Image:      busybox:latest\n"),
        "{out}"
    );
    assert!(out.contains("      sleep 5; exit 1\n    Environment:   <none>\n    Mounts:        <none>\n  Volumes:         <none>\n"), "{out}");
}

#[test]
fn two_container_variant_fails_with_three_pods() {
    let w = finished(&fixture("abnormal-end-two-containers.yaml"));
    assert_eq!(w.pods().len(), 3);
    let table = kubectl(&w, "get pods");
    for line in table.lines().skip(1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&cols[1..4], &["0/2", "Error", "0"], "{line}");
    }
    let job = &w.jobs()[0];
    assert_eq!(job.status.failed, 3);
    assert!(job.condition(CondType::Failed).is_some());
    // "BackoffLimitExceeded after about a minute" in the seed.
    let t = secs(job.condition(CondType::Failed).unwrap().time);
    assert!((40.0..=90.0).contains(&t), "{t}");
}

#[test]
fn docs_pi_job_completes() {
    let w = finished(&fixture("pi.yaml"));
    let job = &w.jobs()[0];
    let c = job.condition(CondType::Complete).expect("Complete");
    assert_eq!(c.reason, "CompletionsReached");
    assert_eq!(c.message, "Reached expected number of succeeded pods");
    assert!(job.condition(CondType::SuccessCriteriaMet).is_some());
    assert_eq!(job.status.succeeded, 1);
    assert!(job.status.completion_time.is_some());
    assert_eq!(w.pods().len(), 1);
    assert!(w.pod_name(0).starts_with("pi-"));
    assert_eq!(w.pods()[0].status_text(), "Completed");
    let jobs = kubectl(&w, "get jobs");
    assert!(
        jobs.lines()
            .nth(1)
            .unwrap()
            .starts_with("pi     Complete   1/1 "),
        "{jobs}"
    );
}

#[test]
fn cli_reports_bad_input_with_exit_code_2() {
    let exe = env!("CARGO_BIN_EXE_jobsim");
    let dir = std::env::temp_dir().join(format!("jobsim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.yaml");
    std::fs::write(
        &bad,
        fixture("abnormal-end.yaml").replace("  parallelism: 1", "  backofLimit: 1"),
    )
    .unwrap();
    let out = std::process::Command::new(exe)
        .args(["run", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.yaml:9:3: "), "{err}");
    assert!(err.contains("unknown field \"spec.backofLimit\""), "{err}");
    let invalid = dir.join("invalid.yaml");
    std::fs::write(
        &invalid,
        fixture("pi.yaml").replace("restartPolicy: Never", "restartPolicy: Always"),
    )
    .unwrap();
    let out = std::process::Command::new(exe)
        .args(["run", invalid.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid.yaml:13:1: The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""), "{err}");
    let ok = std::process::Command::new(exe)
        .args([
            "run",
            "-o",
            "json",
            &format!(
                "{}/../../tests/fixtures/abnormal-end.yaml",
                env!("CARGO_MANIFEST_DIR")
            ),
        ])
        .output()
        .unwrap();
    assert!(ok.status.success());
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["kind"], "List");
    let items = v["items"].as_array().unwrap();
    let job = items.iter().find(|i| i["kind"] == "Job").unwrap();
    assert_eq!(job["status"]["failed"], 7);
    assert_eq!(job["status"]["conditions"][1]["type"], "Failed");
    assert_eq!(job["spec"]["backoffLimit"], 6);
    let ev = items
        .iter()
        .find(|i| i["kind"] == "Event" && i["reason"] == "BackoffLimitExceeded")
        .unwrap();
    assert_eq!(ev["involvedObject"]["kind"], "Job");
    assert_eq!(ev["source"]["component"], "job-controller");
    assert_eq!(ev["type"], "Warning");
    assert_eq!(items.iter().filter(|i| i["kind"] == "Pod").count(), 7);
}

#[test]
fn exported_job_yaml_is_rejected_like_the_api_server_does() {
    // ValidateGeneratedSelector: the old controller-uid in selector and labels.
    let errs = jobsim::World::from_text(&fixture("abnormal-end-exported.yaml"), None)
        .err()
        .expect("rejected");
    let msgs: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
    assert!(
        msgs.iter().any(|m| m.contains("spec.template.metadata.labels[controller-uid]: Invalid value: \"7cba0356-9588-44f5-b7f0-b77c43e7cdbe\": must be '")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("`selector` not auto-generated")),
        "{msgs:?}"
    );
    // The same Job without the server-set fields loads.
    let cleaned = fixture("abnormal-end-exported.yaml")
        .replace("  selector:\n    matchLabels:\n      controller-uid: 7cba0356-9588-44f5-b7f0-b77c43e7cdbe\n", "")
        .replace("      labels:\n        controller-uid: 7cba0356-9588-44f5-b7f0-b77c43e7cdbe\n        job-name: abnormal-end\n", "");
    let w = finished(&cleaned);
    assert_eq!(w.jobs()[0].status.failed, 7);
}

#[test]
fn docs_hello_cronjob_loads_and_is_validated() {
    // Loads unchanged; without spec.timeZone the playground says it uses UTC.
    let w = world(&fixture("hello-cronjob.yaml"));
    assert_eq!(w.cronjobs().len(), 1);
    assert!(w
        .notes()
        .iter()
        .any(|n| n.contains("spec.timeZone") && n.contains("UTC")));
    let bad = fixture("hello-cronjob.yaml").replace("\"* * * * *\"", "\"61 * * * *\"");
    let errs = jobsim::World::from_text(&bad, None)
        .err()
        .expect("rejected");
    assert_eq!(
        errs[0].message,
        "The CronJob \"hello\" is invalid: spec.schedule: Invalid value: \"61 * * * *\": end of range (61) above maximum (59): 61"
    );
    assert_eq!(errs[0].line, 7);
}

#[test]
fn docs_indexed_job_loads_unchanged_and_completes() {
    let w = finished(&fixture("indexed-job.yaml"));
    let job = &w.jobs()[0];
    assert_eq!(job.status.completed_indexes.to_string(), "0-4");
    assert!(job.condition(CondType::Complete).is_some());
    assert_eq!(w.pods().len(), 5);
    assert!(w.pods().iter().all(|p| p.status_text() == "Completed"));
}

#[test]
fn crashloop_example_fails_on_restarts() {
    let w = finished(&fixture("crashloop.yaml"));
    let job = &w.jobs()[0];
    assert_eq!(
        job.condition(CondType::Failed).unwrap().reason,
        "BackoffLimitExceeded"
    );
    assert_eq!(w.pods().len(), 1, "restarts stay in one pod");
    assert_eq!(w.pods()[0].restarts(), 4);
}
