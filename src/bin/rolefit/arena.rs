//! The allocator of the `rolefit` binary: the system's, except while the matcher is built at
//! start-up, when allocations are cut one after another from one arena that is never given back
//! (each thread from chunks of its own, so that the two threads reading the taxonomy do not
//! share pages or cache lines).
//!
//! Why: the embedded taxonomy is read into its public types, about 45,000 small strings and
//! vectors that live as long as the process. The C allocator spends ~190 instructions on each
//! (fresh chunks, none freed yet to reuse) and rounds a 10-byte cue up to a 32-byte chunk: for one
//! piped document that was 9 M of its 19 M instructions and 800 of its 1,200 page faults. Cut
//! from an arena, each costs a few instructions and its own size.
//!
//! What it costs: memory freed while the arena is on is not reused (start-up frees little:
//! reading a snapshot allocates exact sizes); after start-up every allocation is the system's,
//! so a long batch uses memory as before. Freeing or growing an arena block works at any time.
//! The arena is a zeroed static, so its pages cost nothing until used.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, UnsafeCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The arena's size; allocations that do not fit go to the system allocator.
const ARENA_BYTES: usize = 8 << 20;

#[repr(C, align(4096))]
struct Arena(UnsafeCell<[u8; ARENA_BYTES]>);

// SAFETY: the bytes are only reached through `bump`, which hands each caller a range no other
// caller gets (chunks and large blocks are claimed by compare-and-swap on the end of what is
// used; a chunk's blocks are cut by the one thread that claimed it).
unsafe impl Sync for Arena {}

static ARENA: Arena = Arena(UnsafeCell::new([0; ARENA_BYTES]));

/// How many bytes from the arena's start are handed out.
static USED: AtomicUsize = AtomicUsize::new(0);

/// Whether new allocations come from the arena.
static ON: AtomicBool = AtomicBool::new(false);

/// The global allocator: the system's, with the start-up arena in front of it.
pub struct StartUpArena;

/// Allocations come from the arena while this lives (only one at a time).
pub struct Scope(());

impl Scope {
    /// Starts cutting allocations from the arena, until the scope is dropped.
    pub fn begin() -> Scope {
        ON.store(true, Ordering::Relaxed);
        Scope(())
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        ON.store(false, Ordering::Relaxed);
    }
}

fn base() -> *mut u8 {
    ARENA.0.get().cast::<u8>()
}

fn in_arena(ptr: *mut u8) -> bool {
    let (at, start) = (ptr as usize, base() as usize);
    at >= start && at < start + ARENA_BYTES
}

/// The arena is handed to threads in chunks of this size; each thread cuts its blocks from its
/// own chunk, so two threads reading the taxonomy side by side neither contend for one counter
/// nor write to the same pages and cache lines (sharing them made a run's page faults and CPU
/// time vary by a third from one run to the next).
const CHUNK_BYTES: usize = 64 << 10;

