//! The playground against the real thing: the seed study log recorded
//! `kubectl describe job` (both experiments) and `kubectl get job -o yaml`
//! on a real cluster (July 2024). Our output for the same manifests must
//! match line by line, after masking what must differ (uids, pod name
//! suffixes, timestamps, ages), except for the listed differences, each
//! explained by an upstream change since the release the log was recorded
//! on (1.26 or older: it still shows the `job-tracking` annotation).

mod common;
use common::*;

fn transcript(name: &str) -> String {
    fixture(&format!("seed-transcript/{name}"))
}

/// Masks uids, pod-name suffixes and RFC 3339 timestamps.
fn mask(line: &str) -> String {
    let b = line.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let is_hex = |c: u8| c.is_ascii_digit() || (b'a'..=b'f').contains(&c);
    while i < b.len() {
        // 8-4-4-4-12 hex uid
        if i + 36 <= b.len()
            && (0..36).all(|k| match k {
                8 | 13 | 18 | 23 => b[i + k] == b'-',
                _ => is_hex(b[i + k]),
            })
        {
            out.push_str("<uid>");
            i += 36;
            continue;
        }
        // abnormal-end-0-xxxxx (generateName suffix)
        if line[i..].starts_with("abnormal-end-0-") && i + 20 <= b.len() {
            out.push_str("abnormal-end-0-<suffix>");
            i += 20;
            continue;
        }
        // "2024-07-06T12:21:46Z"
        if i + 20 <= b.len() && b[i + 4] == b'-' && b[i + 10] == b'T' && b[i + 19] == b'Z' {
            out.push_str("<time>");
            i += 20;
            continue;
        }
        out.push(b[i] as char);
        i += 1;
    }
    out
}

