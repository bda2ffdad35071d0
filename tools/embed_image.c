/* embed_image.c - build tool: compiles the rule files with the engine's
 * own loader and writes the compiled rule set as C tables
 * (engine/src/rules/image.h), so that start-up neither parses YAML nor
 * compiles rules. Usage: embed_image OUT.c ROOT FILE... (names relative to
 * ROOT, as sk_ruleset_load_dir names them). Fails on any diagnostic, and
 * on anything it cannot write as a constant (a pointer it does not know).
 *
 * Every object is written once, as a static const variable named oN, before
 * the objects pointing at it; the casts drop the const that sk_ruleset's
 * pointer fields lack (nothing writes through them). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "rules/image.h"
#include "samkoll/diag.h"
#include "samkoll/limits.h"

/* the objects written so far: address -> name number (open addressing) */
typedef struct emitter {
    FILE *out;
    const sk_ruleset *rs;
    const void **keys;
    unsigned *ids;
    size_t cap, n;
    unsigned next;
    struct emitter *trees;    /* node trees written: node -> index + 1 */
    size_t ntrees;
} emitter;

static void die(const char *what)
{
    fprintf(stderr, "embed_image: %s\n", what);
    exit(65);
}

static size_t slot_of(const emitter *e, const void *p)
{
    size_t h = ((size_t)(uintptr_t)p >> 3) * 0x9E3779B97F4A7C15u;
    size_t i = h & (e->cap - 1);
    while (e->keys[i] && e->keys[i] != p)
        i = (i + 1) & (e->cap - 1);
    return i;
}

static void map_grow(emitter *e)
{
    size_t oc = e->cap;
    const void **ok = e->keys;
    unsigned *oi = e->ids;
    e->cap = oc ? oc * 2 : 4096;
    e->keys = calloc(e->cap, sizeof *e->keys);
    e->ids = calloc(e->cap, sizeof *e->ids);
    if (!e->keys || !e->ids)
        die("out of memory");
    for (size_t i = 0; i < oc; i++)
        if (ok[i]) {
            size_t s = slot_of(e, ok[i]);
            e->keys[s] = ok[i];
            e->ids[s] = oi[i];
        }
    free(ok);
    free(oi);
}

/* The name number of p if written, else 0. */
static unsigned known(const emitter *e, const void *p)
{
    if (!e->cap)
        return 0;
    size_t s = slot_of(e, p);
    return e->keys[s] ? e->ids[s] : 0;
}

/* A new name number for p. */
static unsigned name_new(emitter *e, const void *p)
{
    if (2 * (e->n + 1) > e->cap)
        map_grow(e);
    size_t s = slot_of(e, p);
    e->keys[s] = p;
    e->ids[s] = ++e->next;
    e->n++;
    return e->next;
}

/* ---- scalars ------------------------------------------------------------ */

/* A C string literal of the n bytes at s (NULL: the token NULL). */
static void str_n(emitter *e, const char *s, size_t n)
{
    if (!s) {
        fputs("NULL", e->out);
        return;
    }
    fputc('"', e->out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '"')
            fprintf(e->out, "\\%c", c);
        else if (c >= 0x20 && c < 0x7F && c != '?')
            fputc(c, e->out);
        else
            fprintf(e->out, "\\%03o", c);
    }
    fputc('"', e->out);
}

static void str(emitter *e, const char *s)
{
    str_n(e, s, s ? strlen(s) : 0);
}

/* A double exactly (hexadecimal floating constant). */
static void num(emitter *e, double v)
{
    if (v != v || v - v != 0)
        die("a number that is not finite");
    fprintf(e->out, "%a", v);
}

static void strs2(emitter *e, const char *const v[2])
{
    fputc('{', e->out);
    str(e, v[0]);
    fputc(',', e->out);
    str(e, v[1]);
    fputc('}', e->out);
}

/* ---- schema and value lists: by name ---------------------------------- */

static const char *schema_name(const sk_schema *s)
{
#define SK_S(n) if (s == &n) return #n;
#define SK_V(n)
    SK_SCHEMA_NAMES(SK_S, SK_V)
#undef SK_S
#undef SK_V
    return NULL;
}

static void schema_ref(emitter *e, const sk_schema *s)
{
    if (!s) {
        fputs("NULL", e->out);
        return;
    }
    const char *n = schema_name(s);
    if (!n)
        die("a path into a schema not in SK_SCHEMA_NAMES");
    fprintf(e->out, "&%s", n);
}

static const char *values_name(const char *const *v)
{
#define SK_S(n)
#define SK_V(n) if (v == n) return #n;
    SK_SCHEMA_NAMES(SK_S, SK_V)
#undef SK_S
#undef SK_V
    return NULL;
}

/* A NULL-terminated value list: a schema's by name, or one written before
 * (a forms-table column's). */
static void values_ref(emitter *e, const char *const *v)
{
    const char *n = v ? values_name(v) : NULL;
    unsigned id = v ? known(e, v) : 0;
    if (!v)
        fputs("NULL", e->out);
    else if (n)
        fputs(n, e->out);
    else if (id)
        fprintf(e->out, "o%u", id);
    else
        die("a value list neither in the schema nor in the forms table");
}

