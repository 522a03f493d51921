//! What a posting asks for, read as people write requirements: alternatives ("Jamf, Intune, or
//! another MDM" is one requirement any option meets), requirements that are not skills (a
//! driver's licence, lifting, shifts, travel: listed for a recruiter to check by hand, never
//! scored) and requirement phrases the taxonomy cannot name ("RN license", "BLS and ACLS":
//! counted as unmet, so that a posting mostly about things rolefit cannot see is never a strong
//! match).

use std::collections::BTreeSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::analysis::Mention;
use super::sections::{SectionKind, Sections};
use crate::matching::{Match, Matcher};
use crate::taxonomy::ConceptId;

/// A requirement of a posting that is not scored: not a skill, or not one the taxonomy names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    /// What kind of requirement (`driving-licence`, `physical`, `background-check`, `schedule`,
    /// `travel`, `work-authorization`, `transportation`, `age`, or `unrecognised`).
    pub kind: String,
    /// The requirement as written.
    pub text: String,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The section it sits in.
    pub section: SectionKind,
}

/// How two neighbouring mentions are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// "or", "/", "such as", "or another", "e.g.": options of one requirement.
    Or,
    /// A comma or a space: part of a list, options only if an "or" closes it.
    List,
    /// Anything else ("and", a sentence, a line break): separate requirements.
    Break,
}

/// Words that may stand between the options of one requirement ("or a similar ticketing
/// system", "tools such as").
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "as",
    "any",
    "tool",
    "tools",
    "software",
    "platform",
    "platforms",
    "system",
    "systems",
    "solution",
    "solutions",
    "application",
    "applications",
    "product",
    "products",
    "etc",
];

/// Words that make the options alternatives.
const OR_WORDS: &[&str] = &[
    "or",
    "similar",
    "another",
    "other",
    "equivalent",
    "comparable",
    "such",
    "like",
    "eg",
    "ie",
    "alternative",
    "alternatives",
];

/// How the words between two mentions join them; `gap` is read ASCII case ignored.
fn link(gap: &str) -> Link {
    if gap.len() > 40 || gap.contains('\n') {
        return Link::Break;
    }
    let gap = gap
        .to_ascii_lowercase()
        .replace("and/or", " or ")
        .replace("e.g.", " eg ")
        .replace("i.e.", " ie ");
    if gap.contains(". ") || gap.contains(';') || gap.trim_end().ends_with('.') {
        return Link::Break;
    }
    let mut or = gap.contains('/');
    for word in gap
        .split(|c: char| c.is_whitespace() || ",/()[]:-\u{2013}".contains(c))
        .filter(|w| !w.is_empty())
    {
        if OR_WORDS.contains(&word) {
            or = true;
        } else if !FILLER.contains(&word) {
            return Link::Break;
        }
    }
    if or {
        Link::Or
    } else {
        Link::List
    }
}

/// Splits the mentions `kept` (indexes into `mentions`, in text order) into requirements: each
/// a set of options any of which meets it; `text` is the document (ASCII case is ignored). A run of mentions joined by commas and closed by an
/// "or" ("Jamf, Intune, or another MDM") is one set; "and" keeps them apart.
pub(crate) fn alternative_sets(
    text: &str,
    mentions: &[Mention],
    kept: &[usize],
) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut chain: Vec<usize> = Vec::new();
    let mut links: Vec<Link> = Vec::new();
    let flush = |chain: &mut Vec<usize>, links: &mut Vec<Link>, out: &mut Vec<Vec<usize>>| {
        // links[i] joins chain[i] and chain[i + 1]. The options run up to the mention after
        // the last "or"; list items after it stand alone ("Windows or macOS, DNS").
        match links.iter().rposition(|l| *l == Link::Or) {
            Some(last) => {
                out.push(chain[..=last + 1].to_vec());
                out.extend(chain[last + 2..].iter().map(|&i| vec![i]));
            }
            None => out.extend(chain.iter().map(|&i| vec![i])),
        }
        chain.clear();
        links.clear();
    };
    for &i in kept {
        let m = &mentions[i];
        if let Some(&prev) = chain.last() {
            let p = &mentions[prev];
            let l = if m.span.start < p.span.end {
                Link::List
            } else {
                link(&text[p.span.end..m.span.start])
            };
            if l == Link::Break {
                flush(&mut chain, &mut links, &mut out);
            } else {
                links.push(l);
            }
        }
        chain.push(i);
    }
    flush(&mut chain, &mut links, &mut out);
    out
}

