//! Upstream validation (`pkg/apis/batch/validation`, pod spec checks) with
//! upstream field paths and apimachinery's error wording.

use crate::api::{Container, CronJob, Job, JobSpec, Node, PodSpec};
pub use crate::field::{summary, ErrorType, FieldError, Located, ScenarioRule};
use crate::scenario::Scenario;
use crate::timezone::ZoneDb;

impl V {
    /// Tags the error just pushed with the playground rule behind it.
    fn rule(&mut self, rule: ScenarioRule) {
        if let Some(e) = self.0.last_mut() {
            e.rule = Some(rule);
        }
    }
}

fn q(s: &str) -> String {
    format!("{s:?}")
}

struct V(Vec<FieldError>);

impl V {
    fn required(&mut self, path: &str, detail: &str) {
        self.push(path, ErrorType::Required, None, detail);
    }
    fn invalid(&mut self, path: &str, value: String, detail: &str) {
        self.push(path, ErrorType::Invalid, Some(value), detail);
    }
    fn unsupported(&mut self, path: &str, value: &str, supported: &[&str]) {
        let list: Vec<String> = supported.iter().map(|s| q(s)).collect();
        self.push(
            path,
            ErrorType::NotSupported,
            Some(q(value)),
            &format!("supported values: {}", list.join(", ")),
        );
    }
    fn push(&mut self, path: &str, kind: ErrorType, value: Option<String>, detail: &str) {
        self.0.push(FieldError {
            path: path.into(),
            kind,
            value,
            detail: detail.into(),
            rule: None,
        });
    }
    fn non_negative(&mut self, path: &str, v: Option<i64>) {
        if let Some(n) = v {
            if n < 0 {
                self.invalid(path, n.to_string(), "must be greater than or equal to 0");
            }
        }
    }
}

const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

pub fn is_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

fn is_dns1123_subdomain(s: &str) -> bool {
    s.len() <= 253 && s.split('.').all(is_dns1123_label)
}

fn validate_name(v: &mut V, name: Option<&str>, path: &str) {
    match name {
        None | Some("") => v.required(&format!("{path}.name"), "name or generateName is required"),
        Some(n) if !is_dns1123_subdomain(n) => {
            let detail = if n.len() > 253 {
                "must be no more than 253 characters".to_string()
            } else {
                DNS1123_SUBDOMAIN_MSG.to_string()
            };
            v.invalid(&format!("{path}.name"), q(n), &detail)
        }
        _ => {}
    }
}

fn validate_container(v: &mut V, c: &Container, path: &str, seen: &mut Vec<String>) {
    if c.name.is_empty() {
        v.required(&format!("{path}.name"), "");
    } else if !is_dns1123_label(&c.name) {
        v.invalid(&format!("{path}.name"), q(&c.name), DNS1123_LABEL_MSG);
    } else if seen.contains(&c.name) {
        v.push(
            &format!("{path}.name"),
            ErrorType::Duplicate,
            Some(q(&c.name)),
            "",
        );
    } else {
        seen.push(c.name.clone());
    }
    if c.image.as_deref().is_none_or(|i| i.trim().is_empty()) {
        v.required(&format!("{path}.image"), "");
    }
    if let Some(p) = &c.image_pull_policy {
        if !["Always", "IfNotPresent", "Never"].contains(&p.as_str()) {
            v.unsupported(
                &format!("{path}.imagePullPolicy"),
                p,
                &["Always", "IfNotPresent", "Never"],
            );
        }
    }
    if let Some(r) = &c.resources {
        if let (Some(req), Some(lim)) = (&r.requests, &r.limits) {
            for (k, rq) in req {
                if let Some(l) = lim.get(k) {
                    if rq.milli > l.milli {
                        v.invalid(
                            &format!("{path}.resources.requests"),
                            q(&rq.text),
                            &format!("must be less than or equal to {k} limit of {}", l.text),
                        );
                    }
                }
            }
        }
        for (which, m) in [("requests", &r.requests), ("limits", &r.limits)] {
            for (k, qn) in m.iter().flatten() {
                if qn.milli < 0 {
                    v.invalid(
                        &format!("{path}.resources.{which}[{k}]"),
                        q(&qn.text),
                        "must be greater than or equal to 0",
                    );
                }
            }
        }
    }
}

/// Containers per pod (init + app) the simulation can model.
pub const MAX_CONTAINERS: usize = 255;

fn validate_pod_spec(v: &mut V, p: &PodSpec, path: &str) {
    let mut seen = Vec::new();
    for (i, c) in p.init_containers.iter().flatten().enumerate() {
        validate_container(v, c, &format!("{path}.initContainers[{i}]"), &mut seen);
    }
    if p.containers.is_empty() {
        v.required(&format!("{path}.containers"), "");
    }
    for (i, c) in p.containers.iter().enumerate() {
        validate_container(v, c, &format!("{path}.containers[{i}]"), &mut seen);
    }
    // Playground limit (the API server has none): the kubelet model keys
    // containers by a one-byte slot.
    let total = p.containers.len() + p.init_containers.as_ref().map_or(0, Vec::len);
    if total > MAX_CONTAINERS {
        v.push(
            &format!("{path}.containers"),
            ErrorType::TooMany,
            Some(total.to_string()),
            &format!(
                "must have at most {MAX_CONTAINERS} items (init and app containers together; a playground limit, Kubernetes sets none)"
            ),
        );
    }
    v.non_negative(
        &format!("{path}.terminationGracePeriodSeconds"),
        p.termination_grace_period_seconds,
    );
    if let Some(n) = p.active_deadline_seconds {
        if n <= 0 {
            v.invalid(
                &format!("{path}.activeDeadlineSeconds"),
                n.to_string(),
                "must be between 1 and 2147483647, inclusive",
            );
        }
    }
}

