//! Stub.
use super::{Limits, ReadError};
pub(crate) fn read_docx(_bytes: &[u8], _limits: &Limits) -> Result<String, ReadError> {
    Ok(String::new())
}
pub(crate) fn read_odt(_bytes: &[u8], _limits: &Limits) -> Result<String, ReadError> {
    Ok(String::new())
}
