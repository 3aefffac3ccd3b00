//! The core's layers: a module may import its own layer and the ones
//! below, never one above (ARCHITECTURE.md's code map, in this order). A
//! module imports another when it names `crate::a::b` (or `super::x`),
//! as `scripts/modgraph.py` counts them.

use std::collections::BTreeMap;

mod common;

/// Layers from the bottom; a module is in the layer of its longest listed
/// prefix (`job::state` before `job`).
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "clock", "quantity", "sort", "text", "uid", "timing", "limits", "field", "note",
            "arena", "queue", "cron", "timezone", "owner",
        ],
    ),
    ("API shapes", &["api", "lesson_form"]),
    (
        "input",
        &[
            "decode",
            "manifest",
            "scenario",
            "defaults",
            "validation",
            "shell",
        ],
    ),
    (
        "objects and controllers' state",
        &[
            "node",
            "pod",
            "events",
            "store",
            "job::state",
            "job::backoff",
            "job::indexed",
            "job::pod_failure_policy",
            "job::success_policy",
            "cronjob::state",
            "cronjob::utils",
            "scheduler::plugins",
            "nodelifecycle::state",
        ],
    ),
    ("the loop", &["world"]),
    (
        "controllers and API requests",
        &[
            "job",
            "cronjob",
            "scheduler",
            "kubelet",
            "nodelifecycle",
            "gc",
            "store::api",
        ],
    ),
    ("building a world", &["loader", "prepared"]),
    (
        "views and tools",
        &[
            "kubectl",
            "snapshot",
            "job::explain",
            "cronjob::explain",
            "exercise",
            "compare",
            "recording",
            "kwok",
            "lesson",
            "link",
            "bench",
            "fuzzing",
        ],
    ),
    // The sentences about all the data above, one file per language.
    ("words", &["words"]),
];

fn layer_of(module: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, (_, mods)) in LAYERS.iter().enumerate() {
        for m in *mods {
            let fits = module == *m || module.starts_with(&format!("{m}::"));
            if fits && best.is_none_or(|(len, _)| m.len() > len) {
                best = Some((m.len(), i));
            }
        }
    }
    best.map(|(_, i)| i)
}

/// Module name (`job::state`) -> source without unit tests.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (rel, src) in common::core_sources() {
        let rel = rel.strip_suffix(".rs").unwrap_or(&rel);
        if rel == "lib" || rel == "main" {
            continue;
        }
        out.insert(
            rel.strip_suffix("/mod").unwrap_or(rel).replace('/', "::"),
            src,
        );
    }
    out
}

/// The modules a source names, resolved to the longest known module.
fn imports(me: &str, src: &str, known: &BTreeMap<String, String>) -> Vec<String> {
    let parent = me.rsplit_once("::").map(|(p, _)| p);
    let mut refs: Vec<String> = Vec::new();
    let mut push_path = |path: &str| refs.push(path.to_string());
    for (base, full) in [("crate::", None), ("super::", parent)] {
        for (i, _) in src.match_indices(base) {
            let rest = &src[i + base.len()..];
            if rest.starts_with('{') {
                // `use crate::{a, b::c}`: each item.
                let list = &rest[1..rest.find('}').unwrap_or(rest.len())];
                for item in list.split(',') {
                    let item = item.trim().split(' ').next().unwrap_or("");
                    if item.starts_with(|c: char| c.is_ascii_lowercase()) {
                        push_path(&match full {
                            Some(p) => format!("{p}::{item}"),
                            None => item.to_string(),
                        });
                    }
                }
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            if path.starts_with(|c: char| c.is_ascii_lowercase()) {
                push_path(&match full {
                    Some(p) => format!("{p}::{path}"),
                    None => path.to_string(),
                });
            } else if base == "super::" && full.is_none() {
                continue;
            }
        }
    }
    let mut out = Vec::new();
    for r in refs {
        let parts: Vec<&str> = r.split("::").collect();
        for k in (1..=parts.len()).rev() {
            let cand = parts[..k].join("::");
            if known.contains_key(&cand) {
                if cand != me {
                    out.push(cand);
                }
                break;
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_module_has_a_layer_and_no_import_points_up() {
    let mods = modules();
    let mut unplaced = Vec::new();
    let mut up = Vec::new();
    for (name, src) in &mods {
        let Some(mine) = layer_of(name) else {
            unplaced.push(name.clone());
            continue;
        };
        for dep in imports(name, src, &mods) {
            if let Some(theirs) = layer_of(&dep) {
                if theirs > mine {
                    up.push(format!(
                        "{name} ({}) imports {dep} ({})",
                        LAYERS[mine].0, LAYERS[theirs].0
                    ));
                }
            }
        }
    }
    assert!(unplaced.is_empty(), "modules without a layer: {unplaced:?}");
    assert!(
        up.is_empty(),
        "imports pointing up a layer:\n{}",
        up.join("\n")
    );
}

#[test]
fn the_layer_table_catches_an_upward_import() {
    // The check itself: a leaf naming the loop is reported.
    let mut mods = modules();
    mods.insert("clock".into(), "use crate::world::World;".into());
    let deps = imports("clock", &mods["clock"], &mods);
    assert_eq!(deps, vec!["world".to_string()]);
    assert!(layer_of("world") > layer_of("clock"));
    assert_eq!(layer_of("job::state"), Some(3));
    assert_eq!(layer_of("job::tracking"), Some(5));
}
