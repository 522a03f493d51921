//! The scorer's cue patterns on the `regex` crate, behind the same crate-internal API as
//! `src/scoring/pattern.rs` (`Pattern::new`, `find`, `captures_iter_in`, ...), for
//! `benches/patterns.rs` to run `polarity.rs` and `years.rs` unchanged on either engine. Each
//! pattern tree (the readable source in those files) is printed as a regex and compiled on its
//! first use, once per process; the printed regexes are kept so that the bench can time their
//! compilation and build them into other engines.

use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use regex::Regex;

#[path = "../../src/scoring/pattern.rs"]
#[allow(dead_code)]
mod hand;

pub(crate) use hand::{
    group, has_prefix, has_prefix_fold, is_digit, is_word_byte, l, opt, Class, Starts, B, D, P, S0,
    S1, SLOTS, W1,
};

/// The regex of every pattern compiled so far in this process, in order of first use.
static SOURCES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The regexes of the patterns used so far.
pub(crate) fn sources() -> Vec<String> {
    SOURCES.lock().unwrap().clone()
}

/// The regex `p` stands for: the hand engine's node kinds map one to one onto regex syntax, and
/// a pair of capture slots `2g`, `2g + 1` onto group `g` (the trees open their groups in order).
pub(crate) fn source(p: &P) -> String {
    source_with(p, false)
}

/// [`source`]; with `fold`, each ASCII letter of a literal matches in either case (`[yY]`), as
/// the hand engine's caseless patterns read.
fn source_with(p: &P, fold: bool) -> String {
    fn write(p: &P, out: &mut String, groups: &mut usize, fold: bool) {
        let write = |p: &P, out: &mut String, groups: &mut usize| write(p, out, groups, fold);
        match p {
            P::Lit(s) if fold => {
                for c in s.chars() {
                    if c.is_ascii_alphabetic() {
                        out.push_str(&format!("[{}{}]", c, c.to_ascii_uppercase()));
                    } else {
                        out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4])));
                    }
                }
            }
            P::Lit(s) => out.push_str(&regex::escape(s)),
            P::Seq(ps) => {
                out.push_str("(?:");
                for p in ps.iter() {
                    write(p, out, groups);
                }
                out.push(')');
            }
            P::Alt(ps) => {
                out.push_str("(?:");
                for (i, p) in ps.iter().enumerate() {
                    if i > 0 {
                        out.push('|');
                    }
                    write(p, out, groups);
                }
                out.push(')');
            }
            P::Rep(p, min, max, greedy) => {
                out.push_str("(?:");
                write(p, out, groups);
                out.push(')');
                match (*min, *max) {
                    (0, 1) => out.push('?'),
                    (0, u16::MAX) => out.push('*'),
                    (1, u16::MAX) => out.push('+'),
                    (n, u16::MAX) => out.push_str(&format!("{{{n},}}")),
                    (n, m) if n == m => out.push_str(&format!("{{{n}}}")),
                    (n, m) => out.push_str(&format!("{{{n},{m}}}")),
                }
                if !greedy {
                    out.push('?');
                }
            }
            P::Class(c) => out.push_str(match c {
                Class::Space => r"\s",
                Class::Word => r"\w",
                Class::Digit => r"\d",
                Class::Digit5To9 => "[5-9]",
                Class::SpaceOrComma => r"[\s,]",
                Class::SpaceOrDash => r"[\s\-]",
                Class::NotStop => r"[^.;\n\x{2022}]",
            }),
            P::Bound => out.push_str(r"(?-u:\b)"),
            P::Start => out.push_str(r"\A"),
            P::End => out.push_str(r"\z"),
            P::Save(slot) if slot % 2 == 0 => {
                *groups += 1;
                assert_eq!(*slot, 2 * *groups, "capture groups open in slot order");
                out.push('(');
            }
            P::Save(_) => out.push(')'),
        }
    }
    let mut out = String::new();
    write(p, &mut out, &mut 0, fold);
    out
}

/// A pattern and its regex, compiled on first use.
pub(crate) struct Pattern {
    root: P,
    re: OnceLock<Regex>,
    fold: bool,
}

impl Pattern {
    pub(crate) const fn new(root: P) -> Pattern {
        Pattern {
            root,
            re: OnceLock::new(),
            fold: false,
        }
    }

