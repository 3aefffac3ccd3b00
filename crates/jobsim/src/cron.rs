//! CronJob schedules as Kubernetes reads them: robfig/cron v3
//! `ParseStandard` (5 fields, names, ranges, steps, `?`, descriptors and
//! `@every`), with robfig's error texts, which validation shows verbatim,
//! and `SpecSchedule.Next` / `ConstantDelaySchedule.Next` in a time zone,
//! DST quirks included. The algorithm follows robfig/cron v3 (MIT).

use crate::clock::{civil_from_days, days_from_civil};
use crate::timezone::Zone;

/// A parsed schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    Spec(SpecSchedule),
    /// `@every d`, in whole seconds (at least 1).
    Every(u64),
}

/// robfig's `SpecSchedule`: one bit per allowed value of each field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecSchedule {
    pub minute: u64,
    pub hour: u64,
    pub dom: u64,
    pub month: u64,
    pub dow: u64,
    /// Whether dom / dow were `*` or `?` (robfig's star bit), which
    /// decides if both must match (AND) or either (OR).
    pub dom_star: bool,
    pub dow_star: bool,
}

struct Bounds {
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
};

/// Go's `strconv.Atoi` plus robfig's negative check (`mustParseInt`).
fn must_parse_int(expr: &str) -> Result<u32, String> {
    let digits = expr.strip_prefix(['+', '-']).unwrap_or(expr);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: invalid syntax"
        ));
    }
    let n: i64 = match expr.parse() {
        Ok(n) => n,
        Err(_) => {
            return Err(format!(
            "failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: value out of range"
        ))
        }
    };
    if n < 0 {
        return Err(format!("negative number ({n}) not allowed: {expr}"));
    }
    u32::try_from(n).map_err(|_| format!("end of range ({n}) above maximum: {expr}"))
}

fn int_or_name(expr: &str, b: &Bounds) -> Result<u32, String> {
    let lower = expr.to_ascii_lowercase();
    if let Some(i) = b.names.iter().position(|n| *n == lower) {
        return Ok(i as u32 + if b.min == 1 { 1 } else { 0 });
    }
    must_parse_int(expr)
}

/// `getRange`: one comma-separated term; returns its bits and star bit.
fn range(expr: &str, b: &Bounds) -> Result<(u64, bool), String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_high.len() == 1;
    let (start, mut end, mut star);
    if low_high[0] == "*" || low_high[0] == "?" {
        (start, end, star) = (b.min, b.max, true);
    } else {
        start = int_or_name(low_high[0], b)?;
        end = match low_high.len() {
            1 => start,
            2 => int_or_name(low_high[1], b)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
        star = false;
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            // "N/step" means "N-max/step".
            if single {
                end = b.max;
            }
            if step > 1 {
                star = false;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < b.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            b.min
        ));
    }
    if end > b.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            b.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    let bits = (start..=end)
        .step_by(step as usize)
        .fold(0u64, |acc, v| acc | 1 << v);
    Ok((bits, star))
}

/// `getField`: comma-separated terms (empty terms are dropped).
fn field(text: &str, b: &Bounds) -> Result<(u64, bool), String> {
    let mut bits = 0;
    let mut star = false;
    for term in text.split(',').filter(|t| !t.is_empty()) {
        let (b2, s2) = range(term, b)?;
        bits |= b2;
        star |= s2;
    }
    Ok((bits, star))
}

