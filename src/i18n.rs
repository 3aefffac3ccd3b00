//! The page's fixed labels in English and Korean: they carry `data-i18n`
//! (their English text is the key) and one effect rewrites them when the
//! language changes. Sentences built from the core's data (explanations,
//! notes, errors) are the core's (`jobsim::words`, one file per language);
//! the few here word the page's own chrome. No Kubernetes rule lives here.

pub use jobsim::words::Lang;
use leptos::prelude::*;

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
    Lang::from_code(&code).unwrap_or_default()
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

/// A link that opened but whose scenario does not load.
pub fn link_does_not_load(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The shared link opened, but its scenario does not load: the errors are listed under the editor.",
        Lang::Ko => "공유 링크는 열렸지만 시나리오를 불러올 수 없습니다: 오류는 편집기 아래에 있습니다.",
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
