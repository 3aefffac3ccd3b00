//! `jobsim export kwok`: the files pass a schema check against KWOK's
//! types (kwok.x-k8s.io/v1alpha1 Stage, config.kwok.x-k8s.io/v1alpha1
//! KwokctlConfiguration: `pkg/apis/v1alpha1/stage_types.go` and
//! `kwokctl_configuration_types.go`, mirrored below field by field with
//! unknown fields refused), and a golden test pins them.

mod common;
use common::*;
use serde::Deserialize;
use std::collections::BTreeMap;

// --- KWOK's Stage, as its Go type declares it ---
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Stage {
    api_version: String,
    kind: String,
    metadata: Meta,
    spec: StageSpec,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Meta {
    name: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct StageSpec {
    resource_ref: ResourceRef,
    selector: Option<Selector>,
    weight: Option<u32>,
    delay: Option<Delay>,
    next: Next,
    #[allow(dead_code)]
    immediate_next_stage: Option<bool>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ResourceRef {
    api_group: Option<String>,
    kind: String,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Selector {
    match_labels: Option<BTreeMap<String, String>>,
    match_annotations: Option<BTreeMap<String, String>>,
    match_expressions: Option<Vec<Requirement>>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Requirement {
    key: String,
    operator: String,
    values: Option<Vec<String>>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Delay {
    duration_milliseconds: Option<i64>,
    #[allow(dead_code)]
    duration_from: Option<ExpressionFrom>,
    jitter_duration_milliseconds: Option<i64>,
    #[allow(dead_code)]
    jitter_duration_from: Option<ExpressionFrom>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct ExpressionFrom {
    #[allow(dead_code)]
    expression_from: Option<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Next {
    event: Option<Event>,
    finalizers: Option<Finalizers>,
    delete: Option<bool>,
    status_template: Option<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Event {
    #[serde(rename = "type")]
    #[allow(dead_code)]
    kind: Option<String>,
    #[allow(dead_code)]
    reason: Option<String>,
    #[allow(dead_code)]
    message: Option<String>,
}
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Finalizers {
    #[allow(dead_code)]
    add: Option<Vec<BTreeMap<String, String>>>,
    #[allow(dead_code)]
    remove: Option<Vec<BTreeMap<String, String>>>,
    empty: Option<bool>,
}

// --- kwokctl's configuration (the option names of
// KwokctlConfigurationOptions; every one optional) ---
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct KwokctlConfiguration {
    api_version: String,
    kind: String,
    #[allow(dead_code)]
    metadata: Option<Meta>,
    options: BTreeMap<String, serde_json::Value>,
    #[allow(dead_code)]
    components: Option<Vec<serde_json::Value>>,
}
const KWOKCTL_OPTIONS: &[&str] = &[
    "kubeApiserverPort",
    "runtime",
    "runtimes",
    "prometheusPort",
    "kwokVersion",
    "kubeVersion",
    "etcdVersion",
    "prometheusVersion",
    "dockerComposeVersion",
    "kindVersion",
    "securePort",
    "quietPull",
    "quick",
    "kubeSchedulerConfig",
    "disableKubeScheduler",
    "disableKubeControllerManager",
    "kubeImagePrefix",
    "etcdImagePrefix",
    "kwokImagePrefix",
    "prometheusImagePrefix",
    "etcdImage",
    "kubeApiserverImage",
    "kubeControllerManagerImage",
    "kubeSchedulerImage",
    "kwokControllerImage",
    "prometheusImage",
    "kindNodeImagePrefix",
    "kindNodeImage",
    "binSuffix",
    "kubeBinaryPrefix",
    "kubeApiserverBinary",
    "kubeControllerManagerBinary",
    "kubeSchedulerBinary",
    "kubectlBinary",
    "etcdBinaryPrefix",
    "etcdBinary",
    "etcdBinaryTar",
    "kwokBinaryPrefix",
    "kwokControllerBinary",
    "prometheusBinaryPrefix",
    "prometheusBinary",
    "prometheusBinaryTar",
    "dockerComposeBinaryPrefix",
    "dockerComposeBinary",
    "kindBinaryPrefix",
    "kindBinary",
    "mode",
    "kubeFeatureGates",
    "kubeRuntimeConfig",
    "kubeAuditPolicy",
    "kubeAuthorization",
    "etcdPeerPort",
    "etcdPort",
    "kubeControllerManagerPort",
    "kubeSchedulerPort",
    "kwokControllerPort",
    "cacheDir",
];

fn export(file: &str) -> BTreeMap<&'static str, String> {
    jobsim::kwok::export(&fixture(file))
        .unwrap()
        .into_iter()
        .map(|f| (f.name, f.text))
        .collect()
}

fn docs(text: &str) -> Vec<serde_norway::Value> {
    text.split("\n---\n")
        .map(|d| serde_norway::from_str(d).unwrap_or_else(|e| panic!("{e}\n{d}")))
        .collect()
}

/// A Go template's actions are balanced and its text, with the actions
/// taken out, is YAML (the status KWOK renders from it).
fn check_template(name: &str, t: &str) {
    assert_eq!(
        t.matches("{{").count(),
        t.matches("}}").count(),
        "{name}: braces"
    );
    let opens = t.matches("{{ range").count() + t.matches("{{ if").count();
    assert_eq!(
        opens,
        t.matches("{{ end }}").count(),
        "{name}: range/if without end"
    );
    let mut plain = String::new();
    for line in t.lines() {
        let mut l = line.to_string();
        while let (Some(a), Some(b)) = (l.find("{{"), l.find("}}")) {
            l.replace_range(a..b + 2, "x");
        }
        if l.trim() != "x" {
            plain.push_str(&l);
            plain.push('\n');
        }
    }
    let v: serde_norway::Value =
        serde_norway::from_str(&plain).unwrap_or_else(|e| panic!("{name}: {e}\n{plain}"));
    let phase = v.get("phase").and_then(|p| p.as_str()).unwrap_or("");
    assert!(
        ["Pending", "Running", "Succeeded", "Failed"].contains(&phase),
        "{name}: phase {phase:?}"
    );
}

fn check_schema(files: &BTreeMap<&'static str, String>) {
    let kwok = docs(&files["kwok.yaml"]);
    let cfg: KwokctlConfiguration = serde_norway::from_value(kwok[0].clone()).unwrap();
    assert_eq!(
        (cfg.api_version.as_str(), cfg.kind.as_str()),
        ("config.kwok.x-k8s.io/v1alpha1", "KwokctlConfiguration")
    );
    for k in cfg.options.keys() {
        assert!(
            KWOKCTL_OPTIONS.contains(&k.as_str()),
            "unknown kwokctl option {k}"
        );
    }
    assert_eq!(cfg.options["kubeVersion"], "v1.34.0");
    let mut names = Vec::new();
    for d in &kwok[1..] {
        let s: Stage = serde_norway::from_value(d.clone())
            .unwrap_or_else(|e| panic!("not a KWOK Stage: {e}\n{d:?}"));
        assert_eq!(
            (s.api_version.as_str(), s.kind.as_str()),
            ("kwok.x-k8s.io/v1alpha1", "Stage")
        );
        assert_eq!(s.spec.resource_ref.kind, "Pod");
        assert_eq!(s.spec.resource_ref.api_group.as_deref(), Some("v1"));
        let sel = s.spec.selector.expect("every Stage selects");
        assert!(sel.match_labels.is_none() && sel.match_annotations.is_none());
        for r in sel.match_expressions.unwrap() {
            assert!(r.key.starts_with('.'), "{}: a jq path", r.key);
            // stage_types.go: In and NotIn need values; Exists and
            // DoesNotExist take none.
            match r.operator.as_str() {
                "In" | "NotIn" => assert!(r.values.is_some_and(|v| !v.is_empty())),
                "Exists" | "DoesNotExist" => assert!(r.values.is_none()),
                op => panic!("unknown operator {op}"),
            }
        }
        if let Some(d) = s.spec.delay {
            let ms = d.duration_milliseconds.unwrap_or(0);
            assert!(ms >= 0 && d.jitter_duration_milliseconds.is_none_or(|j| j > ms));
        }
        assert!(s.spec.weight.is_none_or(|w| w > 0));
        match (&s.spec.next.status_template, s.spec.next.delete) {
            (Some(t), None) => check_template(&s.metadata.name, t),
            (None, Some(true)) => assert!(s.spec.next.finalizers.unwrap().empty == Some(true)),
            _ => panic!(
                "{}: a Stage either sets a status or deletes",
                s.metadata.name
            ),
        }
        assert!(s.spec.next.event.is_none());
        names.push(s.metadata.name);
    }
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "Stage names are unique");
    // Nodes decode as the playground's own strict Node type.
    for d in docs(&files["nodes.yaml"]) {
        let n: jobsim::api::Node = serde_norway::from_value(d.clone()).unwrap();
        let ann = n.metadata.annotations.unwrap_or_default();
        assert_eq!(
            ann.get("kwok.x-k8s.io/node").map(String::as_str),
            Some("fake")
        );
    }
    // The script parses as POSIX sh.
    let out = std::process::Command::new("sh")
        .args(["-n", "-c", &files["run.sh"]])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_fixture_exports_files_that_pass_the_kwok_schema_check() {
    let dir = format!("{}/../../tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for sub in ["", "lessons/", "exercises/"] {
        for e in std::fs::read_dir(format!("{dir}/{sub}")).unwrap() {
            let f = e.unwrap().file_name().into_string().unwrap();
            if !f.ends_with(".yaml") || f == "abnormal-end-exported.yaml" || f == "bench-100k.yaml"
            {
                continue;
            }
            check_schema(&export(&format!("{sub}{f}")));
            n += 1;
        }
    }
    assert!(n >= 30, "{n} fixtures");
}

#[test]
fn the_seed_job_exports_as_pinned() {
    let files = export("abnormal-end.yaml");
    for (name, text) in &files {
        let path = format!(
            "{}/tests/golden/kwok/abnormal-end/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(std::path::Path::new(&path).parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_GOLDEN=1)"));
        assert_eq!(text, &want, "golden kwok/{name} differs");
    }
    // The manifests go out unchanged.
    assert!(files["manifests.yaml"].contains("command: [\"sh\", \"-c\", \"sleep 5; exit 1\"]"));
}

#[test]
fn each_pod_outcome_is_the_simulated_one() {
    // The seed Job: every pod exits 1 after 5 s.
    let f = export("abnormal-end.yaml");
    let stage = docs(&f["kwok.yaml"])
        .into_iter()
        .find(|d| d["metadata"]["name"] == "jobsim-abnormal-end")
        .unwrap();
    assert_eq!(stage["spec"]["delay"]["durationMilliseconds"], 5000);
    let t = stage["spec"]["next"]["statusTemplate"].as_str().unwrap();
    assert!(
        t.contains("exitCode: 1") && t.contains("phase: Failed"),
        "{t}"
    );
    // failureRate: two weighted Stages, and a note says so.
    let f = export("bench-100k.yaml");
    let weights: Vec<u64> = docs(&f["kwok.yaml"])
        .iter()
        .filter_map(|d| d["spec"]["weight"].as_u64())
        .collect();
    assert_eq!(weights.len(), 2, "{weights:?}");
    assert!(f["NOTES.txt"].contains("failureRate"));
    // A node crash stops the node's heartbeats at the simulated offset.
    let f = export("node-crash.yaml");
    assert!(f["run.sh"]
        .contains("at 30  # crashNode\nkubectl annotate node 'node-2' kwok.x-k8s.io/node-"));
    assert!(f["run.sh"].contains("at 480  # recoverNode"));
}

#[test]
fn bad_input_is_a_clear_error() {
    let err = jobsim::kwok::export("kind: Job\n").unwrap_err();
    assert!(err.starts_with("1:1: "), "{err}");
}

#[test]
fn the_page_download_is_a_tar_that_tar_extracts() {
    let (name, tar) = jobsim::kwok::archive(&fixture("node-crash.yaml")).unwrap();
    assert_eq!(name, "node-crash-kwok.tar");
    let dir = std::env::temp_dir().join(format!("jobsim-tar-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(&name), tar.as_bytes()).unwrap();
    let out = std::process::Command::new("tar")
        .args(["-xf", &name])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = export("node-crash.yaml");
    for (f, text) in &files {
        let got = std::fs::read_to_string(dir.join("node-crash-kwok").join(f)).unwrap();
        assert_eq!(&got, text, "{f}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
