//! A binary snapshot of a taxonomy as loaded (cue sets resolved into each form's cues), so that
//! the embedded taxonomy is read at start-up without parsing its JSON or resolving its cue sets
//! again: the one-document latency of the CLI is mostly start-up. The snapshot of the embedded
//! taxonomy is `taxonomies/desktop-technician.snapshot`, kept in step with the JSON by a test
//! (`ROLEFIT_BLESS=1 cargo test --lib -- table snapshot` rewrites it and the matcher's table); a
//! snapshot whose stamp is not the taxonomy's hash is not used, and the JSON is parsed as before.
//!
//! Layout (integers little-endian): magic, the hash stamp, a pool of every distinct string (their
//! end offsets, then the text, valid UTF-8 as a whole), the taxonomy's name, version and
//! description and its roles as JSON, then the concepts in chunks that can be read in parallel.
//! Strings are `u32` pool indices (`u32::MAX` for none); lists are a count and indices.

use super::{Alias, AliasRule, Concept, ConceptId, Kind, Role, Taxonomy};

const MAGIC: &[u8; 8] = b"rftaxo01";

const NONE: u32 = u32::MAX;

/// The most chunks read (each on a thread of its own).
const MAX_CHUNKS: usize = 8;

/// The snapshot of `t`, stamped with `hash`, its concepts in `chunks` chunks of about the same
/// size.
#[cfg(test)]
pub(super) fn to_bytes(t: &Taxonomy, hash: &str, chunks: usize) -> Vec<u8> {
    use std::collections::HashMap;

    #[derive(Default)]
    struct W {
        ids: HashMap<String, u32>,
        ends: Vec<u32>,
        text: String,
    }
    impl W {
        fn id(&mut self, s: &str) -> u32 {
            if let Some(&i) = self.ids.get(s) {
                return i;
            }
            let i = self.ends.len() as u32;
            self.text.push_str(s);
            self.ends.push(self.text.len() as u32);
            self.ids.insert(s.to_string(), i);
            i
        }
        fn s(&mut self, out: &mut Vec<u8>, s: &str) {
            let i = self.id(s);
            out.extend_from_slice(&i.to_le_bytes());
        }
        fn opt(&mut self, out: &mut Vec<u8>, s: Option<&str>) {
            match s {
                Some(s) => self.s(out, s),
                None => out.extend_from_slice(&NONE.to_le_bytes()),
            }
        }
        fn list<S: AsRef<str>>(&mut self, out: &mut Vec<u8>, xs: &[S]) {
            out.extend_from_slice(&(xs.len() as u32).to_le_bytes());
            for x in xs {
                self.s(out, x.as_ref());
            }
        }
    }
    let mut w = W::default();
    let mut head = Vec::new();
    w.s(&mut head, t.name());
    w.s(&mut head, t.version());
    w.opt(&mut head, t.description());
    let roles = serde_json::to_string(t.roles()).expect("roles serialise");
    w.s(&mut head, &roles);
    let mut records: Vec<Vec<u8>> = Vec::new();
    for c in t.concepts() {
        let mut r = Vec::new();
        w.s(&mut r, c.id.as_str());
        w.s(&mut r, &c.name);
        // A kind is written as its place in `Kind::ALL`.
        let kind = Kind::ALL
            .iter()
            .position(|&k| k == c.kind)
            .expect("every kind");
        r.push(kind as u8);
        r.extend_from_slice(&(c.aliases.len() as u32).to_le_bytes());
        for a in &c.aliases {
            match a {
                Alias::Plain(s) => {
                    r.push(0);
                    w.s(&mut r, s);
                }
                Alias::Rule(rule) => {
                    r.push(1);
                    w.s(&mut r, &rule.text);
                    r.push(u8::from(rule.case_sensitive));
                    w.list(&mut r, &rule.require);
                    w.list(&mut r, &rule.forbid);
                    w.list(&mut r, &rule.allow);
                    let window = rule.window.map_or(u64::MAX, |w| w as u64);
                    r.extend_from_slice(&window.to_le_bytes());
                    r.push(rule.variants.map_or(0, |v| 1 + u8::from(v)));
                }
            }
        }
        let implies: Vec<&str> = c.implies.iter().map(ConceptId::as_str).collect();
        w.list(&mut r, &implies);
        w.opt(&mut r, c.onet.as_deref());
        w.opt(&mut r, c.description.as_deref());
        w.list(&mut r, &c.forbid);
        w.list(&mut r, &c.allow);
        records.push(r);
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(hash.len() as u32).to_le_bytes());
    out.extend_from_slice(hash.as_bytes());
    out.extend_from_slice(&(w.ends.len() as u32).to_le_bytes());
    for e in &w.ends {
        out.extend_from_slice(&e.to_le_bytes());
    }
    out.extend_from_slice(w.text.as_bytes());
    out.extend_from_slice(&head);
    // Chunks of about the same number of bytes, each a count, a length and the records.
    let total: usize = records.iter().map(Vec::len).sum();
    let mut groups: Vec<Vec<Vec<u8>>> = vec![Vec::new()];
    let mut size = 0;
    for r in records {
        if size * chunks > total * groups.len() && groups.len() < chunks {
            groups.push(Vec::new());
        }
        size += r.len();
        groups.last_mut().expect("one group").push(r);
    }
    out.extend_from_slice(&(groups.len() as u32).to_le_bytes());
    for g in groups {
        out.extend_from_slice(&(g.len() as u32).to_le_bytes());
        out.extend_from_slice(&(g.iter().map(Vec::len).sum::<usize>() as u32).to_le_bytes());
        for r in g {
            out.extend_from_slice(&r);
        }
    }
    out
}

