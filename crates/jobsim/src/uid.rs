//! Uids and name hashing: a Job's uid derived from the seed and its name
//! (so validation can name it before the run), and the small hasher used
//! for the name indexes.

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