/* Writes a NULL-terminated string list; returns its name number. */
static unsigned emit_values(emitter *e, const char *const *v)
{
    unsigned id = name_new(e, v);
    fprintf(e->out, "static const char *const o%u[] = {", id);
    for (size_t i = 0; v[i]; i++) {
        str(e, v[i]);
        fputc(',', e->out);
    }
    fputs("NULL};\n", e->out);
    return id;
}

/* ---- node trees (forms-table cells) ------------------------------------ */

/* The cells' values are subtrees of one document (rules/forms.yaml), and
 * a value's parents are kept: a fact read from a cell names its place in
 * that document. Only what the values need of it is written: the values,
 * the nodes above them with the keys that lead to them, and every item of
 * a sequence kept (so that items keep their numbers). A map keeps just the
 * pairs that lead to a value, renumbered (a map is read by key); the rest
 * (citations, notes, the columns) is compiled into the tables already.
 * The set kept (a map of nodes) is `keep`. */

static int kept(const emitter *keep, const sk_node *n)
{
    return known(keep, n) != 0;
}

static void keep_node(emitter *keep, const sk_node *n)
{
    if (!kept(keep, n))
        name_new(keep, n);
}

static void keep_subtree(emitter *keep, const sk_node *n)
{
    keep_node(keep, n);
    for (uint32_t i = 0; n->kind == SK_SEQ && i < n->len; i++)
        keep_subtree(keep, n->u.items[i]);
    for (uint32_t i = 0; n->kind == SK_MAP && i < n->len; i++) {
        keep_subtree(keep, n->u.pairs[i].key);
        keep_subtree(keep, n->u.pairs[i].val);
    }
}

/* n's ancestors, and the key of each pair on the way. */
static void keep_above(emitter *keep, const sk_node *n)
{
    for (; n->parent; n = n->parent) {
        const sk_node *p = n->parent;
        if (p->kind == SK_MAP) {
            if (n->index >= p->len || p->u.pairs[n->index].val != n)
                die("a node whose index is not its place in its map");
            keep_node(keep, p->u.pairs[n->index].key);
        }
        keep_node(keep, p);
    }
}

/* Every item of a kept sequence, in pre-order (so nested ones too). */
static void keep_items(emitter *keep, const sk_node *n)
{
    if (!kept(keep, n))
        return;
    for (uint32_t i = 0; n->kind == SK_SEQ && i < n->len; i++) {
        keep_node(keep, n->u.items[i]);
        keep_items(keep, n->u.items[i]);
    }
    for (uint32_t i = 0; n->kind == SK_MAP && i < n->len; i++)
        keep_items(keep, n->u.pairs[i].val);
}

/* Numbers the kept nodes of the subtree in pre-order into v (NULL: only
 * counts them). */
static void list_nodes(const emitter *keep, const sk_node *n, const sk_node **v, size_t *k)
{
    if (!kept(keep, n))
        return;
    if (v)
        v[*k] = n;
    ++*k;
    for (uint32_t i = 0; n->kind == SK_SEQ && i < n->len; i++)
        list_nodes(keep, n->u.items[i], v, k);
    for (uint32_t i = 0; n->kind == SK_MAP && i < n->len; i++)
        if (kept(keep, n->u.pairs[i].val)) {
            list_nodes(keep, n->u.pairs[i].key, v, k);
            list_nodes(keep, n->u.pairs[i].val, v, k);
        }
}

/* The kept pairs of map m before its pair i. */
static uint32_t kept_before(const emitter *keep, const sk_node *m, uint32_t i)
{
    uint32_t k = 0;
    for (uint32_t j = 0; j < i && j < m->len; j++)
        k += kept(keep, m->u.pairs[j].val) ? 1u : 0u;
    return k;
}

/* The index of p in its tree (the tree's map tm numbers nodes from 1). */
static size_t node_at(const emitter *tm, const sk_node *p)
{
    unsigned k = known(tm, p);
    if (!k)
        die("a node outside its tree");
    return k - 1;
}

static void node_value(emitter *e, const sk_node *n)
{
    static const char zero[sizeof n->v];
    if (n->vtype == SK_VT_BOOL)
        fprintf(e->out, ".v.b=%d", n->v.b);
    else if (n->vtype == SK_VT_NUM)
        fputs(".v.num=", e->out), num(e, n->v.num);
    else if (n->vtype == SK_VT_DATE)
        fprintf(e->out, ".v.days=%d", n->v.days);
    else if (memcmp(&n->v, zero, sizeof zero) != 0)
        die("an untyped node with a value");
}

/* A tree as written: its kept nodes v[0..nv) (tm: node -> index + 1),
 * the set kept, its name number t. */
typedef struct tree_out {
    const emitter *keep, *tm;
    const sk_node *const *v;
    size_t nv;
    unsigned t;
} tree_out;

