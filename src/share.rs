//! Autosave (localStorage) and share links (`#m=<base64url>` in the URL).
//! A shared link is untrusted input: its size is capped before decoding,
//! and the decoded text goes through the same validation as typed text.

use jobsim::manifest::MAX_BYTES;
use leptos::prelude::*;

const KEY: &str = "job-playground:manifest";
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

pub fn decode(s: &str) -> Result<Vec<u8>, String> {
    if s.len() > MAX_BYTES / 3 * 4 + 4 {
        return Err("the shared link is larger than the 1 MiB the playground accepts".into());
    }
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in s.bytes() {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or("the shared link is damaged (not base64url)")? as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Ok(out)
}

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

/// The manifest from the URL's `#m=` fragment, if any.
pub fn from_location() -> Option<Result<String, String>> {
    let hash = window().location().hash().ok()?;
    let data = hash.strip_prefix("#m=")?;
    Some(
        decode(data).and_then(|b| {
            String::from_utf8(b).map_err(|_| "the shared link is not UTF-8 text".into())
        }),
    )
}

pub fn share_link(text: &str) -> String {
    let loc = window().location();
    let base = format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    );
    format!("{base}#m={}", encode(text.as_bytes()))
}