    /// The regex needs no hint of where matches start: its own prefilter finds them.
    pub(crate) const fn starting(root: P, _starts: Starts) -> Pattern {
        Pattern::new(root)
    }

    pub(crate) const fn starting_caseless(root: P, _starts: Starts) -> Pattern {
        Pattern {
            root,
            re: OnceLock::new(),
            fold: true,
        }
    }

    fn re(&self) -> &Regex {
        self.re.get_or_init(|| {
            let src = source_with(&self.root, self.fold);
            let re = Regex::new(&src).expect("a cue pattern is a valid regex");
            SOURCES.lock().unwrap().push(src);
            re
        })
    }

    pub(crate) fn captures_at(&self, h: &str, from: usize) -> Option<[usize; SLOTS]> {
        let re = self.re();
        let mut locs = re.capture_locations();
        re.captures_read_at(&mut locs, h, from)?;
        let mut caps = [usize::MAX; SLOTS];
        for g in 0..locs.len().min(SLOTS / 2) {
            if let Some((s, e)) = locs.get(g) {
                (caps[2 * g], caps[2 * g + 1]) = (s, e);
            }
        }
        Some(caps)
    }

    /// As the hand engine's: the matches starting inside `windows`, which hold every match.
    /// One search from a window's start finds the leftmost match after it; when that match
    /// starts beyond the window it is kept for the window it starts in, so the text is
    /// searched about once.
    pub(crate) fn captures_iter_in<'p, 'h, W: Iterator<Item = Range<usize>> + 'h>(
        &'p self,
        h: &'h str,
        windows: W,
    ) -> impl Iterator<Item = [usize; SLOTS]> + use<'p, 'h, W> {
        let mut next = 0;
        let mut pending: Option<[usize; SLOTS]> = None;
        let mut windows = windows;
        std::iter::from_fn(move || loop {
            let w = windows.next()?;
            let i = w.start.max(next);
            if i >= w.end.min(h.len() + 1) {
                continue;
            }
            let m = match pending {
                Some(m) if m[0] >= i => m,
                _ => self.captures_at(h, i)?,
            };
            if m[0] < w.end {
                pending = None;
                next = m[1];
                return Some(m);
            }
            // No match starts in [i, m[0]).
            pending = Some(m);
            next = m[0];
        })
    }

    pub(crate) fn find_at(&self, h: &str, from: usize) -> Option<Range<usize>> {
        self.re().find_at(h, from).map(|m| m.range())
    }

    pub(crate) fn find(&self, h: &str) -> Option<Range<usize>> {
        self.re().find(h).map(|m| m.range())
    }

    pub(crate) fn is_match(&self, h: &str) -> bool {
        self.re().is_match(h)
    }

    pub(crate) fn find_iter<'p, 'h>(
        &'p self,
        h: &'h str,
    ) -> impl Iterator<Item = Range<usize>> + use<'p, 'h> {
        self.re().find_iter(h).map(|m| m.range())
    }

    pub(crate) fn captures_iter<'p, 'h>(
        &'p self,
        h: &'h str,
    ) -> impl Iterator<Item = [usize; SLOTS]> + use<'p, 'h> {
        self.re().captures_iter(h).map(|c| {
            let mut caps = [usize::MAX; SLOTS];
            for (g, m) in c.iter().enumerate().take(SLOTS / 2) {
                if let Some(m) = m {
                    (caps[2 * g], caps[2 * g + 1]) = (m.start(), m.end());
                }
            }
            caps
        })
    }
}

/// What `polarity.rs` and `years.rs` test their patterns with, over this engine.
#[cfg(test)]
pub(crate) mod testing {
    use super::Pattern;

    pub(crate) use super::hand::testing::{haystacks, mixed_case};

    pub(crate) fn same_as_regex(pattern: &Pattern, re: &str, groups: usize) {
        super::hand::testing::same_as_regex_by(|h| pattern.captures_iter(h).collect(), re, groups);
    }

    pub(crate) fn same_as_regex_any_case(pattern: &Pattern, re: &str, groups: usize) {
        assert!(pattern.fold, "a caseless pattern");
        let found = |h: &str| pattern.captures_iter(h).collect();
        super::hand::testing::same_as_regex_any_case_by(found, re, groups);
    }
}