/* The children arrays of the tree's nodes. */
static void node_kids(emitter *e, const tree_out *w)
{
    for (size_t i = 0; i < w->nv; i++) {
        const sk_node *n = w->v[i];
        if (n->kind == SK_SEQ) {
            fprintf(e->out, "static sk_node *const o%u_%zu[] = {", w->t, i);
            for (uint32_t k = 0; k < n->len; k++)
                fprintf(e->out, "(sk_node *)&o%u[%zu],", w->t, node_at(w->tm, n->u.items[k]));
            fputs(n->len ? "};\n" : "NULL};\n", e->out);
        } else if (n->kind == SK_MAP) {
            uint32_t nk = kept_before(w->keep, n, n->len);
            fprintf(e->out, "static const sk_pair o%u_%zu[] = {", w->t, i);
            for (uint32_t k = 0; k < n->len; k++)
                if (kept(w->keep, n->u.pairs[k].val))
                    fprintf(e->out, "{(sk_node *)&o%u[%zu],(sk_node *)&o%u[%zu]},", w->t,
                            node_at(w->tm, n->u.pairs[k].key), w->t,
                            node_at(w->tm, n->u.pairs[k].val));
            fputs(nk ? "};\n" : "{NULL,NULL}};\n", e->out);
        }
    }
}

/* A scalar's text: its len bytes, or up to its NUL if that is longer. */
static void scalar_text(emitter *e, const sk_node *n)
{
    size_t l = n->u.s ? strlen(n->u.s) : 0;
    fputs(".u.s=", e->out);
    str_n(e, n->u.s, n->len > l ? n->len : l);
    fputc(',', e->out);
}

static void node_one(emitter *e, const tree_out *w, size_t i)
{
    const sk_node *n = w->v[i], *p = n->parent;
    if (n->aux)
        die("a node with validation data");
    fprintf(e->out, "{.kind=%u,.quoted=%u,.vtype=%u,.unknown=%u,.line=%u,.col=%u,.file=", n->kind,
            n->quoted, n->vtype, n->unknown, n->line, n->col);
    str(e, n->file);
    if (p)
        fprintf(e->out, ",.parent=(sk_node *)&o%u[%zu]", w->t, node_at(w->tm, p));
    uint32_t index = p && p->kind == SK_MAP ? kept_before(w->keep, p, n->index) : n->index;
    uint32_t len = n->kind == SK_MAP ? kept_before(w->keep, n, n->len) : n->len;
    fprintf(e->out, ",.index=%u,.len=%u,.size=%u,.field=%d,", index, len, n->size, n->field);
    if (n->kind == SK_SEQ)
        fprintf(e->out, ".u.items=(sk_node **)o%u_%zu,", w->t, i);
    else if (n->kind == SK_MAP)
        fprintf(e->out, ".u.pairs=(sk_pair *)o%u_%zu,", w->t, i);
    else
        scalar_text(e, n);
    node_value(e, n);
    fputs("},\n", e->out);
}

static const sk_node *root_of(const sk_node *n)
{
    while (n->parent)
        n = n->parent;
    return n;
}

/* Writes, once, what the cells' values need of the tree n is part of. */
static void emit_tree_of(emitter *e, const sk_node *n)
{
    const sk_node *root = root_of(n);
    if (known(e, root))
        return;
    emitter keep = {0};
    for (size_t f = 0; f < SK_NFORMS; f++)
        for (size_t c = 0; e->rs->rows[f].cells && c < e->rs->ncols; c++) {
            const sk_node *val = e->rs->rows[f].cells[c].value;
            if (val && root_of(val) == root) {
                keep_subtree(&keep, val);
                keep_above(&keep, val);
            }
        }
    keep_items(&keep, root);
    size_t nv = 0, k = 0;
    list_nodes(&keep, root, NULL, &nv);
    const sk_node **v = malloc(nv * sizeof *v);
    e->trees = realloc(e->trees, (e->ntrees + 1) * sizeof *e->trees);
    if (!v || !e->trees)
        die("out of memory");
    list_nodes(&keep, root, v, &k);
    emitter tm = {0};
    for (size_t i = 0; i < nv; i++)
        name_new(&tm, v[i]);
    tree_out w = {&keep, &tm, v, nv, name_new(e, root)};
    fprintf(e->out, "static const sk_node o%u[%zu];\n", w.t, nv);
    node_kids(e, &w);
    fprintf(e->out, "static const sk_node o%u[%zu] = {\n", w.t, nv);
    for (size_t i = 0; i < nv; i++)
        node_one(e, &w, i);
    fputs("};\n", e->out);
    e->trees[e->ntrees++] = tm;
    free(keep.keys);
    free(keep.ids);
    free(v);
}

/* "&oT[k]" for n, in a tree written before. */
static void node_ref(emitter *e, const sk_node *n)
{
    const sk_node *root = root_of(n);
    for (size_t i = 0; i < e->ntrees; i++)
        if (known(&e->trees[i], root) == 1) {
            fprintf(e->out, "&o%u[%zu]", known(e, root), node_at(&e->trees[i], n));
            return;
        }
    die("a node of a tree not written");
}

/* ---- paths and conditions ---------------------------------------------- */

