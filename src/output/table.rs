//! Text for people: a header, then per scored document its rank, score, career level and id,
//! and below them the three gaps worth the most points in plain words (`--explain` adds the
//! score by group). Lines wrap at word boundaries to the width asked for; colour only when asked
//! for. Everything taken from a document (ids, matched text) is escaped, so that no file name or
//! text can forge a line or drive the terminal.

use std::io::{self, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

use anstyle::{AnsiColor, Style};

use super::{escape, Printer, RecordKind};
use crate::record::{ErrorRecord, ExtractRecord, Record, ScanDetail, ScanRecord};
use crate::scoring::{GapKind, ScoreReport};
use crate::taxonomy::{ConceptId, Taxonomy};

/// Marks the start of a scored row whose rank is written when the row is: records are rendered
/// in parallel, before their order is known. Never in rendered text otherwise: [`escape`] writes
/// control characters from documents as escapes.
const RANK_SLOT: u8 = 0x1e;
/// Width of the rank and score columns (the level column is as wide as the taxonomy's longest
/// level name).
const RANK_W: usize = 4;
const SCORE_W: usize = 5;
/// Where the lines under a row start: under the level column.
const INDENT: usize = RANK_W + 2 + SCORE_W + 2;
/// Gaps named under a row.
const TOP_GAPS: usize = 3;

/// How a [`TablePrinter`] lays text out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableStyle {
    /// Wrap lines to this many columns (at word boundaries); `None` never wraps.
    pub width: Option<usize>,
    /// Write ANSI colour and bold.
    pub color: bool,
    /// Show the score of every group under each row (`--explain`).
    pub explain: bool,
}

/// Writes records as text.
#[derive(Debug, Default)]
pub struct TablePrinter<'a> {
    taxonomy: Option<&'a Taxonomy>,
    kind: RecordKind,
    style: TableStyle,
    rank: AtomicUsize,
    level_w: usize,
}

impl<'a> TablePrinter<'a> {
    /// A printer that names concepts from `taxonomy` where records give only ids.
    pub fn new(taxonomy: Option<&'a Taxonomy>) -> TablePrinter<'a> {
        TablePrinter {
            taxonomy,
            ..TablePrinter::default()
        }
    }

    /// A printer for records of `kind`, laid out with `style`.
    pub fn with_style(
        taxonomy: Option<&'a Taxonomy>,
        kind: RecordKind,
        style: TableStyle,
    ) -> TablePrinter<'a> {
        let longest = taxonomy
            .iter()
            .flat_map(|t| t.roles())
            .flat_map(|r| &r.levels)
            .map(|l| l.name.chars().count())
            .max();
        TablePrinter {
            taxonomy,
            kind,
            style,
            rank: AtomicUsize::new(0),
            level_w: longest.unwrap_or(0).max("level".len()),
        }
    }

