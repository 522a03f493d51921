//! Reading entries of a zip archive (DOCX, ODT) within a budget of decompressed bytes, so that
//! a zip bomb stops after [`Limits::max_decompressed_bytes`] whatever sizes its headers claim.

use std::io::{Cursor, Read};

use zip::result::ZipError;
use zip::ZipArchive;

use super::{Format, Limits, ReadError, Status};

pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    format: Format,
    /// Decompressed bytes still allowed for this document.
    budget: u64,
}

impl<'a> Archive<'a> {
    pub(crate) fn open(
        bytes: &'a [u8],
        format: Format,
        limits: &Limits,
    ) -> Result<Archive<'a>, ReadError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(format, &e))?;
        if zip.len() > limits.max_zip_entries {
            return Err(ReadError::new(
                format,
                Status::TooLarge,
                format!(
                    "{} zip entries is over the limit of {}",
                    zip.len(),
                    limits.max_zip_entries
                ),
            ));
        }
        Ok(Archive {
            zip,
            format,
            budget: limits.max_decompressed_bytes,
        })
    }

    /// The names of the entries, in archive order.
    pub(crate) fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .map(|n| n.into_owned())
            .collect()
    }

    /// The entry `name` as text (UTF-8, or UTF-16 with a byte-order mark), or `None` if the
    /// archive has no such entry.
    pub(crate) fn text(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let format = self.format;
        let mut entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(zip_error(format, &e)),
        };
        if entry.encrypted() {
            return Err(ReadError::new(
                format,
                Status::Encrypted,
                format!("{name} is encrypted"),
            ));
        }
        let too_large = |budget: u64| {
            ReadError::new(
                format,
                Status::TooLarge,
                format!(
                    "{name} decompresses to more than the limit of {budget} bytes (a zip bomb?)"
                ),
            )
        };
        // An honest header saves inflating a bomb up to the limit; a lying one is caught below.
        if entry.size() > self.budget {
            return Err(too_large(self.budget));
        }
        let mut bytes = Vec::new();
        // Read one byte past the budget to know that it was exceeded; the declared size is not
        // trusted.
        let read = (&mut entry)
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::new(format, Status::Corrupt, format!("{name}: {e}")))?;
        if read as u64 > self.budget {
            return Err(too_large(self.budget));
        }
        self.budget -= read as u64;
        Ok(Some(xml_text(bytes)))
    }
}

/// XML parts are UTF-8 in practice; UTF-16 with a byte-order mark is allowed by the spec.
fn xml_text(bytes: Vec<u8>) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

fn zip_error(format: Format, e: &ZipError) -> ReadError {
    let status = match e {
        ZipError::UnsupportedArchive(msg) if msg.to_ascii_lowercase().contains("password") => {
            Status::Encrypted
        }
        _ => Status::Corrupt,
    };
    ReadError::new(format, status, format!("damaged zip archive: {e}"))
}
