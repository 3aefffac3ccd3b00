//! Uids and name hashing: a Job's uid derived from the seed and its name
//! (so validation can name it before the run), the UUID form the API
//! shows, and the small hasher used for the name indexes.

/// A stable UUID-shaped rendering of a 64-bit uid.
pub fn uid_string(u: u64) -> String {
    // splitmix64 stretches the 64 random bits into the 128 a UUID shows.
    let mut z = u.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    let hi = u;
    let lo = z ^ (z >> 31);
    // Written digit by digit: Jobs and pods get one each, and `format!`
    // with padding costs several times more.
    let mut out = String::with_capacity(36);
    push_hex(&mut out, hi >> 32, 8);
    out.push('-');
    push_hex(&mut out, (hi >> 16) & 0xffff, 4);
    out.push_str("-4");
    push_hex(&mut out, hi & 0xfff, 3);
    out.push('-');
    push_hex(&mut out, 0x8000 | ((lo >> 48) & 0x3fff), 4);
    out.push('-');
    push_hex(&mut out, lo & 0xffff_ffff_ffff, 12);
    out
}

/// The low `digits` hex digits of `v`, zero-padded.
fn push_hex(out: &mut String, v: u64, digits: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for i in (0..digits).rev() {
        out.push(HEX[((v >> (i * 4)) & 0xf) as usize] as char);
    }
}

/// The uid of a Job given in the manifests: a function of the seed and its
/// name, so validation can name the uid the Job will get. (Jobs created
/// later, by a CronJob, draw theirs from the RNG.)
pub(crate) fn job_uid(seed: u64, name: &str, nth: usize) -> u64 {
    let mut h = std::hash::BuildHasher::build_hasher(&FxBuild);
    std::hash::Hasher::write(&mut h, name.as_bytes());
    let mut z = std::hash::Hasher::finish(&h)
        ^ seed.rotate_left(17)
        ^ (nth as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // splitmix64 finaliser: spread the bits.
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A small multiplicative hasher (FxHash's scheme) for the pod-name index:
/// SipHash's DoS resistance buys nothing inside one simulation, and names
/// are hashed on every pod creation.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxBuild;

pub(crate) struct FxHasher(u64);

impl std::hash::BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(v as u64);
    }
    fn write_u64(&mut self, v: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn write_isize(&mut self, v: isize) {
        self.write_u64(v as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The key of a pod name in the name index.
pub(crate) fn name_key(name: &[u8]) -> u64 {
    std::hash::BuildHasher::hash_one(&FxBuild, name)
}

/// Whether `name` is made from `owner`'s name and a dash, as a Job's pods
/// are named after the Job and a CronJob's Jobs after the CronJob.
pub fn named_after(name: &str, owner: &str) -> bool {
    name.strip_prefix(owner)
        .is_some_and(|rest| rest.starts_with('-'))
}

#[cfg(test)]
mod uid_tests {
    #[test]
    fn uid_string_has_uuid_v4_shape_and_is_stable() {
        assert_eq!(
            super::uid_string(0x0123_4567_89ab_cdef),
            format!(
                "{:08x}-{:04x}-4{:03x}-",
                0x0123_4567u64, 0x89abu64, 0xdefu64
            ) + &super::uid_string(0x0123_4567_89ab_cdef)[19..]
        );
        for u in [0u64, 1, u64::MAX, 0xdead_beef] {
            let s = super::uid_string(u);
            assert_eq!(s.len(), 36);
            let parts: Vec<&str> = s.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'));
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
        }
    }
}
