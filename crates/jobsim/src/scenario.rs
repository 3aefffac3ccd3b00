//! The playground's own `jobsim/v1alpha1` `Scenario` kind: seed, clock
//! origin, timings, node shorthand, failure injection and timed actions.

use crate::api::{Labels, ObjectMeta, Taint};
use crate::clock::{parse_duration, Duration};
use crate::quantity::Quantity;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const API_VERSION: &str = "jobsim/v1alpha1";
pub const DEFAULT_START: &str = "2024-07-06T12:21:46Z";

/// A duration written as `2s`, `1m30s` or a number of seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dur(pub Duration);

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Dur;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a duration such as \"2s\", \"30m\" or \"1h30m\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Dur, E> {
                parse_duration(s).map(Dur).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Dur, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Dur, E> {
                if v < 0 {
                    return Err(E::custom("a duration must not be negative"));
                }
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Dur, E> {
                if !(0.0..1e12).contains(&v) {
                    return Err(E::custom("a duration must be between 0 and 1e12 seconds"));
                }
                self.visit_str(&format!("{v}s"))
            }
        }
        d.deserialize_any(V)
    }
}

impl Serialize for Dur {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub metadata: ObjectMeta,
    #[serde(default)]
    pub spec: ScenarioSpec,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScenarioSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Dur>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<NodeShorthand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviors: Vec<Behavior>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Compare mode: a second copy of the scenario with one field changed,
    /// run on the same clock beside the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<crate::lesson_form::Change>,
    /// A lesson card: what the scenario teaches (a teacher's link can be
    /// a lesson).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<Lesson>,
}

/// `spec.lesson`: the question a scenario answers, what to watch, the
/// upstream rule behind it, and where to stop; texts in English and, when
/// given, Korean.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Lesson {
    pub title: Text,
    #[serde(default)]
    pub question: Text,
    #[serde(default)]
    pub watch: Text,
    #[serde(default)]
    pub rule: Text,
    /// Stop the clock here (the moment the lesson is about).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_at: Option<Dur>,
    /// The panel to open (`jobs`, `pods`, `timeline`, `nodes`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// What the run ends with, stated on the card (and checked by tests).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// An exercise: goals the core checks after a run (`jobsim check`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<crate::lesson_form::Task>,
    /// A question asked before the clock runs; the run answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predict: Option<crate::lesson_form::Predict>,
}

/// A lesson's stated result: the Job's final condition (`Complete`,
/// `Failed`, or `none` while it still runs), or how many Jobs a CronJob
/// keeps.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Outcome {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cronjob: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jobs: Option<u32>,
}

pub use crate::lesson_form::Text;

/// Latencies of the cluster model. Defaults are in `Timings::resolved`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Timings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_pull: Option<Dur>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_start: Option<Dur>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_run: Option<Dur>,
    /// Time a deleted pod takes to stop its containers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pod_termination: Option<Dur>,
    /// kube-controller-manager `--node-monitor-grace-period`: how long a
    /// node may stay silent before it turns NotReady and is tainted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_monitor_grace_period: Option<Dur>,
    /// kube-apiserver `--default-unreachable-toleration-seconds`: the
    /// `tolerationSeconds` the DefaultTolerationSeconds admission plugin
    /// gives pods for `node.kubernetes.io/unreachable:NoExecute`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreachable_toleration_seconds: Option<u32>,
    /// Both of the above shortened (5 s and 10 s) so a node loss plays
    /// out in seconds; explicit values still win.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fast_node_loss: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResolvedTimings {
    pub image_pull: Duration,
    pub container_start: Duration,
    pub default_run: Duration,
    pub pod_termination: Duration,
    pub node_monitor_grace_period: Duration,
    pub unreachable_toleration_seconds: u32,
}

impl ResolvedTimings {
    /// True when the node-loss timings differ from upstream's defaults,
    /// so the UI can say the shortened model is on.
    pub fn node_loss_shortened(&self) -> bool {
        self.node_monitor_grace_period != crate::timing::NODE_MONITOR_GRACE_PERIOD
            || self.unreachable_toleration_seconds
                != crate::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS
    }
}

