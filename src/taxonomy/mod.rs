//! The taxonomy: concepts (skills, tools, certifications, ...) with their surface forms and the
//! rules that keep ambiguous forms from matching ordinary words, loaded from JSON or from a plain
//! list of terms, and validated before anything is compiled from it.

mod error;
pub mod role;
mod snapshot;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use self::error::{Error, ErrorKind};
pub use self::role::Role;

use crate::normalize::{normalize_term, same_term};

/// The default window, in bytes on each side of a match, in which context cues are looked for.
pub const DEFAULT_WINDOW: usize = 40;

/// The longest surface form or cue accepted, in bytes. Real terms are far shorter; the bound keeps
/// every walk of the matcher's automaton, from each place a term may start, short, so matching
/// stays linear in the text whatever the taxonomy holds.
pub const MAX_TERM_BYTES: usize = 256;

/// The widest cue window accepted, in bytes on each side. Cues are looked for in the window of
/// every candidate match, so the window bounds the work per candidate.
pub const MAX_WINDOW: usize = 1000;

/// The most surface forms (names and aliases, before spelling variants) a taxonomy may hold.
pub const MAX_FORMS: usize = 100_000;

/// At most the first 40 characters of a term, for error messages.
fn preview(term: &str) -> String {
    match term.char_indices().nth(40) {
        Some((i, _)) => format!("{}...", &term[..i]),
        None => term.to_string(),
    }
}

const EMBEDDED_JSON: &str = include_str!("../../taxonomies/desktop-technician.json");
#[cfg(test)]
const EMBEDDED_ORIGIN: &str = "taxonomies/desktop-technician.json (embedded)";
pub(crate) const EMBEDDED_HASH: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded_hash.txt"));
/// The embedded taxonomy as loaded, compiled ahead of time (see `snapshot.rs`).
const EMBEDDED_SNAPSHOT: &[u8] = include_bytes!("../../taxonomies/desktop-technician.snapshot");

/// For the tests of the files compiled from the embedded taxonomy ahead of time
/// (`taxonomies/desktop-technician.<extension>`): with `ROLEFIT_BLESS` set, writes `fresh` there
/// and says so (`true`); otherwise asserts that `embedded`, the file built in, is `fresh`.
#[cfg(test)]
pub(crate) fn bless_or_check(extension: &str, embedded: &[u8], fresh: &[u8]) -> bool {
    let file = format!("taxonomies/desktop-technician.{extension}");
    if std::env::var_os("ROLEFIT_BLESS").is_some() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file);
        std::fs::write(path, fresh).expect("the taxonomies folder is writable");
        return true;
    }
    assert!(
        embedded == fresh,
        "{file} is out of date: run `ROLEFIT_BLESS=1 cargo test --lib -- table snapshot` and \
         commit it"
    );
    false
}

/// A concept's stable id, kebab-case (`comptia-a-plus`).
///
/// Cheap to clone: the embedded taxonomy's ids are read in place from the binary, and any other
/// id is shared behind a reference count, so a clone (one per mention found) never allocates.
#[derive(Clone)]
pub struct ConceptId(IdRepr);

/// Where an id's text lives.
#[derive(Clone)]
enum IdRepr {
    /// In the binary (the embedded taxonomy's snapshot).
    Static(&'static str),
    /// On the heap, shared by every clone.
    Shared(Arc<str>),
}

/// Lets maps keyed by id be searched with a `&str` (`Hash` hashes the string alone, as `str`
/// does).
impl std::borrow::Borrow<str> for ConceptId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl ConceptId {
    /// Wraps a string as an id, without validation (validation happens when a taxonomy loads).
    pub fn new(id: impl Into<String>) -> ConceptId {
        ConceptId(IdRepr::Shared(Arc::from(id.into())))
    }

    /// An id whose text lives as long as the program (the embedded taxonomy's), not copied.
    pub(crate) fn from_static(id: &'static str) -> ConceptId {
        ConceptId(IdRepr::Static(id))
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            IdRepr::Static(s) => s,
            IdRepr::Shared(s) => s,
        }
    }
}

// Compared, ordered, hashed and printed as the string it is (as the `String` it once was).
impl PartialEq for ConceptId {
    fn eq(&self, other: &ConceptId) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for ConceptId {}

impl PartialOrd for ConceptId {
    fn partial_cmp(&self, other: &ConceptId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ConceptId {
    fn cmp(&self, other: &ConceptId) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for ConceptId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for ConceptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ConceptId").field(&self.as_str()).finish()
    }
}

impl Serialize for ConceptId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ConceptId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ConceptId, D::Error> {
        String::deserialize(deserializer).map(ConceptId::new)
    }
}

impl fmt::Display for ConceptId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for ConceptId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ConceptId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What sort of thing a concept is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A certification or credential (CompTIA A+, MD-102).
    Certification,
    /// A technical skill (troubleshooting, imaging, scripting).
    TechnicalSkill,
    /// A software tool or product (ServiceNow, TeamViewer).
    Tool,
    /// An operating system or cloud platform (Windows 11, Microsoft 365).
    Platform,
    /// Hardware (printers, laptops, peripherals).
    Hardware,
    /// A network protocol or standard (TCP/IP, DHCP, 802.1X).
    Protocol,
    /// A methodology or framework (ITIL, SLAs).
    Methodology,
    /// A soft skill (communication, customer service).
    SoftSkill,
    /// Education (a degree, a field of study).
    Education,
    /// Anything else, and every term of a plain-text taxonomy.
    Other,
}

