//! Ordering lists for output: every sort in the core goes through one
//! stable sort of positions with a dynamic comparison, so the web bundle
//! holds one sort routine instead of one per element type and key (each
//! instance of the standard sorts is several kilobytes of wasm).

use std::cmp::Ordering;

/// The one sort: a stable sort of positions `0..n` by `cmp`.
#[inline(never)]
fn sorted_positions(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let mut idx: Vec<u32> = (0..n as u32).collect();
    idx.sort_by(|&a, &b| cmp(a as usize, b as usize));
    idx
}

/// Puts `v` in the order of `idx` (positions into `v`).
fn arrange<T: Copy>(v: &mut [T], idx: &[u32]) {
    let sorted: Vec<T> = idx.iter().map(|&i| v[i as usize]).collect();
    v.copy_from_slice(&sorted);
}

/// Sorts `v` stably by `cmp`.
pub fn sort_by<T: Copy>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let idx = sorted_positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    arrange(v, &idx);
}

/// Sorts `v` stably by `key`, each key worked out once.
pub fn sort_by_key<T: Copy, K: Ord>(v: &mut [T], key: impl Fn(T) -> K) {
    let keys: Vec<K> = v.iter().map(|&x| key(x)).collect();
    arrange(v, &sorted_positions(v.len(), &|a, b| keys[a].cmp(&keys[b])));
}

/// Sorts owned values stably by `cmp`.
pub fn sort_vec_by<T>(v: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let idx = sorted_positions(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(idx.iter().filter_map(|&i| slots[i as usize].take()));
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Same result as the standard stable sort, ties in input order.
        #[test]
        fn matches_the_standard_stable_sort(v in proptest::collection::vec((0u8..5, 0u16..1000), 0..60)) {
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            let mut got = v.clone();
            sort_by_key(&mut got, |x| x.0);
            proptest::prop_assert_eq!(&got, &want);
            let mut got = v.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            proptest::prop_assert_eq!(&got, &want);
            let mut owned: Vec<String> = v.iter().map(|x| format!("{}-{}", x.0, x.1)).collect();
            let mut want_owned = owned.clone();
            want_owned.sort_by(|a, b| a[..1].cmp(&b[..1]));
            sort_vec_by(&mut owned, |a, b| a[..1].cmp(&b[..1]));
            proptest::prop_assert_eq!(owned, want_owned);
        }
    }
}
