#!/usr/bin/env python3
"""The HTML memo as a person reads and prints it, in headless Chromium:

- at 1280 px no element reaches past the page (scrollWidth <= clientWidth,
  and no element's box ends right of the viewport), and the same with the
  print style sheet applied at the width of an A4 page;
- printed to PDF (--print-to-pdf), every case starts on a new page: for
  small cases the page count equals the number of cases, and pdftoppm turns
  every page into an image;
- the links to the law are printed as text (their addresses follow them).

Usage: check_memo.py SAMKOLL [SHOTDIR]. Skipped (exit 77) only without
Chromium or poppler-utils; CI installs both (.ci/deps)."""
import json, os, re, shutil, subprocess, sys, tempfile

samkoll = os.path.abspath(sys.argv[1])
shot_dir = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if not chromium or not shutil.which("pdftoppm") or not shutil.which("pdfinfo"):
    print("SKIP: chromium or poppler-utils missing (.ci/deps installs them)")
    sys.exit(77)
failures = 0


def check(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what)
    failures += not cond


def browser(url, *args):
    with tempfile.TemporaryDirectory() as profile:
        env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile)
        p = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                            f"--user-data-dir={profile}", *args, url],
                           capture_output=True, env=env, timeout=180)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# Appended to a copy of the page: measures overflow after layout and
# writes the result into the DOM, which --dump-dom returns.
MEASURE = """<script>
window.addEventListener('load', function () {
  var de = document.documentElement, w = de.clientWidth, wide = [];
  document.querySelectorAll('body *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width && r.right > w + 1 && getComputedStyle(e).display !== 'none')
      wide.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right));
  });
  var o = document.createElement('pre'); o.id = 'measure';
  o.textContent = JSON.stringify({scroll: de.scrollWidth, client: w, wide: wide.slice(0, 5), n: wide.length});
  document.body.appendChild(o);
});
</script>"""


def measure(html_path, width, printing, label):
    page = open(html_path, encoding="utf-8").read()
    if printing:   # the print style sheet, applied to the screen
        page = page.replace("@media print{", "@media all{")
    page = page.replace("</body>", MEASURE + "</body>")
    copy = html_path + (".print" if printing else ".screen") + ".html"
    open(copy, "w", encoding="utf-8").write(page)
    code, dom, err = browser("file://" + copy, "--dump-dom", f"--window-size={width},1000",
                             "--virtual-time-budget=5000")
    m = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    check(code == 0 and m is not None, f"{label}: measured in Chromium" + (f" {err[-300:]}" if code else ""))
    if not m:
        return
    r = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    check(r["scroll"] <= r["client"], f"{label}: no horizontal overflow ({r['scroll']} <= {r['client']})")
    check(r["n"] == 0, f"{label}: no element wider than the page {r['wide']}")


def pdf_pages(html_path, label):
    pdf = html_path + ".pdf"
    code, _, err = browser("file://" + html_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    check(code == 0 and os.path.exists(pdf), f"{label}: printed to PDF" + (f" {err[-300:]}" if code else ""))
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"Pages:\s+(\d+)", info)
    pages = int(m.group(1)) if m else 0
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    check(size and abs(float(size.group(1)) - 595.3) < 2 and abs(float(size.group(2)) - 841.9) < 2,
          f"{label}: A4 pages ({size.group(0) if size else info})")
    prefix = os.path.join(os.path.dirname(pdf), os.path.basename(pdf) + "-page")
    subprocess.run(["pdftoppm", "-r", "40", "-png", pdf, prefix], check=True)
    pngs = [f for f in os.listdir(os.path.dirname(pdf)) if f.startswith(os.path.basename(prefix))]
    check(len(pngs) == pages, f"{label}: pdftoppm made {len(pngs)} page images of {pages}")
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return pages, text


