/* case.c - validating a value tree against case format v1 (schema.c),
 * typing its scalars in place, and reading text_file attachments. */
#include "case/case_int.h"
#include "rules/ruleset_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/suggest.h"
#include "base/utf8.h"

typedef struct vctx {
    sk_diags *d;
    sk_arena *a;
    const sk_ruleset *rs;
    const sk_limits *lim;
    const char *dir;
    const char *file;
    sk_lang lang;
} vctx;

static void err_at(vctx *v, const sk_node *n, const char *hint, sk_msg id, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, id);
    vsnprintf(msg, sizeof msg, sk_msg_fmt(id, v->d->lang), ap);
    va_end(ap);
    sk_diag_addv(v->d, SK_DIAG_ERROR, v->file, n ? n->line : 0, n ? n->col : 0,
                 hint, msg);
}

/* (By length first: nearly every scalar is ruled out without a call.) */
static int is_unknown_scalar(const sk_node *n)
{
    return n->kind == SK_SCALAR && !n->quoted && n->len == 7 &&
           memcmp(n->u.s, "unknown", 7) == 0;
}

/* true/false/ja/nej in any case (ASCII, as strcasecmp in the C locale
 * the program runs in). The words differ in length, so the length picks
 * the only one that can match (len is s's strlen); it is compared inline. */
static int parse_bool(const char *s, size_t len, bool *out)
{
    static const struct { const char *w; bool v; } words[] = {
        [2] = {"ja", true}, [3] = {"nej", false}, [4] = {"true", true}, [5] = {"false", false},
    };
    if (len >= sizeof words / sizeof *words || !words[len].w)
        return 0;
    /* the words are lower-case letters: a byte with bit 0x20 set equals
     * one exactly when it is that letter in either case */
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] | 0x20) != (unsigned char)words[len].w[i])
            return 0;
    *out = words[len].v;
    return 1;
}

