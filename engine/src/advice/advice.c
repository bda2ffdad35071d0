/* advice.c - the collaboration forms compared for one case (`samkoll
 * compare`): the case evaluated under each candidate form with every other
 * fact kept, its findings grouped by the decisive questions next to the
 * forms table's cells, and the forms ranked.
 *
 * The rows are the decisive questions. Each names the forms-table columns
 * that answer it in general and the case-format fields it concerns; every
 * rule lands in the row whose fields its conditions read most (the
 * requirement counts double), so a new rule or column needs no change
 * here, and nothing is written per form. */
#include <stdlib.h>
#include <string.h>

#include "advice/advice_int.h"
#include "base/date.h"
#include "base/ui.h"
#include "report/report_int.h"

/* ---- the case under another form --------------------------------------- */

sk_rc sk_case_as_form(const sk_case *c, const char *form, sk_case **out)
{
    int fi = sk_values_find(sk_form_values, form);
    if (fi < 0)
        return SK_ENOTFOUND;
    sk_arena *a = c->arena;
    const sk_node *root = c->root;
    int ff = sk_schema_find(&sk_case_schema, "form");
    sk_node *nr = sk_arena_alloc(a, sizeof *nr);
    sk_pair *pairs = sk_arena_alloc(a, (root->len ? root->len : 1) * sizeof *pairs);
    sk_case *nc = sk_arena_alloc(a, sizeof *nc);
    if (!nr || !pairs || !nc)
        return SK_ENOMEM;
    *nr = *root;
    if (root->len)
        memcpy(pairs, root->u.pairs, root->len * sizeof *pairs);
    nr->u.pairs = pairs;
    for (uint32_t i = 0; i < root->len; i++) {
        if (pairs[i].key->field != ff)
            continue;
        sk_node *v = sk_arena_alloc(a, sizeof *v);
        if (!v)
            return SK_ENOMEM;
        /* same position: findings point at the `form` the case states */
        *v = *pairs[i].val;
        v->kind = SK_SCALAR;
        v->vtype = SK_VT_TEXT;
        v->unknown = 0;
        v->u.s = sk_form_values[fi];
        v->len = (uint32_t)strlen(v->u.s);
        v->parent = nr;
        pairs[i].val = v;
    }
    *nc = *c;
    nc->root = nr;
    nc->form = fi;
    *out = nc;
    return SK_OK;
}

/* ---- the decisive questions ------------------------------------------- */

typedef struct qrow {
    const char *key;
    const char *title[2];
    const char *cols[6];      /* forms-table columns that answer it */
    const char *facts[8];     /* case-format fields it concerns (prefixes) */
} qrow;

static const qrow qrows[] = {
    {"myndighetsutovning",
     {"Får uppgifternas myndighetsutövning lämnas över?",
      "May the tasks' exercise of public authority be handed over?"},
     {"myndighetsutovning"},
     {"tasks[].myndighetsutovning", "tasks[].special_law", "tasks[].special_law_permits_transfer",
      "tasks[].statutory", "delegations[].myndighetsutovning"}},
    {"delegation",
     {"Vilka delegeringar är möjliga?", "Which delegations are possible?"},
     {"delegation_recipients", "delegation_limits"},
     {"delegations"}},
    {"procurement",
     {"Gäller LOU, och vilket undantag kan hålla?", "Does LOU apply, and which exemption can hold?"},
     {"services_are_public_contracts", "procurement_exemptions"},
     {"procurement", "tasks[].support_service", "tasks[].part_of_public_service",
      "tasks[].market_activity_percent"}},
    {"oversight",
     {"Vilken uppsikt, revision och vilka styrdokument krävs?",
      "What oversight, audit and governing documents are required?"},
     {"uppsikt", "yearly_report", "audit", "ansvarsfrihet", "documents"},
     {"oversight", "governance", "bodies"}},
    {"agreement",
     {"Vad måste avtalet innehålla?", "What must the agreement contain?"},
     {NULL},
     {"agreement", "tasks[].personal_data", "tasks[].personal_data_controller",
      "tasks[].personal_data_processor", "tasks[].secret_data",
      "tasks[].stores_records_for_others", "tasks[].disclosure_basis"}},
    {"parties",
     {"Vilka kan vara parter, och hur beslutas samverkan?",
      "Who may take part, and how is the arrangement decided?"},
     {"legal_person", "party_types", "create_decided_by", "dissolve_decided_by"},
     {"parties", "tasks", "status"}},
};
#define NROWS (sizeof qrows / sizeof *qrows)
#define ROW_OTHER (NROWS - 1)

/* The case-format field a path names, without indices:
 * "tasks[].myndighetsutovning", "agreement.clauses.duration". */
static int canonical(const sk_path *p, char *buf, size_t sz)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    if (p->nsteps == 0) {
        if (p->root == SK_ROOT_BIND && p->sub)
            sk_buf_puts(&b, p->sub->name);
    } else {
        const sk_schema *first = p->steps[0].schema;
        if (first != &sk_case_schema)
            sk_buf_puts(&b, first->name);
        for (int i = 0; i < p->nsteps; i++) {
            const sk_field *f = &p->steps[i].schema->fields[p->steps[i].field];
            if (b.len)
                sk_buf_putc(&b, '.');
            sk_buf_puts(&b, f->name);
            if (f->type == SK_F_LIST && i + 1 < p->nsteps)
                sk_buf_puts(&b, "[]");
        }
    }
    int ok = b.len > 0 && b.len < sz;
    if (ok)
        memcpy(buf, sk_buf_cstr(&b), b.len + 1);
    sk_buf_free(&b);
    return ok;
}

static int prefix_of(const char *pre, const char *s)
{
    size_t n = strlen(pre);
    return strncmp(pre, s, n) == 0 && (s[n] == '\0' || s[n] == '.' || s[n] == '[');
}

/* The row a path belongs to, or -1 (form, date, nothing in the table). */
static int row_of_path(const sk_ruleset *rs, const sk_path *p)
{
    if (p->root == SK_ROOT_DATE)
        return -1;
    if (p->root == SK_ROOT_FORM) {
        const char *col = rs->cols[p->form_col].key;
        for (size_t r = 0; r < NROWS; r++)
            for (size_t k = 0; k < 6 && qrows[r].cols[k]; k++)
                if (!strcmp(qrows[r].cols[k], col))
                    return (int)r;
        return -1;
    }
    char c[256];
    if (!canonical(p, c, sizeof c))
        return -1;
    int best = -1;
    size_t bestlen = 0;
    for (size_t r = 0; r < NROWS; r++)
        for (size_t k = 0; k < 8 && qrows[r].facts[k]; k++)
            if (prefix_of(qrows[r].facts[k], c) && strlen(qrows[r].facts[k]) > bestlen) {
                best = (int)r;
                bestlen = strlen(qrows[r].facts[k]);
            }
    return best;
}

static void score_path(const sk_ruleset *rs, const sk_path *p, int w, int *score)
{
    int r = p ? row_of_path(rs, p) : -1;
    if (r >= 0)
        score[r] += w;
}

static void score_cond(const sk_ruleset *rs, const sk_cond *k, int w, int *score)
{
    if (!k)
        return;
    score_path(rs, k->path, w, score);
    score_path(rs, k->rhs.path, w, score);
    for (uint32_t i = 0; i < k->nkids; i++)
        score_cond(rs, k->kids[i], w, score);
    score_cond(rs, k->where, w, score);
}

/* The row of a rule: where its conditions read most (requirement x2). */
static size_t rule_row(const sk_ruleset *rs, const sk_rule *r)
{
    int score[NROWS] = {0};
    score_cond(rs, r->require, 2, score);
    score_cond(rs, r->applies, 1, score);
    size_t best = ROW_OTHER;
    int bs = 0;
    for (size_t i = 0; i < NROWS; i++)
        if (score[i] > bs) {
            bs = score[i];
            best = i;
        }
    return best;
}

