//! Years of experience: what a text claims ("5+ years of desktop support"), what its dated
//! roles add up to ("Jan 2019 - Present", "03/2013 to 06/2016", overlaps counted once), and what
//! a posting requires ("minimum of 4-7 years").

use std::fmt;
use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::pattern::{
    group, has_prefix_fold, is_word_byte, l, opt, Class, Pattern, Starts, B, D, P, S0, S1, SLOTS,
};

/// A calendar month, the resolution dated roles are read at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct YearMonth {
    /// The year, such as 2024.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
}

impl YearMonth {
    /// A month; `month` is clamped to 1..=12.
    pub fn new(year: i32, month: u32) -> YearMonth {
        YearMonth {
            year,
            month: month.clamp(1, 12),
        }
    }

    /// The current month by the system clock (UTC). "Present" in a resume means this month,
    /// unless a caller fixes another one for reproducible results.
    pub fn today() -> YearMonth {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let days = (secs / 86_400) as i64;
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        YearMonth::new(year as i32, month as u32)
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Reads `YYYY-MM` (1900-01 to 2200-12), as the CLI's `--as-of` and the Python package's
/// `as_of` take it.
///
/// ```
/// use rolefit::scoring::YearMonth;
/// assert_eq!("2025-01".parse::<YearMonth>().unwrap(), YearMonth::new(2025, 1));
/// let err = "2025-13".parse::<YearMonth>().unwrap_err();
/// assert_eq!(err.to_string(), "'2025-13' is not a month: write it as YYYY-MM, like 2025-01");
/// ```
impl std::str::FromStr for YearMonth {
    type Err = ParseMonthError;

    fn from_str(s: &str) -> Result<YearMonth, ParseMonthError> {
        let fail = || ParseMonthError {
            input: s.to_string(),
        };
        let (y, m) = s.trim().split_once('-').ok_or_else(fail)?;
        let y: i32 = y.parse().map_err(|_| fail())?;
        let m: u32 = m.parse().map_err(|_| fail())?;
        if (1..=12).contains(&m) && (1900..=2200).contains(&y) {
            Ok(YearMonth::new(y, m))
        } else {
            Err(fail())
        }
    }
}

/// Text that is not a `YYYY-MM` month; its message says how to write one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseMonthError {
    input: String,
}

impl fmt::Display for ParseMonthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not a month: write it as YYYY-MM, like 2025-01",
            self.input
        )
    }
}

impl std::error::Error for ParseMonthError {}

/// An explicit statement of years: "5+ years of desktop support", "minimum of 4-7 years".
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct YearsClaim {
    /// The (lower) number of years stated.
    pub years: f64,
    /// The upper number, for a range such as "4-7 years".
    pub max_years: Option<f64>,
    /// The bytes of the statement in the original text.
    pub span: Range<usize>,
    /// The bytes of what the years are of ("desktop support"), when the text says.
    pub subject: Option<Range<usize>>,
}

/// A dated span such as "Jan 2019 - Present".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DateRange {
    /// First month.
    pub start: YearMonth,
    /// Last month ("Present" is the reference month).
    pub end: YearMonth,
    /// True when the range runs to the present.
    pub current: bool,
    /// The bytes of the range in the original text.
    pub span: Range<usize>,
}

impl DateRange {
    /// Length in months.
    pub fn months(&self) -> i64 {
        (self.end.index() - self.start.index()).max(0)
    }
}

/// `\d{1,2}(?:\.\d)?` or a number word up to twenty.
const NUMBER: P = P::Alt(&[
    P::Seq(&[P::Rep(&D, 1, 2, true), opt(&P::Seq(&[l("."), D]))]),
    l("one"),
    l("two"),
    l("three"),
    l("four"),
    l("five"),
    l("six"),
    l("seven"),
    l("eight"),
    l("nine"),
    l("ten"),
    l("eleven"),
    l("twelve"),
    l("thirteen"),
    l("fourteen"),
    l("fifteen"),
    l("twenty"),
]);

/// A claim: the number (group 1), an upper number (group 2), "years", and up to 80 characters
/// of what follows in the sentence (group 3), in any ASCII case.
static CLAIM: Pattern = Pattern::starting_caseless(CLAIM_ROOT, CLAIM_STARTS);

