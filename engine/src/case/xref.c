/* xref.c - the party names a case uses outside `parties` (case format
 * 1.1, issue 17). A name that matches no party, and no organisation in
 * `others`, is flagged at its position, with the closest name as "did you
 * mean". In the 1.1 fields, and in every field of a case that declares
 * `format: "1.1"`, it is an input error. In the v1 fields of a v1 case it
 * is a warning: the case is still checked and reads as before, since a v1
 * case may name a non-party there on purpose (a host or recipient outside
 * the parties is what some rules judge), but a name that differs from a
 * party's only in spelling no longer passes unnoticed. */
#include "case/case_int.h"

#include <string.h>

#include "base/diag.h"
#include "base/suggest.h"

/* The fields that name a party: a dotted path from the case root; "[]"
 * after a key walks every item of that list. v1: a warning unless 1.1.
 * The path is walked by its steps (key, length, whether "[]" follows),
 * written out beside it, the first from the case's table of top-level
 * fields (`top`); the unit test case_format.party_ref_steps_spell_the_path
 * checks that they spell it. */
#define K(k) {k, sizeof k - 1, 0}
#define L(k) {k, sizeof k - 1, 1}
static const struct party_ref {
    const char *path;
    int v1;
    uint8_t top;    /* sk_case_field of the first step */
    sk_ref_step steps[SK_REF_STEPS];
} party_refs[] = {
    {"bodies[].party", 1, SK_CF_BODIES, {L("bodies"), K("party")}},
    {"delegations[].by_party", 1, SK_CF_DELEGATIONS, {L("delegations"), K("by_party")}},
    {"delegations[].to_party", 1, SK_CF_DELEGATIONS, {L("delegations"), K("to_party")}},
    {"governance.host", 1, SK_CF_GOVERNANCE, {K("governance"), K("host")}},
    {"governance.representation[].party", 1, SK_CF_GOVERNANCE,
     {K("governance"), L("representation"), K("party")}},
    {"governance.amendment_decisions[]", 1, SK_CF_GOVERNANCE,
     {K("governance"), L("amendment_decisions")}},
    {"agreement.cost_allocation.shares[].party", 1, SK_CF_AGREEMENT,
     {K("agreement"), K("cost_allocation"), L("shares"), K("party")}},
    {"oversight.dissolution_decisions[]", 1, SK_CF_OVERSIGHT,
     {K("oversight"), L("dissolution_decisions")}},
    {"procurement.relations[].buyer", 0, SK_CF_PROCUREMENT,
     {K("procurement"), L("relations"), K("buyer")}},
    {"procurement.relations[].provider", 0, SK_CF_PROCUREMENT,
     {K("procurement"), L("relations"), K("provider")}},
    {"procurement.named_authorities[]", 0, SK_CF_PROCUREMENT,
     {K("procurement"), L("named_authorities")}},
    {"tasks[].personal_data_processor", 0, SK_CF_TASKS, {L("tasks"), K("personal_data_processor")}},
};
#undef K
#undef L

typedef struct xctx {
    sk_diags *d;
    const char *file;
    const char **names;     /* the parties' names, then the others' */
    size_t n;
    int warn;               /* a v1 field of a v1 case: a warning */
} xctx;

/* 1 when the shorter of a and b is the longer's first or last words
 * ("Sala" and "Sala kommun", "Sörmland" and "Region Sörmland"). */
static int word_part(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > nb) {
        const char *t = a;
        a = b;
        b = t;
        size_t tn = na;
        na = nb;
        nb = tn;
    }
    if (na == 0 || na == nb)
        return 0;
    return (strncmp(b, a, na) == 0 && b[na] == ' ') ||
           (strcmp(b + nb - na, a) == 0 && b[nb - na - 1] == ' ');
}

/* "Did you mean": the closest name by edit distance, else the only name
 * the written one is a whole-word part of (a party's name written short
 * or long). */
static const char *suggest_name(const xctx *x, const char *w)
{
    const char *s = sk_suggest(w, x->names, x->n);
    if (s)
        return s;
    for (size_t i = 0; i < x->n; i++) {
        if (!word_part(w, x->names[i]))
            continue;
        if (s)
            return NULL; /* more than one: no guess */
        s = x->names[i];
    }
    return s;
}