impl Default for ResolvedTimings {
    fn default() -> Self {
        ResolvedTimings {
            image_pull: Duration::from_secs(2),
            container_start: Duration::from_secs(1),
            default_run: Duration::from_secs(10),
            pod_termination: Duration::from_secs(1),
            node_monitor_grace_period: crate::timing::NODE_MONITOR_GRACE_PERIOD,
            unreachable_toleration_seconds: crate::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS,
        }
    }
}

impl Timings {
    pub fn resolved(t: Option<&Timings>) -> ResolvedTimings {
        let d = ResolvedTimings::default();
        let Some(t) = t else { return d };
        let fast = t.fast_node_loss == Some(true);
        ResolvedTimings {
            image_pull: t.image_pull.map_or(d.image_pull, |x| x.0),
            container_start: t.container_start.map_or(d.container_start, |x| x.0),
            default_run: t.default_run.map_or(d.default_run, |x| x.0),
            pod_termination: t.pod_termination.map_or(d.pod_termination, |x| x.0),
            node_monitor_grace_period: t.node_monitor_grace_period.map_or(
                if fast {
                    crate::timing::FAST_NODE_MONITOR_GRACE_PERIOD
                } else {
                    d.node_monitor_grace_period
                },
                |x| x.0,
            ),
            unreachable_toleration_seconds: t.unreachable_toleration_seconds.unwrap_or(if fast {
                crate::timing::FAST_UNREACHABLE_TOLERATION_SECONDS
            } else {
                d.unreachable_toleration_seconds
            }),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeShorthand {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gpu: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Labels>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taints: Option<Vec<Taint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unschedulable: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BehaviorMatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u32>,
    /// 1 for a Job's (or an index's) first pod, 2 for the first retry, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<u32>,
}

impl BehaviorMatch {
    /// Whether `match.job` (if set) names this Job.
    pub fn matches_job(&self, job: &str) -> bool {
        self.job.as_deref().is_none_or(|j| j == job)
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Behavior {
    #[serde(default, rename = "match")]
    pub matcher: BehaviorMatch,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<Dur>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oom_kill: Option<bool>,
    /// `fail`: the image cannot be pulled (ErrImagePull / ImagePullBackOff).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_pull: Option<String>,
}

/// What a timed action does: the one list of Scenario verbs. Each is a
/// key of an action (`{at: 2m, crashNode: node-2}`).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum Verb {
    CrashNode(String),
    RecoverNode(String),
    AddNode(Box<NodeShorthand>),
    RemoveNode(String),
    CordonNode(String),
    UncordonNode(String),
    DrainNode(String),
    /// `kubectl label node NAME k=v k2-`: labels set and removed.
    LabelNode(NodeLabels),
    /// A pod name or a prefix of one (the oldest live match).
    DeletePod(String),
    DeleteJob(String),
    /// `kubectl delete job NAME --cascade=orphan`: the Job goes, its pods
    /// stay and run on, owned by nothing.
    DeleteJobOrphan(String),
    /// `kubectl patch job NAME -p '{"spec": {...}}'`, the fields the
    /// playground applies to a running Job.
    PatchJob(JobPatch),
    SuspendJob(String),
    ResumeJob(String),
    SuspendCronJob(String),
    ResumeCronJob(String),
    /// `kubectl create job --from=cronjob/NAME` (value `cronjob/NAME`).
    CreateJobFrom(String),
    /// The CronJob controller stops for this long (kube-controller-manager
    /// down); missed schedules are handled when it comes back.
    ControllerDown(Dur),
}

/// `labelNode: {name: node-2, labels: {gpu: "true"}, remove: [old]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeLabels {
    pub name: String,
    #[serde(default, skip_serializing_if = "Labels::is_empty")]
    pub labels: Labels,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remove: Vec<String>,
}

/// `patchJob: {name: NAME, spec: {parallelism: 3}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JobPatch {
    pub name: String,
    pub spec: JobSpecPatch,
}

/// A JSON merge patch (RFC 7386) of a Job's `spec`, as `kubectl patch`
/// sends it; the API server's update validation
/// (`validation::validate_job_spec_update`) decides what may change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobSpecPatch(pub serde_norway::Mapping);

/// Patch documents nest no deeper than this (a stranger's input).
const MAX_PATCH_DEPTH: usize = 32;

impl JobSpecPatch {
    /// The spec after the patch; an error in the API server's words when
    /// the result is not a JobSpec (`strict decoding error`). The merge
    /// runs on JSON values and the result is read back with the manifest
    /// decoder: one serializer and one deserializer of the API types in the
    /// web bundle, not two of each.
    pub fn apply(&self, old: &crate::api::JobSpec) -> Result<crate::api::JobSpec, String> {
        // Only a non-string map key could fail here; the API types have none.
        let mut doc = serde_json::to_value(old).map_err(|_| "the Job spec has no JSON form")?;
        let patch = json_of(&serde_norway::Value::Mapping(self.0.clone()), 0)?;
        merge(&mut doc, &patch);
        crate::decode::from_value(&yaml_of(&doc)).map_err(|e| match e.unknown_field() {
            Some(_) => format!(
                "strict decoding error: unknown field \"spec.{}\"",
                e.field_path()
            ),
            None => format!("error decoding patch: {e}"),
        })
    }
}

/// A JSON value as a YAML one, for the decoder.
fn yaml_of(v: &serde_json::Value) -> serde_norway::Value {
    use serde_json::Value as J;
    use serde_norway::Value as Y;
    match v {
        J::Null => Y::Null,
        J::Bool(b) => Y::Bool(*b),
        J::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Y::from(u),
            (_, Some(i)) => Y::from(i),
            _ => Y::from(n.as_f64().unwrap_or(0.0)),
        },
        J::String(s) => Y::String(s.clone()),
        J::Array(items) => Y::Sequence(items.iter().map(yaml_of).collect()),
        J::Object(m) => Y::Mapping(
            m.iter()
                .map(|(k, x)| (Y::String(k.clone()), yaml_of(x)))
                .collect(),
        ),
    }
}

/// A YAML value as JSON (keys as strings), at most `MAX_PATCH_DEPTH` deep.
pub(crate) fn json_of(v: &serde_norway::Value, depth: usize) -> Result<serde_json::Value, String> {
    use serde_json::Value as J;
    use serde_norway::Value as Y;
    if depth > MAX_PATCH_DEPTH {
        return Err("error decoding patch: nested too deeply".into());
    }
    Ok(match v {
        Y::Null => J::Null,
        Y::Bool(b) => J::Bool(*b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                J::from(i)
            } else if let Some(u) = n.as_u64() {
                J::from(u)
            } else {
                J::from(n.as_f64().unwrap_or(0.0))
            }
        }
        Y::String(s) => J::String(s.clone()),
        Y::Sequence(items) => J::Array(
            items
                .iter()
                .map(|x| json_of(x, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(m) => {
            let mut out = serde_json::Map::new();
            for (k, x) in m {
                let key = match k {
                    Y::String(s) => s.clone(),
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => return Err("error decoding patch: a key is not a string".into()),
                };
                out.insert(key, json_of(x, depth + 1)?);
            }
            J::Object(out)
        }
        Y::Tagged(t) => json_of(&t.value, depth + 1)?,
    })
}

/// RFC 7386: objects merge key by key, `null` removes, anything else
/// replaces.
fn merge(doc: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    let Value::Object(p) = patch else {
        *doc = patch.clone();
        return;
    };
    if !doc.is_object() {
        *doc = Value::Object(Default::default());
    }
    let Value::Object(d) = doc else {
        unreachable!("made an object")
    };
    for (k, v) in p {
        if v.is_null() {
            d.remove(k);
        } else {
            merge(d.entry(k.clone()).or_insert(Value::Null), v);
        }
    }
}

/// A Scenario as YAML, written by the kubectl emitter (keys sorted as
/// kubectl prints them): one YAML writer in the web bundle, not two.
fn to_yaml(s: &Scenario) -> Result<String, String> {
    let v = serde_json::to_value(s).map_err(|_| "the Scenario has no JSON form")?;
    Ok(crate::text::yaml::to_string(&v))
}

impl Verb {
    /// The verb's key in a Scenario action (`crashNode`, ...).
    pub fn key(&self) -> &'static str {
        match self {
            Verb::CrashNode(_) => "crashNode",
            Verb::RecoverNode(_) => "recoverNode",
            Verb::AddNode(_) => "addNode",
            Verb::RemoveNode(_) => "removeNode",
            Verb::CordonNode(_) => "cordonNode",
            Verb::UncordonNode(_) => "uncordonNode",
            Verb::DrainNode(_) => "drainNode",
            Verb::LabelNode(_) => "labelNode",
            Verb::DeletePod(_) => "deletePod",
            Verb::DeleteJob(_) => "deleteJob",
            Verb::DeleteJobOrphan(_) => "deleteJobOrphan",
            Verb::PatchJob(_) => "patchJob",
            Verb::SuspendJob(_) => "suspendJob",
            Verb::ResumeJob(_) => "resumeJob",
            Verb::SuspendCronJob(_) => "suspendCronJob",
            Verb::ResumeCronJob(_) => "resumeCronJob",
            Verb::CreateJobFrom(_) => "createJobFrom",
            Verb::ControllerDown(_) => "controllerDown",
        }
    }
}

/// A timed action: `at` plus exactly one verb.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub at: Dur,
    pub verb: Verb,
}

impl Serialize for Action {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Flat<'a> {
            at: &'a Dur,
            #[serde(flatten)]
            verb: &'a Verb,
        }
        Flat {
            at: &self.at,
            verb: &self.verb,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Action {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ActionVisitor)
    }
}

