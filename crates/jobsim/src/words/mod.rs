//! The sentences built from the core's data, one file per language
//! (`en.rs`, `ko.rs`). Controllers and views return data (`Explanation`,
//! `CronExplanation`, `Note`, ...); a language is one implementation of
//! [`Words`], so the compiler names every sentence a new language still
//! lacks, and the data's types never change for a language. English is
//! also each type's `Display` (the CLI's words and the goldens).
//! Kubernetes field names, reasons and kubectl's own text stay as
//! upstream writes them in every language. No rule lives here: only words.

mod en;
mod ko;

pub use en::En;
pub use ko::Ko;

use crate::clock::Duration;
use crate::cronjob::explain::{CronExplanation, Decided, Final, Next, ScheduleWords};
use crate::exercise::GoalResult;
use crate::job::explain::Explanation;
use crate::job::FailureBudget;
use crate::lesson_form::Goal;
use crate::link::LinkError;
use crate::manifest::SourceError;
use crate::nodelifecycle::NodeLossNote;
use crate::note::Note;
use crate::recording::ExplainLine;
use crate::scenario::Outcome;

/// A language the playground speaks.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ko];

    /// The BCP 47 code (`<html lang>`, `?lang=`, `--lang`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// The language of a code such as `ko` or `ko-KR`; None if we do not
    /// speak it.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
    }
}

/// Everything a language says about the core's data: one method per type.
pub trait Words {
    /// A Job's "what happens next and why" line.
    fn explanation(&self, e: &Explanation) -> String;
    /// A CronJob's decision line: the parts below, joined the same way in
    /// every language.
    fn cron_explanation(&self, e: &CronExplanation) -> String {
        let (decision, next) = match e {
            CronExplanation::Final(f) => return self.cron_final(f),
            CronExplanation::Decided { decision, next } => (decision, next),
        };
        let mut out = decision
            .as_ref()
            .map_or(String::new(), |d| self.cron_decided(d));
        if let Some(n) = next {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&self.cron_next(n));
            out.push('.');
        }
        out
    }
    /// A decision line that says all there is (no next run follows).
    fn cron_final(&self, f: &Final) -> String;
    /// What the last sync decided, as a sentence.
    fn cron_decided(&self, d: &Decided) -> String;
    /// The next run, and what concurrencyPolicy does if a Job is still
    /// active then (no full stop).
    fn cron_next(&self, n: &Next) -> String;
    /// A cron schedule in words.
    fn schedule(&self, w: &ScheduleWords) -> String;
    /// A note on a simplification or limit that applied to a run.
    fn note(&self, n: &Note) -> String;
    /// Where a crashed node is in the node-loss story.
    fn node_note(&self, n: &NodeLossNote) -> String;
    /// A Job's failure budget (the card's bar).
    fn budget(&self, b: &FailureBudget) -> String;
    /// An exercise goal's statement.
    fn goal(&self, g: &Goal) -> String;
    /// A checked goal: a mark, its statement and what the run showed.
    fn goal_result(&self, r: &GoalResult) -> String {
        let mark = if r.passed { "✔" } else { "✖" };
        format!("{mark} {}; {}", self.goal(&r.goal), self.got(r))
    }
    /// What the run showed for a checked goal.
    fn got(&self, r: &GoalResult) -> String;
    /// A lesson's expected outcome.
    fn outcome(&self, o: &Outcome) -> String;
    /// Why a shared link did not open.
    fn link_error(&self, e: &LinkError) -> String;
    /// An editor error: the playground's own Scenario rules in full, the
    /// API server's field errors with their paths and messages as kubectl
    /// prints them.
    fn source_error(&self, e: &SourceError) -> String;
    /// A line explaining a real Job (from its recording or describe text).
    fn explain_line(&self, l: &ExplainLine) -> String;
}

