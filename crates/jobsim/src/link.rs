//! Share links: a scenario, the virtual time and the open view in a URL
//! fragment (never sent to a server): `#v1.` then base64url without
//! padding of the raw-deflate (RFC 1951) compressed body. The body is one
//! header line (`<virtual ms> <view>`) and the scenario text.
//!
//! A link is input from a stranger: it is size-capped before decoding,
//! inflated with a hard output cap (a decompression bomb stops at the cap,
//! it is never inflated whole), and every failure is a `LinkError` the UI
//! words in the reader's language. The text then goes through the same
//! validation as typed text.

/// base64url (RFC 4648 §5) without padding, written out: the crate's
/// engine cost a few kilobytes of the web bundle for two functions.
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n = chunk
                .iter()
                .enumerate()
                .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
            for i in 0..chunk.len() + 1 {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    /// None for a character outside the alphabet, an impossible length, or
    /// stray bits after the last byte (as the `base64` crate rejects them).
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let digit = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|d| d as u32);
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
        for chunk in text.as_bytes().chunks(4) {
            if chunk.len() == 1 {
                return None;
            }
            let mut n = 0u32;
            for (i, &c) in chunk.iter().enumerate() {
                n |= digit(c)? << (18 - 6 * i);
            }
            let bytes = chunk.len() - 1;
            if n & ((1 << (24 - 8 * bytes)) - 1) != 0 {
                return None;
            }
            out.extend((0..bytes).map(|i| (n >> (16 - 8 * i)) as u8));
        }
        Some(out)
    }
}

/// The fragment prefix of the current format.
pub const PREFIX: &str = "v1.";
/// The most text a link may carry once inflated (the editor's own cap).
pub const MAX_TEXT: usize = crate::manifest::MAX_BYTES;
/// The longest fragment read at all (well above what MAX_TEXT compresses
/// to; anything longer is refused before decoding).
pub const MAX_FRAGMENT: usize = 2 * 1024 * 1024;
/// View names are short words (`board`, `timeline`, ...).
const MAX_VIEW: usize = 32;

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub text: String,
    /// Virtual time to land at, in milliseconds.
    pub at_ms: u64,
    /// The view to open (empty: the default).
    pub view: String,
}

/// Why a link cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment is longer than `MAX_FRAGMENT` (its length).
    TooLong(usize),
    /// Not `#v1.`: a version this playground does not know (as written).
    UnknownVersion(String),
    /// Characters outside base64url.
    NotBase64,
    /// The compressed data ends early (the link was cut).
    Truncated,
    /// The compressed data is damaged.
    Corrupt,
    /// It inflates past `MAX_TEXT` (a decompression bomb or a huge text).
    TooLarge,
    /// The text is not UTF-8.
    NotText,
    /// The header line is missing or malformed.
    BadHeader,
}

/// The fragment (without `#`) for a link to `link`.
pub fn encode(link: &Link) -> String {
    let view: String = link
        .view
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(MAX_VIEW)
        .collect();
    let body = format!("{} {view}\n{}", link.at_ms, link.text);
    let packed = miniz_oxide::deflate::compress_to_vec(body.as_bytes(), 9);
    format!("{PREFIX}{}", base64url::encode(&packed))
}

/// Reads a fragment (without `#`) made by `encode`.
pub fn decode(fragment: &str) -> Result<Link, LinkError> {
    if fragment.len() > MAX_FRAGMENT {
        return Err(LinkError::TooLong(fragment.len()));
    }
    let Some(data) = fragment.strip_prefix(PREFIX) else {
        let version: String = fragment
            .split('.')
            .next()
            .unwrap_or_default()
            .chars()
            .take(16)
            .collect();
        return Err(LinkError::UnknownVersion(version));
    };
    let packed = base64url::decode(data.trim_end_matches('=')).ok_or(LinkError::NotBase64)?;
    use miniz_oxide::inflate::TINFLStatus;
    let body = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_TEXT + 64).map_err(
        |e| match e.status {
            TINFLStatus::HasMoreOutput => LinkError::TooLarge,
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                LinkError::Truncated
            }
            _ => LinkError::Corrupt,
        },
    )?;
    let body = String::from_utf8(body).map_err(|_| LinkError::NotText)?;
    let (header, text) = body.split_once('\n').ok_or(LinkError::BadHeader)?;
    let (at, view) = header.split_once(' ').ok_or(LinkError::BadHeader)?;
    let at_ms = at.parse::<u64>().map_err(|_| LinkError::BadHeader)?;
    if view.len() > MAX_VIEW || !view.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(LinkError::BadHeader);
    }
    if text.len() > MAX_TEXT {
        return Err(LinkError::TooLarge);
    }
    Ok(Link {
        text: text.to_string(),
        at_ms,
        view: view.to_string(),
    })
}

