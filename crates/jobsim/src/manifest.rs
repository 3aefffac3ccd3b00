//! Manifest intake: YAML streams or JSON, one object per document, decoded
//! strictly (unknown fields are errors, in kubectl's wording, with a line).
//! Size caps keep hostile input (shared links) cheap to reject.

use crate::api::{CronJob, Job, Node};
use crate::scenario::Scenario;
use serde::de::DeserializeOwned;
use serde_norway::Value;
use std::fmt;

/// Largest accepted input, in bytes.
pub const MAX_BYTES: usize = 1024 * 1024;
/// Most objects accepted in one input (List items count one each).
pub const MAX_OBJECTS: usize = 1000;

#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    Job(Box<Job>),
    CronJob(Box<CronJob>),
    Node(Box<Node>),
    Scenario(Box<Scenario>),
}

impl Object {
    pub fn kind(&self) -> &'static str {
        match self {
            Object::Job(_) => "Job",
            Object::CronJob(_) => "CronJob",
            Object::Node(_) => "Node",
            Object::Scenario(_) => "Scenario",
        }
    }
    pub fn name(&self) -> &str {
        let m = match self {
            Object::Job(j) => &j.metadata,
            Object::CronJob(c) => &c.metadata,
            Object::Node(n) => &n.metadata,
            Object::Scenario(s) => &s.metadata,
        };
        m.name.as_deref().unwrap_or("")
    }
}

/// A decoded object and where its document starts (1-based line), with the
/// document text kept so later validation errors can point at a field.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub object: Object,
    pub line: usize,
    pub doc: std::rc::Rc<str>,
    /// For items of a `v1 List`: the item's index (field lines are unknown).
    pub list_item: Option<usize>,
}

/// An input error with its position (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The validation error behind `message`, as data (for wording it in
    /// another language); None for decoding errors.
    pub detail: Option<Box<crate::field::Located>>,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

/// Splits a YAML stream at `---` lines; returns (first line, text) per
/// document, with the marker blanked out so columns stay right.
fn split_documents(text: &str) -> Vec<(usize, String)> {
    let mut docs = Vec::new();
    let mut cur = String::new();
    let mut start = 1;
    for (i, line) in text.split('\n').enumerate() {
        let is_marker = line == "---"
            || line.starts_with("--- ")
            || line.starts_with("---\t")
            || line.trim_end() == "---";
        if is_marker {
            docs.push((start, std::mem::take(&mut cur)));
            start = i + 1;
            cur.push_str(&" ".repeat(3));
            cur.push_str(&line[3..]);
            cur.push('\n');
        } else if line.trim_end() == "..." {
            docs.push((start, std::mem::take(&mut cur)));
            start = i + 2;
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    docs.push((start, cur));
    docs.retain(|(_, d)| {
        d.lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
    });
    docs
}

fn yaml_err(e: &serde_norway::Error, first_line: usize, prefix: &str) -> SourceError {
    let (line, column) = e
        .location()
        .map(|l| (l.line() + first_line - 1, l.column()))
        .unwrap_or((first_line, 1));
    // serde_norway appends "at line N column M"; we carry those separately.
    let mut msg = e.to_string();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    SourceError {
        detail: None,
        line,
        column,
        message: format!("{prefix}{msg}"),
    }
}

/// Turns a decoding error into kubectl's decoding wording.
fn decode_message(kind: &str, e: &crate::decode::DecodeError) -> String {
    let intro = format!("{kind} in version \"v1\" cannot be handled as a {kind}: ");
    if e.unknown_field().is_some() {
        return format!(
            "{intro}strict decoding error: unknown field \"{}\"",
            e.field_path()
        );
    }
    let path = &e.path;
    if let Some(rest) = e.message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        let full = if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        };
        return format!("{full}: Required value");
    }
    let raw = e
        .message
        .replace("expected i32", "expected int32 (-2147483648 to 2147483647)")
        .replace("expected i64", "expected int64")
        .replace("expected u32", "expected a non-negative int32")
        .replace("expected u64", "expected a non-negative integer");
    if path.is_empty() {
        format!("{intro}{raw}")
    } else {
        format!("{intro}{path}: {raw}")
    }
}

/// Decodes one object from its parsed document. `first_line` maps
/// positions back to the whole input; `fixed_line` pins them (List items).
/// The error's line is the field's, found by its path in the text.
fn decode_typed<T: DeserializeOwned>(
    value: &Value,
    doc: &str,
    first_line: usize,
    kind: &str,
    fixed_line: Option<usize>,
    prefix: &str,
) -> Result<T, SourceError> {
    crate::decode::from_value::<T>(value).map_err(|e| {
        let path = e.field_path();
        let (line, column) = match fixed_line {
            Some(l) => (l, 1),
            None => locate_column(doc, first_line, &path),
        };
        SourceError {
            detail: None,
            line,
            column,
            message: format!("{prefix}{}", decode_message(kind, &e)),
        }
    })
}

