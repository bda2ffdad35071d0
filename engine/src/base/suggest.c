/* suggest.c - Levenshtein distance over folded names (see suggest.h). */
#include "base/suggest.h"

#include <stdlib.h>
#include <string.h>

#define FOLD_MAX 128

/* Folds UTF-8 to lower-case ASCII where a Swedish letter has an obvious
 * ASCII counterpart; other bytes pass through. Returns the folded length. */
static size_t fold(const char *s, char *out, size_t outsz)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p && n + 1 < outsz) {
        if (p[0] == 0xC3 && p[1]) {
            unsigned c = p[1];
            char f = 0;
            if (c == 0xA5 || c == 0xA4 || c == 0x85 || c == 0x84 || c == 0xA0 || c == 0xA1)
                f = 'a';
            else if (c == 0xB6 || c == 0x96)
                f = 'o';
            else if (c == 0xA9 || c == 0x89 || c == 0xA8)
                f = 'e';
            else if (c == 0xBC || c == 0x9C)
                f = 'u';
            if (f) {
                out[n++] = f;
                p += 2;
                continue;
            }
        }
        unsigned char c = *p++;
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c == '-' || c == ' ')
            c = '_';
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return n;
}

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and transpositions of adjacent letters ("from" -> "form") cost 1. */
static size_t lev(const char *a, size_t na, const char *b, size_t nb)
{
    size_t rows[3][FOLD_MAX + 1];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

size_t sk_suggest_distance(const char *a, const char *b)
{
    char fa[FOLD_MAX], fb[FOLD_MAX];
    size_t na = fold(a, fa, sizeof fa), nb = fold(b, fb, sizeof fb);
    return lev(fa, na, fb, nb);
}

const char *sk_suggest(const char *word, const char *const *candidates, size_t n)
{
    char fw[FOLD_MAX];
    size_t nw = fold(word, fw, sizeof fw);
    size_t limit = nw / 3 > 1 ? nw / 3 : 1;
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (!candidates[i] || strcmp(candidates[i], word) == 0)
            continue;
        char fc[FOLD_MAX];
        size_t nc = fold(candidates[i], fc, sizeof fc);
        /* the distance is at least the difference in length: a candidate
         * that cannot come within the limit nor beat the best so far
         * cannot change the answer */
        size_t diff = nc > nw ? nc - nw : nw - nc;
        if (diff > limit || diff >= best_d)
            continue;
        size_t d = lev(fw, nw, fc, nc);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best_d <= limit ? best : NULL;
}
