//! Hashes the embedded taxonomy at build time, so that start-up does not (the CLI's latency for
//! one document is mostly start-up).

use sha2::{Digest, Sha256};

fn main() {
    let path = "taxonomies/desktop-technician.json";
    println!("cargo:rerun-if-changed={path}");
    let source = std::fs::read(path).expect("the embedded taxonomy is readable");
    let hex: String = Sha256::digest(&source)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("embedded_hash.txt");
    std::fs::write(out, format!("sha256:{hex}")).expect("OUT_DIR is writable");
}
