//! English and Korean. The page's fixed labels carry `data-i18n` (their
//! English text is the key) and one effect rewrites them when the language
//! changes; the core's structured data (Job explanations, Scenario
//! validation errors, link errors) is worded here. Kubernetes field names,
//! manifests, kubectl output and the API server's own messages stay as
//! kubectl prints them. No Kubernetes rule lives here: only words.

use jobsim::job::explain::{power, secs, Explanation, Limit};
use jobsim::link::LinkError;
use jobsim::manifest::SourceError;
use jobsim::validation::{ErrorType, ScenarioRule};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    En,
    Ko,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
}

const KEY: &str = "job-playground:lang";

/// The remembered language, else the browser's.
pub fn initial() -> Lang {
    let saved = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten());
    let code = saved
        .or_else(|| window().navigator().language())
        .unwrap_or_default();
    if code.starts_with("ko") {
        Lang::Ko
    } else {
        Lang::En
    }
}

/// Remembers the language, sets `<html lang>` and rewrites the labels.
pub fn apply(lang: Lang) {
    if let Some(s) = window().local_storage().ok().flatten() {
        let _ = s.set_item(KEY, lang.code());
    }
    let Some(doc) = window().document() else {
        return;
    };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.code());
    }
    for e in elements(&doc, "[data-i18n]") {
        if let Some(key) = e.get_attribute("data-i18n") {
            e.set_text_content(Some(tr(lang, &key)));
        }
    }
    // Tooltips: the English text is kept aside the first time.
    for e in elements(
        &doc,
        "header [title], .left [title], #nodes .panel-head [title]",
    ) {
        let en = match e.get_attribute("data-en-title") {
            Some(t) => t,
            None => {
                let t = e.get_attribute("title").unwrap_or_default();
                let _ = e.set_attribute("data-en-title", &t);
                t
            }
        };
        let _ = e.set_attribute("title", tr(lang, &en));
    }
}

/// The elements a selector matches.
fn elements(doc: &web_sys::Document, selector: &str) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(nodes) = doc.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|i| nodes.item(i).and_then(|n| n.dyn_into().ok()))
        .collect()
}

