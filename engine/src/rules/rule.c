/* rule.c - compiling one rule document: metadata, citations, paths,
 * conditions and message templates (docs/rule-language.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/ui.h"
#include "rules/ruleset_int.h"
#include "base/suggest.h"
#include "yaml/yamlutil.h"

static const struct op_row {
    const char *key;
    sk_op_class cls;
    const char *text[2];    /* sv, en */
} ops[SK_OP__COUNT] = {
#define SK_OP(id, key, cls, sv, en) [SK_OP_##id] = {key, cls, {sv, en}},
#include "rules/ops.def"
#undef SK_OP
};

/* the keys alone, NULL-terminated, for lookups and suggestions */
static const char *const op_names[SK_OP__COUNT + 1] = {
#define SK_OP(id, key, cls, sv, en) [SK_OP_##id] = key,
#include "rules/ops.def"
#undef SK_OP
};

const char *sk_op_key(sk_op op) { return op < SK_OP__COUNT ? ops[op].key : NULL; }
sk_op_class sk_op_class_of(sk_op op) { return ops[op].cls; }
const char *sk_op_text(sk_op op, sk_lang lang) { return ops[op].text[lang == SK_LANG_EN]; }

bool sk_op_is_numeric(sk_op op)
{
    return ops[op].cls == SK_OPC_EQUALITY || ops[op].cls == SK_OPC_ORDER;
}

/* keys: the fixed keys of a count or sum condition (NULL-terminated, at
 * most 3), followed in out by every numeric operator; out has room for
 * 4 + SK_OP__COUNT entries. */
static void numeric_keys(const char *const *fixed, const char **out)
{
    size_t n = 0;
    for (; fixed[n]; n++)
        out[n] = fixed[n];
    for (int op = 0; op < SK_OP__COUNT; op++)
        if (sk_op_is_numeric((sk_op)op))
            out[n++] = ops[op].key;
    out[n] = NULL;
}

/* "eq, ne, …": the operator keys (only the numeric ones with numeric),
 * for the "exactly one comparison" messages. */
static void op_key_list(int numeric, char *out, size_t size)
{
    size_t k = 0;
    out[0] = 0;
    for (int op = 0; op < SK_OP__COUNT && k < size; op++)
        if (!numeric || sk_op_is_numeric((sk_op)op))
            k += (size_t)snprintf(out + k, size - k, "%s%s", k ? ", " : "", ops[op].key);
}

/* Adds "exactly one comparison" at n: for a path condition (any operator,
 * exists or matches) or, with numeric, for count and sum. */
static void one_op_error(sk_diags *d, const sk_node *n, int numeric)
{
    char list[160];
    op_key_list(numeric, list, sizeof list);
    sk_yu_err(d, n, NULL, numeric ? M_R_ONE_NUM_OP : M_R_ONE_OP, list);
}

typedef enum cat { CAT_TEXT, CAT_BOOL, CAT_NUM, CAT_DATE, CAT_NONE } cat;

static cat cat_of(int ftype)
{
    switch (ftype) {
    case SK_F_BOOL: case SK_F_TEXT_OR_BOOL: return CAT_BOOL;
    case SK_F_INT: case SK_F_NUM: case SK_F_PERCENT: return CAT_NUM;
    case SK_F_DATE: return CAT_DATE;
    case SK_F_MAP: case SK_F_LIST: case SK_F_STATUS_MAP: return CAT_NONE;
    default: return CAT_TEXT;
    }
}

typedef struct scope {
    int slot;
    const char *name;       /* NULL for an unnamed quantifier */
} scope;

typedef struct cctx {
    sk_ruleset *rs;
    sk_diags *d;
    sk_rule *r;
    scope stack[SK_MAX_BIND];
    int depth;
    /* per slot: what an item is */
    const sk_schema *slot_schema[SK_MAX_BIND];
    uint8_t slot_item[SK_MAX_BIND];
    const char *const *slot_values[SK_MAX_BIND];
    int in_require;
    int nest;               /* conditions being compiled, inside each other */
} cctx;

/* Conditions nested deeper than this are an error: compiling and
 * evaluating them recurses, and --max-depth may be raised far above it. */
#define SK_MAX_NESTING 64

static sk_arena *A(cctx *c) { return &c->rs->arena; }

/* ---- paths ------------------------------------------------------------ */

static void set_leaf_field(sk_path *p, const sk_field *f)
{
    p->ftype = f->type;
    p->item = f->item;
    p->values = f->values;
    p->sub = f->sub;
}

/* The names of a schema's fields, for "did you mean"; NULL when out of
 * memory (then no suggestion is made). */
static const char **schema_field_names(cctx *c, const sk_schema *s)
{
    const char **out = sk_arena_alloc(A(c), (s->count + 1) * sizeof *out);
    if (out)
        for (size_t i = 0; i < s->count; i++)
            out[i] = s->fields[i].name;
    return out;
}

/* `$form.COLUMN`: a column of the forms table. */
static sk_path *compile_form_col(cctx *c, sk_path *p, const char *col, const sk_node *n)
{
    static const uint8_t map[] = {SK_F_BOOL, SK_F_ENUM, SK_F_LIST, SK_F_TEXT};
    p->root = SK_ROOT_FORM;
    for (size_t i = 0; i < c->rs->ncols; i++)
        if (strcmp(c->rs->cols[i].key, col) == 0) {
            p->form_col = (int16_t)i;
            p->ftype = map[c->rs->cols[i].type];
            p->item = SK_F_ENUM;
            p->values = (const char *const *)c->rs->cols[i].values;
            return p;
        }
    const char **names = sk_arena_alloc(A(c), (c->rs->ncols + 1) * sizeof *names);
    for (size_t i = 0; names && i < c->rs->ncols; i++)
        names[i] = c->rs->cols[i].key;
    sk_yu_err(c->d, n, names ? sk_suggest(col, names, c->rs->ncols) : NULL, M_R_BAD_PATH,
              p->text, col, "forms.yaml");
    return NULL;
}

