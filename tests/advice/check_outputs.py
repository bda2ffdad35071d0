#!/usr/bin/env python3
"""The outputs of `samkoll compare` and `samkoll ask` parse and hold
together, and docs/advice.md lists the questions of the field table.

    check_outputs.py SAMKOLL [--write-docs]

- compare --format json: every real case; the ranking puts organisational
  forms before procurement routes, the case's own form first, then orders
  by verdict (possible, conditional, undecided, not possible), never by a
  rule count; a failing rule makes a form not possible; every question row
  has one cell per form; the case's own form is marked.
- compare --format html: well-formed (every opened element is closed), and
  text from the case is escaped; --format markdown: every table row has as
  many cells as the header.
- ask --format json: every real case; questions sorted by the number of
  rules they decide; every question has a text in both languages.
- docs/advice.md: the appendix between <!-- questions:begin --> and
  <!-- questions:end --> is generated from `samkoll schema` (x-question-sv,
  x-question-en); --write-docs rewrites it.
"""
import glob
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile

samkoll = sys.argv[1]
write_docs = '--write-docs' in sys.argv
failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL', msg)


def run(*args, ok=(0,)):
    p = subprocess.run([samkoll, *args], capture_output=True, text=True)
    if p.returncode not in ok:
        fail('%s: exit %d: %s' % (' '.join(args), p.returncode, p.stderr[:500]))
    return p.stdout


STATUS_RANK = {'not_applicable': 0, 'pass': 1, 'waived': 2, 'unknown': 3, 'warn': 4, 'fail': 5,
               'error': 6}

real = sorted(glob.glob('cases/real/*.yaml'))

# ---- compare, JSON
for path in real:
    for lang in ('sv', 'en'):
        out = run('compare', '--format', 'json', '--lang', lang, '--date', '2025-01-01', path)
        try:
            d = json.loads(out)
        except ValueError as e:
            fail('compare json %s: %s' % (path, e))
            continue
        for c in d['cases']:
            forms = [r['form'] for r in c['ranking']]
            keys = []
            order = ['possible', 'conditional', 'undecided', 'not_possible']
            for r in c['ranking']:
                fails = r['counts']['fail'] + r['counts']['error']
                keys.append((r['route'], not r['case_form'], order.index(r['verdict'])))
                if r['possible'] != (r['verdict'] != 'not_possible'):
                    fail('%s %s: possible is wrong' % (c['case'], r['form']))
                if fails and r['verdict'] != 'not_possible':
                    fail('%s %s: a failing rule but not "not possible"' % (c['case'], r['form']))
                if not r['summary']:
                    fail('%s %s: no summary' % (c['case'], r['form']))
                if r['verdict'] != 'possible' and not r['reasons']:
                    fail('%s %s: %s without a reason' % (c['case'], r['form'], r['verdict']))
            if keys != sorted(keys):
                fail('%s: ranking out of order: %s' % (c['case'], keys))
            if [r['case_form'] for r in c['ranking']].count(True) != 1:
                fail('%s: the case form is not marked once' % c['case'])
            if len(c['questions']) < 5:
                fail('%s: %d questions' % (c['case'], len(c['questions'])))
            for q in c['questions']:
                if [x['form'] for x in q['cells']] != forms:
                    fail('%s: %s: cells do not follow the ranking' % (c['case'], q['key']))
                for cell in q['cells']:
                    worst = max([STATUS_RANK[f['status']] for f in cell['findings']] + [0])
                    if STATUS_RANK[cell['status']] != worst:
                        fail('%s %s %s: cell status %s' % (c['case'], q['key'], cell['form'], cell['status']))
                    for col in cell['columns']:
                        if not col['citations']:
                            fail('%s: column %s without citation' % (c['case'], col['key']))

# ---- compare, HTML and Markdown, with hostile text in the case
hostile = '''case: advice-escape
title: "<script>alert('x')</script> & | pipe | <b>"
form: avtalssamverkan
parties:
  - {name: "A <kommun> & | B", type: kommun}
tasks:
  - name: "<img src=x onerror=alert(1)>"
'''


class Checker(html.parser.HTMLParser):
    VOID = {'meta', 'br', 'link', 'img', 'hr', 'input'}

    def __init__(self):
        super().__init__()
        self.stack = []
        self.errors = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        if tag == 'script':
            self.scripts += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('unexpected </%s> (open: %s)' % (tag, self.stack[-3:]))
        else:
            self.stack.pop()


