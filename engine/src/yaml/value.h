/* value.h - the value tree built from YAML: every node keeps its position.
 *
 * Nodes live in the arena of the document they were loaded from. Maps keep
 * their pairs in source order; keys are scalar nodes so errors can point at
 * them. Case validation annotates nodes in place (vtype, v, field). */
#ifndef SK_VALUE_H
#define SK_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "samkoll/common.h"

typedef enum sk_vkind { SK_NULL, SK_SCALAR, SK_SEQ, SK_MAP } sk_vkind;

/* Typed interpretation of a scalar, set by validation against a schema. */
typedef enum sk_vtype {
    SK_VT_NONE,   /* not (yet) typed, or unknown */
    SK_VT_TEXT,   /* text, enum value, slug: compare as strings */
    SK_VT_BOOL,
    SK_VT_NUM,    /* integers and numbers */
    SK_VT_DATE    /* days since 1970-01-01 */
} sk_vtype;

typedef struct sk_node sk_node;
typedef struct sk_pair { sk_node *key; sk_node *val; } sk_pair;

struct sk_node {
    uint8_t kind;      /* sk_vkind */
    uint8_t quoted;    /* scalar was quoted (so "ja" is text, ja is a bool) */
    uint8_t vtype;     /* sk_vtype, for scalars after validation */
    uint8_t unknown;   /* validation: explicit unknown / null */
    uint32_t line, col;        /* 1-based source position */
    const char *file;          /* shared by all nodes of a document */
    sk_node *parent;           /* NULL for the root */
    uint32_t index;            /* position in parent's items or pairs */
    uint32_t len;              /* scalar bytes, or number of items/pairs */
    uint32_t size;             /* nodes in this subtree (alias accounting) */
    int32_t field;             /* key nodes: schema field index, else -1 */
    union {
        const char *s;         /* scalar text, NUL-terminated */
        sk_node **items;       /* SK_SEQ */
        sk_pair *pairs;        /* SK_MAP */
    } u;
    union {
        bool b;
        double num;
        int32_t days;
    } v;
    const void *aux;           /* validation: schema of a map, or the merged
                                  text node of a map with text_file */
};

/* Whether two names are equal; the first two bytes are compared inline,
 * which rules out nearly every other name of a schema or map before the
 * call to strcmp (keys sharing a first letter are common). */
static inline bool sk_name_eq(const char *a, const char *b)
{
    return a[0] == b[0] && (a[0] == '\0' || (a[1] == b[1] && strcmp(a + 1, b + 1) == 0));
}
/* The value of key in a map (by string), or NULL. */
sk_node *sk_map_get(const sk_node *map, const char *key);
/* Whether a and b hold the same n bytes. Up to 16 bytes by two
 * overlapping word loads inline (keys and field names are short), longer
 * by memcmp. */
static inline bool sk_bytes_eq(const char *a, const char *b, size_t n)
{
    uint64_t x, y, u, w;
    uint32_t c, d, e, f;
    if (n >= 8 && n <= 16) {
        memcpy(&x, a, 8), memcpy(&y, b, 8);
        memcpy(&u, a + n - 8, 8), memcpy(&w, b + n - 8, 8);
        return x == y && u == w;
    }
    if (n >= 4 && n < 8) {
        memcpy(&c, a, 4), memcpy(&d, b, 4);
        memcpy(&e, a + n - 4, 4), memcpy(&f, b + n - 4, 4);
        return c == d && e == f;
    }
    if (n > 16)
        return memcmp(a, b, n) == 0;
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}
/* The value of the key of len bytes in a map, or NULL: the length rules
 * out nearly every other key before a byte is compared. */
static inline sk_node *sk_map_get_n(const sk_node *map, const char *key, uint32_t len)
{
    if (!map || map->kind != SK_MAP)
        return NULL;
    for (uint32_t i = 0; i < map->len; i++) {
        const sk_node *k = map->u.pairs[i].key;
        if (k->len == len && sk_bytes_eq(k->u.s, key, len))
            return map->u.pairs[i].val;
    }
    return NULL;
}
/* The pair whose key has schema field index f, or NULL. */
const sk_pair *sk_map_field(const sk_node *map, int32_t f);
/* True for a node that states nothing: NULL, absent or marked unknown.
 * Inline: evaluation asks it at every step of every path. */
static inline bool sk_node_is_unknown(const sk_node *n)
{
    return !n || n->kind == SK_NULL || n->unknown;
}
/* Short English name of the node's shape, for "expected X, got Y". */
const char *sk_node_shape(const sk_node *n, sk_lang lang);

#endif