/// [`CLAIM`]'s tree.
const CLAIM_ROOT: P = P::Seq(&[
    B,
    P::Save(2),
    NUMBER,
    P::Save(3),
    S0,
    opt(&P::Alt(&[l("+"), l("plus")])),
    S0,
    opt(&P::Seq(&[
        P::Alt(&[l("-"), l("to"), l("\u{2013}"), l("\u{2014}")]),
        S0,
        P::Save(4),
        NUMBER,
        P::Save(5),
        S0,
        opt(&l("+")),
        S0,
    ])),
    P::Alt(&[
        P::Seq(&[l("year"), opt(&l("s"))]),
        P::Seq(&[l("yr"), opt(&l("s"))]),
    ]),
    B,
    opt(&P::Alt(&[l("'s"), l("\u{2019}s"), l("'")])),
    P::Save(6),
    P::Rep(&P::Class(Class::NotStop), 0, 80, true),
    P::Save(7),
]);

/// What every [`CLAIM`] begins with.
const CLAIM_STARTS: Starts = Starts {
    words: &[
        "one", "two", "thr", "fou", "fiv", "six", "sev", "eig", "nin", "ten", "ele", "twe", "thi",
        "fif",
    ],
    digits: true,
};

/// The words that lead from "years" to what they are years of: "of", "in", "as a",
/// "of hands-on experience in".
static CLAIM_SUBJECT: Pattern = Pattern::new(P::Seq(&[
    P::Start,
    S0,
    opt(&P::Seq(&[l(")"), S0])),
    P::Rep(
        &P::Alt(&[
            P::Seq(&[l("of"), S1]),
            P::Seq(&[l("in"), S1]),
            P::Seq(&[l("with"), S1]),
            P::Seq(&[l("as"), S1, opt(&P::Seq(&[l("a"), opt(&l("n")), S1]))]),
            P::Seq(&[l("working"), S1]),
            P::Seq(&[l("hands-on"), S1]),
            P::Seq(&[l("professional"), S1]),
            P::Seq(&[l("relevant"), S1]),
            P::Seq(&[l("related"), S1]),
            P::Seq(&[l("progressive"), S1]),
            P::Seq(&[l("proven"), S1]),
            P::Seq(&[l("practical"), S1]),
            P::Seq(&[l("total"), S1]),
            P::Seq(&[l("industry"), S1]),
            P::Seq(&[l("combined"), S1]),
            P::Seq(&[l("prior"), S1]),
            P::Seq(&[l("direct"), S1]),
            P::Seq(&[l("experience"), S1]),
            P::Seq(&[l("exp"), opt(&l(".")), S1]),
            P::Seq(&[l("background"), S1]),
        ]),
        1,
        u16::MAX,
        true,
    ),
]));

/// What makes "30 years" not a claim of experience: "old", "ago", "warranty".
static CLAIM_REJECT: Pattern = Pattern::new(P::Seq(&[
    P::Start,
    S0,
    P::Alt(&[
        l("old"),
        l("ago"),
        l("warranty"),
        l("guarantee"),
        l("later"),
        l("earlier"),
        l("running"),
        P::Seq(&[l("in"), S1, l("a"), S1, l("row")]),
        P::Seq(&[l("of"), S1, l("age")]),
        P::Seq(&[l("old"), opt(&l("s")), B]),
        P::Seq(&[l("from"), S1, l("now")]),
    ]),
]));

/// The number a claim's number group holds, read in any ASCII case.
fn parse_number(s: &str) -> Option<f64> {
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    ];
    if let Some(i) = words.iter().position(|w| w.eq_ignore_ascii_case(s)) {
        return Some(i as f64);
    }
    if s.eq_ignore_ascii_case("twenty") {
        return Some(20.0);
    }
    s.parse().ok()
}

/// Every explicit statement of years of experience in `text`.
///
/// ```
/// use rolefit::scoring::years::year_claims;
/// let t = "Technician with 5+ years of desktop support. Company founded 30 years ago.";
/// let claims = year_claims(t);
/// assert_eq!(claims.len(), 1);
/// assert_eq!(claims[0].years, 5.0);
/// assert_eq!(&t[claims[0].subject.clone().unwrap()], "desktop support");
/// ```
pub fn year_claims(text: &str) -> Vec<YearsClaim> {
    let mut out = Vec::new();
    // The words after a claim's "years" (at most 80 characters), lower-cased: what the
    // subject is read from. The only lower-cased text, and only at a claim.
    let mut rest = String::new();
    for caps in CLAIM.captures_iter_in(text, claim_windows(text)) {
        if let Some(claim) = claim_from(text, &caps, &mut rest) {
            out.push(claim);
        }
    }
    out
}