/// Concepts named by a version list after a mention: "Windows 10/11" names Windows 11 too.
/// The mention's trailing number is replaced by each number after a slash, and the result
/// matched as a whole.
pub(crate) fn version_variants(matcher: &Matcher, text: &str, m: &Mention) -> Vec<ConceptId> {
    let mut out: Vec<ConceptId> = Vec::new();
    for found in version_matches(matcher, text, m.span.clone()) {
        let id = &matcher.concept(&found).id;
        if *id != m.concept && !out.contains(id) {
            out.push(id.clone());
        }
    }
    out
}

/// The matches of each version a match at `span` names after slashes ("Windows 10/11/12" gives
/// the matches of "Windows 11" and "Windows 12"), each matched as a whole; their spans are
/// into the variant, not the text.
pub(crate) fn version_matches(matcher: &Matcher, text: &str, span: Range<usize>) -> Vec<Match> {
    let name = &text[span.clone()];
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let mut out = Vec::new();
    if digits == 0 || !text[span.end..].starts_with('/') {
        return out;
    }
    let stem = &name[..name.len() - digits];
    let mut rest = &text[span.end..];
    while let Some(after) = rest.strip_prefix('/') {
        let n = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if n == 0 || n > 4 {
            break;
        }
        let variant = format!("{stem}{}", &after[..n]);
        out.extend(
            matcher
                .extract(&variant)
                .into_iter()
                .filter(|found| found.span() == (0..variant.len())),
        );
        rest = &after[n..];
    }
    out
}

/// Phrases that state a requirement that is not a skill, with its kind. Lower case.
const OTHER_CUES: &[(&str, &str)] = &[
    ("driver's license", "driving-licence"),
    ("driver\u{2019}s license", "driving-licence"),
    ("drivers license", "driving-licence"),
    ("driver license", "driving-licence"),
    ("driving licence", "driving-licence"),
    ("driving license", "driving-licence"),
    ("driving record", "driving-licence"),
    ("lift up to", "physical"),
    ("lift 50", "physical"),
    ("lifting", "physical"),
    ("to lift", "physical"),
    ("stand for", "physical"),
    ("physical demands", "physical"),
    ("physically able", "physical"),
    ("background check", "background-check"),
    ("background screening", "background-check"),
    ("background investigation", "background-check"),
    ("drug screen", "background-check"),
    ("drug test", "background-check"),
    ("criminal record", "background-check"),
    ("shift", "schedule"),
    ("weekends", "schedule"),
    ("weekend", "schedule"),
    ("evenings", "schedule"),
    ("overtime", "schedule"),
    ("on-call", "schedule"),
    ("on call", "schedule"),
    ("holidays", "schedule"),
    ("travel", "travel"),
    // A person relocating, not a duty that moves things ("relocate workstations").
    ("willing to relocate", "travel"),
    ("able to relocate", "travel"),
    ("must relocate", "travel"),
    ("relocation", "travel"),
    ("authorized to work", "work-authorization"),
    ("authorization to work", "work-authorization"),
    ("work authorization", "work-authorization"),
    ("visa sponsorship", "work-authorization"),
    ("security clearance", "work-authorization"),
    ("citizenship", "work-authorization"),
    ("reliable transportation", "transportation"),
    ("own transportation", "transportation"),
    ("own vehicle", "transportation"),
    ("18 years of age", "age"),
    ("at least 18", "age"),
];

