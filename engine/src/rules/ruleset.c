/* ruleset.c - loading a rule set: the acts table, then the forms table,
 * then the rules; exceptions are linked, conflicts reported, and the
 * content hash computed. The result is immutable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "rules/image.h"
#include "rules/ruleset_int.h"
#include "samkoll/files.h"
#include "base/sha256.h"
#include "base/suggest.h"
#include "yaml/yaml_load.h"
#include "yaml/yamlutil.h"

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int cmp_src(const void *a, const void *b)
{
    return strcmp(((const sk_rule_src *)a)->name, ((const sk_rule_src *)b)->name);
}

typedef void (*loader_fn)(sk_ruleset *, const sk_node *, sk_diags *, void *);

/* Parses every document of one source into the rule set arena. */
static void each_document(sk_ruleset *rs, const sk_rule_src *src, sk_diags *d,
                          void (*fn)(sk_ruleset *, const sk_node *, sk_diags *, void *),
                          void *ud)
{
    sk_yaml *y;
    if (sk_yaml_open_mem(&y, src->name, src->data, src->len, &rs->lim) != SK_OK)
        return;
    for (;;) {
        sk_node *root;
        sk_rc rc = sk_yaml_next(y, &rs->arena, &root, d);
        if (rc == SK_OK)
            fn(rs, root, d, ud);
        else if (rc != SK_EINVALID)
            break;
    }
    sk_yaml_close(y);
}

static void acts_cb(sk_ruleset *rs, const sk_node *root, sk_diags *d, void *ud)
{
    (void)ud;
    sk_load_acts(rs, root, d);
}

static void forms_cb(sk_ruleset *rs, const sk_node *root, sk_diags *d, void *ud)
{
    (void)ud;
    sk_load_forms(rs, root, d);
}

typedef struct rulevec {
    sk_rule *v;
    size_t n, cap;
} rulevec;

static void rule_cb(sk_ruleset *rs, const sk_node *root, sk_diags *d, void *ud)
{
    rulevec *rv = ud;
    sk_load_rule(rs, root, d, &rv->v, &rv->n, &rv->cap);
}

int sk_ruleset_find_id(const sk_ruleset *rs, const char *id)
{
    for (size_t i = 0; i < rs->nrules; i++)
        if (strcmp(rs->rules[i].id, id) == 0)
            return (int)i;
    return -1;
}

const char *sk_ruleset_suggest_id(const sk_ruleset *rs, const char *id)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < rs->nrules; i++) {
        size_t dist = sk_suggest_distance(id, rs->rules[i].id);
        if (dist < best_d) {
            best_d = dist;
            best = rs->rules[i].id;
        }
    }
    size_t len = strlen(id);
    return best_d <= (len / 3 > 1 ? len / 3 : 1) ? best : NULL;
}

static void err_at_rule(sk_diags *d, const sk_rule *r, const sk_node *n, const char *hint,
                        sk_msg id, const char *arg)
{
    sk_node at = {0};
    if (n) {
        at = *n;
    } else {
        at.file = r->file;
        at.line = r->line;
        at.col = r->col;
    }
    sk_yu_err(d, &at, hint, id, arg);
}

/* exception_to: link each general rule to the specific rules defeating it.
 * A rule naming itself is an error (it would always supersede itself). */
static void link_exceptions(sk_ruleset *rs, sk_diags *d)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        sk_rule *r = &rs->rules[i];
        if (!r->nexception_to)
            continue;
        r->exc_idx = sk_arena_calloc(&rs->arena, r->nexception_to, sizeof *r->exc_idx);
        for (uint32_t k = 0; r->exc_idx && k < r->nexception_to; k++) {
            int g = sk_ruleset_find_id(rs, r->exception_to[k]);
            r->exc_idx[k] = g;
            if (g < 0) {
                err_at_rule(d, r, r->exception_at[k], sk_ruleset_suggest_id(rs, r->exception_to[k]),
                            M_R_EXC_UNKNOWN, r->exception_to[k]);
                continue;
            }
            if ((size_t)g == i) {
                err_at_rule(d, r, r->exception_at[k], NULL, M_R_EXC_SELF, r->id);
                r->exc_idx[k] = -1;
                continue;
            }
            sk_rule *gen = &rs->rules[g];
            int *nv = sk_arena_alloc(&rs->arena, (gen->ndefeated_by + 1) * sizeof *nv);
            if (!nv)
                continue;
            if (gen->ndefeated_by)
                memcpy(nv, gen->defeated_by, gen->ndefeated_by * sizeof *nv);
            nv[gen->ndefeated_by++] = (int)i;
            gen->defeated_by = nv;
        }
    }
}

