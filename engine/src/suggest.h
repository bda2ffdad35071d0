/* suggest.h - "did you mean": the closest name by edit distance.
 *
 * Names are compared after folding case and Swedish letters to ASCII
 * (å, ä -> a; ö -> o; é -> e), so `gemensam_nämnd` suggests
 * `gemensam_namnd`. */
#ifndef SK_SUGGEST_H
#define SK_SUGGEST_H

#include <stddef.h>

/* Returns the candidate closest to word, or NULL if none is close enough
 * (distance <= max(1, len/3) after folding). candidates is an array of n
 * strings; NULL entries are skipped. */
const char *sk_suggest(const char *word, const char *const *candidates, size_t n);
/* Edit distance after folding; exposed for tests. */
size_t sk_suggest_distance(const char *a, const char *b);

#endif
