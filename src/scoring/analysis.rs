//! One document read for scoring: every concept mention with its section, polarity and context,
//! the credit each mention earns, and the years of experience the text states or its dated roles
//! add up to.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::levels::LevelHits;
use super::polarity::{is_in_progress_cue, CueIndex, Polarity};
use super::requirements::{self, clause_around};
use super::sections::{CueHits, DocKind, KindBasis, SectionKind, Sections};
use super::walk::Walk;
use super::years::{self, DateRange, YearMonth, YearsClaim};
use crate::matching::{Match, Matcher};
use crate::taxonomy::{ConceptId, Kind};

/// Whether a mention sits in prose (a sentence saying what was done with it) or in a bare list
/// of terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// A sentence with words of its own around the term.
    Prose,
    /// A list of terms with little else.
    List,
}

/// One concept found in a document, read in place.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Mention {
    /// The concept's id.
    pub concept: ConceptId,
    /// The concept's position in the taxonomy.
    #[serde(skip)]
    pub index: usize,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// The surface text.
    pub text: String,
    /// The concept's kind.
    pub kind: Kind,
    /// The section the mention sits in.
    pub section: SectionKind,
    /// Affirmed, denied or (postings) preferred.
    pub polarity: Polarity,
    /// Set when the mention is denied because the text works toward it ("studying for
    /// Network+"): in progress, not held.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_progress: bool,
    /// Prose or list.
    pub context: Context,
    /// How much this mention shows the concept, from 0 (denied, boilerplate) to 1 (prose in
    /// experience).
    pub credit: f64,
}

/// Years of experience with one skill, as the text states them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SkillYears {
    /// The concept.
    pub concept: ConceptId,
    /// The years stated.
    pub years: f64,
    /// The statement's bytes.
    pub span: Range<usize>,
}

/// Years of experience read from a document.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Experience {
    /// Best estimate of total years: the larger of the dated roles and the largest claim.
    pub total_years: Option<f64>,
    /// Years covered by dated roles, overlaps counted once.
    pub dated_years: Option<f64>,
    /// The largest explicit claim ("10+ years of IT experience").
    pub claimed_years: Option<f64>,
    /// For a posting: the years it asks for (the lower bound of a range).
    pub required_years: Option<f64>,
    /// Years in IT work: dated roles whose entries name a technical concept, and claims of
    /// years of a technical skill. Career levels are placed by these, not by years in any trade.
    pub relevant_years: Option<f64>,
    /// The dated roles counted.
    pub ranges: Vec<DateRange>,
    /// The explicit statements of years.
    pub claims: Vec<YearsClaim>,
    /// Years per skill, where the text ties years to a concept.
    pub per_skill: Vec<SkillYears>,
}

/// A document read for scoring.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Analysis {
    /// Resume or posting.
    pub kind: DocKind,
    /// Its sections.
    pub sections: Sections,
    /// Every concept mention, in text order.
    pub mentions: Vec<Mention>,
    /// Years of experience.
    pub experience: Experience,
    /// Words in the text.
    pub words: usize,
    /// Share of the words that are inside concept mentions: high for a bare keyword list.
    pub keyword_density: f64,
    /// The reference month "Present" resolved to.
    pub as_of: YearMonth,
    /// The text's first non-empty line (a resume's name or title, a posting's title).
    pub first_line: String,
    /// How the kind was decided: given by the caller, or guessed from the text's cues.
    pub kind_basis: KindBasis,
    /// The text as given, for reading requirement phrases.
    #[serde(skip)]
    text: String,
    /// The career levels' title cues found by the cue pass, if it carried them.
    #[serde(skip)]
    level_hits: Option<LevelHits>,
}

pub(crate) use super::fraction::Credits;

impl Analysis {
    /// The text as given.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The level title cues the cue pass found, if it carried them.
    pub(crate) fn level_hits(&self) -> Option<&LevelHits> {
        self.level_hits.as_ref()
    }

    /// Mentions the text denies ("no experience with Linux").
    pub fn negated(&self) -> impl Iterator<Item = &Mention> {
        self.mentions
            .iter()
            .filter(|m| m.polarity == Polarity::Negated)
    }