static int is_slug(const char *s)
{
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
        return 0;
    for (s++; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              *s == '.' || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* "host (värd), member (medlem), ...": each value with its label in lang
 * where the label says more than the code (values.def). */
static void join_values(const char *const *values, sk_lang lang, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; values[i] && n + 1 < outsz; i++) {
        const char *l = sk_enum_label(values, values[i], lang);
        int labelled = l && strcmp(l, values[i]) != 0;
        int w = snprintf(out + n, outsz - n, "%s%s%s%s%s", i ? ", " : "", values[i],
                         labelled ? " (" : "", labelled ? l : "", labelled ? ")" : "");
        if (w < 0)
            break;
        n += (size_t)w;
    }
    sk_utf8_trim_partial(out);
}

static void validate_map(vctx *v, sk_node *map, const sk_schema *s);

/* The scalar typers, one per field type: each reads n->u.s, sets
 * n->vtype and n->v, or reports what was expected. */
typedef void (*scalar_typer)(vctx *v, sk_node *n, sk_ftype t,
                             const char *const *values, const char *name);

static void type_bool(vctx *v, sk_node *n, sk_ftype t,
                      const char *const *values, const char *name)
{
    static const char *const bools[] = {"true", "false", "ja", "nej", "unknown", NULL};
    (void)t, (void)values;
    if (!parse_bool(n->u.s, n->len, &n->v.b)) {
        err_at(v, n, sk_suggest(n->u.s, bools, 5), M_BAD_BOOL, n->u.s, name);
        return;
    }
    n->vtype = SK_VT_BOOL;
}

static void type_int(vctx *v, sk_node *n, sk_ftype t,
                     const char *const *values, const char *name)
{
    const char *s = n->u.s;
    char *end;
    (void)t, (void)values;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (end == s || *end) {
        err_at(v, n, NULL, M_BAD_INT, s, name);
        return;
    }
    if (errno == ERANGE || x < 0 || x > 1000000000000LL) {
        err_at(v, n, NULL, M_OUT_OF_RANGE, s, name, "0..10^12");
        return;
    }
    n->v.num = (double)x;
    n->vtype = SK_VT_NUM;
}

static void type_num(vctx *v, sk_node *n, sk_ftype t,
                     const char *const *values, const char *name)
{
    const char *s = n->u.s;
    char *end;
    (void)values;
    errno = 0;
    double x = strtod(s, &end);
    if (end == s || *end || !isfinite(x) || errno == ERANGE) {
        err_at(v, n, NULL, M_BAD_NUMBER, s, name);
        return;
    }
    if (t == SK_F_PERCENT && (x < 0 || x > 100)) {
        err_at(v, n, NULL, M_OUT_OF_RANGE, s, name, "0..100");
        return;
    }
    n->v.num = x;
    n->vtype = SK_VT_NUM;
}

static void type_date(vctx *v, sk_node *n, sk_ftype t,
                      const char *const *values, const char *name)
{
    (void)t, (void)values;
    if (!sk_date_parse(n->u.s, n->len, &n->v.days)) {
        err_at(v, n, NULL, M_BAD_DATE, n->u.s, name);
        return;
    }
    n->vtype = SK_VT_DATE;
}

static void type_enum(vctx *v, sk_node *n, sk_ftype t,
                      const char *const *values, const char *name)
{
    (void)t;
    if (sk_values_find(values, n->u.s) < 0) {
        char all[1024];
        join_values(values, v->lang, all, sizeof all);
        const char *hint = sk_enum_match(values, n->u.s);
        if (!hint)
            hint = sk_suggest(n->u.s, values, sk_values_count(values));
        err_at(v, n, hint, M_BAD_ENUM, n->u.s, name, all);
        return;
    }
    n->vtype = SK_VT_TEXT;
}

static void type_slug(vctx *v, sk_node *n, sk_ftype t,
                      const char *const *values, const char *name)
{
    (void)t, (void)values;
    if (!is_slug(n->u.s)) {
        err_at(v, n, NULL, M_BAD_SLUG, n->u.s, name);
        return;
    }
    n->vtype = SK_VT_TEXT;
}

static void type_text_or_bool(vctx *v, sk_node *n, sk_ftype t,
                              const char *const *values, const char *name)
{
    (void)v, (void)t, (void)values, (void)name;
    if (!n->quoted && parse_bool(n->u.s, n->len, &n->v.b))
        n->vtype = SK_VT_BOOL;
    else
        n->vtype = SK_VT_TEXT;
}

static void type_rule_id(vctx *v, sk_node *n, sk_ftype t,
                         const char *const *values, const char *name)
{
    (void)t, (void)values, (void)name;
    if (v->rs && sk_ruleset_find_id(v->rs, n->u.s) < 0) {
        err_at(v, n, sk_ruleset_suggest_id(v->rs, n->u.s), M_UNKNOWN_RULE, n->u.s);
        return;
    }
    n->vtype = SK_VT_TEXT;
}

/* Text, paths, and the collection types (validated by their own
 * functions, never reached here with a scalar they accept). */
static void type_text(vctx *v, sk_node *n, sk_ftype t,
                      const char *const *values, const char *name)
{
    (void)v, (void)t, (void)values, (void)name;
    n->vtype = SK_VT_TEXT;
}

/* The typer of each field type (text, paths and the collection types:
 * type_text). */
static const scalar_typer scalar_typers[] = {
    [SK_F_TEXT] = type_text,       [SK_F_SLUG] = type_slug,
    [SK_F_BOOL] = type_bool,       [SK_F_INT] = type_int,
    [SK_F_NUM] = type_num,         [SK_F_PERCENT] = type_num,
    [SK_F_DATE] = type_date,       [SK_F_ENUM] = type_enum,
    [SK_F_TEXT_OR_BOOL] = type_text_or_bool,
    [SK_F_PATH] = type_text,       [SK_F_RULE_ID] = type_rule_id,
    [SK_F_MAP] = type_text,        [SK_F_LIST] = type_text,
    [SK_F_STATUS_MAP] = type_text,
};
_Static_assert(sizeof scalar_typers / sizeof *scalar_typers == SK_F_STATUS_MAP + 1,
               "a typer for every field type");

/* Types one scalar node as field f; reports what was expected. */
static void validate_scalar(vctx *v, sk_node *n, sk_ftype t,
                            const char *const *values, const char *name)
{
    if (n->kind != SK_SCALAR) {
        err_at(v, n, NULL, M_EXPECTED, sk_ftype_desc(t, v->lang), name,
               sk_node_shape(n, v->lang));
        return;
    }
    scalar_typers[t](v, n, t, values, name);
}

static void validate_status_map(vctx *v, sk_node *n, const char *name)
{
    if (n->kind != SK_MAP) {
        err_at(v, n, NULL, M_EXPECTED, sk_ftype_desc(SK_F_STATUS_MAP, v->lang),
               name, sk_node_shape(n, v->lang));
        return;
    }
    for (uint32_t i = 0; i < n->len; i++) {
        sk_node *k = n->u.pairs[i].key;
        validate_scalar(v, k, SK_F_RULE_ID, NULL, name);
        validate_scalar(v, n->u.pairs[i].val, SK_F_ENUM, sk_status_values, k->u.s);
    }
}

static void validate_value(vctx *v, sk_node *n, const sk_field *f)
{
    if (n->kind == SK_NULL || is_unknown_scalar(n)) {
        n->unknown = 1;
        return;
    }
    switch (f->type) {
    case SK_F_MAP:
        if (n->kind != SK_MAP) {
            err_at(v, n, NULL, M_EXPECTED, sk_ftype_desc(SK_F_MAP, v->lang),
                   f->name, sk_node_shape(n, v->lang));
            return;
        }
        validate_map(v, n, f->sub);
        return;
    case SK_F_LIST:
        if (n->kind != SK_SEQ) {
            err_at(v, n, NULL, M_EXPECTED, sk_ftype_desc(SK_F_LIST, v->lang),
                   f->name, sk_node_shape(n, v->lang));
            return;
        }
        for (uint32_t i = 0; i < n->len; i++) {
            sk_node *it = n->u.items[i];
            if (f->item == SK_F_MAP) {
                if (it->kind != SK_MAP)
                    err_at(v, it, NULL, M_EXPECTED, sk_ftype_desc(SK_F_MAP, v->lang),
                           f->sub->name, sk_node_shape(it, v->lang));
                else
                    validate_map(v, it, f->sub);
            } else if (it->kind == SK_NULL || is_unknown_scalar(it)) {
                it->unknown = 1;
            } else {
                validate_scalar(v, it, (sk_ftype)f->item, f->values, f->name);
            }
        }
        return;
    case SK_F_STATUS_MAP:
        validate_status_map(v, n, f->name);
        return;
    default:
        validate_scalar(v, n, (sk_ftype)f->type, f->values, f->name);
        return;
    }
}

/* Does the relative path rel name something outside its directory
 * without looking at the file system: absolute, or a ".." that climbs
 * above the start? (Symbolic links are caught after realpath.) */
static int escapes_lexically(const char *rel)
{
    if (rel[0] == '/')
        return 1;
    long depth = 0;
    for (const char *p = rel; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0)
                return 1;
        } else if (n > 0 && !(n == 1 && p[0] == '.')) {
            depth++;
        }
        p += n;
        while (*p == '/')
            p++;
    }
    return 0;
}