/// `validateSuccessPolicy` for an Indexed Job.
fn validate_success_policy(
    v: &mut V,
    sp: &crate::api::SuccessPolicy,
    completions: i32,
    path: &str,
) {
    if sp.rules.is_empty() {
        v.required(
            &format!("{path}.rules"),
            "at least one rules must be specified when the successPolicy is specified",
        );
    }
    if sp.rules.len() > 20 {
        v.push(
            &format!("{path}.rules"),
            ErrorType::TooMany,
            Some(sp.rules.len().to_string()),
            "must have at most 20 items",
        );
    }
    for (i, rule) in sp.rules.iter().enumerate() {
        let rp = format!("{path}.rules[{i}]");
        if rule.succeeded_indexes.is_none() && rule.succeeded_count.is_none() {
            v.required(
                &rp,
                "at least one of succeededCount or succeededIndexes must be specified",
            );
        }
        let mut listed = None;
        if let Some(text) = &rule.succeeded_indexes {
            match parse_indexes(text, completions as i64) {
                Ok((_, n)) => listed = Some(n),
                Err(e) => v.invalid(
                    &format!("{rp}.succeededIndexes"),
                    q(text),
                    &format!("error parsing succeededIndexes: {e}"),
                ),
            }
        }
        if let Some(count) = rule.succeeded_count {
            let cp = format!("{rp}.succeededCount");
            if count < 0 {
                v.invalid(&cp, count.to_string(), "must be greater than or equal to 0");
            } else if count > completions {
                v.invalid(&cp, count.to_string(), &format!("must be less than or equal to {completions} (the number of specified completions)"));
            } else if let Some(n) = listed.filter(|&n| count as u64 > n) {
                v.invalid(&cp, count.to_string(), &format!("must be less than or equal to {n} (the number of indexes in the specified succeededIndexes field)"));
            }
        }
    }
}

fn go_int32s(values: &[i32]) -> String {
    let items: Vec<String> = values.iter().map(|v| v.to_string()).collect();
    format!("[]int32{{{}}}", items.join(", "))
}

/// `validatePodFailurePolicy` and its rule checks.
fn validate_pod_failure_policy(
    v: &mut V,
    pfp: &crate::api::PodFailurePolicy,
    s: &JobSpec,
    path: &str,
) {
    const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
    if pfp.rules.len() > 20 {
        v.push(
            &format!("{path}.rules"),
            ErrorType::TooMany,
            Some(pfp.rules.len().to_string()),
            "must have at most 20 items",
        );
    }
    let tpl = &s.template.spec;
    let names: Vec<&str> = tpl
        .containers
        .iter()
        .chain(tpl.init_containers.iter().flatten())
        .map(|c| c.name.as_str())
        .collect();
    for (i, rule) in pfp.rules.iter().enumerate() {
        let rp = format!("{path}.rules[{i}]");
        match rule.action.as_deref() {
            None | Some("") => v.required(
                &format!("{rp}.action"),
                "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
            ),
            Some("FailIndex") if s.backoff_limit_per_index.is_none() => v.invalid(
                &format!("{rp}.action"),
                q("FailIndex"),
                "requires the backoffLimitPerIndex to be set",
            ),
            Some(a) if !ACTIONS.contains(&a) => v.unsupported(&format!("{rp}.action"), a, &ACTIONS),
            _ => {}
        }
        match (&rule.on_exit_codes, &rule.on_pod_conditions) {
            (Some(_), Some(_)) => v.push(
                &rp,
                ErrorType::Invalid,
                None,
                "specifying both OnExitCodes and OnPodConditions is not supported",
            ),
            (None, None) => v.push(
                &rp,
                ErrorType::Invalid,
                None,
                "specifying one of OnExitCodes and OnPodConditions is required",
            ),
            _ => {}
        }
        if let Some(ec) = &rule.on_exit_codes {
            let ep = format!("{rp}.onExitCodes");
            if let Some(c) = &ec.container_name {
                if !names.contains(&c.as_str()) {
                    v.invalid(
                        &format!("{ep}.containerName"),
                        q(c),
                        "must be one of the container or initContainer names in the pod template",
                    );
                }
            }
            match ec.operator.as_deref() {
                None | Some("") => v.required(
                    &format!("{ep}.operator"),
                    "valid values: [\"In\" \"NotIn\"]",
                ),
                Some("In") | Some("NotIn") => {}
                Some(o) => v.unsupported(&format!("{ep}.operator"), o, &["In", "NotIn"]),
            }
            let values = ec.values.as_deref().unwrap_or(&[]);
            if values.is_empty() {
                v.invalid(
                    &format!("{ep}.values"),
                    go_int32s(values),
                    "at least one value is required",
                );
            } else if values.len() > 255 {
                v.push(
                    &format!("{ep}.values"),
                    ErrorType::TooMany,
                    Some(values.len().to_string()),
                    "must have at most 255 items",
                );
            } else {
                let mut seen = Vec::new();
                for (k, &val) in values.iter().enumerate() {
                    if ec.operator.as_deref() == Some("In") && val == 0 {
                        v.invalid(
                            &format!("{ep}.values[{k}]"),
                            "0".into(),
                            "must not be 0 for the In operator",
                        );
                    }
                    if seen.contains(&val) {
                        v.push(
                            &format!("{ep}.values[{k}]"),
                            ErrorType::Duplicate,
                            Some(val.to_string()),
                            "",
                        );
                    }
                    seen.push(val);
                }
                if values.windows(2).any(|w| w[0] > w[1]) {
                    v.invalid(
                        &format!("{ep}.values"),
                        go_int32s(values),
                        "must be ordered",
                    );
                }
            }
        }
        if let Some(conds) = &rule.on_pod_conditions {
            let cp = format!("{rp}.onPodConditions");
            if conds.len() > 20 {
                v.push(
                    &cp,
                    ErrorType::TooMany,
                    Some(conds.len().to_string()),
                    "must have at most 20 items",
                );
            }
            for (k, c) in conds.iter().enumerate() {
                match c.status.as_deref() {
                    None | Some("") => v.required(
                        &format!("{cp}[{k}].status"),
                        "valid values: [\"False\" \"True\" \"Unknown\"]",
                    ),
                    Some("True") | Some("False") | Some("Unknown") => {}
                    Some(o) => v.unsupported(
                        &format!("{cp}[{k}].status"),
                        o,
                        &["False", "True", "Unknown"],
                    ),
                }
                if c.kind.is_empty() {
                    v.required(&format!("{cp}[{k}].type"), "");
                }
            }
        }
    }
}