/* The slot a `$name` prefix of length len names: the innermost
 * quantifier binding it, or (for placeholders, outside any quantifier)
 * any binding of the rule; -1 when none does. */
static int binding_slot(const cctx *c, const char *name, size_t len)
{
    for (int i = c->depth - 1; i >= 0; i--)
        if (c->stack[i].name && strlen(c->stack[i].name) == len &&
            strncmp(c->stack[i].name, name, len) == 0)
            return c->stack[i].slot;
    for (int i = 0; i < c->r->nbind && c->depth == 0; i++)
        if (c->r->bind_names[i] && strlen(c->r->bind_names[i]) == len &&
            strncmp(c->r->bind_names[i], name, len) == 0)
            return i;
    return -1;
}

/* A path rooted at a binding: `.field` (the innermost item) or
 * `$name.field`. Sets *rest to what follows the root; returns the slot,
 * or -1 after an error. */
static int compile_bind_root(cctx *c, const char *text, const sk_node *n, const char **rest)
{
    const char *s = text;
    if (s[0] == '.') {
        if (c->depth == 0) {
            sk_yu_err(c->d, n, NULL, M_R_NO_ITEM, text);
            return -1;
        }
        *rest = s + 1;
        return c->stack[c->depth - 1].slot;
    }
    const char *dot = strchr(s, '.');
    size_t len = dot ? (size_t)(dot - s - 1) : strlen(s + 1);
    int slot = binding_slot(c, s + 1, len);
    if (slot < 0) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), s + 1);
        sk_yu_err(c->d, n, NULL, M_R_BINDING, name);
        return -1;
    }
    *rest = dot ? dot + 1 : s + 1 + len;
    return slot;
}

/* The bound item itself as the path's value (no field after the root). */
static sk_path *bind_item(const cctx *c, sk_path *p, int slot)
{
    const sk_schema *sch = c->slot_schema[slot];
    if (sch) {
        p->ftype = SK_F_MAP;
        p->sub = sch;
    } else {
        p->ftype = c->slot_item[slot];
        p->values = c->slot_values[slot];
    }
    return p;
}

/* One segment `name` or `name[*]` at *s within schema *sch: appends a
 * step and advances *s and *sch. False after an error. */
static bool compile_segment(cctx *c, sk_path *p, const char **s, const sk_schema **sch,
                            const sk_node *n)
{
    const char *end = *s;
    while (*end && *end != '.' && *end != '[')
        end++;
    size_t len = (size_t)(end - *s);
    char seg[64];
    size_t k = len < 63 ? len : 63;
    memcpy(seg, *s, k); /* no printf: this runs for every step of every path */
    seg[k] = '\0';
    if (!*sch) {
        sk_yu_err(c->d, n, NULL, M_R_BAD_PATH, p->text, seg, "?");
        return false;
    }
    int f = sk_schema_find(*sch, seg);
    if (f < 0) {
        const char **names = schema_field_names(c, *sch);
        sk_yu_err(c->d, n, names ? sk_suggest(seg, names, (*sch)->count) : NULL, M_R_BAD_PATH,
                  p->text, seg, (*sch)->name);
        return false;
    }
    if (p->nsteps >= SK_MAX_STEPS) {
        sk_yu_err(c->d, n, NULL, M_R_TOO_MANY, "steps", SK_MAX_STEPS);
        return false;
    }
    const sk_field *fld = &(*sch)->fields[f];
    p->steps[p->nsteps].schema = *sch;
    p->steps[p->nsteps].field = (int16_t)f;
    p->nsteps++;
    set_leaf_field(p, fld);
    *sch = fld->type == SK_F_MAP ? fld->sub : NULL;
    *s = end;
    if (strncmp(*s, "[*]", 3) == 0) {
        if (fld->type != SK_F_LIST || p->star_at != 0xFF) {
            sk_yu_err(c->d, n, NULL, M_R_NOT_LIST, p->text);
            return false;
        }
        p->steps[p->nsteps - 1].star = 1;
        p->star_at = p->nsteps;
        *sch = fld->item == SK_F_MAP ? fld->sub : NULL;
        *s += 3;
    }
    return true;
}

/* The field segments of a path, from s on, starting in schema sch. */
static sk_path *compile_segments(cctx *c, sk_path *p, const char *s, const sk_schema *sch,
                                 const sk_node *n)
{
    while (*s) {
        if (!compile_segment(c, p, &s, &sch, n))
            return NULL;
        if (*s == '.')
            s++;
        else if (*s) {
            sk_yu_err(c->d, n, NULL, M_R_BAD_PATH, p->text, s, sch ? sch->name : "?");
            return NULL;
        }
    }
    return p;
}

/* Compiles the text of a path; n is the node it came from (for errors). */
static sk_path *compile_path(cctx *c, const char *text, const sk_node *n)
{
    sk_path *p = sk_arena_calloc(A(c), 1, sizeof *p);
    if (!p || !(p->steps = sk_arena_calloc(A(c), SK_MAX_STEPS, sizeof *p->steps)))
        return NULL;
    p->text = text;
    p->line = n->line;
    p->col = n->col;
    p->star_at = 0xFF;
    if (strcmp(text, "date") == 0) {
        p->root = SK_ROOT_DATE;
        p->ftype = SK_F_DATE;
        return p;
    }
    if (strncmp(text, "$form.", 6) == 0)
        return compile_form_col(c, p, text + 6, n);
    const char *s = text;
    const sk_schema *sch = &sk_case_schema;
    if (s[0] == '$' || s[0] == '.') {
        int slot = compile_bind_root(c, text, n, &s);
        if (slot < 0)
            return NULL;
        p->root = SK_ROOT_BIND;
        p->slot = (int8_t)slot;
        if (*s == '\0')
            return bind_item(c, p, slot);
        sch = c->slot_schema[slot];
    }
    return compile_segments(c, p, s, sch, n);
}

/* Whether p denotes a collection of scalars: a list field of scalars, or a
 * projection LIST[*].FIELD; *elem gets the element's field type. */