static unsigned emit_path(emitter *e, const sk_path *p)
{
    unsigned id = known(e, p);
    if (id)
        return id;
    id = name_new(e, p);
    /* its nsteps steps (one zeroed step for none, as a valid array) */
    fprintf(e->out, "static const sk_step o%u_s[] = {", id);
    for (size_t i = 0; i < p->nsteps; i++) {
        fputc('{', e->out);
        schema_ref(e, p->steps[i].schema);
        fprintf(e->out, ",%d,%u},", p->steps[i].field, p->steps[i].star);
    }
    fputs(p->nsteps ? "};\n" : "{NULL,0,0}};\n", e->out);
    fprintf(e->out, "static const sk_path o%u = {.text=", id);
    str(e, p->text);
    fprintf(e->out, ",.root=%u,.slot=%d,.form_col=%d,.nsteps=%u,.star_at=%u,.steps=(sk_step *)o%u_s",
            p->root, p->slot, p->form_col, p->nsteps, p->star_at, id);
    fprintf(e->out, ",.ftype=%u,.item=%u,.values=", p->ftype, p->item);
    values_ref(e, p->values);
    fputs(",.sub=", e->out);
    schema_ref(e, p->sub);
    fprintf(e->out, ",.line=%u,.col=%u};\n", p->line, p->col);
    return id;
}

/* "(T *)&oN", or NULL: a pointer field to an object written before. */
static void ref(emitter *e, const char *type, unsigned id)
{
    if (id)
        fprintf(e->out, "(%s *)&o%u", type, id);
    else
        fputs("NULL", e->out);
}

static void lit(emitter *e, const sk_lit *l)
{
    fprintf(e->out, "{.vtype=%u,.b=%d,.num=", l->vtype, l->b);
    num(e, l->num);
    fprintf(e->out, ",.days=%d,.s=", l->days);
    str(e, l->s);
    fputc('}', e->out);
}

static unsigned emit_lits(emitter *e, const sk_lit *v, uint32_t n)
{
    if (!v)
        return 0;
    unsigned id = name_new(e, v);
    fprintf(e->out, "static const sk_lit o%u[] = {", id);
    for (uint32_t i = 0; i < n; i++) {
        lit(e, &v[i]);
        fputc(',', e->out);
    }
    fputs(n ? "};\n" : "{0}};\n", e->out);
    return id;
}

static unsigned emit_cond(emitter *e, const sk_cond *c);

/* The children of c (an array of pointers), or 0. */
static unsigned emit_kids(emitter *e, const sk_cond *c)
{
    if (!c->kids)
        return 0;
    unsigned *k = malloc((c->nkids ? c->nkids : 1) * sizeof *k);
    if (!k)
        die("out of memory");
    for (uint32_t i = 0; i < c->nkids; i++)
        k[i] = c->kids[i] ? emit_cond(e, c->kids[i]) : 0;
    unsigned id = name_new(e, c->kids);
    fprintf(e->out, "static sk_cond *const o%u[] = {", id);
    for (uint32_t i = 0; i < c->nkids; i++) {
        ref(e, "sk_cond", k[i]);
        fputc(',', e->out);
    }
    fputs(c->nkids ? "};\n" : "NULL};\n", e->out);
    free(k);
    return id;
}

static unsigned emit_cond(emitter *e, const sk_cond *c)
{
    unsigned id = known(e, c);
    if (id)
        return id;
    unsigned kids = emit_kids(e, c);
    unsigned path = c->path ? emit_path(e, c->path) : 0;
    unsigned where = c->where ? emit_cond(e, c->where) : 0;
    unsigned rpath = c->rhs.path ? emit_path(e, c->rhs.path) : 0;
    unsigned list = emit_lits(e, c->rhs.list, c->rhs.nlist);
    id = name_new(e, c);
    fprintf(e->out, "static const sk_cond o%u = {.kind=%u,.op=%u,.slot=%d,.want=%d,.line=%u,"
                    ".col=%u,.kids=", id, c->kind, c->op, c->slot, c->want, c->line, c->col);
    if (kids)
        fprintf(e->out, "(sk_cond **)o%u", kids);
    else
        fputs("NULL", e->out);
    fprintf(e->out, ",.nkids=%u,.path=", c->nkids);
    ref(e, "sk_path", path);
    fputs(",.where=", e->out);
    ref(e, "sk_cond", where);
    fputs(",.rhs={.path=", e->out);
    ref(e, "sk_path", rpath);
    fputs(",.lit=", e->out);
    lit(e, &c->rhs.lit);
    fputs(",.list=", e->out);
    if (list)
        fprintf(e->out, "(sk_lit *)o%u", list);
    else
        fputs("NULL", e->out);
    fprintf(e->out, ",.nlist=%u,.is_list=%d},.regex=%d};\n", c->rhs.nlist, c->rhs.is_list,
            c->regex);
    return id;
}

/* ---- templates, citations, acts ---------------------------------------- */

