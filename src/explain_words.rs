//! A real Job's explanation lines in English (the core's `Display`) and
//! Korean. Used by the tools worker only, so the page's bundle does not
//! carry these words.

use jobsim::job::explain::power;

/// A line explaining a real Job (from its recording or describe text).
pub fn line(ko: bool, l: &jobsim::recording::ExplainLine) -> String {
    use jobsim::recording::{span, ExplainLine as L};
    if !ko {
        return l.to_string();
    }
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
