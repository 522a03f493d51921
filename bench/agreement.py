#!/usr/bin/env python3
"""agreement.py - why rolefit's per-document counts differ from the harness's reference peer.

usage: bench/agreement.py [--rolefit BIN] [--patterns FILE] [--limit N] [--context C]
                          TOOL_OUT REF_OUT CORPUS
   or: bench/agreement.py [--rolefit BIN] [--patterns FILE] --docs FILE...

TOOL_OUT and REF_OUT are raw outputs of one harness run (results/<run>/raw/tool-j1.out and
raw/ac-exact-dfa-j1.out); CORPUS is the corpus folder (its docs/) the run used. For up to N
documents whose counts differ, the matches are recomputed on both sides with spans, and every match
found by one side only is printed with its context and a guess at the rule behind it:

  reference  ac-baseline --exact: ASCII case-insensitive, all overlapping matches, a match counts
             iff the bytes on either side are not ASCII [A-Za-z0-9_], then leftmost-longest.
             (Reimplemented here, checked against the counts in REF_OUT.)
  rolefit    `rolefit extract --taxonomy FILE --exact --format jsonl`, spans as reported.

Ends with a tally of the guessed causes over all differing matches examined.
"""
import argparse
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORD = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def ascii_lower(b):
    return bytes(c + 32 if 65 <= c <= 90 else c for c in b)


class Reference:
    """ac-baseline --exact semantics, by brute force over a dict of patterns by first byte."""

    def __init__(self, patterns):
        self.by_first = collections.defaultdict(list)
        for p in patterns:
            q = ascii_lower(p.encode("utf-8"))
            self.by_first[q[0]].append(q)

    def spans(self, text):
        h = text
        lh = ascii_lower(h)
        found = []
        for s in range(len(h)):
            for q in self.by_first.get(lh[s], ()):
                e = s + len(q)
                if lh.startswith(q, s) and (s == 0 or h[s - 1] not in WORD) and (e == len(h) or h[e] not in WORD):
                    found.append((s, e))
        found.sort(key=lambda m: (m[0], -m[1]))
        out, last = [], 0
        for s, e in found:
            if s >= last:
                out.append((s, e))
                last = e
        return out


def load_counts(path):
    d = {}
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if "\t" in line:
            k, v = line.rsplit("\t", 1)
        elif ":" in line:
            k, v = line.rsplit(":", 1)
        else:
            continue
        try:
            d[os.path.splitext(os.path.basename(k))[0]] = int(v)
        except ValueError:
            pass
    return d


def rolefit_spans(binary, patterns, paths):
    out = subprocess.run([binary, "extract", "--taxonomy", patterns, "--exact", "--format", "jsonl", "-j", "1"]
                         + paths, capture_output=True, check=False)
    res = {}
    for line in out.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        key = os.path.splitext(os.path.basename(str(r.get("id"))))[0]
        res[key] = r
    if not res:
        sys.exit("rolefit gave no output: " + out.stderr.decode("utf-8", "replace")[:2000])
    return res


def classify(h, s, e, side, other):
    """A guess at the rule that makes one side find [s,e) and not the other."""
    before = h[s - 1:s]
    after = h[e:e + 1]
    seg = h[s:e]
    overl = [m for m in other if m[0] < e and s < m[1]]
    if overl:
        o = overl[0]
        if o[0] == s:
            return "same start, other length (%s)" % ("longer" if o[1] > e else "shorter")
        return "overlap resolved differently"
    if b"\n" in seg or b"  " in seg or b"\t" in seg or any(c >= 0x80 for c in seg):
        return "normalisation inside the term (white space / Unicode)"
    if any(c >= 0x80 for c in before + after):
        return "non-ASCII neighbour byte %r" % (before + after)
    if side == "rolefit":
        return "rolefit accepts boundary %r|%r" % (before, after)
    return "rolefit rejects boundary %r...%r (term %r)" % (before, after, seg)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--rolefit", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target")), "release", "rolefit"))
    ap.add_argument("--patterns", default=os.path.join(HERE, "..", "..", "shared", "bench", "patterns.txt"))
    ap.add_argument("--limit", type=int, default=40)
    ap.add_argument("--context", type=int, default=30)
    ap.add_argument("--docs", nargs="+")
    ap.add_argument("runs", nargs="*")
    a = ap.parse_args()
    patterns = [l.rstrip("\r\n") for l in open(a.patterns, encoding="utf-8") if l.strip()]
    ref = Reference(patterns)

    if a.docs:
        paths = a.docs
        ref_counts = None
    else:
        if len(a.runs) != 3:
            ap.error("need TOOL_OUT REF_OUT CORPUS (or --docs)")
        tool, refc = load_counts(a.runs[0]), load_counts(a.runs[1])
        corpus = a.runs[2]
        if os.path.isdir(os.path.join(corpus, "docs")):
            corpus = os.path.join(corpus, "docs")
        diff = sorted(k for k in set(tool) | set(refc) if tool.get(k, 0) != refc.get(k, 0))
        print("documents: %d, counts differ in %d (%.2f %%); rolefit total %d, reference total %d"
              % (len(set(tool) | set(refc)), len(diff), 100.0 * len(diff) / max(1, len(set(tool) | set(refc))),
                 sum(tool.values()), sum(refc.values())))
        index = {}
        for dp, _, fs in os.walk(corpus):
            for f in fs:
                index[os.path.splitext(f)[0]] = os.path.join(dp, f)
        paths = [index[k] for k in diff[: a.limit] if k in index]
        ref_counts = refc

    rf = rolefit_spans(a.rolefit, a.patterns, paths)
    tally = collections.Counter()
    examples = collections.defaultdict(list)
    for p in paths:
        key = os.path.splitext(os.path.basename(p))[0]
        h = open(p, "rb").read()
        rs = ref.spans(h)
        if ref_counts is not None and ref_counts.get(key) != len(rs):
            print("warning: %s: reimplemented reference finds %d, ac-baseline %s" % (key, len(rs), ref_counts.get(key)))
        r = rf.get(key, {})
        if "error" in r:
            print("%s: rolefit error: %s" % (key, r["error"]))
            continue
        ts = sorted({(m["start"], m["end"]) for m in r.get("matches", [])})
        only_t = sorted(set(ts) - set(rs))
        only_r = sorted(set(rs) - set(ts))
        for side, ms, other in (("rolefit", only_t, rs), ("reference", only_r, ts)):
            for s, e in ms:
                why = classify(h, s, e, side, other)
                tally[(side, why)] += 1
                ctx = h[max(0, s - a.context):s] + b"[" + h[s:e] + b"]" + h[e:e + a.context]
                examples[(side, why)].append("%s @%d: %s" % (key, s, ctx.decode("utf-8", "replace").replace("\n", "\\n")))
    print("\nonly found by | guessed cause | matches | example")
    print("---|---|---:|---")
    for (side, why), n in tally.most_common():
        print("%s | %s | %d | %s" % (side, why, n, examples[(side, why)][0]))
    print()
    for (side, why), n in tally.most_common():
        print("## only %s: %s (%d)" % (side, why, n))
        for x in examples[(side, why)][:5]:
            print("   " + x)


if __name__ == "__main__":
    main()
