//! DOCX and ODT: zip archives of XML parts, read with quick-xml's streaming reader. Body text,
//! tables (cells end with a tab, rows with a line break), hyperlinks, text boxes, headers and
//! footers (and DOCX foot- and endnotes); deleted revisions, field codes and the fallback
//! copies of drawings are not text, so nothing is counted twice.
//!
//! Small readers of our own (issue 4): docx-rs hung on mutated files and took 1.5 GB on a zip
//! bomb, docx-rust drops tables. Here every entry is read within the budget of
//! [`super::zipped::Archive`], and the XML reader never builds a tree.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::zipped::Archive;
use super::{Concealment, Format, HiddenText, Limits, ReadError, Status};

/// The body, headers, footers and notes of a DOCX file.
pub(crate) fn read_docx(
    bytes: &[u8],
    limits: &Limits,
    hidden: &mut HiddenText,
) -> Result<String, ReadError> {
    let mut hide = Hide {
        hidden,
        include: limits.include_hidden,
    };
    let mut archive = Archive::open(bytes, Format::Docx, limits)?;
    let names = archive.names();
    let part = |prefix: &str| {
        let mut parts: Vec<&String> = names
            .iter()
            .filter(|n| {
                n.starts_with(prefix) && n.ends_with(".xml") && !n[prefix.len()..].contains('/')
            })
            .collect();
        // header2.xml before header10.xml.
        parts.sort_by_key(|n| (n.len(), n.to_string()));
        parts.into_iter().cloned().collect::<Vec<String>>()
    };
    let Some(body) = archive.text("word/document.xml")? else {
        return Err(ReadError::new(
            Format::Docx,
            Status::Corrupt,
            "no word/document.xml in the archive",
        ));
    };
    let mut out = String::new();
    for header in part("word/header") {
        if let Some(xml) = archive.text(&header)? {
            docx_part(&xml, &header, &mut out, &mut hide)?;
        }
    }
    docx_part(&body, "word/document.xml", &mut out, &mut hide)?;
    for name in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = archive.text(name)? {
            docx_part(&xml, name, &mut out, &mut hide)?;
        }
    }
    for footer in part("word/footer") {
        if let Some(xml) = archive.text(&footer)? {
            docx_part(&xml, &footer, &mut out, &mut hide)?;
        }
    }
    no_text_check(Format::Docx, out, &names, "word/media/")
}

/// The body, headers and footers of an ODT file.
pub(crate) fn read_odt(bytes: &[u8], limits: &Limits) -> Result<String, ReadError> {
    let mut archive = Archive::open(bytes, Format::Odt, limits)?;
    let names = archive.names();
    if let Some(manifest) = archive.text("META-INF/manifest.xml")? {
        if manifest.contains("encryption-data") {
            return Err(ReadError::new(
                Format::Odt,
                Status::Encrypted,
                "a password-protected OpenDocument file: save a copy without the password",
            ));
        }
    }
    let Some(content) = archive.text("content.xml")? else {
        return Err(ReadError::new(
            Format::Odt,
            Status::Corrupt,
            "no content.xml in the archive",
        ));
    };
    let mut out = String::new();
    odt_part(&content, "content.xml", false, &mut out)?;
    if let Some(styles) = archive.text("styles.xml")? {
        // Headers and footers live in the master pages of styles.xml.
        odt_part(&styles, "styles.xml", true, &mut out)?;
    }
    no_text_check(Format::Odt, out, &names, "Pictures/")
}

/// A document with images and no text is a scan pasted into a word processor: say so rather
/// than score it as empty.
fn no_text_check(
    format: Format,
    out: String,
    names: &[String],
    media: &str,
) -> Result<String, ReadError> {
    if out.trim().is_empty() && names.iter().any(|n| n.starts_with(media)) {
        return Err(ReadError::new(
            format,
            Status::NoTextLayer,
            "the document holds images but no text (a scan?): run OCR first",
        ));
    }
    Ok(tidy(out))
}

fn xml_reader(xml: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    // Damaged files are read as far as they go rather than rejected for a stray end tag.
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    reader
}

fn xml_error(
    format: Format,
    part: &str,
    reader: &Reader<&[u8]>,
    e: &quick_xml::Error,
) -> ReadError {
    ReadError::new(
        format,
        Status::Corrupt,
        format!("{part}: XML error at byte {}: {e}", reader.error_position()),
    )
}

