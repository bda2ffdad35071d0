/* gate.c - the gates of a rule set (gate.h). */
#include <stdlib.h>

#include "eval/gate.h"

/* A path from the case's root: what it reaches depends on the case and
 * its steps alone (no binding, no date, no forms table). */
static int case_path(const sk_path *p)
{
    return p && p->root == SK_ROOT_CASE;
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
    if (a->root != b->root || a->nsteps != b->nsteps)
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

int sk_gates_build(sk_gates *g, const sk_ruleset *rs)
{
    g->ncls = 0;
    g->rule = calloc(rs->nrules ? rs->nrules : 1, sizeof *g->rule);
    if (!g->rule)
        return 0;
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
        g->rule[i] = (sk_gate){k, (uint8_t)wrap, (uint8_t)cls};
    }
    return 1;
}

void sk_gates_free(sk_gates *g)
{
    free(g->rule);
    g->rule = NULL;
    g->ncls = 0;
}
