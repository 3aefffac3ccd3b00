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

fn bits(mask: u64, lo: u32, hi: u32) -> Vec<u32> {
    (lo..=hi).filter(|b| mask & (1 << b) != 0).collect()
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