static int col_index(const sk_ruleset *rs, const char *key)
{
    for (size_t i = 0; i < rs->ncols; i++)
        if (!strcmp(rs->cols[i].key, key))
            return (int)i;
    return -1;
}

/* ---- the comparison ----------------------------------------------------- */

typedef struct cmp_form {
    int form;                 /* index into sk_form_values */
    const sk_case *c;         /* the case under this form */
    const sk_result *res;
    size_t order;             /* position among the forms asked for */
    const char *dropped;      /* a form-bound fact not carried over, or NULL */
    const char *dropped_value;
    int dropped_row;
    int own;                  /* the case's own form */
    int route;                /* a procurement route, not an organisational form */
    sk_verdict_info v;        /* can the form carry the tasks? */
} cmp_form;

/* Forms of the case format that are procurement routes: they combine with
 * an organisational form and are shown apart, not ranked against them. */
static const char *const route_forms[] = {"inkopscentral", "gemensam_upphandling", NULL};

struct sk_comparison {
    const sk_case *c;
    const sk_ruleset *rs;
    cmp_form *f;              /* in rank order */
    size_t n;
    uint8_t *row;             /* per rule: its question row */
};

/* Facts that belong to the legal construction of the case's own form, with
 * the forms-table column that lists what each form can have. A stated
 * value that a candidate form cannot have is not carried over: under that
 * form the fact is unknown. (The exemption from LOU a case relies on is
 * chosen with its form: "none" for an avtalssamverkan says nothing about
 * the in-house exemption of a gemensam nämnd.) */
static const struct {
    const char *section, *field, *col;
} form_bound[] = {
    {"procurement", "exemption", "procurement_exemptions"},
};

static sk_rc unbind(const sk_ruleset *rs, sk_case *view, cmp_form *cf)
{
    sk_arena *a = view->arena;
    for (size_t b = 0; b < sizeof form_bound / sizeof *form_bound; b++) {
        int ci = col_index(rs, form_bound[b].col);
        const sk_form_row *row = &rs->rows[view->form];
        if (ci < 0 || !row->present || !row->cells[ci].value)
            continue;
        const sk_node *allowed = row->cells[ci].value;
        sk_node *root = view->root;
        int si = sk_schema_find(&sk_case_schema, form_bound[b].section);
        sk_pair *sp = NULL;
        for (uint32_t i = 0; i < root->len && !sp; i++)
            if (root->u.pairs[i].key->field == si)
                sp = &root->u.pairs[i];
        if (!sp || sp->val->kind != SK_MAP)
            continue;
        const sk_node *sec = sp->val;
        const sk_pair *fp = NULL;
        uint32_t fi = 0;
        for (; fi < sec->len && !fp; fi++)
            if (!strcmp(sec->u.pairs[fi].key->u.s, form_bound[b].field))
                fp = &sec->u.pairs[fi];
        if (!fp || sk_node_is_unknown(fp->val) || fp->val->kind != SK_SCALAR)
            continue;
        int ok = 0;
        for (uint32_t k = 0; allowed->kind == SK_SEQ && k < allowed->len; k++)
            ok |= !strcmp(allowed->u.items[k]->u.s, fp->val->u.s);
        if (ok)
            continue;
        /* copy the section with the fact stated as unknown */
        sk_node *ns = sk_arena_alloc(a, sizeof *ns);
        sk_pair *np = sk_arena_alloc(a, sec->len * sizeof *np);
        sk_node *nv = sk_arena_alloc(a, sizeof *nv);
        if (!ns || !np || !nv)
            return SK_ENOMEM;
        *ns = *sec;
        memcpy(np, sec->u.pairs, sec->len * sizeof *np);
        ns->u.pairs = np;
        ns->parent = root;
        *nv = *fp->val;
        nv->unknown = 1;
        nv->vtype = SK_VT_NONE;
        nv->parent = ns;
        np[fi - 1].val = nv;
        sp->val = ns;
        cf->dropped = sk_arena_printf(a, "%s.%s", form_bound[b].section, form_bound[b].field);
        cf->dropped_value = fp->val->u.s;
        sk_path p;
        sk_step st[2] = {{0}};
        memset(&p, 0, sizeof p);
        p.steps = st;
        p.nsteps = 2;
        p.steps[0].schema = &sk_case_schema;
        p.steps[0].field = (int16_t)si;
        p.steps[1].schema = sk_case_schema.fields[si].sub;
        p.steps[1].field = (int16_t)sk_schema_find(p.steps[1].schema, form_bound[b].field);
        cf->dropped_row = p.steps[1].field >= 0 ? row_of_path(rs, &p) : -1;
    }
    return SK_OK;
}

/* The CSS class of a verdict (the status colours). */
static const char *vclass(const cmp_form *f)
{
    static const char *const cls[] = {"pass", "warn", "unknown", "fail"};
    return cls[f->v.verdict];
}

/* Organisational forms before procurement routes; the case's own form
 * first; then by verdict (possible, on conditions, undecided, not
 * possible); then in the order asked for. Never by the number of rules. */