/* Reports the cycle closed by the edge from the top of the DFS stack back
 * to the rule `to` (which is on the stack), at that exception_to entry. */
static void report_cycle(const sk_ruleset *rs, const size_t *stack, const uint32_t *edge,
                         size_t depth, size_t to, sk_diags *d)
{
    size_t from = 0;
    while (stack[from] != to)
        from++;
    sk_buf b;
    sk_buf_init(&b, 0);
    for (size_t j = from; j < depth; j++) {
        sk_buf_puts(&b, rs->rules[stack[j]].id);
        sk_buf_puts(&b, " -> ");
    }
    sk_buf_puts(&b, rs->rules[to].id);
    const sk_rule *r = &rs->rules[stack[depth - 1]];
    err_at_rule(d, r, r->exception_at[edge[depth - 1] - 1], NULL, M_R_EXC_CYCLE, sk_buf_cstr(&b));
    sk_buf_free(&b);
}

/* A cycle of exception_to (a is an exception to b, b to a) makes every
 * rule on it superseded by another: an error, reported once per cycle.
 * Depth-first search with an explicit stack (rule sets may be large).
 * Returns 0 if the scratch arrays cannot be allocated. */
static int report_exception_cycles(const sk_ruleset *rs, sk_diags *d)
{
    size_t n = rs->nrules;
    uint8_t *color = calloc(n ? n : 1, 1); /* 0 new, 1 on the stack, 2 done */
    size_t *stack = malloc((n ? n : 1) * sizeof *stack);
    uint32_t *edge = malloc((n ? n : 1) * sizeof *edge); /* next exception_to entry */
    int ok = color && stack && edge;
    for (size_t s = 0; ok && s < n; s++) {
        if (color[s])
            continue;
        size_t depth = 0;
        stack[depth] = s;
        edge[depth++] = 0;
        color[s] = 1;
        while (depth) {
            const sk_rule *r = &rs->rules[stack[depth - 1]];
            if (!r->exc_idx || edge[depth - 1] == r->nexception_to) {
                color[stack[--depth]] = 2;
                continue;
            }
            int g = r->exc_idx[edge[depth - 1]++];
            if (g < 0 || color[g] == 2)
                continue;
            if (color[g] == 1) {
                report_cycle(rs, stack, edge, depth, (size_t)g, d);
                continue;
            }
            color[g] = 1;
            stack[depth] = (size_t)g;
            edge[depth++] = 0;
        }
    }
    free(color);
    free(stack);
    free(edge);
    return ok;
}

/* ---- conflict detection ------------------------------------------------
 * Two rules conflict when their requirements are single comparisons of the
 * same fact with opposite literal outcomes (eq X / ne X, eq true / eq
 * false, exists true / exists false) while nothing keeps them apart: their
 * validity periods overlap, their applicability does not pin the same fact
 * to different values, and neither is declared an exception to the other. */

static int lit_eq(const sk_lit *a, const sk_lit *b)
{
    if (a->vtype != b->vtype)
        return 0;
    switch ((sk_vtype)a->vtype) {
    case SK_VT_BOOL: return a->b == b->b;
    case SK_VT_NUM: return a->num == b->num;
    case SK_VT_DATE: return a->days == b->days;
    case SK_VT_TEXT:
    case SK_VT_NONE:
        break;
    }
    return a->s && b->s && strcmp(a->s, b->s) == 0;
}

