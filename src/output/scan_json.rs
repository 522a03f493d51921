//! A `scan` record's JSON, written straight into the output buffer: the bytes `serde_json` writes
//! for the same [`ScanRecord`], without its per-field machinery (each key escaped and each
//! fragment written through `io::Write`). A record of `--explain` is tens of KB, mostly keys,
//! ids and names; here the keys are literals and a string is copied whole unless it holds a
//! byte JSON escapes. The types few records carry, or that are small (the profile, the years,
//! a level's reasons), still go through `serde_json`, field by field.
//!
//! The test at the end checks every byte against `serde_json` on the fixtures; a field added
//! to a record type must be added here too (the test fails until it is).

use std::io;

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

use crate::record::{ConceptHit, ScanDetail, ScanRecord, ScanSummary};
use crate::scoring::score::{Evidence, GroupScore, SpanRef};
use crate::scoring::{Gap, ScoreReport};
use crate::taxonomy::ConceptId;

/// Appends the JSON of `record` to `out`: the bytes `serde_json::to_writer` writes for it.
pub(crate) fn write_scan(out: &mut Vec<u8>, record: &ScanRecord) -> io::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    string(out, &record.id)?;
    out.extend_from_slice(b",\"format\":");
    string(out, &record.format)?;
    out.extend_from_slice(b",\"status\":");
    string(out, record.status.as_str())?;
    out.extend_from_slice(b",\"score\":");
    number(out, record.score)?;
    if let Some(h) = &record.hidden_text {
        out.extend_from_slice(b",\"hidden_text\":");
        serde(out, h)?;
    }
    match &record.detail {
        ScanDetail::Compact(s) => summary(out, s)?,
        ScanDetail::Explained(e) => {
            out.extend_from_slice(b",\"concepts\":[");
            for (i, c) in e.concepts.iter().enumerate() {
                comma(out, i);
                concept(out, c)?;
            }
            out.extend_from_slice(b"],\"fit\":");
            report(out, &e.fit)?;
        }
    }
    out.push(b'}');
    Ok(())
}

/// The compact summary's fields, each after a comma.
fn summary(out: &mut Vec<u8>, s: &ScanSummary) -> io::Result<()> {
    if let Some(level) = &s.level {
        out.extend_from_slice(b",\"level\":");
        string(out, level)?;
    }
    out.extend_from_slice(b",\"profile\":");
    serde(out, &s.profile)?;
    out.extend_from_slice(b",\"taxonomy\":");
    string(out, &s.taxonomy)?;
    out.extend_from_slice(b",\"matched\":");
    ids(out, &s.matched)?;
    out.extend_from_slice(b",\"missing_essential\":");
    ids(out, &s.missing_essential)?;
    out.extend_from_slice(b",\"negated\":");
    ids(out, &s.negated)?;
    if !s.in_progress.is_empty() {
        out.extend_from_slice(b",\"in_progress\":");
        ids(out, &s.in_progress)?;
    }
    Ok(())
}

fn concept(out: &mut Vec<u8>, c: &ConceptHit) -> io::Result<()> {
    out.extend_from_slice(b"{\"concept\":");
    string(out, c.concept.as_str())?;
    out.extend_from_slice(b",\"name\":");
    string(out, &c.name)?;
    out.extend_from_slice(b",\"kind\":");
    string(out, c.kind.as_str())?;
    out.extend_from_slice(b",\"count\":");
    integer(out, c.count);
    out.extend_from_slice(b",\"first\":{\"start\":");
    integer(out, c.first.start);
    out.extend_from_slice(b",\"end\":");
    integer(out, c.first.end);
    out.extend_from_slice(b",\"text\":");
    string(out, &c.first.text)?;
    out.push(b'}');
    if !c.polarity.is_found() {
        out.extend_from_slice(b",\"polarity\":");
        serde(out, &c.polarity)?;
    }
    out.push(b'}');
    Ok(())
}

