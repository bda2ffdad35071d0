"""The HTML report in a real browser: headless Chromium loads the page
(offline, from a file), runs its script, and dumps the DOM; the filters
must have run (passed findings hidden, the counts shown), the page must
use no external asset, and everything from the cases must come out as
text, not markup. A screenshot is left in the build directory
(reports-html.png) for a person to look at.

Skipped (exit 77) only when Chromium is not installed; CI installs it
(.ci/deps)."""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

samkoll = os.path.abspath(sys.argv[1])
shot_dir = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium:
    print("SKIP: chromium is not installed (apt-get install chromium; .ci/deps installs it)")
    sys.exit(77)

failures = 0


def check(cond, what):
    global failures
    if not cond:
        print("FAIL:", what)
        failures += 1


def browser(url, *args):
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile)
        p = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync",
                            f"--user-data-dir={profile}", *args, url],
                           capture_output=True, env=env, timeout=180)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class Dom(html.parser.HTMLParser):
    """Collects what the checks need from the dumped DOM."""

    def __init__(self):
        super().__init__()
        self.rows = []          # (data-status, data-rule, hidden)
        self.sections = []      # hidden
        self.nav_hidden = None
        self.in_shown = False
        self.shown = ""
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "") or ""
        if "finding" in cls.split():
            self.rows.append((a.get("data-status"), a.get("data-rule"), "hidden" in a))
        if tag == "section" and "case" in cls.split():
            self.sections.append("hidden" in a)
        if tag == "nav" and a.get("id") == "filters":
            self.nav_hidden = "hidden" in a
        if a.get("id") == "shown":
            self.in_shown = True

    def handle_endtag(self, tag):
        if tag == "span":
            self.in_shown = False

    def handle_data(self, data):
        if self.in_shown:
            self.shown += data
        self.text.append(data)


def check_page(path, doc, label, shot=None):
    raw = open(path, encoding="utf-8").read()
    # self-contained: no external script, style sheet, image or font
    check(not re.search(r"<(script|img|link|iframe|audio|video|source)\b[^>]*\b(src|href)\s*=", raw, re.I),
          f"{label}: no external assets")
    check("@import" not in raw and not re.search(r"url\(\s*['\"]?(https?:|//)", raw), f"{label}: no remote CSS")
    code, dom, err = browser("file://" + path, "--dump-dom")
    check(code == 0 and "</html>" in dom, f"{label}: chromium rendered the page (exit {code}) {err[-500:]}")
    p = Dom()
    p.feed(dom)
    check(p.nav_hidden is False, f"{label}: the filter script ran (filters shown)")
    # the memo: one block per fail/warn/waived/error finding, one line per
    # open question (a fact the case does not state, once per case), the
    # passed rules folded away and hidden by the default filter
    blocks = [f for c in doc["cases"] for f in c["findings"]
              if f["status"] in ("fail", "warn", "waived", "error")]
    questions = sum(len({m for f in c["findings"] if f["status"] == "unknown" for m in f.get("missing") or []})
                    for c in doc["cases"])
    npass = sum(1 for c in doc["cases"] for f in c["findings"] if f["status"] == "pass")
    nerr_rows = sum(len(e["diagnostics"]) for e in doc["errors"])
    visible = [r for r in p.rows if not r[2]]
    shown_blocks = [r for r in visible if r[0] in ("fail", "warn", "waived", "error")]
    check(len(shown_blocks) == len(blocks) + nerr_rows,
          f"{label}: {len(shown_blocks)} findings shown, {len(blocks)} fail/warn/waived/error + {nerr_rows} input errors")
    shown_q = [r for r in visible if r[0] == "unknown"]
    check(0 < len(shown_q) <= questions if questions else not shown_q,
          f"{label}: {len(shown_q)} open questions for {questions} missing facts")
    check(all(r[2] for r in p.rows if r[0] == "pass") and sum(1 for r in p.rows if r[0] == "pass") == npass,
          f"{label}: passed rules are listed, hidden by the default filter")
    m = re.match(r"Visar (\d+) av (\d+) ärenden, (\d+) regelutfall", p.shown)
    check(m is not None, f"{label}: the script says what is shown: {p.shown!r}")
    if m:
        check(int(m.group(3)) == len(visible) and int(m.group(2)) == len(p.sections),
              f"{label}: counts shown: {p.shown!r}")
        check(int(m.group(1)) == sum(1 for h in p.sections if not h), f"{label}: cases shown")
    text = "".join(p.text)
    for c in doc["cases"]:
        if c["title"]:
            flat = " ".join(c["title"].split())
            check(flat in " ".join(text.split()), f"{label}: the title of {c['id']} as text")
    if shot:
        code, _, err = browser("file://" + path, f"--screenshot={shot}", "--window-size=1280,2000",
                               "--hide-scrollbars")
        check(code == 0 and os.path.getsize(shot) > 20000, f"{label}: screenshot {shot}: {err[-300:]}")
    return p


with tempfile.TemporaryDirectory() as d:
    lib_html, lib_json = os.path.join(d, "lib.html"), os.path.join(d, "lib.json")
    subprocess.run([samkoll, "check", "--date", "2025-01-01", "--format", f"html={lib_html}",
                    "--format", f"json={lib_json}", "cases"], capture_output=True)
    check_page(lib_html, json.load(open(lib_json)), "library",
               os.path.join(shot_dir, "reports-html-library.png") if shot_dir else None)

    t_html, t_json = os.path.join(d, "t.html"), os.path.join(d, "t.json")
    subprocess.run([samkoll, "check", "--date", "2025-01-01", "--rules", "tests/data/mini/rules",
                    "--format", f"html={t_html}", "--format", f"json={t_json}",
                    "tests/data/batch", "tests/data/reports"], capture_output=True)
    doc = json.load(open(t_json))
    p = check_page(t_html, doc, "test data", os.path.join(shot_dir, "reports-html.png") if shot_dir else None)
    text = "".join(p.text)
    check('Delegering till "Bygg & Miljö i Tiveden" <AB>' in text, "test data: <>&\" come out as text")
    check("KS Askersund 2025-02-10 §12" in text and "Region Örebro län" in text,
          "test data: the waiver's decision and reason")

print("html:", "ok" if failures == 0 else f"{failures} failures")
sys.exit(1 if failures else 0)
