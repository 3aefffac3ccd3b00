//! The manifest editor: a textarea over a highlighted copy of its text,
//! with line numbers, errors at their lines, debounced validation, and Tab
//! inserting spaces. Validation never rewrites the text.

use crate::examples::EXAMPLES;
use crate::html::esc as escape;
use crate::sim::use_sim;
use leptos::html::{Div, Pre, Textarea};
use leptos::prelude::*;
use std::collections::BTreeSet;

/// YAML-aware highlighting of one line: comments, keys, strings, scalars.
fn highlight_line(line: &str) -> String {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') {
        return format!("<span class=\"y-com\">{}</span>", escape(line));
    }
    if line.trim_end() == "---" {
        return format!("<span class=\"y-doc\">{}</span>", escape(line));
    }
    let indent = &line[..line.len() - trimmed.len()];
    let (dash, rest) = match trimmed.strip_prefix("- ") {
        Some(r) => ("- ", r),
        None => ("", trimmed),
    };
    let mut out = format!("{}<span class=\"y-dash\">{}</span>", escape(indent), dash);
    // `key: value` (keys are plain words, no spaces).
    let (key, value) = match rest.find(':') {
        Some(i)
            if !rest[..i].contains(' ')
                && !rest[..i].contains('"')
                && !rest[..i].contains('{')
                && (rest.len() == i + 1 || rest[i + 1..].starts_with(' ')) =>
        {
            (Some(&rest[..i]), &rest[i + 1..])
        }
        _ => (None, rest),
    };
    if let Some(k) = key {
        out.push_str(&format!("<span class=\"y-key\">{}</span>:", escape(k)));
    }
    let (val, comment) = match value.find(" #") {
        Some(i) => (&value[..i], &value[i..]),
        None => (value, ""),
    };
    let v = val.trim();
    let class = if v.starts_with('"') || v.starts_with('\'') {
        "y-str"
    } else if v.parse::<f64>().is_ok() || ["true", "false", "null", "~"].contains(&v) {
        "y-lit"
    } else if v.starts_with('{') || v.starts_with('[') || v.starts_with('|') || v.starts_with('>') {
        "y-flow"
    } else {
        "y-val"
    };
    out.push_str(&format!("<span class=\"{class}\">{}</span>", escape(val)));
    if !comment.is_empty() {
        out.push_str(&format!("<span class=\"y-com\">{}</span>", escape(comment)));
    }
    out
}

/// A file from the picker or a drop replaces the text, under the same
/// size cap as typed or shared text (read only after the size check).
fn open_file(sim: crate::sim::Sim, file: web_sys::File) {
    if file.size() > jobsim::manifest::MAX_BYTES as f64 {
        sim.notice.set(format!(
            "{} is {} KiB; the playground accepts at most {} KiB.",
            file.name(),
            (file.size() / 1024.0) as u64,
            jobsim::manifest::MAX_BYTES / 1024
        ));
        return;
    }
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.text()).await {
            Ok(text) => sim.replace_text(text.as_string().unwrap_or_default()),
            Err(_) => sim
                .notice
                .set(format!("{} could not be read.", file.name())),
        }
    });
}

