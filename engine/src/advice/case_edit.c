/* case_edit.c - writing an answer into the text of a case file.
 *
 * The answer is inserted as text, so that everything else in the file,
 * comments and order included, stays byte for byte. Every node knows its
 * line and column (libyaml counts columns in characters); from them:
 *  - a new key goes into its block map on a line of its own, with the
 *    map's indentation, before the first key that follows it in
 *    case-format order (above that key's own comment lines), or after the
 *    map's last line; into a flow map ({name: X, type: kommun}) before the
 *    closing brace;
 *  - maps that do not exist yet on the way are written out with it;
 *  - a value stated as unknown (`unknown`, `~`, `null`, nothing) is
 *    replaced. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "advice/advice_int.h"

typedef struct text {
    const char *s;
    size_t len;
    size_t *start;            /* byte offset of each line (1-based index) */
    size_t nlines;
    const char *nl;           /* "\n" or "\r\n" */
} text;

static int text_open(text *t, const char *s, size_t len)
{
    t->s = s;
    t->len = len;
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    t->start = malloc((n + 2) * sizeof *t->start);
    if (!t->start)
        return 0;
    t->nlines = 0;
    t->start[++t->nlines] = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '\n')
            t->start[++t->nlines] = i + 1;
    t->nl = memchr(s, '\r', len) && strstr(s, "\r\n") ? "\r\n" : "\n";
    return 1;
}

/* End of line `line` (offset of its '\n' or '\r', or of the text's end). */
static size_t line_end(const text *t, size_t line)
{
    size_t e = line < t->nlines ? t->start[line + 1] : t->len;
    while (e > t->start[line] && (t->s[e - 1] == '\n' || t->s[e - 1] == '\r'))
        e--;
    return e;
}

/* Offset of (line, col), col counted in characters. */
static size_t offset_of(const text *t, size_t line, size_t col)
{
    if (line < 1 || line > t->nlines)
        return t->len;
    size_t i = t->start[line], end = line_end(t, line), c = 1;
    while (i < end && c < col) {
        i++;
        while (i < end && ((unsigned char)t->s[i] & 0xC0) == 0x80)
            i++;
        c++;
    }
    return i;
}

static size_t indent_of(const text *t, size_t line)
{
    size_t i = t->start[line], e = line_end(t, line);
    while (i < e && t->s[i] == ' ')
        i++;
    return i - t->start[line];
}

/* 0 content, 1 blank, 2 comment */
static int line_kind(const text *t, size_t line)
{
    size_t i = t->start[line] + indent_of(t, line), e = line_end(t, line);
    if (i >= e)
        return 1;
    return t->s[i] == '#' ? 2 : 0;
}

/* ---- rendering the value ------------------------------------------------ */

static int plain_ok(const char *s, int flow)
{
    static const char *const reserved[] = {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "ja", "nej",
        "unknown", NULL};
    size_t n = strlen(s);
    if (!n || s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == ':')
        return 0;
    for (size_t i = 0; reserved[i]; i++)
        if (!strcasecmp(s, reserved[i]))
            return 0;
    if (strchr("-?:,[]{}#&*!|>'\"%@`", s[0]))
        return 0;
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p < 0x20 || *p == '#' || *p == '"' || *p == '\'')
            return 0;
        if (*p == ':' && (p[1] == ' ' || p[1] == '\0' || flow))
            return 0;
        if (flow && strchr(",[]{}", *p))
            return 0;
    }
    return 1;
}

static void scalar(sk_buf *b, const char *v, int quote_if_needed, int flow)
{
    if (!quote_if_needed || plain_ok(v, flow)) {
        sk_buf_puts(b, v);
        return;
    }
    sk_buf_putc(b, '"');
    for (const char *p = v; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_putc(b, '\\');
        if (*p == '\n')
            sk_buf_puts(b, "\\n");
        else if (*p != '\r')
            sk_buf_putc(b, *p);
    }
    sk_buf_putc(b, '"');
}

