/* case_json.c - a case's facts as JSON (sk_case_write_json): the value
 * tree as loaded and typed, keys in source order. A front end that edits
 * cases in a form (the web app of `samkoll serve`) reads a case file
 * through it. */
#include <math.h>
#include <string.h>
#include <stdio.h>

#include "base/date.h"
#include "case/case_int.h"
#include "report/report_int.h"

static void json_scalar(sk_buf *b, const sk_node *n)
{
    if (n->unknown) {
        /* `unknown` is written as stated; `~`, `null` and nothing as null */
        if (n->kind == SK_SCALAR && n->u.s && !strcmp(n->u.s, "unknown"))
            sk_buf_puts(b, "\"unknown\"");
        else
            sk_buf_puts(b, "null");
        return;
    }
    switch ((sk_vtype)n->vtype) {
    case SK_VT_BOOL:
        sk_buf_puts(b, n->v.b ? "true" : "false");
        return;
    case SK_VT_NUM:
        if (isfinite(n->v.num) && n->v.num == (double)(long long)n->v.num)
            sk_buf_printf(b, "%lld", (long long)n->v.num);
        else if (isfinite(n->v.num))
            sk_buf_printf(b, "%.17g", n->v.num);
        else
            sk_json_str(b, n->u.s);
        return;
    case SK_VT_DATE: {
        char d[11];
        sk_date_format(n->v.days, d);
        sk_json_str(b, d);
        return;
    }
    case SK_VT_NONE:
    case SK_VT_TEXT:
        break;
    }
    sk_json_str(b, n->u.s);
}

static void json_node(sk_buf *b, const sk_node *n)
{
    if (!n) {
        sk_buf_puts(b, "null");
        return;
    }
    switch ((sk_vkind)n->kind) {
    case SK_NULL:
        sk_buf_puts(b, "null");
        return;
    case SK_SCALAR:
        json_scalar(b, n);
        return;
    case SK_SEQ:
        sk_buf_putc(b, '[');
        for (uint32_t i = 0; i < n->len; i++) {
            if (i)
                sk_buf_putc(b, ',');
            json_node(b, n->u.items[i]);
        }
        sk_buf_putc(b, ']');
        return;
    case SK_MAP:
        sk_buf_putc(b, '{');
        for (uint32_t i = 0; i < n->len; i++) {
            if (i)
                sk_buf_putc(b, ',');
            sk_json_str(b, n->u.pairs[i].key->u.s);
            sk_buf_putc(b, ':');
            json_node(b, n->u.pairs[i].val);
        }
        sk_buf_putc(b, '}');
        return;
    }
}

sk_rc sk_case_write_json(const sk_case *c, FILE *out)
{
    sk_buf b;
    sk_buf_init(&b, 0);
    json_node(&b, c->root);
    int ok = fwrite(sk_buf_cstr(&b), 1, b.len, out) == b.len;
    sk_buf_free(&b);
    return ok ? SK_OK : SK_EIO;
}
