/* eval.c - three-valued (Kleene) evaluation of the rules for one case.
 *
 * Every condition evaluates to true, false or unknown. A fact that is not
 * stated is unknown; comparisons with an unknown side are unknown; the
 * connectives follow Kleene's strong logic. While evaluating, the facts
 * read are recorded, and the missing facts that made a result unknown are
 * kept (those behind definite results are dropped again). */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/utf8.h"
#include "eval/gate.h"
#include "eval/result_int.h"

#define MAX_FACTS 256
#define MAX_MISSING 64
#define UTF_OK_MAX 8  /* texts of one case known to be valid UTF-8 */

struct sk_evaluator {
    const sk_ruleset *rs;
    pcre2_match_data *md;
    pcre2_match_context *mctx; /* the rule set's, with a limit set per search */
    sk_fact facts[MAX_FACTS];
    size_t nfacts;
    sk_fact missing[MAX_MISSING];
    size_t nmissing;
    /* the rule set's gates and the citations each rule shows (gate.h) */
    sk_gates gates;
    int gates_on;
    /* the gates' paths and values of the current case (see ectx) */
    struct gate_path {
        const sk_node *n, *deep;
        int done;
    } gpath[SK_GATE_MAX_CLASSES];
    struct gate_val {
        uint8_t value;      /* sk_tri */
        unsigned long more; /* steps besides the gate's own */
    } gval[SK_GATE_MAX_CLASSES];
    /* --explain: the condition nodes of the current rule, in pre-order */
    int trace;
    sk_trace *tr;
    size_t ntr, trcap;
};

typedef struct ectx {
    sk_evaluator *ev;
    const sk_ruleset *rs;
    const sk_case *c;
    int trace;              /* ev->trace */
    int gates_on;           /* ev->gates_on and not tracing */
    sk_fact *one;           /* slot i: the fact of rule i's finding when it has one */
    const sk_node *item[SK_MAX_BIND];
    const sk_node *witness[SK_MAX_BIND]; /* all NULL unless bound */
    int bound;              /* the current rule bound a witness */
    const char *error;
    unsigned long steps;    /* taken by the current rule */
    unsigned long budget;   /* the current rule's share (see limits.h) */
    unsigned long case_steps; /* taken by the rules before it */
    int over;               /* the budget ran out: every loop stops */
    struct coll_index *indexes; /* joins of this case (in the case arena) */
    unsigned depth;         /* tracing: nesting of the node being evaluated */
    sk_judged judged;       /* the rule's date: `date` in its conditions */
    sk_judged judged_at[SK_AT__COUNT]; /* the case's date for each judged_at */
    /* texts of this case already checked to be valid UTF-8: PCRE2 need
     * not check them again for every regex (this evaluation only: the
     * case arena outlives it) */
    const char *utf_ok[UTF_OK_MAX];
    unsigned nutf_ok;
    /* each gate path class resolved once per case (gknown bit set), each
     * gate's value found once per case (vknown bit set): in ev->gpath and
     * ev->gval, which need no clearing per case */
    uint64_t gknown, vknown;
} ectx;

typedef struct val {
    uint8_t vt;
    bool b;
    double num;
    int32_t days;
    const char *s;
} val;

sk_rc sk_evaluator_new(sk_evaluator **out, const sk_ruleset *rs)
{
    sk_evaluator *ev = calloc(1, sizeof *ev);
    if (!ev)
        return SK_ENOMEM;
    ev->rs = rs;
    ev->gates_on = 1;
    ev->md = pcre2_match_data_create(1, NULL);
    ev->mctx = rs->mctx ? pcre2_match_context_copy(rs->mctx) : pcre2_match_context_create(NULL);
    if (!ev->md || !ev->mctx || !sk_gates_build(&ev->gates, rs)) {
        sk_evaluator_free(ev);
        return SK_ENOMEM;
    }
    *out = ev;
    return SK_OK;
}

void sk_evaluator_free(sk_evaluator *ev)
{
    if (!ev)
        return;
    pcre2_match_data_free(ev->md);
    pcre2_match_context_free(ev->mctx);
    sk_gates_free(&ev->gates);
    free(ev->tr);
    free(ev);
}

void sk_evaluator_set_gates(sk_evaluator *ev, int on)
{
    ev->gates_on = on != 0;
}

void sk_evaluator_set_trace(sk_evaluator *ev, int on)
{
    ev->trace = on != 0;
}

/* ---- facts ------------------------------------------------------------ */

static void add_fact(ectx *e, const sk_node *n, const sk_path *p, int from, int missing)
{
    sk_evaluator *ev = e->ev;
    if (missing) {
        for (size_t i = 0; i < ev->nmissing; i++)
            if (ev->missing[i].node == n && ev->missing[i].path == p && ev->missing[i].from == from)
                return;
        if (ev->nmissing < MAX_MISSING)
            ev->missing[ev->nmissing++] = (sk_fact){n, p, (uint8_t)from, 1};
    }
    for (size_t i = 0; i < ev->nfacts; i++) {
        const sk_fact *f = &ev->facts[i];
        if (f->node == n && (missing ? f->path == p && f->from == from
                                     : !f->missing && f->from == f->path->nsteps &&
                                       from == p->nsteps && f->path->root == p->root))
            return;
    }
    if (ev->nfacts < MAX_FACTS)
        ev->facts[ev->nfacts++] = (sk_fact){n, p, (uint8_t)from, (uint8_t)missing};
}

/* ---- paths ------------------------------------------------------------ */

static const sk_node *root_of(ectx *e, const sk_path *p)
{
    switch ((sk_root)p->root) {
    case SK_ROOT_BIND:
        return e->item[p->slot];
    case SK_ROOT_FORM: {
        const sk_form_row *row = &e->rs->rows[e->c->form];
        return row->present ? row->cells[p->form_col].value : NULL;
    }
    case SK_ROOT_CASE:
    case SK_ROOT_DATE: /* the date's path starts at the case's root */
        break;
    }
    return e->c->root;
}

/* Walks steps [from, to) from start. Returns the node reached, or NULL if
 * a step is not stated; then *deep is the deepest node reached (the
 * explicit unknown node, if one was written) and *done the steps taken. */