/* Resolves rel against v->dir into real_file (PATH_MAX bytes), refusing
 * a path that leaves the directory unless the limits allow it. */
static int resolve_text_path(vctx *v, const sk_node *n, char *real_file)
{
    const char *rel = n->u.s;
    if (v->lim->deny_text_file) {
        err_at(v, n, NULL, M_TEXT_FILE_DENIED, rel);
        return 0;
    }
    /* refuse a path that leaves the directory on its face (absolute, or
     * more ".." than names) before touching the file system, so that the
     * answer does not tell whether something outside exists */
    if (!v->lim->allow_outside_text_file && escapes_lexically(rel)) {
        err_at(v, n, NULL, M_TEXT_FILE_OUTSIDE, rel);
        return 0;
    }
    char joined[PATH_MAX];
    int w = rel[0] == '/' ? snprintf(joined, sizeof joined, "%s", rel)
                          : snprintf(joined, sizeof joined, "%s/%s", v->dir, rel);
    if (w < 0 || (size_t)w >= sizeof joined) { /* never a truncated path */
        err_at(v, n, NULL, M_TEXT_FILE_READ, rel, strerror(ENAMETOOLONG));
        return 0;
    }
    if (!realpath(joined, real_file)) {
        err_at(v, n, NULL, M_TEXT_FILE_READ, rel, strerror(errno));
        return 0;
    }
    if (v->lim->allow_outside_text_file)
        return 1;
    char real_dir[PATH_MAX];
    size_t dl;
    if (!realpath(v->dir, real_dir) || rel[0] == '/' ||
        strncmp(real_file, real_dir, dl = strlen(real_dir)) != 0 ||
        (real_file[dl] != '/' && real_file[dl] != '\0' && strcmp(real_dir, "/") != 0)) {
        /* (the directory itself is inside: reading it fails as "not a
         * regular file") */
        err_at(v, n, NULL, M_TEXT_FILE_OUTSIDE, rel);
        return 0;
    }
    return 1;
}

/* Opens a regular file only: opening a FIFO would block the run, and a
 * device could be endless. */
static FILE *open_regular(vctx *v, const sk_node *n, const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = fd < 0 ? errno : EINVAL;
        if (fd >= 0)
            close(fd);
        err_at(v, n, NULL, M_TEXT_FILE_READ, n->u.s,
               e == EINVAL ? sk_msg_fmt(M_NOT_REGULAR, v->d->lang) : strerror(e));
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        close(fd);
        err_at(v, n, NULL, M_TEXT_FILE_READ, n->u.s, strerror(errno));
    }
    return f;
}

