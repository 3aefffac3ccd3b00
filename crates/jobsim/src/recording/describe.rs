//! A real Job from `kubectl describe job NAME`: its counts and the ages of
//! its events. Describe rounds ages the way kubectl's `HumanDuration` does
//! (to the second below 10 minutes, then to the minute, the hour, ...), so
//! every time read here is a range, and so is every gap between two.

use super::ExplainLine;

/// An age as describe prints it: between `lo` and `hi` seconds (inclusive)
/// before the describe ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Age {
    pub lo: i64,
    pub hi: i64,
}

/// The span between an older and a newer age, never negative.
pub fn between(older: Age, newer: Age) -> Age {
    Age {
        lo: (older.lo - newer.hi).max(0),
        hi: (older.hi - newer.lo).max(0),
    }
}

/// Reads one age (`9m27s`, `12m`, `3h5m`, `2d`), the inverse of
/// `clock::human_duration`: the precision is the smallest unit that
/// HumanDuration prints for a value of that size.
pub fn parse_age(s: &str) -> Option<Age> {
    let mut total = 0i64;
    let mut num = String::new();
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            num.push(ch);
            continue;
        }
        let unit = match ch {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'y' => 365 * 86_400,
            _ => return None,
        };
        total = total.checked_add(num.parse::<i64>().ok()?.checked_mul(unit)?)?;
        num.clear();
    }
    if !num.is_empty() || s.is_empty() {
        return None;
    }
    // HumanDuration's branches: seconds under 10 minutes, minutes under
    // 8 hours, hours under 8 days, days under 8 years.
    let step = match total {
        t if t < 600 => 1,
        t if t < 8 * 3600 => 60,
        t if t < 8 * 86_400 => 3600,
        t if t < 8 * 365 * 86_400 => 86_400,
        _ => 365 * 86_400,
    };
    Some(Age {
        lo: total,
        hi: total + step - 1,
    })
}

/// What `kubectl describe job` shows of one Job.
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    pub name: String,
    pub parallelism: u64,
    pub backoff_limit: u64,
    pub active: u64,
    pub succeeded: u64,
    pub failed: u64,
    /// `Created pod: NAME` events, oldest first.
    pub created: Vec<(String, Age)>,
    /// The event that ended the Job (`BackoffLimitExceeded`,
    /// `DeadlineExceeded`, `Completed`, ...) and its age.
    pub ended: Option<(String, Age)>,
    /// The Events section was `<none>` or missing.
    pub events_recorded: bool,
}

/// Job-controller event reasons that end a Job (upstream's terminal
/// condition reasons, and `Completed`).
const ENDINGS: [&str; 6] = [
    "BackoffLimitExceeded",
    "DeadlineExceeded",
    "FailedIndexes",
    "MaxFailedIndexesExceeded",
    "PodFailurePolicy",
    "Completed",
];

/// Whether a text looks like `kubectl describe job` output.
pub fn is_describe(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim_start).filter(|l| !l.is_empty());
    lines.next().is_some_and(|l| l.starts_with("Name:"))
        && text.lines().any(|l| l.starts_with("Pods Statuses:"))
}

fn field<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    text.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(str::trim)
}

