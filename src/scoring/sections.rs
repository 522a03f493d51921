//! Sections of resumes and postings, found from their headings, so that a term can be weighed by
//! where it stands: a skill in a resume's experience counts more than one in a bare list, and a
//! term in a posting's benefits or company boilerplate never becomes a requirement.

use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use super::cue_search::CueSearch;
use super::levels::{CueFinder, LevelHits};
use crate::taxonomy::role::CareerLevel;

/// Whether a document is a resume or a job posting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    /// A candidate's resume or CV.
    Resume,
    /// A job posting or job description.
    Posting,
}

/// How a document's kind was decided, for the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KindBasis {
    /// True when the caller gave the kind; false when it was guessed from the text.
    pub given: bool,
    /// Resume cues found when guessing (headings such as "Work Experience", "Present").
    pub resume_cues: usize,
    /// Posting cues found when guessing ("we offer", "apply now"; "responsibilities",
    /// "requirements" and "qualifications" count half, since resumes use them too).
    pub posting_cues: usize,
    /// Years (1950 to 2029) the text names: dated roles make a resume.
    #[serde(default)]
    pub years: usize,
    /// Words that address a reader or state obligations ("you", "we", "will", "must"): a
    /// posting speaks to its reader.
    #[serde(default)]
    pub address_words: usize,
}

/// Years named that count toward a resume, at most.
const KIND_YEARS_CAP: usize = 12;
/// Address words that count toward a posting, at most.
const KIND_ADDRESS_CAP: usize = 30;

/// Words that address a reader or state obligations, as a posting does.
pub(super) const ADDRESS_WORDS: &[&str] = &[
    "will",
    "must",
    "should",
    "required",
    "preferred",
    "you",
    "your",
    "we",
    "our",
];

/// The years (1950 to 2029) and the address words of a text (compared ASCII-case-insensitively):
/// a word is a run of ASCII letters and digits. The document's walk reads them
/// (`walk::walk`).
#[cfg(test)]
fn word_signals(text: &str) -> (usize, usize) {
    let w = super::walk::walk(text, [], false, None);
    (w.years, w.address_words)
}

/// Whether the word starting at `at` (a run of ASCII letters and digits) is a year from 1950 to
/// 2029, and whether it is one of [`ADDRESS_WORDS`].
#[inline]
pub(super) fn signal_at(bytes: &[u8], at: usize) -> (bool, bool) {
    // Longer than ADDRESS_WORD_MAX + 1 makes no difference: such a word is neither.
    let w = &bytes[at..bytes.len().min(at + ADDRESS_WORD_MAX + 1)];
    let len = w
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(w.len());
    let w = &w[..len];
    if w.len() == 4 && w.iter().all(u8::is_ascii_digit) {
        let y = w.iter().fold(0u32, |y, d| y * 10 + u32::from(d - b'0'));
        ((1950..=2029).contains(&y), false)
    } else if (2..=ADDRESS_WORD_MAX).contains(&w.len()) {
        let first = w[0].to_ascii_lowercase();
        let address = ADDRESS_WORDS.iter().any(|a| {
            a.len() == w.len() && a.as_bytes()[0] == first && a.as_bytes().eq_ignore_ascii_case(w)
        });
        (false, address)
    } else {
        (false, false)
    }
}

/// The bytes a year or an address word can begin with: ASCII digits and the first letters of
/// [`ADDRESS_WORDS`], in either case.
pub(super) const SIGNAL_START: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = true;
        c += 1;
    }
    let mut i = 0;
    while i < ADDRESS_WORDS.len() {
        let f = ADDRESS_WORDS[i].as_bytes()[0];
        t[f.to_ascii_lowercase() as usize] = true;
        t[f.to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    t
};

/// The longest of [`ADDRESS_WORDS`]: longer words are not looked up.
const ADDRESS_WORD_MAX: usize = 9;

impl KindBasis {
    /// The kind these signals make: resume cues and years against posting cues and address
    /// words (each capped, so that a long text is not decided by one signal alone).
    fn kind(&self, weak_posting: usize) -> DocKind {
        let resume = self.resume_cues as f64 + self.years.min(KIND_YEARS_CAP) as f64;
        let strong = (self.posting_cues - weak_posting) as f64;
        let posting = strong
            + 0.5 * weak_posting as f64
            + 0.5 * self.address_words.min(KIND_ADDRESS_CAP) as f64;
        if resume > posting {
            DocKind::Resume
        } else {
            DocKind::Posting
        }
    }
}

/// What a section of a document is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Text before the first recognised heading (a resume's name and contact lines, a posting's
    /// opening paragraph).
    Preamble,
    /// Resume: summary, profile or objective.
    Summary,
    /// Resume: a skills list.
    Skills,
    /// Resume: work experience.
    Experience,
    /// Resume: certifications, licences and training.
    Certifications,
    /// Resume or posting: education.
    Education,
    /// Resume: projects, home lab, volunteering.
    Projects,
    /// Posting: duties and responsibilities.
    Responsibilities,
    /// Posting: requirements or qualifications.
    Requirements,
    /// Posting: preferred qualifications, nice to have.
    Preferred,
    /// Posting: benefits, perks and pay.
    Benefits,
    /// Posting: about the company.
    Company,
    /// Posting: equal-opportunity and similar legal boilerplate.
    EqualOpportunity,
    /// A recognised heading of no interest to scoring (interests, references, languages).
    Other,
}

impl SectionKind {
    /// The section's name as written in output.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Preamble => "preamble",
            SectionKind::Summary => "summary",
            SectionKind::Skills => "skills",
            SectionKind::Experience => "experience",
            SectionKind::Certifications => "certifications",
            SectionKind::Education => "education",
            SectionKind::Projects => "projects",
            SectionKind::Responsibilities => "responsibilities",
            SectionKind::Requirements => "requirements",
            SectionKind::Preferred => "preferred",
            SectionKind::Benefits => "benefits",
            SectionKind::Company => "company",
            SectionKind::EqualOpportunity => "equal-opportunity",
            SectionKind::Other => "other",
        }
    }

    /// True for posting sections whose terms must never become requirements.
    pub fn is_boilerplate(self) -> bool {
        matches!(
            self,
            SectionKind::Benefits | SectionKind::Company | SectionKind::EqualOpportunity
        )
    }
}

/// One section: its kind, the byte range of its heading (if it has one) and of its whole extent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Section {
    /// What the section is about.
    pub kind: SectionKind,
    /// The heading's bytes in the original text, if the section has a heading.
    pub heading: Option<Range<usize>>,
    /// The section's bytes, heading included, up to the next heading.
    pub range: Range<usize>,
}

/// The sections of one document, covering the whole text in order, plus boilerplate sentences
/// (equal-opportunity statements) found outside any heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Sections {
    /// The kind of document the headings were read for.
    pub doc_kind: DocKind,
    /// Contiguous sections from byte 0 to the end of the text.
    pub sections: Vec<Section>,
    /// Equal-opportunity sentences, which override the section they sit in.
    pub boilerplate: Vec<Range<usize>>,
}