static const sk_node *walk(const sk_node *start, const sk_path *p, int from, int to,
                           const sk_node **deep, int *done)
{
    const sk_node *cur = start;
    *deep = start;
    *done = from;
    if (sk_node_is_unknown(cur))
        return NULL;
    for (int i = from; i < to; i++) {
        const sk_node *next = sk_case_get(cur, p->steps[i].schema, p->steps[i].field);
        if (sk_node_is_unknown(next)) {
            if (next) {
                *deep = next;
                *done = i + 1;
            } else {
                *deep = cur;
                *done = i;
            }
            return NULL;
        }
        cur = next;
    }
    *deep = cur;
    *done = to;
    return cur;
}

/* Resolves p up to step `to`: the node, or NULL with *deep and *done as
 * walk gives them. */
static const sk_node *locate(ectx *e, const sk_path *p, int to, const sk_node **deepp, int *donep)
{
    const sk_node *deep;
    int done;
    const sk_node *n;
    if (p->root == SK_ROOT_CASE && to > 0 && p->steps[0].field < 32 &&
        p->steps[0].schema == &sk_case_schema && e->c->top_of == e->c->root) {
        /* first step from the case's table of top-level fields */
        const sk_node *first = e->c->top[p->steps[0].field];
        if (sk_node_is_unknown(first)) {
            n = NULL;
            deep = first ? first : e->c->root;
            done = first ? 1 : 0;
        } else {
            n = walk(first, p, 1, to, &deep, &done);
        }
    } else {
        n = walk(root_of(e, p), p, 0, to, &deep, &done);
    }
    *deepp = deep;
    *donep = done;
    return n;
}

/* Resolves p up to step `to`, recording the fact or the missing fact. */
static const sk_node *resolve(ectx *e, const sk_path *p, int to, int record)
{
    const sk_node *deep;
    int done;
    const sk_node *n = locate(e, p, to, &deep, &done);
    if (record)
        add_fact(e, n ? n : deep, p, n ? p->nsteps : done, n == NULL);
    return n;
}

static int node_val(const sk_node *n, int ftype, val *v)
{
    if (sk_node_is_unknown(n) || n->kind != SK_SCALAR)
        return 0;
    v->vt = n->vtype;
    v->s = n->u.s;
    switch ((sk_vtype)n->vtype) {
    case SK_VT_BOOL: v->b = n->v.b; break;
    case SK_VT_NUM: v->num = n->v.num; break;
    case SK_VT_DATE: v->days = n->v.days; break;
    case SK_VT_TEXT:
        if (ftype == SK_F_TEXT_OR_BOOL) { /* a stated decision counts as made */
            v->vt = SK_VT_BOOL;
            v->b = true;
        }
        break;
    case SK_VT_NONE: return 0; /* "unknown" stated: no value */
    }
    return 1;
}

/* The single value a scalar path denotes; 0 if unknown. */
static int path_val(ectx *e, const sk_path *p, val *v)
{
    if (p->root == SK_ROOT_DATE) {
        /* the date the rule is judged at (the assessment date by default) */
        const sk_node *dn = sk_map_get(e->c->root, sk_date_field_names[e->judged.source]);
        add_fact(e, dn ? dn : e->c->root, p, dn ? p->nsteps : 0, 0);
        v->vt = SK_VT_DATE;
        v->days = e->judged.day;
        return 1;
    }
    const sk_node *n = resolve(e, p, p->nsteps, 1);
    return n && node_val(n, p->ftype, v);
}

static int val_eq(const val *a, const val *b)
{
    if (a->vt != b->vt)
        return 0;
    switch ((sk_vtype)a->vt) {
    case SK_VT_BOOL: return a->b == b->b;
    case SK_VT_NUM: return a->num == b->num;
    case SK_VT_DATE: return a->days == b->days;
    case SK_VT_TEXT:
    case SK_VT_NONE:
        break;
    }
    /* texts mostly differ in their first byte (enum values): no call then */
    return a->s[0] == b->s[0] && (a->s == b->s || strcmp(a->s, b->s) == 0);
}

static int val_cmp(const val *a, const val *b)
{
    if (a->vt == SK_VT_DATE)
        return (a->days > b->days) - (a->days < b->days);
    return (a->num > b->num) - (a->num < b->num);
}

static sk_tri apply_op(sk_op op, const val *a, const val *b)
{
    switch (op) {
    case SK_OP_EQ: return val_eq(a, b) ? SK_TRUE : SK_FALSE;
    case SK_OP_NE: return val_eq(a, b) ? SK_FALSE : SK_TRUE;
    case SK_OP_LT: return val_cmp(a, b) < 0 ? SK_TRUE : SK_FALSE;
    case SK_OP_LE: return val_cmp(a, b) <= 0 ? SK_TRUE : SK_FALSE;
    case SK_OP_GT: return val_cmp(a, b) > 0 ? SK_TRUE : SK_FALSE;
    case SK_OP_GE: return val_cmp(a, b) >= 0 ? SK_TRUE : SK_FALSE;
    case SK_OP_IN:           /* compared by eval_cmp itself: */
    case SK_OP_NOT_IN:       /* the compiler admits only numeric */
    case SK_OP_CONTAINS:     /* operators where apply_op is used */
    case SK_OP_INTERSECTS:
    case SK_OP__COUNT:
        break;
    }
    return SK_UNKNOWN;
}

static val lit_val(const sk_lit *l)
{
    val v = {l->vtype, l->b, l->num, l->days, l->s};
    return v;
}

/* ---- collections ------------------------------------------------------ */

typedef struct coll {
    const sk_node *list;
    const sk_path *p;
    int projection;
} coll;

/* Opens a collection path (list of scalars or LIST[*].FIELD); 0 if the
 * list itself is unknown. */
