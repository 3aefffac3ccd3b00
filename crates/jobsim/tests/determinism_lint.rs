//! The core's determinism rule, checked on its source: hash maps and sets
//! serve lookups only. Iterating one (`for`, `.iter()`, `.keys()`,
//! `.values()`, `.drain()`, `.retain()`, `.into_iter()`) would make a run
//! depend on hash order; a line that sorts what it gets says so with a
//! `hash-order:` comment on the line above. (`clippy::iter_over_hash_type`,
//! denied in lib.rs, covers `for` loops over typed values too.)

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
}

/// Names declared with a hash map or set type (`name: ...HashMap<`).
fn hashed_names(src: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in src.lines() {
        let t = line.trim_start();
        for ty in ["HashMap<", "HashSet<", "HashMap::", "HashSet::"] {
            if let Some(i) = t.find(ty) {
                let before = &t[..i];
                let cut = before.rfind(": ").or_else(|| before.rfind(" = "));
                if let Some(cut) = cut {
                    let name = before[..cut]
                        .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or("");
                    if !name.is_empty() {
                        names.push(name.to_string());
                    }
                }
            }
        }
    }
    names
}

fn offences(files: &[(String, String)]) -> Vec<String> {
    let mut names: Vec<String> = files.iter().flat_map(|(_, s)| hashed_names(s)).collect();
    names.sort();
    names.dedup();
    let mut found = Vec::new();
    for (path, src) in files {
        let lines: Vec<&str> = src.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let allowed = i > 0 && lines[i - 1].contains("hash-order:");
            for n in &names {
                let iterating = [
                    ".iter()",
                    ".keys()",
                    ".values()",
                    ".drain()",
                    ".retain(",
                    ".into_iter()",
                    ".values_mut()",
                    ".iter_mut()",
                ]
                .iter()
                .any(|m| line.contains(&format!("{n}{m}")) || line.contains(&format!("{n})\n{m}")))
                    || line.contains(&format!("in &self.{n}"))
                    || line.contains(&format!("in self.{n}"))
                    || line.contains(&format!("in &{n} "));
                // `.values()` on the next line after `self.name` also counts.
                let split = line.trim_end().ends_with(&format!("self.{n}"))
                    && lines.get(i + 1).is_some_and(|l| {
                        let l = l.trim_start();
                        [".iter()", ".keys()", ".values()", ".drain()", ".retain("]
                            .iter()
                            .any(|m| l.starts_with(m))
                    });
                if (iterating || split) && !allowed {
                    found.push(format!("{path}:{}: {}", i + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_core_never_iterates_a_hash_map() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let names: Vec<String> = files.iter().flat_map(|(_, s)| hashed_names(s)).collect();
    for known in ["pod_names", "job_names", "similar", "message_ids"] {
        assert!(
            names.iter().any(|n| n == known),
            "{known} not seen: {names:?}"
        );
    }
    let found = offences(&files);
    assert!(
        found.is_empty(),
        "hash-order iteration:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_lint_catches_an_iteration() {
    let bad = "struct S { seen: std::collections::HashMap<u32, u32> }\nfn f(s: &S) { for v in s.seen.values() {} }\n";
    let ok = "struct S { seen: std::collections::HashMap<u32, u32> }\nfn f(s: &S) {\n    // hash-order: sorted after\n    let mut v: Vec<_> = s.seen.values().collect();\n}\n";
    let split =
        "struct S { seen: HashMap<u32, u32> }\nfn f(s: &S) { let x = self.seen\n    .keys(); }\n";
    assert_eq!(offences(&[("bad.rs".into(), bad.into())]).len(), 1);
    assert!(offences(&[("ok.rs".into(), ok.into())]).is_empty());
    assert_eq!(offences(&[("split.rs".into(), split.into())]).len(), 1);
}