/// Reads `at` and one verb key straight from the document (no buffering),
/// the verb through `Verb`'s own derived variant list.
struct ActionVisitor;

impl<'de> serde::de::Visitor<'de> for ActionVisitor {
    type Value = Action;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an action: `at` and one verb, e.g. {at: 2m, crashNode: node-1}")
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Action, A::Error> {
        use serde::de::Error;
        let mut at = None;
        let mut verb: Option<Verb> = None;
        let mut verbs = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "at" {
                at = Some(map.next_value::<Dur>()?);
                continue;
            }
            verbs.push(key.clone());
            if verb.is_some() {
                map.next_value::<serde::de::IgnoredAny>()?;
                continue;
            }
            verb = Some(map.next_value_seed(VerbSeed(key))?);
        }
        let at = at.ok_or_else(|| A::Error::missing_field("at"))?;
        match verb {
            Some(verb) if verbs.len() == 1 => Ok(Action { at, verb }),
            _ => Err(A::Error::custom(format!(
                "an action needs exactly one verb besides `at`, found {}: [{}]",
                verbs.len(),
                verbs.join(", ")
            ))),
        }
    }
}

/// Deserializes a `Verb` from its key (the variant) and the value that
/// follows it.
struct VerbSeed(String);

impl<'de> serde::de::DeserializeSeed<'de> for VerbSeed {
    type Value = Verb;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Verb, D::Error> {
        Verb::deserialize(KeyedEnum {
            key: self.0,
            value: d,
        })
    }
}