static int is_collection(const sk_path *p, int *elem, const char *const **values)
{
    if (p->star_at != 0xFF && p->star_at < p->nsteps && p->ftype != SK_F_LIST &&
        p->ftype != SK_F_MAP) {
        *elem = p->ftype;
        *values = p->values;
        return 1;
    }
    if (p->star_at == 0xFF && p->ftype == SK_F_LIST && p->item != SK_F_MAP) {
        *elem = p->item;
        *values = p->values;
        return 1;
    }
    return 0;
}

static int is_item_list(const sk_path *p)
{
    return p->star_at != 0xFF && p->star_at == p->nsteps;
}

static int is_scalar(const sk_path *p)
{
    return p->star_at == 0xFF && p->ftype != SK_F_LIST && p->ftype != SK_F_MAP &&
           p->ftype != SK_F_STATUS_MAP;
}

/* ---- literals --------------------------------------------------------- */

static int parse_lit(cctx *c, const sk_node *n, int ftype, const char *const *values,
                     const char *what, sk_lit *out)
{
    memset(out, 0, sizeof *out);
    if (n->kind != SK_SCALAR) {
        sk_yu_err(c->d, n, NULL, M_EXPECTED, sk_ftype_desc((sk_ftype)ftype, c->d->lang), what,
                  sk_node_shape(n, c->d->lang));
        return 0;
    }
    const char *s = n->u.s;
    out->s = s;
    switch (cat_of(ftype)) {
    case CAT_BOOL:
        if (!strcmp(s, "true") || !strcmp(s, "false")) {
            out->vtype = SK_VT_BOOL;
            out->b = s[0] == 't';
            return 1;
        }
        sk_yu_err(c->d, n, NULL, M_BAD_BOOL, s, what);
        return 0;
    case CAT_NUM: {
        char *end;
        out->num = strtod(s, &end);
        if (end == s || *end) {
            sk_yu_err(c->d, n, NULL, M_BAD_NUMBER, s, what);
            return 0;
        }
        out->vtype = SK_VT_NUM;
        return 1;
    }
    case CAT_DATE:
        if (!sk_date_parse(s, n->len, &out->days)) {
            sk_yu_err(c->d, n, NULL, M_BAD_DATE, s, what);
            return 0;
        }
        out->vtype = SK_VT_DATE;
        return 1;
    case CAT_TEXT:
    case CAT_NONE:
        if (ftype == SK_F_ENUM && values && sk_values_find(values, s) < 0) {
            char all[400] = "";
            size_t k = 0;
            for (size_t i = 0; values[i] && k + 1 < sizeof all; i++)
                k += (size_t)snprintf(all + k, sizeof all - k, "%s%s", i ? ", " : "", values[i]);
            sk_yu_err(c->d, n, sk_suggest(s, values, sk_values_count(values)), M_BAD_ENUM,
                      s, what, all);
            return 0;
        }
        out->vtype = SK_VT_TEXT;
        return 1;
    }
    return 0; /* not reached: every category is handled above */
}

/* ---- conditions ------------------------------------------------------- */

static sk_cond *compile_cond(cctx *c, const sk_node *n);

static sk_cond *new_cond(cctx *c, sk_ckind kind, const sk_node *n)
{
    sk_cond *k = sk_arena_calloc(A(c), 1, sizeof *k);
    if (k) {
        k->kind = (uint8_t)kind;
        k->line = n->line;
        k->col = n->col;
        k->regex = -1;
        k->slot = -1;
    }
    return k;
}

static int find_op(const sk_node *map, const sk_node **val)
{
    int found = -1;
    for (uint32_t i = 0; i < map->len; i++) {
        int o = sk_values_find(op_names, map->u.pairs[i].key->u.s);
        if (o >= 0) {
            if (found >= 0)
                return -2;
            found = o;
            *val = map->u.pairs[i].val;
        }
    }
    return found;
}

/* The right-hand side: {path: P} or a literal (list for in/not_in). */
static int compile_rhs(cctx *c, sk_cond *k, const sk_node *v, int elem_type,
                       const char *const *values, int want_list)
{
    const char *opname = op_names[k->op];
    if (v->kind == SK_MAP) {
        static const char *const keys[] = {"path", NULL};
        sk_yu_check_keys(c->d, v, keys, opname);
        const char *t = sk_yu_str(c->d, v, "path");
        if (!t) {
            sk_yu_missing(c->d, v, "path", opname);
            return 0;
        }
        sk_path *p = compile_path(c, t, sk_map_get(v, "path"));
        if (!p)
            return 0;
        int et;
        const char *const *ev;
        if (want_list ? !is_collection(p, &et, &ev) : !is_scalar(p)) {
            sk_yu_err(c->d, v, NULL, want_list ? M_R_TYPE_LIST : M_R_TYPE_SCALAR, opname, t);
            return 0;
        }
        if (!want_list)
            et = p->ftype;
        if (cat_of(et) != cat_of(elem_type)) {
            sk_yu_err(c->d, v, NULL, M_R_TYPE_MIXED, opname, t);
            return 0;
        }
        k->rhs.path = p;
        return 1;
    }
    if (want_list) {
        if (v->kind != SK_SEQ) {
            sk_yu_err(c->d, v, NULL, M_EXPECTED, "a list or {path: ...}", opname,
                      sk_node_shape(v, c->d->lang));
            return 0;
        }
        k->rhs.is_list = true;
        k->rhs.nlist = v->len;
        k->rhs.list = sk_arena_calloc(A(c), v->len ? v->len : 1, sizeof *k->rhs.list);
        if (!k->rhs.list)
            return 0;
        for (uint32_t i = 0; i < v->len; i++)
            if (!parse_lit(c, v->u.items[i], elem_type, values, opname, &k->rhs.list[i]))
                return 0;
        return 1;
    }
    return parse_lit(c, v, elem_type, values, opname, &k->rhs.lit);
}

