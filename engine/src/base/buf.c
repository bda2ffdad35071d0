/* buf.c - growable byte buffer (see buf.h). */
#include "base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sk_buf_init(sk_buf *b, size_t limit)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->limit = limit;
    b->failed = false;
}

void sk_buf_free(sk_buf *b)
{
    free(b->data);
    sk_buf_init(b, b->limit);
}

void sk_buf_clear(sk_buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data)
        b->data[0] = '\0';
}

static bool grow(sk_buf *b, size_t extra)
{
    if (extra > SIZE_MAX - b->len - 1)
        return false;
    size_t need = b->len + extra + 1;
    if (b->limit && need > b->limit + 1)
        return false;
    if (need <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

bool sk_buf_append_slow(sk_buf *b, const char *s, size_t n)
{
    if (b->failed || !grow(b, n)) {
        b->failed = true;
        return false;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

void sk_buf_reserve(sk_buf *b, size_t n)
{
    if (!b->failed && (!b->limit || n <= b->limit - b->len) && grow(b, n))
        b->data[b->len] = '\0'; /* an empty buffer's cstr stays "" */
}

char *sk_buf_extend_slow(sk_buf *b, size_t n)
{
    if (b->failed || !grow(b, n)) {
        b->failed = true;
        return NULL;
    }
    char *p = b->data + b->len;
    b->len += n;
    b->data[b->len] = '\0';
    return p;
}

bool sk_buf_putc_slow(sk_buf *b, char c)
{
    return sk_buf_append(b, &c, 1);
}

/* "00".."99": two digits per division */
static const char digit_pairs[201] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                     "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                     "8081828384858687888990919293949596979899";

size_t sk_uint_digits(unsigned long long v, char *end)
{
    char *p = end;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        memcpy(p, digit_pairs + 2 * r, 2);
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return (size_t)(end - p);
}

bool sk_buf_uint(sk_buf *b, unsigned long long v)
{
    if (v < 10)
        return sk_buf_putc(b, (char)('0' + v));
    char tmp[SK_UINT_DIGITS];
    size_t n = sk_uint_digits(v, tmp + sizeof tmp);
    return sk_buf_append(b, tmp + sizeof tmp - n, n);
}

bool sk_buf_cat(sk_buf *b, ...)
{
    va_list ap;
    va_start(ap, b);
    for (const char *s = va_arg(ap, const char *); s; s = va_arg(ap, const char *))
        sk_buf_puts(b, s);
    va_end(ap);
    return !b->failed;
}

bool sk_buf_printf(sk_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return false;
    }
    if ((size_t)n < sizeof small)
        return sk_buf_append(b, small, (size_t)n);
    if (b->failed || !grow(b, (size_t)n)) {
        b->failed = true;
        return false;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

const char *sk_buf_cstr(sk_buf *b)
{
    return b->data ? b->data : "";
}