static int opposite(const sk_cond *a, const sk_cond *b)
{
    if (!a || !b || !a->path || !b->path || strcmp(a->path->text, b->path->text) != 0)
        return 0;
    if (a->path->root == SK_ROOT_BIND || b->path->root == SK_ROOT_BIND)
        return 0;
    if (a->kind == SK_C_EXISTS && b->kind == SK_C_EXISTS)
        return a->want != b->want;
    if (a->kind != SK_C_CMP || b->kind != SK_C_CMP || a->rhs.path || b->rhs.path ||
        a->rhs.is_list || b->rhs.is_list)
        return 0;
    if ((a->op == SK_OP_EQ && b->op == SK_OP_NE) || (a->op == SK_OP_NE && b->op == SK_OP_EQ))
        return lit_eq(&a->rhs.lit, &b->rhs.lit);
    if (a->op == SK_OP_EQ && b->op == SK_OP_EQ && a->rhs.lit.vtype == SK_VT_BOOL)
        return !lit_eq(&a->rhs.lit, &b->rhs.lit);
    return 0;
}

/* Top-level "path eq literal" atoms of an applicability condition. */
/* The facts c pins to a literal (eq conditions under all); out may be
 * NULL to count them. */
static int pins(const sk_cond *c, const sk_cond **out)
{
    if (!c)
        return 0;
    if (c->kind == SK_C_CMP && c->op == SK_OP_EQ && !c->rhs.path && !c->rhs.is_list &&
        c->path->root != SK_ROOT_BIND) {
        if (out)
            out[0] = c;
        return 1;
    }
    int n = 0;
    if (c->kind == SK_C_ALL)
        for (uint32_t i = 0; i < c->nkids; i++)
            n += pins(c->kids[i], out ? out + n : NULL);
    return n;
}

/* The pins of c in a new array (sized from the rule; NULL with *n = 0
 * when there are none or memory ran out). */
static const sk_cond **pins_of(const sk_cond *c, int *n)
{
    *n = pins(c, NULL);
    const sk_cond **p = *n ? malloc((size_t)*n * sizeof *p) : NULL;
    if (!p)
        *n = 0;
    else
        pins(c, p);
    return p;
}

static int disjoint(const sk_rule *a, const sk_rule *b)
{
    int32_t af = a->has_from ? a->valid_from : INT32_MIN, at = a->has_to ? a->valid_to : INT32_MAX;
    int32_t bf = b->has_from ? b->valid_from : INT32_MIN, bt = b->has_to ? b->valid_to : INT32_MAX;
    if (at < bf || bt < af)
        return 1;
    int na, nb, found = 0;
    const sk_cond **pa = pins_of(a->applies, &na), **pb = pins_of(b->applies, &nb);
    for (int i = 0; i < na && !found; i++)
        for (int j = 0; j < nb && !found; j++)
            if (strcmp(pa[i]->path->text, pb[j]->path->text) == 0 &&
                !lit_eq(&pa[i]->rhs.lit, &pb[j]->rhs.lit))
                found = 1;
    free(pa);
    free(pb);
    return found;
}

static int related(const sk_rule *a, const sk_rule *b)
{
    for (uint32_t i = 0; i < a->nexception_to; i++)
        if (a->exc_idx && a->exc_idx[i] == b->index)
            return 1;
    for (uint32_t i = 0; i < b->nexception_to; i++)
        if (b->exc_idx && b->exc_idx[i] == a->index)
            return 1;
    return 0;
}

/* A rule can never apply if its applicability pins the same fact to two
 * values, or pins `form` and forms-table cells so that no form is left. */