/* `exists: true|false` on path p. */
static sk_cond *compile_exists(cctx *c, const sk_node *n, const sk_node *ex, sk_path *p)
{
    sk_cond *k = new_cond(c, SK_C_EXISTS, n);
    if (!k || ex->kind != SK_SCALAR || (strcmp(ex->u.s, "true") && strcmp(ex->u.s, "false"))) {
        sk_yu_err(c->d, ex, NULL, M_BAD_BOOL, ex->kind == SK_SCALAR ? ex->u.s : "?", "exists");
        return NULL;
    }
    k->path = p;
    k->want = ex->u.s[0] == 't';
    return k;
}

/* Compiles the pattern of `matches` into the rule set's regex table;
 * its index, or -1 after an error (positioned at the offending byte). */
/* A start-of-pattern option such as (*NO_JIT), (*LIMIT_MATCH=9) or
 * (*NO_START_OPT) at the start of s: its length, or 0. They change how a
 * search runs and is bounded, which a rule must not do. */
static size_t start_option(const char *s)
{
    if (s[0] != '(' || s[1] != '*')
        return 0;
    size_t i = 2;
    while ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9'))
        i++;
    if (i == 2)
        return 0;
    if (s[i] == '=')
        while (s[i] && s[i] != ')')
            i++;
    return s[i] == ')' ? i + 1 : 0;
}

/* Backtracking verbs that may open a pattern: not options. */
static int is_verb(const char *s, size_t n)
{
    static const char *const verbs[] = {"(*ACCEPT)", "(*FAIL)", "(*F)", "(*COMMIT)",
                                        "(*PRUNE)", "(*SKIP)", "(*THEN)", NULL};
    for (size_t i = 0; verbs[i]; i++)
        if (strlen(verbs[i]) == n && strncmp(s, verbs[i], n) == 0)
            return 1;
    return 0;
}

static int refuse_start_options(cctx *c, const sk_node *re)
{
    size_t n = start_option(re->u.s);
    if (!n || is_verb(re->u.s, n))
        return 0;
    sk_yu_err(c->d, re, NULL, M_R_REGEX_OPTION, (int)n, re->u.s);
    return 1;
}

pcre2_code *sk_regex_compile(const char *src, size_t len, bool icase, int *errcode,
                             size_t *erroff)
{
    int ec;
    PCRE2_SIZE off;
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | (icase ? PCRE2_CASELESS : 0);
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)src, len, opts, &ec, &off, NULL);
    if (errcode)
        *errcode = ec;
    if (erroff)
        *erroff = off;
    return code;
}

/* An equal pattern compiled before (the same bytes and icase), or -1. */
static int regex_known(const sk_ruleset *rs, const sk_node *re, bool icase)
{
    for (size_t i = 0; i < rs->nregexes; i++) {
        const sk_regex *x = &rs->regexes[i];
        if (x->icase == icase && x->len == re->len && memcmp(x->src, re->u.s, re->len) == 0)
            return (int)i;
    }
    return -1;
}

/* Compiles the pattern (JIT compilation waits for its first use:
 * sk_ruleset_regex); an equal pattern shares one code. */
static int compile_regex(cctx *c, const sk_node *re, bool icase)
{
    if (refuse_start_options(c, re))
        return -1;
    int known = regex_known(c->rs, re, icase);
    if (known >= 0)
        return known;
    int errcode;
    size_t erroff;
    pcre2_code *code = sk_regex_compile(re->u.s, re->len, icase, &errcode, &erroff);
    if (!code) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(errcode, buf, sizeof buf);
        sk_node at = *re;
        at.col += (uint32_t)erroff + (re->quoted ? 1 : 0);
        sk_yu_err(c->d, &at, NULL, M_R_REGEX, (size_t)erroff, (const char *)buf);
        return -1;
    }
    sk_regex *v = realloc(c->rs->regexes, (c->rs->nregexes + 1) * sizeof *v);
    if (!v) {
        pcre2_code_free(code);
        return -1;
    }
    c->rs->regexes = v;
    sk_regex *x = &v[c->rs->nregexes];
    x->code = code;
    atomic_init(&x->jitted, 0);
    x->src = re->u.s;
    x->len = re->len;
    x->icase = icase;
    return (int)c->rs->nregexes++;
}

/* `matches: REGEX` (with `icase`) on the text path p, named t. */
static sk_cond *compile_match(cctx *c, const sk_node *n, const sk_node *re, sk_path *p,
                              const char *t)
{
    sk_cond *k = new_cond(c, SK_C_MATCH, n);
    if (!k)
        return NULL;
    if (!is_scalar(p) || cat_of(p->ftype) != CAT_TEXT) {
        sk_yu_err(c->d, n, NULL, M_R_TYPE_TEXT, "matches", t);
        return NULL;
    }
    if (re->kind != SK_SCALAR) {
        sk_yu_err(c->d, re, NULL, M_EXPECTED, "a regular expression", "matches",
                  sk_node_shape(re, c->d->lang));
        return NULL;
    }
    const sk_node *ic = sk_map_get(n, "icase");
    k->regex = compile_regex(c, re, ic && ic->kind == SK_SCALAR && strcmp(ic->u.s, "true") == 0);
    if (k->regex < 0)
        return NULL;
    k->path = p;
    return k;
}

/* A comparison `OP: value` on path p, named t: the operator's class
 * decides which shapes of path and value it accepts. */