/// Line and column of the field at `path` (its key), for an editor mark.
fn locate_column(doc: &str, first_line: usize, path: &str) -> (usize, usize) {
    let line = locate(doc, first_line, path);
    let text = doc.lines().nth(line - first_line).unwrap_or("");
    let key = path.rsplit('.').next().unwrap_or("");
    let key = key.split('[').next().unwrap_or(key);
    let column = match text.find(&format!("{key}:")) {
        Some(i) if !key.is_empty() => i + 1,
        _ => text.len() - text.trim_start().len() + 1,
    };
    (line, column)
}

fn type_meta(v: &Value) -> (Option<&str>, Option<&str>) {
    let get = |k: &str| v.get(k).and_then(Value::as_str);
    (get("apiVersion"), get("kind"))
}

fn no_match(kind: &str, api: &str) -> String {
    format!("resource mapping not found: no matches for kind \"{kind}\" in version \"{api}\"")
}

/// Decodes one object of known type meta, either from its text (exact
/// positions) or from an already-parsed value (List items).
/// Decodes one object of known type meta. List items arrive as values and
/// are re-serialized, so their errors point at the List's line.
fn decode_object(
    api: &str,
    kind: &str,
    value: &Value,
    text: &str,
    line: usize,
    fixed_line: Option<usize>,
    prefix: &str,
) -> Result<Object, SourceError> {
    let (v, t) = (value, text);
    match (api, kind) {
        ("batch/v1", "Job") => decode_typed::<Job>(v, t, line, kind, fixed_line, prefix)
            .map(|j| Object::Job(Box::new(j))),
        ("batch/v1", "CronJob") => decode_typed::<CronJob>(v, t, line, kind, fixed_line, prefix)
            .map(|j| Object::CronJob(Box::new(j))),
        ("v1", "Node") => decode_typed::<Node>(v, t, line, kind, fixed_line, prefix)
            .map(|n| Object::Node(Box::new(n))),
        (crate::scenario::API_VERSION, "Scenario") => {
            decode_typed::<Scenario>(v, t, line, kind, fixed_line, prefix)
                .map(|s| Object::Scenario(Box::new(s)))
        }
        _ => Err(SourceError {
            detail: None,
            line: fixed_line.unwrap_or(line),
            column: 1,
            message: format!("{prefix}{}", no_match(kind, api)),
        }),
    }
}

/// Decodes a Scenario document on its own (used when recording actions).
pub fn decode_scenario(text: &str) -> Result<Scenario, SourceError> {
    let value: Value = serde_norway::from_str(text)
        .map_err(|e| yaml_err(&e, 1, "error converting YAML to JSON: yaml: "))?;
    decode_typed::<Scenario>(&value, text, 1, "Scenario", None, "")
}

/// Deepest nesting accepted (Kubernetes objects need about 15 levels).
pub const MAX_DEPTH: usize = 100;

