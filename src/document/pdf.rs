//! PDF text on lopdf (issue 4: it recovered damaged files and did not panic on mutated ones).
//!
//! lopdf's own `extract_text` glues or splits words by the order of text operators alone. Here
//! each run of text is placed where the page draws it (text and graphics matrices, glyph widths
//! from the font), and the gap to the previous run decides between nothing (the same word
//! continued: "Desk" + "top"), a space, and a line break. Runs stay in content-stream order,
//! which writers keep per column, so two columns are not interleaved word by word as they would
//! be by sorting runs by position.
//!
//! A PDF with a user password loads and yields no text without any error, so encryption is
//! checked explicitly; a page with almost no text is a scan, reported as such.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, LoadOptions, Object, ObjectId};

use super::{Concealment, Format, HiddenText, Limits, ReadError, Status};

/// A TJ adjustment wider than this (thousandths of an em) is a space between words.
const TJ_SPACE: f32 = 180.0;
/// Horizontal gap, in ems, above which two runs on a line are separate words.
const WORD_GAP: f32 = 0.15;
/// Horizontal gap, in ems, above which two runs on a line are in separate cells or columns.
const CELL_GAP: f32 = 2.0;
/// Vertical move, in ems, above which the next run is on another line.
const LINE_MOVE: f32 = 0.5;
/// Deepest q/Q nesting and form XObject nesting followed.
const MAX_STACK: usize = 64;
const MAX_FORM_DEPTH: usize = 4;
/// Text smaller than this, in points on the page, cannot be read.
const TINY_EM: f32 = 1.0;
/// The most filled shapes remembered per page as backgrounds that white text may sit on.
const MAX_BACKGROUNDS: usize = 4096;
/// How many operators are walked between two looks at the clock.
const CLOCK_EVERY: u64 = 4096;

pub(crate) fn read(
    bytes: &[u8],
    limits: &Limits,
    hidden: &mut HiddenText,
) -> Result<String, ReadError> {
    let budget = usize::try_from(limits.max_decompressed_bytes).unwrap_or(usize::MAX);
    let options = LoadOptions {
        max_decompressed_size: Some(budget),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options).map_err(load_error)?;
    if doc.is_encrypted() {
        return Err(ReadError::new(
            Format::Pdf,
            Status::Encrypted,
            "the PDF needs a password to open: save a copy without it",
        ));
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(ReadError::new(
            Format::Pdf,
            Status::Corrupt,
            "the PDF has no readable pages",
        ));
    }
    if pages.len() > limits.max_pages {
        return Err(ReadError::new(
            Format::Pdf,
            Status::TooLarge,
            format!(
                "{} pages is over the limit of {}",
                pages.len(),
                limits.max_pages
            ),
        ));
    }
    let mut extractor = Extractor {
        doc: &doc,
        budget,
        out: String::new(),
        fonts: HashMap::new(),
        first_error: None,
        damage: None,
        work: Work::new(limits),
        forms: HashMap::new(),
        active: Vec::new(),
        hidden: HiddenText::default(),
        include_hidden: limits.include_hidden,
        page: Page::default(),
    };
    for (number, page_id) in &pages {
        extractor.page.number = *number as usize;
        extractor.page(*page_id)?;
        if !extractor.out.ends_with('\n') && !extractor.out.is_empty() {
            extractor.out.push('\n');
        }
    }
    let text = extractor.out;
    *hidden = extractor.hidden;
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    // A page whose content the file does not hold, or holds cut short, makes the text a part
    // of the document: scoring it would read as a weaker candidate, so it is an error record
    // that says what happened, never a silent partial score.
    if let Some(e) = extractor.damage {
        return Err(ReadError::new(
            Format::Pdf,
            Status::Corrupt,
            format!(
                "{e}: a truncated or damaged file (the other pages hold {visible} characters of text); ask for a new copy"
            ),
        ));
    }
    // Hidden text is text too: a page of white keywords is no scan.
    if visible + hidden.chars < limits.min_chars_per_page.saturating_mul(pages.len()) {
        // Too little text because the file is damaged is not a scan: OCR would not help.
        if let Some(e) = extractor.first_error {
            return Err(ReadError::new(Format::Pdf, Status::Corrupt, e));
        }
        if !has_end_marker(bytes) {
            return Err(ReadError::new(
                Format::Pdf,
                Status::Corrupt,
                "the PDF is truncated (no %%EOF marker at its end), and what remains holds almost no text",
            ));
        }
        return Err(ReadError::new(
            Format::Pdf,
            Status::NoTextLayer,
            format!(
                "{visible} characters of text on {} page(s): a scan without a text layer? Run OCR first",
                pages.len()
            ),
        ));
    }
    Ok(text.trim_end().to_string())
}

