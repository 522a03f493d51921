//! Polarity of a mention: whether the text around a term affirms it ("five years of Intune"),
//! denies it ("no experience with Intune", "Intune not required") or, in a posting, marks it as
//! preferred rather than required ("Intune is a plus", "nice to have: Intune").

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::pattern::{
    has_prefix, is_word_byte, l, opt, Class, Pattern, Starts, B, D, P, S0, S1, W1,
};

/// What the words around a mention say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    /// The mention stands as written.
    Positive,
    /// The mention is denied: the writer lacks it, or the posting does not require it.
    Negated,
    /// The posting values the mention but does not require it.
    Preferred,
}

impl Polarity {
    /// The polarity's name as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negated => "negated",
            Polarity::Preferred => "preferred",
        }
    }
}

/// A polarity and the cue that decided it, as a byte range into the original text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolarityCue {
    /// The polarity.
    pub polarity: Polarity,
    /// Where the deciding cue is, if there is one.
    pub cue: Option<Range<usize>>,
}

/// How far before a mention a negation cue still reaches ("no experience with Linux, macOS or
/// Jamf" denies all three; a cue further away has usually been left behind by the sentence).
const NEGATION_REACH: usize = 60;
/// How far a preference cue reaches, before or after the mention.
const PREFERENCE_REACH: usize = 140;
/// The longest clause looked at on each side of a mention.
const CLAUSE_LIMIT: usize = 200;

/// `(?:w1|w2|...)` over literal words.
macro_rules! words {
    ($($w:literal),+) => { P::Alt(&[$(l($w)),+]) };
}

/// Cues before a mention that deny it: "no experience with", "not familiar with", "never used",
/// "studying for", "no" ending the text before it.
static NEGATION_BEFORE: Pattern = Pattern::starting(
    P::Alt(&[
        P::Seq(&[
            B,
            l("no"),
            S1,
            opt(&P::Seq(&[
                words!(
                    "prior",
                    "previous",
                    "professional",
                    "hands-on",
                    "real",
                    "working",
                    "direct"
                ),
                S1,
            ])),
            words!(
                "experience",
                "exposure",
                "knowledge",
                "background",
                "familiarity",
                "training"
            ),
            S1,
            words!("with", "in", "of", "using", "on"),
            B,
        ]),
        P::Seq(&[
            B,
            l("not"),
            S1,
            opt(&P::Seq(&[words!("yet", "very", "particularly"), S1])),
            words!(
                "familiar",
                "experienced",
                "proficient",
                "comfortable",
                "certified",
                "trained",
                "skilled"
            ),
            S1,
            words!("with", "in", "on", "at"),
            B,
        ]),
        P::Seq(&[
            B,
            l("not"),
            S1,
            opt(&P::Seq(&[l("yet"), S1])),
            l("certified"),
            B,
        ]),
        P::Seq(&[B, l("unfamiliar"), S1, l("with"), B]),
        P::Seq(&[
            B,
            l("never"),
            S1,
            P::Alt(&[
                l("used"),
                P::Seq(&[l("worked"), S1, l("with")]),
                P::Seq(&[l("worked"), S1, l("on")]),
                l("touched"),
                l("administered"),
                l("configured"),
            ]),
            B,
        ]),
        P::Seq(&[
            B,
            words!("have", "has"),
            S0,
            words!("not", "n't"),
            S1,
            opt(&P::Seq(&[l("yet"), S1])),
            P::Alt(&[
                l("used"),
                P::Seq(&[l("worked"), S1, l("with")]),
                P::Seq(&[l("worked"), S1, l("on")]),
            ]),
            B,
        ]),
        P::Seq(&[
            B,
            l("lack"),
            opt(&words!("ing", "s")),
            S1,
            opt(&P::Seq(&[l("of"), S1])),
            opt(&words!("experience", "knowledge", "exposure")),
            S0,
            opt(&words!("with", "in", "of")),
            B,
        ]),
        P::Seq(&[
            B,
            opt(&P::Seq(&[l("currently"), S1])),
            // "Preparing" and "enrolled" are also duties ("preparing laptops for new hires",
            // "enrolled 200 iPads in Intune"): only "preparing for", "enrolled in" study.
            P::Alt(&[
                l("studying"),
                P::Seq(&[words!("preparing", "enrolled"), S1, words!("for", "in")]),
                P::Seq(&[l("working"), S1, l("toward"), opt(&l("s"))]),
                l("pursuing"),
            ]),
            S1,
            opt(&P::Seq(&[words!("for", "in"), S1])),
            opt(&P::Seq(&[
                P::Alt(&[l("the"), P::Seq(&[l("a"), opt(&l("n"))]), l("my")]),
                S1,
            ])),
        ]),
        P::Seq(&[
            B,
            l("plan"),
            opt(&l("ning")),
            S1,
            l("to"),
            S1,
            words!("take", "earn", "obtain", "sit"),
            B,
        ]),
        P::Seq(&[B, l("not"), S1, l("required"), S0, l(":")]),
        P::Seq(&[B, l("no"), S0, P::End]),
        P::Seq(&[
            B,
            l("no"),
            S1,
            opt(&P::Seq(&[W1, S1])),
            words!("experience", "knowledge"),
            S0,
            P::End,
        ]),
    ]),
    Starts {
        words: &[
            "no", "unf", "nev", "hav", "has", "lac", "cur", "stu", "pre", "wor", "pur", "enr",
            "pla",
        ],
        digits: false,
    },
);

/// [`NEGATION_AFTER`] in `after`, tried only when [`negation_after_may_match`] says it can match.
fn negation_after(after: &str) -> Option<Range<usize>> {
    if negation_after_may_match(after) {
        NEGATION_AFTER.find(after)
    } else {
        None
    }
}

/// Whether [`NEGATION_AFTER`] can match `after`: one of its cues ("not" and white space before
/// "required", "needed", "necessary", "essential", "mandatory" or "a"; "unnecessary"; "in" and
/// white space before "progress"; "expected" and white space before a digit; the last two maybe
/// after "(") begins at most four words in (after `[\s,]*`: at most three words each with white
/// space after them, and "is"/"are" with white space), at a word start or just after "is"/"are".
/// A byte beyond ASCII where white space, a letter or a digit is asked for is let through.
///
/// A text that starts with `after` has every such place `after` has, so the answer for a longer
/// window holds for any clause cut from its start.
fn negation_after_may_match(after: &str) -> bool {
    let b = after.as_bytes();
    let space = |i: usize| match b.get(i) {
        Some(&c) if c < 0x80 => (BYTES[c as usize] & SPACE != 0).then_some(1),
        Some(_) => space_len(after, i),
        None => None,
    };
    let mut i = 0;
    while i < b.len() {
        match space(i) {
            Some(n) => i += n,
            None if b[i] == b',' => i += 1,
            None => break,
        }
    }
    for _ in 0..4 {
        while i < b.len() && space(i).is_none() {
            i += utf8_len(b[i]);
        }
        while let Some(n) = space(i) {
            i += n;
        }
    }
    // After a cue word (`skip` bytes into `rest`): white space, then a byte `next` accepts.
    let spaced = |rest: &[u8], skip: usize, next: fn(u8) -> bool| {
        let mut j = skip;
        while rest.get(j).is_some_and(|&c| BYTES[c as usize] & SPACE != 0) {
            j += 1;
        }
        match rest.get(j) {
            Some(&c) if c >= 0x80 => true,
            Some(&c) => j > skip && next(c),
            None => false,
        }
    };
    let cue_here = |p: usize| {
        if !matches!(b[p], b'n' | b'u' | b'i' | b'e' | b'(') {
            return false;
        }
        let rest = &b[p..];
        let rest = rest.strip_prefix(b"(").unwrap_or(rest);
        (p == 0 || !is_word_byte(b[p - 1]) || b[..p].ends_with(b"is") || b[..p].ends_with(b"are"))
            && ((has_prefix(rest, b"not")
                && spaced(rest, 3, |c| matches!(c, b'r' | b'n' | b'e' | b'm' | b'a')))
                || has_prefix(rest, b"unnecessary")
                || (has_prefix(rest, b"in") && spaced(rest, 2, |c| c == b'p'))
                || (has_prefix(rest, b"expected") && spaced(rest, 8, |c| c.is_ascii_digit())))
    };
    // `i` is where the fourth run of white space ends: the last place a cue can begin.
    (0..b.len().min(i + 1)).any(cue_here)
}

