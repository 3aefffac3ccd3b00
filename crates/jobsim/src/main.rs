//! `jobsim`: the native driver over the simulation core.
//!
//! ```text
//! jobsim run FILE... [--seed N] [--until DUR] [-o text|json]
//! jobsim kubectl FILE... [--seed N] [--at DUR] -- ARGS...
//! jobsim bench [--completions N] [--parallelism N] [--nodes N] [--failure-rate F]
//! ```

use jobsim::clock::{parse_duration, rfc3339, unix_secs};
use jobsim::kubectl::objects;
use jobsim::manifest::{self, Decoded};
use jobsim::{Time, World};
use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live and peak heap bytes for `jobsim bench`.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new > l.size() {
                let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const USAGE: &str = "usage:
  jobsim run FILE... [--seed N] [--until DUR] [-o text|json]
  jobsim kubectl FILE... [--seed N] [--at DUR] -- ARGS...
  jobsim bench [--completions N] [--parallelism N] [--nodes N] [--failure-rate F]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(out) => {
            print!("{out}");
            ExitCode::SUCCESS
        }
        Err((code, msg)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}

type CliResult = Result<String, (u8, String)>;

fn usage(msg: &str) -> (u8, String) {
    (2, format!("error: {msg}\n{USAGE}"))
}

struct Opts {
    files: Vec<String>,
    seed: Option<u64>,
    until: Option<Time>,
    at: Option<Time>,
    output: String,
    rest: Vec<String>,
    numbers: std::collections::BTreeMap<String, String>,
}

fn parse_opts(args: &[String]) -> Result<Opts, (u8, String)> {
    let mut o = Opts {
        files: Vec::new(),
        seed: None,
        until: None,
        at: None,
        output: "text".into(),
        rest: Vec::new(),
        numbers: Default::default(),
    };
    let mut i = 0;
    let dur = |s: Option<&String>, flag: &str| -> Result<Time, (u8, String)> {
        let s = s.ok_or_else(|| usage(&format!("{flag} needs a value")))?;
        parse_duration(s)
            .map(|d| Time::ZERO.after(d))
            .map_err(|e| usage(&format!("{flag}: {e}")))
    };
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--" => {
                o.rest = args[i + 1..].to_vec();
                break;
            }
            "--seed" => {
                let v = args
                    .get(i + 1)
                    .ok_or_else(|| usage("--seed needs a value"))?;
                o.seed = Some(
                    v.parse()
                        .map_err(|_| usage(&format!("--seed: invalid number {v:?}")))?,
                );
                i += 1;
            }
            "--until" => {
                o.until = Some(dur(args.get(i + 1), "--until")?);
                i += 1;
            }
            "--at" => {
                o.at = Some(dur(args.get(i + 1), "--at")?);
                i += 1;
            }
            "-o" | "--output" => {
                o.output = args
                    .get(i + 1)
                    .ok_or_else(|| usage("-o needs a value"))?
                    .clone();
                i += 1;
            }
            "--completions" | "--parallelism" | "--nodes" | "--failure-rate" => {
                let v = args
                    .get(i + 1)
                    .ok_or_else(|| usage(&format!("{a} needs a value")))?;
                o.numbers
                    .insert(a.trim_start_matches('-').to_string(), v.clone());
                i += 1;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(usage(&format!("unknown flag {s:?}")))
            }
            _ => o.files.push(a.clone()),
        }
        i += 1;
    }
    Ok(o)
}