static void check_name(xctx *x, const sk_node *n, const char *path)
{
    if (n->kind != SK_SCALAR || n->unknown)
        return;
    for (size_t i = 0; i < x->n; i++)
        if (strcmp(x->names[i], n->u.s) == 0)
            return;
    sk_diag_add(x->d, x->warn ? SK_DIAG_WARNING : SK_DIAG_ERROR, x->file, n->line,
                n->col, suggest_name(x, n->u.s),
                x->warn ? M_UNKNOWN_PARTY_V1 : M_UNKNOWN_PARTY, n->u.s, path);
}

static void walk(xctx *x, const sk_node *n, const sk_ref_step *st, const char *path);

/* Goes on from v, the value step st found: into every item of a list
 * ("[]"), else into v itself. */
static void descend(xctx *x, const sk_node *v, const sk_ref_step *st, const char *path)
{
    if (st->each) {
        if (!v || v->kind != SK_SEQ)
            return;
        for (uint32_t i = 0; i < v->len; i++)
            walk(x, v->u.items[i], st + 1, path);
        return;
    }
    walk(x, v, st + 1, path);
}

/* Walks the rest of the path (from step st) below n, checking the names
 * it ends at. */
static void walk(xctx *x, const sk_node *n, const sk_ref_step *st, const char *path)
{
    if (!n || n->unknown)
        return;
    if (!st->key) {
        check_name(x, n, path);
        return;
    }
    if (n->kind != SK_MAP)
        return;
    descend(x, sk_map_get_n(n, st->key, st->len), st, path);
}

/* Adds the names of list (parties or others); 0 when one is unknown. */
static int add_names(xctx *x, const sk_node *list)
{
    for (uint32_t i = 0; list && i < list->len; i++) {
        const sk_node *nm = sk_map_get_n(list->u.items[i], "name", 4);
        if (!nm || nm->kind != SK_SCALAR || nm->unknown)
            return 0;
        x->names[x->n++] = nm->u.s;
    }
    return 1;
}

/* The names a reference may use, or 0 when they cannot all be known (the
 * parties are unknown, or a name is). */
static int known_names(xctx *x, sk_arena *a, const sk_node *const *top)
{
    const sk_node *ps = top[SK_CF_PARTIES];
    const sk_node *os = top[SK_CF_OTHERS];
    if (!ps || ps->kind != SK_SEQ)
        return 0;
    if (os && os->kind != SK_SEQ)
        os = NULL;
    x->names = sk_arena_calloc(a, (size_t)ps->len + (os ? os->len : 0) + 1,
                               sizeof *x->names);
    return x->names && add_names(x, ps) && add_names(x, os);
}

void sk_case_check_party_refs(sk_diags *d, sk_arena *a, const sk_node *const *top,
                              const char *file)
{
    xctx x = {d, file, NULL, 0, 0};
    if (!known_names(&x, a, top))
        return;
    const sk_node *fmt = top[SK_CF_FORMAT];
    int strict = fmt && fmt->kind == SK_SCALAR && !fmt->unknown &&
                 strcmp(fmt->u.s, "1.1") == 0;
    for (size_t i = 0; i < sizeof party_refs / sizeof *party_refs; i++) {
        const struct party_ref *r = &party_refs[i];
        x.warn = !strict && r->v1;
        /* the first step from the case's table of top-level fields */
        descend(&x, top[r->top], r->steps, r->path);
    }
}

int sk_case_party_ref(size_t i, const char **path, const sk_ref_step **steps, int *top)
{
    if (i >= sizeof party_refs / sizeof *party_refs)
        return 0;
    *path = party_refs[i].path;
    *steps = party_refs[i].steps;
    *top = party_refs[i].top;
    return 1;
}

int sk_case_names_party(const char *path)
{
    for (size_t i = 0; i < sizeof party_refs / sizeof *party_refs; i++)
        if (strcmp(party_refs[i].path, path) == 0)
            return 1;
    return 0;
}