/// The length of the `\s` character at `i` in `h`, if one starts there.
#[inline]
fn space_len(h: &str, i: usize) -> Option<usize> {
    match *h.as_bytes().get(i)? {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Some(1),
        c if c < 0x80 => None,
        _ => {
            let c = h.get(i..)?.chars().next()?;
            c.is_whitespace().then(|| c.len_utf8())
        }
    }
}

/// The length of the UTF-8 character whose first byte is `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    }
}

/// Cues right after a mention that deny it: "not required", "(in progress)", "(expected 2026)".
static NEGATION_AFTER: Pattern = Pattern::new(P::Seq(&[
    P::Start,
    P::Rep(&P::Class(Class::SpaceOrComma), 0, u16::MAX, true),
    P::Rep(&P::Seq(&[W1, S1]), 0, 3, false),
    opt(&words!("is", "are")),
    S0,
    P::Alt(&[
        P::Seq(&[
            l("not"),
            S1,
            words!("required", "needed", "necessary", "essential", "mandatory"),
        ]),
        P::Seq(&[l("not"), S1, l("a"), S1, l("requirement")]),
        l("unnecessary"),
        P::Seq(&[opt(&l("(")), l("in"), S1, l("progress")]),
        P::Seq(&[opt(&l("(")), l("expected"), S1, P::Rep(&D, 4, 4, true)]),
    ]),
]));

/// Cues after a mention that make it preferred: "is a plus", "preferred", "nice to have".
static PREFERENCE_AFTER: Pattern = Pattern::starting(
    P::Alt(&[
        P::Seq(&[
            B,
            opt(&P::Seq(&[
                P::Alt(&[
                    l("is"),
                    l("are"),
                    P::Seq(&[l("would"), S1, l("be")]),
                    P::Seq(&[l("will"), S1, l("be")]),
                ]),
                S1,
            ])),
            P::Alt(&[
                P::Seq(&[
                    l("a"),
                    S1,
                    opt(&P::Seq(&[words!("big", "huge", "strong", "definite"), S1])),
                    words!("plus", "bonus", "advantage"),
                ]),
                P::Seq(&[
                    l("an"),
                    S1,
                    opt(&P::Seq(&[l("added"), S1])),
                    words!("advantage", "asset", "plus", "bonus"),
                ]),
            ]),
            B,
        ]),
        P::Seq(&[
            B,
            opt(&P::Seq(&[words!("strongly", "highly"), S1])),
            words!(
                "preferred",
                "desired",
                "desirable",
                "preferable",
                "beneficial",
                "advantageous"
            ),
            B,
        ]),
        P::Seq(&[
            B,
            l("nice"),
            SPACE_OR_DASH,
            l("to"),
            SPACE_OR_DASH,
            l("have"),
            B,
        ]),
        P::Seq(&[B, l("nice"), S1, l("to"), S1, l("see"), B]),
        P::Seq(&[
            B,
            l("would"),
            S1,
            l("be"),
            S1,
            words!("nice", "helpful", "great", "ideal"),
            B,
        ]),
        P::Seq(&[B, words!("is", "are"), S1, words!("helpful", "optional"), B]),
        P::Seq(&[B, l("pluses"), B]),
    ]),
    Starts {
        words: &[
            "is", "are", "wou", "wil", "a ", "an", "str", "hig", "pre", "des", "ben", "adv", "nic",
            "plu",
        ],
        digits: false,
    },
);

const SPACE_OR_DASH: P = P::Class(Class::SpaceOrDash);

/// Cues before a mention that make it preferred: "preferred:", "bonus points for", "ideally".
static PREFERENCE_BEFORE: Pattern = Pattern::starting(
    P::Alt(&[
        P::Seq(&[
            B,
            P::Alt(&[
                l("preferred"),
                l("desired"),
                l("desirable"),
                P::Seq(&[l("nice"), SPACE_OR_DASH, l("to"), SPACE_OR_DASH, l("have")]),
                P::Seq(&[l("bonus"), opt(&P::Seq(&[S1, l("points")]))]),
                l("pluses"),
                P::Seq(&[l("a"), S1, l("plus")]),
                l("ideally"),
                l("preferably"),
                l("optional"),
            ]),
            B,
        ]),
        P::Seq(&[
            B,
            opt(&P::Seq(&[l("we"), S1])),
            opt(&P::Seq(&[l("would"), S1])),
            l("prefer"),
            B,
        ]),
        P::Seq(&[B, l("preference"), S1, words!("for", "to", "given"), B]),
        P::Seq(&[B, l("plus"), S0, l(":")]),
    ]),
    Starts {
        words: &[
            "pre", "des", "nic", "bon", "plu", "a ", "ide", "opt", "we", "wou",
        ],
        digits: false,
    },
);

/// Words that make a term required, whatever preference cue follows or precedes it.
static REQUIRED_WORD: Pattern = Pattern::starting(
    P::Seq(&[
        B,
        words!("required", "must", "mandatory", "essential", "minimum"),
        B,
    ]),
    Starts {
        words: &["req", "mus", "man", "ess", "min"],
        digits: false,
    },
);

/// Where a clause ends, as the regex
/// `[.!?](?:\s|$) | [;\n\u{2022}\u{25aa}\u{25cf}|] | \s-\s | \b(?:but|however|although|though|whereas|while)\b`
/// finds it: the leftmost break starting at or after `from` in `h`.
fn clause_break(h: &str, from: usize) -> Option<Range<usize>> {
    let b = h.as_bytes();
    let word = |i: usize| {
        b.get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    };
    let space_at = |i: usize| space_len(h, i);
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'.' | b'!' | b'?' => {
                if i + 1 == b.len() {
                    return Some(i..i + 1);
                }
                if let Some(n) = space_at(i + 1) {
                    return Some(i..i + 1 + n);
                }
            }
            b';' | b'\n' | b'|' => return Some(i..i + 1),
            0xE2 if ["\u{2022}", "\u{25aa}", "\u{25cf}"]
                .iter()
                .any(|m| b[i..].starts_with(m.as_bytes())) =>
            {
                return Some(i..i + 3)
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                // Only a word start can begin a break word; pick the candidates by first byte.
                let candidates: &[&str] = match c {
                    b'b' => &["but"],
                    b'h' => &["however"],
                    b'a' => &["although"],
                    b't' => &["though"],
                    b'w' => &["whereas", "while"],
                    _ => &[],
                };
                if i == 0 || !word(i - 1) {
                    for w in candidates {
                        if has_prefix(&b[i..], w.as_bytes()) && !word(i + w.len()) {
                            return Some(i..i + w.len());
                        }
                    }
                }
                // No break starts inside a word or at its other bytes: skip the rest of it.
                i += 1;
                while word(i) {
                    i += 1;
                }
                continue;
            }
            _ => {}
        }
        // White space is ASCII white space or starts with a non-ASCII lead byte.
        if let Some(n) = (b[i].is_ascii_whitespace() || b[i] == 0x0b || b[i] >= 0xC0)
            .then(|| space_at(i))
            .flatten()
        {
            if b.get(i + n) == Some(&b'-') {
                if let Some(m) = space_at(i + n + 1) {
                    return Some(i..i + n + 1 + m);
                }
            }
        }
        i += 1;
        while i < b.len() && !h.is_char_boundary(i) {
            i += 1;
        }
    }
    None
}