/// `validateJobSpec` (plus the template checks); `path` is `spec` or
/// `spec.jobTemplate.spec`.
fn validate_job_spec(v: &mut V, s: &JobSpec, path: &str, name: &str) {
    v.non_negative(&format!("{path}.parallelism"), s.parallelism.map(i64::from));
    v.non_negative(&format!("{path}.completions"), s.completions.map(i64::from));
    v.non_negative(
        &format!("{path}.activeDeadlineSeconds"),
        s.active_deadline_seconds,
    );
    v.non_negative(
        &format!("{path}.backoffLimit"),
        s.backoff_limit.map(i64::from),
    );
    v.non_negative(
        &format!("{path}.ttlSecondsAfterFinished"),
        s.ttl_seconds_after_finished.map(i64::from),
    );
    v.non_negative(
        &format!("{path}.backoffLimitPerIndex"),
        s.backoff_limit_per_index.map(i64::from),
    );
    v.non_negative(
        &format!("{path}.maxFailedIndexes"),
        s.max_failed_indexes.map(i64::from),
    );
    let mode = s.completion_mode.as_deref().unwrap_or("NonIndexed");
    let indexed = mode == "Indexed";
    if mode != "NonIndexed" && mode != "Indexed" {
        v.unsupported(
            &format!("{path}.completionMode"),
            mode,
            &["NonIndexed", "Indexed"],
        );
    }
    if indexed {
        if s.completions.is_none() {
            v.required(
                &format!("{path}.completions"),
                "when completion mode is Indexed",
            );
        }
        if let Some(p) = s.parallelism {
            if p > 100_000 {
                v.invalid(
                    &format!("{path}.parallelism"),
                    p.to_string(),
                    "must be less than or equal to 100000 when completion mode is Indexed",
                );
            }
        }
        if let Some(c) = s.completions {
            if c > 0 && !name.is_empty() {
                let pod_host = format!("{name}-{}", c - 1);
                if !is_dns1123_label(&pod_host) {
                    v.invalid(
                        "metadata.name",
                        q(name),
                        &format!("will not able to create pod with invalid DNS label: {pod_host}"),
                    );
                }
            }
        }
    } else {
        if let Some(n) = s.backoff_limit_per_index {
            v.invalid(
                &format!("{path}.backoffLimitPerIndex"),
                n.to_string(),
                "requires indexed completion mode",
            );
        }
        if let Some(n) = s.max_failed_indexes {
            v.invalid(
                &format!("{path}.maxFailedIndexes"),
                n.to_string(),
                "requires indexed completion mode",
            );
        }
        if s.success_policy.is_some() {
            v.invalid(
                &format!("{path}.successPolicy"),
                "{...}".into(),
                "requires indexed completion mode",
            );
        }
    }
    // Large Indexed Jobs with per-index limits need bounded bookkeeping.
    if let (Some(c), Some(_)) = (s.completions, s.backoff_limit_per_index) {
        if c > 100_000 {
            match s.max_failed_indexes {
                None => v.required(&format!("{path}.maxFailedIndexes"), "must be specified when completions is above 100000"),
                Some(m) if m > 10_000 => v.invalid(
                    &format!("{path}.maxFailedIndexes"),
                    m.to_string(),
                    "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index",
                ),
                _ => {}
            }
            if let Some(p) = s.parallelism.filter(|&p| p > 10_000) {
                v.invalid(
                    &format!("{path}.parallelism"),
                    p.to_string(),
                    "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index",
                );
            }
        }
    }
    if let Some(m) = s.max_failed_indexes {
        if s.backoff_limit_per_index.is_none() {
            v.required(
                &format!("{path}.backoffLimitPerIndex"),
                "when maxFailedIndexes is specified",
            );
        }
        if let Some(c) = s.completions {
            if m > c {
                v.invalid(
                    &format!("{path}.maxFailedIndexes"),
                    m.to_string(),
                    "must be less than or equal to completions",
                );
            }
        }
        if m > 100_000 {
            v.invalid(
                &format!("{path}.maxFailedIndexes"),
                m.to_string(),
                "must be less than or equal to 100000",
            );
        }
    }
    if let Some(pfp) = &s.pod_failure_policy {
        validate_pod_failure_policy(v, pfp, s, &format!("{path}.podFailurePolicy"));
    }
    if let (Some(sp), true) = (&s.success_policy, indexed) {
        validate_success_policy(
            v,
            sp,
            s.completions.unwrap_or(0),
            &format!("{path}.successPolicy"),
        );
    }
    if let Some(p) = &s.pod_replacement_policy {
        if s.pod_failure_policy.is_some() && p != "Failed" {
            v.unsupported(&format!("{path}.podReplacementPolicy"), p, &["Failed"]);
        } else if p != "Failed" && p != "TerminatingOrFailed" {
            v.unsupported(
                &format!("{path}.podReplacementPolicy"),
                p,
                &["Failed", "TerminatingOrFailed"],
            );
        }
    }
    let rp_path = format!("{path}.template.spec.restartPolicy");
    match s.template.spec.restart_policy.as_deref() {
        None | Some("") | Some("Always") => {
            v.required(&rp_path, "valid values: \"OnFailure\", \"Never\"")
        }
        Some("OnFailure") if s.pod_failure_policy.is_some() => v.invalid(
            &rp_path,
            q("OnFailure"),
            "only \"Never\" is supported when podFailurePolicy is specified",
        ),
        Some("OnFailure") | Some("Never") => {}
        Some(other) => v.unsupported(&rp_path, other, &["OnFailure", "Never"]),
    }
    validate_pod_spec(v, &s.template.spec, &format!("{path}.template.spec"));
}

/// Go's `%#v` of a string map, as apimachinery prints a bad value.
fn go_map(m: &crate::api::Labels) -> String {
    let items: Vec<String> = m.iter().map(|(k, v)| format!("{k:?}:{v:?}")).collect();
    format!("map[string]string{{{}}}", items.join(", "))
}

/// `ValidateGeneratedSelector` (create path, prefixed labels required):
/// with a generated selector the template must carry the generated labels
/// and the selector must be exactly the generated one.
fn validate_generated_selector(v: &mut V, job: &Job, uid: &str) {
    if job.spec.manual_selector == Some(true) {
        return;
    }
    let Some(selector) = &job.spec.selector else {
        return;
    };
    let name = job.metadata.name.as_deref().unwrap_or("");
    let empty = crate::api::Labels::new();
    let labels = job.spec.template.metadata.labels.as_ref().unwrap_or(&empty);
    for (key, want) in [
        (crate::defaults::LEGACY_CONTROLLER_UID_LABEL, uid),
        (crate::defaults::LEGACY_JOB_NAME_LABEL, name),
        (crate::defaults::CONTROLLER_UID_LABEL, uid),
        (crate::defaults::JOB_NAME_LABEL, name),
    ] {
        let path = format!("spec.template.metadata.labels[{key}]");
        match labels.get(key) {
            None => v.required(&path, &format!("must be '{want}'")),
            Some(got) if got != want => v.invalid(&path, q(got), &format!("must be '{want}'")),
            _ => {}
        }
    }
    let expected: crate::api::Labels = [(
        crate::defaults::CONTROLLER_UID_LABEL.to_string(),
        uid.to_string(),
    )]
    .into();
    if selector.match_labels.as_ref() != Some(&expected) || selector.match_expressions.is_some() {
        let shown = format!(
            "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}",
            go_map(selector.match_labels.as_ref().unwrap_or(&empty))
        );
        v.invalid("spec.selector", shown, "`selector` not auto-generated");
    }
}