/// Reads a taxonomy from a snapshot written by [`to_bytes`], its chunks of concepts on as many
/// threads, making each concept id from its text with `id` (the embedded snapshot lives as long
/// as the program, so its ids are borrowed from it); `None` unless the snapshot is whole and
/// stamped with `hash` (which the taxonomy takes as its own).
pub(super) fn from_bytes<'a>(
    bytes: &'a [u8],
    hash: &str,
    id: fn(&'a str) -> ConceptId,
) -> Option<Taxonomy> {
    let mut r = Reader {
        bytes,
        id,
        pool: Pool {
            ends: &[],
            text: "",
        },
    };
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let n = r.u32()? as usize;
    if r.take(n)? != hash.as_bytes() {
        return None;
    }
    let n = r.u32()? as usize;
    let ends = r.take(n.checked_mul(4)?)?;
    let text_len = match n {
        0 => 0,
        _ => u32::from_le_bytes(ends[ends.len() - 4..].try_into().ok()?) as usize,
    };
    let text = std::str::from_utf8(r.take(text_len)?).ok()?;
    r.pool = Pool { ends, text };
    let name = r.s()?;
    let version = r.s()?;
    let description = r.opt()?;
    let roles: Vec<Role> = serde_json::from_str(r.str()?).ok()?;
    let n = r.u32()? as usize;
    if n > MAX_CHUNKS {
        return None;
    }
    let mut chunks = Vec::with_capacity(n);
    for _ in 0..n {
        let count = r.u32()? as usize;
        let len = r.u32()? as usize;
        let bytes = r.take(len)?;
        chunks.push((count, bytes));
    }
    if !r.bytes.is_empty() {
        return None;
    }
    let pool = r.pool;
    let read = |&(count, bytes): &(usize, &'a [u8])| -> Option<Vec<Concept>> {
        let mut r = Reader { bytes, id, pool };
        let mut concepts = Vec::with_capacity(count.min(bytes.len() / 16));
        for _ in 0..count {
            concepts.push(r.concept()?);
        }
        r.bytes.is_empty().then_some(concepts)
    };
    // The first chunk here, each other on a thread of its own (or here too, if none starts).
    let parts: Vec<Option<Vec<Concept>>> = std::thread::scope(|scope| {
        let others: Vec<_> = chunks
            .iter()
            .skip(1)
            .map(|chunk| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || read(chunk))
                    .map_err(|_| chunk)
            })
            .collect();
        let mut parts = vec![chunks.first().and_then(read)];
        for other in others {
            parts.push(match other {
                Ok(thread) => thread.join().ok().flatten(),
                Err(chunk) => read(chunk),
            });
        }
        parts
    });
    let parts: Vec<Vec<Concept>> = parts.into_iter().collect::<Option<_>>()?;
    let mut concepts = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        concepts.extend(part);
    }
    Some(Taxonomy::assemble(
        name,
        version,
        description,
        concepts,
        roles,
        hash.to_string(),
    ))
}

/// The snapshot's strings: `ends[i]` (a little-endian `u32`) is where string `i` ends in `text`.
#[derive(Clone, Copy)]
struct Pool<'a> {
    ends: &'a [u8],
    text: &'a str,
}

