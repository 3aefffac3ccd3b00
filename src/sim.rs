//! The one piece of shared UI state: the editor text, the running world
//! and the clock controls, provided as a context. The frame loop advances
//! the world in time-boxed slices so the page never blocks.

use jobsim::manifest::SourceError;
use jobsim::scenario::ScenarioSpec;
use jobsim::timezone::ZoneDb;
use jobsim::{Duration, Time, World};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// GET `url` as text (same origin).
async fn fetch_text(url: &str) -> Result<String, String> {
    let resp = wasm_bindgen_futures::JsFuture::from(window().fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = resp.text().map_err(|e| format!("{e:?}"))?;
    wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|e| format!("{e:?}"))?
        .as_string()
        .ok_or_else(|| "not text".to_string())
}

/// Core work per animation frame before yielding to the browser: with
/// the views' own few milliseconds a frame stays within one 60 Hz frame
/// (14 ms was measured to spill some frames into a second one).
const FRAME_BUDGET_MS: f64 = 12.0;
/// Refresh period of the heavy views while the clock plays, and while it
/// runs to the end: a refresh of a big run's views (a hundred node cards,
/// the charts) costs a long frame, so a run to the end, which takes a
/// second or two, shows the clock and the event count and refreshes the
/// rest only every few seconds and when it is done.
const SLOW_VIEW_MS: f64 = 250.0;
const SLOW_VIEW_RUN_MS: f64 = 3000.0;
/// A checkpoint of the world every this many processed events, so moving
/// the clock anywhere replays at most that many (see `seek`).
const CHECKPOINT_EVENTS: u64 = 20_000;
/// Checkpoints kept; beyond it every other one is dropped (the spacing
/// doubles), so memory stays bounded on long runs.
const MAX_CHECKPOINTS: usize = 12;

#[derive(Clone, Copy)]
pub struct Sim {
    /// What the editor holds (autosaved).
    pub text: RwSignal<String>,
    /// Errors of `text`, validated as the user types.
    pub errors: RwSignal<Vec<SourceError>>,
    /// Milliseconds the last validation took (browser test figure).
    pub last_check_ms: RwSignal<f64>,
    /// The text the current world was built from.
    pub applied: RwSignal<String>,
    world: StoredValue<Option<World>, LocalStorage>,
    /// Bumped whenever the world changes; the clock depends on it.
    pub rev: RwSignal<u64>,
    /// Bumped at most every `SLOW_VIEW_MS` while playing (and on every
    /// change otherwise); the heavy views (board, timeline, events) depend
    /// on it so that playing never costs a full re-render per frame.
    slow_rev: RwSignal<u64>,
    last_slow: StoredValue<f64>,
    pub playing: RwSignal<bool>,
    pub speed: RwSignal<f64>,
    pub running_to_end: RwSignal<bool>,
    /// Furthest virtual time reached, for the scrubber.
    pub horizon: RwSignal<u64>,
    pub selected_pod: RwSignal<Option<String>>,
    pub notice: RwSignal<String>,
    /// Why a shared link could not be opened (shown until the next one).
    pub link_error: RwSignal<Option<LinkBanner>>,
    /// The UI's language.
    pub lang: RwSignal<crate::i18n::Lang>,
    /// The last link the Share button made.
    pub share_url: RwSignal<String>,
    /// Presenter view: editor folded away, large type, keyboard controls.
    pub present: RwSignal<bool>,
    /// Wall-clock milliseconds the last "run to end" took, and how much of
    /// it the core's stepping took (the rest: views, rendering, waiting
    /// for the next frame).
    pub last_run_ms: RwSignal<Option<f64>>,
    pub last_run_core_ms: RwSignal<Option<f64>>,
    run_core_ms: StoredValue<f64>,
    run_started: RwSignal<Option<f64>>,
    /// A pending move of the clock, done in slices by the frame loop.
    pub seeking: RwSignal<Option<u64>>,
    /// The user's own text after an example or a shared link replaced it.
    pub previous: RwSignal<Option<String>>,
    /// The tz database, fetched (once) when a manifest first uses
    /// `spec.timeZone`; the core takes it as an input.
    zones: StoredValue<Option<Arc<ZoneDb>>, LocalStorage>,
    zones_requested: StoredValue<bool>,
    /// Example texts fetched so far (an example is not "the user's text").
    examples: StoredValue<Vec<String>>,
    /// Copies of the current world at increasing virtual times (their pod
    /// and event chunks are shared with the world until it writes them).
    checkpoints: StoredValue<Vec<World>, LocalStorage>,
    /// Wall milliseconds the last clock move took (browser test figure).
    pub last_seek_ms: RwSignal<Option<f64>>,
    seek_started: StoredValue<f64>,
}