/// Whether a stream compressed with FlateDecode alone holds a whole zlib stream (with its
/// checksum). lopdf decodes what it can of a stream cut short and says nothing, so a page cut
/// in half would read as half a page. The check inflates into a small scratch buffer that is
/// thrown away: no allocation that grows with the stream. Other filters pass.
fn flate_complete(stream: &lopdf::Stream) -> bool {
    use flate2::{Decompress, FlushDecompress, Status as Inflate};
    match stream.filters() {
        Ok(filters) if filters == [b"FlateDecode".as_slice()] => {}
        _ => return true,
    }
    let mut input = stream.content.as_slice();
    let mut inflater = Decompress::new(true);
    let mut scratch = [0u8; 16 * 1024];
    loop {
        let (read, written) = (inflater.total_in(), inflater.total_out());
        match inflater.decompress(input, &mut scratch, FlushDecompress::None) {
            Ok(Inflate::StreamEnd) => return true,
            Ok(_) => {
                let used = usize::try_from(inflater.total_in() - read).unwrap_or(usize::MAX);
                input = &input[used.min(input.len())..];
                // Neither input taken nor output made: the data stops before the stream's end.
                if used == 0 && inflater.total_out() == written {
                    return false;
                }
            }
            Err(_) => return false,
        }
    }
}

