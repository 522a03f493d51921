//! Stub.
use super::{Limits, ReadError};
pub(crate) fn read(bytes: &[u8], _limits: &Limits) -> Result<String, ReadError> {
    Ok(String::from_utf8_lossy(bytes).into_owned())
}