impl<'a> Pool<'a> {
    fn get(&self, i: u32) -> Option<&'a str> {
        let end = |i: usize| -> Option<usize> {
            Some(u32::from_le_bytes(self.ends.get(4 * i..4 * i + 4)?.try_into().ok()?) as usize)
        };
        let i = i as usize;
        let start = if i == 0 { 0 } else { end(i - 1)? };
        self.text.get(start..end(i)?)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    id: fn(&'a str) -> ConceptId,
    pool: Pool<'a>,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<&'a str> {
        let i = self.u32()?;
        self.pool.get(i)
    }

    fn s(&mut self) -> Option<String> {
        self.str().map(str::to_string)
    }

    fn opt(&mut self) -> Option<Option<String>> {
        match self.u32()? {
            NONE => Some(None),
            i => Some(Some(self.pool.get(i)?.to_string())),
        }
    }

    fn list(&mut self) -> Option<Vec<String>> {
        self.list_of(str::to_string)
    }

    fn list_of<T>(&mut self, f: impl Fn(&'a str) -> T) -> Option<Vec<T>> {
        let n = self.u32()? as usize;
        // The indices taken at once, not one `take` each: most of the 43,000 strings of the
        // embedded taxonomy are in these lists.
        let indices = self.take(n.checked_mul(4)?)?;
        let mut out = Vec::with_capacity(n);
        for i in indices.chunks_exact(4) {
            out.push(f(self
                .pool
                .get(u32::from_le_bytes([i[0], i[1], i[2], i[3]]))?));
        }
        Some(out)
    }

    fn concept(&mut self) -> Option<Concept> {
        let id = (self.id)(self.str()?);
        let name = self.s()?;
        let kind = *Kind::ALL.get(self.u8()? as usize)?;
        let n = self.u32()? as usize;
        let mut aliases = Vec::with_capacity(n.min(self.bytes.len() / 5));
        for _ in 0..n {
            aliases.push(match self.u8()? {
                0 => Alias::Plain(self.s()?),
                1 => Alias::Rule(AliasRule {
                    text: self.s()?,
                    case_sensitive: self.u8()? == 1,
                    require: self.list()?,
                    forbid: self.list()?,
                    allow: self.list()?,
                    window: match u64::from_le_bytes(self.take(8)?.try_into().ok()?) {
                        u64::MAX => None,
                        w => Some(usize::try_from(w).ok()?),
                    },
                    variants: match self.u8()? {
                        0 => None,
                        v => Some(v == 2),
                    },
                }),
                _ => return None,
            });
        }
        Some(Concept {
            id,
            name,
            kind,
            aliases,
            implies: self.list_of(self.id)?,
            onet: self.opt()?,
            description: self.opt()?,
            forbid: self.list()?,
            allow: self.list()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{EMBEDDED_JSON, EMBEDDED_ORIGIN, EMBEDDED_SNAPSHOT};
    use super::*;

    /// The snapshot compiled ahead of time is the embedded taxonomy's JSON as loaded. After the
    /// taxonomy changes, `ROLEFIT_BLESS=1 cargo test --lib -- table snapshot` writes it anew.
    #[test]
    fn the_embedded_snapshot_is_up_to_date() {
        let parsed = Taxonomy::from_json_str(EMBEDDED_JSON, EMBEDDED_ORIGIN).unwrap();
        let bytes = to_bytes(&parsed, parsed.hash(), 2);
        if crate::taxonomy::bless_or_check("snapshot", EMBEDDED_SNAPSHOT, &bytes) {
            return;
        }
        let read = from_bytes(EMBEDDED_SNAPSHOT, parsed.hash(), ConceptId::from_static)
            .expect("the snapshot reads");
        assert_eq!(read.concepts(), parsed.concepts());
        assert_eq!(read.roles(), parsed.roles());
        assert_eq!(
            (read.name(), read.version(), read.description(), read.hash()),
            (
                parsed.name(),
                parsed.version(),
                parsed.description(),
                parsed.hash()
            )
        );
        assert_eq!(read.index, parsed.index);
        // The embedded taxonomy is read from it.
        assert_eq!(Taxonomy::embedded().concepts(), parsed.concepts());
    }

    #[test]
    fn snapshots_round_trip_in_any_number_of_chunks_and_refuse_damage() {
        let t = Taxonomy::from_json_str(
            r#"{"name":"t","version":"1","description":"d","cue_sets":{"s":["x y","z"]},
  "roles":[{"id":"r","name":"R","groups":[{"id":"g","name":"G","weight":1.5,"importance":"essential","rule":{"at_least":1},"concepts":["ad"]}]}],
  "concepts":[
  {"id":"ad","name":"Active Directory","kind":"tool","onet":"43232202","forbid":["@s"],"aliases":[{"text":"AD","case_sensitive":true,"require":["users","domain"],"window":12,"variants":false}]},
  {"id":"wifi","name":"Wi-Fi","kind":"protocol","description":"wireless","implies":["ad"],"aliases":["WLAN",{"text":"wifi","variants":true}]}]}"#,
            "t.json",
        )
        .unwrap();
        for chunks in 1..=3 {
            let bytes = to_bytes(&t, t.hash(), chunks);
            let read = from_bytes(&bytes, t.hash(), ConceptId::new).unwrap();
            assert_eq!(read.concepts(), t.concepts(), "{chunks}");
            assert_eq!(read.roles(), t.roles());
            assert_eq!(read.description(), Some("d"));
            assert!(from_bytes(&bytes, "sha256:other", ConceptId::new).is_none());
            for cut in 0..bytes.len() {
                assert!(
                    from_bytes(&bytes[..cut], t.hash(), ConceptId::new).is_none(),
                    "{cut}"
                );
            }
            let mut longer = bytes.clone();
            longer.push(0);
            assert!(from_bytes(&longer, t.hash(), ConceptId::new).is_none());
            // Any byte changed gives no taxonomy or one, never a panic.
            for at in 0..bytes.len() {
                let mut damaged = bytes.clone();
                damaged[at] ^= 0x5a;
                let _ = from_bytes(&damaged, t.hash(), ConceptId::new);
            }
        }
    }
}
