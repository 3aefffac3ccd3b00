//! The page's on-demand tools, run in a Web Worker: a wasm of its own,
//! fetched the first time a tool is used, so the page's bundle does not
//! carry them. Explaining a real Job's kubectl output, and the KWOK export
//! as a tar. Messages in: `[kind, lang, text]`; out: `["ready"]` once
//! started, then `[kind, ok, ...]` per message.

use jobsim::words::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn reply(kind: &str, text: &str, lang: Lang) -> js_sys::Array {
    let out = js_sys::Array::new();
    out.push(&kind.into());
    // Pasted or typed text is a stranger's: the manifests' size cap.
    if text.len() > jobsim::manifest::MAX_BYTES {
        out.push(&false.into());
        out.push(&"larger than the 1 MiB the playground reads".into());
        return out;
    }
    match kind {
        "explain" => match jobsim::recording::explain_text(text, None) {
            Ok((name, lines)) => {
                out.push(&true.into());
                out.push(&name.into());
                for l in &lines {
                    out.push(&jobsim::words::explain_line(lang, l).into());
                    out.push(&l.matches().into());
                }
            }
            Err(e) => {
                out.push(&false.into());
                out.push(&e.into());
            }
        },
        "kwok" => match jobsim::kwok::archive(text) {
            Ok((name, tar)) => {
                out.push(&true.into());
                out.push(&name.into());
                out.push(&tar.into());
            }
            Err(e) => {
                out.push(&false.into());
                out.push(&e.into());
            }
        },
        _ => {
            out.push(&false.into());
            out.push(&"unknown tool".into());
        }
    }
    out
}

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let back = scope.clone();
    let on = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let msg: js_sys::Array = ev.data().unchecked_into();
        let kind = msg.get(0).as_string().unwrap_or_default();
        let lang = Lang::from_code(&msg.get(1).as_string().unwrap_or_default()).unwrap_or_default();
        let text = msg.get(2).as_string().unwrap_or_default();
        let _ = back.post_message(&reply(&kind, &text, lang));
    });
    scope.set_onmessage(Some(on.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on.forget();
    // Messages sent before the wasm was running were dropped: the page
    // holds them until it hears this.
    let _ = scope.post_message(&js_sys::Array::of1(&"ready".into()));
}