static int by_rank(const void *pa, const void *pb)
{
    const cmp_form *a = pa, *b = pb;
    if (a->route != b->route)
        return a->route - b->route;
    if (a->own != b->own)
        return b->own - a->own;
    if (a->v.verdict != b->v.verdict)
        return a->v.verdict < b->v.verdict ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

sk_rc sk_compare(sk_evaluator *ev, const sk_ruleset *rs, const sk_case *c,
                 const char *const *forms, size_t nforms, sk_comparison **out, size_t *bad)
{
    sk_rc rc;
    int idx[SK_NFORMS]; /* each form at most once */
    size_t n = 0;
    if (!forms || !nforms) {
        for (size_t i = 0; i < SK_NFORMS; i++)
            if (rs->rows[i].present)
                idx[n++] = (int)i;
    } else {
        for (size_t i = 0; i < nforms; i++) {
            int fi = sk_values_find(sk_form_values, forms[i]);
            if (fi < 0) {
                if (bad)
                    *bad = i;
                return SK_ENOTFOUND;
            }
            int dup = 0;
            for (size_t k = 0; k < n; k++)
                dup |= idx[k] == fi;
            if (!dup)
                idx[n++] = fi;
        }
    }
    sk_arena *a = c->arena;
    sk_comparison *cmp = sk_arena_calloc(a, 1, sizeof *cmp);
    cmp_form *fs = sk_arena_calloc(a, n ? n : 1, sizeof *fs);
    uint8_t *row = sk_arena_calloc(a, rs->nrules ? rs->nrules : 1, 1);
    if (!cmp || !fs || !row)
        return SK_ENOMEM;
    for (size_t i = 0; i < rs->nrules; i++)
        row[i] = (uint8_t)rule_row(rs, &rs->rules[i]);
    for (size_t i = 0; i < n; i++) {
        sk_case *view;
        sk_result *res;
        memset(&fs[i], 0, sizeof fs[i]);
        fs[i].form = idx[i];
        fs[i].order = i;
        fs[i].dropped_row = -1;
        fs[i].own = idx[i] == c->form;
        fs[i].route = sk_values_find(route_forms, sk_form_values[idx[i]]) >= 0;
        if ((rc = sk_case_as_form(c, sk_form_values[idx[i]], &view)) != SK_OK)
            return rc;
        if (idx[i] != c->form && (rc = unbind(rs, view, &fs[i])) != SK_OK)
            return rc;
        if ((rc = sk_evaluate(ev, view, &res)) != SK_OK)
            return rc;
        fs[i].c = view;
        fs[i].res = res;
        sk_verdict_of(rs, view, res, fs[i].own, fs[i].route, &fs[i].v);
    }
    qsort(fs, n, sizeof *fs, by_rank);
    cmp->c = c;
    cmp->rs = rs;
    cmp->f = fs;
    cmp->n = n;
    cmp->row = row;
    *out = cmp;
    return SK_OK;
}

size_t sk_comparison_count(const sk_comparison *cmp) { return cmp->n; }

const char *sk_comparison_form(const sk_comparison *cmp, size_t rank)
{
    return rank < cmp->n ? sk_form_values[cmp->f[rank].form] : NULL;
}

int sk_comparison_possible(const sk_comparison *cmp, size_t rank)
{
    return rank < cmp->n && cmp->f[rank].v.verdict != SK_VERDICT_NOT_POSSIBLE;
}

sk_verdict sk_comparison_verdict(const sk_comparison *cmp, size_t rank)
{
    return rank < cmp->n ? (sk_verdict)cmp->f[rank].v.verdict : SK_VERDICT_UNDECIDED;
}

int sk_comparison_is_route(const sk_comparison *cmp, size_t rank)
{
    return rank < cmp->n && cmp->f[rank].route;
}

/* ---- what the renderers share --------------------------------------- */

typedef enum { FMT_TEXT, FMT_MD, FMT_JSON, FMT_HTML } fmt;

static const char *const formats[] = {"text", "markdown", "json", "html", NULL};

const char *const *sk_compare_formats(void) { return formats; }

static const char *form_name(const sk_comparison *cmp, int form, int en)
{
    const sk_form_row *r = &cmp->rs->rows[form];
    return r->present && r->name[en] ? r->name[en] : sk_form_values[form];
}

/* Worst status and counts of one question row under one form. */
typedef struct cellsum {
    uint8_t status;
    size_t counts[SK_ST__COUNT];
} cellsum;

static void cell_sum(const sk_comparison *cmp, const cmp_form *f, size_t row, cellsum *s)
{
    memset(s, 0, sizeof *s);
    s->status = SK_ST_NOT_APPLICABLE;
    for (size_t i = 0; i < f->res->n; i++) {
        if (cmp->row[i] != row)
            continue;
        uint8_t st = f->res->findings[i].status;
        s->counts[st]++;
        if (sk_status_rank((sk_status)st) > sk_status_rank((sk_status)s->status))
            s->status = st;
    }
}

static int notable(uint8_t st)
{
    return st == SK_ST_FAIL || st == SK_ST_WARN || st == SK_ST_ERROR || st == SK_ST_WAIVED;
}

static const char *value_label(const sk_form_col *col, const char *v, int en)
{
    int i = sk_values_find((const char *const *)col->values, v);
    if (col->labels && i >= 0 && col->labels[i][en])
        return col->labels[i][en];
    return v;
}

/* The display text of a forms-table cell's value. */
static void cell_value(sk_buf *b, const sk_form_col *col, const sk_form_cell *cell, int en)
{
    const sk_node *v = cell->value;
    if (!v) {
        sk_buf_puts(b, "\u2013");
    } else if (col->type == SK_COL_BOOL) {
        sk_buf_puts(b, sk_ui(v->v.b ? UI_YES : UI_NO, en));
    } else if (col->type == SK_COL_LIST) {
        if (v->len == 0)
            sk_buf_puts(b, sk_ui(UI_NONE, en));
        for (uint32_t i = 0; i < v->len; i++)
            sk_buf_printf(b, "%s%s", i ? ", " : "", value_label(col, v->u.items[i]->u.s, en));
    } else if (v->kind == SK_SCALAR) {
        sk_buf_puts(b, col->type == SK_COL_ENUM ? value_label(col, v->u.s, en) : v->u.s);
    }
}

/* The lead-in of item i within its level (m items of the level already
 * written, k items of worse levels): a colon before the first, "; "
 * between; warnings (a rule's finding among the conditions) get their own
 * lead-in, "– åtgärda eller bedöm varningen/varningarna:", since a rule
 * that warns is a risk to handle, not a property of the form. */
static void item_lead(const sk_verdict_info *v, size_t i, size_t m, size_t k, int en, sk_buf *b)
{
    int level = v->items[i].level;
    int warn = level == SK_VERDICT_CONDITIONAL && v->items[i].finding;
    int first_warn = warn && (m == 0 || !v->items[i - 1].finding);
    if (m == 0 && k)
        sk_buf_printf(b, "%s %s", b->len && b->data[b->len - 1] == '?' ? "" : ".",
                      sk_ui(level == SK_VERDICT_CONDITIONAL ? UI_V_CONDITIONS : UI_V_TO_FIND_OUT, en));
    if (!first_warn) {
        sk_buf_puts(b, m ? "; " : ": ");
        return;
    }
    size_t nw = 0;
    for (size_t j = i; j < v->n; j++)
        nw += v->items[j].level == level && v->items[j].finding;
    sk_buf_puts(b, m ? ". " : " \u2013 ");
    sk_buf_puts(b, sk_ui(nw == 1 ? (m ? UI_V_HANDLE_WARNING_CAP : UI_V_HANDLE_WARNING)
                                 : (m ? UI_V_HANDLE_WARNINGS_CAP : UI_V_HANDLE_WARNINGS), en));
}

/* One sentence on why: the verdict, then its reasons (worst first), then
 * what is still open. */
static void summary(const sk_comparison *cmp, const cmp_form *f, int en, sk_buf *b)
{
    (void)cmp;
    const sk_verdict_info *v = &f->v;
    sk_buf_puts(b, sk_verdict_label((sk_verdict)v->verdict, en));
    size_t k = 0;
    /* "not possible" gives its reasons only; the others their facts to
     * find out and conditions */
    int last = v->verdict == SK_VERDICT_NOT_POSSIBLE ? SK_VERDICT_NOT_POSSIBLE : SK_VERDICT_CONDITIONAL;
    for (int level = SK_VERDICT_NOT_POSSIBLE; level >= last; level--) {
        size_t m = 0;
        for (size_t i = 0; i < v->n; i++) {
            if (v->items[i].level != level)
                continue;
            item_lead(v, i, m++, k, en, b);
            sk_verdict_item_text(&v->items[i], en, f->res->c->date, b);
        }
        k += m;
    }
    if (!k)
        sk_buf_puts(b, sk_ui(f->route ? UI_V_ROUTE_OK : UI_V_CAN_CARRY, en));
    size_t unk = f->res->counts[SK_ST_UNKNOWN];
    if (unk && v->verdict != SK_VERDICT_NOT_POSSIBLE && b->len && b->data[b->len - 1] != '?')
        sk_buf_putc(b, '.');
    if (unk && v->verdict != SK_VERDICT_NOT_POSSIBLE)
        sk_buf_printf(b, sk_ui(unk == 1 ? UI_V_OPEN_1 : UI_V_OPEN, en), unk);
    if (b->len && b->data[b->len - 1] != '?')
        sk_buf_putc(b, '.');
}

/* ---- text ----------------------------------------------------------------- */

#define PAGE_WIDTH 100
#define HEAD_WIDTH 18
#define PER_BAND 3

static size_t u8len(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Byte length of the first `chars` characters of s. */
static size_t u8prefix(const char *s, size_t n, size_t chars)
{
    size_t i = 0, c = 0;
    while (i < n) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (c == chars)
                break;
            c++;
        }
        i++;
    }
    return i;
}

/* Appends paragraph p wrapped to width, each line ending in '\n'. */
static void wrap(sk_buf *out, const char *p, size_t width)
{
    size_t n = strlen(p);
    while (n) {
        while (n && *p == ' ') {
            p++;
            n--;
        }
        if (!n)
            break;
        if (u8len(p, n) <= width) {
            sk_buf_append(out, p, n);
            sk_buf_putc(out, '\n');
            break;
        }
        size_t cut = u8prefix(p, n, width), brk = cut;
        while (brk > 0 && p[brk] != ' ')
            brk--;
        if (brk == 0) {
            /* one long word (a rule id): break after a '-' or '.' */
            brk = cut;
            while (brk > 1 && p[brk - 1] != '-' && p[brk - 1] != '.')
                brk--;
            if (brk <= 1)
                brk = cut;
        }
        sk_buf_append(out, p, brk);
        sk_buf_putc(out, '\n');
        p += brk;
        n -= brk;
    }
}