    fn name(&self, id: &ConceptId) -> String {
        self.taxonomy
            .and_then(|t| t.concept(id.as_str()))
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.style.color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_string()
        }
    }

    /// Writes `label` and `text` as lines starting at column [`INDENT`], wrapped to the width.
    fn block(&self, out: &mut dyn Write, label: &str, text: &str) -> io::Result<()> {
        let line = format!("{} {text}", self.paint(Style::new().bold(), label));
        for line in wrap(&line, INDENT, INDENT + 2, self.style.width) {
            match line {
                Line::First(s) => writeln!(out, "{:INDENT$}{s}", "")?,
                Line::Next(s) => writeln!(out, "{:w$}{s}", "", w = INDENT + 2)?,
            }
        }
        Ok(())
    }

    fn scan(&self, r: &ScanRecord, out: &mut dyn Write) -> io::Result<()> {
        let fit = match &r.detail {
            ScanDetail::Explained(e) => Some(&e.fit),
            ScanDetail::Compact(_) => None,
        };
        let level = fit
            .and_then(|f| f.level.as_ref().map(|l| l.name.clone()))
            .or_else(|| r.level().map(str::to_string))
            .unwrap_or_else(|| "-".into());
        let colour = match r.score {
            s if s >= 70.0 => AnsiColor::Green,
            s if s >= 40.0 => AnsiColor::Yellow,
            _ => AnsiColor::Red,
        };
        let score = self.paint(
            Style::new().fg_color(Some(colour.into())).bold(),
            &format!("{:>SCORE_W$.1}", r.score),
        );
        let id = escape(&r.id);
        // The rank is written in front when the row is: see `RANK_SLOT`.
        let head = format!("{score}  {level:<w$}  {id}", w = self.level_w);
        out.write_all(&[RANK_SLOT])?;
        let rest = INDENT + self.level_w + 2;
        for line in wrap(&head, RANK_W + 2, rest, self.style.width) {
            match line {
                Line::First(s) => writeln!(out, "{s}")?,
                Line::Next(s) => writeln!(out, "{:rest$}{s}", "")?,
            }
        }
        match fit {
            Some(f) => self.report(f, out),
            None => {
                let names: Vec<String> = r
                    .missing_essential()
                    .iter()
                    .map(|id| self.name(id))
                    .collect();
                if names.is_empty() {
                    return Ok(());
                }
                self.block(out, "missing:", &names.join(", "))
            }
        }
    }

    fn report(&self, f: &ScoreReport, out: &mut dyn Write) -> io::Result<()> {
        let group = |id: &str| super::group_name(f, id);
        let gaps = super::gaps_by_points(f);
        if gaps.is_empty() {
            self.block(out, "add:", "nothing: every requirement is shown")?;
        } else {
            let shown: Vec<String> = gaps
                .iter()
                .take(TOP_GAPS)
                .map(|g| {
                    let group = group(&g.group).to_lowercase();
                    // A years gap names its group already ("2 years of experience").
                    if g.kind == GapKind::Years || g.name.to_lowercase().starts_with(&group) {
                        format!("{} (+{:.1} points)", escape(&g.name), g.points)
                    } else {
                        format!("{} (+{:.1} points, {group})", escape(&g.name), g.points)
                    }
                })
                .collect();
            let more = gaps.len().saturating_sub(TOP_GAPS);
            let more = if more > 0 {
                format!("; {more} more")
            } else {
                String::new()
            };
            self.block(out, "add:", &format!("{}{more}", shown.join("; ")))?;
        }
        if !self.style.explain {
            return Ok(());
        }
        for g in f.groups.iter().filter(|g| g.max_points > 0.0) {
            let found: Vec<&str> = g.matched.iter().map(|e| e.name.as_str()).collect();
            let found = if found.is_empty() {
                String::new()
            } else {
                format!(": {}", found.join(", "))
            };
            let text = format!("{:.1} of {:.1}{}", g.points, g.max_points, escape(&found));
            self.block(out, &format!("{}:", g.name), &text)?;
        }
        if let Some(r) = &f.role_fit {
            // The groups' points are the coverage; the title and the focus make the score.
            let title = match r.title.as_deref() {
                Some(t) => format!("title \"{}\" {:.2}", escape(t), r.title_match),
                None => "no title naming the role".to_string(),
            };
            let (coverage, focus) = (r.coverage, r.focus);
            let mut text = format!("coverage {coverage:.1}; {title}; focus {focus:.2}");
            // Against a posting: the parts of the title, the evidence and the field years.
            if let Some(e) = r.evidence {
                text += &format!("; evidence {e:.1}");
            }
            if let Some(h) = r.headline_match {
                text += &format!("; headline {h:.2}");
            }
            if let Some(m) = r.roles_match {
                text += &format!("; recent roles {m:.2}");
            }
            if let Some(y) = &r.field_years {
                text += &format!("; years in the field {} of {}", y.found, y.required);
            }
            self.block(out, "role fit:", &text)?;
        }
        // Named but not shown: never among the groups' evidence, listed as what they are.
        let denied: Vec<String> = f
            .negated
            .iter()
            .filter(|id| !f.in_progress.contains(id))
            .map(|id| self.name(id))
            .collect();
        if !denied.is_empty() {
            self.block(out, "denied:", &escape(&denied.join(", ")))?;
        }
        let learning: Vec<String> = f.in_progress.iter().map(|id| self.name(id)).collect();
        if !learning.is_empty() {
            self.block(out, "in progress:", &escape(&learning.join(", ")))?;
        }
        for a in &f.adjustments {
            self.block(out, "adjusted:", &format!("x{:.2} {}", a.factor, a.reason))?;
        }
        Ok(())
    }

    fn error(&self, e: &ErrorRecord, out: &mut dyn Write) -> io::Result<()> {
        let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        let (id, error) = (escape(&e.id), escape(&e.error));
        let label = self.paint(Style::new().fg_color(Some(AnsiColor::Red.into())), "error");
        let text = format!("{id}{at}: {}: {error}", e.status);
        for line in wrap(&text, 7, 9, self.style.width) {
            match line {
                Line::First(s) => writeln!(out, "{label}  {s}")?,
                Line::Next(s) => writeln!(out, "{:9}{s}", "")?,
            }
        }
        Ok(())
    }
}