static unsigned emit_tpl(emitter *e, const sk_tpl *t)
{
    if (!t->parts)
        return 0;
    unsigned *p = malloc((t->n ? t->n : 1) * sizeof *p);
    if (!p)
        die("out of memory");
    for (uint32_t i = 0; i < t->n; i++)
        p[i] = t->parts[i].path ? emit_path(e, t->parts[i].path) : 0;
    unsigned id = name_new(e, t->parts);
    fprintf(e->out, "static const sk_tpl_part o%u[] = {", id);
    for (uint32_t i = 0; i < t->n; i++) {
        fputs("{", e->out);
        str_n(e, t->parts[i].lit, t->parts[i].litlen);
        fprintf(e->out, ",%zu,", t->parts[i].litlen);
        ref(e, "sk_path", p[i]);
        fputs("},", e->out);
    }
    fputs(t->n ? "};\n" : "{0}};\n", e->out);
    free(p);
    return id;
}

/* "&oN[k]" for the act or pin p, found in the acts table. */
static void act_ref(emitter *e, const sk_act *a)
{
    if (!a) {
        fputs("NULL", e->out);
        return;
    }
    if (a < e->rs->acts || a >= e->rs->acts + e->rs->nacts)
        die("a citation of an act outside the acts table");
    fprintf(e->out, "&o%u[%td]", known(e, e->rs->acts), a - e->rs->acts);
}

static void pin_ref(emitter *e, const sk_pin *p)
{
    for (size_t i = 0; p && i < e->rs->nacts; i++) {
        const sk_act *a = &e->rs->acts[i];
        if (a->verified && p >= a->verified && p < a->verified + a->nverified) {
            fprintf(e->out, "&o%u[%td]", known(e, a->verified), p - a->verified);
            return;
        }
        if (a->unverified && p >= a->unverified && p < a->unverified + a->nunverified) {
            fprintf(e->out, "&o%u[%td]", known(e, a->unverified), p - a->unverified);
            return;
        }
    }
    if (p)
        die("a pin-cite outside the acts table");
    fputs("NULL", e->out);
}

static unsigned emit_cites(emitter *e, const sk_cite *c, uint32_t n)
{
    if (!c)
        return 0;
    unsigned id = name_new(e, c);
    fprintf(e->out, "static const sk_cite o%u[] = {\n", id);
    for (uint32_t i = 0; i < n; i++, c++) {
        fputs("{.act=", e->out);
        act_ref(e, c->act);
        fprintf(e->out, ",.chapter=%d,.section=", c->chapter);
        str(e, c->section);
        fprintf(e->out, ",.paragraph=%d,.point=%d,.page=", c->paragraph, c->point);
        str(e, c->page);
        fputs(",.text=", e->out);
        strs2(e, c->text);
        fputs(",.url=", e->out);
        str(e, c->url);
        fprintf(e->out, ",.has_from=%d,.has_until=%d,.from=%d,.until=%d,.key=", c->has_from,
                c->has_until, c->from, c->until);
        str(e, c->key);
        fputs(",.pin=", e->out);
        pin_ref(e, c->pin);
        fputs(",.unpin=", e->out);
        pin_ref(e, c->unpin);
        fputs(",.file=", e->out);
        str(e, c->file);
        fprintf(e->out, ",.line=%u,.col=%u},\n", c->line, c->col);
    }
    fputs(n ? "};\n" : "{0}};\n", e->out);
    return id;
}

static unsigned emit_pins(emitter *e, const sk_pin *p, uint32_t n)
{
    if (!p)
        return 0;
    unsigned id = name_new(e, p);
    fprintf(e->out, "static const sk_pin o%u[] = {\n", id);
    for (uint32_t i = 0; i < n; i++, p++) {
        fputs("{.cite=", e->out);
        str(e, p->cite);
        fputs(",.source=", e->out);
        str(e, p->source);
        fprintf(e->out, ",.on=%d,.note=", p->on);
        str(e, p->note);
        fputs(",.reason=", e->out);
        strs2(e, p->reason);
        fputs(",.file=", e->out);
        str(e, p->file);
        fprintf(e->out, ",.line=%u,.col=%u},\n", p->line, p->col);
    }
    fputs(n ? "};\n" : "{0}};\n", e->out);
    return id;
}

static void emit_act(emitter *e, const sk_act *a, const unsigned pins[2])
{
    fputs("{.id=", e->out);
    str(e, a->id);
    fprintf(e->out, ",.kind=%u,.name=", a->kind);
    strs2(e, a->name);
    fputs(",.sfs=", e->out);
    str(e, a->sfs);
    fputs(",.celex=", e->out);
    str(e, a->celex);
    fputs(",.url=", e->out);
    str(e, a->url);
    fprintf(e->out, ",.has_in_force=%d,.in_force_from=%d,.in_force_to=%d,.verified=",
            a->has_in_force, a->in_force_from, a->in_force_to);
    ref(e, "sk_pin", pins[0]);
    fputs(",.unverified=", e->out);
    ref(e, "sk_pin", pins[1]);
    fprintf(e->out, ",.nverified=%u,.nunverified=%u,.file=", a->nverified, a->nunverified);
    str(e, a->file);
    fprintf(e->out, ",.line=%u,.col=%u},\n", a->line, a->col);
}