/// A fixed label in `lang` (its English text is the key).
pub fn tr(lang: Lang, en: &str) -> &str {
    if lang == Lang::En {
        return en;
    }
    match en {
        "Lessons" => "레슨",
        "Manifests" => "매니페스트",
        "Apply" => "적용",
        "Share" => "공유",
        "Open file" => "파일 열기",
        "Share link copied to the clipboard (and shown in the address bar)." => "공유 링크를 클립보드에 복사했습니다(주소 표시줄에도 보입니다).",
        "Click to move the clock." => "클릭하면 시계를 그 시각으로 옮깁니다.",
        "┈ back-off" => "┈ 백오프",
        "Actions happen at the current virtual time and are recorded into the Scenario, so a replay does the same." => {
            "동작은 현재 가상 시각에 일어나고 시나리오에 기록되므로, 다시 실행해도 똑같이 일어납니다."
        }
        "Match pods by Job, container, completion index and attempt (1 = first pod); empty fields match everything. Recorded as spec.behaviors in the Scenario." => {
            "Job, 컨테이너, 완료 인덱스, 시도 횟수(1 = 첫 파드)로 파드를 고릅니다. 빈 칸은 모두와 맞습니다. 시나리오의 spec.behaviors로 기록됩니다."
        }
        "pods by phase over time; one cell per index" => "시간에 따른 단계별 파드 수; 인덱스마다 한 칸",
        "Fix the errors in the editor, then apply again." => "편집기의 오류를 고친 뒤 다시 적용하세요.",
        "No cluster yet: press Apply first." => "아직 클러스터가 없습니다: 먼저 적용을 누르세요.",
        "Crash" => "고장 내기",
        "Bring back the text you had before the example or shared link replaced it" => "예제나 공유 링크가 바꾸기 전의 텍스트를 되돌립니다",
        "Build the cluster from these manifests (Ctrl+Enter)" => "이 매니페스트로 클러스터를 만듭니다 (Ctrl+Enter)",
        "Copy a link that opens the playground with this text, at this virtual time and view" => "이 텍스트를 이 가상 시각과 화면으로 여는 링크를 복사합니다",
        "Download the manifests and Scenario as one YAML file" => "매니페스트와 시나리오를 YAML 파일 하나로 내려받습니다",
        "Open a YAML file (or drop one on the editor)" => "YAML 파일을 엽니다 (편집기에 끌어다 놓아도 됩니다)",
        "Add a worker node (4 cpu, 16Gi) now; recorded as an addNode action" => "지금 워커 노드(4 cpu, 16Gi)를 추가합니다. addNode 동작으로 기록됩니다",
        "Simulate until nothing is left to do (or the Scenario's until, else 24 h)" => "할 일이 없을 때까지 시뮬레이션합니다 (시나리오의 until, 없으면 24 h)",
        "Back to time zero" => "시각 0으로 돌아갑니다",
        "Presenter view: the editor folds away, type grows; keys: Space play/pause, → step, R reset" => "발표 모드: 편집기를 접고 글자를 키웁니다. 키: Space 재생/일시정지, → 한 단계, R 처음으로",
        "Copy a link that opens this scenario, at this time, in presenter view" => "이 시나리오를 이 시각에 발표 모드로 여는 링크를 복사합니다",
        "Download every object and event at the current time as a v1 List (what `jobsim run FILE -o json` prints at the end of a run)" => "현재 시각의 모든 객체와 이벤트를 v1 List로 내려받습니다 (`jobsim run FILE -o json`이 실행 끝에 출력하는 것)",
        "The machine stops: no more heartbeats; the control plane notices after the grace period" => "머신이 멈춥니다: 하트비트가 끊기고, 컨트롤 플레인은 유예 기간이 지나야 알아챕니다",
        "The machine restarts and its kubelet reports again" => "머신이 다시 켜지고 kubelet이 다시 보고합니다",
        "Delete the Node object" => "Node 객체를 삭제합니다",
        "created by" => "만든 CronJob:",
        "Find a pod" => "파드 찾기",
        "Try: get pods, get jobs, describe job <name>, logs <pod>, get events; changes: delete pod <name>, patch job <name> -p {\"spec\":{\"parallelism\":3}}, cordon|uncordon|drain <node>" => {
            "예: get pods, get jobs, describe job <이름>, logs <파드>, get events; 바꾸기: delete pod <이름>, patch job <이름> -p {\"spec\":{\"parallelism\":3}}, cordon|uncordon|drain <노드>"
        }
        "Container" => "컨테이너",
        "Index" => "인덱스",
        "Attempt" => "시도",
        "Effect" => "효과",
        "Value" => "값",
        "exit code" => "종료 코드",
        "run duration" => "실행 시간",
        "failure rate (0–1)" => "실패 비율 (0–1)",
        "OOM kill" => "OOM 종료",
        "image pull fails" => "이미지 풀 실패",
        "❚❚ suspended" => "❚❚ 일시 중지",
        "⏱ scheduled" => "⏱ 예약됨",
        "Time zone:" => "시간대:",
        "Next runs" => "다음 실행",
        "Status" => "상태",
        "Last schedule:" => "마지막 예약:",
        "Last success:" => "마지막 성공:",
        "Active:" => "실행 중:",
        "most recent Jobs" => "최근 Job",
        "History" => "기록",
        " — deleted" => " — 삭제됨",
        "None (suspended, or no fire time within robfig/cron's 5-year search)." => "없음 (일시 중지되었거나 robfig/cron의 5년 탐색 안에 실행 시각이 없음).",
        "Recover" => "복구",
        "Remove" => "제거",
        "⤓ YAML" => "⤓ YAML 저장",
        "↶ Restore my text" => "↶ 내 텍스트 되돌리기",
        "Examples…" => "예제…",
        "▶ Play" => "▶ 재생",
        "❚❚ Pause" => "❚❚ 일시정지",
        "→ Step" => "→ 한 단계",
        "» Run to end" => "» 끝까지 실행",
        "⟲ Reset" => "⟲ 처음으로",
        "Present" => "발표 모드",
        "Presenter link" => "발표용 링크",
        "Jobs" => "Job",
        "Pods" => "파드",
        "Timeline" => "타임라인",
        "Nodes" => "노드",
        "+ Add node" => "+ 노드 추가",
        "Events" => "이벤트",
        "Inject failures" => "장애 주입",
        "Add behaviour" => "동작 추가",
        "At scale" => "대규모 보기",
        "CronJobs" => "CronJob",
        "Watch:" => "지켜볼 것:",
        "Fold" => "접기",
        "Predict first" => "먼저 예측하기",
        "Your answer" => "내 답",
        "Lock in" => "확정",
        "Exercise" => "연습 문제",
        "Exercises" => "연습 문제",
        "No difference yet: both runs show the same events so far." => "아직 차이가 없습니다: 지금까지 두 실행의 이벤트가 같습니다.",
        "Compare with a change" => "바꾼 사본과 비교하기",
        "A second copy of this scenario, one field changed, runs beside it on the same clock." => "필드 하나를 바꾼 이 시나리오의 사본이 같은 시계로 옆에서 실행됩니다.",
        "Job or CronJob" => "Job 또는 CronJob",
        "Field" => "필드",
        "Open compare" => "비교 열기",
        "Explain a real Job" => "실제 Job 설명하기",
        "A real cluster" => "실제 클러스터",
        "Run this scenario on a real control plane with KWOK: the files, a script for its actions, and how to compare the result." => "KWOK로 실제 컨트롤 플레인에서 이 시나리오를 돌립니다: 파일, 동작을 수행하는 스크립트, 결과를 비교하는 방법.",
        "⤓ KWOK files" => "⤓ KWOK 파일",
        "Paste kubectl describe job NAME, or kubectl get job,pods,events -o json, from a real cluster." => "실제 클러스터의 kubectl describe job NAME 또는 kubectl get job,pods,events -o json 출력을 붙여 넣으세요.",
        "Explain" => "설명",
        "Apply the manifests first." => "먼저 매니페스트를 적용하세요.",
        "Check" => "확인",
        "Running…" => "실행 중…",
        "Show lesson" => "레슨 펼치기",
        "The rule:" => "규칙:",
        "Outcome:" => "결과:",
        "Stop at:" => "멈출 시점:",
        "Edit or paste manifests on the left, then press Apply (Ctrl+Enter) to start the cluster." => {
            "왼쪽에 매니페스트를 쓰거나 붙여 넣고 적용(Ctrl+Enter)을 누르면 클러스터가 시작됩니다."
        }
        "YAML or JSON, several documents separated by ---. Tab indents; Esc then Tab leaves the editor; Ctrl+Enter applies. Saved in this browser as you type." => {
            "YAML 또는 JSON, 여러 문서는 ---로 구분합니다. Tab은 들여쓰기, Esc 후 Tab은 편집기를 벗어나고, Ctrl+Enter는 적용합니다. 입력하는 대로 이 브라우저에 저장됩니다."
        }
        "Kubernetes Job and CronJob controller semantics (batch/v1, Kubernetes 1.34), simulated in your browser" => {
            "Kubernetes Job·CronJob 컨트롤러의 동작(batch/v1, Kubernetes 1.34)을 브라우저에서 시뮬레이션합니다"
        }
        "Share link:" => "공유 링크:",
        other => other,
    }
}

