/* report_html.c - one self-contained HTML page (inline CSS and JS, no
 * external assets; works offline and prints): the run, a summary (cases
 * by worst status, per rule, per form), filters by status and by rule,
 * then a table per case with every finding other than not_applicable:
 * status, rule, what it says (message, missing facts, waiver with reason
 * and decision), citations as links, the facts with their positions.
 * Passed findings are in the tables but hidden by the status filter until
 * it is ticked (without JS, everything shows). Everything from the case
 * or the rules is HTML-escaped. The summary comes first: the cases are
 * held in a temporary file until the end of the run. */
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "report/report_int.h"
#include "base/ui.h"

#define MAX_FACTS 8

static void esc(sk_buf *b, const char *s)
{
    sk_markup_str(b, s, 0);
}

static void esc_attr(sk_buf *b, const char *s)
{
    sk_markup_str(b, s, 1);
}

static const char *css_class(sk_status s)
{
    return sk_status_name(s);
}

static void badge(sk_buf *b, sk_status s, int en)
{
    sk_buf_printf(b, "<span class=\"badge st-%s\">", css_class(s));
    esc(b, sk_status_label(s, en));
    sk_buf_puts(b, "</span>");
}

static const char CSS[] =
    ":root{--fail:#b3261e;--warn:#8a5a00;--unknown:#6b3fa0;--waived:#0f6e6e;--pass:#2e7d32;"
    "--error:#7a0010;--not_applicable:#666;--line:#d0d4d9;--bg:#f6f7f9}\n"
    "*{box-sizing:border-box}\n"
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;"
    "color:#1b1f24;margin:0 auto;padding:1.5rem 2rem;max-width:90rem}\n"
    "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;margin:1.6rem 0 .6rem;"
    "border-bottom:2px solid var(--line);padding-bottom:.2rem}h3{font-size:1.1rem;margin:0 0 .3rem}\n"
    ".meta{color:#555;margin:.2rem 0 .8rem}\n"
    "code{font:13px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);"
    "padding:0 .2em;border-radius:3px;overflow-wrap:anywhere}\n"
    "table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem}\n"
    "th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}\n"
    "th{background:var(--bg);font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:.5rem 0 1rem}\n"
    ".card{border:1px solid var(--line);border-left:6px solid #999;border-radius:6px;padding:.4rem .8rem;"
    "min-width:9rem;background:#fff}.card .n{display:block;font-size:1.6rem;font-weight:700}\n"
    ".card.st-fail{border-left-color:var(--fail)}.card.st-warn{border-left-color:var(--warn)}"
    ".card.st-unknown{border-left-color:var(--unknown)}.card.st-waived{border-left-color:var(--waived)}"
    ".card.st-pass{border-left-color:var(--pass)}.card.st-error{border-left-color:var(--error)}\n"
    ".badge{display:inline-block;font-size:.75rem;font-weight:700;letter-spacing:.02em;color:#fff;"
    "border-radius:3px;padding:.05rem .4rem;white-space:nowrap;background:#666}\n"
    ".badge.st-fail{background:var(--fail)}.badge.st-warn{background:var(--warn)}"
    ".badge.st-unknown{background:var(--unknown)}.badge.st-waived{background:var(--waived)}"
    ".badge.st-pass{background:var(--pass)}.badge.st-error{background:var(--error)}"
    ".badge.st-not_applicable{background:var(--not_applicable)}\n"
    "tr.finding.st-error td:first-child{border-left:4px solid var(--error)}\n"
    "section.case{border:1px solid var(--line);border-radius:8px;padding:.8rem 1.2rem;margin:0 0 1.2rem;"
    "background:#fff;max-width:60rem}\n"
    "section.case h3{font-size:1.25rem;margin:.2rem 0 .6rem}h4{font-size:1.05rem;margin:1rem 0 .4rem}\n"
    "dl.head{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.15rem 1rem;margin:0 0 .6rem}"
    "dl.head dt{font-weight:600;color:#444}dl.head dd{margin:0;overflow-wrap:anywhere}\n"
    "article.finding{border-left:5px solid #999;padding:.3rem 0 .3rem .8rem;margin:.6rem 0 .9rem}"
    "article.finding.st-fail{border-left-color:var(--fail)}article.finding.st-warn{border-left-color:var(--warn)}"
    "article.finding.st-error{border-left-color:var(--error)}article.finding.st-waived{border-left-color:var(--waived)}\n"
    "article.finding h5{font-size:1rem;margin:0 0 .3rem}code.rule-id{color:#555;font-weight:400;font-size:12px}\n"
    "article.finding p{margin:.2rem 0 .4rem}.basis{color:#555;font-size:.9rem}\n"
    ".law,.decided{font-size:.92rem;margin:.2rem 0}.label{font-weight:600;margin-right:.4rem}\n"
    ".law ul.cites,.decided ul.facts{display:inline;padding:0}.law ul.cites li,.decided ul.facts li"
    "{display:inline}.law ul.cites li+li::before,.decided ul.facts li+li::before{content:' \\00b7 '}\n"
    "ul.questions{margin:.2rem 0 .6rem;padding-left:1.2rem}ul.questions li{margin:.1rem 0}"
    ".decides{color:#666;font-size:.85rem}\n"
    "details.passed{margin:.6rem 0 0;color:#333}details.passed ul{columns:2 22rem;font-size:.9rem}\n"
    "p.none{font-style:italic}\n"
    "section.input-error{border-color:var(--error)}\n"
    "ul.cites,ul.facts{margin:0;padding-left:1.1rem}ul.facts{font-size:.9rem}\n"
    ".pos{color:#666;font-size:.85rem;white-space:nowrap}\n"
    ".waiver{margin-top:.3rem;padding:.2rem .4rem;border-left:3px solid var(--waived);background:#eef7f7}\n"
    ".waiver.expired{border-left-color:var(--fail);background:#fbeeee}\n"
    ".rule-title{color:#333}.msg{white-space:pre-line}\n"
    "#filters{position:sticky;top:0;z-index:1;background:#fff;border:1px solid var(--line);"
    "border-radius:8px;padding:.5rem .8rem;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;"
    "align-items:center}\n"
    "#filters fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .8rem}\n"
    "#filters legend{font-weight:600;float:left;margin-right:.5rem}#filters label{cursor:pointer}\n"
    "#shown{color:#555}a{color:#0b57d0}a.rule-link{color:inherit}\n"
    "details>summary{cursor:pointer;font-weight:600;margin:.4rem 0}\n"
    "footer{color:#666;font-size:.85rem;margin-top:2rem}\n"
    "[hidden]{display:none!important}\n"
    "@page{size:A4;margin:16mm 15mm}\n"
    "@media print{body{font-size:10pt;padding:0;max-width:none}"
    "#filters,.noprint{display:none!important}"
    "section.case{break-inside:auto;border:0;padding:0;margin:0;max-width:none}"
    "main#cases>section.case{break-before:page}main#cases>h2+section.case{break-before:auto}"
    "main#cases>h2,#summary>details,details.passed{display:none!important}"
    "article.finding{break-inside:avoid}ul.questions{columns:2;column-gap:1.5rem;font-size:8.5pt}"
    "ul.questions li{break-inside:avoid}.decides,.pos{display:none}.decided{font-size:8.5pt}"
    "tr{break-inside:avoid}thead{display:table-header-group}h2,h3,h4{break-after:avoid}"
    "a{color:inherit;text-decoration:none}ul.cites a[href]::after{content:' <' attr(href) '>';"
    "font-size:8pt;color:#555;overflow-wrap:anywhere;word-break:break-all}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "details{display:block}details>summary{list-style:none}}\n";