/* Citation footnotes of one comparison. */
typedef struct notes {
    const sk_cite **c;  /* grown as citations are met */
    size_t n, cap;
    int failed;
} notes;

static size_t note_of(notes *ns, const sk_cite *c, int en)
{
    for (size_t i = 0; i < ns->n; i++)
        if (!strcmp(ns->c[i]->text[en], c->text[en]))
            return i + 1;
    if (ns->n == ns->cap) {
        size_t cap = ns->cap ? ns->cap * 2 : 32;
        const sk_cite **nc = realloc(ns->c, cap * sizeof *nc);
        if (!nc) {
            ns->failed = 1;
            return 0;
        }
        ns->c = nc;
        ns->cap = cap;
    }
    ns->c[ns->n++] = c;
    return ns->n;
}

/* The citations in mask (bit i: c[i]; those valid at the date judged). */
static void note_refs(sk_buf *b, notes *ns, const sk_cite *c, uint32_t n, uint64_t mask, int en)
{
    if (!n)
        return;
    sk_buf_puts(b, " [");
    int k = 0;
    for (uint32_t i = 0; i < n && i < SK_MAX_CITES; i++)
        if (mask >> i & 1)
            sk_buf_printf(b, "%s%zu", k++ ? "," : "", note_of(ns, &c[i], en));
    sk_buf_putc(b, ']');
}

/* "3 godkända, 1 okänd" */
static void counts_line(sk_buf *b, const cellsum *s, int en)
{
    size_t p = s->counts[SK_ST_PASS], u = s->counts[SK_ST_UNKNOWN];
    if (p)
        sk_buf_printf(b, sk_ui(p == 1 ? UI_N_PASS_1 : UI_N_PASS, en), p);
    if (u) {
        sk_buf_puts(b, p ? ", " : "");
        sk_buf_printf(b, sk_ui(u == 1 ? UI_N_UNKNOWN_1 : UI_N_UNKNOWN, en), u);
    }
}

/* The note on a form-bound fact that was not carried over. */
static void dropped_note(sk_buf *b, const cmp_form *f, int en)
{
    sk_buf_printf(b, sk_ui(UI_NOT_AN_EXEMPTION_OF_FORM, en), f->dropped, f->dropped_value);
}

static const char *mark(uint8_t st)
{
    switch (st) {
    case SK_ST_FAIL: return "\u2717 ";
    case SK_ST_ERROR: return "\u2717 ";
    case SK_ST_WARN: return "! ";
    case SK_ST_WAIVED: return "~ ";
    default: return "";
    }
}

/* The same, kept on the line of what follows (a no-break space). */
static const char *mark_nb(uint8_t st)
{
    switch (st) {
    case SK_ST_FAIL: return "\u2717\u00a0";
    case SK_ST_ERROR: return "\u2717\u00a0";
    case SK_ST_WARN: return "!\u00a0";
    case SK_ST_WAIVED: return "~\u00a0";
    default: return "";
    }
}

/* The lines of one cell (each ending in '\n'), wrapped to width. */
static void text_cell(const sk_comparison *cmp, const cmp_form *f, size_t row, int en,
                      notes *ns, size_t width, sk_buf *out)
{
    const sk_ruleset *rs = cmp->rs;
    const qrow *q = &qrows[row];
    cellsum s;
    cell_sum(cmp, f, row, &s);
    sk_buf p;
    sk_buf_init(&p, 0);
    wrap(out, sk_status_label((sk_status)s.status, en), width);
    size_t ncols = 0, shown = 0;
    while (ncols < 6 && q->cols[ncols]) {
        int ci = col_index(rs, q->cols[ncols]);
        shown += ci >= 0 && rs->cols[ci].type != SK_COL_TEXT;
        ncols++;
    }
    for (size_t k = 0; k < ncols; k++) {
        int ci = col_index(rs, q->cols[k]);
        const sk_form_row *fr = &rs->rows[f->form];
        if (ci < 0 || !fr->present || rs->cols[ci].type == SK_COL_TEXT)
            continue; /* free-text limits: see --format markdown */
        const sk_form_cell *cell = &fr->cells[ci];
        sk_buf_clear(&p);
        if (shown > 1)
            sk_buf_printf(&p, "%s: ", rs->cols[ci].title[en]);
        cell_value(&p, &rs->cols[ci], cell, en);
        note_refs(&p, ns, cell->cites, cell->ncites,
                  sk_cites_mask_at(cell->cites, cell->ncites, f->res->c->date), en);
        wrap(out, sk_buf_cstr(&p), width);
    }
    for (size_t i = 0; i < f->res->n; i++) {
        const sk_finding *g = &f->res->findings[i];
        if (cmp->row[i] != row || !notable(g->status))
            continue;
        sk_buf_clear(&p);
        sk_buf_printf(&p, "%s%s", mark_nb(g->status), g->rule->id);
        note_refs(&p, ns, g->rule->cites, g->rule->ncites, g->cites, en);
        wrap(out, sk_buf_cstr(&p), width);
    }
    if (f->dropped && f->dropped_row == (int)row) {
        sk_buf_clear(&p);
        dropped_note(&p, f, en);
        wrap(out, sk_buf_cstr(&p), width);
    }
    sk_buf_clear(&p);
    counts_line(&p, &s, en);
    if (p.len)
        wrap(out, sk_buf_cstr(&p), width);
    sk_buf_free(&p);
}

/* Writes one table line: the cells' line `k`, padded. */
static void pad(sk_buf *b, const char *s, size_t n, size_t width)
{
    sk_buf_append(b, s, n);
    for (size_t c = u8len(s, n); c < width; c++)
        sk_buf_putc(b, ' ');
}

/* Line k of a '\n'-separated block (empty if there is none). */
static const char *line_of(const char *block, size_t k, size_t *len)
{
    const char *p = block;
    for (size_t i = 0; i < k && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p || !*p) {
        *len = 0;
        return "";
    }
    const char *e = strchr(p, '\n');
    *len = e ? (size_t)(e - p) : strlen(p);
    return p;
}

static size_t nlines(const char *block)
{
    size_t n = 0;
    for (const char *p = block; *p; p++)
        n += *p == '\n';
    return n;
}

static void text_rule(sk_buf *b, size_t cols, size_t width)
{
    for (size_t i = 0; i < HEAD_WIDTH; i++)
        sk_buf_putc(b, '-');
    for (size_t c = 0; c < cols; c++) {
        sk_buf_puts(b, "-+-");
        for (size_t i = 0; i < width; i++)
            sk_buf_putc(b, '-');
    }
    sk_buf_putc(b, '\n');
}

/* Prints a row of blocks side by side. */
static void text_row(sk_buf *b, sk_buf *blocks, size_t cols, size_t width)
{
    size_t h = 0;
    for (size_t c = 0; c <= cols; c++) {
        size_t n = nlines(sk_buf_cstr(&blocks[c]));
        if (n > h)
            h = n;
    }
    for (size_t k = 0; k < h; k++) {
        size_t len;
        const char *s = line_of(sk_buf_cstr(&blocks[0]), k, &len);
        size_t end = b->len;
        pad(b, s, len, HEAD_WIDTH);
        for (size_t c = 1; c <= cols; c++) {
            sk_buf_puts(b, " | ");
            s = line_of(sk_buf_cstr(&blocks[c]), k, &len);
            pad(b, s, len, c == cols ? 0 : width);
        }
        while (b->len > end && b->data[b->len - 1] == ' ')
            b->len--;
        sk_buf_putc(b, '\n');
    }
}

static void case_head(const sk_comparison *cmp, int en, sk_buf *b)
{
    const sk_case *c = cmp->c;
    char date[11];
    sk_date_format(c->date, date);
    sk_buf_printf(b, "%s%s%s (%s, %s)\n   %s:%u\n", c->id, c->title ? " \u2014 " : "",
                  c->title ? c->title : "", sk_form_values[c->form], date, c->file, c->line);
    (void)en;
}

