/* escape.c - text made safe for each output syntax: JSON strings, XML and
 * HTML text and attributes, Markdown. Shared by the writers. */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "report/report_int.h"

static int json_plain(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

size_t sk_json_plain_run(const unsigned char *p, size_t len)
{
    size_t n = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time: b < 0x20 is min(b, 0x1f) == b (unsigned) */
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i c1f = _mm_set1_epi8(0x1f);
#define SK_JSON_HITS(v)                                                                     \
    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8((v), quote), _mm_cmpeq_epi8((v), bslash)), \
                 _mm_cmpeq_epi8(_mm_min_epu8((v), c1f), (v)))
    /* 32 bytes a round while no byte needs escaping (one test for both
     * halves); the round with a hit is left to the 16-byte loop */
    for (; n + 32 <= len; n += 32) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(p + n));
        __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(p + n + 16));
        if (_mm_movemask_epi8(_mm_or_si128(SK_JSON_HITS(a), SK_JSON_HITS(c))))
            break;
    }
#undef SK_JSON_HITS
    for (; n + 16 <= len; n += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + n));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                                   _mm_cmpeq_epi8(_mm_min_epu8(v, c1f), v));
        int m = _mm_movemask_epi8(hit);
        if (m)
            return n + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    /* per byte b: (b - 0x20) borrows into the high bit only if b < 0x20
     * (bytes from 0x80 are masked by ~w); x ^ '"' and x ^ '\\' are zero
     * only for those bytes. A borrow only carries on from a real hit, so a
     * word is flagged exactly when it holds one. */
    for (; n + 8 <= len; n += 8) {
        uint64_t w, q, bs;
        memcpy(&w, p + n, 8);
        q = w ^ (ones * '"');
        bs = w ^ (ones * '\\');
        if (((w - ones * 0x20) | (q - ones) | (bs - ones)) & ~w & highs)
            break;
    }
    while (n < len && json_plain(p[n]))
        n++;
    return n;
}

static void json_escape(sk_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': sk_buf_append(b, "\\\"", 2); break;
    case '\\': sk_buf_append(b, "\\\\", 2); break;
    case '\n': sk_buf_append(b, "\\n", 2); break;
    case '\r': sk_buf_append(b, "\\r", 2); break;
    case '\t': sk_buf_append(b, "\\t", 2); break;
    default: {
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        sk_buf_append(b, u, 6);
        break;
    }
    }
}

void sk_json_str(sk_buf *b, const char *s)
{
    if (!s) {
        sk_buf_append(b, "\"\"", 2);
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    size_t run = sk_json_plain_run(p, len);
    if (run == len) {
        /* most strings need no escaping: one copy between the quotes */
        char *d = sk_buf_extend(b, len + 2);
        if (d) {
            d[0] = '"';
            memcpy(d + 1, s, len);
            d[len + 1] = '"';
        }
        return;
    }
    const unsigned char *end = p + len;
    sk_buf_putc(b, '"');
    for (;;) {
        sk_buf_append(b, (const char *)p, run);
        p += run;
        if (p == end)
            break;
        json_escape(b, *p++);
        run = sk_json_plain_run(p, (size_t)(end - p));
    }
    sk_buf_putc(b, '"');
}

/* Ancestors a fact path is rendered through directly; a deeper node takes
 * the general way. */
#define PATH_DEPTH 24

/* Appends the place of node n in its tree, as sk_fact_path writes it
 * ("tasks[1].name"), when no key needs escaping; false otherwise (then
 * the caller drops what was appended). Keys the validation matched to a
 * schema field are field names, which are plain (unit test
 * json.schema_field_names_need_no_escaping); other keys are scanned. */
static bool plain_node_path(sk_buf *b, const sk_node *n, size_t start)
{
    const sk_node *chain[PATH_DEPTH];
    int k = 0;
    for (; n && n->parent; n = n->parent) {
        if (k == PATH_DEPTH)
            return false;
        chain[k++] = n;
    }
    while (k--) {
        const sk_node *c = chain[k], *parent = c->parent;
        if (parent->kind == SK_SEQ) {
            sk_buf_putc(b, '[');
            sk_buf_uint(b, c->index);
            sk_buf_putc(b, ']');
            continue;
        }
        if (parent->kind != SK_MAP)
            continue;
        const sk_node *key = parent->u.pairs[c->index].key;
        size_t len = strlen(key->u.s);
        if (key->field < 0 && sk_json_plain_run((const unsigned char *)key->u.s, len) != len)
            return false;
        if (b->len > start)
            sk_buf_putc(b, '.');
        sk_buf_append(b, key->u.s, len);
    }
    return true;
}

/* The path of a fact of the case's tree or a binding (not the form table
 * or a date) when it needs no escaping, as sk_fact_path writes it. */
static bool plain_fact_path(sk_buf *b, const sk_fact *f)
{
    const sk_path *p = f->path;
    if (p->root == SK_ROOT_FORM || p->root == SK_ROOT_DATE)
        return false;
    size_t start = b->len;
    if (!plain_node_path(b, f->node, start))
        return false;
    sk_fact_path_rest(f, b, start);
    return true;
}

bool sk_json_fact_path(sk_buf *b, const sk_fact *f, sk_buf *tmp)
{
    size_t at = b->len;
    sk_buf_putc(b, '"');
    if (plain_fact_path(b, f))
        return sk_buf_putc(b, '"');
    if (!b->failed) {
        b->len = at + 1;
        b->data[b->len] = '\0';
    }
    size_t from = b->len;
    sk_fact_path(f, b); /* in place: paths seldom need escaping */
    size_t n = b->len - from;
    if (b->failed || sk_json_plain_run((const unsigned char *)b->data + from, n) == n)
        return sk_buf_putc(b, '"');
    sk_buf_clear(tmp);
    sk_buf_append(tmp, b->data + from, n);
    b->len = at;
    b->data[at] = '\0';
    sk_json_str(b, sk_buf_cstr(tmp));
    return false;
}

void sk_json_missing(sk_buf *b, const sk_finding *f, sk_buf *tmp)
{
    sk_buf_putc(b, '[');
    for (uint16_t i = 0; i < f->nmissing; i++) {
        if (i)
            sk_buf_putc(b, ',');
        sk_json_fact_path(b, &f->missing[i], tmp);
    }
    sk_buf_putc(b, ']');
}

void sk_markup_str(sk_buf *b, const char *s, int attr)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    for (; *p; p++) {
        unsigned char c = *p;
        switch (c) {
        case '&': sk_buf_puts(b, "&amp;"); continue;
        case '<': sk_buf_puts(b, "&lt;"); continue;
        case '>': sk_buf_puts(b, "&gt;"); continue;
        case '"': sk_buf_puts(b, "&quot;"); continue;
        case '\'': sk_buf_puts(b, "&#39;"); continue;
        case '\n': sk_buf_puts(b, attr ? "&#10;" : "\n"); continue;
        case '\r': sk_buf_puts(b, "&#13;"); continue;
        case '\t': sk_buf_puts(b, attr ? "&#9;" : "\t"); continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            sk_buf_puts(b, "\uFFFD"); /* not allowed in XML 1.0 */
            continue;
        }
        /* U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either */
        if (c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF)) {
            sk_buf_puts(b, "\uFFFD");
            p += 2;
            continue;
        }
        sk_buf_putc(b, (char)c);
    }
}

