"""Every report format from one run of the shipped case library, each read
back by a real parser: JSON and JSON Lines (json), SARIF (validated against
the official SARIF 2.1.0 schema, tests/data/sarif-schema-2.1.0.json), JUnit
XML (xml.etree), CSV (csv, RFC 4180 line ends), Markdown and text (their
structure). The formats must agree with the JSON report finding by finding.
Then the free-text cases (quotes, <>&, Swedish letters, text over several
lines, waivers) survive every format unchanged, and a report that cannot
be written fails the run cleanly (exit 74, no report left behind).
HTML is checked in a browser by tests/check_html.py."""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import jsonschema

samkoll = os.path.abspath(sys.argv[1])
ROOT = os.getcwd()
failures = 0


def check(cond, what):
    global failures
    if not cond:
        print("FAIL:", what)
        failures += 1


def run(*args, cwd=None):
    p = subprocess.run([samkoll, *args], capture_output=True, cwd=cwd)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


FORMATS = ["text", "json", "jsonl", "junit", "sarif", "csv", "markdown", "html"]
EXT = {"text": "txt", "json": "json", "jsonl": "jsonl", "junit": "xml", "sarif": "sarif",
       "csv": "csv", "markdown": "md", "html": "html"}
NONPASS = ("fail", "warn", "unknown", "waived", "error")
LEVEL = {"fail": "error", "error": "error", "warn": "warning", "unknown": "note"}

sarif_schema = json.load(open("tests/data/sarif-schema-2.1.0.json"))
sarif_validator = jsonschema.Draft4Validator(sarif_schema)


def all_formats(d, *inputs, extra=()):
    args = ["check", "--date", "2025-01-01", "--sarif-include", "unknown", *extra]
    for f in FORMATS:
        args += ["--format", f"{f}={os.path.join(d, 'r.' + EXT[f])}"]
    code, _, err = run(*args, *inputs)
    out = {f: open(os.path.join(d, "r." + EXT[f]), "rb").read() for f in FORMATS}
    return code, out, err


