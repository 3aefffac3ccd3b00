//! Korean (한국어). Kubernetes field names, reasons and kubectl's own text
//! stay in English, as Korean documentation writes them.

use super::{power, secs, span, Words};
use crate::cronjob::explain::{DayWords, Decided, Final, Next, ScheduleWords, TimeWords};
use crate::cronjob::ConcurrencyPolicy;
use crate::exercise::GoalResult;
use crate::job::explain::{Explanation, Limit};
use crate::job::FailureBudget;
use crate::lesson_form::Goal;
use crate::link::LinkError;
use crate::manifest::SourceError;
use crate::nodelifecycle::NodeLossNote;
use crate::note::Note;
use crate::recording::ExplainLine;
use crate::scenario::Outcome;
use crate::validation::{ErrorType, ScenarioRule};

/// Korean.
#[derive(Clone, Copy, Debug)]
pub struct Ko;

impl Words for Ko {
    /// A Job's explanation line.
    fn explanation(&self, e: &Explanation) -> String {
        match e {
            Explanation::Deleted => "삭제됨: 가비지 컬렉터가 파드를 지웁니다 (연쇄 삭제).".into(),
            Explanation::Complete { reason, succeeded, completions } => {
                let goal = completions.map_or("작업 큐가 끝났습니다".to_string(), |c| format!("completions {c}에 도달했습니다"));
                format!("완료 ({reason}): 파드 {succeeded}개가 성공해 {goal}.")
            }
            Explanation::FailedOnFailure { backoff_limit } => format!(
                "실패 (BackoffLimitExceeded): restartPolicy OnFailure에서는 컨테이너 재시작이 backoffLimit {backoff_limit}에 셈해집니다. 한도에 닿아 실행 중인 파드가 삭제되었습니다."
            ),
            Explanation::FailedBackoff { failed, backoff_limit } => format!(
                "실패 (BackoffLimitExceeded): 파드 {failed}개가 실패해 backoffLimit {backoff_limit}(첫 시도 + 재시도 {backoff_limit}번)을 넘었습니다. 더는 파드를 만들지 않습니다."
            ),
            Explanation::FailedDeadline { deadline } => format!(
                "실패 (DeadlineExceeded): Job이 activeDeadlineSeconds({})보다 오래 실행되었습니다. 파드는 삭제되고 실패로 셈해졌습니다.",
                deadline.map(secs).unwrap_or_default()
            ),
            Explanation::FailedOther { reason, message } => format!("실패 ({reason}): {message}"),
            Explanation::Succeeding { reason, terminating } => format!(
                "성공 ({reason}): 종료 중인 파드 {terminating}개가 끝나기를 기다린 뒤 Complete가 붙습니다 (Kubernetes 1.31+). 장애 난 노드의 파드는 노드가 돌아오거나 제거될 때까지 Terminating으로 남습니다."
            ),
            Explanation::Failing { reason, terminating } => format!(
                "실패 예정 ({reason}): 종료 중인 파드 {terminating}개가 끝나면 Failed 조건이 붙습니다 (Kubernetes 1.31+). 장애 난 노드의 파드는 노드가 돌아오거나 제거될 때까지 Terminating으로 남습니다."
            ),
            Explanation::Suspended => "일시 중지됨: spec.suspend가 false가 될 때까지 파드를 실행하지 않습니다. 삭제된 파드는 실패로 셈하지 않았습니다.".into(),
            Explanation::BackOff { remaining, failures, delay, capped, since } => format!(
                "다음 파드는 {} 뒤: 연속 실패 {failures}번에 따른 지수 백오프, 10 s × 2{} = {}{}{}.",
                secs(*remaining),
                power(failures.saturating_sub(1)),
                secs(*delay),
                if *capped { ", 최대 10분으로 제한" } else { "" },
                since.as_ref().map(|t| format!(", 마지막 실패 시각 {t}부터")).unwrap_or_default()
            ),
            Explanation::Unschedulable { count, message } => format!("파드 {count}개를 스케줄할 수 없습니다: {message}"),
            Explanation::FirstSync => "Job 컨트롤러의 첫 동기화를 기다리는 중입니다.".into(),
            Explanation::Running { active, ready, succeeded, completions, limit } => {
                let goal = match completions {
                    Some(c) => format!("{succeeded}/{c} 성공"),
                    None => format!("{succeeded}개 성공 (작업 큐: 하나가 성공하고 나머지가 끝나면 완료)"),
                };
                let limit = match limit {
                    Limit::PerIndex { failed_indexes, failed_text, per_index, max_failed_indexes } => format!(
                        "실패한 인덱스 {failed_indexes}개{}; 인덱스마다 재시도 {per_index}번 (backoffLimitPerIndex){}",
                        if failed_text.is_empty() { String::new() } else { format!(" ({failed_text})") },
                        max_failed_indexes.map_or(String::new(), |m| format!(", 실패한 인덱스가 {m}개를 넘으면 Job이 실패합니다"))
                    ),
                    Limit::OnFailure { restarts, backoff_limit } => format!(
                        "지금까지 컨테이너 재시작 {restarts}번; 재시작이 backoffLimit {backoff_limit}에 닿으면 Job이 실패합니다"
                    ),
                    Limit::Count { failed, backoff_limit } => format!(
                        "실패 {failed}개; backoffLimit {backoff_limit}보다 많이 실패하면 Job이 실패합니다"
                    ),
                };
                format!("실행 중인 파드 {active}개 (준비 {ready}개), {goal}; {limit}.")
            }
        }
    }