with tempfile.TemporaryDirectory() as d:
    # small cases: one page each
    small, small_json = os.path.join(d, "small.html"), os.path.join(d, "small.json")
    inputs = ["tests/data/batch/a.yaml", "tests/data/batch/c.yaml", "tests/data/reports"]
    subprocess.run([samkoll, "check", "--rules", "tests/data/mini/rules", "--date", "2025-01-01",
                    "--assessor", "Eva Jurist", "--format", f"html={small}",
                    "--format", f"json={small_json}", *inputs], capture_output=True)
    ncases = len(json.load(open(small_json))["cases"])
    measure(small, 1280, False, "small cases at 1280 px")
    measure(small, 700, True, "small cases, print style at A4 width")
    pages, text = pdf_pages(small, "small cases")
    check(pages == ncases, f"small cases: {pages} printed pages for {ncases} cases (a page each)")
    check("Eva Jurist" in text, "small cases: the assessor is printed")

    # the real cases: long memos, each case from a new page
    real, real_json = os.path.join(d, "real.html"), os.path.join(d, "real.json")
    subprocess.run([samkoll, "check", "--date", "2025-01-01", "--format", f"html={real}",
                    "--format", f"json={real_json}", "cases/real"], capture_output=True)
    doc = json.load(open(real_json))
    measure(real, 1280, False, "real cases at 1280 px")
    measure(real, 700, True, "real cases, print style at A4 width")
    pages, text = pdf_pages(real, "real cases")
    check(pages >= len(doc["cases"]), f"real cases: {pages} pages for {len(doc['cases'])} cases")
    starts = [p for p in text.split("\f") if p.strip()]
    titled = 0
    for c in doc["cases"]:
        head = " ".join((c["title"] or c["id"]).split())[:40]
        titled += any(head in " ".join(p.split())[:400] for p in starts)
    check(titled == len(doc["cases"]), f"real cases: {titled} of {len(doc['cases'])} cases begin a page")
    check(re.search(r"<https://lagen\.nu/", text) is not None, "real cases: links to the law printed as text")
    # the forms table: one card per form, no overflow on screen or in print
    forms = os.path.join(d, "forms.html")
    open(forms, "wb").write(subprocess.run([samkoll, "forms", "--format", "html"], capture_output=True).stdout)
    measure(forms, 1280, False, "forms at 1280 px")
    measure(forms, 700, True, "forms, print style at A4 width")
    fpages, _ = pdf_pages(forms, "forms")
    check(fpages >= 1, f"forms: printed on {fpages} A4 pages")
    # compare: one card per form, no overflow, each case from a new page
    cmp = os.path.join(d, "compare.html")
    cmp_cases = ["cases/real/vastmanland-sormland-inkop.yaml", "cases/real/nybro-overformyndare.yaml"]
    out = subprocess.run([samkoll, "compare", "--format", "html", "--date", "2024-01-01", *cmp_cases],
                         capture_output=True).stdout
    open(cmp, "wb").write(out)
    ncmp = out.count(b"<section>")
    check(ncmp >= 2 and out.count(b'<article class="form') == 11 * ncmp,
          f"compare: {ncmp} cases, eleven form cards each")
    measure(cmp, 1280, False, "compare at 1280 px")
    measure(cmp, 700, True, "compare, print style at A4 width")
    cpages, ctext = pdf_pages(cmp, "compare")
    ids = [i.decode() for i in re.findall(rb"<section>\n<h2>([^ <]+)", out)]
    starts = ["".join(p.split())[:300] for p in ctext.split("\f") if p.strip()]
    begun = sum(any(p.startswith(i) or ("\u2014" + i) in p[:80] or i in p[:120] for p in starts) for i in ids)
    check(cpages >= ncmp and begun == len(ids) == ncmp,
          f"compare: {cpages} pages, {begun} of {len(ids)} cases begin a page")
    if shot_dir:
        os.makedirs(shot_dir, exist_ok=True)
        shutil.copy(real + ".pdf", os.path.join(shot_dir, "memo-real.pdf"))
print("memo:", "ok" if not failures else f"{failures} failures")
sys.exit(1 if failures else 0)