/// The claim `caps` (a [`CLAIM`] match in `text`) makes, if it is one of experience;
/// `lower_rest` is a buffer for its words after "years".
fn claim_from(text: &str, caps: &[usize; SLOTS], lower_rest: &mut String) -> Option<YearsClaim> {
    let whole = group(caps, 0)?;
    let n = parse_number(&text[group(caps, 1)?])?;
    let m = group(caps, 2).and_then(|m| parse_number(&text[m]));
    if !(0.0..=45.0).contains(&n) {
        return None;
    }
    let rest_span = group(caps, 3)?;
    let rest = lowered(&text[rest_span.clone()], lower_rest);
    if CLAIM_REJECT.is_match(rest) {
        return None;
    }
    let lead = CLAIM_SUBJECT.find(rest);
    let said_experience = lead.as_ref().is_some_and(|l| {
        let t = &rest[l.clone()];
        t.contains("experience")
            || t.contains("exp")
            || t.contains("working")
            || t.contains(" as ")
            || t.trim_start().starts_with("as ")
            || t.contains("background")
    }) || rest.contains("experience");
    // "5 years" alone is too often a contract length or an age; it must be years *of*
    // something or say experience.
    let lead = lead?;
    let subject_start = rest_span.start + lead.end;
    let tail = &rest[lead.end..];
    // The subject runs to the first clause word that leaves it.
    let cut = tail.find([',', '(', ')', ':']).unwrap_or(tail.len());
    let mut subject_text = &tail[..cut];
    for stop in [
        " and ",
        " or ",
        " with ",
        " including ",
        " is ",
        " are ",
        " required",
        " preferred",
        " in a ",
        " in an ",
        " at ",
        " as ",
        " for ",
        " within ",
        " using ",
    ] {
        if let Some(p) = subject_text.find(stop) {
            if p > 0 {
                subject_text = &subject_text[..p];
            }
        }
    }
    let subject_text = subject_text.trim_end();
    let subject =
        (!subject_text.is_empty()).then(|| subject_start..subject_start + subject_text.len());
    if subject.is_none() && !said_experience {
        return None;
    }
    Some(YearsClaim {
        years: n,
        max_years: m.filter(|m| *m > n),
        span: whole.start..rest_span.start + lead.end + subject_text.len(),
        subject,
    })
}

/// A month or season: "jan", "january", "sept", "fall".
const MONTH: P = P::Alt(&[
    P::Seq(&[l("jan"), opt(&l("uary"))]),
    P::Seq(&[l("feb"), opt(&l("ruary"))]),
    P::Seq(&[l("mar"), opt(&l("ch"))]),
    P::Seq(&[l("apr"), opt(&l("il"))]),
    l("may"),
    P::Seq(&[l("jun"), opt(&l("e"))]),
    P::Seq(&[l("jul"), opt(&l("y"))]),
    P::Seq(&[l("aug"), opt(&l("ust"))]),
    P::Seq(&[l("sep"), opt(&P::Seq(&[l("t"), opt(&l("ember"))]))]),
    P::Seq(&[l("oct"), opt(&l("ober"))]),
    P::Seq(&[l("nov"), opt(&l("ember"))]),
    P::Seq(&[l("dec"), opt(&l("ember"))]),
    l("spring"),
    l("summer"),
    l("fall"),
    l("autumn"),
    l("winter"),
]);

/// A date: an optional month ("Jan 2019", "03/2013") and a year from 1950 to 2099.
const DATE: P = P::Seq(&[
    opt(&P::Alt(&[
        P::Seq(&[MONTH, opt(&l(".")), opt(&l(",")), S0]),
        P::Seq(&[P::Rep(&D, 1, 2, true), S0, l("/"), S0]),
    ])),
    P::Alt(&[
        P::Seq(&[l("19"), P::Class(Class::Digit5To9), D]),
        P::Seq(&[l("20"), D, D]),
    ]),
]);

/// A dated span: its start (group 1) and its end (group 2), a date or "present", in any ASCII
/// case.
static DATE_RANGE: Pattern = Pattern::starting_caseless(DATE_RANGE_ROOT, DATE_RANGE_STARTS);

/// [`DATE_RANGE`]'s tree.
const DATE_RANGE_ROOT: P = P::Seq(&[
    B,
    P::Save(2),
    DATE,
    P::Save(3),
    S0,
    P::Alt(&[
        l("-"),
        l("\u{2013}"),
        l("\u{2014}"),
        l("~"),
        l("to"),
        l("until"),
        l("through"),
        l("thru"),
    ]),
    S0,
    P::Save(4),
    P::Alt(&[
        DATE,
        l("present"),
        l("current"),
        l("now"),
        l("today"),
        l("date"),
        l("ongoing"),
    ]),
    P::Save(5),
    B,
]);