struct KeyedEnum<D> {
    key: String,
    value: D,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyedEnum<D> {
    type Error = D::Error;
    fn deserialize_any<V: serde::de::Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        v.visit_enum(self)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, D: Deserializer<'de>> serde::de::EnumAccess<'de> for KeyedEnum<D> {
    type Error = D::Error;
    type Variant = VerbValue<D>;
    fn variant_seed<V: serde::de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VerbValue<D>), D::Error> {
        use serde::de::IntoDeserializer;
        let variant = seed.deserialize(self.key.into_deserializer())?;
        Ok((variant, VerbValue(self.value)))
    }
}

struct VerbValue<D>(D);

impl<'de, D: Deserializer<'de>> serde::de::VariantAccess<'de> for VerbValue<D> {
    type Error = D::Error;
    fn unit_variant(self) -> Result<(), D::Error> {
        serde::de::IgnoredAny::deserialize(self.0).map(|_| ())
    }
    fn newtype_variant_seed<T: serde::de::DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, D::Error> {
        seed.deserialize(self.0)
    }
    fn tuple_variant<V: serde::de::Visitor<'de>>(
        self,
        len: usize,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, v)
    }
    fn struct_variant<V: serde::de::Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct("Verb", fields, v)
    }
}

/// The line ranges of the documents of a YAML stream (split at `---`).
pub(crate) fn documents(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut docs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.trim_end() == "---" {
            docs.push((start, i));
            start = i + 1;
        }
    }
    docs.push((start, lines.len()));
    docs
}

