//! kubectl's mutating verbs as the console and `jobsim kubectl` take them:
//! each becomes a Scenario verb applied at the current virtual time, with
//! kubectl's reply, or kubectl's error.

mod common;
use common::*;
use jobsim::kubectl::mutate::mutation;
use jobsim::world::Input;
use jobsim::{Time, World};

fn args(line: &str) -> Vec<String> {
    line.split_whitespace().map(String::from).collect()
}

/// Runs `line` at the world's current time; returns kubectl's reply.
fn act(w: &mut World, line: &str) -> Result<String, String> {
    let (verb, out) = mutation(w, &args(line)).expect("a mutating command")?;
    let now = w.now();
    w.apply(now, Input::Action(verb));
    w.run_until(now);
    Ok(out)
}

/// Job `work` (Never, `script`) with `spec` lines, at 5 s.
fn work_at_5s(spec: &str, script: &str) -> World {
    let mut w = world(&job("work", spec, "Never", script));
    w.run_until(Time(5_000));
    w
}

fn active(w: &World) -> usize {
    w.pods()
        .iter()
        .filter(|p| p.exists() && p.is_active())
        .count()
}

#[test]
fn replies_and_errors_in_kubectls_words() {
    let mut w = work_at_5s("  parallelism: 1\n  completions: 4", "sleep 60");
    let pod = w.pod_name(0);
    assert!(
        mutation(&w, &args("get pods")).is_none(),
        "read-only verbs go to kubectl::run"
    );
    let cases: Vec<(String, Result<&str, String>)> = vec![
        ("delete pod nope".into(), Err("Error from server (NotFound): pods \"nope\" not found".into())),
        ("delete job nope".into(), Err("Error from server (NotFound): jobs.batch \"nope\" not found".into())),
        ("cordon node-9".into(), Err("Error from server (NotFound): nodes \"node-9\" not found".into())),
        ("cordon node-1".into(), Ok("node/node-1 cordoned")),
        ("uncordon node/node-1".into(), Ok("node/node-1 uncordoned")),
        (
            r#"patch job work -p {"spec":{"parallelism":-1}}"#.into(),
            Err("The Job \"work\" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0".into()),
        ),
        (
            r#"patch job work -p {"spec":{"completions":5}}"#.into(),
            Err("The Job \"work\" is invalid: spec.completions: Invalid value: 5: field is immutable".into()),
        ),
        // ValidateJobSpecUpdate: completionMode is immutable (podReplacementPolicy is not).
        (
            r#"patch job work -p {"spec":{"completionMode":"Indexed"}}"#.into(),
            Err("The Job \"work\" is invalid: spec.completionMode: Invalid value: \"Indexed\": field is immutable".into()),
        ),
        (
            r#"patch job work -p {"spec":{"podReplacementPolicy":"Failed"}}"#.into(),
            Ok("job.batch/work patched"),
        ),
        // Strict field validation of the patched object.
        (
            r#"patch job work -p {"spec":{"parallelizm":2}}"#.into(),
            Err("Error from server (BadRequest): strict decoding error: unknown field \"spec.parallelizm\"".into()),
        ),
        // --type=json (RFC 6902) takes add/replace/remove on object fields.
        (
            r#"patch job work --type=json -p [{"op":"replace","path":"/spec/activeDeadlineSeconds","value":0}]"#.into(),
            Ok("job.batch/work patched"),
        ),
        (
            r#"patch job work --type json -p [{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"x"}]"#.into(),
            Err("error: the playground applies json patch paths to object fields (like /spec/parallelism), not \"/spec/template/spec/containers/0/image\"".into()),
        ),
        (format!("delete pod {pod}"), Ok("")),
    ];
    for (line, want) in cases {
        let got = act(&mut w, &line);
        match (&got, &want) {
            (Ok(g), Ok("")) => assert_eq!(g, &format!("pod \"{pod}\" deleted")),
            (Ok(g), Ok(want)) => assert_eq!(g, want, "{line}"),
            (Err(g), Err(want)) => assert_eq!(g, want, "{line}"),
            _ => panic!("{line}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn elastic_indexed_jobs_change_completions_with_parallelism() {
    // validateCompletions: an Indexed Job's completions may change only in
    // tandem with parallelism; shrinking removes the out-of-range indexes
    // (their pods are deleted, not counted as failed).
    let mut w = work_at_5s(
        "  parallelism: 4\n  completions: 4\n  completionMode: Indexed",
        "sleep 60",
    );
    assert_eq!(
        act(&mut w, r#"patch job work -p {"spec":{"completions":2}}"#),
        Err("The Job \"work\" is invalid: spec.completions: Invalid value: 2: can only be modified in tandem with spec.parallelism".into())
    );
    assert_eq!(active(&w), 4);
    act(
        &mut w,
        r#"patch job work -p {"spec":{"completions":2,"parallelism":2}}"#,
    )
    .unwrap();
    w.run_until(Time(6_000));
    assert_eq!(active(&w), 2, "indexes 2 and 3 are out of range");
    let events = kubectl(&w, "get events");
    assert_eq!(events.matches("SuccessfulDelete").count(), 2, "{events}");
    w.run_to_end();
    let job = &w.jobs()[0];
    assert_eq!(job.status.failed, 0, "removed indexes are not failures");
    assert_eq!(job.status.completed_indexes.to_string(), "0,1");
    assert!(job.condition(jobsim::job::CondType::Complete).is_some());

    // Growing adds indexes.
    let mut w = work_at_5s(
        "  parallelism: 2\n  completions: 2\n  completionMode: Indexed",
        "sleep 60",
    );
    act(
        &mut w,
        r#"patch job work -p {"spec":{"completions":5,"parallelism":5}}"#,
    )
    .unwrap();
    w.run_to_end();
    assert_eq!(w.jobs()[0].status.completed_indexes.to_string(), "0-4");
}

#[test]
fn patch_active_deadline_applies_to_the_running_job() {
    // activeDeadlineSeconds is mutable: the next sync applies it
    // (DeadlineExceeded counted from startTime).
    let mut w = work_at_5s("  completions: 1", "sleep 600");
    act(
        &mut w,
        r#"patch job work -p {"spec":{"activeDeadlineSeconds":30}}"#,
    )
    .unwrap();
    w.run_to_end();
    let failed = w.jobs()[0]
        .condition(jobsim::job::CondType::Failed)
        .expect("Failed");
    assert_eq!(failed.reason, "DeadlineExceeded");
    assert_eq!(
        failed.time,
        Time(31_000),
        "30 s after startTime (0 s), at the sync after"
    );
}

#[test]
fn scenario_patch_actions_are_validated_as_updates() {
    // The same rules for a patchJob action in a Scenario, against the Job
    // as earlier patches left it.
    let base = job(
        "work",
        "  parallelism: 2\n  completions: 2\n  completionMode: Indexed",
        "Never",
        "sleep 60",
    );
    let scenario = |actions: &str| {
        format!(
            "{base}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  actions:\n{actions}"
        )
    };
    let ok = scenario("  - {at: 5s, patchJob: {name: work, spec: {parallelism: 4}}}\n  - {at: 6s, patchJob: {name: work, spec: {completions: 4}}}\n");
    assert!(World::from_text(&ok, None).is_ok());
    let bad = scenario("  - {at: 5s, patchJob: {name: work, spec: {completions: 3}}}\n  - {at: 6s, patchJob: {name: work, spec: {selector: {matchLabels: {a: b}}}}}\n");
    let errs = format!("{:?}", World::from_text(&bad, None).err().expect("invalid"));
    assert!(
        errs.contains("spec.actions[0].patchJob.spec.completions: Invalid value: 3: can only be modified in tandem with spec.parallelism"),
        "{errs}"
    );
    assert!(
        errs.contains("spec.actions[1].patchJob.spec.selector: Invalid value"),
        "{errs}"
    );
    assert!(errs.contains("field is immutable"), "{errs}");
}

#[test]
fn delete_pod_gets_a_replacement() {
    let mut w = work_at_5s("  parallelism: 2\n  completions: 2", "sleep 60");
    let first = w.pod_name(0);
    act(&mut w, &format!("delete pod {first}")).unwrap();
    // The killed pod fails (exit 137) and counts: its replacement waits
    // out the 10 s back-off.
    w.run_until(Time(30_000));
    assert!(w
        .pod_by_name(&first)
        .is_none_or(|p| w.pods()[p as usize].deletion.is_some()));
    assert_eq!(active(&w), 2, "the Job replaced the deleted pod");
    assert_eq!(w.pods_created(), 3);
}

#[test]
fn patch_parallelism_scales_up_and_down() {
    // Parallelism is mutable on a running Job; scale-down deletes pods in
    // controller.ActivePods order with SuccessfulDelete events.
    let mut w = work_at_5s("  parallelism: 1\n  completions: 10", "sleep 300");
    assert_eq!(active(&w), 1);
    assert_eq!(
        act(&mut w, r#"patch job work -p '{"spec":{"parallelism":3}}'"#).unwrap(),
        "job.batch/work patched"
    );
    w.run_until(Time(10_000));
    assert_eq!(active(&w), 3);
    assert!(kubectl(&w, "get job work -o yaml").contains("parallelism: 3"));
    act(&mut w, r#"patch job work -p {"spec":{"parallelism":1}}"#).unwrap();
    w.run_until(Time(12_000));
    assert_eq!(active(&w), 1);
    // The oldest (longest ready) pod is the one kept.
    let kept = w
        .pods()
        .iter()
        .position(|p| p.exists() && p.is_active())
        .unwrap();
    assert_eq!(kept, 0);
    assert_eq!(
        kubectl(&w, "describe job work")
            .matches("SuccessfulDelete")
            .count(),
        2
    );
}

#[test]
fn a_patch_may_hold_spaces() {
    let mut w = work_at_5s("  parallelism: 1\n  completions: 10", "sleep 300");
    act(
        &mut w,
        r#"patch job work -p '{"spec": {"parallelism": 2}}'"#,
    )
    .unwrap();
    w.run_until(Time(8_000));
    assert_eq!(active(&w), 2);
}

#[test]
fn a_recorded_patch_replays_from_the_scenario() {
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {{at: 5s, patchJob: {{name: work, spec: {{parallelism: 3}}}}}}\n",
        job("work", "  parallelism: 1\n  completions: 10", "Never", "sleep 300")
    );
    let mut w = world(&text);
    w.run_until(Time(4_000));
    assert_eq!(active(&w), 1);
    w.run_until(Time(8_000));
    assert_eq!(active(&w), 3);
    // What the console records round-trips through the Scenario text.
    let recorded = jobsim::scenario::record(&text, |s| {
        s.actions.push(jobsim::scenario::Action {
            at: jobsim::scenario::Dur(jobsim::clock::Duration::from_secs(9)),
            verb: jobsim::scenario::Verb::DeletePod(w.pod_name(0)),
        })
    })
    .unwrap();
    assert!(World::from_text(&recorded, None).is_ok(), "{recorded}");
    assert!(recorded.contains("deletePod"), "{recorded}");
}

#[test]
fn actions_must_name_objects_the_run_has() {
    // field.NotFound, as the API server answers for a missing object.
    let manifests = format!(
        "{}---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: hello}}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: c, image: busybox}}]\n",
        job("work", "  parallelism: 1", "Never", "true")
    );
    let with = |actions: &str| {
        format!("{manifests}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nmetadata: {{name: s}}\nspec:\n  actions:\n{actions}")
    };
    let cases: [(&str, Option<&str>); 10] = [
        (
            "  - {at: 30h, deleteJob: work}\n",
            Some(
                r#"spec.actions[0].at: Invalid value: "30h": past the run's end at 24h (spec.until, else 24h)"#,
            ),
        ),
        ("  - {at: 5s, crashNode: node-2}\n", None),
        (
            "  - {at: 5s, crashNode: node-9}\n",
            Some(r#"spec.actions[0].crashNode: Not found: "node-9""#),
        ),
        (
            "  - {at: 5s, addNode: {name: extra}}\n  - {at: 9s, cordonNode: extra}\n",
            None,
        ),
        (
            "  - {at: 9s, addNode: {name: extra}}\n  - {at: 5s, cordonNode: extra}\n",
            Some(r#"spec.actions[1].cordonNode: Not found: "extra""#),
        ),
        (
            "  - {at: 5s, deleteJob: nope}\n",
            Some(r#"spec.actions[0].deleteJob: Not found: "nope""#),
        ),
        ("  - {at: 5m, deleteJob: hello-28671142}\n", None),
        ("  - {at: 5s, deletePod: work-}\n", None),
        (
            "  - {at: 5s, deletePod: other-abcde}\n",
            Some(r#"spec.actions[0].deletePod: Not found: "other-abcde""#),
        ),
        (
            "  - {at: 5s, suspendCronJob: nope}\n",
            Some(r#"spec.actions[0].suspendCronJob: Not found: "nope""#),
        ),
    ];
    for (actions, want) in cases {
        let got = World::from_text(&with(actions), None);
        match (want, got) {
            (None, Ok(_)) => {}
            (Some(want), Err(errs)) => assert!(
                errs.iter().any(|e| e.message.contains(want)),
                "{actions}: {errs:?}"
            ),
            (want, got) => panic!("{actions}: want {want:?}, got {:?}", got.err()),
        }
    }
}

#[test]
fn verb_keys_match_the_scenario_format() {
    use jobsim::scenario::{Action, Dur, Verb};
    for verb in [
        Verb::CrashNode("n".into()),
        Verb::DeletePod("p".into()),
        Verb::SuspendCronJob("c".into()),
        Verb::CreateJobFrom("cronjob/c".into()),
    ] {
        let key = verb.key();
        let yaml = serde_norway::to_string(&Action {
            at: Dur(jobsim::clock::Duration::from_secs(1)),
            verb,
        })
        .unwrap();
        assert!(yaml.contains(&format!("{key}:")), "{yaml}");
    }
}

#[test]
fn delete_job_cascade_orphan_leaves_the_pods_running() {
    // Orphan propagation: the Job goes, its pods lose their owner
    // reference and run to the end; nothing replaces or counts them.
    let mut w = work_at_5s("  parallelism: 2\n  completions: 4", "sleep 30");
    assert_eq!(
        act(&mut w, "delete job work --cascade=orphan"),
        Ok("job.batch \"work\" deleted".into())
    );
    // The flag is checked before the Job is looked up.
    assert_eq!(
        act(&mut w, "delete job work --cascade=sideways"),
        Err("error: invalid cascade value (sideways). Must be \"background\", \"foreground\", or \"orphan\"".into())
    );
    assert!(!kubectl(&w, "get jobs").contains("work"));
    let yaml = kubectl(&w, &format!("get pod {} -o yaml", w.pod_name(0)));
    assert!(!yaml.contains("ownerReferences"), "{yaml}");
    assert!(!yaml.contains("job-tracking"), "{yaml}");
    w.run_to_end();
    assert_eq!(w.pods_created(), 2, "no Job, no new pods");
    assert!(w
        .pods()
        .iter()
        .all(|p| p.exists() && p.phase == jobsim::pod::Phase::Succeeded));
}

#[test]
fn label_node_lets_a_waiting_pod_schedule() {
    // A nodeSelector pod waits (FailedScheduling) until `kubectl label
    // node` gives a node the label; kubectl's replies and refusals.
    let text = job("gpu", "  completions: 1", "Never", "sleep 5").replace(
        "      containers:",
        "      nodeSelector: {accelerator: gpu}\n      containers:",
    );
    let mut w = world(&text);
    w.run_until(Time(5_000));
    assert!(w.pods()[0].node.is_none(), "no node has the label");
    let cases: [(&str, Result<&str, &str>); 5] = [
        ("label pod x a=b", Err("error: the playground labels nodes (nodeSelector reads them); a pod's labels change nothing it simulates")),
        ("label node node-2 bad/key/x=1", Err("The Node \"node-2\" is invalid: metadata.labels: Invalid value: \"bad/key/x\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        ("label node node-2 accelerator=gpu", Ok("node/node-2 labeled")),
        ("label node node-2 accelerator=tpu", Err("error: 'accelerator' already has a value (gpu), and --overwrite is false")),
        ("label node node-2 accelerator=gpu", Ok("node/node-2 not labeled")),
    ];
    for (line, want) in cases {
        assert_eq!(
            act(&mut w, line),
            want.map(String::from).map_err(String::from),
            "{line}"
        );
    }
    w.run_until(Time(7_000));
    assert_eq!(
        w.pods()[0].node,
        Some(1),
        "scheduled on node-2 once labeled"
    );
    assert_eq!(
        act(&mut w, "label node/node-2 accelerator-"),
        Ok("node/node-2 unlabeled".into())
    );
    assert!(!kubectl(&w, "get node node-2 -o yaml").contains("accelerator"));
}

/// Job `work` (suspended or not) on a pool with one node labelled
/// `pool: gpu`.
fn labelled_pool(suspend: bool) -> World {
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  nodes:\n  - {{name: cpu-1}}\n  - {{name: gpu-1, labels: {{pool: gpu}}}}\n",
        job("work", &format!("  suspend: {suspend}\n  parallelism: 2\n  completions: 2"), "Never", "sleep 30")
    );
    world(&text)
}

const NODE_SELECTOR_PATCH: &str =
    r#"patch job work -p {"spec":{"template":{"spec":{"nodeSelector":{"pool":"gpu"}}}}}"#;

#[test]
fn suspended_never_started_job_takes_scheduling_directives() {
    // validatePodTemplateUpdate with AllowMutableSchedulingDirectives
    // (JobMutableNodeSchedulingDirectives, GA in 1.27): suspended and no
    // status.startTime, so nodeSelector may change; it applies on resume.
    let mut w = labelled_pool(true);
    w.run_until(Time(5_000));
    assert_eq!(
        act(&mut w, NODE_SELECTOR_PATCH),
        Ok("job.batch/work patched".into())
    );
    // Labels and tolerations too, in the same state.
    assert_eq!(
        act(
            &mut w,
            r#"patch job work -p {"spec":{"template":{"metadata":{"annotations":{"team":"render"}},"spec":{"tolerations":[{"key":"gpu","operator":"Exists"}]}}}}"#
        ),
        Ok("job.batch/work patched".into())
    );
    // Containers are still immutable.
    let err = act(
        &mut w,
        r#"patch job work -p {"spec":{"template":{"spec":{"activeDeadlineSeconds":5}}}}"#,
    )
    .unwrap_err();
    assert!(
        err.starts_with("The Job \"work\" is invalid: spec.template: Invalid value: "),
        "{err}"
    );
    assert!(err.ends_with(": field is immutable"), "{err}");
    act(&mut w, r#"patch job work -p {"spec":{"suspend":false}}"#).unwrap();
    w.run_until(Time(10_000));
    let pods = kubectl(&w, "get pods -o wide");
    assert_eq!(pods.matches(" gpu-1 ").count(), 2, "{pods}");
    assert!(!pods.contains(" cpu-1 "), "{pods}");
}

#[test]
fn started_job_refuses_scheduling_directives() {
    // validationOptionsForJob: a Job that has a startTime (running, or
    // suspended after it ran) keeps its template immutable.
    let mut w = labelled_pool(false);
    w.run_until(Time(5_000));
    let err = act(&mut w, NODE_SELECTOR_PATCH).unwrap_err();
    assert!(
        err.starts_with("The Job \"work\" is invalid: spec.template: Invalid value: "),
        "{err}"
    );
    assert!(err.ends_with(": field is immutable"), "{err}");
    act(&mut w, r#"patch job work -p {"spec":{"suspend":true}}"#).unwrap();
    w.run_until(Time(7_000));
    assert!(
        act(&mut w, NODE_SELECTOR_PATCH).is_err(),
        "suspended after it started"
    );
}

#[test]
fn scenario_patches_follow_the_same_rule() {
    // The load-time check of patchJob actions: allowed before the Job is
    // first resumed, refused after.
    let base = job("work", "  suspend: true", "Never", "sleep 30");
    let scenario = |actions: &str| {
        format!(
            "{base}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  actions:\n{actions}"
        )
    };
    let sel = "patchJob: {name: work, spec: {template: {spec: {nodeSelector: {disk: ssd}}}}}";
    let ok = scenario(&format!(
        "  - {{at: 5s, {sel}}}\n  - {{at: 6s, resumeJob: work}}\n"
    ));
    World::from_text(&ok, None).expect("allowed while suspended and never started");
    let bad = scenario(&format!(
        "  - {{at: 5s, resumeJob: work}}\n  - {{at: 6s, {sel}}}\n"
    ));
    let errs = format!("{:?}", World::from_text(&bad, None).err().expect("refused"));
    assert!(
        errs.contains("spec.actions[1].patchJob.spec.template: Invalid value"),
        "{errs}"
    );
}