static sk_cond *compile_cmp(cctx *c, const sk_node *n, int op, const sk_node *v, sk_path *p,
                            const char *t)
{
    sk_cond *k = new_cond(c, SK_C_CMP, n);
    if (!k)
        return NULL;
    k->op = (uint8_t)op;
    k->path = p;
    int et;
    const char *const *ev;
    switch (sk_op_class_of((sk_op)op)) {
    case SK_OPC_ORDER:
        if (is_scalar(p) && cat_of(p->ftype) != CAT_NUM && cat_of(p->ftype) != CAT_DATE) {
            sk_yu_err(c->d, n, NULL, M_R_TYPE_ORDER, op_names[op], t);
            return NULL;
        }
        /* an ordering operator is otherwise checked as equality is */
        /* fall through */
    case SK_OPC_EQUALITY:
    case SK_OPC_MEMBER:
        if (!is_scalar(p)) {
            sk_yu_err(c->d, n, NULL, M_R_TYPE_SCALAR, op_names[op], t);
            return NULL;
        }
        return compile_rhs(c, k, v, p->ftype, p->values,
                           sk_op_class_of((sk_op)op) == SK_OPC_MEMBER) ? k : NULL;
    case SK_OPC_CONTAINS:
    case SK_OPC_SHARES:
        if (!is_collection(p, &et, &ev)) {
            sk_yu_err(c->d, n, NULL, M_R_TYPE_LIST, op_names[op], t);
            return NULL;
        }
        return compile_rhs(c, k, v, et, ev, sk_op_class_of((sk_op)op) == SK_OPC_SHARES) ? k : NULL;
    }
    return NULL;
}

/* A condition on one path: exactly one of `exists`, `matches` or a
 * comparison operator. */
static sk_cond *compile_path_cond(cctx *c, const sk_node *n)
{
    static const char *const keys[] = {"path", "eq", "ne", "lt", "le", "gt", "ge", "in",
                                       "not_in", "contains", "intersects", "exists",
                                       "matches", "icase", NULL};
    sk_yu_check_keys(c->d, n, keys, sk_msg_fmt(M_NOUN_COND, c->d->lang));
    const char *t = sk_yu_str(c->d, n, "path");
    if (!t)
        return NULL;
    sk_path *p = compile_path(c, t, sk_map_get(n, "path"));
    if (!p)
        return NULL;
    const sk_node *ex = sk_map_get(n, "exists"), *re = sk_map_get(n, "matches");
    const sk_node *v = NULL;
    int op = find_op(n, &v);
    if ((ex != NULL) + (re != NULL) + (op >= 0) != 1 || op == -2) {
        one_op_error(c->d, n, 0);
        return NULL;
    }
    if (ex)
        return compile_exists(c, n, ex, p);
    if (re)
        return compile_match(c, n, re, p, t);
    return compile_cmp(c, n, op, v, p, t);
}

static int push_binding(cctx *c, const sk_node *n, const char *name, const sk_path *list)
{
    if (c->r->nbind >= SK_MAX_BIND || c->depth >= SK_MAX_BIND) {
        sk_yu_err(c->d, n, NULL, M_R_TOO_MANY, "quantifiers", SK_MAX_BIND);
        return -1;
    }
    int slot = c->r->nbind++;
    c->r->bind_names[slot] = name;
    const sk_field *f = &list->steps[list->nsteps - 1].schema->fields[list->steps[list->nsteps - 1].field];
    c->slot_schema[slot] = f->item == SK_F_MAP ? f->sub : NULL;
    c->slot_item[slot] = f->item;
    c->slot_values[slot] = f->values;
    c->r->bind_schema[slot] = c->slot_schema[slot];
    c->stack[c->depth].slot = slot;
    c->stack[c->depth].name = name;
    c->depth++;
    if (c->in_require && c->r->top_slot < 0)
        c->r->top_slot = slot;
    return slot;
}

/* {all|any|none|count: "LIST[*]", where: C, as: NAME, <op>: N} */
static sk_cond *compile_quant(cctx *c, const sk_node *n, sk_ckind kind, const sk_node *listn)
{
    static const char *const qkeys[] = {"all", "any", "none", "where", "as", NULL};
    static const char *const cfixed[] = {"count", "where", "as", NULL};
    const char *ckeys[4 + SK_OP__COUNT];
    numeric_keys(cfixed, ckeys);
    sk_yu_check_keys(c->d, n, kind == SK_C_COUNT ? ckeys : qkeys, sk_msg_fmt(M_NOUN_QUANT, c->d->lang));
    sk_path *p = compile_path(c, listn->u.s, listn);
    if (!p)
        return NULL;
    if (!is_item_list(p)) {
        sk_yu_err(c->d, listn, NULL, M_R_NOT_LIST, listn->u.s);
        return NULL;
    }
    sk_cond *k = new_cond(c, kind, n);
    if (!k)
        return NULL;
    k->path = p;
    const char *as = sk_yu_str(c->d, n, "as");
    k->slot = (int8_t)push_binding(c, n, as, p);
    if (k->slot < 0)
        return NULL;
    const sk_node *w = sk_map_get(n, "where");
    if (w)
        k->where = compile_cond(c, w);
    else if (kind != SK_C_COUNT)
        sk_yu_missing(c->d, n, "where", sk_msg_fmt(M_NOUN_QUANT, c->d->lang));
    c->depth--;
    if (w && !k->where)
        return NULL;
    if (kind == SK_C_COUNT) {
        const sk_node *v = NULL;
        int op = find_op(n, &v);
        if (op < 0 || !sk_op_is_numeric((sk_op)op)) {
            one_op_error(c->d, n, 1);
            return NULL;
        }
        k->op = (uint8_t)op;
        if (!parse_lit(c, v, SK_F_NUM, NULL, "count", &k->rhs.lit))
            return NULL;
    }
    return k;
}

static sk_cond *compile_sum(cctx *c, const sk_node *n, const sk_node *pn)
{
    static const char *const fixed[] = {"sum", NULL};
    const char *keys[4 + SK_OP__COUNT];
    numeric_keys(fixed, keys);
    sk_yu_check_keys(c->d, n, keys, sk_msg_fmt(M_NOUN_SUM, c->d->lang));
    sk_path *p = pn->kind == SK_SCALAR ? compile_path(c, pn->u.s, pn) : NULL;
    if (!p)
        return NULL;
    int et;
    const char *const *ev;
    if (!is_collection(p, &et, &ev) || cat_of(et) != CAT_NUM) {
        sk_yu_err(c->d, pn, NULL, M_R_TYPE_NUMLIST, "sum", pn->u.s);
        return NULL;
    }
    sk_cond *k = new_cond(c, SK_C_SUM, n);
    const sk_node *v = NULL;
    int op = find_op(n, &v);
    if (!k || op < 0 || !sk_op_is_numeric((sk_op)op)) {
        one_op_error(c->d, n, 1);
        return NULL;
    }
    k->op = (uint8_t)op;
    k->path = p;
    return parse_lit(c, v, SK_F_NUM, NULL, "sum", &k->rhs.lit) ? k : NULL;
}