static int coll_open(ectx *e, const sk_path *p, coll *c)
{
    c->p = p;
    c->projection = p->star_at != 0xFF && p->star_at < p->nsteps;
    int to = c->projection ? p->star_at : p->nsteps;
    if (p->root == SK_ROOT_FORM) {
        c->list = root_of(e, p);
        add_fact(e, c->list ? c->list : e->c->root, p, 0, c->list == NULL);
    } else {
        const sk_node *deep;
        int done;
        c->list = walk(root_of(e, p), p, 0, to, &deep, &done);
        add_fact(e, c->list ? c->list : deep, p, c->list ? (uint8_t)to : (uint8_t)done, c->list == NULL);
    }
    return c->list && c->list->kind == SK_SEQ;
}

/* Value of item i; 0 if unknown (recorded as missing). */
static int coll_item(ectx *e, const coll *c, uint32_t i, val *v)
{
    const sk_node *it = c->list->u.items[i];
    int ftype = c->p->ftype == SK_F_LIST ? c->p->item : c->p->ftype;
    if (!c->projection)
        return node_val(it, ftype, v) ? 1 : (add_fact(e, it, c->p, c->p->nsteps, 1), 0);
    const sk_node *deep;
    int done;
    const sk_node *n = walk(it, c->p, c->p->star_at, c->p->nsteps, &deep, &done);
    if (!n) {
        add_fact(e, deep, c->p, done, 1);
        return 0;
    }
    return node_val(n, ftype, v);
}

/* A hash index over the values of one collection of the case, so that
 * "X in LIST[*].FIELD" inside a quantifier is linear rather than
 * quadratic. Built on first use for lists of JOIN_INDEX_MIN items or
 * more; the answers and the facts recorded are exactly those of the
 * plain scan (coll_scan). */
enum { JOIN_INDEX_MIN = 32 };

static int step(ectx *e);

typedef struct coll_index {
    const sk_node *list;
    const sk_path *p;
    uint32_t mask;          /* slots - 1 (a power of two) */
    uint32_t *slot;         /* item index + 1; 0 = empty */
    val *vals;              /* the items' values */
    uint32_t *unknown;      /* items whose value is unknown, in order */
    uint32_t nunknown;
    struct coll_index *next;
} coll_index;