/* "(ärendets form)", or "(föreslagen form)" when the case is a proposal. */
static const char *own_label(const sk_comparison *cmp, const cmp_form *f, int en)
{
    if (f->form != cmp->c->form)
        return "";
    const sk_node *st = sk_map_get(cmp->c->root, "status");
    int proposed = !sk_node_is_unknown(st) && st->kind == SK_SCALAR && !strcmp(st->u.s, "proposed");
    return sk_ui(proposed ? UI_V_PROPOSED_FORM_PAREN : UI_THE_CASE_S_FORM_PAREN, en);
}

/* One ranked line, wrapped under its number. */
static void text_ranked(const sk_comparison *cmp, size_t r, int en, sk_buf *b)
{
    const cmp_form *f = &cmp->f[r];
    sk_buf line, tmp;
    sk_buf_init(&line, 0);
    sk_buf_init(&tmp, 0);
    sk_buf_printf(&line, "%s%s: ", form_name(cmp, f->form, en), own_label(cmp, f, en));
    summary(cmp, f, en, &line);
    wrap(&tmp, sk_buf_cstr(&line), PAGE_WIDTH - 6);
    size_t len;
    for (size_t k = 0; k < nlines(sk_buf_cstr(&tmp)); k++) {
        const char *s = line_of(sk_buf_cstr(&tmp), k, &len);
        if (k == 0)
            sk_buf_printf(b, "%4zu. ", r + 1);
        else
            sk_buf_puts(b, "      ");
        sk_buf_append(b, s, len);
        sk_buf_putc(b, '\n');
    }
    sk_buf_free(&line);
    sk_buf_free(&tmp);
}

/* The procurement dimension: the LOU exemptions each form can rely on,
 * and the routes that combine with every form. */
static void text_exemptions(const sk_comparison *cmp, int en, sk_buf *b)
{
    int ci = col_index(cmp->rs, "procurement_exemptions");
    if (ci < 0)
        return;
    sk_buf_puts(b, sk_ui(UI_V_PROCUREMENT_HEAD, en));
    sk_buf line;
    sk_buf_init(&line, 0);
    for (size_t r = 0; r < cmp->n; r++) {
        const cmp_form *f = &cmp->f[r];
        if (f->route || !cmp->rs->rows[f->form].present)
            continue;
        sk_buf_clear(&line);
        sk_buf_printf(&line, "%s: ", form_name(cmp, f->form, en));
        cell_value(&line, &cmp->rs->cols[ci], &cmp->rs->rows[f->form].cells[ci], en);
        sk_buf tmp;
        sk_buf_init(&tmp, 0);
        wrap(&tmp, sk_buf_cstr(&line), PAGE_WIDTH - 6);
        size_t len;
        for (size_t k = 0; k < nlines(sk_buf_cstr(&tmp)); k++) {
            const char *s = line_of(sk_buf_cstr(&tmp), k, &len);
            sk_buf_puts(b, k ? "        " : "    - ");
            sk_buf_append(b, s, len);
            sk_buf_putc(b, '\n');
        }
        sk_buf_free(&tmp);
    }
    sk_buf_clear(&line);
    wrap(&line, sk_ui(UI_V_ROUTES_COMBINE, en), PAGE_WIDTH - 4);
    size_t len;
    for (size_t k = 0; k < nlines(sk_buf_cstr(&line)); k++) {
        const char *s = line_of(sk_buf_cstr(&line), k, &len);
        sk_buf_puts(b, "    ");
        sk_buf_append(b, s, len);
        sk_buf_putc(b, '\n');
    }
    sk_buf_free(&line);
}

/* The organisational forms ranked, then the procurement routes apart. */
static void text_ranking(const sk_comparison *cmp, int en, sk_buf *b)
{
    int routes = 0, forms = 0;
    for (size_t r = 0; r < cmp->n; r++) {
        if (cmp->f[r].route && !routes++)
            sk_buf_puts(b, sk_ui(UI_V_ROUTES_HEAD, en));
        else if (!cmp->f[r].route && !forms++)
            sk_buf_puts(b, sk_ui(UI_RANKING_ORDER, en));
        text_ranked(cmp, r, en, b);
    }
    if (forms)
        text_exemptions(cmp, en, b);
}

static void compare_text(const sk_comparison *cmp, int en, sk_buf *b)
{
    notes *ns = calloc(1, sizeof *ns);
    if (!ns) {
        b->failed = true;
        return;
    }
    sk_buf_puts(b, sk_ui(UI_COMPARED_COLON, en));
    case_head(cmp, en, b);
    text_ranking(cmp, en, b);
    sk_buf blocks[PER_BAND + 1];
    for (size_t c = 0; c <= PER_BAND; c++)
        sk_buf_init(&blocks[c], 0);
    for (size_t start = 0; start < cmp->n; start += PER_BAND) {
        size_t cols = cmp->n - start < PER_BAND ? cmp->n - start : PER_BAND;
        size_t width = (PAGE_WIDTH - HEAD_WIDTH) / cols - 3;
        sk_buf_putc(b, '\n');
        for (size_t c = 0; c <= cols; c++)
            sk_buf_clear(&blocks[c]);
        wrap(&blocks[0], sk_ui(UI_QUESTION, en), HEAD_WIDTH);
        for (size_t c = 0; c < cols; c++) {
            const cmp_form *f = &cmp->f[start + c];
            char head[160];
            snprintf(head, sizeof head, "%zu. %s", start + c + 1, form_name(cmp, f->form, en));
            wrap(&blocks[c + 1], head, width);
        }
        text_row(b, blocks, cols, width);
        for (size_t row = 0; row < NROWS; row++) {
            text_rule(b, cols, width);
            for (size_t c = 0; c <= cols; c++)
                sk_buf_clear(&blocks[c]);
            wrap(&blocks[0], qrows[row].title[en], HEAD_WIDTH);
            for (size_t c = 0; c < cols; c++)
                text_cell(cmp, &cmp->f[start + c], row, en, ns, width, &blocks[c + 1]);
            text_row(b, blocks, cols, width);
        }
    }
    for (size_t c = 0; c <= PER_BAND; c++)
        sk_buf_free(&blocks[c]);
    sk_buf_puts(b, sk_ui(UI_COMPARE_LEGEND, en));
    for (size_t i = 0; i < ns->n; i++)
        sk_buf_printf(b, "  [%zu] %s\n", i + 1, ns->c[i]->text[en]);
    if (ns->failed)
        b->failed = true;
    free(ns->c);
    free(ns);
}

/* ---- Markdown and HTML -------------------------------------------------- */

void sk_advice_md(sk_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            sk_buf_puts(b, "\\|");
        else if (*s == '\n' || *s == '\r')
            sk_buf_putc(b, ' ');
        else if (*s == '<')
            sk_buf_puts(b, "&lt;");
        else if (*s == '>')
            sk_buf_puts(b, "&gt;");
        else
            sk_buf_putc(b, *s);
    }
}

void sk_advice_html(sk_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&': sk_buf_puts(b, "&amp;"); break;
        case '<': sk_buf_puts(b, "&lt;"); break;
        case '>': sk_buf_puts(b, "&gt;"); break;
        case '"': sk_buf_puts(b, "&quot;"); break;
        case '\'': sk_buf_puts(b, "&#39;"); break;
        default:
            if (*p < 0x20 && *p != '\n' && *p != '\t')
                sk_buf_puts(b, "\uFFFD");
            else
                sk_buf_putc(b, (char)*p);
        }
    }
}

static void esc(sk_buf *b, const char *s, fmt f)
{
    if (f == FMT_HTML)
        sk_advice_html(b, s);
    else
        sk_advice_md(b, s);
}