static sk_cond *compile_list(cctx *c, const sk_node *n, sk_ckind kind, const sk_node *items)
{
    if (n->len != 1) {
        sk_yu_err(c->d, n, NULL, M_UNKNOWN_KEY, n->u.pairs[1].key->u.s,
                  kind == SK_C_ALL ? "all" : "any");
        return NULL;
    }
    sk_cond *k = new_cond(c, kind, n);
    if (!k)
        return NULL;
    k->nkids = items->len;
    k->kids = sk_arena_calloc(A(c), items->len ? items->len : 1, sizeof *k->kids);
    if (!k->kids)
        return NULL;
    int ok = 1;
    for (uint32_t i = 0; i < items->len; i++) {
        k->kids[i] = compile_cond(c, items->u.items[i]);
        ok &= k->kids[i] != NULL;
    }
    return ok ? k : NULL;
}

static sk_cond *compile_cond_at(cctx *c, const sk_node *n);

static sk_cond *compile_cond(cctx *c, const sk_node *n)
{
    if (c->nest >= SK_MAX_NESTING) {
        sk_yu_err(c->d, n, NULL, M_R_TOO_MANY, sk_ui(UI_NESTED_CONDITIONS, c->d->lang == SK_LANG_EN),
                  SK_MAX_NESTING);
        return NULL;
    }
    c->nest++;
    sk_cond *k = compile_cond_at(c, n);
    c->nest--;
    return k;
}

static sk_cond *compile_cond_at(cctx *c, const sk_node *n)
{
    static const char *const kinds[] = {"all", "any", "none", "not", "count", "sum", "path", NULL};
    if (!n || n->kind != SK_MAP || n->len == 0) {
        sk_yu_err(c->d, n, NULL, M_EXPECTED, sk_ui(UI_A_CONDITION_MAPPING, c->d->lang == SK_LANG_EN),
                  "condition", sk_node_shape(n, c->d->lang));
        return NULL;
    }
    const char *first = n->u.pairs[0].key->u.s;
    const sk_node *v = n->u.pairs[0].val;
    int kind = sk_values_find(kinds, first);
    if (kind < 0 && sk_map_get(n, "path"))
        kind = 6;
    switch (kind) {
    case 0: case 1:
        if (v->kind == SK_SEQ)
            return compile_list(c, n, kind == 0 ? SK_C_ALL : SK_C_ANY, v);
        if (v->kind == SK_SCALAR)
            return compile_quant(c, n, kind == 0 ? SK_C_QALL : SK_C_QANY, v);
        break;
    case 2:
        if (v->kind == SK_SCALAR)
            return compile_quant(c, n, SK_C_QNONE, v);
        break;
    case 3: {
        if (n->len != 1) {
            sk_yu_err(c->d, n->u.pairs[1].key, NULL, M_UNKNOWN_KEY, n->u.pairs[1].key->u.s, "not");
            return NULL;
        }
        sk_cond *k = new_cond(c, SK_C_NOT, n);
        if (!k)
            return NULL;
        k->kids = sk_arena_calloc(A(c), 1, sizeof *k->kids);
        if (!k->kids || !(k->kids[0] = compile_cond(c, v)))
            return NULL;
        k->nkids = 1;
        return k;
    }
    case 4:
        if (v->kind == SK_SCALAR)
            return compile_quant(c, n, SK_C_COUNT, v);
        break;
    case 5:
        return compile_sum(c, n, v);
    case 6:
        return compile_path_cond(c, n);
    default:
        sk_yu_err(c->d, n->u.pairs[0].key, sk_suggest(first, kinds, 7), M_R_BAD_COND, first);
        return NULL;
    }
    sk_yu_err(c->d, v, NULL, M_EXPECTED, "a list of conditions or \"LIST[*]\"", first,
              sk_node_shape(v, c->d->lang));
    return NULL;
}

/* ---- message templates ------------------------------------------------ */

static int compile_tpl(cctx *c, const sk_node *at, const char *src, sk_tpl *out)
{
    size_t cap = 8;
    out->parts = sk_arena_calloc(A(c), cap, sizeof *out->parts);
    out->n = 0;
    if (!out->parts)
        return 0;
    sk_buf lit;
    const char *s = src;
    int ok = 1;
    while (*s) {
        const char *start = s;
        /* literal up to an unescaped '{' */
        sk_buf_init(&lit, 0);
        while (*s) {
            size_t run = strcspn(s, "{}"); /* copied as it is */
            sk_buf_append(&lit, s, run);
            s += run;
            if ((s[0] == '{' && s[1] == '{') || (s[0] == '}' && s[1] == '}')) {
                sk_buf_putc(&lit, s[0]);
                s += 2;
                continue;
            }
            if (*s == '{' || !*s)
                break;
            sk_buf_putc(&lit, *s++);
        }
        (void)start;
        if (out->n + 2 > cap) {
            sk_tpl_part *np = sk_arena_calloc(A(c), cap * 2, sizeof *np);
            if (!np) {
                sk_buf_free(&lit);
                return 0;
            }
            memcpy(np, out->parts, out->n * sizeof *np);
            out->parts = np;
            cap *= 2;
        }
        if (lit.len) {
            out->parts[out->n].lit = sk_arena_strndup(A(c), sk_buf_cstr(&lit), lit.len);
            out->parts[out->n].litlen = lit.len;
            out->n++;
        }
        sk_buf_free(&lit);
        if (*s == '{') {
            const char *close = strchr(s, '}');
            if (!close) {
                sk_yu_err(c->d, at, NULL, M_R_PLACEHOLDER, s);
                return 0;
            }
            char *name = sk_arena_strndup(A(c), s + 1, (size_t)(close - s - 1));
            const char *pt = name;
            if (name[0] == '.' && c->r->top_slot >= 0) {
                /* {.x}: the outermost quantifier of require */
                const char *bn = c->r->bind_names[c->r->top_slot];
                if (!bn) {
                    char *alias = sk_arena_printf(A(c), "__q%d", c->r->top_slot);
                    c->r->bind_names[c->r->top_slot] = bn = alias;
                }
                pt = sk_arena_printf(A(c), "$%s%s", bn, name);
            }
            sk_path *p = name[0] == '.' && c->r->top_slot < 0 ? NULL : compile_path(c, pt, at);
            if (!p) {
                sk_yu_err(c->d, at, NULL, M_R_PLACEHOLDER, name);
                ok = 0;
            } else {
                out->parts[out->n].path = p;
                out->n++;
            }
            s = close + 1;
        }
    }
    return ok;
}