    /// Per concept, the best credit and the mentions that earned it, with implied concepts
    /// (`implies` in the taxonomy) at half the credit of the concept implying them.
    pub(crate) fn credits<'t>(&self, taxonomy: &'t crate::Taxonomy) -> Credits<'t> {
        Credits::of(taxonomy, self)
    }
}

/// Reads `text` as a document of kind `kind`; `hits` are its cue hits (a posting needs them;
/// they are found here when not given), `walked` what the walk over its bytes read (its index
/// with contacts for a posting only).
pub(crate) fn analyze(
    matcher: &Matcher,
    text: &str,
    matches: &[Match],
    (kind, kind_basis): (DocKind, KindBasis),
    as_of: YearMonth,
    (mut hits, walked): (Option<CueHits>, Walk),
) -> Analysis {
    let level_hits = hits.as_mut().and_then(CueHits::take_levels);
    // A posting's sections and contact lines read its cue hits.
    if kind == DocKind::Posting && hits.is_none() {
        hits = Some(CueHits::of(text));
    }
    let hits = hits.as_ref();
    let sections = Sections::detect_with(text, kind, hits);
    let spans: Vec<Range<usize>> = matches.iter().map(|m| m.span()).collect();
    let mut mentions = Vec::with_capacity(matches.len());
    let mut last_context = None;
    let Walk {
        index: mut cues,
        words,
        words_outside: outside,
        breaks,
        ..
    } = walked;
    let breaks = Breaks(breaks);
    for (i, m) in matches.iter().enumerate() {
        let concept = matcher.concept(m);
        let span = m.span();
        let section = sections.kind_at(span.start);
        let cue = cues.polarity(text, span.clone(), kind == DocKind::Posting);
        let pol = cue.polarity;
        let in_progress = pol == Polarity::Negated
            && cue
                .cue
                .as_ref()
                .is_some_and(|c| is_in_progress_cue(&text[c.clone()]));
        let context = context_of(text, &spans, i, &breaks, &mut last_context);
        let mut credit = mention_credit(kind, concept.kind, section, pol, context);
        // A posting's contact lines and application instructions ("questions go to the
        // Workday Helpdesk at 555-...") ask for nothing.
        if let (DocKind::Posting, Some(hits)) = (kind, hits) {
            if is_contact(text, &cues, hits, &span) {
                credit = 0.0;
            }
        }
        let mention = Mention {
            concept: concept.id.clone(),
            index: m.concept_index(),
            kind: concept.kind,
            text: text[span.clone()].to_string(),
            span,
            section,
            polarity: pol,
            in_progress,
            context,
            credit,
        };
        // A resume's "Windows 10/11" shows Windows 11 as well, at the same place. (A posting's
        // version list is one requirement with options: see `requirements::version_variants`.)
        let versions = match kind {
            DocKind::Resume => requirements::version_matches(matcher, text, mention.span.clone()),
            DocKind::Posting => Vec::new(),
        };
        for v in versions {
            let c = matcher.concept(&v);
            if c.id != mention.concept {
                mentions.push(Mention {
                    concept: c.id.clone(),
                    index: v.concept_index(),
                    kind: c.kind,
                    ..mention.clone()
                });
            }
        }
        mentions.push(mention);
    }
    let keyword_density = if words == 0 {
        0.0
    } else {
        (words - outside.min(words)) as f64 / words as f64
    };
    let experience = experience_of(text, &mut cues, kind, &sections, &mentions, as_of);
    let first_line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .chars()
        .take(120)
        .collect();
    Analysis {
        kind,
        sections,
        mentions,
        experience,
        words,
        keyword_density,
        as_of,
        first_line,
        kind_basis,
        text: text.to_string(),
        level_hits,
    }
}

