//! Building a world from manifests: every object defaulted and validated
//! (errors located at the offending field), the Scenario applied, nodes
//! added (or the default pool of three workers), and Jobs, CronJobs and
//! the Scenario's actions scheduled as inputs.

use crate::clock::Time;
use crate::defaults::prepare_job;
use crate::manifest::{locate, Decoded, Object, SourceError};
use crate::node::NodeState;
use crate::scenario::Timings;
use crate::timezone::ZoneDb;
use crate::validation::{
    summary, validate_cronjob, validate_job_created, validate_node, validate_scenario, FieldError,
};
use crate::world::{Input, ObjectError, World};
use std::sync::Arc;

impl World {
    /// Builds a world from decoded manifests: defaults and validates every
    /// object (errors located at the offending field), applies the Scenario,
    /// adds nodes (or the default pool of three workers) and schedules the
    /// Jobs' creation at time zero and the Scenario's actions.
    pub fn build(
        objects: &[Decoded],
        seed_override: Option<u64>,
    ) -> Result<World, Vec<ObjectError>> {
        World::build_with_zones(objects, seed_override, Arc::new(ZoneDb::default()))
    }

    /// `build` with a tz database for CronJobs' `spec.timeZone` (without
    /// one, only UTC is known).
    pub fn build_with_zones(
        objects: &[Decoded],
        seed_override: Option<u64>,
        zones: Arc<ZoneDb>,
    ) -> Result<World, Vec<ObjectError>> {
        let scenario = World::check(objects, seed_override, &zones)?;
        World::assemble(objects, seed_override, zones, scenario)
    }

