#!/usr/bin/env python3
"""samkoll init (issues 13, 17): for every form and both languages the
template

  - is written with exit 0 and passes `samkoll check` with exit 0 or 1;
  - validates against the JSON Schema (docs/schema/case-v1.schema.json);
  - states no fact: check finds in it exactly what it finds in a case that
    states only its id and form (rule -> status);
  - shows the fields the form's rules read (a kommunalförbund's template
    asks for the förbundsordning's contents, a gemensam nämnd's does not);
  - stays a valid case when every commented-out list entry is uncommented.

And the command line: no --form lists the forms; a near miss suggests;
a Swedish name is taken; FILE is not overwritten without --force.

    check_init.py SAMKOLL"""
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

samkoll = sys.argv[1]
fails = 0


def fail(msg):
    global fails
    fails += 1
    print("FAIL", msg)


def run(*args, stdin=None):
    p = subprocess.run([samkoll, *args], capture_output=True, text=True, input=stdin)
    return p.returncode, p.stdout, p.stderr


def norm(x):
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items()}
    if isinstance(x, list):
        return [norm(v) for v in x]
    if isinstance(x, datetime.date):
        return x.isoformat()
    return x


def findings(path):
    code, out, err = run("check", "--date", "2025-01-01", "--format", "json", path)
    if code not in (0, 1):
        return code, None, err
    doc = json.loads(out)
    return code, {f["rule"]: f["status"] for f in doc["cases"][0]["findings"]}, err


def uncomment_lists(text):
    """Every `key: unknown` followed by a commented-out entry becomes
    `key:` with the entry uncommented."""
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = re.match(r"^( *)([a-z_]+): unknown$", lines[i])
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if m and nxt.startswith("# ") and len(nxt[2:]) - len(nxt[2:].lstrip()) > len(m.group(1)):
            out.append(f"{m.group(1)}{m.group(2)}:")
            i += 1
            while i < len(lines) and lines[i].startswith("# ") and \
                    len(lines[i][2:]) - len(lines[i][2:].lstrip()) > len(m.group(1)):
                out.append(lines[i][2:])
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


schema = json.load(open("docs/schema/case-v1.schema.json", encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema)
forms = [v for v in schema["properties"]["form"]["enum"] if v not in ("unknown", None)]
tmp = tempfile.mkdtemp(prefix="samkoll-init-")
templates = {}
for form in forms:
    for lang in ("sv", "en"):
        name = f"{form}-{lang}"
        code, text, err = run("init", "--form", form, "--lang", lang)
        if code != 0 or not text:
            fail(f"{name}: init exit {code}: {err}")
            continue
        templates[name] = text
        path = os.path.join(tmp, name + ".yaml")
        open(path, "w", encoding="utf-8").write(text)
        doc = norm(yaml.safe_load(text))
        for e in validator.iter_errors(doc):
            fail(f"{name}: not valid against the JSON Schema: {e.message}")
        code, got, err = findings(path)
        if got is None:
            fail(f"{name}: check exit {code}: {err}")
            continue
        minimal = os.path.join(tmp, name + ".min.yaml")
        open(minimal, "w").write(f"case: {doc['case']}\nformat: \"1.1\"\nform: {form}\n")
        _, want, _ = findings(minimal)
        if got != want:
            diff = {k: (got.get(k), want.get(k)) for k in set(got) | set(want) if got.get(k) != want.get(k)}
            fail(f"{name}: the template states facts: {diff}")
        filled = uncomment_lists(text)
        if filled == text:
            fail(f"{name}: no commented-out list entry")
        fpath = os.path.join(tmp, name + ".filled.yaml")
        open(fpath, "w", encoding="utf-8").write(filled)
        code, _, err = run("check", "--date", "2025-01-01", fpath)
        if code not in (0, 1):
            fail(f"{name}: uncommented entries are not a valid case (exit {code}): {err}")
        else:
            print(f"ok   {name}: {len(text.splitlines())} lines, {text.count(': unknown')} unknown, "
                  f"{len(got)} findings as for the form alone")

# the fields follow the form's rules
kf, gn = templates.get("kommunalforbund-sv", ""), templates.get("gemensam_namnd-sv", "")
if "forbundsordning_contents: unknown" not in kf or "forbundsordning_contents" in gn:
    fail("forbundsordning_contents: wanted in kommunalforbund's template only")
if "host: unknown" not in gn or "Värden: host = värd" not in gn:
    fail("gemensam_namnd: governance.host and the role labels expected")
if "Values: host, member, provider" not in templates.get("gemensam_namnd-en", ""):
    fail("gemensam_namnd-en: English value labels expected")

# the command line
code, out, err = run("init")
if code != 64 or out or any(f not in err for f in forms) or "gemensam nämnd" not in err:
    fail(f"init without --form: exit {code}, stderr {err!r}")
code, out, err = run("init", "--form", "gemensam_namd")
if code != 64 or "'gemensam_namnd'" not in err or "avtalssamverkan" not in err:
    fail(f"init --form gemensam_namd: exit {code}, stderr {err!r}")
code, out, err = run("init", "--form", "gemensam nämnd")
if code != 0 or "\nform: gemensam_namnd\n" not in out:
    fail(f"init --form 'gemensam nämnd': exit {code}")
code, out, err = run("init", "--form", "natverk", "a.yaml", "b.yaml")
if code != 64:
    fail(f"init with two files: exit {code}")
target = os.path.join(tmp, "new.yaml")
code, out, err = run("init", "--form", "natverk", target)
if code != 0 or out or open(target).read() != templates.get("natverk-sv"):
    fail(f"init FILE: exit {code}, or the file differs from standard output")
open(target, "w").write("mine\n")
code, out, err = run("init", "--form", "natverk", target)
if code != 74 or "--force" not in err or open(target).read() != "mine\n":
    fail(f"init over an existing FILE: exit {code}, stderr {err!r}")
code, out, err = run("init", "--form", "natverk", "--force", target)
if code != 0 or open(target).read() != templates.get("natverk-sv"):
    fail(f"init --force: exit {code}")
code, out, err = run("init", "--form", "natverk", os.path.join(tmp, "no-dir", "x.yaml"))
if code != 74 or "no-dir" not in err:
    fail(f"init into a missing directory: exit {code}, stderr {err!r}")

print(f"{fails} failed" if fails else "all ok")
sys.exit(1 if fails else 0)
