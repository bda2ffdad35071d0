/* finding.c - what a finding says: concrete fact paths, fact values,
 * the message with its placeholders filled, and the fingerprint. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "eval/result_int.h"

/* Appends the place of node n in its tree ("tasks[1].name"); the depth
 * is bounded by the loader's --max-depth, so the recursion is too. */
static void node_path(const sk_node *n, sk_buf *b, size_t start)
{
    if (!n || !n->parent)
        return;
    const sk_node *parent = n->parent;
    node_path(parent, b, start);
    if (parent->kind == SK_SEQ) {
        sk_buf_putc(b, '[');
        sk_buf_uint(b, n->index);
        sk_buf_putc(b, ']');
    } else if (parent->kind == SK_MAP) {
        if (b->len > start)
            sk_buf_putc(b, '.');
        sk_buf_puts(b, parent->u.pairs[n->index].key->u.s);
    }
}

void sk_fact_path(const sk_fact *f, sk_buf *b)
{
    const sk_path *p = f->path;
    if (p->root == SK_ROOT_DATE && f->node && f->node->kind == SK_SCALAR) {
        node_path(f->node, b, b->len);  /* date, decided or starts */
        return;
    }
    if (p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE) {
        sk_buf_puts(b, p->text);
        return;
    }
    size_t start = b->len;
    node_path(f->node, b, start);
    if (f->from > 0 && f->from < p->nsteps && p->steps[f->from - 1].star)
        sk_buf_puts(b, "[*]");
    for (int i = f->from; i < p->nsteps; i++) {
        if (b->len > start)
            sk_buf_putc(b, '.');
        const sk_step *s = &p->steps[i];
        sk_buf_puts(b, s->schema->fields[s->field].name);
        if (s->star && i + 1 < p->nsteps)
            sk_buf_puts(b, "[*]");
    }
}

const char *sk_fact_value(const sk_fact *f, char *tmp, size_t tmpsz)
{
    const sk_node *n = f->node;
    if (f->missing || !n)
        return NULL;
    if (f->path->root == SK_ROOT_DATE && n->kind == SK_MAP)
        return NULL; /* the run's date, not a stated one */
    switch ((sk_vkind)n->kind) {
    case SK_SCALAR:
        if (n->vtype == SK_VT_BOOL) {
            snprintf(tmp, tmpsz, "%s", n->v.b ? "true" : "false");
            return tmp;
        }
        return n->u.s;
    case SK_SEQ:
        snprintf(tmp, tmpsz, "[%u]", n->len);
        return tmp;
    case SK_MAP:
        return "{…}";
    case SK_NULL:
        break;
    }
    return NULL;
}

/* Value of a placeholder path from the finding's witnesses. */
static void placeholder(const sk_result *r, const sk_finding *f, const sk_path *p, sk_buf *b)
{
    const sk_node *start;
    if (p->root == SK_ROOT_DATE) {
        char d[11];
        sk_date_format(f->judged.day, d);   /* the date the rule is judged at */
        sk_buf_puts(b, d);
        return;
    }
    if (p->root == SK_ROOT_BIND)
        start = f->witness[p->slot];
    else if (p->root == SK_ROOT_FORM)
        start = r->rs->rows[r->c->form].cells ? r->rs->rows[r->c->form].cells[p->form_col].value : NULL;
    else
        start = r->c->root;
    const sk_node *cur = start;
    for (int i = 0; cur && i < p->nsteps; i++)
        cur = sk_case_get(cur, p->steps[i].schema, p->steps[i].field);
    if (!cur || sk_node_is_unknown(cur)) {
        sk_buf_puts(b, "\u2013");
        return;
    }
    if (cur->kind == SK_SCALAR) {
        sk_buf_puts(b, cur->u.s);
    } else if (cur->kind == SK_SEQ) {
        for (uint32_t i = 0; i < cur->len; i++) {
            const sk_node *it = cur->u.items[i];
            if (i)
                sk_buf_puts(b, ", ");
            sk_buf_puts(b, it->kind == SK_SCALAR ? it->u.s : "…");
        }
    } else {
        sk_buf_puts(b, "\u2013");
    }
}

void sk_finding_message(const sk_result *r, const sk_finding *f, int lang, sk_buf *b)
{
    const sk_tpl *t = &f->rule->message[lang ? 1 : 0];
    for (uint32_t i = 0; i < t->n; i++) {
        if (t->parts[i].lit)
            sk_buf_append(b, t->parts[i].lit, t->parts[i].litlen);
        else
            placeholder(r, f, t->parts[i].path, b);
    }
}

/* FNV-1a, 64 bit. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

void sk_finding_fingerprint(const sk_result *r, const sk_finding *f, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv(h, f->rule->id, strlen(f->rule->id) + 1);
    h = fnv(h, r->c->id, strlen(r->c->id) + 1);
    sk_buf b;
    sk_buf_init(&b, 0);
    for (uint16_t i = 0; i < f->nfacts; i++) {
        sk_buf_clear(&b);
        sk_fact_path(&f->facts[i], &b);
        h = fnv(h, sk_buf_cstr(&b), b.len + 1);
    }
    sk_buf_free(&b);
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- the public view of a result (samkoll/eval.h) ---------------------- */

size_t sk_result_size(const sk_result *r) { return r->n; }

sk_status sk_result_status(const sk_result *r, size_t i)
{
    return i < r->n ? (sk_status)r->findings[i].status : SK_ST_NOT_APPLICABLE;
}

const char *sk_result_rule_id(const sk_result *r, size_t i)
{
    return i < r->n ? r->findings[i].rule->id : NULL;
}

char *sk_result_message(const sk_result *r, size_t i, sk_lang lang)
{
    if (i >= r->n)
        return NULL;
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_finding_message(r, &r->findings[i], lang == SK_LANG_EN, &b);
    if (b.failed) {
        sk_buf_free(&b);
        return NULL;
    }
    if (!b.data)
        return calloc(1, 1); /* an empty message */
    return b.data;
}