/// The selector must select the template's labels (matchLabels only).
fn validate_selector_matches(v: &mut V, job: &Job) {
    let Some(sel) = job
        .spec
        .selector
        .as_ref()
        .and_then(|s| s.match_labels.as_ref())
    else {
        return;
    };
    let empty = crate::api::Labels::new();
    let labels = job.spec.template.metadata.labels.as_ref().unwrap_or(&empty);
    if sel.iter().any(|(k, val)| labels.get(k) != Some(val)) {
        v.invalid(
            "spec.template.metadata.labels",
            go_map(labels),
            "`selector` does not match template `labels`",
        );
    }
}

/// `ValidateJob` for a Job after `prepare_job(job, uid)`.
pub fn validate_job_created(job: &Job, uid: &str) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    validate_generated_selector(&mut v, job, uid);
    validate_selector_matches(&mut v, job);
    v.0.extend(validate_job(job));
    v.0
}

pub fn validate_job(job: &Job) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    validate_name(&mut v, job.metadata.name.as_deref(), "metadata");
    let name = job.metadata.name.as_deref().unwrap_or("");
    // The generated `job-name` label must be a valid label value (<= 63).
    if name.len() > 63 && is_dns1123_subdomain(name) {
        v.invalid(
            "spec.template.labels",
            q(name),
            "must be no more than 63 characters",
        );
    }
    validate_job_spec(&mut v, &job.spec, "spec", name);
    v.0
}

/// `validateScheduleFormat`: robfig's parse error first, then the TZ rule.
fn schedule_format(v: &mut V, schedule: &str) {
    if schedule.is_empty() {
        v.required("spec.schedule", "");
    } else if let Err(e) = crate::cron::parse_standard(schedule) {
        v.invalid("spec.schedule", q(schedule), &e);
    } else if schedule.contains("TZ") {
        v.invalid(
            "spec.schedule",
            q(schedule),
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        );
    }
}

/// `validateTimeZone`: the IANA name shape, not `Local`, then
/// `time.LoadLocation` when a zone database is at hand.
fn time_zone(v: &mut V, tz: &str, zones: Option<&ZoneDb>) {
    if tz.is_empty() {
        v.invalid(
            "spec.timeZone",
            q(tz),
            "timeZone must be nil or non-empty string",
        );
    } else if tz.eq_ignore_ascii_case("local") {
        v.invalid(
            "spec.timeZone",
            q(tz),
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        );
    } else if !crate::cron::time_zone_shape_ok(tz) {
        v.invalid("spec.timeZone", q(tz), &format!("unknown time zone {tz}"));
    } else if let Some(Err(e)) = zones.map(|z| z.load(tz)) {
        v.invalid("spec.timeZone", q(tz), &e);
    }
}

/// A schedule on its own (the `jobsim schedule` command), as field errors.
pub fn validate_schedule(schedule: &str) -> Vec<String> {
    let mut v = V(Vec::new());
    schedule_format(&mut v, schedule);
    v.0.iter().map(|e| e.to_string()).collect()
}

/// A time zone name on its own, as field errors.
pub fn validate_time_zone(tz: &str, zones: Option<&ZoneDb>) -> Vec<String> {
    let mut v = V(Vec::new());
    time_zone(&mut v, tz, zones);
    v.0.iter().map(|e| e.to_string()).collect()
}

/// `ValidateCronJobCreate`; `zones` is the tz database if loaded (without
/// it, only the name's shape is checked).
pub fn validate_cronjob(cj: &CronJob, zones: Option<&ZoneDb>) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    validate_name(&mut v, cj.metadata.name.as_deref(), "metadata");
    let name = cj.metadata.name.as_deref().unwrap_or("");
    if name.len() > 52 {
        v.invalid(
            "metadata.name",
            q(name),
            "must be no more than 52 characters",
        );
    }
    let s = &cj.spec;
    schedule_format(&mut v, &s.schedule);
    if let Some(tz) = &s.time_zone {
        time_zone(&mut v, tz, zones);
    }
    v.non_negative("spec.startingDeadlineSeconds", s.starting_deadline_seconds);
    v.non_negative(
        "spec.successfulJobsHistoryLimit",
        s.successful_jobs_history_limit.map(i64::from),
    );
    v.non_negative(
        "spec.failedJobsHistoryLimit",
        s.failed_jobs_history_limit.map(i64::from),
    );
    match s.concurrency_policy.as_deref() {
        None | Some("") => v.required("spec.concurrencyPolicy", ""),
        Some("Allow") | Some("Forbid") | Some("Replace") => {}
        Some(o) => v.unsupported("spec.concurrencyPolicy", o, &["Allow", "Forbid", "Replace"]),
    }
    if s.job_template.spec.selector.is_some() {
        v.invalid(
            "spec.jobTemplate.spec.selector",
            "{...}".into(),
            "`selector` will be auto-generated",
        );
    }
    if s.job_template.spec.manual_selector == Some(true) {
        v.push(
            "spec.jobTemplate.spec.manualSelector",
            ErrorType::NotSupported,
            Some("true".into()),
            "supported values: \"nil\", \"false\"",
        );
    }
    validate_job_spec(&mut v, &s.job_template.spec, "spec.jobTemplate.spec", "");
    v.0
}

pub fn validate_node(n: &Node) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    validate_name(&mut v, n.metadata.name.as_deref(), "metadata");
    v.0
}

/// `ValidateJobSpecUpdate`: the new spec must be a valid spec, and only
/// some fields may change: `completions` only for Indexed Jobs and in
/// tandem with `parallelism` (`validateCompletions`, elastic Indexed
/// Jobs); selector, template, completionMode, podFailurePolicy,
/// backoffLimitPerIndex, managedBy and successPolicy never. Parallelism,
/// suspend, activeDeadlineSeconds, backoffLimit, maxFailedIndexes,
/// podReplacementPolicy and ttlSecondsAfterFinished may. (The template's
/// scheduling directives, mutable upstream while a Job is suspended and
/// has never started, are immutable here.)
pub fn validate_job_spec_update(
    new: &JobSpec,
    old: &JobSpec,
    name: &str,
    mutable_scheduling_directives: bool,
) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    validate_job_spec(&mut v, new, "spec", name);
    if new.completions != old.completions {
        if new.completion_mode.as_deref() != Some("Indexed") {
            v.invalid(
                "spec.completions",
                new.completions.map_or("null".into(), |c| c.to_string()),
                "field is immutable",
            );
        } else if let Some(c) = new.completions {
            if Some(c) != new.parallelism {
                v.invalid(
                    "spec.completions",
                    c.to_string(),
                    "can only be modified in tandem with spec.parallelism",
                );
            }
        }
    }
    // Compared as JSON values: one equality for every API type (derived
    // PartialEq over the whole pod template would weigh on the bundle).
    let json = |s: &JobSpec| serde_json::to_value(s).unwrap_or_default();
    let (new_json, mut old_json) = (json(new), json(old));
    if mutable_scheduling_directives {
        if let (Some(n), Some(o)) = (new_json.get("template"), old_json.get_mut("template")) {
            allow_scheduling_directives(n, o);
        }
    }
    for field in [
        "selector",
        "template",
        "completionMode",
        "podFailurePolicy",
        "backoffLimitPerIndex",
        "managedBy",
        "successPolicy",
    ] {
        let (n, o) = (new_json.get(field), old_json.get(field));
        if n != o {
            let value = match n {
                None | Some(serde_json::Value::Null) => "null".to_string(),
                Some(serde_json::Value::String(s)) => q(s),
                Some(other) => crate::text::json::compact(other),
            };
            v.invalid(&format!("spec.{field}"), value, "field is immutable");
        }
    }
    v.0
}

