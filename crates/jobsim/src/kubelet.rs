//! The kubelet model: image pulls against a per-node cache, container
//! create/start latency, init containers in order and app containers in
//! parallel, exit codes from the container's command (or a Scenario
//! behaviour), restarts with CrashLoopBackOff for `OnFailure`, and pod
//! phase rules. Graceful deletion takes `podTermination`.

use crate::clock::{Duration, Time};
use crate::events::{ObjRef, Reason};
use crate::job::PullPolicy;
use crate::pod::{ContainerState, Phase, PodReason, TermReason, Terminated, WaitReason};
use crate::world::{Ev, PodTimer, Watch, World};

/// Kubelet container restart back-off: 10 s doubling, capped at 5 min.
pub const CRASHLOOP_BASE: Duration = Duration::from_secs(10);
pub const CRASHLOOP_MAX: Duration = Duration::from_secs(300);

/// Delay before restart number `n` (1-based) of a container that keeps
/// crashing: the first is immediate.
pub fn restart_delay(n: u32) -> Duration {
    if n <= 1 {
        return Duration::ZERO;
    }
    Duration((CRASHLOOP_BASE.0 << (n - 2).min(20)).min(CRASHLOOP_MAX.0))
}

/// `flowcontrol.Backoff.hasExpired`: an entry not updated for twice the
/// cap (10 minutes) is dropped, so a container that ran that long before
/// crashing restarts at once and its back-off starts over at 10 s.
pub const CRASH_BACKOFF_RESET: Duration = Duration(2 * CRASHLOOP_MAX.0);

/// The kubelet's crash back-off for a container that just crashed after
/// running `ran`: the delay before it starts again, and the entry's new
/// step (`ContainerStatus::crash_backoff`).
pub fn crash_backoff(step: u16, ran: Duration) -> (Duration, u16) {
    if step == 0 || ran > CRASH_BACKOFF_RESET {
        return (Duration::ZERO, 1);
    }
    (restart_delay(step as u32 + 1), step.saturating_add(1))
}

/// The waiting message of a container in CrashLoopBackOff, as
/// `kuberuntime.doBackOff` words it (`format.Pod`: name_namespace(uid)).
pub fn crash_loop_message(step: u16, container: &str, pod: &str, uid: &str) -> String {
    format!(
        "back-off {} restarting failed container={container} pod={pod}_default({uid})",
        restart_delay(step as u32)
    )
}

/// Image pull back-off after `n` failed pulls.
pub fn pull_backoff(n: u32) -> Duration {
    Duration((CRASHLOOP_BASE.0 << n.saturating_sub(1).min(20)).min(CRASHLOOP_MAX.0))
}

/// What a container run will do.
struct Plan {
    duration: Duration,
    exit: i32,
    oom: bool,
}

impl World {
    pub(crate) fn kubelet_timer(&mut self, p: u32, timer: PodTimer) {
        match timer {
            PodTimer::PullDone { c } => self.kubelet_pull_done(p, c),
            PodTimer::ContainerStarted { c } => self.kubelet_container_started(p, c),
            PodTimer::ContainerExited { c, exit, oom } => {
                self.kubelet_container_exited(p, c, exit, oom)
            }
            PodTimer::RestartContainer { c } => self.kubelet_start_container(p, c),
            PodTimer::RestartAfterCrash { c } => self.restart_after_crash(p, c),
            PodTimer::PullBackOff { c } => self.kubelet_pull_backoff(p, c),
            PodTimer::Terminated => self.kubelet_pod_terminated(p),
        }
    }

    /// Starts a kubelet timer for the pod's current epoch.
    fn arm(&mut self, p: u32, after: Duration, timer: PodTimer) {
        let epoch = self.store.pods[p as usize].epoch;
        let at = self.now.after(after);
        self.push(
            at,
            Ev::Pod {
                pod: p,
                epoch,
                timer,
            },
        );
    }

