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

/* The offset of the bracket closing the flow collection opened at i (a
 * '[' or '{'), skipping quoted strings and comments; t->len when it is
 * not closed. */
static size_t flow_match(const text *t, size_t i)
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
        else if ((c == '}' || c == ']') && --depth == 0)
            return i;
        i++;
    }
    return t->len;
}

/* The offset of the '}' closing the flow map opened at i, or (size_t)-1. */
static size_t flow_close(const text *t, size_t i)
{
    size_t m = flow_match(t, i);
    return m < t->len && t->s[m] == '}' ? m : (size_t)-1;
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

/* ---- any fact set or removed (case_set.c) ----------------------------- */

static int is_dash(const text *t, size_t o)
{
    return o < t->len && t->s[o] == '-' &&
           (o + 1 >= t->len || t->s[o + 1] == ' ' || t->s[o + 1] == '\n' || t->s[o + 1] == '\r');
}

/* The last line of what starts on line l at byte column col: every
 * following line indented deeper (or, seq_same, a "- " line at col);
 * blank and comment lines only where content follows. */
static size_t extent_end(const text *t, size_t l0, size_t col, int seq_same)
{
    size_t end = l0;
    for (size_t l = l0 + 1; l <= t->nlines; l++) {
        if (line_kind(t, l))
            continue;
        size_t in = indent_of(t, l), o = t->start[l] + in;
        if (in == 0 && t->len - o >= 3 &&
            (!strncmp(t->s + o, "---", 3) || !strncmp(t->s + o, "...", 3)))
            break;
        if (in > col || (seq_same && in == col && is_dash(t, o))) {
            end = l;
            continue;
        }
        break;
    }
    return end;
}

/* The offset just after a flow value starting at i ("[..]", "{..}", a
 * quoted or plain scalar ending at ',', ']' or '}'). */
static size_t flow_item_end(const text *t, size_t i)
{
    if (i < t->len && (t->s[i] == '[' || t->s[i] == '{')) {
        size_t m = flow_match(t, i);
        return m < t->len ? m + 1 : t->len;
    }
    if (i < t->len && (t->s[i] == '"' || t->s[i] == '\''))
        return skip_quoted(t, i);
    while (i < t->len && !strchr(",]}\n", t->s[i]))
        i++;
    while (t->s[i - 1] == ' ')
        i--;
    return i;
}

/* The byte column of node n's first character on its line. */
static size_t col_of(const text *t, const sk_node *n)
{
    return offset_of(t, n->line, n->col) - t->start[n->line];
}

static size_t line_after(const text *t, size_t l)
{
    return l < t->nlines ? t->start[l + 1] : t->len;
}

/* [*a, *b) widened over the ", " that joins a flow item to its neighbours
 * (the one after it, else the one before it). */
static void flow_join(const text *t, size_t *a, size_t *b)
{
    size_t j = *b;
    while (j < t->len && (t->s[j] == ' ' || t->s[j] == '\n' || t->s[j] == '\r'))
        j++;
    if (j < t->len && t->s[j] == ',') {
        j++;
        while (j < t->len && t->s[j] == ' ')
            j++;
        *b = j;
        return;
    }
    size_t i = *a;
    while (i > 0 && (t->s[i - 1] == ' ' || t->s[i - 1] == '\n' || t->s[i - 1] == '\r'))
        i--;
    if (i > 0 && t->s[i - 1] == ',')
        *a = i - 1;
}

/* The value alone: one line, or in a flow collection. */
static void leaf_text(sk_buf *b, const sk_question *q, const sk_answer *a, int flow)
{
    if (flow || q->kind == SK_ANS_LIST)
        flow_value(b, q, a);
    else
        scalar(b, a->n ? a->values[0] : "", is_text(q, a->n ? a->values[0] : ""), 0);
}

/* A list given in block style again: a line "- value" per value at the
 * old items' column. */
static int block_list(const text *t, const sk_node *val, const sk_question *q,
                      const sk_answer *a, sk_buf *b)
{
    if (q->kind != SK_ANS_LIST || !val || val->kind != SK_SEQ || !val->len || !a->n ||
        is_flow(t, val))
        return 0;
    size_t c = col_of(t, val->u.items[0]);
    if (c < 2)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        sk_buf_puts(b, t->nl);
        spaces(b, c - 2);
        sk_buf_puts(b, "- ");
        scalar(b, a->values[i], is_text(q, a->values[i]), 0);
    }
    return 1;
}

/* The value of a stated pair replaced: on the key's line after "key: "
 * (a list given in block style stays in block style); the value's further
 * lines (a block list or map, a block or multi-line scalar) are dropped, a
 * comment on the key's line stays. */
