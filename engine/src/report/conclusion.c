/* conclusion.c - signal before noise: the conclusion paragraph that opens
 * each case in a report, and the open questions (the facts the unknown
 * findings lack) grouped by fact and ordered by how many findings each
 * answer could decide, those that could change the case's worst status
 * first. Shared by the text, Markdown and HTML writers. */
#include <stdlib.h>
#include <string.h>

#include "base/ui.h"
#include "report/report_int.h"

static int grouped(const sk_finding *f)
{
    return f->status == SK_ST_UNKNOWN && f->reason != SK_R_EXCEPTION_UNKNOWN && f->nmissing;
}

/* The worst status decided so far: the findings that are not unknown. */
static int decided_rank(const sk_result *res)
{
    int w = 0;
    for (size_t i = 0; i < res->n; i++) {
        uint8_t st = res->findings[i].status;
        if (st != SK_ST_UNKNOWN && sk_status_rank((sk_status)st) > w)
            w = sk_status_rank((sk_status)st);
    }
    return w;
}

static int cmp_q(const void *pa, const void *pb)
{
    const sk_open_q *a = pa, *b = pb;
    if (a->could_change != b->could_change)
        return b->could_change - a->could_change;
    if (a->nrules != b->nrules)
        return a->nrules < b->nrules ? 1 : -1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Adds finding f to the question of the fact at path (its text). */
static int add_q(sk_open_qs *qs, const char *path, size_t len, const sk_finding *f,
                 const sk_fact *fact, int worst)
{
    for (size_t k = 0; k < qs->n; k++) {
        sk_open_q *q = &qs->q[k];
        if (q->len != len || memcmp(qs->text.data + q->off, path, len))
            continue;
        if (q->rules[q->nrules - 1] != f) {
            if (q->nrules == q->cap) {
                size_t cap = q->cap * 2;
                const sk_finding **nr = realloc(q->rules, cap * sizeof *nr);
                if (!nr)
                    return 0;
                q->rules = nr;
                q->cap = cap;
            }
            q->rules[q->nrules++] = f;
            q->could_change |= sk_status_rank((sk_status)f->rule->severity) > worst;
        }
        return 1;
    }
    if (qs->n == qs->cap) {
        size_t cap = qs->cap ? qs->cap * 2 : 16;
        sk_open_q *nq = realloc(qs->q, cap * sizeof *nq);
        if (!nq)
            return 0;
        qs->q = nq;
        qs->cap = cap;
    }
    sk_open_q *q = &qs->q[qs->n];
    memset(q, 0, sizeof *q);
    q->off = qs->text.len;
    q->len = len;
    q->first = qs->n;
    q->fact = fact;
    q->cap = 4;
    q->rules = malloc(q->cap * sizeof *q->rules);
    if (!q->rules)
        return 0;
    sk_buf_append(&qs->text, path, len);
    q->rules[q->nrules++] = f;
    q->could_change = sk_status_rank((sk_status)f->rule->severity) > worst;
    qs->n++;
    return 1;
}

/* "parties[1].role" -> "parties[].role": one question for every item. */
static void unindex(sk_buf *p)
{
    const char *br = p->len ? memchr(p->data, '[', p->len) : NULL;
    if (!br)
        return; /* most paths have no index */
    size_t w = (size_t)(br - p->data);
    for (size_t r = w; r < p->len; r++) {
        p->data[w++] = p->data[r];
        if (p->data[r] == '[')
            while (r + 1 < p->len && p->data[r + 1] >= '0' && p->data[r + 1] <= '9')
                r++;
    }
    p->len = w;
    if (p->data)
        p->data[w] = '\0';
}

int sk_open_questions(const sk_result *res, sk_open_qs *qs)
{
    memset(qs, 0, sizeof *qs);
    sk_buf_init(&qs->text, 0);
    int worst = decided_rank(res);
    sk_buf p;
    sk_buf_init(&p, 0);
    int ok = 1;
    for (size_t i = 0; ok && i < res->n; i++) {
        const sk_finding *f = &res->findings[i];
        if (!grouped(f))
            continue;
        qs->nfindings++;
        for (uint16_t m = 0; ok && m < f->nmissing; m++) {
            sk_buf_clear(&p);
            sk_fact_path(&f->missing[m], &p);
            unindex(&p);
            /* the rendered text moves as the buffer grows: keep offsets */
            ok = !p.failed && add_q(qs, p.data ? p.data : "", p.len, f, &f->missing[m], worst);
        }
    }
    sk_buf_free(&p);
    if (ok && qs->n)
        qsort(qs->q, qs->n, sizeof *qs->q, cmp_q);
    for (size_t k = 0; k < qs->n; k++)
        qs->nchange += qs->q[k].could_change ? 1u : 0u;
    return ok && !qs->text.failed;
}

void sk_open_questions_free(sk_open_qs *qs)
{
    for (size_t k = 0; k < qs->n; k++)
        free(qs->q[k].rules);
    free(qs->q);
    sk_buf_free(&qs->text);
}

/* The question that asks for the fact of q (the schema's), or NULL. */
const char *sk_open_q_text(const sk_open_q *q, int en)
{
    const sk_path *p = q->fact ? q->fact->path : NULL;
    if (!p || p->nsteps == 0)
        return NULL;
    const sk_field *fd = &p->steps[p->nsteps - 1].schema->fields[p->steps[p->nsteps - 1].field];
    return en ? fd->q_en : fd->q_sv;
}

/* ---- the conclusion ------------------------------------------------------ */

#define MAX_TITLES 3

/* "title; title; and 2 more" of the findings with status st (the ids
 * follow in the findings). */
static void titles(const sk_result *res, uint8_t st, int en, sk_buf *b)
{
    size_t k = 0, n = res->counts[st];
    for (size_t i = 0; i < res->n && k < MAX_TITLES; i++) {
        const sk_finding *f = &res->findings[i];
        if (f->status != st)
            continue;
        sk_buf_printf(b, "%s%s", k++ ? "; " : "", f->rule->title[en]);
    }
    if (n > MAX_TITLES)
        sk_buf_printf(b, sk_ui(UI_C_AND_MORE, en), n - MAX_TITLES);
}

/* One clause: the count sentence of message id, then the titles of the
 * findings with status st, then a full stop. */
static void clause(const sk_result *res, uint8_t st, sk_ui_id id, size_t n, int en, sk_buf *b)
{
    sk_buf_printf(b, sk_ui(id, en), n);
    titles(res, st, en, b);
    sk_buf_puts(b, ".");
}

/* The verdict sentence(s): the worst decided status with its findings. */
static void verdict(const sk_result *res, int en, sk_buf *b)
{
    size_t fail = res->counts[SK_ST_FAIL], warn = res->counts[SK_ST_WARN];
    size_t decided = res->counts[SK_ST_PASS] + res->counts[SK_ST_WAIVED];
    if (res->counts[SK_ST_ERROR]) {
        clause(res, SK_ST_ERROR, UI_C_ERROR, res->counts[SK_ST_ERROR], en, b);
    } else if (fail) {
        clause(res, SK_ST_FAIL, fail == 1 ? UI_C_FAIL_1 : UI_C_FAIL, fail, en, b);
        if (warn)
            clause(res, SK_ST_WARN, UI_C_ALSO_RISKS, warn, en, b);
    } else if (warn) {
        clause(res, SK_ST_WARN, warn == 1 ? UI_C_WARN_1 : UI_C_WARN, warn, en, b);
    } else if (res->counts[SK_ST_UNKNOWN]) {
        sk_buf_printf(b, sk_ui(UI_C_UNKNOWN_ONLY, en), res->counts[SK_ST_UNKNOWN]);
    } else if (decided) {
        sk_buf_printf(b, sk_ui(UI_C_PASS, en), decided);
    } else {
        sk_buf_puts(b, sk_ui(UI_C_NONE, en));
    }
}

/* What to do next: act on the findings, then the first open question. */
static void next_steps(const sk_result *res, const sk_open_qs *qs, int en, sk_buf *b)
{
    if (res->counts[SK_ST_FAIL] + res->counts[SK_ST_ERROR])
        sk_buf_puts(b, sk_ui(UI_C_NEXT_FAIL, en));
    else if (res->counts[SK_ST_WARN])
        sk_buf_puts(b, sk_ui(UI_C_NEXT_WARN, en));
    if (!qs || !qs->n)
        return;
    const sk_open_q *q = &qs->q[0];
    sk_buf_printf(b, sk_ui(UI_C_NEXT_ASK, en), qs->n, qs->nfindings);
    const char *text = sk_open_q_text(q, en);
    if (text)
        sk_buf_cat(b, text, " (", NULL);
    sk_buf_append(b, qs->text.data + q->off, q->len);
    if (!text)
        sk_buf_puts(b, " (");
    sk_buf_printf(b, sk_ui(q->nrules == 1 ? UI_C_DECIDES_1 : UI_C_DECIDES, en), q->nrules);
}

void sk_report_conclusion(const sk_result *res, const sk_open_qs *qs, int en, sk_buf *b)
{
    sk_buf_puts(b, sk_ui(UI_C_HEAD, en));
    verdict(res, en, b);
    if (res->counts[SK_ST_WAIVED])
        sk_buf_printf(b, sk_ui(UI_C_WAIVED, en), res->counts[SK_ST_WAIVED]);
    next_steps(res, qs, en, b);
}

void sk_report_conclusion_of(const sk_result *res, int en, sk_buf *b)
{
    sk_open_qs qs;
    int ok = sk_open_questions(res, &qs);
    sk_report_conclusion(res, ok ? &qs : NULL, en, b);
    sk_open_questions_free(&qs);
}