with tempfile.TemporaryDirectory() as tmp:
    hp = os.path.join(tmp, 'hostile.yaml')
    with open(hp, 'w') as f:
        f.write(hostile)
    for path in [hp] + real:
        out = run('compare', '--format', 'html', path)
        ch = Checker()
        ch.feed(out)
        ch.close()
        if ch.errors or ch.stack:
            fail('compare html %s: %s %s' % (path, ch.errors[:3], ch.stack))
        if ch.scripts:
            fail('compare html %s: a <script> element' % path)
        if not out.startswith('<!DOCTYPE html>') or '<style>' not in out or 'src=' in out.replace('src=x', ''):
            fail('compare html %s: not a self-contained page' % path)
        md = run('compare', '--format', 'markdown', path)
        cols = None
        for line in md.splitlines():
            if not line.startswith('|'):
                cols = None if not line.strip() else cols
                continue
            n = len(re.findall(r'(?<!\\)\|', line))
            if cols is None:
                cols = n
            elif n != cols:
                fail('compare markdown %s: a row with %d cells, not %d: %s' % (path, n, cols, line[:120]))
    out = run('compare', '--format', 'html', hp)
    if '&lt;script&gt;' not in out or '<img' in out:
        fail('compare html: the case text is not escaped')

# ---- ask, JSON
for path in real + ['tests/data/advice/minimal.yaml']:
    out = run('ask', '--format', 'json', '--date', '2025-01-01', path)
    try:
        d = json.loads(out)
    except ValueError as e:
        fail('ask json %s: %s' % (path, e))
        continue
    for c in d['cases']:
        n = [len(q['rules']) for q in c['questions']]
        if n != sorted(n, reverse=True):
            fail('ask %s: questions not ordered by rules decided' % c['case'])
        if c['unknown'] and not c['questions']:
            fail('ask %s: unknown findings but no question' % c['case'])
        for q in c['questions']:
            if not q['question'].strip() or not q['rules']:
                fail('ask %s: empty question %s' % (c['case'], q['key']))
en = json.loads(run('ask', '--format', 'json', '--lang', 'en', 'tests/data/advice/minimal.yaml'))
if not any(q['question'].startswith('Does the task include') for q in en['cases'][0]['questions']):
    fail('ask --lang en: no English question')

# ---- docs/advice.md: the questions appendix
schema = json.loads(run('schema'))


def walk(node, path, rows):
    for name, f in node.get('properties', {}).items():
        p = path + name
        if 'x-question-sv' in f:
            rows.append((p, f['x-question-sv'], f['x-question-en']))
        sub = f
        if 'anyOf' in f:
            for alt in f['anyOf']:
                if alt.get('type') == 'array' and isinstance(alt.get('items'), dict):
                    walk(alt['items'], p + '[].', rows)
        if sub.get('type') == 'object':
            walk(sub, p + '.', rows)


rows = []
walk(schema, '', rows)
table = ['| fält / field | fråga | question |', '|---|---|---|']
for p, sv, en_ in rows:
    table.append('| `%s` | %s | %s |' % (p, sv.replace('|', '\\|'), en_.replace('|', '\\|')))
generated = '\n'.join(table) + '\n'
doc = open('docs/advice.md').read() if os.path.exists('docs/advice.md') else ''
m = re.search(r'(<!-- questions:begin -->\n)(.*?)(<!-- questions:end -->)', doc, re.S)
if not m:
    fail('docs/advice.md has no questions appendix')
elif m.group(2) != generated:
    if write_docs:
        doc = doc[:m.start(2)] + generated + doc[m.end(2):]
        open('docs/advice.md', 'w').write(doc)
        print('rewrote the questions appendix of docs/advice.md')
    else:
        fail('docs/advice.md: the questions appendix is out of date; run: '
             'tests/advice/check_outputs.py build/samkoll --write-docs')

# ---- docs/advice.md: every example marked <!-- golden: NAME --> is real
# output: its lines (but "…") appear in that order in tests/golden/NAME/stdout
lines = doc.split('\n')
for i, line in enumerate(lines):
    m = re.match(r'<!-- golden: ([\w-]+) -->$', line)
    if not m:
        continue
    golden = open('tests/golden/%s/stdout' % m.group(1)).read().split('\n')
    golden = [g.rstrip() for g in golden]
    block = []
    j = i + 1
    if lines[j].startswith('```'):
        j += 1
        while not lines[j].startswith('```'):
            block.append(lines[j])
            j += 1
    else:
        while j < len(lines) and lines[j].strip():
            block.append(lines[j])
            j += 1
    pos = 0
    for b in block:
        if b.strip() == '…':
            continue
        try:
            pos = golden.index(b.rstrip(), pos) + 1
        except ValueError:
            fail('docs/advice.md:%d: not in tests/golden/%s/stdout (in order): %s'
                 % (i + 1, m.group(1), b[:100]))
            break

print('%d failures' % len(failures))
sys.exit(1 if failures else 0)
