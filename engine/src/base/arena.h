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

/* A block of an arena. In the header only so that sk_arena_alloc's common
 * case (the current block has room) is inline; touch it only in arena.c. */
struct sk_arena_block {
    sk_arena_block *next;
    size_t size;  /* usable bytes after the header */
    size_t used;
    _Alignas(16) unsigned char data[];
};

typedef struct sk_arena {
    sk_arena_block *head;  /* newest block; older ones chained behind it */
    size_t block_size;     /* size of ordinary blocks */
    size_t total;          /* bytes handed out, for limits and statistics */
} sk_arena;

void  sk_arena_init(sk_arena *a, size_t block_size);
/* Returns NULL only when malloc fails. n == 0 returns a valid pointer. */
void *sk_arena_alloc_slow(sk_arena *a, size_t n);
/* n bytes, 16-aligned; NULL on failure. Inline when the current block has
 * room (hundreds of thousands of calls per 1,000 cases); the rest, and
 * SK_DEBUG_ARENA's one malloc per allocation, in sk_arena_alloc_slow. */
static inline void *sk_arena_alloc(sk_arena *a, size_t n)
{
#ifndef SK_DEBUG_ARENA
    sk_arena_block *b = a->head;
    size_t r = (n + 15u) & ~(size_t)15u;
    if (b && n - 1 < r && r <= b->size - b->used) {
        void *p = b->data + b->used;
        b->used += r;
        a->total += r;
        return p;
    }
#endif
    return sk_arena_alloc_slow(a, n);
}
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