impl Kind {
    /// Every kind, in the order they are declared (and ordered).
    pub const ALL: [Kind; 10] = [
        Kind::Certification,
        Kind::TechnicalSkill,
        Kind::Tool,
        Kind::Platform,
        Kind::Hardware,
        Kind::Protocol,
        Kind::Methodology,
        Kind::SoftSkill,
        Kind::Education,
        Kind::Other,
    ];

    /// The kind's name as written in taxonomies and output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Certification => "certification",
            Kind::TechnicalSkill => "technical-skill",
            Kind::Tool => "tool",
            Kind::Platform => "platform",
            Kind::Hardware => "hardware",
            Kind::Protocol => "protocol",
            Kind::Methodology => "methodology",
            Kind::SoftSkill => "soft-skill",
            Kind::Education => "education",
            Kind::Other => "other",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One concept: a canonical name, its kind and the surface forms that mean it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    /// Stable kebab-case id.
    pub id: ConceptId,
    /// Canonical name, also matched as a surface form.
    pub name: String,
    /// What sort of thing this is.
    pub kind: Kind,
    /// Other surface forms: acronyms, exam codes, spellings, vendor renames.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// Concepts that having this one implies (MD-102 implies Windows and Intune).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub implies: Vec<ConceptId>,
    /// The O*NET commodity code, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onet: Option<String>,
    /// A short description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Cue words that keep every form of the concept from matching when they are near, added to
    /// each form's own `forbid` when the taxonomy loads (`@name` names a cue set).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbid: Vec<String>,
    /// Cue words that lift every form's `forbid` when they are near, added to each form's own
    /// `allow` when the taxonomy loads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
}

/// A surface form of a concept: a plain string, or a form with rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Alias {
    /// A case-insensitive form with no context rules.
    Plain(String),
    /// A form with rules.
    Rule(AliasRule),
}

/// A surface form with the rules that keep it from matching ordinary words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasRule {
    /// The surface form.
    pub text: String,
    /// Match only with exactly this ASCII letter case ("AD" but not "ad").
    #[serde(default)]
    pub case_sensitive: bool,
    /// At least one of these cue words must be near the match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<String>,
    /// None of these cue words may be near the match...
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbid: Vec<String>,
    /// ...unless one of these is near too ("a collaborative culture" is the employer's, "you
    /// enjoy a collaborative culture" asks it of the reader).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    /// How near, in bytes on each side (default 40).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<usize>,
    /// Whether spelling variants ("Wi-Fi", "Wi Fi", "WiFi") are generated (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<bool>,
}

impl Alias {
    /// The surface form.
    pub fn text(&self) -> &str {
        match self {
            Alias::Plain(s) => s,
            Alias::Rule(r) => &r.text,
        }
    }

    /// The alias as a rule (a plain alias has default rules).
    pub fn to_rule(&self) -> AliasRule {
        match self {
            Alias::Plain(s) => AliasRule::plain(s.clone()),
            Alias::Rule(r) => r.clone(),
        }
    }
}

impl AliasRule {
    /// A rule with no guards.
    pub fn plain(text: String) -> AliasRule {
        AliasRule {
            text,
            case_sensitive: false,
            require: Vec::new(),
            forbid: Vec::new(),
            allow: Vec::new(),
            window: None,
            variants: None,
        }
    }
}

impl Concept {
    /// Every surface form of the concept, the name first, each with its rules. An alias with the
    /// same text as the name gives the name its rules.
    pub fn surface_forms(&self) -> Vec<AliasRule> {
        self.form_refs()
            .map(|(text, rule)| {
                rule.cloned()
                    .unwrap_or_else(|| AliasRule::plain(text.into()))
            })
            .collect()
    }