/// The text an entity or character reference stands for.
fn reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// Where hidden DOCX text goes: noted always, and kept in the text only when asked.
struct Hide<'a> {
    hidden: &'a mut HiddenText,
    include: bool,
}

/// What the formatting of the run being read says about its visibility.
#[derive(Default)]
struct RunLook {
    vanish: bool,
    white: bool,
    tiny: bool,
    /// The run has shading or a highlight: white text on it can be seen.
    shaded: bool,
}

/// The value of an attribute whose local name is `name` (`w:val`, `w:fill`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// A `w:shd` fill or `w:highlight` colour that is something other than white.
fn coloured(value: Option<String>) -> bool {
    value.is_some_and(|v| {
        !matches!(
            v.to_ascii_lowercase().as_str(),
            "auto" | "ffffff" | "white" | "none" | "clear"
        )
    })
}

/// Reads the run property `e` (inside `w:rPr`) into `look`.
fn run_property(e: &BytesStart<'_>, look: &mut RunLook) {
    let on = |v: Option<String>| !matches!(v.as_deref(), Some("0" | "false" | "off"));
    match e.local_name().as_ref() {
        "vanish" | "specVanish" => look.vanish = on(attr(e, "val")),
        "color" => {
            look.white = attr(e, "val")
                .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "ffffff" | "white"))
        }
        // Half-points: 2 is a 1-point font.
        "sz" => {
            look.tiny = attr(e, "val")
                .and_then(|v| v.parse::<u32>().ok())
                .is_some_and(|v| v <= 2)
        }
        "shd" => look.shaded |= coloured(attr(e, "fill")),
        "highlight" => look.shaded |= coloured(attr(e, "val")),
        _ => {}
    }
}