#[component]
pub fn Editor() -> impl IntoView {
    let sim = use_sim();
    let textarea: NodeRef<Textarea> = NodeRef::new();
    let layer: NodeRef<Pre> = NodeRef::new();
    let gutter: NodeRef<Div> = NodeRef::new();
    let generation = StoredValue::new(0u64);
    let tab_escape = StoredValue::new(false);

    let schedule_validation = move || {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        set_timeout(
            move || {
                if generation.get_value() == mine {
                    sim.check(&sim.text.get_untracked());
                }
            },
            std::time::Duration::from_millis(300),
        );
    };

    let error_lines = move || {
        sim.errors
            .get()
            .iter()
            .map(|e| e.line)
            .collect::<BTreeSet<_>>()
    };
    let highlighted = move || {
        let errs = error_lines();
        let mut html = String::new();
        for (i, line) in sim.text.get().split('\n').enumerate() {
            let cls = if errs.contains(&(i + 1)) {
                " class=\"err-line\""
            } else {
                ""
            };
            html.push_str(&format!("<span{cls}>{}</span>\n", highlight_line(line)));
        }
        html
    };
    let gutter_html = move || {
        let errs = error_lines();
        let n = sim.text.get().split('\n').count();
        (1..=n)
            .map(|i| {
                if errs.contains(&i) {
                    format!("<span class=\"ln err\" title=\"error on this line\">⚠{i}</span>")
                } else {
                    format!("<span class=\"ln\">{i}</span>")
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    };

    let sync_scroll = move || {
        if let Some(ta) = textarea.get() {
            let (top, left) = (ta.scroll_top(), ta.scroll_left());
            if let Some(p) = layer.get() {
                p.set_scroll_top(top);
                p.set_scroll_left(left);
            }
            if let Some(g) = gutter.get() {
                g.set_scroll_top(top);
            }
        }
    };

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            sim.text
                .set(textarea.get().map(|t| t.value()).unwrap_or_default());
            sim.apply();
            return;
        }
        if key == "Escape" {
            tab_escape.set_value(true);
            return;
        }
        if key == "Tab" && !ev.shift_key() && !ev.ctrl_key() && !tab_escape.get_value() {
            ev.prevent_default();
            if let Some(ta) = textarea.get() {
                let value = ta.value();
                let start = ta.selection_start().ok().flatten().unwrap_or(0) as usize;
                let end = ta.selection_end().ok().flatten().unwrap_or(0) as usize;
                // Selection offsets are UTF-16 units; map them to byte offsets.
                let to_byte = |u: usize| {
                    let mut units = 0;
                    for (b, c) in value.char_indices() {
                        if units >= u {
                            return b;
                        }
                        units += c.len_utf16();
                    }
                    value.len()
                };
                let (bs, be) = (to_byte(start), to_byte(end));
                let new = format!("{}  {}", &value[..bs], &value[be..]);
                ta.set_value(&new);
                let pos = (start + 2) as u32;
                let _ = ta.set_selection_range(pos, pos);
                sim.text.set(new);
                schedule_validation();
            }
            return;
        }
        tab_escape.set_value(false);
    };

    let jump_to = move |line: usize| {
        if let Some(ta) = textarea.get() {
            let value = ta.value();
            let offset: usize = value
                .split('\n')
                .take(line.saturating_sub(1))
                .map(|l| l.encode_utf16().count() + 1)
                .sum();
            let _ = ta.focus();
            let _ = ta.set_selection_range(offset as u32, offset as u32);
        }
    };

    view! {
        <div class="panel editor-panel">
            <div class="panel-head">
                <h2 id="editor-title" data-i18n="Manifests">"Manifests"</h2>
                <label class="examples">
                    <span class="sr-only">"Load an example"</span>
                    <select aria-label="Load an example" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((_, file)) = EXAMPLES.iter().find(|(n, _)| *n == v) {
                            sim.load_example(file);
                        }
                    }>
                        <option value="" selected data-i18n="Examples…">"Examples…"</option>
                        {EXAMPLES.iter().map(|(n, _)| view! { <option value=*n>{*n}</option> }).collect_view()}
                    </select>
                </label>
                    <button data-testid="restore" class:hidden=move || sim.previous.with(|p| p.is_none()) title="Bring back the text you had before the example or shared link replaced it"
                        on:click=move |_| {
                            if let Some(prev) = sim.previous.get_untracked() {
                                sim.previous.set(None);
                                sim.replace_text(prev);
                            }
                        } data-i18n="↶ Restore my text">"↶ Restore my text"</button>
                <button data-testid="apply" class="primary" title="Build the cluster from these manifests (Ctrl+Enter)"
                    on:click=move |_| sim.apply() data-i18n="Apply">"Apply"</button>
                <button data-testid="share" title="Copy a link that opens the playground with this text, at this virtual time and view"
                    on:click=move |_| {
                        let at = sim.view(|w| w.now().ms()).unwrap_or(0);
                        let link = crate::share::share_link(&sim.text.get_untracked(), at, &crate::share::current_view(), false);
                        let _ = window().history().map(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link)));
                        let clip = window().navigator().clipboard();
                        let _ = clip.write_text(&link);
                        sim.share_url.set(link);
                        sim.notice.set(crate::i18n::tr(sim.lang.get_untracked(), "Share link copied to the clipboard (and shown in the address bar).").into());
                    } data-i18n="Share">"Share"</button>
                <button data-testid="export-yaml" title="Download the manifests and Scenario as one YAML file"
                    on:click=move |_| crate::toolbar::download("scenario.yaml", &sim.text.get_untracked()) data-i18n="⤓ YAML">"⤓ YAML"</button>
                <label class="button" title="Open a YAML file (or drop one on the editor)"><span data-i18n="Open file">"Open file"</span>
                    <input type="file" data-testid="import" accept=".yaml,.yml,.json,text/yaml,application/json"
                        on:change=move |ev| {
                            use wasm_bindgen::JsCast;
                            let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
                            if let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) {
                                open_file(sim, file);
                            }
                        }/>
                </label>
            </div>
            <div class="editor"
                on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        open_file(sim, file);
                    }
                }>
                <div class="gutter" node_ref=gutter aria-hidden="true" inner_html=gutter_html></div>
                <div class="code">
                    <pre class="highlight" node_ref=layer aria-hidden="true" inner_html=highlighted></pre>
                    <textarea
                        data-testid="manifest-editor"
                        data-check-ms=move || format!("{:.1}", sim.last_check_ms.get())
                        node_ref=textarea
                        aria-labelledby="editor-title"
                        aria-describedby="editor-help"
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        prop:value=move || sim.text.get()
                        on:input=move |ev| {
                            sim.text.set(event_target_value(&ev));
                            schedule_validation();
                        }
                        on:scroll=move |_| sync_scroll()
                        on:keydown=on_keydown
                    ></textarea>
                </div>
            </div>
            <p id="editor-help" class="help" data-i18n="YAML or JSON, several documents separated by ---. Tab indents; Esc then Tab leaves the editor; Ctrl+Enter applies. Saved in this browser as you type.">"YAML or JSON, several documents separated by ---. Tab indents; Esc then Tab leaves the editor; Ctrl+Enter applies. Saved in this browser as you type."</p>
            // One string (escaped); a click on "line N" jumps there.
            <ul class="errors" aria-live="polite"
                on:click=move |ev| {
                    let line = crate::html::clicked_attr(&ev, "data-jump")
                        .and_then(|v| v.parse::<usize>().ok());
                    if let Some(line) = line {
                        jump_to(line);
                    }
                }
                inner_html=move || {
                    let lang = sim.lang.get();
                    sim.errors.with(|errs| {
                        errs.iter()
                            .map(|e| {
                                format!(
                                    "<li data-testid=\"editor-error\" data-line=\"{l}\"><button class=\"linklike\" data-jump=\"{l}\">{at}</button>: {m}</li>",
                                    at = if lang == crate::i18n::Lang::Ko { format!("{}행 {}열", e.line, e.column) } else { format!("line {}, column {}", e.line, e.column) },
                                    l = e.line,
                                    m = crate::html::esc(&jobsim::words::source_error(lang, e))
                                )
                            })
                            .collect::<String>()
                    })
                }></ul>
        </div>
    }
}