/// Go's `time.ParseDuration`, reduced to whole seconds as `@every` uses it.
fn go_duration_secs(s: &str) -> Result<u64, String> {
    let err = || format!("time: invalid duration {s:?}");
    let mut rest = s.strip_prefix('+').unwrap_or(s);
    if rest.starts_with('-') {
        rest = &rest[1..];
        if rest.chars().all(|c| c == '0' || c == '.') && !rest.is_empty() {
            return Ok(0);
        }
        // Negative durations parse in Go; robfig then rounds them up to 1 s.
        return go_duration_secs(rest).map(|_| 0);
    }
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(err());
    }
    let mut total_ns: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(err());
        }
        let num: f64 = rest[..num_len].parse().map_err(|_| err())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        let ns = match unit {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "" => return Err(format!("time: missing unit in duration {s:?}")),
            u => return Err(format!("time: unknown unit {u:?} in duration {s:?}")),
        };
        total_ns += num * ns;
        rest = &rest[unit_len..];
    }
    if total_ns > 9.2e18 {
        return Err(format!("time: invalid duration {s:?}"));
    }
    Ok((total_ns / 1e9) as u64)
}

/// `cron.ParseStandard`.
pub fn parse_standard(spec: &str) -> Result<Schedule, String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        // The zone itself is looked up by the controller; validation rejects TZ anyway.
        let Some(i) = spec.find(' ') else {
            return Err(format!(
                "provided bad location {}: unknown time zone",
                &spec[spec.find('=').unwrap_or(0) + 1..]
            ));
        };
        spec = spec[i..].trim();
    }
    if spec.starts_with('@') {
        return match spec {
            "@yearly" | "@annually" => parse_standard("0 0 1 1 *"),
            "@monthly" => parse_standard("0 0 1 * *"),
            "@weekly" => parse_standard("0 0 * * 0"),
            "@daily" | "@midnight" => parse_standard("0 0 * * *"),
            "@hourly" => parse_standard("0 * * * *"),
            s if s.starts_with("@every ") => go_duration_secs(&s[7..])
                .map(|secs| Schedule::Every(secs.max(1)))
                .map_err(|e| format!("failed to parse duration {s}: {e}")),
            s => Err(format!("unrecognized descriptor: {s}")),
        };
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    let (minute, _) = field(fields[0], &MINUTES)?;
    let (hour, _) = field(fields[1], &HOURS)?;
    let (dom, dom_star) = field(fields[2], &DOM)?;
    let (month, _) = field(fields[3], &MONTHS)?;
    let (dow, dow_star) = field(fields[4], &DOW)?;
    Ok(Schedule::Spec(SpecSchedule {
        minute,
        hour,
        dom,
        month,
        dow,
        dom_star,
        dow_star,
    }))
}

/// Robfig's 5-year search limit ran out (Go's zero time).
pub const NEVER: Option<i64> = None;

/// Wall-clock fields of an instant in a zone.
struct Wall {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 = Sunday.
    weekday: u32,
}