/// Whether the clause around `span` is a contact line or application instruction: it names
/// a phone number, an e-mail or web address, or says how to apply. The phrases and web
/// addresses are the text's contact cue hits; e-mail addresses and phone numbers are read in
/// the clause, a bounded window, when the index places an "@" or ten digits within its reach.
fn is_contact(text: &str, cues: &CueIndex, hits: &CueHits, span: &Range<usize>) -> bool {
    // The clause lies within 160 bytes of the mention's start (see `clause_around`).
    let reach = span.start.saturating_sub(160)..(span.start + 160).min(text.len()).max(span.end);
    if !hits.has_contact_cue(reach.clone()) && !cues.may_hold_contact(reach) {
        return false;
    }
    let c = clause_around(text, span.start);
    let within = c.start.min(span.start)..c.end.max(span.end);
    let clause = &text[within.clone()];
    hits.has_contact_cue(within)
        || clause
            .split(|ch: char| ch.is_whitespace() || ch == ',' || ch == ';')
            .any(|w| w.contains('@') && w.contains('.'))
        || has_phone(clause)
}

/// A phone number: ten or more digits in a run broken only by spaces, dashes, dots and
/// brackets ("555-123-4567", "(555) 123 4567").
fn has_phone(s: &str) -> bool {
    let mut digits = 0;
    for b in s.bytes() {
        if b.is_ascii_digit() {
            digits += 1;
            if digits >= 10 {
                return true;
            }
        } else if !matches!(b, b'-' | b'.' | b' ' | b'(' | b')' | b'+') {
            digits = 0;
        }
    }
    false
}

/// The credit a single mention earns. Resumes: prose in experience is the best evidence, a term
/// in a skills list the weakest; certifications and degrees are listed by nature and count in
/// full. Postings (scored as documents): every affirmed mention outside boilerplate counts.
fn mention_credit(
    doc: DocKind,
    kind: Kind,
    section: SectionKind,
    pol: Polarity,
    context: Context,
) -> f64 {
    if pol == Polarity::Negated {
        return 0.0;
    }
    match doc {
        DocKind::Posting => {
            if section.is_boilerplate() {
                0.0
            } else {
                1.0
            }
        }
        DocKind::Resume => {
            if matches!(kind, Kind::Certification | Kind::Education) {
                return 1.0;
            }
            match (section, context) {
                (SectionKind::Experience | SectionKind::Projects, Context::Prose) => 1.0,
                (SectionKind::Experience | SectionKind::Projects, Context::List) => 0.75,
                (SectionKind::Skills, Context::Prose) => 0.75,
                (SectionKind::Skills, Context::List) => 0.6,
                (_, Context::Prose) => 0.9,
                (_, Context::List) => 0.6,
            }
        }
    }
}

/// Where a mention's line or sentence can end, in order: each "\n", ";", "|", "!" and "?", and
/// each "." followed by ASCII white space or the end of the text, as the document's walk
/// (`walk::walk`) finds them, once, instead of a scan both ways around every mention.
struct Breaks(Vec<usize>);

impl Breaks {
    /// The line or sentence around `span` in a text of `len` bytes, at most 240 bytes either
    /// side: from after the last break before it to the first break from its end.
    fn around(&self, len: usize, span: &Range<usize>) -> (usize, usize) {
        let lo = span.start.saturating_sub(240);
        let hi = (span.end + 240).min(len);
        let before = self.0.partition_point(|&p| p < span.start);
        let start = before
            .checked_sub(1)
            .map_or(lo, |b| (self.0[b] + 1).max(lo));
        let after = self.0.partition_point(|&p| p < span.end);
        let end = self.0.get(after).map_or(hi, |&p| p.min(hi));
        (start, end)
    }
}