/// Reads and decodes every file; errors as `FILE:LINE:COL: message`.
fn load(o: &Opts) -> Result<World, (u8, String)> {
    if o.files.is_empty() {
        return Err(usage("no manifest files given"));
    }
    let mut all: Vec<Decoded> = Vec::new();
    let mut errors = Vec::new();
    let mut texts = Vec::new();
    for f in &o.files {
        let text = if f == "-" {
            let mut s = String::new();
            std::io::Read::read_to_string(
                &mut std::io::Read::take(std::io::stdin(), manifest::MAX_BYTES as u64 + 1),
                &mut s,
            )
            .map_err(|e| (2, format!("error: reading stdin: {e}")))?;
            s
        } else {
            let meta = std::fs::metadata(f).map_err(|e| (2, format!("error: {f}: {e}")))?;
            if meta.len() > manifest::MAX_BYTES as u64 {
                return Err((2, format!("error: {f}: file is {} bytes; the playground accepts at most {} bytes (1 MiB)", meta.len(), manifest::MAX_BYTES)));
            }
            std::fs::read_to_string(f).map_err(|e| (2, format!("error: {f}: {e}")))?
        };
        match manifest::parse(&text) {
            Ok(objs) => texts.push((f.clone(), objs)),
            Err(es) => errors.extend(
                es.into_iter()
                    .map(|e| format!("{f}:{}:{}: {}", e.line, e.column, e.message)),
            ),
        }
    }
    if !errors.is_empty() {
        return Err((2, errors.join("\n")));
    }
    // Validation errors are reported against the file that holds the object.
    let mut owner = Vec::new();
    for (f, objs) in texts {
        for d in objs {
            owner.push(f.clone());
            all.push(d);
        }
    }
    let mut w = World::build(&all, o.seed).map_err(|es| {
        let lines: Vec<String> = es
            .iter()
            .map(|e| {
                let f = all
                    .iter()
                    .zip(&owner)
                    .filter(|(d, _)| d.line <= e.line)
                    .map(|(_, f)| f.as_str())
                    .next_back()
                    .unwrap_or(o.files[0].as_str());
                format!("{f}:{}:{}: {}", e.line, e.column, e.message)
            })
            .collect();
        (2, lines.join("\n"))
    })?;
    if let Some(u) = o.until {
        w.until = Some(u);
    }
    Ok(w)
}

fn timeline(w: &World) -> String {
    // Events, interleaved with pod phase changes (which Kubernetes does not
    // emit as events, but which explain the gaps between them).
    let mut lines: Vec<(u64, usize, String)> = Vec::new();
    let stamp = |t: Time| {
        let ms = t.ms();
        format!(
            "+{:02}:{:02}:{:02}.{:03}  {}",
            ms / 3_600_000,
            (ms / 60_000) % 60,
            (ms / 1000) % 60,
            ms % 1000,
            rfc3339(unix_secs(w.origin_unix, t))
        )
    };
    for (n, i) in jobsim::kubectl::get::events_in_order(w, |_| true)
        .into_iter()
        .enumerate()
    {
        let e = &w.events.records[i];
        let (reason, msg, ty, _) = objects::event_text(w, e);
        let (kind, name, _) = objects::object_name(w, e.object);
        let count = if e.count > 1 {
            format!(" (x{})", e.count)
        } else {
            String::new()
        };
        lines.push((
            e.first().ms(),
            n,
            format!(
                "{}  {ty:<7}  {reason:<20}  {}/{name}  {msg}{count}",
                stamp(e.first()),
                kind.to_lowercase()
            ),
        ));
    }
    for pod in &w.pods {
        if let Some(t) = pod.running_at {
            lines.push((
                t.ms(),
                usize::MAX,
                format!(
                    "{}  phase    Running               pod/{}",
                    stamp(t),
                    pod.name
                ),
            ));
        }
        if let Some(t) = pod.finished_at {
            let detail: Vec<String> = w.jobs[pod.job as usize]
                .containers
                .iter()
                .zip(&pod.containers)
                .filter_map(|(spec, st)| match st.state {
                    jobsim::pod::ContainerState::Terminated(x) if x.exit_code != 0 => {
                        Some(format!(
                            "{} exited {} ({})",
                            spec.name,
                            x.exit_code,
                            x.reason.as_str()
                        ))
                    }
                    _ => None,
                })
                .collect();
            let detail = if detail.is_empty() {
                String::new()
            } else {
                format!("  {}", detail.join(", "))
            };
            lines.push((
                t.ms(),
                usize::MAX,
                format!(
                    "{}  phase    {:<20}  pod/{}{detail}",
                    stamp(t),
                    pod.phase.as_str(),
                    pod.name
                ),
            ));
        }
    }
    lines.sort_by_key(|(t, n, _)| (*t, *n));
    let mut out: String = lines.into_iter().map(|(_, _, l)| l + "\n").collect();
    for (j, job) in w.jobs.iter().enumerate() {
        out.push_str(&format!(
            "job/{}: {} {} ({} succeeded, {} failed){}\n",
            job.name,
            jobsim::kubectl::get::job_status_text(w, j as u32),
            jobsim::kubectl::get::completions_text(w, j as u32),
            job.status.succeeded,
            job.status.failed,
            job.terminal_condition()
                .map(|c| format!(": {} / {}", c.reason, c.message))
                .unwrap_or_default()
        ));
    }
    for n in &w.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    out
}

