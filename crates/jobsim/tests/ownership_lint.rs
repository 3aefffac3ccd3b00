//! A cluster's shape, checked on the source: controllers share nothing
//! but the store. No controller calls another's methods (they write the
//! store and `World::notify` fans the change out), and each controller's
//! own state is written by that controller only.

use std::collections::BTreeMap;

mod common;

/// The controllers and the files that hold each.
const CONTROLLERS: &[(&str, &[&str])] = &[
    ("job", &["job/"]),
    ("cronjob", &["cronjob/"]),
    ("scheduler", &["scheduler/"]),
    ("kubelet", &["kubelet.rs"]),
    ("nodelifecycle", &["nodelifecycle/"]),
    ("gc", &["gc.rs"]),
];

/// State and the controller that alone may write it: a field name (as
/// `.name` followed by a write) and its owner.
const OWNED: &[(&str, &str)] = &[
    // The Job controller's bookkeeping on pods and Jobs, and Job status.
    ("counted", "job"),
    ("active_slot", "job"),
    ("dirty", "job"),
    ("seen_ready", "job"),
    ("seen_terminating", "job"),
    ("seen_restarts", "job"),
    ("changed", "job"),
    ("completed_indexes", "job"),
    ("failed_indexes", "job"),
    ("start_time", "job"),
    ("completion_time", "job"),
    ("conditions", "job"),
    ("terminating", "job"),
    // The scheduler's queues, cache and node accounting.
    ("scheduler", "scheduler"),
    ("requested", "scheduler"),
    ("requested_nonzero", "scheduler"),
    // The node lifecycle controller's view of nodes.
    ("node_lifecycle", "nodelifecycle"),
    ("heartbeat_lost", "nodelifecycle"),
    ("no_execute_since", "nodelifecycle"),
    // The kubelet's container runtime state.
    ("restart_count", "kubelet"),
    ("crash_backoff", "kubelet"),
    ("pull_failures", "kubelet"),
    // The CronJob controller's own state and CronJob status.
    ("cronjob_controller", "cronjob"),
    ("last_schedule_time", "cronjob"),
    ("last_successful_time", "cronjob"),
    ("history", "cronjob"),
];

fn sources() -> BTreeMap<String, String> {
    common::core_sources()
}

fn controller_of(file: &str) -> Option<&'static str> {
    CONTROLLERS
        .iter()
        .find(|(_, files)| files.iter().any(|f| file.starts_with(f)))
        .map(|(c, _)| *c)
}

/// `fn name` definitions in a source.
fn functions(src: &str) -> Vec<String> {
    let mut v = Vec::new();
    for (i, _) in src.match_indices("fn ") {
        let rest = &src[i + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() && src[..i].ends_with([' ', '\n', '(']) {
            v.push(name);
        }
    }
    v
}

#[test]
fn no_controller_calls_another_controllers_methods() {
    let src = sources();
    let mut defined: BTreeMap<String, &str> = BTreeMap::new();
    for (file, text) in &src {
        if let Some(c) = controller_of(file) {
            for f in functions(text) {
                defined.insert(f, c);
            }
        }
    }
    // Names also defined by the store or the world are shared entry points.
    for shared in ["store/mod.rs", "store/api.rs", "world.rs"] {
        for f in functions(&src[shared]) {
            defined.remove(&f);
        }
    }
    let mut bad = Vec::new();
    for (file, text) in &src {
        let Some(me) = controller_of(file) else {
            continue;
        };
        for (name, owner) in &defined {
            if *owner != me && text.contains(&format!("self.{name}(")) {
                bad.push(format!("{file} calls {owner}'s {name}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "controllers calling each other:\n{}",
        bad.join("\n")
    );
}

#[test]
fn each_controllers_state_is_written_by_that_controller_only() {
    let writes = [
        " = ",
        " += ",
        " -= ",
        ".push(",
        ".clear()",
        ".swap_remove(",
        ".retain(",
        ".extend(",
        ".insert(",
        ".truncate(",
        ".pop_front()",
        ".push_back(",
    ];
    let mut bad = std::collections::BTreeSet::new();
    for (file, text) in sources() {
        let me = controller_of(&file);
        for (field, owner) in OWNED {
            for line in text.lines() {
                let code = line.split("//").next().unwrap_or("");
                for (i, _) in code.match_indices(&format!(".{field}")) {
                    let after = &code[i + field.len() + 1..];
                    if after.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let writes_to = |a: &str| {
                        writes
                            .iter()
                            .any(|w| a.starts_with(w) || a.starts_with(w.trim_start()))
                            && !a.starts_with(" ==")
                    };
                    // The field itself, or a part of it (`.scheduler.cache = `).
                    let sub = after.strip_prefix('.').map(|rest| {
                        let skip = rest
                            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                            .unwrap_or(rest.len());
                        // `.x.push(` writes x: step back to the method's dot.
                        let path = &rest[..skip];
                        match path.rfind('.') {
                            Some(d) if rest[skip..].starts_with('(') => &rest[d..],
                            _ => &rest[skip..],
                        }
                    });
                    let is_write = writes_to(after) || sub.is_some_and(writes_to);
                    // The store (API requests) and a prepared store (tests' fake
                    // informers) write objects, not a controller's state.
                    if is_write
                        && me != Some(owner)
                        && !file.starts_with("store/")
                        && file != "prepared.rs"
                    {
                        bad.insert(format!("{file}: writes {owner}'s {field}: {}", line.trim()));
                    }
                }
            }
        }
    }
    let bad: Vec<String> = bad.into_iter().collect();
    assert!(
        bad.is_empty(),
        "state written by another controller:\n{}",
        bad.join("\n")
    );
}