/// The board's pod count.
pub fn pods(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} pods"),
        Lang::Ko => format!("파드 {n}개"),
    }
}

/// A back-off gap's label on the timeline, full or short (when the full
/// one has no room).
pub fn backoff_gap(lang: Lang, secs: u64, short: bool) -> String {
    match (lang, short) {
        (Lang::En, false) => format!("back-off {secs} s"),
        (Lang::En, true) => format!("{secs} s"),
        (Lang::Ko, false) => format!("백오프 {secs}초"),
        (Lang::Ko, true) => format!("{secs}초"),
    }
}

/// A prediction locked in, before the run reveals it.
pub fn predict_locked(lang: Lang, guess: u64) -> String {
    match lang {
        Lang::En => format!("Your answer: {guess}. Now run the clock to the end."),
        Lang::Ko => format!("내 답: {guess}. 이제 끝까지 실행해 보세요."),
    }
}

/// The run's answer against the learner's (if any).
pub fn predict_reveal(lang: Lang, guess: Option<u64>, key: u64, right: Option<bool>) -> String {
    match (lang, guess, right) {
        (Lang::En, Some(g), Some(true)) => format!("✔ Your answer {g}; the run: {key}. Right."),
        (Lang::En, Some(g), _) => format!("✖ Your answer {g}; the run: {key}."),
        (Lang::En, None, _) => format!("The run: {key}."),
        (Lang::Ko, Some(g), Some(true)) => format!("✔ 내 답 {g}, 실행 결과 {key}. 맞았습니다."),
        (Lang::Ko, Some(g), _) => format!("✖ 내 답 {g}, 실행 결과 {key}."),
        (Lang::Ko, None, _) => format!("실행 결과: {key}."),
    }
}