/// `AllowMutableSchedulingDirectives` (the Job strategy sets it when the
/// old Job is suspended and has no `status.startTime`): before the
/// template's immutability check (`validatePodTemplateUpdate`), the old
/// template takes the new one's node selector, tolerations, scheduling
/// gates, labels, annotations and node affinity (other affinity stays
/// immutable).
pub fn job_allows_scheduling_directives(old_suspend: bool, started: bool) -> bool {
    old_suspend && !started
}

fn allow_scheduling_directives(new: &serde_json::Value, old: &mut serde_json::Value) {
    use serde_json::Value;
    // Sets `old[key]` to `new[key]`, or removes it where `new` has none.
    fn take(old: &mut Value, new: &Value, key: &str) {
        let Some(o) = old.as_object_mut() else { return };
        match new.get(key) {
            Some(v) => {
                o.insert(key.into(), v.clone());
            }
            None => {
                o.remove(key);
            }
        }
    }
    let empty = Value::Object(Default::default());
    let new_meta = new.get("metadata").unwrap_or(&empty);
    if let Some(meta) = old.get_mut("metadata") {
        take(meta, new_meta, "labels");
        take(meta, new_meta, "annotations");
    }
    let new_spec = new.get("spec").unwrap_or(&empty);
    let Some(spec) = old.get_mut("spec") else {
        return;
    };
    for key in ["nodeSelector", "tolerations", "schedulingGates"] {
        take(spec, new_spec, key);
    }
    let new_aff = new_spec.get("affinity").filter(|a| !a.is_null());
    let Some(o) = spec.as_object_mut() else {
        return;
    };
    match (new_aff, o.get_mut("affinity").filter(|a| !a.is_null())) {
        // Cleared: allowed when the old one held nothing but node affinity.
        (None, Some(old_aff)) => {
            if let Some(m) = old_aff.as_object_mut() {
                m.remove("nodeAffinity");
                if m.is_empty() {
                    o.remove("affinity");
                }
            }
        }
        (Some(n), None) => {
            let mut a = serde_json::Map::new();
            if let Some(na) = n.get("nodeAffinity") {
                a.insert("nodeAffinity".into(), na.clone());
            }
            o.insert("affinity".into(), Value::Object(a));
        }
        (Some(n), Some(old_aff)) => take(old_aff, n, "nodeAffinity"),
        (None, None) => {}
    }
}

/// Each `patchJob` action must be an update the API server accepts
/// (`validate_job_spec_update`) of the Job as earlier patches left it.
/// `jobs` are the defaulted specs of the manifests' Jobs and of the
/// CronJobs' templates (a Job a CronJob creates is named after it).
pub fn validate_action_patches(
    spec: &crate::scenario::ScenarioSpec,
    jobs: &[(&str, JobSpec)],
    cronjobs: &[(&str, JobSpec)],
) -> Vec<FieldError> {
    use crate::scenario::Verb;
    let mut errs = Vec::new();
    // Few patches: lists, not another map type in the web bundle.
    let mut current: Vec<(&str, JobSpec)> = Vec::new();
    // Jobs resumed by an earlier action: they have a startTime now.
    let mut resumed: Vec<&str> = Vec::new();
    let mut order: Vec<usize> = (0..spec.actions.len()).collect();
    crate::sort::sort_by_key(&mut order, |i| (spec.actions[i].at.0, i));
    for i in order {
        let p = match &spec.actions[i].verb {
            Verb::PatchJob(p) => p,
            Verb::ResumeJob(name) => {
                resumed.push(name);
                continue;
            }
            _ => continue,
        };
        let name = p.name.as_str();
        let old = match current.iter().find(|(n, _)| *n == name) {
            Some((_, s)) => s.clone(),
            None => match jobs.iter().find(|(n, _)| *n == name).or_else(|| {
                cronjobs
                    .iter()
                    .find(|(c, _)| crate::uid::named_after(name, c))
            }) {
                Some((_, s)) => {
                    // A Job created running starts at once.
                    if s.suspend != Some(true) {
                        resumed.push(name);
                    }
                    s.clone()
                }
                // Not found is validate_action_targets' error.
                None => continue,
            },
        };
        let path = format!("spec.actions[{i}].patchJob");
        let new = match p.spec.apply(&old) {
            Ok(n) => n,
            Err(e) => {
                errs.push(FieldError {
                    path: format!("{path}.spec"),
                    kind: ErrorType::Invalid,
                    value: None,
                    detail: e,
                    rule: None,
                });
                continue;
            }
        };
        let directives =
            job_allows_scheduling_directives(old.suspend == Some(true), resumed.contains(&name));
        let found = validate_job_spec_update(&new, &old, name, directives);
        if found.is_empty() {
            if new.suspend != Some(true) {
                resumed.push(name);
            }
            current.retain(|(n, _)| *n != name);
            current.push((name, new));
        }
        errs.extend(found.into_iter().map(|mut e| {
            e.path = format!("{path}.{}", e.path);
            e
        }));
    }
    errs
}