/* Does form f survive the pins (form = x, $form.col = y)? */
static int form_survives(const sk_ruleset *rs, size_t f, const sk_cond **p, int n)
{
    int ok = rs->rows[f].present;
    for (int a = 0; a < n && ok; a++) {
        const sk_path *pp = p[a]->path;
        const sk_lit *l = &p[a]->rhs.lit;
        if (pp->root == SK_ROOT_CASE && pp->nsteps == 1 && strcmp(pp->text, "form") == 0) {
            ok = strcmp(l->s, sk_form_values[f]) == 0;
        } else if (pp->root == SK_ROOT_FORM) {
            const sk_node *v = rs->rows[f].cells[pp->form_col].value;
            if (v && v->kind == SK_SCALAR)
                ok = l->vtype == SK_VT_BOOL ? v->vtype == SK_VT_BOOL && v->v.b == l->b
                                            : strcmp(v->u.s, l->s) == 0;
        }
    }
    return ok;
}

/* Why a rule with these pins can never apply, or NULL. */
static const char *never_why(const sk_ruleset *rs, const sk_cond **p, int n)
{
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++)
            if (strcmp(p[a]->path->text, p[b]->path->text) == 0 &&
                !lit_eq(&p[a]->rhs.lit, &p[b]->rhs.lit))
                return p[a]->path->text;
    if (!rs->nforms)
        return NULL;
    for (size_t f = 0; sk_form_values[f]; f++)
        if (form_survives(rs, f, p, n))
            return NULL;
    return "form / $form";
}

static void report_never(sk_ruleset *rs, sk_diags *d)
{
    for (size_t i = 0; i < rs->nrules; i++) {
        const sk_rule *r = &rs->rules[i];
        int n;
        const sk_cond **p = pins_of(r->applies, &n);
        const char *why = never_why(rs, p, n);
        free(p);
        if (why) {
            sk_node at = {0};
            at.file = r->file;
            at.line = r->applies->line;
            at.col = r->applies->col;
            sk_yu_err(d, &at, NULL, M_R_NEVER, why);
        }
    }
}

static void report_conflicts(sk_ruleset *rs, sk_diags *d)
{
    for (size_t i = 0; i < rs->nrules; i++)
        for (size_t j = i + 1; j < rs->nrules; j++) {
            const sk_rule *a = &rs->rules[i], *b = &rs->rules[j];
            if (opposite(a->require, b->require) && !disjoint(a, b) && !related(a, b)) {
                sk_node at = {0};
                at.file = b->file;
                at.line = b->require->line;
                at.col = b->require->col;
                sk_yu_err(d, &at, NULL, M_R_CONFLICT, a->id, b->id, a->require->path->text);
            }
        }
}

sk_rc sk_ruleset_load(sk_ruleset **out, const sk_rule_src *srcs, size_t n,
                      const sk_limits *lim, sk_diags *d)
{
    return sk_ruleset_load_hashed(out, srcs, n, NULL, lim, d);
}

static sk_ruleset *ruleset_new(const sk_limits *lim)
{
    sk_ruleset *rs = calloc(1, sizeof *rs);
    if (!rs)
        return NULL;
    rs->regex_lock = malloc(sizeof *rs->regex_lock);
    if (!rs->regex_lock || pthread_mutex_init(rs->regex_lock, NULL)) {
        free(rs->regex_lock);
        free(rs);
        return NULL;
    }
    sk_arena_init(&rs->arena, 65536);
    if (lim)
        rs->lim = *lim;
    else
        sk_limits_default(&rs->lim);
    return rs;
}

/* The regex match context of the rule set's limits; 0 if out of memory. */
static int match_context(sk_ruleset *rs)
{
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    if (!mc)
        return 0;
    pcre2_set_match_limit(mc, (uint32_t)rs->lim.regex_match_limit);
    pcre2_set_depth_limit(mc, (uint32_t)rs->lim.regex_depth_limit);
    pcre2_set_heap_limit(mc, (uint32_t)rs->lim.regex_heap_kib);
    rs->mctx = mc;
    return 1;
}

/* Loads acts, forms and rules from the documents, checks the rule set as
 * a whole and readies it for evaluation. Frees rs on failure. */