fn wall(zone: &Zone, unix: i64) -> Wall {
    let local = unix + zone.offset_at(unix);
    let days = local.div_euclid(86_400);
    let rem = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Wall {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: (rem / 60 % 60) as u32,
        second: (rem % 60) as u32,
        weekday: (days + 4).rem_euclid(7) as u32,
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Go's `time.Date(y, m, d, h, min, s, 0, loc)`, with month overflow
/// normalised as Go does (days overflow through `days_from_civil`).
fn date(zone: &Zone, y: i64, m: i64, d: i64, h: i64, min: i64, s: i64) -> i64 {
    let m0 = m - 1;
    let y = y + m0.div_euclid(12);
    let m = (m0.rem_euclid(12) + 1) as u32;
    let days = days_from_civil(y, m, 1) + d - 1;
    zone.from_wall(days * 86_400 + h * 3600 + min * 60 + s)
}

impl Schedule {
    /// The first activation strictly after `unix` (whole seconds), or None
    /// when robfig's search gives up after 5 years.
    pub fn next(&self, unix: i64, zone: &Zone) -> Option<i64> {
        match *self {
            // ConstantDelaySchedule: relative to the given time.
            Schedule::Every(d) => Some(unix + d as i64),
            Schedule::Spec(ref spec) => spec.next(unix, zone),
        }
    }
}

/// Steps (of one unit) from `cur` to the next set bit of `mask` above it,
/// or to the wrap-around at `period` when there is none.
fn steps_to_next_bit(mask: u64, cur: u32, period: u32) -> i64 {
    let above = mask >> (cur + 1) << (cur + 1);
    if above == 0 {
        (period - cur) as i64
    } else {
        above.trailing_zeros() as i64 - cur as i64
    }
}

impl SpecSchedule {
    /// robfig's `SpecSchedule.Next`.
    pub fn next(&self, unix: i64, zone: &Zone) -> Option<i64> {
        spec_next(self, unix, zone)
    }

    /// robfig's `dayMatches`: AND when either field has the star bit,
    /// else OR.
    fn day_matches(&self, day: u32, weekday: u32) -> bool {
        let a = self.dom & (1 << day) != 0;
        let b = self.dow & (1 << weekday) != 0;
        if self.dom_star || self.dow_star {
            a && b
        } else {
            a || b
        }
    }

    /// Whether a wall time (minute resolution) matches every field.
    pub fn matches(&self, month: u32, day: u32, weekday: u32, hour: u32, minute: u32) -> bool {
        self.month & (1 << month) != 0
            && self.day_matches(day, weekday)
            && self.hour & (1 << hour) != 0
            && self.minute & (1 << minute) != 0
    }
}

fn spec_next(spec: &SpecSchedule, unix: i64, zone: &Zone) -> Option<i64> {
    let SpecSchedule {
        minute,
        hour,
        month,
        ..
    } = *spec;
    let day_matches = |w: &Wall| spec.day_matches(w.day, w.weekday);
    // The upcoming second (times here are whole seconds).
    let mut t = unix + 1;
    let mut added = false;
    let year_limit = wall(zone, t).year + 5;
    // Without transitions a minute is always 60 s and an hour 3600 s, so
    // the minute and hour loops can jump to the next set bit.
    let fixed = !zone.has_transitions();
    'wrap: loop {
        let mut w = wall(zone, t);
        if w.year > year_limit {
            return NEVER;
        }
        while month & (1 << w.month) == 0 {
            if !added {
                added = true;
                t = date(zone, w.year, w.month as i64, 1, 0, 0, 0);
                w = wall(zone, t);
            }
            // AddDate(0, 1, 0) on the wall clock.
            t = date(
                zone,
                w.year,
                w.month as i64 + 1,
                w.day as i64,
                w.hour as i64,
                w.minute as i64,
                w.second as i64,
            );
            w = wall(zone, t);
            if w.month == 1 {
                continue 'wrap;
            }
        }
        while !day_matches(&w) {
            if !added {
                added = true;
                t = date(zone, w.year, w.month as i64, w.day as i64, 0, 0, 0);
                w = wall(zone, t);
            }
            if fixed {
                // Days are 86,400 s without transitions: step the wall
                // fields instead of converting (the month-end wraps below).
                t += 86_400;
                w.weekday = (w.weekday + 1) % 7;
                w.day += 1;
                if w.day > days_in_month(w.year, w.month) {
                    w = wall(zone, t);
                }
                if w.day == 1 {
                    continue 'wrap;
                }
                continue;
            }
            t = date(
                zone,
                w.year,
                w.month as i64,
                w.day as i64 + 1,
                w.hour as i64,
                w.minute as i64,
                w.second as i64,
            );
            w = wall(zone, t);
            // robfig: no longer midnight because of DST; add an hour if
            // it is 23, subtract one if it is 1.
            if w.hour != 0 {
                if w.hour > 12 {
                    t += (24 - w.hour as i64) * 3600;
                } else {
                    t -= w.hour as i64 * 3600;
                }
                w = wall(zone, t);
            }
            if w.day == 1 {
                continue 'wrap;
            }
        }
        while hour & (1 << w.hour) == 0 {
            if !added {
                added = true;
                t = date(
                    zone,
                    w.year,
                    w.month as i64,
                    w.day as i64,
                    w.hour as i64,
                    0,
                    0,
                );
                w = wall(zone, t);
            }
            let step = if fixed {
                steps_to_next_bit(hour, w.hour, 24)
            } else {
                1
            };
            t += step * 3600;
            w = wall(zone, t);
            if w.hour == 0 {
                continue 'wrap;
            }
        }
        while minute & (1 << w.minute) == 0 {
            if !added {
                added = true;
                t -= t.rem_euclid(60);
                w = wall(zone, t);
            }
            let step = if fixed {
                steps_to_next_bit(minute, w.minute, 60)
            } else {
                1
            };
            t += step * 60;
            w = wall(zone, t);
            if w.minute == 0 {
                continue 'wrap;
            }
        }
        // Seconds are fixed to 0 by ParseStandard.
        if w.second != 0 {
            if !added {
                added = true;
            }
            t += 60 - w.second as i64;
            continue 'wrap;
        }
        return Some(t);
    }
}

/// The IANA-name shape check of `validateTimeZone` (the zone database
/// itself is not bundled, so only malformed names are rejected).
pub fn time_zone_shape_ok(tz: &str) -> bool {
    tz.split('/').all(|part| {
        !part.is_empty()
            && part.len() <= 14
            && part != "."
            && part != ".."
            && !part.starts_with('-')
            && part
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-_+".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robfig_error_texts() {
        // Texts from robfig/cron v3 parser.go (TestRange, TestParseScheduleErrors).
        let cases = [
            ("* * *", "expected exactly 5 fields, found 3: [* * *]"),
            ("61 * * * *", "end of range (61) above maximum (59): 61"),
            (
                "j * * * *",
                "failed to parse int from j: strconv.Atoi: parsing \"j\": invalid syntax",
            ),
            (
                "15/0 * * * *",
                "step of range should be a positive number: 15/0",
            ),
            ("5--5 * * * *", "too many hyphens: 5--5"),
            ("*//2 * * * *", "too many slashes: *//2"),
            ("*/-12 * * * *", "negative number (-12) not allowed: -12"),
            (
                "5-3 * * * *",
                "beginning of range (5) beyond end of range (3): 5-3",
            ),
            ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
            ("* * * * 7", "end of range (7) above maximum (6): 7"),
            (
                "* * * * mon-sun",
                "beginning of range (1) beyond end of range (0): mon-sun",
            ),
            ("@x", "unrecognized descriptor: @x"),
            (
                "@every Xm",
                "failed to parse duration @every Xm: time: invalid duration \"Xm\"",
            ),
            ("", "empty spec string"),
        ];
        for (spec, want) in cases {
            assert_eq!(parse_standard(spec).unwrap_err(), want, "{spec:?}");
        }
    }

    #[test]
    fn accepted_forms() {
        for spec in [
            "* * * * *",
            "*/15 0-5 ? Jan-Mar MON-FRI",
            "5/15 * * * *",
            "*-5 * * * *",
            "1,,15 * * * *",
            "@hourly",
            "@every 1h30m",
            "0 3 * * 1",
            "+5 * * * *",
        ] {
            assert!(parse_standard(spec).is_ok(), "{spec}");
        }
        match parse_standard("*/2 * * * */2").unwrap() {
            Schedule::Spec(SpecSchedule {
                minute,
                dow_star,
                dom_star,
                ..
            }) => {
                assert_eq!(minute & 0b111, 0b101);
                assert!(!dow_star, "a step > 1 clears the star bit");
                assert!(dom_star);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_standard("@every 500ms"), Ok(Schedule::Every(1)));
    }

    #[test]
    fn time_zone_shapes() {
        assert!(
            time_zone_shape_ok("Europe/Rome")
                && time_zone_shape_ok("Etc/UTC")
                && time_zone_shape_ok("America/Argentina/Buenos_Aires")
        );
        assert!(
            !time_zone_shape_ok("bad timezone")
                && !time_zone_shape_ok("../x")
                && !time_zone_shape_ok("-x/y")
        );
    }
}
