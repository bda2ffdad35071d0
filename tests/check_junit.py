#!/usr/bin/env python3
"""JUnit XML as CI servers read it: valid against tests/data/junit/junit-ci.xsd
(xmllint), and the totals on <testsuites> and on every <testsuite> equal
the elements they count, for the shipped library, the test data (with an
input error), --quiet and --junit-fail-on warn."""
import os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET

samkoll = os.path.abspath(sys.argv[1])
XSD = "tests/data/junit/junit-ci.xsd"
failed = 0


def check(cond, what):
    global failed
    print(("ok   " if cond else "FAIL ") + what)
    failed |= not cond


def counts(cases):
    tc = [t for s in cases for t in s.findall("testcase")]
    return {"tests": len(tc),
            "failures": sum(t.find("failure") is not None for t in tc),
            "errors": sum(t.find("error") is not None for t in tc),
            "skipped": sum(t.find("skipped") is not None for t in tc)}


RUNS = {
    "library": ["--date", "2025-01-01", "cases"],
    "test data": ["--rules", "tests/data/mini/rules", "--date", "2025-01-01", "tests/data/batch",
                  "tests/data/reports"],
    "quiet": ["--quiet", "--date", "2025-01-01", "cases/real"],
    "fail-on warn": ["--junit-fail-on", "warn", "--date", "2025-01-01", "cases/real"],
}
with tempfile.TemporaryDirectory() as d:
    for label, args in RUNS.items():
        path = os.path.join(d, "r.xml")
        p = subprocess.run([samkoll, "check", "--format", "junit=" + path, *args], capture_output=True)
        check(p.returncode in (0, 1, 2), f"{label}: exit {p.returncode}")
        v = subprocess.run(["xmllint", "--noout", "--schema", XSD, path], capture_output=True, text=True)
        check(v.returncode == 0, f"{label}: valid against {XSD} {v.stderr.strip()[:300]}")
        root = ET.parse(path).getroot()
        suites = root.findall("testsuite")
        total = counts(suites)
        check({k: int(root.get(k)) for k in total} == total, f"{label}: <testsuites> totals {total}")
        bad = [s.get("name") for s in suites
               if {k: int(s.get(k)) for k in total} != counts([s])]
        check(not bad, f"{label}: every <testsuite>'s totals match its test cases {bad[:3]}")
    # the schema does check: a root without totals is rejected
    bare = os.path.join(d, "bare.xml")
    open(bare, "w").write('<testsuites name="x"><testsuite name="a" tests="0" failures="0" '
                          'errors="0" skipped="0"/></testsuites>')
    v = subprocess.run(["xmllint", "--noout", "--schema", XSD, bare], capture_output=True)
    check(v.returncode != 0, "the schema rejects a <testsuites> without totals")
sys.exit(1 if failed else 0)
