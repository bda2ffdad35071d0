/* case_set.c - any fact of a case set or removed in the text of its file
 * (sk_case_text_edit), keeping every other byte: the web app's form edits
 * are written into the file this way, so the user's comments stay.
 *
 * The fact is found by its place ("tasks[1].name") in the document's value
 * tree as loaded, not validated (a case being edited is often invalid for
 * a while: a new party without a type), with the field types of the case
 * format; the text is changed by case_edit.c. */
#include <stdlib.h>
#include <string.h>

#include "advice/advice_int.h"
#include "base/utf8.h"
#include "case/case_int.h"

#define MAX_SEGS SK_MAX_STEPS

typedef struct seg {
    const char *name;
    size_t len;
    long idx;                 /* [idx], or -1 */
} seg;

/* "a.b[2].c" into segments; 0 if it is not a path. */
static size_t parse_key(const char *k, seg *g)
{
    size_t n = 0;
    while (*k && n < MAX_SEGS) {
        size_t len = strcspn(k, ".[");
        if (!len)
            return 0;
        g[n] = (seg){k, len, -1};
        k += len;
        if (*k == '[') {
            char *end;
            g[n].idx = strtol(k + 1, &end, 10);
            if (end == k + 1 || *end != ']' || g[n].idx < 0)
                return 0;
            k = end + 1;
        }
        n++;
        if (*k == '.' && k[1])
            k++;
        else if (*k)
            return 0;
    }
    return *k ? 0 : n;
}

static int field_of(const sk_schema *sc, const seg *g)
{
    for (size_t i = 0; sc && i < sc->count; i++)
        if (strlen(sc->fields[i].name) == g->len && !strncmp(sc->fields[i].name, g->name, g->len))
            return (int)i;
    return -1;
}

static sk_node *child_of(const sk_node *map, const seg *g)
{
    for (uint32_t i = 0; i < map->len; i++) {
        const sk_node *k = map->u.pairs[i].key;
        if (k->u.s && strlen(k->u.s) == g->len && !strncmp(k->u.s, g->name, g->len))
            return map->u.pairs[i].val;
    }
    return NULL;
}

/* The keys of map get their field indices (a new key goes in case-format
 * order). */
static void annotate(sk_node *map, const sk_schema *sc)
{
    for (uint32_t i = 0; i < map->len; i++) {
        sk_node *k = map->u.pairs[i].key;
        k->field = k->u.s ? sk_schema_find(sc, k->u.s) : -1;
    }
}

/* A value that states nothing: nothing, ~, null, unknown. */
static int states_nothing(const sk_node *n)
{
    if (!n || n->kind == SK_NULL)
        return 1;
    return n->kind == SK_SCALAR && !n->quoted && n->u.s &&
           (!strcmp(n->u.s, "unknown") || !strcmp(n->u.s, "null") || !strcmp(n->u.s, "~"));
}

/* q's chain from the segments g[0..n) (map fields to a leaf, read in
 * schema sc); 0 if they are not such a chain. The leaf gives q's kind. */
static int chain_of(sk_question *q, const sk_schema *sc, const seg *g, size_t n)
{
    q->nchain = 0;
    for (size_t i = 0; i < n; i++) {
        int f = field_of(sc, &g[i]);
        if (f < 0 || g[i].idx >= 0)
            return 0;
        q->chain_field[q->nchain] = (int16_t)f;
        q->chain[q->nchain++] = &sc->fields[f];
        q->field = &sc->fields[f];
        if (i + 1 < n && q->field->type != SK_F_MAP)
            return 0;
        sc = q->field->sub;
    }
    int k = q->field ? sk_advice_answer_kind(q->field, &q->values) : -1;
    q->kind = (uint8_t)(k < 0 ? 0 : k);
    return k >= 0 && k != SK_ANS_NAMED_ITEMS && k != SK_ANS_ITEMS;
}

/* ---- the values ---------------------------------------------------------- */

typedef struct vals {
    char **v;
    const char **cv;          /* the same, for sk_answer */
    size_t n;
} vals;

static void vals_free(vals *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    free(v->cv);
}

/* One value for q, as written: "unknown" (and "vet ej") stays the marker
 * (q becomes an enum, so it is not quoted); free text is taken as given
 * (any length, line breaks included); the rest as sk_answer_parse reads
 * it. 1, or 0 with *msg. */
