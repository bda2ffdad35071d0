"""samkoll check --format json/jsonl: parse with Python's JSON parser and
validate against docs/schema/output-v1.schema.json (the schema that
docs/output-json.md documents), on the shipped case library plus a batch
with a malformed file in the middle."""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

samkoll = sys.argv[1]
schema = json.load(open("docs/schema/output-v1.schema.json"))
validator = jsonschema.Draft202012Validator(schema)


def run(*args):
    p = subprocess.run([samkoll, *args], capture_output=True, text=True)
    return p.returncode, p.stdout


failures = 0


def check(cond, what):
    global failures
    if not cond:
        print("FAIL:", what)
        failures += 1


code, out = run("check", "--format", "json", "--date", "2025-01-01", "cases")
doc = json.loads(out)
for e in validator.iter_errors(doc):
    check(False, f"schema: {e.json_path}: {e.message}")
check(code in (0, 1), f"exit status {code} on the shipped library")
check(doc["summary"]["cases"] == len(doc["cases"]), "summary.cases counts the cases")
check(len(doc["cases"]) > 50, "the library has cases")
for c in doc["cases"]:
    for f in c["findings"]:
        if f["status"] == "unknown":
            check(f["missing"], f"{c['id']} {f['rule']}: unknown names the missing facts")
        if f["status"] in ("fail", "warn"):
            check(f["message"], f"{c['id']} {f['rule']}: a message")

# A batch of three files where the middle one is malformed.
with tempfile.TemporaryDirectory() as d:
    open(os.path.join(d, "a.yaml"), "w").write("case: a\nform: natverk\ndate: 2024-01-01\n")
    open(os.path.join(d, "b.yaml"), "w").write("case: b\nfrom: natverk\n")
    open(os.path.join(d, "c.yaml"), "w").write("case: c\nform: kommunalforbund\ndate: 2024-01-01\n")
    code, out = run("check", "--format", "json", d)
    doc = json.loads(out)
    for e in validator.iter_errors(doc):
        check(False, f"schema (batch): {e.json_path}: {e.message}")
    check(code == 2, f"exit 2 when an input is malformed (got {code})")
    check([c["id"] for c in doc["cases"]] == ["a", "c"], "the other two cases are reported")
    check(len(doc["errors"]) == 1 and doc["errors"][0]["file"].endswith("b.yaml"), "one input error")
    diag = doc["errors"][0]["diagnostics"][0]
    check(diag["line"] == 2 and diag["column"] == 1 and diag["suggestion"] == "form",
          f"positioned, with a suggestion: {diag}")
    code, out = run("check", "--format", "jsonl", d)
    lines = [json.loads(line) for line in out.splitlines()]
    check([l["type"] for l in lines] == ["case", "error", "case", "summary"], "jsonl: one line per case, in order")
    for l in lines:
        if l["type"] == "case":
            for e in validator.iter_errors({**doc, "cases": [l["case"]], "errors": []}):
                check(False, f"schema (jsonl case): {e.json_path}: {e.message}")

print("json output:", "ok" if failures == 0 else f"{failures} failures")
sys.exit(1 if failures else 0)
