/* split.c - documents of a YAML stream by lines (see split.h). */
#include "yaml/split.h"

#include <stdlib.h>
#include <string.h>

static size_t skip_bom(const char *l, size_t n)
{
    return n >= 3 && (unsigned char)l[0] == 0xEF && (unsigned char)l[1] == 0xBB &&
                   (unsigned char)l[2] == 0xBF
               ? 3
               : 0;
}

/* "---" or "..." at the start of the line, followed by a blank or the end
 * of the line (libyaml's document indicators). */
static int is_marker(const char *l, size_t n, const char *m)
{
    return n >= 3 && memcmp(l, m, 3) == 0 &&
           (n == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\n' || l[3] == '\r');
}

/* Blank or a comment: belongs to whichever document it sits in. */
static int is_blank_or_comment(const char *l, size_t n)
{
    size_t k = 0;
    while (k < n && (l[k] == ' ' || l[k] == '\t'))
        k++;
    return k == n || l[k] == '\n' || l[k] == '\r' || l[k] == '#';
}

sk_split_act sk_split_line(sk_split *s, const char *line, size_t n)
{
    size_t b = skip_bom(line, n);
    const char *l = line + b;
    n -= b;
    if (is_marker(l, n, "---")) {
        int fresh = s->content;
        s->content = 1;
        s->directive = 0;
        return fresh ? SK_SPLIT_BEFORE : SK_SPLIT_KEEP;
    }
    if (is_marker(l, n, "...")) {
        s->content = s->directive = 0;
        return SK_SPLIT_AFTER;
    }
    if (n > 0 && l[0] == '%') {
        /* a directive after content opens the next document (libyaml
         * would want a "..." first; the document stays whole either way) */
        int fresh = s->content;
        s->content = 0;
        s->directive = 1;
        return fresh ? SK_SPLIT_BEFORE : SK_SPLIT_KEEP;
    }
    if (!is_blank_or_comment(l, n))
        s->content = 1;
    return SK_SPLIT_KEEP;
}

int sk_split_is_document(const sk_split *s)
{
    return s->content || s->directive;
}

/* ---- lines --------------------------------------------------------------- */

void sk_lines_mem(sk_lines *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    r->mem = data;
    r->memlen = len;
    r->eof = 1;
    r->max = (size_t)-1;
}

void sk_lines_file(sk_lines *r, FILE *f, size_t max)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->max = max < 4096 ? 4096 : max;
}

/* Length of the line starting at p (through its break), or 0 when no
 * break is in [p, p+n) (a CR at the very end might be half of a CRLF,
 * unless at_end). */
static size_t line_len(const char *p, size_t n, int at_end)
{
    const char *nl = memchr(p, '\n', n);
    size_t upto = nl ? (size_t)(nl - p) : n;
    const char *cr = memchr(p, '\r', upto);
    if (cr) {
        size_t i = (size_t)(cr - p);
        if (i + 1 < n)
            return p[i + 1] == '\n' ? i + 2 : i + 1;
        return at_end ? i + 1 : 0;
    }
    return nl ? upto + 1 : 0;
}

static int fill(sk_lines *r)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 65536;
        char *nb = realloc(r->buf, cap);
        if (!nb) {
            r->error = 1;
            return 0;
        }
        r->buf = nb;
        r->cap = cap;
    }
    r->cr_known = 0; /* the data moved and grows */
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got == 0) {
        if (ferror(r->f))
            r->error = 1;
        r->eof = 1;
    }
    return got > 0;
}

static void take(sk_lines *r, const char *p, size_t n, size_t used, const char **line,
                 size_t *len, int *cont, int ended)
{
    *line = p;
    *len = n;
    *cont = r->in_line;
    r->in_line = !ended;
    if (ended)
        r->number++;
    r->start += used;
}

int sk_lines_next(sk_lines *r, const char **line, size_t *n, int *cont)
{
    const char *base = r->f ? r->buf : r->mem;
    size_t end = r->f ? r->end : r->memlen;
    for (;;) {
        size_t avail = base ? end - r->start : 0; /* nothing read yet: no buffer */
        size_t k = avail ? line_len(base + r->start, avail, r->eof) : 0;
        if (k) {
            take(r, base + r->start, k, k, line, n, cont, 1);
            return 1;
        }
        if (avail && (r->eof || avail >= r->max)) {
            /* the last line without a break, or a piece of an overlong one */
            take(r, base + r->start, avail, avail, line, n, cont, r->eof);
            return 1;
        }
        if (r->eof || r->error || !r->f)
            return 0;
        fill(r);
        base = r->buf;
        end = r->end;
    }
}

/* Offset of the first CR at or after r->start, or the end of the data
 * held: found once per fill, not once per line. */
static size_t first_cr(sk_lines *r, const char *base, size_t end)
{
    if (!r->cr_known || r->cr < r->start) {
        const char *p = memchr(base + r->start, '\r', end - r->start);
        r->cr = p ? (size_t)(p - base) : end;
        r->cr_known = 1;
    }
    return r->cr;
}

size_t sk_lines_plain_run(sk_lines *r, const char **run)
{
    const char *base = r->f ? r->buf : r->mem;
    size_t end = r->f ? r->end : r->memlen;
    if (!base || r->in_line || r->start >= end)
        return 0;
    size_t limit = first_cr(r, base, end), pos = r->start;
    unsigned lines = 0;
    while (pos < limit) {
        unsigned char c = (unsigned char)base[pos];
        if (c == '-' || c == '.' || c == '%' || c == 0xEF)
            break;
        const char *nl = memchr(base + pos, '\n', limit - pos);
        if (!nl)
            break;
        pos = (size_t)(nl - base) + 1;
        lines++;
    }
    *run = base + r->start;
    size_t n = pos - r->start;
    r->start = pos;
    r->number += lines;
    return n;
}

void sk_lines_free(sk_lines *r)
{
    free(r->buf);
    r->buf = NULL;
}