/// Whether the cue at `at` stands as a word: nothing alphanumeric before it, and after it
/// nothing or an inflection ("shifts", "traveling").
fn is_word_at(text: &str, at: usize, len: usize) -> bool {
    let b = text.as_bytes();
    if at > 0 && b[at - 1].is_ascii_alphanumeric() {
        return false;
    }
    let rest = &text[at + len..];
    let tail = ["s", "ing", "ling", "ed", "led", ""].iter().find(|t| {
        rest.len() >= t.len()
            && rest.as_bytes()[..t.len()].eq_ignore_ascii_case(t.as_bytes())
            && rest
                .as_bytes()
                .get(t.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    });
    tail.is_some()
}

/// The clause around byte `at`: from the last sentence or line break before it to the next,
/// at most 160 bytes each way.
pub(crate) fn clause_around(text: &str, at: usize) -> Range<usize> {
    let b = text.as_bytes();
    let stop = |i: usize| {
        matches!(b[i], b'\n' | b';' | b'!' | b'?' | b'\r')
            || (b[i] == b'.' && b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()))
    };
    let lo = at.saturating_sub(160);
    let mut start = at;
    while start > lo && !stop(start - 1) {
        start -= 1;
    }
    let hi = (at + 160).min(b.len());
    let mut end = at;
    while end < hi && !stop(end) {
        end += 1;
    }
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || "-*\u{2022}\u{b7}>".contains(c))
            .len();
    let tail = s.len() - s.trim_end().len();
    (r.start + lead)..(r.end - tail).max(r.start + lead)
}

/// Where `cue` (lower-case, beginning with an ASCII byte) first occurs in `h` at or after `from`,
/// ASCII case ignored: what `h.to_ascii_lowercase()[from..].find(cue)` finds, plus `from`.
fn find_ignoring_case(h: &str, from: usize, cue: &str) -> Option<usize> {
    let (b, c) = (h.as_bytes(), cue.as_bytes());
    memchr::memchr2_iter(c[0], c[0].to_ascii_uppercase(), &b[from..])
        .map(|i| from + i)
        .find(|&i| b.len() >= i + c.len() && b[i..i + c.len()].eq_ignore_ascii_case(c))
}

/// Requirements in a posting that are not skills: one per clause that states one, outside
/// benefits and company boilerplate; `mentions` adds the clauses of concepts of kind "other"
/// the taxonomy names (a driver's licence, security clearance). The cues are found ignoring
/// ASCII case in the text as given.
pub(crate) fn other_requirements(
    text: &str,
    sections: &Sections,
    other_mentions: &[Range<usize>],
) -> Vec<Requirement> {
    let mut found: Vec<(Range<usize>, &str)> = Vec::new();
    for (cue, kind) in OTHER_CUES {
        let mut from = 0;
        while let Some(at) = find_ignoring_case(text, from, cue) {
            from = at + cue.len();
            if !is_word_at(text, at, cue.len()) {
                continue;
            }
            found.push((clause_around(text, at), kind));
        }
    }
    for span in other_mentions {
        found.push((clause_around(text, span.start), "other"));
    }
    found.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out: Vec<Requirement> = Vec::new();
    for (r, kind) in found {
        let section = sections.kind_at(r.start);
        if section.is_boilerplate() {
            continue;
        }
        if out.last().is_some_and(|l| r.start < l.end) {
            continue;
        }
        let r = trimmed(text, r);
        if r.is_empty() {
            continue;
        }
        out.push(Requirement {
            kind: kind.to_string(),
            text: text[r.clone()].to_string(),
            start: r.start,
            end: r.end,
            section,
        });
    }
    out
}

/// Opening words of a requirement phrase that say how it is asked, not what.
const LEAD_WORDS: &[&str] = &[
    "experience with",
    "experience in",
    "experience using",
    "knowledge of",
    "working knowledge of",
    "understanding of",
    "proficiency in",
    "proficiency with",
    "proficient in",
    "proficient with",
    "familiarity with",
    "familiar with",
    "must have",
    "must hold",
    "must possess",
    "you have",
    "have",
    "hold",
    "possess",
    "a",
    "an",
    "the",
    "current",
    "valid",
    "active",
    "strong",
];

/// Acronyms that name nothing a candidate could have.
const STOP_ACRONYMS: &[&str] = &[
    "IT", "US", "USA", "EOE", "AM", "PM", "ID", "TBD", "FAQ", "PTO", "ASAP", "OR", "AND", "EEO",
    "DOE", "NA", "N/A", "OK", "HQ", "LLC", "INC", "CEO", "HR", "FT", "PT",
];

/// Words that make a phrase a credential even without an acronym.
const CREDENTIAL_WORDS: &[&str] = &[
    "license",
    "licence",
    "licensure",
    "licensed",
    "certification",
    "certificate",
    "certified",
    "registration",
    "registered",
];