    fn behavior_for(&self, p: u32, c: u8) -> Option<usize> {
        let pod = &self.store.pods[p as usize];
        let job = &self.store.jobs[pod.job as usize];
        let cname = &job.containers[c as usize].name;
        // The Job's name was matched when the Job was created.
        let fits_pod = |b: &crate::scenario::Behavior| {
            let m = &b.matcher;
            m.container.as_ref().is_none_or(|n| n == cname)
                && m.index.is_none_or(|i| pod.index == Some(i))
                && m.attempt.is_none_or(|a| a == pod.attempt)
        };
        match &job.behaviors {
            Some(candidates) => candidates
                .iter()
                .map(|&i| i as usize)
                .find(|&i| fits_pod(&self.behaviors[i])),
            None => self
                .behaviors
                .iter()
                .position(|b| b.matcher.matches_job(&job.name) && fits_pod(b)),
        }
    }

    /// The variables a container's command sees: its `env`, then the
    /// ones the Job controller and the kubelet set.
    fn container_env(&self, p: u32, c: u8) -> impl Fn(&str) -> Option<String> + '_ {
        let pod = &self.store.pods[p as usize];
        let job = &self.store.jobs[pod.job as usize];
        let spec = &job.containers[c as usize];
        let index = pod.index.get();
        move |name: &str| -> Option<String> {
            if let Some((_, v)) = spec.env.iter().rev().find(|(k, _)| k == name) {
                return Some(v.clone());
            }
            match name {
                "JOB_COMPLETION_INDEX" => index.map(|i| i.to_string()),
                // Indexed pods get `spec.hostname = <job>-<index>`.
                "HOSTNAME" => Some(match index {
                    Some(i) => format!("{}-{i}", job.name),
                    None => self.pod_name(p),
                }),
                _ => None,
            }
        }
    }

    /// Container `c`'s command, when the model runs it.
    fn program(&self, p: u32, c: u8) -> Option<&crate::shell::Program> {
        let job = &self.store.jobs[self.store.pods[p as usize].job as usize];
        job.containers[c as usize].program.as_ref()
    }

    /// Runs container `c`'s program as started at `start`, log lines and all.
    fn run_program(&self, p: u32, c: u8, start: Time) -> Option<crate::shell::Run> {
        let prog = self.program(p, c)?;
        let start_unix = crate::clock::unix_secs(self.origin_unix, start);
        Some(prog.run(&self.container_env(p, c), start_unix))
    }

    /// The log lines of container `c`'s current (or last) run, re-derived
    /// from its program and start time.
    pub(crate) fn container_logs(&self, p: u32, c: u8) -> Vec<(Time, String)> {
        let st = &self.store.pods[p as usize].containers[c as usize];
        let start = match st.state {
            ContainerState::Running { since } => Some(since),
            ContainerState::Terminated(t) => Some(t.started),
            ContainerState::Waiting(_) => st.last.as_ref().map(|l| l.started),
        };
        let Some(start) = start else {
            return Vec::new();
        };
        match self.run_program(p, c, start) {
            Some(r) => r
                .output
                .into_iter()
                .map(|(off, line)| (start.after(Duration(off)), line))
                .collect(),
            None => {
                let job = &self.store.jobs[self.store.pods[p as usize].job as usize];
                job.containers[c as usize]
                    .not_run
                    .iter()
                    .map(|line| (start, line.clone()))
                    .collect()
            }
        }
    }

    fn plan_run(&mut self, p: u32, c: u8) -> Plan {
        let outcome = self
            .program(p, c)
            .map(|prog| prog.outcome(&self.container_env(p, c)));
        let mut plan = match outcome {
            Some((duration_ms, exit)) => Plan {
                duration: Duration(duration_ms),
                exit,
                oom: false,
            },
            None => Plan {
                duration: self.timings.default_run,
                exit: 0,
                oom: false,
            },
        };
        if let Some(i) = self.behavior_for(p, c) {
            let b = &self.behaviors[i];
            let (duration, exit_code, failure_rate, oom_kill) =
                (b.duration, b.exit_code, b.failure_rate, b.oom_kill);
            if let Some(d) = duration {
                plan.duration = d.0;
            }
            if let Some(code) = exit_code {
                plan.exit = code;
            }
            if let Some(rate) = failure_rate {
                if self.random_unit() < rate {
                    plan.exit = 1;
                } else if exit_code.is_none() {
                    plan.exit = 0;
                }
            }
            if oom_kill == Some(true) {
                plan.oom = true;
                plan.exit = 137;
            }
        }
        plan
    }

    pub(crate) fn kubelet_pod_bound(&mut self, p: u32) {
        if self.kubelet_down(p) {
            // Bound to a silent node: no kubelet picks it up; it stays
            // Pending until the node comes back.
            return;
        }
        let n_init = self.store.pods[p as usize].n_init;
        if n_init > 0 {
            self.kubelet_start_container(p, 0);
        } else {
            self.start_app_containers(p);
        }
    }

    fn start_app_containers(&mut self, p: u32) {
        let pod = &mut self.store.pods[p as usize];
        let (n_init, n) = (pod.n_init, pod.containers.len() as u8);
        for c in n_init..n {
            self.store.pods[p as usize].containers[c as usize].state =
                ContainerState::Waiting(WaitReason::ContainerCreating);
        }
        for c in n_init..n {
            self.kubelet_start_container(p, c);
        }
    }

    pub(crate) fn kubelet_start_container(&mut self, p: u32, c: u8) {
        let pod = &self.store.pods[p as usize];
        let Some(n) = pod.node.get() else { return };
        let spec = &self.store.jobs[pod.job as usize].containers[c as usize];
        let cached = self.store.nodes[n as usize].images.contains(&spec.image);
        let pull_fails = self
            .behavior_for(p, c)
            .is_some_and(|b| self.behaviors[b].image_pull.as_deref() == Some("fail"));
        let needs_pull = pull_fails
            || match spec.pull_policy {
                PullPolicy::Always => true,
                PullPolicy::IfNotPresent => !cached,
                PullPolicy::Never => false,
            };
        let is_init = c < self.store.pods[p as usize].n_init;
        let status = &mut self.store.pods[p as usize].containers[c as usize];
        if !matches!(
            status.state,
            ContainerState::Waiting(WaitReason::ErrImagePull | WaitReason::ImagePullBackOff)
        ) {
            status.state = ContainerState::Waiting(if is_init {
                WaitReason::PodInitializing
            } else {
                WaitReason::ContainerCreating
            });
        }
        if needs_pull {
            self.record(ObjRef::Pod(p), Reason::Pulling { c });
            self.arm(p, self.timings.image_pull, PodTimer::PullDone { c });
        } else {
            self.record(ObjRef::Pod(p), Reason::AlreadyPresent { c });
            self.arm(
                p,
                self.timings.container_start,
                PodTimer::ContainerStarted { c },
            );
        }
    }

    fn kubelet_pull_done(&mut self, p: u32, c: u8) {
        let fails = self
            .behavior_for(p, c)
            .is_some_and(|b| self.behaviors[b].image_pull.as_deref() == Some("fail"));
        if fails {
            let status = &mut self.store.pods[p as usize].containers[c as usize];
            status.pull_failures = status.pull_failures.saturating_add(1);
            status.state = ContainerState::Waiting(WaitReason::ErrImagePull);
            let n = status.pull_failures as u32;
            self.record(ObjRef::Pod(p), Reason::PullFailed { c });
            self.record(ObjRef::Pod(p), Reason::ErrImagePull { c });
            self.arm(p, Duration::from_secs(1), PodTimer::PullBackOff { c });
            self.arm(p, pull_backoff(n), PodTimer::RestartContainer { c });
            return;
        }
        let node = self.store.pods[p as usize].node.get().expect("bound");
        let image = self.store.jobs[self.store.pods[p as usize].job as usize].containers
            [c as usize]
            .image
            .clone();
        self.store.nodes[node as usize].images.insert(image);
        let took_ms = u32::try_from(self.timings.image_pull.as_millis()).unwrap_or(u32::MAX);
        self.record(ObjRef::Pod(p), Reason::Pulled { c, took_ms });
        self.arm(
            p,
            self.timings.container_start,
            PodTimer::ContainerStarted { c },
        );
    }

    fn kubelet_pull_backoff(&mut self, p: u32, c: u8) {
        let status = &mut self.store.pods[p as usize].containers[c as usize];
        if status.state == ContainerState::Waiting(WaitReason::ErrImagePull) {
            status.state = ContainerState::Waiting(WaitReason::ImagePullBackOff);
            self.record(ObjRef::Pod(p), Reason::PullBackOff { c });
        }
    }

    fn kubelet_container_started(&mut self, p: u32, c: u8) {
        self.record(ObjRef::Pod(p), Reason::Created { c });
        self.record(ObjRef::Pod(p), Reason::Started { c });
        let plan = self.plan_run(p, c);
        let now = self.now;
        let pod = &mut self.store.pods[p as usize];
        let n_init = pod.n_init;
        let status = &mut pod.containers[c as usize];
        status.state = ContainerState::Running { since: now };
        let mut changed = false;
        if c >= n_init {
            if pod.phase == Phase::Pending {
                pod.phase = Phase::Running;
                pod.running_at = crate::clock::Stamp::at(now);
                changed = true;
            }
            if !pod.ready && pod.app().iter().all(|s| s.is_running()) {
                pod.ready = true;
                pod.ready_changed = crate::clock::Stamp::at(now);
                changed = true;
            }
        }
        if changed {
            self.notify(Watch::JobPodChanged(p));
        }
        self.arm(
            p,
            plan.duration,
            PodTimer::ContainerExited {
                c,
                exit: plan.exit,
                oom: plan.oom,
            },
        );
    }

    fn kubelet_container_exited(&mut self, p: u32, c: u8, exit: i32, oom: bool) {
        let reason = if oom {
            TermReason::OOMKilled
        } else if exit == 0 {
            TermReason::Completed
        } else {
            TermReason::Error
        };
        self.container_terminated(p, c, exit, reason);
    }

    /// Container `c` is no longer running: restart it (OnFailure), start
    /// the next init container, or finish the pod.
    fn container_terminated(&mut self, p: u32, c: u8, exit: i32, reason: TermReason) {
        let now = self.now;
        let pod = &self.store.pods[p as usize];
        let started = match pod.containers[c as usize].state {
            ContainerState::Running { since } => since,
            _ => now,
        };
        let term = Terminated {
            exit_code: exit,
            reason,
            started,
            finished: now,
        };
        let on_failure = self.store.jobs[pod.job as usize].on_failure;
        let n_init = pod.n_init;
        if exit != 0 && on_failure {
            self.restart_container(p, c, term);
            return;
        }
        self.store.pods[p as usize].containers[c as usize].state = ContainerState::Terminated(term);
        if c < n_init {
            if exit == 0 {
                if c + 1 < n_init {
                    self.kubelet_start_container(p, c + 1);
                } else {
                    self.start_app_containers(p);
                }
            } else {
                self.finish_pod(p, Phase::Failed);
            }
            return;
        }
        self.mark_pod_not_ready(p);
        let pod = &self.store.pods[p as usize];
        let app = pod.app();
        let all_done = app
            .iter()
            .all(|s| matches!(s.state, ContainerState::Terminated(_)));
        if all_done {
            let ok = app
                .iter()
                .all(|s| matches!(s.state, ContainerState::Terminated(t) if t.exit_code == 0));
            self.finish_pod(p, if ok { Phase::Succeeded } else { Phase::Failed });
        } else {
            self.notify(Watch::JobPodChanged(p));
        }
    }

    /// restartPolicy OnFailure: the container waits out its back-off.
    /// `restartCount` counts restarts done, so it grows when the new
    /// container starts (`restart_after_crash`), not now: during
    /// CrashLoopBackOff it shows the restarts so far.
    fn restart_container(&mut self, p: u32, c: u8, term: Terminated) {
        let pod = &mut self.store.pods[p as usize];
        let status = &mut pod.containers[c as usize];
        status.last = Some(Box::new(term));
        let (delay, step) = crash_backoff(status.crash_backoff, term.finished.since(term.started));
        status.crash_backoff = step;
        // Without a back-off the kubelet restarts it at its next sync: the
        // status shows the exit until then, not CrashLoopBackOff.
        status.state = if delay > Duration::ZERO {
            ContainerState::Waiting(WaitReason::CrashLoopBackOff)
        } else {
            ContainerState::Terminated(term)
        };
        if delay > Duration::ZERO {
            self.record(ObjRef::Pod(p), Reason::BackOff { c });
        }
        self.mark_pod_not_ready(p);
        self.notify(Watch::JobPodChanged(p));
        self.arm(p, delay, PodTimer::RestartAfterCrash { c });
    }

    fn restart_after_crash(&mut self, p: u32, c: u8) {
        let pod = &mut self.store.pods[p as usize];
        pod.containers[c as usize].restart_count += 1;
        self.notify(Watch::JobPodChanged(p));
        self.kubelet_start_container(p, c);
    }

    /// The pod reached a terminal phase on its own.
    fn finish_pod(&mut self, p: u32, phase: Phase) {
        let pod = &mut self.store.pods[p as usize];
        pod.phase = phase;
        pod.finished_at = crate::clock::Stamp::at(self.now);
        pod.epoch += 1;
        self.mark_pod_not_ready(p);
        self.notify(Watch::PodReleased(p));
        self.notify(Watch::JobPodChanged(p));
    }

    /// Whether pod `p` is bound to a node whose kubelet is not running.
    fn kubelet_down(&self, p: u32) -> bool {
        self.store.pods[p as usize]
            .node
            .get()
            .is_some_and(|n| self.store.nodes[n as usize].heartbeat_lost.is_some())
    }

    /// Graceful deletion: containers get `podTermination` to stop. On a
    /// silent node nothing stops them: the pod stays Terminating until
    /// the kubelet is back or PodGC removes it.
    pub(crate) fn kubelet_delete(&mut self, p: u32, why: PodReason) {
        let now = self.now;
        let pod = &mut self.store.pods[p as usize];
        if pod.deletion.is_some() || !pod.exists() {
            return;
        }
        pod.deletion = crate::clock::Stamp::at(now);
        if why.disruption_target().is_some() {
            pod.reason = Some(why);
        }
        if pod.node.is_none() || pod.phase.is_terminal() {
            self.kubelet_force_gone(p);
            return;
        }
        if self.kubelet_down(p) {
            self.notify(Watch::JobPodChanged(p));
            return;
        }
        let pod = &mut self.store.pods[p as usize];
        pod.epoch += 1;
        let running: Vec<u8> = (0..pod.containers.len() as u8)
            .filter(|&c| pod.containers[c as usize].is_running())
            .collect();
        for c in running {
            self.record(ObjRef::Pod(p), Reason::Killing { c });
        }
        self.mark_pod_not_ready(p);
        self.arm(p, self.timings.pod_termination, PodTimer::Terminated);
        self.notify(Watch::JobPodChanged(p));
    }

    fn kubelet_pod_terminated(&mut self, p: u32) {
        self.pod_terminated(p, TermReason::Error);
    }

    /// The pod's running containers end with exit code 137 (killed, or
    /// not found after a node restart), it turns terminal and is removed.
    fn pod_terminated(&mut self, p: u32, reason: TermReason) {
        let now = self.now;
        let pod = &mut self.store.pods[p as usize];
        for s in pod.containers.iter_mut() {
            if let ContainerState::Running { since } = s.state {
                s.state = ContainerState::Terminated(Terminated {
                    exit_code: 137,
                    reason,
                    started: since,
                    finished: now,
                });
            }
        }
        let ok = pod
            .app()
            .iter()
            .all(|s| matches!(s.state, ContainerState::Terminated(t) if t.exit_code == 0));
        let phase = if ok { Phase::Succeeded } else { Phase::Failed };
        self.finish_pod(p, phase);
        self.store.pods[p as usize].gone = crate::clock::Stamp::at(now);
    }

    /// The kubelet is back after its node restarted. The machine lost
    /// every container: a pod marked for deletion finishes terminating;
    /// otherwise running containers are reported `ContainerStatusUnknown`
    /// (exit 137) and handled as any exit (restart for OnFailure, pod
    /// Failed for Never), and containers that were waiting start again.
    pub(crate) fn kubelet_node_restarted(&mut self, p: u32) {
        let pod = &self.store.pods[p as usize];
        if pod.phase.is_terminal() || !pod.exists() {
            return;
        }
        if pod.deletion.is_some() {
            self.pod_terminated(p, TermReason::ContainerStatusUnknown);
            return;
        }
        let n = pod.containers.len() as u8;
        let n_init = pod.n_init;
        for c in 0..n {
            let pod = &self.store.pods[p as usize];
            if pod.phase.is_terminal() {
                break;
            }
            match pod.containers[c as usize].state {
                ContainerState::Running { .. } => {
                    self.container_terminated(p, c, 137, TermReason::ContainerStatusUnknown);
                }
                ContainerState::Waiting(WaitReason::CrashLoopBackOff) => {
                    self.restart_after_crash(p, c)
                }
                ContainerState::Waiting(_) if c < n_init || pod.init().iter().all(|i| {
                    matches!(i.state, ContainerState::Terminated(t) if t.exit_code == 0)
                }) =>
                {
                    self.kubelet_start_container(p, c);
                    if c < n_init {
                        // Init containers run one at a time.
                        break;
                    }
                }
                _ => {}
            }
        }
    }

    /// Removes a pod from the API at once (garbage collection, PodGC).
    pub(crate) fn kubelet_force_gone(&mut self, p: u32) {
        let now = self.now;
        let pod = &mut self.store.pods[p as usize];
        if !pod.exists() {
            return;
        }
        if pod.deletion.is_none() {
            pod.deletion = crate::clock::Stamp::at(now);
        }
        if !pod.phase.is_terminal() {
            if pod.node.is_some() {
                self.finish_pod(p, Phase::Failed);
            } else {
                let pod = &mut self.store.pods[p as usize];
                pod.phase = Phase::Failed;
                pod.finished_at = crate::clock::Stamp::at(now);
                pod.epoch += 1;
                self.notify(Watch::JobPodChanged(p));
            }
        } else {
            self.notify(Watch::PodReleased(p));
        }
        self.store.pods[p as usize].gone = crate::clock::Stamp::at(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crashloop_backoff_doubles_to_five_minutes() {
        let got: Vec<u64> = (1..=8).map(|n| restart_delay(n).as_secs()).collect();
        assert_eq!(got, vec![0, 10, 20, 40, 80, 160, 300, 300]);
    }

    #[test]
    fn crash_backoff_resets_after_ten_minutes_of_running() {
        // flowcontrol.Backoff: hasExpired after 2 × maxDuration (5 min).
        let short = Duration::from_secs(5);
        let mut step = 0;
        let mut delays = Vec::new();
        for _ in 0..4 {
            let (d, s) = crash_backoff(step, short);
            delays.push(d.as_secs());
            step = s;
        }
        assert_eq!(delays, vec![0, 10, 20, 40]);
        assert_eq!(
            crash_backoff(step, Duration::from_secs(601)),
            (Duration::ZERO, 1)
        );
        assert_eq!(
            crash_backoff(1, short).0,
            Duration::from_secs(10),
            "starts over at 10 s"
        );
        assert_eq!(
            crash_backoff(step, Duration::from_secs(600)).0,
            Duration::from_secs(80)
        );
        assert_eq!(
            crash_loop_message(3, "c", "p", "u-1"),
            "back-off 20s restarting failed container=c pod=p_default(u-1)"
        );
    }
}
