//! Errors in taxonomy files, shown the way toml shows them: the file, line and column, the
//! offending line with a caret under the spot, and how to fix it.

use std::fmt;

/// What went wrong with a taxonomy.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The file is not valid UTF-8.
    Encoding,
    /// The JSON does not parse or does not fit the format.
    Syntax,
    /// The content breaks a rule (duplicate ids, an alias claimed twice, unknown references...).
    Invalid,
    /// The content is larger than rolefit accepts: a term or cue longer than
    /// [`MAX_TERM_BYTES`](super::MAX_TERM_BYTES), a window wider than
    /// [`MAX_WINDOW`](super::MAX_WINDOW), more than [`MAX_FORMS`](super::MAX_FORMS) surface forms,
    /// or no concept at all.
    Limit,
}

/// An error in a taxonomy, with where it is and how to fix it.
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    origin: String,
    message: String,
    hint: String,
    location: Option<Location>,
}

#[derive(Clone, Debug)]
struct Location {
    line: usize,
    column: usize,
    text: String,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The 1-based line of the problem, when it has one.
    pub fn line(&self) -> Option<usize> {
        self.location.as_ref().map(|l| l.line)
    }

    /// The 1-based column of the problem, when it has one.
    pub fn column(&self) -> Option<usize> {
        self.location.as_ref().map(|l| l.column)
    }

    /// The file or name the taxonomy came from.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    pub(crate) fn io(origin: &str, err: std::io::Error) -> Error {
        Error {
            kind: ErrorKind::Io,
            origin: origin.to_string(),
            message: format!("cannot read the taxonomy: {err}"),
            hint: "check the path given to --taxonomy".to_string(),
            location: None,
        }
    }

    pub(crate) fn from_json(origin: &str, source: &str, err: &serde_json::Error) -> Error {
        // serde_json appends " at line L column C" to its message; the location is shown apart.
        let full = err.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_string(),
            None => full,
        };
        let hint = if message.contains("unknown field") {
            "remove the field or fix its spelling; taxonomies/FORMAT.md lists the fields"
        } else if message.contains("unknown variant") {
            "use one of the values listed in the message"
        } else if message.contains("missing field") {
            "add the field; taxonomies/FORMAT.md lists the required fields"
        } else if message.contains("did not match any variant of untagged enum Alias") {
            "an alias is a string or an object with \"text\" and optional \"case_sensitive\", \"require\", \"forbid\", \"window\", \"variants\""
        } else {
            "fix the JSON at the caret"
        };
        let location = (err.line() > 0).then(|| location_of(source, err.line(), err.column()));
        Error {
            kind: ErrorKind::Syntax,
            origin: origin.to_string(),
            message,
            hint: hint.to_string(),
            location,
        }
    }

    pub(crate) fn at_offset(
        kind: ErrorKind,
        origin: &str,
        source: &str,
        offset: usize,
        message: String,
        hint: &str,
    ) -> Error {
        let offset = offset.min(source.len());
        let before = &source.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Error {
            kind,
            origin: origin.to_string(),
            message,
            hint: hint.to_string(),
            location: Some(location_of(source, line, column)),
        }
    }

    /// Locates the `nth` (1-based) occurrence of `needle` in the source; without one, the error
    /// has no location.
    pub(crate) fn at_needle(
        kind: ErrorKind,
        origin: &str,
        source: &str,
        needle: &str,
        nth: usize,
        message: String,
        hint: &str,
    ) -> Error {
        let found = source
            .match_indices(needle)
            .nth(nth.saturating_sub(1))
            .or_else(|| source.match_indices(needle).last())
            .map(|(i, _)| i);
        match found {
            Some(offset) => Error::at_offset(kind, origin, source, offset, message, hint),
            None => Error {
                kind,
                origin: origin.to_string(),
                message,
                hint: hint.to_string(),
                location: None,
            },
        }
    }
}

fn location_of(source: &str, line: usize, column: usize) -> Location {
    let text = source
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or("")
        .to_string();
    Location { line, column, text }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            None => write!(f, "{}: {}", self.origin, self.message)?,
            Some(loc) => {
                writeln!(
                    f,
                    "{}:{}:{}: {}",
                    self.origin, loc.line, loc.column, self.message
                )?;
                let (shown, caret_at) = clip_line(&loc.text, loc.column.saturating_sub(1));
                let gutter = loc.line.to_string();
                writeln!(f, "{} |", " ".repeat(gutter.len()))?;
                writeln!(f, "{gutter} | {shown}")?;
                write!(
                    f,
                    "{} | {}^",
                    " ".repeat(gutter.len()),
                    " ".repeat(caret_at)
                )?;
            }
        }
        write!(f, "\nhelp: {}", self.hint)
    }
}

/// Shows at most ~100 characters of a long line around the column; returns the shown text and
/// the caret's position in it, in characters.
fn clip_line(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 100;
    let chars: Vec<char> = line.chars().collect();
    let column = column.min(chars.len());
    if chars.len() <= WIDTH {
        return (line.to_string(), column);
    }
    let start = column.saturating_sub(WIDTH / 2);
    let end = (start + WIDTH).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut caret = column - start;
    if start > 0 {
        shown.insert_str(0, "...");
        caret += 3;
    }
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown, caret)
}

impl std::error::Error for Error {}