    /// Validates decoded manifests as the API server would on create,
    /// without building anything (the editor checks every keystroke this
    /// way); returns the Scenario, if one was given.
    pub fn check(
        objects: &[Decoded],
        seed_override: Option<u64>,
        zones: &ZoneDb,
    ) -> Result<Option<Box<crate::scenario::Scenario>>, Vec<ObjectError>> {
        let db = (!zones.is_empty()).then_some(zones);
        let mut errors = Vec::new();
        let located = |errors: &mut Vec<SourceError>,
                       d: &Decoded,
                       kind: &str,
                       name: &str,
                       errs: Vec<FieldError>| {
            for e in &errs {
                let line = if d.list_item.is_some() {
                    d.line
                } else {
                    locate(&d.doc, doc_first_line(d), &e.path)
                };
                errors.push(SourceError {
                    detail: Some(Box::new(crate::validation::Located {
                        kind: kind.to_string(),
                        name: name.to_string(),
                        error: e.clone(),
                    })),
                    line,
                    column: 1,
                    message: summary(kind, name, std::slice::from_ref(e)),
                });
            }
        };
        let mut scenario = None;
        let seed = seed_override
            .or(objects.iter().find_map(|d| match &d.object {
                Object::Scenario(s) => s.spec.seed,
                _ => None,
            }))
            .unwrap_or(1);
        for d in objects {
            match &d.object {
                Object::Job(j) => {
                    let mut j = j.clone();
                    // Validated with the uid the Job will get on create.
                    let uid = crate::uid::uid_string(crate::uid::job_uid(seed, d.object.name(), 0));
                    prepare_job(&mut j, &uid);
                    located(
                        &mut errors,
                        d,
                        "Job",
                        d.object.name(),
                        validate_job_created(&j, &uid),
                    );
                }
                Object::CronJob(c) => {
                    let mut c = c.clone();
                    crate::defaults::default_cronjob(&mut c);
                    // ValidateJobTemplateSpec's pod checks need the pod defaults.
                    located(
                        &mut errors,
                        d,
                        "CronJob",
                        d.object.name(),
                        validate_cronjob(&c, db),
                    );
                }
                Object::Node(n) => {
                    located(&mut errors, d, "Node", d.object.name(), validate_node(n))
                }
                Object::Scenario(s) => {
                    located(
                        &mut errors,
                        d,
                        "Scenario",
                        d.object.name(),
                        validate_scenario(s),
                    );
                    if scenario.is_some() {
                        errors.push(SourceError {
                            detail: None,
                            line: d.line,
                            column: 1,
                            message: "only one Scenario may be given".into(),
                        });
                    }
                    scenario = Some(s.clone());
                }
            }
        }
        // Actions must name objects the run has.
        if let Some(d) = objects
            .iter()
            .find(|d| matches!(d.object, Object::Scenario(_)))
        {
            let Object::Scenario(sc) = &d.object else {
                unreachable!("found a Scenario")
            };
            let of = |want: fn(&Object) -> bool| -> Vec<&str> {
                objects
                    .iter()
                    .filter(|d| want(&d.object))
                    .map(|d| d.object.name())
                    .collect()
            };
            let jobs = of(|o| matches!(o, Object::Job(_)));
            let cronjobs = of(|o| matches!(o, Object::CronJob(_)));
            let mut nodes = of(|o| matches!(o, Object::Node(_)));
            nodes.extend(sc.spec.nodes.iter().map(|n| n.name.as_str()));
            if nodes.is_empty() {
                // The default pool (see `assemble`).
                nodes.extend(["node-1", "node-2", "node-3"]);
            }
            located(
                &mut errors,
                d,
                "Scenario",
                d.object.name(),
                crate::validation::validate_action_targets(&sc.spec, &jobs, &cronjobs, &nodes),
            );
            let defaulted = |s: &crate::api::JobSpec| {
                let mut s = s.clone();
                crate::defaults::default_job_spec(&mut s);
                s
            };
            let job_specs: Vec<(&str, crate::api::JobSpec)> = objects
                .iter()
                .filter_map(|d| match &d.object {
                    Object::Job(j) => Some((d.object.name(), defaulted(&j.spec))),
                    _ => None,
                })
                .collect();
            let template_specs: Vec<(&str, crate::api::JobSpec)> = objects
                .iter()
                .filter_map(|d| match &d.object {
                    Object::CronJob(c) => {
                        Some((d.object.name(), defaulted(&c.spec.job_template.spec)))
                    }
                    _ => None,
                })
                .collect();
            located(
                &mut errors,
                d,
                "Scenario",
                d.object.name(),
                crate::validation::validate_action_patches(&sc.spec, &job_specs, &template_specs),
            );
        }
        let mut names = std::collections::BTreeSet::new();
        for d in objects {
            if !names.insert((d.object.kind(), d.object.name().to_string())) {
                errors.push(SourceError {
                    detail: None,
                    line: d.line,
                    column: 1,
                    message: format!(
                        "Error from server (AlreadyExists): {}s \"{}\" already exists",
                        d.object.kind().to_ascii_lowercase(),
                        d.object.name()
                    ),
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(scenario)
    }

    fn assemble(
        objects: &[Decoded],
        seed_override: Option<u64>,
        zones: Arc<ZoneDb>,
        scenario: Option<Box<crate::scenario::Scenario>>,
    ) -> Result<World, Vec<ObjectError>> {
        let spec = scenario
            .as_ref()
            .map(|s| s.spec.clone())
            .unwrap_or_default();
        let seed = seed_override.or(spec.seed).unwrap_or(1);
        let mut w = World::empty(seed);
        w.zones = zones.clone();
        w.scenario_name = scenario.as_ref().and_then(|s| s.metadata.name.clone());
        w.lesson = scenario.as_ref().and_then(|s| s.spec.lesson.clone());
        w.compare = scenario.as_ref().and_then(|s| s.spec.compare.clone());
        if let Some(t) = &spec.start_time {
            w.origin_unix = crate::clock::parse_rfc3339(t).expect("validated");
        }
        w.timings = Timings::resolved(spec.timings.as_ref());
        if w.timings.node_loss_shortened() {
            w.add_note(crate::note::Note::ShortenedNodeLoss {
                grace: w.timings.node_monitor_grace_period,
                toleration: w.timings.unreachable_toleration_seconds,
            });
        }
        w.behaviors = spec.behaviors.clone();
        w.until = spec.until.map(|d| Time::ZERO.after(d.0));
        for n in &spec.nodes {
            w.add_node_shorthand(n);
        }
        for d in objects {
            if let Object::Node(n) = &d.object {
                w.add_node_object(n);
            }
        }
        if w.store.nodes.is_empty() {
            for i in 1..=3 {
                w.new_node(format!("node-{i}"), NodeState::default_allocatable());
            }
        }
        for d in objects {
            match &d.object {
                Object::Job(j) => w.apply(Time::ZERO, Input::CreateJob(j.clone())),
                Object::CronJob(c) => w.add_cronjob((**c).clone()),
                _ => {}
            }
        }
        for a in &spec.actions {
            w.apply(Time::ZERO.after(a.at.0), Input::Action(a.verb.clone()));
        }
        Ok(w)
    }

    /// Parses and builds in one go (the common driver path).
    pub fn from_text(text: &str, seed_override: Option<u64>) -> Result<World, Vec<ObjectError>> {
        let objects = crate::manifest::parse(text)?;
        World::build(&objects, seed_override)
    }

    /// Parses and validates only (`check`).
    pub fn check_text(text: &str, zones: &ZoneDb) -> Result<(), Vec<ObjectError>> {
        let objects = crate::manifest::parse(text)?;
        World::check(&objects, None, zones).map(|_| ())
    }

    /// `from_text` with a tz database.
    pub fn from_text_with_zones(
        text: &str,
        seed_override: Option<u64>,
        zones: Arc<ZoneDb>,
    ) -> Result<World, Vec<ObjectError>> {
        let objects = crate::manifest::parse(text)?;
        World::build_with_zones(&objects, seed_override, zones)
    }
}

fn doc_first_line(d: &Decoded) -> usize {
    // `Decoded::line` is the first content line; `locate` wants the line of
    // the document's first text line, which for our split is the same
    // minus leading blank/comment lines.
    let lead = d
        .doc
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .count();
    d.line - lead
}