impl Sections {
    /// The kind of section that contains byte `offset`.
    ///
    /// ```
    /// use rolefit::scoring::sections::{DocKind, SectionKind, Sections};
    /// let text = "Summary\nFriendly technician.\nSkills\nWindows, macOS\n";
    /// let s = Sections::detect(text, DocKind::Resume);
    /// assert_eq!(s.kind_at(text.find("macOS").unwrap()), SectionKind::Skills);
    /// ```
    pub fn kind_at(&self, offset: usize) -> SectionKind {
        // Boilerplate ranges are sorted and merged: one binary search, not a scan per offset.
        let b = self.boilerplate.partition_point(|r| r.end <= offset);
        if self.boilerplate.get(b).is_some_and(|r| r.start <= offset) {
            return SectionKind::EqualOpportunity;
        }
        let i = self.sections.partition_point(|s| s.range.start <= offset);
        if i == 0 {
            return SectionKind::Preamble;
        }
        self.sections[i - 1].kind
    }

    /// True when some section of this kind has a heading in the document.
    pub fn has(&self, kind: SectionKind) -> bool {
        self.sections
            .iter()
            .any(|s| s.kind == kind && s.heading.is_some())
    }

    /// Finds the sections of `text`, read as a document of kind `doc_kind`.
    pub fn detect(text: &str, doc_kind: DocKind) -> Sections {
        Sections::detect_with(text, doc_kind, None)
    }

    /// [`Sections::detect`] with the text's cue hits, if already found (a posting needs them;
    /// they are found here when not given).
    pub(crate) fn detect_with(text: &str, doc_kind: DocKind, hits: Option<&CueHits>) -> Sections {
        let owned;
        let hits = match (doc_kind, hits) {
            (DocKind::Resume, _) => None,
            (DocKind::Posting, Some(h)) => Some(h),
            (DocKind::Posting, None) => {
                owned = CueHits::of(text);
                Some(&owned)
            }
        };
        let mut headings = find_headings(text, doc_kind, hits);
        headings.sort_by_key(|h| h.0.start);
        headings.dedup_by(|b, a| b.0.start < a.0.end);
        let mut sections = Vec::with_capacity(headings.len() + 1);
        let first = headings.first().map_or(text.len(), |h| h.0.start);
        sections.push(Section {
            kind: SectionKind::Preamble,
            heading: None,
            range: 0..first,
        });
        for (i, (heading, kind)) in headings.iter().enumerate() {
            let end = headings.get(i + 1).map_or(text.len(), |h| h.0.start);
            sections.push(Section {
                kind: *kind,
                heading: Some(heading.clone()),
                range: heading.start..end,
            });
        }
        // Cue hits are there exactly for a posting.
        let boilerplate = match hits {
            Some(hits) => eeo_sentences(text, hits),
            None => Vec::new(),
        };
        Sections {
            doc_kind,
            sections,
            boilerplate,
        }
    }
}

/// Guesses whether `text` is a resume or a posting, from the headings and phrases it uses.
///
/// ```
/// use rolefit::scoring::sections::{guess_kind, DocKind};
/// assert_eq!(guess_kind("Requirements:\nYou will support users. We offer great benefits."), DocKind::Posting);
/// assert_eq!(guess_kind("Jane Doe\nExperience\nHelp Desk Technician, 2019 - Present\nEducation\n"), DocKind::Resume);
/// ```
pub fn guess_kind(text: &str) -> DocKind {
    let mut cues = CueCollector::new(Cues::plain());
    let w = super::walk::walk(text, [], false, Some(&mut cues));
    cues.finish().guess((w.years, w.address_words)).0
}

/// Every cue phrase of this module found in one text, in one pass of one search over the
/// text as given (ASCII-case-insensitively, so no lower-cased copy is made): the posting and
/// resume cues that guess a document's kind, the inline headings, the equal-opportunity cues,
/// the contact cues and (when the search carries them) the career levels' title cues. Each
/// phrase's occurrences are those a search for it alone finds (non-overlapping, from the
/// start); contact cues keep every occurrence, overlapping or not, since a clause is asked
/// whether it contains one.
#[derive(Debug, PartialEq)]
pub(crate) struct CueHits {
    /// (slot, range), by slot, then by start.
    hits: Vec<(usize, Range<usize>)>,
    /// Every occurrence of a contact cue, by end.
    contact: Vec<Range<usize>>,
    /// The level title cues' occurrences, when the search carries them.
    levels: Option<LevelHits>,
}

/// Where each list starts among the search's slots (one per phrase of each list, in order).
const WEAK_FROM: usize = POSTING_CUES.len();
const RESUME_FROM: usize = WEAK_FROM + WEAK_POSTING_CUES.len();
const INLINE_FROM: usize = RESUME_FROM + RESUME_CUES.len();

/// The slot of the first contact cue.
fn contact_from() -> usize {
    INLINE_FROM + inline_phrases().len() + EEO_CUES.len()
}

/// The cue search: every phrase list of this module and, optionally, the title cues of a
/// role's career levels, as one set of distinct phrases. A phrase that stands in two lists
/// ("apply now" marks a posting and a contact line) is one phrase with two slots.
#[derive(Debug)]
pub(crate) struct Cues {
    /// Per phrase, the slots it stands for.
    slots: Vec<Vec<usize>>,
    /// The phrases, filed for the search: cheap to build, so a one-line document pays little.
    pub(crate) search: CueSearch,
    /// The level cues, whose slots follow the contact cues'.
    levels: Option<Arc<CueFinder>>,
}

impl Cues {
    /// The search for the cues of `levels` (none when a cue is empty or there are no
    /// levels) and this module's phrases. Built once per distinct set of levels and kept.
    pub(crate) fn for_levels(levels: &[CareerLevel]) -> Arc<Cues> {
        static LAST: Mutex<Option<Arc<Cues>>> = Mutex::new(None);
        let finder = if levels.is_empty() {
            None
        } else {
            CueFinder::of(levels)
        };
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        let same = |c: &Cues| match (&c.levels, &finder) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if let Some(c) = last.as_ref().filter(|c| same(c)) {
            return c.clone();
        }
        let cues = Arc::new(Cues::build(finder));
        *last = Some(cues.clone());
        cues
    }