static sk_rc load_documents(sk_ruleset *rs, const sk_rule_src *v, size_t n, sk_diags *d,
                             sk_ruleset **out)
{
    size_t errors = d->errors;
    for (size_t i = 0; i < n; i++)
        if (strcmp(base_name(v[i].name), "acts.yaml") == 0)
            each_document(rs, &v[i], d, acts_cb, NULL);
    for (size_t i = 0; i < n; i++)
        if (strcmp(base_name(v[i].name), "forms.yaml") == 0)
            each_document(rs, &v[i], d, forms_cb, NULL);
    rulevec rv = {0};
    for (size_t i = 0; i < n; i++) {
        const char *b = base_name(v[i].name);
        if (strcmp(b, "acts.yaml") && strcmp(b, "forms.yaml"))
            each_document(rs, &v[i], d, rule_cb, &rv);
    }
    rs->rules = rv.v;
    rs->nrules = rv.n;
    link_exceptions(rs, d);
    if (!report_exception_cycles(rs, d)) {
        sk_ruleset_free(rs);
        return SK_ENOMEM;
    }
    report_conflicts(rs, d);
    report_never(rs, d);
    if (rs->nrules == 0) {
        sk_node at = {0};
        at.file = "rules";
        sk_yu_err(d, &at, NULL, M_R_NO_RULES);
    }
    if (!match_context(rs)) {
        sk_ruleset_free(rs);
        return SK_ENOMEM;
    }
    if (d->errors != errors) {
        sk_ruleset_free(rs);
        return SK_EINVALID;
    }
    *out = rs;
    return SK_OK;
}

sk_rc sk_ruleset_load_hashed(sk_ruleset **out, const sk_rule_src *srcs, size_t n, const char *hash,
                  const sk_limits *lim, sk_diags *d)
{
    *out = NULL;
    sk_ruleset *rs = ruleset_new(lim);
    if (!rs)
        return SK_ENOMEM;
    /* copy and sort the sources: order must not depend on the caller */
    sk_rule_src *v = sk_arena_calloc(&rs->arena, n ? n : 1, sizeof *v);
    if (!v) {
        sk_ruleset_free(rs);
        return SK_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        v[i].name = sk_arena_strdup(&rs->arena, srcs[i].name);
        v[i].data = sk_arena_strndup(&rs->arena, srcs[i].data, srcs[i].len);
        v[i].len = srcs[i].len;
    }
    qsort(v, n, sizeof *v, cmp_src);
    if (hash) {
        memcpy(rs->hash, hash, 65);
    } else {
        sk_sha256 h;
        sk_sha256_init(&h);
        for (size_t i = 0; i < n; i++) {
            sk_sha256_update(&h, v[i].name, strlen(v[i].name) + 1);
            sk_sha256_update(&h, v[i].data, v[i].len);
            sk_sha256_update(&h, "", 1);
        }
        sk_sha256_hex(&h, rs->hash);
    }
    return load_documents(rs, v, n, d, out);
}

/* The compiled tables are used in place; only the regexes get states of
 * their own (compiled on first use, sk_ruleset_regex). */
sk_rc sk_ruleset_load_image(sk_ruleset **out, const sk_rule_image *img, const char *hash,
                            const sk_limits *lim, sk_diags *d)
{
    (void)d;
    *out = NULL;
    sk_ruleset *rs = ruleset_new(lim);
    if (!rs)
        return SK_ENOMEM;
    rs->image = true;
    rs->rules = img->rules;
    rs->nrules = img->nrules;
    rs->acts = img->acts;
    rs->nacts = img->nacts;
    rs->cols = img->cols;
    rs->ncols = img->ncols;
    memcpy(rs->rows, img->rows, sizeof rs->rows);
    rs->nforms = img->nforms;
    memcpy(rs->hash, hash, 65);
    rs->regexes = calloc(img->nregexes ? img->nregexes : 1, sizeof *rs->regexes);
    if (!rs->regexes || !match_context(rs)) {
        sk_ruleset_free(rs);
        return SK_ENOMEM;
    }
    rs->nregexes = img->nregexes;
    for (size_t i = 0; i < img->nregexes; i++) {
        sk_regex *x = &rs->regexes[i];
        atomic_init(&x->jitted, 0);
        x->src = img->regexes[i].src;
        x->len = img->regexes[i].len;
        x->icase = img->regexes[i].icase;
    }
    *out = rs;
    return SK_OK;
}