/* The acts table, and the pins it owns. Returns its name number. */
static unsigned emit_acts(emitter *e)
{
    const sk_ruleset *rs = e->rs;
    if (!rs->acts)
        return 0;
    unsigned (*pins)[2] = calloc(rs->nacts ? rs->nacts : 1, sizeof *pins);
    if (!pins)
        die("out of memory");
    for (size_t i = 0; i < rs->nacts; i++) {
        pins[i][0] = emit_pins(e, rs->acts[i].verified, rs->acts[i].nverified);
        pins[i][1] = emit_pins(e, rs->acts[i].unverified, rs->acts[i].nunverified);
    }
    unsigned id = name_new(e, rs->acts);
    fprintf(e->out, "static const sk_act o%u[] = {\n", id);
    for (size_t i = 0; i < rs->nacts; i++)
        emit_act(e, &rs->acts[i], pins[i]);
    fputs(rs->nacts ? "};\n" : "{0}};\n", e->out);
    free(pins);
    return id;
}

/* ---- the forms table --------------------------------------------------- */

static unsigned emit_labels(emitter *e, const sk_form_col *c)
{
    if (!c->labels)
        return 0;
    unsigned id = name_new(e, c->labels);
    fprintf(e->out, "static const char *const o%u[][2] = {", id);
    for (size_t i = 0; c->values && c->values[i]; i++) {
        strs2(e, c->labels[i]);
        fputc(',', e->out);
    }
    fputs("{NULL,NULL}};\n", e->out);
    return id;
}

static unsigned emit_cols(emitter *e)
{
    const sk_ruleset *rs = e->rs;
    if (!rs->cols)
        return 0;
    unsigned (*sub)[2] = calloc(rs->ncols ? rs->ncols : 1, sizeof *sub);
    if (!sub)
        die("out of memory");
    for (size_t i = 0; i < rs->ncols; i++) {
        const sk_form_col *c = &rs->cols[i];
        sub[i][0] = c->values ? emit_values(e, c->values) : 0;
        sub[i][1] = emit_labels(e, c);
    }
    unsigned id = name_new(e, rs->cols);
    fprintf(e->out, "static const sk_form_col o%u[] = {\n", id);
    for (size_t i = 0; i < rs->ncols; i++) {
        const sk_form_col *c = &rs->cols[i];
        fputs("{.key=", e->out);
        str(e, c->key);
        fprintf(e->out, ",.type=%u,.values=", c->type);
        if (sub[i][0])
            fprintf(e->out, "(const char **)o%u", sub[i][0]);
        else
            fputs("NULL", e->out);
        fputs(",.labels=", e->out);
        if (sub[i][1])
            fprintf(e->out, "(const char *(*)[2])o%u", sub[i][1]);
        else
            fputs("NULL", e->out);
        fputs(",.title=", e->out);
        strs2(e, c->title);
        fputs("},\n", e->out);
    }
    fputs(rs->ncols ? "};\n" : "{0}};\n", e->out);
    free(sub);
    return id;
}

/* A row's cells; returns their name number (0: no cells). */
static unsigned emit_cells(emitter *e, const sk_form_row *r)
{
    const sk_ruleset *rs = e->rs;
    if (!r->cells)
        return 0;
    unsigned (*sub)[2] = calloc(rs->ncols ? rs->ncols : 1, sizeof *sub);
    if (!sub)
        die("out of memory");
    for (size_t i = 0; i < rs->ncols; i++) {
        if (r->cells[i].value) /* the tree, before the cells pointing into it */
            emit_tree_of(e, r->cells[i].value);
        sub[i][1] = emit_cites(e, r->cells[i].cites, r->cells[i].ncites);
    }
    unsigned id = name_new(e, r->cells);
    fprintf(e->out, "static const sk_form_cell o%u[] = {\n", id);
    for (size_t i = 0; i < rs->ncols; i++) {
        fputs("{.value=", e->out);
        if (r->cells[i].value)
            node_ref(e, r->cells[i].value);
        else
            fputs("NULL", e->out);
        fputs(",.cites=", e->out);
        ref(e, "sk_cite", sub[i][1]);
        fprintf(e->out, ",.ncites=%u,.note=", r->cells[i].ncites);
        strs2(e, r->cells[i].note);
        fputs("},\n", e->out);
    }
    fputs(rs->ncols ? "};\n" : "{0}};\n", e->out);
    free(sub);
    return id;
}

/* The rows, as the initializer of sk_rule_image.rows. */
static void emit_rows(emitter *e, const unsigned cells[SK_NFORMS])
{
    fputs("{\n", e->out);
    for (size_t f = 0; f < SK_NFORMS; f++) {
        const sk_form_row *r = &e->rs->rows[f];
        fputs("{.form=", e->out);
        str(e, r->form);
        fputs(",.name=", e->out);
        strs2(e, r->name);
        fputs(",.cells=", e->out);
        ref(e, "sk_form_cell", cells[f]);
        fprintf(e->out, ",.present=%d},\n", r->present);
    }
    fputc('}', e->out);
}