/// What the link banner says (worded in the reader's language).
#[derive(Clone, Debug, PartialEq)]
pub enum LinkBanner {
    Error(jobsim::link::LinkError),
    DoesNotLoad,
}

pub fn now_ms() -> f64 {
    window().performance().map(|p| p.now()).unwrap_or(0.0)
}

impl Sim {
    pub fn new(initial: String) -> Sim {
        Sim {
            text: RwSignal::new(initial),
            errors: RwSignal::new(Vec::new()),
            last_check_ms: RwSignal::new(0.0),
            applied: RwSignal::new(String::new()),
            world: StoredValue::new_local(None),
            rev: RwSignal::new(0),
            slow_rev: RwSignal::new(0),
            last_slow: StoredValue::new(0.0),
            playing: RwSignal::new(false),
            speed: RwSignal::new(10.0),
            running_to_end: RwSignal::new(false),
            horizon: RwSignal::new(0),
            selected_pod: RwSignal::new(None),
            notice: RwSignal::new(String::new()),
            link_error: RwSignal::new(None),
            lang: RwSignal::new(crate::i18n::Lang::En),
            share_url: RwSignal::new(String::new()),
            present: RwSignal::new(false),
            last_run_ms: RwSignal::new(None),
            last_run_core_ms: RwSignal::new(None),
            run_core_ms: StoredValue::new(0.0),
            run_started: RwSignal::new(None),
            seeking: RwSignal::new(None),
            previous: RwSignal::new(None),
            zones: StoredValue::new_local(None),
            zones_requested: StoredValue::new(false),
            examples: StoredValue::new(Vec::new()),
            checkpoints: StoredValue::new_local(Vec::new()),
            last_seek_ms: RwSignal::new(None),
            seek_started: StoredValue::new(0.0),
        }
    }

    /// Parses, validates and builds a world, with the tz database when it
    /// is loaded (and starts loading it when the text needs it).
    fn build(&self, text: &str) -> Result<World, Vec<SourceError>> {
        World::from_text_with_zones(text, None, self.zone_db(text))
    }

    /// The tz database if loaded (starting the load when `text` needs it).
    fn zone_db(&self, text: &str) -> Arc<ZoneDb> {
        let db = self.zones.get_value();
        if db.is_none() && text.contains("timeZone") && !self.zones_requested.get_value() {
            self.zones_requested.set_value(true);
            self.load_zones();
        }
        db.unwrap_or_default()
    }

    /// Validates the editor text as the API server would, without building
    /// a world (what every keystroke costs).
    pub fn check(&self, text: &str) {
        let start = now_ms();
        let db = self.zone_db(text);
        self.errors
            .set(World::check_text(text, &db).err().unwrap_or_default());
        self.last_check_ms.set(now_ms() - start);
    }

    /// Fetches `zones.txt` (copied next to the page by trunk); once parsed,
    /// re-validates the editor and rebuilds the running world at the same
    /// virtual time.
    fn load_zones(&self) {
        let sim = *self;
        leptos::task::spawn_local(async move {
            match fetch_text("zones.txt").await.and_then(|t| ZoneDb::parse(&t)) {
                Ok(db) => {
                    sim.zones.set_value(Some(Arc::new(db)));
                    sim.check(&sim.text.get_untracked());
                    let now = sim.world.with_value(|w| w.as_ref().map(|w| w.now().ms()));
                    if let (Some(now), Some(w)) = (now, sim.rebuild()) {
                        sim.set_world(w);
                        sim.seeking.set(Some(now));
                        sim.bump();
                    }
                }
                Err(e) => sim.notice.set(format!(
                    "The time zone database could not be loaded ({e}); CronJobs with spec.timeZone report UnknownTimeZone."
                )),
            }
        });
    }

    /// Remembers `prev` (if it is the user's own text: not an example and
    /// not the text replacing it) so it can be restored.
    pub fn keep_previous(&self, prev: String, replacement: &str) {
        let is_example = prev == crate::examples::SEED_EXAMPLE
            || self.examples.with_value(|e| e.contains(&prev));
        if !is_example && prev != replacement && !prev.trim().is_empty() {
            crate::share::save_previous(&prev);
            self.previous.set(Some(prev));
        }
    }