    /// The search without level cues.
    pub(crate) fn plain() -> &'static Cues {
        static PLAIN: OnceLock<Cues> = OnceLock::new();
        PLAIN.get_or_init(|| Cues::build(None))
    }

    /// Whether the search carries level cues.
    pub(crate) fn has_levels(&self) -> bool {
        self.levels.is_some()
    }

    /// This module's phrases, one a slot, in slot order (the level cues' slots follow).
    fn module_phrases<'a>() -> impl Iterator<Item = &'a str> {
        POSTING_CUES
            .iter()
            .chain(WEAK_POSTING_CUES)
            .chain(RESUME_CUES)
            .chain(inline_phrases().iter().map(|(p, _)| p))
            .chain(EEO_CUES)
            .chain(CONTACT_CUES)
            .map(|p| -> &'a str { p })
    }

    fn build(levels: Option<Arc<CueFinder>>) -> Cues {
        let level_cues = levels.as_ref().map_or(&[][..], |f| f.cues());
        let phrases = Cues::module_phrases().chain(level_cues.iter().map(String::as_str));
        let mut patterns: Vec<String> = Vec::new();
        let mut slots: Vec<Vec<usize>> = Vec::new();
        for (slot, phrase) in phrases.enumerate() {
            match patterns.iter().position(|p| p == phrase) {
                Some(i) => slots[i].push(slot),
                None => {
                    patterns.push(phrase.to_string());
                    slots.push(vec![slot]);
                }
            }
        }
        Cues {
            slots,
            search: CueSearch::new(patterns.iter().map(String::as_str)),
            levels,
        }
    }
}

/// The cue hits of one text as its search finds them, phrase occurrence by occurrence.
pub(crate) struct CueCollector<'c> {
    /// The search.
    pub(crate) cues: &'c Cues,
    contact_from: usize,
    level_from: usize,
    /// Per slot, the end of the last occurrence it kept.
    last_end: Vec<usize>,
    hits: Vec<(usize, Range<usize>)>,
    contact: Vec<Range<usize>>,
    levels: Vec<Vec<usize>>,
}

impl<'c> CueCollector<'c> {
    /// A collector of the hits of `cues`' phrases.
    pub(crate) fn new(cues: &'c Cues) -> CueCollector<'c> {
        let contact_from = contact_from();
        let level_from = contact_from + CONTACT_CUES.len();
        let level_count = cues.levels.as_ref().map_or(0, |f| f.cues().len());
        CueCollector {
            cues,
            contact_from,
            level_from,
            last_end: vec![0usize; level_from + level_count],
            hits: Vec::new(),
            contact: Vec::new(),
            levels: vec![Vec::new(); level_count],
        }
    }

    /// Takes the occurrence of phrase `p` at `start`. One phrase's occurrences come in order
    /// of their starts (so also of their ends): each slot keeps those that do not overlap the
    /// last it kept, as a search for the phrase alone does.
    pub(crate) fn found(&mut self, p: usize, start: usize) {
        let end = start + self.cues.search.len(p);
        for &slot in &self.cues.slots[p] {
            if (self.contact_from..self.level_from).contains(&slot) {
                self.contact.push(start..end);
                continue;
            }
            if start < self.last_end[slot] {
                continue;
            }
            self.last_end[slot] = end;
            if slot >= self.level_from {
                self.levels[slot - self.level_from].push(start);
            } else {
                self.hits.push((slot, start..end));
            }
        }
    }

    /// The hits taken.
    pub(crate) fn finish(self) -> CueHits {
        let CueCollector {
            cues,
            mut hits,
            mut contact,
            levels,
            ..
        } = self;
        hits.sort_unstable_by_key(|(p, r)| (*p, r.start));
        contact.sort_unstable_by_key(|r| (r.end, r.start));
        let levels = cues.levels.as_ref().map(|finder| LevelHits {
            finder: finder.clone(),
            starts: levels,
        });
        CueHits {
            hits,
            contact,
            levels,
        }
    }
}

impl CueHits {
    /// The cue hits of `text` with the search without level cues.
    pub(crate) fn of(text: &str) -> CueHits {
        CueHits::with(Cues::plain(), text)
    }

    /// The cue hits of `text`. The phrases are lower case and matched ASCII-case-insensitively:
    /// what matching them in the text ASCII lower-cased finds, at the same offsets. (A
    /// document's walk finds them with its own reading of the bytes: [`CueCollector`].)
    pub(crate) fn with(cues: &Cues, text: &str) -> CueHits {
        let mut collector = CueCollector::new(cues);
        cues.search
            .for_each(text.as_bytes(), |p, start| collector.found(p, start));
        collector.finish()
    }

    /// The level cues' occurrences, taken out (for the document's analysis).
    pub(crate) fn take_levels(&mut self) -> Option<LevelHits> {
        self.levels.take()
    }

    /// The hits of the patterns `from..to`, renumbered from 0, in pattern then text order.
    fn of_patterns(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
        let lo = self.hits.partition_point(|(p, _)| *p < from);
        let hi = self.hits.partition_point(|(p, _)| *p < to);
        self.hits[lo..hi]
            .iter()
            .map(move |(p, r)| (p - from, r.clone()))
    }

    /// How many hits [`Self::of_patterns`] gives for `from..to`, without visiting them.
    fn count_of_patterns(&self, from: usize, to: usize) -> usize {
        let lo = self.hits.partition_point(|(p, _)| *p < from);
        self.hits.partition_point(|(p, _)| *p < to) - lo
    }

    /// Whether `within` of the text contains a contact cue (see [`CONTACT_CUES`]): what
    /// `CONTACT_CUES.iter().any(|c| lower[within].contains(c))` says, from the hits.
    pub(crate) fn has_contact_cue(&self, within: Range<usize>) -> bool {
        // Hits come by end: those ending inside are a contiguous run; one of them that also
        // starts inside is a cue the range contains.
        let first = self.contact.partition_point(|r| r.end < within.start);
        self.contact[first..]
            .iter()
            .take_while(|r| r.end <= within.end)
            .any(|r| r.start >= within.start)
    }

