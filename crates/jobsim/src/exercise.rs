//! Exercises and predictions: a lesson's `task` (goals the core checks
//! after a run) and `predict` (a question asked before the clock runs,
//! answered by the run). Goals are a small vocabulary over what the
//! simulation knows: a Job's terminal condition and reason, counts of its
//! pods, failures, successes and restarts, when it finished, a field of
//! its spec, and a CronJob's Jobs (created, kept, most at once, skipped).
//! Results leave the core as data (`GoalResult`, with an English
//! `Display`); drivers word them in the reader's language.

use crate::clock::{Duration, Time};
use crate::scenario::Text;
use crate::world::World;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a goal or a prediction measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Measure {
    /// Pods the Job created.
    Pods,
    /// `status.failed`.
    Failed,
    /// `status.succeeded`.
    Succeeded,
    /// Container restarts over all its pods (restartPolicy OnFailure).
    Restarts,
    /// When the Job got its terminal condition (time since the start).
    FinishedAt,
    /// Jobs the CronJob created.
    JobsCreated,
    /// The CronJob's Jobs that still exist (its history).
    JobsKept,
    /// The most Jobs of the CronJob active at once.
    MaxActive,
    /// Slots the CronJob did not run (Forbid, or past its deadline).
    Skipped,
}

impl Measure {
    /// Whether the measure is of a CronJob (else of a Job).
    pub fn of_cronjob(self) -> bool {
        matches!(
            self,
            Measure::JobsCreated | Measure::JobsKept | Measure::MaxActive | Measure::Skipped
        )
    }
    pub fn is_time(self) -> bool {
        self == Measure::FinishedAt
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Pods => "pods",
            Measure::Failed => "failed",
            Measure::Succeeded => "succeeded",
            Measure::Restarts => "restarts",
            Measure::FinishedAt => "finishedAt",
            Measure::JobsCreated => "jobsCreated",
            Measure::JobsKept => "jobsKept",
            Measure::MaxActive => "maxActive",
            Measure::Skipped => "skipped",
        }
    }
}

/// A count, or (for `finishedAt`) a time in milliseconds, written as a
/// number or a duration (`90s`, `2m`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Amount(pub u64);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a count, or a duration such as \"90s\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                u64::try_from(v)
                    .map(Amount)
                    .map_err(|_| E::custom("must not be negative"))
            }
            // A duration: kept in milliseconds, marked by the high bit.
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Amount, E> {
                crate::clock::parse_duration(s)
                    .map(|d| Amount(d.as_millis() | TIME_BIT))
                    .map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 & TIME_BIT != 0 {
            s.serialize_str(&Duration(self.0 & !TIME_BIT).to_string())
        } else {
            s.serialize_u64(self.0)
        }
    }
}

const TIME_BIT: u64 = 1 << 63;

impl Amount {
    /// The value in the measure's unit: a count, or milliseconds for a
    /// time (a bare number there means seconds).
    pub fn value(self, m: Measure) -> u64 {
        match (m.is_time(), self.0 & TIME_BIT != 0) {
            (_, true) => self.0 & !TIME_BIT,
            (true, false) => self.0.saturating_mul(1000),
            (false, false) => self.0,
        }
    }
}

/// One goal of an exercise. It names its object (`job` or `cronjob`) and
/// states one thing: a terminal `condition` (and `reason`), a `measure`
/// within bounds (`atMost`, `atLeast`, `equals`), or a spec `field` that
/// `is` a given value.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Goal {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cronjob: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<Amount>,
    /// A path into the Job's manifest (`spec.backoffLimit`,
    /// `spec.template.spec.containers[0].command`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The value `field` must hold, as written in YAML (read as the
    /// manifest reader's value: no second generic value type in the web
    /// bundle).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is: Option<serde_norway::Value>,
}

/// An exercise: what to do, and the goals a run must meet.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Task {
    pub text: Text,
    pub goals: Vec<Goal>,
}

/// A question asked before the clock runs; the run gives the answer.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Predict {
    pub ask: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cronjob: Option<String>,
    pub measure: Option<Measure>,
    /// Offered answers (a multiple choice); none: a number to type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<u64>,
}