/// describe output with the Start Time value masked, the Labels blocks
/// reduced to the given keys, and the events table compared by its
/// columns without AGE (spacing follows the widths, which follow AGE).
fn normalize_describe(text: &str, drop_label: impl Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_events = false;
    let mut labels: Option<(String, usize, Vec<String>)> = None;
    let flush = |labels: &mut Option<(String, usize, Vec<String>)>, out: &mut Vec<String>| {
        if let Some((head, col, items)) = labels.take() {
            let items: Vec<String> = items.into_iter().filter(|l| !drop_label(l)).collect();
            for (k, item) in items.iter().enumerate() {
                let prefix = if k == 0 { head.clone() } else { String::new() };
                out.push(format!("{prefix:<col$}{item}"));
            }
        }
    };
    for raw in text.lines() {
        let line = mask(raw);
        if in_events {
            let mut t: Vec<&str> = line.split_whitespace().collect();
            if t.len() > 2 {
                t.remove(2);
            }
            out.push(format!("  {}", t.join(" ")));
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("Labels:") {
            flush(&mut labels, &mut out);
            let col = line.len() - line[line.find("Labels:").unwrap() + 7..].trim_start().len();
            let head = line[..line.find("Labels:").unwrap() + 7].to_string();
            labels = Some((head, col, vec![line[col..].to_string()]));
            continue;
        }
        if let Some((_, col, items)) = labels.as_mut() {
            if line.len() > *col && line[..*col].trim().is_empty() {
                items.push(line[*col..].to_string());
                continue;
            }
        }
        flush(&mut labels, &mut out);
        if trimmed.starts_with("Start Time:") {
            out.push("Start Time: <time>".into());
            continue;
        }
        if line == "Events:" {
            in_events = true;
        }
        out.push(line);
    }
    flush(&mut labels, &mut out);
    out
}

/// Lines that differ because of upstream changes since the recorded
/// release: (ours, theirs, why). `None` means the line has no counterpart.
type Known = [(Option<&'static str>, Option<&'static str>, &'static str)];

fn compare(ours: Vec<String>, theirs: Vec<String>, known: &Known) {
    let mut ours = ours;
    let mut theirs = theirs;
    for (o, t, why) in known {
        if let Some(o) = o {
            let i = ours.iter().position(|l| l == o).unwrap_or_else(|| {
                panic!("expected our line {o:?} ({why}) in\n{}", ours.join("\n"))
            });
            ours.remove(i);
        }
        if let Some(t) = t {
            let i = theirs
                .iter()
                .position(|l| l == t)
                .unwrap_or_else(|| panic!("expected their line {t:?} ({why})"));
            theirs.remove(i);
        }
    }
    for (k, (o, t)) in ours.iter().zip(&theirs).enumerate() {
        assert_eq!(o, t, "line {k} differs");
    }
    assert_eq!(
        ours.len(),
        theirs.len(),
        "ours:\n{}\ntheirs:\n{}",
        ours.join("\n"),
        theirs.join("\n")
    );
}

/// The 1.27+ `batch.kubernetes.io/` labels (kubernetes#114930 added the
/// prefixed job-name and controller-uid labels next to the legacy ones).
fn prefixed(label: &str) -> bool {
    label.starts_with("batch.kubernetes.io/")
}

const DESCRIBE_KNOWN: [(Option<&str>, Option<&str>, &str); 2] = [
    (
        Some("Selector:           batch.kubernetes.io/controller-uid=<uid>"),
        Some("Selector:           controller-uid=<uid>"),
        "1.27+: generateSelector uses the prefixed batch.kubernetes.io/controller-uid key",
    ),
    (
        Some("Annotations:        <none>"),
        Some("Annotations:        batch.kubernetes.io/job-tracking: "),
        "1.27+: the job-tracking annotation is no longer set (Job tracking with finalizers always on, kubernetes/website#42388)",
    ),
];

#[test]
fn describe_job_matches_the_seed_cluster_experiment_1() {
    let w = finished(&fixture("abnormal-end.yaml"));
    let ours = normalize_describe(&kubectl(&w, "describe job abnormal-end"), prefixed);
    let theirs = normalize_describe(&transcript("describe-job-abnormal-end.txt"), |_| false);
    compare(ours, theirs, &DESCRIBE_KNOWN);
}

#[test]
fn describe_job_matches_the_seed_cluster_experiment_2() {
    let w = finished(&fixture("abnormal-end-two-containers.yaml"));
    let ours = normalize_describe(&kubectl(&w, "describe job abnormal-end"), prefixed);
    let theirs = normalize_describe(&transcript("describe-job-two-containers.txt"), |_| false);
    compare(ours, theirs, &DESCRIBE_KNOWN);
}

#[test]
fn get_job_yaml_matches_the_seed_cluster() {
    let w = finished(&fixture("abnormal-end.yaml"));
    let ours: Vec<String> = kubectl(&w, "get job abnormal-end -o yaml")
        .lines()
        .map(mask)
        .filter(|l| !l.trim_start().starts_with("batch.kubernetes.io/"))
        .collect();
    let theirs: Vec<String> = transcript("get-job-yaml-abnormal-end.txt")
        .lines()
        .map(mask)
        .collect();
    let last_applied = "      {\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"annotations\":{},\"name\":\"abnormal-end\",\"namespace\":\"default\"},\"spec\":{\"completionMode\":\"Indexed\",\"completions\":1,\"parallelism\":1,\"template\":{\"spec\":{\"containers\":[{\"command\":[\"sh\",\"-c\",\"sleep 5; exit 1\"],\"image\":\"busybox:latest\",\"name\":\"busybox\"}],\"restartPolicy\":\"Never\"}}}}";
    let known: [(Option<&str>, Option<&str>, &str); 11] = [
        (None, Some("  annotations:"), "1.27+: no job-tracking annotation; the playground creates objects (no kubectl apply)"),
        (None, Some("    batch.kubernetes.io/job-tracking: \"\""), "1.27+: the job-tracking annotation is no longer set"),
        (None, Some("    kubectl.kubernetes.io/last-applied-configuration: |"), "written by kubectl apply, which the playground does not model"),
        (None, Some(last_applied), "written by kubectl apply"),
        (None, Some("  resourceVersion: \"461085\""), "resourceVersion is not modelled"),
        (Some("  manualSelector: false"), None, "newer API servers default spec.manualSelector"),
        (Some("  podReplacementPolicy: TerminatingOrFailed"), None, "1.29+: JobPodReplacementPolicy (beta) defaults the field"),
        (Some("  - lastProbeTime: \"<time>\""), None, "1.31+: the interim FailureTarget condition is added before Failed"),
        (Some("    type: FailureTarget"), None, "1.31+: interim FailureTarget condition"),
        (Some("  terminating: 0"), None, "1.29+: status.terminating (JobPodReplacementPolicy)"),
        (None, Some("      controller-uid: <uid>"), "1.27+: the generated selector uses batch.kubernetes.io/controller-uid (filtered above with the other prefixed labels)"),
    ];
    // The FailureTarget condition repeats the Failed condition's lines.
    let mut ours = ours;
    for dup in [
        "    lastTransitionTime: \"<time>\"",
        "    message: Job has reached the specified backoff limit",
        "    reason: BackoffLimitExceeded",
        "    status: \"True\"",
    ] {
        let i = ours.iter().position(|l| l == dup).expect(dup);
        ours.remove(i);
    }
    compare(ours, theirs, &known);
}
