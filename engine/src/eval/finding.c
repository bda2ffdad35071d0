/* finding.c - what a finding says: concrete fact paths, fact values,
 * the message with its placeholders filled, and the fingerprint. */
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/ui.h"
#include "schema/schema.h"
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
    sk_fact_path_rest(f, b, start);
}

void sk_fact_path_rest(const sk_fact *f, sk_buf *b, size_t start)
{
    const sk_path *p = f->path;
    if (f->from > 0 && f->from < p->nsteps && p->steps[f->from - 1].star)
        sk_buf_append(b, "[*]", 3);
    for (int i = f->from; i < p->nsteps; i++) {
        if (b->len > start)
            sk_buf_putc(b, '.');
        const sk_step *s = &p->steps[i];
        sk_buf_puts(b, s->schema->fields[s->field].name);
        if (s->star && i + 1 < p->nsteps)
            sk_buf_append(b, "[*]", 3);
    }
}

/* "[len]" in tmp (digits by sk_uint_digits: snprintf cost more than the rest of a
 * fact's rendering); "" when tmp cannot hold it. */
static const char *seq_value(uint32_t len, char *tmp, size_t tmpsz)
{
    char d[SK_UINT_DIGITS + 2];
    size_t n = sizeof d;
    d[--n] = ']';
    n -= sk_uint_digits(len, d + n);
    d[--n] = '[';
    if (tmpsz < sizeof d - n + 1)
        return tmpsz ? (tmp[0] = '\0', tmp) : "";
    memcpy(tmp, d + n, sizeof d - n);
    tmp[sizeof d - n] = '\0';
    return tmp;
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
        if (n->vtype == SK_VT_BOOL)
            return n->v.b ? "true" : "false";
        return n->u.s;
    case SK_SEQ:
        return seq_value(n->len, tmp, tmpsz);
    case SK_MAP:
        return "{…}";
    case SK_NULL:
        break;
    }
    return NULL;
}

/* The allowed values of the case field a placeholder names, or NULL. */
static const char *const *enum_values(const sk_path *p)
{
    if (p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE || p->nsteps == 0)
        return NULL;
    const sk_step *last = &p->steps[p->nsteps - 1];
    return last->schema ? last->schema->fields[last->field].values : NULL;
}

/* A stated value as a reader sees it: an enum value by its label. */
static const char *shown(const char *const *values, const char *v, int en)
{
    const char *label = values ? sk_enum_label(values, v, en ? SK_LANG_EN : SK_LANG_SV) : NULL;
    return label ? label : v;
}

/* Value of a placeholder path from the finding's witnesses; 0 (nothing
 * written) when the case does not state it. */
static int placeholder(const sk_result *r, const sk_finding *f, const sk_path *p, int en, sk_buf *b)
{
    const sk_node *start;
    if (p->root == SK_ROOT_DATE) {
        char d[11];
        sk_date_format(f->judged.day, d);   /* the date the rule is judged at */
        sk_buf_puts(b, d);
        return 1;
    }
    if (p->root == SK_ROOT_BIND)
        start = f->witness ? f->witness[p->slot] : NULL;
    else if (p->root == SK_ROOT_FORM)
        start = r->rs->rows[r->c->form].cells ? r->rs->rows[r->c->form].cells[p->form_col].value : NULL;
    else
        start = r->c->root;
    const sk_node *cur = start;
    for (int i = 0; cur && i < p->nsteps; i++)
        cur = sk_case_get(cur, p->steps[i].schema, p->steps[i].field);
    if (!cur || sk_node_is_unknown(cur))
        return 0;
    const char *const *values = enum_values(p);
    if (cur->kind == SK_SCALAR) {
        sk_buf_puts(b, shown(values, cur->u.s, en));
    } else if (cur->kind == SK_SEQ) {
        for (uint32_t i = 0; i < cur->len; i++) {
            const sk_node *it = cur->u.items[i];
            if (i)
                sk_buf_puts(b, ", ");
            sk_buf_puts(b, it->kind == SK_SCALAR ? shown(values, it->u.s, en) : "…");
        }
    } else {
        sk_buf_puts(b, "\u2026"); /* a map: stated, but not one text */
    }
    return 1;
}

static int ends_with(const sk_buf *b, const char *s)
{
    size_t n = strlen(s);
    return b->len >= n && !memcmp(b->data + b->len - n, s, n);
}