def check_all(out, label):
    """Reads every format back and compares it with the JSON report."""
    doc = json.loads(out["json"])
    cases = doc["cases"]
    findings = [(c, f) for c in cases for f in c["findings"]]

    # JSON Lines: the same cases, in the same order
    lines = [json.loads(l) for l in out["jsonl"].decode().splitlines()]
    check([l["case"]["id"] for l in lines if l["type"] == "case"] == [c["id"] for c in cases],
          f"{label}: jsonl has the cases of json")
    check(lines[-1]["type"] == "summary" and lines[-1]["summary"] == doc["summary"],
          f"{label}: jsonl summary = json summary")

    # SARIF: the official schema, one result per non-pass finding
    sarif = json.loads(out["sarif"])
    errs = list(sarif_validator.iter_errors(sarif))
    for e in errs[:10]:
        check(False, f"{label}: sarif schema: {list(e.absolute_path)}: {e.message}")
    check(sarif["version"] == "2.1.0" and len(sarif["runs"]) == 1, f"{label}: sarif: one 2.1.0 run")
    run0 = sarif["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    check(len(rules) == doc["ruleset"]["rules"], f"{label}: sarif: every rule in tool.driver.rules")
    results = run0["results"]
    expect = [(c, f) for c, f in findings if f["status"] in NONPASS]
    check(len(results) == len(expect), f"{label}: sarif: {len(results)} results, {len(expect)} non-pass findings")
    for r, (c, f) in zip(results, expect):
        check(r["ruleId"] == f["rule"] and rules[r["ruleIndex"]]["id"] == f["rule"],
              f"{label}: sarif: result {r['ruleId']} in order, ruleIndex right")
        status = f["status"]
        if status == "waived":
            check(r.get("suppressions", [{}])[0].get("status") == "accepted",
                  f"{label}: sarif: waived {f['rule']} is suppressed")
            check(r["properties"]["waiver"]["reason"] == f["waiver"]["reason"],
                  f"{label}: sarif: waiver reason")
        else:
            check(r["level"] == LEVEL[status], f"{label}: sarif: {status} -> {r['level']}")
        check(r["message"]["text"] == (f["message"] or f["title"]), f"{label}: sarif: message of {c['id']} {f['rule']}")
        loc = r["locations"][0]["physicalLocation"]
        check(loc["region"]["startLine"] >= 1, f"{label}: sarif: a line")
        art = loc["artifactLocation"]
        check(not art["uri"].startswith(("/", "file:")) and art.get("uriBaseId") == "%SRCROOT%",
              f"{label}: sarif: the uri {art['uri']} is relative to %SRCROOT%")
        check(os.path.exists(os.path.join(ROOT, art["uri"].replace("%20", " "))),
              f"{label}: sarif: {art['uri']} names a file of the repository")
        check(r["partialFingerprints"]["samkollFingerprint/v1"] == f["fingerprint"], f"{label}: sarif: fingerprint")
    for rule in rules:
        cites = rule["properties"]["citations"]
        if cites:
            check(rule.get("helpUri") == cites[0]["url"], f"{label}: sarif: helpUri of {rule['id']}")

    # JUnit: one suite per case, one test case per rule
    root = ET.fromstring(out["junit"])
    check(root.tag == "testsuites", f"{label}: junit root")
    suites = [s for s in root if s.tag == "testsuite" and s.find("properties") is not None]
    check([s.get("name") for s in suites] == [c["id"] for c in cases], f"{label}: junit: a suite per case, in order")
    for s, c in zip(suites, cases):
        tcs = s.findall("testcase")
        check(int(s.get("tests")) == len(tcs) == len(c["findings"]), f"{label}: junit: {c['id']}: tests")
        nfail = sum(1 for t in tcs if t.find("failure") is not None)
        nerr = sum(1 for t in tcs if t.find("error") is not None)
        nskip = sum(1 for t in tcs if t.find("skipped") is not None)
        check(int(s.get("failures")) == nfail == c["counts"]["fail"], f"{label}: junit: {c['id']}: failures")
        check(int(s.get("errors")) == nerr == c["counts"]["error"], f"{label}: junit: {c['id']}: errors")
        check(int(s.get("skipped")) == nskip == c["counts"]["not_applicable"], f"{label}: junit: {c['id']}: skipped")
        props = {p.get("name"): p.get("value") for p in s.find("properties")}
        check(props.get("title") == c["title"] and s.get("file") == c["file"], f"{label}: junit: {c['id']}: title and file")
        for t, f in zip(tcs, c["findings"]):
            check(t.get("name") == f["rule"] and t.get("classname") == c["id"], f"{label}: junit: testcase names")
            if f["status"] in ("warn", "unknown", "waived"):
                check(t.find("system-out") is not None, f"{label}: junit: {f['status']} is visible in system-out")
            if f["status"] == "fail":
                check(t.find("failure").get("message") == f["message"], f"{label}: junit: failure message")

    # CSV: RFC 4180, one row per finding
    raw = out["csv"]
    check(raw.endswith(b"\r\n"), f"{label}: csv: CRLF line ends")
    text = raw.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    check(header[:8] == ["case", "file", "line", "rule", "status", "severity", "message", "citations"],
          f"{label}: csv header {header[:8]}")
    body = [r for r in rows[1:] if r[4] != "input_error"]
    check(len(body) == len(findings), f"{label}: csv: {len(body)} rows, {len(findings)} findings")
    check(all(len(r) == len(header) for r in rows), f"{label}: csv: every row has every field")
    for r, (c, f) in zip(body, findings):
        row = dict(zip(header, r))
        check(row["case"] == c["id"] and row["rule"] == f["rule"] and row["status"] == f["status"],
              f"{label}: csv: row of {c['id']} {f['rule']}")
        if f["status"] in ("fail", "warn", "waived", "unknown"):
            check(row["message"] == f["message"], f"{label}: csv: message of {c['id']} {f['rule']}")
        check(row["citations"] == "; ".join(x["text"] for x in f["citations"]), f"{label}: csv: citations")
        check(row["fingerprint"] == f["fingerprint"], f"{label}: csv: fingerprint")
        if "waiver" in f:
            check(row["waiver_reason"] == f["waiver"]["reason"], f"{label}: csv: waiver reason")
            check(row["waiver_decided_by"] == (f["waiver"]["decided_by"] or ""), f"{label}: csv: waiver decision")

    # Markdown: the memo's structure
    md = out["markdown"].decode("utf-8")
    check(md.startswith("# ") and "\n## Sammanfattning\n" in md and "\n### Per samverkansform\n" in md,
          f"{label}: markdown: title and summary")
    check(md.index("## Sammanfattning") < md.index("\n## Ärenden\n"), f"{label}: markdown: summary first")
    for c in cases:
        check(f"\n### {c['id']}" in md, f"{label}: markdown: a section for {c['id']}")
    for c, f in findings:
        if f["status"] in ("fail", "warn") and f["citations"]:
            check(f"]({f['citations'][0]['url']})" in md, f"{label}: markdown: citation link for {f['rule']}")
    nq = sum(1 for c in cases for f in c["findings"] if f["status"] == "unknown")
    check(nq == 0 or "angivet?" in md, f"{label}: markdown: missing facts as questions")

    # text: one block per case and the summary
    txt = out["text"].decode("utf-8")
    check(txt.rstrip().split("\n")[-1].startswith("Sammanfattning: ärenden %d," % len(cases)),
          f"{label}: text summary line")
    if len(cases) > 1:
        check("Ärenden per regel" in txt and "Ärenden per samverkansform" in txt, f"{label}: text library summary")
    return doc, sarif, root, rows, md


with tempfile.TemporaryDirectory() as d:
    # 1. the shipped library, every format from one run
    code, out, err = all_formats(d, "cases")
    check(code in (0, 1), f"library: exit {code}: {err}")
    doc, *_ = check_all(out, "library")
    check(len(doc["cases"]) > 50, "library: the library has cases")
    html = out["html"].decode("utf-8")
    check(html.count('<section class="case"') == len(doc["cases"]), "library: html: a section per case")
    # the same bytes whatever the number of worker threads
    for j in ("1", "3"):
        os.mkdir(os.path.join(d, "j" + j))
        _, again, _ = all_formats(os.path.join(d, "j" + j), "cases", extra=["-j", j])
        for f in FORMATS:
            check(again[f] == out[f], f"library: {f} is the same with -j {j}")

    # 2. the test data with hard free text and waivers
    code, out, err = all_formats(d, "tests/data/batch", "tests/data/reports",
                                 extra=["--rules", "tests/data/mini/rules"])
    check(code == 2, f"test data: exit 2 (one input error), got {code}")
    doc, sarif, root, rows, md = check_all(out, "test data")
    by_id = {c["id"]: c for c in doc["cases"]}
    d_case = by_id["reports-d"]
    check("\n" in d_case["title"] and '"' in d_case["title"] and "<AB>" in d_case["title"],
          "test data: reports-d has a hard title")
    suite = [s for s in root if s.get("name") == "reports-d"][0]
    check({p.get("name"): p.get("value") for p in suite.find("properties")}["title"] == d_case["title"],
          "junit: the title over two lines survives (attribute line breaks as references)")
    waived = [f for f in d_case["findings"] if f["status"] == "waived"][0]
    tc = [t for t in suite.findall("testcase") if t.get("name") == waived["rule"]][0]
    check(waived["waiver"]["reason"] in tc.find("system-out").text, "junit: the waiver's reason")
    check("KS Askersund 2025-02-10 §12" in tc.find("system-out").text, "junit: the waiver's decision")
    header = rows[0]
    drow = [dict(zip(header, r)) for r in rows[1:] if r[0] == "reports-d" and r[3] == "mini.extdeleg-recipient"][0]
    fail = [f for f in d_case["findings"] if f["rule"] == "mini.extdeleg-recipient"][0]
    check(drow["message"] == fail["message"] and "\n" in drow["message"], "csv: a message over two lines")
    expired = [f for f in by_id["reports-e"]["findings"] if f.get("waiver")][0]
    check(expired["status"] == "fail" and expired["waiver"]["expired"], "an expired waiver leaves the failure")
    check("Undantag (har löpt ut)" in md and "KF Laxå 2023-11-20 §88" in md, "markdown: the expired waiver")
    check("Beslut: KS Askersund 2025\\-02\\-10 §12" in md or "Beslut: KS Askersund 2025-02-10 §12" in md,
          "markdown: the waiver's decision")
    check('\\<AB\\>' in md and '<AB>' not in md.replace('\\<AB\\>', ''), "markdown: <> escaped")
    html = out["html"].decode("utf-8")
    check("&lt;AB&gt;" in html and "<AB>" not in html, "html: <> escaped")
    check("&quot;Bygg &amp; Miljö i Tiveden&quot;" in html, "html: quotes and & escaped")
    sup = [r for r in sarif["runs"][0]["results"] if r["properties"]["case"] == "reports-d" and "suppressions" in r]
    check(len(sup) == 1 and "Region Örebro län" in sup[0]["suppressions"][0]["justification"],
          "sarif: the waiver as an accepted suppression with its reason")
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    check(len(notes) == 2 and all(n["level"] == "error" for n in notes), "sarif: input errors as notifications")

    # characters XML 1.0 forbids (YAML escapes can make them) never reach
    # the XML: the case is rejected, or they are replaced
    ctl = os.path.join(d, "ctl.yaml")
    open(ctl, "w").write('case: ctl\ntitle: "a\\x01b\\x1Fc\\uFFFEd\\te"\nform: natverk\ndate: 2025-01-01\n')
    for fmt in ("junit", "html"):
        code, out, _ = run("check", "--format", fmt, "--rules", "tests/data/mini/rules", ctl)
        check(not any(ch in out for ch in (b"\x01", b"\x1f", "\ufffe".encode())), f"{fmt}: no forbidden characters")
        if fmt == "junit":
            try:
                ET.fromstring(out)
            except ET.ParseError as e:
                check(False, f"junit with control characters in the input does not parse: {e}")

    # SARIF by default: no unknowns (they would flood a dashboard); with
    # --sarif-root, the uris are relative to that directory, which the run
    # names in originalUriBaseIds
    code, out, _ = run("check", "--format", "sarif", "--date", "2025-01-01", "cases")
    plain = json.loads(out)
    levels = {r["level"] for r in plain["runs"][0]["results"]}
    check("note" not in levels or all(r["properties"]["status"] != "unknown" for r in plain["runs"][0]["results"]),
          "sarif: no unknown results without --sarif-include unknown")
    check("originalUriBaseIds" not in plain["runs"][0], "sarif: no machine paths without --sarif-root")
    code, out, _ = run("check", "--format", "sarif", "--date", "2025-01-01", "--sarif-root", "cases",
                       "cases/real")
    rooted = json.loads(out)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in rooted["runs"][0]["results"]}
    check(uris and all(u.startswith("real/") for u in uris), f"sarif --sarif-root cases: uris {sorted(uris)[:3]}")
    check(rooted["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] ==
          "file://" + os.path.join(ROOT, "cases") + "/", "sarif: %SRCROOT% is named")
    errs = list(sarif_validator.iter_errors(rooted))
    check(not errs, f"sarif with --sarif-root: schema: {errs[:1]}")

    # 3. options of the formats
    code, out, _ = run("check", "--format", "csv", "--csv-bom", "--rules", "tests/data/mini/rules",
                       "tests/data/batch/a.yaml")
    check(out.startswith(b"\xef\xbb\xbfcase,file,"), "csv --csv-bom starts with a BOM")
    code, out, _ = run("check", "--format", "csv", "--rules", "tests/data/mini/rules", "tests/data/batch/a.yaml")
    check(out.startswith(b"case,file,"), "csv without --csv-bom has no BOM")
    for opt, want in ((None, 0), ("warn", 0), ("unknown", 1)):
        args = ["check", "--format", "junit", "--rules", "tests/data/mini/rules", "--date", "2025-01-01",
                "tests/data/batch/c.yaml"]
        if opt:
            args[1:1] = ["--junit-fail-on", opt]
        code, out, _ = run(*args)
        t = [t for t in ET.fromstring(out).iter("testcase") if t.get("name") == "mini.shares-total"][0]
        check((t.find("failure") is not None) == bool(want), f"junit --junit-fail-on {opt}: unknown is a failure: {bool(want)}")
    code, out, _ = run("check", "--fail-on", "unknown", "--format", "junit", "--rules", "tests/data/mini/rules",
                       "tests/data/batch/c.yaml")
    t = [t for t in ET.fromstring(out).iter("testcase") if t.get("name") == "mini.shares-total"][0]
    check(t.find("failure") is not None, "junit follows --fail-on unless --junit-fail-on is given")

    # 4. a report that cannot be written fails the run, and leaves nothing
    outdir = os.path.join(d, "out")
    os.mkdir(outdir)
    base = ["check", "--rules", "tests/data/mini/rules", "tests/data/batch/a.yaml"]
    if os.path.exists("/dev/full"):
        code, _, err = run(*base, "--format", "json=/dev/full")
        check(code == 74, f"--format json=/dev/full: exit {code}, expected 74")
        check("/dev/full" in err and ("skrivas" in err or "written" in err), f"a clear message: {err!r}")
        code, _, err = run(*base, "--format", f"html={outdir}/r.html", "--format", "json=/dev/full")
        check(code == 74, f"html + /dev/full: exit {code}, expected 74")
        check(os.listdir(outdir) == [], f"no report left after a failed write: {os.listdir(outdir)}")
        check(os.path.exists("/dev/full") and not os.path.isfile("/dev/full"), "/dev/full is still a device")
    code, _, err = run(*base, "--format", f"json={outdir}/r.json", "--format", f"nope={outdir}/x")
    check(code == 64 and "nope" in err, f"unknown format after a valid one: exit {code}: {err!r}")
    check(os.listdir(outdir) == [], f"no report left after a usage error: {os.listdir(outdir)}")
    code, _, err = run(*base, "--format", f"json={outdir}/r.json", "--format", f"csv={outdir}/r.csv")
    check(code == 0 and sorted(os.listdir(outdir)) == ["r.csv", "r.json"], "a good run writes every report")
    mode = os.stat(os.path.join(outdir, "r.json")).st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    check(mode == 0o666 & ~umask, f"a report file gets the usual permissions ({oct(mode)})")

print("reports:", "ok" if failures == 0 else f"{failures} failures")
sys.exit(1 if failures else 0)