static int take_value(sk_question *q, const char *in, sk_lang lang, char **out, char **msg)
{
    if (q->kind == SK_ANS_TEXT && strcmp(in, "unknown")) {
        size_t n = strlen(in);
        if (sk_utf8_invalid_at(in, n) != (size_t)-1 || sk_text_bad_char(in, n) >= 0) {
            if (sk_answer_parse(q, in, lang, msg) > 0) { /* it says why */
                free(*msg);
                *msg = NULL;
            }
            return 0;
        }
        *out = strdup(in);
        return *out != NULL;
    }
    int r = strcmp(in, "unknown") ? sk_answer_parse(q, in, lang, out) : -1;
    if (r > 0)
        return 1;
    if (r == 0) {
        *msg = *out;
        *out = NULL;
        return 0;
    }
    q->kind = SK_ANS_ENUM;
    q->values = NULL;
    *out = strdup("unknown");
    return *out != NULL;
}

static sk_rc values_of(sk_question *q, const sk_case_edit *e, sk_lang lang, vals *v, char **msg)
{
    v->n = 0;
    v->v = calloc(e->n ? e->n : 1, sizeof *v->v);
    v->cv = calloc(e->n ? e->n : 1, sizeof *v->cv);
    if (!v->v || !v->cv)
        return SK_ENOMEM;
    if (e->n != 1 && q->kind != SK_ANS_LIST)
        return SK_EINVALID;
    for (size_t i = 0; i < e->n; i++) {
        if (!take_value(q, e->values[i], lang, &v->v[i], msg))
            return SK_EINVALID;
        v->cv[i] = v->v[i];
        v->n++;
    }
    return SK_OK;
}

/* ---- the edit ------------------------------------------------------------ */

typedef struct job {
    const char *s;
    size_t len;
    const sk_case_edit *e;
    const sk_limits *lim;
    sk_lang lang;
    char **out;
    size_t *outlen;
    char **msg;
} job;

/* Writes the value into place: op at n, or (op < 0) the answer code of
 * ask -i with q's target. */
static sk_rc write_value(const job *j, int op, sk_node *n, sk_question *q)
{
    vals v;
    sk_rc rc = values_of(q, j->e, j->lang, &v, j->msg);
    if (rc == SK_OK) {
        sk_answer a = {.values = v.cv, .n = v.n};
        if (op < 0)
            rc = sk_case_text_answer(j->s, j->len, q, &a, j->out, j->outlen);
        else
            rc = sk_case_text_edit_at(j->s, j->len, (sk_text_edit)op, n, q, &a, j->out, j->outlen);
    }
    vals_free(&v);
    return rc;
}

/* A new chain g[0..n) under map `at` (insert), or in place of the value
 * `at` that states nothing (replace). */
static sk_rc add_chain(const job *j, sk_node *at, int replace, const sk_schema *sc, const seg *g,
                       size_t n)
{
    sk_question q;
    memset(&q, 0, sizeof q);
    if (!chain_of(&q, sc, g, n))
        return SK_ENOTFOUND;
    q.at = at;
    q.replace = replace != 0;
    return write_value(j, -1, NULL, &q);
}

static sk_rc leaf(const job *j, int op, sk_node *n, const sk_schema *sc, const seg *g, size_t ng)
{
    if (op == SK_TEXT_REMOVE)
        return sk_case_text_edit_at(j->s, j->len, SK_TEXT_REMOVE, n, NULL, NULL, j->out, j->outlen);
    sk_question q;
    memset(&q, 0, sizeof q);
    if (!chain_of(&q, sc, g, ng))
        return SK_ENOTFOUND;
    if (op == SK_TEXT_SET && !states_nothing(n) && n->kind == SK_MAP)
        return SK_EINVALID;
    return write_value(j, op, n, &q);
}

/* The first item of a list that is not stated yet (g[0] = "list[0]",
 * under map `at`): "list:" and "- key: value" when the fact is the item's
 * name (its first required field), else "- {}" first and then the fact
 * written into that item. */
static sk_rc new_list(const job *j, sk_node *at, const sk_schema *sc, const seg *g, size_t ng)
{
    int f = field_of(sc, &g[0]);
    const sk_field *fd = &sc->fields[f];
    sk_question q;
    memset(&q, 0, sizeof q);
    q.at = at;
    q.nchain = 1;
    q.chain[0] = q.field = fd;
    q.chain_field[0] = (int16_t)f;
    int key = -1;
    for (size_t i = 0; fd->sub && i < fd->sub->count && key < 0; i++)
        if (fd->sub->fields[i].required)
            key = (int)i;
    if (ng == 2 && key >= 0 && field_of(fd->sub, &g[1]) == key) {
        sk_question lq;
        memset(&lq, 0, sizeof lq);
        if (!chain_of(&lq, fd->sub, g + 1, 1) || lq.kind != SK_ANS_TEXT || j->e->n != 1)
            return SK_EINVALID;
        q.kind = SK_ANS_NAMED_ITEMS;
        return write_value(j, -1, NULL, &q);
    }
    const char *one[] = {"1"};
    sk_answer a = {.values = one, .n = 1};
    q.kind = SK_ANS_ITEMS;
    char *t = NULL;
    size_t tl = 0;
    sk_rc rc = sk_case_text_answer(j->s, j->len, &q, &a, &t, &tl);
    if (rc == SK_OK)
        rc = sk_case_text_edit(t, tl, j->e, j->lim, j->lang, j->out, j->outlen, j->msg);
    free(t);
    return rc;
}