fn run(args: &[String]) -> CliResult {
    let (cmd, rest) = args.split_first().ok_or_else(|| usage("missing command"))?;
    let o = parse_opts(rest)?;
    match cmd.as_str() {
        "run" => {
            let mut w = load(&o)?;
            w.run_to_end();
            match o.output.as_str() {
                "text" => Ok(timeline(&w)),
                "json" => {
                    Ok(serde_json::to_string_pretty(&objects::list(&w)).unwrap_or_default() + "\n")
                }
                other => Err(usage(&format!(
                    "unknown output format {other:?} (text or json)"
                ))),
            }
        }
        "kubectl" => {
            let mut w = load(&o)?;
            match o.at {
                Some(t) => w.run_until(t),
                None => w.run_to_end(),
            }
            jobsim::kubectl::run(&w, &o.rest).map_err(|e| (1, e))
        }
        "bench" => bench(&o),
        "help" | "--help" | "-h" => Ok(format!("{USAGE}\n")),
        other => Err(usage(&format!("unknown command {other:?}"))),
    }
}

fn bench(o: &Opts) -> CliResult {
    let num = |k: &str, d: f64| -> Result<f64, (u8, String)> {
        o.numbers
            .get(k)
            .map(|v| {
                v.parse::<f64>()
                    .map_err(|_| usage(&format!("--{k}: invalid number {v:?}")))
            })
            .unwrap_or(Ok(d))
    };
    let completions = num("completions", 100_000.0)? as u32;
    let parallelism = num("parallelism", 1000.0)? as u32;
    let nodes = num("nodes", 100.0)? as u32;
    let rate = num("failure-rate", 0.1)?;
    let mut out = String::new();
    let mut results = Vec::new();
    for scale in [completions / 10, completions] {
        let base = LIVE.load(Ordering::Relaxed);
        PEAK.store(base, Ordering::Relaxed);
        let start = std::time::Instant::now();
        let mut w = jobsim::bench::world(scale, parallelism, nodes, rate);
        w.run_to_end();
        let secs = start.elapsed().as_secs_f64();
        let pods = w.pods.len();
        let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
        let job = &w.jobs[0];
        out.push_str(&format!(
            "completions {scale:>7}: {pods} pods ({} failed), {} events in {:.3} s -> {:.0} pod lifecycles/s, {:.0} events/s; peak heap {:.1} MiB = {:.0} B/pod; virtual time {}; job {}\n",
            job.status.failed,
            w.processed,
            secs,
            pods as f64 / secs,
            w.processed as f64 / secs,
            peak as f64 / (1 << 20) as f64,
            peak as f64 / pods.max(1) as f64,
            jobsim::clock::human_duration(w.now.since(Time::ZERO)),
            jobsim::kubectl::get::job_status_text(&w, 0),
        ));
        results.push((pods, secs));
        drop(w);
    }
    let (p1, t1) = results[0];
    let (p2, t2) = results[1];
    out.push_str(&format!(
        "scaling: {:.1}x the pods took {:.2}x the time\n",
        p2 as f64 / p1.max(1) as f64,
        t2 / t1.max(1e-9)
    ));
    Ok(out)
}
