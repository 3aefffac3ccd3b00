//! Text to HTML for the views built as one string (events, timeline,
//! editor highlighting, Job, CronJob, node and pod cards): every value is
//! escaped, so names from a shared link can never inject markup; and the
//! one lookup of which button a click on such a list landed in.

/// Escapes text for element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// For lists built as strings: the button with attribute `attr` that a
/// click landed in (the one listener on the list reads it).
pub fn clicked(ev: &leptos::ev::MouseEvent, attr: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest(&format!("button[{attr}]")).ok().flatten())
}

/// `clicked`'s attribute value.
pub fn clicked_attr(ev: &leptos::ev::MouseEvent, attr: &str) -> Option<String> {
    clicked(ev, attr).and_then(|b| b.get_attribute(attr))
}
