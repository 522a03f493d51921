//! Polarity of a mention: whether the text around a term affirms it ("five years of Intune"),
//! denies it ("no experience with Intune", "Intune not required") or, in a posting, marks it as
//! preferred rather than required ("Intune is a plus", "nice to have: Intune").

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

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

fn negation_before() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?-u:\b)no\s+(?:prior\s+|previous\s+|professional\s+|hands-on\s+|real\s+|working\s+|direct\s+)?
                (?:experience|exposure|knowledge|background|familiarity|training)\s+(?:with|in|of|using|on)(?-u:\b)
          | (?-u:\b)not\s+(?:yet\s+|very\s+|particularly\s+)?(?:familiar|experienced|proficient|comfortable|certified|trained|skilled)\s+(?:with|in|on|at)(?-u:\b)
          | (?-u:\b)not\s+(?:yet\s+)?certified(?-u:\b)
          | (?-u:\b)unfamiliar\s+with(?-u:\b)
          | (?-u:\b)never\s+(?:used|worked\s+with|worked\s+on|touched|administered|configured)(?-u:\b)
          | (?-u:\b)(?:have|has)\s*(?:not|n't)\s+(?:yet\s+)?(?:used|worked\s+with|worked\s+on)(?-u:\b)
          | (?-u:\b)lack(?:ing|s)?\s+(?:of\s+)?(?:experience|knowledge|exposure)?\s*(?:with|in|of)?(?-u:\b)
          | (?-u:\b)(?:currently\s+)?(?:studying|preparing|working\s+towards?|pursuing|enrolled)\s+(?:for\s+|in\s+)?(?:the\s+|an?\s+|my\s+)?
          | (?-u:\b)plan(?:ning)?\s+to\s+(?:take|earn|obtain|sit)(?-u:\b)
          | (?-u:\b)not\s+required\s*:
          | (?-u:\b)no\s*$
          | (?-u:\b)no\s+(?:\w+\s+)?(?:experience|knowledge)\s*$
        ",
        )
        .expect("negation regex")
    })
}

fn negation_after() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            ^[\s,]*(?:\w+\s+){0,3}?(?:is|are)?\s*
            (?:not\s+(?:required|needed|necessary|essential|mandatory)|not\s+a\s+requirement|unnecessary|\(?in\s+progress|\(?expected\s+\d{4})
        ",
        )
        .expect("negation-after regex")
    })
}

fn preference_after() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?-u:\b)(?:(?:is|are|would\s+be|will\s+be)\s+)?(?:a\s+(?:big\s+|huge\s+|strong\s+|definite\s+)?(?:plus|bonus|advantage)|an\s+(?:added\s+)?(?:advantage|asset|plus|bonus))(?-u:\b)
          | (?-u:\b)(?:strongly\s+|highly\s+)?(?:preferred|desired|desirable|preferable|beneficial|advantageous)(?-u:\b)
          | (?-u:\b)nice[\s-]to[\s-]have(?-u:\b)
          | (?-u:\b)nice\s+to\s+see(?-u:\b)
          | (?-u:\b)would\s+be\s+(?:nice|helpful|great|ideal)(?-u:\b)
          | (?-u:\b)(?:is|are)\s+(?:helpful|optional)(?-u:\b)
          | (?-u:\b)pluses(?-u:\b)
        ",
        )
        .expect("preference-after regex")
    })
}

fn preference_before() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            (?-u:\b)(?:preferred|desired|desirable|nice[\s-]to[\s-]have|bonus(?:\s+points)?|pluses|a\s+plus|ideally|preferably|optional)(?-u:\b)
          | (?-u:\b)(?:we\s+)?(?:would\s+)?prefer(?-u:\b)
          | (?-u:\b)preference\s+(?:for|to|given)(?-u:\b)
          | (?-u:\b)plus\s*:
        ",
        )
        .expect("preference-before regex")
    })
}

fn required_word() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u:\b)(?:required|must|mandatory|essential|minimum)(?-u:\b)")
            .expect("required regex")
    })
}

fn clause_break() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
            [.!?](?:\s|$) | [;\n\u{2022}\u{25aa}\u{25cf}|] | \s-\s
          | (?-u:\b)(?:but|however|although|though|whereas|while)(?-u:\b)
        ",
        )
        .expect("clause regex")
    })
}

/// The clause around `span`: from just after the last break before it to the first break after
/// it, at most [`CLAUSE_LIMIT`] bytes each side.
fn clause(text: &str, span: &Range<usize>) -> Range<usize> {
    let lo = floor_boundary(text, span.start.saturating_sub(CLAUSE_LIMIT));
    let hi = ceil_boundary(text, (span.end + CLAUSE_LIMIT).min(text.len()));
    let before = &text[lo..span.start];
    let start = clause_break()
        .find_iter(before)
        .last()
        .map_or(lo, |m| lo + m.end());
    let after = &text[span.end..hi];
    let end = clause_break()
        .find(after)
        .map_or(hi, |m| span.end + m.start());
    start..end
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

fn polarity_in(lower: &str, span: Range<usize>, in_posting: bool) -> PolarityCue {
    let c = clause(lower, &span);
    let before_start = floor_boundary(
        lower,
        c.start.max(span.start.saturating_sub(NEGATION_REACH)),
    );
    let before = &lower[before_start..span.start];
    if let Some(m) = negation_before().find_iter(before).last() {
        return PolarityCue {
            polarity: Polarity::Negated,
            cue: Some(before_start + m.start()..before_start + m.end()),
        };
    }
    let after = &lower[span.end..c.end];
    if let Some(m) = negation_after().find(after) {
        return PolarityCue {
            polarity: Polarity::Negated,
            cue: Some(span.end + m.start()..span.end + m.end()),
        };
    }
    if !in_posting {
        return PolarityCue {
            polarity: Polarity::Positive,
            cue: None,
        };
    }
    // A preference cue after the mention counts unless "required" stands between them
    // ("a degree is required, a master's preferred").
    let after_end = floor_boundary(lower, c.end.min(span.end + PREFERENCE_REACH));
    let after = &lower[span.end..after_end];
    if let Some(m) = preference_after().find(after) {
        let between = &after[..m.start()];
        if !required_word().is_match(between) {
            return PolarityCue {
                polarity: Polarity::Preferred,
                cue: Some(span.end + m.start()..span.end + m.end()),
            };
        }
    }
    let pre_start = floor_boundary(
        lower,
        c.start.max(span.start.saturating_sub(PREFERENCE_REACH)),
    );
    let before = &lower[pre_start..span.start];
    if let Some(m) = preference_before().find_iter(before).last() {
        let between = &before[m.end()..];
        if !required_word().is_match(between) {
            return PolarityCue {
                polarity: Polarity::Preferred,
                cue: Some(pre_start + m.start()..pre_start + m.end()),
            };
        }
    }
    PolarityCue {
        polarity: Polarity::Positive,
        cue: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