sk_rc sk_ruleset_load_dir(sk_ruleset **out, const char *dir, const sk_limits *lim,
                          sk_diags *d)
{
    *out = NULL;
    sk_files files = {0};
    if (sk_files_collect(&files, dir, d)) {
        sk_files_free(&files);
        return SK_EIO;
    }
    sk_rule_src *srcs = calloc(files.count ? files.count : 1, sizeof *srcs);
    sk_buf *bufs = calloc(files.count ? files.count : 1, sizeof *bufs);
    sk_rc rc = srcs && bufs ? SK_OK : SK_ENOMEM;
    size_t dl = strlen(dir);
    for (size_t i = 0; rc == SK_OK && i < files.count; i++) {
        FILE *f = fopen(files.paths[i], "rb");
        sk_buf_init(&bufs[i], lim ? lim->max_file_bytes : SK_DEFAULT_MAX_FILE_BYTES);
        if (!f) {
            sk_diag_add(d, SK_DIAG_ERROR, files.paths[i], 0, 0, NULL, M_READ_FAILED, "fopen");
            rc = SK_EIO;
            break;
        }
        char chunk[65536];
        size_t got;
        while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
            sk_buf_append(&bufs[i], chunk, got);
        fclose(f);
        if (bufs[i].failed) {
            sk_diag_add(d, SK_DIAG_ERROR, files.paths[i], 0, 0, NULL, M_FILE_TOO_BIG,
                        bufs[i].limit);
            rc = SK_EIO;
            break;
        }
        const char *rel = files.paths[i];
        if (strncmp(rel, dir, dl) == 0 && rel[dl] == '/')
            rel += dl + 1;
        srcs[i].name = rel;
        srcs[i].data = sk_buf_cstr(&bufs[i]);
        srcs[i].len = bufs[i].len;
    }
    if (rc == SK_OK)
        rc = sk_ruleset_load(out, srcs, files.count, lim, d);
    for (size_t i = 0; bufs && i < files.count; i++)
        sk_buf_free(&bufs[i]);
    free(bufs);
    free(srcs);
    sk_files_free(&files);
    return rc;
}

void sk_ruleset_free(sk_ruleset *rs)
{
    if (!rs)
        return;
    for (size_t i = 0; i < rs->nregexes; i++)
        pcre2_code_free(rs->regexes[i].code);
    free(rs->regexes);
    if (rs->regex_lock)
        pthread_mutex_destroy(rs->regex_lock);
    free(rs->regex_lock);
    if (!rs->image)
        free(rs->rules);
    pcre2_match_context_free(rs->mctx);
    sk_arena_free(&rs->arena);
    free(rs);
}

const pcre2_code *sk_ruleset_regex(const sk_ruleset *rs, int k)
{
    /* The rule set is shared read-only by the evaluators; only the state of
     * a regex changes (compiled, JIT-compiled), once, under the lock. */
    sk_regex *x = &rs->regexes[k];
    if (!atomic_load_explicit(&x->jitted, memory_order_acquire)) {
        pthread_mutex_t *lock = rs->regex_lock;
        pthread_mutex_lock(lock);
        if (!atomic_load_explicit(&x->jitted, memory_order_relaxed)) {
            if (!x->code) /* a rule set from the image: compiled on first use */
                x->code = sk_regex_compile(x->src, x->len, x->icase, NULL, NULL);
            if (x->code) { /* NULL (out of memory): pcre2_match reports it */
                pcre2_jit_compile(x->code, PCRE2_JIT_COMPLETE); /* else the interpreter */
                atomic_store_explicit(&x->jitted, 1, memory_order_release);
            }
        }
        pthread_mutex_unlock(lock);
    }
    return x->code;
}

size_t sk_ruleset_count(const sk_ruleset *rs)
{
    return rs->nrules;
}

const char *sk_ruleset_hash(const sk_ruleset *rs)
{
    return rs->hash;
}