/// What is wrong with a goal's form (it must name one Job or CronJob and
/// state one thing, that object's kind of thing), if anything.
pub fn goal_problem(g: &Goal) -> Option<String> {
    let target = target_problem(g.job.as_deref(), g.cronjob.as_deref(), g.measure);
    let states = [
        g.measure.is_some(),
        g.field.is_some(),
        g.condition.is_some() || g.reason.is_some(),
    ];
    if states.iter().filter(|&&s| s).count() != 1 {
        return Some("state one thing: a condition (and reason), a measure with bounds, or a field and its value".into());
    }
    if g.measure.is_some() && g.at_most.is_none() && g.at_least.is_none() && g.equals.is_none() {
        return Some("a measure needs atMost, atLeast or equals".into());
    }
    if (g.field.is_some() || g.condition.is_some() || g.reason.is_some()) && g.cronjob.is_some() {
        return Some("conditions and fields are checked on a Job".into());
    }
    if let Some(f) = &g.field {
        if field_path(f).is_none() {
            return Some(format!(
                "field {f:?} is not a path such as spec.template.spec.containers[0].command"
            ));
        }
    }
    if let Some(c) = &g.condition {
        if c != "Complete" && c != "Failed" {
            return Some(format!("condition {c:?}: a Job ends Complete or Failed"));
        }
    }
    target
}

/// What is wrong with a prediction's form, if anything.
pub fn predict_problem(p: &Predict) -> Option<String> {
    match p.measure {
        None => Some("a prediction needs a measure".into()),
        m => target_problem(p.job.as_deref(), p.cronjob.as_deref(), m),
    }
}

/// What is wrong with the object a goal or prediction names, if anything.
fn target_problem(job: Option<&str>, cronjob: Option<&str>, m: Option<Measure>) -> Option<String> {
    match (job, cronjob, m) {
        (Some(_), Some(_), _) | (None, None, _) => Some("name one job or one cronjob".into()),
        (Some(_), None, Some(m)) if m.of_cronjob() => {
            Some(format!("{} is measured on a cronjob", m.as_str()))
        }
        (None, Some(_), Some(m)) if !m.of_cronjob() => {
            Some(format!("{} is measured on a job", m.as_str()))
        }
        _ => None,
    }
}

/// What the run showed for a goal.
#[derive(Debug, Clone, PartialEq)]
pub enum Got {
    /// No Job (or CronJob) of that name ever existed.
    Missing,
    /// The terminal condition and its reason (none: still running).
    Condition(Option<(String, String)>),
    /// A measured amount (time measures in ms); `None`: not yet (a Job that
    /// has not finished has no finish time).
    Amount(Option<u64>),
    /// The field's value as compact JSON (none: not set).
    Field(Option<String>),
}

/// A goal and whether the run met it.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalResult {
    pub goal: Goal,
    pub passed: bool,
    pub got: Got,
}

/// A Job by name, deleted ones included (the most recent of that name).
fn job_named(w: &World, name: &str) -> Option<u32> {
    w.job_by_name(name).or_else(|| {
        (0..w.jobs().len() as u32)
            .rev()
            .find(|&j| w.jobs()[j as usize].name == name)
    })
}

/// The measure for the goal's (or prediction's) object, if it exists.
pub fn measure(w: &World, job: Option<&str>, cronjob: Option<&str>, m: Measure) -> Got {
    if let Some(name) = job {
        let Some(j) = job_named(w, name) else {
            return Got::Missing;
        };
        let jb = &w.jobs()[j as usize];
        let v = match m {
            Measure::Pods => Some(jb.pods.len() as u64),
            Measure::Failed => Some(jb.status.failed),
            Measure::Succeeded => Some(jb.status.succeeded),
            Measure::Restarts => Some(
                jb.pods
                    .iter()
                    .map(|&p| w.pods()[p as usize].all_restarts() as u64)
                    .sum(),
            ),
            Measure::FinishedAt => jb.terminal_condition().map(|c| c.time.ms()),
            _ => None,
        };
        return Got::Amount(v);
    }
    if let Some(name) = cronjob {
        let Some(c) = w.cronjob_by_name(name) else {
            return Got::Missing;
        };
        let cj = &w.cronjobs()[c as usize];
        let v = match m {
            Measure::JobsCreated => Some(cj.created_jobs),
            Measure::JobsKept => Some(cj.jobs.len() as u64),
            Measure::MaxActive => Some(cj.max_active as u64),
            Measure::Skipped => Some(cj.skipped),
            _ => None,
        };
        return Got::Amount(v);
    }
    Got::Missing
}