/// Prose or list: counts the words of the mention's line or sentence that are not themselves
/// concept mentions. A bare list ("Windows, macOS, Linux, Active Directory") has almost none.
///
/// `last` holds the previous mention's line or sentence and what it was: mentions of one list
/// share it, and it is read once.
fn context_of(
    text: &str,
    spans: &[Range<usize>],
    i: usize,
    breaks: &Breaks,
    last: &mut Option<(Range<usize>, Context)>,
) -> Context {
    let span = &spans[i];
    let (mut start, mut end) = breaks.around(text.len(), span);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some((seen, context)) = last {
        if *seen == (start..end) {
            return *context;
        }
    }
    // Spans come in text order (as the matcher finds them): only those from `start` on are
    // looked at, not every span of the document for every mention.
    debug_assert!(spans.windows(2).all(|w| w[0].start <= w[1].start));
    let first = spans.partition_point(|s| s.start < start);
    let inside = || {
        spans[first..]
            .iter()
            .take_while(move |s| s.start < end)
            .filter(move |s| s.end <= end)
    };
    let segment = &text[start..end];
    let own_words = count_words_at(segment, start, inside()).1;
    let separators = segment
        .bytes()
        .filter(|b| matches!(b, b',' | b'/' | b'\t'))
        .count();
    let mentions = inside().count().max(1);
    let context = if own_words >= 4 && own_words * 2 >= mentions * 3 && separators <= own_words {
        Context::Prose
    } else {
        Context::List
    };
    *last = Some((start..end, context));
    context
}

/// Words (runs of two or more letters) in `text` outside the given spans.
#[cfg(test)]
fn count_words(text: &str, skip: &[Range<usize>]) -> usize {
    count_words_both(text, skip).1
}

/// Words in `text`, all of them and those outside the given spans (sorted), in one pass: the
/// oracle of the document walk's count.
#[cfg(test)]
pub(super) fn count_words_both(text: &str, skip: &[Range<usize>]) -> (usize, usize) {
    count_words_at(text, 0, skip.iter())
}

/// [`count_words_both`] for `text` standing at byte `base` of the document, with the spans
/// given in the document's offsets (so that no shifted copy of them is made).
fn count_words_at<'s>(
    text: &str,
    base: usize,
    skip: impl Iterator<Item = &'s Range<usize>>,
) -> (usize, usize) {
    // A word's bytes: ASCII letters and any byte of a non-ASCII character. One table look-up
    // a byte, and a tight loop over each run.
    const WORD: [bool; 256] = {
        let mut t = [false; 256];
        let mut c = 0;
        while c < 256 {
            t[c] = (c as u8).is_ascii_alphabetic() || c >= 0x80;
            c += 1;
        }
        t
    };
    let (mut all, mut outside) = (0, 0);
    let mut skip = skip.peekable();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !WORD[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && WORD[usize::from(bytes[i])] {
            i += 1;
        }
        if i - start >= 2 {
            all += 1;
            let at = start + base;
            while skip.next_if(|s| s.end <= at).is_some() {}
            let inside = skip.peek().is_some_and(|s| s.start <= at && at < s.end);
            outside += usize::from(!inside);
        }
    }
    (all, outside)
}

fn experience_of(
    text: &str,
    cues: &mut CueIndex,
    kind: DocKind,
    sections: &Sections,
    mentions: &[Mention],
    as_of: YearMonth,
) -> Experience {
    let has_experience_heading = sections.has(SectionKind::Experience);
    let ranges: Vec<DateRange> = years::date_ranges(text, as_of)
        .into_iter()
        .filter(|r| {
            let s = sections.kind_at(r.span.start);
            if kind == DocKind::Posting {
                return false;
            }
            if has_experience_heading {
                s == SectionKind::Experience
            } else {
                !matches!(
                    s,
                    SectionKind::Education | SectionKind::Certifications | SectionKind::Other
                )
            }
        })
        .collect();
    let claims: Vec<YearsClaim> = years::year_claims(text)
        .into_iter()
        .filter(|c| {
            let s = sections.kind_at(c.span.start);
            !s.is_boilerplate()
                && s != SectionKind::Education
                && cues.polarity(text, c.span.clone(), false).polarity != Polarity::Negated
        })
        .collect();
    let dated = (!ranges.is_empty()).then(|| years::union_months(&ranges) as f64 / 12.0);
    let claimed = claims
        .iter()
        .map(|c| c.years)
        .fold(None, |acc: Option<f64>, y| {
            Some(acc.map_or(y, |a| a.max(y)))
        });
    let mut per_skill = Vec::new();
    for c in &claims {
        let Some(subject) = &c.subject else { continue };
        let first = mentions.partition_point(|m| m.span.start < subject.start);
        for m in mentions[first..]
            .iter()
            .take_while(|m| m.span.start < subject.end)
        {
            if m.span.end <= subject.end {
                per_skill.push(SkillYears {
                    concept: m.concept.clone(),
                    years: c.years,
                    span: c.span.clone(),
                });
            }
        }
    }
    per_skill.sort_by(|a, b| a.concept.cmp(&b.concept).then(b.years.total_cmp(&a.years)));
    per_skill.dedup_by(|b, a| a.concept == b.concept);
    let (total, required) = match kind {
        DocKind::Resume => {
            let total = match (dated, claimed) {
                (Some(d), Some(c)) => Some(d.max(c)),
                (d, c) => d.or(c),
            };
            (total.map(round1), None)
        }
        DocKind::Posting => (None, claimed.map(round1)),
    };
    let relevant =
        (kind == DocKind::Resume).then(|| relevant_years(&ranges, sections, &per_skill, mentions));
    Experience {
        total_years: total,
        dated_years: dated.map(round1),
        claimed_years: claimed,
        required_years: required,
        relevant_years: relevant,
        ranges,
        claims,
        per_skill,
    }
}

