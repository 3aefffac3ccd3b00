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

/// The schedule in plain words ("every minute", "at 02:30 on Monday").
pub fn describe_schedule(sched: &Schedule) -> String {
    let spec = match *sched {
        Schedule::Every(d) => {
            return format!(
                "every {} (counted from the previous run)",
                crate::clock::Duration(d * 1000)
            );
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
    let mut s = if all(minute, 0, 59) && all(hour, 0, 23) {
        "every minute".to_string()
    } else if all(hour, 0, 23) {
        if mins.len() == 1 {
            format!("at minute {} of every hour", mins[0])
        } else {
            let step = mins[1] - mins[0];
            if mins.windows(2).all(|w| w[1] - w[0] == step) && mins[0] < step && 60 % step == 0 {
                format!("every {step} minutes")
            } else {
                format!(
                    "at minutes {} of every hour",
                    list(&mins.iter().map(|m| m.to_string()).collect::<Vec<_>>())
                )
            }
        }
    } else if mins.len() * hours.len() <= 6 {
        let times: Vec<String> = hours
            .iter()
            .flat_map(|h| mins.iter().map(move |m| format!("{h:02}:{m:02}")))
            .collect();
        format!("at {}", list(&times))
    } else {
        format!(
            "at minute(s) {} past hour(s) {}",
            list(&mins.iter().map(|m| m.to_string()).collect::<Vec<_>>()),
            list(&hours.iter().map(|h| h.to_string()).collect::<Vec<_>>())
        )
    };
    let days_all = all(dom, 1, 31);
    let dows_all = all(dow, 0, 6);
    let dom_text = list(
        &bits(dom, 1, 31)
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
    );
    let dow_text = list(
        &bits(dow, 0, 6)
            .iter()
            .map(|d| DAYS[*d as usize].to_string())
            .collect::<Vec<_>>(),
    );
    match (days_all, dows_all) {
        (true, true) => {}
        (false, true) => s.push_str(&format!(" on day {dom_text} of the month")),
        (true, false) => s.push_str(&format!(" on {dow_text}")),
        (false, false) => {
            // robfig's star bit: AND when either field was `*`, else OR.
            let joiner = if dom_star || dow_star { "and" } else { "or" };
            s.push_str(&format!(
                " on day {dom_text} of the month {joiner} on {dow_text}"
            ));
        }
    }
    if !all(month, 1, 12) {
        let m: Vec<String> = bits(month, 1, 12)
            .iter()
            .map(|m| MONTHS[*m as usize - 1].to_string())
            .collect();
        s.push_str(&format!(" in {}", list(&m)));
    }
    s
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
    let cj = &w.cronjobs[c as usize];
    let zone = match &cj.zone {
        Ok(z) => z,
        Err(e) => return CronExplanation::Final(Final::NoZone(e.to_string())),
    };
    let at = |t: i64| zone.rfc3339(t);
    let name = |j: u32| w.jobs[j as usize].name.clone();
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