    /// A CronJob's decision line.
    fn cron_final(&self, f: &Final) -> String {
        match f {
            Final::NoZone(e) => format!("Job 없음: 시간대를 불러올 수 없어({e}) 컨트롤러가 UnknownTimeZone을 기록하고 멈춥니다."),
            Final::Suspended => "일시 중지됨: 새 Job을 만들지 않습니다(실행 중인 Job은 계속). 재개하면 놓친 가장 최근 시각이 startingDeadlineSeconds 안이면 바로 실행됩니다.".into(),
            Final::InvalidSchedule(e) => format!("Job 없음: {e} (InvalidSchedule); 컨트롤러가 다시 큐에 넣지 않습니다."),
            Final::UnknownTimeZone(e) => format!("Job 없음: {e}."),
            Final::NameTaken { scheduled, job } => format!("{scheduled} 실행 안 됨: 이름이 {job}인 Job이 이미 있고 이 CronJob이 관리하지 않습니다."),
        }
    }

    fn cron_decided(&self, d: &Decided) -> String {
        match d {
            Decided::Created { job, scheduled, replaced, missed } => {
                let mut s = format!("{scheduled} 실행분으로 {job}을(를) 만들었습니다");
                if !replaced.is_empty() {
                    s.push_str(&format!(" ({}을(를) 지운 뒤, concurrencyPolicy Replace)", replaced.join(", ")));
                }
                match missed {
                    Some(true) => s.push_str(": 놓친 시작 시각이 100개를 넘어(TooManyMissedTimes) 가장 최근 것만 실행합니다"),
                    Some(false) => s.push_str(": 놓친 시작 시각이 있어 가장 최근 것만 실행하고, 나머지는 보충하지 않습니다"),
                    None => {}
                }
                s.push('.');
                s
            }
            Decided::SkippedForbid { scheduled, active, deadline } => format!(
                "{scheduled} 건너뜀: concurrencyPolicy Forbid이고 {active}이(가) 아직 실행 중입니다. lastScheduleTime이 그대로라 끝나면 늦게 실행됩니다{}.",
                deadline.map(|s| format!(" (startingDeadlineSeconds {s} s 안이라면)")).unwrap_or_default()
            ),
            Decided::MissedDeadline { scheduled, deadline } => format!(
                "{scheduled} 놓침: startingDeadlineSeconds({deadline} s)보다 늦어 Job을 만들지 않습니다 (MissSchedule)."
            ),
            Decided::ControllerDown { until } => format!(
                "CronJob 컨트롤러가 {until}까지 멈춰 있습니다. 그 사이 시각은 놓치고, 돌아오면 가장 최근 것만 실행합니다(startingDeadlineSeconds 안이라면)."
            ),
        }
    }

