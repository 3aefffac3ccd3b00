//! A POSIX ustar archive of text files, written as a string: the headers
//! are ASCII and NUL padding, so the bytes survive a trip through a
//! JavaScript string and a Blob (UTF-8) unchanged.

/// One file: its name (under 100 bytes), its text and its mode.
pub struct Entry<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub mode: u32,
}

/// The archive: a 512-byte header per file, its bytes padded to 512, and
/// two zero blocks. `mtime` is Unix seconds (fixed, so output is stable).
pub fn ustar(entries: &[Entry<'_>], mtime: u64) -> String {
    let mut out: Vec<u8> = Vec::new();
    for e in entries {
        let mut h = [0u8; 512];
        let put = |h: &mut [u8; 512], at: usize, s: &str| {
            h[at..at + s.len()].copy_from_slice(s.as_bytes());
        };
        put(&mut h, 0, &e.name[..e.name.len().min(99)]);
        put(&mut h, 100, &format!("{:07o}", e.mode));
        put(&mut h, 108, "0000000");
        put(&mut h, 116, "0000000");
        put(&mut h, 124, &format!("{:011o}", e.text.len()));
        put(&mut h, 136, &format!("{:011o}", mtime));
        put(&mut h, 148, "        ");
        h[156] = b'0';
        put(&mut h, 257, "ustar");
        put(&mut h, 263, "00");
        let sum: u32 = h.iter().map(|&b| b as u32).sum();
        put(&mut h, 148, &format!("{sum:06o}\0 "));
        out.extend_from_slice(&h);
        out.extend_from_slice(e.text.as_bytes());
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    // Only ASCII headers, UTF-8 texts and NULs went in.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_carry_name_size_and_a_valid_checksum() {
        let t = ustar(
            &[Entry {
                name: "run.sh",
                text: "echo hé\n",
                mode: 0o755,
            }],
            0,
        );
        let b = t.as_bytes();
        assert_eq!(b.len(), 512 + 512 + 1024);
        assert_eq!(&b[0..6], b"run.sh");
        assert_eq!(&b[100..107], b"0000755");
        // "echo hé\n" is 9 bytes in UTF-8.
        assert_eq!(&b[124..135], b"00000000011");
        let mut h = b[..512].to_vec();
        h[148..156].copy_from_slice(b"        ");
        let sum: u32 = h.iter().map(|&x| x as u32).sum();
        assert_eq!(&b[148..154], format!("{sum:06o}").as_bytes());
        assert_eq!(&b[512..521], "echo hé\n".as_bytes());
    }
}
