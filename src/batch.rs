//! Many documents at once: a parallel map (rayon) that keeps input order and streams in chunks,
//! so memory stays flat however many documents come through.
//!
//! Without the `parallel` feature the same functions run on the calling thread, one item after
//! another, with the same results in the same order.

#[cfg(feature = "parallel")]
use rayon::prelude::*;

use crate::matching::{Match, Matcher, Scratch};

/// How many inputs a chunk of [`map_ordered`] holds by default.
pub const DEFAULT_CHUNK: usize = 256;

/// Finds concepts in many texts in parallel; the results are in input order.
///
/// ```
/// use rolefit::{extract_batch, Matcher, Taxonomy};
/// let matcher = Matcher::new(Taxonomy::embedded()).unwrap();
/// let docs = ["PowerShell scripts", "a chef who bakes bread", "ServiceNow and ITIL"];
/// let results = extract_batch(&matcher, &docs);
/// assert_eq!(results.len(), 3);
/// assert!(results[1].is_empty());
/// assert_eq!(results[2].len(), 2);
/// ```
pub fn extract_batch<T: AsRef<str> + Sync>(matcher: &Matcher, texts: &[T]) -> Vec<Vec<Match>> {
    let extract = |scratch: &mut Scratch, text: &T| {
        let mut out = Vec::new();
        matcher.extract_into(text.as_ref(), scratch, &mut out);
        out
    };
    #[cfg(feature = "parallel")]
    let results = texts.par_iter().map_init(Scratch::new, extract).collect();
    #[cfg(not(feature = "parallel"))]
    let results = {
        let mut scratch = Scratch::new();
        texts.iter().map(|t| extract(&mut scratch, t)).collect()
    };
    results
}

/// Maps `f` over `items` in parallel, `chunk` items at a time, and hands the results to `sink`
/// in input order. Each worker thread gets its own state from `init` (buffers to reuse). Stops at
/// the first error of `sink` and returns it.
///
/// Reading, mapping and the sink overlap: one thread reads the next chunk while the pool maps
/// the current one, and each result goes to the sink as soon as every result before it has,
/// not when its whole chunk is done. So a slow item holds back only the items after it, and
/// only for as long as it takes (the readers bound that with [`crate::document::Limits`]); at
/// most two chunks of items and one of results wait at any time, so memory stays flat.
///
/// Without the `parallel` feature, items are mapped and handed to `sink` one at a time on the
/// calling thread (`chunk` is then unused).
///
/// ```
/// use rolefit::batch::map_ordered;
/// let mut out = Vec::new();
/// map_ordered(1..=1000, 64, || (), |_, n: u64| n * 2, |r| -> Result<(), ()> {
///     out.push(r);
///     Ok(())
/// })
/// .unwrap();
/// assert_eq!(out, (1..=1000).map(|n| n * 2).collect::<Vec<u64>>());
/// ```
pub fn map_ordered<I, T, S, R, E>(
    items: I,
    chunk: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, T) -> R + Sync + Send,
    sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: IntoIterator<Item = T>,
    I::IntoIter: Send,
    T: Send,
    R: Send,
{
    #[cfg(not(feature = "parallel"))]
    {
        // One item at a time: there is no chunk to fill.
        let _ = chunk;
        let (mut sink, mut state) = (sink, init());
        items
            .into_iter()
            .try_for_each(|item| sink(f(&mut state, item)))
    }
    #[cfg(feature = "parallel")]
    map_ordered_parallel(items.into_iter(), chunk, init, f, sink)
}

#[cfg(feature = "parallel")]
fn map_ordered_parallel<I, T, S, R, E>(
    mut items: I,
    chunk: usize,
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, T) -> R + Sync + Send,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = T> + Send,
    T: Send,
    R: Send,
{
    let chunk = chunk.max(1);
    // One item (a document piped in, one file named) is mapped here: starting the reader, the
    // mapper and the thread pool would cost more than the item.
    let Some(first) = items.next() else {
        return Ok(());
    };
    let Some(second) = items.next() else {
        return sink(f(&mut init(), first));
    };
    let mut items = [first, second].into_iter().chain(items);
    std::thread::scope(|scope| {
        let (chunks, to_map) = std::sync::mpsc::sync_channel::<Vec<(usize, T)>>(1);
        let (results, to_sink) = std::sync::mpsc::sync_channel::<(usize, R)>(chunk);
        // Each stage stops when the next one hangs up (the sink failed) or the last one ends.
        scope.spawn(move || {
            let mut next = 0usize;
            loop {
                let buf: Vec<(usize, T)> = items
                    .by_ref()
                    .take(chunk)
                    .map(|item| {
                        next += 1;
                        (next - 1, item)
                    })
                    .collect();
                if buf.is_empty() || chunks.send(buf).is_err() {
                    return;
                }
            }
        });
        let (init, f) = (&init, &f);
        scope.spawn(move || {
            for buf in to_map {
                let sent = buf.into_par_iter().try_for_each_init(
                    || (init(), results.clone()),
                    |(state, results), (i, item)| results.send((i, f(state, item))),
                );
                if sent.is_err() {
                    return;
                }
            }
        });
        // Results arrive in any order within a chunk; each waits here until its turn. The
        // mapper finishes a chunk before it starts the next, so fewer than `chunk` wait.
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0usize;
        for (i, r) in to_sink {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&next) {
                sink(r)?;
                next += 1;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    /// Item 5 waits until the sink has seen items 0 to 4: with results held until their whole
    /// chunk is done, it would wait forever (here, until the timeout) and say so.
    #[test]
    fn a_slow_item_does_not_hold_back_the_ones_before_it() {
        let seen = AtomicUsize::new(0);
        let mut out = Vec::new();
        map_ordered(
            0..20usize,
            16,
            || (),
            |_, i| {
                if i == 5 {
                    let start = Instant::now();
                    while seen.load(Ordering::SeqCst) < 5 {
                        if start.elapsed() > Duration::from_secs(10) {
                            return usize::MAX;
                        }
                        std::thread::sleep(Duration::from_millis(1));
                    }
                }
                i
            },
            |r| -> Result<(), ()> {
                seen.fetch_add(1, Ordering::SeqCst);
                out.push(r);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(out, (0..20).collect::<Vec<_>>());
    }

    /// A lone item is mapped on the calling thread (no thread is started for one document); a
    /// batch of two or more still goes to the pool, in order.
    #[test]
    fn one_item_is_mapped_where_it_is_asked_for() {
        let here = std::thread::current().id();
        for n in 0..4usize {
            let mut out = Vec::new();
            map_ordered(
                0..n,
                1,
                || (),
                |_, i| (i, std::thread::current().id() == here),
                |r| -> Result<(), ()> {
                    out.push(r);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                out.iter().map(|r| r.0).collect::<Vec<_>>(),
                (0..n).collect::<Vec<_>>()
            );
            if n == 1 {
                assert!(out[0].1, "the one item was mapped on the calling thread");
            }
            #[cfg(feature = "parallel")]
            if n > 1 {
                assert!(
                    out.iter().all(|r| !r.1),
                    "a batch is mapped on the pool: {out:?}"
                );
            }
        }
    }

    #[test]
    fn a_failing_sink_stops_the_batch() {
        let mut taken = 0;
        let r = map_ordered(
            0..100_000u32,
            8,
            || (),
            |_, i| i,
            |i| {
                taken += 1;
                if i == 10 {
                    Err(i)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!((r, taken), (Err(10), 11));
    }
}
