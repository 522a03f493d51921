//! Turning the bytes of a file into text: format detection by content, one reader per format,
//! and a status for every document that could not be read, so that nothing is scored as empty.
//!
//! The readers are small and bounded on purpose: every size that hostile input controls
//! (decompressed bytes, zip entries, pages, characters) has a limit in [`Limits`], and a panic
//! inside a third-party parser becomes a [`Status::Corrupt`] error instead of ending the batch.
//!
//! The readers need the `documents` feature; without it this module keeps the types records
//! carry ([`Limits`], [`Format`], [`Status`], [`HiddenText`]).

use std::fmt;
#[cfg(feature = "documents")]
use std::fs::File;
#[cfg(feature = "documents")]
use std::io::Read;
#[cfg(feature = "documents")]
use std::path::Path;

use serde::Serialize;

pub use hidden::{Concealment, HiddenRun, HiddenText};

#[cfg(feature = "documents")]
mod detect;
#[cfg(feature = "documents")]
mod guard;
mod hidden;
#[cfg(feature = "documents")]
mod html;
#[cfg(feature = "documents")]
mod odf;
#[cfg(feature = "documents")]
mod pdf;
#[cfg(feature = "documents")]
mod rtf;
#[cfg(feature = "documents")]
mod text;
#[cfg(feature = "documents")]
mod zipped;

/// The format of a document, detected from its content (magic bytes) first and its name second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Plain text (UTF-8, UTF-16 with a byte-order mark, or Windows-1252).
    Text,
    /// Markdown: plain text, recognised by its extension (`.md`, `.markdown`).
    Markdown,
    /// An HTML page; scripts, styles and the head are not text.
    Html,
    /// Rich Text Format.
    Rtf,
    /// A PDF with a text layer.
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
    /// An OpenDocument text document.
    Odt,
    /// Content that is not text and not a supported document format.
    Binary,
}

impl Format {
    /// The lowercase name used in output records (`"pdf"`, `"docx"`, ...).
    ///
    /// ```
    /// assert_eq!(rolefit::document::Format::Docx.as_str(), "docx");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Rtf => "rtf",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Binary => "binary",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened when a document was read: [`Status::Ok`] or the reason it could not be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Status {
    /// The document was read.
    Ok,
    /// The document is password-protected (a PDF with a user password, an encrypted DOCX).
    Encrypted,
    /// A PDF whose pages hold (almost) no text: a scanned image that needs OCR first.
    NoTextLayer,
    /// The content is in no format rolefit reads (a legacy `.doc`, a spreadsheet, ...).
    Unsupported,
    /// The input, its decompressed content, its page count or its text is over a limit.
    TooLarge,
    /// The reader failed on damaged content; the message says how.
    Corrupt,
    /// A binary file met while walking a folder, passed over without reading.
    Skipped,
    /// The file could not be opened or read (permissions, a vanished file, ...).
    Unreadable,
}

impl Status {
    /// The kebab-case name used in output records (`"ok"`, `"no-text-layer"`, ...).
    ///
    /// ```
    /// assert_eq!(rolefit::document::Status::NoTextLayer.as_str(), "no-text-layer");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Encrypted => "encrypted",
            Status::NoTextLayer => "no-text-layer",
            Status::Unsupported => "unsupported",
            Status::TooLarge => "too-large",
            Status::Corrupt => "corrupt",
            Status::Skipped => "skipped",
            Status::Unreadable => "unreadable",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Limits that keep one hostile input from using up the machine.
///
/// The defaults are far above any real resume or posting and far below what would hurt:
///
/// ```
/// let limits = rolefit::document::Limits::default();
/// assert_eq!(limits.max_input_bytes, 64 * 1024 * 1024);
/// let tight = rolefit::document::Limits { max_pages: 10, ..Default::default() };
/// assert_eq!(tight.max_pages, 10);
/// ```
#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest input accepted, in bytes.
    pub max_input_bytes: u64,
    /// The most bytes decompressed from one document (zip entries of a DOCX or ODT, each PDF
    /// stream), so that a zip bomb stops early.
    pub max_decompressed_bytes: u64,
    /// The most entries a DOCX or ODT archive may list.
    pub max_zip_entries: usize,
    /// The most pages read from a PDF; a longer one is [`Status::TooLarge`].
    pub max_pages: usize,
    /// The most characters of text one document may yield.
    pub max_chars: usize,
    /// Below this many non-space characters per page on average, a PDF is reported as
    /// [`Status::NoTextLayer`] (a scan) instead of being scored as nearly empty.
    pub min_chars_per_page: usize,
    /// The most PDF content operators walked in one document, all pages and forms together (a
    /// form drawn counts as one more). Past it the PDF is [`Status::TooLarge`]: an operator bomb
    /// or forms that draw each other thousands of times.
    pub max_content_ops: u64,
    /// The most time one document may take in the readers that can look at a clock while they
    /// work (the PDF content walk); past it the document is [`Status::TooLarge`]. `None` for no
    /// limit. This is a backstop: the work limits above are what normally stop a hostile file,
    /// and they give the same answer on every machine.
    pub max_read_time: Option<std::time::Duration>,
    /// Keep hidden text (white on white, invisible, tiny, off the page, marked hidden) in the
    /// text. Off by default: it is reported in [`Extracted::hidden`] and left out, so that it
    /// earns no points. Not a limit, but it travels with them to every reader.
    pub include_hidden: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_decompressed_bytes: 64 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_pages: 1_000,
            max_chars: 16 * 1024 * 1024,
            min_chars_per_page: 16,
            max_content_ops: 20_000_000,
            max_read_time: Some(std::time::Duration::from_secs(20)),
            include_hidden: false,
        }
    }
}