    /// As [`Concept::surface_forms`], borrowed: each form's text, and its rules if it has any.
    pub(crate) fn form_refs(&self) -> impl Iterator<Item = (&str, Option<&AliasRule>)> {
        let name_is_an_alias = self.aliases.iter().any(|a| same_term(a.text(), &self.name));
        let name = (!name_is_an_alias).then_some((self.name.as_str(), None));
        name.into_iter().chain(self.aliases.iter().map(|a| match a {
            Alias::Plain(s) => (s.as_str(), None),
            Alias::Rule(r) => (r.text.as_str(), Some(r)),
        }))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyFile {
    name: String,
    version: String,
    #[serde(default)]
    description: Option<String>,
    concepts: Vec<Concept>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    cue_sets: BTreeMap<String, Vec<String>>,
}

/// Resolves the cue sets: every `@name` in a form's `require`, `forbid` or `allow` becomes the
/// cues of set `name`, and a concept's own `forbid` and `allow` are added to each of its forms
/// (the name included, which becomes a form with rules). On an unknown set, the reference as
/// written.
fn resolve_cues(
    concepts: &mut [Concept],
    sets: &BTreeMap<String, Vec<String>>,
) -> Result<(), String> {
    for c in concepts {
        let has_refs = c.aliases.iter().any(|a| match a {
            Alias::Plain(_) => false,
            Alias::Rule(r) => r
                .require
                .iter()
                .chain(&r.forbid)
                .chain(&r.allow)
                .any(|x| x.starts_with('@')),
        });
        if c.forbid.is_empty() && c.allow.is_empty() && !has_refs {
            continue;
        }
        let concept_forbid = expand_cues(&[&c.forbid], sets)?;
        let concept_allow = expand_cues(&[&c.allow], sets)?;
        if !concept_forbid.is_empty() && !c.aliases.iter().any(|a| same_term(a.text(), &c.name)) {
            c.aliases.insert(0, Alias::Plain(c.name.clone()));
        }
        for a in &mut c.aliases {
            let mut rule = a.to_rule();
            rule.require = expand_cues(&[&rule.require], sets)?;
            rule.forbid = with_concept_cues(&rule.forbid, &concept_forbid, sets)?;
            rule.allow = with_concept_cues(&rule.allow, &concept_allow, sets)?;
            *a = Alias::Rule(rule);
        }
    }
    Ok(())
}

/// The cues of `lists` in order, each `@name` replaced by the cues of set `name`, each cue kept
/// once (its first time).
fn expand_cues(
    lists: &[&[String]],
    sets: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for cue in lists.iter().copied().flatten() {
        let cues = match cue.strip_prefix('@') {
            Some(name) => sets.get(name).ok_or_else(|| cue.clone())?,
            None => std::slice::from_ref(cue),
        };
        for c in cues {
            if !out.contains(c) {
                out.push(c.clone());
            }
        }
    }
    Ok(out)
}

/// A form's own cues followed by its concept's (already expanded, each once), as
/// [`expand_cues`] gives them. A concept may forbid a few sets of fifty cues each, and most of
/// its forms have no cues of their own: those take the concept's list as it is, without
/// searching it once per cue, which made start-up quadratic in the size of the sets.
fn with_concept_cues(
    own: &[String],
    concept: &[String],
    sets: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    if own.is_empty() && !concept.iter().any(|c| c.starts_with('@')) {
        return Ok(concept.to_vec());
    }
    expand_cues(&[own, concept], sets)
}

/// A validated taxonomy: concepts, surface forms and role profiles.
///
/// ```
/// use rolefit::Taxonomy;
/// let t = Taxonomy::embedded();
/// let a_plus = t.concept("comptia-a-plus").unwrap();
/// assert_eq!(a_plus.name, "CompTIA A+");
/// ```
#[derive(Clone, Debug)]
pub struct Taxonomy {
    name: String,
    version: String,
    description: Option<String>,
    concepts: Vec<Concept>,
    roles: Vec<Role>,
    hash: String,
    index: HashMap<ConceptId, usize>,
}

impl Taxonomy {
    /// The embedded default taxonomy: the Desktop Technician role.
    ///
    /// ```
    /// let t = rolefit::Taxonomy::embedded();
    /// assert!(t.concepts().len() > 100);
    /// ```
    pub fn embedded() -> &'static Taxonomy {
        embedded_shared()
    }

    /// Whether this is the embedded taxonomy itself.
    pub(crate) fn is_embedded(&self) -> bool {
        EMBEDDED
            .get()
            .is_some_and(|embedded| std::ptr::eq(self, &**embedded))
    }

    /// The taxonomy behind an `Arc`: the embedded one is shared, any other is copied.
    pub(crate) fn shared(&self) -> Arc<Taxonomy> {
        // Not `embedded_shared()`: that would parse the embedded taxonomy just to compare.
        match EMBEDDED.get() {
            Some(embedded) if std::ptr::eq(self, &**embedded) => Arc::clone(embedded),
            _ => Arc::new(self.clone()),
        }
    }

    /// Loads a taxonomy from a file: JSON if its name ends in `.json` or its content starts with
    /// `{`, otherwise a plain list of terms, one per line.
    ///
    /// ```no_run
    /// let t = rolefit::Taxonomy::from_path("my-terms.txt")?;
    /// # Ok::<(), rolefit::taxonomy::Error>(())
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Taxonomy, Error> {
        let path = path.as_ref();
        let origin = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(&origin, e))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let src = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Error::at_offset(
                ErrorKind::Encoding,
                &origin,
                &src,
                at,
                "the file is not valid UTF-8".to_string(),
                "save the file as UTF-8",
            )
        })?;
        let is_json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || text.trim_start().starts_with('{');
        if is_json {
            Taxonomy::from_json_str(&text, &origin)
        } else {
            Taxonomy::from_terms(&text, &origin)
        }
    }

    /// Parses and validates a JSON taxonomy. `origin` names it in error messages.
    ///
    /// ```
    /// let json = r#"{"name": "Tiny", "version": "1", "concepts": [
    ///     {"id": "powershell", "name": "PowerShell", "kind": "tool", "aliases": ["PS1"]}]}"#;
    /// let t = rolefit::Taxonomy::from_json_str(json, "tiny.json").unwrap();
    /// assert_eq!(t.concepts().len(), 1);
    /// let err = rolefit::Taxonomy::from_json_str(r#"{"name": "x"}"#, "bad.json").unwrap_err();
    /// assert!(err.to_string().contains("bad.json"));
    /// ```
    pub fn from_json_str(json: &str, origin: &str) -> Result<Taxonomy, Error> {
        let mut file: TaxonomyFile =
            serde_json::from_str(json).map_err(|e| Error::from_json(origin, json, &e))?;
        resolve_cues(&mut file.concepts, &file.cue_sets).map_err(|cue| {
            Error::at_needle(
                ErrorKind::Invalid,
                origin,
                json,
                &quote(&cue),
                1,
                format!("the cue '{cue}' names no cue set"),
                "define the set under \"cue_sets\" at the top level, or drop the '@'",
            )
        })?;
        let taxonomy = Taxonomy::assemble(
            file.name,
            file.version,
            file.description,
            file.concepts,
            file.roles,
            content_hash(json),
        );
        taxonomy.validate(origin, json)?;
        Ok(taxonomy)
    }

    /// Builds a taxonomy from a plain list of terms: one term per line, each its own concept of
    /// kind `other`. Blank lines and lines starting with `#` are skipped.
    ///
    /// ```
    /// let t = rolefit::Taxonomy::from_terms("# my list\nPowerShell\nC#\n", "terms.txt").unwrap();
    /// assert_eq!(t.concepts().len(), 2);
    /// assert_eq!(t.concepts()[1].id.as_str(), "c-sharp");
    /// ```
    pub fn from_terms(text: &str, origin: &str) -> Result<Taxonomy, Error> {
        let mut concepts = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut offset = 0;
        for (lineno, line) in text.split_inclusive('\n').enumerate() {
            let line_start = offset;
            offset += line.len();
            let term = line.trim();
            if term.is_empty() || term.starts_with('#') {
                continue;
            }
            let col = line.find(term).unwrap_or(0);
            if term.len() > MAX_TERM_BYTES {
                return Err(Error::at_offset(
                    ErrorKind::Limit,
                    origin,
                    text,
                    line_start + col,
                    format!(
                        "the term '{}' is {} bytes long, more than the {MAX_TERM_BYTES} accepted",
                        preview(term),
                        term.len()
                    ),
                    "put one term per line; a term is a name as people write it",
                ));
            }
            if concepts.len() == MAX_FORMS {
                return Err(Error::at_offset(
                    ErrorKind::Limit,
                    origin,
                    text,
                    line_start + col,
                    format!("the list has more than the {MAX_FORMS} terms accepted"),
                    "split it into several lists",
                ));
            }
            let key = normalize_term(term);
            if !key.chars().any(char::is_alphanumeric) {
                return Err(Error::at_offset(
                    ErrorKind::Invalid,
                    origin,
                    text,
                    line_start + col,
                    format!("the term '{term}' has no letter or digit"),
                    "remove the line, or write the term with at least one letter or digit",
                ));
            }
            if let Some(first) = seen.get(&key) {
                return Err(Error::at_offset(
                    ErrorKind::Invalid,
                    origin,
                    text,
                    line_start + col,
                    format!("the term '{term}' repeats line {first}"),
                    "remove one of the two lines",
                ));
            }
            seen.insert(key, lineno + 1);
            let base = slugify(term);
            let n = ids.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            concepts.push(Concept {
                id: ConceptId::new(id),
                name: term.to_string(),
                kind: Kind::Other,
                aliases: Vec::new(),
                implies: Vec::new(),
                onet: None,
                description: None,
                forbid: Vec::new(),
                allow: Vec::new(),
            });
        }
        if concepts.is_empty() {
            return Err(Error::at_offset(
                ErrorKind::Limit,
                origin,
                text,
                0,
                "the list has no terms (only blank lines and comments): nothing could ever be found"
                    .to_string(),
                "write one term per line",
            ));
        }
        let name = Path::new(origin)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| origin.to_string());
        let taxonomy = Taxonomy::assemble(
            name,
            "0".to_string(),
            None,
            concepts,
            Vec::new(),
            content_hash(text),
        );
        taxonomy.validate(origin, text)?;
        Ok(taxonomy)
    }

    fn assemble(
        name: String,
        version: String,
        description: Option<String>,
        concepts: Vec<Concept>,
        roles: Vec<Role>,
        hash: String,
    ) -> Taxonomy {
        let mut index = HashMap::with_capacity(concepts.len());
        for (i, c) in concepts.iter().enumerate() {
            index.entry(c.id.clone()).or_insert(i);
        }
        Taxonomy {
            name,
            version,
            description,
            concepts,
            roles,
            hash,
            index,
        }
    }

    fn validate(&self, origin: &str, source: &str) -> Result<(), Error> {
        let fail = |needle: &str, nth: usize, message: String, hint: &str| {
            Error::at_needle(
                ErrorKind::Invalid,
                origin,
                source,
                needle,
                nth,
                message,
                hint,
            )
        };
        let limit = |needle: &str, nth: usize, message: String, hint: &str| {
            Error::at_needle(ErrorKind::Limit, origin, source, needle, nth, message, hint)
        };
        if self.concepts.is_empty() {
            return Err(limit(
                "\"concepts\"",
                1,
                "the taxonomy has no concepts: nothing could ever be found".to_string(),
                "add at least one concept (or one term per line in a plain list)",
            ));
        }
        let forms_total: usize = self.concepts.iter().map(|c| c.form_refs().count()).sum();
        if forms_total > MAX_FORMS {
            return Err(limit(
                "\"concepts\"",
                1,
                format!("the taxonomy has {forms_total} surface forms, more than the {MAX_FORMS} accepted"),
                "split it into several taxonomies, or drop forms that spelling variants already cover",
            ));
        }
        let mut id_count: HashMap<&str, usize> = HashMap::new();
        // surface form key -> (concept index, the alias text as written)
        let mut forms: HashMap<String, (usize, String)> = HashMap::new();
        let mut case_spellings: HashMap<String, usize> = HashMap::new();
        let mut written_cases: std::collections::HashSet<(String, String)> = Default::default();
        for (ci, c) in self.concepts.iter().enumerate() {
            let id = c.id.as_str();
            let seen = id_count.entry(id).or_insert(0);
            *seen += 1;
            if *seen > 1 {
                return Err(fail(
                    &quote(id),
                    *seen,
                    format!("duplicate concept id '{id}'"),
                    "give each concept its own id, or merge the two concepts",
                ));
            }
            if !is_kebab(id) {
                return Err(fail(
                    &quote(id),
                    1,
                    format!("concept id '{id}' is not kebab-case"),
                    "use lower-case letters and digits joined by single hyphens, like 'comptia-a-plus'",
                ));
            }
            if c.name.trim().is_empty() {
                return Err(fail(
                    &quote(id),
                    1,
                    format!("concept '{id}' has an empty name"),
                    "give the concept a canonical name",
                ));
            }
            for (fi, form) in c.surface_forms().into_iter().enumerate() {
                // Where the form is written, worked out only for an error message.
                let at = || (quote(&form.text), self.occurrence(ci, fi, &form.text));
                if form.text.len() > MAX_TERM_BYTES {
                    return Err(limit(
                        &at().0,
                        at().1,
                        format!(
                            "the alias '{}' of '{id}' is {} bytes long, more than the {MAX_TERM_BYTES} accepted",
                            preview(&form.text),
                            form.text.len()
                        ),
                        "shorten the term: a surface form is a name as people write it",
                    ));
                }
                if let Some(cue) = form
                    .require
                    .iter()
                    .chain(&form.forbid)
                    .chain(&form.allow)
                    .find(|c| c.len() > MAX_TERM_BYTES)
                {
                    return Err(limit(
                        &quote(cue),
                        1,
                        format!(
                            "a cue of alias '{}' of '{id}' is {} bytes long, more than the {MAX_TERM_BYTES} accepted",
                            preview(&form.text),
                            cue.len()
                        ),
                        "cues are words or short phrases: shorten it",
                    ));
                }
                if let Some(w) = form.window.filter(|&w| w > MAX_WINDOW) {
                    return Err(limit(
                        &at().0,
                        at().1,
                        format!(
                            "alias '{}' of '{id}' has a window of {w} bytes, more than the {MAX_WINDOW} accepted",
                            preview(&form.text)
                        ),
                        "cues count within the sentence anyway: use a window of a few dozen bytes",
                    ));
                }
                let key = normalize_term(&form.text);
                if !key.chars().any(char::is_alphanumeric) {
                    return Err(fail(
                        &at().0,
                        at().1,
                        format!(
                            "concept '{id}' has an empty alias '{}' (no letter or digit)",
                            form.text
                        ),
                        "remove the alias or write it out",
                    ));
                }
                if form.text.split_whitespace().any(|w| {
                    w.chars()
                        .all(|c| matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}'))
                }) {
                    return Err(fail(
                        &at().0,
                        at().1,
                        format!(
                            "the alias '{}' of '{id}' has a dash between spaces, which separates words in text and never matches",
                            form.text
                        ),
                        "write the dash without spaces ('Wi-Fi'), or a space alone",
                    ));
                }
                // One concept may spell a form in several letter cases, each case-sensitive
                // with its own rules ("AJAX" always, "Ajax" only near programming cues).
                let spelled = (key.clone(), form.text.clone());
                let case_variant = form.case_sensitive
                    && case_spellings.get(&key) == Some(&ci)
                    && !written_cases.contains(&spelled);
                if let Some((other, other_text)) = forms.get(&key).filter(|_| !case_variant) {
                    let other_id = &self.concepts[*other].id;
                    let message = if *other == ci {
                        format!("concept '{id}' lists '{}' twice", form.text)
                    } else {
                        format!(
                            "the alias '{}' of concept '{id}' is already claimed by concept '{other_id}' (as '{other_text}')",
                            form.text
                        )
                    };
                    return Err(fail(
                        &at().0,
                        at().1,
                        message,
                        "an alias may belong to one concept only: remove it from one of them, or add a context rule and make the two forms differ",
                    ));
                }
                if form.case_sensitive {
                    // Only a first, case-sensitive form opens the key to further case spellings.
                    if !forms.contains_key(&key) {
                        case_spellings.insert(key.clone(), ci);
                    }
                    written_cases.insert(spelled);
                }
                forms.entry(key).or_insert((ci, form.text.clone()));
                for cue in form.require.iter().chain(&form.forbid).chain(&form.allow) {
                    if !cue.chars().any(char::is_alphanumeric) {
                        return Err(fail(
                            &at().0,
                            at().1,
                            format!("alias '{}' of '{id}' has an empty cue word", form.text),
                            "cue words in require, forbid and allow need at least one letter or digit",
                        ));
                    }
                }
                if form.window == Some(0) {
                    return Err(fail(
                        &at().0,
                        at().1,
                        format!("alias '{}' of '{id}' has a window of 0", form.text),
                        "use a window of at least 1 byte, or leave it out for the default of 40",
                    ));
                }
            }
            if let Some(code) = &c.onet {
                if code.len() != 8 || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(fail(
                        &quote(code),
                        1,
                        format!("concept '{id}' has onet code '{code}', not 8 digits"),
                        "use the 8-digit O*NET commodity code, such as \"43232202\"",
                    ));
                }
            }
        }
        for c in &self.concepts {
            for target in &c.implies {
                if !self.index.contains_key(target) {
                    return Err(fail(
                        &quote(target.as_str()),
                        1,
                        format!("concept '{}' implies unknown concept '{target}'", c.id),
                        "name the id of a concept defined in this taxonomy",
                    ));
                }
            }
        }
        for role in &self.roles {
            role.validate(&|id: &str| self.index.contains_key(&ConceptId::new(id)))
                .map_err(|message| {
                    fail(
                        &quote(&role.id),
                        1,
                        message,
                        "every concept a role names must be defined in this taxonomy",
                    )
                })?;
        }
        Ok(())
    }

    /// How many times `text` is written as a surface form up to form `fi` of concept `ci`
    /// (1-based), to find that very place in the source.
    fn occurrence(&self, ci: usize, fi: usize, text: &str) -> usize {
        let quoted = quote(text);
        self.concepts[..=ci]
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                let forms = c.surface_forms();
                let upto = if i == ci { fi + 1 } else { forms.len() };
                forms.into_iter().take(upto)
            })
            .filter(|f| quote(&f.text) == quoted)
            .count()
    }

    /// The taxonomy's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The taxonomy's version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The taxonomy's description, if it has one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// A content hash (`sha256:...`) of the taxonomy's source, so a result can be reproduced.
    pub fn hash(&self) -> &str {
        &self.hash
    }

    /// All concepts, in the order of the source.
    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    /// The role profiles.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// A role by id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// A concept by id.
    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concept_index(id).map(|i| &self.concepts[i])
    }

    /// The position of a concept in [`Taxonomy::concepts`].
    pub fn concept_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// The embedded taxonomy, parsed on first use.
