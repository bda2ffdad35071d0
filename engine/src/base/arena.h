/* arena.h - bump allocator: one per loaded rule set, one per case.
 *
 * Everything allocated from an arena is freed at once by sk_arena_free().
 * Built with SK_DEBUG_ARENA, every allocation is a separate malloc so that
 * AddressSanitizer sees overflows inside the arena. */
#ifndef SK_ARENA_H
#define SK_ARENA_H

#include <stddef.h>

#include "samkoll/util.h"

typedef struct sk_arena_block sk_arena_block;

typedef struct sk_arena {
    sk_arena_block *head;  /* newest block; older ones chained behind it */
    size_t block_size;     /* size of ordinary blocks */
    size_t total;          /* bytes handed out, for limits and statistics */
} sk_arena;

void  sk_arena_init(sk_arena *a, size_t block_size);
/* Returns NULL only when malloc fails. n == 0 returns a valid pointer. */
void *sk_arena_alloc(sk_arena *a, size_t n);
void *sk_arena_calloc(sk_arena *a, size_t count, size_t size);
char *sk_arena_strndup(sk_arena *a, const char *s, size_t n);
char *sk_arena_strdup(sk_arena *a, const char *s);
/* printf into the arena; returns NULL on allocation failure. */
char *sk_arena_printf(sk_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Drops everything allocated; keeps one block for reuse. */
void  sk_arena_reset(sk_arena *a);
void  sk_arena_free(sk_arena *a);

#endif
