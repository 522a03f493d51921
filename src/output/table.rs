//! Text for people: a block of lines per document. Everything taken from a document (ids,
//! matched text) is escaped, so that no file name or text can forge a line or drive the
//! terminal.

use std::io::{self, Write};

use super::{escape, Printer};
use crate::record::{ErrorRecord, ExtractRecord, Record, ScanDetail, ScanRecord};
use crate::taxonomy::{ConceptId, Taxonomy};

/// Writes records as text.
#[derive(Debug, Default)]
pub struct TablePrinter<'a> {
    taxonomy: Option<&'a Taxonomy>,
}

impl<'a> TablePrinter<'a> {
    /// A printer that names concepts from `taxonomy` where records give only ids.
    pub fn new(taxonomy: Option<&'a Taxonomy>) -> TablePrinter<'a> {
        TablePrinter { taxonomy }
    }

    fn name(&self, id: &ConceptId) -> String {
        self.taxonomy
            .and_then(|t| t.concept(id.as_str()))
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    }

    fn scan(&self, r: &ScanRecord, out: &mut dyn Write) -> io::Result<()> {
        let id = escape(&r.id);
        let e = match &r.detail {
            ScanDetail::Explained(e) => e,
            ScanDetail::Compact(s) => {
                let level = s.level.as_ref().map(|l| format!("  [{l}]"));
                writeln!(out, "{:>5.1}  {id}{}", r.score, level.unwrap_or_default())?;
                return self.missing(&s.missing_essential, out);
            }
        };
        let f = &e.fit;
        let level = f.level.as_ref().map(|l| format!("  [{}]", l.name));
        writeln!(out, "{:>5.1}  {id}{}", f.score, level.unwrap_or_default())?;
        let groups: Vec<String> = f
            .groups
            .iter()
            .filter(|g| g.max_points > 0.0)
            .map(|g| format!("{} {:.1}/{:.1}", g.id, g.points, g.max_points))
            .collect();
        writeln!(out, "       {}", groups.join(", "))?;
        if let Some(r) = &f.role_fit {
            // The groups' points are the coverage; the title and the focus make the score.
            let title = match r.title.as_deref() {
                Some(t) => format!("title \"{}\" {:.2}", escape(t), r.title_match),
                None => "no title naming the role".to_string(),
            };
            let (coverage, focus) = (r.coverage, r.focus);
            writeln!(
                out,
                "       coverage {coverage:.1}; {title}; focus {focus:.2}"
            )?;
        }
        let names: Vec<&str> = e.concepts.iter().map(|c| c.name.as_str()).collect();
        if !names.is_empty() {
            writeln!(out, "       found: {}", names.join(", "))?;
        }
        if !f.unmet_essential_groups.is_empty() {
            let groups = f.unmet_essential_groups.join(", ");
            writeln!(out, "       unmet essential groups: {groups}")?;
        }
        self.missing(&f.missing_essential, out)?;
        for a in &f.adjustments {
            writeln!(out, "       x{:.2} {}", a.factor, a.reason)?;
        }
        Ok(())
    }

    fn missing(&self, ids: &[ConceptId], out: &mut dyn Write) -> io::Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let names: Vec<String> = ids.iter().map(|id| self.name(id)).collect();
        writeln!(out, "       missing essential: {}", names.join(", "))
    }
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

fn error(e: &ErrorRecord, out: &mut dyn Write) -> io::Result<()> {
    let at = e.line.map(|l| format!(" (line {l})")).unwrap_or_default();
    let (id, error) = (escape(&e.id), escape(&e.error));
    writeln!(out, "error  {id}{at}: {}: {error}", e.status)
}

impl Printer for TablePrinter<'_> {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        match record {
            Record::Extract(r) => extract(r, out),
            Record::Scan(r) => self.scan(r, out),
            Record::Error(e) => error(e, out),
        }
    }
}
