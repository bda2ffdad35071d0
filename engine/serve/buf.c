/* buf.c - growable buffers and JSON strings for the server. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve_int.h"

static bool grow(sv_buf *b, size_t more)
{
    if (b->failed)
        return false;
    if (b->len + more + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = true;
        return false;
    }
    b->data = d;
    b->cap = cap;
    return true;
}

void sv_buf_append(sv_buf *b, const char *s, size_t n)
{
    if (!grow(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sv_buf_puts(sv_buf *b, const char *s)
{
    sv_buf_append(b, s, strlen(s));
}

void sv_buf_printf(sv_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sv_json_str(sv_buf *b, const char *s)
{
    if (!s) {
        sv_buf_puts(b, "null");
        return;
    }
    sv_buf_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            char e[3] = {'\\', (char)*p, 0};
            sv_buf_puts(b, e);
        } else if (*p < 0x20 || *p == 0x7F) {
            sv_buf_printf(b, "\\u%04x", *p);
        } else {
            sv_buf_append(b, (const char *)p, 1);
        }
    }
    sv_buf_puts(b, "\"");
}

void sv_buf_free(sv_buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void sv_error(sv_response *r, unsigned status, const char *message)
{
    sv_buf_free(&r->body);
    r->status = status;
    r->ctype = "application/json";
    r->filename = NULL;
    sv_buf_printf(&r->body, "{\"error\":{\"status\":%u,\"message\":", status);
    sv_json_str(&r->body, message);
    sv_buf_puts(&r->body, "}}\n");
}