/* ---- rules ------------------------------------------------------------- */

static unsigned emit_ints(emitter *e, const int *v, uint32_t n)
{
    if (!v)
        return 0;
    unsigned id = name_new(e, v);
    fprintf(e->out, "static const int o%u[] = {", id);
    for (uint32_t i = 0; i < n; i++)
        fprintf(e->out, "%d,", v[i]);
    fputs(n ? "};\n" : "0};\n", e->out);
    return id;
}

static unsigned emit_strs(emitter *e, const char *const *v, uint32_t n)
{
    if (!v)
        return 0;
    unsigned id = name_new(e, v);
    fprintf(e->out, "static const char *const o%u[] = {", id);
    for (uint32_t i = 0; i < n; i++) {
        str(e, v[i]);
        fputc(',', e->out);
    }
    fputs(n ? "};\n" : "NULL};\n", e->out);
    return id;
}

/* What a rule points at, by name number. */
typedef struct rule_ids {
    unsigned msg[2], cites, applies, require, exc_to, exc_idx, defeated_by;
} rule_ids;

static rule_ids emit_rule_parts(emitter *e, const sk_rule *r)
{
    rule_ids k;
    for (int l = 0; l < 2; l++)
        k.msg[l] = emit_tpl(e, &r->message[l]);
    k.cites = emit_cites(e, r->cites, r->ncites);
    k.applies = r->applies ? emit_cond(e, r->applies) : 0;
    k.require = r->require ? emit_cond(e, r->require) : 0;
    k.exc_to = emit_strs(e, r->exception_to, r->nexception_to);
    k.exc_idx = emit_ints(e, r->exc_idx, r->nexception_to);
    k.defeated_by = emit_ints(e, r->defeated_by, r->ndefeated_by);
    return k;
}

/* "(T)oN" or NULL, for an array field. */
static void arr(emitter *e, const char *type, unsigned id)
{
    if (id)
        fprintf(e->out, "(%s)o%u", type, id);
    else
        fputs("NULL", e->out);
}

static void emit_rule_head(emitter *e, const sk_rule *r, const rule_ids *k)
{
    fputs("{.id=", e->out);
    str(e, r->id);
    fputs(",.area=", e->out);
    str(e, r->area);
    fputs(",.title=", e->out);
    strs2(e, r->title);
    fputs(",.message={{", e->out);
    arr(e, "sk_tpl_part *", k->msg[0]);
    fprintf(e->out, ",%u},{", r->message[0].n);
    arr(e, "sk_tpl_part *", k->msg[1]);
    fprintf(e->out, ",%u}},.message_src=", r->message[1].n);
    strs2(e, r->message_src);
    fprintf(e->out, ",.severity=%u,.basis=%u,.certainty=%u,.judged_at=%u,.certainty_note=",
            r->severity, r->basis, r->certainty, r->judged_at);
    strs2(e, r->certainty_note);
    fputs(",.absence_note=", e->out);
    strs2(e, r->absence_note);
    fprintf(e->out, ",\n .from_line=%u,.from_col=%u,.has_from=%d,.has_to=%d,.valid_from=%d,"
                    ".valid_to=%d,.cites=", r->from_line, r->from_col, r->has_from, r->has_to,
            r->valid_from, r->valid_to);
    ref(e, "sk_cite", k->cites);
    fprintf(e->out, ",.ncites=%u,.cites_all_from=%d,.cites_all_until=%d,.applies=", r->ncites,
            r->cites_all_from, r->cites_all_until);
    ref(e, "sk_cond", k->applies);
    fputs(",.require=", e->out);
    ref(e, "sk_cond", k->require);
}

static void emit_rule(emitter *e, const sk_rule *r, const rule_ids *k)
{
    emit_rule_head(e, r, k);
    fputs(",\n .exception_to=", e->out);
    arr(e, "const char **", k->exc_to);
    fprintf(e->out, ",.exception_at=NULL,.nexception_to=%u,.exc_idx=", r->nexception_to);
    arr(e, "int *", k->exc_idx);
    fputs(",.defeated_by=", e->out);
    arr(e, "int *", k->defeated_by);
    fprintf(e->out, ",.ndefeated_by=%u,.bind_names={", r->ndefeated_by);
    for (int i = 0; i < SK_MAX_BIND; i++) {
        str(e, r->bind_names[i]);
        fputc(',', e->out);
    }
    fputs("},.bind_schema={", e->out);
    for (int i = 0; i < SK_MAX_BIND; i++) {
        schema_ref(e, r->bind_schema[i]);
        fputc(',', e->out);
    }
    fprintf(e->out, "},.nbind=%d,.top_slot=%d,.file=", r->nbind, r->top_slot);
    str(e, r->file);
    fprintf(e->out, ",.line=%u,.col=%u,.index=%d},\n", r->line, r->col, r->index);
}