static sk_rc set_stated(text *t, const sk_node *key, const sk_node *val, const sk_question *q,
                        const sk_answer *a, sk_buf *out)
{
    int flow = is_flow(t, key->parent);
    size_t colon, vs, ve;
    if (!value_span(t, key, flow, &colon, &vs, &ve))
        return SK_EINVALID;
    if (flow && vs < t->len && (t->s[vs] == '[' || t->s[vs] == '{'))
        ve = flow_item_end(t, vs);
    size_t last = flow ? key->line : extent_end(t, key->line, col_of(t, key), val && val->kind == SK_SEQ);
    if (last == key->line) {
        sk_buf_append(out, t->s, vs);
        if (vs == colon + 1)
            sk_buf_putc(out, ' ');
        leaf_text(out, q, a, flow);
        sk_buf_append(out, t->s + ve, t->len - ve);
        return SK_OK;
    }
    size_t le = line_end(t, key->line), c = ve;
    while (c < le && t->s[c] == ' ')
        c++;
    if (vs == c)
        vs = colon + 1; /* "key:  # comment": the value goes before it */
    sk_buf lines;
    sk_buf_init(&lines, 0);
    if (block_list(t, val, q, a, &lines)) {
        sk_buf_append(out, t->s, le);  /* "key:" and its comment */
        sk_buf_append(out, lines.data, lines.len);
    } else {
        sk_buf_append(out, t->s, vs);
        if (vs == colon + 1)
            sk_buf_putc(out, ' ');
        leaf_text(out, q, a, 0);
        if (c < le && t->s[c] == '#') {
            sk_buf_puts(out, "  ");
            sk_buf_append(out, t->s + c, le - c);
        }
    }
    sk_buf_free(&lines);
    size_t tail = line_end(t, last);
    sk_buf_append(out, t->s + tail, t->len - tail);
    return SK_OK;
}

/* Removes the pair whose key is key from its map: in block style its
 * lines (the comment lines above it stay); the first key of a list item
 * ("- key: v") gives its place to the next key, or leaves "- {}"; in flow
 * style "key: value" and a comma. */
static sk_rc remove_pair(text *t, const sk_node *key, sk_buf *out)
{
    const sk_node *map = key->parent;
    size_t ko = offset_of(t, key->line, key->col);
    if (is_flow(t, map)) {
        size_t colon, vs, ve;
        if (!value_span(t, key, 1, &colon, &vs, &ve))
            return SK_EINVALID;
        if (vs < t->len && (t->s[vs] == '[' || t->s[vs] == '{'))
            ve = flow_item_end(t, vs);
        flow_join(t, &ko, &ve);
        sk_buf_append(out, t->s, ko);
        sk_buf_append(out, t->s + ve, t->len - ve);
        return SK_OK;
    }
    const sk_node *val = map->u.pairs[key->index].val;
    size_t last = extent_end(t, key->line, col_of(t, key), val && val->kind == SK_SEQ);
    if (ko == t->start[key->line] + indent_of(t, key->line)) {
        sk_buf_append(out, t->s, t->start[key->line]);
    } else if (key->index + 1 < map->len && map->u.pairs[key->index + 1].key->line > last) {
        const sk_node *next = map->u.pairs[key->index + 1].key;
        size_t no = offset_of(t, next->line, next->col);
        sk_buf_append(out, t->s, ko);
        sk_buf_append(out, t->s + no, t->len - no);
        return SK_OK;
    } else {
        sk_buf_append(out, t->s, ko);
        sk_buf_puts(out, "{}");
        sk_buf_puts(out, t->nl);
    }
    size_t after = line_after(t, last);
    sk_buf_append(out, t->s + after, t->len - after);
    return SK_OK;
}

/* Whether line l holds only "- " (and a comment) from byte offset o. */
static int dash_only(const text *t, size_t l, size_t o)
{
    if (!is_dash(t, o))
        return 0;
    size_t i = o + 1, e = line_end(t, l);
    while (i < e && t->s[i] == ' ')
        i++;
    return i == e || t->s[i] == '#';
}

/* The offset of the "- " of block list item n (on its line, or on a line
 * above it holding only "- " and a comment), or (size_t)-1. */
static size_t item_dash(const text *t, const sk_node *n)
{
    size_t l = n->line, o = offset_of(t, n->line, n->col);
    while (o > t->start[l] && t->s[o - 1] == ' ')
        o--;
    if (o > t->start[l] && t->s[o - 1] == '-') {
        o--;
        return o == t->start[l] + indent_of(t, l) ? o : (size_t)-1;
    }
    if (o != t->start[l])
        return (size_t)-1;
    while (--l >= 1) { /* "- # comment" with the item on the lines below */
        if (line_kind(t, l) == 0)
            return dash_only(t, l, t->start[l] + indent_of(t, l)) ? t->start[l] + indent_of(t, l)
                                                                     : (size_t)-1;
    }
    return (size_t)-1;
}

