/* buf.h - growable byte buffer with a ceiling (for output and messages). */
#ifndef SK_BUF_H
#define SK_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct sk_buf {
    char *data;     /* NUL-terminated when len > 0 or after sk_buf_cstr */
    size_t len;
    size_t cap;
    size_t limit;   /* 0 = no ceiling */
    bool failed;    /* an append hit malloc failure or the ceiling */
} sk_buf;

void sk_buf_init(sk_buf *b, size_t limit);
void sk_buf_free(sk_buf *b);
void sk_buf_clear(sk_buf *b);
bool sk_buf_append_slow(sk_buf *b, const char *s, size_t n);
/* Appends n bytes of s. Inline for the case that fits (the writers append
 * short pieces hundreds of times per case); growing and the ceiling are in
 * sk_buf_append_slow. */
static inline bool sk_buf_append(sk_buf *b, const char *s, size_t n)
{
    if (!b->failed && n < b->cap - b->len && (!b->limit || b->len + n <= b->limit)) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return true;
    }
    return sk_buf_append_slow(b, s, n);
}
static inline bool sk_buf_puts(sk_buf *b, const char *s)
{
    return sk_buf_append(b, s, strlen(s));
}
/* Makes room for n more bytes in one allocation, for a writer that knows
 * about how much it will append; a hint only: on failure (or above the
 * ceiling) nothing changes and appends proceed as usual. */
void sk_buf_reserve(sk_buf *b, size_t n);
char *sk_buf_extend_slow(sk_buf *b, size_t n);
/* Adds n bytes to the end and returns where they start, for the caller to
 * fill (all n of them); NULL (and failed set) if they do not fit. */
static inline char *sk_buf_extend(sk_buf *b, size_t n)
{
    if (!b->failed && n < b->cap - b->len && (!b->limit || b->len + n <= b->limit)) {
        char *p = b->data + b->len;
        b->len += n;
        b->data[b->len] = '\0';
        return p;
    }
    return sk_buf_extend_slow(b, n);
}
bool sk_buf_putc_slow(sk_buf *b, char c);
/* Appends one byte; the common case (room left) is inline. */
static inline bool sk_buf_putc(sk_buf *b, char c)
{
    if (!b->failed && b->len + 1 < b->cap && (!b->limit || b->len < b->limit)) {
        b->data[b->len++] = c;
        b->data[b->len] = '\0';
        return true;
    }
    return sk_buf_putc_slow(b, c);
}
/* Writes v in decimal so that its digits end just before end (room for
 * SK_UINT_DIGITS bytes before it); returns how many were written. */
#define SK_UINT_DIGITS 20
size_t sk_uint_digits(unsigned long long v, char *end);
/* Appends an unsigned integer in decimal. */
bool sk_buf_uint(sk_buf *b, unsigned long long v);
/* Appends the strings given, up to a NULL (no format parsing: for output
 * on the hot path). */
bool sk_buf_cat(sk_buf *b, ...) __attribute__((sentinel));
bool sk_buf_printf(sk_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Always returns a valid string ("" for an empty buffer). */
const char *sk_buf_cstr(sk_buf *b);

#endif
