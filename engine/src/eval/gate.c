/* gate.c - the gates of a rule set (gate.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eval/gate.h"

/* A path from the case's root or from its form's row of the forms table
 * ($form.X): what it reaches depends on the case and the path alone (no
 * binding, no date), and the evaluator resolves it as any other. */
static int case_path(const sk_path *p)
{
    return p && (p->root == SK_ROOT_CASE || p->root == SK_ROOT_FORM);
}

/* The operators a gate compares with: the scalar ones with one literal,
 * in and not_in with a list of literals. */
static int literal_op(const sk_cond *k)
{
    if (k->rhs.path)
        return 0;
    if (k->op == SK_OP_IN || k->op == SK_OP_NOT_IN)
        return k->rhs.is_list;
    return !k->rhs.is_list && (k->op == SK_OP_EQ || k->op == SK_OP_NE || k->op == SK_OP_LT ||
                               k->op == SK_OP_LE || k->op == SK_OP_GT || k->op == SK_OP_GE);
}

int sk_gate_kind_ok(const sk_cond *k)
{
    if (k->kind == SK_C_CMP)
        return literal_op(k) && case_path(k->path);
    if (k->kind == SK_C_EXISTS)
        return case_path(k->path);
    if (k->kind == SK_C_COUNT)
        return !k->where && case_path(k->path);
    return 0;
}

static int same_steps(const sk_path *a, const sk_path *b)
{
    if (a->root != b->root || a->nsteps != b->nsteps ||
        (a->root == SK_ROOT_FORM && a->form_col != b->form_col))
        return 0;
    for (unsigned i = 0; i < a->nsteps; i++)
        if (a->steps[i].schema != b->steps[i].schema || a->steps[i].field != b->steps[i].field ||
            a->steps[i].star != b->steps[i].star)
            return 0;
    return 1;
}

/* The class of p, a new one if none matches; -1 if there is no room. */
static int class_of(sk_gates *g, const sk_path *p)
{
    for (unsigned i = 0; i < g->ncls; i++)
        if (same_steps(g->cls_path[i], p))
            return (int)i;
    if (g->ncls == SK_GATE_MAX_CLASSES)
        return -1;
    g->cls_path[g->ncls] = p;
    return (int)g->ncls++;
}

/* The days on which r's shown citations can change into cut (INT32_MIN
 * first, ascending, distinct): where a citation's window starts or ends,
 * and where the rule's validity does (sk_cite_mask_shown falls back to
 * the citations at the nearest day of it). Returns how many. */
static uint32_t cite_cuts(const sk_rule *r, int32_t *cut)
{
    uint32_t n = 0;
    cut[n++] = INT32_MIN;
    for (uint32_t i = 0; i < r->ncites && i < SK_MAX_CITES; i++) {
        int32_t from, until;
        sk_cite_window(&r->cites[i], &from, &until);
        cut[n++] = from;
        if (until < INT32_MAX)
            cut[n++] = until + 1;
    }
    if (r->has_from)
        cut[n++] = r->valid_from;
    if (r->has_to && r->valid_to < INT32_MAX)
        cut[n++] = r->valid_to + 1;
    for (uint32_t i = 1; i < n; i++) { /* insertion sort: a few cuts */
        int32_t x = cut[i];
        uint32_t j = i;
        for (; j > 0 && cut[j - 1] > x; j--)
            cut[j] = cut[j - 1];
        cut[j] = x;
    }
    uint32_t m = 1;
    for (uint32_t i = 1; i < n; i++)
        if (cut[i] != cut[m - 1])
            cut[m++] = cut[i];
    return m;
}

/* Most cuts of one rule: INT32_MIN, two per citation, two for validity. */
#define MAX_CUTS (1 + 2 * SK_MAX_CITES + 2)

static int cite_steps_build(sk_gates *g, const sk_ruleset *rs)
{
    size_t total = 0; /* at most as many cuts as cite_cuts can make */
    int32_t cut[MAX_CUTS];
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        total += 3 + 2 * (size_t)(r->ncites < SK_MAX_CITES ? r->ncites : SK_MAX_CITES);
    }
    g->mem = malloc((total ? total : 1) * (sizeof(int32_t) + sizeof(uint64_t) + 1));
    if (!g->mem)
        return 0;
    uint64_t *mask = g->mem;
    int32_t *cuts = (int32_t *)(mask + total);
    uint8_t *cert = (uint8_t *)(cuts + total);
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        uint32_t n = cite_cuts(r, cut); /* before dedupe it needs up to MAX_CUTS */
        memcpy(cuts, cut, n * sizeof *cuts);
        for (uint32_t k = 0; k < n; k++) {
            mask[k] = sk_cite_mask_shown(r, cuts[k]);
            cert[k] = (uint8_t)sk_rule_certainty(r, mask[k]);
        }
        g->row[i].cites = (sk_cite_steps){cuts, mask, cert, n};
        cuts += n, mask += n, cert += n;
    }
    return 1;
}

