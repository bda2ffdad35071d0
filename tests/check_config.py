#!/usr/bin/env python3
"""The configuration file .samkoll.yaml: found in a parent directory,
overridden by flags, bad keys and values rejected with file:line:col and a
suggestion, --config and --no-config, formats, assessor and exclude."""
import json, os, shutil, subprocess, sys, tempfile

SAMKOLL = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASE = os.path.join(ROOT, "cases", "real", "jamtland-gns.yaml")
failed = 0


def check(name, cond, detail=""):
    global failed
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    failed |= not cond


def run(args, cwd):
    p = subprocess.run([SAMKOLL] + args, cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


top = tempfile.mkdtemp()
try:
    proj = os.path.join(top, "proj")
    sub = os.path.join(proj, "a", "b")
    os.makedirs(sub)
    shutil.copy(CASE, os.path.join(sub, "case.yaml"))
    cfg = os.path.join(proj, ".samkoll.yaml")

    with open(cfg, "w") as f:
        f.write("# project settings\nlang: en\ndate: 2025-01-01\nfail_on: warn\n")
    rc, out, err = run(["check", "case.yaml"], sub)
    check("found in a parent: English output", "Result" in out or "FAIL" in out, out[:200] + err)
    check("found in a parent: fail_on warn applies", rc == 1, "exit %d" % rc)
    rc, out, err = run(["check", "--lang", "sv", "case.yaml"], sub)
    check("a flag overrides the file", "Resultat" in out or "UNDERKÄND" in out, out[:200])
    rc, out, err = run(["check", "--no-config", "case.yaml"], sub)
    check("--no-config ignores it", "Resultat" in out or "UNDERKÄND" in out, out[:200])

    with open(cfg, "w") as f:
        f.write("lang: en\nlangg: sv\nfail_on: warm\n")
    rc, out, err = run(["check", "case.yaml"], sub)
    check("bad key: exit 64", rc == 64, "exit %d: %s" % (rc, err))
    check("bad key: positioned, with a suggestion",
          ".samkoll.yaml:2:1:" in err and "langg" in err and "'lang'" in err, err)
    check("bad value: positioned, with a suggestion",
          ".samkoll.yaml:3:10:" in err and "warm" in err and "'warn'" in err, err)

    other = os.path.join(top, "other.yaml")
    with open(other, "w") as f:
        f.write("formats: [json=report.json, htm]\nassessor: Eva Jurist\n")
    rc, out, err = run(["check", "--config", other, "case.yaml"], sub)
    check("--config FILE: a bad format is positioned", rc == 64 and "other.yaml:1:29:" in err
          and "'html'" in err, "exit %d: %s" % (rc, err))
    with open(other, "w") as f:
        f.write("formats: [json=report.json, markdown=memo.md]\nassessor: Eva Jurist\n"
                "exclude: [\"drafts/*\"]\n")
    drafts = os.path.join(sub, "drafts")
    os.makedirs(drafts)
    with open(os.path.join(drafts, "broken.yaml"), "w") as f:
        f.write("case: [not valid\n")
    rc, out, err = run(["check", "--no-config", "--format", "json", "case.yaml"], sub)
    ncases = len(json.loads(out)["cases"])
    rc, out, err = run(["check", "--config", other, "."], sub)
    check("formats from the file are written", os.path.exists(os.path.join(sub, "report.json"))
          and os.path.exists(os.path.join(sub, "memo.md")), "exit %d %s" % (rc, err))
    if os.path.exists(os.path.join(sub, "report.json")):
        rep = json.load(open(os.path.join(sub, "report.json")))
        check("exclude skips the draft (one case, no input error)",
              rc in (0, 1) and len(rep["cases"]) == ncases and not rep["errors"],
              "exit %d, %s" % (rc, json.dumps(rep)[:300]))
    if os.path.exists(os.path.join(sub, "memo.md")):
        check("the assessor is in the memo", "Eva Jurist" in open(os.path.join(sub, "memo.md")).read())
    rc, out, err = run(["check", "--config", other, "--format", "text", "."], sub)
    check("--format overrides the file's formats", rc in (0, 1) and out.strip() != "", err)
    rc, out, err = run(["check", "--config", os.path.join(top, "missing.yaml"), "case.yaml"], sub)
    check("--config of a missing file: exit 64 naming it", rc == 64 and "missing.yaml" in err, err)
finally:
    shutil.rmtree(top)
sys.exit(1 if failed else 0)