/// The older `#m=` links: the text in base64url, uncompressed.
pub fn decode_legacy(data: &str) -> Result<String, LinkError> {
    if data.len() > MAX_TEXT / 3 * 4 + 4 {
        return Err(LinkError::TooLarge);
    }
    let bytes = base64url::decode(data.trim_end_matches('=')).ok_or(LinkError::NotBase64)?;
    String::from_utf8(bytes).map_err(|_| LinkError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn link(text: &str) -> Link {
        Link {
            text: text.into(),
            at_ms: 42_500,
            view: "timeline".into(),
        }
    }

    #[test]
    fn round_trip() {
        let l = link("apiVersion: batch/v1\nkind: Job\n# 한국어 주석\n");
        let f = encode(&l);
        assert!(f.starts_with("v1."));
        assert!(
            f.bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"-_.".contains(&c)),
            "{f}"
        );
        assert_eq!(decode(&f), Ok(l));
    }

    #[test]
    fn hostile_links_table() {
        let good = encode(&link("kind: Job\n"));
        // A bomb: 8 MiB of one byte deflates to a few KiB.
        let bomb = format!(
            "{PREFIX}{}",
            base64url::encode(&miniz_oxide::deflate::compress_to_vec(
                &vec![b'a'; 8 << 20],
                9
            ))
        );
        let not_text = format!(
            "{PREFIX}{}",
            base64url::encode(&miniz_oxide::deflate::compress_to_vec(
                &[0, 0xff, 0xfe, b'\n'],
                9
            ))
        );
        let cases: Vec<(&str, String, LinkError)> = vec![
            (
                "unknown version",
                format!("v9.{}", &good[3..]),
                LinkError::UnknownVersion("v9".into()),
            ),
            ("not base64", format!("{PREFIX}ab*cd"), LinkError::NotBase64),
            (
                "truncated",
                good[..good.len() - 4].to_string(),
                LinkError::Truncated,
            ),
            ("corrupt", format!("{PREFIX}AAAAAAAA"), LinkError::Corrupt),
            ("bomb", bomb, LinkError::TooLarge),
            ("not text", not_text, LinkError::NotText),
            (
                "too long",
                "v1.".to_string() + &"A".repeat(MAX_FRAGMENT),
                LinkError::TooLong(MAX_FRAGMENT + 3),
            ),
        ];
        for (name, fragment, want) in cases {
            assert_eq!(decode(&fragment), Err(want), "{name}");
        }
    }

    #[test]
    fn legacy_links_still_open() {
        assert_eq!(decode_legacy("a2luZDogSm9i"), Ok("kind: Job".into()));
        assert_eq!(decode_legacy("a2lu*"), Err(LinkError::NotBase64));
    }

    proptest! {
        // Any fragment at all decodes to a link or an error, never a panic.
        #[test]
        fn random_fragments_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let as_link = format!("{PREFIX}{}", base64url::encode(&bytes));
            let _ = decode(&as_link);
            let _ = decode(&String::from_utf8_lossy(&bytes));
        }

        /// The written-out codec agrees with the `base64` crate both ways.
        #[test]
        fn base64url_matches_the_crate(bytes in proptest::collection::vec(any::<u8>(), 0..200), text in "[A-Za-z0-9_=*-]{0,40}") {
            use base64::Engine;
            let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
            proptest::prop_assert_eq!(base64url::encode(&bytes), engine.encode(&bytes));
            proptest::prop_assert_eq!(base64url::decode(&text), engine.decode(&text).ok());
        }

        #[test]
        fn any_text_round_trips(text in ".{0,300}", at in any::<u64>(), view in "[a-z-]{0,12}") {
            let l = Link { text, at_ms: at, view };
            prop_assert_eq!(decode(&encode(&l)), Ok(l));
        }
    }
}
