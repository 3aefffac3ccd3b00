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
#[derive(Debug)]
pub struct ChunkDeque<T> {
    chunks: std::collections::VecDeque<Rc<Vec<T>>>,
    /// Elements popped from the first chunk.
    head: usize,
    len: usize,
}

impl<T> Default for ChunkDeque<T> {
    fn default() -> Self {
        ChunkDeque {
            chunks: Default::default(),
            head: 0,
            len: 0,
        }
    }
}

impl<T> Clone for ChunkDeque<T> {
    fn clone(&self) -> Self {
        ChunkDeque {
            chunks: self.chunks.clone(),
            head: self.head,
            len: self.len,
        }
    }
}

impl<T: Clone> ChunkDeque<T> {
    pub fn push_back(&mut self, v: T) {
        if (self.head + self.len).is_multiple_of(CHUNK) {
            let cap = if self.chunks.is_empty() { 16 } else { CHUNK };
            self.chunks.push_back(Rc::new(Vec::with_capacity(cap)));
        }
        let last = self.chunks.back_mut().expect("a chunk with room");
        unshared(last).push(v);
        self.len += 1;
    }

    /// Drops the front element (its chunk goes once all of it is popped).
    pub fn pop_front(&mut self) {
        if self.len == 0 {
            return;
        }
        self.head += 1;
        self.len -= 1;
        if self.head == CHUNK || self.len == 0 {
            self.chunks.pop_front();
            if self.len == 0 {
                self.chunks.clear();
            }
            self.head = 0;
        }
    }

    pub fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        if i >= self.len {
            return None;
        }
        let at = self.head + i;
        unshared(&mut self.chunks[at / CHUNK]).get_mut(at % CHUNK)
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
        self.chunks.get(at / CHUNK)?.get(at % CHUNK)
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
        assert_eq!(d.chunks.len(), 2, "the first chunk was dropped");
        *d.get_mut(0).unwrap() = 7;
        assert_eq!(d.front(), Some(&7));
        for _ in 0..1000 {
            d.pop_front();
        }
        assert!(d.is_empty());
        d.push_back(1);
        assert_eq!(d.front(), Some(&1));
    }
}