/// Compare mode's heading: the change of the second copy.
pub fn compare_heading(lang: Lang, change: &str) -> String {
    match lang {
        Lang::En => format!("Compared copy: {change}"),
        Lang::Ko => format!("비교 사본: {change}"),
    }
}

/// Where the two runs part (kubectl's event words stay as they are).
pub fn divergence(lang: Lang, d: Option<&jobsim::compare::Divergence>) -> String {
    let Some(d) = d else {
        return tr(
            lang,
            "No difference yet: both runs show the same events so far.",
        )
        .into();
    };
    let at = crate::sim::elapsed(d.at.ms());
    let side = |s: &Option<String>| s.clone().unwrap_or_else(|| "—".into());
    match lang {
        Lang::En => format!(
            "First difference at {at}: left {}; right {}",
            side(&d.left),
            side(&d.right)
        ),
        Lang::Ko => format!(
            "처음 달라진 때 {at}: 왼쪽 {}; 오른쪽 {}",
            side(&d.left),
            side(&d.right)
        ),
    }
}

/// The line under a checked exercise.
pub fn check_summary(lang: Lang, failed: usize, total: usize) -> String {
    match (lang, failed) {
        (Lang::En, 0) => format!("✔ All {total} goals met."),
        (Lang::En, n) => format!("✖ {n} of {total} goals not met."),
        (Lang::Ko, 0) => format!("✔ 목표 {total}개를 모두 이뤘습니다."),
        (Lang::Ko, n) => format!("✖ 목표 {total}개 중 {n}개를 이루지 못했습니다."),
    }
}