/* Walks g[0..ng) from map node in schema sc. */
static sk_rc walk(const job *j, sk_node *node, const sk_schema *sc, const seg *g, size_t ng)
{
    for (size_t i = 0; i < ng; i++) {
        int last = i + 1 == ng, f = field_of(sc, &g[i]);
        if (f < 0 || !node || node->kind != SK_MAP)
            return f < 0 ? SK_ENOTFOUND : SK_EINVALID;
        annotate(node, sc);
        const sk_field *fd = &sc->fields[f];
        sk_node *child = child_of(node, &g[i]);
        if (!child && !j->e->n)
            return SK_ENOTFOUND;
        if (!child && g[i].idx < 0)
            return add_chain(j, node, 0, sc, g + i, ng - i);
        if (!child)
            return g[i].idx == 0 && !last && fd->type == SK_F_LIST && fd->item == SK_F_MAP
                       ? new_list(j, node, sc, g + i, ng - i) : SK_ENOTFOUND;
        if (g[i].idx >= 0) {
            if (!child || fd->type != SK_F_LIST || fd->item != SK_F_MAP || child->kind != SK_SEQ)
                return child && fd->type == SK_F_LIST ? SK_EINVALID : SK_ENOTFOUND;
            if ((size_t)g[i].idx < child->len && last)
                return j->e->n ? SK_EINVALID : sk_case_text_edit_at(j->s, j->len, SK_TEXT_REMOVE,
                                                                    child->u.items[g[i].idx], NULL,
                                                                    NULL, j->out, j->outlen);
            if ((size_t)g[i].idx == child->len && !last && j->e->n)
                return leaf(j, SK_TEXT_APPEND, child, fd->sub, g + i + 1, ng - i - 1);
            if ((size_t)g[i].idx >= child->len)
                return SK_ENOTFOUND;
            node = child->u.items[g[i].idx];
            sc = fd->sub;
            continue;
        }
        if (last)
            return leaf(j, j->e->n ? SK_TEXT_SET : SK_TEXT_REMOVE, child, sc, g + i, 1);
        if (fd->type != SK_F_MAP)
            return SK_ENOTFOUND;
        if (child->kind != SK_MAP)
            return states_nothing(child) && j->e->n ? add_chain(j, child, 1, fd->sub, g + i + 1, ng - i - 1)
                                                   : SK_EINVALID;
        node = child;
        sc = fd->sub;
    }
    return SK_ENOTFOUND;
}

sk_rc sk_case_text_edit(const char *text, size_t len, const sk_case_edit *e, const sk_limits *lim,
                        sk_lang lang, char **out, size_t *outlen, char **msg)
{
    *out = NULL;
    *msg = NULL;
    seg g[MAX_SEGS];
    size_t ng = e->key ? parse_key(e->key, g) : 0;
    if (!ng)
        return SK_ENOTFOUND;
    sk_source *src = NULL;
    sk_arena *a = sk_arena_new();
    sk_rc rc = a ? sk_source_open_mem(&src, "case", text, len, lim) : SK_ENOMEM;
    sk_diags d;
    sk_diags_init(&d, lang);
    sk_node *root = NULL;
    for (size_t i = 0; rc == SK_OK || rc == SK_EINVALID; i++) {
        rc = sk_source_next_tree(src, a, &root, &d);
        if (i == e->doc || rc == SK_EEND || rc == SK_EIO || rc == SK_ENOMEM)
            break;
    }
    if (rc == SK_OK) {
        job j = {text, len, e, lim, lang, out, outlen, msg};
        rc = walk(&j, root, &sk_case_schema, g, ng);
    } else if (rc == SK_EEND) {
        rc = SK_ENOTFOUND;
    } else if (rc != SK_ENOMEM) {
        rc = SK_EINVALID;
    }
    sk_diags_free(&d);
    sk_source_close(src);
    sk_arena_destroy(a);
    return rc;
}