static unsigned emit_rules(emitter *e)
{
    const sk_ruleset *rs = e->rs;
    rule_ids *k = calloc(rs->nrules ? rs->nrules : 1, sizeof *k);
    if (!k)
        die("out of memory");
    for (size_t i = 0; i < rs->nrules; i++)
        k[i] = emit_rule_parts(e, &rs->rules[i]);
    unsigned id = name_new(e, rs->rules);
    fprintf(e->out, "static const sk_rule o%u[] = {\n", id);
    for (size_t i = 0; i < rs->nrules; i++)
        emit_rule(e, &rs->rules[i], &k[i]);
    fputs(rs->nrules ? "};\n" : "{0}};\n", e->out);
    free(k);
    return id;
}

static unsigned emit_regexes(emitter *e)
{
    const sk_ruleset *rs = e->rs;
    unsigned id = ++e->next;
    fprintf(e->out, "static const sk_img_regex o%u[] = {\n", id);
    for (size_t i = 0; i < rs->nregexes; i++) {
        fputc('{', e->out);
        str_n(e, rs->regexes[i].src, rs->regexes[i].len);
        fprintf(e->out, ",%zu,%d},\n", rs->regexes[i].len, rs->regexes[i].icase);
    }
    fputs(rs->nregexes ? "};\n" : "{NULL,0,0}};\n", e->out);
    return id;
}

/* The whole image: the forms table's columns first (paths point at their
 * value lists), then the acts (citations point into them). */
static void emit_image(emitter *e)
{
    fputs("/* generated by tools/embed_image.c; do not edit */\n"
          "#include \"rules/image.h\"\n\n"
          "#pragma GCC diagnostic ignored \"-Wcast-qual\"\n\n", e->out);
    unsigned cols = emit_cols(e);
    unsigned acts = emit_acts(e);
    unsigned cells[SK_NFORMS];
    for (size_t f = 0; f < SK_NFORMS; f++)
        cells[f] = emit_cells(e, &e->rs->rows[f]);
    unsigned rules = emit_rules(e);
    unsigned rx = emit_regexes(e);
    fputs("\nconst sk_rule_image sk_rules_image = {", e->out);
    arr(e, "sk_rule *", rules);
    fprintf(e->out, ", %zu, ", e->rs->nrules);
    arr(e, "sk_act *", acts);
    fprintf(e->out, ", %zu, ", e->rs->nacts);
    arr(e, "sk_form_col *", cols);
    fprintf(e->out, ", %zu,\n", e->rs->ncols);
    emit_rows(e, cells);
    fprintf(e->out, ",\n%zu, o%u, %zu};\n", e->rs->nforms, rx, e->rs->nregexes);
}

/* ---- main -------------------------------------------------------------- */

#include "relpath.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    sk_buf b;
    sk_buf_init(&b, 0);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        sk_buf_append(&b, chunk, got);
    fclose(f);
    *len = b.len;
    char *s = malloc(b.len + 1);
    if (s)
        memcpy(s, sk_buf_cstr(&b), b.len + 1);
    sk_buf_free(&b);
    return s;
}

/* Loads the rule set from the files, as sk_ruleset_load_dir would. */
static sk_ruleset *load(char **paths, size_t n)
{
    sk_rule_src *srcs = calloc(n ? n : 1, sizeof *srcs);
    if (!srcs)
        die("out of memory");
    for (size_t i = 0; i < n; i++) {
        srcs[i].name = rel(paths[i]);
        srcs[i].data = slurp(paths[i], &srcs[i].len);
        if (!srcs[i].data) {
            perror(paths[i]);
            exit(66);
        }
    }
    sk_limits lim;
    sk_limits_default(&lim);
    sk_diags d;
    sk_diags_init(&d, SK_LANG_EN);
    sk_ruleset *rs = NULL;
    sk_rc rc = sk_ruleset_load(&rs, srcs, n, &lim, &d);
    for (size_t i = 0; i < d.count; i++) {
        char line[1400];
        sk_diag_format(&d.items[i], SK_LANG_EN, line, sizeof line);
        fprintf(stderr, "embed_image: %s\n", line);
    }
    if (rc != SK_OK || d.count)
        die("the rule set does not load cleanly");
    sk_diags_free(&d);
    for (size_t i = 0; i < n; i++)
        free((char *)(uintptr_t)srcs[i].data);
    free(srcs);
    return rs;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: embed_image OUT.c ROOT FILE...\n");
        return 64;
    }
    g_root = argv[2];
    size_t nfiles = (size_t)(argc - 3);
    qsort(argv + 3, nfiles, sizeof *argv, cmp_rel);
    emitter e = {0};
    e.rs = load(argv + 3, nfiles);
    e.out = fopen(argv[1], "w");
    if (!e.out) {
        perror(argv[1]);
        return 73;
    }
    emit_image(&e);
    if (fclose(e.out) != 0) {
        perror(argv[1]);
        return 74;
    }
    sk_ruleset_free((sk_ruleset *)(uintptr_t)e.rs);
    for (size_t i = 0; i < e.ntrees; i++) {
        free(e.trees[i].keys);
        free(e.trees[i].ids);
    }
    free(e.trees);
    free(e.keys);
    free(e.ids);
    return 0;
}