static uint32_t val_hash(const val *v)
{
    uint32_t h = 2166136261u ^ v->vt;
    const unsigned char *p = (const unsigned char *)v->s;
    size_t n = 0;
    double num = v->num == 0 ? 0 : v->num; /* -0 and 0 are equal */
    switch ((sk_vtype)v->vt) {
    case SK_VT_BOOL: return h ^ (uint32_t)v->b;
    case SK_VT_DATE: return (h ^ (uint32_t)v->days) * 16777619u;
    case SK_VT_NUM: p = (const unsigned char *)&num; n = sizeof num; break;
    case SK_VT_TEXT:
    case SK_VT_NONE: n = strlen(v->s); break;
    }
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

static coll_index *index_build(ectx *e, const coll *c)
{
    sk_arena *a = e->c->arena;
    uint32_t n = c->list->len, slots = 64;
    while (slots < 2 * n)
        slots *= 2;
    coll_index *x = sk_arena_calloc(a, 1, sizeof *x);
    if (!x || !(x->slot = sk_arena_calloc(a, slots, sizeof *x->slot)) ||
        !(x->vals = sk_arena_calloc(a, n, sizeof *x->vals)) ||
        !(x->unknown = sk_arena_calloc(a, n, sizeof *x->unknown)))
        return NULL;
    x->list = c->list;
    x->p = c->p;
    x->mask = slots - 1;
    size_t nf = e->ev->nfacts, nm = e->ev->nmissing; /* building records nothing */
    for (uint32_t i = 0; i < n && step(e); i++) {
        if (!coll_item(e, c, i, &x->vals[i])) {
            x->unknown[x->nunknown++] = i;
            continue;
        }
        uint32_t h = val_hash(&x->vals[i]) & x->mask;
        while (x->slot[h])
            h = (h + 1) & x->mask;
        x->slot[h] = i + 1;
    }
    e->ev->nfacts = nf;
    e->ev->nmissing = nm;
    x->next = e->indexes;
    e->indexes = x;
    return x;
}

static coll_index *index_of(ectx *e, const coll *c)
{
    for (coll_index *x = e->indexes; x; x = x->next)
        if (x->list == c->list && x->p == c->p)
            return x;
    return index_build(e, c);
}

/* Is value a in the collection? The plain scan. */
static sk_tri coll_scan(ectx *e, const coll *c, const val *a)
{
    int unknown = 0;
    for (uint32_t i = 0; i < c->list->len && step(e); i++) {
        val v = {0};
        if (!coll_item(e, c, i, &v))
            unknown = 1;
        else if (val_eq(a, &v))
            return SK_TRUE;
    }
    return unknown ? SK_UNKNOWN : SK_FALSE;
}

/* Is value a in the collection? Through the index for long lists. */
static sk_tri coll_has(ectx *e, const coll *c, const val *a)
{
    coll_index *x = c->list->len >= JOIN_INDEX_MIN ? index_of(e, c) : NULL;
    if (!x || e->over)
        return coll_scan(e, c, a);
    if (!step(e))
        return SK_UNKNOWN;
    for (uint32_t h = val_hash(a) & x->mask; x->slot[h]; h = (h + 1) & x->mask)
        if (val_eq(a, &x->vals[x->slot[h] - 1]))
            return SK_TRUE;
    /* as the scan: each unknown item records what is missing */
    for (uint32_t k = 0; k < x->nunknown; k++) {
        val v;
        coll_item(e, c, x->unknown[k], &v);
    }
    return x->nunknown ? SK_UNKNOWN : SK_FALSE;
}

/* ---- the step budget -------------------------------------------------- */

/* The rule's budget is spent: the finding is then an error naming the
 * limit, and every loop stops at once. Out of line, so that the callers'
 * common path saves no registers for it. */
__attribute__((noinline, cold)) static int budget_spent(ectx *e)
{
    if (!e->over) {
        e->over = 1;
        e->error = sk_arena_printf(e->c->arena, e->budget < SK_EVAL_STEPS_PER_RULE
                                       ? "evaluation step budget of the case (%lu) spent"
                                       : "evaluation step budget of the rule (%lu) spent",
                                   e->budget < SK_EVAL_STEPS_PER_RULE ? SK_EVAL_STEPS_PER_CASE
                                                                      : SK_EVAL_STEPS_PER_RULE);
    }
    return 0;
}

/* Counts one step; 0 once the rule's budget is spent. */
static inline int step(ectx *e)
{
    if (++e->steps <= e->budget)
        return 1;
    return budget_spent(e);
}

/* ---- conditions ------------------------------------------------------- */

static sk_tri eval(ectx *e, const sk_cond *k);

static sk_tri not3(sk_tri t)
{
    return t == SK_UNKNOWN ? SK_UNKNOWN : t == SK_TRUE ? SK_FALSE : SK_TRUE;
}

/* Definite results drop the missing facts recorded since mark. */
static sk_tri settle(ectx *e, size_t mark, sk_tri t)
{
    if (t != SK_UNKNOWN)
        e->ev->nmissing = mark;
    return t;
}

static sk_tri eval_connective(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    sk_tri stop = k->kind == SK_C_ALL ? SK_FALSE : SK_TRUE;
    int unknown = 0;
    for (uint32_t i = 0; i < k->nkids; i++) {
        sk_tri t = eval(e, k->kids[i]);
        if (t == stop)
            return settle(e, mark, stop);
        unknown |= t == SK_UNKNOWN;
    }
    return settle(e, mark, unknown ? SK_UNKNOWN : not3(stop));
}

/* A quantifier whose `where` pins a field of the item to a value that
 * does not depend on the item ("the party named X":
 * {any: parties[*], as: p, where: {all: [{path: $p.name, eq: ...}, ...]}})
 * is evaluated over a long list through an index: items whose field has
 * another value make the `where` false, which cannot change the verdict or
 * the witness of any/none. Only the matching items and those whose field is
 * unknown are evaluated, in list order. For lists of QUANT_INDEX_MIN items
 * or more (a real case has far fewer: then the plain loop, and the facts
 * recorded, are as they always were). */
enum { QUANT_INDEX_MIN = 256 };

/* The conjunct of k's `where` that pins $item.FIELD, or NULL. */
static const sk_cond *pinning_conjunct(const sk_cond *k)
{
    const sk_cond *w = k->where;
    const sk_cond *const *kids = w->kind == SK_C_ALL ? (const sk_cond *const *)w->kids : &w;
    uint32_t n = w->kind == SK_C_ALL ? w->nkids : 1;
    for (uint32_t i = 0; i < n; i++) {
        const sk_cond *c = kids[i];
        if (c->kind != SK_C_CMP || c->op != SK_OP_EQ || c->rhs.is_list)
            continue;
        const sk_path *l = c->path, *r = c->rhs.path;
        if (l->root != SK_ROOT_BIND || l->slot != k->slot || l->star_at != 0xFF)
            continue;
        if (r && ((r->root == SK_ROOT_BIND && r->slot == k->slot) || r->star_at != 0xFF))
            continue;
        return c;
    }
    return NULL;
}

/* Values of pin's field for every item of list (built once per case). */
static coll_index *quant_index(ectx *e, const sk_cond *k, const sk_cond *pin, const sk_node *list)
{
    for (coll_index *x = e->indexes; x; x = x->next)
        if (x->list == list && x->p == pin->path)
            return x;
    sk_arena *a = e->c->arena;
    uint32_t n = list->len, slots = 64;
    while (slots < 2 * n)
        slots *= 2;
    coll_index *x = sk_arena_calloc(a, 1, sizeof *x);
    if (!x || !(x->slot = sk_arena_calloc(a, slots, sizeof *x->slot)) ||
        !(x->vals = sk_arena_calloc(a, n, sizeof *x->vals)) ||
        !(x->unknown = sk_arena_calloc(a, n, sizeof *x->unknown)))
        return NULL;
    x->list = list;
    x->p = pin->path;
    x->mask = slots - 1;
    size_t nf = e->ev->nfacts, nm = e->ev->nmissing; /* building records nothing */
    const sk_node *saved = e->item[k->slot];
    for (uint32_t i = 0; i < n && step(e); i++) {
        e->item[k->slot] = list->u.items[i];
        if (!path_val(e, pin->path, &x->vals[i])) {
            x->unknown[x->nunknown++] = i;
            continue;
        }
        uint32_t h = val_hash(&x->vals[i]) & x->mask;
        while (x->slot[h])
            h = (h + 1) & x->mask;
        x->slot[h] = i + 1;
    }
    e->item[k->slot] = saved;
    e->ev->nfacts = nf;
    e->ev->nmissing = nm;
    x->next = e->indexes;
    e->indexes = x;
    return x;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The items of list that k must evaluate, in order, into *out (n of
 * them); 0 when the plain loop must run instead. */
static int quant_candidates(ectx *e, const sk_cond *k, const sk_node *list, uint32_t **out,
                            uint32_t *n)
{
    const sk_cond *pin = pinning_conjunct(k);
    if (!pin)
        return 0;
    val b;
    size_t nf = e->ev->nfacts, nm = e->ev->nmissing;
    int kb = pin->rhs.path ? path_val(e, pin->rhs.path, &b) : (b = lit_val(&pin->rhs.lit), 1);
    e->ev->nfacts = nf; /* recorded again when the items are evaluated */
    e->ev->nmissing = nm;
    coll_index *x = kb ? quant_index(e, k, pin, list) : NULL;
    uint32_t *c = x ? sk_arena_alloc(e->c->arena, (list->len ? list->len : 1) * sizeof *c) : NULL;
    if (!c || e->over)
        return 0;
    uint32_t m = 0;
    for (uint32_t h = val_hash(&b) & x->mask; x->slot[h]; h = (h + 1) & x->mask)
        if (val_eq(&b, &x->vals[x->slot[h] - 1]))
            c[m++] = x->slot[h] - 1;
    memcpy(c + m, x->unknown, x->nunknown * sizeof *c);
    m += x->nunknown;
    qsort(c, m, sizeof *c, cmp_u32);
    *out = c;
    *n = m;
    return 1;
}

/* all / any / none over LIST[*] */
static sk_tri eval_quant(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    const sk_node *list = resolve(e, k->path, k->path->nsteps, 1);
    if (!list || list->kind != SK_SEQ)
        return SK_UNKNOWN;
    int any = k->kind != SK_C_QALL; /* QANY and QNONE look for a true item */
    uint32_t *only = NULL, n = list->len;
    if (any && list->len >= QUANT_INDEX_MIN && !quant_candidates(e, k, list, &only, &n))
        only = NULL, n = list->len;
    const sk_node *first_unknown = NULL;
    sk_tri result = any ? SK_FALSE : SK_TRUE;
    for (uint32_t j = 0; j < n && !e->over; j++) {
        const sk_node *item = list->u.items[only ? only[j] : j];
        e->item[k->slot] = item;
        sk_tri t = eval(e, k->where);
        if (t == SK_UNKNOWN) {
            if (!first_unknown)
                first_unknown = item;
            continue;
        }
        if ((any && t == SK_TRUE) || (!any && t == SK_FALSE)) {
            e->witness[k->slot] = item;
            e->bound = 1;
            result = any ? SK_TRUE : SK_FALSE;
            break;
        }
    }
    if (first_unknown && result == (any ? SK_FALSE : SK_TRUE)) {
        e->witness[k->slot] = first_unknown;
        e->bound = 1;
        result = SK_UNKNOWN;
    }
    e->item[k->slot] = NULL;
    if (k->kind == SK_C_QNONE)
        result = not3(result);
    return settle(e, mark, result);
}

/* Does the range [lo, hi] satisfy op N: all of it (true), none (false)? */
static sk_tri range_op(sk_op op, double lo, double hi, double n)
{
    val a = {SK_VT_NUM, 0, lo, 0, NULL}, b = {SK_VT_NUM, 0, hi, 0, NULL}, c = {SK_VT_NUM, 0, n, 0, NULL};
    if (op == SK_OP_EQ || op == SK_OP_NE) {
        sk_tri t = lo == hi && lo == n ? SK_TRUE : (n < lo || n > hi) ? SK_FALSE : SK_UNKNOWN;
        return op == SK_OP_EQ ? t : not3(t);
    }
    sk_tri tl = apply_op(op, &a, &c), th = apply_op(op, &b, &c);
    return tl == th ? tl : SK_UNKNOWN;
}

static sk_tri eval_count(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    const sk_node *list = resolve(e, k->path, k->path->nsteps, 1);
    if (!list || list->kind != SK_SEQ)
        return SK_UNKNOWN;
    double lo = 0, hi = 0;
    for (uint32_t i = 0; i < list->len && step(e); i++) {
        sk_tri t = SK_TRUE;
        if (k->where) {
            e->item[k->slot] = list->u.items[i];
            t = eval(e, k->where);
        }
        lo += t == SK_TRUE;
        hi += t != SK_FALSE;
    }
    e->item[k->slot] = NULL;
    return settle(e, mark, range_op(k->op, lo, hi, k->rhs.lit.num));
}

static sk_tri eval_sum(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    coll c;
    if (!coll_open(e, k->path, &c))
        return SK_UNKNOWN;
    double sum = 0;
    int unknown = 0;
    for (uint32_t i = 0; i < c.list->len && step(e); i++) {
        val v = {0};
        if (coll_item(e, &c, i, &v))
            sum += v.num;
        else
            unknown = 1;
    }
    if (unknown)
        return SK_UNKNOWN;
    /* percentages are written with decimals: compare to a cent */
    double rounded = (double)(long long)(sum * 100 + (sum >= 0 ? 0.5 : -0.5)) / 100;
    val a = {SK_VT_NUM, 0, rounded, 0, NULL}, b = lit_val(&k->rhs.lit);
    return settle(e, mark, apply_op(k->op, &a, &b));
}

/* k, a comparison with literals only (EQ..GE with a scalar, IN and NOT_IN
 * with a list), for the value a. */
static sk_tri cmp_literal(const sk_cond *k, const val *a)
{
    if (k->op != SK_OP_IN && k->op != SK_OP_NOT_IN) {
        val b = lit_val(&k->rhs.lit);
        return apply_op((sk_op)k->op, a, &b);
    }
    sk_tri t = SK_FALSE;
    for (uint32_t i = 0; i < k->rhs.nlist && t == SK_FALSE; i++) {
        val b = lit_val(&k->rhs.list[i]);
        t = val_eq(a, &b) ? SK_TRUE : SK_FALSE;
    }
    return k->op == SK_OP_IN ? t : not3(t);
}

static sk_tri eval_cmp(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    val a, b;
    sk_tri t;
    switch ((sk_op)k->op) {
    case SK_OP_IN:
    case SK_OP_NOT_IN: {
        int ka = path_val(e, k->path, &a);
        if (k->rhs.path) {
            coll c;
            int kc = coll_open(e, k->rhs.path, &c);
            if (!ka || !kc)
                return SK_UNKNOWN;
            t = coll_has(e, &c, &a);
        } else {
            if (!ka)
                return SK_UNKNOWN;
            return settle(e, mark, cmp_literal(k, &a));
        }
        return settle(e, mark, k->op == SK_OP_IN ? t : not3(t));
    }
    case SK_OP_CONTAINS: {
        coll c;
        int kc = coll_open(e, k->path, &c);
        int kb = k->rhs.path ? path_val(e, k->rhs.path, &b) : (b = lit_val(&k->rhs.lit), 1);
        if (!kc || !kb)
            return SK_UNKNOWN;
        return settle(e, mark, coll_has(e, &c, &b));
    }
    case SK_OP_INTERSECTS: {
        coll c;
        if (!coll_open(e, k->path, &c))
            return SK_UNKNOWN;
        coll d2;
        int kd = k->rhs.path ? coll_open(e, k->rhs.path, &d2) : 1;
        if (!kd)
            return SK_UNKNOWN;
        int unknown = 0;
        for (uint32_t i = 0; i < c.list->len && step(e); i++) {
            if (!coll_item(e, &c, i, &a)) {
                unknown = 1;
                continue;
            }
            if (k->rhs.path) {
                t = coll_has(e, &d2, &a);
            } else {
                t = SK_FALSE;
                for (uint32_t j = 0; j < k->rhs.nlist && t == SK_FALSE; j++) {
                    b = lit_val(&k->rhs.list[j]);
                    t = val_eq(&a, &b) ? SK_TRUE : SK_FALSE;
                }
            }
            if (t == SK_TRUE)
                return settle(e, mark, SK_TRUE);
            unknown |= t == SK_UNKNOWN;
        }
        return settle(e, mark, unknown ? SK_UNKNOWN : SK_FALSE);
    }
    case SK_OP_EQ:
    case SK_OP_NE:
    case SK_OP_LT:
    case SK_OP_LE:
    case SK_OP_GT:
    case SK_OP_GE: {
        int ka = path_val(e, k->path, &a);
        int kb = k->rhs.path ? path_val(e, k->rhs.path, &b) : (b = lit_val(&k->rhs.lit), 1);
        if (!ka || !kb)
            return SK_UNKNOWN;
        return settle(e, mark, apply_op((sk_op)k->op, &a, &b));
    }
    case SK_OP__COUNT:
        break;
    }
    return SK_UNKNOWN; /* not reached: the compiler admits only the operators above */
}

static sk_tri eval_exists(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    const sk_node *n = k->path->root == SK_ROOT_DATE ? e->c->root
                     : resolve(e, k->path, k->path->nsteps, 1);
    e->ev->nmissing = mark; /* exists is two-valued: nothing is missing */
    return (n != NULL) == k->want ? SK_TRUE : SK_FALSE;
}

/* PCRE2's match limit counts per start position, so a search over n
 * bytes may take n times the limit. The limit for one search is the total
 * budget (SK_REGEX_BUDGET_FACTOR times --regex-match-limit) shared out over
 * the start positions, never below SK_REGEX_MIN_PER_START nor above the
 * limit itself: the whole search is bounded. */
static uint32_t regex_limit(const sk_limits *lim, size_t len)
{
    unsigned long budget = lim->regex_match_limit * SK_REGEX_BUDGET_FACTOR;
    unsigned long per = budget / ((unsigned long)len + 1);
    if (per < SK_REGEX_MIN_PER_START)
        per = SK_REGEX_MIN_PER_START;
    if (per > lim->regex_match_limit)
        per = lim->regex_match_limit;
    return (uint32_t)per;
}

/* PCRE2_NO_UTF_CHECK when s (len bytes) is valid UTF-8, checked once per
 * text and evaluation instead of by PCRE2 for every regex; otherwise 0,
 * and PCRE2 checks (and reports) it as before. */
static uint32_t utf_checked(ectx *e, const char *s, size_t len)
{
    for (unsigned i = 0; i < e->nutf_ok; i++)
        if (e->utf_ok[i] == s)
            return PCRE2_NO_UTF_CHECK;
    if (sk_utf8_invalid_at(s, len) != (size_t)-1)
        return 0;
    if (e->nutf_ok < UTF_OK_MAX)
        e->utf_ok[e->nutf_ok++] = s;
    return PCRE2_NO_UTF_CHECK;
}

static sk_tri eval_match(ectx *e, const sk_cond *k)
{
    size_t mark = e->ev->nmissing;
    val a;
    if (!path_val(e, k->path, &a))
        return SK_UNKNOWN;
    const pcre2_code *code = sk_ruleset_regex(e->rs, k->regex);
    size_t len = strlen(a.s);
    pcre2_set_match_limit(e->ev->mctx, regex_limit(&e->rs->lim, len));
    int rc = pcre2_match(code, (PCRE2_SPTR)a.s, len, 0, utf_checked(e, a.s, len),
                         e->ev->md, e->ev->mctx);
    if (rc >= 0)
        return settle(e, mark, SK_TRUE);
    if (rc == PCRE2_ERROR_NOMATCH)
        return settle(e, mark, SK_FALSE);
    PCRE2_UCHAR buf[160];
    pcre2_get_error_message(rc, buf, sizeof buf);
    if (!e->error)
        e->error = sk_arena_printf(e->c->arena, "regex: %s", (const char *)buf);
    return SK_UNKNOWN;
}

static sk_tri eval_node(ectx *e, const sk_cond *k)
{
    switch ((sk_ckind)k->kind) {
    case SK_C_ALL:
    case SK_C_ANY:
        return eval_connective(e, k);
    case SK_C_NOT:
        return not3(eval(e, k->kids[0]));
    case SK_C_QALL:
    case SK_C_QANY:
    case SK_C_QNONE:
        return eval_quant(e, k);
    case SK_C_COUNT:
        return eval_count(e, k);
    case SK_C_SUM:
        return eval_sum(e, k);
    case SK_C_CMP:
        return eval_cmp(e, k);
    case SK_C_EXISTS:
        return eval_exists(e, k);
    case SK_C_MATCH:
        return eval_match(e, k);
    }
    return SK_UNKNOWN; /* not reached: every kind is handled above */
}

/* Records the node (pre-order) with the bindings in force, evaluates it,
 * and fills in its value. A trace that cannot grow is cut short. */
__attribute__((noinline)) static sk_tri eval_traced(ectx *e, const sk_cond *k)
{
    sk_evaluator *ev = e->ev;
    size_t at = (size_t)-1;
    if (ev->ntr == ev->trcap && ev->trcap < 65536) {
        size_t cap = ev->trcap ? ev->trcap * 2 : 64;
        sk_trace *v = realloc(ev->tr, cap * sizeof *v);
        if (v) {
            ev->tr = v;
            ev->trcap = cap;
        }
    }
    if (ev->ntr < ev->trcap) {
        at = ev->ntr++;
        sk_trace *t = &ev->tr[at];
        t->cond = k;
        t->value = SK_UNKNOWN;
        t->depth = (uint8_t)(e->depth < 255 ? e->depth : 255);
        memcpy(t->item, e->item, sizeof t->item);
    }
    e->depth++;
    sk_tri v = eval_node(e, k);
    e->depth--;
    if (at != (size_t)-1)
        ev->tr[at].value = (uint8_t)v;
    return v;
}

static sk_tri eval(ectx *e, const sk_cond *k)
{
    if (!step(e))
        return SK_UNKNOWN;
    if (e->trace)
        return eval_traced(e, k);
    return eval_node(e, k);
}

/* ---- gates (gate.h) --------------------------------------------------- */

/* The gate k's value for the node its path reaches (NULL: not stated),
 * as eval_cmp, eval_exists and eval_count find it; *steps: the steps its
 * evaluation takes besides its own. */
static sk_tri gate_value(const sk_cond *k, const sk_node *n, unsigned long *steps)
{
    *steps = 0;
    if (k->kind == SK_C_EXISTS)
        return (n != NULL) == k->want ? SK_TRUE : SK_FALSE;
    if (k->kind == SK_C_COUNT) {
        if (!n || n->kind != SK_SEQ)
            return SK_UNKNOWN;
        *steps = n->len; /* one per item */
        return range_op((sk_op)k->op, n->len, n->len, k->rhs.lit.num);
    }
    val a; /* SK_C_CMP: sk_gate_kind_ok admits no other kind */
    if (!n || !node_val(n, k->path->ftype, &a))
        return SK_UNKNOWN;
    return cmp_literal(k, &a);
}

/* Is the rule's gate false for this case? Then the full evaluation would
 * find the rule not applicable after the gate alone: its steps are
 * counted and its one fact is the finding's (slot i of e->one), as that
 * evaluation finds. 0 (nothing recorded) when there is no gate, it is not
 * false, the rule's budget would not cover it, or the evaluator traces
 * (e->gates_on is 0). */
static int gate_false(ectx *e, const sk_rule_row *g, size_t i, sk_finding *f)
{
    sk_evaluator *ev = e->ev;
    if (!g->gate || !e->gates_on)
        return 0;
    struct gate_path *gp = &ev->gpath[g->cls];
    if (!(e->gknown >> g->cls & 1)) {
        const sk_path *p = ev->gates.cls_path[g->cls];
        gp->n = locate(e, p, p->nsteps, &gp->deep, &gp->done);
        e->gknown |= (uint64_t)1 << g->cls;
    }
    struct gate_val *gv = &ev->gval[g->id];
    if (!(e->vknown >> g->id & 1)) {
        gv->value = (uint8_t)gate_value(ev->gates.rule[i].k, gp->n, &gv->more);
        e->vknown |= (uint64_t)1 << g->id;
    }
    if (gv->value != SK_FALSE || g->wrap + 1 + gv->more > e->budget)
        return 0;
    e->steps = g->wrap + 1 + gv->more;
    e->one[i] = gp->n ? (sk_fact){gp->n, g->gate, g->gate_nsteps, 0}
                      : (sk_fact){gp->deep, g->gate, (uint8_t)gp->done, 1};
    f->facts = &e->one[i];
    f->nfacts = 1;
    f->nmissing = 0;
    return 1;
}

/* ---- rules ------------------------------------------------------------ */

/* The facts, missing facts, bindings and trace of the rule just evaluated
 * (rule i) into f (copies in the case arena); 0 if out of memory. */
static int copy_facts(ectx *e, sk_finding *f, size_t i)
{
    const sk_evaluator *ev = e->ev;
    sk_arena *a = e->c->arena;
    if (ev->trace && ev->ntr) {
        f->trace = sk_arena_alloc(a, ev->ntr * sizeof *f->trace);
        if (!f->trace)
            return 0;
        memcpy(f->trace, ev->tr, ev->ntr * sizeof *f->trace);
        f->ntrace = (uint32_t)ev->ntr;
    }
    f->nfacts = (uint16_t)ev->nfacts;
    f->nmissing = (uint16_t)ev->nmissing;
    if (ev->nfacts) {
        /* most findings (a gate's) have one fact: slot i of e->one */
        f->facts = ev->nfacts == 1 ? &e->one[i] : sk_arena_alloc(a, ev->nfacts * sizeof *f->facts);
        if (!f->facts)
            return 0;
        if (ev->nfacts == 1)
            f->facts[0] = ev->facts[0];
        else
            memcpy(f->facts, ev->facts, ev->nfacts * sizeof *f->facts);
    }
    if (ev->nmissing) {
        f->missing = sk_arena_alloc(a, ev->nmissing * sizeof *f->missing);
        if (!f->missing)
            return 0;
        memcpy(f->missing, ev->missing, ev->nmissing * sizeof *f->missing);
    }
    if (e->bound) {
        const sk_node **w = sk_arena_alloc(a, sizeof e->witness);
        if (!w)
            return 0;
        memcpy(w, e->witness, sizeof e->witness);
        f->witness = w;
        memset(e->witness, 0, sizeof e->witness);
        e->bound = 0;
    }
    return 1;
}

/* The rule's own share of the case's step budget (see limits.h). */
static void rule_budget(ectx *e)
{
    e->case_steps += e->steps;
    e->steps = 0;
    e->over = 0;
    e->budget = e->case_steps >= SK_EVAL_STEPS_PER_CASE ? 0
              : SK_EVAL_STEPS_PER_CASE - e->case_steps < SK_EVAL_STEPS_PER_RULE
                  ? SK_EVAL_STEPS_PER_CASE - e->case_steps
                  : SK_EVAL_STEPS_PER_RULE;
}

/* applies, then require, of a rule in validity whose gate is not false. */
static void eval_full(ectx *e, const sk_rule *r, sk_finding *f)
{
    e->depth = 0;
    e->error = NULL;
    sk_tri app = r->applies ? eval(e, r->applies) : SK_TRUE;
    f->applies = (uint8_t)app;
    if (app == SK_FALSE) {
        f->status = SK_ST_NOT_APPLICABLE;
        f->reason = SK_R_NOT_APPLICABLE;
    } else if (app == SK_UNKNOWN) {
        f->status = SK_ST_UNKNOWN;
    } else {
        sk_tri req = eval(e, r->require);
        f->status = req == SK_TRUE ? SK_ST_PASS : req == SK_FALSE ? r->severity : SK_ST_UNKNOWN;
    }
    if (e->error) {
        f->status = SK_ST_ERROR;
        f->reason = SK_R_RUNTIME_ERROR;
        f->error = e->error;
    }
}

/* Rule i of the rule set into f. */
static int eval_rule(ectx *e, size_t i, sk_finding *f)
{
    const sk_rule *r = &e->rs->rules[i];
    const sk_rule_row *w = &e->ev->gates.row[i]; /* what a case reads of r */
    /* every field stored (memset and a compound literal both became a
     * `rep stos` of 12 words, slower than the stores) */
    f->rule = r;
    f->other = NULL;
    f->facts = f->missing = NULL;
    f->witness = NULL;
    f->waiver = NULL;
    f->error = NULL;
    f->trace = NULL;
    f->ntrace = 0;
    f->reason = SK_R_NONE;
    f->applies = SK_FALSE;
    f->waiver_expired = false;
    e->ev->nfacts = e->ev->nmissing = 0;
    e->ev->ntr = 0;
    rule_budget(e);
    e->judged = e->judged_at[w->judged_at];
    f->judged = e->judged;
    uint32_t at = sk_cite_step(&w->cites, e->judged.day);
    f->cites = w->cites.mask[at];     /* sk_cite_mask_shown */
    f->certainty = w->cites.cert[at]; /* sk_rule_certainty over them */
    if (e->judged.day < w->from || e->judged.day > w->to) { /* out of validity: no facts */
        f->status = f->orig_status = SK_ST_NOT_APPLICABLE;
        f->reason = SK_R_OUT_OF_VALIDITY;
        f->nfacts = f->nmissing = 0;
        return 1;
    }
    if (gate_false(e, w, i, f)) { /* its one fact is f's already */
        f->status = f->orig_status = SK_ST_NOT_APPLICABLE;
        f->reason = SK_R_NOT_APPLICABLE;
        return 1;
    }
    eval_full(e, r, f);
    f->orig_status = f->status;
    return copy_facts(e, f, i);
}

/* A specific rule that applies defeats the general rule it is an
 * exception to; if its applicability is unknown, so is the general
 * rule's verdict. */
static void apply_exceptions(sk_result *res, const sk_gates *g)
{
    for (uint32_t j = 0; j < g->ndefeated; j++) { /* the rules with exceptions */
        sk_finding *f = &res->findings[g->defeated[j]];
        for (uint32_t k = 0; k < f->rule->ndefeated_by; k++) {
            const sk_finding *s = &res->findings[f->rule->defeated_by[k]];
            if (s->reason == SK_R_OUT_OF_VALIDITY)
                continue;
            if (s->applies == SK_TRUE) {
                f->status = SK_ST_NOT_APPLICABLE;
                f->reason = SK_R_SUPERSEDED;
                f->other = s->rule;
                f->nmissing = 0;
                break;
            }
            if (s->applies == SK_UNKNOWN &&
                (f->status == SK_ST_FAIL || f->status == SK_ST_WARN)) {
                f->status = SK_ST_UNKNOWN;
                f->reason = SK_R_EXCEPTION_UNKNOWN;
                f->other = s->rule;
                f->missing = s->missing;
                f->nmissing = s->nmissing;
            }
        }
    }
}

/* Waivers turn fail/warn/unknown findings of their rule into waived,
 * unless the waiver's `until` date is before the assessment date (the
 * case's `date`, or --date), whatever date the rule is judged at. */
static void apply_waivers(sk_result *res)
{
    const sk_node *w = res->c->waivers;
    for (uint32_t i = 0; w && i < w->len; i++) {
        const sk_node *wm = w->u.items[i];
        const sk_node *rule = sk_map_get(wm, "rule"), *until = sk_map_get(wm, "until");
        if (!rule || rule->kind != SK_SCALAR)
            continue;
        int idx = sk_ruleset_find_id(res->rs, rule->u.s);
        if (idx < 0)
            continue;
        sk_finding *f = &res->findings[idx];
        if (f->status != SK_ST_FAIL && f->status != SK_ST_WARN && f->status != SK_ST_UNKNOWN)
            continue;
        f->waiver = wm;
        if (until && until->vtype == SK_VT_DATE && until->v.days < res->c->date)
            f->waiver_expired = true;
        else
            f->status = SK_ST_WAIVED;
    }
}

sk_rc sk_evaluate(sk_evaluator *ev, const sk_case *c, sk_result **out)
{
    const sk_ruleset *rs = ev->rs;
    sk_result *res = sk_arena_calloc(c->arena, 1, sizeof *res);
    if (!res)
        return SK_ENOMEM;
    res->c = c;
    res->rs = rs;
    res->n = rs->nrules;
    res->findings = sk_arena_alloc(c->arena, (rs->nrules ? rs->nrules : 1) * sizeof *res->findings);
    if (!res->findings)
        return SK_ENOMEM;
    ectx e;
    memset(&e, 0, sizeof e);
    e.ev = ev;
    e.rs = rs;
    e.c = c;
    e.trace = ev->trace;
    e.gates_on = ev->gates_on && !ev->trace;
    e.one = sk_arena_alloc(c->arena, (rs->nrules ? rs->nrules : 1) * sizeof *e.one);
    if (!e.one)
        return SK_ENOMEM;
    for (int at = 0; at < SK_AT__COUNT; at++)
        sk_judged_date(c, (sk_judged_at)at, &e.judged_at[at]);
    for (size_t i = 0; i < rs->nrules; i++)
        if (!eval_rule(&e, i, &res->findings[i]))
            return SK_ENOMEM;
    apply_exceptions(res, &ev->gates);
    apply_waivers(res);
    for (size_t i = 0; i < res->n; i++)
        res->counts[res->findings[i].status]++;
    res->worst = SK_ST_PASS; /* the highest rank among the statuses found */
    for (int s = 0; s < SK_ST__COUNT; s++)
        if (res->counts[s] && sk_status_rank((sk_status)s) > sk_status_rank((sk_status)res->worst))
            res->worst = (uint8_t)s;
    *out = res;
    return SK_OK;
}

sk_status sk_result_worst(const sk_result *r) { return (sk_status)r->worst; }
size_t sk_result_count(const sk_result *r, sk_status s) { return r->counts[s]; }
const sk_case *sk_result_case(const sk_result *r) { return r->c; }
