//! One self-contained HTML report for people: inline CSS, no scripts, nothing fetched. Per
//! document a score gauge, the score by group as bars, what to add with the points and advice,
//! requirements to check by hand, years and level with reasons, and the document's text with
//! every evidence span highlighted; for a batch, a ranked summary that links to each document.
//! Everything taken from a document is escaped by the template (maud).

use std::io::{self, Write};
use std::sync::Mutex;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use sha2::{Digest, Sha256};

use super::Printer;
use crate::record::{ErrorRecord, Explained, Polarity, Record, ScanDetail, ScanRecord};
use crate::scoring::{DocKind, ScoreReport};
use crate::taxonomy::role::Importance;
use crate::taxonomy::Kind;

/// Splits a rendered record into its summary row and its section, which are written apart:
/// the rows are gathered and written, ranked, at the end. Never in the markup itself: maud
/// escapes text and this is a control character.
const ROW_END: u8 = 0x1e;

const CSS: &str = r#"
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1d2330;display:flex;flex-direction:column}
#summary{order:-1}
h1{font-size:1.5rem;margin:.2rem 0}
h2{font-size:1.2rem;margin:0;word-break:break-all}
section.doc{border:1px solid #d6dae3;border-radius:8px;padding:1rem;margin:1rem 0}
.head{display:flex;gap:1rem;align-items:center}
.gauge{--c:#2e7d32;width:5.5rem;height:5.5rem;border-radius:50%;flex:none;display:grid;place-items:center;
 background:conic-gradient(var(--c) calc(var(--p)*1%),#e4e7ee 0)}
.gauge.mid{--c:#d08b00}.gauge.low{--c:#c62828}
.gauge b{background:#fff;border-radius:50%;width:4.2rem;height:4.2rem;display:grid;place-items:center;font-size:1.2rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e7ee}
.num{text-align:right;font-variant-numeric:tabular-nums}
.bars div{display:grid;grid-template-columns:16rem 1fr 6rem;gap:.5rem;align-items:center;margin:.15rem 0}
.bar{background:#e4e7ee;height:.7rem;border-radius:4px;overflow:hidden}.bar i{display:block;height:100%;background:#3f6fd8}
.text{white-space:pre-wrap;font:13px/1.5 ui-monospace,monospace;background:#f7f8fa;padding:.75rem;border-radius:6px;max-height:40rem;overflow:auto}
mark{border-radius:3px;padding:0 1px;background:#dbe7ff}
mark.k-certification{background:#ffe2b8}mark.k-tool,mark.k-platform{background:#d4f2d6}
mark.k-skill,mark.k-methodology{background:#dbe7ff}mark.k-hardware,mark.k-protocol{background:#eadcff}
mark.k-education{background:#ffd9e6}
mark.negated{background:#eee;text-decoration:line-through;color:#8a2020}
mark.in-progress{background:#fff;outline:2px dashed #d08b00}
.legend mark{margin-right:.4rem}
.muted{color:#5b6475}.error{color:#a11}
"#;

/// Writes records as one HTML page.
#[derive(Debug, Default)]
pub struct HtmlPrinter {
    rows: Mutex<Vec<Vec<u8>>>,
}

impl HtmlPrinter {
    /// A printer for one page.
    pub fn new() -> HtmlPrinter {
        HtmlPrinter::default()
    }
}

/// The anchor of a document's section, from its id (ids are unique in a batch).
fn anchor(id: &str) -> String {
    let hash = Sha256::digest(id.as_bytes());
    let hex: String = hash[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("doc-{hex}")
}

fn level_class(score: f64) -> &'static str {
    match score {
        s if s >= 70.0 => "",
        s if s >= 40.0 => "mid",
        _ => "low",
    }
}

/// The summary row of a record; the rank cell is filled in when the row is written.
fn row(record: &Record) -> Markup {
    let id = record.id();
    match record {
        Record::Scan(r) => html! {
            td.num { (format!("{:.1}", r.score)) }
            td { (level_name(r)) }
            td { a href=(format!("#{}", anchor(id))) { (id) } }
        },
        _ => html! {
            td.num { "-" }
            td.error { (record.status().as_str()) }
            td { a href=(format!("#{}", anchor(id))) { (id) } }
        },
    }
}

/// The career level's name (its id in a compact record).
fn level_name(r: &ScanRecord) -> &str {
    match &r.detail {
        ScanDetail::Explained(e) => e.fit.level.as_ref().map_or("-", |l| l.name.as_str()),
        ScanDetail::Compact(_) => r.level().unwrap_or("-"),
    }
}

fn scan(r: &ScanRecord) -> Markup {
    let (e, f): (Option<&Explained>, Option<&ScoreReport>) = match &r.detail {
        ScanDetail::Explained(e) => (Some(e), Some(&e.fit)),
        ScanDetail::Compact(_) => (None, None),
    };
    html! {
        section.doc id=(anchor(&r.id)) {
            div.head {
                div.gauge.(level_class(r.score)) style=(format!("--p:{:.1}", r.score))
                    title="fit score, 0 to 100" { b { (format!("{:.0}", r.score)) } }
                div {
                    h2 { (r.id) }
                    @if let Some(f) = f {
                        p.muted {
                            "Scored as a " (match f.doc_kind { DocKind::Resume => "resume", DocKind::Posting => "posting" })
                            " against " (f.profile_name)
                            @if let Some(rate) = f.match_rate {
                                " · match rate " (format!("{rate:.0}%"))
                            }
                        }
                    }
                }
            }
            @if let Some(f) = f {
                (gaps(f))
            }
            @if let Some(e) = e {
                (document(e))
            }
            @if let Some(f) = f {
                (report(f))
            }
            @if let Some(f) = f {
                p.muted { "Taxonomy " (f.taxonomy.name) " " (f.taxonomy.version) " · " code { (f.taxonomy.hash) } }
            }
        }
    }
}

/// "Add these": the gaps, the most points first, with their group and advice.
fn gaps(f: &ScoreReport) -> Markup {
    let group_name = |id: &str| super::group_name(f, id);
    let gaps = super::gaps_by_points(f);
    html! {
        h3 { "Add these" }
        @if gaps.is_empty() {
            p { "Nothing: every requirement is shown." }
        } @else {
            table.gaps {
                tr { th { "What" } th { "Group" } th.num { "Points" } th { "Advice" } }
                @for g in &gaps {
                    tr {
                        td { (g.name) @if g.importance == Importance::Essential { " " small.error { "essential" } } }
                        td { (group_name(&g.group)) }
                        td.num { (format!("+{:.1}", g.points)) }
                        td { (g.advice.as_deref().unwrap_or("")) }
                    }
                }
            }
        }
    }
}

/// The score by group, requirements to check by hand, years and level.
fn report(f: &ScoreReport) -> Markup {
    html! {
        h3 { "Score by group" }
        div.bars {
            @for g in f.groups.iter().filter(|g| g.max_points > 0.0) {
                div {
                    span { (g.name) }
                    span.bar title=(format!("{:.1} of {:.1} points", g.points, g.max_points)) {
                        i style=(format!("width:{:.1}%", 100.0 * g.points / g.max_points)) {}
                    }
                    span.num { (format!("{:.1} / {:.1}", g.points, g.max_points)) }
                }
            }
        }
        @if !f.other_requirements.is_empty() {
            h3 { "Other requirements to check by hand" }
            ul { @for r in &f.other_requirements { li { (r.text) " " small.muted { "(" (r.kind) ")" } } } }
        }
        @if !f.unrecognised.is_empty() {
            h3 { "Requirements rolefit does not recognise" }
            ul { @for r in &f.unrecognised { li { (r.text) } } }
        }
        h3 { "Years and level" }
        ul {
            @if let Some(y) = f.years.total { li { (format!("{y:.1} years of experience found")) } }
            @if let Some(y) = f.years.required { li { (format!("{y:.1} years asked for")) } }
            @if let Some(l) = &f.level {
                li { "Level: " strong { (l.name) } }
                @for reason in &l.reasons { li.muted { (reason) } }
            } @else {
                li { "No career level fits." }
            }
            @if let Some(g) = f.level_gap.as_ref().filter(|g| g.steps != 0) {
                li { "The posting is for " (g.posting) "; the resume reads as " (g.resume)
                    (format!(" ({:+} levels)", g.steps)) }
            }
            @for a in &f.adjustments { li { (format!("×{:.2} ", a.factor)) (a.reason) } }
        }
    }
}

/// One highlighted span of the document.
struct Span {
    start: usize,
    end: usize,
    class: String,
    title: String,
}

/// The document's text with every evidence span marked, or a note when there is no text.
fn document(e: &Explained) -> Markup {
    let Some(text) = e.text.as_deref() else {
        // Scored against one resume (`--resume`): the evidence is in the resume, not here.
        return html! {
            p.muted { "The evidence is in the resume this posting was scored against; "
                "score that resume with --job and this posting to see it marked." }
        };
    };
    let mut spans: Vec<Span> = Vec::new();
    let kind_class = |k: Kind| format!("k-{}", k.as_str());
    for g in &e.fit.groups {
        for ev in &g.matched {
            for s in &ev.spans {
                spans.push(Span {
                    start: s.start,
                    end: s.end,
                    class: kind_class(ev.kind),
                    title: format!("{} · {} ({})", ev.name, g.name, ev.kind.as_str()),
                });
            }
        }
    }
    for c in &e.concepts {
        let (class, what) = match c.polarity {
            Polarity::Found => (kind_class(c.kind), "not scored for this profile"),
            Polarity::Negated => ("negated".to_string(), "negated: not counted"),
            Polarity::InProgress => ("in-progress".to_string(), "in progress: not counted"),
        };
        spans.push(Span {
            start: c.first.start,
            end: c.first.end,
            class,
            title: format!("{} · {what} ({})", c.name, c.kind.as_str()),
        });
    }
    // Negated and in-progress marks win over the group's, then the earliest; overlaps dropped.
    spans.sort_by_key(|s| (s.start, !(s.class == "negated" || s.class == "in-progress")));
    let mut at = 0;
    let mut parts: Vec<(&str, Option<&Span>)> = Vec::new();
    for s in &spans {
        let ok = s.start >= at
            && s.start < s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end);
        if !ok {
            continue;
        }
        parts.push((&text[at..s.start], None));
        parts.push((&text[s.start..s.end], Some(s)));
        at = s.end;
    }
    parts.push((&text[at..], None));
    html! {
        h3 { "The document, with the evidence marked" }
        p.legend.muted {
            mark.k-skill { "skill" } mark.k-tool { "tool or platform" } mark.k-certification { "certification" }
            mark.k-hardware { "hardware or protocol" } mark.negated { "negated" } mark.in-progress { "in progress" }
            "Hover a mark for its concept and group."
        }
        div.text {
            @for (t, s) in &parts {
                @match s {
                    Some(s) => { mark class=(s.class) title=(s.title) { (t) } }
                    None => { (t) }
                }
            }
        }
    }
}

fn error(e: &ErrorRecord) -> Markup {
    html! {
        section.doc id=(anchor(&e.id)) {
            h2 { (e.id) }
            p.error { (e.status.as_str()) ": " (e.error) }
        }
    }
}

impl Printer for HtmlPrinter {
    fn record(&self, record: &Record, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(row(record).into_string().as_bytes())?;
        out.write_all(&[ROW_END])?;
        let section = match record {
            Record::Scan(r) => scan(r),
            Record::Error(e) => error(e),
            Record::Extract(r) => html! {
                section.doc id=(anchor(&r.id)) { h2 { (r.id) } p { (r.match_count()) " matches" } }
            },
        };
        out.write_all(section.into_string().as_bytes())
    }

    fn open(&self, out: &mut dyn Write) -> io::Result<()> {
        let head = html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { "rolefit report" }
                    style { (PreEscaped(CSS)) }
                }
            }
        };
        // The body stays open: sections follow, one per record.
        let head = head.into_string();
        let head = head.trim_end_matches("</html>");
        write!(out, "{head}<body>")
    }

    fn write(&self, out: &mut dyn Write, rendered: &[u8]) -> io::Result<()> {
        match rendered.iter().position(|&b| b == ROW_END) {
            Some(i) => {
                let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
                rows.push(rendered[..i].to_vec());
                out.write_all(&rendered[i + 1..])
            }
            None => out.write_all(rendered),
        }
    }

    fn close(&self, out: &mut dyn Write, _count: usize) -> io::Result<()> {
        let rows = std::mem::take(&mut *self.rows.lock().unwrap_or_else(|e| e.into_inner()));
        // Written last, shown first (CSS order), so that sections stream as they come.
        out.write_all(b"<section id=\"summary\"><h1>rolefit report</h1><table><tr><th class=\"num\">Rank</th><th class=\"num\">Score</th><th>Level</th><th>Document</th></tr>")?;
        for (i, row) in rows.iter().enumerate() {
            write!(out, "<tr><td class=\"num\">{}</td>", i + 1)?;
            out.write_all(row)?;
            out.write_all(b"</tr>")?;
        }
        out.write_all(b"</table></section></body></html>\n")
    }
}