void sk_md_str(sk_buf *b, const char *s, const char *cont)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int line_start = 0;
    for (size_t i = 0; p[i]; i++) {
        unsigned char c = p[i];
        if (c == '\r')
            continue;
        if (c == '\n' && !cont) {
            sk_buf_putc(b, ' '); /* a heading or a table cell is one line */
            continue;
        }
        if (c == '\n') {
            /* a hard line break, continued inside the list item */
            sk_buf_puts(b, "\\\n");
            sk_buf_puts(b, cont);
            line_start = 1;
            continue;
        }
        if (line_start && strchr("#+-=>", c))
            sk_buf_putc(b, '\\');
        if (line_start && c >= '0' && c <= '9') {
            /* "1. " or "1) " would start an ordered list */
            size_t k = i;
            while (p[k] >= '0' && p[k] <= '9')
                k++;
            if (p[k] == '.' || p[k] == ')') {
                sk_buf_append(b, (const char *)p + i, k - i);
                sk_buf_putc(b, '\\');
                i = k - 1;
                line_start = 0;
                continue;
            }
        }
        line_start = 0;
        int esc = 0;
        switch (c) {
        case '\\': case '`': case '*': case '[': case ']': case '<': case '>': case '|': case '~':
            esc = 1;
            break;
        case '_': {
            /* intraword underscores make no emphasis */
            int before = i > 0 && (p[i - 1] >= 0x80 || (p[i - 1] >= '0' && p[i - 1] <= '9') ||
                                   ((p[i - 1] | 0x20) >= 'a' && (p[i - 1] | 0x20) <= 'z'));
            unsigned char n = p[i + 1];
            int after = n >= 0x80 || (n >= '0' && n <= '9') || ((n | 0x20) >= 'a' && (n | 0x20) <= 'z');
            esc = !(before && after);
            break;
        }
        case '&': {
            unsigned char n = p[i + 1];
            esc = n == '#' || ((n | 0x20) >= 'a' && (n | 0x20) <= 'z');
            break;
        }
        default:
            break;
        }
        if (esc)
            sk_buf_putc(b, '\\');
        sk_buf_putc(b, (char)c);
    }
}

void sk_json_cites(sk_buf *b, const sk_cite *cites, uint32_t n, int en)
{
    sk_buf_putc(b, '[');
    for (uint32_t k = 0; k < n; k++) {
        sk_buf_puts(b, k ? ",{\"text\":" : "{\"text\":");
        sk_json_str(b, cites[k].text[en]);
        sk_buf_puts(b, ",\"url\":");
        sk_json_str(b, cites[k].url);
        sk_buf_putc(b, '}');
    }
    sk_buf_putc(b, ']');
}
