//! Pods: the compact per-pod state the kubelet model updates, and the
//! derived views kubectl shows (STATUS, READY, RESTARTS).

use crate::clock::{Stamp, Time};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Pending => "Pending",
            Phase::Running => "Running",
            Phase::Succeeded => "Succeeded",
            Phase::Failed => "Failed",
        }
    }
    pub fn is_terminal(self) -> bool {
        matches!(self, Phase::Succeeded | Phase::Failed)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitReason {
    ContainerCreating,
    PodInitializing,
    CrashLoopBackOff,
    ErrImagePull,
    ImagePullBackOff,
}

impl WaitReason {
    pub fn as_str(self) -> &'static str {
        match self {
            WaitReason::ContainerCreating => "ContainerCreating",
            WaitReason::PodInitializing => "PodInitializing",
            WaitReason::CrashLoopBackOff => "CrashLoopBackOff",
            WaitReason::ErrImagePull => "ErrImagePull",
            WaitReason::ImagePullBackOff => "ImagePullBackOff",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermReason {
    Completed,
    Error,
    OOMKilled,
    /// The kubelet found no container to report (its node restarted).
    ContainerStatusUnknown,
}

impl TermReason {
    /// The kubelet's message for a container it could not find; such a
    /// state carries no start or finish time (the API shows null).
    pub fn message(self) -> Option<&'static str> {
        (self == TermReason::ContainerStatusUnknown)
            .then_some("The container could not be located when the pod was terminated")
    }
    pub fn as_str(self) -> &'static str {
        match self {
            TermReason::Completed => "Completed",
            TermReason::Error => "Error",
            TermReason::OOMKilled => "OOMKilled",
            TermReason::ContainerStatusUnknown => "ContainerStatusUnknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminated {
    pub exit_code: i32,
    pub reason: TermReason,
    pub started: Time,
    pub finished: Time,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContainerState {
    Waiting(WaitReason),
    Running { since: Time },
    Terminated(Terminated),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerStatus {
    pub state: ContainerState,
    /// Boxed: most containers never restart, and every pod holds one.
    pub last: Option<Box<Terminated>>,
    pub restart_count: u32,
    /// Image pull attempts that failed in a row (ImagePullBackOff).
    pub pull_failures: u16,
    /// The kubelet's crash back-off entry for this container: restarts
    /// since it was (re)created (0: none; see `kubelet::crash_backoff`).
    pub crash_backoff: u16,
}

impl ContainerStatus {
    pub fn waiting(r: WaitReason) -> ContainerStatus {
        ContainerStatus {
            state: ContainerState::Waiting(r),
            last: None,
            restart_count: 0,
            pull_failures: 0,
            crash_backoff: 0,
        }
    }
    pub fn is_running(&self) -> bool {
        matches!(self.state, ContainerState::Running { .. })
    }
}

/// Why a pod was marked for deletion or failed by something other than
/// its containers; shown by kubectl and used to explain replacements.
/// An optional id (index, node, message) in 4 bytes; `u32::MAX` is none.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OptId(u32);

impl OptId {
    pub const NONE: OptId = OptId(u32::MAX);

    pub fn some(v: u32) -> OptId {
        debug_assert!(v != u32::MAX);
        OptId(v)
    }
    pub fn get(self) -> Option<u32> {
        (self.0 != u32::MAX).then_some(self.0)
    }
    pub fn is_some(self) -> bool {
        self.0 != u32::MAX
    }
    pub fn is_none(self) -> bool {
        self.0 == u32::MAX
    }
    pub fn map<R>(self, f: impl FnOnce(u32) -> R) -> Option<R> {
        self.get().map(f)
    }
    pub fn unwrap_or(self, d: u32) -> u32 {
        self.get().unwrap_or(d)
    }
    pub fn is_some_and(self, f: impl FnOnce(u32) -> bool) -> bool {
        self.get().is_some_and(f)
    }
}

impl From<Option<u32>> for OptId {
    fn from(v: Option<u32>) -> OptId {
        v.map_or(OptId::NONE, OptId::some)
    }
}

impl PartialEq<Option<u32>> for OptId {
    fn eq(&self, other: &Option<u32>) -> bool {
        self.get() == *other
    }
}

impl std::fmt::Debug for OptId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A pod's container statuses: one (the usual case) inline in the pod
/// record, more on the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Containers {
    One([ContainerStatus; 1]),
    Many(Box<[ContainerStatus]>),
}

impl Default for Containers {
    fn default() -> Self {
        Containers::Many(Box::default())
    }
}

impl From<Vec<ContainerStatus>> for Containers {
    fn from(mut v: Vec<ContainerStatus>) -> Self {
        if v.len() == 1 {
            Containers::One([v.remove(0)])
        } else {
            Containers::Many(v.into_boxed_slice())
        }
    }
}

impl FromIterator<ContainerStatus> for Containers {
    fn from_iter<I: IntoIterator<Item = ContainerStatus>>(iter: I) -> Self {
        // The one-container pod (nearly every pod) never touches the heap.
        let mut it = iter.into_iter();
        let Some(first) = it.next() else {
            return Containers::default();
        };
        match it.next() {
            None => Containers::One([first]),
            Some(second) => {
                let mut v = vec![first, second];
                v.extend(it);
                Containers::Many(v.into_boxed_slice())
            }
        }
    }
}

impl std::ops::Deref for Containers {
    type Target = [ContainerStatus];
    fn deref(&self) -> &[ContainerStatus] {
        match self {
            Containers::One(c) => c,
            Containers::Many(c) => c,
        }
    }
}

impl std::ops::DerefMut for Containers {
    fn deref_mut(&mut self) -> &mut [ContainerStatus] {
        match self {
            Containers::One(c) => c,
            Containers::Many(c) => c,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodReason {
    DeletedByUser,
    DeletedByController,
    /// The Eviction API (`kubectl drain`).
    Evicted,
    /// Taint eviction on an unreachable node.
    TaintEviction,
    /// PodGC: the pod's Node object is gone.
    PodGc,
}

impl PodReason {
    /// The `DisruptionTarget` condition the deleting component adds
    /// (reason, message), if any: a plain DELETE adds none.
    pub fn disruption_target(self) -> Option<(&'static str, &'static str)> {
        match self {
            PodReason::Evicted => Some(("EvictionByEvictionAPI", "Eviction API: evicting")),
            PodReason::TaintEviction => Some((
                "DeletionByTaintManager",
                "Taint manager: deleting due to NoExecute taint",
            )),
            PodReason::PodGc => Some(("DeletionByPodGC", "PodGC: node no longer exists")),
            PodReason::DeletedByUser | PodReason::DeletedByController => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct PodState {
    /// generateName's five random characters; the name is derived
    /// (`generated_name`), not stored.
    pub suffix: [u8; 5],
    pub uid: u64,
    pub job: u32,
    pub index: OptId,
    /// 1 for the first pod of a Job (or of an index), 2 for the next, ...
    pub attempt: u32,
    /// `batch.kubernetes.io/job-index-failure-count`: counted failures of
    /// this index before this pod (backoffLimitPerIndex only).
    /// (u16, saturating, like the ignored count: a pod record stays small.)
    pub index_failure_count: u16,
    /// `batch.kubernetes.io/job-index-ignored-failure-count`: failures of
    /// this index a pod failure policy's Ignore rule left uncounted.
    pub index_ignored_failure_count: u16,
    pub created: Time,
    pub node: OptId,
    pub scheduled_at: Stamp,
    /// When the first app container started running (phase Running).
    pub running_at: Stamp,
    /// When the pod reached a terminal phase.
    pub finished_at: Stamp,
    pub phase: Phase,
    pub reason: Option<PodReason>,
    pub deletion: Stamp,
    /// Removed from the API (no longer listed by kubectl).
    pub gone: Stamp,
    /// Init containers first, then app containers.
    pub containers: Containers,
    pub n_init: u8,
    pub ready: bool,
    /// When the Ready condition last changed (its lastTransitionTime);
    /// NONE until the pod first became ready.
    pub ready_changed: Stamp,
    pub unschedulable: OptId,
    /// Bumped whenever pending kubelet timers for this pod become invalid.
    pub epoch: u32,
    pub last_event: u32,
    // Job-controller bookkeeping (only the Job controller writes these).
    pub counted: bool,
    pub active_slot: u32,
    pub dirty: bool,
    /// What the Job's ready, terminating and restart counts hold for this
    /// pod, as of the last sync that saw it (`tracking`).
    pub seen_ready: bool,
    pub seen_terminating: bool,
    pub seen_restarts: u32,
}

pub const NO_SLOT: u32 = u32::MAX;

/// The name generateName gives a Job's pod: the Job's name, cut so the
/// whole name fits 63 characters, then `-INDEX-` for Indexed Jobs, then
/// five random characters.
pub fn generated_name(job: &str, index: Option<u32>, suffix: &[u8; 5]) -> String {
    let mut b = Vec::with_capacity(job.len() + 18);
    write_generated_name(&mut b, job, index, suffix);
    String::from_utf8(b).unwrap_or_default()
}

/// `generated_name` as bytes into `b` (cleared first), for callers that
/// reuse one buffer: the API server's name generator keeps at most 58
/// characters of `generateName` and adds five random ones. Bytes, so the
/// hot path never validates UTF-8: names and the alphabet are ASCII.
pub fn write_generated_name(b: &mut Vec<u8>, job: &str, index: Option<u32>, suffix: &[u8; 5]) {
    write_generate_name_bytes(b, job, index);
    b.truncate(58);
    b.extend_from_slice(suffix);
}

/// A Job pod's `metadata.generateName` into `s` (cleared first): the Job's
/// name and a dash, or for Indexed Jobs `podGenerateNameWithIndex`: name,
/// `-INDEX-`, the name cut so the whole fits 58 characters.
pub fn write_generate_name(s: &mut String, job: &str, index: Option<u32>) {
    let mut b = std::mem::take(s).into_bytes();
    write_generate_name_bytes(&mut b, job, index);
    *s = String::from_utf8(b).unwrap_or_default();
}

fn write_generate_name_bytes(b: &mut Vec<u8>, job: &str, index: Option<u32>) {
    b.clear();
    match index {
        Some(i) => {
            // Digits by hand: this runs for every pod created.
            let mut buf = [0u8; 10];
            let mut at = buf.len();
            let mut v = i;
            loop {
                at -= 1;
                buf[at] = b'0' + (v % 10) as u8;
                v /= 10;
                if v == 0 {
                    break;
                }
            }
            let digits = &buf[at..];
            let keep = 58usize.saturating_sub(digits.len() + 2).min(job.len());
            b.extend_from_slice(&job.as_bytes()[..keep]);
            b.push(b'-');
            b.extend_from_slice(digits);
            b.push(b'-');
        }
        None => {
            b.extend_from_slice(job.as_bytes());
            b.push(b'-');
        }
    }
}

impl PodState {
    pub fn is_active(&self) -> bool {
        !self.phase.is_terminal() && self.deletion.is_none()
    }
    pub fn exists(&self) -> bool {
        self.gone.is_none()
    }
    pub fn app(&self) -> &[ContainerStatus] {
        &self.containers[self.n_init as usize..]
    }
    pub fn init(&self) -> &[ContainerStatus] {
        &self.containers[..self.n_init as usize]
    }

    /// Restarts of all its containers, init containers included.
    pub fn all_restarts(&self) -> u32 {
        self.containers.iter().map(|c| c.restart_count).sum()
    }

    /// Being deleted on a node and not yet terminal (the Job's
    /// `status.terminating` counts these).
    pub fn is_terminating(&self) -> bool {
        self.deletion.is_some() && !self.phase.is_terminal() && self.node.is_some()
    }

    /// When every app container was running (the latest start), if they
    /// all are: the kubelet's ContainersReady for containers without
    /// readiness probes.
    pub fn containers_running_since(&self) -> Option<Time> {
        let mut latest = None;
        for c in self.app() {
            match c.state {
                ContainerState::Running { since } => latest = latest.max(Some(since)),
                _ => return None,
            }
        }
        latest
    }

    /// `kubectl get pods` READY: ready app containers / app containers.
    pub fn ready_column(&self) -> String {
        let app = self.app();
        let ready = app.iter().filter(|c| c.is_running()).count();
        format!("{}/{}", ready, app.len())
    }

    pub fn restarts(&self) -> u32 {
        self.app().iter().map(|c| c.restart_count).sum()
    }

    /// `kubectl get pods` STATUS, following the printer's algorithm: phase,
    /// then init containers, then app containers last-to-first so the first
    /// container with a waiting/terminated state decides.
    pub fn status_text(&self) -> String {
        // Not yet bound: no container statuses, so the phase shows.
        if self.node.is_none() && !self.phase.is_terminal() {
            return if self.deletion.is_some() {
                "Terminating"
            } else {
                "Pending"
            }
            .into();
        }
        let mut reason = self.phase.as_str().to_string();
        if self.reason == Some(PodReason::Evicted) && self.phase == Phase::Failed {
            reason = "Evicted".into();
        }
        let mut initializing = false;
        let n_init = self.n_init as usize;
        for (i, c) in self.init().iter().enumerate() {
            match c.state {
                ContainerState::Terminated(t) if t.exit_code == 0 => continue,
                ContainerState::Terminated(t) => {
                    reason = format!("Init:{}", t.reason.as_str());
                }
                ContainerState::Waiting(w) if w != WaitReason::PodInitializing => {
                    reason = format!("Init:{}", w.as_str());
                }
                _ => reason = format!("Init:{i}/{n_init}"),
            }
            initializing = true;
            break;
        }
        if !initializing {
            let mut has_running = false;
            for c in self.app().iter().rev() {
                match c.state {
                    ContainerState::Waiting(w) => reason = w.as_str().to_string(),
                    ContainerState::Terminated(t) => reason = t.reason.as_str().to_string(),
                    ContainerState::Running { .. } => has_running = true,
                }
            }
            if reason == "Completed" && has_running {
                reason = if self.ready { "Running" } else { "NotReady" }.into();
            }
        }
        // printPod also prints `Unknown` for status.reason NodeLost, which
        // nothing sets since taint-based eviction replaced it.
        if self.deletion.is_some() && !self.phase.is_terminal() {
            return "Terminating".into();
        }
        reason
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_job_names_fit_63_characters() {
        // names.SimpleNameGenerator keeps 58 characters of generateName;
        // podGenerateNameWithIndex cuts the Job name so `-INDEX-` stays.
        let job = "j".repeat(63);
        let name = generated_name(&job, None, b"abcde");
        assert_eq!(name, format!("{}abcde", &job[..58]));
        let mut gen = String::new();
        write_generate_name(&mut gen, &job, Some(7));
        assert_eq!(gen, format!("{}-7-", &job[..55]));
        assert_eq!(
            generated_name(&job, Some(7), b"abcde"),
            format!("{gen}abcde")
        );
        assert_eq!(generated_name("pi", None, b"abcde"), "pi-abcde");
    }

    fn pod(containers: Vec<ContainerStatus>, n_init: u8, phase: Phase) -> PodState {
        PodState {
            suffix: *b"abcde",
            uid: 1,
            job: 0,
            index: OptId::NONE,
            attempt: 1,
            index_failure_count: 0,
            index_ignored_failure_count: 0,
            created: Time(0),
            node: OptId::some(0),
            scheduled_at: Stamp::at(Time(0)),
            running_at: Stamp::NONE,
            finished_at: Stamp::NONE,
            phase,
            reason: None,
            deletion: Stamp::NONE,
            gone: Stamp::NONE,
            containers: containers.into(),
            n_init,
            ready: false,
            ready_changed: Stamp::NONE,
            unschedulable: OptId::NONE,
            epoch: 0,
            last_event: u32::MAX,
            counted: false,
            active_slot: NO_SLOT,
            dirty: false,
            seen_ready: false,
            seen_terminating: false,
            seen_restarts: 0,
        }
    }
    fn term(code: i32, reason: TermReason) -> ContainerStatus {
        ContainerStatus {
            state: ContainerState::Terminated(Terminated {
                exit_code: code,
                reason,
                started: Time(0),
                finished: Time(1),
            }),
            ..ContainerStatus::waiting(WaitReason::ContainerCreating)
        }
    }
    fn running() -> ContainerStatus {
        ContainerStatus {
            state: ContainerState::Running { since: Time(0) },
            ..ContainerStatus::waiting(WaitReason::ContainerCreating)
        }
    }

    #[test]
    fn kubectl_status_column_table() {
        use TermReason::*;
        use WaitReason::*;
        // printPod: the first container with a waiting/terminated state wins.
        let cases: Vec<(PodState, &str, &str)> = vec![
            (pod(vec![term(1, Error)], 0, Phase::Failed), "Error", "0/1"),
            (
                pod(vec![term(1, Error), term(0, Completed)], 0, Phase::Failed),
                "Error",
                "0/2",
            ),
            // Seed claim 8: Completed shown although the pod failed.
            (
                pod(vec![term(0, Completed), term(1, Error)], 0, Phase::Failed),
                "Completed",
                "0/2",
            ),
            (
                pod(
                    vec![ContainerStatus::waiting(ContainerCreating)],
                    0,
                    Phase::Pending,
                ),
                "ContainerCreating",
                "0/1",
            ),
            (pod(vec![running()], 0, Phase::Running), "Running", "1/1"),
            (
                pod(vec![term(0, Completed), running()], 0, Phase::Running),
                "NotReady",
                "1/2",
            ),
            (
                pod(
                    vec![ContainerStatus::waiting(CrashLoopBackOff)],
                    0,
                    Phase::Running,
                ),
                "CrashLoopBackOff",
                "0/1",
            ),
            (
                pod(vec![term(137, OOMKilled)], 0, Phase::Failed),
                "OOMKilled",
                "0/1",
            ),
            (
                pod(
                    vec![running(), ContainerStatus::waiting(PodInitializing)],
                    1,
                    Phase::Pending,
                ),
                "Init:0/1",
                "0/1",
            ),
            (
                pod(
                    vec![term(1, Error), ContainerStatus::waiting(PodInitializing)],
                    1,
                    Phase::Failed,
                ),
                "Init:Error",
                "0/1",
            ),
            (
                pod(
                    vec![ContainerStatus::waiting(ImagePullBackOff)],
                    0,
                    Phase::Pending,
                ),
                "ImagePullBackOff",
                "0/1",
            ),
            (pod(vec![], 0, Phase::Pending), "Pending", "0/0"),
        ];
        for (p, status, ready) in cases {
            assert_eq!(p.status_text(), status);
            assert_eq!(p.ready_column(), ready, "{status}");
        }
        let mut p = pod(vec![running()], 0, Phase::Running);
        p.deletion = crate::clock::Stamp::at(Time(5));
        assert_eq!(p.status_text(), "Terminating");
        // Taint eviction (1.34) sets no NodeLost reason: still Terminating.
        p.reason = Some(PodReason::TaintEviction);
        assert_eq!(p.status_text(), "Terminating");
    }
}