fn report(out: &mut Vec<u8>, r: &ScoreReport) -> io::Result<()> {
    out.extend_from_slice(b"{\"taxonomy\":");
    serde(out, &r.taxonomy)?;
    out.extend_from_slice(b",\"profile\":");
    serde(out, &r.profile)?;
    out.extend_from_slice(b",\"profile_name\":");
    string(out, &r.profile_name)?;
    out.extend_from_slice(b",\"doc_kind\":");
    serde(out, &r.doc_kind)?;
    out.extend_from_slice(b",\"as_of\":");
    serde(out, &r.as_of)?;
    out.extend_from_slice(b",\"score\":");
    number(out, r.score)?;
    out.extend_from_slice(b",\"groups\":[");
    for (i, g) in r.groups.iter().enumerate() {
        comma(out, i);
        group(out, g)?;
    }
    out.extend_from_slice(b"],\"missing_essential\":");
    ids(out, &r.missing_essential)?;
    out.extend_from_slice(b",\"unmet_essential_groups\":[");
    for (i, g) in r.unmet_essential_groups.iter().enumerate() {
        comma(out, i);
        string(out, g)?;
    }
    out.extend_from_slice(b"],\"extra\":");
    ids(out, &r.extra)?;
    out.extend_from_slice(b",\"negated\":");
    ids(out, &r.negated)?;
    out.extend_from_slice(b",\"adjustments\":");
    serde(out, &r.adjustments)?;
    out.extend_from_slice(b",\"years\":");
    serde(out, &r.years)?;
    if let Some(level) = &r.level {
        out.extend_from_slice(b",\"level\":");
        serde(out, level)?;
    }
    out.extend_from_slice(b",\"gaps\":[");
    for (i, g) in r.gaps.iter().enumerate() {
        comma(out, i);
        gap(out, g)?;
    }
    out.extend_from_slice(b"],\"keyword_density\":");
    number(out, r.keyword_density)?;
    out.extend_from_slice(b",\"kind_basis\":");
    serde(out, &r.kind_basis)?;
    if let Some(rate) = r.match_rate {
        out.extend_from_slice(b",\"match_rate\":");
        number(out, rate)?;
    }
    if let Some(gap) = &r.level_gap {
        out.extend_from_slice(b",\"level_gap\":");
        serde(out, gap)?;
    }
    if !r.other_requirements.is_empty() {
        out.extend_from_slice(b",\"other_requirements\":");
        serde(out, &r.other_requirements)?;
    }
    if !r.unrecognised.is_empty() {
        out.extend_from_slice(b",\"unrecognised\":");
        serde(out, &r.unrecognised)?;
    }
    if !r.in_progress.is_empty() {
        out.extend_from_slice(b",\"in_progress\":");
        ids(out, &r.in_progress)?;
    }
    if let Some(fit) = &r.role_fit {
        out.extend_from_slice(b",\"role_fit\":");
        serde(out, fit)?;
    }
    out.push(b'}');
    Ok(())
}

fn group(out: &mut Vec<u8>, g: &GroupScore) -> io::Result<()> {
    out.extend_from_slice(b"{\"id\":");
    string(out, &g.id)?;
    out.extend_from_slice(b",\"name\":");
    string(out, &g.name)?;
    out.extend_from_slice(b",\"rule\":");
    serde(out, &g.rule)?;
    out.extend_from_slice(b",\"importance\":");
    serde(out, &g.importance)?;
    out.extend_from_slice(b",\"points\":");
    number(out, g.points)?;
    out.extend_from_slice(b",\"max_points\":");
    number(out, g.max_points)?;
    out.extend_from_slice(if g.met {
        b",\"met\":true,\"matched\":["
    } else {
        b",\"met\":false,\"matched\":["
    });
    for (i, e) in g.matched.iter().enumerate() {
        comma(out, i);
        evidence(out, e)?;
    }
    out.extend_from_slice(b"],\"missing\":");
    ids(out, &g.missing)?;
    if let Some(years) = &g.years {
        out.extend_from_slice(b",\"years\":");
        serde(out, years)?;
    }
    out.push(b'}');
    Ok(())
}

