#!/bin/sh
# Seeds each fuzz target's corpus with the document fixtures of its format.
# Run from the repository root, after `cargo run --release --example make_fixtures`.
set -eu
f=fixtures/documents
for target in detect text html rtf pdf docx odt; do
    mkdir -p "fuzz/corpus/$target"
done
# The bombs are left out: each run of them costs a second of decompression.
for file in "$f"/*; do
    case "$file" in *bomb*) ;; *) cp "$file" fuzz/corpus/detect/ ;; esac
done
cp "$f"/*.txt "$f"/*.md fuzz/corpus/text/
cp "$f"/*.html fuzz/corpus/html/
cp "$f"/*.rtf fuzz/corpus/rtf/
cp "$f"/resume.pdf "$f"/encrypted.pdf "$f"/scanned.pdf "$f"/truncated.pdf fuzz/corpus/pdf/
cp "$f"/resume.docx "$f"/truncated.docx fuzz/corpus/docx/
cp "$f"/resume.odt fuzz/corpus/odt/