/// Years of dated roles whose entry (from its dates to the next dated role, at most 1,500
/// bytes) names a technical concept, overlaps counted once; or the largest claim of years of a
/// technical skill, if larger.
fn relevant_years(
    ranges: &[DateRange],
    sections: &Sections,
    per_skill: &[SkillYears],
    mentions: &[Mention],
) -> f64 {
    let technical = |m: &Mention| m.credit > 0.0 && m.kind != Kind::SoftSkill;
    let dated = field_dated_years(ranges, sections, mentions, technical);
    // Concepts with a technical mention, looked up instead of scanning the mentions per claim.
    let shown: std::collections::BTreeSet<&ConceptId> = mentions
        .iter()
        .filter(|m| m.kind != Kind::SoftSkill)
        .map(|m| &m.concept)
        .collect();
    let claimed = per_skill
        .iter()
        .filter(|s| shown.contains(&s.concept))
        .map(|s| s.years)
        .fold(0.0, f64::max);
    round1(dated.max(claimed))
}

/// Years of the dated roles whose entry names a mention `counts` accepts, overlaps counted once
/// (see [`field_dated_ranges`]).
pub(crate) fn field_dated_years(
    ranges: &[DateRange],
    sections: &Sections,
    mentions: &[Mention],
    counts: impl Fn(&Mention) -> bool,
) -> f64 {
    let kept: Vec<DateRange> = field_dated_ranges(ranges, sections, mentions, counts)
        .into_iter()
        .map(|i| ranges[i].clone())
        .collect();
    years::union_months(&kept) as f64 / 12.0
}