/* Filters: statuses ticked, rule chosen; hides rows and cases that show
 * nothing, and says how much is shown. */
static const char JS[] =
    "(function(){\n"
    "var nav=document.getElementById('filters');if(!nav)return;\n"
    "nav.hidden=false;\n"
    "var boxes=[].slice.call(nav.querySelectorAll('input[name=status]'));\n"
    "var sel=document.getElementById('rule-filter'),out=document.getElementById('shown');\n"
    "function apply(){\n"
    " var on={};boxes.forEach(function(b){on[b.value]=b.checked;});\n"
    " var rule=sel.value,rows=0,cases=0,all=0;\n"
    " [].forEach.call(document.querySelectorAll('section.case'),function(c){\n"
    "  var vis=0,trs=c.querySelectorAll('.finding');\n"
    "  [].forEach.call(trs,function(t){\n"
    "   var ok=!!on[t.getAttribute('data-status')]&&(!rule||(' '+t.getAttribute('data-rule')+' ')"
    ".indexOf(' '+rule+' ')>=0);\n"
    "   t.hidden=!ok;if(ok)vis++;});\n"
    "  var show=trs.length?vis>0:(!rule&&!!on.pass);\n"
    "  c.hidden=!show;all++;if(show)cases++;rows+=vis;});\n"
    " out.textContent=nav.getAttribute('data-shown').replace('{cases}',cases).replace('{all}',all)"
    ".replace('{rows}',rows);}\n"
    "boxes.forEach(function(b){b.addEventListener('change',apply);});\n"
    "sel.addEventListener('change',apply);\n"
    "document.addEventListener('click',function(e){var a=e.target.closest?e.target.closest('a.rule-link'):null;\n"
    " if(!a)return;e.preventDefault();sel.value=a.getAttribute('data-rule');apply();\n"
    " nav.scrollIntoView({block:'start'});});\n"
    "apply();\n"
    "})();\n";

