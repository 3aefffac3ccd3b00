//! The examples menu and the seed lesson: which fixture files the page
//! offers (data only; the files are fetched when chosen).

/// The first lesson (the seed log's Job), shown applied on a first visit,
/// ships in the bundle.
pub const SEED_EXAMPLE: &str = include_str!("../tests/fixtures/lessons/01-backoff-limit.yaml");
pub const SEED_FILE: &str = "lessons/01-backoff-limit.yaml";

/// Title and file of each example; the files are copied next to the page
/// (`fixtures/`) and fetched when chosen, so they cost the first load
/// nothing.
pub const EXAMPLES: [(&str, &str); 22] = [
    ("Seed: abnormal-end (backoffLimit 6)", "abnormal-end.yaml"),
    (
        "Seed: two containers, one fails",
        "abnormal-end-two-containers.yaml",
    ),
    ("Docs: pi", "pi.yaml"),
    ("Docs: Indexed Job", "indexed-job.yaml"),
    ("OnFailure: CrashLoopBackOff", "crashloop.yaml"),
    ("Node crash mid-run", "node-crash.yaml"),
    ("GPU job waits for a GPU node", "gpu.yaml"),
    ("Docs: pod failure policy", "pod-failure-policy.yaml"),
    ("Docs: success policy", "success-policy.yaml"),
    ("Docs: backoffLimitPerIndex", "backoff-limit-per-index.yaml"),
    ("CronJob: docs hello (every minute)", "hello-cronjob.yaml"),
    (
        "CronJob: Forbid, Job outlives its period",
        "cronjob-forbid.yaml",
    ),
    (
        "CronJob: Replace, Job outlives its period",
        "cronjob-replace.yaml",
    ),
    (
        "CronJob: Allow, Job outlives its period",
        "cronjob-allow.yaml",
    ),
    (
        "CronJob: controller outage, no deadline",
        "cronjob-outage.yaml",
    ),
    (
        "CronJob: outage, startingDeadlineSeconds 200",
        "cronjob-outage-deadline.yaml",
    ),
    ("CronJob: DST night in New York", "cronjob-dst.yaml"),
    ("Scale: 100,000 completions on 100 nodes", "bench-100k.yaml"),
    (
        "Compare: Never vs OnFailure",
        "compare/never-vs-onfailure.yaml",
    ),
    (
        "Compare: Forbid vs Replace",
        "compare/forbid-vs-replace.yaml",
    ),
    (
        "Compare: backoffLimit vs backoffLimitPerIndex",
        "compare/backofflimit-vs-per-index.yaml",
    ),
    (
        "Compare: podReplacementPolicy Failed",
        "compare/replacement-policy.yaml",
    ),
];
