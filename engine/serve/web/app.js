/* samkoll web app (docs/web.md): a case form generated from the case
 * format's JSON Schema (GET /api/v1/schema), the review of the case as it
 * is edited (POST /api/v1/check and /ask), answers written into the case
 * text by the server's case-edit code (POST /api/v1/answer, as
 * `samkoll ask -i`), the compare view and the memo. Plain JavaScript, no
 * framework, nothing fetched from other sites; every text of a case is put
 * into the page with textContent (never innerHTML). */
'use strict';

(function () {
  const TOKEN = document.documentElement.dataset.token;

  /* ---- texts of the page ------------------------------------------------ */

  const T = {
    sv: {
      new: 'Nytt ärende', open: 'Öppna', save: 'Spara', memo: 'Ladda ner PM',
      review: 'Granskning', compare: 'Jämför former', caseTitle: 'Ärendet',
      chooseTitle: 'Nytt ärende: välj samverkansform',
      chooseHelp: 'Välj den form samverkan har eller föreslås få. Formen kan ändras i formuläret och jämföras med de andra under Jämför former.',
      footer: 'samkoll granskar mellankommunal samverkan mot lagen. Ärendet lämnar inte datorn: servern körs lokalt och sparar ingenting.',
      basics: 'Grunduppgifter', add: 'Lägg till', remove: 'Ta bort', row: 'Rad',
      notSet: '(ej angivet)', unknownV: 'vet ej', yes: 'ja', no: 'nej',
      listHelp: 'en per rad', strboolHelp: 'beslutet (t.ex. KF 2024-03-18 § 45), eller ja eller nej',
      sourceNew: 'Nytt ärende, inte sparat än.',
      sourceFile: 'Från filen %s. Ändringarna förs in i filens text; Spara behåller filens kommentarer och ordning.',
      sourceLost: 'Från filen %s. En ändring kunde inte föras in i filens text, så Spara skriver ärendet på nytt från formuläret, utan filens kommentarer.',
      sourceJson: 'Från JSON-filen %s. Spara skriver ärendet som YAML.',
      docOf: 'Ärende %d av %d',
      checking: 'Granskar …', inputError: 'Ärendet kan inte läsas',
      at: 'rad %d, kolumn %d', didYouMean: 'menade du %s?',
      concl: {
        fail: ['Slutsats: samverkan strider mot lagen i %d punkt.', 'Slutsats: samverkan strider mot lagen i %d punkter.'],
        warn: ['Slutsats: inget lagbrott hittades, men %d risk bör åtgärdas.', 'Slutsats: inget lagbrott hittades, men %d risker bör åtgärdas.'],
        unknown: 'Slutsats: inget lagbrott eller risk hittades i det som anges, men %d regler kan inte avgöras förrän frågorna nedan är besvarade.',
        pass: 'Slutsats: alla tillämpliga regler är uppfyllda.',
        waived: 'Slutsats: avvikelserna är godtagna genom beslut (undantag).',
        not_applicable: 'Slutsats: ingen regel är tillämplig på det som anges.'
      },
      status: { fail: 'Underkänd', warn: 'Varning', unknown: 'Okänd', pass: 'Godkänd', waived: 'Undantagen', not_applicable: 'Ej tillämplig', error: 'Fel' },
      counts: 'Underkända: %d · Varningar: %d · Okända: %d · Godkända: %d',
      counts3: 'Underkända: %d · Varningar: %d · Okända: %d',
      findings: 'Avvikelser', noFindings: 'Inga underkända regler och inga varningar.',
      law: 'Lagrum och källor', passed: 'Godkända regler (%d)',
      questions: 'Öppna frågor (%d)', noQuestions: 'Inga öppna frågor: allt som reglerna behöver är angivet.',
      answer: 'Svara', decides: 'Avgör: %s', itemsHelp: '0 om inga', answering: 'För in svaret …',
      rank: 'Rang', formCol: 'Form', caseForm: 'ärendets form',
      verdict: { possible: 'Möjlig', conditional: 'Möjlig på villkor', undecided: 'Kan inte avgöras', not_possible: 'Inte möjlig' },
      failing: 'Underkänns av', compareHelp: 'Ärendet bedömt som om det hade varje form; alla andra uppgifter behålls.',
      opened: 'Öppnade %s.', saved: 'Sparade %s.', multiDocs: 'Filen innehåller %d ärenden; välj vilket som redigeras.',
      loadError: 'Filen kunde inte läsas', netError: 'Servern svarar inte: %s',
      summary: 'Sammanfattning'
    },
    en: {
      new: 'New case', open: 'Open', save: 'Save', memo: 'Download memo',
      review: 'Review', compare: 'Compare forms', caseTitle: 'The case',
      chooseTitle: 'New case: choose the collaboration form',
      chooseHelp: 'Choose the form the arrangement has or is proposed to have. The form can be changed in the form and compared with the others under Compare forms.',
      footer: 'samkoll checks inter-municipal collaboration against the law. The case stays on this computer: the server runs locally and stores nothing.',
      basics: 'Basic facts', add: 'Add', remove: 'Remove', row: 'Row',
      notSet: '(not stated)', unknownV: "don't know", yes: 'yes', no: 'no',
      listHelp: 'one per line', strboolHelp: 'the decision (e.g. KF 2024-03-18 § 45), or yes or no',
      sourceNew: 'New case, not saved yet.',
      sourceFile: 'From the file %s. Changes are written into the file\'s text; Save keeps its comments and order.',
      sourceLost: 'From the file %s. A change could not be written into the file\'s text, so Save writes the case anew from the form, without the file\'s comments.',
      sourceJson: 'From the JSON file %s. Save writes the case as YAML.',
      docOf: 'Case %d of %d',
      checking: 'Checking …', inputError: 'The case cannot be read',
      at: 'line %d, column %d', didYouMean: 'did you mean %s?',
      concl: {
        fail: ['Conclusion: the arrangement breaches the law on %d point.', 'Conclusion: the arrangement breaches the law on %d points.'],
        warn: ['Conclusion: no breach found, but %d risk should be addressed.', 'Conclusion: no breach found, but %d risks should be addressed.'],
        unknown: 'Conclusion: no breach or risk found in what is stated, but %d rules cannot be decided until the questions below are answered.',
        pass: 'Conclusion: every applicable rule is met.',
        waived: 'Conclusion: the deviations are accepted by decision (waivers).',
        not_applicable: 'Conclusion: no rule applies to what is stated.'
      },
      status: { fail: 'Fail', warn: 'Warning', unknown: 'Unknown', pass: 'Pass', waived: 'Waived', not_applicable: 'Not applicable', error: 'Error' },
      counts: 'Fail: %d · Warnings: %d · Unknown: %d · Pass: %d',
      counts3: 'Fail: %d · Warnings: %d · Unknown: %d',
      findings: 'Deviations', noFindings: 'No failing rules and no warnings.',
      law: 'Provisions and sources', passed: 'Rules met (%d)',
      questions: 'Open questions (%d)', noQuestions: 'No open questions: everything the rules need is stated.',
      answer: 'Answer', decides: 'Decides: %s', itemsHelp: '0 if none', answering: 'Writing the answer …',
      rank: 'Rank', formCol: 'Form', caseForm: 'the case\'s form',
      verdict: { possible: 'Possible', conditional: 'Possible on conditions', undecided: 'Cannot be decided', not_possible: 'Not possible' },
      failing: 'Failed by', compareHelp: 'The case judged as if it had each form; every other fact is kept.',
      opened: 'Opened %s.', saved: 'Saved %s.', multiDocs: 'The file holds %d cases; choose the one to edit.',
      loadError: 'The file could not be read', netError: 'The server does not answer: %s',
      summary: 'Summary'
    }
  };

  const state = {
    lang: document.documentElement.lang === 'en' ? 'en' : 'sv',
    schema: null, forms: [],
    docs: [], cur: 0,            /* the cases (JSON facts), the one edited */
    text: null, fileName: null,  /* the case text the facts came from */
    textDocs: [], textGen: 0,    /* the facts of the text (norm); its version */
    textLost: false,             /* an edit could not be written into it */
    textJob: Promise.resolve(),  /* the update of the text under way */
    view: 'review', seq: 0, timer: 0
  };

  function t(key) { return T[state.lang][key]; }
  function fmt(s, ...args) { let i = 0; return s.replace(/%[sd]/g, () => String(args[i++])); }

  /* ---- building the page (text only through textContent) ---------------- */

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid === null || kid === undefined || kid === false) continue;
      e.append(typeof kid === 'string' ? document.createTextNode(kid) : kid);
    }
    return e;
  }

  function $(id) { return document.getElementById(id); }

  function notice(msg, bad) {
    const n = $('notice');
    n.textContent = msg;
    n.className = bad ? 'notice bad' : 'notice';
    n.hidden = !msg;
  }

  /* ---- the API ---------------------------------------------------------- */

  async function api(path, body, query, ctype) {
    const q = new URLSearchParams(query || {});
    const url = path + (q.toString() ? '?' + q.toString() : '');
    const opt = body === undefined ? {} : {
      method: 'POST', body: body,
      headers: { 'Content-Type': ctype || 'application/yaml', 'X-Samkoll-Token': TOKEN }
    };
    const r = await fetch(url, opt);
    return r;
  }

  async function apiJson(path, body, query, ctype) {
    const r = await api(path, body, query, ctype);
    const j = await r.json();
    return { status: r.status, body: j };
  }

  /* ---- the schema: labels and kinds of fields --------------------------- */

  function describe(node, key) {
    const d = (node && node.description) || key;
    const i = d.indexOf(' / ');
    const s = i < 0 ? d : state.lang === 'sv' ? d.slice(0, i) : d.slice(i + 3);
    const clean = s.replace(/\s*\(samkoll extension\)\s*$/, '').split('; ');
    return { label: clean[0].charAt(0).toUpperCase() + clean[0].slice(1), more: clean.slice(1).join('; ') };
  }

  function label(node, key) { return describe(node, key).label; }

  /* the question of the field, else the rest of its description */
  function help(node) { return node['x-question-' + state.lang] || describe(node, '').more; }

  const HIDDEN = new Set(['expect', 'text_file']); /* test-only; refused by the server */

  function kindOf(node) {
    if (node.type === 'object') return { kind: 'object' };
    if (node.enum) return { kind: 'enum', values: node.enum.filter(v => v !== null && v !== 'unknown'), labels: node['x-labels'] };
    const alts = node.anyOf || [node];
    const types = new Set();
    let items = null, date = false;
    for (const a of alts) {
      if (a.type) types.add(a.type);
      if (a.type === 'array') items = a.items;
      if (a.format === 'date') date = true;
    }
    if (items) {
      if (items.type === 'object') return { kind: 'rows', items: items };
      const ik = kindOf(items);
      return { kind: 'list', values: ik.kind === 'enum' ? ik.values : null, labels: ik.labels };
    }
    if (date) return { kind: 'date' };
    if (types.has('boolean')) return { kind: types.has('string') ? 'strbool' : 'bool' };
    if (types.has('integer')) return { kind: 'int' };
    if (types.has('number')) return { kind: 'num' };
    return { kind: 'string' };
  }

  function formName(code) {
    const f = state.forms.find(x => x.form === code);
    return f ? f.name : code.replace(/_/g, ' ');
  }

  /* An enum value as people read it: the schema's label in the page's
   * language (x-labels of GET /api/v1/schema), capitalised; the value
   * itself (the code) is what the case holds. */
  function enumLabel(key, v, labels) {
    if (key === 'form') return formName(v);
    const l = labels && labels[v] && labels[v][state.lang];
    const s = l || v.replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function labelsAt(key) {
    const n = schemaAt(key);
    return n ? kindOf(n).labels : null;
  }

  /* The schema node of a fact's place ("tasks[0].area"), or null. */
  function schemaAt(key) {
    let node = state.schema;
    for (const part of key.replace(/\[\d+\]/g, '').split('.')) {
      const p = node && node.properties && node.properties[part];
      if (!p) return null;
      const k = kindOf(p);
      node = k.kind === 'rows' ? k.items : p;
    }
    return node;
  }

  /* ---- the form --------------------------------------------------------- */

  function model() { return state.docs[state.cur]; }

  function edited() {
    scheduleReview();
  }

  function setValue(obj, key, v) {
    if (v === undefined) delete obj[key];
    else obj[key] = v;
    edited();
  }

  function scalarInput(kind, key, node, obj, id) {
    const v = obj[key];
    const on = e => setValue(obj, key, readScalar(kind, e.target.value));
    if (kind.kind === 'enum' || kind.kind === 'bool') {
      const vals = kind.kind === 'bool' ? [['true', t('yes')], ['false', t('no')]]
        : kind.values.map(x => [x, enumLabel(key, x, kind.labels)]);
      const s = el('select', { id: id, onchange: on },
        el('option', { value: '', text: t('notSet') }),
        vals.map(([val, txt]) => el('option', { value: val, text: txt })),
        el('option', { value: 'unknown', text: t('unknownV') }));
      s.value = v === undefined || v === null ? '' : String(v);
      return s;
    }
    const type = { date: 'date', int: 'number', num: 'number' }[kind.kind] || 'text';
    const long = key === 'text' || key === 'matters' || key === 'reason';
    const inp = el(long ? 'textarea' : 'input', {
      id: id, type: long ? null : type, rows: long ? 3 : null, oninput: on,
      step: kind.kind === 'num' ? 'any' : null, min: kind.kind === 'int' ? '0' : null,
      placeholder: kind.kind === 'strbool' ? t('strboolHelp') : null
    });
    inp.value = v === undefined || v === null ? '' : v === true ? t('yes') : v === false ? t('no') : String(v);
    return inp;
  }

  function readScalar(kind, s) {
    const v = s.trim();
    if (v === '') return undefined;
    if (v === 'unknown') return 'unknown';
    switch (kind.kind) {
      case 'bool': return v === 'true';
      case 'int': return Number.isInteger(Number(v)) ? Number(v) : v;
      case 'num': return Number.isFinite(Number(v)) ? Number(v) : v;
      case 'strbool': {
        const l = v.toLowerCase();
        if (l === 'ja' || l === 'yes') return true;
        if (l === 'nej' || l === 'no') return false;
        return v;
      }
      default: return v;
    }
  }

  function listInput(kind, key, obj, id) {
    const cur = Array.isArray(obj[key]) ? obj[key] : [];
    if (kind.values) {
      const box = el('div', { class: 'checks', id: id });
      for (const val of kind.values) {
        const cb = el('input', { type: 'checkbox', value: val });
        cb.checked = cur.includes(val);
        cb.addEventListener('change', () => {
          const sel = [...box.querySelectorAll('input:checked')].map(c => c.value);
          setValue(obj, key, sel.length ? sel : undefined);
        });
        box.append(el('label', { class: 'check' }, cb, ' ' + enumLabel(key, val, kind.labels)));
      }
      return box;
    }
    const ta = el('textarea', { id: id, rows: 2, placeholder: t('listHelp') });
    ta.value = cur.join('\n');
    ta.addEventListener('input', () => {
      const lines = ta.value.split('\n').map(x => x.trim()).filter(x => x);
      setValue(obj, key, lines.length ? lines : undefined);
    });
    return ta;
  }

  let fieldSeq = 0;

  function field(key, node, obj) {
    const kind = kindOf(node);
    const id = 'f' + (++fieldSeq);
    const input = kind.kind === 'list' ? listInput(kind, key, obj, id) : scalarInput(kind, key, node, obj, id);
    input.dataset.key = key;
    const h = help(node);
    return el('div', { class: 'field field-' + kind.kind },
      el('label', { for: id, text: label(node, key) }),
      input,
      h ? el('small', { class: 'help', text: h }) : null);
  }

  function rowsSection(key, node, kind, obj, open) {
    const rows = Array.isArray(obj[key]) ? obj[key] : [];
    const body = el('div', { class: 'rows' });
    rows.forEach((row, i) => {
      const grid = el('div', { class: 'grid' });
      renderProps(kind.items, row, grid);
      body.append(el('fieldset', { class: 'row', 'data-row': key + '[' + i + ']' },
        el('legend', { text: t('row') + ' ' + (i + 1) + (row.name ? ': ' + row.name : '') }),
        grid,
        el('button', {
          type: 'button', class: 'remove', text: t('remove'),
          onclick: () => { rows.splice(i, 1); setValue(obj, key, rows.length ? rows : undefined); renderForm(); }
        })));
    });
    body.append(el('button', {
      type: 'button', class: 'add', 'data-add': key, text: t('add') + ': ' + label(node, key).toLowerCase(),
      onclick: () => { rows.push({}); obj[key] = rows; edited(); renderForm(); }
    }));
    return section(key, label(node, key), help(node), body, open || rows.length > 0);
  }

  function section(key, title, helpText, body, open) {
    const d = el('details', { class: 'section', 'data-section': key, open: open },
      el('summary', { text: title }),
      helpText ? el('p', { class: 'help', text: helpText }) : null,
      body);
    return d;
  }

  function renderProps(schemaObj, obj, into) {
    for (const [key, node] of Object.entries(schemaObj.properties || {})) {
      if (HIDDEN.has(key)) continue;
      const kind = kindOf(node);
      if (kind.kind === 'rows') into.append(rowsSection(key, node, kind, obj, false));
      else if (kind.kind === 'object') into.append(objectSection(key, node, obj));
      else into.append(field(key, node, obj));
    }
  }

  function objectSection(key, node, obj) {
    if (!node.properties) return null;
    const sub = obj[key] && typeof obj[key] === 'object' ? obj[key] : {};
    const grid = el('div', { class: 'grid' });
    renderProps(node, sub, grid);
    /* the object goes into the case when one of its facts is stated */
    grid.addEventListener('input', () => attach(obj, key, sub));
    grid.addEventListener('change', () => attach(obj, key, sub));
    return section(key, label(node, key), help(node), grid, Object.keys(sub).length > 0);
  }

  function attach(obj, key, sub) {
    if (Object.keys(sub).length) obj[key] = sub;
    else delete obj[key];
  }

  function renderForm() {
    const form = $('case-form');
    const open = new Set([...form.querySelectorAll('details[open]')].map(d => d.dataset.section));
    form.replaceChildren();
    const m = model();
    if (!m || !state.schema) return;
    const basics = el('div', { class: 'grid' });
    const rest = [];
    for (const [key, node] of Object.entries(state.schema.properties)) {
      if (HIDDEN.has(key)) continue;
      const kind = kindOf(node);
      if (kind.kind === 'rows') rest.push(rowsSection(key, node, kind, m, key === 'parties' || key === 'tasks'));
      else if (kind.kind === 'object') rest.push(objectSection(key, node, m));
      else basics.append(field(key, node, m));
    }
    form.append(section('basics', t('basics'), '', basics, true), ...rest.filter(x => x));
    for (const d of form.querySelectorAll('details')) if (open.has(d.dataset.section)) d.open = true;
    docSelect();
  }

  function docSelect() {
    const s = $('doc-select');
    s.hidden = state.docs.length < 2;
    s.replaceChildren(...state.docs.map((d, i) =>
      el('option', { value: String(i), text: fmt(t('docOf'), i + 1, state.docs.length) + ': ' + (d.case || '') })));
    s.value = String(state.cur);
  }

  function sourceLine() {
    const p = $('source-line');
    if (!state.fileName) p.textContent = t('sourceNew');
    else p.textContent = fmt(state.text ? t('sourceFile') : state.textLost ? t('sourceLost') : t('sourceJson'), state.fileName);
  }

  /* ---- YAML from the form (for new cases and edited ones) --------------- */

  const PLAIN = /^[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F _.,()§/'-]*$/;
  const RESERVED = /^(true|false|yes|no|on|off|y|n|null|ja|nej|unknown)$/i;

  function yScalar(v) {
    if (v === null) return 'null';
    if (typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (v === 'unknown') return 'unknown';
    if (PLAIN.test(v) && !RESERVED.test(v) && !/\s$/.test(v)) return v;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;   /* a date, as people write it */
    return JSON.stringify(v);
  }

  function isEmpty(v) {
    return v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
  }

  /* the schema of a key's value: an object's, or a row's of a list */
  function childSchema(node, key) {
    const p = node && node.properties && node.properties[key];
    if (!p) return null;
    const k = kindOf(p);
    return k.kind === 'rows' ? k.items : k.kind === 'object' ? p : null;
  }

  function yValue(v, ind, out, key, node) {
    const pad = ' '.repeat(ind);
    if (Array.isArray(v)) {
      const items = v.filter(x => !isEmpty(x));
      if (!items.length) { out.push(pad + key + ': []'); return; }
      out.push(pad + key + ':');
      for (const it of items) {
        if (it && typeof it === 'object') {
          const sub = [];
          yObject(it, ind + 4, sub, node);
          if (!sub.length) continue;
          sub[0] = pad + '  - ' + sub[0].slice(ind + 4);
          out.push(...sub);
        } else out.push(pad + '  - ' + yScalar(it));
      }
    } else if (v && typeof v === 'object') {
      const sub = [];
      yObject(v, ind + 2, sub, node);
      if (!sub.length) return;
      out.push(pad + key + ':', ...sub);
    } else out.push(pad + key + ': ' + yScalar(v));
  }

  /* an object's keys in the case format's order (as the schema lists
   * them), keys the schema does not know last */
  function yObject(o, ind, out, node) {
    const order = Object.keys((node && node.properties) || {});
    const rank = k => { const i = order.indexOf(k); return i < 0 ? order.length : i; };
    const keys = Object.keys(o).filter(k => o[k] !== undefined).sort((a, b) => rank(a) - rank(b));
    for (const k of keys) yValue(o[k], ind, out, k, childSchema(node, k));
  }

  function toYaml(docs) {
    return docs.map(d => { const out = []; yObject(d, 0, out, state.schema); return out.join('\n') + '\n'; }).join('---\n');
  }

  /* ---- form edits into the file's text ---------------------------------- */

  function isObj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

  /* Facts as YAML from the form writes them: no undefined values, no empty
   * rows or objects (a row only added, not filled in yet). */
  function norm(v) {
    if (Array.isArray(v)) return v.map(norm).filter(x => !(isObj(x) && !Object.keys(x).length));
    if (!isObj(v)) return v;
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      const n = norm(x);
      if (n !== undefined && !(isObj(n) && !Object.keys(n).length)) o[k] = n;
    }
    return o;
  }

  /* equal facts, whatever the order of keys */
  function eq(a, b) {
    if (a === b) return true;
    if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => eq(x, b[i]));
    if (!isObj(a) || !isObj(b)) return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every(k => k in b && eq(a[k], b[k]));
  }

  /* A fact as the values of POST /api/v1/edit, or null for a structure. */
  function editValues(v) {
    if (v === null) return ['unknown'];
    if (typeof v === 'boolean') return [v ? 'ja' : 'nej'];
    if (typeof v === 'number') return [String(v)];
    if (typeof v === 'string') return [v];
    if (Array.isArray(v) && v.length && v.every(x => typeof x === 'string')) return v;
    return null;
  }

  /* The edits that turn facts a into b (both normalised), in an order in
   * which each one's place exists: {path, values} or {path, remove}; false
   * if some change cannot be given so. */
  function diff(a, b, path, ops, node) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const x = a[k], y = b[k], p = path ? path + '.' + k : k;
      if (eq(x, y)) continue;
      const sub = childSchema(node, k);
      if (y === undefined) ops.push({ path: p, remove: true });
      else if (isObj(y)) { if (!diff(isObj(x) ? x : {}, y, p, ops, sub)) return false; }
      else if (Array.isArray(y) && (y.some(isObj) || (Array.isArray(x) && x.some(isObj)))) {
        if (!rowsDiff(Array.isArray(x) ? x : [], y, p, ops, sub)) return false;
      } else if (editValues(y)) ops.push({ path: p, values: editValues(y) });
      else if (Array.isArray(y) && !y.length && x !== undefined) ops.push({ path: p, remove: true });
      else return false;
    }
    return true;
  }

  /* Rows: removed ones (the others unchanged) go by their index, highest
   * first; else the rows both have are edited in place, rows past the new
   * end removed and new rows appended. */
  function rowsDiff(x, y, p, ops, node) {
    if (y.length < x.length) {
      const gone = [];
      let j = 0;
      x.forEach((r, i) => { if (j < y.length && eq(r, y[j])) j++; else gone.push(i); });
      if (j === y.length) {
        for (const i of gone.reverse()) ops.push({ path: p + '[' + i + ']', remove: true });
        return true;
      }
    }
    for (let i = 0; i < Math.min(x.length, y.length); i++)
      if (!diff(x[i], y[i], p + '[' + i + ']', ops, node)) return false;
    for (let i = x.length - 1; i >= y.length; i--) ops.push({ path: p + '[' + i + ']', remove: true });
    for (let i = x.length; i < y.length; i++) {
      /* a new row starts with its name (the first required field) */
      const first = ((node && node.required) || []).find(k => y[i][k] !== undefined);
      const keys = Object.keys(y[i]).sort((m, n) => (n === first) - (m === first));
      for (const k of keys)
        if (!diff({}, { [k]: y[i][k] }, p + '[' + i + ']', ops, node)) return false;
    }
    return true;
  }

  /* The case text holding every edit. A case that came from a YAML file
   * stays that file's text: each change made in the form (a value set,
   * changed or cleared, a row added or removed) is written into it by the
   * server's case-edit code (POST /api/v1/edit, the code `ask -i` uses),
   * so its comments and order stay, and the result is read back and
   * compared with the form. Only if that fails (or for a new case or a
   * JSON file) is the case YAML written from the form. One update at a
   * time. */
  function currentText() {
    const job = state.textJob.then(syncText, syncText);
    state.textJob = job.catch(() => {});
    return job;
  }

  function textLost(snap, why) {
    console.warn('samkoll: the edit could not be written into the file, YAML from the form from now on:', why);
    state.text = null;
    state.textLost = true;
    sourceLine();
    return toYaml(snap);
  }

  async function syncText() {
    if (!state.text) return toYaml(state.docs);
    const snap = state.docs.map(norm), gen = state.textGen, cur = state.cur;
    if (snap.length !== state.textDocs.length || snap.some((d, i) => i !== cur && !eq(d, state.textDocs[i])))
      return textLost(snap, 'another case of the file changed');
    const ops = [];
    if (!diff(state.textDocs[cur], snap[cur], '', ops, state.schema)) return textLost(snap, 'no edit for a change');
    if (!ops.length) return state.text;
    let text = state.text;
    for (const op of ops) {
      const query = new URLSearchParams({ lang: state.lang, name: caseFileName(), doc: String(cur), key: op.path });
      if (op.remove) query.append('remove', 'true');
      for (const v of op.values || []) query.append('value', v);
      const r = await api('/api/v1/edit', text, query);
      if (r.status !== 200) return textLost(snap, op.path + ': ' + await r.text());
      text = await r.text();
    }
    if (gen !== state.textGen) return toYaml(snap);   /* another case was opened meanwhile */
    const back = await apiJson('/api/v1/case', text, { lang: state.lang, name: caseFileName() });
    if (back.status === 200 && !(back.body.cases.length === snap.length && eq(norm(back.body.cases[cur]), snap[cur])))
      return textLost(snap, 'the text read back differs from the form');
    state.text = text;
    state.textDocs = snap;
    state.textGen++;
    return text;
  }

  function caseFileName() {
    return state.fileName || ((model() && model().case) || 'arende') + '.yaml';
  }

  /* ---- the review ------------------------------------------------------- */

  function scheduleReview() {
    clearTimeout(state.timer);
    state.timer = setTimeout(runReview, 400);
  }

  async function runReview() {
    if (!model()) return;
    const seq = ++state.seq;
    const q = { lang: state.lang, name: caseFileName() };
    $('view-review').setAttribute('aria-busy', 'true');
    try {
      const text = await currentText();
      const jobs = [apiJson('/api/v1/check', text, q), apiJson('/api/v1/ask', text, q)];
      if (state.view === 'compare') jobs.push(apiJson('/api/v1/compare', text, q));
      const [chk, ask, cmp] = await Promise.all(jobs);
      if (seq !== state.seq) return;          /* an older request */
      renderReview(chk, ask);
      if (cmp) renderCompare(cmp);
      else state.compareStale = true;
      if ($('notice').classList.contains('bad')) notice('');   /* the server answers again */
    } catch (e) {
      if (seq === state.seq) notice(fmt(t('netError'), e.message), true);
    } finally {
      if (seq === state.seq) $('view-review').removeAttribute('aria-busy');
    }
  }

  function diagList(errs) {
    return el('ul', { class: 'diags' }, errs.map(g => el('li', {},
      el('span', { class: 'pos', text: (g.file ? g.file + ': ' : '') + fmt(t('at'), g.line, g.column) }), ' ',
      el('span', { text: g.message }),
      g.suggestion ? el('span', { class: 'hint', text: ' (' + fmt(t('didYouMean'), g.suggestion) + ')' }) : null)));
  }

  function inputErrors(res) {
    const b = res.body || {};
    if (b.error) return b.error.diagnostics && b.error.diagnostics.length ? b.error.diagnostics
      : [{ line: 0, column: 0, message: b.error.message }];
    return (b.errors || []).flatMap(e => e.diagnostics || []);
  }

  /* The edited case among a response's cases: by its id (a document that
   * cannot be read is missing from the list), else by its place. */
  function ownCase(cases, idKey) {
    const id = model() && model().case;
    const same = cases.filter(c => c[idKey] === id);
    return same.length === 1 ? same[0] : cases.length === state.docs.length ? cases[state.cur] : null;
  }

  function renderReview(chk, ask) {
    const v = $('view-review');
    const c = chk.body && chk.body.cases ? ownCase(chk.body.cases, 'id') : null;
    if (!c) {
      v.replaceChildren(el('div', { class: 'conclusion bad', 'data-status': 'error' },
        el('strong', { text: t('inputError') })), diagList(inputErrors(chk)));
      return;
    }
    const n = c.counts;
    const k = c.worst;
    const num = { fail: n.fail, warn: n.warn, unknown: n.unknown }[k];
    v.replaceChildren(
      el('div', { class: 'conclusion s-' + k, 'data-status': k, id: 'conclusion' },
        el('strong', { text: fmt(conclusion(k, num), num) }),
        el('div', { class: 'counts', text: fmt(t('counts'), n.fail, n.warn, n.unknown, n.pass) })),
      findingsBlock(c.findings),
      questionsBlock(ask),
      passedBlock(c.findings));
  }

  function conclusion(status, n) {
    const c = T[state.lang].concl[status] || status;
    return Array.isArray(c) ? c[n === 1 ? 0 : 1] : c;
  }

  function findingsBlock(findings) {
    const bad = findings.filter(f => f.status === 'fail').concat(findings.filter(f => f.status === 'warn'));
    const box = el('section', { class: 'findings' }, el('h3', { text: t('findings') }));
    if (!bad.length) box.append(el('p', { class: 'muted', text: t('noFindings') }));
    for (const f of bad) box.append(findingCard(f));
    return box;
  }

  function findingCard(f) {
    const cites = (f.citations || []).map(ci => el('li', {},
      ci.url ? el('a', { href: ci.url, target: '_blank', rel: 'noopener noreferrer', text: ci.text })
        : el('span', { text: ci.text })));
    return el('article', { class: 'finding s-' + f.status, 'data-rule': f.rule },
      el('header', {},
        el('span', { class: 'badge s-' + f.status, text: T[state.lang].status[f.status] }),
        el('strong', { text: f.title }),
        f.certainty_label ? el('span', { class: 'certainty', text: f.certainty_label }) : null),
      f.message ? el('p', { text: f.message }) : null,
      f.certainty_note ? el('p', { class: 'muted', text: f.certainty_note }) : null,
      cites.length ? el('div', { class: 'cites' }, el('span', { class: 'muted', text: t('law') + ':' }),
        el('ul', { class: 'citations' }, cites)) : null,
      el('code', { class: 'rule', text: f.rule }));
  }

  function passedBlock(findings) {
    const ok = findings.filter(f => f.status === 'pass' || f.status === 'waived');
    if (!ok.length) return null;
    return el('details', { class: 'passed' }, el('summary', { text: fmt(t('passed'), ok.length) }),
      el('ul', {}, ok.map(f => el('li', {}, el('span', { class: 'badge s-' + f.status, text: T[state.lang].status[f.status] }),
        ' ' + f.title))));
  }

  /* ---- open questions, answered in place -------------------------------- */

  function questionsBlock(ask) {
    const own = ask.status === 200 && ask.body.cases ? ownCase(ask.body.cases, 'case') : null;
    const qs = own ? own.questions : [];
    const box = el('section', { class: 'questions', id: 'questions' },
      el('h3', { text: fmt(t('questions'), qs.length) }));
    if (!qs.length) box.append(el('p', { class: 'muted', text: t('noQuestions') }));
    const list = el('ol', {});
    for (const q of qs) list.append(questionItem(q));
    box.append(list);
    return box;
  }

  function answerInput(q) {
    const k = q.answer;
    if (k === 'bool') return null; /* answered by the ja / nej buttons */
    if ((k === 'enum' || k === 'list') && q.values) {
      const s = el('select', { multiple: k === 'list' ? true : null, class: 'answer-input' },
        q.values.map(v => el('option', { value: v, text: enumLabel(q.key.replace(/.*\./, ''), v, labelsAt(q.key)) })));
      return s;
    }
    const type = { integer: 'number', number: 'number', percent: 'number', items: 'number', date: 'date' }[k] || 'text';
    if (k === 'list' || k === 'named_items')
      return el('textarea', { class: 'answer-input', rows: 2, placeholder: t('listHelp') });
    return el('input', { class: 'answer-input', type: type, min: type === 'number' ? '0' : null,
      step: k === 'number' || k === 'percent' ? 'any' : null, placeholder: k === 'items' ? t('itemsHelp') : null });
  }

  function answerValues(q, inp) {
    if (inp.tagName === 'SELECT') return [...inp.selectedOptions].map(o => o.value);
    if (inp.tagName === 'TEXTAREA') return inp.value.split('\n').map(x => x.trim()).filter(x => x);
    return inp.value.trim() ? [inp.value.trim()] : [];
  }

  function questionItem(q) {
    const inp = answerInput(q);
    const err = el('p', { class: 'error', hidden: true });
    const li = el('li', { class: 'question', 'data-key': q.key },
      el('p', { class: 'q' }, el('span', { text: q.question }),
        q.context ? el('span', { class: 'ctx', text: ' (' + q.context + ')' }) : null),
      el('p', { class: 'muted small', text: fmt(t('decides'), q.rules.join(', ')) }));
    const row = el('div', { class: 'answer' });
    if (inp) {
      row.append(inp, el('button', { type: 'button', class: 'primary', text: t('answer'),
        onclick: () => answer(q, answerValues(q, inp), err) }));
    } else {
      row.append(el('button', { type: 'button', 'data-answer': 'ja', text: T[state.lang].yes,
        onclick: () => answer(q, ['ja'], err) }),
      el('button', { type: 'button', 'data-answer': 'nej', text: T[state.lang].no,
        onclick: () => answer(q, ['nej'], err) }));
    }
    li.append(row, err);
    return li;
  }

  async function answer(q, values, err) {
    err.hidden = true;
    if (!values.length) return;
    const query = new URLSearchParams({ lang: state.lang, key: q.key, doc: String(state.cur), name: caseFileName() });
    for (const v of values) query.append('value', v);
    notice(t('answering'));
    try {
      const r = await api('/api/v1/answer', await currentText(), query);
      if (r.status !== 200) {
        const j = await r.json();
        err.textContent = j.error ? j.error.message : String(r.status);
        err.hidden = false;
        notice('');
        return;
      }
      const text = await r.text();
      await loadText(text, state.fileName, state.cur);
      notice('');
    } catch (e) {
      notice(fmt(t('netError'), e.message), true);
    }
  }

  /* ---- compare ---------------------------------------------------------- */

  const VERDICT_CLASS = { possible: 's-pass', conditional: 's-warn', undecided: 's-unknown', not_possible: 's-fail' };

  function verdictText(v) {
    return T[state.lang].verdict[v] || v;
  }

  /* the form's verdict (docs/advice.md); older servers: possible or not */
  function verdictBadge(r) {
    const v = r.verdict || (r.possible ? 'possible' : 'not_possible');
    return el('span', { class: 'badge ' + (VERDICT_CLASS[v] || ''), 'data-verdict': v, text: verdictText(v) });
  }

  function renderCompare(res) {
    state.compareStale = false;
    const v = $('view-compare');
    const c = res.status === 200 && res.body.cases ? ownCase(res.body.cases, 'case') : null;
    if (!c) {
      v.replaceChildren(el('div', { class: 'conclusion bad' }, el('strong', { text: t('inputError') })),
        diagList(inputErrors(res)));
      return;
    }
    const rows = c.ranking.map(r => el('tr', { class: (r.possible ? 'ok' : 'no') + (r.case_form ? ' current' : ''),
      'data-form': r.form, 'data-verdict': r.verdict || (r.possible ? 'possible' : 'not_possible') },
      el('td', { class: 'num', text: String(r.rank) }),
      el('td', { class: 'form' }, el('strong', { text: r.name }),
        el('div', {}, verdictBadge(r), r.case_form ? el('span', { class: 'tag', text: t('caseForm') }) : null),
        el('div', { class: 'muted small', text: fmt(t('counts3'), r.counts.fail, r.counts.warn, r.counts.unknown) })),
      el('td', {}, el('p', { class: 'small', text: r.summary }))));
    v.replaceChildren(el('p', { class: 'muted', text: t('compareHelp') }),
      el('table', { class: 'compare', id: 'compare-table' },
        el('thead', {}, el('tr', {}, [t('rank'), t('formCol'), t('summary')].map(h => el('th', { text: h })))),
        el('tbody', {}, rows)));
  }

  async function showView(view) {
    state.view = view;
    for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b.dataset.view === view));
    $('view-review').hidden = view !== 'review';
    $('view-compare').hidden = view !== 'compare';
    if (view === 'compare' && model()) {
      const seq = state.seq;
      const text = await currentText();
      const res = await apiJson('/api/v1/compare', text, { lang: state.lang, name: caseFileName() });
      if (seq === state.seq) renderCompare(res);
    }
  }

  /* ---- new, open, save, memo -------------------------------------------- */

  function showChooser() {
    $('chooser').hidden = false;
    $('workspace').hidden = true;
    const cards = $('form-cards');
    cards.replaceChildren(...state.forms.map(f => el('button', {
      type: 'button', class: 'card', 'data-form': f.form,
      onclick: () => newCase(f.form)
    }, el('strong', { text: f.name }), el('code', { text: f.form }), formFacts(f))));
  }

  function formFacts(f) {
    const cols = ['legal_person', 'party_types', 'myndighetsutovning'];
    const names = Object.fromEntries((state.formColumns || []).map(c => [c.key, c.title]));
    return el('dl', {}, cols.filter(k => f.cells && f.cells[k]).map(k => {
      const cell = f.cells[k];
      const val = cell.label ? [].concat(cell.label).join(', ') : cell.value === true ? T[state.lang].yes
        : cell.value === false ? T[state.lang].no : [].concat(cell.value).join(', ');
      return [el('dt', { text: names[k] || k }), el('dd', { text: val })];
    }));
  }

  function today() { return new Date().toISOString().slice(0, 10); }

  function newCase(form) {
    state.docs = [{ case: 'nytt-arende', date: today(), form: form }];
    state.cur = 0;
    state.text = null;
    state.textGen++;
    state.fileName = null;
    state.textLost = false;
    openWorkspace();
  }

  function openWorkspace() {
    $('chooser').hidden = true;
    $('workspace').hidden = false;
    $('act-save').disabled = false;
    $('act-memo').disabled = false;
    renderForm();
    sourceLine();
    runReview();
  }

  /* Loads a case text: its facts through POST /api/v1/case. */
  async function loadText(text, name, cur) {
    const json = /^\s*[{[]/.test(text);
    const r = await apiJson('/api/v1/case', text, { lang: state.lang, name: name || 'case.yaml' },
      json ? 'application/json' : 'application/yaml');
    if (r.status !== 200) {
      notice(t('loadError') + ': ' + inputErrors(r).map(g => fmt(t('at'), g.line, g.column) + ': ' + g.message).join('; '), true);
      return false;
    }
    state.docs = r.body.cases;
    state.cur = Math.min(cur || 0, state.docs.length - 1);
    state.text = json ? null : text;
    state.textLost = false;
    state.textDocs = r.body.cases.map(norm);
    state.textGen++;
    state.fileName = name;
    openWorkspace();
    return true;
  }

  async function openFile(file) {
    try {
      const text = await file.text();
      if (await loadText(text, file.name, 0))
        notice(state.docs.length > 1 ? fmt(t('multiDocs'), state.docs.length) : fmt(t('opened'), file.name));
    } catch (e) {
      notice(fmt(t('netError'), e.message), true);
    }
  }

  function download(name, data, type) {
    const url = URL.createObjectURL(new Blob([data], { type: type }));
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  async function save() {
    const name = caseFileName().replace(/\.json$/, '.yaml');
    download(name, await currentText(), 'application/yaml');
    notice(fmt(t('saved'), name));
  }

  async function memo() {
    const format = $('memo-format').value;
    const r = await api('/api/v1/check', await currentText(), { lang: state.lang, format: format, name: caseFileName() });
    const data = await r.text();
    const base = caseFileName().replace(/\.(ya?ml|json)$/, '');
    const name = (state.lang === 'sv' ? 'PM-' : 'memo-') + base + (format === 'html' ? '.html' : '.md');
    download(name, data, format === 'html' ? 'text/html' : 'text/markdown');
  }

  /* ---- language --------------------------------------------------------- */

  async function setLang(lang) {
    state.lang = lang;
    document.documentElement.lang = lang;
    if (!$('notice').classList.contains('bad')) notice('');   /* said in the other language */
    for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
    for (const b of document.querySelectorAll('.lang button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
    await loadForms();
    if (!$('chooser').hidden) showChooser();
    if (model()) {
      renderForm();
      sourceLine();
      runReview();
    }
  }

  async function loadForms() {
    const r = await apiJson('/api/v1/forms', undefined, { lang: state.lang, format: 'json' });
    state.forms = r.body.forms || [];
    state.formColumns = r.body.columns || [];
  }

  /* ---- start ------------------------------------------------------------ */

  async function start() {
    $('act-new').addEventListener('click', showChooser);
    $('act-open').addEventListener('change', e => { if (e.target.files[0]) openFile(e.target.files[0]); e.target.value = ''; });
    $('act-save').addEventListener('click', save);
    $('act-memo').addEventListener('click', memo);
    $('doc-select').addEventListener('change', e => { state.cur = Number(e.target.value); renderForm(); runReview(); });
    for (const b of document.querySelectorAll('.lang button')) b.addEventListener('click', () => setLang(b.dataset.lang));
    for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => showView(b.dataset.view));
    try {
      const r = await apiJson('/api/v1/schema');
      state.schema = r.body;
      await setLang(state.lang);
      showView('review');
      showChooser();
      document.body.dataset.ready = 'true';
    } catch (e) {
      notice(fmt(t('netError'), e.message), true);
    }
  }

  start();
})();
