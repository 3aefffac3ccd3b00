//! Upstream defaulting: `SetDefaults_Job`, `SetDefaults_CronJob`, the pod
//! defaults the API server applies, and the Job registry's generated
//! selector and labels (`PrepareForCreate`).

use crate::api::{Container, CronJob, Job, JobSpec, LabelSelector, PodSpec};
use crate::quantity::Quantity;

pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";
pub const LEGACY_JOB_NAME_LABEL: &str = "job-name";
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
pub const LEGACY_CONTROLLER_UID_LABEL: &str = "controller-uid";
pub const COMPLETION_INDEX: &str = "batch.kubernetes.io/job-completion-index";

/// `imagePullPolicy` default: `Always` for `:latest` or untagged images.
pub fn default_pull_policy(image: &str) -> &'static str {
    let last = image.rsplit('/').next().unwrap_or(image);
    if image.contains('@') {
        return "IfNotPresent";
    }
    match last.split_once(':') {
        None => "Always",
        Some((_, "latest")) => "Always",
        Some(_) => "IfNotPresent",
    }
}

fn default_container(c: &mut Container) {
    if c.image_pull_policy.is_none() {
        c.image_pull_policy = Some(default_pull_policy(c.image.as_deref().unwrap_or("")).into());
    }
    c.termination_message_path
        .get_or_insert_with(|| "/dev/termination-log".into());
    c.termination_message_policy
        .get_or_insert_with(|| "File".into());
    // Requests default to limits for resources that only set a limit.
    let res = c.resources.get_or_insert_with(Default::default);
    if let Some(limits) = res.limits.clone() {
        let req = res.requests.get_or_insert_with(Default::default);
        for (k, v) in limits {
            req.entry(k).or_insert(v);
        }
    }
}

/// Whether `default_pod_spec` would change nothing (so a shared spec can
/// stay shared).
fn pod_spec_defaulted(p: &PodSpec) -> bool {
    let container_ok = |c: &Container| {
        c.image_pull_policy.is_some()
            && c.termination_message_path.is_some()
            && c.termination_message_policy.is_some()
            && c.resources.as_ref().is_some_and(|r| {
                r.limits.as_ref().is_none_or(|l| {
                    l.keys()
                        .all(|k| r.requests.as_ref().is_some_and(|q| q.contains_key(k)))
                })
            })
    };
    p.dns_policy.is_some()
        && p.scheduler_name.is_some()
        && p.termination_grace_period_seconds.is_some()
        && p.security_context.is_some()
        && p.init_containers.iter().flatten().all(container_ok)
        && p.containers.iter().all(container_ok)
}

/// `default_pod_spec` on a shared spec: copied only when a default is
/// missing.
pub fn default_shared_pod_spec(p: &mut std::sync::Arc<PodSpec>) {
    if !pod_spec_defaulted(p) {
        default_pod_spec(std::sync::Arc::make_mut(p));
    }
}

pub fn default_pod_spec(p: &mut PodSpec) {
    p.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    p.scheduler_name
        .get_or_insert_with(|| "default-scheduler".into());
    p.termination_grace_period_seconds.get_or_insert(30);
    if p.security_context.is_none() {
        p.security_context = Some(serde_norway::Value::Mapping(Default::default()));
    }
    for c in p.init_containers.iter_mut().flatten() {
        default_container(c);
    }
    for c in &mut p.containers {
        default_container(c);
    }
}

pub fn default_job_spec(s: &mut JobSpec) {
    match (s.completions, s.parallelism) {
        (None, None) => {
            s.completions = Some(1);
            s.parallelism = Some(1);
        }
        (_, None) => s.parallelism = Some(1),
        _ => {}
    }
    s.completion_mode.get_or_insert_with(|| "NonIndexed".into());
    if s.backoff_limit.is_none() {
        s.backoff_limit = Some(if s.backoff_limit_per_index.is_some() {
            i32::MAX
        } else {
            6
        });
    }
    s.suspend.get_or_insert(false);
    // SetDefaults_PodFailurePolicyOnPodConditionsPattern: status True.
    for rule in s
        .pod_failure_policy
        .iter_mut()
        .flat_map(|p| p.rules.iter_mut())
    {
        for c in rule.on_pod_conditions.iter_mut().flatten() {
            c.status.get_or_insert_with(|| "True".into());
        }
    }
    if s.pod_replacement_policy.is_none() {
        s.pod_replacement_policy = Some(
            if s.pod_failure_policy.is_some() {
                "Failed"
            } else {
                "TerminatingOrFailed"
            }
            .into(),
        );
    }
    s.manual_selector.get_or_insert(false);
    default_shared_pod_spec(&mut s.template.spec);
}

