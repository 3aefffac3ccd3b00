//! The forms a lesson is written in: texts in several languages, an
//! exercise's goals (`task`), a prediction (`predict`) and compare mode's
//! change (`spec.compare`), with the checks of their form made when a
//! Scenario loads. A leaf: what a run shows for them (`exercise`,
//! `compare`) sits above the simulation; these are only their shapes.

use crate::clock::Duration;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text in English and optionally other languages: a plain string is
/// English; `{en: ..., ko: ..., ja: ...}` gives translations keyed by
/// language code, so a new language needs no change here.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text {
    pub en: String,
    /// (language code, text), in the order written.
    pub translations: Vec<(String, String)>,
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.translations.is_empty() {
            return s.serialize_str(&self.en);
        }
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1 + self.translations.len()))?;
        m.serialize_entry("en", &self.en)?;
        for (lang, text) in &self.translations {
            m.serialize_entry(lang, text)?;
        }
        m.end()
    }
}

/// A language code as a key: `ko`, `ja`, `pt-BR`.
fn is_language_code(k: &str) -> bool {
    let (lang, region) = k.split_once('-').unwrap_or((k, ""));
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty()
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase())))
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or {en: ..., ko: ...}")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text {
                    en: s.into(),
                    translations: Vec::new(),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Text, A::Error> {
                use serde::de::Error;
                let mut en = None;
                let mut translations = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    match k.as_str() {
                        "en" => en = Some(m.next_value::<String>()?),
                        other if is_language_code(other) => {
                            translations.push((k.clone(), m.next_value::<String>()?))
                        }
                        other => return Err(A::Error::unknown_field(other, &["en", "ko"])),
                    }
                }
                Ok(Text {
                    en: en.ok_or_else(|| A::Error::missing_field("en"))?,
                    translations,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl Text {
    /// The text in `lang` (a language code), English when there is no
    /// such translation.
    pub fn get(&self, lang: &str) -> &str {
        self.translations
            .iter()
            .find(|(l, _)| l == lang)
            .map_or(&self.en, |(_, t)| t)
    }
}

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

/// `spec.compare`: the object and the field the second copy changes.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Change {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cronjob: Option<String>,
    /// A path into that object (`spec.template.spec.restartPolicy`).
    pub field: String,
    /// The value in the second copy, as written in YAML.
    pub value: serde_norway::Value,
}