fn names_something(segment: &str) -> bool {
    let words: Vec<&str> = segment.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let letters: Vec<char> = segment.chars().filter(|c| c.is_alphabetic()).collect();
    // A shouted line ("MUST BE A TEAM PLAYER") is emphasis, not acronyms.
    if words.len() > 2 && letters.iter().all(|c| c.is_uppercase()) {
        return false;
    }
    let acronym = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+');
        let caps = w.chars().filter(|c| c.is_ascii_uppercase()).count();
        caps >= 2
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '+' || c == '-')
            && !STOP_ACRONYMS.contains(&w)
    });
    acronym
        || words.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            CREDENTIAL_WORDS.contains(&w.as_str())
        })
}

/// Requirement phrases the taxonomy cannot name: in requirement sections (and bullet lines
/// before any heading), the parts of a line split at commas, "and" and "or" that hold no
/// concept and no other requirement, and name a credential or an acronym ("RN license", "BLS").
pub(crate) fn unrecognised(
    text: &str,
    sections: &Sections,
    mentions: &[Range<usize>],
    other: &[Requirement],
) -> Vec<Requirement> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mentions = Spans::of(mentions.to_vec());
    let others = Spans::of(other.iter().map(|o| o.start..o.end).collect());
    let headings = Spans::of(
        sections
            .sections
            .iter()
            .filter_map(|s| s.heading.clone())
            .collect(),
    );
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let section = sections.kind_at(start + (line.len() - line.trim_start().len()));
        let body = line.trim();
        let bullet = body.starts_with(['-', '*', '\u{2022}', '\u{b7}']);
        let in_list = match section {
            SectionKind::Requirements | SectionKind::Preferred => true,
            SectionKind::Preamble => bullet,
            _ => false,
        };
        if !in_list || body.is_empty() {
            continue;
        }
        for seg in segments(line) {
            let r = start + seg.start..start + seg.end;
            if mentions.overlaps(&r) || others.overlaps(&r) || headings.overlaps(&r) {
                continue;
            }
            let r = strip_lead(text, r);
            let phrase = &text[r.clone()];
            if !names_something(phrase) || !seen.insert(phrase.to_ascii_lowercase()) {
                continue;
            }
            out.push(Requirement {
                kind: "unrecognised".to_string(),
                text: phrase.to_string(),
                start: r.start,
                end: r.end,
                section: sections.kind_at(r.start),
            });
        }
    }
    out
}

/// Byte spans sorted by start, with the largest end up to each: whether any overlaps a range
/// is one binary search, not a scan of every span per requirement phrase.
struct Spans {
    spans: Vec<Range<usize>>,
    max_end: Vec<usize>,
}

impl Spans {
    fn of(mut spans: Vec<Range<usize>>) -> Spans {
        spans.sort_by_key(|s| s.start);
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.end);
                Some(*m)
            })
            .collect();
        Spans { spans, max_end }
    }

    /// Whether a span overlaps `r`: among those starting before its end, the largest end
    /// passes its start.
    fn overlaps(&self, r: &Range<usize>) -> bool {
        let i = self.spans.partition_point(|s| s.start < r.end);
        i > 0 && self.max_end[i - 1] > r.start
    }
}

/// The parts of a line between commas, brackets, "and", "or" and slashes, trimmed.
fn segments(line: &str) -> Vec<Range<usize>> {
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b',' | b';' | b'(' | b')' | b':' | b'.' | b'\n' | b'\r') {
            cuts.push((i, i + 1));
        }
    }
    for word in [" and ", " or ", " & ", "/"] {
        for (i, _) in lower.match_indices(word) {
            cuts.push((i, i + word.len()));
        }
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut from = 0;
    for (a, b) in cuts {
        if a >= from {
            out.push(from..a);
            from = b;
        }
    }
    out.push(from..line.len());
    out.into_iter()
        .map(|r| trimmed(line, r))
        .filter(|r| !r.is_empty())
        .collect()
}