/// Rejects deeply nested input before the YAML parser sees it: the parser
/// would otherwise build every event of a `[[[[...` bomb first.
fn check_nesting(text: &str) -> Result<(), SourceError> {
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let body = line.trim_start_matches([' ', '-']);
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        while indents.last().is_some_and(|&d| d >= indent) {
            indents.pop();
        }
        indents.push(indent);
        let (mut quote, mut prev) = (None, ' ');
        for (col, c) in line.char_indices() {
            match (quote, c) {
                (None, '#') if prev == ' ' => break,
                (None, '"') | (None, '\'') => quote = Some(c),
                (Some(q), c) if c == q && prev != '\\' => quote = None,
                (None, '[') | (None, '{') => flow += 1,
                (None, ']') | (None, '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
            if flow + indents.len() > MAX_DEPTH {
                return Err(SourceError {
                    detail: None,
                    line: i + 1,
                    column: col + 1,
                    message: format!(
                        "nesting deeper than {MAX_DEPTH} levels; the playground rejects such input"
                    ),
                });
            }
            prev = c;
        }
    }
    Ok(())
}

/// Parses a whole input. Returns every object or every error found (one
/// per bad document), so an editor can mark them all.
pub fn parse(text: &str) -> Result<Vec<Decoded>, Vec<SourceError>> {
    if text.len() > MAX_BYTES {
        return Err(vec![SourceError {
            detail: None,
            line: 1,
            column: 1,
            message: format!(
                "input is {} bytes; the playground accepts at most {} bytes (1 MiB)",
                text.len(),
                MAX_BYTES
            ),
        }]);
    }
    check_nesting(text).map_err(|e| vec![e])?;
    let docs = split_documents(text);
    if docs.len() > MAX_OBJECTS {
        return Err(vec![SourceError {
            detail: None,
            line: docs[MAX_OBJECTS].0,
            column: 1,
            message: format!(
                "too many documents: {} (the playground accepts at most {MAX_OBJECTS} objects)",
                docs.len()
            ),
        }]);
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (line, doc) in docs {
        let value: Value = match serde_norway::from_str(&doc) {
            Ok(v) => v,
            Err(e) => {
                errors.push(yaml_err(&e, line, "error converting YAML to JSON: yaml: "));
                continue;
            }
        };
        let first_content = doc
            .lines()
            .position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .unwrap_or(0)
            + line;
        if !value.is_mapping() {
            errors.push(SourceError {
            detail: None,
                line: first_content,
                column: 1,
                message: "error validating data: the document is not an object (expected a mapping with apiVersion and kind)".into(),
            });
            continue;
        }
        let (api, kind) = type_meta(&value);
        let (Some(api), Some(kind)) = (api, kind) else {
            let mut missing = Vec::new();
            if api.is_none() {
                missing.push("apiVersion not set");
            }
            if kind.is_none() {
                missing.push("kind not set");
            }
            errors.push(SourceError {
                detail: None,
                line: first_content,
                column: 1,
                message: format!("error validating data: [{}]", missing.join(", ")),
            });
            continue;
        };
        let (api, kind) = (api.to_string(), kind.to_string());
        let shared: std::rc::Rc<str> = doc.as_str().into();
        if api == "v1" && kind == "List" {
            let items = match value.get("items") {
                Some(Value::Sequence(items)) => items.clone(),
                None | Some(Value::Null) => Vec::new(),
                Some(_) => {
                    errors.push(SourceError {
                        detail: None,
                        line: first_content,
                        column: 1,
                        message: "List: items must be a list of objects".into(),
                    });
                    continue;
                }
            };
            for (i, item) in items.into_iter().enumerate() {
                let prefix = format!("items[{i}]: ");
                let (ia, ik) = type_meta(&item);
                let (Some(ia), Some(ik)) = (ia.map(str::to_string), ik.map(str::to_string)) else {
                    errors.push(SourceError {
                        detail: None,
                        line: first_content,
                        column: 1,
                        message: format!(
                            "{prefix}error validating data: [apiVersion not set, kind not set]"
                        ),
                    });
                    continue;
                };
                match decode_object(&ia, &ik, &item, "", 1, Some(first_content), &prefix) {
                    Ok(object) => out.push(Decoded {
                        object,
                        line: first_content,
                        doc: shared.clone(),
                        list_item: Some(i),
                    }),
                    Err(e) => errors.push(e),
                }
            }
        } else {
            match decode_object(&api, &kind, &value, &doc, line, None, "") {
                Ok(object) => out.push(Decoded {
                    object,
                    line: first_content,
                    doc: shared,
                    list_item: None,
                }),
                Err(e) => errors.push(e),
            }
        }
        if out.len() > MAX_OBJECTS {
            return Err(vec![SourceError {
                detail: None,
                line,
                column: 1,
                message: format!("too many objects (the playground accepts at most {MAX_OBJECTS})"),
            }]);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Best-effort line of a field path such as `spec.template.spec.containers[0].name`
/// inside a block-style YAML document; falls back to the deepest ancestor found.
pub fn locate(doc: &str, doc_line: usize, path: &str) -> usize {
    let lines: Vec<&str> = doc.lines().collect();
    let mut segs: Vec<(String, Option<usize>)> = Vec::new();
    for part in path.split('.') {
        let (name, idx) = match part.split_once('[') {
            Some((n, rest)) => (n, rest.trim_end_matches(']').parse().ok()),
            None => (part, None),
        };
        segs.push((name.to_string(), idx));
    }
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut best = 0usize; // index into lines
    let (mut lo, mut hi) = (0usize, lines.len());
    let mut min_indent: Option<usize> = None;
    for (name, idx) in &segs {
        let mut found = None;
        for (i, l) in lines.iter().enumerate().take(hi).skip(lo) {
            let t = l.trim_start().trim_start_matches("- ");
            if t.starts_with('#') {
                continue;
            }
            let ind = indent(l) + (l.trim_start().len() - t.len());
            if let Some(m) = min_indent {
                if ind <= m {
                    continue;
                }
            }
            if t.starts_with(&format!("{name}:")) || t.starts_with(&format!("\"{name}\":")) {
                found = Some((i, ind));
                break;
            }
        }
        let Some((i, ind)) = found else { break };
        best = i;
        // The block of this key ends at the next line with indent <= ind.
        let end = (i + 1..hi)
            .find(|&k| {
                let l = lines[k];
                !l.trim().is_empty()
                    && !l.trim_start().starts_with('#')
                    && indent(l) <= ind
                    && !l.trim_start().starts_with("- ")
                    || (!l.trim().is_empty() && indent(l) < ind)
            })
            .unwrap_or(hi);
        lo = i + 1;
        hi = end;
        min_indent = Some(ind);
        if let Some(n) = idx {
            // Find the n-th "- " item in the block.
            let items: Vec<usize> = (lo..hi)
                .filter(|&k| lines[k].trim_start().starts_with("- ") || lines[k].trim() == "-")
                .collect();
            let item_indent = items.first().map(|&k| indent(lines[k]));
            let items: Vec<usize> = items
                .into_iter()
                .filter(|&k| Some(indent(lines[k])) == item_indent)
                .collect();
            let Some(&k) = items.get(*n) else { break };
            best = k;
            lo = k;
            hi = items.get(n + 1).copied().unwrap_or(hi);
            min_indent = Some(indent(lines[k]));
        }
    }
    doc_line + best
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: abnormal-end
spec:
  completionMode: Indexed
  completions: 1
  parallelism: 1
  template:
    spec:
      containers:
      - command: [sh, -c, sleep 5; exit 1]
        image: busybox:latest
        name: busybox
      restartPolicy: Never
";

    #[test]
    fn decodes_yaml_stream_and_json() {
        let text = format!("{SEED}---\n{{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{{\"name\":\"n1\"}}}}\n");
        let objs = parse(&text).unwrap();
        assert_eq!(objs.len(), 2);
        assert_eq!(objs[0].object.name(), "abnormal-end");
        assert_eq!(objs[1].object.kind(), "Node");
        assert_eq!(objs[1].line, 17);
    }

    #[test]
    fn unknown_field_is_strict_decoding_error_with_line() {
        let text = SEED.replace("  parallelism: 1", "  backofLimit: 1");
        let errs = parse(&text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            errs[0].message,
            "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.backofLimit\""
        );
        assert_eq!(errs[0].line, 8);
        let nested = SEED.replace("        name: busybox", "        nmae: busybox");
        let errs = parse(&nested).unwrap_err();
        assert!(
            errs[0]
                .message
                .ends_with("unknown field \"spec.template.spec.containers[0].nmae\""),
            "{}",
            errs[0].message
        );
        assert_eq!(errs[0].line, 14);
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: [x\n";
        let errs = parse(text).unwrap_err();
        assert!(errs[0].line >= 4, "{:?}", errs[0]);
        assert!(errs[0]
            .message
            .starts_with("error converting YAML to JSON: yaml: "));
        let text = format!("{SEED}---\nkind: Job\n\tbad: tab\n");
        let errs = parse(&text).unwrap_err();
        assert_eq!(errs[0].line, 18, "{:?}", errs[0]);
    }

    #[test]
    fn hostile_inputs_are_rejected_cleanly() {
        let big = "#".repeat(MAX_BYTES + 1);
        assert!(parse(&big).unwrap_err()[0].message.contains("at most"));
        let many = "apiVersion: v1\nkind: Node\nmetadata: {name: n}\n---\n".repeat(1001);
        assert!(parse(&many).unwrap_err()[0].message.contains("too many"));
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n";
        assert!(parse(bomb).is_err());
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&deep).is_err());
        let huge = SEED.replace("completions: 1", "completions: 99999999999");
        let e = &parse(&huge).unwrap_err()[0];
        assert!(e.message.contains("spec.completions"), "{}", e.message);
        assert_eq!(e.line, 7);
    }

    #[test]
    fn unknown_kind_and_missing_type_meta() {
        let e = &parse("apiVersion: batch/v1beta1\nkind: Job\n").unwrap_err()[0];
        assert_eq!(
            e.message,
            "resource mapping not found: no matches for kind \"Job\" in version \"batch/v1beta1\""
        );
        let e = &parse("metadata: {name: x}\n").unwrap_err()[0];
        assert_eq!(
            e.message,
            "error validating data: [apiVersion not set, kind not set]"
        );
    }

    #[test]
    fn list_items_are_decoded() {
        let text = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Node\n  metadata: {name: b}\n  spec: {bogus: 1}\n";
        let e = &parse(text).unwrap_err()[0];
        assert!(e.message.starts_with("items[1]: "), "{}", e.message);
        assert!(
            e.message.contains("unknown field \"spec.bogus\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn locate_finds_nested_fields() {
        assert_eq!(locate(SEED, 1, "spec.template.spec.restartPolicy"), 15);
        assert_eq!(
            locate(SEED, 1, "spec.template.spec.containers[0].image"),
            13
        );
        assert_eq!(locate(SEED, 1, "spec.completions"), 7);
        assert_eq!(locate(SEED, 10, "metadata.name"), 13);
        assert_eq!(locate(SEED, 1, "spec.nothere"), 5);
    }
}
