//! Storage that grows in fixed-size chunks instead of doubling one
//! vector: growing never copies what is there, and never holds twice the
//! memory for a moment (which is what bounds the largest run a browser
//! tab can hold). Chunks are shared between clones of a world until one
//! of them writes to a chunk (`Rc::make_mut`; a world is single-threaded), so a checkpoint of a big
//! run costs only the chunks that change after it.

use std::rc::Rc;

/// Elements per chunk.
const CHUNK: usize = 1024;

/// The chunk, for writing: copied first only if a copy of the world still
/// shares it. The check is inlined (every pod update goes through here);
/// the copy is not.
#[inline(always)]
fn unshared<T: Clone>(c: &mut Rc<Vec<T>>) -> &mut Vec<T> {
    if Rc::strong_count(c) != 1 || Rc::weak_count(c) != 0 {
        unshare(c);
    }
    Rc::get_mut(c).expect("unshared")
}

#[cold]
#[inline(never)]
fn unshare<T: Clone>(c: &mut Rc<Vec<T>>) {
    Rc::make_mut(c);
}

/// An append-only arena indexed like a slice.
#[derive(Debug)]
pub struct Arena<T> {
    chunks: Vec<Rc<Vec<T>>>,
    len: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Clone for Arena<T> {
    fn clone(&self) -> Self {
        Arena {
            chunks: self.chunks.clone(),
            len: self.len,
        }
    }
}

impl<T: Clone> Arena<T> {
    pub fn push(&mut self, v: T) {
        if self.len.is_multiple_of(CHUNK) {
            // The first chunk starts small (a tiny world stays tiny) and
            // doubles up to CHUNK, the size of every later one.
            let cap = if self.chunks.is_empty() { 16 } else { CHUNK };
            self.chunks.push(Rc::new(Vec::with_capacity(cap)));
        }
        let last = self.chunks.last_mut().expect("a chunk with room");
        unshared(last).push(v);
        self.len += 1;
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i >= self.len {
            return None;
        }
        unshared(&mut self.chunks[i / CHUNK]).get_mut(i % CHUNK)
    }
}

impl<T> Arena<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i / CHUNK)?.get(i % CHUNK)
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + '_ {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }
}

impl<T> std::ops::Index<usize> for Arena<T> {
    type Output = T;
    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

impl<T: Clone> std::ops::IndexMut<usize> for Arena<T> {
    fn index_mut(&mut self, i: usize) -> &mut T {
        &mut unshared(&mut self.chunks[i / CHUNK])[i % CHUNK]
    }
}

/// A queue (push at the back, pop at the front) in chunks, with stable
/// absolute positions: element `i` keeps index `i` while it is kept.
/// Full chunks are shared between clones; the chunk being filled is owned
/// (a clone copies it), so a push checks no sharing.
#[derive(Debug, Clone)]
pub struct ChunkDeque<T> {
    /// Full chunks of exactly `CHUNK` elements, oldest first.
    sealed: std::collections::VecDeque<Rc<Vec<T>>>,
    /// The chunk being filled, after the sealed ones.
    tail: Vec<T>,
    /// Elements popped from the first chunk (sealed, or the tail if none).
    head: usize,
    len: usize,
}

impl<T> Default for ChunkDeque<T> {
    fn default() -> Self {
        ChunkDeque {
            sealed: Default::default(),
            tail: Vec::new(),
            head: 0,
            len: 0,
        }
    }
}

impl<T: Clone> ChunkDeque<T> {
    pub fn push_back(&mut self, v: T) {
        if self.tail.len() == CHUNK {
            let full = std::mem::replace(&mut self.tail, Vec::with_capacity(CHUNK));
            self.sealed.push_back(Rc::new(full));
        } else if self.tail.capacity() == 0 {
            // A small first chunk: most logs stay small.
            self.tail.reserve_exact(16);
        }
        self.tail.push(v);
        self.len += 1;
    }

