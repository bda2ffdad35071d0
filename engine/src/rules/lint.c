/* lint.c - checks `samkoll lint` adds to loading (docs/rule-language.md,
 * "Lint"): a requirement that can turn false merely because a fact is not
 * stated, a rule that starts before every statute it cites was in force,
 * a date-bound citation outside its act's in_force, and (as warnings)
 * cited provisions that acts.yaml neither verifies nor explains. */
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "rules/ruleset_int.h"

/* ---- (a) absence turned into a breach --------------------------------- */

/* The requirement is evaluated abstractly in three models of a case that
 * states nothing but what the case format requires: M_ABSENT, where every
 * list is absent too; M_ONE, where every list holds one item that states
 * nothing; and M_EMPTY, where the lists the case format does not require
 * are stated as `[]` (which says "none listed", not "none exist"), seen only
 * by `count` with no `where`. Comparisons and matches are unknown in all
 * three (a fact not stated, or a date or form whose value varies); only
 * `exists` and those counts are decided. If the requirement is false in any
 * model, a case can fail or warn on facts it does not state. */

typedef enum model { M_ABSENT, M_ONE, M_EMPTY, MODELS } model;
typedef enum tri { F = 0, T = 1, U = 2 } tri;

static tri not3(tri t) { return t == U ? U : t == T ? F : T; }

/* Does `exists` find the path stated in model m? */
static int stated_in(const sk_path *p, model m)
{
    if (p->root == SK_ROOT_DATE || p->root == SK_ROOT_FORM)
        return 1;
    if (p->root == SK_ROOT_BIND && p->nsteps == 0)
        return 1; /* the bound item itself */
    if (p->root == SK_ROOT_CASE && p->nsteps == 1 &&
        p->steps[0].schema->fields[p->steps[0].field].required)
        return 1;
    return m != M_ABSENT && p->ftype == SK_F_LIST;
}

/* The list field a path ends in is one the case format does not require. */
static int optional_list(const sk_path *p)
{
    if (!p->nsteps)
        return 0;
    const sk_step *s = &p->steps[p->nsteps - 1];
    return !s->schema->fields[s->field].required;
}

/* [lo, hi] op n, as the evaluator compares a count range. */
static tri range_cmp(int op, int lo, int hi, double n)
{
    tri l, h;
    switch (op) {
    case SK_OP_EQ: return lo == hi && lo == n ? T : (n < lo || n > hi) ? F : U;
    case SK_OP_NE: return not3(range_cmp(SK_OP_EQ, lo, hi, n));
    case SK_OP_LT: l = lo < n ? T : F; h = hi < n ? T : F; break;
    case SK_OP_LE: l = lo <= n ? T : F; h = hi <= n ? T : F; break;
    case SK_OP_GT: l = lo > n ? T : F; h = hi > n ? T : F; break;
    case SK_OP_GE: l = lo >= n ? T : F; h = hi >= n ? T : F; break;
    default: return U;
    }
    return l == h ? l : U;
}

static tri abstract(const sk_cond *k, model m)
{
    if (!k)
        return U;
    switch (k->kind) {
    case SK_C_ALL:
    case SK_C_ANY: {
        int any = k->kind == SK_C_ANY, unknown = 0;
        for (uint32_t i = 0; i < k->nkids; i++) {
            tri t = abstract(k->kids[i], m);
            if (t == (any ? T : F))
                return t;
            unknown |= t == U;
        }
        return unknown ? U : any ? F : T;
    }
    case SK_C_NOT:
        return not3(abstract(k->kids[0], m));
    case SK_C_QALL:
    case SK_C_QANY:
    case SK_C_QNONE: {
        if (m != M_ONE)
            return U;
        tri w = abstract(k->where, m); /* the one item */
        return k->kind == SK_C_QNONE ? not3(w) : w;
    }
    case SK_C_COUNT: {
        if (m == M_EMPTY)
            return !k->where && optional_list(k->path) ? range_cmp(k->op, 0, 0, k->rhs.lit.num) : U;
        if (m == M_ABSENT)
            return U;
        tri w = k->where ? abstract(k->where, m) : T;
        return range_cmp(k->op, w == T, w != F, k->rhs.lit.num);
    }
    case SK_C_EXISTS:
        return stated_in(k->path, m) == k->want ? T : F;
    default:
        return U; /* comparisons, matches, sums: unknown without facts */
    }
}

/* The first `exists` that reads a fact as absent in model m and has the
 * polarity that pulls the requirement towards false: where to point. */
static const sk_cond *culprit(const sk_cond *k, int pos, model m)
{
    if (!k)
        return NULL;
    const sk_cond *c = NULL;
    switch (k->kind) {
    case SK_C_ALL:
    case SK_C_ANY:
        for (uint32_t i = 0; i < k->nkids && !c; i++)
            c = culprit(k->kids[i], pos, m);
        return c;
    case SK_C_NOT:
        return culprit(k->kids[0], !pos, m);
    case SK_C_QALL:
    case SK_C_QANY:
        return culprit(k->where, pos, m);
    case SK_C_QNONE:
        return culprit(k->where, !pos, m);
    case SK_C_COUNT:
        if (!k->where) {
            tri t = m == M_EMPTY && optional_list(k->path) ? range_cmp(k->op, 0, 0, k->rhs.lit.num) : U;
            return t == (pos ? F : T) ? k : NULL;
        }
        if (m == M_EMPTY)
            return NULL;
        c = k->op != SK_OP_LT && k->op != SK_OP_LE ? culprit(k->where, pos, m) : NULL;
        if (!c && k->op != SK_OP_GT && k->op != SK_OP_GE)
            c = culprit(k->where, !pos, m);
        return c;
    case SK_C_EXISTS:
        return !stated_in(k->path, m) && k->want == (pos != 0) ? k : NULL;
    default:
        return NULL;
    }
}