fn evidence(out: &mut Vec<u8>, e: &Evidence) -> io::Result<()> {
    out.extend_from_slice(b"{\"concept\":");
    string(out, e.concept.as_str())?;
    out.extend_from_slice(b",\"name\":");
    string(out, &e.name)?;
    out.extend_from_slice(b",\"kind\":");
    string(out, e.kind.as_str())?;
    out.extend_from_slice(b",\"credit\":");
    number(out, e.credit)?;
    if let Some(context) = &e.context {
        out.extend_from_slice(b",\"context\":");
        serde(out, context)?;
    }
    if let Some(by) = &e.implied_by {
        out.extend_from_slice(b",\"implied_by\":");
        string(out, by.as_str())?;
    }
    out.extend_from_slice(b",\"spans\":[");
    for (i, s) in e.spans.iter().enumerate() {
        comma(out, i);
        span(out, s)?;
    }
    out.extend_from_slice(b"],\"mentions\":");
    integer(out, e.mentions);
    if let Some(asked) = &e.asked {
        out.extend_from_slice(b",\"asked\":");
        string(out, asked.as_str())?;
    }
    out.push(b'}');
    Ok(())
}

fn span(out: &mut Vec<u8>, s: &SpanRef) -> io::Result<()> {
    out.extend_from_slice(b"{\"start\":");
    integer(out, s.start);
    out.extend_from_slice(b",\"end\":");
    integer(out, s.end);
    out.extend_from_slice(b",\"text\":");
    string(out, &s.text)?;
    out.extend_from_slice(b",\"section\":");
    string(out, s.section.as_str())?;
    out.push(b'}');
    Ok(())
}

fn gap(out: &mut Vec<u8>, g: &Gap) -> io::Result<()> {
    out.extend_from_slice(b"{\"kind\":");
    serde(out, &g.kind)?;
    if let Some(concept) = &g.concept {
        out.extend_from_slice(b",\"concept\":");
        string(out, concept.as_str())?;
    }
    out.extend_from_slice(b",\"name\":");
    string(out, &g.name)?;
    out.extend_from_slice(b",\"group\":");
    string(out, &g.group)?;
    out.extend_from_slice(b",\"importance\":");
    serde(out, &g.importance)?;
    out.extend_from_slice(b",\"points\":");
    number(out, g.points)?;
    if let Some(advice) = &g.advice {
        out.extend_from_slice(b",\"advice\":");
        string(out, advice)?;
    }
    if !g.options.is_empty() {
        out.extend_from_slice(b",\"options\":");
        ids(out, &g.options)?;
    }
    out.push(b'}');
    Ok(())
}

/// A comma before every element but the first.
fn comma(out: &mut Vec<u8>, i: usize) {
    if i > 0 {
        out.push(b',');
    }
}

/// A JSON array of ids.
fn ids(out: &mut Vec<u8>, ids: &[ConceptId]) -> io::Result<()> {
    out.push(b'[');
    for (i, id) in ids.iter().enumerate() {
        comma(out, i);
        string(out, id.as_str())?;
    }
    out.push(b']');
    Ok(())
}

/// A JSON string: copied whole between quotes when no byte of it needs an escape (the common
/// case: ids, names, surface texts), else escaped by `serde_json`.
fn string(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if needs_escape(s.as_bytes()) {
        return serde(out, s);
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
    Ok(())
}

/// Whether `s` holds a byte JSON escapes: a control character, a quote or a backslash. Eight
/// bytes at a time: a word has such a byte when one of its bytes is below 0x20, or when the
/// word XOR a repeated quote (or backslash) has a zero byte (the usual bit tricks, exact for
/// "is there one"). The last bytes are read as the last eight, overlapping the words before
/// (most strings are short ids: a byte-at-a-time remainder was most of the work).
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_in = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let word_needs = |w: &[u8]| {
        let w = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        let below_space = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let quote = zero_in(w ^ (ONES * u64::from(b'"')));
        let backslash = zero_in(w ^ (ONES * u64::from(b'\\')));
        below_space | quote | backslash != 0
    };
    let mut words = s.chunks_exact(8);
    if words.any(word_needs) {
        return true;
    }
    match words.remainder() {
        [] => false,
        _ if s.len() >= 8 => word_needs(&s[s.len() - 8..]),
        short => short.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\'),
    }
}

/// A number as `serde_json` writes an `f64`: `null` when not finite.
fn number(out: &mut Vec<u8>, x: f64) -> io::Result<()> {
    if x.is_finite() {
        CompactFormatter.write_f64(out, x)
    } else {
        out.extend_from_slice(b"null");
        Ok(())
    }
}

fn integer(out: &mut Vec<u8>, n: usize) {
    // Writing into a Vec cannot fail.
    let _ = CompactFormatter.write_u64(out, n as u64);
}