static void begin(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    char date[11];
    sk_date_format(r->o.run_date, date);
    const char *title = sk_ui(UI_REVIEW_OF_INTER_MUNICIPAL_COLLABORATION, en);
    sk_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<meta name=\"generator\" content=\"samkoll %s\">\n<title>samkoll \u2013 %s</title>\n"
                     "<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>%s</h1>\n",
                  sk_ui(UI_LANG, en), SK_VERSION, title, CSS, title);
    sk_buf_printf(b, "<p class=\"meta\">%s %s \u00b7 %s: %zu %s (sha256 <code>%.16s</code>) \u00b7 samkoll %s",
                  sk_ui(UI_DATE, en), date, sk_ui(UI_RULE_SET, en), sk_ruleset_count(r->rs),
                  sk_ui(UI_RULES, en), sk_ruleset_hash(r->rs), SK_VERSION);
    if (r->o.assessor) {
        sk_buf_printf(b, " \u00b7 %s: ", sk_ui(UI_ASSESSED_BY, en));
        sk_markup_str(b, r->o.assessor, 0);
    }
    sk_buf_puts(b, "</p>\n</header>\n");
}

static void cites(sk_buf *b, const sk_finding *f, int en)
{
    const sk_rule *rule = f->rule;
    if (!f->cites)
        return;
    sk_buf_puts(b, "<ul class=\"cites\">");
    for (uint32_t i = 0; i < rule->ncites; i++) {
        if (!sk_finding_cite(f, i))
            continue;
        const sk_cite *c = &rule->cites[i];
        sk_buf_puts(b, "<li>");
        if (c->url) {
            sk_buf_puts(b, "<a href=\"");
            esc_attr(b, c->url);
            sk_buf_puts(b, "\">");
            esc(b, c->text[en]);
            sk_buf_puts(b, "</a>");
        } else {
            esc(b, c->text[en]);
        }
        esc(b, sk_cite_check_note(c, en));
        sk_buf_puts(b, "</li>");
    }
    sk_buf_puts(b, "</ul>");
}

static void facts(sk_buf *b, const sk_finding *f, const char *case_file, sk_buf *tmp)
{
    size_t shown = 0, more = 0;
    for (uint16_t i = 0; i < f->nfacts; i++) {
        const sk_fact *fa = &f->facts[i];
        if (fa->missing || fa->path->root == SK_ROOT_FORM || fa->path->root == SK_ROOT_DATE)
            continue;
        if (shown == MAX_FACTS) {
            more++;
            continue;
        }
        sk_buf_puts(b, shown++ ? "<li>" : "<ul class=\"facts\"><li>");
        sk_buf_clear(tmp);
        sk_fact_path(fa, tmp);
        sk_buf_puts(b, "<code>");
        esc(b, sk_buf_cstr(tmp));
        sk_buf_puts(b, "</code> = ");
        char vb[64];
        const char *v = sk_fact_value(fa, vb, sizeof vb);
        esc(b, v ? v : "?");
        /* in the case's own file, the line and column say enough */
        sk_buf_printf(b, " <span class=\"pos\">");
        if (!case_file || !fa->node->file || strcmp(fa->node->file, case_file) != 0) {
            esc(b, fa->node->file);
            sk_buf_putc(b, ':');
        }
        sk_buf_printf(b, "%u:%u</span></li>", fa->node->line, fa->node->col);
    }
    if (more)
        sk_buf_printf(b, "<li>+%zu</li>", more);
    if (shown)
        sk_buf_puts(b, "</ul>");
}

static void waiver(sk_buf *b, const sk_finding *f, int en)
{
    const char *reason = sk_waiver_get(f, "reason"), *by = sk_waiver_get(f, "decided_by"),
               *until = sk_waiver_get(f, "until");
    sk_buf_printf(b, "<div class=\"waiver%s\"><strong>%s</strong> ", f->waiver_expired ? " expired" : "",
                  f->waiver_expired ? (sk_ui(UI_WAIVER_EXPIRED, en))
                                    : (sk_ui(UI_WAIVED, en)));
    esc(b, reason ? reason : "");
    if (by) {
        sk_buf_puts(b, sk_ui(UI_BR_DECISION, en));
        esc(b, by);
    }
    if (until) {
        sk_buf_puts(b, sk_ui(UI_BR_VALID_UNTIL, en));
        esc(b, until);
    }
    sk_buf_puts(b, "</div>");
}

