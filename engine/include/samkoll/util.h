/* samkoll/util.h - small services the library shares with its front ends:
 * calendar dates, "did you mean" suggestions, and the arenas that hold
 * loaded cases (see samkoll/case.h, sk_source_next). */
#ifndef SAMKOLL_UTIL_H
#define SAMKOLL_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- dates: days since 1970-01-01 ------------------------------------ */

/* Parses exactly YYYY-MM-DD (a date that exists in the Gregorian calendar)
 * into days since 1970-01-01. Returns false otherwise. */
bool sk_date_parse(const char *s, size_t len, int32_t *days);
/* Formats days as YYYY-MM-DD into out (at least 11 bytes). */
void sk_date_format(int32_t days, char *out);
/* Today in UTC. */
int32_t sk_date_today(void);

/* ---- text --------------------------------------------------------------- */

/* Cuts a trailing incomplete UTF-8 sequence off the NUL-terminated s, as
 * left where a fixed buffer truncated a message inside a character;
 * returns s. */
char *sk_utf8_trim_partial(char *s);

/* ---- "did you mean" -------------------------------------------------- */

/* Names are compared after folding case and Swedish letters to ASCII
 * (å, ä -> a; ö -> o; é -> e), so `gemensam_nämnd` suggests
 * `gemensam_namnd`. Returns the candidate closest to word, or NULL if none
 * is close enough (distance <= max(1, len/3) after folding). candidates is
 * an array of n strings; NULL entries are skipped. */
const char *sk_suggest(const char *word, const char *const *candidates, size_t n);
/* Edit distance after folding; exposed for tests. */
size_t sk_suggest_distance(const char *a, const char *b);

/* ---- arenas ----------------------------------------------------------- */

typedef struct sk_arena sk_arena;

/* A new, empty arena on the heap (NULL when out of memory). Everything
 * loaded into it is freed at once by sk_arena_destroy. */
sk_arena *sk_arena_new(void);
/* Frees everything allocated in a and a itself; a may be NULL. */
void sk_arena_destroy(sk_arena *a);

#endif