/// Any other value, by `serde_json`.
fn serde<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> io::Result<()> {
    Ok(serde_json::to_writer(out, value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "documents")]
    use crate::input::{inputs, Document, InputOptions};
    #[cfg(feature = "documents")]
    use crate::pipeline::{Detail, Pipeline, Target, Workspace};
    #[cfg(feature = "documents")]
    use crate::record::{Polarity, Record};
    #[cfg(feature = "documents")]
    use crate::scoring::{DocKind, Scorer};

    /// The fixture documents, read as the CLI reads a folder.
    #[cfg(feature = "documents")]
    fn fixtures() -> Vec<Document> {
        let dir = |d: &str| format!("{}/fixtures/{d}", env!("CARGO_MANIFEST_DIR")).into();
        let found = inputs(&[dir("resumes"), dir("postings")], &InputOptions::default());
        let docs: Vec<Document> = found
            .map(|i| i.load(&Default::default()).unwrap())
            .collect();
        assert!(docs.len() >= 10, "fixtures missing");
        docs
    }

    /// The word-at-a-time test agrees with a byte-at-a-time one for every byte value at every
    /// position of a word and of the remainder, among bytes that never need an escape.
    #[test]
    fn needs_escape_finds_every_byte_json_escapes() {
        let plain = |b: u8| !(b < 0x20 || b == b'"' || b == b'\\');
        for len in [1, 7, 8, 9, 12, 15, 16, 21] {
            for at in 0..len {
                for b in 0..=255u8 {
                    for fill in [b'a', 0x7f, 0xc3, 0x21, 0xff] {
                        let mut s = vec![fill; len];
                        s[at] = b;
                        assert_eq!(needs_escape(&s), !plain(b), "{s:?}");
                    }
                }
            }
        }
        assert!(!needs_escape(b""));
    }

    /// Every fixture, scored against the role (as a resume, a posting and guessed), a posting's
    /// profile and a resume, at both details: the same bytes as `serde_json`. Quotes, control
    /// characters and hidden text are added so that the escaping and rare fields show up too.
    #[test]
    #[cfg(feature = "documents")]
    fn scan_records_are_written_as_serde_json_writes_them() {
        let docs = fixtures();
        let scorer = Scorer::new(crate::Taxonomy::embedded()).unwrap();
        let mut targets = vec![
            Target::role(&scorer, None, Some(DocKind::Resume)).unwrap(),
            Target::role(&scorer, None, Some(DocKind::Posting)).unwrap(),
            Target::role(&scorer, None, None).unwrap(),
        ];
        let posting = docs
            .iter()
            .rev()
            .find(|d| d.text.contains("equire"))
            .unwrap();
        targets.push(Target::job(&scorer, &posting.text, None));
        targets.push(Target::resume(&scorer, &docs[0].text));
        let (mut in_progress, mut polarity, mut records) = (0, 0, 0);
        for target in targets {
            let mut pipeline = Pipeline::scan(scorer.clone(), target);
            for detail in [Detail::Compact, Detail::Explained] {
                pipeline.detail(detail);
                for (n, d) in docs.iter().enumerate() {
                    let text = &d.text;
                    let mut doc = Document::new(
                        format!("doc \"{n}\"\t\\"),
                        format!("{text}\nStudying for the CCNA. No experience with Linux.\n"),
                    );
                    if n % 3 == 0 {
                        doc.hidden.chars = 7;
                    }
                    let Record::Scan(rec) = pipeline.document(&doc, &mut Workspace::default())
                    else {
                        panic!("not a scan record")
                    };
                    let mut fast = Vec::new();
                    write_scan(&mut fast, &rec).unwrap();
                    let want = serde_json::to_vec(&rec).unwrap();
                    assert_eq!(
                        String::from_utf8(fast).unwrap(),
                        String::from_utf8(want).unwrap()
                    );
                    records += 1;
                    match &rec.detail {
                        ScanDetail::Compact(s) => in_progress += s.in_progress.len(),
                        ScanDetail::Explained(e) => {
                            polarity +=
                                e.concepts.iter().filter(|c| !c.polarity.is_found()).count();
                            assert!(e.concepts.iter().any(|c| c.polarity == Polarity::Found));
                        }
                    }
                }
            }
        }
        assert!(records > 0 && in_progress > 0 && polarity > 0);
    }
}