/// The end of the last break in `h` that every scan of `h` finds, wherever it starts before
/// it, so that the scan for the last break can start there instead of at the beginning: `;`,
/// `|` and a line break are never inside another break and `\n` only ends one; `.`, `!`, `?`
/// are never inside another break and, followed by white space or the end, always are one.
fn last_sure_break(h: &str) -> Option<usize> {
    let b = h.as_bytes();
    let mut q = b.len();
    while q > 0 {
        q -= 1;
        match b[q] {
            b'\n' | b';' | b'|' => return Some(q + 1),
            b'.' | b'!' | b'?' => {
                if q + 1 == b.len() {
                    return Some(q + 1);
                }
                if let Some(c) = h[q + 1..].chars().next().filter(|c| c.is_whitespace()) {
                    return Some(q + 1 + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// Where the clause holding `span` starts: just after the last break before it, at most
/// [`CLAUSE_LIMIT`] bytes before it.
fn clause_start(text: &str, span: &Range<usize>) -> usize {
    let lo = floor_boundary(text, span.start.saturating_sub(CLAUSE_LIMIT));
    let before = &text[lo..span.start];
    let (mut start, mut from) = match last_sure_break(before) {
        Some(end) => (lo + end, end),
        None => (lo, 0),
    };
    while let Some(m) = clause_break(before, from) {
        start = lo + m.end;
        from = m.end;
    }
    start
}

/// Where the clause holding `span` ends: at the first break after it, at most [`CLAUSE_LIMIT`]
/// bytes after it.
fn clause_end(text: &str, span: &Range<usize>) -> usize {
    let hi = ceil_boundary(text, (span.end + CLAUSE_LIMIT).min(text.len()));
    let after = &text[span.end..hi];
    clause_break(after, 0).map_or(hi, |m| span.end + m.start)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Reads the polarity of the mention at `span` in `text`. Preference is only read when
/// `in_posting` is true: in a resume "preferred" describes the writer, not the term.
///
/// ```
/// use rolefit::scoring::polarity::{polarity, Polarity};
/// let t = "No experience with Linux. Strong Windows 11 skills. Intune is a plus.";
/// let at = |w: &str| { let s = t.find(w).unwrap(); s..s + w.len() };
/// assert_eq!(polarity(t, at("Linux"), true).polarity, Polarity::Negated);
/// assert_eq!(polarity(t, at("Windows 11"), true).polarity, Polarity::Positive);
/// assert_eq!(polarity(t, at("Intune"), true).polarity, Polarity::Preferred);
/// ```
pub fn polarity(text: &str, span: Range<usize>, in_posting: bool) -> PolarityCue {
    // Only a window around the mention matters; lower-casing the whole text per mention would
    // make long documents quadratic.
    let lo = floor_boundary(text, span.start.saturating_sub(CLAUSE_LIMIT + 1));
    let hi = ceil_boundary(text, (span.end + CLAUSE_LIMIT + 1).min(text.len()));
    let window = text[lo..hi].to_ascii_lowercase();
    let mut found = polarity_in(&window, span.start - lo..span.end - lo, in_posting);
    if let Some(cue) = &mut found.cue {
        *cue = cue.start + lo..cue.end + lo;
    }
    found
}

/// Whether a negation cue (as found by [`polarity`]) says the concept is being worked toward
/// ("studying for", "pursuing", "planning to take") rather than lacked.
pub(crate) fn is_in_progress_cue(cue: &str) -> bool {
    let cue = cue.trim_start().to_ascii_lowercase();
    [
        "currently",
        "studying",
        "preparing",
        "enrolled",
        "working",
        "pursuing",
        "plan",
    ]
    .iter()
    .any(|w| cue.starts_with(w))
}

/// Reads the polarity of the mention at `span` in `lower`, a whole text ASCII lower-cased: the
/// same as [`polarity`] on the original text, without lower-casing a window per mention (only
/// bytes within [`CLAUSE_LIMIT`] of the mention are read either way).
///
/// Most mentions have no cue near them: the key words every cue holds are looked for first
/// ([`KeyWords`]), and a cue pattern is matched only when one of its key words stands inside
/// the window the pattern is read in.
pub(crate) fn polarity_in(lower: &str, span: Range<usize>, in_posting: bool) -> PolarityCue {
    let words = KeyWords::around(lower, &span, in_posting);
    polarity_with(lower, span, in_posting, &words)
}

/// Where the key words of the cue patterns stand around a mention. Every match of a cue
/// pattern holds one of the pattern's key words, inside the window the pattern is read in:
/// a pattern none of whose key words lie in its window cannot match and is not run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct KeyWords {
    /// The start of the last negation key word within [`NEGATION_REACH`] before the mention.
    neg_before: Option<usize>,
    /// Whether [`NEGATION_AFTER`] can match after the mention ([`negation_after_may_match`]).
    neg_after: bool,
    /// The end of the first preference key word within [`PREFERENCE_REACH`] after the mention.
    pref_after: Option<usize>,
    /// The start of the last preference key word within [`PREFERENCE_REACH`] before it.
    pref_before: Option<usize>,
}

impl KeyWords {
    /// The key words around the mention at `span`, each kind in the widest window its patterns
    /// are read in (a clause only narrows the window); preference only in a posting.
    fn around(lower: &str, span: &Range<usize>, in_posting: bool) -> KeyWords {
        let b = lower.as_bytes();
        let neg_start = floor_boundary(lower, span.start.saturating_sub(NEGATION_REACH));
        let pref_start = floor_boundary(lower, span.start.saturating_sub(PREFERENCE_REACH));
        let hi = ceil_boundary(lower, (span.end + CLAUSE_LIMIT).min(lower.len()));
        let mut words = KeyWords {
            neg_after: negation_after_may_match(&lower[span.end..hi]),
            ..KeyWords::default()
        };
        if in_posting {
            (words.neg_before, words.pref_before) =
                last_key_words(b, (pref_start, neg_start), span.start, true);
            let end = floor_boundary(lower, (span.end + PREFERENCE_REACH).min(lower.len()));
            words.pref_after = first_key_word(b, span.end..end, PREFERENCE);
        } else {
            words.neg_before = last_key_words(b, (neg_start, neg_start), span.start, false).0;
        }
        words
    }

    fn none(&self) -> bool {
        self.neg_before.is_none()
            && !self.neg_after
            && self.pref_after.is_none()
            && self.pref_before.is_none()
    }
}

/// [`polarity_in`] matching only the cue patterns whose key words `words` places inside their
/// windows.
fn polarity_with(
    lower: &str,
    span: Range<usize>,
    in_posting: bool,
    words: &KeyWords,
) -> PolarityCue {
    const POSITIVE: PolarityCue = PolarityCue {
        polarity: Polarity::Positive,
        cue: None,
    };
    if words.none() {
        return POSITIVE;
    }
    let clause_start = (words.neg_before.is_some() || words.pref_before.is_some())
        .then(|| clause_start(lower, &span));
    let clause_end =
        (words.neg_after || words.pref_after.is_some()).then(|| clause_end(lower, &span));
    if let (Some(word), Some(c_start)) = (words.neg_before, clause_start) {
        let before_start = floor_boundary(
            lower,
            c_start.max(span.start.saturating_sub(NEGATION_REACH)),
        );
        if word >= before_start {
            let before = &lower[before_start..span.start];
            if let Some(m) = NEGATION_BEFORE.find_iter(before).last() {
                return PolarityCue {
                    polarity: Polarity::Negated,
                    cue: Some(before_start + m.start..before_start + m.end),
                };
            }
        }
    }
    if let (true, Some(c_end)) = (words.neg_after, clause_end) {
        let after = &lower[span.end..c_end];
        if let Some(m) = negation_after(after) {
            return PolarityCue {
                polarity: Polarity::Negated,
                cue: Some(span.end + m.start..span.end + m.end),
            };
        }
    }
    if !in_posting {
        return POSITIVE;
    }
    // A preference cue after the mention counts unless "required" stands between them
    // ("a degree is required, a master's preferred").
    if let (Some(word_end), Some(c_end)) = (words.pref_after, clause_end) {
        let after_end = floor_boundary(lower, c_end.min(span.end + PREFERENCE_REACH));
        if word_end <= after_end {
            let after = &lower[span.end..after_end];
            if let Some(m) = PREFERENCE_AFTER.find(after) {
                let between = &after[..m.start];
                if !REQUIRED_WORD.is_match(between) {
                    return PolarityCue {
                        polarity: Polarity::Preferred,
                        cue: Some(span.end + m.start..span.end + m.end),
                    };
                }
            }
        }
    }
    if let (Some(word), Some(c_start)) = (words.pref_before, clause_start) {
        let pre_start = floor_boundary(
            lower,
            c_start.max(span.start.saturating_sub(PREFERENCE_REACH)),
        );
        if word >= pre_start {
            let before = &lower[pre_start..span.start];
            if let Some(m) = PREFERENCE_BEFORE.find_iter(before).last() {
                let between = &before[m.end..];
                if !REQUIRED_WORD.is_match(between) {
                    return PolarityCue {
                        polarity: Polarity::Preferred,
                        cue: Some(pre_start + m.start..pre_start + m.end),
                    };
                }
            }
        }
    }
    POSITIVE
}

/// Key words of the negation cues before a mention ([`NEGATION_BEFORE`]).
const NEGATION: u8 = 1;
/// Key words of the preference cues ([`PREFERENCE_AFTER`], [`PREFERENCE_BEFORE`]).
const PREFERENCE: u8 = 2;
/// A byte of `(?-u:\w)`, in [`BYTES`].
const WORD: u8 = 4;
/// An ASCII byte of `\s`, in [`BYTES`].
const SPACE: u8 = 8;

/// For each byte: the kinds of key words beginning with it, and whether it is a word byte or
/// ASCII white space.
///
/// Every match of a cue pattern holds one of its key words at a word start (at `\b` or after
/// `\s+` in the pattern), and the window's first byte is a word start for `\b`. The words:
/// - negation before: "no" followed by "t", white space or the window's end; "never",
///   "unfamiliar", "lack", "plan", "studying", "preparing", "enrolled", "toward", "pursuing";
///   "have" or "has" followed by white space and "not" or "n't";
/// - preference: "prefer", "desir", "nice", "bonus", "plus", "ideal", "optional", "advantage",
///   "asset", "benefic", "helpful", "great".
static BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        if (c as u8).is_ascii_alphanumeric() || c == b'_' as usize {
            t[c] = WORD;
        }
        if matches!(c as u8, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            t[c] = SPACE;
        }
        c += 1;
    }
    let neg = b"nulspeth";
    let mut i = 0;
    while i < neg.len() {
        t[neg[i] as usize] |= NEGATION;
        i += 1;
    }
    let pref = b"pdnbioahg";
    let mut i = 0;
    while i < pref.len() {
        t[pref[i] as usize] |= PREFERENCE;
        i += 1;
    }
    t
};

/// The starts of the last negation key word at a word start in `neg_start..end` and, when
/// `preference`, of the last preference key word in `pref_start..end` (`pref_start <=
/// neg_start`), each word ending by `end`. Each window's first byte counts as a word start.
fn last_key_words(
    b: &[u8],
    (pref_start, neg_start): (usize, usize),
    end: usize,
    preference: bool,
) -> (Option<usize>, Option<usize>) {
    let (mut neg, mut pref) = (None, None);
    let mut found = |i: usize, kinds: u8| {
        if kinds & NEGATION != 0 {
            neg = Some(i);
        }
        if kinds & PREFERENCE != 0 {
            pref = Some(i);
        }
    };
    if preference {
        key_words(b, pref_start..neg_start, end, PREFERENCE, &mut found);
        key_words(b, neg_start..end, end, NEGATION | PREFERENCE, &mut found);
    } else {
        key_words(b, neg_start..end, end, NEGATION, &mut found);
    }
    (neg, pref)
}

/// Calls `found` with the start and kinds (of `want`) of each key word at a word start at a
/// position in `starts` and ending by `end`, in order; `starts.start` counts as a word start.
#[inline]
fn key_words(
    b: &[u8],
    starts: Range<usize>,
    end: usize,
    want: u8,
    found: &mut impl FnMut(usize, u8),
) {
    // `open` is `want` after a byte that ends no word (a word may start next), 0 after a word byte.
    let mut open = want;
    for (i, &c) in b[starts.clone()].iter().enumerate() {
        let k = BYTES[c as usize];
        if k & open != 0 && second_fits(b, starts.start + i, end) {
            let i = starts.start + i;
            let kinds = key_word_at(&b[i..end]) & want;
            if kinds != 0 {
                found(i, kinds);
            }
        }
        open = if k & WORD != 0 { 0 } else { want };
    }
}

/// The end of the first key word of a kind in `want` at a word start in `window` and ending in
/// it; the window's first byte counts as a word start.
fn first_key_word(b: &[u8], window: Range<usize>, want: u8) -> Option<usize> {
    let mut open = want;
    for (i, &c) in b[window.clone()].iter().enumerate() {
        let k = BYTES[c as usize];
        if k & open != 0 && second_fits(b, window.start + i, window.end) {
            let rest = &b[window.start + i..window.end];
            if key_word_at(rest) & want != 0 {
                return Some(window.start + i + key_word_len(rest));
            }
        }
        open = if k & WORD != 0 { 0 } else { want };
    }
    None
}

/// Whether the byte after `i` (before `end`) is the second letter of a key word beginning with
/// the byte at `i`: a cheap test that spares most word starts the full comparison.
#[inline]
fn second_fits(b: &[u8], i: usize, end: usize) -> bool {
    i + 1 < end && {
        let second = b[i + 1].wrapping_sub(b'a');
        second < 26 && SECOND[b[i] as usize] >> second & 1 != 0
    }
}

/// For each first byte of a key word, the second letters of the key words it begins, as bits
/// (bit 0 for "a").
static SECOND: [u32; 256] = {
    const WORDS: &[&[u8]] = &[
        b"no",
        b"never",
        b"unfamiliar",
        b"lack",
        b"plan",
        b"studying",
        b"preparing",
        b"enrolled",
        b"toward",
        b"pursuing",
        b"have",
        b"has",
        b"prefer",
        b"desir",
        b"nice",
        b"bonus",
        b"plus",
        b"ideal",
        b"optional",
        b"advantage",
        b"asset",
        b"benefic",
        b"helpful",
        b"great",
    ];
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < WORDS.len() {
        t[WORDS[i][0] as usize] |= 1 << (WORDS[i][1] - b'a');
        i += 1;
    }
    t
};

/// The kinds of the key word `rest` begins with, if it begins with one (see [`BYTES`]), ASCII
/// case ignored.
fn key_word_at(rest: &[u8]) -> u8 {
    let has = |w: &[u8]| ci_prefix(rest, 0, w);
    // After "have"/"has" (`skip` bytes): white space, then "not" or "n't"; a byte beyond ASCII
    // may be white space, so it is let through.
    let denies = |skip: usize| {
        let mut i = skip;
        while rest
            .get(i)
            .is_some_and(|&c| c.is_ascii_whitespace() || c == 0x0b)
        {
            i += 1;
        }
        rest.get(i).is_some_and(|&c| c >= 0x80)
            || ci_prefix(rest, i, b"not")
            || ci_prefix(rest, i, b"n't")
    };
    let neg = |yes: bool| if yes { NEGATION } else { 0 };
    let pref = |yes: bool| if yes { PREFERENCE } else { 0 };
    // Setting bit 5 lower-cases a letter and makes no other byte a letter.
    match rest[0] | 0x20 {
        b'n' => {
            neg((has(b"no")
                && rest.get(2).is_none_or(|&c| {
                    c | 0x20 == b't' || c.is_ascii_whitespace() || c == 0x0b || c >= 0x80
                }))
                || has(b"never"))
                | pref(has(b"nice"))
        }
        b'h' => {
            neg((has(b"have") && denies(4)) || (has(b"has") && denies(3))) | pref(has(b"helpful"))
        }
        b'u' => neg(has(b"unfamiliar")),
        b'l' => neg(has(b"lack")),
        b's' => neg(has(b"studying")),
        b'e' => neg(has(b"enrolled")),
        b't' => neg(has(b"toward")),
        b'p' => {
            neg(has(b"plan") || has(b"preparing") || has(b"pursuing"))
                | pref(has(b"prefer") || has(b"plus"))
        }
        b'd' => pref(has(b"desir")),
        b'b' => pref(has(b"bonus") || has(b"benefic")),
        b'i' => pref(has(b"ideal")),
        b'o' => pref(has(b"optional")),
        b'a' => pref(has(b"advantage") || has(b"asset")),
        b'g' => pref(has(b"great")),
        _ => 0,
    }
}

/// The length of the preference key word `rest` begins with (see [`key_word_at`]).
fn key_word_len(rest: &[u8]) -> usize {
    [
        "prefer",
        "desir",
        "nice",
        "bonus",
        "plus",
        "ideal",
        "optional",
        "advantage",
        "asset",
        "benefic",
        "helpful",
        "great",
    ]
    .iter()
    .find(|w| has_prefix(rest, w.as_bytes()))
    .map_or(0, |w| w.len())
}

/// Where the words the cue readers hinge on stand in one document, found by the document's one
/// walk over the text as given (`walk::walk`; ASCII case ignored), so that each mention looks up its nearest ones instead
/// of scanning its windows again:
/// - the key words of the negation and preference cues at word starts (a superset of what
///   [`key_word_at`] accepts: "no", "have" and "has" are taken with less of what follows);
/// - the words every [`NEGATION_AFTER`] match holds ("not" before white space, "unnecessary",
///   "progress", "expected"), at word starts and just after a word-start "is" or "are";
/// - for a posting's contact lines, the digits and the "@"s.
///
/// A mention with none of them in reach reads as positive, as [`polarity_in`] would read it;
/// one with some lower-cases its window (a few hundred bytes) and reads the cue patterns there
/// as [`polarity_in`] does, taking its key words from here.
#[derive(Debug, PartialEq)]
pub(crate) struct CueIndex {
    neg: Vec<usize>,
    pref: Vec<usize>,
    after: Vec<usize>,
    digits: Vec<usize>,
    at_signs: Vec<usize>,
    /// The lower-cased window of the mention being read, reused.
    window: String,
}

/// Whether `b[p..]` begins with `w` (lower-case ASCII), ignoring ASCII case.
#[inline]
fn ci_prefix(b: &[u8], p: usize, w: &[u8]) -> bool {
    b.len() >= p + w.len() && b[p..p + w.len()].eq_ignore_ascii_case(w)
}

/// Whether the byte at `i` is ASCII white space (as `\s` reads it) or beyond ASCII.
#[inline]
fn space_or_wide(b: &[u8], i: usize) -> bool {
    b.get(i)
        .is_some_and(|&c| c >= 0x80 || BYTES[c as usize] & SPACE != 0)
}

/// The kinds of key word a word starting at `p` of a text as given begins with: what
/// [`key_word_at`] finds there, after a test of its first two letters. A window that ends the
/// text sooner finds no more, except "no" ending the window (see [`CueIndex::may_have_cue`]).
fn key_kinds(b: &[u8], p: usize) -> u8 {
    let first = b[p] | 0x20;
    let second = b.get(p + 1).map_or(0, |c| c | 0x20).wrapping_sub(b'a');
    if second >= 26 || SECOND[first as usize] >> second & 1 == 0 {
        return 0;
    }
    key_word_at(&b[p..])
}

/// Whether a word every [`NEGATION_AFTER`] match holds begins at `p`, maybe after "(".
fn after_word(b: &[u8], p: usize) -> bool {
    let p = if b.get(p) == Some(&b'(') { p + 1 } else { p };
    match b.get(p).map(|c| c | 0x20) {
        Some(b'n') => ci_prefix(b, p, b"not") && space_or_wide(b, p + 3),
        Some(b'u') => ci_prefix(b, p, b"unnecessary"),
        Some(b'p') => ci_prefix(b, p, b"progress"),
        Some(b'e') => ci_prefix(b, p, b"expected"),
        _ => false,
    }
}

/// Where [`NEGATION_AFTER`]'s words can stand in a word starting at `p`: there, or just after
/// "is" or "are" (its `(?:is|are)?\s*` may be empty).
fn after_word_near(b: &[u8], p: usize) -> Option<usize> {
    let (skip, word): (usize, &[u8]) = match b.get(p).map(|c| c | 0x20) {
        Some(b'i') => (2, b"is"),
        Some(b'a') => (3, b"are"),
        _ => (0, b""),
    };
    (ci_prefix(b, p, word) && after_word(b, p + skip)).then_some(p + skip)
}

/// Whether a word starting at `p` may be one [`key_kinds`] or [`after_word_near`] looks for: its
/// first four bytes (ASCII case ignored) begin one of their words. Most word starts cost one
/// comparison or a few.
#[inline(always)]
fn may_begin_word(b: &[u8], p: usize) -> bool {
    let Some(four) = b.get(p..p + 4) else {
        return true;
    };
    // Setting bit 5 lower-cases a letter and makes no other byte a letter.
    let w = u32::from_le_bytes(four.try_into().expect("four bytes")) | 0x2020_2020;
    let is = |word: &[u8; 4]| w == u32::from_le_bytes(*word);
    let two = |word: &[u8; 2]| w & 0xffff == u32::from(u16::from_le_bytes(*word));
    let three =
        |word: &[u8; 3]| w & 0xff_ffff == u32::from_le_bytes([word[0], word[1], word[2], 0]);
    match w as u8 {
        // "no" also begins "not".
        b'n' => two(b"no") || is(b"neve") || is(b"nice"),
        b'u' => is(b"unfa") || is(b"unne"),
        b'l' => is(b"lack"),
        b'p' => {
            is(b"plan") || is(b"plus") || is(b"prep") || is(b"pref") || is(b"prog") || is(b"purs")
        }
        b's' => is(b"stud"),
        b'e' => is(b"enro") || is(b"expe"),
        b't' => is(b"towa"),
        b'h' => three(b"has") || is(b"have") || is(b"help"),
        b'd' => is(b"desi"),
        b'b' => is(b"bonu") || is(b"bene"),
        b'i' => two(b"is") || is(b"idea"),
        b'o' => is(b"opti"),
        b'a' => three(b"are") || is(b"adva") || is(b"asse"),
        b'g' => is(b"grea"),
        _ => false,
    }
}

/// Whether the sorted `list` holds a position in `range`.
fn any_in(list: &[usize], range: Range<usize>) -> bool {
    let i = list.partition_point(|&p| p < range.start);
    list.get(i).is_some_and(|&p| p < range.end)
}

/// The positions of the sorted `list` in `range`.
fn within(list: &[usize], range: Range<usize>) -> &[usize] {
    let lo = list.partition_point(|&p| p < range.start);
    let hi = list.partition_point(|&p| p < range.end);
    &list[lo..hi.max(lo)]
}

impl CueIndex {
    /// An index of nothing, filled by the document's walk (`walk::walk`).
    pub(super) fn empty() -> CueIndex {
        CueIndex {
            neg: Vec::new(),
            pref: Vec::new(),
            after: Vec::new(),
            digits: Vec::new(),
            at_signs: Vec::new(),
            window: String::new(),
        }
    }

    /// Takes the word starting at `p` (a `\w` byte after one that is not, or the text's
    /// first): most words are passed over after a look at their first four bytes.
    #[inline(always)]
    pub(super) fn word_start(&mut self, b: &[u8], p: usize) {
        if may_begin_word(b, p) {
            self.record(b, p);
        }
    }

    /// Records the ASCII digit at `p` (positions come in order).
    #[inline(always)]
    pub(super) fn digit(&mut self, p: usize) {
        self.digits.push(p);
    }

    /// Records the "@"s of the text `b`.
    pub(super) fn at_signs(&mut self, b: &[u8]) {
        self.at_signs = memchr::memchr_iter(b'@', b).collect();
    }

    /// Forgets the digits and "@"s: the index of a document that turned out not to be a
    /// posting, as [`CueIndex::of`] without contacts makes it.
    pub(crate) fn drop_contacts(&mut self) {
        self.digits = Vec::new();
        self.at_signs = Vec::new();
    }

    /// Indexes `text` a byte at a time; `contacts` also records its digits and "@"s (see
    /// [`CueIndex::may_hold_contact`]). The oracle of the document walk's eight-byte reading
    /// (`walk::walk`), and the index this module's tests read.
    #[cfg(test)]
    pub(crate) fn of(h: &str, contacts: bool) -> CueIndex {
        let b = h.as_bytes();
        let mut index = CueIndex::empty();
        for p in 0..b.len() {
            // Every word start, with no look at its first bytes first (the walk's
            // `may_begin_word` is tested with it).
            if is_word_byte(b[p]) && (p == 0 || !is_word_byte(b[p - 1])) {
                index.record(b, p);
            }
            if contacts && b[p].is_ascii_digit() {
                index.digits.push(p);
            }
        }
        if contacts {
            index.at_signs = h.match_indices('@').map(|(i, _)| i).collect();
        }
        index
    }

    /// Records the words of the index at the word start `p`.
    #[inline(never)]
    fn record(&mut self, b: &[u8], p: usize) {
        let kinds = key_kinds(b, p);
        if kinds & NEGATION != 0 {
            self.neg.push(p);
        }
        if kinds & PREFERENCE != 0 {
            self.pref.push(p);
        }
        self.after.extend(after_word_near(b, p));
    }

    /// Whether an e-mail address or a phone number (see `analysis::is_contact`) can lie in
    /// `range`: it holds an "@" or ten digits.
    pub(crate) fn may_hold_contact(&self, range: Range<usize>) -> bool {
        any_in(&self.at_signs, range.clone()) || within(&self.digits, range).len() >= 10
    }

    /// [`polarity_in`] on `text` (as given) for the mention at `span`, reading the index.
    pub(crate) fn polarity(
        &mut self,
        text: &str,
        span: Range<usize>,
        in_posting: bool,
    ) -> PolarityCue {
        const POSITIVE: PolarityCue = PolarityCue {
            polarity: Polarity::Positive,
            cue: None,
        };
        if !self.may_have_cue(text, &span, in_posting) {
            return POSITIVE;
        }
        // The window `polarity` reads: every byte `polarity_in` reads for this mention.
        let lo = floor_boundary(text, span.start.saturating_sub(CLAUSE_LIMIT + 1));
        let hi = ceil_boundary(text, (span.end + CLAUSE_LIMIT + 1).min(text.len()));
        let mut window = std::mem::take(&mut self.window);
        window.clear();
        window.push_str(&text[lo..hi]);
        window.make_ascii_lowercase();
        let local = span.start - lo..span.end - lo;
        let words = self.key_words(&window, lo, &local, in_posting);
        let mut found = polarity_with(&window, local, in_posting, &words);
        self.window = window;
        if let Some(cue) = &mut found.cue {
            *cue = cue.start + lo..cue.end + lo;
        }
        found
    }

    /// Whether any cue can decide the mention at `span`: some word of the index, or a key word
    /// at a window's first byte (which [`key_words`] takes as a word start), lies in reach.
    fn may_have_cue(&self, text: &str, span: &Range<usize>, in_posting: bool) -> bool {
        let b = text.as_bytes();
        let neg_start = floor_boundary(text, span.start.saturating_sub(NEGATION_REACH));
        let hi = ceil_boundary(text, (span.end + CLAUSE_LIMIT).min(text.len()));
        let edge = |p: usize, want: u8| p < b.len() && key_kinds(b, p) & want != 0;
        // "no" ending the window counts whatever follows it.
        let no_at_end = span.start >= neg_start + 2 && ci_prefix(b, span.start - 2, b"no");
        if any_in(&self.neg, neg_start..span.start)
            || edge(neg_start, NEGATION)
            || no_at_end
            || any_in(&self.after, span.end..hi)
            || after_word_near(b, span.end).is_some()
        {
            return true;
        }
        if !in_posting {
            return false;
        }
        let pref_start = floor_boundary(text, span.start.saturating_sub(PREFERENCE_REACH));
        let pref_end = floor_boundary(text, (span.end + PREFERENCE_REACH).min(text.len()));
        any_in(&self.pref, pref_start..span.start)
            || edge(pref_start, PREFERENCE)
            || edge(neg_start, PREFERENCE)
            || any_in(&self.pref, span.end..pref_end)
            || edge(span.end, PREFERENCE)
    }

    /// What [`KeyWords::around`] finds in `window` (the document's bytes from `lo`, lower-cased)
    /// for the mention at `span` (in the window), looking only at the index's words and the
    /// windows' first bytes. [`KeyWords::neg_after`] is set only where a word every
    /// [`NEGATION_AFTER`] match holds is in reach: elsewhere that pattern cannot match.
    fn key_words(
        &self,
        window: &str,
        lo: usize,
        span: &Range<usize>,
        in_posting: bool,
    ) -> KeyWords {
        let b = window.as_bytes();
        let neg_start = floor_boundary(window, span.start.saturating_sub(NEGATION_REACH));
        let hi = ceil_boundary(window, (span.end + CLAUSE_LIMIT).min(window.len()));
        let doc = |r: Range<usize>| r.start + lo..r.end + lo;
        // A word start in the window: its first byte, or after a byte that is not a word byte.
        let open = |p: usize, first: usize| p == first || !is_word_byte(b[p - 1]);
        let neg_after = (any_in(&self.after, doc(span.end..hi))
            || after_word_near(b, span.end).is_some())
            && negation_after_may_match(&window[span.end..hi]);
        // The last position (of the index's, `extra` and the window's `first`) at a word start
        // in `first..span.start` where a key word of `want` ends by the mention.
        let last = |list: &[usize], first: usize, extra: usize, want: u8| {
            let end = span.start;
            let candidates = within(list, doc(first..end)).iter().map(|&p| p - lo);
            let mut best = None;
            for p in candidates.chain([first, extra, end.saturating_sub(2)]) {
                if p >= first
                    && p < end
                    && (p == extra || open(p, first))
                    && best.is_none_or(|b| p > b)
                    && key_word_at(&b[p..end]) & want != 0
                {
                    best = Some(p);
                }
            }
            best
        };
        let neg_before = last(&self.neg, neg_start, neg_start, NEGATION);
        if !in_posting {
            return KeyWords {
                neg_before,
                neg_after,
                ..KeyWords::default()
            };
        }
        let pref_start = floor_boundary(window, span.start.saturating_sub(PREFERENCE_REACH));
        let pref_before = last(&self.pref, pref_start, neg_start, PREFERENCE);
        let end = floor_boundary(window, (span.end + PREFERENCE_REACH).min(window.len()));
        let pref_after = [span.end]
            .into_iter()
            .chain(
                within(&self.pref, doc(span.end..end))
                    .iter()
                    .map(|&p| p - lo),
            )
            .filter(|&p| p < end && open(p, span.end))
            .find(|&p| key_word_at(&b[p..end]) & PREFERENCE != 0)
            .map(|p| p + key_word_len(&b[p..end]));
        KeyWords {
            neg_before,
            neg_after,
            pref_after,
            pref_before,
        }
    }
}

/// A text in three cases: as written, upper-cased, and with every other ASCII letter
/// upper-cased (for the tests of readers that ignore ASCII case).
#[cfg(test)]
pub(crate) fn in_three_cases(t: &str) -> [String; 3] {
    let mixed = t
        .char_indices()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c
            }
        })
        .collect();
    [t.to_string(), t.to_ascii_uppercase(), mixed]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::pattern::testing;
    use super::*;

    /// Adds the first `n` texts again with 200 bytes of words before and after them, so that
    /// the windows around their words are cut by the reach limits, not by the text's ends.
    fn with_filler(texts: &mut Vec<String>, n: usize) {
        let filler = "word ".repeat(40);
        let padded: Vec<String> = texts
            .iter()
            .take(n)
            .map(|t| format!("{filler}{t} {filler}"))
            .collect();
        texts.extend(padded);
    }

    // The regexes these patterns replace, as they were: the patterns must find the same.

    #[test]
    fn negation_before_is_its_regex() {
        testing::same_as_regex(
            &NEGATION_BEFORE,
            r"(?x)
            (?-u:\b)no\s+(?:prior\s+|previous\s+|professional\s+|hands-on\s+|real\s+|working\s+|direct\s+)?
                (?:experience|exposure|knowledge|background|familiarity|training)\s+(?:with|in|of|using|on)(?-u:\b)
          | (?-u:\b)not\s+(?:yet\s+|very\s+|particularly\s+)?(?:familiar|experienced|proficient|comfortable|certified|trained|skilled)\s+(?:with|in|on|at)(?-u:\b)
          | (?-u:\b)not\s+(?:yet\s+)?certified(?-u:\b)
          | (?-u:\b)unfamiliar\s+with(?-u:\b)
          | (?-u:\b)never\s+(?:used|worked\s+with|worked\s+on|touched|administered|configured)(?-u:\b)
          | (?-u:\b)(?:have|has)\s*(?:not|n't)\s+(?:yet\s+)?(?:used|worked\s+with|worked\s+on)(?-u:\b)
          | (?-u:\b)lack(?:ing|s)?\s+(?:of\s+)?(?:experience|knowledge|exposure)?\s*(?:with|in|of)?(?-u:\b)
          | (?-u:\b)(?:currently\s+)?(?:studying|(?:preparing|enrolled)\s+(?:for|in)|working\s+towards?|pursuing)\s+(?:for\s+|in\s+)?(?:the\s+|an?\s+|my\s+)?
          | (?-u:\b)plan(?:ning)?\s+to\s+(?:take|earn|obtain|sit)(?-u:\b)
          | (?-u:\b)not\s+required\s*:
          | (?-u:\b)no\s*$
          | (?-u:\b)no\s+(?:\w+\s+)?(?:experience|knowledge)\s*$
        ",
            0,
        );
    }

    #[test]
    fn negation_after_is_its_regex() {
        testing::same_as_regex(
            &NEGATION_AFTER,
            r"(?x)
            ^[\s,]*(?:\w+\s+){0,3}?(?:is|are)?\s*
            (?:not\s+(?:required|needed|necessary|essential|mandatory)|not\s+a\s+requirement|unnecessary|\(?in\s+progress|\(?expected\s+\d{4})
        ",
            0,
        );
    }

    #[test]
    fn preference_after_is_its_regex() {
        testing::same_as_regex(
            &PREFERENCE_AFTER,
            r"(?x)
            (?-u:\b)(?:(?:is|are|would\s+be|will\s+be)\s+)?(?:a\s+(?:big\s+|huge\s+|strong\s+|definite\s+)?(?:plus|bonus|advantage)|an\s+(?:added\s+)?(?:advantage|asset|plus|bonus))(?-u:\b)
          | (?-u:\b)(?:strongly\s+|highly\s+)?(?:preferred|desired|desirable|preferable|beneficial|advantageous)(?-u:\b)
          | (?-u:\b)nice[\s-]to[\s-]have(?-u:\b)
          | (?-u:\b)nice\s+to\s+see(?-u:\b)
          | (?-u:\b)would\s+be\s+(?:nice|helpful|great|ideal)(?-u:\b)
          | (?-u:\b)(?:is|are)\s+(?:helpful|optional)(?-u:\b)
          | (?-u:\b)pluses(?-u:\b)
        ",
            0,
        );
    }

    #[test]
    fn preference_before_is_its_regex() {
        testing::same_as_regex(
            &PREFERENCE_BEFORE,
            r"(?x)
            (?-u:\b)(?:preferred|desired|desirable|nice[\s-]to[\s-]have|bonus(?:\s+points)?|pluses|a\s+plus|ideally|preferably|optional)(?-u:\b)
          | (?-u:\b)(?:we\s+)?(?:would\s+)?prefer(?-u:\b)
          | (?-u:\b)preference\s+(?:for|to|given)(?-u:\b)
          | (?-u:\b)plus\s*:
        ",
            0,
        );
    }

    #[test]
    fn required_word_is_its_regex() {
        testing::same_as_regex(
            &REQUIRED_WORD,
            r"(?-u:\b)(?:required|must|mandatory|essential|minimum)(?-u:\b)",
            0,
        );
    }

    #[test]
    fn negation_after_prefilter_keeps_every_match() {
        let mut texts = testing::haystacks();
        texts.extend(
            [
                "",
                "not required",
                " ,, one two three is not needed",
                "one two three four not required",
                "a\u{a0}b\u{2003}c isnot required",
                "x arenot essential",
                "(in progress)",
                "foo (expected 2026)",
                "is\u{2003}unnecessary",
                "\u{e9}t\u{e9} in progress",
            ]
            .map(String::from),
        );
        for h in texts {
            assert_eq!(negation_after(&h), NEGATION_AFTER.find(&h), "{h:?}");
        }
    }

    #[test]
    fn clause_starts_where_a_full_scan_puts_it() {
        let mut texts = testing::haystacks();
        texts.extend(
            [
                "a.\n - but x",
                "x. - - - - y",
                " - - - - - .\u{a0}- z",
                "xbut. but",
                "end.",
                "a ;- b | c \u{2022} d",
                "wait!\u{2003}- however",
            ]
            .map(String::from),
        );
        for h in texts {
            let mut ends: Vec<usize> = (0..=h.len()).filter(|&i| h.is_char_boundary(i)).collect();
            ends.truncate(400);
            for end in ends {
                let before = &h[..end];
                let mut want = 0;
                let mut from = 0;
                while let Some(m) = clause_break(before, from) {
                    want = m.end;
                    from = m.end;
                }
                let mut got = 0;
                let mut from = 0;
                if let Some(e) = last_sure_break(before) {
                    (got, from) = (e, e);
                }
                while let Some(m) = clause_break(before, from) {
                    got = m.end;
                    from = m.end;
                }
                assert_eq!(got, want, "{before:?}");
            }
        }
    }

    #[test]
    fn clause_break_is_its_regex() {
        let re = regex::Regex::new(
            r"(?x)
            [.!?](?:\s|$) | [;\n\u{2022}\u{25aa}\u{25cf}|] | \s-\s
          | (?-u:\b)(?:but|however|although|though|whereas|while)(?-u:\b)
        ",
        )
        .unwrap();
        for h in testing::haystacks() {
            let want: Vec<Range<usize>> = re.find_iter(&h).map(|m| m.range()).collect();
            let mut got = Vec::new();
            let mut from = 0;
            while let Some(m) = clause_break(&h, from) {
                from = m.end;
                got.push(m);
            }
            assert_eq!(got, want, "{h:?}");
        }
    }

    /// [`polarity_in`] as it reads without key words: every cue pattern over its whole window.
    fn polarity_readable(lower: &str, span: Range<usize>, in_posting: bool) -> PolarityCue {
        let c = clause_start(lower, &span)..clause_end(lower, &span);
        let before_start = floor_boundary(
            lower,
            c.start.max(span.start.saturating_sub(NEGATION_REACH)),
        );
        let before = &lower[before_start..span.start];
        if let Some(m) = NEGATION_BEFORE.find_iter(before).last() {
            return PolarityCue {
                polarity: Polarity::Negated,
                cue: Some(before_start + m.start..before_start + m.end),
            };
        }
        let after = &lower[span.end..c.end];
        if let Some(m) = NEGATION_AFTER.find(after) {
            return PolarityCue {
                polarity: Polarity::Negated,
                cue: Some(span.end + m.start..span.end + m.end),
            };
        }
        let positive = PolarityCue {
            polarity: Polarity::Positive,
            cue: None,
        };
        if !in_posting {
            return positive;
        }
        let after_end = floor_boundary(lower, c.end.min(span.end + PREFERENCE_REACH));
        let after = &lower[span.end..after_end];
        if let Some(m) = PREFERENCE_AFTER.find(after) {
            if !REQUIRED_WORD.is_match(&after[..m.start]) {
                return PolarityCue {
                    polarity: Polarity::Preferred,
                    cue: Some(span.end + m.start..span.end + m.end),
                };
            }
        }
        let pre_start = floor_boundary(
            lower,
            c.start.max(span.start.saturating_sub(PREFERENCE_REACH)),
        );
        let before = &lower[pre_start..span.start];
        if let Some(m) = PREFERENCE_BEFORE.find_iter(before).last() {
            if !REQUIRED_WORD.is_match(&before[m.end..]) {
                return PolarityCue {
                    polarity: Polarity::Preferred,
                    cue: Some(pre_start + m.start..pre_start + m.end),
                };
            }
        }
        positive
    }

    /// Mentions to read in `h`: its words (runs of ASCII letters and digits), at most `n`, and
    /// a few spans that start or end inside a word.
    fn mentions(h: &str, n: usize) -> Vec<Range<usize>> {
        let b = h.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() && out.len() < n {
            if b[i].is_ascii_alphanumeric() {
                let start = i;
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(start..i);
            } else {
                i += 1;
            }
        }
        let mut cuts = out.clone();
        cuts.retain(|w| w.len() > 2);
        for w in cuts.iter().take(3) {
            out.push(w.start + 1..w.end);
            out.push(w.start..w.end - 1);
        }
        out
    }

    /// The key words change only which patterns run, never what is read: on every haystack,
    /// at every word, the reading equals the reading that runs every pattern.
    #[test]
    fn key_words_keep_every_cue() {
        let mut texts = testing::haystacks();
        texts.extend(
            [
                "xno experience with linux",
                "a knowno experience with linux",
                "we have  not used linux",
                "hasn't worked with linux",
                "have\u{a0}not used linux",
                "linux. no",
                "no linux",
                "linux is a  big plus",
                "linux: nice-to-have",
                "linux, would be ideal",
                "bonus points: linux",
                "preferably linux - required",
                "linux is required, windows preferred",
                "linux (in\u{2003}progress)",
                "linux isnot required",
                "linux, expected 2026",
            ]
            .map(String::from),
        );
        with_filler(&mut texts, 300);
        for (k, h) in texts.iter().enumerate() {
            let n = if h.len() > 400 { 400 } else { 4 + k % 5 };
            for span in mentions(h, n) {
                for posting in [false, true] {
                    assert_eq!(
                        polarity_in(h, span.clone(), posting),
                        polarity_readable(h, span.clone(), posting),
                        "{h:?} {span:?} {posting}"
                    );
                }
            }
        }
    }

    /// The texts the index is checked on: the key word texts, and each in upper case and with
    /// every other ASCII letter upper-cased (the index reads the text as given).
    pub(crate) fn index_texts() -> Vec<String> {
        let mut texts = testing::haystacks();
        texts.extend(
            [
                "xno experience with linux",
                "linux. no",
                "a no",
                "nolinux",
                "have  not used linux",
                "hasn't worked with linux",
                "have\u{a0}not used linux",
                "linux is a  big plus",
                "linuxplus",
                "xnice to have linux",
                "linux isnot required",
                "linux arenot needed",
                "linux is(expected 2026)",
                "linux (in\u{2003}progress)",
                "linux\u{2003}unnecessary",
                "linux, expected 2026",
                "bonus points: linux",
                "preferably linux - required",
                "studying for linux; enrolled in windows",
                "linuxisnot required",
                "linuxarenot needed",
                "linuxnot required",
                "linux(expected 2026)",
                "a nolinux",
                "the piano linux",
                "xhave not used linux",
                "unplanned bonusly linux",
            ]
            .map(String::from),
        );
        with_filler(&mut texts, 200);
        texts.iter().flat_map(|t| in_three_cases(t)).collect()
    }

    /// The index changes only where the cue patterns are read, never what they read: at every
    /// word of every text (in any case), the mention reads as `polarity_in` reads it in the
    /// lower-cased text.
    #[test]
    fn index_reads_what_every_window_reads() {
        let texts = index_texts();
        for (k, h) in texts.iter().enumerate() {
            let lower = h.to_ascii_lowercase();
            let n = if h.len() > 400 { 400 } else { 4 + k % 5 };
            let mut spans = mentions(h, n);
            // Spans starting and ending anywhere, on some texts: the windows' first bytes and
            // the mention's edges then fall inside words.
            if k % 11 == 0 || k + 400 > texts.len() {
                let bounds = (0..h.len()).filter(|&i| h.is_char_boundary(i));
                for start in bounds.take(300) {
                    for len in [1, 3, 5] {
                        if h.is_char_boundary(start + len) {
                            spans.push(start..start + len);
                        }
                    }
                }
            }
            for posting in [false, true] {
                let mut index = CueIndex::of(h, posting);
                for span in &spans {
                    assert_eq!(
                        index.polarity(h, span.clone(), posting),
                        polarity_in(&lower, span.clone(), posting),
                        "{h:?} {span:?} {posting}"
                    );
                }
            }
        }
    }

    /// Where an e-mail address or a phone number is, the index says one may be.
    #[test]
    fn contacts_are_never_missed() {
        let texts = [
            "mail jo@example.com today",
            "call (555) 123-4567 or 555.123.4567",
            "id 12345 and 67890",
            "x@y",
            "0123456789",
        ];
        for t in texts {
            let index = CueIndex::of(t, true);
            for a in 0..=t.len() {
                for b in a..=t.len() {
                    let s = &t[a..b];
                    let digits = s.bytes().filter(u8::is_ascii_digit).count();
                    if s.contains('@') || digits >= 10 {
                        assert!(index.may_hold_contact(a..b), "{t:?} {a}..{b}");
                    } else {
                        assert!(!index.may_hold_contact(a..b), "{t:?} {a}..{b}");
                    }
                }
            }
        }
    }

    fn pol(text: &str, term: &str, posting: bool) -> Polarity {
        let s = text.find(term).unwrap();
        polarity(text, s..s + term.len(), posting).polarity
    }

    macro_rules! t {
        ($name:ident, $text:expr, $term:expr, $posting:expr, $want:ident) => {
            #[test]
            fn $name() {
                assert_eq!(pol($text, $term, $posting), Polarity::$want, "{:?}", $text);
            }
        };
    }

    t!(
        plain,
        "Managed Active Directory accounts.",
        "Active Directory",
        false,
        Positive
    );
    t!(
        studying_for,
        "Studying for CompTIA A+ (exam scheduled).",
        "CompTIA A+",
        false,
        Negated
    );
    t!(
        in_progress,
        "CompTIA Network+ (in progress)",
        "CompTIA Network+",
        false,
        Negated
    );
    t!(
        completed_training_is_positive,
        "Completed vendor training in Active Directory administration.",
        "Active Directory",
        false,
        Positive
    );
    t!(
        no_experience_with,
        "No experience with Linux.",
        "Linux",
        false,
        Negated
    );
    t!(
        no_experience_list,
        "No experience with Linux, macOS or Jamf.",
        "Jamf",
        false,
        Negated
    );
    t!(
        not_familiar,
        "I am not familiar with PowerShell yet.",
        "PowerShell",
        false,
        Negated
    );
    t!(
        never_used,
        "Never used ServiceNow.",
        "ServiceNow",
        false,
        Negated
    );
    t!(
        not_required_after,
        "CCNA not required.",
        "CCNA",
        true,
        Negated
    );
    t!(
        is_not_required,
        "A degree is not required for this role.",
        "degree",
        true,
        Negated
    );
    t!(
        negation_does_not_cross_but,
        "No experience with Linux, but strong Windows 10 skills.",
        "Windows 10",
        false,
        Positive
    );
    t!(
        negation_does_not_cross_sentence,
        "No Mac experience. Windows 10 expert.",
        "Windows 10",
        false,
        Positive
    );
    t!(far_negation_does_not_reach, "No experience with printers of the older kind that were common in offices in the nineties, later replaced by Windows 10 systems.", "Windows 10", false, Positive);
    t!(
        is_a_plus,
        "Experience with Intune or Jamf is a plus.",
        "Intune",
        true,
        Preferred
    );
    t!(
        nice_to_have_before,
        "Nice to have: Network+ certification.",
        "Network+",
        true,
        Preferred
    );
    t!(
        preferred_after,
        "Bachelor's degree preferred.",
        "Bachelor's degree",
        true,
        Preferred
    );
    t!(
        bonus,
        "Bonus points for PowerShell scripting.",
        "PowerShell",
        true,
        Preferred
    );
    t!(
        highly_desirable,
        "Certifications such as CompTIA A+ or CCNA are highly desirable.",
        "CompTIA A+",
        true,
        Preferred
    );
    t!(
        required_beats_later_preferred,
        "CompTIA A+ required, Network+ preferred.",
        "CompTIA A+",
        true,
        Positive
    );
    t!(
        preferred_later_item,
        "CompTIA A+ required, Network+ preferred.",
        "Network+",
        true,
        Preferred
    );
    t!(
        resume_ignores_preference,
        "Preferred vendor contact for Dell hardware.",
        "Dell",
        false,
        Positive
    );
    t!(
        required_plain,
        "Must have 2+ years with Windows 10.",
        "Windows 10",
        true,
        Positive
    );
}