/* One finding that matters (fail, warn, error, waived) as a block: what
 * it says, its waiver, the law it rests on and the facts that decided it. */
static void finding(const sk_report *r, const sk_result *res, const sk_finding *f, sk_buf *b,
                    sk_buf *tmp)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_status s = (sk_status)f->status;
    sk_buf_printf(b, "<article class=\"finding st-%s\" data-status=\"%s\" data-rule=\"", css_class(s),
                  sk_status_name(s));
    esc_attr(b, f->rule->id);
    sk_buf_puts(b, "\">\n<h5>");
    badge(b, s, en);
    if (s == SK_ST_WAIVED || f->waiver_expired) {
        sk_buf_puts(b, " <span class=\"pos\">(");
        esc(b, sk_status_label((sk_status)f->orig_status, en));
        sk_buf_puts(b, ")</span>");
    }
    sk_buf_puts(b, " ");
    esc(b, f->rule->title[en]);
    sk_buf_puts(b, " <code class=\"rule-id\">");
    esc(b, f->rule->id);
    sk_buf_puts(b, "</code></h5>\n");
    sk_buf_printf(b, "<p class=\"basis certainty %s\">", sk_certainty_names[f->certainty]);
    sk_buf_clear(tmp);
    sk_certainty_line(f, en, tmp);
    esc(b, sk_buf_cstr(tmp));
    if (f->rule->basis == SK_BASIS_PRACTICE) {
        sk_buf_puts(b, " \u00b7 ");
        esc(b, sk_basis_label((sk_basis)f->rule->basis, en));
    }
    if (sk_judged_notable(f)) {
        sk_buf_puts(b, " \u00b7 ");
        esc(b, sk_ui(UI_JUDGED_AT, en));
        sk_buf_putc(b, ' ');
        sk_buf_clear(tmp);
        sk_judged_text(f, en, tmp);
        esc(b, sk_buf_cstr(tmp));
    }
    sk_buf_puts(b, "</p>\n");
    sk_buf_puts(b, "<p class=\"msg\">");
    sk_buf_clear(tmp);
    sk_finding_text(res, f, en, tmp);
    esc(b, sk_buf_cstr(tmp));
    sk_buf_puts(b, "</p>\n");
    if (f->waiver)
        waiver(b, f, en);
    if (f->cites) {
        sk_buf_printf(b, "<div class=\"law\"><span class=\"label\">%s</span>", sk_ui(UI_LAW_AND_SOURCES, en));
        cites(b, f, en);
        sk_buf_puts(b, "</div>\n");
    }
    if (s != SK_ST_PASS && f->nfacts) {
        sk_buf_printf(b, "<div class=\"decided\"><span class=\"label\">%s</span>", sk_ui(UI_FACTS, en));
        facts(b, f, res->c->file, tmp);
        sk_buf_puts(b, "</div>\n");
    }
    sk_buf_puts(b, "</article>\n");
}

/* "Ärende, Källa, Status, Form, Datum, Fil, Utfall": the case as a
 * committee reads its head. */
static void case_head(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_case *c = res->c;
    char date[11];
    sk_date_format(c->date, date);
    sk_buf_puts(b, "<dl class=\"head\">\n");
    sk_buf_printf(b, "<dt>%s</dt><dd><code>", sk_ui(UI_CASE, en));
    esc(b, c->id);
    sk_buf_puts(b, "</code></dd>\n");
    const sk_node *src = sk_map_get(c->root, "source");
    if (src && src->kind == SK_SCALAR) {
        sk_buf_printf(b, "<dt>%s</dt><dd>", sk_ui(UI_SOURCE, en));
        esc(b, src->u.s);
        sk_buf_puts(b, "</dd>\n");
    }
    const sk_node *st = sk_map_get(c->root, "status");
    if (st && st->kind == SK_SCALAR) {
        static const struct { const char *value; sk_ui_id label; } statuses[] = {
            {"proposed", UI_CASE_PROPOSED}, {"existing", UI_CASE_EXISTING},
            {"dissolving", UI_CASE_DISSOLVING}};
        const char *label = st->u.s;
        for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
            if (!strcmp(statuses[i].value, st->u.s))
                label = sk_ui(statuses[i].label, en);
        sk_buf_printf(b, "<dt>%s</dt><dd>", sk_ui(UI_CASE_STATUS, en));
        esc(b, label);
        sk_buf_puts(b, "</dd>\n");
    }
    sk_buf_printf(b, "<dt>%s</dt><dd>", sk_ui(UI_FORM, en));
    esc(b, sk_form_label(r, c->form));
    sk_buf_printf(b, "</dd>\n<dt>%s</dt><dd>%s%s</dd>\n", sk_ui(UI_ASSESSMENT_DATE, en), date,
                  c->date_stated ? "" : sk_ui(UI_THE_RUN_S_DATE, en));
    char day[11];
    if (c->decided_stated) {
        sk_date_format(c->decided, day);
        sk_buf_printf(b, "<dt>%s</dt><dd>%s</dd>\n", sk_ui(UI_DECISION_DATE, en), day);
    }
    if (c->starts_stated) {
        sk_date_format(c->starts, day);
        sk_buf_printf(b, "<dt>%s</dt><dd>%s</dd>\n", sk_ui(UI_START_DATE, en), day);
    }
    sk_buf_printf(b, "<dt>%s</dt><dd><code>", sk_ui(UI_FILE, en));
    esc(b, c->file);
    sk_buf_printf(b, ":%u</code></dd>\n<dt>%s</dt><dd>", c->line, sk_ui(UI_OUTCOME_HEAD, en));
    badge(b, (sk_status)res->worst, en);
    /* label before number, as in the text report: "underkända 1", never "1 underkända" */
    sk_buf_printf(b, " %s %zu, %s %zu, %s %zu, %s %zu</dd>\n</dl>\n",
                  sk_ui(UI_FAIL, en), res->counts[SK_ST_FAIL],
                  sk_ui(UI_WARN, en), res->counts[SK_ST_WARN],
                  sk_ui(UI_UNKNOWN, en), res->counts[SK_ST_UNKNOWN],
                  sk_ui(UI_PASS, en), res->counts[SK_ST_PASS]);
}

