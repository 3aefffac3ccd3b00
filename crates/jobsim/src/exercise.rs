//! Exercises and predictions: a lesson's `task` (goals the core checks
//! after a run) and `predict` (a question asked before the clock runs,
//! answered by the run). Goals are a small vocabulary over what the
//! simulation knows: a Job's terminal condition and reason, counts of its
//! pods, failures, successes and restarts, when it finished, a field of
//! its spec, and a CronJob's Jobs (created, kept, most at once, skipped).
//! Results leave the core as data (`GoalResult`, with an English
//! `Display`); drivers word them in the reader's language.

use crate::clock::Time;
pub use crate::lesson_form::{
    field_path, goal_problem, predict_problem, Amount, Goal, Measure, Predict, Task,
};
use crate::world::World;

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

/// The value a field goal asks for, as compact JSON (`unset` for none).
pub fn wanted_text(g: &Goal) -> String {
    g.is.as_ref()
        .and_then(|v| crate::scenario::json_of(v, 0).ok())
        .map_or("unset".into(), |v| crate::text::json::compact(&v))
}

/// A measured value: a count, or a time since the start.
pub fn amount_text(m: Measure, v: u64) -> String {
    if m.is_time() {
        format!("{}", Time(v).since(Time::ZERO))
    } else {
        v.to_string()
    }
}