fn strip_lead(text: &str, mut r: Range<usize>) -> Range<usize> {
    loop {
        let lower = text[r.clone()].to_ascii_lowercase();
        let Some(lead) = LEAD_WORDS.iter().find(|w| {
            lower.starts_with(*w)
                && lower
                    .as_bytes()
                    .get(w.len())
                    .is_some_and(|c| c.is_ascii_whitespace())
        }) else {
            return r;
        };
        r = trimmed(text, r.start + lead.len()..r.end);
        if r.is_empty() {
            return r;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::polarity::in_three_cases as cased;
    use super::*;

    /// The cue search and the word test read any case as they read the text lower-cased.
    #[test]
    fn other_cues_are_found_in_any_case() {
        let mut texts: Vec<String> = ["postings", "resumes"]
            .iter()
            .flat_map(|d| std::fs::read_dir(format!("{}/fixtures/{d}", env!("CARGO_MANIFEST_DIR"))))
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        texts.push(
            "Travels; TRAVELING 25%, weekend shifts, on-call, Driver\u{2019}s License, \
             lift up to 50 lbs, 18 years of age, Background Checks, shiftless"
                .to_string(),
        );
        let mut found = 0;
        for t in texts.iter().flat_map(|t| cased(t)) {
            let lower = t.to_ascii_lowercase();
            for (cue, _) in OTHER_CUES {
                let mut from = 0;
                loop {
                    let want = lower[from..].find(cue).map(|p| from + p);
                    assert_eq!(find_ignoring_case(&t, from, cue), want, "{cue}");
                    let Some(at) = want else { break };
                    assert_eq!(
                        is_word_at(&t, at, cue.len()),
                        is_word_at(&lower, at, cue.len())
                    );
                    found += 1;
                    from = at + cue.len();
                }
            }
        }
        assert!(found > 30, "{found}");
    }

    #[test]
    fn links_read_any_case() {
        for gap in [
            ", ",
            " or ",
            " and/or ",
            ", e.g. ",
            " i.e. ",
            " and ",
            "/",
            ", another ",
            ". ",
        ] {
            for g in cased(gap) {
                assert_eq!(link(&g), link(gap), "{g:?}");
            }
        }
    }

    #[test]
    fn moving_things_is_no_travel_requirement() {
        let scorer = crate::scoring::Scorer::new(crate::Taxonomy::embedded()).unwrap();
        let kinds = |posting: &str| -> Vec<String> {
            let profile = scorer.posting_profile(posting);
            profile
                .other_requirements
                .iter()
                .map(|r| r.kind.clone())
                .collect()
        };
        let duty = "Requirements\n- Image, deploy and relocate workstations with SCCM.\n";
        assert_eq!(kinds(duty), Vec::<String>::new());
        let person =
            "Requirements\n- Must be willing to relocate to Denver.\n- Up to 25% travel.\n";
        assert_eq!(kinds(person), ["travel", "travel"]);
    }

    #[test]
    fn links_between_options() {
        assert_eq!(link(" or "), Link::Or);
        assert_eq!(link(", or another "), Link::Or);
        assert_eq!(link(" or a similar "), Link::Or);
        assert_eq!(link(" tools such as "), Link::Or);
        assert_eq!(link(" (e.g. "), Link::Or);
        assert_eq!(link("/"), Link::Or);
        assert_eq!(link(", "), Link::List);
        assert_eq!(link(", and "), Link::Break);
        assert_eq!(link(" and "), Link::Break);
        assert_eq!(link(".\n"), Link::Break);
        assert_eq!(link(" experience with "), Link::Break);
    }

    #[test]
    fn credentials_and_acronyms_name_something() {
        assert!(names_something("RN license"));
        assert!(names_something("BLS"));
        assert!(names_something("CPA certification"));
        assert!(!names_something("ability to work independently"));
        assert!(!names_something("IT"));
        assert!(!names_something("MUST BE A TEAM PLAYER"));
    }

    #[test]
    fn span_overlaps_by_binary_search_are_the_scan() {
        let spans = vec![5..9, 0..3, 20..40, 22..25, 50..51];
        let index = Spans::of(spans.clone());
        for a in 0..60 {
            for b in a + 1..62 {
                let r = a..b;
                let scan = spans.iter().any(|s| s.start < r.end && r.start < s.end);
                assert_eq!(index.overlaps(&r), scan, "{r:?}");
            }
        }
    }

    #[test]
    fn segments_split_at_and_or_commas() {
        let line = "- BLS and ACLS, RN license (required)";
        let segs: Vec<&str> = segments(line).into_iter().map(|r| &line[r]).collect();
        assert_eq!(segs, ["BLS", "ACLS", "RN license", "required"]);
    }
}