    /// The guessed kind and the signals it was decided by, with the years and address words
    /// of the text the hits were found in (see `walk::walk`).
    fn guess(&self, (years, address_words): (usize, usize)) -> (DocKind, KindBasis) {
        let weak = self.count_of_patterns(WEAK_FROM, RESUME_FROM);
        let posting = self.count_of_patterns(0, RESUME_FROM);
        let resume = self.count_of_patterns(RESUME_FROM, INLINE_FROM);
        let basis = KindBasis {
            given: false,
            resume_cues: resume,
            posting_cues: posting,
            years,
            address_words,
        };
        (basis.kind(weak), basis)
    }
}

/// Guesses the kind from the text's cue hits and word signals (years, address words), as
/// [`guess_kind`] does, with the counts.
pub(crate) fn guess_kind_of(hits: &CueHits, signals: (usize, usize)) -> (DocKind, KindBasis) {
    hits.guess(signals)
}

/// Phrases that mark a posting, compared ASCII-case-insensitively.
const POSTING_CUES: &[&str] = &[
    "you will",
    "we are looking for",
    "we're looking for",
    "the ideal candidate",
    "we offer",
    "apply now",
    "how to apply",
    "equal opportunity",
    "job description",
    "job type",
    "the successful candidate",
    "must have",
    "you have",
    "our client",
    "salary",
];

/// Phrases that mark a posting but also stand in resumes ("responsibilities included",
/// "gathering requirements", "summary of qualifications"): they count half.
const WEAK_POSTING_CUES: &[&str] = &["responsibilities", "requirements", "qualifications"];

/// Phrases that mark a resume.
const RESUME_CUES: &[&str] = &[
    "education details",
    "skill details",
    "company details",
    "personal details",
    "date of birth",
    "languages known",
    "hobbies",
    "declaration",
    "curriculum vitae",
    "career objective",
    "professional summary",
    "professional profile",
    "key skills",
    "technical skills",
    "it skills",
    "personal skills",
    "work experience",
    "professional experience",
    "employment history",
    "work history",
    "present\n",
    "to current",
    "- present",
    "\u{2013} present",
    "to present",
    "education\n",
    "summary\n",
    "skills\n",
    "references available",
    "objective",
    "company name",
    "city , state",
    "city, state",
];

/// The trusted inline heading phrases with their kinds, built once.
fn inline_phrases() -> &'static [(&'static str, SectionKind)] {
    static PHRASES: OnceLock<Vec<(&'static str, SectionKind)>> = OnceLock::new();
    PHRASES.get_or_init(|| {
        heading_table(DocKind::Posting)
            .iter()
            .copied()
            .filter(|(p, _)| trusted_inline(p))
            .collect()
    })
}

/// Heading phrases by document kind. Lower case, without trailing colon.
fn heading_table(doc_kind: DocKind) -> &'static [(&'static str, SectionKind)] {
    use SectionKind::*;
    match doc_kind {
        DocKind::Resume => &[
            ("summary", Summary),
            ("professional summary", Summary),
            ("career summary", Summary),
            ("executive summary", Summary),
            ("summary of qualifications", Summary),
            ("qualifications summary", Summary),
            ("profile", Summary),
            ("professional profile", Summary),
            ("objective", Summary),
            ("career objective", Summary),
            ("about me", Summary),
            ("overview", Summary),
            ("skills", Skills),
            ("technical skills", Skills),
            ("key skills", Skills),
            ("core skills", Skills),
            ("skill highlights", Skills),
            ("skills summary", Skills),
            ("highlights", Skills),
            ("core competencies", Skills),
            ("competencies", Skills),
            ("core qualifications", Skills),
            ("areas of expertise", Skills),
            ("expertise", Skills),
            ("technical proficiencies", Skills),
            ("technical expertise", Skills),
            ("technologies", Skills),
            ("tools", Skills),
            ("tools and technologies", Skills),
            ("skills and abilities", Skills),
            ("skills & abilities", Skills),
            ("computer skills", Skills),
            ("it skills", Skills),
            ("software", Skills),
            ("experience", Experience),
            ("work experience", Experience),
            ("professional experience", Experience),
            ("relevant experience", Experience),
            ("employment", Experience),
            ("employment history", Experience),
            ("work history", Experience),
            ("career history", Experience),
            ("professional background", Experience),
            ("experience details", Experience),
            ("internship", Experience),
            ("internships", Experience),
            ("certifications", Certifications),
            ("certification", Certifications),
            ("certificates", Certifications),
            ("licenses", Certifications),
            ("licenses and certifications", Certifications),
            ("licenses & certifications", Certifications),
            ("certifications and training", Certifications),
            ("certifications & training", Certifications),
            ("credentials", Certifications),
            ("training", Certifications),
            ("education", Education),
            ("education and training", Education),
            ("education & training", Education),
            ("academic background", Education),
            ("academic qualifications", Education),
            ("educational qualifications", Education),
            ("education details", Education),
            ("projects", Projects),
            ("personal projects", Projects),
            ("home lab", Projects),
            ("volunteer experience", Projects),
            ("volunteering", Projects),
            ("accomplishments", Other),
            ("achievements", Other),
            ("awards", Other),
            ("interests", Other),
            ("hobbies", Other),
            ("references", Other),
            ("languages", Other),
            ("additional information", Other),
            ("affiliations", Other),
            ("activities", Other),
        ],
        DocKind::Posting => &[
            ("responsibilities", Responsibilities),
            ("key responsibilities", Responsibilities),
            ("job responsibilities", Responsibilities),
            ("duties", Responsibilities),
            ("main duties", Responsibilities),
            ("job duties", Responsibilities),
            ("essential duties", Responsibilities),
            ("duties and responsibilities", Responsibilities),
            ("essential functions", Responsibilities),
            ("essential duties and responsibilities", Responsibilities),
            ("what you'll do", Responsibilities),
            ("what you will do", Responsibilities),
            ("the role", Responsibilities),
            ("about the role", Responsibilities),
            ("your role", Responsibilities),
            ("role description", Responsibilities),
            ("job description", Responsibilities),
            ("position summary", Responsibilities),
            ("job summary", Responsibilities),
            ("position description", Responsibilities),
            ("description", Responsibilities),
            ("requirements", Requirements),
            ("job requirements", Requirements),
            ("minimum requirements", Requirements),
            ("qualifications", Requirements),
            ("key qualifications", Requirements),
            ("minimum qualifications", Requirements),
            ("required qualifications", Requirements),
            ("basic qualifications", Requirements),
            ("required skills", Requirements),
            ("skills and requirements", Requirements),
            ("basic skills and requirements", Requirements),
            ("skills and experience", Requirements),
            ("skills & experience", Requirements),
            ("education and experience", Requirements),
            ("experience and qualifications", Requirements),
            ("what you'll need", Requirements),
            ("what you will need", Requirements),
            ("what we're looking for", Requirements),
            ("what we are looking for", Requirements),
            ("who you are", Requirements),
            ("you have", Requirements),
            ("must have", Requirements),
            ("must haves", Requirements),
            ("skills", Requirements),
            ("required", Requirements),
            ("preferred qualifications", Preferred),
            ("preferred skills", Preferred),
            ("preferred experience", Preferred),
            ("desired qualifications", Preferred),
            ("desired skills", Preferred),
            ("additional qualifications", Preferred),
            ("nice to have", Preferred),
            ("nice to haves", Preferred),
            ("bonus points", Preferred),
            ("bonus points if you have", Preferred),
            ("pluses", Preferred),
            ("preferred", Preferred),
            ("desirable", Preferred),
            ("benefits", Benefits),
            ("perks", Benefits),
            ("perks and benefits", Benefits),
            ("benefits and perks", Benefits),
            ("compensation", Benefits),
            ("compensation and benefits", Benefits),
            ("what we offer", Benefits),
            ("we offer", Benefits),
            ("why join us", Benefits),
            ("why work with us", Benefits),
            ("salary", Benefits),
            ("pay", Benefits),
            ("about us", Company),
            ("about the company", Company),
            ("company description", Company),
            ("company overview", Company),
            ("who we are", Company),
            ("our company", Company),
            ("our story", Company),
            ("equal opportunity", EqualOpportunity),
            ("equal opportunity employer", EqualOpportunity),
            ("eeo statement", EqualOpportunity),
            ("eeo", EqualOpportunity),
            ("diversity statement", EqualOpportunity),
            ("location", Other),
            ("job type", Other),
            ("schedule", Other),
            ("how to apply", Other),
        ],
    }
}