/// One WordprocessingML part: text is in `w:t` runs only. Runs marked hidden, 1-point runs and
/// white runs on no shading go to `hide` instead.
fn docx_part(
    xml: &str,
    part: &str,
    out: &mut String,
    hide: &mut Hide<'_>,
) -> Result<(), ReadError> {
    let mut reader = xml_reader(xml);
    let mut in_text = false;
    let mut seen = Visibility::default();
    // Depth inside an element whose content is not text.
    let mut skip = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(Format::Docx, part, &reader, &e))?;
        match event {
            Event::Start(e) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                let qname = e.name().as_ref().to_string();
                seen.element(&e);
                match local(&e).as_str() {
                    "t" => in_text = true,
                    "r" | "rPr" | "pPr" | "tcPr" | "txbxContent" => seen.open(&local(&e)),
                    // Deleted revisions, field instructions (HYPERLINK "https://..."), the
                    // fallback copy of a drawing whose text box was already read.
                    "delText" | "instrText" => skip = 1,
                    _ if qname == "mc:Fallback" => skip = 1,
                    other => docx_empty(other, out),
                }
            }
            Event::Empty(e) if skip == 0 => {
                seen.element(&e);
                docx_empty(&local(&e), out)
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "r" | "rPr" | "pPr" | "tcPr" | "txbxContent" => {
                        seen.close(e.local_name().as_ref())
                    }
                    "p" => {
                        seen.close("p");
                        newline(out)
                    }
                    "tr" => newline(out),
                    "tc" => {
                        seen.close("tc");
                        cell_end(out)
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => {
                hide.text(seen.concealment(), &t.xml10_content(), out)
            }
            Event::CData(t) if in_text && skip == 0 => hide.text(seen.concealment(), &t, out),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                if let Some(c) = reference(&r) {
                    hide.text(seen.concealment(), c.encode_utf8(&mut [0; 4]), out)
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Where the DOCX reader is, as far as the visibility of text goes: the run's formatting and
/// the shading behind it.
#[derive(Default)]
struct Visibility {
    in_run: bool,
    in_rpr: bool,
    in_ppr: bool,
    in_tcpr: bool,
    look: RunLook,
    para_shaded: bool,
    cell_shaded: bool,
    /// Text box depth: the shape's fill is not followed, so white there counts as seen.
    text_box: usize,
}

impl Visibility {
    fn open(&mut self, name: &str) {
        match name {
            "r" => {
                self.in_run = true;
                self.look = RunLook::default();
            }
            "rPr" => self.in_rpr = true,
            "pPr" => self.in_ppr = true,
            "tcPr" => self.in_tcpr = true,
            "txbxContent" => self.text_box += 1,
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "r" => self.in_run = false,
            "rPr" => self.in_rpr = false,
            "pPr" => self.in_ppr = false,
            "tcPr" => self.in_tcpr = false,
            "txbxContent" => self.text_box = self.text_box.saturating_sub(1),
            "p" => self.para_shaded = false,
            "tc" => self.cell_shaded = false,
            _ => {}
        }
    }

    /// Reads run formatting, or paragraph or cell shading, from an element.
    fn element(&mut self, e: &BytesStart<'_>) {
        if self.in_run && self.in_rpr {
            run_property(e, &mut self.look);
        } else if e.local_name().as_ref() == "shd" {
            if self.in_tcpr {
                self.cell_shaded = coloured(attr(e, "fill"));
            } else if self.in_ppr {
                self.para_shaded = coloured(attr(e, "fill"));
            }
        }
    }

    /// How the current run hides its text, if it does.
    fn concealment(&self) -> Option<Concealment> {
        let background = self.para_shaded || self.cell_shaded || self.text_box > 0;
        if self.look.vanish {
            Some(Concealment::Vanish)
        } else if self.look.tiny {
            Some(Concealment::Tiny)
        } else if self.look.white && !self.look.shaded && !background {
            Some(Concealment::White)
        } else {
            None
        }
    }
}

impl Hide<'_> {
    fn text(&mut self, how: Option<Concealment>, text: &str, out: &mut String) {
        if let Some(how) = how {
            self.hidden.note(how, None, text);
            if !self.include {
                return;
            }
        }
        out.push_str(text);
    }
}

/// Elements that stand for a character, met empty or as a start tag.
fn docx_empty(name: &str, out: &mut String) {
    match name {
        "tab" | "ptab" => out.push('\t'),
        "br" | "cr" => out.push('\n'),
        "noBreakHyphen" => out.push('-'),
        _ => {}
    }
}

/// One ODF part. Text is mixed content of `text:p` and `text:h`; white space in it collapses,
/// `text:s` stands for spaces. With `page_styles_only`, only headers and footers count.
fn odt_part(
    xml: &str,
    part: &str,
    page_styles_only: bool,
    out: &mut String,
) -> Result<(), ReadError> {
    let mut reader = xml_reader(xml);
    // How deep inside paragraphs, skipped elements and (for styles.xml) headers and footers.
    let mut para = 0usize;
    let mut skip = 0usize;
    let mut region = 0usize;
    let counts = |region: usize| !page_styles_only || region > 0;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error(Format::Odt, part, &reader, &e))?;
        match event {
            Event::Start(e) => {
                if skip > 0 {
                    skip += 1;
                    continue;
                }
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "text:p" | "text:h" => para += 1,
                    "text:tracked-changes"
                    | "office:annotation"
                    | "svg:title"
                    | "svg:desc"
                    | "text:note-citation" => skip = 1,
                    n if is_page_region(n) => region += 1,
                    n if counts(region) => odt_empty(n, &e, out),
                    _ => {}
                }
            }
            Event::Empty(e) if skip == 0 && counts(region) => odt_empty(e.name().as_ref(), &e, out),
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let name = e.name();
                match name.as_ref() {
                    "text:p" | "text:h" => {
                        para = para.saturating_sub(1);
                        if counts(region) {
                            newline(out);
                        }
                    }
                    "table:table-cell" if counts(region) => cell_end(out),
                    "table:table-row" if counts(region) => newline(out),
                    n if is_page_region(n) => region = region.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(t) if para > 0 && skip == 0 && counts(region) => {
                for c in t.xml10_content().chars() {
                    if c.is_whitespace() {
                        if !out.is_empty() && !out.ends_with([' ', '\n', '\t']) {
                            out.push(' ');
                        }
                    } else {
                        out.push(c);
                    }
                }
            }
            Event::CData(t) if para > 0 && skip == 0 && counts(region) => out.push_str(&t),
            Event::GeneralRef(r) if para > 0 && skip == 0 && counts(region) => {
                out.extend(reference(&r))
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

fn is_page_region(name: &str) -> bool {
    matches!(
        name,
        "style:header"
            | "style:footer"
            | "style:header-left"
            | "style:footer-left"
            | "style:header-first"
            | "style:footer-first"
    )
}

fn odt_empty(name: &str, e: &BytesStart<'_>, out: &mut String) {
    match name {
        "text:tab" => out.push('\t'),
        "text:line-break" => out.push('\n'),
        "text:s" => {
            let n = e
                .try_get_attribute("text:c")
                .ok()
                .flatten()
                .and_then(|a| a.value.parse::<usize>().ok())
                .unwrap_or(1);
            out.extend(std::iter::repeat_n(' ', n.min(64)));
        }
        _ => {}
    }
}

fn newline(out: &mut String) {
    while out.ends_with([' ', '\t']) {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn cell_end(out: &mut String) {
    while out.ends_with(['\n', ' ']) {
        out.pop();
    }
    if !out.is_empty() {
        out.push('\t');
    }
}

/// Trailing white space off, so that the text ends with its last word.
fn tidy(mut out: String) -> String {
    while out.ends_with(char::is_whitespace) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(xml: &str) -> String {
        let mut out = String::new();
        docx_part(
            xml,
            "test",
            &mut out,
            &mut Hide {
                hidden: &mut HiddenText::default(),
                include: false,
            },
        )
        .unwrap();
        tidy(out)
    }

    fn odt(xml: &str, styles: bool) -> String {
        let mut out = String::new();
        odt_part(xml, "test", styles, &mut out).unwrap();
        tidy(out)
    }

    #[test]
    fn docx_runs_tables_links_and_revisions() {
        let xml = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
            <w:p><w:r><w:t>Remote </w:t></w:r><w:r><w:t>Desk</w:t></w:r><w:r><w:t>top</w:t></w:r></w:p>
            <w:p><w:hyperlink r:id="rId5"><w:r><w:t>ServiceNow</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>Jira &amp; Okta</w:t></w:r></w:p>
            <w:p><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:instrText>HYPERLINK "x"</w:instrText><w:t>Wi</w:t><w:noBreakHyphen/><w:t>Fi</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>SCCM</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3 years</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <mc:AlternateContent><mc:Choice><w:t>Box text</w:t></mc:Choice><mc:Fallback><w:t>Box text</w:t></mc:Fallback></mc:AlternateContent>
            </w:body></w:document>"#;
        assert_eq!(
            docx(xml),
            "Remote Desktop\nServiceNow\tJira & Okta\nWi-Fi\nSCCM\t3 years\nBox text"
        );
    }

    #[test]
    fn odt_paragraphs_spaces_tables_and_headers() {
        let content = r#"<office:document-content><office:body><office:text>
            <text:h>Desktop   Support</text:h>
            <text:p>Active<text:s text:c="2"/>Directory<text:tab/><text:a xlink:href="x">Intune</text:a><text:line-break/>MD&#x2D;102</text:p>
            <text:tracked-changes><text:p>gone</text:p></text:tracked-changes>
            <table:table><table:table-row><table:table-cell><text:p>A+</text:p></table:table-cell><table:table-cell><text:p>2024</text:p></table:table-cell></table:table-row></table:table>
            </office:text></office:body></office:document-content>"#;
        assert_eq!(
            odt(content, false),
            "Desktop Support\nActive  Directory\tIntune\nMD-102\nA+\t2024"
        );
        let styles = r#"<office:document-styles><style:style><text:p>not me</text:p></style:style>
            <office:master-styles><style:master-page><style:header><text:p>Jane Doe</text:p></style:header>
            <style:footer><text:p>Page 1</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#;
        assert_eq!(odt(styles, true), "Jane Doe\nPage 1");
    }

    #[test]
    fn broken_xml_is_corrupt_or_lenient() {
        assert_eq!(docx("<w:p><w:t>a</w:x></w:p><w:p><w:t>b</w:t>"), "a\nb");
        let mut out = String::new();
        let mut hidden = HiddenText::default();
        let mut hide = Hide {
            hidden: &mut hidden,
            include: false,
        };
        let err = docx_part("<w:p><w:t attr=\"x>oops", "p", &mut out, &mut hide).unwrap_err();
        assert_eq!(err.status, Status::Corrupt);
    }
}
