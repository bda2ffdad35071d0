#!/usr/bin/env python3
"""Signal before noise (issue 13): the counts of the text summary are right
and labelled unambiguously, and -q prints only fail/warn findings and open
questions.

    check_summary.py SAMKOLL

- The summary line of `check` (Swedish and English) states cases by worst
  status, cases with at least one unknown and findings by status; each
  number is recomputed from `check --format json` of the same input (the
  shipped library, and a small set where a case with a warning also has
  unknowns, the count the old summary hid).
- `check -q`: every finding line is a fail or a warning (or the open
  questions under OKÄND), no pass, no conclusion, no facts.
- Every case of a default text report opens with its conclusion.
"""
import json
import re
import subprocess
import sys

samkoll = sys.argv[1]
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print('FAIL', msg)


def run(*args):
    p = subprocess.run([samkoll, *args], capture_output=True, text=True)
    check(p.returncode in (0, 1), '%s: exit %d %s' % (' '.join(args), p.returncode, p.stderr[:300]))
    return p.stdout


def expected(path):
    d = json.loads(run('check', '--format', 'json', '--date', '2025-01-01', path))
    cases = d['cases']
    worst = {s: sum(1 for c in cases if c['worst'] == s) for s in
             ('fail', 'error', 'warn', 'unknown', 'waived', 'pass', 'not_applicable')}
    count = {s: sum(c['counts'][s] for c in cases) for s in
             ('fail', 'error', 'warn', 'unknown', 'waived', 'pass')}
    return [len(cases), worst['fail'] + worst['error'], worst['warn'], worst['unknown'],
            worst['waived'], worst['pass'] + worst['not_applicable'],
            sum(1 for c in cases if c['counts']['unknown'] > 0),
            count['fail'] + count['error'], count['warn'], count['unknown'], count['waived'],
            count['pass']]


PATTERNS = {
    'sv': r'Sammanfattning: ärenden (\d+), indatafel (\d+)\. Ärenden efter sämsta status: '
          r'underkända (\d+), med varning (\d+), med okänd uppgift (\d+), med godtagen '
          r'avvikelse (\d+), godkända (\d+)\. Ärenden med minst en okänd uppgift: (\d+)\. Fynd: '
          r'underkända (\d+), varningar (\d+), okända (\d+), godtagna avvikelser (\d+), godkända (\d+)\.',
    'en': r'Summary: cases (\d+), input errors (\d+)\. Cases by worst status: fail (\d+), '
          r'warn (\d+), unknown (\d+), waived (\d+), pass (\d+)\. Cases with at least one '
          r'unknown: (\d+)\. Findings: fail (\d+), warn (\d+), unknown (\d+), waived (\d+), pass (\d+)\.',
}

for path in ('cases/', 'cases/real/jamtland-krokom-matproduktion.yaml'):
    want = expected(path)
    for lang in ('sv', 'en'):
        for quiet in ([], ['-q']):
            out = run('check', '--lang', lang, '--date', '2025-01-01', *quiet, path)
            m = re.search(PATTERNS[lang], out)
            check(m is not None, '%s %s %s: no summary line' % (path, lang, quiet))
            if not m:
                continue
            got = [int(x) for x in m.groups()]
            got = [got[0]] + got[2:]  # input errors: none here
            check(got == want, '%s %s %s: summary %s, JSON says %s' % (path, lang, quiet, got, want))

# the old summary said "0 med okända uppgifter" for a library full of
# unknowns; a case that fails and has unknowns counts as having an unknown
want = expected('cases/real/jamtland-krokom-matproduktion.yaml')
check(want[1] == 1 and want[3] == 1 and want[6] == 2,
      'jamtland: one case fails, the other is unknown at worst, both have unknowns: %s' % want)

# -q: only fail/warn findings and the open questions
out = run('check', '-q', '--date', '2025-01-01', 'cases/')
for line in out.splitlines():
    m = re.match(r'  (\S+)\s', line)
    if m:
        check(m.group(1) in ('UNDERKÄND', 'VARNING', 'OKÄND', 'FEL'), '-q: %r' % line[:80])
    check(not line.lstrip().startswith(('Slutsats:', 'Fakta:', 'Källa:', 'Resultat:', 'Bedömd per:')),
          '-q prints more than findings and questions: %r' % line[:80])

# the conclusion opens every case of a default report
out = run('check', '--date', '2025-01-01', 'cases/real/')
blocks = [b for b in out.split('\n\n') if b.strip() and not b.startswith(('Sammanfattning', 'Ärenden per'))]
for b in blocks:
    lines = b.split('\n')
    if len(lines) > 2 and not lines[0].startswith(' '):
        check(lines[2].startswith('   Slutsats: '), 'no conclusion first: %r' % lines[0][:80])

print('%d failures' % len(failures))
sys.exit(1 if failures else 0)