/// A goal's statement.
pub fn goal_text(lang: Lang, g: &jobsim::exercise::Goal) -> String {
    use jobsim::exercise::{bounds, target_text, Bound, Measure};
    if lang == Lang::En {
        return jobsim::exercise::goal_text(g);
    }
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
        let want = jobsim::exercise::wanted_text(g);
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
pub fn goal_result(lang: Lang, r: &jobsim::exercise::GoalResult) -> String {
    use jobsim::exercise::{amount_text, Got, Measure};
    if lang == Lang::En {
        return r.to_string();
    }
    let mark = if r.passed { "✔" } else { "✖" };
    let got = match &r.got {
        Got::Missing => "실행에 그런 객체가 없습니다".to_string(),
        Got::Condition(Some((k, why))) => format!("{k}({why})로 끝났습니다"),
        Got::Condition(None) | Got::Amount(None) => "아직 끝나지 않았습니다".to_string(),
        Got::Amount(Some(v)) => format!(
            "실행 결과 {}",
            amount_text(r.goal.measure.unwrap_or(Measure::Pods), *v)
        ),
        Got::Field(Some(v)) => format!("지금 값은 {v}"),
        Got::Field(None) => "값이 없습니다".to_string(),
    };
    format!("{mark} {}; {got}", goal_text(lang, &r.goal))
}

/// The board's line when there are too many pods for cards.
pub fn too_many(lang: Lang, n: usize) -> String {
    match lang {
        Lang::En => format!("{n} pods are too many for cards: the counts above, the charts below and the search show them."),
        Lang::Ko => format!("파드 {n}개는 카드로 보이기에 너무 많습니다: 위의 개수, 아래의 차트와 검색으로 보세요."),
    }
}

/// The page footer: the model's simplifications, with node loss's
/// upstream timings from the core.
pub fn footer(lang: Lang) -> String {
    use jobsim::timing::{
        DEFAULT_UNREACHABLE_TOLERATION_SECONDS as TOL, NODE_MONITOR_GRACE_PERIOD as GRACE,
    };
    match lang {
        Lang::En => format!(
            "Simplifications: image sizes, pod IPs and container runtimes are invented; a CronJob without spec.timeZone runs in UTC (a real cluster uses the kube-controller-manager's local zone). Node loss takes upstream's time ({GRACE} until NotReady, {TOL}s toleration) unless the Scenario's timings.fastNodeLoss shortens it."
        ),
        Lang::Ko => format!(
            "단순화한 점: 이미지 크기, 파드 IP, 컨테이너 런타임은 지어낸 값입니다. spec.timeZone이 없는 CronJob은 UTC로 실행됩니다(실제 클러스터는 kube-controller-manager의 로컬 시간대를 씁니다). 노드 장애는 upstream과 같은 시간이 걸리며(NotReady까지 {GRACE}, 톨러레이션 {TOL}s), 시나리오의 timings.fastNodeLoss로 줄일 수 있습니다."
        ),
    }
}

/// A lesson's outcome line.
pub fn outcome(lang: Lang, o: &jobsim::scenario::Outcome) -> String {
    if lang == Lang::En {
        return jobsim::lesson::outcome_text(o);
    }
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
pub fn link_error(lang: Lang, e: &LinkError) -> String {
    if lang == Lang::En {
        return format!("Could not open the shared link: {e}.");
    }
    let why = match e {
        LinkError::TooLong(n) => format!("링크가 {n}자로, 플레이그라운드가 읽는 최대 길이({})보다 깁니다", jobsim::link::MAX_FRAGMENT),
        LinkError::UnknownVersion(v) => format!("링크 형식 {v:?}은(는) 이 플레이그라운드가 모르는 형식입니다 (v1 링크와 예전 #m= 링크를 읽습니다)"),
        LinkError::NotBase64 => "링크가 손상되었습니다: base64url이 아닌 문자가 있습니다".into(),
        LinkError::Truncated => "링크가 잘렸습니다: 압축 데이터가 중간에 끝납니다 (전체를 복사했는지 확인하세요)".into(),
        LinkError::Corrupt => "링크가 손상되었습니다: 압축 데이터를 풀 수 없습니다".into(),
        LinkError::TooLarge => format!("링크를 풀면 {} KiB를 넘어, 플레이그라운드가 받는 크기보다 큽니다", jobsim::link::MAX_TEXT / 1024),
        LinkError::NotText => "링크에 UTF-8 텍스트가 없습니다".into(),
        LinkError::BadHeader => "링크의 머리 줄(가상 시각과 화면)이 잘못되었습니다".into(),
    };
    format!("공유 링크를 열 수 없습니다: {why}.")
}

/// A link that opened but whose scenario does not load.
pub fn link_does_not_load(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The shared link opened, but its scenario does not load: the errors are listed under the editor.",
        Lang::Ko => "공유 링크는 열렸지만 시나리오를 불러올 수 없습니다: 오류는 편집기 아래에 있습니다.",
    }
}

/// An editor error. Korean words the playground's own Scenario rules
/// fully and the error type of the API server's field errors; their
/// field paths and upstream messages stay as kubectl prints them.
pub fn error(lang: Lang, e: &SourceError) -> String {
    let Some(d) = e.detail.as_deref().filter(|_| lang == Lang::Ko) else {
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

/// A cron schedule in words.
pub fn schedule(lang: Lang, w: &jobsim::cronjob::explain::ScheduleWords) -> String {
    use jobsim::cronjob::explain::{DayWords, TimeWords};
    if lang == Lang::En {
        return w.to_string();
    }
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
pub fn note(lang: Lang, n: &jobsim::world::Note) -> String {
    use jobsim::world::{Note, StopReason};
    if lang == Lang::En {
        return n.to_string();
    }
    match n {
        Note::ManagedElsewhere { job, manager } => format!(
            "Job {job:?}에 spec.managedBy: {manager:?}가 있어 기본 Job 컨트롤러가 관여하지 않습니다: 파드를 만들지 않습니다."
        ),
        Note::CronJobUtc => "spec.timeZone이 없는 CronJob은 여기서 UTC로 실행됩니다. 실제 클러스터는 kube-controller-manager의 로컬 시간대(보통 UTC)를 씁니다.".into(),
        Note::ShortenedNodeLoss { grace, toleration } => format!(
            "노드 장애를 짧게 줄인 시간으로 실행합니다: 고장 난 노드는 {grace} 뒤 NotReady가 되고(upstream의 nodeMonitorGracePeriod는 {}), 파드는 unreachable taint를 {toleration}s 동안 견딥니다(upstream 기본값은 {}s).",
            jobsim::timing::NODE_MONITOR_GRACE_PERIOD,
            jobsim::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS
        ),
        Note::Stopped(StopReason::PodLimit(n)) => format!(
            "시뮬레이션 중단: 플레이그라운드는 파드를 최대 {n}개까지 시뮬레이션합니다. 아직 실행 중인 Job은 실제 클러스터에서라면 계속됩니다."
        ),
        Note::Stopped(StopReason::Horizon(t)) => format!(
            "시뮬레이션 중단: {} 한계에 닿았지만 할 일이 남았습니다. 아직 실행 중인 Job은 실제 클러스터에서라면 계속됩니다.",
            t.since(jobsim::Time::ZERO)
        ),
    }
}

/// A Job's failure budget bar.
pub fn budget(lang: Lang, b: &jobsim::job::FailureBudget) -> String {
    use jobsim::job::FailureBudget;
    if lang == Lang::En {
        return b.text();
    }
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
            format!("재시작 {restarts} / backoffLimit {backoff_limit} (재시작 {fails_at}번에 실패)")
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

/// A Job card's progress line.
pub fn progress(
    lang: Lang,
    succeeded: u64,
    completions: Option<u32>,
    active: u32,
    ready: u32,
) -> String {
    match (lang, completions) {
        (Lang::En, Some(c)) => {
            format!("✔ {succeeded} / {c} succeeded · {active} active ({ready} ready)")
        }
        (Lang::En, None) => {
            format!("✔ {succeeded} / work queue succeeded · {active} active ({ready} ready)")
        }
        (Lang::Ko, Some(c)) => format!("✔ {succeeded} / {c} 성공 · 실행 {active} (준비 {ready})"),
        (Lang::Ko, None) => format!("✔ {succeeded} / 작업 큐 성공 · 실행 {active} (준비 {ready})"),
    }
}

/// Where a crashed node is in the node-loss story.
pub fn node_note(lang: Lang, n: &jobsim::nodelifecycle::NodeLossNote) -> String {
    use jobsim::nodelifecycle::NodeLossNote;
    if lang == Lang::En {
        return n.to_string();
    }
    let short = |s: bool| {
        if s {
            format!(
                " 짧게 줄인 시간이 켜져 있습니다(timings.fastNodeLoss 또는 직접 준 값); upstream은 {}, 이어서 {}s를 기다립니다.",
                jobsim::timing::NODE_MONITOR_GRACE_PERIOD,
                jobsim::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS
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
            (jobsim::timing::UNHEALTHY_ZONE_THRESHOLD * 100.0).round(),
            jobsim::timing::LARGE_CLUSTER_THRESHOLD
        ),
    }
}

/// A CronJob's decision line.
pub fn cron_explanation(lang: Lang, e: &jobsim::cronjob::explain::CronExplanation) -> String {
    use jobsim::cronjob::explain::{CronExplanation, Decided, Final};
    use jobsim::cronjob::ConcurrencyPolicy;
    if lang == Lang::En {
        return e.to_string();
    }
    let (decision, next) = match e {
        CronExplanation::Final(f) => {
            return match f {
                Final::NoZone(e) => format!("Job 없음: 시간대를 불러올 수 없어({e}) 컨트롤러가 UnknownTimeZone을 기록하고 멈춥니다."),
                Final::Suspended => "일시 중지됨: 새 Job을 만들지 않습니다(실행 중인 Job은 계속). 재개하면 놓친 가장 최근 시각이 startingDeadlineSeconds 안이면 바로 실행됩니다.".into(),
                Final::InvalidSchedule(e) => format!("Job 없음: {e} (InvalidSchedule); 컨트롤러가 다시 큐에 넣지 않습니다."),
                Final::UnknownTimeZone(e) => format!("Job 없음: {e}."),
                Final::NameTaken { scheduled, job } => format!("{scheduled} 실행 안 됨: 이름이 {job}인 Job이 이미 있고 이 CronJob이 관리하지 않습니다."),
            };
        }
        CronExplanation::Decided { decision, next } => (decision, next),
    };
    let mut out = match decision {
        None => String::new(),
        Some(Decided::Created { job, scheduled, replaced, missed }) => {
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
        Some(Decided::SkippedForbid { scheduled, active, deadline }) => format!(
            "{scheduled} 건너뜀: concurrencyPolicy Forbid이고 {active}이(가) 아직 실행 중입니다. lastScheduleTime이 그대로라 끝나면 늦게 실행됩니다{}.",
            deadline.map(|s| format!(" (startingDeadlineSeconds {s} s 안이라면)")).unwrap_or_default()
        ),
        Some(Decided::MissedDeadline { scheduled, deadline }) => format!(
            "{scheduled} 놓침: startingDeadlineSeconds({deadline} s)보다 늦어 Job을 만들지 않습니다 (MissSchedule)."
        ),
        Some(Decided::ControllerDown { until }) => format!(
            "CronJob 컨트롤러가 {until}까지 멈춰 있습니다. 그 사이 시각은 놓치고, 돌아오면 가장 최근 것만 실행합니다(startingDeadlineSeconds 안이라면)."
        ),
    };
    if let Some(n) = next {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("다음: {}", n.at));
        match &n.active {
            Some((ConcurrencyPolicy::Forbid, j)) => {
                out.push_str(&format!(" ({j}이(가) 아직 실행 중이면 건너뜀: Forbid)"))
            }
            Some((ConcurrencyPolicy::Replace, j)) => {
                out.push_str(&format!(" ({j}이(가) 아직 실행 중이면 교체: Replace)"))
            }
            Some((ConcurrencyPolicy::Allow, _)) => {
                out.push_str(" (실행 중인 Job과 함께 실행: Allow)")
            }
            None => {}
        }
        out.push('.');
    }
    out
}

/// A Job's explanation line.
pub fn explanation(lang: Lang, e: &Explanation) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
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
