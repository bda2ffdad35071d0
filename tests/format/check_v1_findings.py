#!/usr/bin/env python3
"""Case format 1.1 is backwards compatible (issue 17): every case in the
library written before 1.1 gives byte-identical findings.

The baseline tests/format/v1-findings.txt holds, per case of the library as
it stood before format 1.1 ("FILE CASE-ID WORST SHA256"), the SHA-256 of the
case's findings exactly as `check --format jsonl --date 2026-12-03` writes
them (rule, status, missing facts, witnesses, messages; the case's counts
and the summary are left out, as new rules add not_applicable findings
there). Every baseline case must still exist and hash the same; cases added
since are not in the baseline and not compared.

Usage: check_v1_findings.py SAMKOLL   (from the top of the source tree)
"""
import hashlib
import json
import subprocess
import sys

BASELINE = "tests/format/v1-findings.txt"


def digests(samkoll):
    out = subprocess.run([samkoll, "check", "--no-config", "--format", "jsonl",
                          "--date", "2026-12-03", "cases"],
                         capture_output=True, check=False)
    if out.returncode > 2:
        sys.exit("samkoll exited with %d: %s" % (out.returncode, out.stderr.decode()))
    got = {}
    for line in out.stdout.decode().splitlines():
        rec = json.loads(line)
        if rec.get("type") != "case":
            continue
        c = rec["case"]
        raw = json.dumps(c.get("findings"), ensure_ascii=False, separators=(",", ":"))
        got[(c["file"], c["id"])] = (c["worst"], hashlib.sha256(raw.encode()).hexdigest())
    return got


def main():
    got = digests(sys.argv[1])
    with open(BASELINE, encoding="utf-8") as f:
        base = [l.split() for l in f if l.strip() and not l.startswith("#")]
    bad = 0
    for file, cid, worst, sha in base:
        now = got.get((file, cid))
        if now is None:
            print("%s: case %s is no longer read (input error?)" % (file, cid))
            bad += 1
        elif now != (worst, sha):
            print("%s: case %s: findings changed (worst %s -> %s)" % (file, cid, worst, now[0]))
            bad += 1
    if len(base) < 50:
        print("baseline has only %d cases" % len(base))
        bad += 1
    if bad:
        print("v1 findings: %d of %d cases differ" % (bad, len(base)))
        sys.exit(1)
    print("v1 findings: %d cases byte-identical" % len(base))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[2] == "--write":
        g = digests(sys.argv[1])
        with open(BASELINE, "w", encoding="utf-8") as f:
            f.write("# file case-id worst sha256(findings): cases of format v1, issue 17\n")
            for (file, cid), (worst, sha) in sorted(g.items()):
                f.write("%s %s %s %s\n" % (file, cid, worst, sha))
    else:
        main()