/// Checks every goal against the world as the run left it.
pub fn check(w: &World, goals: &[Goal]) -> Vec<GoalResult> {
    goals.iter().map(|g| check_goal(w, g)).collect()
}

fn check_goal(w: &World, g: &Goal) -> GoalResult {
    let result = |passed, got| GoalResult {
        goal: g.clone(),
        passed,
        got,
    };
    if let Some(m) = g.measure {
        let got = measure(w, g.job.as_deref(), g.cronjob.as_deref(), m);
        let passed = match got {
            Got::Amount(Some(v)) => {
                g.at_most.is_none_or(|a| v <= a.value(m))
                    && g.at_least.is_none_or(|a| v >= a.value(m))
                    && g.equals.is_none_or(|a| v == a.value(m))
            }
            _ => false,
        };
        return result(passed, got);
    }
    let Some(name) = g.job.as_deref() else {
        return result(false, Got::Missing);
    };
    let Some(j) = job_named(w, name) else {
        return result(false, Got::Missing);
    };
    let job = &w.jobs()[j as usize];
    if let Some(field) = &g.field {
        let doc = serde_json::to_value(&job.manifest).unwrap_or_default();
        let found = field_at(&doc, field);
        let want =
            g.is.as_ref()
                .and_then(|v| crate::scenario::json_of(v, 0).ok());
        let passed = match (&want, found) {
            (Some(want), Some(v)) => same_value(want, v),
            (None, None) => true,
            _ => false,
        };
        return result(passed, Got::Field(found.map(crate::text::json::compact)));
    }
    let term = job
        .terminal_condition()
        .map(|c| (c.kind.as_str().to_string(), c.reason.to_string()));
    let passed = match &term {
        Some((kind, reason)) => {
            g.condition.as_ref().is_none_or(|c| c == kind)
                && g.reason.as_ref().is_none_or(|r| r == reason)
        }
        None => false,
    };
    result(passed, Got::Condition(term))
}

/// Equal as YAML means it: numbers by value, everything else as JSON.
fn same_value(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// A field path (`spec.template.spec.containers[0].command`) as its keys,
/// each with an optional list index; `None` when it is malformed.
pub fn field_path(path: &str) -> Option<Vec<(&str, Option<usize>)>> {
    path.split('.')
        .map(|part| {
            let (key, idx) = match part.split_once('[') {
                Some((k, rest)) => (k, Some(rest.strip_suffix(']')?.parse().ok()?)),
                None => (part, None),
            };
            (!key.is_empty()).then_some((key, idx))
        })
        .collect()
}

/// The value at a field path in a JSON document (`None`: absent or null).
pub fn field_at<'a>(doc: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    let mut v = doc;
    for (key, idx) in field_path(path)? {
        v = v.get(key)?;
        if let Some(i) = idx {
            v = v.get(i)?;
        }
    }
    (!v.is_null()).then_some(v)
}

/// The run's answer to a prediction (time measures in whole seconds).
pub fn answer(w: &World, p: &Predict) -> Option<u64> {
    let m = p.measure?;
    match measure(w, p.job.as_deref(), p.cronjob.as_deref(), m) {
        Got::Amount(Some(v)) if m.is_time() => Some(v.div_ceil(1000)),
        Got::Amount(v) => v,
        _ => None,
    }
}

