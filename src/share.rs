//! Autosave (localStorage) and share links. The link format, its caps and
//! its errors live in the core (`jobsim::link`); this module reads and
//! writes the page's URL and storage.

use jobsim::link::{Link, LinkError};
use leptos::prelude::*;

const KEY: &str = "job-playground:manifest";

/// The panels a link can open at (their element ids), top to bottom.
pub const VIEWS: [&str; 7] = [
    "cronjobs", "jobs", "pods", "scale", "timeline", "nodes", "kubectl",
];

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

const PREVIOUS_KEY: &str = "job-playground:previous-manifest";

/// Keeps the text an example or a shared link replaced.
pub fn save_previous(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(PREVIOUS_KEY, text);
    }
}

pub fn load_saved() -> Option<String> {
    storage()?.get_item(KEY).ok().flatten()
}

pub fn save(text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, text);
    }
}

/// The link in the URL's fragment, if it holds one: `#v1.` (or another
/// `#vN.`, refused by the core) or the older `#m=`.
pub fn from_location() -> Option<Result<Link, LinkError>> {
    let hash = window().location().hash().ok()?;
    let frag = hash.strip_prefix('#')?;
    if let Some(old) = frag.strip_prefix("m=") {
        return Some(jobsim::link::decode_legacy(old).map(|text| Link {
            text,
            at_ms: 0,
            view: String::new(),
        }));
    }
    let is_link = frag.starts_with('v')
        && frag[1..]
            .split('.')
            .next()
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    is_link.then(|| jobsim::link::decode(frag))
}

/// Whether the page was opened as `?present` (presenter view).
pub fn presenter_requested() -> bool {
    window()
        .location()
        .search()
        .is_ok_and(|q| q.trim_start_matches('?').split('&').any(|p| p == "present"))
}

/// Whether the page was opened as `?embed` (one scenario in an iframe:
/// presenter view's layout and keys, without the page chrome).
pub fn embed_requested() -> bool {
    window()
        .location()
        .search()
        .is_ok_and(|q| q.trim_start_matches('?').split('&').any(|p| p == "embed"))
}

/// The topmost panel on screen (the view a link reopens).
pub fn current_view() -> String {
    let Some(doc) = window().document() else {
        return String::new();
    };
    VIEWS
        .iter()
        .find(|id| {
            doc.get_element_by_id(id)
                .is_some_and(|e| e.get_bounding_client_rect().bottom() > 80.0)
        })
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// Scrolls a view's panel into sight (a name from a link: only known ids).
pub fn open_view(view: &str) {
    if VIEWS.contains(&view) {
        if let Some(e) = window().document().and_then(|d| d.get_element_by_id(view)) {
            e.scroll_into_view();
        }
    }
}

/// A link to this page with the scenario, the time and the view.
pub fn share_link(text: &str, at_ms: u64, view: &str, present: bool) -> String {
    let loc = window().location();
    let base = format!(
        "{}{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default(),
        if present { "?present" } else { "" }
    );
    let frag = jobsim::link::encode(&Link {
        text: text.to_string(),
        at_ms,
        view: view.to_string(),
    });
    format!("{base}#{frag}")
}