static void cite_links(sk_buf *b, const sk_cite *c, uint32_t n, uint64_t mask, int en, fmt f)
{
    int k = 0;
    for (uint32_t i = 0; i < n && i < SK_MAX_CITES; i++) {
        if (!(mask >> i & 1))
            continue;
        sk_buf_puts(b, k++ ? "; " : "");
        if (f == FMT_MD) {
            sk_buf_puts(b, "[");
            esc(b, c[i].text[en], f);
            sk_buf_puts(b, "](");
            for (const char *u = c[i].url ? c[i].url : ""; *u; u++) {
                if (*u == ')' || *u == ' ' || *u == '|')
                    sk_buf_printf(b, "%%%02X", (unsigned char)*u);
                else
                    sk_buf_putc(b, *u);
            }
            sk_buf_puts(b, ")");
        } else {
            sk_buf_puts(b, "<a href=\"");
            esc(b, c[i].url ? c[i].url : "", f);
            sk_buf_puts(b, "\">");
            esc(b, c[i].text[en], f);
            sk_buf_puts(b, "</a>");
        }
    }
}

static void markup_cell(const sk_comparison *cmp, const cmp_form *f, size_t row, int en,
                        fmt m, sk_buf *b)
{
    const sk_ruleset *rs = cmp->rs;
    const qrow *q = &qrows[row];
    const char *br = "<br>";
    cellsum s;
    cell_sum(cmp, f, row, &s);
    const char *st = sk_status_label((sk_status)s.status, en);
    if (m == FMT_HTML)
        sk_buf_printf(b, "<span class=\"st %s\">%s</span>", sk_status_name((sk_status)s.status), st);
    else
        sk_buf_printf(b, "**%s**", st);
    size_t ncols = 0;
    while (ncols < 6 && q->cols[ncols])
        ncols++;
    sk_buf v;
    sk_buf_init(&v, 0);
    for (size_t k = 0; k < ncols; k++) {
        int ci = col_index(rs, q->cols[k]);
        const sk_form_row *fr = &rs->rows[f->form];
        if (ci < 0 || !fr->present)
            continue;
        const sk_form_cell *cell = &fr->cells[ci];
        sk_buf_puts(b, br);
        if (ncols > 1) {
            if (m == FMT_HTML) {
                sk_buf_puts(b, "<i>");
                esc(b, rs->cols[ci].title[en], m);
                sk_buf_puts(b, ":</i> ");
            } else {
                sk_buf_puts(b, "*");
                esc(b, rs->cols[ci].title[en], m);
                sk_buf_puts(b, ":* ");
            }
        }
        sk_buf_clear(&v);
        cell_value(&v, &rs->cols[ci], cell, en);
        esc(b, sk_buf_cstr(&v), m);
        sk_buf_puts(b, m == FMT_HTML ? " <small>(" : " (");
        cite_links(b, cell->cites, cell->ncites, sk_cites_mask_at(cell->cites, cell->ncites, f->res->c->date),
                   en, m);
        sk_buf_puts(b, m == FMT_HTML ? ")</small>" : ")");
    }
    sk_buf_free(&v);
    for (size_t i = 0; i < f->res->n; i++) {
        const sk_finding *g = &f->res->findings[i];
        if (cmp->row[i] != row || !notable(g->status))
            continue;
        sk_buf_puts(b, br);
        if (m == FMT_HTML)
            sk_buf_printf(b, "<span class=\"%s\">", sk_status_name((sk_status)g->status));
        sk_buf_puts(b, mark(g->status));
        esc(b, g->rule->title[en], m);
        sk_buf_puts(b, m == FMT_HTML ? " <small>(<code>" : " (`");
        esc(b, g->rule->id, m);
        sk_buf_puts(b, m == FMT_HTML ? "</code>; " : "`; ");
        cite_links(b, g->rule->cites, g->rule->ncites, g->cites, en, m);
        sk_buf_puts(b, m == FMT_HTML ? ")</small></span>" : ")");
    }
    if (f->dropped && f->dropped_row == (int)row) {
        sk_buf n;
        sk_buf_init(&n, 0);
        dropped_note(&n, f, en);
        sk_buf_puts(b, br);
        sk_buf_puts(b, m == FMT_HTML ? "<i>" : "*");
        esc(b, sk_buf_cstr(&n), m);
        sk_buf_puts(b, m == FMT_HTML ? "</i>" : "*");
        sk_buf_free(&n);
    }
    if (s.counts[SK_ST_PASS] || s.counts[SK_ST_UNKNOWN]) {
        sk_buf_puts(b, br);
        counts_line(b, &s, en);
    }
}

static void markup_head(const sk_comparison *cmp, int en, fmt m, sk_buf *b)
{
    const sk_case *c = cmp->c;
    char date[11];
    sk_date_format(c->date, date);
    if (m == FMT_HTML) {
        sk_buf_puts(b, "<section>\n<h2>");
        esc(b, c->id, m);
        if (c->title) {
            sk_buf_puts(b, " \u2014 ");
            esc(b, c->title, m);
        }
        sk_buf_puts(b, "</h2>\n<p class=\"meta\"><code>");
        esc(b, c->file, m);
        sk_buf_printf(b, ":%u</code> \u00b7 %s ", c->line, sk_ui(UI_THE_CASE_S_FORM_COLON, en));
        esc(b, form_name(cmp, c->form, en), m);
        sk_buf_printf(b, " \u00b7 %s %s</p>\n", sk_ui(UI_DATE_LOWER, en), date);
    } else {
        sk_buf_puts(b, "## ");
        esc(b, c->id, m);
        if (c->title) {
            sk_buf_puts(b, " \u2014 ");
            esc(b, c->title, m);
        }
        sk_buf_puts(b, "\n\n`");
        sk_buf_puts(b, c->file);
        sk_buf_printf(b, ":%u` \u00b7 %s ", c->line, sk_ui(UI_THE_CASE_S_FORM_COLON, en));
        esc(b, form_name(cmp, c->form, en), m);
        sk_buf_printf(b, " \u00b7 %s %s\n\n", sk_ui(UI_DATE_LOWER, en), date);
    }
}

/* The procurement routes apart from the forms: the list of forms ends
 * and the routes follow under their own heading, numbered on from rank. */
static void markup_routes_head(size_t rank, int en, fmt m, sk_buf *b)
{
    if (m == FMT_HTML)
        sk_buf_printf(b, "</ol>\n<h3>%s</h3>\n<ol class=\"ranking routes\" start=\"%zu\">\n",
                      sk_ui(UI_V_ROUTES_TITLE, en), rank + 1);
    else
        sk_buf_printf(b, "\n#### %s\n\n", sk_ui(UI_V_ROUTES_TITLE, en));
}

/* The ranking: one line per form with its verdict in a sentence. */
static void markup_ranking(const sk_comparison *cmp, int en, fmt m, sk_buf *b)
{
    sk_buf s;
    sk_buf_init(&s, 0);
    if (m == FMT_HTML)
        sk_buf_printf(b, "<h3>%s</h3>\n<ol class=\"ranking\">\n", sk_ui(UI_RANKING, en));
    else
        sk_buf_printf(b, "### %s\n\n", sk_ui(UI_RANKING, en));
    for (size_t r = 0; r < cmp->n; r++) {
        const cmp_form *f = &cmp->f[r];
        if (f->route && (r == 0 || !cmp->f[r - 1].route))
            markup_routes_head(r, en, m, b);
        sk_buf_clear(&s);
        summary(cmp, f, en, &s);
        const char *own = f->form == cmp->c->form ? sk_ui(UI_THE_CASE_S_FORM_PAREN, en) : "";
        if (m == FMT_HTML) {
            sk_buf_printf(b, "<li class=\"%s\"><b>", vclass(f));
            esc(b, form_name(cmp, f->form, en), m);
            sk_buf_printf(b, "</b>%s: ", own);
            esc(b, sk_buf_cstr(&s), m);
            sk_buf_puts(b, "</li>\n");
        } else {
            sk_buf_printf(b, "%zu. **", r + 1);
            esc(b, form_name(cmp, f->form, en), m);
            sk_buf_printf(b, "**%s: ", own);
            esc(b, sk_buf_cstr(&s), m);
            sk_buf_putc(b, '\n');
        }
    }
    if (m == FMT_HTML)
        sk_buf_puts(b, "</ol>\n");
    sk_buf_free(&s);
}