    /// Drops the front element (its chunk goes once all of it is popped).
    pub fn pop_front(&mut self) {
        if self.len == 0 {
            return;
        }
        self.head += 1;
        self.len -= 1;
        if self.len == 0 {
            self.sealed.clear();
            self.tail.clear();
            self.head = 0;
        } else if self.head == CHUNK && !self.sealed.is_empty() {
            self.sealed.pop_front();
            self.head = 0;
        }
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i >= self.len {
            return None;
        }
        let at = self.head + i;
        let c = at / CHUNK;
        if c == self.sealed.len() {
            return self.tail.get_mut(at % CHUNK);
        }
        unshared(&mut self.sealed[c]).get_mut(at % CHUNK)
    }
}

impl<T> ChunkDeque<T> {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        let at = self.head + i;
        let c = at / CHUNK;
        if c == self.sealed.len() {
            return self.tail.get(at % CHUNK);
        }
        self.sealed.get(c)?.get(at % CHUNK)
    }

    pub fn front(&self) -> Option<&T> {
        self.get(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arena_indexes_across_chunks_and_clones_share_until_written() {
        let mut a = Arena::default();
        for i in 0..3000u32 {
            a.push(i);
        }
        assert_eq!(a.len(), 3000);
        assert_eq!(a[2999], 2999);
        assert_eq!(a.iter().next_back(), Some(&2999));
        let snapshot = a.clone();
        a[5] = 50;
        assert_eq!((a[5], snapshot[5]), (50, 5), "a write copies its chunk");
        assert!(Rc::ptr_eq(&a.chunks[2], &snapshot.chunks[2]));
        assert_eq!(a.iter().copied().sum::<u32>(), (0..3000).sum::<u32>() + 45);
    }

    #[test]
    fn deque_keeps_order_and_frees_whole_chunks() {
        let mut d = ChunkDeque::default();
        for i in 0..2500u32 {
            d.push_back(i);
        }
        for _ in 0..1500 {
            d.pop_front();
        }
        assert_eq!(d.len(), 1000);
        assert_eq!(d.front(), Some(&1500));
        assert_eq!(d.get(999), Some(&2499));
        assert_eq!(d.get(1000), None);
        assert_eq!(d.sealed.len(), 1, "the first chunk was dropped");
        *d.get_mut(0).unwrap() = 7;
        assert_eq!(d.front(), Some(&7));
        for _ in 0..1000 {
            d.pop_front();
        }
        assert!(d.is_empty());
        d.push_back(1);
        assert_eq!(d.front(), Some(&1));
    }

    proptest::proptest! {
        /// Pushes, pops and writes (with a clone taken midway) read back as
        /// a plain deque would, in the original and in the clone.
        #[test]
        fn deque_matches_a_vecdeque(ops in proptest::collection::vec((0u8..4, 0u16..3000), 0..3000)) {
            let mut d = ChunkDeque::default();
            let mut model = std::collections::VecDeque::new();
            let mut snapshot = None;
            for (k, (op, x)) in ops.into_iter().enumerate() {
                match op {
                    0 | 1 => {
                        d.push_back(x);
                        model.push_back(x);
                    }
                    2 => {
                        d.pop_front();
                        model.pop_front();
                    }
                    _ => {
                        let i = x as usize % model.len().max(1);
                        if let Some(m) = model.get_mut(i) {
                            *m = k as u16;
                            *d.get_mut(i).unwrap() = k as u16;
                        }
                    }
                }
                if k == 1500 {
                    snapshot = Some((d.clone(), model.clone()));
                }
            }
            proptest::prop_assert_eq!(d.len(), model.len());
            for (i, m) in model.iter().enumerate() {
                proptest::prop_assert_eq!(d.get(i), Some(m));
            }
            if let Some((sd, sm)) = snapshot {
                for (i, m) in sm.iter().enumerate() {
                    proptest::prop_assert_eq!(sd.get(i), Some(m));
                }
            }
        }
    }
}
