//! Lessons: scenarios with a `spec.lesson` card, one per claim of the
//! study log the playground grew from, and what a lesson's stated
//! outcome means for a run.

use crate::scenario::Outcome;
use crate::world::World;

/// The lessons gallery, in order: file under `tests/fixtures/lessons/`
/// (served as `fixtures/lessons/`) and its title in English and Korean
/// (the file's `spec.lesson.title`, checked by a test).
pub const GALLERY: [(&str, &str, &str); 11] = [
    (
        "01-backoff-limit.yaml",
        "Why did my Job retry 7 times, each later than the last?",
        "Job이 왜 7번이나, 그것도 점점 늦게 재시도했을까?",
    ),
    (
        "02-completions-parallelism.yaml",
        "How does a Job run several pods?",
        "Job은 파드 여러 개를 어떻게 실행할까?",
    ),
    (
        "03-one-container-fails.yaml",
        "One container fails, the whole pod fails",
        "컨테이너 하나가 실패하면 파드 전체가 실패한다",
    ),
    (
        "04-completion.yaml",
        "When is a Job complete?",
        "Job은 언제 완료될까?",
    ),
    (
        "05-node-failure.yaml",
        "A node fails; the Job runs the pod elsewhere",
        "노드가 고장 나면 Job은 다른 곳에서 파드를 실행한다",
    ),
    (
        "06-delete-job.yaml",
        "Deleting a Job deletes its pods",
        "Job을 지우면 그 파드도 지워진다",
    ),
    (
        "07-shell-order.yaml",
        "Steps in order are the shell's job",
        "단계의 순서는 셸이 정한다",
    ),
    (
        "08-swallowed-error.yaml",
        "Completed, yet the work failed",
        "Completed인데 작업은 실패했다",
    ),
    (
        "09-cronjob-history.yaml",
        "A CronJob makes a Job every minute and keeps the newest three",
        "CronJob은 매분 Job을 만들고 최근 세 개를 남긴다",
    ),
    (
        "10-placement.yaml",
        "A GPU pod waits for a GPU node",
        "GPU 파드는 GPU 노드를 기다린다",
    ),
    (
        "11-work-queue.yaml",
        "A work queue of parallel pods",
        "병렬 파드로 처리하는 작업 큐",
    ),
];

/// The exercises (`tests/fixtures/exercises/`, fetched as
/// `fixtures/exercises/FILE`): file and title in English and Korean.
pub const EXERCISES: [(&str, &str, &str); 7] = [
    ("01-fail-fast.yaml", "Give up sooner", "더 빨리 포기하기"),
    (
        "02-deadline.yaml",
        "A deadline for a stuck Job",
        "멈춘 Job에 기한 두기",
    ),
    (
        "03-parallel.yaml",
        "Six frames in time",
        "프레임 여섯 장을 시간 안에",
    ),
    (
        "04-forbid.yaml",
        "One report at a time",
        "보고서는 한 번에 하나",
    ),
    (
        "05-history.yaml",
        "Keep only the last run",
        "마지막 실행만 남기기",
    ),
    (
        "06-pod-failure-policy.yaml",
        "A bug is not worth a retry",
        "버그는 재시도할 가치가 없다",
    ),
    (
        "07-onfailure.yaml",
        "Restarts are failures too",
        "재시작도 실패다",
    ),
];

/// Whether the world shows the outcome (at the end of the run).
pub fn outcome_met(w: &World, o: &Outcome) -> bool {
    if let (Some(j), Some(c)) = (&o.job, &o.condition) {
        let job = w.job_by_name(j).map(|i| &w.jobs()[i as usize]);
        return match (c.as_str(), job) {
            ("deleted", None) => {
                w.jobs().iter().any(|x| x.name == *j && x.deleted.is_some())
                    && !w
                        .pods()
                        .iter()
                        .any(|p| p.exists() && w.jobs()[p.job as usize].name == *j)
            }
            ("none", Some(job)) => job.terminal_condition().is_none(),
            (c, Some(job)) => job
                .terminal_condition()
                .is_some_and(|t| t.kind.as_str() == c),
            _ => false,
        };
    }
    if let (Some(c), Some(n)) = (&o.cronjob, o.jobs) {
        return w
            .cronjob_by_name(c)
            .is_some_and(|i| w.cronjobs()[i as usize].jobs.len() as u32 == n);
    }
    false
}