thread_local! {
    /// This thread's chunk: the offsets in the arena of its next free byte and of its end.
    /// Const-initialised and without a destructor, so reading it never allocates.
    static CHUNK: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// `size` bytes at an offset aligned to `align` cut from the arena's unclaimed end (by
/// compare-and-swap), as the offsets of the block's start and end.
fn claim(size: usize, align: usize) -> Option<(usize, usize)> {
    let start = base() as usize;
    let mut used = USED.load(Ordering::Relaxed);
    loop {
        // `align` is a power of two and the arena is aligned to a page, so aligning the offset
        // aligns the address (larger alignments are aligned from the address itself).
        let from = (start + used).checked_next_multiple_of(align)? - start;
        let end = from.checked_add(size)?;
        if end > ARENA_BYTES {
            return None;
        }
        match USED.compare_exchange_weak(used, end, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return Some((from, end)),
            Err(now) => used = now,
        }
    }
}

/// A block for `layout` from the arena, unless it is off or full: from this thread's chunk, or
/// from a new chunk when it has no room (a block of a chunk's size or more is claimed alone).
fn bump(layout: Layout) -> Option<*mut u8> {
    if !ON.load(Ordering::Relaxed) {
        return None;
    }
    let (size, align) = (layout.size(), layout.align());
    if size >= CHUNK_BYTES / 4 {
        let (from, _) = claim(size, align)?;
        // SAFETY: `claim` keeps `from + size <= ARENA_BYTES`: the block lies within the arena.
        return Some(unsafe { base().add(from) });
    }
    let start = base() as usize;
    let (mut next, mut end) = CHUNK.get();
    let fits = |next: usize, end: usize| {
        let from = (start + next).checked_next_multiple_of(align)? - start;
        let to = from.checked_add(size)?;
        (to <= end).then_some((from, to))
    };
    let (from, to) = match fits(next, end) {
        Some(block) => block,
        None => {
            (next, end) = claim(CHUNK_BYTES, 64)?;
            fits(next, end)?
        }
    };
    CHUNK.set((to, end));
    // SAFETY: `from..to` lies within this thread's chunk, which lies within the arena, and no
    // other thread cuts blocks from it.
    Some(unsafe { base().add(from) })
}

// SAFETY: arena blocks are disjoint, aligned as asked and within the arena; they are never
// handed out twice (never reused), so they are still zero when `alloc_zeroed` gives one out.
// Every other pointer is the system allocator's and goes back to it.
unsafe impl GlobalAlloc for StartUpArena {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match bump(layout) {
            Some(p) => p,
            // SAFETY: the caller's layout, as given.
            None => unsafe { System.alloc(layout) },
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        match bump(layout) {
            Some(p) => p,
            // SAFETY: the caller's layout, as given.
            None => unsafe { System.alloc_zeroed(layout) },
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if !in_arena(ptr) {
            // SAFETY: not an arena block, so the system allocator's, with its layout.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if !in_arena(ptr) {
            // SAFETY: the system allocator's block, with its layout.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // SAFETY: the caller guarantees that `new_size`, rounded up to `align`, fits an isize.
        let grown = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: `grown` is a valid layout of non-zero size (the caller's guarantee).
        let new = unsafe { self.alloc(grown) };
        if !new.is_null() {
            // SAFETY: both blocks hold at least the smaller size and do not overlap (the new
            // one is fresh).
            unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// The arena is switched on for the whole process: the tests that switch it take turns.
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

    #[test]
    fn blocks_from_the_arena_hold_their_values_grow_and_free() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let scope = Scope::begin();
        let mut strings: Vec<String> = (0..1000).map(|i| format!("cue {i}")).collect();
        let boxed: Box<[u64]> = vec![7u64; 33].into();
        let zeroed = vec![0u32; 100];
        drop(scope);
        // Made while the arena was on, from the arena; made by the system after.
        assert!(strings.iter().all(|s| in_arena(s.as_ptr().cast_mut())));
        assert!(in_arena(strings.as_ptr().cast::<u8>().cast_mut()));
        assert!(in_arena(boxed.as_ptr().cast::<u8>().cast_mut()));
        let after = String::from("after the arena");
        assert!(!in_arena(after.as_ptr().cast_mut()));
        // Each block is its own, aligned as asked.
        assert_eq!(boxed.as_ptr() as usize % std::mem::align_of::<u64>(), 0);
        assert!(boxed.iter().all(|&x| x == 7));
        assert!(zeroed.iter().all(|&x| x == 0));
        for (i, s) in strings.iter().enumerate() {
            assert_eq!(*s, format!("cue {i}"));
        }
        // Arena blocks grow (moved to the system's allocator now) and keep their bytes.
        for (i, s) in strings.iter_mut().enumerate().step_by(7) {
            s.push_str(" and more text, to grow the block past its size");
            assert!(s.starts_with(&format!("cue {i} and more")));
        }
        strings.truncate(10);
        strings.shrink_to_fit();
        assert_eq!(strings[9], "cue 9");
        drop(strings);
        drop(boxed);
    }

    #[test]
    fn threads_cut_disjoint_blocks_from_their_own_chunks() {
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let scope = Scope::begin();
        let made: Vec<Vec<Box<[u8]>>> = std::thread::scope(|s| {
            let threads: Vec<_> = (0..4u8)
                .map(|t| {
                    s.spawn(move || {
                        (0..2000usize)
                            .map(|i| vec![t; 1 + (i * 7) % 300].into_boxed_slice())
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            threads.into_iter().map(|t| t.join().unwrap()).collect()
        });
        drop(scope);
        let mut spans = Vec::new();
        for (t, blocks) in made.iter().enumerate() {
            for b in blocks {
                // Each block holds what its thread wrote, and none was overwritten by another.
                assert!(b.iter().all(|&x| usize::from(x) == t));
                let at = b.as_ptr() as usize;
                spans.push((at, at + b.len()));
            }
        }
        assert!(spans.iter().all(|&(a, _)| in_arena(a as *mut u8)));
        spans.sort_unstable();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "blocks overlap");
    }
}