/* ---- the rule --------------------------------------------------------- */

static int valid_rule_id(const char *id)
{
    const char *dot = strchr(id, '.');
    if (!dot || dot == id || !dot[1])
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
            return 0;
    return id[strlen(id) - 1] != '.';
}

static int rule_date(cctx *c, const sk_node *map, const char *key, int32_t *out)
{
    const sk_node *v = sk_map_get(map, key);
    if (!v)
        return 0;
    if (v->kind != SK_SCALAR || !sk_date_parse(v->u.s, v->len, out)) {
        sk_yu_err(c->d, v, NULL, M_BAD_DATE, v->kind == SK_SCALAR ? v->u.s : "?", key);
        return 0;
    }
    return 1;
}

/* The key node of key in map (its position), or NULL. */
static const sk_node *map_key(const sk_node *map, const char *key)
{
    for (uint32_t i = 0; i < map->len; i++)
        if (strcmp(map->u.pairs[i].key->u.s, key) == 0)
            return map->u.pairs[i].key;
    return NULL;
}

/* certainty: settled | contested (+ certainty_note); `verified:` is the
 * field it replaced and is rejected with a pointer to its successor. */
static void load_certainty(sk_diags *d, const sk_node *root, sk_rule *r)
{
    static const char *const certs[] = {"settled", "contested", NULL};
    const sk_node *old = sk_map_get(root, "verified");
    if (old)
        sk_yu_err(d, map_key(root, "verified"), "certainty", M_R_VERIFIED);
    const char *v = sk_yu_str(d, root, "certainty");
    int ci = v ? sk_values_find(certs, v) : -1;
    if (!v && !old)
        sk_yu_missing(d, root, "certainty", sk_msg_fmt(M_NOUN_RULE, d->lang));
    else if (v && ci < 0)
        sk_yu_err(d, sk_map_get(root, "certainty"), sk_suggest(v, certs, 2), M_BAD_ENUM, v,
                  "certainty", "settled, contested");
    r->certainty = ci == 1 ? SK_CERT_CONTESTED : SK_CERT_SETTLED;
    const sk_node *note = sk_map_get(root, "certainty_note");
    if (ci == 1 && !note)
        sk_yu_err(d, sk_map_get(root, "certainty"), NULL, M_R_CERT_NOTE);
    else if (note)
        sk_yu_lang_pair(d, root, "certainty_note", r->certainty_note, 1);
}

/* judged_at: decision | start | assessment (default assessment). */
static void load_judged_at(sk_diags *d, const sk_node *root, sk_rule *r)
{
    const char *v = sk_yu_str(d, root, "judged_at");
    int ji = v ? sk_values_find(sk_judged_at_names, v) : SK_AT_ASSESSMENT;
    if (ji < 0) {
        sk_yu_err(d, sk_map_get(root, "judged_at"), sk_suggest(v, sk_judged_at_names, SK_AT__COUNT),
                  M_BAD_ENUM, v, "judged_at", "decision, start, assessment");
        ji = SK_AT_ASSESSMENT;
    }
    r->judged_at = (uint8_t)ji;
}

/* `id` (well-formed, not used by an earlier rule), its area and the
 * title. False when the rule has no id at all. */
static bool load_identity(cctx *c, const sk_node *root, const sk_rule *vec, size_t n)
{
    sk_diags *d = c->d;
    sk_rule *r = c->r;
    r->id = sk_yu_str(d, root, "id");
    if (!r->id) {
        sk_yu_missing(d, root, "id", sk_msg_fmt(M_NOUN_RULE, d->lang));
        return false;
    }
    if (!valid_rule_id(r->id))
        sk_yu_err(d, sk_map_get(root, "id"), NULL, M_R_BAD_ID, r->id);
    for (size_t i = 0; i < n; i++)
        if (strcmp(vec[i].id, r->id) == 0)
            sk_yu_err(d, sk_map_get(root, "id"), NULL, M_R_DUP_ID, r->id, vec[i].file, vec[i].line);
    const char *dot = strchr(r->id, '.');
    r->area = sk_arena_strndup(A(c), r->id, dot ? (size_t)(dot - r->id) : strlen(r->id));
    sk_yu_lang_pair(d, root, "title", r->title, 1);
    return true;
}

/* `severity` (fail or warn) and `basis` (the kind of legal source). */
static void load_weight(cctx *c, const sk_node *root)
{
    static const char *const sev[] = {"fail", "warn", NULL};
    sk_diags *d = c->d;
    const char *s = sk_yu_str(d, root, "severity");
    int si = s ? sk_values_find(sev, s) : -1;
    if (si < 0)
        sk_yu_err(d, s ? sk_map_get(root, "severity") : root, s ? sk_suggest(s, sev, 2) : NULL,
                  M_BAD_ENUM, s ? s : "", "severity", "fail, warn");
    c->r->severity = si == 1 ? SK_ST_WARN : SK_ST_FAIL;
    const char *b = sk_yu_str(d, root, "basis");
    int bi = b ? sk_values_find(sk_basis_names, b) : -1;
    if (bi < 0)
        sk_yu_err(d, b ? sk_map_get(root, "basis") : root,
                  b ? sk_suggest(b, sk_basis_names, SK_BASIS__COUNT) : NULL, M_BAD_ENUM, b ? b : "",
                  "basis", "statute, eu_case_law, se_case_law, guidance, practice");
    c->r->basis = (uint8_t)(bi < 0 ? 0 : bi);
}