    /// Fetches example `file` (copied next to the page by trunk) into the
    /// editor; the seed example is in the bundle.
    pub fn load_example(&self, file: &str) {
        self.load_fixture(file.to_string(), false);
    }

    /// A lesson of the gallery: loaded and applied, so Play works at once.
    pub fn load_lesson(&self, file: &str) {
        self.load_fixture(format!("lessons/{file}"), true);
    }

    /// An exercise of the gallery: loaded and applied.
    pub fn load_exercise(&self, file: &str) {
        self.load_fixture(format!("exercises/{file}"), true);
    }

    fn load_fixture(&self, file: String, apply: bool) {
        let sim = *self;
        if file == crate::examples::SEED_FILE {
            sim.replace_text(crate::examples::SEED_EXAMPLE.to_string());
            if apply {
                sim.apply();
            }
            return;
        }
        leptos::task::spawn_local(async move {
            match fetch_text(&format!("fixtures/{file}")).await {
                Ok(text) => {
                    sim.examples.update_value(|e| e.push(text.clone()));
                    sim.replace_text(text);
                    if apply {
                        sim.apply();
                        sim.open_lesson_moment();
                    }
                }
                Err(e) => sim
                    .notice
                    .set(format!("The example could not be loaded ({e}).")),
            }
        });
    }

    /// A lesson's stop time and view: the clock moves there and the panel
    /// comes into sight.
    pub fn open_lesson_moment(&self) {
        let moment = self
            .view(|w| {
                w.lesson()
                    .map(|l| (l.stop_at.map(|d| d.0.as_millis()), l.view.clone()))
            })
            .flatten();
        if let Some((stop, view)) = moment {
            if let Some(ms) = stop {
                self.seek(ms);
            }
            if let Some(v) = view {
                request_animation_frame(move || crate::share::open_view(&v));
            }
        }
    }

    /// Replaces the editor text, keeping the old one for "restore".
    pub fn replace_text(&self, text: String) {
        self.keep_previous(self.text.get_untracked(), &text);
        self.check(&text);
        self.text.set(text);
    }

    /// Reads the world; tracks `rev` so callers re-run when it changes.
    pub fn view<R>(&self, f: impl FnOnce(&World) -> R) -> Option<R> {
        self.rev.track();
        self.world.with_value(|w| w.as_ref().map(f))
    }

    /// Like `view`, for heavy views: re-runs at most a few times a second
    /// while the clock runs.
    pub fn view_slow<R>(&self, f: impl FnOnce(&World) -> R) -> Option<R> {
        self.slow_rev.track();
        self.world.with_value(|w| w.as_ref().map(f))
    }

    /// Subscribes to the heavy views' refreshes without reading the world.
    pub fn slow_rev_track(&self) {
        self.slow_rev.track();
    }

    pub fn has_world(&self) -> bool {
        self.rev.track();
        self.world.with_value(|w| w.is_some())
    }

    /// Replaces the world; checkpoints of the old one no longer apply.
    fn set_world(&self, w: World) {
        self.checkpoints.set_value(Vec::new());
        self.world.set_value(Some(w));
    }

    fn bump(&self) {
        self.rev.update(|r| *r += 1);
        let playing = self.playing.get_untracked();
        // A move of the clock shows only where it lands.
        let to_end = self.running_to_end.get_untracked() || self.seeking.get_untracked().is_some();
        let period = if to_end {
            SLOW_VIEW_RUN_MS
        } else {
            SLOW_VIEW_MS
        };
        let t = now_ms();
        if !(playing || to_end) || t - self.last_slow.get_value() >= period {
            self.last_slow.set_value(t);
            self.slow_rev.update(|r| *r += 1);
        }
        let now = self
            .world
            .with_value(|w| w.as_ref().map_or(0, |w| w.now().ms()));
        self.horizon.update(|h| *h = (*h).max(now));
    }

    /// Builds the world of `text` (errors go to the editor), with the
    /// objects created at time zero already in place.
    fn validate(&self, text: &str) -> Option<World> {
        match self.build(text) {
            Ok(mut w) => {
                prepare(&mut w);
                self.errors.set(Vec::new());
                Some(w)
            }
            Err(errs) => {
                self.errors.set(errs);
                None
            }
        }
    }