/* The rules of res whose finding is unknown for lack of the fact path
 * (listed as " id1 id2 " into ids, for the filter, and as text). */
static void rules_missing(const sk_result *res, size_t from, sk_buf *path, sk_buf *ids,
                          sk_buf *tmp)
{
    sk_buf_clear(ids);
    sk_buf_putc(ids, ' ');
    for (size_t j = from; j < res->n; j++) {
        const sk_finding *g = &res->findings[j];
        if (g->status != SK_ST_UNKNOWN || g->reason == SK_R_EXCEPTION_UNKNOWN)
            continue;
        for (uint16_t k = 0; k < g->nmissing; k++) {
            sk_buf_clear(tmp);
            sk_buf_putc(tmp, '\n');
            sk_fact_path(&g->missing[k], tmp);
            sk_buf_putc(tmp, '\n');
            if (!strcmp(sk_buf_cstr(tmp), sk_buf_cstr(path))) {
                sk_buf_printf(ids, "%s ", g->rule->id);
                break;
            }
        }
    }
}

/* One open question: a fact the case does not state, and the rules its
 * answer decides. */
typedef struct question {
    char *path;             /* "agreement.clauses.duration" */
    char *text;             /* "Är ”avtalstid” angivet?" */
    char *rules;            /* " id1 id2 " */
    size_t nrules;
} question;

static int by_rules_decided(const void *a, const void *b)
{
    const question *x = a, *y = b;
    return (x->nrules < y->nrules) - (x->nrules > y->nrules); /* most first; stable below */
}

static char *take(sk_buf *b)
{
    char *s = strdup(sk_buf_cstr(b));
    return s;
}

/* The case's open questions, one per missing fact, in the order of
 * first appearance; *n set. NULL when there are none (or no memory). */
static question *collect_questions(const sk_result *res, int en, size_t *n)
{
    sk_buf seen, path, ids, tmp;
    sk_buf_init(&seen, 0);
    sk_buf_init(&path, 0);
    sk_buf_init(&ids, 0);
    sk_buf_init(&tmp, 0);
    question *q = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        if (f->status != SK_ST_UNKNOWN || f->reason == SK_R_EXCEPTION_UNKNOWN)
            continue;
        for (uint16_t m = 0; m < f->nmissing; m++) {
            if (!sk_missing_path_once(&f->missing[m], &seen, &path))
                continue;
            if (*n == cap) {
                cap = cap ? cap * 2 : 8;
                question *nq = realloc(q, cap * sizeof *q);
                if (!nq)
                    break;
                q = nq;
            }
            question *e = &q[(*n)++];
            rules_missing(res, i, &path, &ids, &tmp);
            e->rules = take(&ids);
            e->nrules = 0;
            for (const char *p = sk_buf_cstr(&ids); *p; p++)
                e->nrules += p[0] != ' ' && (p[1] == ' ' || !p[1]);
            sk_buf_clear(&tmp);
            sk_buf_append(&tmp, path.data + 1, path.len - 2);
            e->path = take(&tmp);
            sk_buf_clear(&tmp);
            sk_missing_question(&f->missing[m], en, &tmp);
            e->text = take(&tmp);
        }
    }
    sk_buf_free(&seen);
    sk_buf_free(&path);
    sk_buf_free(&ids);
    sk_buf_free(&tmp);
    return q;
}