/* The line of offset o. */
static size_t line_of(const text *t, size_t o)
{
    size_t lo = 1, hi = t->nlines;
    while (lo < hi) {
        size_t mid = (lo + hi + 1) / 2;
        if (t->start[mid] <= o)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Removes item n from its list: its lines, or in flow style the item and
 * a comma. */
static sk_rc remove_item(text *t, const sk_node *n, sk_buf *out)
{
    if (is_flow(t, n->parent)) {
        size_t a = offset_of(t, n->line, n->col), b = flow_item_end(t, a);
        flow_join(t, &a, &b);
        sk_buf_append(out, t->s, a);
        sk_buf_append(out, t->s + b, t->len - b);
        return SK_OK;
    }
    size_t d = item_dash(t, n);
    if (d == (size_t)-1)
        return SK_EINVALID;
    size_t line = line_of(t, d), last = extent_end(t, line, d - t->start[line], 0);
    size_t after = line_after(t, last);
    sk_buf_append(out, t->s, t->start[line]);
    sk_buf_append(out, t->s + after, t->len - after);
    return SK_OK;
}

/* Appends to list seq a new item holding chain[0..n) = the answer: a
 * "- key: value" line (and the lines under it) after the list's last
 * line, at its items' column; in flow style ", {key: value}" before ']'. */
static sk_rc append_item(text *t, const sk_node *seq, const sk_question *q, const sk_answer *a,
                         sk_buf *out)
{
    size_t open = offset_of(t, seq->line, seq->col);
    if (is_flow(t, seq)) {
        size_t close = flow_item_end(t, open) - 1;
        if (close <= open || t->s[close] != ']')
            return SK_EINVALID;
        size_t i = close;
        while (i > open + 1 && (t->s[i - 1] == ' ' || t->s[i - 1] == '\n' || t->s[i - 1] == '\r'))
            i--;
        sk_buf_append(out, t->s, i);
        sk_buf_puts(out, seq->len ? ", {" : "{");
        flow_entries(out, q, 0, a);
        sk_buf_putc(out, '}');
        sk_buf_append(out, t->s + i, t->len - i);
        return SK_OK;
    }
    if (!seq->len)
        return SK_EINVALID;
    const sk_node *lastn = seq->u.items[seq->len - 1];
    size_t d0 = item_dash(t, seq->u.items[0]), d = item_dash(t, lastn);
    if (d0 == (size_t)-1 || d == (size_t)-1)
        return SK_EINVALID;
    size_t l0 = line_of(t, d0), ld = line_of(t, d);
    size_t col = d0 - t->start[l0];
    size_t last = extent_end(t, ld, d - t->start[ld], 0);
    size_t at = line_after(t, last);
    sk_buf_append(out, t->s, at);
    if (at == t->len && t->len && t->s[t->len - 1] != '\n')
        sk_buf_puts(out, t->nl);
    sk_buf item;
    sk_buf_init(&item, 0);
    block_entries(&item, q, 0, a, col + 2, t->nl);
    spaces(out, col);
    sk_buf_puts(out, "- ");
    const char *it = sk_buf_cstr(&item);
    sk_buf_puts(out, it + (strlen(it) >= col + 2 ? col + 2 : 0));
    sk_buf_free(&item);
    sk_buf_append(out, t->s + at, t->len - at);
    return SK_OK;
}

sk_rc sk_case_text_edit_at(const char *s, size_t len, sk_text_edit op, const sk_node *n,
                           const sk_question *q, const sk_answer *a, char **out, size_t *outlen)
{
    text t;
    if (!text_open(&t, s, len))
        return SK_ENOMEM;
    sk_buf b;
    sk_buf_init(&b, 0);
    sk_rc rc = SK_EINVALID;
    switch (op) {
    case SK_TEXT_SET:
        rc = n->parent && n->parent->kind == SK_MAP
                 ? set_stated(&t, n->parent->u.pairs[n->index].key, n, q, a, &b) : SK_EINVALID;
        break;
    case SK_TEXT_REMOVE:
        if (n->parent && n->parent->kind == SK_MAP)
            rc = remove_pair(&t, n->parent->u.pairs[n->index].key, &b);
        else if (n->parent && n->parent->kind == SK_SEQ)
            rc = remove_item(&t, n, &b);
        break;
    case SK_TEXT_APPEND:
        rc = n->kind == SK_SEQ ? append_item(&t, n, q, a, &b) : SK_EINVALID;
        break;
    }
    edit none = {0, 0, {0}};
    if (rc == SK_OK)
        rc = finish_edit(&t, &none, &b, 1, out, outlen);
    sk_buf_free(&b);
    free(t.start);
    return rc;
}