    /// Builds a fresh world from the editor text and starts at time zero.
    pub fn apply(&self) {
        let text = self.text.get_untracked();
        if let Some(w) = self.validate(&text) {
            self.set_world(w);
            self.applied.set(text);
            self.playing.set(false);
            self.running_to_end.set(false);
            self.horizon.set(0);
            self.notice.set(String::new());
            self.bump();
        } else {
            self.notice.set(
                crate::i18n::tr(
                    self.lang.get_untracked(),
                    "Fix the errors in the editor, then apply again.",
                )
                .into(),
            );
        }
    }

    fn rebuild(&self) -> Option<World> {
        let mut w = self.build(&self.applied.get_untracked()).ok()?;
        prepare(&mut w);
        Some(w)
    }

    pub fn reset(&self) {
        if let Some(w) = self.rebuild() {
            self.set_world(w);
            self.playing.set(false);
            self.running_to_end.set(false);
            self.bump();
        }
    }

    /// Moves to virtual time `t` from the latest checkpoint at or before
    /// it (the core is deterministic, so a copy of the world replays the
    /// same timeline), or from time zero, or from now when that is nearer.
    /// The replaying happens in the frame loop, a slice per frame.
    pub fn seek(&self, t: u64) {
        let now = self.world.with_value(|w| w.as_ref().map(|w| w.now().ms()));
        let Some(now) = now else { return };
        self.seek_started.set_value(now_ms());
        let from = self.checkpoints.with_value(|cps| {
            cps.iter()
                .rev()
                .find(|c| c.now().ms() <= t)
                .filter(|c| t < now || c.now().ms() > now)
                .cloned()
        });
        match from {
            Some(w) => self.world.set_value(Some(w)),
            None if t < now => {
                if let Some(w) = self.rebuild() {
                    self.world.set_value(Some(w));
                }
            }
            None => {}
        }
        self.seeking.set(Some(t));
        self.bump();
    }

    /// Stops playing or running to the end.
    pub fn pause(&self) {
        self.playing.set(false);
        self.running_to_end.set(false);
    }

    /// Keeps a copy of the world every `CHECKPOINT_EVENTS` events past the
    /// last checkpoint (only on new ground: replays reuse the old ones).
    fn checkpoint(&self) {
        let Some((processed, now)) = self
            .world
            .with_value(|w| w.as_ref().map(|w| (w.processed(), w.now().ms())))
        else {
            return;
        };
        let last = self
            .checkpoints
            .with_value(|c| c.last().map(|w| (w.processed(), w.now().ms())));
        let due = match last {
            None => processed >= CHECKPOINT_EVENTS,
            Some((p, t)) => processed >= p + CHECKPOINT_EVENTS && now > t,
        };
        if !due {
            return;
        }
        let Some(copy) = self.world.with_value(|w| w.clone()) else {
            return;
        };
        self.checkpoints.update_value(|c| {
            c.push(copy);
            if c.len() > MAX_CHECKPOINTS {
                let mut i = 0;
                c.retain(|_| {
                    i += 1;
                    i % 2 == 0
                });
            }
        });
    }

    pub fn run_to_end(&self) {
        self.playing.set(false);
        self.run_started.set(Some(now_ms()));
        self.run_core_ms.set_value(0.0);
        self.last_run_ms.set(None);
        self.last_run_core_ms.set(None);
        self.running_to_end.set(true);
    }

    pub fn step(&self) {
        self.world.update_value(|w| {
            if let Some(w) = w {
                w.step();
            }
        });
        self.bump();
    }

    /// Records an intervention into the Scenario (so a replay reproduces
    /// it) at the current virtual time, then replays to now.
    pub fn record(&self, edit: impl FnOnce(&mut ScenarioSpec, Duration)) {
        let now = self.world.with_value(|w| w.as_ref().map(|w| w.now()));
        let Some(now) = now else {
            self.notice.set("Apply the manifests first.".into());
            return;
        };
        let at = now.since(Time::ZERO);
        let applied = self.applied.get_untracked();
        match jobsim::scenario::record(&applied, |s| edit(s, at)) {
            Ok(new_text) => {
                let Ok(mut w) = self.build(&new_text) else {
                    self.notice
                        .set("That change made the scenario invalid; nothing was applied.".into());
                    return;
                };
                prepare(&mut w);
                self.set_world(w);
                self.seeking.set(Some(now.ms()));
                // Keep the editor in step when it still shows what runs.
                if self.text.get_untracked() == applied {
                    self.text.set(new_text.clone());
                }
                self.applied.set(new_text);
                self.bump();
            }
            Err(e) => self.notice.set(e),
        }
    }