/// The longest phrase of [`heading_table`], in bytes: a longer key is no heading.
const HEADING_MAX: usize = 37;

fn lookup(phrase: &[u8], doc_kind: DocKind) -> Option<SectionKind> {
    if phrase.len() > HEADING_MAX {
        return None;
    }
    heading_table(doc_kind)
        .iter()
        .find(|(p, _)| p.as_bytes() == phrase)
        .map(|(_, k)| *k)
}

/// Lower-cases and squeezes a candidate heading: bullets, decoration and a trailing colon go.
#[cfg(test)]
fn heading_key(s: &str) -> String {
    let mut out = Vec::new();
    heading_key_into(s, &mut out);
    String::from_utf8(out).unwrap()
}

/// [`heading_key`] into `out` (cleared first; UTF-8), so that one buffer serves every line.
fn heading_key_into(s: &str, out: &mut Vec<u8>) {
    out.clear();
    if s.is_ascii() {
        return ascii_heading_key_into(s.as_bytes(), out);
    }
    let trimmed = s
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| c == ':' || c.is_whitespace() || c == '-' || c == '.');
    for word in trimmed.split_whitespace() {
        if !out.is_empty() {
            out.push(b' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(ascii_key_byte));
        } else {
            out.extend_from_slice(
                word.to_lowercase()
                    .replace(['\u{2019}', '`'], "'")
                    .as_bytes(),
            );
        }
    }
}

/// [`heading_key_into`] for an ASCII line, byte by byte: most lines are ASCII, and the `char`
/// trims and the Unicode white-space split cost several times more. `char::is_whitespace` and
/// `char::is_alphanumeric` agree with the byte tests here on ASCII (vertical tab included).
fn ascii_heading_key_into(b: &[u8], out: &mut Vec<u8>) {
    let space = |c: u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let mut lo = 0;
    while lo < b.len() && !b[lo].is_ascii_alphanumeric() {
        lo += 1;
    }
    let mut hi = b.len();
    while hi > lo && (space(b[hi - 1]) || matches!(b[hi - 1], b':' | b'-' | b'.')) {
        hi -= 1;
    }
    for word in b[lo..hi].split(|&c| space(c)).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(word.iter().map(|&c| ascii_key_byte(c)));
    }
}

/// An ASCII byte of a heading key: lower case, a backtick read as an apostrophe.
fn ascii_key_byte(c: u8) -> u8 {
    match c {
        b'`' => b'\'',
        c => c.to_ascii_lowercase(),
    }
}

fn find_headings(
    text: &str,
    doc_kind: DocKind,
    hits: Option<&CueHits>,
) -> Vec<(Range<usize>, SectionKind)> {
    let mut found = Vec::new();
    // Headings on a line of their own, or opening a line and followed by a colon. Lines are
    // split and colons found with `memchr` (vectorised), a colon only within its 51 bytes.
    let bytes = text.as_bytes();
    let mut key = Vec::new();
    let mut next = 0;
    while next < text.len() {
        let line_start = next;
        next =
            memchr::memchr(b'\n', &bytes[line_start..]).map_or(text.len(), |p| line_start + p + 1);
        let body = text[line_start..next].trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let abs = line_start + lead;
        let content = body.trim();
        if !content.is_empty() && content.len() <= 60 {
            heading_key_into(content, &mut key);
            if let Some(kind) = lookup(&key, doc_kind) {
                found.push((abs..abs + content.len(), kind));
                continue;
            }
        }
        let head = &content.as_bytes()[..content.len().min(51)];
        if let Some(colon) = memchr::memchr(b':', head) {
            heading_key_into(&content[..colon], &mut key);
            if let Some(kind) = lookup(&key, doc_kind) {
                found.push((abs..abs + colon + 1, kind));
            }
        }
    }
    // Inline headings in text whose line breaks were lost: "... benefits. Requirements: ..." or
    // "Company DescriptionRitz Safety is ..." (a title-case heading glued to the next word).
    if let Some(hits) = hits {
        debug_assert_eq!(doc_kind, DocKind::Posting);
        found.extend(inline_headings(text, hits));
    }
    found
}

/// Whether an inline heading phrase is trusted. One-word headings such as "pay", "skills" or
/// "description" are too common inside sentences to trust without a line of their own, except
/// the unambiguous long ones.
fn trusted_inline(phrase: &str) -> bool {
    phrase.contains(' ')
        || matches!(
            phrase,
            "requirements" | "qualifications" | "responsibilities" | "benefits" | "duties"
        )
}

fn inline_headings(text: &str, hits: &CueHits) -> Vec<(Range<usize>, SectionKind)> {
    let mut out = Vec::new();
    let phrases = inline_phrases();
    for (p, r) in hits.of_patterns(INLINE_FROM, INLINE_FROM + phrases.len()) {
        if let Some(heading) = inline_heading(text, r.start, r.end) {
            out.push((heading, phrases[p].1));
        }
    }
    out
}

/// The span of an inline heading, if the heading phrase at `start..end` of `text` is one: it
/// begins a sentence (or follows a run of spaces) with a capital, and ends in a colon or runs
/// straight into a capitalised word ("Responsibilities:", "RequirementsBachelor's").
fn inline_heading(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let before_ok = start == 0 || {
        let prev = text[..start].trim_end_matches([' ', '\t']);
        prev.is_empty()
            || prev.ends_with(['.', '!', '?', ':', ';', '\n', ')', '*', '\u{2022}'])
            || text[..start].ends_with("  ")
    };
    if !before_ok || !text.as_bytes()[start].is_ascii_uppercase() {
        return None;
    }
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    if trimmed.starts_with(':') {
        Some(start..end + (rest.len() - trimmed.len()) + 1)
    } else if rest
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_uppercase())
    {
        Some(start..end)
    } else {
        None
    }
}

/// Phrases that mark equal-opportunity and similar legal text, compared ASCII-case-insensitively.
const EEO_CUES: &[&str] = &[
    "equal opportunity employer",
    "equal employment opportunity",
    "an equal opportunity",
    "eoe",
    "without regard to race",
    "regard to race",
    "affirmative action employer",
    "reasonable accommodation",
    "e-verify",
];

/// Phrases of application instructions and contact lines in a posting ("questions go to the
/// Workday Helpdesk at 555-..."), and the starts of web addresses, compared
/// ASCII-case-insensitively anywhere in a clause.
pub(crate) const CONTACT_CUES: &[&str] = &[
    "to apply",
    "apply at",
    "apply online",
    "apply now",
    "apply today",
    "apply here",
    "click apply",
    "click here",
    "questions",
    "please contact",
    "contact us",
    "send your resume",
    "submit your resume",
    "email your resume",
    "e-mail your resume",
    "reach out to",
    "www.",
    "http",
];

