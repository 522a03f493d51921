//! Containing panics from the readers and the third-party parsers under them, so that one
//! hostile file becomes one [`Status::Corrupt`] record and the batch goes on.
//!
//! This needs `panic = "unwind"` (the release profile keeps it). The default panic hook would
//! still print each contained panic to stderr, and the library never prints, so a hook is
//! installed once that stays quiet while a reader runs on the current thread and defers to the
//! previous hook everywhere else.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use super::{Format, ReadError, Status};

thread_local! {
    static INSIDE_READER: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

fn install_quiet_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !INSIDE_READER.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `read`, turning a panic into a [`Status::Corrupt`] error that names the reader.
pub(crate) fn contain<T>(
    format: Format,
    read: impl FnOnce() -> Result<T, ReadError>,
) -> Result<T, ReadError> {
    install_quiet_hook();
    let was_inside = INSIDE_READER.with(|inside| inside.replace(true));
    // The reader's state is dropped with the panic; nothing of it is looked at afterwards.
    let outcome = panic::catch_unwind(AssertUnwindSafe(read));
    INSIDE_READER.with(|inside| inside.set(was_inside));
    outcome.unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_string());
        Err(ReadError::new(
            format,
            Status::Corrupt,
            format!("the {format} reader failed on this file ({what})"),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_corrupt() {
        let err = contain::<()>(Format::Pdf, || panic!("boom")).unwrap_err();
        assert_eq!(err.status, Status::Corrupt);
        assert!(err.message.contains("boom"), "{}", err.message);
        assert_eq!(contain(Format::Pdf, || Ok(3)).unwrap(), 3);
    }
}