/// A complete PDF ends with `%%EOF` (followed by at most a little whitespace or junk); a file
/// cut short in transfer does not.
fn has_end_marker(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// The content work one document may still do: operators walked (a form drawn counts as one
/// more), text produced, and time. Hostile files make each of these grow faster than their
/// size: a form drawing itself N times costs N^4 at depth four, and 150 KB of deflate holds 50 MB
/// of operators.
struct Work {
    ops_left: u64,
    max_ops: u64,
    /// The most bytes of text (four per allowed character: more is over the limit anyway).
    max_out: usize,
    deadline: Option<Instant>,
    limits_time: Option<std::time::Duration>,
}

impl Work {
    fn new(limits: &Limits) -> Work {
        Work {
            ops_left: limits.max_content_ops,
            max_ops: limits.max_content_ops,
            max_out: limits.max_chars.saturating_mul(4),
            deadline: limits
                .max_read_time
                .and_then(|t| Instant::now().checked_add(t)),
            limits_time: limits.max_read_time,
        }
    }

    /// Charges one operator, and fails when the document is over its budget.
    fn step(&mut self, out_len: usize) -> Result<(), ReadError> {
        if self.ops_left == 0 {
            return Err(ReadError::new(
                Format::Pdf,
                Status::TooLarge,
                format!(
                    "the PDF draws more than {} content operators (an operator bomb or self-repeating forms?)",
                    self.max_ops
                ),
            ));
        }
        self.ops_left -= 1;
        if out_len > self.max_out {
            return Err(ReadError::new(
                Format::Pdf,
                Status::TooLarge,
                format!(
                    "the PDF yields more than {} characters of text",
                    self.max_out / 4
                ),
            ));
        }
        if self.ops_left % CLOCK_EVERY == 0 {
            if let (Some(deadline), Some(time)) = (self.deadline, self.limits_time) {
                if Instant::now() > deadline {
                    return Err(ReadError::new(
                        Format::Pdf,
                        Status::TooLarge,
                        format!("reading the PDF took more than {time:?}, the time limit for one document"),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn load_error(e: lopdf::Error) -> ReadError {
    let status = match &e {
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Status::TooLarge
        }
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => Status::Encrypted,
        _ => Status::Corrupt,
    };
    ReadError::new(
        Format::Pdf,
        status,
        format!("the PDF could not be loaded: {e}"),
    )
}

/// A 2D affine matrix `[a b c d e f]` as in the PDF spec (row vector times matrix).
#[derive(Clone, Copy, Debug)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// How much the matrix scales vertical distances (the size of an em).
    fn vertical_scale(self) -> f32 {
        let [_, _, c, d, _, _] = self.0;
        (c * c + d * d).sqrt()
    }

    fn finite(self) -> bool {
        self.0.iter().all(|v| v.is_finite())
    }
}

/// What text extraction needs of a font: how to decode its strings and how wide its glyphs are.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Codes are two bytes (Type0 fonts) rather than one.
    two_byte: bool,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font<'_> {
    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }
}

#[derive(Clone, Copy)]
struct TextState {
    /// The fill colour is white (or nearly).
    fill_white: bool,
    /// The text render mode (`Tr`): 3 is invisible, 7 adds to the clip path only.
    render: i64,
    ctm: Matrix,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    font_size: f32,
}

/// Where the previous run of text ended, to decide what separates it from the next.
#[derive(Clone, Copy)]
struct Pen {
    x: f32,
    y: f32,
    em: f32,
}

struct Extractor<'a> {
    doc: &'a Document,
    /// Decompressed bytes still allowed for page content.
    budget: usize,
    out: String,
    /// Fonts by dictionary id, shared by the pages that use them.
    fonts: HashMap<usize, Font<'a>>,
    /// The first content error met while walking (an operator lopdf cannot parse).
    first_error: Option<String>,
    /// The first page content the file does not hold whole: a missing or cut-short stream.
    damage: Option<String>,
    work: Work,
    /// The text each form XObject yielded the first time it was drawn, by stream address: a
    /// form drawn again (a letterhead on every page, or a bomb drawing itself) costs one copy.
    forms: HashMap<usize, String>,
    /// The forms being drawn, innermost last: a form that draws itself is a cycle, not followed.
    active: Vec<usize>,
    hidden: HiddenText,
    include_hidden: bool,
    page: Page,
}

/// What the page being read tells about where text can be seen.
#[derive(Default)]
struct Page {
    /// 1-based.
    number: usize,
    /// The media box, `[x0, y0, x1, y1]`.
    media: Option<[f32; 4]>,
    /// Boxes filled in a colour other than white, or covered by an image, so far: white text
    /// on them can be seen.
    backgrounds: Vec<[f32; 4]>,
}

impl Page {
    fn covered(&self, x: f32, y: f32) -> bool {
        self.backgrounds
            .iter()
            .any(|b| x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3])
    }

    fn add_background(&mut self, b: [f32; 4]) {
        if self.backgrounds.len() < MAX_BACKGROUNDS && b.iter().all(|v| v.is_finite()) {
            self.backgrounds.push(b);
        }
    }
}

/// The bounding box of the unit square `[x, y, w, h]` under `m`.
fn bbox(m: Matrix, x: f32, y: f32, w: f32, h: f32) -> [f32; 4] {
    let corners = [
        m.apply(x, y),
        m.apply(x + w, y),
        m.apply(x, y + h),
        m.apply(x + w, y + h),
    ];
    let mut b = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for (cx, cy) in corners {
        b = [b[0].min(cx), b[1].min(cy), b[2].max(cx), b[3].max(cy)];
    }
    b
}

/// Whether colour operands (gray, RGB or CMYK by their count) are white or nearly.
fn white(nums: &[f32]) -> bool {
    match nums.len() {
        1 | 3 => nums.iter().all(|v| *v >= 0.95),
        4 => nums.iter().all(|v| *v <= 0.05),
        _ => false,
    }
}

/// The media box of a page, looked up through the page tree it inherits from.
fn media_box(doc: &Document, page_id: ObjectId) -> Option<[f32; 4]> {
    let mut dict = doc.get_dictionary(page_id).ok()?;
    for _ in 0..32 {
        if let Ok(b) = dict
            .get(b"MediaBox")
            .and_then(|o| doc.dereference(o))
            .and_then(|(_, o)| o.as_array())
        {
            let v: Vec<f32> = b.iter().filter_map(|o| o.as_float().ok()).collect();
            if v.len() == 4 {
                return Some([
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ]);
            }
            return None;
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

impl<'a> Extractor<'a> {
    fn page(&mut self, page_id: ObjectId) -> Result<(), ReadError> {
        let content = self.page_content(page_id)?;
        self.budget = self.budget.saturating_sub(content.len());
        let fonts = self.doc.get_page_fonts(page_id).unwrap_or_default();
        let resources = self.page_resources(page_id);
        self.page.media = media_box(self.doc, page_id);
        self.page.backgrounds.clear();
        let mut pen = None;
        self.content(&content, &fonts, resources, Matrix::IDENTITY, &mut pen, 0)
    }

    /// The page's content streams, decompressed and joined. lopdf's own
    /// `get_page_content_with_limit` passes over a stream the file does not hold and falls
    /// back to the raw bytes of one that does not decompress, which would make a truncated
    /// file read as a shorter document; here both are noted as damage.
    fn page_content(&mut self, page_id: ObjectId) -> Result<Vec<u8>, ReadError> {
        let number = self.page.number;
        let mut content = Vec::new();
        for id in self.doc.get_page_contents(page_id) {
            let Ok(stream) = self.doc.get_object(id).and_then(Object::as_stream) else {
                self.damage.get_or_insert_with(|| {
                    format!(
                        "page {number} draws content object {} {} R, which the file does not hold",
                        id.0, id.1
                    )
                });
                continue;
            };
            let remaining = self.budget.saturating_sub(content.len());
            let unfiltered = stream.filters().is_ok_and(|f| f.is_empty());
            let decoded = if unfiltered {
                // No filter: the stream is its content, charged like decompressed bytes.
                Ok(None)
            } else {
                stream.decompressed_content_with_limit(remaining).map(Some)
            };
            match decoded {
                Ok(None) if stream.content.len() <= remaining => {
                    content.extend_from_slice(&stream.content);
                }
                Ok(Some(_)) if !flate_complete(stream) => {
                    self.damage.get_or_insert_with(|| {
                        format!(
                            "the compressed content of page {number} ends before its end marker"
                        )
                    });
                }
                Ok(Some(data)) => content.extend_from_slice(&data),
                Ok(None)
                | Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    return Err(ReadError::new(
                        Format::Pdf,
                        Status::TooLarge,
                        format!(
                            "page content decompresses to more than {} bytes (a decompression bomb?)",
                            self.budget
                        ),
                    ));
                }
                Err(e) => {
                    self.damage.get_or_insert_with(|| {
                        format!("the content of page {number} cannot be decompressed ({e})")
                    });
                }
            }
            content.push(b'\n');
        }
        Ok(content)
    }

    fn note_error(&mut self, e: String) {
        self.first_error.get_or_insert(e);
    }

    /// The page's own resource dictionary, for its form XObjects.
    fn page_resources(&self, page_id: ObjectId) -> Option<&'a Dictionary> {
        let page = self.doc.get_dictionary(page_id).ok()?;
        let resources = page.get(b"Resources").ok()?;
        self.doc.dereference(resources).ok()?.1.as_dict().ok()
    }

    fn font(&mut self, font: &'a Dictionary) -> Option<&Font<'a>> {
        let key = font_key(font);
        if !self.fonts.contains_key(&key) {
            let limit = self.budget;
            let loaded = load_font(self.doc, font, limit);
            self.fonts.insert(key, loaded);
        }
        self.fonts.get(&key)
    }

    /// Walks one content stream (a page or a form XObject) and appends its text.
    fn content(
        &mut self,
        data: &[u8],
        fonts: &BTreeMap<Vec<u8>, &'a Dictionary>,
        resources: Option<&'a Dictionary>,
        base: Matrix,
        pen: &mut Option<Pen>,
        depth: usize,
    ) -> Result<(), ReadError> {
        let mut state = TextState {
            fill_white: false,
            render: 0,
            ctm: base,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            font_size: 0.0,
        };
        let mut saved: Vec<TextState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut font: Option<&'a Dictionary> = None;
        // The rectangles of the path being built, in device space.
        let mut path: Vec<[f32; 4]> = Vec::new();

        // Operators are decoded one at a time: a stream of millions of path operators never
        // exists as a list.
        for op in Content::decode_iter(data) {
            let op = match op {
                Ok(op) => op,
                Err(e) => {
                    self.note_error(format!("a content stream could not be parsed: {e}"));
                    break;
                }
            };
            self.work.step(self.out.len())?;
            let nums: Vec<f32> = op
                .operands
                .iter()
                .map(|o| o.as_float().unwrap_or(0.0))
                .collect();
            let num = |i: usize| nums.get(i).copied().unwrap_or(0.0);
            match op.operator.as_str() {
                "q" if saved.len() < MAX_STACK => saved.push(state),
                "Q" => state = saved.pop().unwrap_or(state),
                "cm" if nums.len() == 6 => {
                    let m = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    let ctm = m.then(state.ctm);
                    if ctm.finite() {
                        state.ctm = ctm;
                    }
                }
                "g" | "rg" | "k" | "sc" | "scn" => state.fill_white = white(&nums),
                "cs" => state.fill_white = false,
                "Tr" => {
                    state.render = op
                        .operands
                        .first()
                        .and_then(|o| o.as_i64().ok())
                        .unwrap_or(0)
                }
                "re" if nums.len() == 4 && path.len() < MAX_BACKGROUNDS => {
                    path.push(bbox(state.ctm, num(0), num(1), num(2), num(3)));
                }
                "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    if !state.fill_white {
                        for b in path.drain(..) {
                            self.page.add_background(b);
                        }
                    }
                    path.clear();
                }
                "n" | "S" | "s" => path.clear(),
                "BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                "Tf" => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    font = name.and_then(|n| fonts.get(n).copied());
                    state.font_size = num(1);
                }
                "Tc" => state.char_spacing = num(0),
                "Tw" => state.word_spacing = num(0),
                "Tz" => state.scale = num(0) / 100.0,
                "TL" => state.leading = num(0),
                "Td" => {
                    tlm = Matrix::translate(num(0), num(1)).then(tlm);
                    tm = tlm;
                }
                "TD" => {
                    state.leading = -num(1);
                    tlm = Matrix::translate(num(0), num(1)).then(tlm);
                    tm = tlm;
                }
                "Tm" if nums.len() == 6 => {
                    tlm = Matrix([num(0), num(1), num(2), num(3), num(4), num(5)]);
                    tm = tlm;
                }
                "T*" => {
                    tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "'" || op.operator == "\"" {
                        if op.operator == "\"" {
                            state.word_spacing = num(0);
                            state.char_spacing = num(1);
                        }
                        tlm = Matrix::translate(0.0, -state.leading).then(tlm);
                        tm = tlm;
                    }
                    let Some(dict) = font else { continue };
                    let operand = op.operands.last();
                    let items: &[Object] = match operand {
                        Some(Object::Array(items)) => items,
                        Some(one) => std::slice::from_ref(one),
                        None => continue,
                    };
                    self.show(dict, items, &state, &mut tm, pen);
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    let name = op.operands.first().and_then(|o| o.as_name().ok());
                    if name.is_some_and(|n| self.is_image(resources, n)) {
                        // An image fills the unit square: white text on it can be seen.
                        self.page
                            .add_background(bbox(state.ctm, 0.0, 0.0, 1.0, 1.0));
                        continue;
                    }
                    if let Some((form, form_fonts, form_resources, matrix)) =
                        name.and_then(|n| self.form(resources, n))
                    {
                        let key = form as *const lopdf::Stream as usize;
                        if self.active.contains(&key) {
                            continue;
                        }
                        if let Some(text) = self.forms.get(&key) {
                            if !text.is_empty() {
                                push_newline(&mut self.out);
                                self.out.push_str(text);
                                push_newline(&mut self.out);
                                *pen = None;
                            }
                            continue;
                        }
                        let start = self.out.len();
                        let data = match form.decompressed_content_with_limit(self.budget) {
                            Ok(data) => data,
                            Err(_) => form.content.clone(),
                        };
                        self.budget = self.budget.saturating_sub(data.len());
                        let fonts = if form_fonts.is_empty() {
                            fonts.clone()
                        } else {
                            form_fonts
                        };
                        let base = matrix.then(state.ctm);
                        self.active.push(key);
                        let walked = self.content(
                            &data,
                            &fonts,
                            form_resources.or(resources),
                            base,
                            pen,
                            depth + 1,
                        );
                        self.active.pop();
                        walked?;
                        let text = self.out.get(start..).unwrap_or("").trim().to_string();
                        self.forms.insert(key, text);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether the XObject named `name` in `resources` is an image.
    fn is_image(&self, resources: Option<&'a Dictionary>, name: &[u8]) -> bool {
        let doc = self.doc;
        let stream = resources
            .and_then(|r| r.get(b"XObject").ok())
            .and_then(|x| doc.dereference(x).ok())
            .and_then(|(_, x)| x.as_dict().ok())
            .and_then(|x| x.get(name).ok())
            .and_then(|s| doc.dereference(s).ok())
            .and_then(|(_, s)| s.as_stream().ok());
        stream.is_some_and(|s| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
        })
    }

    /// How text drawn from (`x0`, `y0`) to `x1` at `em` points is hidden, if it is.
    fn concealment(
        &self,
        state: &TextState,
        x0: f32,
        y0: f32,
        x1: f32,
        em: f32,
    ) -> Option<Concealment> {
        if state.render == 3 || state.render == 7 {
            return Some(Concealment::Invisible);
        }
        if em < TINY_EM {
            return Some(Concealment::Tiny);
        }
        if let Some([left, bottom, right, top]) = self.page.media {
            let (start, end) = (x0.min(x1), x0.max(x1));
            if end < left || start > right || y0 + em < bottom || y0 > top {
                return Some(Concealment::OffPage);
            }
        }
        if state.fill_white && !self.page.covered(x0, y0) {
            return Some(Concealment::White);
        }
        None
    }

    /// A form XObject named in `resources`: its stream, fonts, resources and matrix.
    #[allow(clippy::type_complexity)]
    fn form(
        &self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> Option<(
        &'a lopdf::Stream,
        BTreeMap<Vec<u8>, &'a Dictionary>,
        Option<&'a Dictionary>,
        Matrix,
    )> {
        let doc = self.doc;
        let xobjects = resources?.get(b"XObject").ok()?;
        let xobjects = doc.dereference(xobjects).ok()?.1.as_dict().ok()?;
        let stream = doc
            .dereference(xobjects.get(name).ok()?)
            .ok()?
            .1
            .as_stream()
            .ok()?;
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok()? != b"Form" {
            return None;
        }
        let form_resources = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|r| doc.dereference(r).ok())
            .and_then(|(_, r)| r.as_dict().ok());
        let mut fonts = BTreeMap::new();
        if let Some(font_dict) = form_resources
            .and_then(|r| r.get(b"Font").ok())
            .and_then(|f| doc.dereference(f).ok())
            .and_then(|(_, f)| f.as_dict().ok())
        {
            for (key, value) in font_dict.iter() {
                if let Some(dict) = doc
                    .dereference(value)
                    .ok()
                    .and_then(|(_, v)| v.as_dict().ok())
                {
                    fonts.insert(key.clone(), dict);
                }
            }
        }
        let matrix = match stream.dict.get(b"Matrix").and_then(Object::as_array) {
            Ok(m) if m.len() == 6 => {
                let v: Vec<f32> = m.iter().map(|o| o.as_float().unwrap_or(0.0)).collect();
                Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
            }
            _ => Matrix::IDENTITY,
        };
        Some((
            stream,
            fonts,
            form_resources,
            if matrix.finite() {
                matrix
            } else {
                Matrix::IDENTITY
            },
        ))
    }

    /// Shows the strings of a Tj or TJ, advancing the text matrix, and appends their text with
    /// what separates it from the previous run.
    fn show(
        &mut self,
        dict: &'a Dictionary,
        items: &[Object],
        state: &TextState,
        tm: &mut Matrix,
        pen: &mut Option<Pen>,
    ) {
        let size = state.font_size;
        for item in items {
            match item {
                Object::String(bytes, _) => {
                    let Some(font) = self.font(dict) else {
                        continue;
                    };
                    let mut text = String::new();
                    if let Some(encoding) = &font.encoding {
                        let _ = encoding.write_to_string(bytes, &mut text);
                    }
                    let mut advance = 0.0;
                    let step = if font.two_byte { 2 } else { 1 };
                    for code in bytes.chunks(step) {
                        let code = code.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
                        let mut w = font.width(code) / 1000.0 * size + state.char_spacing;
                        if !font.two_byte && code == 32 {
                            w += state.word_spacing;
                        }
                        advance += w * state.scale;
                    }
                    let device = tm.then(state.ctm);
                    if !device.finite() {
                        continue;
                    }
                    let (x0, y0) = device.apply(0.0, 0.0);
                    let next = Matrix::translate(advance, 0.0).then(*tm);
                    let (x1, y1) = next.then(state.ctm).apply(0.0, 0.0);
                    let raw_em = device.vertical_scale() * size.abs();
                    let em = raw_em.max(0.01);
                    if let Some(how) = self.concealment(state, x0, y0, x1, raw_em) {
                        self.hidden.note(how, Some(self.page.number), &text);
                        if !self.include_hidden {
                            if next.finite() {
                                *tm = next;
                            }
                            continue;
                        }
                    }
                    self.place(&text, x0, y0, em, pen);
                    if !text.is_empty() {
                        *pen = Some(Pen { x: x1, y: y1, em });
                    }
                    if next.finite() {
                        *tm = next;
                    }
                }
                other => {
                    let n = other.as_float().unwrap_or(0.0);
                    let shift = Matrix::translate(-n / 1000.0 * size * state.scale, 0.0).then(*tm);
                    if shift.finite() {
                        *tm = shift;
                    }
                    if n < -TJ_SPACE {
                        push_space(&mut self.out);
                    }
                }
            }
        }
    }

    /// Appends `text` drawn at (`x`, `y`), separated from the previous run as the gap says.
    fn place(&mut self, text: &str, x: f32, y: f32, em: f32, pen: &Option<Pen>) {
        if text.is_empty() {
            return;
        }
        if let Some(prev) = pen {
            let em = prev.em.max(em);
            let dy = (y - prev.y).abs();
            let dx = x - prev.x;
            if dy > LINE_MOVE * em {
                push_newline(&mut self.out);
            } else if dx > CELL_GAP * em {
                push_tab(&mut self.out);
            } else if dx > WORD_GAP * em || dx < -em {
                push_space(&mut self.out);
            }
        }
        self.out.push_str(text);
    }
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn push_tab(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with(['\n', '\t']) {
        out.push('\t');
    }
}

fn push_newline(out: &mut String) {
    while out.ends_with([' ', '\t']) {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Fonts are keyed by the address of their dictionary, the same for every page using it while
/// the document is borrowed.
fn font_key(font: &Dictionary) -> usize {
    font as *const Dictionary as usize
}

fn load_font<'a>(doc: &'a Document, font: &'a Dictionary, limit: usize) -> Font<'a> {
    let encoding = font.get_font_encoding_with_limit(doc, limit).ok();
    let subtype = font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"");
    let deref = |o: &'a Object| doc.dereference(o).map(|(_, o)| o).ok();
    let number = |o: &'a Object| deref(o).and_then(|o| o.as_float().ok());
    let mut widths = HashMap::new();
    if subtype == b"Type0" {
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .and_then(deref)
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(deref)
            .and_then(|o| o.as_dict().ok());
        let default_width = descendant
            .and_then(|d| d.get(b"DW").ok())
            .and_then(number)
            .unwrap_or(1000.0);
        if let Some(w) = descendant
            .and_then(|d| d.get(b"W").ok())
            .and_then(deref)
            .and_then(|o| o.as_array().ok())
        {
            cid_widths(w, &mut widths, &number, &deref);
        }
        return Font {
            encoding,
            two_byte: true,
            widths,
            default_width,
        };
    }
    let first = font.get(b"FirstChar").ok().and_then(number).unwrap_or(0.0) as u32;
    if let Some(list) = font
        .get(b"Widths")
        .ok()
        .and_then(deref)
        .and_then(|o| o.as_array().ok())
    {
        for (i, w) in list.iter().take(256).enumerate() {
            if let Some(w) = number(w) {
                widths.insert(first.saturating_add(i as u32), w);
            }
        }
    }
    let missing = font
        .get(b"FontDescriptor")
        .ok()
        .and_then(deref)
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(number);
    Font {
        encoding,
        two_byte: false,
        widths,
        // Without widths (the standard 14 fonts), half an em is close to an average glyph.
        default_width: missing.filter(|w| *w > 0.0).unwrap_or(500.0),
    }
}

/// The `W` array of a CID font: `c [w1 w2 ...]` or `c_first c_last w`.
fn cid_widths<'a>(
    w: &'a [Object],
    widths: &mut HashMap<u32, f32>,
    number: &dyn Fn(&'a Object) -> Option<f32>,
    deref: &dyn Fn(&'a Object) -> Option<&'a Object>,
) {
    const MAX_CIDS: usize = 65_536;
    let mut i = 0;
    while i + 1 < w.len() && widths.len() < MAX_CIDS {
        let Some(start) = number(&w[i]) else { break };
        let start = start.max(0.0) as u32;
        if let Some(list) = deref(&w[i + 1]).and_then(|o| o.as_array().ok()) {
            for (k, v) in list.iter().take(MAX_CIDS).enumerate() {
                if let Some(v) = number(v) {
                    widths.insert(start.saturating_add(k as u32), v);
                }
            }
            i += 2;
        } else if i + 2 < w.len() {
            let end = number(&w[i + 1]).unwrap_or(0.0).max(0.0) as u32;
            let v = number(&w[i + 2]).unwrap_or(1000.0);
            for cid in start..=end.min(start.saturating_add(MAX_CIDS as u32)) {
                widths.insert(cid, v);
            }
            i += 3;
        } else {
            break;
        }
    }
}
