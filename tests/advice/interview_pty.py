#!/usr/bin/env python3
"""ask --interactive through a pseudo-terminal (issue 13): choices from the
case, a bad answer re-asked, end of input midway; the written case passes
`samkoll check` (exit 0 or 1) and the JSON Schema of `samkoll schema`, and
holds every answer given.

    interview_pty.py SAMKOLL CASE
CASE is tests/data/advice/interview.yaml: two parties, one task and one
delegation that names neither its party nor its recipient's.
"""
import datetime
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

import jsonschema
import yaml

SAMKOLL, CASE = sys.argv[1], sys.argv[2]
STOP_AFTER = 18          # questions answered before end of input
failures = []

# key -> (what is typed, in order; the value the file must hold)
SCRIPT = {
    "delegations[0].to_party": (["2"], "Beta kommun"),            # a choice by number
    "delegations[0].by_party": (["alfa KOMMUN"], "Alfa kommun"),  # by name, any case
    "delegations[0].to": (["chef", "tjänsteman"], "employee"),    # bad, then a Swedish alias
    "procurement.services_between_parties": (["kanske", "nej"], False),
    # a list of shares, item by item, each by its party (number or name)
    "agreement.cost_allocation.shares": (["1", "Beta kommun", ""], ["Alfa kommun", "Beta kommun"]),
    "agreement.cost_allocation.shares[0].percent": (["150", "60,5 %"], 60.5),
    "delegations[0].task": (["3", "1"], "Löneadministration"),
    "procurement.exemption": (["vet ej"], None),                  # stays unknown
}
REASKS = {"chef": "Svara med ett av: ", "kanske": "Svara ja, nej eller vet ej.",
          "150": "Ange en procentsats från 0 till 100.",
          "3": "'3' är inte ett av alternativen: svara med ett nummer från 1 till 1"}


def check(what, good):
    print(("ok   " if good else "FAIL ") + what)
    if not good:
        failures.append(what)


def read_prompt(fd, seconds=60):
    """Output up to the next prompt ("> " at the end), or to the end."""
    out = b""
    end = time.time() + seconds
    while time.time() < end:
        if out.endswith(b"> "):
            return out, True
        r, _, _ = select.select([fd], [], [], 0.2)
        if not r:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            return out, False
        out += chunk
    return out, False


def drive(case, out):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NO_COLOR"] = "1"
        os.execv(SAMKOLL, [SAMKOLL, "ask", "--interactive", "--date", "2025-01-01", case, "-o", out])
    transcript, given, typed, questions, key = "", {}, [], 0, None
    while True:
        chunk, prompt = read_prompt(fd)
        transcript += chunk.decode("utf-8", "replace")
        if not prompt:
            break
        keys = re.findall(r"fakta: (\S+)", transcript)
        if keys and keys[-1] != key:
            key, questions = keys[-1], questions + 1
            todo = list(SCRIPT[key][0]) if key in SCRIPT else None
        if questions > STOP_AFTER:
            os.write(fd, b"\x04")  # end of input, midway
            continue
        if todo is None:  # anything else: yes, or the first choice
            line = "ja" if "ja / nej" in transcript[-200:] else "1"
            given[key] = True if line == "ja" else None
        else:
            line = todo.pop(0)
            if not todo:
                given[key] = SCRIPT[key][1]
        typed.append((key, line))
        os.write(fd, line.encode() + b"\n")
    _, st = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(st), transcript, given


def at(doc, key):
    """The value at "a.b[0].c" in doc, or KeyError."""
    cur = doc
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        cur = cur[int(part[1:-1])] if part.startswith("[") else cur[part]
    return cur


def norm(x):
    if isinstance(x, dict):
        return {k: norm(v) for k, v in x.items()}
    if isinstance(x, list):
        return [norm(v) for v in x]
    return x.isoformat() if isinstance(x, datetime.date) else x


d = tempfile.mkdtemp()
try:
    case, out = os.path.join(d, "case.yaml"), os.path.join(d, "answered.yaml")
    shutil.copy(CASE, case)
    code, transcript, given = drive(case, out)
    print(transcript[-1500:])
    check("exit status 0 after end of input (%d)" % code, code == 0)
    for bad, msg in REASKS.items():
        after = transcript.split("> " + bad, 1)[1] if "> " + bad in transcript else ""
        check("'%s' re-asked with '%s'" % (bad, msg), msg in after.split("> ", 1)[0]
              and after.count("> ") >= 1)
    check("end of input midway: the answers so far are written",
          "Skrev " in transcript and os.path.exists(out))
    check("the original is unchanged", open(case).read() == open(CASE).read())
    text = open(out, encoding="utf-8").read() if os.path.exists(out) else ""
    check("no empty entry, no number for a name", "{}" not in text and not re.search(r"_party: \d", text))
    r = subprocess.run([SAMKOLL, "check", "--date", "2025-01-01", out], capture_output=True)
    check("samkoll check on the written case exits 0 or 1 (%d)" % r.returncode, r.returncode in (0, 1))
    schema = json.loads(subprocess.run([SAMKOLL, "schema"], capture_output=True, check=True).stdout)
    doc = norm(yaml.safe_load(text)) if text else {}
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    check("the written case is valid against the JSON Schema %s" % errors[:3], not errors and doc)
    for key, want in given.items():
        if want is None and key in SCRIPT:  # "vet ej": not written
            try:
                at(doc, key)
                check("%s stays out ('vet ej')" % key, False)
            except (KeyError, IndexError, TypeError):
                check("%s stays out ('vet ej')" % key, True)
            continue
        try:
            got = at(doc, key)
        except (KeyError, IndexError, TypeError):
            got = "<missing>"
        if isinstance(got, list) and got and isinstance(got[0], dict):
            got = [item.get("party") for item in got]
        check("%s = %r in the file (%r)" % (key, want, got), got == want or (want is None and got != "<missing>"))
    check("%d answers checked, every scripted one among them (missing: %s)"
          % (len(given), [k for k in SCRIPT if k not in given]),
          len(given) >= STOP_AFTER - 1 and all(k in given for k in SCRIPT))
finally:
    shutil.rmtree(d, ignore_errors=True)
sys.exit(1 if failures else 0)