/// Edits the Scenario document inside a manifest text (adding one if there
/// is none) and returns the new text; every other document is kept byte for
/// byte. The Scenario document itself is re-serialized, so comments inside
/// it are not kept.
pub fn record(text: &str, edit: impl FnOnce(&mut ScenarioSpec)) -> Result<String, String> {
    let lines: Vec<&str> = text.split('\n').collect();
    for (a, b) in documents(&lines) {
        let doc = lines[a..b].join("\n");
        let Ok(v) = serde_norway::from_str::<serde_norway::Value>(&doc) else {
            continue;
        };
        if v.get("kind").and_then(|k| k.as_str()) != Some("Scenario") {
            continue;
        }
        let mut s: Scenario = crate::decode::from_value(&v)
            .map_err(|e| format!("the Scenario document is invalid: {e}"))?;
        edit(&mut s.spec);
        let new_doc = to_yaml(&s)?;
        let mut out: Vec<String> = lines[..a].iter().map(|s| s.to_string()).collect();
        out.push(new_doc.trim_end().to_string());
        out.extend(lines[b..].iter().map(|s| s.to_string()));
        return Ok(out.join("\n"));
    }
    let mut s = Scenario {
        api_version: API_VERSION.into(),
        kind: "Scenario".into(),
        metadata: ObjectMeta {
            name: Some("playground".into()),
            ..Default::default()
        },
        spec: ScenarioSpec::default(),
    };
    edit(&mut s.spec);
    let new_doc = to_yaml(&s)?;
    let mut out = text.trim_end().to_string();
    if !out.is_empty() {
        out.push_str("\n---\n");
    }
    out.push_str(&new_doc);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_appends_or_edits_the_scenario() {
        let job = "# my job\napiVersion: batch/v1\nkind: Job\nmetadata: {name: a}\n";
        let out = record(job, |s| {
            s.actions.push(Action {
                at: Dur(Duration::from_secs(120)),
                verb: Verb::CrashNode("node-2".into()),
            })
        })
        .unwrap();
        assert!(out.starts_with(job.trim_end()), "{out}");
        assert!(out.contains("kind: Scenario"));
        assert!(out.contains("crashNode: node-2"));
        assert!(out.contains("at: 2m"));
        let again = record(&out, |s| s.seed = Some(9)).unwrap();
        assert!(again.contains("seed: 9") && again.contains("crashNode: node-2"));
        assert_eq!(again.matches("kind: Scenario").count(), 1);
        let objs = crate::manifest::parse(&again).unwrap();
        assert_eq!(objs.len(), 2);
    }

    #[test]
    fn actions_take_exactly_one_known_verb() {
        let ok: Action = serde_norway::from_str("{at: 1m, drainNode: node-1}").unwrap();
        assert_eq!(ok.verb, Verb::DrainNode("node-1".into()));
        assert_eq!(ok.at, Dur(Duration::from_secs(60)));
        let unknown = serde_norway::from_str::<Action>("{at: 1m, crashNod: node-1}")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("unknown variant `crashNod`"), "{unknown}");
        assert!(unknown.contains("crashNode"), "{unknown}");
        let two = serde_norway::from_str::<Action>("{at: 1m, crashNode: a, drainNode: b}")
            .unwrap_err()
            .to_string();
        assert!(two.contains("exactly one verb"), "{two}");
        let none = serde_norway::from_str::<Action>("{at: 1m}")
            .unwrap_err()
            .to_string();
        assert!(none.contains("found 0"), "{none}");
        let round = serde_norway::to_string(&ok).unwrap();
        assert_eq!(round.trim(), "at: 1m\ndrainNode: node-1");
    }
}
