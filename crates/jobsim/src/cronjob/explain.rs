//! "What happens next and why" for a CronJob: the schedule in words, the
//! next fire times, and the reason behind the last decision, computed
//! from the controller's own state so the UI never guesses.

use super::{ConcurrencyPolicy, Decision};
use crate::cron::Schedule;
use crate::world::World;

/// The next `n` activations strictly after unix second `from`.
pub fn next_times(sched: &Schedule, zone: &crate::timezone::Zone, from: i64, n: usize) -> Vec<i64> {
    let mut out = Vec::with_capacity(n);
    let mut t = from;
    while out.len() < n {
        match sched.next(t, zone) {
            Some(x) => {
                out.push(x);
                t = x;
            }
            None => break,
        }
    }
    out
}

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn bits(mask: u64, lo: u32, hi: u32) -> Vec<u32> {
    (lo..=hi).filter(|b| mask & (1 << b) != 0).collect()
}

fn list(v: &[String]) -> String {
    match v.len() {
        0 => String::new(),
        1 => v[0].clone(),
        _ => format!("{} and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

/// A schedule in words, as data (English `Display`; the UI words it in
/// other languages). Days of the week count from Sunday = 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleWords {
    pub time: TimeWords,
    pub days: DayWords,
    /// Months 1-12 when not every month.
    pub months: Option<Vec<u32>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TimeWords {
    /// `@every`: counted from the previous run.
    Every(crate::clock::Duration),
    EveryMinute,
    MinuteOfHour(u32),
    EveryNMinutes(u32),
    MinutesOfHour(Vec<u32>),
    /// At most six `HH:MM` times.
    At(Vec<(u32, u32)>),
    MinutesPastHours(Vec<u32>, Vec<u32>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum DayWords {
    Every,
    DaysOfMonth(Vec<u32>),
    Weekdays(Vec<u32>),
    /// robfig's star bit: `and` when either field was `*`, else `or`.
    Both {
        days: Vec<u32>,
        and: bool,
        weekdays: Vec<u32>,
    },
}

/// The schedule in plain words ("every minute", "at 02:30 on Monday").
pub fn describe_schedule(sched: &Schedule) -> String {
    schedule_words(sched).to_string()
}

pub fn schedule_words(sched: &Schedule) -> ScheduleWords {
    let spec = match *sched {
        Schedule::Every(d) => {
            return ScheduleWords {
                time: TimeWords::Every(crate::clock::Duration(d * 1000)),
                days: DayWords::Every,
                months: None,
            }
        }
        Schedule::Spec(s) => s,
    };
    let crate::cron::SpecSchedule {
        minute,
        hour,
        dom,
        month,
        dow,
        dom_star,
        dow_star,
    } = spec;
    let all = |mask: u64, lo: u32, hi: u32| bits(mask, lo, hi).len() as u32 == hi - lo + 1;
    let mins = bits(minute, 0, 59);
    let hours = bits(hour, 0, 23);
    let time = if all(minute, 0, 59) && all(hour, 0, 23) {
        TimeWords::EveryMinute
    } else if all(hour, 0, 23) {
        if mins.len() == 1 {
            TimeWords::MinuteOfHour(mins[0])
        } else {
            let step = mins[1] - mins[0];
            if mins.windows(2).all(|w| w[1] - w[0] == step) && mins[0] < step && 60 % step == 0 {
                TimeWords::EveryNMinutes(step)
            } else {
                TimeWords::MinutesOfHour(mins)
            }
        }
    } else if mins.len() * hours.len() <= 6 {
        TimeWords::At(
            hours
                .iter()
                .flat_map(|&h| mins.iter().map(move |&m| (h, m)))
                .collect(),
        )
    } else {
        TimeWords::MinutesPastHours(mins, hours)
    };
    let days = match (all(dom, 1, 31), all(dow, 0, 6)) {
        (true, true) => DayWords::Every,
        (false, true) => DayWords::DaysOfMonth(bits(dom, 1, 31)),
        (true, false) => DayWords::Weekdays(bits(dow, 0, 6)),
        (false, false) => DayWords::Both {
            days: bits(dom, 1, 31),
            and: dom_star || dow_star,
            weekdays: bits(dow, 0, 6),
        },
    };
    ScheduleWords {
        time,
        days,
        months: (!all(month, 1, 12)).then(|| bits(month, 1, 12)),
    }
}

impl std::fmt::Display for ScheduleWords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let nums = |v: &[u32]| list(&v.iter().map(|m| m.to_string()).collect::<Vec<_>>());
        let day_names = |v: &[u32]| {
            list(
                &v.iter()
                    .map(|d| DAYS[*d as usize].to_string())
                    .collect::<Vec<_>>(),
            )
        };
        match &self.time {
            TimeWords::Every(d) => return write!(f, "every {d} (counted from the previous run)"),
            TimeWords::EveryMinute => f.write_str("every minute")?,
            TimeWords::MinuteOfHour(m) => write!(f, "at minute {m} of every hour")?,
            TimeWords::EveryNMinutes(n) => write!(f, "every {n} minutes")?,
            TimeWords::MinutesOfHour(ms) => write!(f, "at minutes {} of every hour", nums(ms))?,
            TimeWords::At(times) => write!(
                f,
                "at {}",
                list(
                    &times
                        .iter()
                        .map(|(h, m)| format!("{h:02}:{m:02}"))
                        .collect::<Vec<_>>()
                )
            )?,
            TimeWords::MinutesPastHours(ms, hs) => {
                write!(f, "at minute(s) {} past hour(s) {}", nums(ms), nums(hs))?
            }
        }
        match &self.days {
            DayWords::Every => {}
            DayWords::DaysOfMonth(d) => write!(f, " on day {} of the month", nums(d))?,
            DayWords::Weekdays(w) => write!(f, " on {}", day_names(w))?,
            DayWords::Both {
                days,
                and,
                weekdays,
            } => write!(
                f,
                " on day {} of the month {} on {}",
                nums(days),
                if *and { "and" } else { "or" },
                day_names(weekdays)
            )?,
        }
        if let Some(m) = &self.months {
            let names: Vec<String> = m
                .iter()
                .map(|m| MONTHS[*m as usize - 1].to_string())
                .collect();
            write!(f, " in {}", list(&names))?;
        }
        Ok(())
    }
}

/// The CronJob card's decision line as data: the UI words it in the
/// reader's language, `Display` in English (the CLI's words). Times are
/// RFC 3339 in the CronJob's zone.
#[derive(Debug, Clone, PartialEq)]
pub enum CronExplanation {
    /// Lines that say all there is (no next run follows).
    Final(Final),
    /// What the last sync decided, then the next run.
    Decided {
        decision: Option<Decided>,
        next: Option<Next>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Final {
    NoZone(String),
    Suspended,
    InvalidSchedule(String),
    UnknownTimeZone(String),
    NameTaken { scheduled: String, job: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Decided {
    Created {
        job: String,
        scheduled: String,
        replaced: Vec<String>,
        /// `Some(true)`: more than 100 missed (TooManyMissedTimes);
        /// `Some(false)`: a few missed.
        missed: Option<bool>,
    },
    SkippedForbid {
        scheduled: String,
        active: String,
        deadline: Option<i64>,
    },
    MissedDeadline {
        scheduled: String,
        deadline: i64,
    },
    ControllerDown {
        until: String,
    },
}

/// The next run, and what concurrencyPolicy does if a Job is still active.
#[derive(Debug, Clone, PartialEq)]
pub struct Next {
    pub at: String,
    pub active: Option<(ConcurrencyPolicy, String)>,
}

/// The decision line for the CronJob card, in English.
pub fn explain(w: &World, c: u32) -> String {
    explanation(w, c).to_string()
}

pub fn explanation(w: &World, c: u32) -> CronExplanation {
    let cj = &w.store.cronjobs[c as usize];
    let zone = match &cj.zone {
        Ok(z) => z,
        Err(e) => return CronExplanation::Final(Final::NoZone(e.to_string())),
    };
    let at = |t: i64| zone.rfc3339(t);
    let name = |j: u32| w.store.jobs[j as usize].name.clone();
    let decision = match &cj.decision {
        Decision::Waiting => None,
        Decision::Created {
            job,
            scheduled,
            replaced,
            missed,
        } => Some(Decided::Created {
            job: job.clone(),
            scheduled: at(*scheduled),
            replaced: replaced.clone(),
            missed: match missed {
                super::utils::Missed::Many => Some(true),
                super::utils::Missed::Few if w.unix_of(w.now) - *scheduled > 60 => Some(false),
                _ => None,
            },
        }),
        Decision::SkippedForbid { scheduled, active } => Some(Decided::SkippedForbid {
            scheduled: at(*scheduled),
            active: active.clone(),
            deadline: cj.starting_deadline,
        }),
        Decision::MissedDeadline { scheduled } => Some(Decided::MissedDeadline {
            scheduled: at(*scheduled),
            deadline: cj.starting_deadline.unwrap_or(0),
        }),
        Decision::Suspended => return CronExplanation::Final(Final::Suspended),
        Decision::ControllerDown { until } => Some(Decided::ControllerDown {
            until: at(w.unix_of(*until)),
        }),
        Decision::InvalidSchedule(e) => {
            return CronExplanation::Final(Final::InvalidSchedule(e.clone()))
        }
        Decision::UnknownTimeZone(e) => {
            return CronExplanation::Final(Final::UnknownTimeZone(e.clone()))
        }
        Decision::NameTaken { scheduled, job } => {
            return CronExplanation::Final(Final::NameTaken {
                scheduled: at(*scheduled),
                job: job.clone(),
            })
        }
    };
    let next = match &cj.schedule {
        Ok(s) => s.next(w.unix_of(w.now), zone),
        Err(_) => None,
    };
    CronExplanation::Decided {
        decision,
        next: next.map(|n| Next {
            at: at(n),
            active: cj.status.active.first().map(|&j| (cj.concurrency, name(j))),
        }),
    }
}

impl std::fmt::Display for CronExplanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (decision, next) = match self {
            CronExplanation::Final(fin) => {
                return match fin {
                    Final::NoZone(e) => write!(f, "No Jobs: the time zone cannot be loaded ({e}); the controller records UnknownTimeZone and stops."),
                    Final::Suspended => f.write_str("Suspended: no new Jobs (running ones continue). On resume, the most recent missed slot runs at once if it is within startingDeadlineSeconds."),
                    Final::InvalidSchedule(e) => write!(f, "No Jobs: {e} (InvalidSchedule); the controller does not requeue."),
                    Final::UnknownTimeZone(e) => write!(f, "No Jobs: {e}."),
                    Final::NameTaken { scheduled, job } => write!(f, "{scheduled} was not run: a Job named {job} already exists and is not controlled by this CronJob."),
                };
            }
            CronExplanation::Decided { decision, next } => (decision, next),
        };
        let mut out = match decision {
            None => String::new(),
            Some(Decided::Created { job, scheduled, replaced, missed }) => {
                let mut s = format!("Created {job} for {scheduled}");
                if !replaced.is_empty() {
                    s.push_str(&format!(" after deleting {} (concurrencyPolicy Replace)", replaced.join(", ")));
                }
                match missed {
                    Some(true) => s.push_str(": more than 100 start times were missed (TooManyMissedTimes); only the most recent one runs"),
                    Some(false) => s.push_str(": start times were missed; only the most recent one runs, the others are never made up"),
                    None => {}
                }
                s.push('.');
                s
            }
            Some(Decided::SkippedForbid { scheduled, active, deadline }) => format!(
                "{scheduled} was skipped: concurrencyPolicy Forbid and {active} is still running. lastScheduleTime stays put, so the slot runs late when it finishes{}.",
                deadline.map(|s| format!(", if that is within startingDeadlineSeconds ({s} s)")).unwrap_or_default()
            ),
            Some(Decided::MissedDeadline { scheduled, deadline }) => format!(
                "{scheduled} was missed: it is more than startingDeadlineSeconds ({deadline} s) late, so no Job is created (MissSchedule)."
            ),
            Some(Decided::ControllerDown { until }) => format!(
                "The CronJob controller is down until {until}; slots in between are missed, and when it returns only the most recent one runs (if within startingDeadlineSeconds)."
            ),
        };
        if let Some(n) = next {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&format!("Next: {}", n.at));
            match &n.active {
                Some((ConcurrencyPolicy::Forbid, j)) => {
                    out.push_str(&format!(" (skipped if {j} is still running: Forbid)"))
                }
                Some((ConcurrencyPolicy::Replace, j)) => {
                    out.push_str(&format!(" (replaces {j} if still running: Replace)"))
                }
                Some((ConcurrencyPolicy::Allow, _)) => {
                    out.push_str(" (runs alongside the active Job: Allow)")
                }
                None => {}
            }
            out.push('.');
        }
        f.write_str(&out)
    }
}