/// Reads `kubectl describe job NAME` output.
pub fn read(text: &str) -> Result<Described, String> {
    if !is_describe(text) {
        return Err(
            "not kubectl describe job output: expected Name: and Pods Statuses: lines".into(),
        );
    }
    let name = field(text, "Name").unwrap_or("").to_string();
    let ns = field(text, "Namespace").unwrap_or("default");
    if ns != "default" {
        return Err(format!(
            "the described Job is in namespace {ns:?}; the playground runs in \"default\""
        ));
    }
    let num = |k: &str, d: u64| field(text, k).and_then(|v| v.parse().ok()).unwrap_or(d);
    // "0 Active (0 Ready) / 0 Succeeded / 7 Failed"
    let statuses = field(text, "Pods Statuses").unwrap_or("");
    let count = |word: &str| {
        statuses
            .split('/')
            .find_map(|part| {
                let mut it = part.split_whitespace();
                let n = it.next()?.parse::<u64>().ok()?;
                (it.next() == Some(word)).then_some(n)
            })
            .unwrap_or(0)
    };
    let mut d = Described {
        name,
        parallelism: num("Parallelism", 1),
        backoff_limit: num("Backoff Limit", 6),
        active: count("Active"),
        succeeded: count("Succeeded"),
        failed: count("Failed"),
        created: Vec::new(),
        ended: None,
        events_recorded: false,
    };
    let Some(start) = text.lines().position(|l| l.starts_with("Events:")) else {
        return Ok(d);
    };
    for line in text.lines().skip(start + 1) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        // Type Reason Age [(xN over AGE)] From Message...
        let [kind, reason, age, rest @ ..] = &cols[..] else {
            continue;
        };
        if !matches!(*kind, "Normal" | "Warning") {
            continue;
        }
        let Some(age) = parse_age(age) else { continue };
        d.events_recorded = true;
        let message = line
            .split_once("job-controller")
            .map_or("", |(_, m)| m.trim());
        if *reason == "SuccessfulCreate" {
            if let Some(pod) = message.strip_prefix("Created pod: ") {
                d.created.push((pod.to_string(), age));
            }
        } else if ENDINGS.contains(reason) && rest.contains(&"job-controller") {
            d.ended = Some((reason.to_string(), age));
        }
    }
    // Oldest first (describe sorts by last-seen time, which for one-off
    // creations is when they happened).
    crate::sort::sort_vec_by(&mut d.created, |a, b| b.1.lo.cmp(&a.1.lo));
    Ok(d)
}

/// Explains a described Job: each retry's span against the back-off,
/// how it ended, and what describe cannot tell.
pub fn explain(d: &Described) -> Vec<ExplainLine> {
    let mut lines = vec![ExplainLine::AgesRounded];
    if !d.events_recorded {
        lines.push(ExplainLine::NoEvents);
    } else if d.parallelism == 1 && d.succeeded == 0 {
        // One pod at a time and none succeeded: each new pod replaced a
        // failed one, the k-th failure in a row.
        for (k, w) in d.created.windows(2).enumerate() {
            let span = between(w[0].1, w[1].1);
            let failures = k as u32 + 1;
            lines.push(ExplainLine::RetryWithin {
                pod: k + 2,
                name: w[1].0.clone(),
                lo: span.lo,
                hi: span.hi,
                failures,
                expected_s: crate::job::backoff::delay(failures).as_millis() / 1000,
            });
        }
    } else if d.created.len() > 1 {
        lines.push(ExplainLine::WhichFailedUnknown);
    }
    if d.failed > d.created.len() as u64 && d.events_recorded {
        lines.push(ExplainLine::EventsGone {
            listed: d.created.len() as u64,
            counted: d.failed + d.succeeded + d.active,
        });
    }
    match &d.ended {
        Some((reason, age)) => {
            let condition = if reason == "Completed" {
                "Complete"
            } else {
                "Failed"
            };
            lines.push(ExplainLine::Finished {
                condition: condition.into(),
                reason: reason.clone(),
                failed: d.failed,
                backoff_limit: d.backoff_limit,
            });
            if let Some((_, last)) = d.created.last() {
                let span = between(*last, *age);
                lines.push(ExplainLine::EndedAfter {
                    pod: d.created.len(),
                    lo: span.lo,
                    hi: span.hi,
                });
            }
        }
        None if d.active == 0 && d.events_recorded => {}
        None => lines.push(ExplainLine::Running),
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_back_as_human_duration_writes_them() {
        // Every value HumanDuration prints lies in the range read back.
        for s in [
            0i64, 59, 119, 120, 567, 599, 600, 779, 3599, 10_799, 28_799, 100_000,
        ] {
            let text = crate::clock::human_duration(crate::clock::Duration(s as u64 * 1000));
            let age = parse_age(&text).unwrap_or_else(|| panic!("{text}"));
            assert!(
                age.lo <= s && s <= age.hi,
                "{s} s printed {text} read {age:?}"
            );
        }
        assert_eq!(parse_age("9m27s"), Some(Age { lo: 567, hi: 567 }));
        assert_eq!(parse_age("12m"), Some(Age { lo: 720, hi: 779 }));
        assert_eq!(parse_age("12x"), None);
        assert_eq!(parse_age("12"), None);
    }
}