/* Reads f to its end into b (bounded by the file-size limit). */
static int slurp_text(vctx *v, const sk_node *n, FILE *f, sk_buf *b)
{
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!sk_buf_append(b, chunk, got))
            break;
    int rerr = ferror(f);
    fclose(f);
    if (rerr) {
        err_at(v, n, NULL, M_TEXT_FILE_READ, n->u.s, strerror(EIO));
        return 0;
    }
    if (b->failed) {
        err_at(v, n, NULL, M_FILE_TOO_BIG, v->lim->max_file_bytes);
        return 0;
    }
    return 1;
}

/* The attachment is text a reader sees: valid UTF-8, no control
 * characters that would hide content. */
static int text_is_clean(vctx *v, const sk_node *n, sk_buf *b)
{
    if (sk_utf8_invalid_at(sk_buf_cstr(b), b->len) != (size_t)-1) {
        err_at(v, n, NULL, M_TEXT_FILE_READ, n->u.s, "invalid UTF-8");
        return 0;
    }
    long ctl = sk_text_bad_char(sk_buf_cstr(b), b->len);
    if (ctl >= 0) {
        char what[160];
        snprintf(what, sizeof what, sk_msg_fmt(M_CONTROL_CHAR, v->d->lang), (unsigned)ctl);
        err_at(v, n, NULL, M_TEXT_FILE_READ, n->u.s, what);
        return 0;
    }
    return 1;
}

/* Resolves a text_file path (confined to v->dir) and reads it. */
static const char *read_text_file(vctx *v, const sk_node *n, size_t *len)
{
    char real_file[PATH_MAX];
    if (!resolve_text_path(v, n, real_file))
        return NULL;
    FILE *f = open_regular(v, n, real_file);
    if (!f)
        return NULL;
    sk_buf b;
    sk_buf_init(&b, v->lim->max_file_bytes);
    const char *copy = NULL;
    if (slurp_text(v, n, f, &b) && text_is_clean(v, n, &b)) {
        copy = sk_arena_strndup(v->a, sk_buf_cstr(&b), b.len);
        *len = b.len;
    }
    sk_buf_free(&b);
    return copy;
}

/* For maps with text + text_file: builds the merged text node in aux. */
static void merge_text_file(vctx *v, sk_node *map, const sk_schema *s)
{
    /* only maps that state a text_file need the schema lookups */
    const sk_pair *pf = NULL;
    for (uint32_t i = 0; i < map->len && !pf; i++)
        if (map->u.pairs[i].key->field >= 0 &&
            s->fields[map->u.pairs[i].key->field].type == SK_F_PATH &&
            strcmp(s->fields[map->u.pairs[i].key->field].name, "text_file") == 0)
            pf = &map->u.pairs[i];
    if (!pf)
        return;
    int ft = sk_schema_find(s, "text");
    if (ft < 0)
        return;
    if (!pf || sk_node_is_unknown(pf->val) || pf->val->kind != SK_SCALAR)
        return;
    size_t flen = 0;
    const char *content = read_text_file(v, pf->val, &flen);
    if (!content)
        return;
    const sk_pair *pt = sk_map_field(map, ft);
    const char *text = pt && !sk_node_is_unknown(pt->val) ? pt->val->u.s : NULL;
    sk_node *m = sk_arena_calloc(v->a, 1, sizeof *m);
    if (!m)
        return;
    *m = *pf->val;
    m->vtype = SK_VT_TEXT;
    m->u.s = text ? sk_arena_printf(v->a, "%s\n%s", text, content) : content;
    m->len = m->u.s ? (uint32_t)strlen(m->u.s) : 0;
    if (m->u.s)
        map->aux = m;
}

static void validate_map(vctx *v, sk_node *map, const sk_schema *s)
{
    size_t next = 0; /* keys mostly follow the schema's order */
    for (uint32_t i = 0; i < map->len; i++) {
        sk_node *k = map->u.pairs[i].key;
        int f = sk_schema_find_n(s, k->u.s, k->len, next);
        if (f < 0) {
            const char *names[64];
            size_t nn = s->count < 64 ? s->count : 64;
            for (size_t j = 0; j < nn; j++)
                names[j] = s->fields[j].name;
            const char *hint = sk_schema_find_label(s, k->u.s);
            err_at(v, k, hint ? hint : sk_suggest(k->u.s, names, nn), M_UNKNOWN_KEY,
                   k->u.s, s->name);
            continue;
        }
        k->field = f;
        next = (size_t)f + 1;
        validate_value(v, map->u.pairs[i].val, &s->fields[f]);
    }
    for (uint64_t req = s->required; req; req &= req - 1) {
        int32_t f = (int32_t)__builtin_ctzll(req);
        if (!sk_map_field(map, f))
            err_at(v, map, NULL, M_MISSING_KEY, s->fields[f].name, s->name);
    }
    map->aux = NULL;
    merge_text_file(v, map, s);
}