/* The key of a list item given by its name: the item's first required
 * field ("name"), else its first field ("by" of a delegation). */
static const char *item_key(const sk_field *f)
{
    for (size_t i = 0; f->sub && i < f->sub->count; i++)
        if (f->sub->fields[i].required)
            return f->sub->fields[i].name;
    return f->sub && f->sub->count ? f->sub->fields[0].name : "name";
}

static int is_text(const sk_question *q, const char *v)
{
    if (q->kind == SK_ANS_TEXT)
        return 1;
    if (q->kind == SK_ANS_TEXT_OR_BOOL)
        return strcmp(v, "true") && strcmp(v, "false");
    if (q->kind == SK_ANS_LIST)
        return q->values == NULL;
    return 0;
}

/* The answer as a flow value ("true", "[a, b]", "[{name: X}]"). */
static void flow_value(sk_buf *b, const sk_question *q, const sk_answer *a)
{
    switch (q->kind) {
    case SK_ANS_LIST:
        sk_buf_putc(b, '[');
        for (size_t i = 0; i < a->n; i++) {
            sk_buf_puts(b, i ? ", " : "");
            scalar(b, a->values[i], is_text(q, a->values[i]), 1);
        }
        sk_buf_putc(b, ']');
        return;
    case SK_ANS_NAMED_ITEMS:
        sk_buf_putc(b, '[');
        for (size_t i = 0; i < a->n; i++) {
            sk_buf_printf(b, "%s{%s: ", i ? ", " : "", item_key(q->field));
            scalar(b, a->values[i], 1, 1);
            sk_buf_putc(b, '}');
        }
        sk_buf_putc(b, ']');
        return;
    case SK_ANS_ITEMS: {
        long n = a->n ? strtol(a->values[0], NULL, 10) : 0;
        sk_buf_putc(b, '[');
        for (long i = 0; i < n; i++)
            sk_buf_puts(b, i ? ", {}" : "{}");
        sk_buf_putc(b, ']');
        return;
    }
    default:
        scalar(b, a->n ? a->values[0] : "", is_text(q, a->n ? a->values[0] : ""), 1);
        return;
    }
}

/* Does the answer need lines of its own in block style? */
static int block_lines(const sk_question *q, const sk_answer *a)
{
    if (q->kind == SK_ANS_NAMED_ITEMS)
        return a->n > 0;
    if (q->kind == SK_ANS_ITEMS)
        return a->n && strtol(a->values[0], NULL, 10) > 0;
    return 0;
}

static void spaces(sk_buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        sk_buf_putc(b, ' ');
}

/* The answer in block style after "key:": " value" on the same line, or a
 * line break and item lines indented by ind. Ends without a line break. */
static void block_value(sk_buf *b, const sk_question *q, const sk_answer *a, size_t ind,
                        const char *nl)
{
    if (!block_lines(q, a)) {
        sk_buf_putc(b, ' ');
        if (q->kind == SK_ANS_LIST || q->kind == SK_ANS_NAMED_ITEMS || q->kind == SK_ANS_ITEMS)
            flow_value(b, q, a);
        else
            scalar(b, a->n ? a->values[0] : "", is_text(q, a->n ? a->values[0] : ""), 0);
        return;
    }
    if (q->kind == SK_ANS_NAMED_ITEMS) {
        for (size_t i = 0; i < a->n; i++) {
            sk_buf_puts(b, nl);
            spaces(b, ind);
            sk_buf_printf(b, "- %s: ", item_key(q->field));
            scalar(b, a->values[i], 1, 0);
        }
    } else {
        long n = strtol(a->values[0], NULL, 10);
        for (long i = 0; i < n; i++) {
            sk_buf_puts(b, nl);
            spaces(b, ind);
            sk_buf_puts(b, "- {}");
        }
    }
}