/* `valid_from` (required) and `valid_to`, in order. */
static void load_validity(cctx *c, const sk_node *root)
{
    sk_diags *d = c->d;
    sk_rule *r = c->r;
    r->has_from = rule_date(c, root, "valid_from", &r->valid_from);
    const sk_node *from = sk_map_get(root, "valid_from");
    if (!from)
        sk_yu_missing(d, root, "valid_from", sk_msg_fmt(M_NOUN_RULE, d->lang));
    else {
        r->from_line = from->line;
        r->from_col = from->col;
    }
    r->has_to = rule_date(c, root, "valid_to", &r->valid_to);
    if (r->has_from && r->has_to && r->valid_from > r->valid_to) {
        char a[11], z[11];
        sk_date_format(r->valid_from, a);
        sk_date_format(r->valid_to, z);
        sk_yu_err(d, sk_map_get(root, "valid_to"), NULL, M_R_DATES, a, z);
    }
}

/* `citations` and `exception_to` (the rule ids this one supersedes). */
static void load_links(cctx *c, const sk_node *root)
{
    sk_diags *d = c->d;
    sk_rule *r = c->r;
    const sk_node *cites = sk_map_get(root, "citations");
    r->cites = sk_parse_cites(c->rs, cites, &r->ncites, d);
    sk_cites_common_window(r);
    if (r->ncites > SK_MAX_CITES)
        sk_yu_err(d, cites, NULL, M_R_TOO_MANY, "citations", SK_MAX_CITES);
    const sk_node *exc = sk_map_get(root, "exception_to");
    if (exc && exc->kind == SK_SEQ) {
        size_t n = exc->len ? exc->len : 1;
        r->exception_to = sk_arena_calloc(A(c), n, sizeof *r->exception_to);
        r->exception_at = sk_arena_calloc(A(c), n, sizeof *r->exception_at);
        for (uint32_t i = 0; r->exception_to && r->exception_at && i < exc->len; i++) {
            const sk_node *it = exc->u.items[i];
            if (it->kind != SK_SCALAR) {
                sk_yu_err(d, it, NULL, M_EXPECTED, "a rule id", "exception_to",
                          sk_node_shape(it, d->lang));
                continue;
            }
            r->exception_at[r->nexception_to] = it;
            r->exception_to[r->nexception_to++] = it->u.s;
        }
    } else if (exc) {
        sk_yu_err(d, exc, NULL, M_EXPECTED, "a list of rule ids", "exception_to",
                  sk_node_shape(exc, d->lang));
    }
}

/* `applies`, `require` (required) and the message templates. */
static void load_logic(cctx *c, const sk_node *root)
{
    sk_diags *d = c->d;
    sk_rule *r = c->r;
    const sk_node *ap = sk_map_get(root, "applies");
    if (ap)
        r->applies = compile_cond(c, ap);
    const sk_node *rq = sk_map_get(root, "require");
    if (!rq)
        sk_yu_missing(d, root, "require", sk_msg_fmt(M_NOUN_RULE, d->lang));
    c->in_require = 1;
    if (rq)
        r->require = compile_cond(c, rq);
    c->in_require = 0;
    if (sk_yu_lang_pair(d, root, "message", r->message_src, 1)) {
        const sk_node *m = sk_map_get(root, "message");
        compile_tpl(c, sk_map_get(m, "sv"), r->message_src[0], &r->message[0]);
        compile_tpl(c, sk_map_get(m, "en"), r->message_src[1], &r->message[1]);
    }
}

/* Appends the compiled rule r to the growing vector. */
static void push_rule(const sk_rule *r, sk_rule **vec, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        sk_rule *nv = realloc(*vec, nc * sizeof *nv);
        if (!nv)
            return;
        *vec = nv;
        *cap = nc;
    }
    (*vec)[*n] = *r;
    (*vec)[*n].index = (int)*n;
    (*n)++;
}

void sk_load_rule(sk_ruleset *rs, const sk_node *root, sk_diags *d,
                  sk_rule **vec, size_t *n, size_t *cap)
{
    static const char *const keys[] = {
        "id", "title", "severity", "basis", "certainty", "certainty_note", "judged_at",
        "absence_is_breach", "valid_from", "valid_to", "citations", "exception_to", "applies",
        "require", "message", "notes", "verified", NULL};
    if (!root || root->kind != SK_MAP) {
        if (root && root->kind == SK_NULL)
            return; /* an empty document, e.g. a trailing --- */
        sk_yu_err(d, root, NULL, M_EXPECTED, sk_ui(UI_A_RULE_MAPPING, d->lang == SK_LANG_EN),
                  "rule", sk_node_shape(root, d->lang));
        return;
    }
    size_t errors = d->errors;
    sk_rule r;
    memset(&r, 0, sizeof r);
    r.top_slot = -1;
    r.file = root->file;
    r.line = root->line;
    r.col = root->col;
    cctx c = {.rs = rs, .d = d, .r = &r};
    sk_yu_check_keys(d, root, keys, sk_msg_fmt(M_NOUN_RULE, d->lang));
    if (!load_identity(&c, root, *vec, *n))
        return;
    load_weight(&c, root);
    load_certainty(d, root, &r);
    load_judged_at(d, root, &r);
    if (sk_map_get(root, "absence_is_breach"))
        sk_yu_lang_pair(d, root, "absence_is_breach", r.absence_note, 1);
    load_validity(&c, root);
    load_links(&c, root);
    load_logic(&c, root);
    if (d->errors == errors)
        push_rule(&r, vec, n, cap);
}