// One function per sentence, dispatched statically: a bundle carries only
// the sentences (and languages' versions of them) it calls.
macro_rules! in_lang {
    ($($(#[$doc:meta])* $name:ident($ty:ty);)*) => {$(
        $(#[$doc])*
        pub fn $name(lang: Lang, x: &$ty) -> String {
            match lang {
                Lang::En => En.$name(x),
                Lang::Ko => Ko.$name(x),
            }
        }
    )*};
}

in_lang! {
    explanation(Explanation);
    cron_explanation(CronExplanation);
    schedule(ScheduleWords);
    note(Note);
    node_note(NodeLossNote);
    budget(FailureBudget);
    goal(Goal);
    goal_result(GoalResult);
    outcome(Outcome);
    link_error(LinkError);
    source_error(SourceError);
    explain_line(ExplainLine);
}

// Number formats every language shares.

/// Seconds as the explanations print them (`12 s`, `1.5 s`).
pub fn secs(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// `n` in superscript digits (the back-off's exponent).
pub fn power(n: u32) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| SUP[c as usize - '0' as usize])
        .collect()
}

/// A range of seconds, one number when it is exact.
pub fn span(lo: i64, hi: i64) -> String {
    if lo == hi {
        format!("{lo} s")
    } else {
        format!("{lo}–{hi} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Time;
    use crate::cronjob::ConcurrencyPolicy;
    use crate::job::explain::Limit;
    use crate::note::StopReason;

    fn hangul(s: &str) -> bool {
        s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    }

    /// Each sentence: English without Hangul, Korean with it (no variant
    /// falls back to the other language), and never empty.
    fn both(en: String, ko: String) {
        assert!(!en.is_empty() && !hangul(&en), "{en}");
        assert!(hangul(&ko), "not Korean: {ko} (English: {en})");
    }

    #[test]
    fn every_variant_has_a_sentence_in_each_language() {
        let d = Duration::from_secs(40);
        let explanations = [
            Explanation::Deleted,
            Explanation::Complete {
                reason: "CompletionsReached",
                succeeded: 3,
                completions: Some(3),
            },
            Explanation::Complete {
                reason: "CompletionsReached",
                succeeded: 1,
                completions: None,
            },
            Explanation::FailedOnFailure { backoff_limit: 6 },
            Explanation::FailedBackoff {
                failed: 7,
                backoff_limit: 6,
            },
            Explanation::FailedDeadline { deadline: Some(d) },
            Explanation::FailedOther {
                reason: "PodFailurePolicy",
                message: "m".into(),
            },
            Explanation::Succeeding {
                reason: "CompletionsReached",
                terminating: 1,
            },
            Explanation::Failing {
                reason: "BackoffLimitExceeded",
                terminating: 1,
            },
            Explanation::Suspended,
            Explanation::BackOff {
                remaining: d,
                failures: 3,
                delay: d,
                capped: true,
                since: Some("t".into()),
            },
            Explanation::Unschedulable {
                count: 2,
                message: "0/1 nodes are available".into(),
            },
            Explanation::FirstSync,
            Explanation::Running {
                active: 1,
                ready: 1,
                succeeded: 0,
                completions: Some(2),
                limit: Limit::Count {
                    failed: 1,
                    backoff_limit: 6,
                },
            },
            Explanation::Running {
                active: 1,
                ready: 0,
                succeeded: 0,
                completions: None,
                limit: Limit::OnFailure {
                    restarts: 2,
                    backoff_limit: 6,
                },
            },
            Explanation::Running {
                active: 2,
                ready: 2,
                succeeded: 1,
                completions: Some(4),
                limit: Limit::PerIndex {
                    failed_indexes: 1,
                    failed_text: "2".into(),
                    per_index: 1,
                    max_failed_indexes: Some(2),
                },
            },
        ];
        for e in &explanations {
            both(En.explanation(e), Ko.explanation(e));
        }
        let finals = [
            Final::NoZone("x".into()),
            Final::Suspended,
            Final::InvalidSchedule("x".into()),
            Final::UnknownTimeZone("x".into()),
            Final::NameTaken {
                scheduled: "t".into(),
                job: "j".into(),
            },
        ];
        for f in finals {
            let e = CronExplanation::Final(f);
            both(En.cron_explanation(&e), Ko.cron_explanation(&e));
        }
        let decided = [
            Decided::Created {
                job: "j".into(),
                scheduled: "t".into(),
                replaced: vec!["old".into()],
                missed: Some(true),
            },
            Decided::SkippedForbid {
                scheduled: "t".into(),
                active: "j".into(),
                deadline: Some(60),
            },
            Decided::MissedDeadline {
                scheduled: "t".into(),
                deadline: 60,
            },
            Decided::ControllerDown { until: "t".into() },
        ];
        let policies = [
            None,
            Some((ConcurrencyPolicy::Allow, "j".to_string())),
            Some((ConcurrencyPolicy::Forbid, "j".to_string())),
            Some((ConcurrencyPolicy::Replace, "j".to_string())),
        ];
        for (d, active) in decided.into_iter().zip(policies) {
            let e = CronExplanation::Decided {
                decision: Some(d),
                next: Some(Next {
                    at: "t".into(),
                    active,
                }),
            };
            let (en, ko) = (En.cron_explanation(&e), Ko.cron_explanation(&e));
            // One sentence for the decision, one for the next run.
            assert!(en.ends_with('.') && en.contains(". Next: t"), "{en}");
            assert!(ko.ends_with('.') && ko.contains(" 다음: t"), "{ko}");
            both(en, ko);
        }
        let e = CronExplanation::Decided {
            decision: None,
            next: Some(Next {
                at: "t".into(),
                active: None,
            }),
        };
        assert_eq!(
            (En.cron_explanation(&e), Ko.cron_explanation(&e)),
            ("Next: t.".into(), "다음: t.".into())
        );
        let notes = [
            Note::ManagedElsewhere {
                job: "j".into(),
                manager: "kueue.x-k8s.io/multikueue".into(),
            },
            Note::CronJobUtc,
            Note::ShortenedNodeLoss {
                grace: d,
                toleration: 30,
            },
            Note::Stopped(StopReason::PodLimit(2_000_000)),
            Note::Stopped(StopReason::Horizon(Time(86_400_000))),
        ];
        for n in &notes {
            both(En.note(n), Ko.note(n));
        }
        let nodes = [
            NodeLossNote::Silent {
                since: d,
                grace: d,
                not_ready_at: d,
                shortened: true,
            },
            NodeLossNote::Unreachable {
                since: d,
                toleration: 300,
                evict_from: d,
                shortened: false,
            },
            NodeLossNote::EvictionsHeld {
                since: d,
                full: true,
            },
            NodeLossNote::EvictionsHeld {
                since: d,
                full: false,
            },
        ];
        for n in &nodes {
            both(En.node_note(n), Ko.node_note(n));
        }
        let links = [
            LinkError::TooLong(9),
            LinkError::UnknownVersion("v9".into()),
            LinkError::NotBase64,
            LinkError::Truncated,
            LinkError::Corrupt,
            LinkError::TooLarge,
            LinkError::NotText,
            LinkError::BadHeader,
        ];
        for e in &links {
            both(En.link_error(e), Ko.link_error(e));
        }
        let lines = [
            ExplainLine::Retry {
                pod: 4,
                name: "p".into(),
                gap_s: 40,
                failures: 3,
                expected_s: 40,
            },
            ExplainLine::Retry {
                pod: 4,
                name: "p".into(),
                gap_s: 80,
                failures: 3,
                expected_s: 40,
            },
            ExplainLine::Finished {
                condition: "Failed".into(),
                reason: "BackoffLimitExceeded".into(),
                failed: 7,
                backoff_limit: 6,
            },
            ExplainLine::Running,
            ExplainLine::PodsGone {
                listed: 1,
                counted: 7,
            },
            ExplainLine::PodsNotRecorded,
            ExplainLine::NoEvents,
            ExplainLine::AgesRounded,
            ExplainLine::RetryWithin {
                pod: 7,
                name: "p".into(),
                lo: 160,
                hi: 170,
                failures: 6,
                expected_s: 320,
            },
            ExplainLine::EndedAfter {
                pod: 7,
                lo: 1,
                hi: 2,
            },
            ExplainLine::WhichFailedUnknown,
            ExplainLine::EventsGone {
                listed: 1,
                counted: 7,
            },
        ];
        for l in &lines {
            both(En.explain_line(l), Ko.explain_line(l));
        }
    }

    #[test]
    fn dispatch_and_display_agree_on_english() {
        let e = Explanation::FailedBackoff {
            failed: 7,
            backoff_limit: 6,
        };
        assert_eq!(explanation(Lang::En, &e), e.to_string());
        assert_eq!(explanation(Lang::Ko, &e), Ko.explanation(&e));
    }

    #[test]
    fn language_codes() {
        // Browser languages come with regions; unknown ones get None.
        assert_eq!(Lang::from_code("ko-KR"), Some(Lang::Ko));
        assert_eq!(Lang::from_code("EN_us"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
    }
}