/* Markdown: the questions as rows, the forms as columns. */
static void markup_table(const sk_comparison *cmp, int en, sk_buf *b)
{
    sk_buf_printf(b, "\n### %s\n\n| %s |", sk_ui(UI_SIDE_BY_SIDE, en), sk_ui(UI_QUESTION, en));
    for (size_t r = 0; r < cmp->n; r++) {
        sk_buf_puts(b, " ");
        esc(b, form_name(cmp, cmp->f[r].form, en), FMT_MD);
        sk_buf_puts(b, " |");
    }
    sk_buf_puts(b, "\n|---|");
    for (size_t r = 0; r < cmp->n; r++)
        sk_buf_puts(b, "---|");
    sk_buf_putc(b, '\n');
    for (size_t row = 0; row < NROWS; row++) {
        sk_buf_puts(b, "| **");
        esc(b, qrows[row].title[en], FMT_MD);
        sk_buf_puts(b, "** |");
        for (size_t r = 0; r < cmp->n; r++) {
            sk_buf_puts(b, " ");
            markup_cell(cmp, &cmp->f[r], row, en, FMT_MD, b);
            sk_buf_puts(b, " |");
        }
        sk_buf_putc(b, '\n');
    }
}

/* HTML: one card per form in ranking order (eleven columns do not fit a
 * screen or a page), each question a line of the card; the cards flow
 * into as many columns as the width allows and print one after another. */
static void markup_cards(const sk_comparison *cmp, int en, sk_buf *b)
{
    sk_buf_printf(b, "<h3>%s</h3>\n<div class=\"forms\">\n", sk_ui(UI_FORM_BY_FORM, en));
    for (size_t r = 0; r < cmp->n; r++) {
        const cmp_form *f = &cmp->f[r];
        sk_buf_printf(b, "<article class=\"form %s\" data-form=\"%s\">\n<h4>%zu. ",
                      vclass(f), sk_form_values[f->form], r + 1);
        esc(b, form_name(cmp, f->form, en), FMT_HTML);
        if (f->form == cmp->c->form)
            esc(b, sk_ui(UI_THE_CASE_S_FORM_PAREN, en), FMT_HTML);
        sk_buf_puts(b, "</h4>\n<dl>\n");
        for (size_t row = 0; row < NROWS; row++) {
            sk_buf_puts(b, "<dt>");
            esc(b, qrows[row].title[en], FMT_HTML);
            sk_buf_puts(b, "</dt><dd>");
            markup_cell(cmp, f, row, en, FMT_HTML, b);
            sk_buf_puts(b, "</dd>\n");
        }
        sk_buf_puts(b, "</dl>\n</article>\n");
    }
    sk_buf_puts(b, "</div>\n</section>\n");
}