/// Whether a predicted number is right: counts exactly; a time within
/// 10 % or 5 s, whichever is more.
pub fn judge(p: &Predict, guess: u64, key: u64) -> bool {
    match p.measure {
        Some(m) if m.is_time() => guess.abs_diff(key) <= (key / 10).max(5),
        _ => guess == key,
    }
}

/// A bound of a measure goal, for the wording (each language says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exactly,
    AtLeast,
    AtMost,
}

/// `Job NAME` or `CronJob NAME`: the goal's object, as every language
/// names it.
pub fn target_text(g: &Goal) -> String {
    match (&g.job, &g.cronjob) {
        (Some(j), _) => format!("Job {j}"),
        (_, Some(c)) => format!("CronJob {c}"),
        _ => "?".into(),
    }
}

/// A measure goal's bounds with their values worded (counts, or times).
pub fn bounds(g: &Goal) -> Vec<(Bound, String)> {
    let Some(m) = g.measure else {
        return Vec::new();
    };
    [
        (Bound::Exactly, g.equals),
        (Bound::AtLeast, g.at_least),
        (Bound::AtMost, g.at_most),
    ]
    .into_iter()
    .filter_map(|(b, a)| a.map(|a| (b, amount_text(m, a.value(m)))))
    .collect()
}

/// A goal's statement, in English.
pub fn goal_text(g: &Goal) -> String {
    let target = target_text(g);
    if let Some(m) = g.measure {
        let words: Vec<String> = bounds(g)
            .into_iter()
            .map(|(b, v)| match b {
                Bound::Exactly => v,
                Bound::AtLeast => format!("at least {v}"),
                Bound::AtMost => format!("at most {v}"),
            })
            .collect();
        return format!(
            "{target}: {} must be {}",
            measure_words(m),
            words.join(" and ")
        );
    }
    if let Some(f) = &g.field {
        return format!("{target}: {f} must be {}", wanted_text(g));
    }
    match (&g.condition, &g.reason) {
        (Some(c), Some(r)) => format!("{target} must end {c} ({r})"),
        (Some(c), None) => format!("{target} must end {c}"),
        (None, Some(r)) => format!("{target} must end with reason {r}"),
        (None, None) => format!("{target} must finish"),
    }
}

/// The value a field goal asks for, as compact JSON (`unset` for none).
pub fn wanted_text(g: &Goal) -> String {
    g.is.as_ref()
        .and_then(|v| crate::scenario::json_of(v, 0).ok())
        .map_or("unset".into(), |v| crate::text::json::compact(&v))
}

/// A measure's name in the goal sentence.
pub fn measure_words(m: Measure) -> &'static str {
    match m {
        Measure::Pods => "pods created",
        Measure::Failed => "failed pods",
        Measure::Succeeded => "succeeded pods",
        Measure::Restarts => "container restarts",
        Measure::FinishedAt => "finished",
        Measure::JobsCreated => "Jobs created",
        Measure::JobsKept => "Jobs kept",
        Measure::MaxActive => "most Jobs active at once",
        Measure::Skipped => "runs skipped",
    }
}

/// A measured value: a count, or a time since the start.
pub fn amount_text(m: Measure, v: u64) -> String {
    if m.is_time() {
        format!("{}", Time(v).since(Time::ZERO))
    } else {
        v.to_string()
    }
}

impl std::fmt::Display for GoalResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mark = if self.passed { "✔" } else { "✖" };
        write!(f, "{mark} {}", goal_text(&self.goal))?;
        match &self.got {
            Got::Missing => f.write_str("; the run has no such object"),
            Got::Condition(Some((kind, reason))) => write!(f, "; it ends {kind} ({reason})"),
            Got::Condition(None) => f.write_str("; it has not finished"),
            Got::Amount(Some(v)) => {
                let m = self.goal.measure.unwrap_or(Measure::Pods);
                write!(f, "; the run shows {}", amount_text(m, *v))
            }
            Got::Amount(None) => f.write_str("; it has not finished"),
            Got::Field(Some(v)) => write!(f, "; it is {v}"),
            Got::Field(None) => f.write_str("; it is unset"),
        }
    }
}
