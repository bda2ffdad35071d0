/* diag.c - collecting and formatting positioned diagnostics. */
#include "base/diag.h"
#include "base/utf8.h"
#include "samkoll/limits.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[SK_ST__COUNT] = {
    [SK_ST_PASS] = "pass", [SK_ST_NOT_APPLICABLE] = "not_applicable",
    [SK_ST_WAIVED] = "waived", [SK_ST_UNKNOWN] = "unknown",
    [SK_ST_WARN] = "warn", [SK_ST_FAIL] = "fail", [SK_ST_ERROR] = "error",
};

const char *sk_status_name(sk_status s)
{
    return (unsigned)s < SK_ST__COUNT ? status_names[s] : "?";
}

int sk_status_parse(const char *name)
{
    for (int i = 0; i < SK_ST__COUNT; i++)
        if (strcmp(name, status_names[i]) == 0)
            return i;
    return -1;
}

int sk_status_rank(sk_status s)
{
    return (int)s; /* the enum is declared in rank order */
}

void sk_diags_init(sk_diags *d, sk_lang lang)
{
    memset(d, 0, sizeof *d);
    d->lang = lang;
}

void sk_diags_free(sk_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
        free(d->items[i].hint);
    }
    free(d->items);
    sk_lang lang = d->lang;
    sk_diags_init(d, lang);
}

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

/* A copy that does not end inside a UTF-8 character. */
static char *dup_trimmed(const char *s)
{
    char *p = dupstr(s);
    return p ? sk_utf8_trim_partial(p) : NULL;
}

static void diag_push(sk_diags *d, sk_diag_level level, const char *file,
                                   unsigned line, unsigned col, const char *hint,
                                   const char *message);

/* Past the cap: the last item says how many more there were. */
static void count_dropped(sk_diags *d, sk_diag_level level, const char *file, size_t n)
{
    enum { MORE_LEN = 160 };
    size_t before = d->dropped;
    d->dropped += n;
    if (before == 0) {
        diag_push(d, level, file, 0, 0, NULL, "");
        sk_diag *g = &d->items[d->count - 1];
        char *m = realloc(g->message, MORE_LEN);
        if (!m)
            return;
        g->message = m;
    }
    sk_diag *g = &d->items[d->count - 1];
    if (g->message)
        snprintf(g->message, MORE_LEN, sk_msg_fmt(M_MORE_DIAGNOSTICS, d->lang), d->dropped,
                 SK_MAX_DIAGNOSTICS);
}

void sk_diag_addv(sk_diags *d, sk_diag_level level, const char *file,
                  unsigned line, unsigned col, const char *hint,
                  const char *message)
{
    if (d->count >= SK_MAX_DIAGNOSTICS) {
        if (level == SK_DIAG_ERROR)
            d->errors++;
        count_dropped(d, level, file, 1);
        return;
    }
    diag_push(d, level, file, line, col, hint, message);
}

static void diag_push(sk_diags *d, sk_diag_level level, const char *file,
                                   unsigned line, unsigned col, const char *hint,
                                   const char *message)
{
    if (level == SK_DIAG_ERROR)
        d->errors++;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        sk_diag *p = realloc(d->items, cap * sizeof *p);
        if (!p) {
            d->failed = true;
            return;
        }
        d->items = p;
        d->cap = cap;
    }
    sk_diag *g = &d->items[d->count++];
    g->level = level;
    g->file = sk_display_name(file ? file : ""); /* safe in every report */
    g->line = line;
    g->col = col;
    /* a message cut by a fixed buffer must not end inside a character */
    g->message = dup_trimmed(message);
    g->hint = dup_trimmed(hint);
    if (!g->file || (message && !g->message) || (hint && !g->hint))
        d->failed = true;
}

void sk_diag_add(sk_diags *d, sk_diag_level level, const char *file,
                 unsigned line, unsigned col, const char *hint, sk_msg id, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, id);
    vsnprintf(msg, sizeof msg, sk_msg_fmt(id, d->lang), ap);
    va_end(ap);
    sk_diag_addv(d, level, file, line, col, hint, msg);
}

void sk_diags_move(sk_diags *dst, sk_diags *src)
{
    sk_diags_append(dst, src);
    sk_diags_free(src);
}

void sk_diags_append(sk_diags *dst, const sk_diags *src)
{
    dst->failed |= src->failed;
    /* src's "… and N more" item, if any, is its last: carried as a count */
    size_t kept = src->dropped ? src->count - 1 : src->count;
    for (size_t i = 0; i < kept; i++) {
        sk_diag *g = &src->items[i];
        sk_diag_addv(dst, g->level, g->file, g->line, g->col, g->hint,
                     g->message);
    }
    if (src->dropped) {
        sk_diag *g = &src->items[src->count - 1];
        count_dropped(dst, g->level, g->file, src->dropped);
        dst->errors += g->level == SK_DIAG_ERROR ? src->dropped : 0;
    }
}

void sk_diag_format(const sk_diag *g, sk_lang lang, char *out, size_t outsz)
{
    char pos[64] = "";
    if (g->line && g->col)
        snprintf(pos, sizeof pos, ":%u:%u", g->line, g->col);
    else if (g->line)
        snprintf(pos, sizeof pos, ":%u", g->line);
    const char *lvl = sk_msg_fmt(g->level == SK_DIAG_ERROR ? M_ERROR : M_WARNING, lang);
    char hint[256] = "";
    if (g->hint) {
        char h[200];
        snprintf(h, sizeof h, sk_msg_fmt(M_DIDYOUMEAN, lang), g->hint);
        snprintf(hint, sizeof hint, " (%s)", sk_utf8_trim_partial(h));
        sk_utf8_trim_partial(hint);
    }
    snprintf(out, outsz, "%s%s: %s: %s%s", g->file, pos, lvl, g->message, hint);
    sk_utf8_trim_partial(out);
}

void sk_diags_print(const sk_diags *d, FILE *f)
{
    char line[1400];
    for (size_t i = 0; i < d->count; i++) {
        sk_diag_format(&d->items[i], d->lang, line, sizeof line);
        fprintf(f, "%s\n", line);
    }
}

void sk_diag_add_text(sk_diags *d, const char *file, unsigned line, unsigned col,
                      const char *hint, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_diag_addv(d, SK_DIAG_ERROR, file, line, col, hint, msg);
}
