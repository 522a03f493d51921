//! Hostile PDFs, built with lopdf so that every byte of them is visible here.

use lopdf::{dictionary, Document, Object, Stream};

/// A one-page PDF: `content` is the page's content stream (deflated when `deflate`), and
/// `xobjects` are named streams in the page's resources. Text uses `/F1` (Helvetica).
pub fn page(content: Vec<u8>, deflate: bool, xobjects: Vec<(&str, Stream)>) -> Vec<u8> {
    pages(vec![content], deflate, xobjects)
}

/// A PDF of one page per content stream, each deflated when `deflate`, sharing the font `/F1`
/// (Helvetica) and the named `xobjects`.
pub fn pages(contents: Vec<Vec<u8>>, deflate: bool, xobjects: Vec<(&str, Stream)>) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let mut names = lopdf::Dictionary::new();
    for (name, stream) in xobjects {
        let id = doc.add_object(stream);
        names.set(name, id);
    }
    let mut kids = Vec::new();
    for content in contents {
        let mut stream = Stream::new(dictionary! {}, content);
        if deflate {
            stream.compress().expect("compress");
        }
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id }, "XObject" => names.clone() },
        });
        kids.push(Object::from(page_id));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Count" => kids.len() as i64,
            "Kids" => kids,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

/// A form XObject whose content is `content`, not compressed (it inherits the page's
/// resources).
pub fn form(content: Vec<u8>) -> Stream {
    Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()] },
        content,
    )
}

/// One line of text at (50, y).
pub fn line(y: u32, text: &str) -> String {
    format!("BT /F1 12 Tf 50 {y} Td ({text}) Tj ET\n")
}

/// A resume page of plain text lines.
pub fn resume() -> Vec<u8> {
    page(resume_lines().into_bytes(), true, vec![])
}

fn resume_lines() -> String {
    [
        "Jane Doe - Desktop Support Technician",
        "CompTIA A+ certified technician with 4 years of help desk experience.",
        "Skills: Active Directory, Microsoft Intune, SCCM, Windows 11, ServiceNow.",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| line(780 - 20 * i as u32, t))
    .collect()
}

/// A form that draws itself `n` times (and some text): N^4 walks at depth four without a
/// cycle check.
pub fn form_self_bomb(n: usize) -> Vec<u8> {
    let mut content = line(700, "Windows 11 PowerShell").into_bytes();
    content.extend("/X Do\n".repeat(n).bytes());
    page(b"/X Do\n".to_vec(), true, vec![("X", form(content))])
}

/// Forms X0 .. X5, each drawing the next `n` times: N^5 without memoised form text.
pub fn form_chain_bomb(n: usize) -> Vec<u8> {
    let mut forms = Vec::new();
    for level in 0..6 {
        let mut content = line(700 - level * 14, "Active Directory").into_bytes();
        if level < 5 {
            content.extend(format!("/X{} Do\n", level + 1).repeat(n).bytes());
        }
        forms.push((
            ["X0", "X1", "X2", "X3", "X4", "X5"][level as usize],
            form(content),
        ));
    }
    page(b"/X0 Do\n".to_vec(), true, forms)
}

/// A page of `bytes` of path operators (deflate makes them a few hundred KB) and one line of
/// text.
pub fn operator_bomb(bytes: usize) -> Vec<u8> {
    let mut content = resume_lines().into_bytes();
    let unit = b"0 0 m 1 1 l S\n";
    while content.len() < bytes {
        content.extend_from_slice(unit);
    }
    page(content, true, vec![])
}

/// The first `keep` of the bytes of a PDF, as if the transfer stopped.
pub fn truncated(pdf: &[u8], keep: f64) -> Vec<u8> {
    pdf[..(pdf.len() as f64 * keep) as usize].to_vec()
}

/// The resume without its content stream object: the page points at nothing.
pub fn missing_content() -> Vec<u8> {
    edit(&resume(), |doc| {
        let ids: Vec<_> = doc
            .objects
            .iter()
            .filter(|(_, o)| o.as_stream().is_ok())
            .map(|(id, _)| *id)
            .collect();
        for id in ids {
            doc.objects.remove(&id);
        }
    })
}

fn edit(pdf: &[u8], change: impl FnOnce(&mut Document)) -> Vec<u8> {
    let mut doc = Document::load_mem(pdf).expect("own PDF loads");
    change(&mut doc);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save PDF");
    out
}

/// A page with a visible resume line and each way of hiding text: white on the page, white on
/// a dark box (visible), render mode 3, a half-point font, and text below the page.
pub fn hidden_tricks() -> Vec<u8> {
    let content = format!(
        "{visible}\
         1 1 1 rg BT /F1 12 Tf 50 700 Td (Kubernetes Terraform) Tj ET 0 g\n\
         0.2 0.2 0.5 rg 40 640 300 30 re f 1 1 1 rg BT /F1 12 Tf 50 650 Td (Team Lead) Tj ET 0 g\n\
         BT 3 Tr /F1 12 Tf 50 600 Td (Ansible) Tj ET\n\
         BT 0 Tr /F1 0.5 Tf 50 580 Td (Golang) Tj ET\n\
         BT /F1 12 Tf 50 -200 Td (Kafka) Tj ET\n",
        visible = line(
            780,
            "Help desk technician: Windows 11 and Active Directory."
        )
    );
    page(content.into_bytes(), true, vec![])
}

/// A resume of `count` pages, each its own deflated content stream of varied lines (so
/// deflate cannot shrink a page to a few bytes and a cut lands inside a stream).
pub fn long_resume(count: usize) -> Vec<u8> {
    let contents = (0..count)
        .map(|p| {
            (0..40)
                .map(|i| {
                    let text = format!(
                        "Page {p} line {i}: resolved ticket {} for user {} with Active Directory",
                        p * 1000 + i * 37,
                        i * 7919 % 1013
                    );
                    line(800 - 19 * i as u32, &text)
                })
                .collect::<String>()
                .into_bytes()
        })
        .collect();
    pages(contents, true, vec![])
}

/// `long_resume(3)` with the second page's content stream damaged: `cut` keeps the first half
/// of its deflated bytes (a stream cut in transfer), otherwise the object is gone.
pub fn damaged_middle_page(cut: bool) -> Vec<u8> {
    edit(&long_resume(3), |doc| {
        let pages = doc.get_pages();
        let page_id = pages[&2];
        let content_id = doc
            .get_dictionary(page_id)
            .and_then(|p| p.get(b"Contents"))
            .and_then(Object::as_reference)
            .expect("page 2 has one content stream");
        if cut {
            let stream = doc
                .get_object_mut(content_id)
                .and_then(Object::as_stream_mut)
                .expect("content is a stream");
            let half = stream.content.len() / 2;
            stream.content.truncate(half);
            stream.dict.set("Length", half as i64);
        } else {
            doc.objects.remove(&content_id);
        }
    })
}