    /// One animation frame: advance by wall time × speed, or run towards
    /// the end, within the frame budget.
    pub fn frame(&self, dt_ms: f64) {
        let start = now_ms();
        if let Some(target) = self.seeking.get_untracked() {
            let mut reached = true;
            self.world.update_value(|w| {
                if let Some(w) = w {
                    let target = Time(target).min(w.stop_time());
                    reached = run_slice(w, target, start);
                    if reached {
                        w.run_until(target);
                    }
                }
            });
            if reached {
                self.seeking.set(None);
                self.last_seek_ms
                    .set(Some(now_ms() - self.seek_started.get_value()));
            }
            self.checkpoint();
            self.bump();
            return;
        }
        let playing = self.playing.get_untracked();
        let to_end = self.running_to_end.get_untracked();
        if !playing && !to_end {
            return;
        }
        let speed = self.speed.get_untracked();
        let mut done = false;
        self.world.update_value(|w| {
            let Some(w) = w else { return };
            if to_end {
                let stop = w.stop_time();
                run_slice(w, stop, start);
                done = w.is_done();
                if done {
                    w.run_to_end();
                }
            } else {
                let target = w.now().ms() + (dt_ms.min(100.0) * speed) as u64;
                let target = Time(target.min(w.stop_time().ms()));
                if run_slice(w, target, start) {
                    w.run_until(target);
                }
                done = w.is_done();
            }
        });
        if to_end {
            self.run_core_ms.update_value(|c| *c += now_ms() - start);
        }
        self.checkpoint();
        if done {
            self.playing.set(false);
            if to_end {
                self.running_to_end.set(false);
                let started = self.run_started.get_untracked().unwrap_or(start);
                self.last_run_ms.set(Some(now_ms() - started));
                self.last_run_core_ms
                    .set(Some(self.run_core_ms.get_value()));
            }
        }
        self.bump();
    }
}

/// Steps the events due by `target` until the frame budget (counted from
/// `start`) is spent. True when none is left before `target`, or when the
/// world stopped on its own (a limit).
fn run_slice(w: &mut World, target: Time, start: f64) -> bool {
    let mut n = 0u32;
    while w.next_event_time().is_some_and(|t| t <= target) {
        if w.step().is_none() {
            return true;
        }
        n += 1;
        if n.is_multiple_of(256) && now_ms() - start > FRAME_BUDGET_MS {
            return false;
        }
    }
    true
}

/// Most pods a browser tab simulates (a wasm tab has far less memory than
/// the native CLI's 2,000,000-pod limit needs).
const MAX_PODS_IN_TAB: usize = 1_000_000;

/// Browser limits, then the objects created at time zero.
fn prepare(w: &mut World) {
    w.set_limits(jobsim::world::Limits {
        max_pods: MAX_PODS_IN_TAB,
        ..w.limits()
    });
    w.run_until(Time::ZERO);
}

/// The core alone on `text`, without the page (no views, no slicing):
/// milliseconds to build the world and run it to the end. The browser
/// performance test divides the page's run-to-end time by this.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn core_run_ms(text: &str) -> f64 {
    let start = now_ms();
    match World::from_text(text, None) {
        Ok(mut w) => {
            prepare(&mut w);
            w.run_to_end();
            now_ms() - start
        }
        Err(_) => f64::NAN,
    }
}

/// Bytes of linear memory the wasm module holds (it never shrinks, so
/// this is the peak so far).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    return (core::arch::wasm32::memory_size(0) * 65536) as f64;
    #[cfg(not(target_arch = "wasm32"))]
    0.0
}

/// Starts the requestAnimationFrame loop that drives the clock.
pub fn start_loop(sim: Sim) {
    fn tick(sim: Sim, last: f64) {
        let now = now_ms();
        sim.frame(now - last);
        request_animation_frame(move || tick(sim, now));
    }
    let start = now_ms();
    request_animation_frame(move || tick(sim, start));
}

pub fn use_sim() -> Sim {
    expect_context::<Sim>()
}

/// Formats virtual elapsed time as `+HH:MM:SS`.
pub fn elapsed(ms: u64) -> String {
    let s = ms / 1000;
    format!("+{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}