/// How a document came to be read, which decides what happens to binary content.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Origin {
    /// Named by the user (a path on the command line, stdin, a library call): always read, and
    /// binary content is an error ([`Status::Unsupported`]).
    #[default]
    Named,
    /// Found by walking a folder: binary content of no known format is [`Status::Skipped`].
    Walked,
}

/// The text of a document that was read.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The detected format.
    pub format: Format,
    /// The document's text, without its hidden text unless [`Limits::include_hidden`].
    pub text: String,
    /// The text a reader of the document would not see (PDF, DOCX and HTML look for it).
    pub hidden: HiddenText,
}

/// A document that could not be read, with the reason.
#[derive(Clone, Debug)]
pub struct ReadError {
    /// The detected format.
    pub format: Format,
    /// The reason, never [`Status::Ok`].
    pub status: Status,
    /// A message for people.
    pub message: String,
}

impl ReadError {
    #[cfg(feature = "documents")]
    pub(crate) fn new(format: Format, status: Status, message: impl Into<String>) -> ReadError {
        ReadError {
            format,
            status,
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.status, self.format, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Reads a document's bytes into text, as a document the user named.
///
/// `name` is only a hint (its extension); the content decides the format. Binary content of no
/// known format is [`Status::Unsupported`]; see [`read_bytes_walked`] for files found in folders.
///
/// ```
/// use rolefit::document::{read_bytes, Format, Limits, Status};
/// let doc = read_bytes(b"CompTIA A+ certified", None, &Limits::default()).unwrap();
/// assert_eq!(doc.text, "CompTIA A+ certified");
/// assert_eq!(doc.format, Format::Text);
///
/// let err = read_bytes(b"{\\rtf1 unfinished", None, &Limits::default()).unwrap_err();
/// assert_eq!((err.format, err.status), (Format::Rtf, Status::Corrupt));
/// ```
#[cfg(feature = "documents")]
pub fn read_bytes(
    bytes: &[u8],
    name: Option<&Path>,
    limits: &Limits,
) -> Result<Extracted, ReadError> {
    read_with_origin(bytes, name, limits, Origin::Named)
}

/// Reads a document's bytes into text, as a file met while walking a folder: binary content of
/// no known format is [`Status::Skipped`] instead of [`Status::Unsupported`].
///
/// ```
/// use rolefit::document::{read_bytes_walked, Limits, Status};
/// let err = read_bytes_walked(b"\x7fELF\x02\x01\x01\0\0\0", None, &Limits::default()).unwrap_err();
/// assert_eq!(err.status, Status::Skipped);
/// ```
#[cfg(feature = "documents")]
pub fn read_bytes_walked(
    bytes: &[u8],
    name: Option<&Path>,
    limits: &Limits,
) -> Result<Extracted, ReadError> {
    read_with_origin(bytes, name, limits, Origin::Walked)
}

/// Reads the file at `path`, never loading more than [`Limits::max_input_bytes`] of it.
///
/// An I/O error is [`Status::Unreadable`]; everything else is as in [`read_bytes`] (for
/// [`Origin::Named`]) or [`read_bytes_walked`] (for [`Origin::Walked`]).
///
/// ```no_run
/// use rolefit::document::{read_file, Limits, Origin};
/// use std::path::Path;
/// match read_file(Path::new("resume.pdf"), Origin::Named, &Limits::default()) {
///     Ok(doc) => assert!(!doc.text.is_empty()),
///     Err(err) => eprintln!("resume.pdf: {err}"),
/// }
/// ```
#[cfg(feature = "documents")]
pub fn read_file(path: &Path, origin: Origin, limits: &Limits) -> Result<Extracted, ReadError> {
    let hint = detect::format_from_name(Some(path)).unwrap_or(Format::Binary);
    let unreadable = |e: std::io::Error| ReadError::new(hint, Status::Unreadable, e.to_string());
    let file = open_regular(path).map_err(|e| match e {
        Opened::Io(e) => unreadable(e),
        Opened::Special(what) => ReadError::new(
            hint,
            match origin {
                Origin::Named => Status::Unsupported,
                Origin::Walked => Status::Skipped,
            },
            format!("{what}: rolefit reads regular files"),
        ),
    })?;
    let len = file.metadata().map_err(unreadable)?.len();
    if len > limits.max_input_bytes {
        return Err(too_large_input(hint, len, limits));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    // The size may have changed since the metadata was read: never read past the limit.
    file.take(limits.max_input_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    read_with_origin(&bytes, Some(path), limits, origin)
}

/// Reads `bytes` as `format`, whatever their content looks like: for a caller that knows
/// better than detection (a `--as html` flag, a fuzz target for one reader).
///
/// [`Format::Text`] and [`Format::Markdown`] decode anything, lossily if need be;
/// [`Format::Binary`] is [`Status::Unsupported`]. Limits and panic containment are as in
/// [`read_bytes`].
///
/// ```
/// use rolefit::document::{read_as, Format, Limits};
/// let doc = read_as(b"<p>Intune &amp; Autopilot</p>", Format::Html, &Limits::default()).unwrap();
/// assert_eq!(doc.text, "Intune & Autopilot");
/// ```
#[cfg(feature = "documents")]
pub fn read_as(bytes: &[u8], format: Format, limits: &Limits) -> Result<Extracted, ReadError> {
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(too_large_input(format, bytes.len() as u64, limits));
    }
    let kind = match format {
        Format::Text | Format::Markdown => detect::Kind::Text(format),
        Format::Html => detect::Kind::Html,
        Format::Rtf => detect::Kind::Rtf,
        Format::Pdf => detect::Kind::Pdf,
        Format::Docx => detect::Kind::Docx,
        Format::Odt => detect::Kind::Odt,
        Format::Binary => detect::Kind::Binary,
    };
    read_kind(bytes, kind, limits, Origin::Named)
}

/// Detects the format of `bytes` without reading the document: magic bytes first, then a look
/// at the text, and the extension of `name` last (it only tells Markdown from plain text, and
/// names the format of a document too damaged to recognise).
///
/// ```
/// use rolefit::document::{detect, Format};
/// assert_eq!(detect(b"%PDF-1.7\n...", None), Format::Pdf);
/// assert_eq!(detect(b"<!DOCTYPE html><p>Hi", None), Format::Html);
/// assert_eq!(detect(b"# Resume", Some("cv.md".as_ref())), Format::Markdown);
/// ```
#[cfg(feature = "documents")]
pub fn detect(bytes: &[u8], name: Option<&Path>) -> Format {
    detect::detect(bytes, name).format()
}

/// Why a path could not be opened as a regular file.
#[cfg(feature = "documents")]
#[derive(Debug)]
pub(crate) enum Opened {
    /// The operating system said no.
    Io(std::io::Error),
    /// Not a regular file: [`special_kind`]'s description of it.
    Special(&'static str),
}

#[cfg(feature = "documents")]
impl fmt::Display for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Opened::Io(e) => e.fmt(f),
            Opened::Special(what) => write!(f, "{what}: rolefit reads regular files"),
        }
    }
}

/// Opens `path` if it is a regular file. On Unix it is opened without blocking, so that a named
/// pipe put in a file's place after it was listed cannot stall the reader (a regular file
/// ignores the flag), and its type is checked on the open file, not on the name.
#[cfg(feature = "documents")]
pub(crate) fn open_regular(path: &Path) -> Result<File, Opened> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK on Linux; std exposes no constant for it.
        options.custom_flags(0o4000);
    }
    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(0x0004);
    }
    let file = options.open(path).map_err(Opened::Io)?;
    let kind = file.metadata().map_err(Opened::Io)?.file_type();
    if kind.is_file() {
        Ok(file)
    } else if kind.is_dir() {
        Err(Opened::Special("a folder"))
    } else {
        Err(Opened::Special(special_kind(&kind)))
    }
}

