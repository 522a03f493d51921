//! Many documents at once: a parallel map (rayon) that keeps input order and streams in chunks,
//! so memory stays flat however many documents come through.

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
    texts
        .par_iter()
        .map_init(Scratch::new, |scratch, text| {
            let mut out = Vec::new();
            matcher.extract_into(text.as_ref(), scratch, &mut out);
            out
        })
        .collect()
}

/// Maps `f` over `items` in parallel, `chunk` items at a time, and hands the results to `sink`
/// in input order. Each worker thread gets its own state from `init` (buffers to reuse). Stops at
/// the first error of `sink` and returns it.
///
/// Reading, mapping and the sink overlap: one thread reads the next chunk and another writes the
/// last one's results while the pool maps the current one, with at most two chunks waiting at
/// each step, so memory stays flat.
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
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    I: IntoIterator<Item = T>,
    I::IntoIter: Send,
    T: Send,
    R: Send,
{
    let chunk = chunk.max(1);
    let mut items = items.into_iter();
    std::thread::scope(|scope| {
        let (chunks, to_map) = std::sync::mpsc::sync_channel::<Vec<T>>(2);
        let (results, to_sink) = std::sync::mpsc::sync_channel::<Vec<R>>(2);
        // Each stage stops when the next one hangs up (the sink failed) or the last one ends.
        scope.spawn(move || loop {
            let buf: Vec<T> = items.by_ref().take(chunk).collect();
            if buf.is_empty() || chunks.send(buf).is_err() {
                return;
            }
        });
        let (init, f) = (&init, &f);
        scope.spawn(move || {
            for buf in to_map {
                let mut mapped = Vec::with_capacity(buf.len());
                buf.into_par_iter()
                    .map_init(init, f)
                    .collect_into_vec(&mut mapped);
                if results.send(mapped).is_err() {
                    return;
                }
            }
        });
        for mapped in to_sink {
            for r in mapped {
                sink(r)?;
            }
        }
        Ok(())
    })
}