/// Defaults plus the registry's create-time preparation, given the uid the
/// API server assigned.
pub fn prepare_job(job: &mut Job, uid: &str) {
    job.metadata
        .namespace
        .get_or_insert_with(|| "default".into());
    default_job_spec(&mut job.spec);
    let name = job.metadata.name.clone().unwrap_or_default();
    // generateSelector: labels the user already set are kept (validation
    // then rejects conflicts); the selector gains the controller-uid key.
    if job.spec.manual_selector != Some(true) {
        let labels = job
            .spec
            .template
            .metadata
            .labels
            .get_or_insert_with(Default::default);
        for (k, v) in [
            (LEGACY_JOB_NAME_LABEL, name.as_str()),
            (JOB_NAME_LABEL, name.as_str()),
            (LEGACY_CONTROLLER_UID_LABEL, uid),
            (CONTROLLER_UID_LABEL, uid),
        ] {
            labels.entry(k.into()).or_insert_with(|| v.into());
        }
        let selector = job.spec.selector.get_or_insert_with(LabelSelector::default);
        selector
            .match_labels
            .get_or_insert_with(Default::default)
            .entry(CONTROLLER_UID_LABEL.into())
            .or_insert_with(|| uid.into());
    }
    if job.metadata.labels.as_ref().is_none_or(|l| l.is_empty()) {
        job.metadata.labels = job.spec.template.metadata.labels.clone();
    }
}

pub fn default_cronjob(cj: &mut CronJob) {
    cj.metadata
        .namespace
        .get_or_insert_with(|| "default".into());
    let s = &mut cj.spec;
    s.concurrency_policy.get_or_insert_with(|| "Allow".into());
    s.suspend.get_or_insert(false);
    s.successful_jobs_history_limit.get_or_insert(3);
    s.failed_jobs_history_limit.get_or_insert(1);
    // Job defaults apply when the CronJob creates a Job; only the pod
    // template is defaulted inside the CronJob itself.
    default_shared_pod_spec(&mut s.job_template.spec.template.spec);
}

/// Sum of container requests for one resource name (init containers count
/// by their maximum, as the scheduler does), in milli-units.
pub fn pod_request(spec: &PodSpec, resource: &str) -> i128 {
    let get = |c: &Container| -> i128 {
        c.resources
            .as_ref()
            .and_then(|r| r.requests.as_ref())
            .and_then(|r| r.get(resource))
            .map_or(0, |q: &Quantity| q.milli)
    };
    let app: i128 = spec.containers.iter().map(get).sum();
    let init = spec
        .init_containers
        .iter()
        .flatten()
        .map(get)
        .max()
        .unwrap_or(0);
    app.max(init)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_defaults_job_parallelism_and_completions() {
        // SetDefaults_Job: both nil -> 1/1; only parallelism -> completions stays nil (work queue).
        let cases = [
            ((None, None), (Some(1), Some(1))),
            ((Some(5), None), (Some(5), Some(1))),
            ((None, Some(3)), (None, Some(3))),
            ((Some(4), Some(2)), (Some(4), Some(2))),
        ];
        for ((c, p), (wc, wp)) in cases {
            let mut s = JobSpec {
                completions: c,
                parallelism: p,
                ..Default::default()
            };
            default_job_spec(&mut s);
            assert_eq!((s.completions, s.parallelism), (wc, wp));
            assert_eq!(s.backoff_limit, Some(6));
            assert_eq!(s.completion_mode.as_deref(), Some("NonIndexed"));
        }
        let mut s = JobSpec {
            backoff_limit_per_index: Some(1),
            ..Default::default()
        };
        default_job_spec(&mut s);
        assert_eq!(s.backoff_limit, Some(i32::MAX));
    }

    #[test]
    fn image_pull_policy_defaults() {
        for (img, want) in [
            ("busybox:latest", "Always"),
            ("busybox", "Always"),
            ("busybox:1.28", "IfNotPresent"),
            ("localhost:5000/app", "Always"),
            ("localhost:5000/app:v1", "IfNotPresent"),
            ("perl@sha256:abc", "IfNotPresent"),
        ] {
            assert_eq!(default_pull_policy(img), want, "{img}");
        }
    }
}