/// Says what a file that is neither a regular file nor a folder is: a named pipe, a socket, a
/// device or a symbolic link.
///
/// ```
/// let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
/// # #[cfg(unix)]
/// assert_eq!(rolefit::document::special_kind(&kind), "a character device");
/// ```
pub fn special_kind(kind: &std::fs::FileType) -> &'static str {
    if kind.is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_char_device() {
            return "a character device";
        }
    }
    "a special file"
}

#[cfg(feature = "documents")]
fn too_large_input(format: Format, len: u64, limits: &Limits) -> ReadError {
    ReadError::new(
        format,
        Status::TooLarge,
        format!(
            "{len} bytes is over the input limit of {} bytes (raise it to read this file)",
            limits.max_input_bytes
        ),
    )
}

#[cfg(feature = "documents")]
fn read_with_origin(
    bytes: &[u8],
    name: Option<&Path>,
    limits: &Limits,
    origin: Origin,
) -> Result<Extracted, ReadError> {
    let kind = detect::detect(bytes, name);
    if bytes.len() as u64 > limits.max_input_bytes {
        return Err(too_large_input(kind.format(), bytes.len() as u64, limits));
    }
    read_kind(bytes, kind, limits, origin)
}

#[cfg(feature = "documents")]
fn read_kind(
    bytes: &[u8],
    kind: detect::Kind,
    limits: &Limits,
    origin: Origin,
) -> Result<Extracted, ReadError> {
    let format = kind.format();
    let mut hidden = HiddenText::default();
    let h = &mut hidden;
    let text = match kind {
        detect::Kind::Text(_) => text::read(bytes),
        detect::Kind::Html => guard::contain(Format::Html, || html::read(bytes, limits, h))?,
        detect::Kind::Rtf => guard::contain(Format::Rtf, || rtf::read(bytes, limits))?,
        detect::Kind::Pdf => guard::contain(Format::Pdf, || pdf::read(bytes, limits, h))?,
        detect::Kind::Docx => guard::contain(Format::Docx, || odf::read_docx(bytes, limits, h))?,
        detect::Kind::Odt => guard::contain(Format::Odt, || odf::read_odt(bytes, limits))?,
        detect::Kind::Unsupported(format, why) => {
            return Err(ReadError::new(format, Status::Unsupported, why));
        }
        detect::Kind::Encrypted(format, why) => {
            return Err(ReadError::new(format, Status::Encrypted, why));
        }
        detect::Kind::Damaged(format, why) => {
            return Err(ReadError::new(format, Status::Corrupt, why));
        }
        detect::Kind::Binary => {
            return Err(match origin {
                Origin::Named => ReadError::new(
                    Format::Binary,
                    Status::Unsupported,
                    "binary content in no format rolefit reads (PDF, DOCX, ODT, HTML, RTF, Markdown, text)",
                ),
                Origin::Walked => ReadError::new(Format::Binary, Status::Skipped, "binary file met while walking a folder"),
            });
        }
    };
    check_chars(format, &text, limits)?;
    Ok(Extracted {
        format,
        text,
        hidden,
    })
}

/// Fails when `text` holds more than [`Limits::max_chars`] characters.
#[cfg(feature = "documents")]
fn check_chars(format: Format, text: &str, limits: &Limits) -> Result<(), ReadError> {
    // A char is at least one byte: short texts need no count.
    if text.len() > limits.max_chars {
        let chars = text.chars().count();
        if chars > limits.max_chars {
            return Err(ReadError::new(
                format,
                Status::TooLarge,
                format!(
                    "{chars} characters of text is over the limit of {}",
                    limits.max_chars
                ),
            ));
        }
    }
    Ok(())
}
