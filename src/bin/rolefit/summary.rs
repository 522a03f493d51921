//! `rolefit taxonomy`: check a taxonomy and summarise it, as text or JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::args::TaxonomyArgs;
use crate::Error;

pub fn taxonomy(args: &TaxonomyArgs) -> Result<(), Error> {
    let matcher = args.matcher()?;
    let t = matcher.taxonomy();
    let forms: usize = t.concepts().iter().map(|c| c.surface_forms().len()).sum();
    let mut kinds = BTreeMap::new();
    for c in t.concepts() {
        *kinds.entry(c.kind.as_str()).or_insert(0usize) += 1;
    }
    let mut out = io::stdout().lock();
    if args.json {
        let summary = serde_json::json!({
            "name": t.name(),
            "version": t.version(),
            "hash": t.hash(),
            "concepts": t.concepts().len(),
            "surface_forms": forms,
            "patterns": matcher.pattern_count(),
            "roles": t.roles().iter().map(|r| &r.id).collect::<Vec<_>>(),
            "kinds": kinds,
        });
        writeln!(out, "{summary}")?;
        return Ok(());
    }
    writeln!(out, "{} {} ({})", t.name(), t.version(), t.hash())?;
    writeln!(
        out,
        "{} concepts, {} surface forms, {} patterns with spelling variants",
        t.concepts().len(),
        forms,
        matcher.pattern_count()
    )?;
    for (kind, n) in kinds {
        writeln!(out, "  {kind:<16} {n}")?;
    }
    for r in t.roles() {
        let (groups, levels) = (r.groups.len(), r.levels.len());
        writeln!(
            out,
            "role {}: {} ({groups} groups, {levels} levels)",
            r.id, r.name
        )?;
    }
    Ok(())
}