static void lint_absence(const sk_rule *r, sk_diags *d)
{
    if (r->absence_note[0] || !r->require)
        return;
    const sk_cond *at = NULL;
    for (int m = M_ABSENT; m < MODELS && !at; m++)
        if (abstract(r->require, (model)m) == F)
            at = culprit(r->require, 1, (model)m);
    if (!at)
        return;
    int why = at->kind == SK_C_COUNT ? 2 : at->want ? 0 : 1;
    static const char *const whys[][2] = {
        {"exists: true", "exists: true"},
        {"not: {exists: false}", "not: {exists: false}"},
        {"count över en lista som inte måste anges", "count over a list the case need not state"},
    };
    sk_diag_add(d, SK_DIAG_ERROR, r->file, at->line, at->col, NULL, M_L_ABSENCE,
                r->id, at->path->text, whys[why][d->lang ? 1 : 0]);
}

/* ---- (b) in force ----------------------------------------------------- */

static void span(char *out, size_t sz, int32_t from, int32_t to)
{
    char f[11] = "", t[11] = "";
    if (from != SK_DAY_MIN)
        sk_date_format(from, f);
    if (to != SK_DAY_MAX)
        sk_date_format(to, t);
    snprintf(out, sz, "%s\u2013%s", f, t);
}

static void lint_in_force(const sk_rule *r, sk_diags *d)
{
    if (!r->has_from)
        return;
    sk_buf acts;
    sk_buf_init(&acts, 0);
    int dated = 0, in_force = 0;
    for (uint32_t i = 0; i < r->ncites; i++) {
        const sk_act *a = r->cites[i].act;
        if (a->kind != SK_ACT_STATUTE || !a->has_in_force)
            continue;
        dated++;
        if (r->valid_from >= a->in_force_from && r->valid_from <= a->in_force_to)
            in_force = 1;
        int seen = 0;
        for (uint32_t k = 0; k < i && !seen; k++)
            seen = r->cites[k].act == a;
        if (seen)
            continue;
        char s[32];
        span(s, sizeof s, a->in_force_from, a->in_force_to);
        sk_buf_printf(&acts, "%s%s %s", acts.len ? ", " : "", a->id, s);
    }
    if (dated && !in_force) {
        char f[11];
        sk_date_format(r->valid_from, f);
        sk_diag_add(d, SK_DIAG_ERROR, r->file, r->from_line, r->from_col, NULL, M_L_NOT_IN_FORCE, r->id, f,
                    sk_buf_cstr(&acts));
    }
    sk_buf_free(&acts);
}

static void lint_cite_bounds(const sk_rule *r, sk_diags *d)
{
    for (uint32_t i = 0; i < r->ncites; i++) {
        const sk_cite *c = &r->cites[i];
        const sk_act *a = c->act;
        if (!a->has_in_force || (!c->has_from && !c->has_until))
            continue;
        int out = (c->has_from && (c->from < a->in_force_from || c->from > a->in_force_to)) ||
                  (c->has_until && (c->until > a->in_force_to || c->until < a->in_force_from));
        if (!out)
            continue;
        char f[11] = "", t[11] = "", af[11] = "", at[11] = "";
        if (c->has_from)
            sk_date_format(c->from, f);
        if (c->has_until)
            sk_date_format(c->until, t);
        sk_date_format(a->in_force_from, af);
        if (a->in_force_to != SK_DAY_MAX)
            sk_date_format(a->in_force_to, at);
        sk_diag_add(d, SK_DIAG_ERROR, c->file, c->line, c->col, NULL, M_L_CITE_OUTSIDE, r->id,
                    c->text[d->lang ? 1 : 0],
                    f, t, a->id, af, at);
    }
}

/* ---- pin-cites neither verified nor explained (warnings) -------------- */

static void lint_unrecorded(const sk_ruleset *rs, sk_diags *d)
{
    sk_buf seen;
    sk_buf_init(&seen, 0);
    for (size_t i = 0; i < rs->nrules; i++)
        for (uint32_t k = 0; k < rs->rules[i].ncites; k++) {
            const sk_cite *c = &rs->rules[i].cites[k];
            if (!c->key || c->pin || c->unpin)
                continue;
            char tag[160];
            snprintf(tag, sizeof tag, "\n%s %s\n", c->act->id, c->key);
            if (seen.len && strstr(sk_buf_cstr(&seen), tag))
                continue;
            sk_buf_puts(&seen, tag);
            sk_diag_add(d, SK_DIAG_WARNING, c->file, c->line, c->col, NULL, M_L_PIN_UNRECORDED, c->key,
                        c->act->id);
        }
    sk_buf_free(&seen);
}

size_t sk_ruleset_lint(const sk_ruleset *rs, sk_diags *d)
{
    size_t before = d->errors;
    for (size_t i = 0; i < rs->nrules; i++) {
        lint_absence(&rs->rules[i], d);
        lint_in_force(&rs->rules[i], d);
        lint_cite_bounds(&rs->rules[i], d);
    }
    lint_unrecorded(rs, d);
    return d->errors - before;
}
