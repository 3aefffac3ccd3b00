//! Pod failure policy (upstream `pod_failure_policy.go`): the first rule
//! that matches a failed pod decides whether the failure fails the Job,
//! is ignored, or counts toward backoffLimit.

use crate::api::PodFailurePolicy;
use crate::pod::{ContainerState, PodReason, PodState};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `FailJob`, with the condition message.
    FailJob(String),
    /// `Ignore`: not counted toward backoffLimit.
    Ignore,
    /// `FailIndex`: the pod's index fails at once (backoffLimitPerIndex).
    FailIndex,
    /// `Count`, or no rule matched.
    Count,
}

/// Whether the pod has condition `kind` with `status`, as the kubelet and
/// the disruption controllers set them in this model.
fn has_condition(pod: &PodState, kind: &str, status: &str) -> bool {
    let disrupted = pod.reason.and_then(PodReason::disruption_target).is_some();
    let value = match kind {
        "DisruptionTarget" => disrupted,
        "Ready" | "ContainersReady" => pod.ready,
        "PodScheduled" => pod.node.is_some(),
        "Initialized" => pod
            .init()
            .iter()
            .all(|c| matches!(c.state, ContainerState::Terminated(t) if t.exit_code == 0)),
        _ => return false,
    };
    // Conditions the model does not set are absent, so only a known one matches.
    (status == "True") == value && (status == "True" || status == "False")
}

/// `matchPodFailurePolicy` for a pod in phase Failed. `names` are the
/// container names in the pod's status order (init first, then app).
pub fn evaluate(
    policy: &PodFailurePolicy,
    pod: &PodState,
    pod_name: &str,
    names: &[&str],
) -> Outcome {
    let n_init = pod.n_init as usize;
    // Regular containers first, then init containers, as upstream looks them up.
    let order: Vec<usize> = (n_init..pod.containers.len()).chain(0..n_init).collect();
    for (i, rule) in policy.rules.iter().enumerate() {
        let action = rule.action.as_deref().unwrap_or("");
        let matched: Option<String> = if let Some(ec) = &rule.on_exit_codes {
            let values = ec.values.as_deref().unwrap_or(&[]);
            order.iter().find_map(|&c| {
                let ContainerState::Terminated(t) = pod.containers[c].state else { return None };
                if t.exit_code == 0 || ec.container_name.as_deref().is_some_and(|n| n != names[c]) {
                    return None;
                }
                let inside = values.contains(&t.exit_code);
                let hit = if ec.operator.as_deref() == Some("NotIn") { !inside } else { inside };
                hit.then(|| {
                    format!(
                        "Container {} for pod default/{} failed with exit code {} matching FailJob rule at index {i}",
                        names[c], pod_name, t.exit_code
                    )
                })
            })
        } else {
            rule.on_pod_conditions.iter().flatten().find_map(|p| {
                let status = p.status.as_deref().unwrap_or("True");
                has_condition(pod, &p.kind, status).then(|| {
                    format!(
                        "Pod default/{} has condition {} matching FailJob rule at index {i}",
                        pod_name, p.kind
                    )
                })
            })
        };
        if let Some(message) = matched {
            return match action {
                "FailJob" => Outcome::FailJob(message),
                "Ignore" => Outcome::Ignore,
                "FailIndex" => Outcome::FailIndex,
                _ => Outcome::Count,
            };
        }
    }
    Outcome::Count
}