    fn cron_next(&self, n: &Next) -> String {
        let at = &n.at;
        match &n.active {
            Some((ConcurrencyPolicy::Forbid, j)) => {
                format!("다음: {at} ({j}이(가) 아직 실행 중이면 건너뜀: Forbid)")
            }
            Some((ConcurrencyPolicy::Replace, j)) => {
                format!("다음: {at} ({j}이(가) 아직 실행 중이면 교체: Replace)")
            }
            Some((ConcurrencyPolicy::Allow, _)) => {
                format!("다음: {at} (실행 중인 Job과 함께 실행: Allow)")
            }
            None => format!("다음: {at}"),
        }
    }

    /// A cron schedule in words.
    fn schedule(&self, w: &ScheduleWords) -> String {
        const DAYS: [&str; 7] = [
            "일요일",
            "월요일",
            "화요일",
            "수요일",
            "목요일",
            "금요일",
            "토요일",
        ];
        let nums = |v: &[u32]| {
            v.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let time = match &w.time {
            TimeWords::Every(d) => return format!("이전 실행부터 {d}마다"),
            TimeWords::EveryMinute => "매분".to_string(),
            TimeWords::MinuteOfHour(m) => format!("매시 {m}분"),
            TimeWords::EveryNMinutes(n) => format!("{n}분마다"),
            TimeWords::MinutesOfHour(ms) => format!("매시 {}분", nums(ms)),
            TimeWords::At(t) => format!(
                "{}에",
                t.iter()
                    .map(|(h, m)| format!("{h:02}:{m:02}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            TimeWords::MinutesPastHours(ms, hs) => format!("{}시의 {}분", nums(hs), nums(ms)),
        };
        let days = |v: &[u32]| {
            v.iter()
                .map(|d| DAYS[*d as usize])
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::new();
        if let Some(m) = &w.months {
            out.push_str(&format!("{}월 ", nums(m)));
        }
        match &w.days {
            DayWords::Every => {}
            DayWords::DaysOfMonth(d) => out.push_str(&format!("매월 {}일 ", nums(d))),
            DayWords::Weekdays(d) => out.push_str(&format!("{} ", days(d))),
            DayWords::Both {
                days: d,
                and,
                weekdays,
            } => out.push_str(&format!(
                "매월 {}일 {} {} ",
                nums(d),
                if *and { "그리고" } else { "또는" },
                days(weekdays)
            )),
        }
        out.push_str(&time);
        out
    }

    /// A note on a simplification or limit that applied.
    fn note(&self, n: &Note) -> String {
        use crate::note::StopReason;
        match n {
            Note::ManagedElsewhere { job, manager } => format!(
                "Job {job:?}에 spec.managedBy: {manager:?}가 있어 기본 Job 컨트롤러가 관여하지 않습니다: 파드를 만들지 않습니다."
            ),
            Note::CronJobUtc => "spec.timeZone이 없는 CronJob은 여기서 UTC로 실행됩니다. 실제 클러스터는 kube-controller-manager의 로컬 시간대(보통 UTC)를 씁니다.".into(),
            Note::ShortenedNodeLoss { grace, toleration } => format!(
                "노드 장애를 짧게 줄인 시간으로 실행합니다: 고장 난 노드는 {grace} 뒤 NotReady가 되고(upstream의 nodeMonitorGracePeriod는 {}), 파드는 unreachable taint를 {toleration}s 동안 견딥니다(upstream 기본값은 {}s).",
                crate::timing::NODE_MONITOR_GRACE_PERIOD,
                crate::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS
            ),
            Note::Stopped(StopReason::PodLimit(n)) => format!(
                "시뮬레이션 중단: 플레이그라운드는 파드를 최대 {n}개까지 시뮬레이션합니다. 아직 실행 중인 Job은 실제 클러스터에서라면 계속됩니다."
            ),
            Note::Stopped(StopReason::Horizon(t)) => format!(
                "시뮬레이션 중단: {} 한계에 닿았지만 할 일이 남았습니다. 아직 실행 중인 Job은 실제 클러스터에서라면 계속됩니다.",
                t.since(crate::Time::ZERO)
            ),
        }
    }

    /// Where a crashed node is in the node-loss story.
    fn node_note(&self, n: &NodeLossNote) -> String {
        let short = |s: bool| {
            if s {
                format!(
                    " 짧게 줄인 시간이 켜져 있습니다(timings.fastNodeLoss 또는 직접 준 값); upstream은 {}, 이어서 {}s를 기다립니다.",
                    crate::timing::NODE_MONITOR_GRACE_PERIOD,
                    crate::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS
                )
            } else {
                String::new()
            }
        };
        match n {
            NodeLossNote::Silent { since, grace, not_ready_at, shortened } => format!(
                "{since}부터 응답 없음: API에는 아직 Ready와 Running 파드로 보입니다. nodeMonitorGracePeriod({grace})가 지나면 노드 수명주기 컨트롤러가 NotReady로 표시합니다({not_ready_at}).{}",
                short(*shortened)
            ),
            NodeLossNote::Unreachable { since, toleration, evict_from, shortened } => format!(
                "{since}부터 NotReady이고 node.kubernetes.io/unreachable:NoExecute taint가 붙었습니다. 파드는 톨러레이션이 끝나면 삭제되며(tolerationSeconds {toleration}, {evict_from}부터), 노드가 돌아오거나 Node 객체가 삭제될 때까지 Terminating으로 남습니다.{}",
                short(*shortened)
            ),
            NodeLossNote::EvictionsHeld { since, full: true } => format!(
                "{since}부터 NotReady입니다. 모든 노드가 NotReady라서 노드 수명주기 컨트롤러는 문제가 자기 쪽에 있다고 보고(full disruption) NoExecute taint를 떼고, 노드 하나가 다시 Ready가 될 때까지 아무 파드도 축출하지 않습니다. 파드는 API에서 not ready로 표시된 채 Running으로 남습니다."
            ),
            NodeLossNote::EvictionsHeld { since, full: false } => format!(
                "{since}부터 NotReady입니다. 이 zone의 노드 중 세 개 이상, {}% 이상이 NotReady이고 zone의 노드가 {}개 이하라서(partial disruption) 노드 수명주기 컨트롤러는 노드가 더 Ready가 될 때까지 여기서 아무 파드도 축출하지 않습니다. 파드는 API에서 not ready로 표시된 채 Running으로 남습니다.",
                (crate::timing::UNHEALTHY_ZONE_THRESHOLD * 100.0).round(),
                crate::timing::LARGE_CLUSTER_THRESHOLD
            ),
        }
    }

    /// A Job's failure budget bar.
    fn budget(&self, b: &FailureBudget) -> String {
        match b {
            FailureBudget::FailedPods {
                failed,
                backoff_limit,
                fails_at,
            } => {
                format!("실패 {failed} / backoffLimit {backoff_limit} ({fails_at}번째에 실패)")
            }
            FailureBudget::Restarts {
                restarts,
                backoff_limit,
                fails_at,
            } => {
                format!(
                    "재시작 {restarts} / backoffLimit {backoff_limit} (재시작 {fails_at}번에 실패)"
                )
            }
            FailureBudget::PerIndex {
                backoff_limit_per_index,
                failed_indexes,
                failed_pods,
                ..
            } => {
                let (which, max) = b.per_index_suffixes();
                format!("실패한 인덱스 {failed_indexes}개{which}{max} · backoffLimitPerIndex {backoff_limit_per_index} · 실패 파드 {failed_pods}개")
            }
        }
    }

    /// A goal's statement.
    fn goal(&self, g: &Goal) -> String {
        use crate::exercise::{bounds, target_text, Bound, Measure};
        let target = target_text(g);
        if let Some(m) = g.measure {
            let words = match m {
                Measure::Pods => "만든 파드 수",
                Measure::Failed => "실패한 파드 수",
                Measure::Succeeded => "성공한 파드 수",
                Measure::Restarts => "컨테이너 재시작 수",
                Measure::FinishedAt => "끝난 시각",
                Measure::JobsCreated => "만든 Job 수",
                Measure::JobsKept => "남긴 Job 수",
                Measure::MaxActive => "동시에 활성인 Job의 최대 수",
                Measure::Skipped => "건너뛴 실행 수",
            };
            let b: Vec<String> = bounds(g)
                .into_iter()
                .map(|(b, v)| match b {
                    Bound::Exactly => v,
                    Bound::AtLeast => format!("{v} 이상"),
                    Bound::AtMost => format!("{v} 이하"),
                })
                .collect();
            return format!("{target}: {words}은(는) {}이어야 합니다", b.join(", "));
        }
        if let Some(f) = &g.field {
            let want = crate::exercise::wanted_text(g);
            return format!("{target}: {f}은(는) {want}이어야 합니다");
        }
        match (&g.condition, &g.reason) {
            (Some(c), Some(r)) => format!("{target}은(는) {c}({r})로 끝나야 합니다"),
            (Some(c), None) => format!("{target}은(는) {c}로 끝나야 합니다"),
            (None, Some(r)) => format!("{target}은(는) {r} 이유로 끝나야 합니다"),
            (None, None) => format!("{target}은(는) 끝나야 합니다"),
        }
    }

    /// A checked goal: its statement and what the run showed.
    fn got(&self, r: &GoalResult) -> String {
        use crate::exercise::{amount_text, Got, Measure};
        match &r.got {
            Got::Missing => "실행에 그런 객체가 없습니다".to_string(),
            Got::Condition(Some((k, why))) => format!("{k}({why})로 끝났습니다"),
            Got::Condition(None) | Got::Amount(None) => "아직 끝나지 않았습니다".to_string(),
            Got::Amount(Some(v)) => format!(
                "실행 결과 {}",
                amount_text(r.goal.measure.unwrap_or(Measure::Pods), *v)
            ),
            Got::Field(Some(v)) => format!("지금 값은 {v}"),
            Got::Field(None) => "값이 없습니다".to_string(),
        }
    }

    /// A lesson's outcome line.
    fn outcome(&self, o: &Outcome) -> String {
        match (&o.job, &o.condition, &o.cronjob, o.jobs) {
            (Some(j), Some(c), _, _) if c == "deleted" => {
                format!("Job {j}이(가) 삭제되고 그 파드들도 함께 삭제됩니다.")
            }
            (Some(j), Some(c), _, _) if c == "none" => format!("Job {j}은(는) 아직 실행 중입니다."),
            (Some(j), Some(c), _, _) => format!("Job {j}은(는) {c}로 끝납니다."),
            (_, _, Some(c), Some(n)) => format!("CronJob {c}은(는) 끝난 Job {n}개를 남깁니다."),
            _ => String::new(),
        }
    }

    /// Why a shared link did not open.
    fn link_error(&self, e: &LinkError) -> String {
        let why = match e {
            LinkError::TooLong(n) => format!("링크가 {n}자로, 플레이그라운드가 읽는 최대 길이({})보다 깁니다", crate::link::MAX_FRAGMENT),
            LinkError::UnknownVersion(v) => format!("링크 형식 {v:?}은(는) 이 플레이그라운드가 모르는 형식입니다 (v1 링크와 예전 #m= 링크를 읽습니다)"),
            LinkError::NotBase64 => "링크가 손상되었습니다: base64url이 아닌 문자가 있습니다".into(),
            LinkError::Truncated => "링크가 잘렸습니다: 압축 데이터가 중간에 끝납니다 (전체를 복사했는지 확인하세요)".into(),
            LinkError::Corrupt => "링크가 손상되었습니다: 압축 데이터를 풀 수 없습니다".into(),
            LinkError::TooLarge => format!("링크를 풀면 {} KiB를 넘어, 플레이그라운드가 받는 크기보다 큽니다", crate::link::MAX_TEXT / 1024),
            LinkError::NotText => "링크에 UTF-8 텍스트가 없습니다".into(),
            LinkError::BadHeader => "링크의 머리 줄(가상 시각과 화면)이 잘못되었습니다".into(),
        };
        format!("공유 링크를 열 수 없습니다: {why}.")
    }

    /// An editor error. Korean words the playground's own Scenario rules
    /// fully and the error type of the API server's field errors; their
    /// field paths and upstream messages stay as kubectl prints them.
    fn source_error(&self, e: &SourceError) -> String {
        let Some(d) = e.detail.as_deref() else {
            return e.message.clone();
        };
        let err = &d.error;
        let own = |text: String| format!("{} \"{}\": {text}", d.kind, d.name);
        match err.rule {
            Some(ScenarioRule::ActionPastEnd { at, end }) => own(format!(
                "{}: 동작 시각 {at}이(가) 실행이 끝나는 {end}보다 늦습니다 (spec.until, 없으면 24h).",
                err.path
            )),
            Some(ScenarioRule::TargetNotFound) => own(format!(
                "{}: 실행에 없는 대상 {}을(를) 가리킵니다.",
                err.path,
                err.value.as_deref().unwrap_or("")
            )),
            Some(ScenarioRule::BadStartTime) => own(format!(
                "{}: {}은(는) RFC 3339 시각이 아닙니다 ({}).",
                err.path,
                err.value.as_deref().unwrap_or(""),
                err.detail
            )),
            Some(ScenarioRule::UntilTooLong) => {
                own(format!("{}: 최대 8760h(1년)까지입니다.", err.path))
            }
            Some(ScenarioRule::FailureRateRange) => {
                own(format!("{}: 0과 1 사이여야 합니다.", err.path))
            }
            Some(ScenarioRule::AttemptFromOne) => {
                own(format!("{}: 시도 횟수는 1부터 셉니다.", err.path))
            }
            Some(ScenarioRule::CreateJobFromForm) => own(format!(
                "{}: cronjob/이름 형식이어야 합니다 (kubectl create job --from).",
                err.path
            )),
            Some(ScenarioRule::LessonForm) => own(format!(
                "{}: 이 플레이그라운드가 확인할 수 있는 형태가 아닙니다 ({}).",
                err.path, err.detail
            )),
            Some(ScenarioRule::DuplicateNode) => own(format!(
                "{}: 노드 이름 {}이(가) 중복됩니다.",
                err.path,
                err.value.as_deref().unwrap_or("")
            )),
            None => {
                let ty = match err.kind {
                    ErrorType::Required => "필수 값",
                    ErrorType::Invalid => "잘못된 값",
                    ErrorType::NotSupported => "지원하지 않는 값",
                    ErrorType::Duplicate => "중복된 값",
                    ErrorType::Forbidden => "금지됨",
                    ErrorType::TooMany => "너무 많음",
                    ErrorType::NotFound => "찾을 수 없음",
                };
                let mut s = format!(
                    "{} \"{}\"이(가) 유효하지 않습니다: {}: {ty}",
                    d.kind, d.name, err.path
                );
                if let Some(v) = &err.value {
                    s.push_str(&format!(": {v}"));
                }
                if !err.detail.is_empty() {
                    s.push_str(&format!(": {}", err.detail));
                }
                s
            }
        }
    }

    /// A line explaining a real Job (from its recording or describe text).
    fn explain_line(&self, l: &ExplainLine) -> String {
        use ExplainLine as L;
        let slower = |gap: i64, expected: u64| {
            if gap > expected as i64 {
                "더 길게"
            } else {
                "더 짧게"
            }
        };
        match l {
            L::Retry { pod, name, gap_s, failures, expected_s } => {
                let mut s = format!(
                    "파드 {pod} ({name})은 마지막 실패 {gap_s}초 뒤에 만들어졌습니다 (연속 {failures}번째 실패). 그 백오프는 10초 × 2{} = {expected_s}초",
                    power(failures - 1)
                );
                if !l.matches() {
                    s += &format!(
                        "; 1.34 코드보다 {}초 {} 기다렸습니다 (다른 릴리스의 규칙이거나 바쁜 컨트롤러)",
                        (gap_s - *expected_s as i64).abs(),
                        slower(*gap_s, *expected_s)
                    );
                }
                s
            }
            L::Finished { condition, reason, failed, backoff_limit } => {
                if reason == "BackoffLimitExceeded" {
                    format!("{condition} ({reason}): 파드 {failed}개가 실패해 backoffLimit {backoff_limit}을 넘었습니다")
                } else {
                    format!("{condition} ({reason})")
                }
            }
            L::Running => "종료 조건이 아직 없습니다: 기록할 때 Job이 실행 중이었습니다".into(),
            L::PodsGone { listed, counted } => format!(
                "실패한 파드는 {counted}개인데 {listed}개만 보입니다: 나머지는 삭제되어 시각을 알 수 없습니다"
            ),
            L::PodsNotRecorded => "기록에 파드가 없습니다 (kubectl get job,pods,events -o json으로 함께 기록하세요): 재시도 사이의 대기를 잴 수 없습니다".into(),
            L::NoEvents => "기록에 이벤트가 없습니다: API 서버는 이벤트를 마지막으로 본 뒤 한 시간만 보관합니다".into(),
            L::AgesRounded => "describe는 나이를 반올림합니다 (10분이 넘으면 분 단위): 아래 시각은 범위입니다. kubectl get job,pods,events -o json은 정확한 시각을 줍니다".into(),
            L::RetryWithin { pod, name, lo, hi, failures, expected_s } => {
                let mut s = format!(
                    "파드 {pod} ({name})은 파드 {} 뒤 {}에 만들어졌습니다: 그 파드의 실행 시간, 그리고 연속 {failures}번 실패 뒤의 백오프 10초 × 2{} = {expected_s}초",
                    pod - 1,
                    span(*lo, *hi),
                    power(failures - 1)
                );
                if !l.matches() {
                    s += "; 1.34 백오프만큼도 되지 않습니다: 이 클러스터는 더 짧게 기다렸습니다 (다른 릴리스의 규칙)";
                }
                s
            }
            L::EndedAfter { pod, lo, hi } => format!(
                "Job은 파드 {pod}이 만들어지고 {} 뒤에 끝났습니다 (1.34는 그 파드의 실패를 세는 즉시 끝냅니다)",
                span(*lo, *hi)
            ),
            L::WhichFailedUnknown => "describe는 어느 파드가 언제 실패했는지 보여 주지 않습니다 (여러 파드가 동시에 돌았거나 성공이 있음): 재시도 시각을 잴 수 없습니다".into(),
            L::EventsGone { listed, counted } => format!(
                "파드는 {counted}개인데 생성 이벤트는 {listed}개입니다: 오래된 이벤트는 만료되었습니다 (마지막으로 본 뒤 한 시간)"
            ),
        }
    }
}