/* Sorts questions by the number of rules they decide, most first, the
 * order of first appearance kept among equals (an insertion sort: qsort
 * is not stable, and a case has few questions). */
static void sort_questions(question *q, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        question t = q[i];
        size_t j = i;
        while (j > 0 && by_rules_decided(&q[j - 1], &t) > 0) {
            q[j] = q[j - 1];
            j--;
        }
        q[j] = t;
    }
}

/* The open questions: each fact the case does not state, once, as a
 * question, those that decide the most rules first, with the rules its
 * answer decides. */
static void questions(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    size_t n;
    question *q = collect_questions(res, en, &n);
    sort_questions(q, n);
    if (n)
        sk_buf_printf(b, "<h4>%s (%zu)</h4>\n<ul class=\"questions\">\n", sk_ui(UI_OPEN_QUESTIONS, en), n);
    for (size_t i = 0; i < n; i++) {
        sk_buf_puts(b, "<li class=\"finding st-unknown\" data-status=\"unknown\" data-rule=\"");
        esc_attr(b, q[i].rules ? q[i].rules : "");
        sk_buf_puts(b, "\">");
        esc(b, q[i].text ? q[i].text : "");
        sk_buf_puts(b, " <code>");
        esc(b, q[i].path ? q[i].path : "");
        sk_buf_printf(b, "</code> <span class=\"decides\">%s", sk_ui(UI_DECIDES, en));
        esc(b, q[i].rules ? q[i].rules : "");
        sk_buf_puts(b, "</span></li>\n");
        free(q[i].path);
        free(q[i].text);
        free(q[i].rules);
    }
    if (n)
        sk_buf_puts(b, "</ul>\n");
    free(q);
}

/* The rules that passed, compact, folded away (and hidden by the filter
 * until "pass" is ticked). */
static void passed(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    if (r->o.quiet || !res->counts[SK_ST_PASS])
        return;
    sk_buf_printf(b, "<details class=\"passed\"><summary>%s (%zu)</summary>\n<ul>\n",
                  sk_ui(UI_RULES_PASSED, en), res->counts[SK_ST_PASS]);
    for (size_t i = 0; i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        if (f->status != SK_ST_PASS)
            continue;
        sk_buf_puts(b, "<li class=\"finding st-pass\" data-status=\"pass\" data-rule=\"");
        esc_attr(b, f->rule->id);
        sk_buf_puts(b, "\">");
        esc(b, f->rule->title[en]);
        sk_buf_puts(b, " <code class=\"rule-id\">");
        esc(b, f->rule->id);
        sk_buf_puts(b, "</code></li>\n");
    }
    sk_buf_puts(b, "</ul></details>\n");
}

/* A case as a memo: its head, then what is wrong or risky (fail, error,
 * warn, waived; worst first), then the open questions, then the rules
 * that passed. Each case starts a new page in print. */
/* The conclusion paragraph (signal before noise). */
static void conclusion(const sk_report *r, const sk_result *res, sk_buf *b)
{
    sk_buf c;
    sk_buf_init(&c, 0);
    sk_report_conclusion_of(res, r->o.lang == SK_LANG_EN, &c);
    sk_buf_puts(b, "<p class=\"conclusion\">");
    esc(b, sk_buf_cstr(&c));
    sk_buf_puts(b, "</p>\n");
    sk_buf_free(&c);
}

static void render_case(const sk_report *r, const sk_result *res, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    const sk_case *c = res->c;
    sk_buf_printf(b, "<section class=\"case\" data-worst=\"%s\">\n<h3>", sk_status_name((sk_status)res->worst));
    esc(b, c->title ? c->title : c->id);
    sk_buf_puts(b, "</h3>\n");
    case_head(r, res, b);
    conclusion(r, res, b);
    const sk_finding **order = res->n ? sk_arena_calloc(c->arena, res->n, sizeof *order) : NULL;
    size_t shown = 0;
    sk_buf tmp;
    sk_buf_init(&tmp, 0);
    if (order) {
        sk_report_order(res, order);
        for (size_t i = 0; i < res->n; i++) {
            sk_status s = (sk_status)order[i]->status;
            if (s != SK_ST_FAIL && s != SK_ST_ERROR && s != SK_ST_WARN && s != SK_ST_WAIVED)
                continue;
            if (!shown++)
                sk_buf_printf(b, "<h4>%s</h4>\n", sk_ui(UI_FINDINGS_HEAD, en));
            finding(r, res, order[i], b, &tmp);
        }
    }
    sk_buf_free(&tmp);
    if (!shown)
        sk_buf_printf(b, "<p class=\"none\">%s</p>\n",
                      res->counts[SK_ST_PASS] ? sk_ui(UI_NOTHING_WRONG, en) : sk_ui(UI_NO_RULE_APPLIES, en));
    questions(r, res, b);
    passed(r, res, b);
    sk_buf_puts(b, "</section>\n");
}

