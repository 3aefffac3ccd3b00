//! YAML as kubectl prints it (sigs.k8s.io/yaml over go-yaml v2): sorted
//! keys, sequences not indented under their key, and double quotes for
//! strings that would otherwise read as another type (`"True"`, timestamps).

use serde_json::Value;

pub fn to_string(v: &Value) -> String {
    let mut out = String::new();
    emit(&mut out, v, 0);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn needs_quotes(s: &str) -> bool {
    if s.is_empty() || s != s.trim() {
        return true;
    }
    let lower = s.to_ascii_lowercase();
    const WORDS: [&str; 14] = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", ".nan",
        "<<",
    ];
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    if s.parse::<f64>().is_ok() || s.starts_with("0x") || s.starts_with("0o") {
        return true;
    }
    // Timestamps (go-yaml resolves `2006-01-02...` as a time).
    let b = s.as_bytes();
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-' {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        // `-c` style flags are fine in go-yaml when not followed by space.
        if !(first == '-' && s.len() > 1 && !s.starts_with("- ") && s != "-") {
            return true;
        }
    }
    s.contains(": ") || s.contains(" #") || s.ends_with(':') || s.chars().any(|c| c.is_control())
}

fn scalar(s: &str, indent: usize) -> String {
    if s.contains('\n') {
        let chomp = if s.ends_with('\n') { "|" } else { "|-" };
        let pad = " ".repeat(indent + 2);
        let body: Vec<String> = s
            .trim_end_matches('\n')
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{l}")
                }
            })
            .collect();
        return format!("{chomp}\n{}", body.join("\n"));
    }
    if needs_quotes(s) {
        super::json::quote(s)
    } else {
        s.to_string()
    }
}

fn inline(v: &Value, indent: usize) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(scalar(s, indent)),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(o) if o.is_empty() => Some("{}".into()),
        _ => None,
    }
}

fn emit(out: &mut String, v: &Value, indent: usize) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                let key = scalar(k, indent);
                match inline(val, indent) {
                    Some(s) => out.push_str(&format!("{pad}{key}: {s}\n")),
                    None => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        // Sequences sit at the key's indent; maps one level in.
                        let child = if val.is_array() { indent } else { indent + 2 };
                        emit(out, val, child);
                    }
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match inline(item, indent) {
                    Some(s) => out.push_str(&format!("{pad}- {s}\n")),
                    None => {
                        let mut sub = String::new();
                        emit(&mut sub, item, indent + 2);
                        // The first line of the item goes after "- ".
                        let sub = sub
                            .strip_prefix(&" ".repeat(indent + 2))
                            .unwrap_or(&sub)
                            .to_string();
                        out.push_str(&format!("{pad}- {sub}"));
                    }
                }
            }
        }
        other => {
            if let Some(s) = inline(other, indent) {
                out.push_str(&format!("{pad}{s}\n"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_yaml_layout_and_quoting() {
        let v = json!({
            "status": {"conditions": [{"status": "True", "type": "Failed", "lastProbeTime": "2024-07-06T12:33:24Z"}], "ready": 0},
            "spec": {"containers": [{"command": ["sh", "-c", "sleep 5; exit 1"], "name": "busybox", "resources": {}}]},
            "metadata": {"annotations": {"x": ""}, "labels": {"a": "1"}},
        });
        let want = "metadata:
  annotations:
    x: \"\"
  labels:
    a: \"1\"
spec:
  containers:
  - command:
    - sh
    - -c
    - sleep 5; exit 1
    name: busybox
    resources: {}
status:
  conditions:
  - lastProbeTime: \"2024-07-06T12:33:24Z\"
    status: \"True\"
    type: Failed
  ready: 0
";
        assert_eq!(to_string(&v), want);
    }
}