static EMBEDDED: OnceLock<Arc<Taxonomy>> = OnceLock::new();

fn embedded_shared() -> &'static Arc<Taxonomy> {
    EMBEDDED.get_or_init(|| {
        // Read from its snapshot, which a test keeps in step with the JSON; a stale snapshot
        // (the JSON changed since) is passed over, and the JSON parsed instead. Either way the
        // taxonomy is validated by the test suite (`embedded_taxonomy_is_valid`) and hashed at
        // build time: start-up does not do it again.
        if let Some(t) =
            snapshot::from_bytes(EMBEDDED_SNAPSHOT, EMBEDDED_HASH, ConceptId::from_static)
        {
            return Arc::new(t);
        }
        let mut file: TaxonomyFile = serde_json::from_str(EMBEDDED_JSON)
            .expect("the embedded taxonomy parses (checked by tests)");
        resolve_cues(&mut file.concepts, &file.cue_sets)
            .expect("the embedded taxonomy's cue sets resolve (checked by tests)");
        Arc::new(Taxonomy::assemble(
            file.name,
            file.version,
            file.description,
            file.concepts,
            file.roles,
            EMBEDDED_HASH.to_string(),
        ))
    })
}

/// The content hash of a taxonomy's source, `sha256:` and hex digits.
fn content_hash(source: &str) -> String {
    let digest = Sha256::digest(source.as_bytes());
    format!("sha256:{}", hex(&digest[..]))
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Turns a term into a kebab-case id: `C#` -> `c-sharp`, `.NET` -> `dot-net`, `A+` -> `a-plus`.
fn slugify(term: &str) -> String {
    let mut out = String::new();
    let mut pending_dash = false;
    let push_word = |out: &mut String, w: &str, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(w);
    };
    for ch in term.chars() {
        if ch.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(ch.to_ascii_lowercase());
        } else {
            let word = match ch {
                '+' => Some("plus"),
                '#' => Some("sharp"),
                '.' if out.is_empty() => Some("dot"),
                '&' => Some("and"),
                '@' => Some("at"),
                _ => None,
            };
            pending_dash = true;
            if let Some(w) = word {
                push_word(&mut out, w, &mut pending_dash);
                pending_dash = true;
            }
        }
    }
    if out.is_empty() {
        out.push_str("term");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slugify("C#"), "c-sharp");
        assert_eq!(slugify(".NET"), "dot-net");
        assert_eq!(slugify("CompTIA A+"), "comptia-a-plus");
        assert_eq!(slugify("TCP/IP"), "tcp-ip");
        assert_eq!(slugify("C++"), "c-plus-plus");
        assert_eq!(slugify("Wi-Fi"), "wi-fi");
    }

    fn load(json: &str) -> Result<Taxonomy, Error> {
        Taxonomy::from_json_str(json, "t.json")
    }

    #[test]
    fn rejects_duplicate_ids() {
        let err = load(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"a","name":"Alpha","kind":"tool"},
  {"id":"a","name":"Beta","kind":"tool"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Invalid);
        assert_eq!(err.line(), Some(3));
        assert!(
            err.to_string().contains("duplicate concept id 'a'"),
            "{err}"
        );
    }

    #[test]
    fn rejects_alias_claimed_twice() {
        let err = load(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"a","name":"Alpha","kind":"tool","aliases":["AL"]},
  {"id":"b","name":"Beta","kind":"tool","aliases":["al"]}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(
            err.to_string().contains("already claimed by concept 'a'"),
            "{err}"
        );
    }

    #[test]
    fn rejects_empty_alias_and_unknown_reference() {
        let err = load(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"a","name":"Alpha","kind":"tool","aliases":[" - "]}]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("empty alias"), "{err}");
        let err = load(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"a","name":"Alpha","kind":"tool","implies":["zeta"]}]}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown concept 'zeta'"), "{err}");
        assert_eq!(err.line(), Some(2));
    }

    #[test]
    fn rejects_unknown_fields_with_line_and_caret() {
        let err = load("{\"name\":\"t\",\"version\":\"1\",\"concepts\":[\n  {\"id\":\"a\",\"name\":\"A\",\"kind\":\"tool\",\"alias\":[]}]}").unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Syntax);
        assert_eq!(err.line(), Some(2));
        let shown = err.to_string();
        assert!(shown.contains("unknown field `alias`"), "{shown}");
        assert!(shown.contains('^'), "{shown}");
        assert!(shown.contains("t.json:2:"), "{shown}");
    }

    #[test]
    fn rejects_unknown_kind() {
        let err = load(
            r#"{"name":"t","version":"1","concepts":[{"id":"a","name":"A","kind":"gadget"}]}"#,
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("unknown variant `gadget`"),
            "{err}"
        );
    }

    #[test]
    fn plain_terms() {
        let t = Taxonomy::from_terms("A+\n\n# comment\nTCP/IP\nC#\nC++\n", "list.txt").unwrap();
        let ids: Vec<_> = t.concepts().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a-plus", "tcp-ip", "c-sharp", "c-plus-plus"]);
        assert_eq!(t.name(), "list");
        let err = Taxonomy::from_terms("Bash\nbash\n", "list.txt").unwrap_err();
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().contains("repeats line 1"), "{err}");
    }

    #[test]
    fn name_rules_come_from_a_matching_alias() {
        let t = load(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"outlook","name":"Outlook","kind":"tool","aliases":[{"text":"Outlook","case_sensitive":true}]}]}"#,
        )
        .unwrap();
        let forms = t.concepts()[0].surface_forms();
        assert_eq!(forms.len(), 1);
        assert!(forms[0].case_sensitive);
    }

    #[test]
    fn one_concept_may_spell_a_case_sensitive_form_in_several_cases() {
        let ok = load(
            r#"{"name":"t","version":"1","concepts":[
  {"id":"ajax","name":"AJAX","kind":"tool","aliases":[
    {"text":"AJAX","case_sensitive":true},{"text":"Ajax","case_sensitive":true,"require":["javascript"]}]}]}"#,
        );
        assert!(ok.is_ok(), "{}", ok.unwrap_err());
        for dup in [
            r#"[{"text":"AJAX","case_sensitive":true},{"text":"AJAX","case_sensitive":true}]"#,
            r#"[{"text":"AJAX","case_sensitive":true},"Ajax"]"#,
            r#"["ajax",{"text":"Ajax","case_sensitive":true}]"#,
        ] {
            let json = format!(
                r#"{{"name":"t","version":"1","concepts":[{{"id":"ajax","name":"Asynchronous JS","kind":"tool","aliases":{dup}}}]}}"#
            );
            let err = load(&json).unwrap_err();
            assert!(err.to_string().contains("twice"), "{dup}: {err}");
        }
    }

    #[test]
    fn embedded_taxonomy_is_valid() {
        let checked = Taxonomy::from_json_str(EMBEDDED_JSON, EMBEDDED_ORIGIN)
            .unwrap_or_else(|e| panic!("{e}"));
        let embedded = Taxonomy::embedded();
        assert_eq!(
            checked.hash(),
            embedded.hash(),
            "the build-time hash is the content hash"
        );
        assert_eq!(checked.concepts(), embedded.concepts());
        assert_eq!(checked.roles(), embedded.roles());
    }

    #[test]
    fn a_form_takes_its_concepts_cues_as_one_search_would() {
        // The shortcut for forms without cues of their own gives what expanding and
        // de-duplicating both lists gives, on the embedded taxonomy's concepts and sets.
        let file: TaxonomyFile = serde_json::from_str(EMBEDDED_JSON).unwrap();
        let sets = &file.cue_sets;
        let mut checked = 0;
        for c in file.concepts.iter().filter(|c| !c.forbid.is_empty()) {
            let concept = expand_cues(&[&c.forbid], sets).unwrap();
            let own: [&[String]; 2] = [&[], &["@perk".to_string(), "offered".to_string()]];
            for own in own {
                assert_eq!(
                    with_concept_cues(own, &concept, sets).unwrap(),
                    expand_cues(&[own, &concept], sets).unwrap(),
                    "{}",
                    c.id
                );
            }
            checked += 1;
        }
        assert!(checked > 10, "{checked} concepts with cues of their own");
        // A duplicate within or across lists is kept once, at its first place.
        let sets = BTreeMap::from([("s".to_string(), vec!["b".to_string(), "a".to_string()])]);
        let own = ["a".to_string(), "@s".to_string(), "c".to_string()];
        let got = with_concept_cues(&own, &["c".into(), "d".into()], &sets).unwrap();
        assert_eq!(got, ["a", "b", "c", "d"]);
        assert_eq!(
            expand_cues(&[&["@t".to_string()]], &sets),
            Err("@t".to_string())
        );
    }

    #[test]
    fn an_empty_taxonomy_is_an_error() {
        let err = load(r#"{"name":"t","version":"1","concepts":[]}"#).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Limit);
        assert!(err.to_string().contains("no concepts"), "{err}");
        let err = Taxonomy::from_terms("# only a comment\n\n", "list.txt").unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Limit);
        assert!(err.to_string().contains("no terms"), "{err}");
    }

    #[test]
    fn limits_are_checked_with_clear_errors() {
        let long = "a ".repeat(MAX_TERM_BYTES);
        let json = format!(
            r#"{{"name":"t","version":"1","concepts":[{{"id":"a","name":"Alpha","kind":"tool","aliases":["{long}"]}}]}}"#
        );
        let err = load(&json).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Limit);
        let shown = err.to_string();
        assert!(shown.contains("bytes long, more than the 256"), "{shown}");
        assert!(
            shown.len() < 600,
            "the message shows a preview, not the term: {shown}"
        );
        let err = Taxonomy::from_terms(&format!("ok\n{long}\n"), "list.txt").unwrap_err();
        assert_eq!((err.kind(), err.line()), (&ErrorKind::Limit, Some(2)));
        let err = load(
            r#"{"name":"t","version":"1","concepts":[{"id":"a","name":"Alpha","kind":"tool","aliases":[{"text":"AL","window":1000000000000000000}]}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Limit);
        assert!(
            err.to_string()
                .contains("window of 1000000000000000000 bytes"),
            "{err}"
        );
        let err = load(&format!(
            r#"{{"name":"t","version":"1","concepts":[{{"id":"a","name":"Alpha","kind":"tool","aliases":[{{"text":"AL","require":["{long}"]}}]}}]}}"#
        ))
        .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Limit);
        let many: Vec<String> = (0..=MAX_FORMS).map(|i| format!("\"t{i}\"")).collect();
        let err = load(&format!(
            r#"{{"name":"t","version":"1","concepts":[{{"id":"a","name":"Alpha","kind":"tool","aliases":[{}]}}]}}"#,
            many.join(",")
        ))
        .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::Limit);
        assert!(err.to_string().contains("surface forms"), "{err}");
        // At the limits, a taxonomy loads.
        let at_limit = "b".repeat(MAX_TERM_BYTES);
        assert!(load(&format!(
            r#"{{"name":"t","version":"1","concepts":[{{"id":"a","name":"Alpha","kind":"tool","aliases":[{{"text":"{at_limit}","window":{MAX_WINDOW}}}]}}]}}"#
        ))
        .is_ok());
    }

    #[test]
    fn hash_is_stable_and_content_based() {
        let concepts = r#""concepts":[{"id":"a","name":"Alpha","kind":"tool"}]"#;
        let a = load(&format!(r#"{{"name":"t","version":"1",{concepts}}}"#)).unwrap();
        let b = load(&format!(r#"{{"name":"t","version":"1",{concepts}}}"#)).unwrap();
        let c = load(&format!(r#"{{"name":"t","version":"2",{concepts}}}"#)).unwrap();
        assert_eq!(a.hash(), b.hash());
        assert_ne!(a.hash(), c.hash());
        assert!(a.hash().starts_with("sha256:"));
    }
}