static int same_lit(const sk_lit *a, const sk_lit *b)
{
    if (a->vtype != b->vtype || a->b != b->b || a->days != b->days)
        return 0;
    if (!(a->num == b->num || (a->num != a->num && b->num != b->num)))
        return 0;
    return a->s == b->s || (a->s && b->s && strcmp(a->s, b->s) == 0);
}

/* Do gates a and b (of the same path class) test the same? */
static int same_test(const sk_cond *a, const sk_cond *b)
{
    if (a->kind != b->kind || a->op != b->op || a->want != b->want ||
        a->path->ftype != b->path->ftype || a->rhs.is_list != b->rhs.is_list ||
        a->rhs.nlist != b->rhs.nlist || !same_lit(&a->rhs.lit, &b->rhs.lit))
        return 0;
    for (uint32_t i = 0; i < a->rhs.nlist; i++)
        if (!same_lit(&a->rhs.list[i], &b->rhs.list[i]))
            return 0;
    return 1;
}

/* The id of gate x: that of an equal gate met before (first[id]: the
 * first gate with that id), or a new one; -1 if there is no room. */
static int id_of(sk_gates *g, const sk_gate *x, const sk_gate **first)
{
    for (unsigned id = 0; id < g->nids; id++)
        if (first[id]->cls == x->cls && same_test(first[id]->k, x->k))
            return (int)id;
    if (g->nids == SK_GATE_MAX_CLASSES)
        return -1;
    first[g->nids] = x;
    return (int)g->nids++;
}

/* Each rule's row, but for the citations (cite_steps_build), and the rules
 * that have exceptions; after the gates. 0 if out of memory. */
static int rows_build(sk_gates *g, const sk_ruleset *rs)
{
    g->ndefeated = 0;
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        sk_rule_row *w = &g->row[i];
        w->from = r->has_from ? r->valid_from : INT32_MIN;
        w->to = r->has_to ? r->valid_to : INT32_MAX;
        w->judged_at = r->judged_at < SK_AT__COUNT ? r->judged_at : SK_AT_ASSESSMENT;
        const sk_gate *x = &g->rule[i];
        w->gate = x->k ? x->k->path : NULL;
        w->gate_nsteps = x->k ? x->k->path->nsteps : 0;
        w->wrap = x->wrap, w->cls = x->cls, w->id = x->id;
        if (r->ndefeated_by)
            g->defeated[g->ndefeated++] = (uint32_t)i;
    }
    return 1;
}

int sk_gates_build(sk_gates *g, const sk_ruleset *rs)
{
    g->ncls = g->nids = 0;
    size_t n = rs->nrules ? rs->nrules : 1;
    g->rule = calloc(n, sizeof *g->rule);
    g->row = calloc(n, sizeof *g->row);
    g->defeated = calloc(n, sizeof *g->defeated);
    if (!g->rule || !g->row || !g->defeated || !cite_steps_build(g, rs))
        return 0;
    const sk_gate *first[SK_GATE_MAX_CLASSES];
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_cond *a = rs->rules[i].applies;
        if (!a)
            continue;
        int wrap = a->kind == SK_C_ALL && a->nkids > 0;
        const sk_cond *k = wrap ? a->kids[0] : a;
        if (!sk_gate_kind_ok(k))
            continue;
        int cls = class_of(g, k->path);
        if (cls < 0)
            continue;
        g->rule[i] = (sk_gate){k, (uint8_t)wrap, (uint8_t)cls, 0};
        int id = id_of(g, &g->rule[i], first);
        if (id < 0)
            g->rule[i].k = NULL;
        else
            g->rule[i].id = (uint8_t)id;
    }
    return rows_build(g, rs);
}

void sk_gates_free(sk_gates *g)
{
    free(g->rule);
    free(g->row);
    free(g->defeated);
    free(g->mem);
    g->rule = NULL;
    g->row = NULL;
    g->defeated = NULL;
    g->mem = NULL;
    g->ncls = 0;
}