/// The printed width of `s` without its colour codes.
fn label_len(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match c {
            '\x1b' => in_escape = true,
            'm' if in_escape => in_escape = false,
            _ if in_escape => {}
            _ => n += 1,
        }
    }
    n
}

enum Line<'s> {
    First(&'s str),
    Next(&'s str),
}

/// `text` cut into lines at spaces: the first starts at column `first`, the others at `next`,
/// none past `width` unless one word is longer than a line. Words are never cut.
fn wrap(text: &str, first: usize, next: usize, width: Option<usize>) -> Vec<Line<'_>> {
    let Some(width) = width else {
        return vec![Line::First(text)];
    };
    let mut lines = Vec::new();
    let mut start = 0;
    let mut col = first;
    // End of the last word on the current line, and where the next word starts.
    let mut end = 0;
    let mut pos = 0;
    for word in text.split(' ') {
        let w = label_len(word);
        let at = pos;
        pos += word.len() + 1;
        let need = if end == start && at == start {
            w
        } else {
            w + 1
        };
        if end > start && col + need > width {
            lines.push(&text[start..end]);
            start = at;
            col = next + w;
            end = at + word.len();
            continue;
        }
        col += need;
        end = at + word.len();
    }
    if end > start || lines.is_empty() {
        lines.push(&text[start..end.max(start)]);
    }
    lines
        .into_iter()
        .map(str::trim_end)
        .enumerate()
        .map(|(i, s)| {
            if i == 0 {
                Line::First(s)
            } else {
                Line::Next(s)
            }
        })
        .collect()
}

fn extract(r: &ExtractRecord, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} ({} matches)", escape(&r.id), r.match_count())?;
    for m in &r.matches {
        writeln!(
            out,
            "  {:>7}..{:<7} {:<32} {:<16} {:?}",
            m.start,
            m.end,
            m.concept.as_str(),
            m.kind.as_str(),
            m.text
        )?;
    }
    Ok(())
}

impl Printer for TablePrinter<'_> {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        match record {
            Record::Extract(r) => extract(r, out),
            Record::Scan(r) => self.scan(r, out),
            Record::Error(e) => self.error(e, out),
        }
    }

    fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.kind == RecordKind::Extract {
            return Ok(());
        }
        let head = format!(
            "{:>RANK_W$}  {:>SCORE_W$}  {:<w$}  document",
            "rank",
            "score",
            "level",
            w = self.level_w
        );
        writeln!(
            out,
            "{}",
            self.paint(Style::new().bold().underline(), &head)
        )
    }

    fn write(&self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        match rendered.split_first() {
            Some((&RANK_SLOT, row)) => {
                let rank = self.rank.fetch_add(1, Ordering::Relaxed) + 1;
                write!(out, "{rank:>RANK_W$}  ")?;
                out.write_all(row)
            }
            _ => out.write_all(rendered),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, first: usize, next: usize, width: usize) -> Vec<String> {
        wrap(text, first, next, Some(width))
            .into_iter()
            .enumerate()
            .map(|(i, l)| match l {
                Line::First(s) => format!("{:first$}{s}", ""),
                Line::Next(s) => {
                    assert!(i > 0);
                    format!("{:next$}{s}", "")
                }
            })
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        let text = "CompTIA A+ (+6.8, certifications); Active Directory (+4.2, directory services)";
        let got = lines(text, 13, 15, 40);
        for l in &got {
            assert!(l.chars().count() <= 40, "{l:?}");
        }
        let words: Vec<&str> = got.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(words, text.split(' ').collect::<Vec<_>>());
        assert!(got.len() > 2);
    }

    #[test]
    fn a_word_longer_than_the_line_is_not_cut() {
        let long = "a".repeat(50);
        let got = lines(&format!("x {long} y"), 0, 2, 20);
        assert_eq!(got, ["x", &format!("  {long}"), "  y"]);
    }

    #[test]
    fn no_width_no_wrap() {
        let got = wrap("a b c", 0, 0, None);
        assert!(matches!(got.as_slice(), [Line::First("a b c")]));
    }
}