/// The dated roles (indexes into `ranges`) whose entry names a mention `counts` accepts. An
/// entry runs from 120 bytes before its dates (the title line often comes just before them) to
/// 120 bytes before the next dated role or the end of its section (a skills list after the last
/// role is not that role's duties), at most 1,500 bytes after its dates. Mentions are in text
/// order, so each entry's are found by binary search: ranges times log mentions, not ranges
/// times mentions.
pub(crate) fn field_dated_ranges(
    ranges: &[DateRange],
    sections: &Sections,
    mentions: &[Mention],
    counts: impl Fn(&Mention) -> bool,
) -> Vec<usize> {
    let mut sorted: Vec<usize> = (0..ranges.len()).collect();
    sorted.sort_by_key(|&i| ranges[i].span.start);
    let accepted: Vec<&Mention> = mentions.iter().filter(|m| counts(m)).collect();
    let section_end = |at: usize| {
        let i = sections.sections.partition_point(|s| s.range.start <= at);
        sections
            .sections
            .get(i.saturating_sub(1))
            .map_or(usize::MAX, |s| s.range.end)
    };
    let mut kept = Vec::new();
    for (k, &i) in sorted.iter().enumerate() {
        let r = &ranges[i];
        let from = r.span.start.saturating_sub(120);
        let to = sorted
            .get(k + 1)
            .map_or(usize::MAX, |&n| {
                ranges[n].span.start.saturating_sub(120).max(r.span.end)
            })
            .min(r.span.end + 1500)
            .min(section_end(r.span.start).max(r.span.end));
        let lo = accepted.partition_point(|m| m.span.start < from);
        // Mentions start in order; a mention starting before `to` and ending by it is inside.
        // Spans are short (a few words), so the walk stops within a few steps of the first
        // mention that starts in the entry.
        if accepted[lo..]
            .iter()
            .take_while(|m| m.span.start < to)
            .any(|m| m.span.end <= to)
        {
            kept.push(i);
        }
    }
    kept
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resume_version_list_shows_each_version_a_posting_offers_them() {
        let scorer = crate::scoring::Scorer::new(crate::Taxonomy::embedded()).unwrap();
        let text = "Experience\n- Supported Windows 10/11 desktops and laptops for 300 staff.\n";
        let ids = |kind| -> Vec<String> {
            let a = scorer.analyze(text, Some(kind));
            a.mentions.iter().map(|m| m.concept.to_string()).collect()
        };
        let resume = ids(DocKind::Resume);
        assert!(resume.contains(&"windows-10".to_string()), "{resume:?}");
        assert!(resume.contains(&"windows-11".to_string()), "{resume:?}");
        // In a posting the list is one requirement with options, read by the profile.
        assert!(!ids(DocKind::Posting).contains(&"windows-11".to_string()));
    }

    fn spans_of(text: &str, terms: &[&str]) -> Vec<Range<usize>> {
        let mut v: Vec<Range<usize>> = terms
            .iter()
            .map(|t| {
                let s = text.find(t).unwrap();
                s..s + t.len()
            })
            .collect();
        v.sort_by_key(|r| r.start);
        v
    }

    #[test]
    fn list_and_prose() {
        let list = "Windows, macOS, Linux, Active Directory, ServiceNow";
        let spans = spans_of(
            list,
            &[
                "Windows",
                "macOS",
                "Linux",
                "Active Directory",
                "ServiceNow",
            ],
        );
        assert_eq!(
            context_of(list, &spans, 2, &breaks_of(list), &mut None),
            Context::List
        );
        let prose =
            "Reimaged and deployed 300 Windows laptops for new hires, cutting setup time by half.";
        let spans = spans_of(prose, &["Windows"]);
        assert_eq!(
            context_of(prose, &spans, 0, &breaks_of(prose), &mut None),
            Context::Prose
        );
    }

    /// Reading a shared line or sentence once gives each mention what reading it afresh gives.
    #[test]
    fn a_shared_line_read_once_gives_what_each_reading_gives() {
        let matcher = crate::Matcher::new(crate::Taxonomy::embedded()).unwrap();
        let posting = include_str!("../../fixtures/cli/posting.txt");
        let text = posting.to_string()
            + "\nSkills: Windows, macOS, Linux; Active Directory. Deployed Windows and Linux \
               laptops with Intune for 300 new hires. Azure | AWS | GCP\nPython\tSQL\tExcel";
        let spans: Vec<Range<usize>> = matcher.extract(&text).iter().map(|m| m.span()).collect();
        assert!(spans.len() > 20);
        let (mut last, breaks) = (None, breaks_of(&text));
        let (mut lists, mut prose) = (0, 0);
        for i in 0..spans.len() {
            let once = context_of(&text, &spans, i, &breaks, &mut last);
            let afresh = context_of(&text, &spans, i, &breaks, &mut None);
            assert_eq!(once, afresh, "mention {i}");
            match once {
                Context::List => lists += 1,
                Context::Prose => prose += 1,
            }
        }
        assert!(lists > 0 && prose > 0, "{lists} lists, {prose} prose");
    }

    /// A text's breaks, as its walk finds them.
    fn breaks_of(text: &str) -> Breaks {
        Breaks(super::super::walk::walk(text, [], false, None).breaks)
    }

    /// What a break is, read byte by byte.
    fn is_break(b: u8) -> bool {
        matches!(b, b'\n' | b';' | b'|' | b'!' | b'?')
    }

    /// The line or sentence around a span as read before [`Breaks`]: byte by byte from the
    /// span, both ways, for each mention.
    fn around_by_scan(bytes: &[u8], span: &Range<usize>) -> (usize, usize) {
        let mut start = span.start;
        let lo = span.start.saturating_sub(240);
        while start > lo {
            let b = bytes[start - 1];
            if is_break(b)
                || (b == b'.' && bytes.get(start).is_some_and(|c| c.is_ascii_whitespace()))
            {
                break;
            }
            start -= 1;
        }
        let mut end = span.end;
        let hi = (span.end + 240).min(bytes.len());
        while end < hi {
            let b = bytes[end];
            if is_break(b)
                || (b == b'.' && bytes.get(end + 1).is_none_or(|c| c.is_ascii_whitespace()))
            {
                break;
            }
            end += 1;
        }
        (start, end)
    }

    #[test]
    fn breaks_read_once_bound_what_the_scans_bound() {
        let mut texts = crate::scoring::pattern::testing::haystacks();
        texts.push("a. b.c.\n\nd; e | f! g? h.\ti.".repeat(40));
        texts.push("x".repeat(700) + ". y");
        let mut checked = 0;
        for t in texts {
            let b = t.as_bytes();
            // Spans in text order, of a few widths and strides (so windows overlap, touch or
            // leave gaps), then the same spans backwards.
            for (width, stride) in [(1, 1), (3, 7), (9, 97), (2, 600)] {
                if stride < 7 && b.len() > 400 {
                    continue;
                }
                let spans: Vec<Range<usize>> = (0..b.len().saturating_sub(width))
                    .step_by(stride)
                    .map(|s| s..s + width)
                    .collect();
                // The walk's breaks of the whole text bound what the scans bound.
                let breaks = breaks_of(&t);
                for span in spans.iter().chain(spans.iter().rev()) {
                    let want = around_by_scan(b, span);
                    assert_eq!(breaks.around(b.len(), span), want, "{span:?} {t:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    /// Words counted as before the run loop: a flush at every byte that is not a word's.
    fn count_words_by_flush(text: &str, skip: &[Range<usize>]) -> (usize, usize) {
        let (mut all, mut count, mut run, mut run_start) = (0, 0, 0usize, 0usize);
        let mut skip = skip.iter().peekable();
        let mut flush = |run: usize, at: usize, count: &mut usize| {
            if run >= 2 {
                all += 1;
                while skip.next_if(|s| s.end <= at).is_some() {}
                if !skip.peek().is_some_and(|s| s.start <= at && at < s.end) {
                    *count += 1;
                }
            }
        };
        for (i, &b) in text.as_bytes().iter().enumerate() {
            if b.is_ascii_alphabetic() || b >= 0x80 {
                if run == 0 {
                    run_start = i;
                }
                run += 1;
            } else {
                flush(run, run_start, &mut count);
                run = 0;
            }
        }
        flush(run, run_start, &mut count);
        (all, count)
    }

    #[test]
    fn run_loop_counts_what_the_flushes_counted() {
        let mut texts = crate::scoring::pattern::testing::haystacks();
        texts.push("a bc \u{e9}t\u{e9} x9yz I'm 3D e-mail".into());
        let mut words = 0;
        for t in texts {
            // Spans every 13 bytes, 1 to 9 bytes wide, cut where the text allows.
            let spans: Vec<Range<usize>> = (0..t.len())
                .step_by(13)
                .map(|s| s..(s + 1 + s % 9).min(t.len()))
                .collect();
            for skip in [&spans[..], &[]] {
                let got = count_words_both(&t, skip);
                assert_eq!(got, count_words_by_flush(&t, skip), "{t:?}");
                words += got.0;
            }
        }
        assert!(words > 10_000, "{words}");
    }

    #[test]
    fn words_outside_spans() {
        let t = "Managed Active Directory users";
        assert_eq!(count_words(t, &[]), 4);
        assert_eq!(count_words(t, &spans_of(t, &["Active Directory"])), 2);
        assert_eq!(
            count_words_both(t, &spans_of(t, &["Active Directory"])),
            (4, 2)
        );
        assert_eq!(count_words_both("a bc \u{e9}t\u{e9} x9yz", &[]), (3, 3));
    }
}