static void render_error(const sk_report *r, const sk_input_error *e, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_puts(b, "<section class=\"case input-error\" data-worst=\"error\">\n<h3>");
    badge(b, SK_ST_ERROR, en);
    sk_buf_printf(b, " %s: <code>", sk_ui(UI_INPUT_ERROR, en));
    esc(b, e->file);
    sk_buf_printf(b, ":%u</code></h3>\n<table><tbody>\n", e->line);
    for (size_t i = 0; i < e->diags.count; i++) {
        const sk_diag *g = &e->diags.items[i];
        sk_buf_puts(b, "<tr class=\"finding st-error\" data-status=\"error\" data-rule=\"\"><td><code>");
        esc(b, g->file ? g->file : e->file);
        sk_buf_printf(b, ":%u:%u</code></td><td>", g->line, g->col);
        esc(b, g->message);
        if (g->hint) {
            sk_buf_puts(b, sk_ui(UI_DID_YOU_MEAN_CODE, en));
            esc(b, g->hint);
            sk_buf_puts(b, "</code>?)");
        }
        sk_buf_puts(b, "</td></tr>\n");
    }
    sk_buf_puts(b, "</tbody></table>\n</section>\n");
}

static void card(sk_buf *b, const char *cls, size_t n, const char *label)
{
    sk_buf_printf(b, "<div class=\"card st-%s\"><span class=\"n\">%zu</span>%s</div>\n", cls, n, label);
}

/* The columns of the per-rule and per-form tables, worst first. */
static const sk_status summary_cols[] = {SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN, SK_ST_WAIVED,
                                         SK_ST_ERROR, SK_ST_PASS, SK_ST_NOT_APPLICABLE};
enum { SUMMARY_NCOLS = sizeof summary_cols / sizeof *summary_cols };

static void summary_cards(const sk_report *r, sk_buf *b, int en)
{
    sk_buf_printf(b, "<section id=\"summary\">\n<h2>%s</h2>\n<div class=\"cards\">\n",
                  sk_ui(UI_SUMMARY, en));
    card(b, "cases", r->ncases, sk_ui(UI_CASES_CHECKED, en));
    card(b, "fail", r->worst[SK_ST_FAIL], sk_ui(UI_WITH_FAILURES, en));
    card(b, "warn", r->worst[SK_ST_WARN], sk_ui(UI_WITH_WARNINGS, en));
    card(b, "unknown", r->worst[SK_ST_UNKNOWN], sk_ui(UI_WITH_UNKNOWN_FACTS, en));
    card(b, "unknown", r->with_unknown, sk_ui(UI_CASES_WITH_AN_UNKNOWN, en));
    card(b, "waived", r->worst[SK_ST_WAIVED], sk_ui(UI_WAIVED_2, en));
    card(b, "pass", r->worst[SK_ST_PASS] + r->worst[SK_ST_NOT_APPLICABLE], sk_ui(UI_PASSED, en));
    if (r->worst[SK_ST_ERROR])
        card(b, "error", r->worst[SK_ST_ERROR], sk_ui(UI_WITH_ERRORS, en));
    card(b, "error", r->nerrors, sk_ui(UI_INPUT_ERRORS, en));
    sk_buf_puts(b, "</div>\n");
}

static void status_heads(sk_buf *b, int en)
{
    for (int c = 0; c < SUMMARY_NCOLS; c++) {
        sk_buf_puts(b, "<th class=\"n\">");
        esc(b, sk_status_label(summary_cols[c], en));
        sk_buf_puts(b, "</th>");
    }
    sk_buf_puts(b, "</tr></thead>\n<tbody>\n");
}

static void status_cells(sk_buf *b, const size_t *counts)
{
    for (int c = 0; c < SUMMARY_NCOLS; c++)
        sk_buf_printf(b, "<td class=\"n\">%zu</td>", counts[summary_cols[c]]);
    sk_buf_puts(b, "</tr>\n");
}