/// What every [`DATE_RANGE`] begins with.
const DATE_RANGE_STARTS: Starts = Starts {
    words: &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "spr",
        "sum", "fal", "aut", "win",
    ],
    digits: true,
};

fn parse_date(s: &str) -> Option<YearMonth> {
    let s = s.trim();
    let year: i32 = s.get(s.len().checked_sub(4)?..)?.parse().ok()?;
    let head = s[..s.len() - 4]
        .trim()
        .trim_end_matches([',', '.', '/'])
        .trim();
    let month = if head.is_empty() {
        1
    } else if let Ok(m) = head.parse::<u32>() {
        if !(1..=12).contains(&m) {
            return None;
        }
        m
    } else {
        let names = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        if let Some(i) = names.iter().position(|n| head.starts_with(n)) {
            i as u32 + 1
        } else {
            match head {
                "spring" => 3,
                "summer" => 6,
                "fall" | "autumn" => 9,
                "winter" => 12,
                _ => 1,
            }
        }
    };
    Some(YearMonth::new(year, month))
}

/// Every dated range in `text`; "Present" and its synonyms resolve to `as_of`.
///
/// ```
/// use rolefit::scoring::years::{date_ranges, YearMonth};
/// let r = date_ranges("Help Desk Technician, Jan 2019 - Present", YearMonth::new(2024, 1));
/// assert_eq!(r[0].months(), 60);
/// ```
pub fn date_ranges(text: &str, as_of: YearMonth) -> Vec<DateRange> {
    let mut out = Vec::new();
    // One date of a range (a few bytes), lower-cased for reading.
    let mut date = String::new();
    for caps in DATE_RANGE.captures_iter_in(text, date_windows(text)) {
        let (Some(a), Some(b), Some(whole)) = (group(&caps, 1), group(&caps, 2), group(&caps, 0))
        else {
            continue;
        };
        let Some(start) = parse_date(lowered(&text[a], &mut date)) else {
            continue;
        };
        let (end, current) = match lowered(&text[b], &mut date) {
            "present" | "current" | "now" | "today" | "date" | "ongoing" => (as_of, true),
            other => match parse_date(other) {
                Some(d) => (d, false),
                None => continue,
            },
        };
        if start > end || end > as_of || end.index() - start.index() > 50 * 12 {
            continue;
        }
        out.push(DateRange {
            start,
            end,
            current,
            span: whole,
        });
    }
    out
}

/// `s` ASCII lower-cased into `buf`.
fn lowered<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    buf.push_str(s);
    buf.make_ascii_lowercase();
    buf
}

/// Where a claim can start: every claim holds "year" or "yr" (at `j`), and what comes before it
/// in the claim is numbers, "+", "plus", a dash or "to" and white space. So a claim starts after
/// the last character before `j` that none of these can hold, at most 40 bytes of them (two
/// numbers of up to 13 bytes, "plus", a dash, "+") plus any white space. Only the "year"s a
/// claim can end at are looked at ([`claim_anchor`]).
fn claim_windows(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let anchors = memchr::memchr2_iter(b'y', b'Y', b).filter(move |&j| claim_anchor(text, j));
    anchors.map(move |j| {
        let allowed = |c: char| {
            c.is_ascii_digit()
                || matches!(c, '.' | '+' | '-' | '\u{2013}' | '\u{2014}')
                || (!c.is_ascii() && super::pattern::is_digit(c))
                || "onetwhrfuivsxglyp".contains(c.to_ascii_lowercase())
        };
        walk_back(text, j, 40, allowed)..j
    })
}

/// The words a claim's number before "years" can end with, and "plus".
const BEFORE_YEARS: [&str; 17] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "twenty", "plus",
];