/* Lines "key: value" for chain[k..n) at indentation ind, each ending in
 * nl. */
static void block_entries(sk_buf *b, const sk_question *q, size_t k, const sk_answer *a,
                          size_t ind, const char *nl)
{
    spaces(b, ind);
    sk_buf_printf(b, "%s:", q->chain[k]->name);
    if (k + 1 < q->nchain) {
        sk_buf_puts(b, nl);
        block_entries(b, q, k + 1, a, ind + 2, nl);
        return;
    }
    block_value(b, q, a, ind + 2, nl);
    sk_buf_puts(b, nl);
}

/* "key: value" for chain[k..n) in flow style. */
static void flow_entries(sk_buf *b, const sk_question *q, size_t k, const sk_answer *a)
{
    sk_buf_printf(b, "%s: ", q->chain[k]->name);
    if (k + 1 < q->nchain) {
        sk_buf_putc(b, '{');
        flow_entries(b, q, k + 1, a);
        sk_buf_putc(b, '}');
    } else {
        flow_value(b, q, a);
    }
}

/* ---- finding the place ------------------------------------------------ */

/* Skips a quoted scalar starting at i (at the quote); returns the offset
 * after it. */
static size_t skip_quoted(const text *t, size_t i)
{
    char q = t->s[i++];
    while (i < t->len) {
        if (q == '"' && t->s[i] == '\\') {
            i += 2;
            continue;
        }
        if (t->s[i] == q) {
            if (q == '\'' && i + 1 < t->len && t->s[i + 1] == '\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return t->len;
}

/* The offset of the '}' closing the flow map opened at i, or (size_t)-1. */
static size_t flow_close(const text *t, size_t i)
{
    int depth = 0;
    while (i < t->len) {
        char c = t->s[i];
        if (c == '"' || c == '\'') {
            i = skip_quoted(t, i);
            continue;
        }
        if (c == '#' && i > 0 && (t->s[i - 1] == ' ' || t->s[i - 1] == '\t')) {
            while (i < t->len && t->s[i] != '\n')
                i++;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (--depth == 0)
                return c == '}' ? i : (size_t)-1;
        }
        i++;
    }
    return (size_t)-1;
}

static int is_flow(const text *t, const sk_node *n)
{
    size_t o = offset_of(t, n->line, n->col);
    return o < t->len && (t->s[o] == '{' || t->s[o] == '[');
}

/* The last line of block map m: its last key's line and every following
 * line that is indented deeper (or, for a list value at the key's
 * indentation, starts with "- "). */
static size_t block_end(const text *t, const sk_node *m, size_t ind)
{
    const sk_pair *last = &m->u.pairs[m->len - 1];
    size_t end = last->key->line;
    int seq = last->val->kind == SK_SEQ;
    for (size_t l = end + 1; l <= t->nlines; l++) {
        int k = line_kind(t, l);
        if (k)
            continue; /* blank or comment: belongs only if content follows */
        size_t in = indent_of(t, l);
        size_t o = t->start[l] + in;
        if (in == 0 && (t->len - o >= 3) &&
            (!strncmp(t->s + o, "---", 3) || !strncmp(t->s + o, "...", 3)))
            break;
        if (in > ind || (seq && in == ind && t->s[o] == '-' &&
                         (o + 1 >= t->len || t->s[o + 1] == ' ' || t->s[o + 1] == '\n' ||
                          t->s[o + 1] == '\r'))) {
            end = l;
            continue;
        }
        break;
    }
    return end;
}

typedef struct edit {
    size_t at, del;           /* replace [at, at + del) */
    sk_buf ins;
} edit;

/* A new key in a flow map {..}: before the first key that follows it in
 * case-format order, or at the end. */
static sk_rc insert_flow(text *t, const sk_question *q, const sk_answer *a, edit *e)
{
    const sk_node *at = q->at;
    size_t open = offset_of(t, at->line, at->col);
    size_t close = flow_close(t, open);
    if (close == (size_t)-1)
        return SK_EINVALID;
    const sk_node *next = NULL;
    for (uint32_t i = 0; i < at->len && !next; i++)
        if (at->u.pairs[i].key->field > q->chain_field[0])
            next = at->u.pairs[i].key;
    if (next) {
        e->at = offset_of(t, next->line, next->col);
        flow_entries(&e->ins, q, 0, a);
        sk_buf_puts(&e->ins, ", ");
        return SK_OK;
    }
    size_t i = close;
    while (i > open + 1 && (t->s[i - 1] == ' ' || t->s[i - 1] == '\n' || t->s[i - 1] == '\r'))
        i--;
    e->at = i;
    if (at->len)
        sk_buf_puts(&e->ins, ", ");
    flow_entries(&e->ins, q, 0, a);
    return SK_OK;
}

/* A new key in a block map: on its own lines, before the first key that
 * follows it in case-format order (and the comments just above that
 * key), or after the map's last line. */
static sk_rc insert_block(text *t, const sk_question *q, const sk_answer *a, edit *e)
{
    const sk_node *m = q->at;
    size_t ind = m->u.pairs[0].key->col - 1;
    int fi = q->chain_field[0];
    size_t before = 0;
    for (uint32_t i = 0; i < m->len && !before; i++) {
        const sk_node *k = m->u.pairs[i].key;
        if (k->field <= fi)
            continue;
        size_t ko = offset_of(t, k->line, k->col);
        if (ko != t->start[k->line] + indent_of(t, k->line))
            continue; /* shares its line with "- " */
        before = k->line;
    }
    if (before) {
        size_t line = before;
        while (line > 1 && line_kind(t, line - 1) == 2 && indent_of(t, line - 1) == ind)
            line--;
        e->at = t->start[line];
    } else {
        size_t line = block_end(t, m, ind);
        e->at = line < t->nlines ? t->start[line + 1] : t->len;
        if (e->at == t->len && t->len && t->s[t->len - 1] != '\n')
            sk_buf_puts(&e->ins, t->nl);
    }
    block_entries(&e->ins, q, 0, a, ind, t->nl);
    return SK_OK;
}

/* The value after "key:" on the key's line: [*vs, *ve) and the colon. */
static int value_span(text *t, const sk_node *key, int flow, size_t *colon, size_t *vs, size_t *ve)
{
    size_t i = offset_of(t, key->line, key->col);
    if (i < t->len && (t->s[i] == '"' || t->s[i] == '\''))
        i = skip_quoted(t, i);
    while (i < t->len && t->s[i] != ':' && t->s[i] != '\n')
        i++;
    if (i >= t->len || t->s[i] != ':')
        return 0;
    size_t le = line_end(t, key->line), v = i + 1;
    while (v < le && t->s[v] == ' ')
        v++;
    size_t w = v;
    while (w < le && !(t->s[w] == '#' && w > 0 && t->s[w - 1] == ' ') &&
           !(flow && strchr(",}]", t->s[w])))
        w++;
    while (w > v && t->s[w - 1] == ' ')
        w--;
    *colon = i;
    *vs = v;
    *ve = w;
    return 1;
}

/* A stated unknown answered with structure (a map, or list lines):
 * "key:" (and its comment) stays, the new lines follow the key's line.
 * The whole new text goes to built. */
static void replace_with_lines(text *t, const sk_question *q, const sk_answer *a,
                               const sk_node *key, size_t colon, size_t ve, sk_buf *built)
{
    /* the key's column in bytes (its line may start with "- ") */
    size_t ind = offset_of(t, key->line, key->col) - t->start[key->line];
    sk_buf tail;
    sk_buf_init(&tail, 0);
    if (q->nchain) {
        block_entries(&tail, q, 0, a, ind + 2, t->nl);
    } else {
        block_value(&tail, q, a, ind + 2, t->nl);
        sk_buf_puts(&tail, t->nl);
    }
    size_t after = key->line < t->nlines ? t->start[key->line + 1] : t->len;
    sk_buf_append(built, t->s, colon + 1);
    sk_buf_append(built, t->s + ve, after - ve);
    if (after == t->len && (!t->len || t->s[t->len - 1] != '\n'))
        sk_buf_puts(built, t->nl);
    const char *tl = sk_buf_cstr(&tail);
    if (!q->nchain && !strncmp(tl, t->nl, strlen(t->nl)))
        tl += strlen(t->nl); /* block_value starts with a line break */
    sk_buf_puts(built, tl);
    sk_buf_append(built, t->s + after, t->len - after);
    sk_buf_free(&tail);
}

/* A stated unknown: its value replaced in place, or (structure in block
 * style) the whole text rebuilt into built (*whole set). */
static sk_rc plan_replace(text *t, const sk_question *q, const sk_answer *a, edit *e,
                          sk_buf *built, int *whole)
{
    const sk_node *parent = q->at->parent;
    const sk_node *key = parent->u.pairs[q->at->index].key;
    int flow = is_flow(t, parent);
    size_t colon, vs, ve;
    if (!value_span(t, key, flow, &colon, &vs, &ve))
        return SK_EINVALID;
    e->at = vs;
    e->del = ve - vs;
    if (!flow && (q->nchain || block_lines(q, a))) {
        replace_with_lines(t, q, a, key, colon, ve, built);
        *whole = 1;
        return SK_OK;
    }
    if (e->at == colon + 1)
        sk_buf_putc(&e->ins, ' ');
    if (flow && q->nchain) {
        sk_buf_putc(&e->ins, '{');
        flow_entries(&e->ins, q, 0, a);
        sk_buf_putc(&e->ins, '}');
    } else if (flow) {
        flow_value(&e->ins, q, a);
    } else {
        scalar(&e->ins, a->n ? a->values[0] : "", is_text(q, a->n ? a->values[0] : ""), 0);
    }
    return SK_OK;
}

static sk_rc plan_insert(text *t, const sk_question *q, const sk_answer *a, edit *e)
{
    if (q->at->kind != SK_MAP || !q->nchain)
        return SK_EINVALID;
    if (is_flow(t, q->at))
        return insert_flow(t, q, a, e);
    if (q->at->len == 0)
        return SK_EINVALID;
    return insert_block(t, q, a, e);
}

/* The edited text: built as is, or the text with the edit applied. */
static sk_rc finish_edit(text *t, const edit *e, sk_buf *built, int whole, char **out,
                         size_t *outlen)
{
    if (!whole) {
        sk_buf_append(built, t->s, e->at);
        sk_buf_append(built, e->ins.data ? e->ins.data : "", e->ins.len);
        sk_buf_append(built, t->s + e->at + e->del, t->len - e->at - e->del);
    }
    if (built->failed)
        return SK_ENOMEM;
    *outlen = built->len;
    *out = built->data ? built->data : calloc(1, 1);
    if (!*out)
        return SK_ENOMEM;
    built->data = NULL; /* handed over */
    return SK_OK;
}

sk_rc sk_case_text_answer(const char *s, size_t len, const sk_question *q,
                          const sk_answer *a, char **out, size_t *outlen)
{
    text t;
    if (!text_open(&t, s, len))
        return SK_ENOMEM;
    edit e = {0, 0, {0}};
    sk_buf_init(&e.ins, 0);
    sk_buf built;
    sk_buf_init(&built, 0);
    int whole = 0;
    sk_rc rc = q->replace ? plan_replace(&t, q, a, &e, &built, &whole) : plan_insert(&t, q, a, &e);
    if (rc == SK_OK)
        rc = finish_edit(&t, &e, &built, whole, out, outlen);
    sk_buf_free(&built);
    free(t.start);
    sk_buf_free(&e.ins);
    return rc;
}