static void summary_rule_table(sk_report *r, sk_buf *b, int en)
{
    size_t nrules = sk_ruleset_count(r->rs), notable = 0;
    for (size_t i = 0; i < nrules; i++)
        notable += sk_report_rule_notable(r, i) != 0;
    if (!notable)
        return;
    /* a long table starts folded, so the cases are not far down */
    sk_buf_printf(b, "<details%s>\n<summary>%s</summary>\n<table class=\"per-rule\">\n<thead><tr><th>%s</th>",
                  notable <= 20 ? " open" : "",
                  sk_ui(UI_PER_RULE_RULES_THAT_DID, en),
                  sk_ui(UI_RULE, en));
    status_heads(b, en);
    for (size_t i = 0; i < nrules; i++) {
        if (!sk_report_rule_notable(r, i))
            continue;
        const sk_rule *rule = &r->rs->rules[i];
        sk_buf_puts(b, "<tr><td><a class=\"rule-link\" href=\"#filters\" data-rule=\"");
        esc_attr(b, rule->id);
        sk_buf_puts(b, "\"><code>");
        esc(b, rule->id);
        sk_buf_puts(b, "</code></a> ");
        esc(b, rule->title[en]);
        sk_buf_puts(b, "</td>");
        status_cells(b, r->rule_counts[i]);
    }
    sk_buf_puts(b, "</tbody>\n</table>\n</details>\n");
}

static void summary_form_table(sk_report *r, sk_buf *b, int en)
{
    sk_buf_printf(b, "<details open>\n<summary>%s</summary>\n<table class=\"per-form\">\n<thead><tr><th>%s</th>"
                     "<th class=\"n\">%s</th>",
                  sk_ui(UI_PER_COLLABORATION_FORM_CASES_BY, en),
                  sk_ui(UI_FORM, en), sk_ui(UI_CASES, en));
    status_heads(b, en);
    for (int f = 0; f < SK_NFORMS; f++) {
        size_t n = sk_report_form_cases(r, f);
        if (!n)
            continue;
        sk_buf_puts(b, "<tr><td>");
        esc(b, sk_form_label(r, f));
        sk_buf_printf(b, "</td><td class=\"n\">%zu</td>", n);
        status_cells(b, r->form_worst[f]);
    }
    sk_buf_puts(b, "</tbody>\n</table>\n</details>\n</section>\n");
}

/* The filters (hidden until the script runs: without it they do nothing). */
static void filters_nav(const sk_report *r, sk_buf *b, int en)
{
    sk_buf_printf(b, "<nav id=\"filters\" hidden data-shown=\"%s\">\n<fieldset><legend>%s</legend>\n",
                  sk_ui(UI_SHOWING_CASES_OF_ALL_CASES, en),
                  sk_ui(UI_SHOW, en));
    static const sk_status shown[] = {SK_ST_FAIL, SK_ST_WARN, SK_ST_UNKNOWN, SK_ST_WAIVED,
                                      SK_ST_ERROR, SK_ST_PASS};
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
        sk_buf_printf(b, "<label><input type=\"checkbox\" name=\"status\" value=\"%s\"%s> ",
                      sk_status_name(shown[i]), shown[i] == SK_ST_PASS ? "" : " checked");
        badge(b, shown[i], en);
        sk_buf_printf(b, " %zu</label>\n", r->counts[shown[i]]);
    }
    sk_buf_printf(b, "</fieldset>\n<label>%s <select id=\"rule-filter\"><option value=\"\">%s</option>\n",
                  sk_ui(UI_RULE, en), sk_ui(UI_ALL_RULES, en));
    size_t nrules = sk_ruleset_count(r->rs);
    for (size_t i = 0; i < nrules; i++) {
        const size_t *c = r->rule_counts[i];
        if (!(c[SK_ST_PASS] || c[SK_ST_FAIL] || c[SK_ST_WARN] || c[SK_ST_UNKNOWN] || c[SK_ST_WAIVED] ||
              c[SK_ST_ERROR]))
            continue;
        sk_buf_puts(b, "<option>");
        esc(b, r->rs->rules[i].id);
        sk_buf_puts(b, "</option>\n");
    }
    sk_buf_printf(b, "</select></label>\n<span id=\"shown\"></span>\n</nav>\n<main id=\"cases\">\n<h2>%s</h2>\n",
                  sk_ui(UI_CASES, en));
}

static void summary(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    summary_cards(r, b, en);
    summary_rule_table(r, b, en);
    summary_form_table(r, b, en);
    filters_nav(r, b, en);
}

static void end(sk_report *r, sk_buf *b)
{
    int en = r->o.lang == SK_LANG_EN;
    sk_buf_printf(b, "</main>\n<footer>%s samkoll %s. %s</footer>\n<script>\n%s</script>\n</body>\n</html>\n",
                  sk_ui(UI_PRODUCED_BY, en), SK_VERSION,
                  sk_ui(UI_A_FACT_THAT_IS_NOT, en),
                  JS);
}

const sk_writer sk_writer_html = {"html", begin, render_case, render_error, "", end, summary};