/// Equal-opportunity and similar legal sentences in a posting: from the sentence that names the
/// cue to the end of its paragraph, since such statements run on for several sentences.
fn eeo_sentences(text: &str, hits: &CueHits) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    let from = INLINE_FROM + inline_phrases().len();
    for (_, r) in hits.of_patterns(from, from + EEO_CUES.len()) {
        let (at, from) = (r.start, r.end);
        let word_ok = (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            && bytes.get(from).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !word_ok {
            continue;
        }
        out.push(eeo_extent(text, at, from));
    }
    merge_ranges(out)
}

/// An equal-opportunity statement found at `at` (its cue ending at `from`): from the start of its
/// sentence to the end of its paragraph, at most 600 bytes on.
fn eeo_extent(text: &str, at: usize, from: usize) -> Range<usize> {
    let start = sentence_start(text, at);
    // Only a blank line starting within 600 bytes can end it first: search no further (a search
    // to the end of the text per statement made long postings quadratic).
    let window = &text.as_bytes()[from..(from + 601).min(text.len())];
    let end = memchr::memmem::find(window, b"\n\n")
        .map_or(text.len(), |p| from + p)
        .min(from + 600)
        .min(text.len());
    let end = (end..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    start..end
}

/// Sorted, with overlapping or touching ranges merged.
fn merge_ranges(mut out: Vec<Range<usize>>) -> Vec<Range<usize>> {
    out.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn sentence_start(text: &str, at: usize) -> usize {
    let head = &text[..at];
    head.rfind(['.', '!', '?', '\n']).map_or(0, |p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str, doc: DocKind, needle: &str) -> SectionKind {
        Sections::detect(text, doc).kind_at(text.find(needle).unwrap())
    }

    #[test]
    fn resume_headings_on_their_own_lines() {
        let t = "Jane Roe\nPROFESSIONAL SUMMARY\nTechnician.\nTechnical Skills:\nWindows 11\n\
                 Work Experience\nHelp desk\nCertifications\nCompTIA A+\nEducation\nA.A.S.\n";
        let d = DocKind::Resume;
        assert_eq!(kind_of(t, d, "Jane"), SectionKind::Preamble);
        assert_eq!(kind_of(t, d, "Technician."), SectionKind::Summary);
        assert_eq!(kind_of(t, d, "Windows 11"), SectionKind::Skills);
        assert_eq!(kind_of(t, d, "Help desk"), SectionKind::Experience);
        assert_eq!(kind_of(t, d, "CompTIA"), SectionKind::Certifications);
        assert_eq!(kind_of(t, d, "A.A.S."), SectionKind::Education);
    }

    #[test]
    fn heading_with_content_after_colon() {
        let t = "Skills: Windows, Linux\nExperience: three years at Acme";
        assert_eq!(kind_of(t, DocKind::Resume, "Linux"), SectionKind::Skills);
        assert_eq!(kind_of(t, DocKind::Resume, "Acme"), SectionKind::Experience);
    }

    #[test]
    fn posting_sections_and_boilerplate() {
        let t = "About Us\nWe run Windows everywhere.\nResponsibilities\nReset passwords.\n\
                 Requirements\nCompTIA A+.\nNice to have:\nIntune.\nBenefits\nFree Microsoft 365.\n\n\
                 Acme is an equal opportunity employer. All qualified applicants with Linux skills...";
        let d = DocKind::Posting;
        assert_eq!(kind_of(t, d, "Windows"), SectionKind::Company);
        assert_eq!(kind_of(t, d, "Reset"), SectionKind::Responsibilities);
        assert_eq!(kind_of(t, d, "CompTIA"), SectionKind::Requirements);
        assert_eq!(kind_of(t, d, "Intune"), SectionKind::Preferred);
        assert_eq!(kind_of(t, d, "Free"), SectionKind::Benefits);
        assert_eq!(kind_of(t, d, "Linux"), SectionKind::EqualOpportunity);
    }

    #[test]
    fn inline_headings_in_flattened_postings() {
        let t =
            "Company DescriptionAcme sells Windows laptops. Requirements: CompTIA A+ and Active \
                 Directory. Benefits: free Office 365 licence.";
        let d = DocKind::Posting;
        assert_eq!(kind_of(t, d, "Acme"), SectionKind::Company);
        assert_eq!(kind_of(t, d, "CompTIA"), SectionKind::Requirements);
        assert_eq!(kind_of(t, d, "Office"), SectionKind::Benefits);
    }

    #[test]
    fn a_word_inside_a_sentence_is_not_a_heading() {
        let t = "You will manage the benefits of automation and the requirements of users.";
        let s = Sections::detect(t, DocKind::Posting);
        assert_eq!(s.sections.len(), 1);
    }

    // The heading and cue searches as they were: one search per phrase over the lower-cased text.
    fn inline_headings_by_search(text: &str) -> Vec<(Range<usize>, SectionKind)> {
        let mut out = Vec::new();
        let lower = text.to_ascii_lowercase();
        for (phrase, kind) in super::heading_table(DocKind::Posting) {
            // One-word headings such as "pay", "skills" or "description" are too common inside
            // sentences to trust without a line of their own, except the unambiguous long ones.
            if !phrase.contains(' ')
                && !matches!(
                    *phrase,
                    "requirements" | "qualifications" | "responsibilities" | "benefits" | "duties"
                )
            {
                continue;
            }
            let mut from = 0;
            while let Some(pos) = lower[from..].find(phrase) {
                let start = from + pos;
                let end = start + phrase.len();
                from = end;
                if let Some(heading) = super::inline_heading(text, start, end) {
                    out.push((heading, *kind));
                }
            }
        }
        out
    }

    /// Equal-opportunity and similar legal sentences in a posting: from the sentence that names the
    /// cue to the end of its paragraph, since such statements run on for several sentences.
    #[test]
    fn an_eeo_statement_ends_where_a_search_of_the_whole_text_ends_it() {
        // A blank line just inside, at or past the 600 bytes, or none at all.
        for gap in [0, 1, 300, 597, 598, 599, 600, 601, 602, 900] {
            for tail in ["", "\n\nMore.", "\n"] {
                let text = format!(
                    "We are an equal opportunity employer{}\n\n{tail}",
                    "x".repeat(gap)
                );
                let (at, from) = (10, 36);
                let start = sentence_start(&text, at);
                let end = text[from..]
                    .find("\n\n")
                    .map_or(text.len(), |p| from + p)
                    .min(from + 600)
                    .min(text.len());
                assert_eq!(eeo_extent(&text, at, from), start..end, "gap {gap}");
            }
        }
    }

    fn eeo_sentences_by_search(text: &str) -> Vec<Range<usize>> {
        let lower = text.to_ascii_lowercase();
        let mut out: Vec<Range<usize>> = Vec::new();
        for cue in super::EEO_CUES {
            let mut from = 0;
            while let Some(pos) = lower[from..].find(cue) {
                let at = from + pos;
                from = at + cue.len();
                let word_ok = (at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric())
                    && lower
                        .as_bytes()
                        .get(from)
                        .is_none_or(|b| !b.is_ascii_alphanumeric());
                if !word_ok {
                    continue;
                }
                out.push(super::eeo_extent(&lower, at, from));
            }
        }
        super::merge_ranges(out)
    }

    #[test]
    fn heading_keys() {
        for (raw, key) in [
            ("  * Work   Experience: ", "work experience"),
            ("WHAT YOU\u{2019}LL DO", "what you'll do"),
            ("What You`ll Do -", "what you'll do"),
            ("\u{2022} \u{c9}ducation.", "\u{e9}ducation"),
            ("Skills\u{a0}& Abilities", "skills & abilities"),
            ("", ""),
        ] {
            assert_eq!(heading_key(raw), key, "{raw:?}");
        }
    }

    /// The key of a line as the `char` reading makes it, for any line.
    fn heading_key_by_chars(s: &str) -> String {
        let trimmed = s
            .trim()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| c == ':' || c.is_whitespace() || c == '-' || c == '.');
        let words: Vec<String> = trimmed
            .split_whitespace()
            .map(|w| w.to_lowercase().replace(['\u{2019}', '`'], "'"))
            .collect();
        words.join(" ")
    }

    /// The headings on lines of their own or before a colon, as found with `split_inclusive`
    /// and `str::find` before the lines were split with `memchr`.
    fn line_headings_by_split(text: &str, doc_kind: DocKind) -> Vec<(Range<usize>, SectionKind)> {
        let mut found = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let abs = line_start + body.len() - body.trim_start().len();
            let content = body.trim();
            line_start += line.len();
            if !content.is_empty() && content.len() <= 60 {
                if let Some(kind) = lookup(heading_key(content).as_bytes(), doc_kind) {
                    found.push((abs..abs + content.len(), kind));
                    continue;
                }
            }
            if let Some(colon) = content.find(':').filter(|&c| c <= 50) {
                if let Some(kind) = lookup(heading_key(&content[..colon]).as_bytes(), doc_kind) {
                    found.push((abs..abs + colon + 1, kind));
                }
            }
        }
        found
    }

    #[test]
    fn lines_split_by_memchr_give_the_split_headings() {
        let mut texts = super::super::pattern::testing::haystacks();
        texts.push(format!(
            "Skills{}: x\nSkills{}: y\r\n\n  Education  \r",
            " ".repeat(44),
            " ".repeat(45)
        ));
        texts.push("Requirements:\n\u{a0}Benefits\u{a0}\nabout us:\nno colon here\nSummary".into());
        let mut found = 0;
        for h in texts {
            for t in [h.clone(), h.to_ascii_uppercase()] {
                for kind in [DocKind::Resume, DocKind::Posting] {
                    let want = line_headings_by_split(&t, kind);
                    assert_eq!(find_headings(&t, kind, None), want, "{t:?}");
                    found += want.len();
                }
            }
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn no_heading_is_longer_than_the_longest() {
        let all = heading_table(DocKind::Posting)
            .iter()
            .chain(heading_table(DocKind::Resume));
        assert_eq!(all.map(|(p, _)| p.len()).max(), Some(HEADING_MAX));
    }

    #[test]
    fn ascii_heading_keys_are_the_char_keys() {
        let mut lines: Vec<String> = super::super::pattern::testing::haystacks()
            .iter()
            .flat_map(|h| {
                h.split_inclusive(['\n', ':'])
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        lines.extend(
            [
                "  * Work   Experience: ",
                "\x0bSkills\x0c\t-",
                "--. :",
                "What You`ll Do - ..",
                "A",
                ":Requirements:-. ",
                "\r\n",
            ]
            .map(String::from),
        );
        let mut ascii = 0;
        for line in lines {
            for l in [line.clone(), line.to_ascii_uppercase()] {
                assert_eq!(heading_key(&l), heading_key_by_chars(&l), "{l:?}");
                ascii += usize::from(l.is_ascii());
            }
        }
        assert!(ascii > 1000, "{ascii}");
    }

    #[test]
    fn one_pass_finds_what_the_searches_found() {
        let mut texts = super::super::pattern::testing::haystacks();
        texts.extend(
            [
                "Company DescriptionAcme. Requirements: A+  Benefits:x",
                "REQUIREMENTSRequirements: x. Key ResponsibilitiesDuties",
                "Nice to havenice to have: Nice To Haves: x",
                "We are an Equal Opportunity Employer. EOE/E-Verify.\n\nWithout regard to race",
                "eoeoe eoe, reasonable accommodationS. equal opportunity employeremployer",
                "About Us\u{a0} About the Company: What You'll Do:",
            ]
            .map(String::from),
        );
        for dir in ["postings", "resumes"] {
            let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/");
            for e in std::fs::read_dir(format!("{root}{dir}")).unwrap().flatten() {
                texts.push(std::fs::read_to_string(e.path()).unwrap());
            }
        }
        for h in texts {
            let title: String = h
                .split(' ')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(" ");
            for t in [&h, &title, &h.to_ascii_uppercase()] {
                let hits = CueHits::of(t);
                assert_eq!(
                    inline_headings(t, &hits),
                    inline_headings_by_search(t),
                    "{t:?}"
                );
                assert_eq!(eeo_sentences(t, &hits), eeo_sentences_by_search(t), "{t:?}");
            }
        }
    }

    /// The cue hits as an overlapping Aho-Corasick search of the same phrases found them
    /// (the reading before [`super::super::cue_search`]): each slot keeps the occurrences that
    /// do not overlap the last it kept, contact cues keep every occurrence.
    fn hits_by_automaton(cues: &Cues, text: &str) -> CueHits {
        use aho_corasick::{AhoCorasick, AhoCorasickKind};
        let level_cues = cues.levels.as_ref().map_or(&[][..], |f| f.cues());
        let phrases: Vec<String> = Cues::module_phrases()
            .map(String::from)
            .chain(level_cues.iter().cloned())
            .collect();
        let ac = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .build(&phrases)
            .unwrap();
        let level_from = contact_from() + CONTACT_CUES.len();
        let mut last_end = vec![0usize; phrases.len()];
        let (mut hits, mut contact) = (Vec::new(), Vec::new());
        let mut levels = vec![Vec::new(); level_cues.len()];
        for m in ac.find_overlapping_iter(text) {
            let slot = m.pattern().as_usize();
            if (contact_from()..level_from).contains(&slot) {
                contact.push(m.range());
            } else if m.start() >= last_end[slot] {
                last_end[slot] = m.end();
                if slot >= level_from {
                    levels[slot - level_from].push(m.start());
                } else {
                    hits.push((slot, m.range()));
                }
            }
        }
        hits.sort_by_key(|(p, r)| (*p, r.start));
        contact.sort_by_key(|r| (r.end, r.start));
        CueHits {
            hits,
            contact,
            levels: cues.levels.as_ref().map(|finder| LevelHits {
                finder: finder.clone(),
                starts: levels,
            }),
        }
    }

    #[test]
    fn the_search_finds_what_the_automaton_found() {
        let taxonomy = crate::Taxonomy::embedded();
        let levels = &taxonomy.roles()[0].levels;
        let with_levels = Cues::for_levels(levels);
        assert!(with_levels.has_levels());
        let mut texts = super::super::pattern::testing::haystacks();
        texts.push("Regard to race WITHOUT REGARD TO RACE apply nowapply now".into());
        texts.push("Sr. Engineer, SR IT TECH; Tier IITier 2 senior-senior Head Of IT".into());
        let mut found = 0;
        for h in texts {
            for t in [h.clone(), h.to_ascii_uppercase()] {
                for cues in [&*with_levels, Cues::plain()] {
                    let (got, want) = (CueHits::with(cues, &t), hits_by_automaton(cues, &t));
                    assert_eq!(got.hits, want.hits, "{t:?}");
                    assert_eq!(got.contact, want.contact, "{t:?}");
                    assert_eq!(got.levels, want.levels, "{t:?}");
                    found += got.hits.len() + got.contact.len();
                }
            }
        }
        assert!(found > 1000, "{found}");
    }

    /// The document's walk, reading the cue phrases' keys from its eight-byte chunks, finds
    /// what the search finds a byte at a time (pinned to the automaton above), at every
    /// alignment of the text against the chunks.
    #[test]
    fn the_walk_finds_what_the_search_found() {
        let taxonomy = crate::Taxonomy::embedded();
        let with_levels = Cues::for_levels(&taxonomy.roles()[0].levels);
        let mut texts = super::super::pattern::testing::haystacks();
        texts.extend(
            [
                "",
                "a",
                "ap",
                "sal",
                "salary",
                "Sr. Engineer, SR IT TECH; Tier IITier 2",
            ]
            .map(String::from),
        );
        let mut found = 0;
        for h in texts {
            let shifts = if h.len() > 3000 { 1 } else { 9 };
            for k in 0..shifts {
                let h = "x".repeat(k) + &h;
                for t in [h.clone(), h.to_ascii_uppercase()] {
                    for cues in [&*with_levels, Cues::plain()] {
                        let mut collector = CueCollector::new(cues);
                        super::super::walk::walk(&t, [], k % 2 == 0, Some(&mut collector));
                        let got = collector.finish();
                        assert_eq!(got, CueHits::with(cues, &t), "{t:?}");
                        found += got.hits.len() + got.contact.len();
                    }
                }
            }
        }
        assert!(found > 5000, "{found}");
    }

    #[test]
    fn cue_phrases_are_lower_case() {
        let phrases = inline_phrases();
        let all = POSTING_CUES
            .iter()
            .chain(WEAK_POSTING_CUES)
            .chain(RESUME_CUES)
            .chain(phrases.iter().map(|(p, _)| p))
            .chain(EEO_CUES)
            .chain(CONTACT_CUES);
        for p in all {
            assert_eq!(*p, p.to_ascii_lowercase());
        }
    }

    /// The years and address words of a lower-cased text, word by word as split by `str::split`.
    fn word_signals_by_split(lower: &str) -> (usize, usize) {
        let (mut years, mut address) = (0, 0);
        for w in lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                if let Ok(y) = w.parse::<u32>() {
                    years += usize::from((1950..=2029).contains(&y));
                }
            } else if ADDRESS_WORDS.contains(&w) {
                address += 1;
            }
        }
        (years, address)
    }

    #[test]
    fn word_signals_are_those_of_the_split_words() {
        let mut texts = super::super::pattern::testing::haystacks();
        texts.push(
            "We WILL 1949 1950 2029 2030 x2019 2019x 20190 you'r YOUR our-our \u{e9}we".into(),
        );
        texts.push("preferred REQUIRED should1 Should shoulder 2029_1950 wee we1 yours our".into());
        texts.push(String::new());
        // Every alignment against the eight-byte chunks, a word byte or not before the text.
        let shifted = |h: &str| -> Vec<String> {
            (0..8)
                .flat_map(|k| [" ".repeat(k) + h, "x".repeat(k) + h])
                .collect()
        };
        for h in texts.iter().flat_map(|h| shifted(h)) {
            for t in [h.clone(), h.to_ascii_uppercase()] {
                assert_eq!(
                    word_signals(&t),
                    word_signals_by_split(&t.to_ascii_lowercase()),
                    "{t:?}"
                );
            }
        }
        assert_eq!(word_signals("We will, YOU must. 2019 - 2031"), (1, 4));
        assert_eq!(word_signals("12345678you 2019"), (1, 0));
        assert_eq!(word_signals("1234567 you 2019"), (1, 1));
        assert!(ADDRESS_WORDS
            .iter()
            .all(|w| (2..=ADDRESS_WORD_MAX).contains(&w.len())));
    }

    #[test]
    fn contact_hits_are_the_searched_cues() {
        let mut texts = super::super::pattern::testing::haystacks();
        texts.push("Questions? E-mail your resume-mail your resume to HTTP://x or WWW.x".into());
        texts.push("apply nowapply now; to applyto apply".into());
        let mut checked = 0;
        for h in texts {
            if h.len() > 400 {
                continue;
            }
            let lower = h.to_ascii_lowercase();
            let hits = CueHits::of(&h);
            let bounds = || (0..=h.len()).filter(|&i| h.is_char_boundary(i));
            for a in bounds().step_by(5) {
                for b in bounds().skip_while(|&b| b < a).step_by(11) {
                    let searched = CONTACT_CUES.iter().any(|c| lower[a..b].contains(c));
                    assert_eq!(hits.has_contact_cue(a..b), searched, "{:?}", &h[a..b]);
                    checked += usize::from(searched);
                }
            }
        }
        assert!(checked > 0);
    }

    /// The kind with each cue searched for in turn.
    fn guess_kind_by_search(text: &str) -> DocKind {
        let lower = text.to_ascii_lowercase();
        let count =
            |cues: &[&str]| -> usize { cues.iter().map(|c| lower.matches(c).count()).sum() };
        let weak = count(WEAK_POSTING_CUES);
        let (years, address_words) = word_signals_by_split(&lower);
        KindBasis {
            given: false,
            resume_cues: count(RESUME_CUES),
            posting_cues: count(POSTING_CUES) + weak,
            years,
            address_words,
        }
        .kind(weak)
    }

    #[test]
    fn guessed_kind_is_the_searched_kind() {
        let mut texts = super::super::pattern::testing::haystacks();
        texts.push("x to currento current\nskills\nwe offer".to_string());
        texts.push("Work Experience\n2019 - Present\nSummary\nSkills\n".to_string());
        for h in texts {
            let cased = h.to_ascii_uppercase();
            for t in [&h, &cased] {
                assert_eq!(guess_kind(t), guess_kind_by_search(t), "{t:?}");
            }
        }
    }

    #[test]
    fn guesses_kind() {
        assert_eq!(
            guess_kind("Responsibilities\nYou will reset passwords.\nRequirements\nA+"),
            DocKind::Posting
        );
        assert_eq!(
            guess_kind("Work Experience\nTechnician, 2019 - Present\nEducation\nAAS"),
            DocKind::Resume
        );
    }
}