/// `ValidateLabelName` / `ValidateLabelValue` for one label: the key's
/// name part (after an optional DNS-subdomain prefix and `/`) and the
/// value, in apimachinery's words.
pub fn validate_label(key: &str, value: Option<&str>, path: &str) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    let part = |s: &str| {
        let b = s.as_bytes();
        !b.is_empty()
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric()
            && b.iter()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(c))
    };
    let (prefix, name) = match key.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    if name.is_empty() || name.len() > 63 || !part(name) {
        v.invalid(
            path,
            q(key),
            if name.len() > 63 {
                "name part must be no more than 63 characters"
            } else {
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
            },
        );
    }
    if let Some(p) = prefix {
        if p.is_empty() || p.len() > 253 || !p.split('.').all(is_dns1123_label) {
            v.invalid(
                path,
                q(key),
                "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            );
        }
    }
    if let Some(val) = value {
        if val.len() > 63 {
            v.invalid(path, q(val), "must be no more than 63 characters");
        } else if !val.is_empty() && !part(val) {
            v.invalid(
                path,
                q(val),
                "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            );
        }
    }
    v.0
}

/// The playground's own rules for its Scenario kind.
/// Each action must name an object the run has when the action happens:
/// a Job or CronJob of the manifests (or a Job a CronJob creates, named
/// after it), a node of the pool (or one an earlier `addNode` adds), a
/// pod of one of those Jobs. Otherwise `field.NotFound`, as the API server
/// answers a request for a missing object.
pub fn validate_action_targets(
    spec: &crate::scenario::ScenarioSpec,
    jobs: &[&str],
    cronjobs: &[&str],
    nodes: &[&str],
) -> Vec<FieldError> {
    use crate::scenario::Verb;
    let mut v = V(Vec::new());
    let job_known =
        |n: &str| jobs.contains(&n) || cronjobs.iter().any(|c| crate::uid::named_after(n, c));
    for (i, a) in spec.actions.iter().enumerate() {
        let added = |n: &str| {
            spec.actions
                .iter()
                .any(|b| b.at.0 <= a.at.0 && matches!(&b.verb, Verb::AddNode(s) if s.name == n))
        };
        let node_known = |n: &str| nodes.contains(&n) || added(n);
        let (name, ok) = match &a.verb {
            Verb::CrashNode(n)
            | Verb::RecoverNode(n)
            | Verb::RemoveNode(n)
            | Verb::CordonNode(n)
            | Verb::UncordonNode(n)
            | Verb::DrainNode(n) => (n.as_str(), node_known(n)),
            Verb::LabelNode(l) => (l.name.as_str(), node_known(&l.name)),
            Verb::DeleteJob(n)
            | Verb::DeleteJobOrphan(n)
            | Verb::SuspendJob(n)
            | Verb::ResumeJob(n) => (n.as_str(), job_known(n)),
            Verb::PatchJob(p) => (p.name.as_str(), job_known(&p.name)),
            Verb::SuspendCronJob(n) | Verb::ResumeCronJob(n) => {
                (n.as_str(), cronjobs.contains(&n.as_str()))
            }
            Verb::CreateJobFrom(from) => (
                from.as_str(),
                from.strip_prefix("cronjob/")
                    .is_some_and(|c| cronjobs.contains(&c)),
            ),
            // A pod name (or a prefix of one) starts with its Job's name.
            Verb::DeletePod(p) => (
                p.as_str(),
                jobs.iter()
                    .chain(cronjobs)
                    .any(|j| p.starts_with(j) || j.starts_with(p.as_str())),
            ),
            Verb::AddNode(_) | Verb::ControllerDown(_) => continue,
        };
        if !ok {
            v.push(
                &format!("spec.actions[{i}].{}", a.verb.key()),
                ErrorType::NotFound,
                Some(q(name)),
                "",
            );
            v.rule(ScenarioRule::TargetNotFound);
        }
    }
    v.0
}

pub fn validate_scenario(s: &Scenario) -> Vec<FieldError> {
    let mut v = V(Vec::new());
    let sp = &s.spec;
    // An action after the run's end would never happen.
    let end = sp
        .until
        .map_or(crate::limits::Limits::default().horizon, |u| u.0);
    for (i, a) in sp.actions.iter().enumerate() {
        if a.at.0 > end {
            v.invalid(
                &format!("spec.actions[{i}].at"),
                q(&a.at.0.to_string()),
                &format!("past the run's end at {end} (spec.until, else 24h)"),
            );
            v.rule(ScenarioRule::ActionPastEnd { at: a.at.0, end });
        }
        if let crate::scenario::Verb::LabelNode(l) = &a.verb {
            let path = format!("spec.actions[{i}].labelNode.labels");
            for (k, val) in &l.labels {
                v.0.extend(validate_label(k, Some(val), &path));
            }
            for k in &l.remove {
                v.0.extend(validate_label(k, None, &path));
            }
        }
    }
    if let Some(t) = &sp.start_time {
        if let Err(e) = crate::clock::parse_rfc3339(t) {
            v.invalid("spec.startTime", q(t), &e);
            v.rule(ScenarioRule::BadStartTime);
        }
    }
    if let Some(u) = sp.until {
        if u.0 > crate::limits::MAX_UNTIL {
            v.invalid(
                "spec.until",
                q(&u.0.to_string()),
                "must be at most 8760h (one year)",
            );
            v.rule(ScenarioRule::UntilTooLong);
        }
    }
    let mut names = Vec::new();
    for (i, n) in sp.nodes.iter().enumerate() {
        if !is_dns1123_subdomain(&n.name) {
            v.invalid(
                &format!("spec.nodes[{i}].name"),
                q(&n.name),
                DNS1123_SUBDOMAIN_MSG,
            );
        } else if names.contains(&n.name) {
            v.push(
                &format!("spec.nodes[{i}].name"),
                ErrorType::Duplicate,
                Some(q(&n.name)),
                "",
            );
            v.rule(ScenarioRule::DuplicateNode);
        }
        names.push(n.name.clone());
    }
    for (i, b) in sp.behaviors.iter().enumerate() {
        if let Some(r) = b.failure_rate {
            if !(0.0..=1.0).contains(&r) {
                v.invalid(
                    &format!("spec.behaviors[{i}].failureRate"),
                    r.to_string(),
                    "must be between 0 and 1",
                );
                v.rule(ScenarioRule::FailureRateRange);
            }
        }
        if let Some(p) = &b.image_pull {
            if p != "fail" {
                v.unsupported(&format!("spec.behaviors[{i}].imagePull"), p, &["fail"]);
            }
        }
        if b.matcher.attempt == Some(0) {
            v.invalid(
                &format!("spec.behaviors[{i}].match.attempt"),
                "0".into(),
                "attempts count from 1",
            );
            v.rule(ScenarioRule::AttemptFromOne);
        }
    }
    // Exercise goals, predictions and compare changes the core can check.
    let mut form = |path: String, why: Option<String>| {
        if let Some(why) = why {
            v.0.push(FieldError {
                path,
                kind: ErrorType::Invalid,
                value: None,
                detail: why,
                rule: Some(ScenarioRule::LessonForm),
            });
        }
    };
    if let Some(l) = &sp.lesson {
        for (i, g) in l.task.iter().flat_map(|t| t.goals.iter()).enumerate() {
            form(
                format!("spec.lesson.task.goals[{i}]"),
                crate::lesson_form::goal_problem(g),
            );
        }
        if let Some(p) = &l.predict {
            form(
                "spec.lesson.predict".into(),
                crate::lesson_form::predict_problem(p),
            );
        }
    }
    if let Some(c) = &sp.compare {
        let why = match (&c.job, &c.cronjob) {
            (Some(_), Some(_)) | (None, None) => Some("name one job or one cronjob".to_string()),
            _ if c.field.trim().is_empty() => Some("name the field to change".to_string()),
            _ => None,
        };
        form("spec.compare".into(), why);
    }
    for (i, a) in sp.actions.iter().enumerate() {
        if let crate::scenario::Verb::CreateJobFrom(from) = &a.verb {
            if !from.starts_with("cronjob/") {
                v.invalid(
                    &format!("spec.actions[{i}].createJobFrom"),
                    from.clone(),
                    "from must be of the form cronjob/NAME (kubectl create job --from)",
                );
                v.rule(ScenarioRule::CreateJobFromForm);
            }
        }
    }
    v.0
}

/// `validateIndexesFormat`: parses an interval list such as `0,2-3` for
/// Indexed Jobs of `completions`, returning the intervals and how many
/// indexes they hold, or upstream's error text.
pub fn parse_indexes(text: &str, completions: i64) -> Result<(Vec<(u32, u32)>, u64), String> {
    let mut out = Vec::new();
    if text.is_empty() {
        return Ok((out, 0));
    }
    let mut last: Option<i64> = None;
    let mut total = 0u64;
    let int = |s: &str| -> Result<i64, String> {
        s.parse::<i64>()
            .map_err(|_| format!("cannot convert string to integer for index: {s:?}"))
    };
    for fragment in text.split(',') {
        let parts: Vec<&str> = fragment.split('-').collect();
        if parts.len() > 2 {
            return Err(format!(
                "the fragment {fragment:?} violates the requirement that an index interval can have at most two parts separated by '-'"
            ));
        }
        let x = int(parts[0])?;
        if x >= completions {
            return Err(format!("too large index: {:?}", parts[0]));
        }
        if let Some(l) = last {
            if l >= x {
                return Err(format!("non-increasing order, previous: {l}, current: {x}"));
            }
        }
        total += 1;
        let mut end = x;
        if let Some(hi) = parts.get(1) {
            let y = int(hi)?;
            if y >= completions {
                return Err(format!("too large index: {hi:?}"));
            }
            if x >= y {
                return Err(format!("non-increasing order, previous: {x}, current: {y}"));
            }
            total += (y - x) as u64;
            end = y;
        }
        last = Some(end);
        out.push((x.max(0) as u32, end.max(0) as u32));
    }
    Ok((out, total))
}

#[cfg(test)]
mod tests {
    #[test]
    fn scenario_rules_are_tagged_as_data() {
        // The playground's own Scenario rules carry a ScenarioRule, so the UI
        // can word them in Korean; each case is one broken spec.
        use super::ScenarioRule as R;
        let cases: [(&str, R); 13] = [
            ("startTime: yesterday", R::BadStartTime),
            ("until: 9000h", R::UntilTooLong),
            (
                "behaviors: [{match: {}, failureRate: 2}]",
                R::FailureRateRange,
            ),
            (
                "behaviors: [{match: {attempt: 0}, exitCode: 1}]",
                R::AttemptFromOne,
            ),
            (
                "actions: [{at: 1m, createJobFrom: hello}]",
                R::CreateJobFromForm,
            ),
            ("nodes: [{name: a}, {name: a}]", R::DuplicateNode),
            (
                "lesson: {title: t, task: {text: x, goals: [{job: a, measure: jobsKept, atMost: 1}]}}",
                R::LessonForm,
            ),
            (
                "lesson: {title: t, task: {text: x, goals: [{job: a, measure: pods}]}}",
                R::LessonForm,
            ),
            (
                "lesson: {title: t, task: {text: x, goals: [{job: a, cronjob: b, condition: Failed}]}}",
                R::LessonForm,
            ),
            (
                "lesson: {title: t, task: {text: x, goals: [{job: a, condition: Done}]}}",
                R::LessonForm,
            ),
            ("lesson: {title: t, predict: {ask: q, job: a}}", R::LessonForm),
            (
                "lesson: {title: t, task: {text: x, goals: [{job: a, field: 'spec.x[one]', is: 1}]}}",
                R::LessonForm,
            ),
            ("compare: {field: spec.x, value: 1}", R::LessonForm),
        ];
        for (spec, want) in cases {
            let text = format!("apiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  {spec}\n");
            let sc: crate::scenario::Scenario = serde_norway::from_str(&text).unwrap();
            let errs = super::validate_scenario(&sc);
            assert!(
                errs.iter().any(|e| e.rule == Some(want)),
                "{spec}: {errs:?}"
            );
        }
        let sc: crate::scenario::Scenario = serde_norway::from_str(
            "apiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  until: 1m\n  actions: [{at: 5m, crashNode: node-1}]\n",
        )
        .unwrap();
        let errs = super::validate_scenario(&sc);
        assert!(
            errs.iter()
                .any(|e| matches!(e.rule, Some(R::ActionPastEnd { .. }))),
            "{errs:?}"
        );
    }

    use super::*;
    use crate::api::Container;
    use crate::defaults::prepare_job;

    fn job(f: impl FnOnce(&mut Job)) -> Vec<String> {
        let mut j = Job {
            api_version: "batch/v1".into(),
            kind: "Job".into(),
            ..Default::default()
        };
        j.metadata.name = Some("abnormal-end".into());
        std::sync::Arc::make_mut(&mut j.spec.template.spec).restart_policy = Some("Never".into());
        std::sync::Arc::make_mut(&mut j.spec.template.spec).containers = vec![Container {
            name: "busybox".into(),
            image: Some("busybox:latest".into()),
            ..Default::default()
        }];
        f(&mut j);
        prepare_job(&mut j, "uid");
        validate_job_created(&j, "uid")
            .iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn validate_job_spec_table() {
        // Messages as in pkg/apis/batch/validation (validateJobSpec).
        type Case = (&'static str, fn(&mut Job), &'static str);
        let cases: &[Case] = &[
            ("negative parallelism", |j| j.spec.parallelism = Some(-1), "spec.parallelism: Invalid value: -1: must be greater than or equal to 0"),
            ("negative completions", |j| j.spec.completions = Some(-2), "spec.completions: Invalid value: -2: must be greater than or equal to 0"),
            ("no restartPolicy", |j| std::sync::Arc::make_mut(&mut j.spec.template.spec).restart_policy = None, "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
            ("Always", |j| std::sync::Arc::make_mut(&mut j.spec.template.spec).restart_policy = Some("Always".into()), "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
            ("bad restartPolicy", |j| std::sync::Arc::make_mut(&mut j.spec.template.spec).restart_policy = Some("Sometimes".into()), "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""),
            ("indexed without completions", |j| { j.spec.completion_mode = Some("Indexed".into()); j.spec.parallelism = Some(2); }, "spec.completions: Required value: when completion mode is Indexed"),
            ("indexed parallelism cap", |j| { j.spec.completion_mode = Some("Indexed".into()); j.spec.completions = Some(5); j.spec.parallelism = Some(100_001); }, "spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed"),
            ("bad completionMode", |j| j.spec.completion_mode = Some("Sorted".into()), "spec.completionMode: Unsupported value: \"Sorted\": supported values: \"NonIndexed\", \"Indexed\""),
            ("per-index on NonIndexed", |j| j.spec.backoff_limit_per_index = Some(1), "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"),
            ("no image", |j| std::sync::Arc::make_mut(&mut j.spec.template.spec).containers[0].image = None, "spec.template.spec.containers[0].image: Required value"),
            ("bad container name", |j| std::sync::Arc::make_mut(&mut j.spec.template.spec).containers[0].name = "Busy_Box".into(), "spec.template.spec.containers[0].name: Invalid value: \"Busy_Box\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
            ("no name", |j| j.metadata.name = None, "metadata.name: Required value: name or generateName is required"),
            // ValidateGeneratedSelector: an exported Job keeps its old uid in selector and labels.
            ("exported selector", |j| {
                j.spec.selector = Some(crate::api::LabelSelector { match_labels: Some([("controller-uid".to_string(), "old".to_string())].into()), match_expressions: None });
                j.spec.template.metadata.labels = Some([("controller-uid".to_string(), "old".to_string()), ("job-name".to_string(), "abnormal-end".to_string())].into());
            }, "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"batch.kubernetes.io/controller-uid\":\"uid\", \"controller-uid\":\"old\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated"),
            // validatePodFailurePolicy rule checks.
            ("pfp both", |j| {
                j.spec.pod_failure_policy = Some(crate::api::PodFailurePolicy { rules: vec![crate::api::PodFailurePolicyRule {
                    action: Some("FailJob".into()),
                    on_exit_codes: Some(crate::api::OnExitCodes { container_name: None, operator: Some("In".into()), values: Some(vec![42]) }),
                    on_pod_conditions: Some(vec![]),
                }] });
            }, "spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"),
            ("pfp unsorted", |j| {
                j.spec.pod_failure_policy = Some(crate::api::PodFailurePolicy { rules: vec![crate::api::PodFailurePolicyRule {
                    action: Some("Count".into()),
                    on_exit_codes: Some(crate::api::OnExitCodes { container_name: Some("nope".into()), operator: Some("NotIn".into()), values: Some(vec![3, 2]) }),
                    on_pod_conditions: None,
                }] });
            }, "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 2}: must be ordered"),
            ("pfp in zero", |j| {
                j.spec.pod_failure_policy = Some(crate::api::PodFailurePolicy { rules: vec![crate::api::PodFailurePolicyRule {
                    action: Some("FailIndex".into()),
                    on_exit_codes: Some(crate::api::OnExitCodes { container_name: None, operator: Some("In".into()), values: Some(vec![0, 1, 1]) }),
                    on_pod_conditions: None,
                }] });
            }, "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator"),
            ("pfp with OnFailure", |j| {
                std::sync::Arc::make_mut(&mut j.spec.template.spec).restart_policy = Some("OnFailure".into());
                j.spec.pod_failure_policy = Some(crate::api::PodFailurePolicy { rules: vec![] });
            }, "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"),
            ("exported labels", |j| {
                j.spec.template.metadata.labels = Some([("controller-uid".to_string(), "old".to_string())].into());
            }, "spec.template.metadata.labels[controller-uid]: Invalid value: \"old\": must be 'uid'"),
        ];
        for (what, f, want) in cases {
            let errs = job(*f);
            assert!(errs.iter().any(|e| e == want), "{what}: got {errs:?}");
        }
        assert!(job(|_| {}).is_empty());
    }

    #[test]
    fn cronjob_schedule_and_name_table() {
        let cj = |schedule: &str, name: &str, tz: Option<&str>| {
            let mut c = CronJob {
                api_version: "batch/v1".into(),
                kind: "CronJob".into(),
                ..Default::default()
            };
            c.metadata.name = Some(name.into());
            c.spec.schedule = schedule.into();
            c.spec.time_zone = tz.map(Into::into);
            std::sync::Arc::make_mut(&mut c.spec.job_template.spec.template.spec).restart_policy =
                Some("OnFailure".into());
            std::sync::Arc::make_mut(&mut c.spec.job_template.spec.template.spec).containers =
                vec![Container {
                    name: "hello".into(),
                    image: Some("busybox:1.28".into()),
                    ..Default::default()
                }];
            crate::defaults::default_cronjob(&mut c);
            validate_cronjob(&c, None)
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        };
        assert!(cj("* * * * *", "hello", None).is_empty());
        assert_eq!(
            cj("obvious error schedule", "hello", None),
            ["spec.schedule: Invalid value: \"obvious error schedule\": expected exactly 5 fields, found 3: [obvious error schedule]"]
        );
        assert_eq!(
            cj("TZ=UTC 0 * * * *", "hello", None),
            ["spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
        );
        assert_eq!(
            cj("@daily", "hello", Some("bad timezone")),
            ["spec.timeZone: Invalid value: \"bad timezone\": unknown time zone bad timezone"]
        );
        let long = "a".repeat(53);
        assert!(cj("@daily", &long, None)
            .iter()
            .any(|e| e.ends_with("must be no more than 52 characters")));
    }

    #[test]
    fn summary_matches_kubectl() {
        let errs = vec![FieldError {
            path: "spec.completions".into(),
            kind: ErrorType::Invalid,
            value: Some("-1".into()),
            detail: "must be greater than or equal to 0".into(),
            rule: None,
        }];
        assert_eq!(
            summary("Job", "x", &errs),
            "The Job \"x\" is invalid: spec.completions: Invalid value: -1: must be greater than or equal to 0"
        );
    }
}