/// Whether a claim can hold its "years" at `j`: "year" or "yr", maybe "s", then no word byte
/// (the claim's `\b`); and before it, past white space, a digit, "+", "plus" or a number word
/// (the end of the claim's number, "+" or "plus"). In any ASCII case.
fn claim_anchor(text: &str, j: usize) -> bool {
    let b = text.as_bytes();
    let mut k = if has_prefix_fold(&b[j..], b"yr") {
        j + 2
    } else if has_prefix_fold(&b[j..], b"year") {
        j + 4
    } else {
        return false;
    };
    if b.get(k).is_some_and(|c| c.eq_ignore_ascii_case(&b's')) {
        k += 1;
    }
    if b.get(k).is_some_and(|&c| is_word_byte(c)) {
        return false;
    }
    let head = text[..j].trim_end_matches(char::is_whitespace);
    let ends_with = |w: &str| {
        head.len() >= w.len()
            && head.as_bytes()[head.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
    };
    match head.chars().next_back() {
        Some(c) if c.is_ascii_digit() || c == '+' => true,
        Some(c) if c.is_ascii_alphabetic() => BEFORE_YEARS.iter().any(|w| ends_with(w)),
        Some(c) => !c.is_ascii() && super::pattern::is_digit(c),
        None => false,
    }
}

/// Where a dated range can start: its first date holds a year beginning "19" or "20" (at `j`),
/// and before the year only a month name or number with ".", ",", "/" and white space: at most
/// 12 bytes of them plus any white space. Only the years a range can start with are looked at
/// ([`date_anchor`]).
fn date_windows(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let b = text.as_bytes();
    let anchors = memchr::memchr2_iter(b'1', b'2', b).filter(move |&j| date_anchor(b, j));
    anchors.map(move |j| {
        let allowed = |c: char| {
            c.is_ascii_alphanumeric()
                || matches!(c, '.' | ',' | '/')
                || (!c.is_ascii() && super::pattern::is_digit(c))
        };
        walk_back(text, j, 12, allowed)..j + 1
    })
}

/// Whether the first date of a range can hold its year at `j`: "19" and a digit from 5 to 9,
/// or "20" and a digit, then a digit; then white space and what joins two dates ("-", "~",
/// "to", "until", "through", "thru", or a dash beyond ASCII). A byte beyond ASCII where a digit
/// or white space can stand is let through. In any ASCII case.
fn date_anchor(b: &[u8], j: usize) -> bool {
    let third: fn(u8) -> bool = match b.get(j..j + 2) {
        Some(b"19") => |c| matches!(c, b'5'..=b'9'),
        Some(b"20") => |c| c.is_ascii_digit(),
        _ => return false,
    };
    match (b.get(j + 2), b.get(j + 3)) {
        (Some(&c), Some(&d)) if c < 0x80 && d < 0x80 => {
            if !(third(c) && d.is_ascii_digit()) {
                return false;
            }
        }
        (Some(_), Some(_)) => return true,
        _ => return false,
    }
    let mut k = j + 4;
    while b
        .get(k)
        .is_some_and(|&c| c.is_ascii_whitespace() || c == 0x0b)
    {
        k += 1;
    }
    let rest = &b[k..];
    match rest.first() {
        Some(&c) if c >= 0x80 => true,
        Some(b'-' | b'~') => true,
        Some(_) => {
            has_prefix_fold(rest, b"to")
                || has_prefix_fold(rest, b"until")
                || has_prefix_fold(rest, b"thr")
        }
        None => false,
    }
}

/// The lowest start before `j` reachable by stepping back over white space (free) and at most
/// `budget` bytes of characters `allowed` accepts.
fn walk_back(h: &str, j: usize, mut budget: usize, allowed: impl Fn(char) -> bool) -> usize {
    let mut lo = j;
    while let Some(c) = h[..lo].chars().next_back() {
        if !c.is_whitespace() {
            if !allowed(c) || c.len_utf8() > budget {
                break;
            }
            budget -= c.len_utf8();
        }
        lo -= c.len_utf8();
    }
    lo
}

/// Months covered by `ranges`, overlaps counted once.
pub fn union_months(ranges: &[DateRange]) -> i64 {
    let mut spans: Vec<(i64, i64)> = ranges
        .iter()
        .map(|r| (r.start.index(), r.end.index()))
        .collect();
    spans.sort_unstable();
    let mut total = 0;
    let mut current: Option<(i64, i64)> = None;
    for (s, e) in spans {
        match current {
            Some((cs, ce)) if s <= ce => current = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs;
                current = Some((s, e));
            }
            None => current = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = current {
        total += ce - cs;
    }
    total
}

#[cfg(test)]
mod tests {
    use super::super::pattern::testing;
    use super::*;

    // The regexes these patterns replace, as they were: the patterns must find the same.
    const NUMBER_RE: &str = r"\d{1,2}(?:\.\d)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|twenty";

    #[test]
    fn claim_is_its_regex() {
        const NUMBER: &str = NUMBER_RE;
        let re = &format!(
            r"(?x)
            (?-u:\b)(?P<n>{NUMBER})\s*(?:\+|plus)?\s*
            (?:(?:-|to|–|—)\s*(?P<m>{NUMBER})\s*\+?\s*)?
            (?:years?|yrs?)(?-u:\b)(?:'s|’s|')?
            (?P<rest>[^.;\n•]{{0,80}})"
        );
        testing::same_as_regex(&CLAIM, re, 3);
        testing::same_as_regex_any_case(&CLAIM, re, 3);
    }

    #[test]
    fn claim_subject_is_its_regex() {
        testing::same_as_regex(
            &CLAIM_SUBJECT,
            r"(?x)
            ^\s*(?:\)\s*)?
            (?:of\s+|in\s+|with\s+|as\s+(?:an?\s+)?|working\s+|hands-on\s+|professional\s+|relevant\s+|
               related\s+|progressive\s+|proven\s+|practical\s+|total\s+|industry\s+|combined\s+|prior\s+|direct\s+|
               experience\s+|exp\.?\s+|background\s+)+",
            0,
        );
    }

    #[test]
    fn claim_reject_is_its_regex() {
        testing::same_as_regex(
            &CLAIM_REJECT,
            r"^\s*(?:old|ago|warranty|guarantee|later|earlier|running|in\s+a\s+row|of\s+age|olds?(?-u:\b)|from\s+now)",
            0,
        );
    }

    #[test]
    fn date_range_is_its_regex() {
        let month = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|fall|autumn|winter";
        let date = format!(r"(?:(?:{month})\.?,?\s*|\d{{1,2}}\s*/\s*)?(?:19[5-9]\d|20\d\d)");
        let re = format!(
            r"(?x)
            (?-u:\b)(?P<a>{date})\s*(?:-|–|—|~|to|until|through|thru)\s*
            (?P<b>{date}|present|current|now|today|date|ongoing)(?-u:\b)"
        );
        testing::same_as_regex(&DATE_RANGE, &re, 2);
        testing::same_as_regex_any_case(&DATE_RANGE, &re, 2);
    }

    /// The windowed searches find exactly what a search at every position finds.
    #[test]
    fn windows_hold_every_match() {
        let mut texts = testing::haystacks();
        texts.extend(
            [
                "3 + 4 years",
                "twenty\u{a0}\u{2003} plus \u{2013}  fifteen + yrs of x",
                "\u{663}\u{663}.\u{663} \u{2014} \u{ff15}\u{ff15}.\u{ff15} + years",
                "twentyyears",
                "yr",
                "y",
                "september., \u{a0} 2019 - present",
                "\u{663}\u{663} \u{a0}/\u{2003} 1999 to now",
                "12/2019-2020",
                "2020",
                "20",
                "x1920 - 2021",
                "2019\u{2013}2021, 1950to1960, 1949 - 1960, 2019 \u{a0}~ now",
                "2019 until 2020; 2019 thru 2021; 2019 through date; 2019 , 2020",
                "20\u{663}\u{663} - 2020, 19\u{663}5 - 2020, 2019\u{2003}- 2020",
                "5 yrs, 5yrs of x, 5 years's x, fifteen years, often years, plus years",
                "10 + years of x, 3 - 5 yrs in y, 12 yearsx, 7 yearly, 2 yr, +years",
                "\u{663}years of x, twenty\u{2003}years of y, one year",
            ]
            .map(String::from),
        );
        for h in texts {
            for (p, windows) in [
                (&CLAIM, claim_windows(&h).collect::<Vec<_>>()),
                (&DATE_RANGE, date_windows(&h).collect()),
            ] {
                let all: Vec<[usize; SLOTS]> = p.captures_iter(&h).collect();
                let near: Vec<[usize; SLOTS]> =
                    p.captures_iter_in(&h, windows.into_iter()).collect();
                assert_eq!(near, all, "{h:?}");
            }
        }
    }

    /// The readers as they were before they read the text as given: over a lower-cased copy,
    /// with case-sensitive patterns, windows and anchors. The oracle of
    /// `readers_read_any_case_as_the_lower_cased_copy`.
    mod old {
        use super::super::super::pattern::{group, is_word_byte, Pattern};
        use super::super::{
            parse_date, walk_back, DateRange, YearMonth, YearsClaim, BEFORE_YEARS, CLAIM_ROOT,
            CLAIM_STARTS, DATE_RANGE_ROOT, DATE_RANGE_STARTS,
        };
        use std::ops::Range;

        static CLAIM: Pattern = Pattern::starting(CLAIM_ROOT, CLAIM_STARTS);
        static DATE_RANGE: Pattern = Pattern::starting(DATE_RANGE_ROOT, DATE_RANGE_STARTS);

        pub(super) fn year_claims_in(lower: &str) -> Vec<YearsClaim> {
            let mut out = Vec::new();
            for caps in CLAIM.captures_iter_in(lower, claim_windows(lower)) {
                // What a claim says is read as before (over its lower-cased words); only the
                // number is now read in any case, and it is read here from the copy.
                if let Some(claim) = super::super::claim_from(lower, &caps, &mut String::new()) {
                    out.push(claim);
                }
            }
            out
        }

        pub(super) fn date_ranges_in(lower: &str, as_of: YearMonth) -> Vec<DateRange> {
            let mut out = Vec::new();
            for caps in DATE_RANGE.captures_iter_in(lower, date_windows(lower)) {
                let (Some(a), Some(b), Some(whole)) =
                    (group(&caps, 1), group(&caps, 2), group(&caps, 0))
                else {
                    continue;
                };
                let Some(start) = parse_date(&lower[a]) else {
                    continue;
                };
                let (end, current) = match &lower[b] {
                    "present" | "current" | "now" | "today" | "date" | "ongoing" => (as_of, true),
                    other => match parse_date(other) {
                        Some(d) => (d, false),
                        None => continue,
                    },
                };
                if start > end || end > as_of || end.index() - start.index() > 50 * 12 {
                    continue;
                }
                out.push(DateRange {
                    start,
                    end,
                    current,
                    span: whole,
                });
            }
            out
        }

        pub(super) fn claim_windows(lower: &str) -> impl Iterator<Item = Range<usize>> + '_ {
            let b = lower.as_bytes();
            let anchors = memchr::memchr_iter(b'y', b).filter(move |&j| claim_anchor(lower, j));
            anchors.map(move |j| {
                let allowed = |c: char| {
                    c.is_ascii_digit()
                        || matches!(c, '.' | '+' | '-' | '\u{2013}' | '\u{2014}')
                        || (!c.is_ascii() && super::super::super::pattern::is_digit(c))
                        || "onetwhrfuivsxglyp".contains(c)
                };
                walk_back(lower, j, 40, allowed)..j
            })
        }

        fn claim_anchor(lower: &str, j: usize) -> bool {
            let b = lower.as_bytes();
            let mut k = match &b[j..] {
                [b'y', b'r', ..] => j + 2,
                [b'y', b'e', b'a', b'r', ..] => j + 4,
                _ => return false,
            };
            if b.get(k) == Some(&b's') {
                k += 1;
            }
            if b.get(k).is_some_and(|&c| is_word_byte(c)) {
                return false;
            }
            let head = lower[..j].trim_end_matches(char::is_whitespace);
            match head.chars().next_back() {
                Some(c) if c.is_ascii_digit() || c == '+' => true,
                Some(c) if c.is_ascii_alphabetic() => {
                    BEFORE_YEARS.iter().any(|w| head.ends_with(w))
                }
                Some(c) => !c.is_ascii() && super::super::super::pattern::is_digit(c),
                None => false,
            }
        }

        pub(super) fn date_windows(lower: &str) -> impl Iterator<Item = Range<usize>> + '_ {
            let b = lower.as_bytes();
            let anchors = memchr::memchr2_iter(b'1', b'2', b).filter(move |&j| date_anchor(b, j));
            anchors.map(move |j| {
                let allowed = |c: char| {
                    c.is_ascii_alphanumeric()
                        || matches!(c, '.' | ',' | '/')
                        || (!c.is_ascii() && super::super::super::pattern::is_digit(c))
                };
                walk_back(lower, j, 12, allowed)..j + 1
            })
        }

        fn date_anchor(b: &[u8], j: usize) -> bool {
            let third: fn(u8) -> bool = match b.get(j..j + 2) {
                Some(b"19") => |c| matches!(c, b'5'..=b'9'),
                Some(b"20") => |c| c.is_ascii_digit(),
                _ => return false,
            };
            match (b.get(j + 2), b.get(j + 3)) {
                (Some(&c), Some(&d)) if c < 0x80 && d < 0x80 => {
                    if !(third(c) && d.is_ascii_digit()) {
                        return false;
                    }
                }
                (Some(_), Some(_)) => return true,
                _ => return false,
            }
            let mut k = j + 4;
            while b
                .get(k)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == 0x0b)
            {
                k += 1;
            }
            let rest = &b[k..];
            match rest.first() {
                Some(&c) if c >= 0x80 => true,
                Some(b'-' | b'~') => true,
                Some(_) => {
                    rest.starts_with(b"to")
                        || rest.starts_with(b"until")
                        || rest.starts_with(b"thr")
                }
                None => false,
            }
        }
    }
    /// The texts the readers are checked on: the fixtures and the dev data texts (when the
    /// shared data is beside the repository), as written, and generated texts of cue words in
    /// mixed case.
    fn texts_as_written() -> Vec<String> {
        let mut out = Vec::new();
        let root = env!("CARGO_MANIFEST_DIR");
        for dir in ["fixtures/resumes", "fixtures/postings"] {
            for e in std::fs::read_dir(format!("{root}/{dir}"))
                .unwrap()
                .flatten()
            {
                out.extend(std::fs::read_to_string(e.path()));
            }
        }
        for file in ["postings", "resumes"] {
            let Ok(lines) =
                std::fs::read_to_string(format!("{root}/../shared/data/dev/{file}.jsonl"))
            else {
                continue;
            };
            for line in lines.lines() {
                let v: serde_json::Value = serde_json::from_str(line).unwrap();
                out.extend(v["text"].as_str().map(String::from));
            }
        }
        let generated = testing::haystacks();
        out.extend(
            generated
                .iter()
                .enumerate()
                .map(|(i, h)| testing::mixed_case(h, i as u64)),
        );
        out
    }

    /// Reading the text as written finds, at the same offsets, what the readers found in its
    /// lower-cased copy.
    #[test]
    fn readers_read_any_case_as_the_lower_cased_copy() {
        let as_of = YearMonth::new(2026, 11);
        let texts = texts_as_written();
        assert!(
            texts.iter().any(|t| t.contains("Years")),
            "mixed-case texts"
        );
        let (mut claims, mut ranges) = (0, 0);
        for t in &texts {
            let lower = t.to_ascii_lowercase();
            let c = year_claims(t);
            assert_eq!(c, old::year_claims_in(&lower), "{t:?}");
            let r = date_ranges(t, as_of);
            assert_eq!(r, old::date_ranges_in(&lower, as_of), "{t:?}");
            assert!(claim_windows(t).eq(old::claim_windows(&lower)), "{t:?}");
            assert!(date_windows(t).eq(old::date_windows(&lower)), "{t:?}");
            claims += c.len();
            ranges += r.len();
        }
        // The check is not empty.
        assert!(
            claims > 100 && ranges > 100,
            "{claims} claims, {ranges} ranges"
        );
    }

    const AS_OF: YearMonth = YearMonth {
        year: 2025,
        month: 1,
    };

    #[test]
    fn claims() {
        let t = "Over 7 years of experience in IT support; 3+ yrs with Active Directory. \
                 Requires 4-7 years of technical experience. Ten years as a help desk analyst.";
        let c = year_claims(t);
        let got: Vec<(f64, Option<f64>, Option<&str>)> = c
            .iter()
            .map(|c| (c.years, c.max_years, c.subject.clone().map(|s| &t[s])))
            .collect();
        assert_eq!(
            got,
            vec![
                (7.0, None, Some("IT support")),
                (3.0, None, Some("Active Directory")),
                (4.0, Some(7.0), Some("technical experience")),
                (10.0, None, Some("help desk analyst")),
            ]
        );
    }

    #[test]
    fn not_claims() {
        for t in [
            "The company is 30 years old.",
            "Founded 25 years ago.",
            "3 year warranty on laptops.",
            "A 2 year contract.",
        ] {
            assert!(year_claims(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn ranges_and_union() {
        let t = "Acme, 03/2013 to Current\nBeta Corp, Jan 2010 – Dec 2014\nSchool 2005 - 2009";
        let r = date_ranges(t, AS_OF);
        assert_eq!(r.len(), 3);
        assert!(r[0].current);
        assert_eq!(r[1].start, YearMonth::new(2010, 1));
        // 2010-01 .. 2025-01 once, plus 2005..2009.
        assert_eq!(union_months(&r[..2]), 15 * 12);
        assert_eq!(union_months(&r), 15 * 12 + 4 * 12);
    }

    #[test]
    fn future_and_reversed_ranges_are_dropped() {
        assert!(date_ranges("2020 - 2018", AS_OF).is_empty());
        assert!(date_ranges("2024 - 2031", AS_OF).is_empty());
    }

    #[test]
    fn today_is_sane() {
        let t = YearMonth::today();
        assert!(t.year >= 2024 && (1..=12).contains(&t.month));
    }
}
