/* arena.c - bump allocator with chained blocks (see arena.h). */
#include "base/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SK_ALIGN 16u

void sk_arena_init(sk_arena *a, size_t block_size)
{
    a->head = NULL;
    a->block_size = block_size ? block_size : 16384;
    a->total = 0;
}

static sk_arena_block *block_new(size_t size)
{
    if (size > SIZE_MAX - sizeof(sk_arena_block))
        return NULL;
    sk_arena_block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->size = size;
    b->used = 0;
    return b;
}

void *sk_arena_alloc_slow(sk_arena *a, size_t n)
{
    if (n > SIZE_MAX - SK_ALIGN)
        return NULL;
    n = (n + SK_ALIGN - 1) & ~(size_t)(SK_ALIGN - 1);
    if (n == 0)
        n = SK_ALIGN;
#ifdef SK_DEBUG_ARENA
    sk_arena_block *b = block_new(n);
    if (!b)
        return NULL;
    b->used = n;
    b->next = a->head;
    a->head = b;
    a->total += n;
    return b->data;
#else
    sk_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t want = n > a->block_size / 4 ? n : a->block_size;
        sk_arena_block *nb = block_new(want);
        if (!nb)
            return NULL;
        if (want == n && b) {
            /* big allocation: chain behind the current block so the
             * current block keeps serving small ones */
            nb->next = b->next;
            b->next = nb;
            nb->used = n;
            a->total += n;
            return nb->data;
        }
        nb->next = b;
        a->head = b = nb;
    }
    void *p = b->data + b->used;
    b->used += n;
    a->total += n;
    return p;
#endif
}

void *sk_arena_calloc(sk_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = sk_arena_alloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

char *sk_arena_strndup(sk_arena *a, const char *s, size_t n)
{
    char *p = sk_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *sk_arena_strdup(sk_arena *a, const char *s)
{
    return sk_arena_strndup(a, s, strlen(s));
}

char *sk_arena_printf(sk_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = sk_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

static void free_chain(sk_arena_block *b)
{
    while (b) {
        sk_arena_block *next = b->next;
        free(b);
        b = next;
    }
}

void sk_arena_reset(sk_arena *a)
{
#ifdef SK_DEBUG_ARENA
    free_chain(a->head);
    a->head = NULL;
#else
    /* keep one ordinary block for the next case: no malloc per case */
    sk_arena_block *keep = NULL, *b = a->head;
    while (b) {
        sk_arena_block *next = b->next;
        if (!keep && b->size == a->block_size) {
            keep = b;
            keep->next = NULL;
            keep->used = 0;
        } else {
            free(b);
        }
        b = next;
    }
    a->head = keep;
#endif
    a->total = 0;
}

void sk_arena_free(sk_arena *a)
{
    free_chain(a->head);
    a->head = NULL;
    a->total = 0;
}

sk_arena *sk_arena_new(void)
{
    sk_arena *a = malloc(sizeof *a);
    if (a)
        sk_arena_init(a, 32768);
    return a;
}

void sk_arena_destroy(sk_arena *a)
{
    if (!a)
        return;
    sk_arena_free(a);
    free(a);
}