const sk_node *sk_case_get_merged(const sk_node *map, const sk_schema *s, int f)
{
    if (strcmp(s->fields[f].name, "text") == 0)
        return map->aux;
    const sk_pair *p = sk_map_field(map, f);
    return p ? p->val : NULL;
}

/* A stated scalar's text, or NULL. */
static const char *scalar_text(const sk_node *n)
{
    return n && n->kind == SK_SCALAR && !n->unknown ? n->u.s : NULL;
}

/* Fills the case's table of top-level fields and what it reads from them. */
static void read_top(sk_case *c, sk_arena *a, sk_node *root, int32_t default_date)
{
    c->root = root;
    c->file = root->file;
    c->arena = a;
    for (uint32_t i = 0; i < root->len; i++) {
        int32_t f = root->u.pairs[i].key->field;
        if (f >= 0 && f < 32)
            c->top[f] = root->u.pairs[i].val;
    }
    c->top_of = root;
    c->id = scalar_text(c->top[SK_CF_CASE]);
    c->title = scalar_text(c->top[SK_CF_TITLE]);
    const char *form = scalar_text(c->top[SK_CF_FORM]);
    c->form = form ? sk_values_find(sk_form_values, form) : -1;
    const sk_node *date = c->top[SK_CF_DATE];
    c->date_stated = date && date->vtype == SK_VT_DATE;
    c->date = c->date_stated ? date->v.days : default_date;
    const sk_node *dec = c->top[SK_CF_DECIDED], *st = c->top[SK_CF_STARTS];
    c->decided_stated = dec && dec->vtype == SK_VT_DATE;
    c->decided = c->decided_stated ? dec->v.days : 0;
    c->starts_stated = st && st->vtype == SK_VT_DATE;
    c->starts = c->starts_stated ? st->v.days : 0;
    c->line = root->line;
    const sk_node *w = c->top[SK_CF_WAIVERS];
    c->waivers = w && w->kind == SK_SEQ ? w : NULL;
    const sk_node *e = c->top[SK_CF_EXPECT];
    c->expect = e && e->kind == SK_MAP ? e : NULL;
}

sk_rc sk_case_build(sk_case **out, sk_arena *a, sk_node *root,
                    const char *file, const char *dir, const sk_ruleset *rs,
                    const sk_limits *lim, int32_t default_date, sk_diags *d)
{
    vctx v = {d, a, rs, lim, dir, file, d->lang};
    *out = NULL;
    if (!root || root->kind != SK_MAP) {
        if (!root || root->kind == SK_NULL)
            err_at(&v, root, NULL, M_EMPTY_DOC);
        else
            err_at(&v, root, NULL, M_EXPECTED, sk_ftype_desc(SK_F_MAP, v.lang),
                   "case", sk_node_shape(root, v.lang));
        return SK_EINVALID;
    }
    size_t before = d->errors;
    validate_map(&v, root, &sk_case_schema);
    if (d->errors != before)
        return SK_EINVALID;
    sk_case *c = sk_arena_calloc(a, 1, sizeof *c);
    if (!c)
        return SK_ENOMEM;
    read_top(c, a, root, default_date);
    sk_case_check_party_refs(d, a, c->top, file);
    sk_case_check_consistency(d, root, file);
    if (d->errors != before)
        return SK_EINVALID;
    if (!c->id || c->form < 0) {
        /* required fields stated as unknown */
        if (!c->id)
            err_at(&v, root, NULL, M_MISSING_KEY, "case", "case");
        if (c->form < 0)
            err_at(&v, root, NULL, M_MISSING_KEY, "form", "case");
        return SK_EINVALID;
    }
    *out = c;
    return SK_OK;
}

const char *sk_case_id(const sk_case *c) { return c->id; }
const char *sk_case_title(const sk_case *c) { return c->title; }
const char *sk_case_file(const sk_case *c) { return c->file; }
unsigned sk_case_line(const sk_case *c) { return c->line; }
const char *sk_case_form(const sk_case *c) { return sk_form_values[c->form]; }
const char *const *sk_case_forms(void) { return sk_form_values; }
int32_t sk_case_date(const sk_case *c) { return c->date; }
