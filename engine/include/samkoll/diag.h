/* samkoll/diag.h - positioned diagnostics, collected per call.
 *
 * Every error samkoll reports about an input names file:line:column (1-based)
 * and says what was expected; where a name is close to a valid one it adds a
 * "did you mean" hint. Diagnostics accumulate in an sk_diags owned by the
 * caller: there is no global error state. */
#ifndef SAMKOLL_DIAG_H
#define SAMKOLL_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "samkoll/common.h"

typedef enum sk_diag_level { SK_DIAG_ERROR, SK_DIAG_WARNING } sk_diag_level;

typedef struct sk_diag {
    sk_diag_level level;
    char *file;      /* owned; "" when the input has no name */
    unsigned line;   /* 1-based; 0 = whole file */
    unsigned col;    /* 1-based; 0 = whole line */
    char *message;   /* owned, in the diags' language */
    char *hint;      /* owned "did you mean" suggestion value or NULL */
} sk_diag;

typedef struct sk_diags {
    sk_diag *items;
    size_t count;
    size_t cap;
    size_t errors;
    bool failed;     /* a diagnostic was lost for want of memory */
    size_t dropped;  /* diagnostics past SK_MAX_DIAGNOSTICS: counted in the
                        last item ("… and N more"), not kept */
    sk_lang lang;    /* language of messages added */
} sk_diags;

void sk_diags_init(sk_diags *d, sk_lang lang);
void sk_diags_free(sk_diags *d);
/* Moves every diagnostic of src to the end of dst; src is left empty. */
void sk_diags_move(sk_diags *dst, sk_diags *src);
/* "file:line:col: fel: message (menade du 'hint'?)" in d's language. */
void sk_diag_format(const sk_diag *g, sk_lang lang, char *out, size_t outsz);
/* Adds an error at file:line:col with a front end's own message (printf
 * format fmt, in d's language) and an optional "did you mean" hint. */
void sk_diag_add_text(sk_diags *d, const char *file, unsigned line, unsigned col,
                      const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Writes every diagnostic of d to f, one line each, in d's language. */
void sk_diags_print(const sk_diags *d, FILE *f);

#endif
