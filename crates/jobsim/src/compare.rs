//! Compare mode: the same scenario twice, the second with one field of one
//! Job (or CronJob) changed (`spec.compare`), both run on one clock. The
//! core builds the second copy's text and finds the first moment the two
//! runs differ (the first event that is not the same on both sides).

use crate::clock::Time;
use crate::world::World;

pub use crate::lesson_form::Change;

impl Change {
    /// `Job abnormal-end: spec.template.spec.restartPolicy = OnFailure`.
    pub fn summary(&self) -> String {
        let (kind, name) = match (&self.job, &self.cronjob) {
            (Some(j), _) => ("Job", j.as_str()),
            (_, Some(c)) => ("CronJob", c.as_str()),
            _ => ("?", ""),
        };
        let value = crate::scenario::json_of(&self.value, 0)
            .map(|v| crate::text::json::compact(&v))
            .unwrap_or_default();
        format!("{kind} {name}: {} = {value}", self.field)
    }
}

/// The text with `spec.compare` set: `name` is a CronJob when the world
/// has one of that name, else a Job; `value` is YAML as typed.
pub fn open(text: &str, w: &World, name: &str, field: &str, value: &str) -> Result<String, String> {
    let value: serde_norway::Value =
        serde_norway::from_str(value).map_err(|e| format!("{value:?} is not a YAML value: {e}"))?;
    if field.trim().is_empty() || name.trim().is_empty() {
        return Err("compare: name the Job (or CronJob) and the field to change".into());
    }
    let cronjob = w.cronjob_by_name(name).is_some();
    let change = Change {
        job: (!cronjob).then(|| name.to_string()),
        cronjob: cronjob.then(|| name.to_string()),
        field: field.trim().to_string(),
        value,
    };
    variant_text(text, &change)?;
    crate::scenario::record(text, |s| s.compare = Some(change))
}

/// The second copy's text: the changed object re-written with the field
/// set, the Scenario without `compare` (the copy is a plain run); every
/// other document kept as written.
pub fn variant_text(text: &str, change: &Change) -> Result<String, String> {
    let (kind, name) = match (&change.job, &change.cronjob) {
        (Some(j), _) => ("Job", j.as_str()),
        (_, Some(c)) => ("CronJob", c.as_str()),
        _ => return Err("compare: name a job or a cronjob".into()),
    };
    let value = crate::scenario::json_of(&change.value, 0)?;
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = Vec::new();
    let mut found = false;
    for (a, b) in crate::scenario::documents(&lines) {
        let doc = lines[a..b].join("\n");
        let parsed = serde_norway::from_str::<serde_norway::Value>(&doc)
            .ok()
            .and_then(|v| crate::scenario::json_of(&v, 0).ok());
        let rewritten = match parsed {
            Some(mut v) if v["kind"] == kind && v["metadata"]["name"] == name => {
                found = true;
                set_field(&mut v, &change.field, value.clone())?;
                Some(v)
            }
            Some(mut v) if v["kind"] == "Scenario" => {
                if let Some(spec) = v.get_mut("spec").and_then(|s| s.as_object_mut()) {
                    spec.remove("compare");
                }
                Some(v)
            }
            _ => None,
        };
        out.push(match rewritten {
            Some(v) => crate::text::yaml::to_string(&v).trim_end().to_string(),
            None => doc,
        });
    }
    if !found {
        return Err(format!("compare: there is no {kind} {name:?} to change"));
    }
    Ok(out.join("\n---\n"))
}

/// Sets `path` (dots and `[n]`) in a JSON document, making the objects on
/// the way.
fn set_field(
    doc: &mut serde_json::Value,
    path: &str,
    value: serde_json::Value,
) -> Result<(), String> {
    let bad = || format!("compare: cannot set {path:?}");
    let parts = crate::exercise::field_path(path).ok_or_else(bad)?;
    let mut v = doc;
    for (key, idx) in parts {
        if !v.is_object() {
            *v = serde_json::Value::Object(Default::default());
        }
        let obj = v.as_object_mut().ok_or_else(bad)?;
        let slot = obj
            .entry(key.to_string())
            .or_insert(serde_json::Value::Null);
        v = match idx {
            Some(n) => slot.get_mut(n).ok_or_else(bad)?,
            None => slot,
        };
    }
    *v = value;
    Ok(())
}

/// Where two runs part: the first event one shows and the other does not
/// (kubectl's words, `LAST SEEN` aside).
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    pub at: Time,
    pub left: Option<String>,
    pub right: Option<String>,
}

/// Event `i` as `reason object: message`, with its first time.
fn event_line(w: &World, i: usize) -> Option<(Time, String)> {
    let e = w.events().get(i)?;
    let (reason, msg, _, _) = crate::kubectl::objects::event_text(w, e);
    let (kind, name, _) = crate::kubectl::objects::object_name(w, e.object());
    Some((
        e.first(),
        format!("{reason} {}/{name}: {msg}", kind.to_ascii_lowercase()),
    ))
}

/// The first moment the two runs differ, up to their current time. Events
/// are worded pair by pair and only up to the first difference (the page
/// asks a few times a second).
pub fn first_divergence(a: &World, b: &World) -> Option<Divergence> {
    let (ia, ib) = (
        crate::kubectl::get::events_in_order(a, |_| true),
        crate::kubectl::get::events_in_order(b, |_| true),
    );
    (0..ia.len().max(ib.len())).find_map(|i| {
        let x = ia.get(i).and_then(|&e| event_line(a, e));
        let y = ib.get(i).and_then(|&e| event_line(b, e));
        if x.is_some() && x == y {
            return None;
        }
        Some(Divergence {
            at: [&x, &y]
                .into_iter()
                .flatten()
                .map(|e| e.0)
                .min()
                .unwrap_or(Time::ZERO),
            left: x.map(|e| e.1),
            right: y.map(|e| e.1),
        })
    })
}