/* What may enclose a slot in a message template: a parenthesis that holds
 * only an unstated slot is left out; quotes around one are dropped. */
static const struct {
    const char *open, *close;
    int drop;
} enclosers[] = {
    {" (", ")", 1},
    {"\u201d", "\u201d", 0},
    {"\u201c", "\u201d", 0},
    {"\"", "\"", 0},
};

/* A slot the case does not state: the enclosing pair is removed, and the
 * slot says that the fact is not stated unless the pair was a parenthesis
 * (in brackets when it stands inside one).
 * Returns how many bytes of the next literal to skip. */
static size_t unstated(const sk_tpl_part *next, int en, sk_buf *b)
{
    for (size_t i = 0; i < sizeof enclosers / sizeof *enclosers; i++) {
        size_t no = strlen(enclosers[i].open), nc = strlen(enclosers[i].close);
        if (!ends_with(b, enclosers[i].open) || !next || !next->lit || next->litlen < nc ||
            memcmp(next->lit, enclosers[i].close, nc))
            continue;
        b->len -= no;
        b->data[b->len] = '\0';
        if (!enclosers[i].drop)
            sk_buf_puts(b, sk_ui(UI_SLOT_NOT_STATED, en));
        return nc;
    }
    int inside = next && next->lit && next->litlen && next->lit[0] == ')';
    sk_buf_puts(b, sk_ui(inside ? UI_SLOT_NOT_STATED_IN : UI_SLOT_NOT_STATED, en));
    return 0;
}

void sk_finding_message(const sk_result *r, const sk_finding *f, int lang, sk_buf *b)
{
    const sk_tpl *t = &f->rule->message[lang ? 1 : 0];
    size_t skip = 0;
    for (uint32_t i = 0; i < t->n; i++) {
        const sk_tpl_part *part = &t->parts[i];
        if (part->lit) {
            sk_buf_append(b, part->lit + skip, part->litlen - skip);
            skip = 0;
        } else if (!placeholder(r, f, part->path, lang != 0, b)) {
            skip = unstated(i + 1 < t->n ? &t->parts[i + 1] : NULL, lang != 0, b);
        }
    }
}

/* FNV-1a, 64 bit; four bytes per round (the same hash, fewer loop
 * tests). */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    const uint64_t prime = 0x100000001b3ULL;
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        h = (h ^ p[i]) * prime;
        h = (h ^ p[i + 1]) * prime;
        h = (h ^ p[i + 2]) * prime;
        h = (h ^ p[i + 3]) * prime;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * prime;
    return h;
}

/* The fingerprint hashes the rule id, the case id and each fact's path,
 * each with its terminating NUL. It is built in steps so that a writer
 * that renders the paths anyway hashes them where it wrote them:
 * sk_fingerprint_rule (once per rule), sk_fingerprint_case, then
 * sk_fingerprint_path per fact in order, then sk_fingerprint_hex. */
uint64_t sk_fingerprint_rule(const char *rule_id)
{
    return fnv(0xcbf29ce484222325ULL, rule_id, strlen(rule_id) + 1);
}

uint64_t sk_fingerprint_case(uint64_t h, const char *case_id)
{
    return fnv(h, case_id, strlen(case_id) + 1);
}

uint64_t sk_fingerprint_path(uint64_t h, const char *path, size_t len)
{
    return fnv(h, path, len) * 0x100000001b3ULL; /* and its NUL: h ^ 0 == h */
}

/* Hex digits by table, not printf. */
void sk_fingerprint_hex(uint64_t h, char out[17])
{
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--, h >>= 4)
        out[i] = hex[h & 15];
    out[16] = '\0';
}

void sk_finding_fingerprint(const sk_result *r, const sk_finding *f, char out[17])
{
    uint64_t h = sk_fingerprint_case(sk_fingerprint_rule(f->rule->id), r->c->id);
    if (f->nfacts) {
        sk_buf b;
        sk_buf_init(&b, 0);
        for (uint16_t i = 0; i < f->nfacts; i++) {
            sk_buf_clear(&b);
            sk_fact_path(&f->facts[i], &b);
            h = sk_fingerprint_path(h, sk_buf_cstr(&b), b.len);
        }
        sk_buf_free(&b);
    }
    sk_fingerprint_hex(h, out);
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
