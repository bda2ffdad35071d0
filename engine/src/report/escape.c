/* escape.c - text made safe for each output syntax: JSON strings, XML and
 * HTML text and attributes, Markdown. Shared by the writers. */
#include <string.h>

#include "report/report_int.h"

void sk_json_str(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    if (s) {
        const unsigned char *p = (const unsigned char *)s;
        size_t run = 0;
        for (; p[run]; ) {
            unsigned char c = p[run];
            if (c >= 0x20 && c != '"' && c != '\\') {
                run++;
                continue;
            }
            sk_buf_append(b, (const char *)p, run);
            p += run;
            run = 0;
            switch (c) {
            case '"': sk_buf_puts(b, "\\\""); break;
            case '\\': sk_buf_puts(b, "\\\\"); break;
            case '\n': sk_buf_puts(b, "\\n"); break;
            case '\r': sk_buf_puts(b, "\\r"); break;
            case '\t': sk_buf_puts(b, "\\t"); break;
            default: sk_buf_printf(b, "\\u%04x", c); break;
            }
            p++;
        }
        sk_buf_append(b, (const char *)p, run);
    }
    sk_buf_putc(b, '"');
}

void sk_json_missing(sk_buf *b, const sk_finding *f, sk_buf *tmp)
{
    sk_buf_putc(b, '[');
    for (uint16_t i = 0; i < f->nmissing; i++) {
        if (i)
            sk_buf_putc(b, ',');
        sk_buf_clear(tmp);
        sk_fact_path(&f->missing[i], tmp);
        sk_json_str(b, sk_buf_cstr(tmp));
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