static void compare_markup(const sk_comparison *cmp, int en, fmt m, sk_buf *b)
{
    markup_head(cmp, en, m, b);
    markup_ranking(cmp, en, m, b);
    if (m == FMT_HTML)
        markup_cards(cmp, en, b);
    else
        markup_table(cmp, en, b);
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>%s</title><style>"
    "*{box-sizing:border-box}"
    "body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;padding:1rem 1.5rem;max-width:110rem;color:#1b1f24}"
    "h1{font-size:1.5rem}h2{font-size:1.25rem;overflow-wrap:anywhere}h3{font-size:1.05rem}"
    "p.meta{color:#555;overflow-wrap:anywhere}ol.ranking li{margin:.2rem 0;overflow-wrap:anywhere}"
    ".forms{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem}"
    "article.form{border:1px solid #d0d4d9;border-top:5px solid #070;border-radius:8px;"
    "padding:.5rem .9rem;background:#fff;min-width:0}article.form.fail{border-top-color:#b00}"
    "article.form h4{font-size:1.05rem;margin:.1rem 0 .4rem}"
    "dl{margin:0}dt{font-weight:600;margin-top:.45rem}dd{margin:0;overflow-wrap:anywhere}"
    "small{color:#555}code{overflow-wrap:anywhere}a{color:#0b57d0}"
    ".st{font-weight:bold}.st.fail,.st.error,li.fail b{color:#b00}.st.warn{color:#a60}"
    ".st.unknown{color:#708}.st.pass,li.pass b{color:#070}.st.not_applicable{color:#777}"
    "span.fail,span.error{color:#b00}span.warn{color:#a60}"
    "@page{size:A4;margin:15mm}"
    "@media print{body{font-size:9.5pt;padding:0;max-width:none}.forms{display:block}"
    "section+section{break-before:page}"
    "h2,h3,h4,dt{break-after:avoid}dd{break-inside:avoid}"
    "article.form{border:0;border-top:2px solid #999;border-radius:0;"
    "padding:.3rem 0;margin:0 0 .6rem}article.form.fail{border-top-color:#b00}"
    "a{color:inherit;text-decoration:none}"
    "small a[href]::after{content:' <' attr(href) '>';font-size:7.5pt;word-break:break-all}}"
    "</style></head><body>\n<h1>%s</h1>\n";

/* ---- JSON --------------------------------------------------------------- */

static void json_cites(sk_buf *b, const sk_cite *c, uint32_t n, uint64_t mask, int en)
{
    sk_buf_puts(b, "[");
    int k = 0;
    for (uint32_t i = 0; i < n && i < SK_MAX_CITES; i++) {
        if (!(mask >> i & 1))
            continue;
        sk_buf_puts(b, k++ ? ", {\"text\": " : "{\"text\": ");
        sk_json_str(b, c[i].text[en]);
        sk_buf_puts(b, ", \"url\": ");
        sk_json_str(b, c[i].url);
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "]");
}

static void json_counts(sk_buf *b, const size_t *counts)
{
    sk_buf_puts(b, "{");
    for (int s = 0; s < SK_ST__COUNT; s++)
        sk_buf_printf(b, "%s\"%s\": %zu", s ? ", " : "", sk_status_name((sk_status)s), counts[s]);
    sk_buf_puts(b, "}");
}

static void json_cell_value(sk_buf *b, const sk_form_col *col, const sk_form_cell *cell)
{
    const sk_node *v = cell->value;
    if (!v) {
        sk_buf_puts(b, "null");
    } else if (col->type == SK_COL_BOOL) {
        sk_buf_puts(b, v->v.b ? "true" : "false");
    } else if (col->type == SK_COL_LIST) {
        sk_buf_puts(b, "[");
        for (uint32_t i = 0; i < v->len; i++) {
            sk_buf_puts(b, i ? ", " : "");
            sk_json_str(b, v->u.items[i]->u.s);
        }
        sk_buf_puts(b, "]");
    } else {
        sk_json_str(b, v->kind == SK_SCALAR ? v->u.s : NULL);
    }
}

/* One ranked form: verdict, summary, what was not carried over, counts
 * and the failing rules. */
static void json_ranked_form(const sk_comparison *cmp, const cmp_form *f, size_t r, int en,
                             sk_buf *b, sk_buf *s)
{
    sk_buf_printf(b, "%s\n    {\"rank\": %zu, \"form\": \"%s\", \"name\": ", r ? "," : "", r + 1,
                  sk_form_values[f->form]);
    sk_json_str(b, form_name(cmp, f->form, en));
    sk_buf_printf(b, ", \"case_form\": %s, \"possible\": %s, ",
                  f->form == cmp->c->form ? "true" : "false",
                  f->v.verdict == SK_VERDICT_NOT_POSSIBLE ? "false" : "true");
    sk_buf_printf(b, "\"verdict\": \"%s\", \"route\": %s, \"reasons\": [",
                  sk_verdict_name((sk_verdict)f->v.verdict), f->route ? "true" : "false");
    for (size_t i = 0; i < f->v.n; i++) {
        sk_buf_clear(s);
        sk_verdict_item_text(&f->v.items[i], en, f->res->c->date, s);
        sk_buf_printf(b, "%s{\"level\": \"%s\", \"text\": ", i ? ", " : "",
                      sk_verdict_name((sk_verdict)f->v.items[i].level));
        sk_json_str(b, sk_buf_cstr(s));
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "], \"summary\": ");
    sk_buf_clear(s);
    summary(cmp, f, en, s);
    sk_json_str(b, sk_buf_cstr(s));
    sk_buf_puts(b, ", \"not_carried_over\": [");
    if (f->dropped) {
        sk_buf_puts(b, "{\"fact\": ");
        sk_json_str(b, f->dropped);
        sk_buf_puts(b, ", \"value\": ");
        sk_json_str(b, f->dropped_value);
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "], \"counts\": ");
    json_counts(b, f->res->counts);
    sk_buf_puts(b, ", \"failing\": [");
    size_t k = 0;
    for (size_t i = 0; i < f->res->n; i++) {
        const sk_finding *g = &f->res->findings[i];
        if (g->status != SK_ST_FAIL && g->status != SK_ST_ERROR)
            continue;
        sk_buf_puts(b, k++ ? ", {\"rule\": " : "{\"rule\": ");
        sk_json_str(b, g->rule->id);
        sk_buf_puts(b, ", \"title\": ");
        sk_json_str(b, g->rule->title[en]);
        sk_buf_puts(b, ", \"citations\": ");
        json_cites(b, g->rule->cites, g->rule->ncites, g->cites, en);
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "]}");
}

/* One column of the forms table in a question's cell. */
static void json_column(const sk_ruleset *rs, int ci, const sk_form_cell *cell, const cmp_form *f,
                        int en, size_t k, sk_buf *b)
{
    sk_buf_printf(b, "%s{\"key\": \"%s\", \"title\": ", k ? ", " : "", rs->cols[ci].key);
    sk_json_str(b, rs->cols[ci].title[en]);
    sk_buf_puts(b, ", \"value\": ");
    json_cell_value(b, &rs->cols[ci], cell);
    sk_buf_puts(b, ", \"label\": ");
    sk_buf lab;
    sk_buf_init(&lab, 0);
    cell_value(&lab, &rs->cols[ci], cell, en);
    sk_json_str(b, sk_buf_cstr(&lab));
    sk_buf_free(&lab);
    sk_buf_puts(b, ", \"note\": ");
    sk_json_str(b, cell->note[en]);
    sk_buf_puts(b, ", \"citations\": ");
    json_cites(b, cell->cites, cell->ncites, sk_cites_mask_at(cell->cites, cell->ncites, f->res->c->date),
               en);
    sk_buf_puts(b, "}");
}

/* The cell of question row for form f: its status, the forms-table
 * columns and the findings of the rules in the row. */
static void json_cell(const sk_comparison *cmp, const cmp_form *f, size_t row, size_t r, int en,
                      sk_buf *b)
{
    const qrow *q = &qrows[row];
    const sk_ruleset *rs = cmp->rs;
    cellsum cs;
    cell_sum(cmp, f, row, &cs);
    sk_buf_printf(b, "%s\n      {\"form\": \"%s\", \"status\": \"%s\", \"counts\": ", r ? "," : "",
                  sk_form_values[f->form], sk_status_name((sk_status)cs.status));
    json_counts(b, cs.counts);
    sk_buf_puts(b, ",\n       \"columns\": [");
    size_t k = 0;
    for (size_t j = 0; j < 6 && q->cols[j]; j++) {
        int ci = col_index(rs, q->cols[j]);
        if (ci >= 0 && rs->rows[f->form].present)
            json_column(rs, ci, &rs->rows[f->form].cells[ci], f, en, k++, b);
    }
    sk_buf_puts(b, "],\n       \"findings\": [");
    k = 0;
    for (size_t i = 0; i < f->res->n; i++) {
        const sk_finding *g = &f->res->findings[i];
        if (cmp->row[i] != row || g->status == SK_ST_NOT_APPLICABLE)
            continue;
        sk_buf_puts(b, k++ ? ",\n         {\"rule\": " : "\n         {\"rule\": ");
        sk_json_str(b, g->rule->id);
        sk_buf_printf(b, ", \"status\": \"%s\", \"title\": ", sk_status_name((sk_status)g->status));
        sk_json_str(b, g->rule->title[en]);
        sk_buf_puts(b, ", \"citations\": ");
        json_cites(b, g->rule->cites, g->rule->ncites, g->cites, en);
        sk_buf_puts(b, "}");
    }
    sk_buf_puts(b, "]}");
}

static void compare_json(const sk_comparison *cmp, int en, sk_buf *b)
{
    const sk_case *c = cmp->c;
    char date[11];
    sk_date_format(c->date, date);
    sk_buf_puts(b, "{\"case\": ");
    sk_json_str(b, c->id);
    sk_buf_puts(b, ", \"title\": ");
    sk_json_str(b, c->title);
    sk_buf_puts(b, ", \"file\": ");
    sk_json_str(b, c->file);
    sk_buf_printf(b, ", \"line\": %u, \"form\": \"%s\", \"date\": \"%s\",\n   \"ranking\": [",
                  c->line, sk_form_values[c->form], date);
    sk_buf s;
    sk_buf_init(&s, 0);
    for (size_t r = 0; r < cmp->n; r++)
        json_ranked_form(cmp, &cmp->f[r], r, en, b, &s);
    sk_buf_free(&s);
    sk_buf_puts(b, "\n   ],\n   \"questions\": [");
    for (size_t row = 0; row < NROWS; row++) {
        sk_buf_printf(b, "%s\n    {\"key\": \"%s\", \"title\": ", row ? "," : "", qrows[row].key);
        sk_json_str(b, qrows[row].title[en]);
        sk_buf_puts(b, ", \"cells\": [");
        for (size_t r = 0; r < cmp->n; r++)
            json_cell(cmp, &cmp->f[r], row, r, en, b);
        sk_buf_puts(b, "]}");
    }
    sk_buf_puts(b, "\n   ]}");
}

sk_rc sk_compare_write(const sk_comparison *const *cmps, size_t n, const char *format,
                       sk_lang lang, FILE *out)
{
    int f = sk_values_find(formats, format);
    if (f < 0)
        return SK_ENOTFOUND;
    int en = lang == SK_LANG_EN;
    sk_buf b;
    sk_buf_init(&b, 0);
    const char *title = sk_ui(UI_COLLABORATION_FORMS_COMPARED, en);
    if (f == FMT_JSON)
        sk_buf_printf(&b, "{\"samkoll_compare\": 1, \"lang\": \"%s\", \"cases\": [", sk_ui(UI_LANG, en));
    else if (f == FMT_HTML)
        sk_buf_printf(&b, html_head, sk_ui(UI_LANG, en), title, title);
    else if (f == FMT_MD)
        sk_buf_printf(&b, "# %s\n\n", title);
    for (size_t i = 0; i < n; i++) {
        switch (f) {
        case FMT_TEXT:
            if (i)
                sk_buf_putc(&b, '\n');
            compare_text(cmps[i], en, &b);
            break;
        case FMT_JSON:
            sk_buf_puts(&b, i ? ",\n  " : "\n  ");
            compare_json(cmps[i], en, &b);
            break;
        default:
            if (i)
                sk_buf_putc(&b, '\n');
            compare_markup(cmps[i], en, (fmt)f, &b);
            break;
        }
    }
    if (f == FMT_JSON)
        sk_buf_puts(&b, "\n]}\n");
    else if (f == FMT_HTML)
        sk_buf_puts(&b, "</body></html>\n");
    sk_rc rc = b.failed ? SK_ENOMEM : SK_OK;
    if (rc == SK_OK && b.len && fwrite(b.data, 1, b.len, out) != b.len)
        rc = SK_EIO;
    sk_buf_free(&b);
    return rc;
}
